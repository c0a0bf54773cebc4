//! The creator database as both front ends use it: the search index (small, at hand at once)
//! and the creators themselves, decoded one at a time when shown.

use std::sync::Arc;

use super::Session;
use crate::model::{Creator, Entry};
use crate::search::{Index, IndexIds};
use crate::store::{self, Creators, Diagnostic, Opened, ReadError};

/// The creator database opened for searching.
#[derive(Clone)]
pub struct Roster {
    /// What searching needs of every creator.
    pub index: Arc<Index>,
    /// The creators, by row of the index.
    pub creators: Arc<Creators>,
    /// The database's problems.
    pub diagnostics: Vec<Diagnostic>,
    /// How many creators were left out because of errors.
    pub rejected: usize,
    /// Problems of the workspace's `vocabulary.toml` (the built-in words are used regardless).
    pub vocabulary_problems: Vec<Diagnostic>,
}

impl std::fmt::Debug for Roster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Roster")
            .field("creators", &self.index.len())
            .field("rejected", &self.rejected)
            .finish_non_exhaustive()
    }
}

impl Roster {
    /// Opens the session's database: from the cache when the file is unchanged, else by
    /// reading it once (and caching the index for next time).
    pub fn open(session: &Session) -> Result<Roster, ReadError> {
        Roster::open_with(session, &store::progress::Progress::new())
    }

    /// As [`Roster::open`], saying how far the read has come in `progress`.
    pub fn open_with(
        session: &Session,
        progress: &std::sync::Arc<store::progress::Progress>,
    ) -> Result<Roster, ReadError> {
        let path = session.workspace.creators_file();
        let file = session.shown(&path);
        let mut opened = store::open_derived_with::<Index>(
            &path,
            &file,
            session.dirs.cache.as_deref(),
            progress,
            None,
        )?;
        let problems = session.teach(&mut opened.derived);
        Ok(Roster {
            vocabulary_problems: problems,
            ..Roster::from(opened)
        })
    }

    /// The creators read so far of a read still going on: their index, to search, and none of
    /// the creators themselves yet (details come with the whole database).
    pub fn partial(index: Index) -> Roster {
        Roster {
            index: Arc::new(index),
            creators: Arc::new(Creators::Memory(store::Database::default())),
            diagnostics: Vec::new(),
            rejected: 0,
            vocabulary_problems: Vec::new(),
        }
    }

    /// How many of the database's problems are errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The rows of the index by creator id.
    pub fn ids(&self) -> IndexIds<'_> {
        IndexIds::new(&self.index)
    }

    /// The creator at `row`.
    pub fn at(&self, row: u32) -> Option<Creator> {
        Some(self.creators.get(row as usize)?.into_owned())
    }

    /// The creator with this id, if the database has them.
    pub fn creator(&self, ids: &IndexIds<'_>, id: &str) -> Option<Creator> {
        self.at(ids.row(id)?)
    }

    /// The name of the creator `id`, if the database has them.
    pub fn name<'r>(&'r self, ids: &IndexIds<'_>, id: &str) -> Option<&'r str> {
        ids.row(id).map(|row| self.index.name(row as usize))
    }

    /// The creators of `entries` (`None` for one the database does not have), in order: who an
    /// export writes to.
    pub fn invitees(&self, entries: &[&Entry]) -> Vec<Option<Creator>> {
        let ids = self.ids();
        entries
            .iter()
            .map(|e| self.creator(&ids, &e.creator))
            .collect()
    }
}

impl From<Opened<Index>> for Roster {
    fn from(opened: Opened<Index>) -> Roster {
        Roster {
            index: Arc::new(opened.derived),
            creators: Arc::new(opened.creators),
            diagnostics: opened.diagnostics,
            rejected: opened.rejected,
            vocabulary_problems: Vec::new(),
        }
    }
}
