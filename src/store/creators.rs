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
pub(crate) mod update;

use std::collections::HashMap;
use std::io::{self, BufRead};

use compact_str::CompactString;
use rayon::prelude::*;
use toml::de::{DeTable, DeValue};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::diagnostic::{self, Diagnostic, LineIndex, Located, Report};
use super::fields::{Fields, describe};
use super::text::decode;
use crate::model::Creator;
use chunks::{Chunk, Splitter};
use merge::Merge;
pub(crate) use pieces::{FileStamp, PieceCache};
pub(crate) use read::Piece;
pub(crate) use read::elsewhere;
pub use read::{CHANNEL_KEYS, CREATOR_KEYS};

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
    let (diagnostics, rejected) =
        read_creators(file, || Ok(bytes), None, &mut creators).unwrap_or_default();
    assemble(creators, diagnostics, rejected)
}

/// Every problem of a file, and how many creators were left out because of errors.
pub(crate) type Outcome = (Vec<Diagnostic>, usize);

/// Reads a creator database from what `open` gives (called again if the file must be read as a
/// whole), reusing and filling `cache`, and handing each creator that loads to `sink` in file
/// order.
pub(crate) fn read_creators<R: BufRead>(
    file: &str,
    open: impl Fn() -> io::Result<R>,
    cache: Option<&mut dyn PieceCache>,
    sink: &mut dyn Sink,
) -> io::Result<Outcome> {
    if let Some(outcome) = read_in_chunks(file, open()?, cache, &mut |c| sink.push(c))? {
        return Ok(outcome);
    }
    sink.restart();
    let mut bytes = Vec::new();
    open()?.read_to_end(&mut bytes)?;
    Ok(match decode(file, &bytes) {
        Ok(text) => read_whole(file, text, &mut |c| sink.push(c)),
        Err(diagnostic) => (vec![diagnostic], 0),
    })
}

/// How many chunks are read in parallel before their results are merged: enough to keep every
/// core busy, few enough that nothing piles up for a whole file.
const BATCH: usize = 4096;

/// What one chunk gives.
enum ChunkResult {
    Piece(Box<Piece>),
    /// A syntax error: the creator cannot be read; these are the messages.
    Broken(Vec<Located>),
    /// Not one creator table (another top-level table, say): read the document as a whole.
    Unsplittable,
}

/// The streaming way, or `None` when the text must be read as a whole.
fn read_in_chunks<R: BufRead>(
    file: &str,
    mut reader: R,
    mut cache: Option<&mut dyn PieceCache>,
    sink: &mut dyn FnMut(Creator),
) -> io::Result<Option<Outcome>> {
    if let Some(cache) = cache.as_deref_mut() {
        cache.prepare();
    }
    let mut splitter = Splitter::default();
    let mut merge = Merge::new(file, 0, sink);
    let mut batch = Vec::with_capacity(BATCH);
    let mut buf = Vec::new();
    let mut line = 0u32;
    let mut hasher = Xxh3::new();
    let mut stamp = FileStamp {
        complete: true,
        ..FileStamp::default()
    };
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        hasher.update(&buf);
        stamp.len += buf.len() as u64;
        line += 1;
        let text = match decode_line(file, line, &buf) {
            Ok(text) => text,
            Err(diagnostic) => return Ok(Some((vec![diagnostic], 0))),
        };
        if let Some(chunk) = splitter.push(text) {
            batch.push(chunk);
            if batch.len() == BATCH
                && !read_batch(&mut batch, &mut merge, &mut cache, &mut stamp.complete)
            {
                return Ok(None);
            }
        }
        if splitter.unsplittable {
            return Ok(None);
        }
    }
    batch.extend(splitter.finish());
    if !read_batch(&mut batch, &mut merge, &mut cache, &mut stamp.complete) {
        return Ok(None);
    }
    if let Some(cache) = cache {
        stamp.hash = hasher.digest128();
        cache.file_read(stamp);
    }
    Ok(Some(merge.finish()))
}

