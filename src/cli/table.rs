//! Plain-text tables that fit the terminal: columns shrink to their minimum, then the least
//! important disappear; cells are cut with `…`; a Chinese character counts as two columns.

use crate::display::{escape, pad, truncate, width};

/// One column of a table.
#[derive(Clone, Debug)]
pub struct Column {
    pub header: &'static str,
    /// Numbers are right-aligned.
    pub right: bool,
    /// How narrow the column may get before it is dropped instead; the header never shrinks.
    pub min: usize,
    /// Higher is kept longer when the table must lose columns.
    pub keep: u8,
}

impl Column {
    /// A left-aligned column.
    pub fn text(header: &'static str, min: usize, keep: u8) -> Column {
        Column {
            header,
            right: false,
            min,
            keep,
        }
    }

    /// A right-aligned column that is not shortened.
    pub fn number(header: &'static str, keep: u8) -> Column {
        Column {
            header,
            right: true,
            min: usize::MAX,
            keep,
        }
    }
}

const GAP: usize = 2;

/// The table as lines, fitted to `max_width` columns when given. Cells are escaped.
pub fn render(columns: &[Column], rows: &[Vec<String>], max_width: Option<usize>) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| escape(c).into_owned()).collect())
        .collect();
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .map(|r| r.get(i).map_or(0, |s| width(s)))
                .max()
                .unwrap_or(0)
                .max(width(c.header))
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let mut widths = natural.clone();
    if let Some(max) = max_width {
        fit(columns, &natural, &mut shown, &mut widths, max);
    }
    let mut out = String::new();
    let mut line = |values: &mut dyn Iterator<Item = (usize, &str)>| {
        let parts: Vec<String> = values
            .map(|(i, text)| {
                let cut = truncate(text, widths[i]);
                pad(&cut, widths[i], columns[i].right)
            })
            .collect();
        out.push_str(parts.join(&" ".repeat(GAP)).trim_end());
        out.push('\n');
    };
    line(&mut shown.iter().map(|&i| (i, columns[i].header)));
    for row in &cells {
        line(
            &mut shown
                .iter()
                .map(|&i| (i, row.get(i).map_or("", String::as_str))),
        );
    }
    out
}

/// Shrinks and drops columns until the table is at most `max` wide.
fn fit(
    columns: &[Column],
    natural: &[usize],
    shown: &mut Vec<usize>,
    widths: &mut [usize],
    max: usize,
) {
    let total = |shown: &[usize], widths: &[usize]| {
        shown.iter().map(|&i| widths[i]).sum::<usize>() + GAP * shown.len().saturating_sub(1)
    };
    loop {
        let mut excess = total(shown, widths).saturating_sub(max);
        if excess == 0 {
            return;
        }
        // Shrink the widest shrinkable column first, a column at a time.
        while excess > 0 {
            let candidate = shown
                .iter()
                .copied()
                .filter(|&i| {
                    columns[i].min != usize::MAX
                        && widths[i] > columns[i].min.max(width(columns[i].header))
                })
                .max_by_key(|&i| widths[i]);
            let Some(i) = candidate else { break };
            let floor = columns[i].min.max(width(columns[i].header));
            let cut = (widths[i] - floor).min(excess);
            widths[i] -= cut;
            excess -= cut;
        }
        if excess == 0 {
            return;
        }
        // Still too wide: drop the least important column and start again from natural widths.
        let Some(&drop) = shown
            .iter()
            .min_by_key(|&&i| (columns[i].keep, std::cmp::Reverse(i)))
        else {
            return;
        };
        if shown.len() == 1 {
            return;
        }
        shown.retain(|&i| i != drop);
        for &i in shown.iter() {
            widths[i] = natural[i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(max: Option<usize>) -> String {
        let columns = [
            Column::text("NAME", 6, 9),
            Column::number("FOLLOWERS", 8),
            Column::text("NICHES", 6, 1),
        ];
        let rows = vec![
            vec!["莎莎 Sarsa".into(), "52k".into(), "beauty, skincare".into()],
            vec!["Ken the Barista".into(), "128k".into(), "coffee".into()],
        ];
        render(&columns, &rows, max)
    }

    #[test]
    fn natural_widths_align_wide_characters() {
        assert_eq!(
            table(None),
            "NAME             FOLLOWERS  NICHES\n\
             莎莎 Sarsa             52k  beauty, skincare\n\
             Ken the Barista       128k  coffee\n"
        );
    }

    #[test]
    fn narrow_terminals_shrink_then_drop_columns() {
        assert_eq!(
            table(Some(30)),
            "NAME         FOLLOWERS  NICHES\n\
             莎莎 Sarsa         52k  beaut…\n\
             Ken the Ba…       128k  coffee\n"
        );
        assert_eq!(
            table(Some(20)),
            "NAME       FOLLOWERS\n\
             莎莎 Sar…        52k\n\
             Ken the …       128k\n"
        );
        for line in table(Some(20)).lines() {
            assert!(width(line) <= 20, "{line:?}");
        }
    }

    #[test]
    fn cells_are_escaped() {
        let out = render(
            &[Column::text("N", 1, 1)],
            &[vec!["a\u{1b}[2Jb".into()]],
            None,
        );
        assert_eq!(out, "N\na^[[2Jb\n");
    }
}
