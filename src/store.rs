//! Files on disk: finding the workspace, reading the creator database and configuration with
//! every problem located, and the sample workspace built into the binary.

mod cache;
mod campaigns;
mod config;
mod creators;
mod diagnostic;
mod dirs;
mod fields;
mod render;
pub mod sample;
mod text;
mod workspace;

pub use cache::CreatorCache;
pub use campaigns::{
    BRIEF_KEYS, ENTRY_KEYS, KnownCreators, LoadedCampaign, load_campaign, parse_campaign,
    stage_message,
};
pub use config::{Config, DEFAULT_CURRENCY, load_config, parse_config};
pub use creators::{CHANNEL_KEYS, CREATOR_KEYS, Database, LoadedCreators, parse_creators};
pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use dirs::UserDirs;
pub use render::{channel_table, creator_table, render_creators};
pub use workspace::{CREATORS_FILE, Lookup, Origin, Workspace, WorkspaceError, resolve};

use std::path::Path;

use crate::model;

/// Why a file could not be read at all (as opposed to read with problems).
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct ReadError {
    pub file: String,
    pub source: std::io::Error,
}

/// Reads the creator database of a workspace, through the cache in `cache_dir` when given.
pub fn load_creators(
    workspace: &Workspace,
    cache_dir: Option<&Path>,
) -> Result<LoadedCreators, ReadError> {
    let path = workspace.creators_file();
    load_creators_file(&path, &workspace.display_name(&path), cache_dir)
}

/// Reads a creator database from any file, naming it `file` in messages. The file is read as
/// a stream, so that a large database is never in memory twice; with a cache folder, an
/// unchanged file is not parsed at all, an edited one only where it changed.
pub fn load_creators_file(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
) -> Result<LoadedCreators, ReadError> {
    load_with::<Nothing>(path, file, cache_dir, false).map(|(loaded, _)| loaded)
}

/// Something worked out from the creators that is worth keeping with them in the cache (the
/// search index): made when the creators are read, found again with them while the file is
/// unchanged, and read back as a stream.
pub trait Derived: Sized {
    /// Works it out from the creators.
    fn derive(database: &Database) -> Self;
    /// Writes it for the cache.
    fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()>;
    /// Reads what [`Derived::write_to`] wrote; `None` if it is something else.
    fn read_from(input: &mut dyn std::io::Read) -> Option<Self>;
}

/// Reads a creator database like [`load_creators_file`], with what is derived from it, taken
/// from the cache when the file has not changed and worked out (and cached) otherwise.
pub fn load_creators_derived<D: Derived>(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
) -> Result<(LoadedCreators, D), ReadError> {
    let (loaded, derived) = load_with::<D>(path, file, cache_dir, true)?;
    let derived = derived.unwrap_or_else(|| D::derive(&loaded.database));
    Ok((loaded, derived))
}

fn load_with<D: Derived>(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
    want_derived: bool,
) -> Result<(LoadedCreators, Option<D>), ReadError> {
    let mut cache = cache_dir.map(|dir| CreatorCache::open(dir, path));
    if let Some(c) = cache.as_mut()
        && c.snapshot_for(path).is_some()
    {
        c.load_entries();
        if let Some(loaded) = replay(c, file) {
            if !want_derived {
                return Ok((loaded, None));
            }
            if let Some(derived) = c.read_derived(D::read_from) {
                return Ok((loaded, Some(derived)));
            }
            let derived = D::derive(&loaded.database);
            c.keep_all();
            if let Some(c) = cache {
                c.save(Some(&|out: &mut dyn std::io::Write| derived.write_to(out)));
            }
            return Ok((loaded, Some(derived)));
        }
    }
    let open = || std::fs::File::open(path).map(|f| std::io::BufReader::with_capacity(1 << 16, f));
    let loaded = creators::read_creators(
        file,
        open,
        cache.as_mut().map(|c| c as &mut dyn creators::PieceCache),
    )
    .map_err(|source| ReadError {
        file: file.to_string(),
        source,
    })?;
    let derived = want_derived.then(|| D::derive(&loaded.database));
    if let Some(mut c) = cache {
        let problems = loaded
            .diagnostics
            .iter()
            .map(Diagnostic::to_located)
            .collect();
        c.set_snapshot(loaded.rejected, problems);
        match &derived {
            Some(d) => c.save(Some(&|out: &mut dyn std::io::Write| d.write_to(out))),
            None => c.save(None),
        }
    }
    Ok((loaded, derived))
}

/// Nothing derived: for reading creators alone.
struct Nothing;

impl Derived for Nothing {
    fn derive(_: &Database) -> Self {
        Nothing
    }
    fn write_to(&self, _: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }
    fn read_from(_: &mut dyn std::io::Read) -> Option<Self> {
        Some(Nothing)
    }
}

/// The creators of an unchanged file, decoded from the cache on all cores.
fn replay(cache: &CreatorCache, file: &str) -> Option<LoadedCreators> {
    use rayon::prelude::*;
    let snapshot = cache.snapshot()?;
    let creators: Option<Vec<model::Creator>> = snapshot
        .accepted
        .par_iter()
        .map(|&position| cached_creator(cache, position))
        .collect();
    let diagnostics = snapshot
        .problems
        .iter()
        .map(|p| Diagnostic::from_located(file, 0, p))
        .collect();
    Some(creators::assemble(
        creators?,
        diagnostics,
        snapshot.rejected as usize,
    ))
}

fn cached_creator(cache: &CreatorCache, position: u32) -> Option<model::Creator> {
    let (line, bytes) = cache.entry(position)?;
    let piece = cache::decode(&bytes)?;
    let mut creator = piece.creator?;
    creator.line = line + piece.line - 1;
    Some(creator)
}

/// A creator database as the cache knows it, for when the file has not changed: what was
/// derived from it is at hand at once, and creators are decoded one at a time as needed.
pub struct CachedDatabase {
    cache: CreatorCache,
    file: String,
}

impl CachedDatabase {
    /// The cached database for the file at `path` (named `file` in messages) with what was
    /// derived from it, if the cache describes the file byte for byte and holds that.
    pub fn open<D: Derived>(
        path: &Path,
        file: &str,
        cache_dir: &Path,
    ) -> Option<(CachedDatabase, D)> {
        let cache = CreatorCache::open(cache_dir, path);
        cache.snapshot_for(path)?;
        let derived = cache.read_derived(D::read_from)?;
        Some((
            CachedDatabase {
                cache,
                file: file.to_string(),
            },
            derived,
        ))
    }

    fn snapshot(&self) -> &cache::Snapshot {
        // `open` only succeeds with a snapshot, and nothing takes it away.
        static EMPTY: std::sync::OnceLock<cache::Snapshot> = std::sync::OnceLock::new();
        self.cache
            .snapshot()
            .unwrap_or_else(|| EMPTY.get_or_init(cache::Snapshot::default))
    }

    /// How many creators loaded.
    pub fn len(&self) -> usize {
        self.snapshot().accepted.len()
    }

    /// True when no creator loaded.
    pub fn is_empty(&self) -> bool {
        self.snapshot().accepted.is_empty()
    }

    /// The creator at `row` (file order among those that loaded).
    pub fn creator(&self, row: usize) -> Option<model::Creator> {
        cached_creator(&self.cache, *self.snapshot().accepted.get(row)?)
    }

    /// Every problem of the file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.snapshot()
            .problems
            .iter()
            .map(|p| Diagnostic::from_located(&self.file, 0, p))
            .collect()
    }

    /// How many creators were left out because of errors.
    pub fn rejected(&self) -> usize {
        self.snapshot().rejected as usize
    }
}
