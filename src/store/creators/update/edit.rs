//! Editing the document of `creators.toml` (or of one creator's table) in place with
//! toml_edit: a channel's numbers set or the channel added, a blank field filled, each value
//! written the way its neighbours are and with the decoration the user gave it.

use std::collections::HashMap;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use super::super::render::{channel_table, count, text as text_item, texts};
use super::{CreatorChange, FillValue};
use crate::model::{Channel, Platform};

/// `text` (a whole file, or one creator's table) as a document with `changes` made.
pub(super) fn edit_document(text: &str, changes: &[&CreatorChange]) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| format!("not valid TOML: {}", e.message()))?;
    // Each id's table, found once rather than by a scan per change.
    let mut positions: HashMap<String, usize> = HashMap::new();
    if let Some(list) = doc.get("creator").and_then(Item::as_array_of_tables) {
        for (i, t) in list.iter().enumerate() {
            if let Some(id) = t.get("id").and_then(Item::as_str) {
                positions.entry(id.to_string()).or_insert(i);
            }
        }
    }
    for change in changes {
        match change {
            CreatorChange::Channel { id, channel } => {
                let table = creator_mut(&mut doc, &positions, id)?;
                set_channel(table, channel).map_err(|e| format!("creator {id}: {e}"))?;
            }
            CreatorChange::Fill { id, key, value } => {
                let table = creator_mut(&mut doc, &positions, id)?;
                if table.contains_key(key) {
                    continue;
                }
                let item = match value {
                    FillValue::Text(t) => text_item(t),
                    FillValue::List(l) => texts(l),
                    FillValue::Count(n) => Item::Value(count(*n)),
                };
                table.insert(key, item);
                place_before_channels(table, key);
            }
        }
    }
    Ok(doc.to_string())
}

/// Moves `key` of `table` just before its `channels`, where a person would have written it.
fn place_before_channels(table: &mut Table, key: &str) {
    let names: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let mut entries = Vec::new();
    for name in names {
        if let Some(entry) = table.remove_entry(&name) {
            entries.push(entry);
        }
    }
    if let Some(i) = entries.iter().position(|(k, _)| k.get() == key) {
        let moved = entries.remove(i);
        let at = entries
            .iter()
            .position(|(k, _)| k.get() == "channels")
            .unwrap_or(entries.len());
        entries.insert(at, moved);
    }
    for (k, v) in entries {
        table.insert_formatted(&k, v);
    }
}

fn creator_mut<'d>(
    doc: &'d mut DocumentMut,
    positions: &HashMap<String, usize>,
    id: &str,
) -> Result<&'d mut Table, String> {
    let Some(list) = doc
        .get_mut("creator")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Err("the file has no [[creator]] tables".into());
    };
    positions
        .get(id)
        .and_then(|&i| list.get_mut(i))
        .ok_or_else(|| format!("no creator \"{id}\" in the file"))
}

/// True when a channel written in the file is `channel`'s (same platform, handle in any case).
fn is_channel(platform: Option<&str>, handle: Option<&str>, channel: &Channel) -> bool {
    platform.is_some_and(|p| Platform::parse(p) == channel.platform)
        && handle.is_some_and(|h| h.eq_ignore_ascii_case(&channel.handle))
}

fn set_channel(creator: &mut Table, channel: &Channel) -> Result<(), String> {
    match creator.get_mut("channels") {
        Some(Item::Value(Value::Array(list))) => {
            for value in list.iter_mut() {
                if let Value::InlineTable(t) = value
                    && is_channel(
                        t.get("platform").and_then(Value::as_str),
                        t.get("handle").and_then(Value::as_str),
                        channel,
                    )
                {
                    set_numbers_inline(t, channel);
                    return Ok(());
                }
            }
            let mut value = Value::InlineTable(channel_table(channel));
            push_like_the_others(list, &mut value);
            list.push_formatted(value);
            Ok(())
        }
        Some(Item::ArrayOfTables(list)) => {
            for t in list.iter_mut() {
                if is_channel(
                    t.get("platform").and_then(Item::as_str),
                    t.get("handle").and_then(Item::as_str),
                    channel,
                ) {
                    numbers(channel, |k, v| {
                        set_keeping_decor(t.entry(k).or_insert(Item::None), v)
                    });
                    return Ok(());
                }
            }
            let mut t = Table::new();
            for (k, v) in channel_table(channel).iter() {
                t.insert(k, Item::Value(v.clone()));
            }
            list.push(t);
            Ok(())
        }
        _ => Err("its channels are not a list this program can change".into()),
    }
}

/// Lays `value` out like the array's last element — on a line of its own when they are —
/// keeping a comment after the last element with that element.
pub(crate) fn push_like_the_others(list: &mut toml_edit::Array, value: &mut Value) {
    let text =
        |r: Option<&toml_edit::RawString>| r.and_then(|r| r.as_str()).unwrap_or("").to_string();
    let last_prefix = list
        .iter()
        .last()
        .map(|v| text(v.decor().prefix()))
        .unwrap_or_else(|| " ".into());
    if !last_prefix.contains('\n') {
        value
            .decor_mut()
            .set_prefix(if list.is_empty() { "" } else { " " });
        return;
    }
    let indent = last_prefix.rsplit('\n').next().unwrap_or("").to_string();
    let mut trailing = text(list.trailing().into());
    if !list.trailing_comma()
        && let Some(last) = list.iter_mut().last()
    {
        // What followed the last element without a comma now follows its comma.
        trailing = text(last.decor().suffix()) + &trailing;
        last.decor_mut().set_suffix("");
    }
    let (kept, after) = match trailing.rfind('\n') {
        Some(i) => (trailing[..=i].to_string(), trailing[i + 1..].to_string()),
        None => (String::from("\n"), trailing.clone()),
    };
    value.decor_mut().set_prefix(format!("{kept}{indent}"));
    list.set_trailing(format!("\n{after}"));
    list.set_trailing_comma(true);
}

/// The numbers of `channel` that are known, as values.
fn numbers(channel: &Channel, mut put: impl FnMut(&str, Value)) {
    if let Some(n) = channel.followers {
        put("followers", count(n));
    }
    if let Some(e) = channel.engagement {
        put("engagement", Value::from(e));
    }
    if let Some(n) = channel.avg_views {
        put("avg_views", count(n));
    }
    if let Some(u) = &channel.url {
        put("url", Value::from(u.as_str()));
    }
}

fn set_numbers_inline(table: &mut InlineTable, channel: &Channel) {
    numbers(channel, |key, value| match table.get_mut(key) {
        Some(old) => replace_value(old, value),
        None => {
            let mut value = value;
            value.decor_mut().set_prefix(" ");
            table.insert(key, value);
        }
    });
}

fn set_keeping_decor(item: &mut Item, value: Value) {
    match item {
        Item::Value(old) => replace_value(old, value),
        other => *other = Item::Value(value),
    }
}

/// Puts `value` in place of `old`, keeping the spaces and comment around it.
fn replace_value(old: &mut Value, value: Value) {
    let decor = old.decor().clone();
    *old = value;
    *old.decor_mut() = decor;
}
