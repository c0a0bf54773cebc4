//! A TOML file of the workspace as a preamble and records: each `[[creator]]`, `[campaign]` or
//! `[[entry]]` table with its sub-tables (`[[entry.deliverable]]`…) and the comment lines just
//! before it, keyed by what it is about.

/// One record and what it is about: `creator:sarsa`, `entry:sarsa`, `campaign`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub key: String,
    pub text: String,
}

/// A file as its preamble and records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub preamble: String,
    pub records: Vec<Record>,
}

/// The name of the table a header line opens, when the line is one: `creator`, `entry`,
/// `entry.deliverable`, `campaign`.
fn header(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t
        .strip_prefix("[[")
        .and_then(|r| r.split_once("]]"))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.split_once(']')))?;
    let rest = inner.1.trim();
    (rest.is_empty() || rest.starts_with('#')).then_some(inner.0.trim())
}

/// Splits `text` at its record headers. A byte-order mark is the start of the preamble, even
/// when a record comes first.
pub fn split(text: &str) -> Split {
    let (mark, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut out = split_text(text);
    out.preamble.insert_str(0, mark);
    // A key met again (a creator pasted twice, which `check` reports) is the same record's
    // second copy: it keeps a key of its own, so that neither copy takes the other's place.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for record in &mut out.records {
        let n = seen.entry(record.key.clone()).or_default();
        *n += 1;
        if *n > 1 {
            record.key = format!("{}#{n}", record.key);
        }
    }
    out
}

fn split_text(text: &str) -> Split {
    let mut out = Split::default();
    let mut current: Option<String> = None;
    let mut in_multiline = false;
    for line in text.split_inclusive('\n') {
        // A line inside a multi-line string is never a header.
        let quotes = line.matches("\"\"\"").count() + line.matches("'''").count();
        let is_record = !in_multiline
            && header(line).is_some_and(|h| matches!(h, "creator" | "entry" | "campaign"));
        if quotes % 2 == 1 {
            in_multiline = !in_multiline;
        }
        if is_record {
            // The comments just above a header belong to its record.
            let buffer = match &mut current {
                Some(text) => text,
                None => &mut out.preamble,
            };
            let moved = trailing_comments(buffer);
            if let Some(done) = current.take() {
                push(&mut out.records, done);
            }
            current = Some(format!("{moved}{line}"));
            continue;
        }
        match &mut current {
            Some(text) => text.push_str(line),
            None => out.preamble.push_str(line),
        }
    }
    if let Some(done) = current {
        push(&mut out.records, done);
    }
    out
}

/// Takes the comment lines right above a header (no blank line between) off the end of
/// `buffer`: they are about the record. A comment set apart by a blank line stays.
fn trailing_comments(buffer: &mut String) -> String {
    let lines: Vec<&str> = buffer.split_inclusive('\n').collect();
    let mut at = lines.len();
    while at > 0 && lines[at - 1].trim().starts_with('#') {
        at -= 1;
    }
    let moved: String = lines[at..].concat();
    let kept: String = lines[..at].concat();
    *buffer = kept;
    moved
}

fn push(records: &mut Vec<Record>, text: String) {
    // A record whose key cannot be read (it does not parse, or has no id) is known by its text:
    // left as it was, it is the same record on each side wherever it moved.
    let key = key_of(&text).unwrap_or_else(|| {
        format!(
            "?{:032x}",
            xxhash_rust::xxh3::xxh3_128(text.trim_end().as_bytes())
        )
    });
    records.push(Record { key, text });
}

/// What a record is about, read from its text: a creator of the usual shape by the fast
/// reader (a text it takes is valid TOML with that id), anything else as a document.
fn key_of(text: &str) -> Option<String> {
    if let Some(id) = crate::store::creators::usual_creator_id(text) {
        return Some(format!("creator:{id}"));
    }
    key_in_document(text)
}

/// What a record is about, read from it as a document.
fn key_in_document(text: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    if doc.contains_key("campaign") {
        return Some("campaign".into());
    }
    for (table, field) in [("creator", "id"), ("entry", "creator")] {
        if let Some(aot) = doc.get(table).and_then(|i| i.as_array_of_tables()) {
            let id = aot.get(0)?.get(field)?.as_str()?;
            return Some(format!("{table}:{id}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{key_in_document, key_of};

    #[test]
    fn a_key_read_by_the_fast_reader_is_the_key_the_document_gives() {
        let usual = "[[creator]]\nid = \"sarsa\"\nname = \"Sarsa\"\nchannels = [{ platform = \"ig\", handle = \"s\" }]\n\n";
        assert!(crate::store::creators::usual_creator_id(usual).is_some());
        for text in [
            usual,
            &usual.replace("\n", "\r\n"),
            &usual.replace("id = \"sarsa\"", "id = 'sarsa' # the id"),
            &usual.replace("name = ", "colour = \"red\"\nname = "),
            &usual.replace("id = \"sarsa\"", "id = \"Sarsa Chen\""),
            &usual.replace("[[creator]]", "# kept\n[[creator]]"),
            "[[creator]]\nid = \"a\"\nname = \"broken\n",
            "[[entry]]\ncreator = \"sarsa\"\nstage = \"contacted\"\n",
            "[campaign]\nname = \"x\"\n",
        ] {
            assert_eq!(key_of(text), key_in_document(text), "{text}");
        }
    }
}
