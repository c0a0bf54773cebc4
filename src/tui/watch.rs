//! Watching the workspace for changes made behind the interface's back — a hand edit in an
//! editor, an import or a `stage` from another terminal, a `git pull` — so that what is on
//! screen is what the files say. The watcher (the `notify` crate, debounced so that an
//! editor's save of several steps counts once) sends what changed, sorted into the parts of
//! the workspace that have to be read again.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::store::Workspace;

/// How long the files must be quiet before a change is read.
const QUIET: Duration = Duration::from_millis(250);

/// What changed in the workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// `creators.toml` (or `vocabulary.toml`, which changes how it is searched).
    pub creators: bool,
    /// The campaigns whose files changed, by id.
    pub campaigns: Vec<String>,
    /// Something in `templates/`.
    pub templates: bool,
}

impl Changed {
    pub fn is_empty(&self) -> bool {
        *self == Changed::default()
    }
}

/// Sorts changed paths into what must be read again. Lock files, temporary files and
/// anything else (exports, editors' backups) change nothing on screen.
pub fn classify(workspace: &Workspace, paths: &[PathBuf]) -> Changed {
    let mut changed = Changed::default();
    let campaigns = workspace.campaigns_dir();
    let templates = workspace.templates_dir();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let parent = path.parent().unwrap_or(Path::new(""));
        if parent == workspace.root() {
            if name == crate::store::CREATORS_FILE || name == crate::store::VOCABULARY_FILE {
                changed.creators = true;
            }
        } else if parent == campaigns {
            if let Some(id) = name.strip_suffix(".toml")
                && !changed.campaigns.iter().any(|c| c == id)
            {
                changed.campaigns.push(id.to_string());
            }
        } else if parent == templates {
            changed.templates = true;
        }
    }
    changed
}

/// Starts watching `workspace`, telling `tell` what changed; the watch ends when the value
/// returned is dropped. `None` (with why) where the system cannot watch: the interface works
/// on, showing changes made elsewhere on the next reload.
pub fn spawn(
    workspace: &Workspace,
    tell: impl Fn(Changed) + Send + 'static,
) -> Result<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>, String> {
    let ws = workspace.clone();
    let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events.into_iter().map(|e| e.path).collect();
            let changed = classify(&ws, &paths);
            if !changed.is_empty() {
                tell(changed);
            }
        }
    })
    .map_err(|e| e.to_string())?;
    let watcher = debouncer.watcher();
    watcher
        .watch(workspace.root(), RecursiveMode::NonRecursive)
        .map_err(|e| format!("{}: {e}", workspace.root().display()))?;
    for dir in [workspace.campaigns_dir(), workspace.templates_dir()] {
        if dir.is_dir() {
            // A folder that cannot be watched is read again on the next reload instead.
            let _ = watcher.watch(&dir, RecursiveMode::NonRecursive);
        }
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_touch() {
        let ws = Workspace::at("/w");
        let paths: Vec<PathBuf> = [
            "/w/creators.toml",
            "/w/campaigns/lumi.toml",
            "/w/campaigns/.lumi.toml.lock",
            "/w/campaigns/lumi.toml",
            "/w/campaigns/notes.txt",
            "/w/templates/invite-en.txt",
            "/w/exports/lumi/1.eml",
            "/w/creators.toml~",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(
            classify(&ws, &paths),
            Changed {
                creators: true,
                campaigns: vec!["lumi".into()],
                templates: true,
            }
        );
        let quiet = classify(&ws, &[PathBuf::from("/w/exports/x.eml")]);
        assert!(quiet.is_empty());
    }
}
