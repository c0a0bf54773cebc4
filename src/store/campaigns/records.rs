//! Changing an entry's records in the document: the `contract` and `shipment` tables, the
//! `[[entry.deliverable]]` tables with their `rounds` and `results`, the `[[entry.payment]]`
//! tables, the fee, and taking an entry off the shortlist. Like every change, only the values
//! that change are touched; a record written inline stays inline, one written as a section stays
//! a section.

use jiff::Zoned;
use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use super::edit::{
    Document, EditError, creator_of, is_multiline, push_record, text_value, toml_date,
};
use crate::model::{Payment, Record, Results, Round, Val};

/// A table being changed, written as a section or inline.
enum Rec<'a> {
    Section(&'a mut Table),
    Inline(&'a mut InlineTable),
}

/// Keys that stay at the end of a section when others are added: the lists of records.
const LAST: &[&str] = &["rounds", "results", "history"];

impl Rec<'_> {
    fn set(&mut self, key: &str, value: Option<Value>) {
        match (self, value) {
            (Rec::Section(t), None) => {
                t.remove(key);
            }
            (Rec::Inline(t), None) => {
                t.remove(key);
            }
            (Rec::Section(t), Some(value)) => set_keeping_last(t, key, value),
            (Rec::Inline(t), Some(value)) => set_inline(t, key, value),
        }
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        match self {
            Rec::Section(t) => t.get_mut(key),
            Rec::Inline(_) => None,
        }
    }

    fn inline_value_mut(&mut self, key: &str) -> Option<&mut Value> {
        match self {
            Rec::Section(t) => t.get_mut(key).and_then(Item::as_value_mut),
            Rec::Inline(t) => t.get_mut(key),
        }
    }

    fn insert_value(&mut self, key: &str, value: Value) {
        self.set(key, Some(value));
    }
}

/// Sets `key` in an inline table: an old value keeps its spacing; a new key goes last, the
/// space before `}` moving after it.
fn set_inline(t: &mut InlineTable, key: &str, mut value: Value) {
    if let Some(old) = t.get(key) {
        *value.decor_mut() = old.decor().clone();
        t.insert(key, value);
        return;
    }
    let mut closing = None;
    if let Some((_, last)) = t.iter_mut().last() {
        closing = last
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .map(str::to_string);
        last.decor_mut().set_suffix("");
    }
    value.decor_mut().set_prefix(" ");
    value
        .decor_mut()
        .set_suffix(closing.unwrap_or_else(|| " ".into()));
    t.insert(key, value);
}

/// Sets `key` in a section, keeping the spacing and comment of an old value; a new key goes
/// before the lists of records that end the table.
fn set_keeping_last(table: &mut Table, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get(key) {
        *value.decor_mut() = old.decor().clone();
        table.insert(key, Item::Value(value));
        return;
    }
    table.insert(key, Item::Value(value));
    let last = |k: &str| LAST.iter().position(|l| *l == k).map_or(0, |p| p + 1);
    table.sort_values_by(|a, _, b, _| last(a.get()).cmp(&last(b.get())));
}

/// A value as the file writes it: dates as TOML dates, large numbers with `_` between
/// thousands (`85_000`), text on one line or several.
pub(super) fn toml_value(v: &Val) -> Option<Value> {
    Some(match v {
        Val::Text(t) => text_value(t),
        Val::List(items) => {
            let mut a = Array::new();
            for i in items {
                a.push(i.as_str());
            }
            Value::Array(a)
        }
        Val::Count(n) => count_value(*n),
        Val::Date(d) => Value::from(toml_date(*d)),
        Val::Bool(b) => Value::from(*b),
        Val::Clear => return None,
    })
}

pub(super) fn count_value(n: u64) -> Value {
    let digits = n.to_string();
    if n < 10_000 {
        return digits.parse().unwrap_or_else(|_| Value::from(0));
    }
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('_');
        }
        grouped.push(c);
    }
    grouped
        .parse()
        .unwrap_or_else(|_| Value::from(i64::try_from(n).unwrap_or(i64::MAX)))
}

/// The list of tables under `key` in `entry`, as sections or as an inline array.
enum List<'a> {
    Sections(&'a mut ArrayOfTables),
    Inline(&'a mut Array),
}

fn list<'a>(entry: &'a mut Table, key: &str) -> Result<Option<List<'a>>, EditError> {
    match entry.get_mut(key) {
        None => Ok(None),
        Some(Item::ArrayOfTables(a)) => Ok(Some(List::Sections(a))),
        Some(Item::Value(Value::Array(a))) => Ok(Some(List::Inline(a))),
        Some(_) => Err(EditError::Shape(format!(
            "\"{key}\" is not a list of tables"
        ))),
    }
}

