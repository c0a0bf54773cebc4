//! The rows of a sheet, kept compactly: every cell's text one after another in one string, with
//! where each cell ends and where each row starts. A CSV reader's records take a buffer, a
//! machine word per cell and a heap block each: 83 MB for 100,000 rows of 72 mostly empty
//! columns, where this takes the text and two bytes a cell.

/// Rows of cells, each with the line it starts on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    text: String,
    /// Where each cell ends, counted from the start of its row: two bytes a cell.
    ends: Vec<u16>,
    /// The same for the rare row of more than 64 KB of text.
    wide: Vec<u32>,
    rows: Vec<Row>,
    /// The most text the rows may hold (a row's start must fit in four bytes).
    limit: usize,
    /// The row being added, its cells' ends.
    scratch: Vec<u32>,
}

/// Where one row is: its line, where its text starts, and where its cells' ends are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Row {
    line: u64,
    start: u32,
    /// The place of its first cell's end in `ends` (or `wide`).
    first: u32,
    cells: u32,
    wide: bool,
}

/// More text than [`Rows`] can hold.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// The cells of one row.
#[derive(Clone, Copy, Debug)]
pub struct Cells<'a> {
    /// The row's text.
    text: &'a str,
    ends: Ends<'a>,
}

#[derive(Clone, Copy, Debug)]
enum Ends<'a> {
    Narrow(&'a [u16]),
    Wide(&'a [u32]),
}

impl Ends<'_> {
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            Ends::Narrow(e) => e.get(i).map(|&e| e as usize),
            Ends::Wide(e) => e.get(i).map(|&e| e as usize),
        }
    }

    fn len(&self) -> usize {
        match self {
            Ends::Narrow(e) => e.len(),
            Ends::Wide(e) => e.len(),
        }
    }
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
        let start = self.text.len();
        self.scratch.clear();
        for cell in cells {
            if self.text.len() + cell.len() > self.limit {
                // The row is not half added.
                self.text.truncate(start);
                return Err(TooLarge);
            }
            self.text.push_str(cell);
            self.scratch.push((self.text.len() - start) as u32);
        }
        let wide = self.text.len() - start > u16::MAX as usize;
        let first = if wide {
            self.wide.len()
        } else {
            self.ends.len()
        };
        if wide {
            self.wide.extend_from_slice(&self.scratch);
        } else {
            self.ends.extend(self.scratch.iter().map(|&e| e as u16));
        }
        self.rows.push(Row {
            line,
            start: start as u32,
            first: first as u32,
            cells: self.scratch.len() as u32,
            wide,
        });
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
        let row = *self.rows.get(i)?;
        let (first, count) = (row.first as usize, row.cells as usize);
        let ends = if row.wide {
            Ends::Wide(self.wide.get(first..first + count)?)
        } else {
            Ends::Narrow(self.ends.get(first..first + count)?)
        };
        let start = row.start as usize;
        let end = start + count.checked_sub(1).and_then(|l| ends.get(l)).unwrap_or(0);
        Some((
            row.line,
            Cells {
                text: self.text.get(start..end)?,
                ends,
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

    /// Makes room for `rows` more rows of `cells` cells and `text` bytes in all.
    pub fn reserve(&mut self, rows: usize, cells: usize, text: usize) {
        self.rows.reserve(rows);
        self.ends.reserve(rows.saturating_mul(cells));
        self.text.reserve(text.min(self.limit));
    }
}

impl<'a> Cells<'a> {
    /// The cell at `i`, if the row has one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        let end = self.ends.get(i)?;
        let start = match i {
            0 => 0,
            _ => self.ends.get(i - 1)?,
        };
        self.text.get(start..end)
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.len() == 0
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
    fn a_row_of_more_than_64_kb_keeps_its_cells() {
        let long = "長".repeat(30_000);
        let mut rows = Rows::new();
        rows.push(1, ["a", "b"]).unwrap();
        rows.push(2, [long.as_str(), "", "end"]).unwrap();
        rows.push(3, ["", "c"]).unwrap();
        let all: Vec<Vec<&str>> = rows.iter().map(|(_, c)| c.iter().collect()).collect();
        assert_eq!(
            all,
            [
                vec!["a", "b"],
                vec![long.as_str(), "", "end"],
                vec!["", "c"]
            ]
        );
        assert_eq!(rows.get(1).unwrap().1.get(2), Some("end"));
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
