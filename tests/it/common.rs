//! A sandbox for running the real binary: its own home, data, config and cache folders, an empty
//! current folder, and none of the user's `SHORTLIST_*` settings.
#![allow(dead_code, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary folder");
        for sub in ["home", "cwd", "data", "config", "cache", "state"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("sandbox folder");
        }
        Sandbox { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The folder the binary runs in.
    pub fn cwd(&self) -> PathBuf {
        self.path().join("cwd")
    }

    /// Where the per-user workspace is created.
    pub fn user_workspace(&self) -> PathBuf {
        self.path().join("data").join("shortlist")
    }

    /// Where the per-user configuration is read from.
    pub fn config_file(&self) -> PathBuf {
        self.path()
            .join("config")
            .join("shortlist")
            .join("config.toml")
    }

    /// The environment that keeps the binary away from the real user's files.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.path().join("home")),
            ("XDG_DATA_HOME", self.path().join("data")),
            ("XDG_CONFIG_HOME", self.path().join("config")),
            ("XDG_CACHE_HOME", self.path().join("cache")),
            ("XDG_STATE_HOME", self.path().join("state")),
        ]
    }

    /// The binary, isolated from the real user's files and settings.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shortlist"));
        cmd.current_dir(self.cwd());
        for (key, value) in self.env() {
            cmd.env(key, value);
        }
        cmd.env("NO_COLOR", "1")
            .env_remove("SHORTLIST_WORKSPACE")
            .env_remove("SHORTLIST_CONFIG");
        cmd
    }

    /// A copy of the sample workspace (the repository's `data/`), named `name`.
    pub fn sample(&self, name: &str) -> PathBuf {
        let dir = self.path().join(name);
        copy_dir(&repo().join("data"), &dir);
        dir
    }

    /// The binary on the workspace `ws` with the clock fixed at `now`.
    pub fn on(&self, ws: &Path, now: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.arg("--workspace").arg(ws).env("SHORTLIST_NOW", now);
        cmd
    }

    /// A workspace folder named `name` whose `creators.toml` holds `creators`.
    pub fn workspace(&self, name: &str, creators: &[u8]) -> PathBuf {
        let dir = self.path().join(name);
        std::fs::create_dir_all(&dir).expect("workspace folder");
        std::fs::write(dir.join("creators.toml"), creators).expect("creators.toml");
        dir
    }
}

/// What a finished command said: (exit code, stdout, stderr).
pub fn outcome(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("folder to copy") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The repository's own folder.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Text of a command's output stream.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