/// The first table of a list that `pick` chooses, given a reader of the table's text keys.
fn nth<'a>(
    list: List<'a>,
    mut pick: impl FnMut(&dyn Fn(&str) -> Option<String>) -> bool,
) -> Option<Rec<'a>> {
    match list {
        List::Sections(a) => a
            .iter_mut()
            .find(|t| pick(&|k| t.get(k).and_then(|v| v.as_str()).map(str::to_string)))
            .map(Rec::Section),
        List::Inline(a) => a.iter_mut().find_map(|v| match v {
            Value::InlineTable(t)
                if pick(&|k| t.get(k).and_then(|v| v.as_str()).map(str::to_string)) =>
            {
                Some(Rec::Inline(t))
            }
            _ => None,
        }),
    }
}

impl Document {
    /// Sets the fields `values` of `record` in `creator`'s entry, creating the record when it
    /// is not there yet (a deliverable with its id first).
    pub fn set_record(
        &mut self,
        creator: &str,
        record: &Record,
        values: &[(String, Val)],
    ) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        let mut rec = match record {
            Record::Contract | Record::Shipment => {
                let key = if *record == Record::Contract {
                    "contract"
                } else {
                    "shipment"
                };
                if entry.get(key).is_none() {
                    let mut t = InlineTable::new();
                    for (k, v) in values {
                        if let Some(v) = toml_value(v) {
                            t.insert(k, v);
                        }
                    }
                    t.fmt();
                    super::edit::set(entry, key, Value::InlineTable(t));
                    return Ok(());
                }
                match entry.get_mut(key) {
                    Some(Item::Table(t)) => Rec::Section(t),
                    Some(Item::Value(Value::InlineTable(t))) => Rec::Inline(t),
                    _ => return Err(EditError::Shape(format!("\"{key}\" is not a table"))),
                }
            }
            Record::Deliverable(id) => {
                let found = match list(entry, "deliverable")? {
                    Some(l) => nth(l, |get| {
                        get("id").as_deref().map(str::trim) == Some(id.as_str())
                    }),
                    None => None,
                };
                match found {
                    Some(rec) => rec,
                    None => {
                        return add_table(
                            self.entry_mut(creator)?,
                            "deliverable",
                            std::iter::once(("id".to_string(), Val::Text(id.clone())))
                                .chain(values.iter().cloned())
                                .collect(),
                        );
                    }
                }
            }
            Record::Payment(n) => {
                let mut i = 0;
                let found = match list(entry, "payment")? {
                    Some(l) => nth(l, |_| {
                        i += 1;
                        i == *n
                    }),
                    None => None,
                };
                found.ok_or_else(|| EditError::Shape(format!("{creator} has no payment #{n}")))?
            }
        };
        for (k, v) in values {
            rec.set(k, toml_value(v));
        }
        Ok(())
    }

    /// Adds a payment to `creator`'s entry.
    pub fn add_payment(&mut self, creator: &str, payment: &Payment) -> Result<(), EditError> {
        let mut values = Vec::new();
        if let Some(kind) = payment.kind {
            values.push(("kind".to_string(), Val::Text(kind.name().into())));
        }
        values.push(("amount".to_string(), Val::Count(payment.amount)));
        for (key, date) in [("due", payment.due), ("paid", payment.paid)] {
            if let Some(d) = date {
                values.push((key.to_string(), Val::Date(d)));
            }
        }
        if let Some(invoice) = &payment.invoice {
            values.push(("invoice".to_string(), Val::Text(invoice.clone())));
        }
        add_table(self.entry_mut(creator)?, "payment", values)
    }

    /// Adds a review round to deliverable `id` of `creator`'s entry, recorded at `now`.
    pub fn add_round(
        &mut self,
        creator: &str,
        id: &str,
        round: &Round,
        now: &Zoned,
    ) -> Result<(), EditError> {
        let mut t = InlineTable::new();
        let at = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        if let Ok(at) = at.parse::<toml_edit::Datetime>() {
            t.insert("at", Value::from(at));
        }
        t.insert("step", round.step.name().into());
        if let Some(verdict) = round.verdict {
            t.insert("verdict", verdict.name().into());
        }
        if let Some(note) = round
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            t.insert("note", super::edit::one_line(note).into());
        }
        self.push_to_deliverable(creator, id, "rounds", t)
    }

    /// Adds a results snapshot to deliverable `id` of `creator`'s entry.
    pub fn add_results(
        &mut self,
        creator: &str,
        id: &str,
        results: &Results,
    ) -> Result<(), EditError> {
        let mut t = InlineTable::new();
        if let Some(on) = results.on {
            t.insert("on", Value::from(toml_date(on)));
        }
        for (key, read) in Results::COUNTS {
            if let Some(n) = read(results) {
                t.insert(key, count_value(n));
            }
        }
        if let Some(source) = results.source {
            t.insert("source", source.name().into());
        }
        self.push_to_deliverable(creator, id, "results", t)
    }

    fn push_to_deliverable(
        &mut self,
        creator: &str,
        id: &str,
        key: &str,
        mut record: InlineTable,
    ) -> Result<(), EditError> {
        record.fmt();
        let entry = self.entry_mut(creator)?;
        let found = match list(entry, "deliverable")? {
            Some(l) => nth(l, |get| get("id").as_deref().map(str::trim) == Some(id)),
            None => None,
        };
        let mut rec =
            found.ok_or_else(|| EditError::Shape(format!("{creator} has no deliverable {id}")))?;
        if let Some(Item::ArrayOfTables(a)) = rec.get_mut(key) {
            let mut t = Table::new();
            for (k, v) in record.iter() {
                t.insert(k, Item::Value(v.clone()));
            }
            a.push(t);
            return Ok(());
        }
        match rec.inline_value_mut(key) {
            Some(Value::Array(a)) => {
                let multiline = is_multiline(a);
                push_record(a, record, multiline);
            }
            Some(_) => {
                return Err(EditError::Shape(format!("\"{key}\" of {id} is not a list")));
            }
            None => {
                let mut a = Array::new();
                push_record(&mut a, record, true);
                rec.insert_value(key, Value::Array(a));
            }
        }
        Ok(())
    }

    /// Sets or clears the fee of `creator`'s entry.
    pub fn set_fee(&mut self, creator: &str, fee: Option<u64>) -> Result<(), EditError> {
        let entry = self.entry_mut(creator)?;
        match fee {
            Some(fee) => super::edit::set(entry, "fee", count_value(fee)),
            None => {
                entry.remove("fee");
            }
        }
        Ok(())
    }

    /// Takes `creator`'s entry off the shortlist, with its records. The comments written above
    /// it stay, above the entry that now follows (or at the end of the file).
    pub fn remove_entry(&mut self, creator: &str) -> Result<(), EditError> {
        let list = match self.doc.get_mut("entry") {
            Some(item) => item.as_array_of_tables_mut().ok_or(EditError::Entries)?,
            None => return Err(EditError::NotListed(creator.to_string())),
        };
        let i = list
            .iter()
            .position(|t| creator_of(t) == Some(creator))
            .ok_or_else(|| EditError::NotListed(creator.to_string()))?;
        let prefix = list
            .get(i)
            .and_then(|t| t.decor().prefix())
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_string();
        list.remove(i);
        if prefix.contains('#') {
            let kept: String = prefix
                .lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .map(|l| format!("{l}\n"))
                .collect();
            match list.get_mut(i) {
                Some(next) => {
                    let old = next.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
                    let joined = format!("\n{kept}{}", old.trim_start_matches('\n'));
                    next.decor_mut().set_prefix(joined);
                }
                None => {
                    let old = self.doc.trailing().as_str().unwrap_or("").to_string();
                    self.doc.set_trailing(format!("\n{kept}{old}"));
                }
            }
        }
        Ok(())
    }
}

/// Appends a new table to the list `key` of `entry` (as a section, or inline when the list is
/// written inline), with `values` in order.
fn add_table(entry: &mut Table, key: &str, values: Vec<(String, Val)>) -> Result<(), EditError> {
    match list(entry, key)? {
        Some(List::Inline(a)) => {
            let mut t = InlineTable::new();
            for (k, v) in &values {
                if let Some(v) = toml_value(v) {
                    t.insert(k, v);
                }
            }
            t.fmt();
            let multiline = is_multiline(a);
            push_record(a, t, multiline);
        }
        Some(List::Sections(a)) => a.push(section(&values)),
        None => {
            let mut a = ArrayOfTables::new();
            a.push(section(&values));
            entry.insert(key, Item::ArrayOfTables(a));
        }
    }
    Ok(())
}

fn section(values: &[(String, Val)]) -> Table {
    let mut t = Table::new();
    for (k, v) in values {
        if let Some(v) = toml_value(v) {
            t.insert(k, Item::Value(v));
        }
    }
    t.decor_mut().set_prefix("\n");
    t
}

#[cfg(test)]
mod tests;
