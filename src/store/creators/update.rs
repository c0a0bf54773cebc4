//! Changing `creators.toml` as a document (toml_edit): channels get new numbers or join their
//! creator, blank fields are filled, new creators are appended in the file's own layout — and
//! everything the user wrote (comments, order, `52_000`) stays as it was. Written under the
//! file's lock, all at once, and only if the file is still the one the changes were made for.

use std::path::Path;

use toml_edit::DocumentMut;

use std::collections::HashMap;

mod edit;

use super::render::render_creator;
use crate::model::{Channel, Creator};
use crate::store::text::{Layout, for_editing, restore_lines};
use crate::store::write::{self, LOCK_WAIT, Lock, WriteError};
use edit::edit_document;
pub(crate) use edit::push_like_the_others;

/// One change to the database.
#[derive(Clone, Debug, PartialEq)]
pub enum CreatorChange {
    /// Give the channel of creator `id` with this platform and handle these numbers (the ones
    /// given), or add it when they have no such channel.
    Channel { id: String, channel: Channel },
    /// Set a field of creator `id` that has no value yet.
    Fill {
        id: String,
        key: &'static str,
        value: FillValue,
    },
}

/// The value of a filled field.
#[derive(Clone, Debug, PartialEq)]
pub enum FillValue {
    Text(String),
    List(Vec<compact_str::CompactString>),
    Count(u64),
}

/// Why the changes were not written.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(
        "{file} changed while the import was being prepared; nothing was written — run it again"
    )]
    Changed { file: String },
    #[error("{file}: {message}; nothing was written")]
    Refused { file: String, message: String },
}

/// Applies `changes` to the creator file at `path` (named `file` in messages), whose text was
/// `before` when the changes were worked out, and appends the `new` creators. Returns the new
/// text.
pub fn update_creators(
    path: &Path,
    file: &str,
    before: &str,
    changes: Vec<CreatorChange>,
    new: Vec<Creator>,
) -> Result<String, UpdateError> {
    let refused = |message: String| UpdateError::Refused {
        file: file.to_string(),
        message,
    };
    let _lock = Lock::acquire(path, file, LOCK_WAIT)?;
    let now = crate::store::files::read_bounded(path, crate::store::files::DATABASE_LIMIT)
        .unwrap_or_default();
    if now != before.as_bytes() {
        return Err(UpdateError::Changed {
            file: file.to_string(),
        });
    }
    // Compared: not held while the new text is made (a second copy of a large database).
    drop(now);
    let added = new.len();
    // The new creators are given up as they are written into the text: a large import would
    // otherwise hold them twice.
    let text = apply(before, changes, new).map_err(refused)?;
    // What is written must read back with every creator there was, the new ones, and no
    // new error.
    // Counted as the creators stream past, none of them kept: a database of 100,000 read
    // twice more would otherwise be held twice more.
    let old = count_of(file, before.as_bytes());
    let new = count_of(file, text.as_bytes());
    if new.errors > old.errors {
        return Err(refused(format!(
            "the changes would not read back cleanly ({})",
            new.first_error
        )));
    }
    if new.creators != old.creators + added {
        return Err(refused(format!(
            "the changes would leave {} creators instead of {}",
            new.creators,
            old.creators + added
        )));
    }
    write::replace(path, file, text.as_bytes())?;
    Ok(text)
}

/// How many creators a file loads, how many errors it has, and the first of them.
#[derive(Default)]
struct Count {
    creators: usize,
    errors: usize,
    first_error: String,
}

impl super::Sink for Count {
    fn push(&mut self, _: crate::model::Creator) {
        self.creators += 1;
    }
    fn restart(&mut self) {
        self.creators = 0;
    }
}

/// Reads the text of a creator database (named `file`) as [`super::parse_creators`] does,
/// counting instead of keeping.
fn count_of(file: &str, bytes: &[u8]) -> Count {
    let mut count = Count::default();
    // Reading from memory cannot fail.
    let (diagnostics, _) = super::read_creators(
        file,
        || Ok(bytes),
        Some(bytes.len() as u64),
        None,
        &mut count,
    )
    .unwrap_or_default();
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    count.errors = errors.len();
    count.first_error = errors.first().map(|d| d.to_string()).unwrap_or_default();
    count
}

