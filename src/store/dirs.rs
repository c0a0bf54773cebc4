//! The per-user folders, from the platform's conventions (XDG on Linux).

use std::path::PathBuf;

use directories::ProjectDirs;

/// Where the per-user workspace, configuration and cache live. Each is absent on a system with
/// no home folder.
#[derive(Clone, Debug, Default)]
pub struct UserDirs {
    pub data: Option<PathBuf>,
    pub config_file: Option<PathBuf>,
    /// True when `$SHORTLIST_CONFIG` named the configuration file: then it must exist.
    pub config_named: bool,
    pub cache: Option<PathBuf>,
    /// Where the interface remembers what was open (`$XDG_STATE_HOME/shortlist`; the local
    /// data folder where a platform has no state folder).
    pub state: Option<PathBuf>,
}

impl UserDirs {
    /// The folders for this user. `$SHORTLIST_CONFIG` names another configuration file.
    pub fn from_env() -> UserDirs {
        let project = ProjectDirs::from("", "", "shortlist");
        let named = std::env::var_os("SHORTLIST_CONFIG")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let config_named = named.is_some();
        let config_file =
            named.or_else(|| project.as_ref().map(|p| p.config_dir().join("config.toml")));
        UserDirs {
            data: project.as_ref().map(|p| p.data_dir().to_path_buf()),
            config_file,
            config_named,
            cache: project.as_ref().map(|p| p.cache_dir().to_path_buf()),
            state: project.as_ref().map(|p| {
                p.state_dir()
                    .unwrap_or_else(|| p.data_local_dir())
                    .to_path_buf()
            }),
        }
    }
}
