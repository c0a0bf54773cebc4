//! Loading `creators.toml`: every problem in the file is found in one pass and located, and the
//! creators without errors are loaded so that the rest of the program can still work.
//!
//! A file made only of `[[creator]]` tables (the usual case) is read one table at a time, in
//! parallel, and each table's result can be reused from a cache keyed by its text; anything else
//! is read as one document. Both ways give the same creators and the same messages.

pub(crate) mod cache;
pub(crate) mod chunks;
mod merge;
pub(crate) mod open;
pub(crate) mod pieces;
mod read;
pub(crate) mod render;
mod scan;
mod stream;
pub(crate) mod update;

use std::collections::HashMap;
use std::io::{self, BufRead};

use compact_str::CompactString;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, LineIndex, Report};
use super::fields::{Fields, describe};
use super::text::decode;
use crate::model::Creator;
use merge::Merge;
pub(crate) use pieces::PieceCache;
pub use read::{CHANNEL_KEYS, CREATOR_KEYS};
pub(crate) use read::{elsewhere, elsewhere_among};

/// The id of a creator table of the usual shape with no problem at all (see [`scan`]), read
/// without building a document; `None` for any other text, which the caller reads in full.
pub(crate) fn usual_creator_id(text: &str) -> Option<CompactString> {
    scan::creator(text)?.creator.map(|c| c.id)
}

/// The creators that loaded, in file order, with a lookup by id.
#[derive(Clone, Debug, Default)]
pub struct Database {
    pub creators: Vec<Creator>,
    by_id: HashMap<CompactString, usize>,
}

impl Database {
    /// Builds the lookup for creators whose ids are already known to be unique.
    pub fn new(creators: Vec<Creator>) -> Database {
        let by_id = creators
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Database { creators, by_id }
    }

    /// The creator with this id.
    pub fn get(&self, id: &str) -> Option<&Creator> {
        self.position(id).map(|i| &self.creators[i])
    }

    /// Where the creator with this id is in `creators`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Every id, for "did you mean" suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.creators.iter().map(|c| c.id.as_str())
    }
}

/// What reading the database produced: the creators without errors, every problem found, and
/// how many creators were left out because of errors.
#[derive(Debug, Default)]
pub struct LoadedCreators {
    pub database: Database,
    pub diagnostics: Vec<Diagnostic>,
    pub rejected: usize,
}

impl LoadedCreators {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Where creators go as they load.
pub(crate) trait Sink {
    /// Takes the next creator, in file order.
    fn push(&mut self, creator: Creator);
    /// Forgets every creator taken so far: the file is being read again from the start.
    fn restart(&mut self);
    /// Told once, early in a long read, that the first `tables` creator tables took `bytes`
    /// bytes of the file: enough to judge how many the whole file holds.
    fn density(&mut self, tables: usize, bytes: u64) {
        let _ = (tables, bytes);
    }
}

impl Sink for Vec<Creator> {
    fn push(&mut self, creator: Creator) {
        Vec::push(self, creator);
    }

    fn restart(&mut self) {
        self.clear();
    }
}

/// Reads a creator database from the bytes of a file shown to the user as `file`.
pub fn parse_creators(file: &str, bytes: &[u8]) -> LoadedCreators {
    let mut creators = Vec::new();
    // Reading from memory cannot fail.
    let (diagnostics, rejected) = read_creators(
        file,
        || Ok(bytes),
        Some(bytes.len() as u64),
        None,
        &mut creators,
    )
    .unwrap_or_default();
    assemble(creators, diagnostics, rejected)
}

/// Every problem of a file, and how many creators were left out because of errors.
pub(crate) type Outcome = (Vec<Diagnostic>, usize);

/// Reads a creator database from what `open` gives (called again if the file must be read as a
/// whole), `size` bytes if known, reusing and filling `cache`, and handing each creator that
/// loads to `sink` in file order.
pub(crate) fn read_creators<R: BufRead + Send>(
    file: &str,
    open: impl Fn() -> io::Result<R>,
    size: Option<u64>,
    cache: Option<&mut dyn PieceCache>,
    sink: &mut dyn Sink,
) -> io::Result<Outcome> {
    if let Some(outcome) = stream::read_in_chunks(file, open()?, size, cache, sink)? {
        return Ok(outcome);
    }
    sink.restart();
    let mut bytes = Vec::new();
    open()?.read_to_end(&mut bytes)?;
    Ok(match decode(file, &bytes) {
        Ok(text) => read_whole(file, text, sink),
        Err(diagnostic) => (vec![diagnostic], 0),
    })
}

/// Records syntax errors, one a line: the parser's follow-on complaints about the same line add
/// nothing.
pub(super) fn report_syntax_errors(errors: &[toml::de::Error], report: &mut Report<'_>) {
    let mut last_line = 0;
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let line = report.line(span.start);
        if line != last_line {
            let message = super::diagnostic::syntax_message(report.text(), &span, error.message());
            report.error(&span, None, message);
            last_line = line;
        }
    }
}

/// The whole document at once: slower, but it reports syntax errors exactly and takes any
/// layout TOML allows.
fn read_whole(file: &str, text: &str, sink: &mut dyn Sink) -> Outcome {
    let index = LineIndex::new(text);
    let mut report = Report::new(text, &index);
    let (root, errors) = DeTable::parse_recoverable(text);
    let broken: Vec<usize> = errors
        .iter()
        .map(|e| e.span().unwrap_or(0..0).start)
        .collect();
    report_syntax_errors(&errors, &mut report);
    let root_span = root.span();
    let root = root.into_inner();
    let mut fields = Fields::new(&root, root_span.start..root_span.start, &mut report);
    fields.unknown_keys(&["creator"], |_| None);
    let items = match root.get("creator") {
        Some(list) => match list.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                report.error(
                    &list.span(),
                    None,
                    "\"creator\" must be a list of tables: write each creator under [[creator]]"
                        .into(),
                );
                None
            }
        },
        None => None,
    };
    let mut merge = Merge::new(file, items.map_or(0, |i| i.len()), sink);
    for p in report.into_problems() {
        merge.push_diagnostic(Diagnostic::from_located(file, 0, &p));
    }
    for (i, item) in items.into_iter().flat_map(|i| i.iter()).enumerate() {
        let start = item.span().start;
        let end = items
            .and_then(|list| list.get(i + 1))
            .map_or(text.len(), |next| next.span().start);
        if broken.iter().any(|&b| b >= start && b < end) {
            // Already reported as a syntax error; what the parser recovered is not trustworthy.
            merge.reject();
            continue;
        }
        let DeValue::Table(table) = item.get_ref() else {
            let mut report = Report::new(text, &index);
            report.error(
                &item.span(),
                None,
                format!(
                    "each creator must be a table, found {}",
                    describe(item.get_ref())
                ),
            );
            for p in report.into_problems() {
                merge.push_diagnostic(Diagnostic::from_located(file, 0, &p));
            }
            merge.reject();
            continue;
        };
        let piece = read::read_creator(table, item.span(), i + 1, text, &index);
        let keys = merge::Keys::of(&piece);
        merge.push(piece, 0, keys);
    }
    merge.finish()
}

/// A loaded database from its parts, as the cache keeps them.
pub(crate) fn assemble(
    creators: Vec<Creator>,
    diagnostics: Vec<Diagnostic>,
    rejected: usize,
) -> LoadedCreators {
    LoadedCreators {
        database: Database::new(creators),
        diagnostics,
        rejected,
    }
}

#[cfg(test)]
mod tests;
