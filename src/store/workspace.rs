//! Which folder the program works in, found the same way by every command.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use super::sample::{self, SampleError};

/// The file that makes a folder a workspace.
pub const CREATORS_FILE: &str = "creators.toml";

/// A workspace folder and the places of its files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    root: PathBuf,
}

impl Workspace {
    /// A workspace rooted at `root` (not checked).
    pub fn at(root: impl Into<PathBuf>) -> Workspace {
        Workspace { root: root.into() }
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True while the workspace is the sample (its `SAMPLE.md` is there).
    pub fn is_sample(&self) -> bool {
        self.root.join(super::sample::SAMPLE_MARK).is_file()
    }

    /// `creators.toml`, the creator database.
    pub fn creators_file(&self) -> PathBuf {
        self.root.join(CREATORS_FILE)
    }

    /// `campaigns/`, one file per campaign.
    pub fn campaigns_dir(&self) -> PathBuf {
        self.root.join("campaigns")
    }

    /// The file of campaign `id`.
    pub fn campaign_file(&self, id: &str) -> PathBuf {
        self.campaigns_dir().join(format!("{id}.toml"))
    }

    /// The ids of the campaigns in `campaigns/`, sorted.
    pub fn campaign_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_dir(self.campaigns_dir())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            // Anything but a folder: a file that cannot be read is reported, not passed over.
            .filter(|p| p.extension().is_some_and(|e| e == "toml") && !p.is_dir())
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        ids.sort();
        ids
    }

    /// `templates/`, the invitation templates.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// `exports/`, where exports are written.
    pub fn exports_dir(&self) -> PathBuf {
        self.root.join("exports")
    }

    /// How a file of this workspace is named in messages: relative to the root when inside it.
    pub fn display_name(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// Where the workspace came from, in the order they are tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A folder named to the command itself (`shortlist check DIR`).
    Argument,
    /// `--workspace DIR`.
    Flag,
    /// `$SHORTLIST_WORKSPACE`.
    Env,
    /// The current folder holds `creators.toml`.
    CurrentDir,
    /// The per-user data folder.
    UserData,
    /// The per-user data folder, just created from the embedded sample.
    CreatedUserData,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Argument => "named on the command line",
            Origin::Flag => "from --workspace",
            Origin::Env => "from $SHORTLIST_WORKSPACE",
            Origin::CurrentDir => "the current folder",
            Origin::UserData => "the per-user data folder",
            Origin::CreatedUserData => "the per-user data folder, new from the sample",
        })
    }
}

/// What the resolution looks at, gathered by the caller so that it can be tested without
/// touching the real environment.
#[derive(Clone, Debug, Default)]
pub struct Lookup {
    /// A folder named to the command itself, which wins over everything else.
    pub argument: Option<PathBuf>,
    pub flag: Option<PathBuf>,
    pub env: Option<OsString>,
    pub cwd: Option<PathBuf>,
    /// The per-user data folder, when the platform has one.
    pub data_dir: Option<PathBuf>,
}

/// Why no workspace could be used.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("workspace {dir} ({origin}) does not exist; `shortlist init {dir}` makes one there")]
    Missing { dir: PathBuf, origin: Origin },
    #[error(
        "{dir} ({origin}) is not a workspace: it has no {CREATORS_FILE}; run `shortlist init {dir}` to create one"
    )]
    NoDatabase { dir: PathBuf, origin: Origin },
    #[error(
        "no workspace found: pass --workspace DIR or set SHORTLIST_WORKSPACE (this system has no per-user data folder)"
    )]
    NoDataDir,
    #[error("could not create the sample workspace: {0}")]
    Sample(#[from] SampleError),
}

