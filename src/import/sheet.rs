//! Reading a spreadsheet export: its encoding (UTF-8 with or without a byte-order mark, or the
//! UTF-16 of Excel's "Unicode text"), its separator (comma, semicolon or tab, detected), and
//! what each column holds, from headers in English or Chinese or from `--map`.

use std::borrow::Cow;

pub use super::headers::{ChannelField, FIELD_NAMES, Field, describe};
use super::headers::{channel_column, field_named, normalise, recognise};
pub use super::rows::{Cells, Rows};

/// A spreadsheet, read.
#[derive(Debug)]
pub struct Sheet {
    /// True when read from a workbook (xlsx, xls, ods) rather than CSV text.
    pub workbook: bool,
    pub separator: u8,
    /// "UTF-8", "UTF-8 with BOM", "UTF-16 LE", "Big5 (detected)"…
    pub encoding: String,
    /// Lines above the header row (a title, a note), not imported.
    pub preamble: Vec<u64>,
    pub headers: Vec<String>,
    pub columns: Vec<Field>,
    /// Each data row with the line it starts on (1-based, the header being line 1).
    pub rows: Rows,
}

impl Sheet {
    /// The column holding `field`, if one does.
    pub fn column(&self, field: &Field) -> Option<usize> {
        self.columns.iter().position(|c| c == field)
    }

    /// True when rows carry channel groups (`instagram_handle`…) rather than one channel.
    pub fn wide(&self) -> bool {
        self.columns
            .iter()
            .any(|c| matches!(c, Field::Channel { .. }))
    }
}

/// Why a spreadsheet cannot be read at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct SheetError {
    pub file: String,
    pub line: Option<u64>,
    pub message: String,
}

/// How many of the first lines' cells name fields: what makes text look like a sheet.
fn looks_like_headers(text: &str) -> usize {
    text.lines()
        .take(10)
        .flat_map(|l| l.split([',', ';', '\t']))
        .filter(|c| !matches!(recognise(c.trim(), true), Field::Ignored(_)))
        .count()
}

/// The text with line breaks a CSV reader counts right: `\r\n` (Windows) becomes `\n`, and a
/// file that ends its lines with a lone carriage return (old Mac Excel) gets `\n` instead. Text
/// without carriage returns is not copied.
fn line_breaks(text: Cow<'_, str>) -> Cow<'_, str> {
    let text = if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        text
    };
    if text.matches('\r').count() > text.matches('\n').count() {
        Cow::Owned(text.replace('\r', "\n"))
    } else {
        text
    }
}

/// Where a quote opens that is never closed: CSV would read every line after it as one cell.
fn unclosed_quote(text: &str, separator: u8) -> Option<u64> {
    let mut line = 1u64;
    let mut open: Option<u64> = None;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (open, c) {
            (None, '"') if at_cell_start => open = Some(line),
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                }
            }
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_cell_start = open.is_none() && (c == '\n' || c == separator as char);
        if open.is_some() {
            at_cell_start = false;
        }
    }
    open
}

/// The separator that splits the first lines into the same number of cells, most of them.
fn detect(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for separator in [b',', b';', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let counts: Vec<usize> = reader
            .records()
            .take(50)
            .filter_map(Result::ok)
            .map(|r| r.len())
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first < 2 {
            continue;
        }
        let same = counts.iter().filter(|&&n| n == first).count();
        if (same, first) > (best.1, best.2) {
            best = (separator, same, first);
        }
    }
    best.0
}

/// How many cells of a row name fields: two or more make it the header row.
fn named(cells: Cells<'_>) -> usize {
    cells
        .iter()
        .filter(|c| !matches!(recognise(c, true), Field::Ignored(_)))
        .count()
}

/// Reads a CSV file (named `file` in messages) in the encoding `encoding` names, else the one
/// found; `maps` are `--map COLUMN=FIELD` overrides.
pub fn read(
    file: &str,
    bytes: &[u8],
    maps: &[String],
    encoding: Option<&str>,
) -> Result<Sheet, SheetError> {
    read_sheet(file, bytes, maps, encoding, None)
}

