//! The interactive interface: ratatui on crossterm. Keys resolve through one key-map table to
//! actions; `update` changes the app state and returns the effects (search, open an editor,
//! reload, quit) that the event loop performs; views draw from the state and change nothing.

pub mod app;
pub mod filter;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod run;
pub mod settings;
pub mod tasks;
mod terminal;
#[cfg(test)]
pub mod testing;
pub mod theme;
pub mod view;

pub use run::{main, run};
