//! Three-way merge of the workspace's TOML files, for git (`shortlist merge-file`): the file
//! splits at its record headers (`[[creator]]`, `[campaign]`, `[[entry]]`, each with its
//! sub-tables and the comments before it), records are matched by their key (a creator's id, an
//! entry's creator), and each is merged on its own — taken from the side that changed it, or
//! field by field when both did (a creator's channels one by one), histories unioned and
//! ordered by time. What both sides changed differently is written between git's conflict
//! markers, that record only.

mod fields;
mod split;

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
    let find =
        |list: &[Record], key: &str| list.iter().find(|r| r.key == key).map(|r| r.text.clone());
    // Our order, with the records theirs has and ours not placed after the one before them
    // there: those they added, and those we removed, which stay removed only if they left them
    // as they were.
    let mut keys: Vec<String> = o.records.iter().map(|r| r.key.clone()).collect();
    for (i, r) in t.records.iter().enumerate() {
        if keys.contains(&r.key) {
            continue;
        }
        let after = t.records[..i]
            .iter()
            .rev()
            .find_map(|p| keys.iter().position(|k| *k == p.key));
        match after {
            Some(at) => keys.insert(at + 1, r.key.clone()),
            None => keys.insert(0, r.key.clone()),
        }
    }
    // The key of the last record written.
    let mut written: Option<String> = None;
    for key in &keys {
        let (bo, oo, to) = (
            find(&b.records, key),
            find(&o.records, key),
            find(&t.records, key),
        );
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
                let before = |list: &[Record]| -> Option<Option<String>> {
                    let at = list.iter().position(|r| r.key == *key)?;
                    Some(at.checked_sub(1).map(|i| list[i].key.clone()))
                };
                let was = before(&o.records).or_else(|| before(&t.records)).flatten();
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
