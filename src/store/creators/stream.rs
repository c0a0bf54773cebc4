//! The streaming way of reading a creator database: one thread reads the file, cuts it into
//! `[[creator]]` tables and has a batch of them parsed on every core, while the caller's thread
//! merges the previous batch into the creators (the checks across creators, the sink, the
//! cache). Reading, parsing and merging overlap, so that no core waits for another.

use std::io::{self, BufRead};
use std::sync::mpsc;

use rayon::prelude::*;
use toml::de::{DeTable, DeValue};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::chunks::{Chunk, Splitter};
use super::merge::{Keys, Merge};
use super::pieces::{self, FileStamp, Lookup, PieceCache};
use super::read::{self, Piece};
use super::scan;
use super::{Outcome, Sink, report_syntax_errors};
use crate::store::diagnostic::{LineIndex, Located, Report};
use crate::store::text::decode;

/// How many chunks are read in parallel before their results are merged: enough to keep every
/// core busy, few enough that nothing piles up for a whole file.
const BATCH: usize = 4096;

/// After how many tables their density is told (see [`Sink::density`]).
const DENSITY_AFTER: usize = 8192;

/// What one chunk gives.
pub(super) enum ChunkResult {
    Piece(Box<Piece>),
    /// A syntax error: the creator cannot be read; these are the messages.
    Broken(Vec<Located>),
    /// Not one creator table (another top-level table, say): read the document as a whole.
    Unsplittable,
}

/// One chunk read: its header line, the hash of its text, the result, and the piece encoded
/// for the cache when it was read rather than found there.
struct Parsed {
    line: u32,
    hash: u128,
    result: ChunkResult,
    fresh: Option<Vec<u8>>,
    keys: Keys,
}

/// What the reading thread hands over to the parsing one (`Chunks`, with how many chunks came
/// before them), and what the parsing thread hands over to the merging one (`Batch`).
enum Message {
    Chunks(Vec<Chunk>, usize),
    Batch(Vec<Parsed>),
    /// The file is not UTF-8.
    NotText,
    /// Something other than creator tables is in the file.
    Unsplittable,
    /// The first `tables` tables took `bytes` bytes of the file.
    Density {
        tables: usize,
        bytes: u64,
    },
    /// The whole file has been read.
    End(FileStamp),
}

/// The streaming way, or `None` when the text must be read as a whole; `size` is the file's
/// length, if known, to make room for all of it early.
pub(super) fn read_in_chunks<R: BufRead + Send>(
    file: &str,
    reader: R,
    size: Option<u64>,
    mut cache: Option<&mut dyn PieceCache>,
    sink: &mut dyn Sink,
) -> io::Result<Option<Outcome>> {
    let lookup = cache.as_deref_mut().and_then(|c| c.prepare());
    let encode = cache.is_some();
    let mut merge = Merge::new(file, 0, sink);
    std::thread::scope(|s| {
        let (cut, chunks) = mpsc::sync_channel(2);
        let (tx, rx) = mpsc::sync_channel(2);
        let reading = s.spawn(move || produce(file, reader, &cut));
        s.spawn(move || {
            for message in chunks {
                let message = match message {
                    Message::Chunks(chunks, before) => {
                        Message::Batch(parse_batch(&chunks, before, lookup.as_deref(), encode))
                    }
                    other => other,
                };
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut complete = true;
        let mut outcome = None;
        for message in &rx {
            match message {
                Message::Chunks(..) => {}
                Message::Density { tables, bytes } => {
                    merge.density(tables, bytes);
                    if let Some(size) = size.filter(|&size| bytes > 0 && size > bytes) {
                        let all = tables as u128 * u128::from(size) / u128::from(bytes);
                        merge.expect(usize::try_from(all).unwrap_or(usize::MAX));
                    }
                }
                Message::Batch(batch) => {
                    if !merge_batch(batch, &mut merge, &mut cache, &mut complete) {
                        outcome = Some(None);
                        break;
                    }
                }
                // Read as a whole, the file is refused with the same message, and no creator
                // of its first part is kept.
                Message::NotText | Message::Unsplittable => {
                    outcome = Some(None);
                    break;
                }
                Message::End(mut stamp) => {
                    if let Some(cache) = cache.as_deref_mut() {
                        stamp.complete = complete;
                        cache.file_read(stamp);
                    }
                }
            }
        }
        // Stops the reading thread if it is still going.
        drop(rx);
        let read = reading
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the file could not be read")));
        match outcome {
            Some(outcome) => Ok(outcome),
            None => read.map(|()| Some(merge.finish())),
        }
    })
}

/// Reads the file and cuts it into chunks, sent a batch at a time, until the end or until the
/// receiver is gone.
fn produce<R: BufRead>(
    file: &str,
    mut reader: R,
    tx: &mpsc::SyncSender<Message>,
) -> io::Result<()> {
    let mut cut = Cutter {
        file,
        tx,
        splitter: Splitter::default(),
        batch: Vec::with_capacity(BATCH),
        line: 0,
        offset: 0,
        ordinal: 0,
    };
    let mut hasher = Xxh3::new();
    let mut len = 0u64;
    // A line that runs past the end of what the reader holds, kept until it is whole; every
    // other line is read where it lies.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let block = reader.fill_buf()?;
        if block.is_empty() {
            break;
        }
        let size = block.len();
        hasher.update(block);
        len += size as u64;
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', block) {
            let piece = &block[start..=end];
            start = end + 1;
            let line = if carry.is_empty() {
                piece
            } else {
                carry.extend_from_slice(piece);
                &carry
            };
            if !cut.line(line) {
                return Ok(());
            }
            carry.clear();
        }
        carry.extend_from_slice(&block[start..]);
        reader.consume(size);
    }
    if !carry.is_empty() && !cut.line(&carry) {
        return Ok(());
    }
    let mut batch = std::mem::take(&mut cut.batch);
    batch.extend(cut.splitter.finish());
    if !batch.is_empty() && !cut.send(batch) {
        return Ok(());
    }
    let _ = tx.send(Message::End(FileStamp {
        hash: hasher.digest128(),
        len,
        complete: true,
    }));
    Ok(())
}

/// The reading thread's state as it cuts the file's lines into chunks and sends them a batch at
/// a time.
struct Cutter<'a> {
    file: &'a str,
    tx: &'a mpsc::SyncSender<Message>,
    splitter: Splitter,
    batch: Vec<Chunk>,
    /// Lines and bytes before the line being read, and chunks already sent.
    line: u32,
    offset: u64,
    ordinal: usize,
}