/// Reads a spreadsheet (named `file` in messages): a workbook (xlsx, xls, ods; the sheet
/// named `sheet`, else the first with anything in it) or a CSV file in the encoding
/// `encoding` names, else the one found; `maps` are `--map COLUMN=FIELD` overrides.
pub fn read_sheet(
    file: &str,
    bytes: &[u8],
    maps: &[String],
    encoding: Option<&str>,
    sheet: Option<&str>,
) -> Result<Sheet, SheetError> {
    let fail = |line: Option<u64>, message: String| SheetError {
        file: file.to_string(),
        line,
        message,
    };
    if super::workbook::is_workbook(bytes) {
        if let Some(e) = encoding {
            return Err(fail(
                None,
                format!("--encoding {e}: a workbook says its own encoding; leave it out"),
            ));
        }
        let headed = |rows: &Rows| rows.iter().take(10).any(|(_, cells)| named(cells) >= 2);
        let (records, label) = super::workbook::records(bytes, sheet, &headed)
            .map_err(|super::workbook::Unreadable(message)| fail(None, message))?;
        return columns(file, records, b',', label, maps, false);
    }
    if let Some(name) = sheet {
        return Err(fail(
            None,
            format!("--sheet {name}: the file is text (CSV), not a workbook with sheets"),
        ));
    }
    let decoded = super::encoding::decode(bytes, encoding, &looks_like_headers)
        .map_err(|e| fail(e.line, e.message))?;
    let (text, encoding) = (line_breaks(decoded.text), decoded.encoding);
    let separator = detect(&text);
    if let Some(line) = unclosed_quote(&text, separator) {
        return Err(fail(
            Some(line),
            "a quote opened on this line is never closed, so every line after it would be read as one cell; close it (a quote inside a cell is written twice: \"\")".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Rows::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(fail(
                    e.position().map(|p| p.line()),
                    format!("not readable as CSV: {e}"),
                ));
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if records.is_empty() {
            // Room for every line to be a row like this one, made at once instead of by
            // doubling (which holds the old and the new lists while it copies).
            let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
            records.reserve(lines, record.len(), text.len());
        }
        // The text was read into memory whole, so it fits.
        records
            .push(line, record.iter())
            .map_err(|_| fail(Some(line), "more than 4 GB of text".into()))?;
    }
    columns(file, records, separator, encoding, maps, true)
}

/// The sheet from its rows: the header row found, what each column holds, `--map` applied.
/// `text` when the rows come from CSV text (where a quote left open can swallow rows).
fn columns(
    file: &str,
    mut records: Rows,
    separator: u8,
    encoding: String,
    maps: &[String],
    text: bool,
) -> Result<Sheet, SheetError> {
    let fail = |line: Option<u64>, message: String| SheetError {
        file: file.to_string(),
        line,
        message,
    };
    if records.is_empty() {
        return Err(fail(None, "the file is empty".into()));
    }
    // A title or a note may come before the headers: they are the first row, among the first
    // ten, in which two or more cells name fields.
    let at = records
        .iter()
        .take(10)
        .position(|(_, cells)| named(cells) >= 2)
        .unwrap_or(0);
    let preamble: Vec<u64> = records.iter().take(at).map(|(line, _)| line).collect();
    let (header_line, headers) = match records.get(at) {
        Some((line, cells)) => (
            line,
            cells
                .iter()
                .map(|h| h.trim().to_string())
                .collect::<Vec<_>>(),
        ),
        None => return Err(fail(None, "the file is empty".into())),
    };
    records.skip(at + 1);
    let rows = records;
    // A quote left open and closed rows later makes one cell of whole rows: say so rather than
    // import it.
    let cells_per_row = headers.len().saturating_sub(1);
    for (line, record) in rows.iter().filter(|_| text) {
        for cell in record.iter().filter(|c| c.contains('\n')) {
            let swallowed = cell.lines().skip(1).any(|l| {
                cells_per_row >= 2 && l.matches(separator as char).count() >= cells_per_row
            });
            if swallowed {
                return Err(fail(
                    Some(line),
                    "a quote opened in this row runs over lines that look like rows of their own; close it where the cell ends (a quote inside a cell is written twice: \"\")".into(),
                ));
            }
        }
    }
    let has_handle = headers.iter().any(|h| {
        let key = normalise(h);
        key != "id" && matches!(recognise(h, true), Field::Handle | Field::Channel { .. })
    });
    let mut columns: Vec<Field> = headers.iter().map(|h| recognise(h, has_handle)).collect();
    // Beside channel groups as `search --format csv` writes them, `followers` and `engagement`
    // are the creator's total and main channel's: the groups hold the numbers.
    if headers.iter().any(|h| channel_column(h).is_some()) {
        for field in &mut columns {
            if matches!(
                field,
                Field::Followers | Field::Engagement | Field::AvgViews
            ) {
                *field = Field::Ignored("worked out by shortlist from the channel columns".into());
            }
        }
    }
    for map in maps {
        let Some((column, field)) = map.split_once('=') else {
            return Err(fail(
                None,
                format!("--map {map}: write it COLUMN=FIELD, like --map \"IG帳號=handle\""),
            ));
        };
        let (column, field) = (column.trim(), field.trim().to_lowercase());
        let Some(at) = headers.iter().position(|h| h == column) else {
            let hint = crate::suggest::nearest(column, headers.iter().map(String::as_str))
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_else(|| format!(" (columns: {})", headers.join(", ")));
            return Err(fail(None, format!("--map: no column \"{column}\"{hint}")));
        };
        let Some(parsed) = field_named(&field).or_else(|| channel_column(&field)) else {
            let hint = crate::suggest::nearest(&field, FIELD_NAMES.iter().map(String::as_str))
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_else(|| format!(" (fields: {})", FIELD_NAMES.join(", ")));
            return Err(fail(None, format!("--map: no field \"{field}\"{hint}")));
        };
        columns[at] = parsed;
    }
    // A sheet none of whose columns says what it holds would import nothing, silently.
    if columns.iter().all(|f| matches!(f, Field::Ignored(_))) {
        return Err(fail(
            Some(header_line),
            format!(
                "no column says what it holds ({}): the header row should name them (name, platform, handle, followers… or 名稱, 平台, 帳號, 粉絲數…), or --map COLUMN=FIELD",
                headers.join(", ")
            ),
        ));
    }
    // Two columns for one field would make a row say two things.
    for (i, field) in columns.iter().enumerate() {
        if matches!(field, Field::Ignored(_)) {
            continue;
        }
        if let Some(j) = columns[..i].iter().position(|f| f == field) {
            return Err(fail(
                Some(header_line),
                format!(
                    "columns \"{}\" and \"{}\" both hold {}: --map one of them to another field or to skip",
                    headers[j],
                    headers[i],
                    describe(field)
                ),
            ));
        }
    }
    Ok(Sheet {
        workbook: !text,
        separator,
        encoding,
        preamble,
        headers,
        columns,
        rows,
    })
}
