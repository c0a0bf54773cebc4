//! Creators as TOML, in the layout a person would write by hand (the one `data/creators.toml`
//! uses): one `[[creator]]` table each, channels as inline tables one a line, `52_000`.

use compact_str::CompactString;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::fields::underscored;
use crate::model::{Channel, Creator};

/// A `[[creator]]` table for `creator`, ready to append to a document. Absent values are left
/// out, never written as 0 or "".
pub fn creator_table(creator: &Creator) -> Table {
    let mut t = Table::new();
    t.insert("id", text(&creator.id));
    t.insert("name", text(&creator.name));
    if !creator.aliases.is_empty() {
        t.insert("aliases", texts(&creator.aliases));
    }
    if let Some(email) = &creator.email {
        t.insert("email", text(email));
    }
    if !creator.niches.is_empty() {
        t.insert("niches", texts(&creator.niches));
    }
    if let Some(location) = &creator.location {
        t.insert("location", text(location));
    }
    if !creator.languages.is_empty() {
        t.insert("languages", texts(&creator.languages));
    }
    if let Some(kind) = creator.kind {
        t.insert("kind", text(kind.name()));
    }
    if let Some(fake) = creator.fake_followers {
        t.insert("fake_followers", Item::Value(Value::from(fake)));
    }
    if let Some(date) = creator.vetted_on {
        t.insert("vetted_on", Item::Value(date_value(date)));
    }
    if let Some(rate) = creator.rate {
        t.insert("rate", Item::Value(count(rate)));
    }
    if let Some(currency) = &creator.currency {
        t.insert("currency", text(currency));
    }
    if let Some(notes) = &creator.notes {
        t.insert("notes", text(notes));
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
    t.insert("platform", Value::from(channel.platform.name()));
    t.insert("handle", Value::from(channel.handle.as_str()));
    if let Some(n) = channel.followers {
        t.insert("followers", count(n));
    }
    if let Some(e) = channel.engagement {
        t.insert("engagement", Value::from(e));
    }
    if let Some(n) = channel.avg_views {
        t.insert("avg_views", count(n));
    }
    if let Some(url) = &channel.url {
        t.insert("url", Value::from(url.as_str()));
    }
    t
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
