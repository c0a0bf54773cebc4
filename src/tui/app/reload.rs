//! Files changed behind the interface's back: what is on screen is read again — the database,
//! the open campaign, the agenda, the templates — keeping the selection and the creator under
//! the cursor (by id: their rows may have moved).

use super::{App, Effect};
use crate::tui::tasks::Task;
use crate::tui::watch::Changed;

/// The creators chosen before a reload, by id, to choose again after it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kept {
    pub marked: Vec<String>,
    pub cursor: Option<String>,
}

impl App {
    /// The watcher saw `changed`.
    pub fn on_changed(&mut self, changed: Changed) -> Vec<Effect> {
        let mut effects = Vec::new();
        if changed.creators && !self.loading {
            self.loading = true;
            effects.push(Effect::Task(Task::load()));
        }
        if changed.templates {
            effects.push(Effect::Task(Task::Templates));
        }
        if changed.campaigns.is_empty() || changed.creators {
            // A new database reads the open campaign again anyway.
            return effects;
        }
        if let (Some(open), Some(db)) = (&self.campaign, &self.db) {
            let id = open.campaign.id.to_string();
            // A save of ours under way reads it again when it is back.
            if changed.campaigns.contains(&id) && self.saving == 0 {
                self.opening = Some(id.clone());
                effects.push(Effect::Task(Task::OpenCampaign {
                    id,
                    index: std::sync::Arc::clone(&db.index),
                }));
            }
        }
        if self.view == super::View::Due {
            effects.extend(self.load_due());
        }
        effects.extend(self.load_tracks());
        effects
    }

    /// Reads the configured mailboxes for replies (on start, and on the key).
    pub fn read_replies(&mut self) -> Vec<Effect> {
        if !self.mailboxes {
            self.tell(
                "no mailboxes to read: set [mail] mailboxes = [\"~/Mail/INBOX\"] in config.toml",
                false,
            );
            return Vec::new();
        }
        let Some(roster) = self.db.clone() else {
            return Vec::new();
        };
        self.tell("reading the mailboxes for replies…", false);
        vec![Effect::Task(Task::Replies { roster })]
    }

    /// Replies were read: say who answered (the files change, and are read again).
    pub fn on_replies(&mut self, replies: Vec<String>, problems: Vec<String>) -> Vec<Effect> {
        let text = match replies.as_slice() {
            [] => "no new replies".to_string(),
            [one] => format!("1 new reply · {one}"),
            many => format!("{} new replies · {}", many.len(), many.join(" · ")),
        };
        match problems.first() {
            Some(p) => self.tell(format!("{text} · could not read: {p}"), true),
            None => self.tell(text, false),
        }
        if replies.is_empty() {
            return Vec::new();
        }
        let mut effects = Vec::new();
        if let (Some(open), Some(db)) = (&self.campaign, &self.db) {
            self.opening = Some(open.campaign.id.to_string());
            effects.push(Effect::Task(Task::OpenCampaign {
                id: open.campaign.id.to_string(),
                index: std::sync::Arc::clone(&db.index),
            }));
        }
        if self.view == super::View::Due {
            effects.extend(self.load_due());
        }
        effects.extend(self.load_tracks());
        effects
    }

    /// The creators read so far of a long first read: searchable at once (the bar says the
    /// results are partial); the whole database replaces them when it is read.
    pub fn on_partial(&mut self, index: crate::search::Index) -> Vec<Effect> {
        if !self.loading || (self.db.is_some() && !self.partial) {
            return Vec::new();
        }
        let roster = crate::workspace::Roster::partial(index);
        let index = std::sync::Arc::clone(&roster.index);
        let kept = self.keep();
        self.db = Some(roster);
        self.partial = true;
        self.restore(kept);
        let mut effects = vec![Effect::Index(index)];
        effects.extend(self.search(super::FIRST_RANKED));
        effects
    }

    /// The selection and the cursor's creator, by id.
    pub fn keep(&self) -> Kept {
        let id = |r: u32| self.creator_id(r);
        Kept {
            marked: self.marked.iter().filter_map(|r| id(*r)).collect(),
            cursor: self.current_row().and_then(id),
        }
    }

    /// Chooses again, in the database just read, the creators `kept` named (those still in
    /// it); the cursor goes back to its creator when the results arrive.
    pub fn restore(&mut self, kept: Kept) {
        let Some(db) = &self.db else { return };
        let ids = db.ids();
        self.marked = kept.marked.iter().filter_map(|id| ids.row(id)).collect();
        self.cursor_on = kept.cursor.and_then(|id| ids.row(&id));
    }
}