impl Cutter<'_> {
    /// Takes the next line (with its line break); false when reading stops here (the file is
    /// not text, or cannot be split, or nobody is listening any more).
    fn line(&mut self, bytes: &[u8]) -> bool {
        let before = self.offset;
        self.offset += bytes.len() as u64;
        self.line += 1;
        let Some(text) = decode_line(self.file, self.line, bytes) else {
            let _ = self.tx.send(Message::NotText);
            return false;
        };
        if let Some(chunk) = self.splitter.push(text) {
            self.batch.push(chunk);
            if self.ordinal + self.batch.len() == DENSITY_AFTER {
                let _ = self.tx.send(Message::Density {
                    tables: DENSITY_AFTER,
                    bytes: before,
                });
            }
            if self.batch.len() == BATCH {
                let full = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
                if !self.send(full) {
                    return false;
                }
            }
        }
        if self.splitter.unsplittable {
            let _ = self.tx.send(Message::Unsplittable);
            return false;
        }
        true
    }

    fn send(&mut self, full: Vec<Chunk>) -> bool {
        let before = self.ordinal;
        self.ordinal += full.len();
        self.tx.send(Message::Chunks(full, before)).is_ok()
    }
}

/// Parses a batch of chunks on every core; `before` chunks came before it in the file.
fn parse_batch(
    batch: &[Chunk],
    before: usize,
    lookup: Option<&dyn Lookup>,
    encode: bool,
) -> Vec<Parsed> {
    batch
        .par_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let hash = xxh3_128(chunk.text.as_bytes());
            if let Some(piece) = lookup.and_then(|c| c.get(hash)) {
                return Parsed {
                    line: chunk.line,
                    hash,
                    keys: Keys::of(&piece),
                    result: ChunkResult::Piece(Box::new(piece)),
                    fresh: None,
                };
            }
            let result = read_chunk(&chunk.text, before + i + 1);
            // A creator without an id is named by its position, which a cache cannot know.
            let fresh = match &result {
                ChunkResult::Piece(piece) if encode && piece.id().is_some() => {
                    Some(pieces::encode(piece))
                }
                _ => None,
            };
            let keys = match &result {
                ChunkResult::Piece(piece) => Keys::of(piece),
                _ => Keys::default(),
            };
            Parsed {
                line: chunk.line,
                hash,
                result,
                fresh,
                keys,
            }
        })
        .collect()
}

/// Merges a parsed batch; false if one of its chunks makes the file unsplittable.
/// `cached_all` turns false when a chunk cannot be cached.
fn merge_batch(
    batch: Vec<Parsed>,
    merge: &mut Merge<'_, '_>,
    cache: &mut Option<&mut dyn PieceCache>,
    cached_all: &mut bool,
) -> bool {
    for parsed in batch {
        match parsed.result {
            ChunkResult::Piece(piece) => {
                let cacheable = piece.id().is_some();
                let accepted = merge.push(*piece, parsed.line - 1, parsed.keys);
                if !cacheable {
                    *cached_all = false;
                } else if let Some(cache) = cache.as_deref_mut() {
                    cache.keep(parsed.hash, parsed.line, parsed.fresh, accepted);
                }
            }
            ChunkResult::Broken(problems) => {
                *cached_all = false;
                for p in &problems {
                    merge.push_located(p, parsed.line - 1);
                }
                merge.reject();
            }
            ChunkResult::Unsplittable => return false,
        }
    }
    true
}

/// One line as text (the first without a byte-order mark), or `None` if it is not UTF-8.
fn decode_line<'b>(file: &str, line: u32, bytes: &'b [u8]) -> Option<&'b str> {
    if line == 1 {
        return decode(file, bytes).ok();
    }
    std::str::from_utf8(bytes).ok()
}

/// One chunk on its own: by the fast reader when it is of the usual shape and has no problem,
/// by the full reader otherwise.
fn read_chunk(text: &str, ordinal: usize) -> ChunkResult {
    match scan::creator(text) {
        Some(piece) => ChunkResult::Piece(Box::new(piece)),
        None => parse_chunk(text, ordinal),
    }
}

/// One chunk on its own, read by the `toml` crate and the full reader.
pub(super) fn parse_chunk(text: &str, ordinal: usize) -> ChunkResult {
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
