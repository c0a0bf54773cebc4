//! One record changed on both sides, merged key by key: each key from the side that changed
//! it, `history` unioned and ordered by time; a key both changed differently (or one removed
//! and the other changed) leaves the record in conflict.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

mod channels;

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

/// A value as compared: its text without the spaces and comments around it.
pub(super) fn plain(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string().trim().to_string()
}

/// A table as compared, likewise.
pub(super) fn plain_table(t: &Table) -> String {
    let mut t = t.clone();
    t.decor_mut().clear();
    t.to_string().trim().to_string()
}

/// An item as compared: its text without the spaces and comments around it.
fn norm(item: Option<&Item>) -> Option<String> {
    item.map(|i| match i {
        Item::Value(v) => plain(v),
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
        // Deliverables by their id, payments as they are: each side's new ones kept.
        if matches!(key.as_str(), "deliverable" | "payment")
            && let Some(merged) = tables(&key, bv, ot.get(&key), tv)
        {
            match merged {
                Some(aot) => {
                    ot.insert(&key, Item::ArrayOfTables(aot));
                }
                None => return None,
            }
            continue;
        }
        // A creator's channels one by one, matched by platform and handle: two people updating
        // two channels of one creator (or two numbers of one channel) both keep their change.
        if key == "channels" {
            match channels::merge(bv, ot.get(&key), tv) {
                Some(Some(item)) => {
                    ot.insert(&key, item);
                    continue;
                }
                Some(None) => return None,
                None => {}
            }
        }
        // A table written inline (a contract, the sender) both changed: key by key.
        if let (Some(o_table), Some(t_table)) = (
            ot.get(&key).and_then(Item::as_inline_table),
            tv.and_then(Item::as_inline_table),
        ) {
            let base_table = bv.and_then(Item::as_inline_table);
            match inline(base_table, o_table.clone(), t_table) {
                Some(merged) => {
                    ot.insert(&key, Item::Value(Value::InlineTable(merged)));
                    continue;
                }
                None => return None,
            }
        }
        // Tags and names (niches, aliases, languages, platforms): what theirs added is added and
        // what theirs took out is taken out of ours.
        if key != "history"
            && let Some(merged) = words(bv, ot.get(&key), tv)
        {
            ot.insert(&key, Item::Value(Value::Array(merged)));
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

/// Sub-tables (`[[entry.deliverable]]`, `[[entry.payment]]`) merged three ways: deliverables
/// matched by `id` (each taken from the side that changed it), payments by their whole text and
/// counted (each side's added ones kept, each side's removed ones gone). `None` when these are not
/// sub-tables; `Some(None)` when both sides changed one deliverable differently.
fn tables(
    key: &str,
    base: Option<&Item>,
    ours: Option<&Item>,
    theirs: Option<&Item>,
) -> Option<Option<toml_edit::ArrayOfTables>> {
    let list = |i: Option<&Item>| -> Option<Vec<Table>> {
        match i {
            None => Some(Vec::new()),
            Some(Item::ArrayOfTables(a)) => Some(a.iter().cloned().collect()),
            Some(_) => None,
        }
    };
    let (b, o, t) = (list(base)?, list(ours)?, list(theirs)?);
    let text = plain_table;
    let mut out = toml_edit::ArrayOfTables::new();
    let id = |t: &Table| t.get("id").and_then(|v| v.as_str()).map(str::to_string);
    // Deliverables by id; one without (which `check` reports) makes the list merge as payments
    // do, so that it is not left out.
    if key == "deliverable" && b.iter().chain(&o).chain(&t).all(|d| id(d).is_some()) {
        let find =
            |list: &[Table], k: &str| list.iter().find(|t| id(t).as_deref() == Some(k)).cloned();
        let mut keys: Vec<String> = o.iter().chain(&t).filter_map(id).collect();
        let mut seen = std::collections::HashSet::new();
        keys.retain(|k| seen.insert(k.clone()));
        for k in keys {
            let (bt, ot, tt) = (find(&b, &k), find(&o, &k), find(&t, &k));
            let (bn, on, tn) = (
                bt.as_ref().map(text),
                ot.as_ref().map(text),
                tt.as_ref().map(text),
            );
            let chosen = if on == tn || bn == tn {
                ot
            } else if bn == on {
                tt
            } else {
                return Some(None);
            };
            if let Some(table) = chosen {
                out.push(table);
            }
        }
        return Some(Some(out));
    }
    // Payments alike are counted, not merged into one: a deposit and a balance of the same
    // amount are two payments. Each is there as many times as ours has it, plus what theirs
    // added, less what theirs removed.
    let count = |list: &[Table], x: &str| list.iter().filter(|y| text(y) == x).count();
    let wanted = |x: &str| (count(&o, x) + count(&t, x)).saturating_sub(count(&b, x));
    let mut written: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for x in o.iter().chain(&t) {
        let key = text(x);
        let done = written.entry(key.clone()).or_default();
        if *done < wanted(&key) {
            *done += 1;
            out.push(x.clone());
        }
    }
    Some(Some(out))
}

/// An inline table both sides changed, merged key by key (each from the side that changed it,
/// lists of text as sets); `None` when one key changed two ways.
pub(super) fn inline(
    base: Option<&toml_edit::InlineTable>,
    mut ours: toml_edit::InlineTable,
    theirs: &toml_edit::InlineTable,
) -> Option<toml_edit::InlineTable> {
    let compared = |v: Option<&Value>| v.map(plain);
    let mut keys: Vec<String> = ours.iter().map(|(k, _)| k.to_string()).collect();
    keys.extend(
        theirs
            .iter()
            .map(|(k, _)| k.to_string())
            .filter(|k| ours.get(k).is_none()),
    );
    // A key added at the end takes the spacing of a table written by hand badly; the table is
    // then spaced the usual way.
    let mut added = false;
    for k in keys {
        let (b, o, t) = (base.and_then(|x| x.get(&k)), ours.get(&k), theirs.get(&k));
        let (bn, on, tn) = (compared(b), compared(o), compared(t));
        if on == tn || bn == tn {
            continue;
        }
        if bn == on {
            match t {
                Some(v) => {
                    let mut v = v.clone();
                    match o {
                        Some(o) => *v.decor_mut() = o.decor().clone(),
                        None => added = true,
                    }
                    ours.insert(&k, v);
                }
                None => {
                    ours.remove(&k);
                }
            }
            continue;
        }
        let item = |v: Option<&Value>| v.cloned().map(Item::Value);
        let merged = words(item(b).as_ref(), item(o).as_ref(), item(t).as_ref())?;
        ours.insert(&k, Value::Array(merged));
    }
    if added {
        ours.fmt();
    }
    Some(ours)
}

/// Two lists of text both sides changed, merged three ways: ours with the words theirs added
/// (after ours, in their order) and without those theirs took out; written as ours is. `None`
/// unless all three (an absent base is empty) are lists of text.
fn words(base: Option<&Item>, ours: Option<&Item>, theirs: Option<&Item>) -> Option<Array> {
    let texts = |i: Option<&Item>| -> Option<Vec<String>> {
        match i {
            None => Some(Vec::new()),
            Some(i) => i
                .as_array()?
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect(),
        }
    };
    let (b, o, t) = (texts(base)?, texts(ours)?, texts(theirs)?);
    let mut out = ours?.as_array()?.clone();
    out.retain(|v| {
        v.as_str()
            .is_none_or(|w| t.iter().any(|x| x == w) || !b.iter().any(|x| x == w))
    });
    for w in t.iter().filter(|w| !b.contains(w) && !o.contains(w)) {
        // On a line of its own in a list written one a line.
        let mut value = Value::from(w.as_str());
        crate::store::creators::update::push_like_the_others(&mut out, &mut value);
        out.push_formatted(value);
    }
    Some(out)
}

/// The records of both histories, each once, ordered by time, written as `ours` writes them.
fn union(ours: &Array, theirs: &Array) -> Array {
    let text = plain;
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
