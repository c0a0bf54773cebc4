//! Typed reading of one TOML table, recording every problem with its place instead of stopping
//! at the first one (which is what deserializing with serde would do).

use std::ops::Range;

use compact_str::CompactString;
use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::diagnostic::Report;
use crate::model::parse_size;
pub(crate) use crate::suggest::nearest;

mod names;

pub(crate) use names::{unknown_key, unknown_platform};

/// A spanned TOML value as the parser gives it.
pub(crate) type Value<'i> = Spanned<DeValue<'i>>;

/// One table being read: its keys, where it starts (for "missing field" messages), and what it
/// belongs to (for the `(creator id)` part of messages).
pub(crate) struct Fields<'a, 'i, 'r, 't> {
    table: &'a DeTable<'i>,
    at: Range<usize>,
    subject: Option<String>,
    report: &'r mut Report<'t>,
}

impl<'a, 'i, 'r, 't> Fields<'a, 'i, 'r, 't> {
    /// Starts reading `table`, whose header (or opening brace) is at `at`.
    pub fn new(table: &'a DeTable<'i>, at: Range<usize>, report: &'r mut Report<'t>) -> Self {
        Fields {
            table,
            at,
            subject: None,
            report,
        }
    }

    /// Names what later messages belong to, e.g. `creator sarsa`.
    pub fn set_subject(&mut self, subject: Option<String>) {
        self.subject = subject;
    }

    /// The subject later messages carry.
    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// Where the table starts.
    pub fn at(&self) -> Range<usize> {
        self.at.clone()
    }

