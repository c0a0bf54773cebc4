//! The checks that span creators (duplicate ids, a handle on two creators), run in file order
//! over pieces read independently.

use std::collections::HashMap;

use compact_str::CompactString;
use foldhash::fast::RandomState;

use super::read::Piece;
use crate::model::Creator;
use crate::store::diagnostic::{Diagnostic, Located};

/// Pieces in file order become the loaded creators: those without errors of their own and not
/// duplicating an earlier creator. Each goes to a sink as it is accepted, so that a caller that
/// needs only something derived from the creators never holds them all.
pub(crate) struct Merge<'f, 's> {
    file: &'f str,
    sink: &'s mut dyn FnMut(Creator),
    accepted: usize,
    diagnostics: Vec<Diagnostic>,
    rejected: usize,
    /// Header line of the first creator with each id.
    ids: HashMap<CompactString, u32, RandomState>,
    /// `platform\0handle` (lower-cased, without `@`) → (creator id, header line).
    handles: HashMap<CompactString, (CompactString, u32), RandomState>,
}

impl<'f, 's> Merge<'f, 's> {
    /// Starts merging pieces of `file`, expecting about `capacity` of them, handing each accepted
    /// creator to `sink`.
    pub fn new(file: &'f str, capacity: usize, sink: &'s mut dyn FnMut(Creator)) -> Merge<'f, 's> {
        Merge {
            file,
            sink,
            accepted: 0,
            diagnostics: Vec::new(),
            rejected: 0,
            ids: HashMap::with_capacity_and_hasher(capacity, RandomState::default()),
            handles: HashMap::with_capacity_and_hasher(capacity * 2, RandomState::default()),
        }
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

    /// How many creators have been pushed or rejected so far.
    pub fn seen(&self) -> usize {
        self.accepted + self.rejected
    }

    /// Adds the next piece, whose lines are counted from `line_offset` in the file; true when
    /// it became a creator.
    pub fn push(&mut self, piece: Piece, line_offset: u32) -> bool {
        let header = piece.line + line_offset;
        for p in &piece.problems {
            self.push_located(p, line_offset);
        }
        let mut errors = piece.errors;
        let mut owner = None;
        if let (Some(id), Some((line, column))) = (piece.id(), piece.id_at) {
            match self.ids.get(id) {
                Some(first) => {
                    let message = format!("duplicate id \"{id}\" (first used at line {first})");
                    self.error(line + line_offset, column, message, &piece);
                    errors = true;
                }
                None => {
                    self.ids.insert(id.into(), header);
                    owner = Some(CompactString::from(id));
                }
            }
        }
        for (platform, handle, (line, column)) in piece.handles() {
            let mut key = CompactString::from(platform.name());
            key.push('\0');
            key.extend(
                handle
                    .trim_start_matches('@')
                    .chars()
                    .flat_map(char::to_lowercase),
            );
            match self.handles.get(&key) {
                Some((other, first)) => {
                    let message = if owner.as_ref() == Some(other) && *first == header {
                        format!("{platform} handle \"{handle}\" is listed twice")
                    } else {
                        format!(
                            "{platform} handle \"{handle}\" is already on creator {other} (line {first})"
                        )
                    };
                    self.error(line + line_offset, column, message, &piece);
                    errors = true;
                }
                None => {
                    if let Some(owner) = &owner {
                        self.handles.insert(key, (owner.clone(), header));
                    }
                }
            }
        }
        match piece.creator {
            Some(mut creator) if !errors => {
                creator.line = header;
                (self.sink)(creator);
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
