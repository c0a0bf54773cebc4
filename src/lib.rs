//! `shortlist`: find influencers (KOLs) in a local TOML database, put them on a campaign's
//! shortlist, move them through the outreach pipeline and export invitation emails.
//!
//! The core (`model`, `store`) knows nothing of the terminal; `cli` sits on top of it.

pub mod cli;
pub mod clock;
pub mod display;
pub mod import;
pub mod mail;
pub mod model;
pub mod outreach;
pub mod search;
pub mod store;
pub mod suggest;
pub mod term;
pub mod tui;
pub mod workspace;

/// Synthetic creator databases, for the tests (the benchmark and the `gen` example include the
/// same file); not part of the program.
#[cfg(test)]
#[path = "../tests/support/synth.rs"]
pub(crate) mod synth;
