//! The application layer: what the command line and the interface do with a workspace, written
//! once for both. A [`Session`] is a workspace opened for one run (its files, the user's
//! configuration and what is wrong with it); from it come the creator roster, campaigns found by
//! id, the agenda of what is due, exports planned and written, and the check of every file.
//!
//! Functions here return values and problems; they print nothing and draw nothing. The front
//! ends turn arguments or keys into calls of them, and their answers into text or widgets.

#![deny(missing_docs)]

mod agenda;
mod calendar;
mod campaigns;
mod check;
mod creator;
mod export;
mod follow_ups;
mod replies;
mod report;
mod resolve;
mod roster;
mod send;
mod tags;
mod track;

use std::ffi::OsString;
use std::path::PathBuf;

pub use agenda::{Agenda, AgendaItem};
pub use calendar::{calendar, uid};
pub use campaigns::{CampaignError, Campaigns, Choice, ReadCampaign};
pub use check::{Checked, Summary, check_file};
pub use creator::{CreatorError, CreatorRecord, Exclusivity, Part, Punctuality, clashes};
pub use export::{ExportPlan, Planned};
pub use follow_ups::FollowUps;
pub use replies::{Found, Reply};
pub use report::{CampaignReport, figures, language};
pub use resolve::{Resolved, Unresolved};
pub use roster::Roster;
pub use send::Sent;
pub use track::Memberships;

use crate::store::{self, Config, Diagnostic, Lookup, Origin, UserDirs, Workspace, WorkspaceError};

/// A workspace opened for one run: where its files are, how it was found, and the user's
/// configuration with its problems.
#[derive(Clone, Debug)]
pub struct Session {
    /// The workspace's folders and files.
    pub workspace: Workspace,
    /// How the workspace was found.
    pub origin: Origin,
    /// The user's configuration (defaults where it has none or is wrong).
    pub config: Config,
    /// What is wrong with the configuration.
    pub config_problems: Vec<Diagnostic>,
    /// The per-user folders (the cache among them).
    pub dirs: UserDirs,
}

impl Session {
    /// How costs in different currencies compare: the configured currency as the base, with
    /// the configured rates.
    pub fn rates(&self) -> crate::search::Rates {
        crate::search::Rates {
            base: self.config.currency.clone(),
            fallback: self.config.currency.clone(),
            to_base: self.config.rates.iter().cloned().collect(),
        }
    }

    /// What finding the workspace looks at: the `--workspace` flag, the environment, the
    /// current folder and the per-user data folder.
    pub fn lookup(flag: Option<PathBuf>, dirs: &UserDirs) -> Lookup {
        Lookup {
            argument: None,
            flag,
            env: std::env::var_os("SHORTLIST_WORKSPACE").filter(|v: &OsString| !v.is_empty()),
            cwd: std::env::current_dir().ok(),
            data_dir: dirs.data.clone(),
        }
    }

    /// Finds the workspace as `lookup` says and reads the configuration. When the per-user
    /// workspace was just made from the sample, [`Session::origin`] says so, for the caller
    /// to tell the user.
    pub fn open(lookup: &Lookup, dirs: UserDirs) -> Result<Session, WorkspaceError> {
        let (workspace, origin) = store::resolve(lookup)?;
        let (config, config_problems) = match &dirs.config_file {
            Some(path) => store::load_config(path, dirs.config_named),
            None => (Config::default(), Vec::new()),
        };
        Ok(Session {
            workspace,
            origin,
            config,
            config_problems,
            dirs,
        })
    }

    /// The user's configuration alone, with its problems, for work outside a workspace.
    pub fn user_config(dirs: &UserDirs) -> (Config, Vec<Diagnostic>) {
        match &dirs.config_file {
            Some(path) => store::load_config(path, dirs.config_named),
            None => (Config::default(), Vec::new()),
        }
    }

    /// The vocabulary: the built-in one with the workspace's own `vocabulary.toml`, and that
    /// file's problems.
    pub fn vocabulary(&self) -> (crate::model::Vocabulary, Vec<Diagnostic>) {
        let path = self.workspace.root().join(store::VOCABULARY_FILE);
        let file = self.shown(&path);
        store::load_vocabulary(&path, &file)
    }

    /// Gives `index` the vocabulary, so that its searches understand both scripts; returns
    /// the problems of the workspace's `vocabulary.toml`.
    pub fn teach(&self, index: &mut crate::search::Index) -> Vec<Diagnostic> {
        let (vocabulary, problems) = self.vocabulary();
        index.lexicon = crate::search::Lexicon::new(index, std::sync::Arc::new(vocabulary));
        problems
    }

    /// The creator database opened for searching, through the cache.
    pub fn roster(&self) -> Result<Roster, store::ReadError> {
        Roster::open(self)
    }

    /// The file `path` of the workspace as messages name it (relative to the workspace).
    pub fn shown(&self, path: &std::path::Path) -> String {
        self.workspace.display_name(path)
    }
}
