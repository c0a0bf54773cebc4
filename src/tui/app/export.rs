//! Asking for an export's invitations to be rendered (on a thread), for the preview.

use super::{App, Effect};
use crate::model::Entry;
use crate::tui::tasks::{ExportRequest, Task};

impl App {
    /// Asks for the invitations of `entries` of `campaign` to be rendered, from `template` (the
    /// campaign's own when `None`), answering to the newest preview.
    pub fn request_export(
        &mut self,
        campaign: String,
        template: Option<String>,
        entries: Vec<Entry>,
    ) -> Vec<Effect> {
        let Some(db) = &self.db else {
            return Vec::new();
        };
        vec![Effect::Task(Task::PrepareExport(Box::new(ExportRequest {
            generation: self.generation_export,
            campaign,
            template,
            entries,
            roster: db.clone(),
            now: self.now.clone(),
        })))]
    }
}