    /// The report, for checks that need more than one field.
    pub fn report(&mut self) -> &mut Report<'t> {
        self.report
    }

    /// The raw value of a key, if present.
    pub fn get(&self, key: &str) -> Option<&'a Value<'i>> {
        self.table.get(key)
    }

    /// Records an error at `span`, with this table's subject.
    pub fn error(&mut self, span: &Range<usize>, message: String) {
        self.report.error(span, self.subject.as_deref(), message);
    }

    /// Records a warning at `span`, with this table's subject.
    pub fn warning(&mut self, span: &Range<usize>, message: String) {
        self.report.warning(span, self.subject.as_deref(), message);
    }

    fn missing(&mut self, key: &str) {
        let at = self.at.clone();
        self.error(&at, format!("missing required field \"{key}\""));
    }

    fn wrong_type(&mut self, key: &str, expected: &str, value: &Value<'i>) {
        let mut message = format!(
            "\"{key}\" must be {expected}, found {}",
            describe(value.get_ref())
        );
        if let Some(hint) = hint(expected, value.get_ref()) {
            message.push_str("; ");
            message.push_str(&hint);
        }
        self.error(&value.span(), message);
    }

    /// A string field. Missing required fields and wrong types are errors.
    pub fn text(&mut self, key: &str, required: bool) -> Option<Spanned<&'a str>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key);
            }
            return None;
        };
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.as_ref())),
            _ => {
                self.wrong_type(key, "a string", value);
                None
            }
        }
    }

    /// A string field that must hold something other than spaces.
    pub fn non_blank(&mut self, key: &str, required: bool) -> Option<Spanned<&'a str>> {
        let value = self.text(key, required)?;
        if value.get_ref().trim().is_empty() {
            self.error(&value.span(), format!("\"{key}\" is empty"));
            return None;
        }
        Some(value)
    }

    /// An optional string field, trimmed, with blank strings treated as absent.
    pub fn optional_text(&mut self, key: &str) -> Option<CompactString> {
        self.text(key, false)
            .map(|s| CompactString::from(s.get_ref().trim()))
            .filter(|s| !s.is_empty())
    }

    /// A whole number from 0 to `max`. Negative and implausibly large values are errors.
    pub fn whole(&mut self, key: &str, required: bool, max: u64) -> Option<u64> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key);
            }
            return None;
        };
        let DeValue::Integer(int) = value.get_ref() else {
            self.wrong_type(key, "a whole number", value);
            return None;
        };
        let span = value.span();
        let Ok(n) = i128::from_str_radix(int.as_str(), int.radix()) else {
            let digits = int.as_str().trim_start_matches(['+', '-']);
            let text = self.report().source(&span).trim().to_string();
            let message = if !digits.is_empty() && digits.chars().all(|c| c.is_digit(int.radix())) {
                format!("\"{key}\" is too large to be read")
            } else {
                format!("\"{key}\" is not a whole number ({text}); write digits, like 30_000")
            };
            self.error(&span, message);
            return None;
        };
        if n < 0 {
            self.error(&span, format!("\"{key}\" cannot be negative ({n})"));
            return None;
        }
        if n > i128::from(max) {
            self.error(
                &span,
                format!(
                    "\"{key}\" is implausibly large ({}; at most {})",
                    group(n),
                    group(i128::from(max))
                ),
            );
            return None;
        }
        u64::try_from(n).ok()
    }

    /// A currency code (`TWD`, `usd`), upper-cased; one that is not three letters is an error.
    pub fn currency(&mut self, key: &str) -> Option<CompactString> {
        let value = self.text(key, false)?;
        match currency_code(value.get_ref()) {
            Ok(code) => Some(code),
            Err(problem) => {
                self.error(&value.span(), problem);
                None
            }
        }
    }

    /// A percentage from 0 to 100, written as a whole or decimal number.
    pub fn percent(&mut self, key: &str) -> Option<f64> {
        let value = self.get(key)?;
        let n = match value.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::Integer(i) => i128::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            _ => {
                self.wrong_type(key, "a number (a percent)", value);
                return None;
            }
        };
        match n {
            Some(n) if n.is_finite() && (0.0..=100.0).contains(&n) => Some(n),
            _ => {
                let span = value.span();
                let shown = match value.get_ref() {
                    DeValue::Float(f) => f.as_str().to_string(),
                    DeValue::Integer(i) => i.to_string(),
                    _ => String::new(),
                };
                self.error(
                    &span,
                    format!("\"{key}\" is a percent from 0 to 100, found {shown}"),
                );
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, "true or false", value);
                None
            }
        }
    }

    /// A calendar date written as a TOML date (`2026-10-01`, no quotes).
    pub fn date(&mut self, key: &str) -> Option<Date> {
        let value = self.get(key)?;
        if let DeValue::Datetime(dt) = value.get_ref()
            && let (Some(d), None) = (dt.date, dt.time)
        {
            let date = i16::try_from(d.year).ok().and_then(|year| {
                Date::new(year, i8::try_from(d.month).ok()?, i8::try_from(d.day).ok()?).ok()
            });
            if date.is_some() {
                return date;
            }
        }
        self.wrong_type(key, "a date like 2026-10-01", value);
        None
    }

    /// A moment written as a TOML date-time with an offset (`2026-11-20T10:02:00+08:00`).
    pub fn moment(
        &mut self,
        key: &str,
        required: bool,
    ) -> Option<(jiff::Timestamp, jiff::tz::Offset)> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key);
            }
            return None;
        };
        if let DeValue::Datetime(dt) = value.get_ref()
            && let (Some(d), Some(t)) = (dt.date, dt.time)
        {
            let Some(offset) = dt.offset else {
                let message = format!(
                    "\"{key}\" needs a time offset, like {}+08:00",
                    dt.to_string().trim_end_matches('Z')
                );
                self.error(&value.span(), message);
                return None;
            };
            let minutes = match offset {
                toml::value::Offset::Z => 0,
                toml::value::Offset::Custom { minutes } => i32::from(minutes),
            };
            let moment = (|| {
                let civil = jiff::civil::DateTime::new(
                    i16::try_from(d.year).ok()?,
                    i8::try_from(d.month).ok()?,
                    i8::try_from(d.day).ok()?,
                    i8::try_from(t.hour).ok()?,
                    i8::try_from(t.minute).ok()?,
                    i8::try_from(t.second.unwrap_or(0)).ok()?,
                    i32::try_from(t.nanosecond.unwrap_or(0)).ok()?,
                )
                .ok()?;
                let offset = jiff::tz::Offset::from_seconds(minutes * 60).ok()?;
                Some((offset.to_timestamp(civil).ok()?, offset))
            })();
            if moment.is_some() {
                return moment;
            }
        }
        self.wrong_type(key, "a date and time like 2026-11-20T10:02:00+08:00", value);
        None
    }

    /// A table (written inline or as a section).
    pub fn table(&mut self, key: &str, required: bool) -> Option<(&'a DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key);
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Table(t) => Some((t, value.span())),
            _ => {
                self.wrong_type(key, "a table", value);
                None
            }
        }
    }

    /// The keys of the table, for keys the program does not interpret but keeps.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, &'a Value<'i>)> + 'a {
        self.table.iter().map(|(k, v)| (k.get_ref().as_ref(), v))
    }

    /// A list of strings. Each bad element is reported at its own place.
    pub fn texts(&mut self, key: &str) -> Vec<CompactString> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, "a list of strings", value);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => out.push(s.trim().into()),
                DeValue::String(_) => {
                    self.error(&item.span(), format!("\"{key}\" holds an empty string"))
                }
                other => {
                    let message = format!(
                        "\"{key}\" must hold only strings, found {}",
                        describe(other)
                    );
                    self.error(&item.span(), message);
                }
            }
        }
        out
    }

    /// A list of tables (an array of inline tables, or `[[table.key]]` sections).
    pub fn tables(&mut self, key: &str, required: bool) -> Option<&'a DeArray<'i>> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key);
            }
            return None;
        };
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(key, "a list of tables", value);
                None
            }
        }
    }
}

