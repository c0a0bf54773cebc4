//! What the interface asks of the event loop: the outside world, kept out of the app's state so
//! that the app never waits and tests can do the same work at once.

use std::sync::Arc;

use super::tasks::Task;
use crate::search::{Index, Request};

/// What the event loop must do for the app.
#[derive(Debug)]
pub enum Effect {
    /// Run this search on the worker.
    Search(Request),
    /// Search this index from now on.
    Index(Arc<Index>),
    /// Open `creators.toml` in the user's editor at this line, then read it again.
    Edit {
        line: u32,
    },
    /// Work to do off the interface's thread; its answer comes back as a [`super::tasks::Done`].
    Task(Task),
    Quit,
}
