//! Changing a campaign file as a document (toml_edit), so that what the user wrote — comments,
//! blank lines, key order, quoting, the layout of `history` — stays as it was, and only the
//! values that change are touched.

use crate::model::Change;
use jiff::Zoned;
use jiff::civil::Date;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::model::Stage;

/// Why a document could not be changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the file is not valid TOML: {0}")]
    Syntax(String),
    #[error("\"entry\" is not a list of [[entry]] tables")]
    Entries,
    #[error("{0} is not on the shortlist")]
    NotListed(String),
    #[error("{0}")]
    Shape(String),
}

/// The document of a campaign file being changed.
pub struct Document {
    pub(super) doc: DocumentMut,
}

impl Document {
    pub fn parse(text: &str) -> Result<Document, EditError> {
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|e| EditError::Syntax(e.message().to_string()))?;
        Ok(Document { doc })
    }

    /// The text a new campaign file starts from, before its settings are written.
    pub fn new_campaign(id: &str) -> String {
        format!(
            "# Campaign {id}: its brief, then one [[entry]] per creator on the shortlist.\n\n[campaign]\n"
        )
    }

    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    pub(super) fn entry_mut(&mut self, creator: &str) -> Result<&mut Table, EditError> {
        let list = match self.doc.get_mut("entry") {
            None => return Err(EditError::NotListed(creator.to_string())),
            Some(item) => item.as_array_of_tables_mut().ok_or(EditError::Entries)?,
        };
        list.iter_mut()
            .find(|t| creator_of(t) == Some(creator))
            .ok_or_else(|| EditError::NotListed(creator.to_string()))
    }

    /// Puts `creator` on the shortlist at `shortlisted`, recording when.
    pub fn add_entry(&mut self, creator: &str, now: &Zoned) -> Result<(), EditError> {
        let mut table = Table::new();
        table.insert("creator", Item::Value(creator.into()));
        table.insert("stage", Item::Value(Stage::Shortlisted.name().into()));
        let mut history = Array::new();
        push_record(&mut history, record(Stage::Shortlisted, None, now), true);
        table.insert("history", Item::Value(Value::Array(history)));
        table.decor_mut().set_prefix("\n");
        match self.doc.get_mut("entry") {
            Some(item) => item
                .as_array_of_tables_mut()
                .ok_or(EditError::Entries)?
                .push(table),
            None => {
                let mut list = ArrayOfTables::new();
                list.push(table);
                self.doc.insert("entry", Item::ArrayOfTables(list));
            }
        }
        Ok(())
    }

    /// Sets the stage of `creator`'s entry and appends the change to its history.
    pub fn set_stage(
        &mut self,
        creator: &str,
        to: Stage,
        note: Option<&str>,
        now: &Zoned,
    ) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        set(entry, "stage", to.name().into());
        append_history(entry, record(to, note, now));
        Ok(())
    }

    /// Appends `change` (an event: a message sent, a reply) to `creator`'s history.
    pub fn add_event(&mut self, creator: &str, change: &Change) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        append_history(entry, event_record(change));
        Ok(())
    }

    /// Sets or clears the follow-up date of `creator`'s entry.
    pub fn set_follow_up(&mut self, creator: &str, date: Option<Date>) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        match date {
            Some(date) => set(entry, "follow_up", Value::from(toml_date(date))),
            None => {
                entry.remove("follow_up");
            }
        }
        Ok(())
    }

    /// Sets or clears the notes of `creator`'s entry.
    pub fn set_notes(&mut self, creator: &str, notes: Option<&str>) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        match notes.map(str::trim_end).filter(|n| !n.trim().is_empty()) {
            Some(text) => set(entry, "notes", text_value(text)),
            None => {
                entry.remove("notes");
            }
        }
        Ok(())
    }
}

pub(super) fn creator_of(table: &Table) -> Option<&str> {
    table.get("creator")?.as_str().map(str::trim)
}

/// Sets `key` to `value`, keeping the spacing and comment around the old value; a new key goes
/// before `history` when that was the last key, so that the history stays at the end.
pub(super) fn set(table: &mut Table, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get(key) {
        let decor = old.decor().clone();
        *value.decor_mut() = decor;
        table.insert(key, Item::Value(value));
        return;
    }
    let history_last = table.iter().last().is_some_and(|(k, _)| k == "history");
    table.insert(key, Item::Value(value));
    if history_last {
        table.sort_values_by(|a, _, b, _| (a.get() == "history").cmp(&(b.get() == "history")));
    }
}