/// A currency code as written (`twd `), upper-cased, or what is wrong with it.
pub(crate) fn currency_code(text: &str) -> Result<CompactString, String> {
    let code = text.trim().to_uppercase();
    match crate::model::currency_problem(&code) {
        Some(problem) => Err(problem),
        None => Ok(CompactString::from(code)),
    }
}

/// A string or a list of strings, as a list; `None` for anything else (a list holding something
/// that is not a string included).
pub fn strings(value: &DeValue<'_>) -> Option<Vec<String>> {
    match value {
        DeValue::String(s) => Some(vec![s.to_string()]),
        DeValue::Array(items) => items
            .iter()
            .map(|i| match i.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// How a value is named in "found …" messages.
pub(crate) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("string \"{}\"", shorten(s)),
        DeValue::Integer(i) => format!("whole number {i}"),
        DeValue::Float(f) => format!("decimal number {}", f.as_str()),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("date/time {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    let escaped: String = s.chars().flat_map(char::escape_debug).collect();
    if escaped.chars().count() <= MAX {
        escaped
    } else {
        let cut: String = escaped.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// A suggestion for the common mistakes: a number or date written as a string.
fn hint(expected: &str, value: &DeValue<'_>) -> Option<String> {
    let DeValue::String(s) = value else {
        return None;
    };
    if expected == "a whole number" {
        let n = parse_size(s).ok()?;
        return Some(format!(
            "write it without quotes, as {}",
            crate::display::underscored(n)
        ));
    }
    if expected.starts_with("a date") && Date::strptime("%Y-%m-%d", s.trim()).is_ok() {
        return Some(format!("write it without quotes, as {}", s.trim()));
    }
    if expected.starts_with("a number") {
        let n: f64 = s.trim().trim_end_matches('%').trim().parse().ok()?;
        return Some(format!("write it without quotes or %, as {n}"));
    }
    None
}

fn group(n: i128) -> String {
    crate::display::group_with(n, ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        assert_eq!(group(-1_234_567), "-1,234,567");
    }
}