/// One line as text, or the located reason the file is not UTF-8.
fn decode_line<'b>(file: &str, line: u32, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    if line == 1 {
        return decode(file, bytes);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let mut d = match decode(file, bytes) {
            Err(d) => d,
            Ok(_) => unreachable_utf8(file, e.valid_up_to()),
        };
        d.line = line;
        d
    })
}

/// Never used: `decode` fails wherever `from_utf8` does. Kept total rather than panicking.
fn unreachable_utf8(file: &str, column: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        1,
        diagnostic::to_u32(column + 1),
        "the file is not valid UTF-8; save it as UTF-8",
    )
}

/// Reads and merges a batch of chunks; false if one of them makes the file unsplittable.
/// `cached_all` turns false when a chunk cannot be cached.
fn read_batch(
    batch: &mut Vec<Chunk>,
    merge: &mut Merge<'_, '_>,
    cache: &mut Option<&mut dyn PieceCache>,
    cached_all: &mut bool,
) -> bool {
    let first = merge.seen();
    let shared: Option<&dyn PieceCache> = cache.as_deref().map(|c| c as &dyn PieceCache);
    let results: Vec<(u128, ChunkResult, Option<Vec<u8>>)> = batch
        .par_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let hash = xxh3_128(chunk.text.as_bytes());
            if let Some(piece) = shared.and_then(|c| c.get(hash)) {
                return (hash, ChunkResult::Piece(Box::new(piece)), None);
            }
            let result = read_chunk(&chunk.text, first + i + 1);
            // A creator without an id is named by its position, which a cache cannot know.
            let fresh = match (&result, shared) {
                (ChunkResult::Piece(piece), Some(_)) if piece.id().is_some() => {
                    Some(pieces::encode(piece))
                }
                _ => None,
            };
            (hash, result, fresh)
        })
        .collect();
    for (chunk, (hash, result, fresh)) in batch.drain(..).zip(results) {
        match result {
            ChunkResult::Piece(piece) => {
                let cacheable = piece.id().is_some();
                let accepted = merge.push(*piece, chunk.line - 1);
                if !cacheable {
                    *cached_all = false;
                } else if let Some(cache) = cache.as_deref_mut() {
                    cache.keep(hash, chunk.line, fresh, accepted);
                }
            }
            ChunkResult::Broken(problems) => {
                *cached_all = false;
                for p in &problems {
                    merge.push_located(p, chunk.line - 1);
                }
                merge.reject();
            }
            ChunkResult::Unsplittable => return false,
        }
    }
    true
}

/// One chunk on its own.
fn read_chunk(text: &str, ordinal: usize) -> ChunkResult {
    let root = match DeTable::parse(text) {
        Ok(root) => root.into_inner(),
        Err(_) => return ChunkResult::Broken(syntax_errors(text)),
    };
    if root.len() != 1 {
        return ChunkResult::Unsplittable;
    }
    let Some(DeValue::Array(items)) = root.get("creator").map(|v| v.get_ref()) else {
        return ChunkResult::Unsplittable;
    };
    let Some(item) = items.iter().next().filter(|_| items.len() == 1) else {
        return ChunkResult::Unsplittable;
    };
    let DeValue::Table(table) = item.get_ref() else {
        return ChunkResult::Unsplittable;
    };
    let index = LineIndex::new(text);
    ChunkResult::Piece(Box::new(read::read_creator(
        table,
        item.span(),
        ordinal,
        text,
        &index,
    )))
}

/// Every syntax error in `text`.
fn syntax_errors(text: &str) -> Vec<Located> {
    let index = LineIndex::new(text);
    let mut report = Report::new(text, &index);
    let (_, errors) = DeTable::parse_recoverable(text);
    report_syntax_errors(&errors, &mut report);
    report.into_problems()
}

/// Records syntax errors, one a line: the parser's follow-on complaints about the same line add
/// nothing.
fn report_syntax_errors(errors: &[toml::de::Error], report: &mut Report<'_>) {
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
fn read_whole(file: &str, text: &str, sink: &mut dyn FnMut(Creator)) -> Outcome {
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
        merge.push(
            read::read_creator(table, item.span(), i + 1, text, &index),
            0,
        );
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
