//! The rows of a sheet, kept compactly: every cell's text one after another, with where each
//! cell ends and where each row starts. A CSV reader's records take a buffer, a machine word per
//! cell and a heap block each: 83 MB for 100,000 rows of 72 mostly empty columns, where this
//! takes the text and two bytes a cell. The rows are held in blocks of about a megabyte of
//! text, so that a reader going through them once ([`Rows::consume`]) gives each block back as
//! soon as it is past it: an import's new creators grow as its rows shrink.

/// Rows of cells, each with the line it starts on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    blocks: Vec<Block>,
    /// How many rows there are in all.
    len: usize,
    /// How much text the rows hold in all.
    held: usize,
    /// The most text the rows may hold.
    limit: usize,
    /// The row being added, its cells' ends.
    scratch: Vec<u32>,
    /// How many cells a row has, and how many bytes of text, as told by [`Rows::reserve`]:
    /// what a new block makes room for.
    shape: (usize, usize),
}

/// About a megabyte of rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Block {
    text: String,
    /// Where each cell ends, counted from the start of its row: two bytes a cell.
    ends: Vec<u16>,
    /// The same for the rare row of more than 64 KB of text.
    wide: Vec<u32>,
    rows: Vec<Row>,
}

/// How much text a block takes before the next row starts a new one.
const BLOCK: usize = 1 << 20;

/// Where one row is: its line, where its text starts in its block, and where its cells' ends
/// are.
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

impl Block {
    /// A block with room for rows of the `shape` told (cells, bytes of text); one that grows
    /// as rows come when nothing was told.
    fn new((cells, bytes): (usize, usize)) -> Block {
        if bytes == 0 {
            return Block::default();
        }
        let rows = BLOCK / bytes + 1;
        Block {
            // Room for the row that takes it past a megabyte too, as long as it is not huge.
            text: String::with_capacity(BLOCK + (bytes.max(64) * 4).min(BLOCK)),
            ends: Vec::with_capacity(rows.saturating_mul(cells)),
            wide: Vec::new(),
            rows: Vec::with_capacity(rows),
        }
    }

    /// The row at `i`: its line and cells.
    fn get(&self, i: usize) -> Option<(u64, Cells<'_>)> {
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

    fn iter(&self) -> impl Iterator<Item = (u64, Cells<'_>)> {
        (0..self.rows.len()).filter_map(|i| self.get(i))
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
            limit,
            ..Rows::default()
        }
    }

    /// Adds a row of `cells` that starts on `line`.
    pub fn push<'c>(
        &mut self,
        line: u64,
        cells: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), TooLarge> {
        let full = self.blocks.last().is_none_or(|b| b.text.len() >= BLOCK);
        if full {
            self.blocks.push(Block::new(self.shape));
        }
        let Some(block) = self.blocks.last_mut() else {
            return Err(TooLarge);
        };
        let start = block.text.len();
        self.scratch.clear();
        for cell in cells {
            if self.held + (block.text.len() - start) + cell.len() > self.limit
                || block.text.len() + cell.len() > u32::MAX as usize
            {
                // The row is not half added.
                block.text.truncate(start);
                return Err(TooLarge);
            }
            block.text.push_str(cell);
            self.scratch.push((block.text.len() - start) as u32);
        }
        let length = block.text.len() - start;
        let wide = length > u16::MAX as usize;
        let first = if wide {
            block.wide.len()
        } else {
            block.ends.len()
        };
        if wide {
            block.wide.extend_from_slice(&self.scratch);
        } else {
            block.ends.extend(self.scratch.iter().map(|&e| e as u16));
        }
        block.rows.push(Row {
            line,
            start: start as u32,
            first: first as u32,
            cells: self.scratch.len() as u32,
            wide,
        });
        self.held += length;
        self.len += 1;
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row at `i`: its line and cells.
    pub fn get(&self, mut i: usize) -> Option<(u64, Cells<'_>)> {
        for block in &self.blocks {
            match block.rows.len() {
                n if i < n => return block.get(i),
                n => i -= n,
            }
        }
        None
    }

    /// Every row in order, with its line.
    pub fn iter(&self) -> impl Iterator<Item = (u64, Cells<'_>)> {
        self.blocks.iter().flat_map(Block::iter)
    }

    /// Goes through every row in order once, giving back each block of rows once past it.
    pub fn consume(self, mut each: impl FnMut(u64, Cells<'_>)) {
        for block in self.blocks {
            for (line, cells) in block.iter() {
                each(line, cells);
            }
        }
    }

    /// Leaves out the first `n` rows (those above the data: a title, the headers).
    pub fn skip(&mut self, n: usize) {
        let mut left = n.min(self.len);
        self.len -= left;
        for block in &mut self.blocks {
            let here = left.min(block.rows.len());
            block.rows.drain(..here);
            left -= here;
        }
        self.blocks.retain(|b| !b.rows.is_empty());
    }

    /// Says that about `rows` more rows of `cells` cells and `text` bytes in all are coming,
    /// for each new block to make room for its share at once instead of by doubling (which
    /// holds the old and the new lists while it copies).
    pub fn reserve(&mut self, rows: usize, cells: usize, text: usize) {
        self.shape = (cells, text / rows.max(1));
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

    #[test]
    fn rows_over_many_blocks_are_read_in_order_and_used_up_once() {
        let mut rows = Rows::new();
        rows.reserve(3000, 3, 3000 * 1200);
        let cell = "x".repeat(1000);
        for line in 1..=3000u64 {
            rows.push(line, [line.to_string().as_str(), cell.as_str(), ""])
                .unwrap();
        }
        assert!(rows.blocks.len() >= 3, "{} blocks", rows.blocks.len());
        rows.skip(2);
        assert_eq!(rows.len(), 2998);
        assert_eq!(rows.get(0).unwrap().1.get(0), Some("3"));
        assert_eq!(rows.get(2997).unwrap().1.get(0), Some("3000"));
        assert!(rows.get(2998).is_none());
        let through_iter: Vec<u64> = rows.iter().map(|(line, _)| line).collect();
        let mut consumed = Vec::new();
        rows.consume(|line, cells| {
            assert_eq!(cells.get(0), Some(line.to_string().as_str()));
            assert_eq!((cells.len(), cells.get(1).map(str::len)), (3, Some(1000)));
            consumed.push(line);
        });
        assert_eq!(consumed, (3..=3000).collect::<Vec<u64>>());
        assert_eq!(through_iter, consumed);
    }

    #[test]
    fn the_limit_counts_the_text_of_every_block() {
        let mut rows = Rows::with_limit(BLOCK + 10);
        let cell = "y".repeat(BLOCK / 2);
        rows.push(1, [cell.as_str()]).unwrap();
        rows.push(2, [cell.as_str()]).unwrap();
        // The third starts a block of its own, and would take the text past the limit.
        assert_eq!(rows.push(3, [cell.as_str()]), Err(TooLarge));
        rows.push(4, ["0123456789"]).unwrap();
        assert_eq!(rows.push(5, ["z"]), Err(TooLarge));
        let lines: Vec<u64> = rows.iter().map(|(line, _)| line).collect();
        assert_eq!(lines, [1, 2, 4]);
    }
}
