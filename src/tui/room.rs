//! What an overlay is to the rest of the interface: a room that holds its own state, answers the
//! keys of its own mode, and draws itself. The app keeps them on a stack; the top one gets the
//! keys, and closing it shows what was under it. The trait is generic over the app, so that it
//! sits below the app rather than beside it.

use std::any::Any;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::effect::Effect;
use super::keymap::{Action, Mode};

/// What an overlay says after a key: whether it stays open, and what the event loop must do.
#[derive(Debug, Default)]
pub struct Reply {
    pub close: bool,
    pub effects: Vec<Effect>,
}

impl Reply {
    /// The overlay stays, and nothing else happens.
    pub fn stay() -> Reply {
        Reply::default()
    }

    /// The overlay stays; the loop does `effects`.
    pub fn stay_with(effects: Vec<Effect>) -> Reply {
        Reply {
            close: false,
            effects,
        }
    }

    /// The overlay closes.
    pub fn close() -> Reply {
        Reply {
            close: true,
            effects: Vec::new(),
        }
    }

    /// The overlay closes; the loop does `effects`.
    pub fn close_with(effects: Vec<Effect>) -> Reply {
        Reply {
            close: true,
            effects,
        }
    }
}

/// A box over the screen, with its state, its keys and its drawing.
pub trait Overlay<A>: std::fmt::Debug {
    /// The key-map mode that applies while it is on top.
    fn mode(&self) -> Mode;
    /// Does what `action` asks. The overlay is off the stack meanwhile: what `app` is changed to
    /// (another overlay opened, say) stays, and this one goes back where it was unless it closes.
    fn update(&mut self, app: &mut A, action: Action) -> Reply;
    /// Draws it over `area` (the whole screen).
    fn draw(&self, app: &A, frame: &mut Frame<'_>, area: Rect);
    /// For finding an overlay of a kind on the stack (an answer from a thread goes to it).
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}