/// Appends `record` to the entry's history in the form the file writes it (one record a line,
/// inline, or `[[entry.history]]` tables), starting one when there is none.
fn append_history(entry: &mut toml_edit::Table, record: InlineTable) {
    match entry.get_mut("history") {
        Some(Item::Value(Value::Array(history))) => {
            let multiline = is_multiline(history);
            push_record(history, record, multiline);
        }
        Some(Item::ArrayOfTables(history)) => {
            history.push(record.into_table());
        }
        _ => {
            let mut history = Array::new();
            push_record(&mut history, record, true);
            set(entry, "history", Value::Array(history));
        }
    }
}

/// True when the array is written one element per line.
pub(crate) fn is_multiline(array: &Array) -> bool {
    array.trailing().as_str().is_some_and(|t| t.contains('\n'))
        || array.iter().any(|v| {
            v.decor()
                .prefix()
                .and_then(|p| p.as_str())
                .is_some_and(|p| p.contains('\n'))
        })
}

/// Appends a history record, one per line (indented like the others) or inline.
pub(crate) fn push_record(history: &mut Array, record: InlineTable, multiline: bool) {
    let mut value = Value::InlineTable(record);
    if multiline {
        // Only the indentation of the last record: a comment before it stays where it is.
        let indent = history
            .iter()
            .last()
            .and_then(|v| v.decor().prefix().and_then(|p| p.as_str()))
            .and_then(|p| p.rsplit_once('\n'))
            .map_or_else(|| "\n  ".to_string(), |(_, indent)| format!("\n{indent}"));
        // A comment after the last element stays on its line. It is in the text before `]`,
        // or, when the last element has no comma after it, in that element's own suffix.
        let trailing = history.trailing().as_str().unwrap_or("").to_string();
        let (mut comment, rest) = match trailing.find('\n') {
            Some(at) => (trailing[..at].to_string(), trailing[at..].to_string()),
            None => (String::new(), "\n".to_string()),
        };
        if !history.trailing_comma()
            && let Some(last) = history.iter_mut().last()
        {
            let suffix = last
                .decor()
                .suffix()
                .and_then(|s| s.as_str())
                .unwrap_or("")
                .to_string();
            if suffix.contains('#') || suffix.contains('\n') {
                last.decor_mut().set_suffix("");
                comment = format!("{}{comment}", suffix.trim_end_matches(['\n', '\r']));
            }
        }
        value.decor_mut().set_prefix(format!("{comment}{indent}"));
        value.decor_mut().set_suffix("");
        history.push_formatted(value);
        history.set_trailing_comma(true);
        history.set_trailing(rest);
    } else {
        if history.is_empty() {
            value.decor_mut().set_prefix("");
        } else {
            value.decor_mut().set_prefix(" ");
        }
        value.decor_mut().set_suffix("");
        history.push_formatted(value);
    }
}

/// `{ at = 2026-11-22T09:30:00+08:00, stage = "contacted", note = "…" }`
fn record(stage: Stage, note: Option<&str>, now: &Zoned) -> InlineTable {
    let mut record = InlineTable::new();
    let at = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    if let Ok(at) = at.parse::<toml_edit::Datetime>() {
        record.insert("at", Value::from(at));
    }
    record.insert("stage", stage.name().into());
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        record.insert("note", one_line(note).into());
    }
    record.fmt();
    record
}

/// `{ at = …, event = "replied", note = "…", message_id = "<…>" }`, at the time and offset the
/// change says.
fn event_record(change: &Change) -> InlineTable {
    let mut record = InlineTable::new();
    let at = change
        .at
        .to_zoned(jiff::tz::TimeZone::fixed(change.offset))
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    if let Ok(at) = at.parse::<toml_edit::Datetime>() {
        record.insert("at", Value::from(at));
    }
    if let Some(stage) = change.stage {
        record.insert("stage", stage.name().into());
    }
    if let Some(event) = change.event {
        record.insert("event", event.name().into());
    }
    if let Some(note) = change
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        record.insert("note", one_line(note).into());
    }
    if let Some(id) = &change.message_id {
        record.insert("message_id", one_line(id).into());
    }
    record.fmt();
    record
}

pub(super) fn toml_date(date: Date) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    }
}

/// A note in a history record stays on one line.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text as a TOML value: one line as a plain string, several as a multi-line one.
pub(super) fn text_value(text: &str) -> Value {
    if !text.contains('\n') {
        return text.into();
    }
    let text = text.replace("\r\n", "\n");
    let plain = !text.contains("'''")
        && !text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t');
    if plain && let Ok(v) = format!("'''\n{text}'''").parse::<Value>() {
        return v;
    }
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '"' if escaped.ends_with("\"\"") => escaped.push_str("\\\""),
            '\n' | '\t' => escaped.push(c),
            c if c.is_control() => escaped.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => escaped.push(c),
        }
    }
    format!("\"\"\"\n{escaped}\"\"\"")
        .parse::<Value>()
        .unwrap_or_else(|_| text.as_str().into())
}

#[cfg(test)]
mod tests;