/// The text of `before` with `changes` made and the `appended` creators after it. A file made of
/// `[[creator]]` tables (the usual case) is changed one creator's table at a time, the rest left
/// as bytes; anything else is changed as one document. The byte-order mark and the line endings
/// stay as the file has them.
pub fn apply(
    before: &str,
    changes: Vec<CreatorChange>,
    appended: Vec<Creator>,
) -> Result<String, String> {
    let layout = Layout::of(before);
    let body = before.strip_prefix('\u{feff}').unwrap_or(before);
    let mut by_id: HashMap<&str, Vec<&CreatorChange>> = HashMap::new();
    for change in &changes {
        match change {
            CreatorChange::Channel { id, .. } | CreatorChange::Fill { id, .. } => {
                by_id.entry(id.as_str()).or_default().push(change)
            }
        }
    }
    // Each table is edited as `\n` text and given back its own line endings.
    let edit = |raw: &str, mine: &[&CreatorChange]| -> Result<String, String> {
        let edited = edit_document(&for_editing(raw), mine)?;
        Ok(restore_lines(raw, &edited, layout.crlf))
    };
    let mut text = String::with_capacity(before.len() + 64);
    if layout.bom {
        text.push('\u{feff}');
    }
    if by_id.is_empty() {
        text.push_str(body);
    } else {
        match super::chunks::split(body) {
            Some(chunks) => {
                let first = chunks
                    .first()
                    .map_or(body.len(), |c| line_offset(body, c.line));
                text.push_str(&body[..first]);
                for chunk in chunks {
                    match chunk_id(&chunk.text).and_then(|id| by_id.remove(id.as_str())) {
                        Some(mine) => text.push_str(&edit(&chunk.text, &mine)?),
                        None => text.push_str(&chunk.text),
                    }
                }
                if let Some(id) = by_id.keys().next() {
                    return Err(format!("no creator \"{id}\" in the file"));
                }
            }
            None => {
                let all: Vec<&CreatorChange> = by_id.into_values().flatten().collect();
                text.push_str(&edit(body, &all)?);
            }
        }
    }
    if !appended.is_empty() {
        let newline = layout.newline();
        if !text.trim().is_empty() && !text.ends_with('\n') {
            text.push_str(newline);
        }
        if !text.trim().is_empty() && !text.ends_with(&format!("{newline}{newline}")) {
            text.push_str(newline);
        }
        let start = text.len();
        // One at a time: a document of 100,000 new tables would take gigabytes. Each creator
        // is let go once written, and the text is made room for from the first ones' size, so
        // that it does not grow by doubling (holding twice its size while it moves).
        let count = appended.len();
        for (i, creator) in appended.into_iter().enumerate() {
            if i > 0 {
                text.push_str(newline);
            }
            let rendered = render_creator(&creator);
            drop(creator);
            if layout.crlf {
                text.push_str(&rendered.replace('\n', "\r\n"));
            } else {
                text.push_str(&rendered);
            }
            if i + 1 == SAMPLE.min(count) && count > i + 1 {
                let so_far = text.len() - start;
                let each = so_far / (i + 1) + so_far / (i + 1) / 16 + 1;
                text.reserve(each * (count - i - 1));
            }
        }
    }
    Ok(text)
}

/// New creators rendered before the text is made room for the rest.
const SAMPLE: usize = 256;

/// Where 1-based line `line` starts in `text`.
fn line_offset(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line as usize - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The id a creator's table gives itself, read from its `id = …` line.
fn chunk_id(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let t = line.trim_start();
        let rest = t.strip_prefix("id")?;
        if !rest.trim_start().starts_with('=') {
            return None;
        }
        let doc: DocumentMut = t.parse().ok()?;
        doc.get("id")?.as_str().map(str::to_string)
    })
}

#[cfg(test)]
mod tests;