/// Finds the workspace: `--workspace`, then `$SHORTLIST_WORKSPACE`, then the current folder if it
/// holds `creators.toml`, then the per-user data folder, created from the embedded sample when
/// it has no database yet.
pub fn resolve(lookup: &Lookup) -> Result<(Workspace, Origin), WorkspaceError> {
    if let Some(dir) = &lookup.argument {
        return existing(dir, Origin::Argument);
    }
    if let Some(dir) = &lookup.flag {
        return existing(dir, Origin::Flag);
    }
    if let Some(dir) = lookup.env.as_ref().filter(|v| !v.is_empty()) {
        return existing(Path::new(dir), Origin::Env);
    }
    if let Some(cwd) = &lookup.cwd
        && cwd.join(CREATORS_FILE).is_file()
    {
        return Ok((Workspace::at(cwd), Origin::CurrentDir));
    }
    let dir = lookup.data_dir.as_ref().ok_or(WorkspaceError::NoDataDir)?;
    if dir.join(CREATORS_FILE).is_file() {
        return Ok((Workspace::at(dir), Origin::UserData));
    }
    sample::write_missing(dir)?;
    Ok((Workspace::at(dir), Origin::CreatedUserData))
}

fn existing(dir: &Path, origin: Origin) -> Result<(Workspace, Origin), WorkspaceError> {
    if !dir.is_dir() {
        return Err(WorkspaceError::Missing {
            dir: dir.to_path_buf(),
            origin,
        });
    }
    // Anything by that name: one that cannot be read is then reported as such.
    if std::fs::symlink_metadata(dir.join(CREATORS_FILE)).is_err() {
        return Err(WorkspaceError::NoDatabase {
            dir: dir.to_path_buf(),
            origin,
        });
    }
    Ok((Workspace::at(dir), origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace_in(dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(CREATORS_FILE), "").unwrap();
        dir.to_path_buf()
    }

    #[test]
    fn order_is_flag_env_cwd_data() {
        let tmp = tempfile::tempdir().unwrap();
        let flag = workspace_in(&tmp.path().join("flag"));
        let env = workspace_in(&tmp.path().join("env"));
        let cwd = workspace_in(&tmp.path().join("cwd"));
        let data = workspace_in(&tmp.path().join("data"));
        let mut lookup = Lookup {
            argument: None,
            flag: Some(flag.clone()),
            env: Some(env.clone().into()),
            cwd: Some(cwd.clone()),
            data_dir: Some(data.clone()),
        };
        assert_eq!(
            resolve(&lookup).unwrap(),
            (Workspace::at(&flag), Origin::Flag)
        );
        lookup.flag = None;
        assert_eq!(
            resolve(&lookup).unwrap(),
            (Workspace::at(&env), Origin::Env)
        );
        lookup.env = Some(OsString::new());
        assert_eq!(
            resolve(&lookup).unwrap(),
            (Workspace::at(&cwd), Origin::CurrentDir)
        );
        lookup.cwd = Some(tmp.path().to_path_buf());
        assert_eq!(
            resolve(&lookup).unwrap(),
            (Workspace::at(&data), Origin::UserData)
        );
    }

    #[test]
    fn missing_data_dir_is_created_from_the_sample() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("nested").join("shortlist");
        let lookup = Lookup {
            data_dir: Some(data.clone()),
            ..Lookup::default()
        };
        let (ws, origin) = resolve(&lookup).unwrap();
        assert_eq!(origin, Origin::CreatedUserData);
        assert!(ws.creators_file().is_file());
        // The second time it is simply used.
        assert_eq!(resolve(&lookup).unwrap().1, Origin::UserData);
    }

    #[test]
    fn a_flag_naming_a_folder_without_a_database_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let lookup = Lookup {
            flag: Some(tmp.path().to_path_buf()),
            ..Lookup::default()
        };
        let err = resolve(&lookup).unwrap_err();
        assert!(matches!(err, WorkspaceError::NoDatabase { .. }), "{err}");
        let lookup = Lookup {
            flag: Some(tmp.path().join("nope")),
            ..Lookup::default()
        };
        assert!(matches!(
            resolve(&lookup).unwrap_err(),
            WorkspaceError::Missing { .. }
        ));
    }
}
