//! The outreach pipeline: moving a shortlisted creator from stage to stage with a history of
//! every change, what is due next for each entry (follow-ups, "still live?" checks), and the
//! budget figures of a campaign. Plain functions over the model; reading and writing files is
//! the store's work.

pub mod agenda;
pub mod budget;
pub mod cadence;
pub mod edit;
mod edits;
pub mod follow_up;
pub mod records;
pub mod report;
pub mod transition;

pub use agenda::{About, Action, Due, due, due_by, items, items_by, next_action, next_action_by};
pub use budget::{Budget, StageTotal};
pub use cadence::Cadence;
pub use edit::{Edit, Outcome, Refusal};
pub use transition::{Move, Step, TransitionError, apply, step, transition};
