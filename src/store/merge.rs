//! Three-way merge of the workspace's TOML files, for git (`shortlist merge-file`): the file
//! splits at its record headers (`[[creator]]`, `[campaign]`, `[[entry]]`, each with its
//! sub-tables and the comments before it), records are matched by their key (a creator's id, an
//! entry's creator), and each is merged on its own — taken from the side that changed it, or
//! field by field when both did (a creator's channels one by one), histories unioned and
//! ordered by time. What both sides changed differently is written between git's conflict
//! markers, that record only.

mod fields;
mod split;

use std::collections::HashMap;

pub use split::{Record, split};

/// The merged text, and how many records are in conflict (written between markers).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
    let (b, o, t) = (split(base), split(ours), split(theirs));
    // Markers end their lines as the file does (a file saved on Windows, with `\r\n`).
    let newline = if ours.contains("\r\n") { "\r\n" } else { "\n" };
    let mut conflicts = 0;
    let mut text = String::new();
    // The text before the first record: as the side that changed it, or both between markers.
    match pick(&b.preamble, &o.preamble, &t.preamble) {
        Some(preamble) => text.push_str(preamble),
        None => {
            conflicts += 1;
            // The byte-order mark stays the file's first bytes, before the markers.
            let unmarked = |p: &str| p.strip_prefix('\u{feff}').map(str::to_string);
            let (ours_text, theirs_text) = match (unmarked(&o.preamble), unmarked(&t.preamble)) {
                (Some(ours), Some(theirs)) => {
                    text.push('\u{feff}');
                    (ours, theirs)
                }
                _ => (o.preamble.clone(), t.preamble.clone()),
            };
            marked(&mut text, &ours_text, &theirs_text, newline);
        }
    }
    // Each side's records by key, and the key of the record before each.
    let by_key = |list: &[Record]| -> HashMap<String, (String, Option<String>)> {
        list.iter()
            .enumerate()
            .map(|(i, r)| {
                let before = i.checked_sub(1).map(|i| list[i].key.clone());
                (r.key.clone(), (r.text.clone(), before))
            })
            .collect()
    };
    let (bk, ok, tk) = (by_key(&b.records), by_key(&o.records), by_key(&t.records));
    let find = |side: &HashMap<String, (String, Option<String>)>, key: &str| {
        side.get(key).map(|(text, _)| text.clone())
    };
    // Our order, with the records theirs has and ours not placed after the one before them
    // there: those they added, and those we removed, which stay removed only if they left them
    // as they were. Each such record follows the one before it in theirs (itself ours, or one
    // of these), or comes first.
    let mut first: Vec<String> = Vec::new();
    let mut follower: HashMap<String, String> = HashMap::new();
    for (i, r) in t.records.iter().enumerate() {
        if ok.contains_key(&r.key) {
            continue;
        }
        match i.checked_sub(1) {
            Some(p) => {
                follower.insert(t.records[p].key.clone(), r.key.clone());
            }
            None => first.push(r.key.clone()),
        }
    }
    let mut keys: Vec<String> = Vec::with_capacity(o.records.len() + follower.len() + 1);
    let mut chain = |key: String, keys: &mut Vec<String>| {
        let mut next = follower.remove(&key);
        keys.push(key);
        while let Some(k) = next {
            next = follower.remove(&k);
            keys.push(k);
        }
    };
    for key in first {
        chain(key, &mut keys);
    }
    for r in &o.records {
        chain(r.key.clone(), &mut keys);
    }
    // The key of the last record written.
    let mut written: Option<String> = None;
    for key in &keys {
        let (bo, oo, to) = (find(&bk, key), find(&ok, key), find(&tk, key));
        // Blank lines after a record are the space before the next: appending a record after
        // it changes them, and that is no change to it.
        let same = |x: &Option<String>, y: &Option<String>| {
            x.as_deref().map(str::trim_end) == y.as_deref().map(str::trim_end)
        };
        let merged = match (&bo, &oo, &to) {
            (_, o, t) if same(o, t) => o.clone().map(Ok),
            (b, o, t) if same(b, o) => t.clone().map(Ok),
            (b, o, t) if same(b, t) => o.clone().map(Ok),
            (b, Some(o), Some(t)) => Some(merge_fields(b.as_deref(), o, t, newline).ok_or(())),
            _ => Some(Err(())),
        };
        match merged {
            None => {}
            Some(Ok(record)) => {
                // A record that comes after another than on the side it is from (the one before
                // it there was removed) is set apart by a blank line, as records are.
                let before = |side: &HashMap<String, (String, Option<String>)>| {
                    side.get(key).map(|(_, before)| before.clone())
                };
                let was = before(&ok).or_else(|| before(&tk)).flatten();
                if !text.is_empty()
                    && was != written
                    && !text.ends_with(&format!("{newline}{newline}"))
                {
                    text.push_str(newline);
                }
                text.push_str(&record);
                written = Some(key.clone());
            }
            Some(Err(())) => {
                conflicts += 1;
                let side = |s: &Option<String>| s.clone().unwrap_or_default();
                marked(&mut text, &side(&oo), &side(&to), newline);
                written = Some(key.clone());
            }
        }
    }
    Merged { text, conflicts }
}

/// Both sides of a conflict, between git's markers.
fn marked(text: &mut String, ours: &str, theirs: &str, newline: &str) {
    let mut side = |s: &str| {
        text.push_str(s);
        if !s.is_empty() && !s.ends_with('\n') {
            text.push_str(newline);
        }
    };
    side(&format!("<<<<<<< ours{newline}"));
    side(ours);
    side(&format!("======={newline}"));
    side(theirs);
    side(&format!(">>>>>>> theirs{newline}"));
}

/// One record both sides changed, merged key by key as `\n` text and given back the line
/// endings it had on our side (new and changed lines get `newline`).
fn merge_fields(base: Option<&str>, ours: &str, theirs: &str, newline: &str) -> Option<String> {
    use crate::store::text::{for_editing, restore_lines};
    let merged = fields::merge(
        base.map(for_editing).as_deref(),
        &for_editing(ours),
        &for_editing(theirs),
    )?;
    Some(restore_lines(ours, &merged, newline == "\r\n"))
}

/// The side that changed, when only one did (or both the same way).
fn pick<'a>(base: &'a str, ours: &'a str, theirs: &'a str) -> Option<&'a str> {
    if ours == theirs || base == theirs {
        Some(ours)
    } else if base == ours {
        Some(theirs)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
