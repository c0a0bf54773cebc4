//! The per-user folders, from the platform's conventions (XDG on Linux).

use std::path::PathBuf;

use directories::ProjectDirs;

/// Where the per-user workspace, configuration and cache live. Each is absent on a system with
/// no home folder.
#[derive(Clone, Debug, Default)]
pub struct UserDirs {
    pub data: Option<PathBuf>,
    pub config_file: Option<PathBuf>,
    pub cache: Option<PathBuf>,
}

impl UserDirs {
    /// The folders for this user. `$SHORTLIST_CONFIG` names another configuration file.
    pub fn from_env() -> UserDirs {
        let project = ProjectDirs::from("", "", "shortlist");
        let config_file = std::env::var_os("SHORTLIST_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| project.as_ref().map(|p| p.config_dir().join("config.toml")));
        UserDirs {
            data: project.as_ref().map(|p| p.data_dir().to_path_buf()),
            config_file,
            cache: project.as_ref().map(|p| p.cache_dir().to_path_buf()),
        }
    }
}
