//! Undo (`z`): every change saved from the interface is kept as the campaign file's text
//! before and after it; undoing puts the file back as it was, but only while it still says what
//! the change left (a change made since, here or elsewhere, is never lost to an undo).

use super::{App, Effect};
use crate::tui::tasks::Task;

/// How many changes can be undone, the oldest forgotten first.
const KEPT: usize = 100;

/// One change saved, to undo: the task that puts its file back.
pub use crate::tui::tasks::Restore as UndoStep;

impl App {
    /// Remembers a change saved, to undo it later.
    pub fn remember(&mut self, step: UndoStep) {
        if step.before == step.after {
            return;
        }
        self.undo.push(step);
        if self.undo.len() > KEPT {
            self.undo.remove(0);
        }
    }

    /// Undoes the last change saved from here.
    pub fn undo_last(&mut self) -> Vec<Effect> {
        if self.saving > 0 {
            self.tell("a change is still being saved: undo once it is", false);
            return Vec::new();
        }
        let Some(step) = self.undo.pop() else {
            self.tell("nothing to undo", false);
            return Vec::new();
        };
        self.tell(format!("undoing {}…", step.words), false);
        vec![Effect::Task(Task::Undo(step))]
    }

    /// An undo came back: show the campaign as it is now.
    pub fn on_undone(&mut self, step: UndoStep, result: Result<(), String>) -> Vec<Effect> {
        match result {
            Ok(()) => self.tell(format!("undone: {}", step.words), false),
            Err(e) => {
                // What is below it on the stack led to a file that is no longer there either.
                self.undo.retain(|s| s.campaign != step.campaign);
                self.tell(format!("not undone ({}): {e}", step.words), true);
            }
        }
        let mut effects = Vec::new();
        if let (Some(open), Some(db)) = (&self.campaign, &self.db)
            && open.campaign.id == step.campaign
        {
            self.opening = Some(step.campaign.clone());
            effects.push(Effect::Task(Task::OpenCampaign {
                id: step.campaign.clone(),
                index: std::sync::Arc::clone(&db.index),
            }));
        }
        if self.view == super::View::Due {
            effects.extend(self.load_due());
        }
        effects.extend(self.load_tracks());
        effects
    }
}
