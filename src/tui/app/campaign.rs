//! The open campaign: the picker's list, reading a campaign for the current index, and each
//! row's stage and entry in it.

use std::collections::HashMap;
use std::sync::Arc;

use super::outreach::AfterPick;
use super::{App, Effect, FIRST_RANKED, Notice, Overlay};
use crate::model::{Campaign, Entry, Stage};
use crate::search::{Index, IndexIds};
use crate::store::Diagnostic;

/// A campaign in the picker.
pub use crate::workspace::Choice as CampaignChoice;

/// A campaign as read for an index.
#[derive(Debug)]
pub struct CampaignLoaded {
    pub id: String,
    /// The index its entries were matched against: an answer for an older index is stale.
    pub index: Arc<Index>,
    /// The campaign, or why it could not be read at all.
    pub outcome: Result<(Option<Campaign>, Vec<Diagnostic>), String>,
}

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
    /// The campaign list for the picker was read.
    pub fn on_campaigns(&mut self, list: Vec<CampaignChoice>) -> Vec<Effect> {
        if let Some(Overlay::Campaigns { cursor, choices }) = self.overlays.last_mut() {
            // The open campaign is chosen at first; "none" is the last choice.
            let open = self.campaign.as_ref().map(|c| c.campaign.id.as_str());
            *cursor = list
                .iter()
                .position(|c| Some(c.id.as_str()) == open)
                .unwrap_or(0);
            *choices = Some(list);
        }
        Vec::new()
    }

    /// A campaign was read.
    pub fn on_campaign(&mut self, loaded: CampaignLoaded) -> Vec<Effect> {
        let current = self.db.as_ref().map(|db| &db.index);
        if self.opening.as_deref() != Some(loaded.id.as_str())
            || !current.is_some_and(|i| Arc::ptr_eq(i, &loaded.index))
        {
            return Vec::new();
        }
        self.opening = None;
        let (campaign, diagnostics) = match loaded.outcome {
            Ok(read) => read,
            Err(message) => {
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
                return Vec::new();
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
            if !self.campaign_problems.is_empty() {
                self.overlays.push(Overlay::Problems { scroll: 0 });
            }
            return Vec::new();
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
            None => {}
        }
        effects
    }
}
