//! Files on disk: finding the workspace, reading the creator database and configuration with
//! every problem located, and the sample workspace built into the binary.

mod config;
mod creators;
mod diagnostic;
mod dirs;
mod fields;
mod render;
pub mod sample;
mod text;
mod workspace;

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

/// Reads the creator database of a workspace.
pub fn load_creators(workspace: &Workspace) -> Result<LoadedCreators, ReadError> {
    let path = workspace.creators_file();
    load_creators_file(&path, &workspace.display_name(&path))
}

/// Reads a creator database from any file, naming it `file` in messages.
pub fn load_creators_file(path: &Path, file: &str) -> Result<LoadedCreators, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError {
        file: file.to_string(),
        source,
    })?;
    Ok(parse_creators(file, &bytes))
}
