//! The outreach pipeline: moving a shortlisted creator from stage to stage with a history of
//! every change, what is due next for each entry (follow-ups, "still live?" checks), and the
//! budget figures of a campaign. Plain functions over the model; reading and writing files is
//! the store's work.

pub mod budget;
pub mod edit;
pub mod follow_up;
pub mod transition;

pub use budget::{Budget, StageTotal};
pub use edit::{Edit, Outcome, Refusal};
pub use follow_up::{Action, Due, due, next_action};
pub use transition::{Move, Step, TransitionError, apply, step, transition};
