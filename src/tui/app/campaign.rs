//! The open campaign: opening one (read for the current index) or none, and each row's stage
//! and entry in it.

use std::collections::HashMap;
use std::sync::Arc;

use super::outreach::AfterPick;
use super::{App, Effect, FIRST_RANKED, Notice};
use crate::model::{Campaign, Entry, Stage};
use crate::search::{Index, IndexIds};
use crate::tui::overlays::settings::SettingsForm;
use crate::tui::tasks::{CampaignLoaded, Task};

/// The campaign whose stages are shown.
#[derive(Clone, Debug)]
pub struct OpenCampaign {
    pub campaign: Campaign,
    /// Each row's stage (`None` when not on the shortlist).
    pub stages: Arc<[Option<Stage>]>,
    /// Each shortlisted row's entry in `campaign.entries`.
    pub entries: HashMap<u32, usize>,
    /// Each entry's row in the index (`None` for a creator the database does not have).
    pub rows: Vec<Option<u32>>,
}

impl OpenCampaign {
    pub(super) fn new(campaign: Campaign, index: &Index) -> OpenCampaign {
        let ids = IndexIds::new(index);
        let rows: Vec<Option<u32>> = campaign
            .entries
            .iter()
            .map(|e| ids.row(&e.creator))
            .collect();
        let entries = rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| Some(((*row)?, i)))
            .collect();
        OpenCampaign {
            stages: ids.stages(&campaign, index.len()),
            campaign,
            entries,
            rows,
        }
    }

    /// The shortlist entry of a row of the index.
    pub fn entry(&self, row: u32) -> Option<&Entry> {
        self.entries.get(&row).map(|&i| &self.campaign.entries[i])
    }
}

impl App {
    /// Opens the campaign `id`, or closes the open one when `None`.
    pub fn choose_campaign(&mut self, id: Option<String>) -> Vec<Effect> {
        match id {
            Some(id) => {
                let Some(db) = &self.db else {
                    return Vec::new();
                };
                self.opening = Some(id.clone());
                vec![Effect::Task(Task::OpenCampaign {
                    id,
                    index: Arc::clone(&db.index),
                })]
            }
            None => {
                self.opening = None;
                self.after_pick = None;
                self.campaign_problems.clear();
                if self.view == super::View::Board {
                    self.view = super::View::Search;
                }
                if self.campaign.take().is_some() {
                    self.search(FIRST_RANKED.max(self.results.limit))
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// A campaign was read. True in the answer's second part when it cannot be read and its
    /// problems are to be shown.
    pub fn on_campaign(&mut self, loaded: CampaignLoaded) -> (Vec<Effect>, bool) {
        let current = self.db.as_ref().map(|db| &db.index);
        if self.opening.as_deref() != Some(loaded.id.as_str())
            || !current.is_some_and(|i| Arc::ptr_eq(i, &loaded.index))
        {
            return (Vec::new(), false);
        }
        self.opening = None;
        let (campaign, diagnostics) = match loaded.outcome {
            Ok(read) => read,
            Err(message) => {
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
                return (Vec::new(), false);
            }
        };
        self.campaign_problems = diagnostics;
        let Some(campaign) = campaign else {
            self.notice = Some(Notice {
                text: format!(
                    "campaign \"{}\" cannot be read (! for the problems)",
                    loaded.id
                ),
                error: true,
            });
            return (Vec::new(), !self.campaign_problems.is_empty());
        };
        let switched = self
            .campaign
            .as_ref()
            .is_none_or(|c| c.campaign.id != loaded.id.as_str());
        self.campaign = Some(OpenCampaign::new(campaign, &loaded.index));
        if switched && self.view == super::View::Board {
            self.board = super::Board::default();
            self.show_board();
        }
        let mut effects = self.search(FIRST_RANKED.max(self.results.limit));
        match self.after_pick.take() {
            Some(AfterPick::Add(creators)) => effects.extend(self.add(creators)),
            Some(AfterPick::Board) => self.show_board(),
            Some(AfterPick::Report) => self.show_report(),
            Some(AfterPick::Settings) => self.open_settings(),
            None => {}
        }
        (effects, false)
    }

    /// The settings form of the open campaign, or of a new one when none is open.
    pub fn open_settings(&mut self) {
        let templates = self.templates.clone();
        match &self.campaign {
            Some(open) => {
                let settings = crate::model::Settings::of(&open.campaign.brief);
                let id = open.campaign.id.to_string();
                self.open(SettingsForm::new(Some(id), settings, templates));
            }
            None => {
                let settings = self.new_settings.clone();
                self.open(SettingsForm::new(None, settings, templates));
            }
        }
    }
}
