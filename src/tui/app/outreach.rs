//! Working the shortlist from the interface: adding creators, moving entries through the
//! stages, notes and follow-up dates. A change is shown at once and saved at once (on the
//! loop's thread pool, through the same store function as the command line); the bar says when
//! it is saved. A change that could not be saved stays on screen and in memory, listed as not
//! saved, until `w` saves it or the user quits on purpose.

use std::collections::BTreeMap;

use jiff::civil::Date;

use super::{App, Effect};
use crate::model::{Entry, Stage};
use crate::outreach::edit::{self as edits, Edit};
use crate::outreach::{Step, step};
use crate::store::SaveError;
use crate::tui::tasks::{SaveReport, Task};

/// An entry an action applies to, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub campaign: String,
    pub entry: Entry,
}

/// Changes that could not be saved, kept until they are.
#[derive(Clone, Debug)]
pub struct Unsaved {
    pub campaign: String,
    pub edits: Vec<Edit>,
    pub error: String,
}

/// What to do once the campaign picker has opened a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterPick {
    Add(Vec<String>),
    Board,
    Report,
    /// The campaign's settings form.
    Settings,
}

impl App {
    /// The entries the next action applies to: the selected rows of the results (else the one
    /// under the cursor) on the open campaign's shortlist, or the entry chosen on the board or
    /// the list of follow-ups.
    pub fn targets(&self) -> Result<Vec<Target>, String> {
        match self.view {
            super::View::Board => self
                .board_target()
                .map(|t| vec![t])
                .ok_or_else(|| "no one in this column".into()),
            super::View::Due => self
                .due_target()
                .map(|t| vec![t])
                .ok_or_else(|| "nothing is due".into()),
            super::View::Report => {
                let open = self.campaign.as_ref().ok_or("no campaign open")?;
                let creator = self.report_creator().ok_or("no one in the report")?;
                let entry = open
                    .campaign
                    .entry(&creator)
                    .ok_or("no one in the report")?;
                Ok(vec![Target {
                    campaign: open.campaign.id.to_string(),
                    entry: entry.clone(),
                }])
            }
            super::View::Search => {
                let Some(open) = &self.campaign else {
                    return Err("open a campaign first: c".into());
                };
                let rows = self.chosen_rows();
                let targets: Vec<Target> = rows
                    .iter()
                    .filter_map(|r| open.entry(*r))
                    .map(|entry| Target {
                        campaign: open.campaign.id.to_string(),
                        entry: entry.clone(),
                    })
                    .collect();
                if targets.is_empty() {
                    let who = match rows.as_slice() {
                        [one] => self.creator_id(*one).unwrap_or_default(),
                        _ => "none of the selected".into(),
                    };
                    return Err(format!(
                        "{who} is not on the shortlist of {} (a adds)",
                        open.campaign.id
                    ));
                }
                Ok(targets)
            }
        }
    }

