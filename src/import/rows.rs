//! The rows of a sheet, kept compactly: every cell's text one after another in one string, with
//! where each cell ends and where each row starts. A CSV reader's records take a buffer, a
//! machine word per cell and a heap block each: 83 MB for 100,000 rows of 72 mostly empty
//! columns, where this takes the text and four bytes a cell.

/// Rows of cells, each with the line it starts on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
    /// Each row's line and the place of its first cell in `ends`.
    rows: Vec<(u64, u32)>,
    /// The most text the rows may hold (a cell's end must fit in four bytes).
    limit: usize,
}

/// More text than [`Rows`] can hold.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The cells of one row.
#[derive(Clone, Copy, Debug)]
pub struct Cells<'a> {
    text: &'a str,
    ends: &'a [u32],
    /// Where the first cell starts in `text`.
    start: usize,
}

impl Rows {
    /// No rows yet.
    pub fn new() -> Rows {
        Rows::with_limit(u32::MAX as usize)
    }

    /// No rows yet, holding at most `limit` bytes of text.
    pub fn with_limit(limit: usize) -> Rows {
        Rows {
            limit: limit.min(u32::MAX as usize),
            ..Rows::default()
        }
    }

    /// Adds a row of `cells` that starts on `line`.
    pub fn push<'c>(
        &mut self,
        line: u64,
        cells: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), TooLarge> {
        let (text, ends) = (self.text.len(), self.ends.len());
        self.rows.push((line, ends as u32));
        for cell in cells {
            if self.text.len() + cell.len() > self.limit {
                // The row is not half added.
                self.rows.pop();
                self.text.truncate(text);
                self.ends.truncate(ends);
                return Err(TooLarge);
            }
            self.text.push_str(cell);
            self.ends.push(self.text.len() as u32);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row at `i`: its line and cells.
    pub fn get(&self, i: usize) -> Option<(u64, Cells<'_>)> {
        let &(line, first) = self.rows.get(i)?;
        let first = first as usize;
        let end = self
            .rows
            .get(i + 1)
            .map_or(self.ends.len(), |&(_, next)| next as usize);
        let start = match first {
            0 => 0,
            _ => *self.ends.get(first - 1)? as usize,
        };
        Some((
            line,
            Cells {
                text: &self.text,
                ends: self.ends.get(first..end)?,
                start,
            },
        ))
    }

    /// Every row in order, with its line.
    pub fn iter(&self) -> impl Iterator<Item = (u64, Cells<'_>)> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Leaves out the first `n` rows (those above the data: a title, the headers).
    pub fn skip(&mut self, n: usize) {
        self.rows.drain(..n.min(self.rows.len()));
    }
}

impl<'a> Cells<'a> {
    /// The cell at `i`, if the row has one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i {
            0 => self.start,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..end)
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cells in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let cells = *self;
        (0..cells.len()).filter_map(move |i| cells.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_give_back_their_cells_and_lines() {
        let mut rows = Rows::new();
        rows.push(1, ["name", "handle", ""]).unwrap();
        rows.push(3, ["", "日記", "x,y"]).unwrap();
        rows.push(4, []).unwrap();
        rows.push(5, ["last"]).unwrap();
        let all: Vec<(u64, Vec<&str>)> =
            rows.iter().map(|(l, c)| (l, c.iter().collect())).collect();
        assert_eq!(
            all,
            [
                (1, vec!["name", "handle", ""]),
                (3, vec!["", "日記", "x,y"]),
                (4, vec![]),
                (5, vec!["last"])
            ]
        );
        let (_, second) = rows.get(1).unwrap();
        assert_eq!(
            (second.len(), second.get(1), second.get(3)),
            (3, Some("日記"), None)
        );
        rows.skip(2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows.get(1).unwrap().1.get(0), Some("last"));
        assert!(rows.get(2).is_none());
    }

    #[test]
    fn a_row_past_the_limit_is_refused_whole() {
        let mut rows = Rows::with_limit(10);
        rows.push(1, ["12345"]).unwrap();
        assert_eq!(rows.push(2, ["123", "456"]), Err(TooLarge));
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows.iter()
                .map(|(_, c)| c.iter().collect::<Vec<_>>())
                .collect::<Vec<_>>(),
            [vec!["12345"]]
        );
        rows.push(3, ["12345"]).unwrap();
        assert_eq!(rows.get(1).unwrap().1.get(0), Some("12345"));
    }
}
