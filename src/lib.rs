//! `shortlist`: find influencers (KOLs) in a local TOML database, put them on a campaign's
//! shortlist, move them through the outreach pipeline and export invitation emails.

pub mod model;
pub mod store;
pub mod synth;