    /// The selected rows, or the one under the cursor.
    pub fn chosen_rows(&self) -> Vec<u32> {
        if self.marked.is_empty() {
            self.current_row().into_iter().collect()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    pub fn creator_id(&self, row: u32) -> Option<String> {
        let db = self.db.as_ref()?;
        Some(db.index.ids.get(row as usize).to_string())
    }

    /// Puts creators on the open campaign's shortlist.
    pub fn add(&mut self, creators: Vec<String>) -> Vec<Effect> {
        let Some(open) = &self.campaign else {
            return Vec::new();
        };
        let campaign = open.campaign.id.to_string();
        self.marked.clear();
        self.save(&campaign, vec![Edit::Add { creators }])
    }

    pub fn step(&mut self, targets: Vec<Target>, way: Step) -> Vec<Effect> {
        let mut edits = Vec::new();
        let mut stuck = Vec::new();
        for t in &targets {
            match step(&t.entry, way) {
                Some(to) => edits.extend(stage_edits(t, to)),
                None => stuck.push(format!("{} ({})", t.entry.creator, t.entry.stage)),
            }
        }
        if edits.is_empty() {
            let end = if way == Step::Next { "forward" } else { "back" };
            self.tell(
                format!("no stage {end} from here: {}", stuck.join(", ")),
                false,
            );
            return Vec::new();
        }
        self.marked.clear();
        self.save_each(edits)
    }

    /// Moves the targets of the stage picker to `to`, with `note` for the history.
    pub fn set_stage(
        &mut self,
        targets: Vec<Target>,
        to: Stage,
        note: Option<String>,
    ) -> Vec<Effect> {
        let edits: Vec<_> = targets
            .iter()
            .filter(|t| t.entry.stage != to)
            .flat_map(|t| {
                Edit::moves(&t.entry, to, note.clone())
                    .into_iter()
                    .map(|e| (t.campaign.clone(), e))
            })
            .collect();
        if edits.is_empty() {
            self.tell(format!("already {to}"), false);
            return Vec::new();
        }
        self.marked.clear();
        self.save_each(edits)
    }

    /// Saves the note editor's text.
    pub fn save_note(&mut self, target: Target, text: String) -> Vec<Effect> {
        let edit = Edit::Notes {
            creator: target.entry.creator.to_string(),
            text: Some(text),
            was: Some(target.entry.notes.clone()),
        };
        self.save(&target.campaign, vec![edit])
    }

    /// Sets (or clears) the follow-up date of `targets`.
    pub fn follow_up(&mut self, targets: Vec<Target>, date: Option<Date>) -> Vec<Effect> {
        let edits = targets.into_iter().map(|t| {
            let edit = Edit::FollowUp {
                creator: t.entry.creator.to_string(),
                date,
                was: Some(t.entry.follow_up),
            };
            (t.campaign, edit)
        });
        self.save_each(edits.collect())
    }

    /// Saves edits of several campaigns, each campaign's together.
    pub fn save_each(&mut self, edits: Vec<(String, Edit)>) -> Vec<Effect> {
        let mut by_campaign: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
        for (campaign, edit) in edits {
            by_campaign.entry(campaign).or_default().push(edit);
        }
        let mut effects = Vec::new();
        for (campaign, edits) in by_campaign {
            effects.extend(self.save(&campaign, edits));
        }
        effects
    }

    /// Shows `edits` at once and sends them to be saved, after any of the same campaign that
    /// could not be saved before (they are saved together, in order).
    pub fn save(&mut self, campaign: &str, edits: Vec<Edit>) -> Vec<Effect> {
        let Some(db) = &self.db else {
            return Vec::new();
        };
        let index = std::sync::Arc::clone(&db.index);
        let mut all: Vec<Edit> = Vec::new();
        self.unsaved.retain(|u| {
            if u.campaign == campaign {
                all.extend(u.edits.iter().cloned());
                false
            } else {
                true
            }
        });
        if let Some(open) = &self.campaign
            && open.campaign.id == campaign
        {
            let mut shown = open.campaign.clone();
            for edit in &edits {
                let _ = edits::apply(&mut shown, edit, &self.now);
            }
            self.campaign = Some(super::OpenCampaign::new(shown, &index));
            self.follow_board();
        }
        all.extend(edits);
        self.saving += 1;
        self.tell("saving…", false);
        vec![Effect::Task(Task::Save {
            campaign: campaign.to_string(),
            edits: all,
            index,
        })]
    }

    /// Sends again everything that could not be saved.
    pub fn retry(&mut self) -> Vec<Effect> {
        if self.unsaved.is_empty() {
            self.tell("everything is saved", false);
            return Vec::new();
        }
        let Some(db) = &self.db else {
            return Vec::new();
        };
        let index = std::sync::Arc::clone(&db.index);
        let pending = std::mem::take(&mut self.unsaved);
        self.saving += pending.len();
        self.tell("saving…", false);
        pending
            .into_iter()
            .map(|u| {
                Effect::Task(Task::Save {
                    campaign: u.campaign,
                    edits: u.edits,
                    index: std::sync::Arc::clone(&index),
                })
            })
            .collect()
    }

    /// A save came back.
    pub fn on_saved(&mut self, report: SaveReport) -> Vec<Effect> {
        self.saving = self.saving.saturating_sub(1);
        let mut effects = Vec::new();
        match report.result {
            Ok(saved) => {
                let words: Vec<&str> = saved.outcomes.iter().map(|o| o.words()).collect();
                if saved.written {
                    self.remember(super::UndoStep {
                        campaign: report.campaign.clone(),
                        before: saved.before.clone(),
                        after: saved.text.clone(),
                        words: words.join("; "),
                    });
                }
                let text = if saved.written {
                    format!("saved · {}", words.join("; "))
                } else {
                    format!("nothing to save · {}", words.join("; "))
                };
                if report.clashes.is_empty() {
                    self.tell(text, false);
                } else {
                    // An exclusivity signed elsewhere is worth more than "saved".
                    self.tell(
                        format!("{text} · careful: {}", report.clashes.join("; ")),
                        true,
                    );
                }
                if let (Some(open), Some(db)) = (&self.campaign, &self.db)
                    && open.campaign.id == report.campaign
                {
                    // What the file says now, which may include changes made elsewhere.
                    self.campaign = Some(super::OpenCampaign::new(saved.campaign, &db.index));
                    self.follow_board();
                    if self.parsed.as_ref().is_ok_and(|q| q.needs_campaign()) {
                        effects.extend(self.search(self.results.limit.max(super::FIRST_RANKED)));
                    }
                }
                if self.view == super::View::Due {
                    effects.extend(self.load_due());
                }
                // Who worked and how well may have changed.
                effects.extend(self.load_tracks());
            }
            Err(SaveError::Conflict { file, conflict }) => {
                self.tell(
                    format!("not saved: {file} was changed elsewhere and {conflict}; it is shown as it is now — redo the change if it still applies"),
                    true,
                );
                // Show what the file says now.
                if let (Some(open), Some(db)) = (&self.campaign, &self.db)
                    && open.campaign.id == report.campaign
                {
                    self.opening = Some(report.campaign.clone());
                    effects.push(Effect::Task(Task::OpenCampaign {
                        id: report.campaign.clone(),
                        index: std::sync::Arc::clone(&db.index),
                    }));
                }
                if self.view == super::View::Due {
                    effects.extend(self.load_due());
                }
            }
            Err(other) => {
                let error = other.to_string();
                self.tell(
                    format!(
                        "not saved (kept here; w tries again): {}",
                        first_line(&error)
                    ),
                    true,
                );
                self.unsaved.push(Unsaved {
                    campaign: report.campaign,
                    edits: report.edits,
                    error,
                });
            }
        }
        effects
    }

    /// How many changes are not saved yet.
    pub fn unsaved_count(&self) -> usize {
        self.unsaved.iter().map(|u| u.edits.len()).sum()
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

/// Moving one target to `to`, remembering where it was.
fn stage_edits(t: &Target, to: Stage) -> Vec<(String, Edit)> {
    Edit::moves(&t.entry, to, None)
        .into_iter()
        .map(|e| (t.campaign.clone(), e))
        .collect()
}
