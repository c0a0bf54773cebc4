//! Files on disk: finding the workspace, reading the creator database and configuration with
//! every problem located, and the sample workspace built into the binary.

mod cache;
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
pub use config::{Config, DEFAULT_CURRENCY, load_config, parse_config};
pub use creators::{CHANNEL_KEYS, CREATOR_KEYS, Database, LoadedCreators, parse_creators};
pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use dirs::UserDirs;
pub use render::{channel_table, creator_table, render_creators};
pub use workspace::{CREATORS_FILE, Lookup, Origin, Workspace, WorkspaceError, resolve};

use std::path::Path;

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
/// a stream, so that a large database is never in memory twice; with a cache folder, tables
/// read before are not parsed again and the cache is brought up to date afterwards.
pub fn load_creators_file(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
) -> Result<LoadedCreators, ReadError> {
    let open = || std::fs::File::open(path).map(|f| std::io::BufReader::with_capacity(1 << 16, f));
    let mut cache = cache_dir.map(|dir| CreatorCache::open(dir, path));
    if let Some(loaded) = cache.as_ref().and_then(|c| replay_unchanged(c, path, file)) {
        return Ok(loaded);
    }
    let loaded = creators::read_creators(
        file,
        open,
        cache.as_mut().map(|c| c as &mut dyn creators::PieceCache),
    )
    .map_err(|source| ReadError {
        file: file.to_string(),
        source,
    })?;
    if let Some(cache) = cache {
        cache.save();
    }
    Ok(loaded)
}

/// The creators straight from the cache, when the file is byte for byte the one it describes.
fn replay_unchanged(cache: &CreatorCache, path: &Path, file: &str) -> Option<LoadedCreators> {
    let stamp = cache.file();
    if !stamp.complete || std::fs::metadata(path).ok()?.len() != stamp.len {
        return None;
    }
    let (hash, len) = cache::hash_file(path).ok()?;
    if (hash, len) != (stamp.hash, stamp.len) {
        return None;
    }
    creators::replay(file, &cache.replay()?)
}
