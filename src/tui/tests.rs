//! The interface driven as a user drives it, through the real database reader, search worker,
//! store and exporter (see [`super::testing`]): what keys, results and reloads do, working the
//! shortlist, and exporting.

mod app;
mod export;
mod outreach;
mod records;
mod settings;
mod undo;
mod watch;
