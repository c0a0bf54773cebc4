//! Three-way merge of the workspace's TOML files, for git (`shortlist merge-file`): the file
//! splits at its record headers (`[[creator]]`, `[campaign]`, `[[entry]]`, each with its
//! sub-tables and the comments before it), records are matched by their key (a creator's id, an
//! entry's creator), and each is merged on its own — taken from the side that changed it, or
//! field by field when both did, histories unioned and ordered by time. What both sides changed
//! differently is written between git's conflict markers, that record only.

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
    let mut conflicts = 0;
    let mut text = String::new();
    // The text before the first record: as the side that changed it.
    text.push_str(pick(&b.preamble, &o.preamble, &t.preamble).unwrap_or(&o.preamble));
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
    for key in &keys {
        let (bo, oo, to) = (
            find(&b.records, key),
            find(&o.records, key),
            find(&t.records, key),
        );
        let merged = match (&bo, &oo, &to) {
            (_, o, t) if o == t => o.clone().map(Ok),
            (b, o, t) if b == o => t.clone().map(Ok),
            (b, o, t) if b == t => o.clone().map(Ok),
            (b, Some(o), Some(t)) => Some(fields::merge(b.as_deref(), o, t).ok_or(()).or(Err(()))),
            _ => Some(Err(())),
        };
        match merged {
            None => {}
            Some(Ok(record)) => text.push_str(&record),
            Some(Err(())) => {
                conflicts += 1;
                let side = |s: &Option<String>| s.clone().unwrap_or_default();
                let end = |s: String| {
                    if s.ends_with('\n') {
                        s
                    } else {
                        format!("{s}\n")
                    }
                };
                text.push_str("<<<<<<< ours\n");
                text.push_str(&end(side(&oo)));
                text.push_str("=======\n");
                text.push_str(&end(side(&to)));
                text.push_str(">>>>>>> theirs\n");
            }
        }
    }
    Merged { text, conflicts }
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
