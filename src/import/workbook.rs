//! Reading a workbook — Excel (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`) or OpenDocument (`.ods`,
//! what Google Sheets and LibreOffice save) — into the rows a CSV would give, with the
//! `calamine` crate: each cell as the text a person would type for it (whole numbers without
//! `.0`, dates as `2026-10-01`), each row with its row number in the sheet.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

/// True when `bytes` are a workbook rather than text: a zip (xlsx, ods) or an OLE compound
/// file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Why a workbook cannot be read: what to tell the user.
pub struct Unreadable(pub String);

/// Rows of a sheet, each with its row number.
use super::rows::Rows;

/// The rows of one sheet of the workbook in `bytes`: the one named
/// `sheet`, else the first whose rows `headed` finds headers in (a sheet of notes before the
/// list is passed over), else the first that holds anything. Also says which it read: `xlsx
/// workbook, sheet "Creators"`.
pub fn records(
    bytes: &[u8],
    sheet: Option<&str>,
    headed: &dyn Fn(&Rows) -> bool,
) -> Result<(Rows, String), Unreadable> {
    let fail = Unreadable;
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        fail(format!(
            "not readable as a workbook (xlsx, xls, ods): {e}; saved from a spreadsheet program, it should be"
        ))
    })?;
    let kind = match &workbook {
        Sheets::Xls(_) => "xls",
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    };
    let names = workbook.sheet_names();
    if names.is_empty() {
        return Err(fail("the workbook has no sheets".into()));
    }
    let chosen: Vec<String> = match sheet {
        Some(wanted) => {
            let found = names.iter().find(|n| n.as_str() == wanted).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            });
            match found {
                Some(n) => vec![n.clone()],
                None => {
                    let hint = crate::suggest::nearest(wanted, names.iter().map(String::as_str))
                        .map(|n| format!("did you mean \"{n}\"? "))
                        .unwrap_or_default();
                    return Err(fail(format!(
                        "--sheet: no sheet \"{wanted}\" ({hint}sheets: {})",
                        names.join(", ")
                    )));
                }
            }
        }
        None => names.clone(),
    };
    let mut first: Option<(Rows, String)> = None;
    for name in &chosen {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| fail(format!("sheet \"{name}\": {e}")))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Rows::new();
        for (i, cells) in range.rows().enumerate() {
            // Columns keep their letters: a sheet that starts at column C has two empty ones.
            let texts: Vec<String> = std::iter::repeat_n(String::new(), left as usize)
                .chain(cells.iter().map(text))
                .collect();
            if texts.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            rows.push(
                u64::from(top) + i as u64 + 1,
                texts.iter().map(String::as_str),
            )
            .map_err(|_| fail(format!("sheet \"{name}\" holds more than 4 GB of text")))?;
        }
        if rows.is_empty() {
            continue;
        }
        let label = format!("{kind} workbook, sheet \"{name}\"");
        if sheet.is_some() || headed(&rows) {
            return Ok((rows, label));
        }
        first.get_or_insert((rows, label));
    }
    if let Some(found) = first {
        return Ok(found);
    }
    Err(fail(match sheet {
        Some(name) => format!("sheet \"{name}\" is empty"),
        None => format!("every sheet is empty ({})", names.join(", ")),
    }))
}

/// A cell as the text a person would have typed in a CSV.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(d) => number(d.as_f64()),
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

/// A number as written: `52000`, not `52000.0`; `0.045` as it is.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_typed() {
        assert_eq!(text(&Data::Float(52000.0)), "52000");
        assert_eq!(text(&Data::Float(0.045)), "0.045");
        assert_eq!(text(&Data::Int(-3)), "-3");
        assert_eq!(
            text(&Data::DateTimeIso("2026-10-01T00:00:00".into())),
            "2026-10-01"
        );
        let date =
            calamine::ExcelDateTime::new(46296.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(text(&Data::DateTime(date)), "2026-10-01");
    }

    #[test]
    fn text_is_not_a_workbook() {
        assert!(!is_workbook(b"name,handle\n"));
        assert!(is_workbook(b"PK\x03\x04rest"));
        let Err(Unreadable(err)) = records(b"PK\x03\x04 not really a zip", None, &|_| true) else {
            panic!("a zip that is not a workbook reads");
        };
        assert!(err.starts_with("not readable as a workbook"), "{err}");
    }
}
