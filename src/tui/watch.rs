//! Watching the workspace for changes made behind the interface's back — a hand edit in an
//! editor, an import or a `stage` from another terminal, a `git pull` — so that what is on
//! screen is what the files say. The watcher (the `notify` crate, debounced so that an
//! editor's save of several steps counts once) sends what changed, sorted into the parts of
//! the workspace that have to be read again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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

/// What a file was when last seen: length, modification time and identity (`None`: there
/// was no file).
type Stamp = Option<(u64, Option<SystemTime>, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let identity = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let identity = 0;
    Some((meta.len(), meta.modified().ok(), identity))
}

/// The files of a workspace as last seen. The system reports a file being opened as an event
/// like any other — the program's own reads among them, so that reading the database again
/// after an event would make the next — and only a file that is not what it was counts as
/// changed.
#[derive(Debug, Default)]
struct Seen(HashMap<PathBuf, Stamp>);

impl Seen {
    /// The workspace's files as they are now.
    fn of(workspace: &Workspace) -> Seen {
        let mut seen = Seen::default();
        let root = workspace.root();
        for file in [crate::store::CREATORS_FILE, crate::store::VOCABULARY_FILE] {
            seen.changed(&root.join(file));
        }
        for dir in [workspace.campaigns_dir(), workspace.templates_dir()] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                seen.changed(&entry.path());
            }
        }
        seen
    }

    /// True when `path` is not what it was when last seen (or was never seen); remembers it.
    fn changed(&mut self, path: &Path) -> bool {
        let now = stamp(path);
        self.0.insert(path.to_path_buf(), now) != Some(now)
    }
}

/// Starts watching `workspace`, telling `tell` what changed; the watch ends when the value
/// returned is dropped. `None` (with why) where the system cannot watch: the interface works
/// on, showing changes made elsewhere on the next reload.
pub fn spawn(
    workspace: &Workspace,
    tell: impl Fn(Changed) + Send + 'static,
) -> Result<Debouncer<notify_debouncer_mini::notify::RecommendedWatcher>, String> {
    let ws = workspace.clone();
    let mut seen = Seen::of(workspace);
    let mut debouncer = new_debouncer(QUIET, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .map(|e| e.path)
                .filter(|path| seen.changed(path))
                .collect();
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

    /// Reading a file is no change; writing it, replacing it or removing it is.
    #[test]
    fn only_a_file_that_is_not_what_it_was_has_changed() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::at(dir.path());
        let file = dir.path().join(crate::store::CREATORS_FILE);
        std::fs::write(&file, "# one\n").unwrap();
        let mut seen = Seen::of(&ws);
        let _ = std::fs::read(&file).unwrap();
        assert!(!seen.changed(&file), "read only");
        std::fs::write(&file, "# one, and more\n").unwrap();
        assert!(seen.changed(&file), "written");
        assert!(!seen.changed(&file), "seen since");
        let other = dir.path().join("new.toml");
        std::fs::write(&other, "# one, and more\n").unwrap();
        std::fs::rename(&other, &file).unwrap();
        assert!(seen.changed(&file), "replaced by another file");
        std::fs::remove_file(&file).unwrap();
        assert!(seen.changed(&file), "removed");
        let never = dir.path().join("campaigns").join("x.toml");
        assert!(seen.changed(&never), "never seen before");
    }

    /// The watcher itself: the program reading its own files tells nothing (it used to
    /// tell a change, which read them again, which told a change…); an edit is told.
    #[test]
    fn reading_the_files_is_not_a_change_and_an_edit_is() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::at(dir.path());
        let file = dir.path().join(crate::store::CREATORS_FILE);
        std::fs::write(&file, "# creators\n").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let _watch = spawn(&ws, move |c| {
            let _ = tx.send(c);
        })
        .unwrap();
        for _ in 0..5 {
            let _ = std::fs::read_to_string(&file).unwrap();
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(
            rx.recv_timeout(QUIET * 4).ok(),
            None,
            "reads are not changes"
        );
        std::fs::write(&file, "# creators, edited\n").unwrap();
        let told = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(told.creators);
    }
}
