//! Files on disk: finding the workspace, reading the creator database and configuration with
//! every problem located, and the sample workspace built into the binary.

mod campaigns;
mod config;
mod creators;
mod diagnostic;
mod dirs;
mod fields;
pub mod files;
pub mod merge;
pub mod progress;
pub mod sample;
pub mod state;
mod text;
mod vocabulary;
mod workspace;
pub mod write;

pub use campaigns::{
    BRIEF_KEYS, ENTRY_KEYS, EditError, KnownCreators, LoadedCampaign, SaveError, Saved,
    WrittenEntry, create_campaign, entry_subject, load_campaign, parse_campaign, restore_campaign,
    stage_message, update_campaign,
};
pub use config::{Config, DEFAULT_CURRENCY, Located, load_config, parse_config};
pub use creators::cache::CreatorCache;
pub use creators::open::{
    CachedDatabase, Creators, Derived, Opened, load_creators, load_creators_file, open_derived,
    open_derived_with,
};
pub use creators::render::{channel_table, creator_table, render_creator, render_creators};
pub use creators::update::{
    CreatorChange, FillValue, UpdateError, apply as apply_creator_changes, update_creators,
};
pub use creators::{CHANNEL_KEYS, CREATOR_KEYS, Database, LoadedCreators, parse_creators};
pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use dirs::UserDirs;
pub use fields::strings;
pub use files::ReadError;
pub use vocabulary::{
    BUILT_IN as BUILT_IN_VOCABULARY, VOCABULARY_FILE, load_vocabulary, parse_vocabulary,
};
pub use workspace::{CREATORS_FILE, Lookup, Origin, Workspace, WorkspaceError, resolve};
