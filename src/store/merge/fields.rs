//! One record changed on both sides, merged key by key: each key from the side that changed
//! it, `history` unioned and ordered by time; a key both changed differently (or one removed
//! and the other changed) leaves the record in conflict.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// The record's table in its document: the creator, the entry, or the brief.
fn table_mut(doc: &mut DocumentMut) -> Option<&mut Table> {
    if doc.contains_key("campaign") {
        return doc.get_mut("campaign")?.as_table_mut();
    }
    let name = ["creator", "entry"]
        .into_iter()
        .find(|n| doc.get(n).is_some_and(|i| i.is_array_of_tables()))?;
    doc.get_mut(name)?.as_array_of_tables_mut()?.get_mut(0)
}

/// An item as compared: its text without the spaces and comments around it.
fn norm(item: Option<&Item>) -> Option<String> {
    item.map(|i| match i {
        Item::Value(v) => {
            let mut v = v.clone();
            v.decor_mut().clear();
            v.to_string().trim().to_string()
        }
        other => other.to_string().trim().to_string(),
    })
}

/// Merges `ours` and `theirs` (both changed from `base`, which may not exist), or `None` when
/// they disagree.
pub fn merge(base: Option<&str>, ours: &str, theirs: &str) -> Option<String> {
    let mut o: DocumentMut = ours.parse().ok()?;
    let mut t: DocumentMut = theirs.parse().ok()?;
    let mut b: DocumentMut = base.unwrap_or("").parse().ok()?;
    let empty = Table::new();
    let bt = table_mut(&mut b).map(|t| t.clone()).unwrap_or(empty);
    let tt = table_mut(&mut t)?.clone();
    let ot = table_mut(&mut o)?;
    let keys: Vec<String> = ot
        .iter()
        .map(|(k, _)| k.to_string())
        .chain(tt.iter().map(|(k, _)| k.to_string()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for key in keys.into_iter().filter(|k| seen.insert(k.clone())) {
        let (bv, ov, tv) = (bt.get(&key), ot.get(&key), tt.get(&key));
        let (bn, on, tn) = (norm(bv), norm(ov), norm(tv));
        if on == tn || bn == tn {
            continue;
        }
        if bn == on {
            match tv {
                Some(item) => {
                    ot.insert(&key, item.clone());
                }
                None => {
                    ot.remove(&key);
                }
            }
            continue;
        }
        if key == "history"
            && let (Some(Item::Value(Value::Array(oa))), Some(Item::Value(Value::Array(ta)))) =
                (ot.get(&key), tv)
        {
            let merged = union(oa, ta);
            ot.insert(&key, Item::Value(Value::Array(merged)));
            continue;
        }
        return None;
    }
    Some(o.to_string())
}

/// The records of both histories, each once, ordered by time, written as `ours` writes them.
fn union(ours: &Array, theirs: &Array) -> Array {
    let text = |v: &Value| {
        let mut v = v.clone();
        v.decor_mut().clear();
        v.to_string().trim().to_string()
    };
    let mut all: Vec<Value> = ours.iter().cloned().collect();
    for v in theirs.iter() {
        if !all.iter().any(|a| text(a) == text(v)) {
            all.push(v.clone());
        }
    }
    let at = |v: &Value| {
        v.as_inline_table()
            .and_then(|t| t.get("at"))
            .map(|a| a.to_string().trim().to_string())
            .and_then(|a| a.parse::<jiff::Timestamp>().ok())
    };
    all.sort_by_key(|v| at(v));
    let multiline = crate::store::campaigns::is_multiline(ours);
    let mut out = Array::new();
    for v in all {
        match v {
            Value::InlineTable(t) => crate::store::campaigns::push_record(&mut out, t, multiline),
            other => out.push_formatted(other),
        }
    }
    out
}
