//! Creators as TOML, in the layout a person would write by hand (the one `data/creators.toml`
//! uses): one `[[creator]]` table each, channels as inline tables one a line, `52_000`.

use compact_str::CompactString;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::display::underscored;
use crate::model::fields::{CHANNEL_FIELDS, CREATOR_FIELDS, Holds, Value as FieldValue};
use crate::model::{Channel, Creator};

/// A `[[creator]]` table for `creator`, ready to append to a document: its fields in the
/// vocabulary's order. Absent values are left out, never written as 0 or "".
pub fn creator_table(creator: &Creator) -> Table {
    let mut t = Table::new();
    for field in CREATOR_FIELDS {
        if field.holds == Holds::Channels {
            continue;
        }
        if let Some(value) = toml_value(creator.value(field.key)) {
            t.insert(field.key, Item::Value(value));
        }
    }
    let mut channels = Array::new();
    for channel in &creator.channels {
        let mut v = Value::InlineTable(channel_table(channel));
        v.decor_mut().set_prefix("\n  ");
        channels.push_formatted(v);
    }
    channels.set_trailing("\n");
    channels.set_trailing_comma(true);
    t.insert("channels", Item::Value(Value::Array(channels)));
    t
}

/// One channel as an inline table.
pub fn channel_table(channel: &Channel) -> InlineTable {
    let mut t = InlineTable::new();
    for field in CHANNEL_FIELDS {
        if let Some(value) = toml_value(channel.value(field.key)) {
            t.insert(field.key, value);
        }
    }
    t
}

/// A field's value as TOML: `52_000` for counts, a list only when it holds something.
fn toml_value(value: FieldValue<'_>) -> Option<Value> {
    Some(match value {
        FieldValue::Text(s) => Value::from(s),
        FieldValue::List([]) | FieldValue::Absent => return None,
        FieldValue::List(list) => Value::Array(list.iter().map(CompactString::as_str).collect()),
        FieldValue::Count(n) => count(n),
        FieldValue::Percent(p) => Value::from(p),
        FieldValue::Date(d) => date_value(d),
    })
}

/// One creator as a `[[creator]]` table, to append to a database file.
pub fn render_creator(creator: &Creator) -> String {
    let mut list = ArrayOfTables::new();
    list.push(creator_table(creator));
    let mut doc = DocumentMut::new();
    doc.insert("creator", Item::ArrayOfTables(list));
    doc.to_string()
}

/// A whole creator database file.
pub fn render_creators(creators: &[Creator]) -> String {
    let mut list = ArrayOfTables::new();
    for creator in creators {
        list.push(creator_table(creator));
    }
    let mut doc = DocumentMut::new();
    doc.insert("creator", Item::ArrayOfTables(list));
    doc.to_string()
}

pub(crate) fn text(s: &str) -> Item {
    Item::Value(Value::from(s))
}

pub(crate) fn texts(list: &[CompactString]) -> Item {
    Item::Value(Value::Array(
        list.iter().map(CompactString::as_str).collect(),
    ))
}

/// `52_000` rather than `52000`: the same number, easier to read.
pub(crate) fn count(n: u64) -> Value {
    underscored(n)
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(i64::try_from(n).unwrap_or(i64::MAX)))
}

fn date_value(date: jiff::civil::Date) -> Value {
    date.to_string()
        .parse::<Value>()
        .unwrap_or_else(|_| Value::from(date.to_string()))
}
