//! Writing a campaign's settings into `[campaign]`: each one given set in place (its comment
//! and spacing kept), each one absent taken out; every other key as it was written.

use toml_edit::{Array, InlineTable, Item, Table, Value};

use super::edit::{Document, EditError, set, toml_date};
use super::records::count_value;
use crate::model::Settings;

impl Document {
    /// Gives `[campaign]` the settings `s`, creating the table when the file has none.
    pub fn set_settings(&mut self, s: &Settings) -> Result<(), EditError> {
        if self.doc.get("campaign").is_none() {
            let mut table = Table::new();
            table.set_position(Some(0));
            self.doc.insert("campaign", Item::Table(table));
        }
        let table = self
            .doc
            .get_mut("campaign")
            .and_then(Item::as_table_mut)
            .ok_or(EditError::Syntax("[campaign] is not a table".into()))?;
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(Value::from)
        };
        put(table, "name", Some(Value::from(s.name.trim())));
        put(table, "brand", text(&s.brand));
        put(table, "product", text(&s.product));
        put(table, "goal", s.goal.map(|g| Value::from(g.name())));
        put(table, "budget", s.budget.map(count_value));
        put(
            table,
            "currency",
            text(&s.currency.as_ref().map(|c| c.to_uppercase())),
        );
        let platforms = (!s.platforms.is_empty()).then(|| {
            let mut list = Array::new();
            for p in &s.platforms {
                list.push(p.name());
            }
            Value::Array(list)
        });
        put(table, "platforms", platforms);
        put(
            table,
            "reply_by",
            s.reply_by.map(|d| Value::from(toml_date(d))),
        );
        put(table, "starts", s.starts.map(|d| Value::from(toml_date(d))));
        put(table, "ends", s.ends.map(|d| Value::from(toml_date(d))));
        put(table, "template", text(&s.template));
        // Several lines are written as a multi-line string.
        let long = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(super::edit::text_value)
        };
        put(table, "about", long(&s.about));
        put(table, "brief", long(&s.brief));
        put(table, "deliverables", long(&s.deliverables));
        let sender = s.sender.as_ref().map(|sender| {
            let mut t = InlineTable::new();
            t.insert("name", sender.name.trim().into());
            t.insert("email", sender.email.trim().into());
            if let Some(phone) = sender
                .phone
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                t.insert("phone", phone.into());
            }
            t.fmt();
            Value::InlineTable(t)
        });
        match (sender, table.get("sender")) {
            // A [campaign.sender] table written by hand stays a table.
            (Some(Value::InlineTable(new)), Some(Item::Table(_))) => {
                table.insert("sender", Item::Table(new.into_table()));
            }
            (value, _) => put(table, "sender", value),
        }
        Ok(())
    }
}

/// Sets `key` (keeping its decoration) or takes it out.
fn put(table: &mut Table, key: &str, value: Option<Value>) {
    match value {
        Some(v) => {
            // An unchanged value keeps its exact text (`300000` stays as written).
            let same = table
                .get(key)
                .and_then(Item::as_value)
                .is_some_and(|old| same_value(old, &v));
            if !same {
                set(table, key, v);
            }
        }
        None => {
            table.remove(key);
        }
    }
}

/// True when two values say the same, however each is written.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Datetime(a), Value::Datetime(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| same_value(x, y))
        }
        (Value::InlineTable(a), Value::InlineTable(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, x)| b.get(k).is_some_and(|y| same_value(x, y)))
        }
        _ => false,
    }
}
