//! The interactive interface: ratatui on crossterm, organised by room. Each screen
//! (`screens/`) and each overlay (`overlays/`) holds its state, its keys and its drawing; the
//! registry (`rooms`) lists them once. Keys resolve through the key map to actions; `control`
//! hands an action to the room on top, which changes the app state and returns the effects
//! (search, open an editor, work on a thread, quit) that the event loop performs; views draw
//! from the state and change nothing.

mod actions;
pub mod app;
pub mod control;
pub mod effect;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod overlays;
pub mod panes;
pub mod room;
pub mod rooms;
pub mod run;
pub mod screens;
pub mod settings;
pub mod tasks;
mod terminal;
#[cfg(test)]
pub mod testing;
#[cfg(test)]
mod tests;
pub mod theme;
pub mod view;
pub mod watch;
pub mod wrap;

pub use run::{main, run};
