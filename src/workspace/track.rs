//! What each creator did in the workspace's campaigns, for the search: whether they worked
//! (contracted or later somewhere), whether they would be booked again, and the cost per
//! engagement they achieved — so that "who delivered last time" informs the next shortlist.

use std::collections::HashMap;
use std::sync::Arc;

use super::{CampaignError, Roster, Session};
use crate::model::{Stage, TierBounds};
use crate::outreach::report::{Benchmarks, Live, flag, report};
use crate::search::Track;

/// A creator's record summed over campaigns.
#[derive(Default)]
struct Sum {
    worked: bool,
    delivered: bool,
    late: bool,
    removed: bool,
    above: bool,
    cost: u64,
    engagements: u64,
}

/// The campaigns a creator is on, with their stage in each: by row of the index, only rows on
/// some shortlist.
pub type Memberships = HashMap<u32, Vec<(String, Stage)>>;

/// Each row's record, and the campaigns each creator is on.
pub type Tracked = (Arc<[Option<Track>]>, Memberships);

impl Session {
    /// As [`Session::tracks`], with the campaigns each creator is on and their stage there.
    pub fn tracks_and_memberships(&self, roster: &Roster) -> Result<Tracked, CampaignError> {
        let mut on: Memberships = HashMap::new();
        let tracks = self.summed(roster, &mut |row, campaign, stage| {
            on.entry(row)
                .or_default()
                .push((campaign.to_string(), stage));
        })?;
        Ok((tracks, on))
    }

    /// Each row of the roster's index with its record in the campaigns (`None` for creators on
    /// no shortlist past `contacted`). Achieved cost per engagement counts the campaigns in the
    /// workspace's currency.
    pub fn tracks(&self, roster: &Roster) -> Result<Arc<[Option<Track>]>, CampaignError> {
        self.summed(roster, &mut |_, _, _| {})
    }

    /// The tracks, telling `each` of every entry met (its row, campaign and stage).
    fn summed(
        &self,
        roster: &Roster,
        each: &mut dyn FnMut(u32, &str, Stage),
    ) -> Result<Arc<[Option<Track>]>, CampaignError> {
        let known = roster.ids();
        let all = self.all_campaigns(None, None)?;
        let mut sums: Vec<Option<Sum>> = Vec::new();
        sums.resize_with(roster.index.len(), || None);
        for campaign in &all.list {
            let currency = campaign
                .brief
                .currency
                .as_deref()
                .unwrap_or(&self.config.currency);
            let benchmarks = Benchmarks::for_currency(currency);
            for entry in &campaign.entries {
                let Some(row) = known.row(&entry.creator) else {
                    continue;
                };
                each(row, &campaign.id, entry.stage);
                let r = report(
                    std::slice::from_ref(entry),
                    currency,
                    None,
                    &TierBounds::default(),
                    benchmarks,
                    &|_| None,
                );
                let Some(figures) = r.creators.first() else {
                    continue;
                };
                let sum = sums[row as usize].get_or_insert_with(Sum::default);
                sum.worked = true;
                sum.delivered |= !figures.posts.is_empty();
                sum.late |= figures.on_time == Some(false);
                sum.removed |= figures.live == Live::Removed;
                if let Some(t) = &figures.results {
                    sum.above |= flag(t.cpe(), benchmarks.cpe) == Some("above");
                    if currency == self.config.currency {
                        sum.cost = sum.cost.saturating_add(t.cost);
                        sum.engagements = sum.engagements.saturating_add(t.engagements);
                    }
                }
            }
        }
        Ok(sums
            .into_iter()
            .map(|s| {
                s.map(|s| Track {
                    worked: s.worked,
                    rebook: s.delivered.then_some(!s.late && !s.removed && !s.above),
                    cpe: (s.engagements > 0).then(|| s.cost as f64 / s.engagements as f64),
                })
            })
            .collect())
    }
}
