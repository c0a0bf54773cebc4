//! What the interface remembers between runs, per workspace: the open campaign, the query and
//! the sort. Kept in `state.toml` in the per-user state folder (`$XDG_STATE_HOME/shortlist` on
//! Linux), a table per workspace by its path, so that two workspaces do not share a query.
//! It is a convenience: a file that cannot be read or written is set aside with a message,
//! never a reason to refuse to start.

use std::path::Path;

/// The file's name in the state folder.
pub const STATE_FILE: &str = "state.toml";

/// What is remembered of one workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered {
    pub campaign: Option<String>,
    pub query: String,
    /// The sort's name (`followers`), `None` for automatic.
    pub sort: Option<String>,
}

/// What `file` remembers of the workspace at `root`; nothing when it has nothing (or cannot
/// be read, said in the second part).
pub fn recall(file: &Path, root: &Path) -> (Remembered, Option<String>) {
    // Only a file: a pipe or a device put in its place is never waited on or read without end.
    let text = match super::files::read_bounded(file, super::files::CONFIG_LIMIT)
        .and_then(|b| String::from_utf8(b).map_err(std::io::Error::other))
    {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Remembered::default(), None);
        }
        Err(e) => {
            return (
                Remembered::default(),
                Some(format!("{}: {e}", file.display())),
            );
        }
    };
    let doc: toml_edit::DocumentMut = match text.parse() {
        Ok(doc) => doc,
        Err(e) => {
            let why = e.message().to_string();
            return (
                Remembered::default(),
                Some(format!("{}: {why}; starting afresh", file.display())),
            );
        }
    };
    let key = root.to_string_lossy();
    let Some(table) = doc
        .get("workspace")
        .and_then(|w| w.get(key.as_ref()))
        .and_then(|t| t.as_table_like())
    else {
        return (Remembered::default(), None);
    };
    let text = |k: &str| {
        table
            .get(k)
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .filter(|s| !s.is_empty())
    };
    (
        Remembered {
            campaign: text("campaign"),
            query: text("query").unwrap_or_default(),
            sort: text("sort"),
        },
        None,
    )
}

/// Writes what is remembered of the workspace at `root` into `file`, keeping the other
/// workspaces' (and anything else written there).
pub fn remember(file: &Path, root: &Path, what: &Remembered) -> Result<(), String> {
    let shown = file.display().to_string();
    // The program's own file is written only as a file of its own: never through a link (into
    // whatever it points at), never over a folder, a pipe or a device.
    if let Ok(meta) = std::fs::symlink_metadata(file)
        && !meta.file_type().is_file()
    {
        return Err(format!(
            "{shown} is not a file (a link, a folder or a device); what was searched is not remembered (remove it to have it remembered)"
        ));
    }
    let mut doc: toml_edit::DocumentMut =
        match super::files::read_bounded(file, super::files::CONFIG_LIMIT) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).parse().unwrap_or_default(),
            Err(_) => toml_edit::DocumentMut::new(),
        };
    if !doc.contains_table("workspace") {
        let mut t = toml_edit::Table::new();
        t.set_implicit(true);
        doc.insert("workspace", toml_edit::Item::Table(t));
    }
    let Some(all) = doc.get_mut("workspace").and_then(|w| w.as_table_mut()) else {
        return Err(format!("{shown}: workspace is not a table"));
    };
    let mut table = toml_edit::Table::new();
    if let Some(c) = &what.campaign {
        table.insert("campaign", toml_edit::value(c.as_str()));
    }
    table.insert("query", toml_edit::value(what.query.as_str()));
    if let Some(s) = &what.sort {
        table.insert("sort", toml_edit::value(s.as_str()));
    }
    all.insert(&root.to_string_lossy(), toml_edit::Item::Table(table));
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    super::write::replace(file, &shown, doc.to_string().as_bytes()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_workspace_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/state.toml");
        let (a, b) = (Path::new("/w/a"), Path::new("/w/b \"quoted\""));
        assert_eq!(recall(&file, a), (Remembered::default(), None));
        let one = Remembered {
            campaign: Some("lumi".into()),
            query: "niche:beauty 'er:>3'".into(),
            sort: Some("followers".into()),
        };
        remember(&file, a, &one).unwrap();
        let two = Remembered {
            query: "咖啡".into(),
            ..Remembered::default()
        };
        remember(&file, b, &two).unwrap();
        assert_eq!(recall(&file, a).0, one);
        assert_eq!(recall(&file, b).0, two);
        // Written again, the other stays.
        remember(&file, a, &Remembered::default()).unwrap();
        assert_eq!(recall(&file, a).0, Remembered::default());
        assert_eq!(recall(&file, b).0, two);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_pipe_in_its_place_is_never_written_through_or_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious.txt");
        std::fs::write(&precious, "mine\n").unwrap();
        let file = dir.path().join("state.toml");
        std::os::unix::fs::symlink(&precious, &file).unwrap();
        let err = remember(&file, Path::new("/w"), &Remembered::default()).unwrap_err();
        assert!(err.contains("is not a file"), "{err}");
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "mine\n");
        assert!(
            std::fs::symlink_metadata(&file)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        std::fs::remove_file(&file).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&file).status();
        if made.is_ok_and(|s| s.success()) {
            let (got, why) = recall(&file, Path::new("/w"));
            assert_eq!(got, Remembered::default());
            assert!(why.is_some_and(|w| w.contains("not a regular file")));
            assert!(remember(&file, Path::new("/w"), &Remembered::default()).is_err());
        }
    }

    #[test]
    fn a_broken_file_is_said_and_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state.toml");
        std::fs::write(&file, "workspace = [").unwrap();
        let (got, why) = recall(&file, Path::new("/w"));
        assert_eq!(got, Remembered::default());
        assert!(why.unwrap().contains("starting afresh"));
        // Saving writes a good file over it.
        remember(&file, Path::new("/w"), &Remembered::default()).unwrap();
        assert_eq!(
            recall(&file, Path::new("/w")),
            (Remembered::default(), None)
        );
    }
}
