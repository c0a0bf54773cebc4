//! The checks that span creators (duplicate ids, a handle on two creators), run in file order
//! over pieces read independently.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use xxhash_rust::xxh3::xxh3_128;

use super::read::Piece;
use crate::store::diagnostic::{Diagnostic, Located};

/// Pieces in file order become the loaded creators: those without errors of their own and not
/// duplicating an earlier creator. Each goes to a sink as it is accepted, so that a caller that
/// needs only something derived from the creators never holds them all.
pub(crate) struct Merge<'f, 's> {
    file: &'f str,
    sink: &'s mut dyn super::Sink,
    accepted: usize,
    diagnostics: Vec<Diagnostic>,
    rejected: usize,
    /// The ids of the creators merged so far, by the hash of the id (see [`Keys`]): the place
    /// of the id in `names`, and the creator's header line.
    ids: HashMap<u128, (u32, u32), RandomState>,
    /// The hash of `platform\0handle` (lower-cased, without `@`) → (the owner's place in
    /// `names`, its header line).
    handles: HashMap<u128, (u32, u32), RandomState>,
    /// The ids themselves, one after another, for the messages.
    names: String,
    name_at: Vec<u32>,
}

/// What the checks across creators compare of one creator, worked out where it was read (on
/// any core) rather than where creators are merged one at a time: the 128-bit hash of its id
/// and of each of its handles (as `platform\0handle`, lower-cased, without `@`). Text this
/// program tells apart by such a hash is what its cache tells apart too.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    id: Option<u128>,
    handles: Vec<u128>,
}

impl Keys {
    /// The keys of `piece`.
    pub fn of(piece: &Piece) -> Keys {
        let mut key = String::new();
        Keys {
            id: piece.id().map(|id| xxh3_128(id.as_bytes())),
            handles: piece
                .handles()
                .into_iter()
                .map(|(platform, handle, _)| {
                    key.clear();
                    key.push_str(platform.name());
                    key.push('\0');
                    let handle = handle.trim_start_matches('@');
                    if handle.is_ascii() {
                        let from = key.len();
                        key.push_str(handle);
                        key[from..].make_ascii_lowercase();
                    } else {
                        key.extend(handle.chars().flat_map(char::to_lowercase));
                    }
                    xxh3_128(key.as_bytes())
                })
                .collect(),
        }
    }
}

impl<'f, 's> Merge<'f, 's> {
    /// Starts merging pieces of `file`, expecting about `capacity` of them, handing each accepted
    /// creator to `sink`.
    pub fn new(file: &'f str, capacity: usize, sink: &'s mut dyn super::Sink) -> Merge<'f, 's> {
        Merge {
            file,
            sink,
            accepted: 0,
            diagnostics: Vec::new(),
            rejected: 0,
            ids: HashMap::with_capacity_and_hasher(capacity, RandomState::default()),
            handles: HashMap::with_capacity_and_hasher(capacity * 2, RandomState::default()),
            names: String::new(),
            name_at: vec![0],
        }
    }

    /// Passes on to the sink how much of the file the first tables took (see
    /// [`super::Sink::density`]).
    pub fn density(&mut self, tables: usize, bytes: u64) {
        self.sink.density(tables, bytes);
    }

    /// Makes room for about `tables` creators in all, judging from those merged so far, so
    /// that the maps do not grow (and move) over and over on a large file.
    pub fn expect(&mut self, tables: usize) {
        let seen = self.accepted + self.rejected;
        if seen == 0 || tables <= seen {
            return;
        }
        let more = |len: usize| {
            (len as u128 * (tables - seen) as u128 * 21 / (seen as u128 * 20)) as usize
        };
        self.ids.reserve(more(self.ids.len()));
        self.handles.reserve(more(self.handles.len()));
        self.names.reserve(more(self.names.len()));
        self.name_at.reserve(more(self.name_at.len()));
    }

    /// Records a problem that belongs to no creator.
    pub fn push_diagnostic(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Records a problem of the file's text, located within a part whose lines are counted
    /// from `line_offset`.
    pub fn push_located(&mut self, problem: &Located, line_offset: u32) {
        self.diagnostics
            .push(Diagnostic::from_located(self.file, line_offset, problem));
    }

    /// Counts a creator that could not be read at all (its text does not parse).
    pub fn reject(&mut self) {
        self.rejected += 1;
    }

    /// The id kept at `place` in `names`.
    fn name(&self, place: u32) -> &str {
        let at = |i: usize| self.name_at.get(i).map_or(0, |&a| a as usize);
        self.names
            .get(at(place as usize)..at(place as usize + 1))
            .unwrap_or_default()
    }

    /// Adds the next piece, whose lines are counted from `line_offset` in the file, with its
    /// keys; true when it became a creator.
    pub fn push(&mut self, piece: Piece, line_offset: u32, keys: Keys) -> bool {
        let header = piece.line + line_offset;
        for p in &piece.problems {
            self.push_located(p, line_offset);
        }
        let mut errors = piece.errors;
        let mut owner = None;
        if let (Some(id), Some((line, column)), Some(hash)) = (piece.id(), piece.id_at, keys.id) {
            match self.ids.get(&hash) {
                Some(&(_, first)) => {
                    let message = format!("duplicate id \"{id}\" (first used at line {first})");
                    self.error(line + line_offset, column, message, &piece);
                    errors = true;
                }
                None => {
                    let place = self.name_at.len() as u32 - 1;
                    self.names.push_str(id);
                    self.name_at.push(self.names.len() as u32);
                    self.ids.insert(hash, (place, header));
                    owner = Some(place);
                }
            }
        }
        for ((platform, handle, (line, column)), key) in
            piece.handles().into_iter().zip(keys.handles)
        {
            match self.handles.get(&key) {
                Some(&(other, first)) => {
                    let message = if owner == Some(other) && first == header {
                        format!("{platform} handle \"{handle}\" is listed twice")
                    } else {
                        format!(
                            "{platform} handle \"{handle}\" is already on creator {} (line {first})",
                            self.name(other)
                        )
                    };
                    self.error(line + line_offset, column, message, &piece);
                    errors = true;
                }
                None => {
                    if let Some(owner) = owner {
                        self.handles.insert(key, (owner, header));
                    }
                }
            }
        }
        match piece.creator {
            Some(mut creator) if !errors => {
                creator.line = header;
                self.sink.push(creator);
                self.accepted += 1;
                true
            }
            _ => {
                self.rejected += 1;
                false
            }
        }
    }

    fn error(&mut self, line: u32, column: u32, message: String, piece: &Piece) {
        self.diagnostics
            .push(Diagnostic::error(self.file, line, column, message).about(piece.subject()));
    }

    /// Every problem in file order, and how many creators were left out.
    pub fn finish(self) -> (Vec<Diagnostic>, usize) {
        (
            crate::store::diagnostic::sorted(self.diagnostics),
            self.rejected,
        )
    }
}
