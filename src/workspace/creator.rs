//! One creator across every campaign: where they stand in each, what they owe and are owed,
//! how they keep to dates, and the exclusivities they signed — what a marketer checks before
//! putting them on another shortlist.

use jiff::civil::Date;

use super::{CampaignError, Roster, Session};
use crate::model::{Campaign, Contract, Entry};
use crate::store::{Diagnostic, KnownCreators};

/// A creator's entry in one campaign.
#[derive(Clone, Debug)]
pub struct Part {
    /// The campaign's id.
    pub campaign: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// The campaign's currency (the workspace's when it has none).
    pub currency: String,
    /// The entry.
    pub entry: Entry,
    /// The figures it achieved, once a deliverable has results.
    pub achieved: Option<crate::outreach::report::Totals>,
}

/// How a creator keeps to dates, over every deliverable of every campaign.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Punctuality {
    /// Posted on or before the day agreed.
    pub on_time: usize,
    /// Posted after it.
    pub late: usize,
    /// Not posted, the day agreed passed.
    pub overdue: usize,
    /// Review rounds recorded.
    pub rounds: usize,
    /// Of which sent back with changes.
    pub sent_back: usize,
}

/// An exclusivity a creator signed in a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusivity {
    /// The campaign it was signed in.
    pub campaign: String,
    /// The niches it covers.
    pub niches: Vec<String>,
    /// Its last day.
    pub until: Date,
}

/// One creator across the workspace's campaigns.
#[derive(Clone, Debug)]
pub struct CreatorRecord {
    /// The creator's id.
    pub id: String,
    /// The creator's name, if the database has them.
    pub name: Option<String>,
    /// Their entries, campaign by campaign.
    pub parts: Vec<Part>,
    /// Problems of the campaign files read.
    pub problems: Vec<Diagnostic>,
    /// Campaign files that could not be read.
    pub unreadable: Vec<String>,
}

/// Why a creator could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum CreatorError {
    /// Neither the database nor any campaign knows the id.
    #[error("no creator \"{id}\" in creators.toml or on any shortlist{hint}")]
    Unknown {
        /// The id asked for.
        id: String,
        /// The nearest id, said as a hint.
        hint: String,
    },
    /// A campaign could not be read.
    #[error(transparent)]
    Campaign(#[from] CampaignError),
}

impl CreatorRecord {
    /// How they keep to dates, as of `today`.
    pub fn punctuality(&self, today: Date) -> Punctuality {
        let mut p = Punctuality::default();
        for d in self.parts.iter().flat_map(|part| &part.entry.deliverables) {
            match (d.posted, d.post_by) {
                (Some(posted), Some(by)) if posted <= by => p.on_time += 1,
                (Some(_), Some(_)) => p.late += 1,
                (None, Some(by)) if by < today => p.overdue += 1,
                _ => {}
            }
            p.rounds += d.rounds.len();
            p.sent_back += d
                .rounds
                .iter()
                .filter(|r| r.verdict == Some(crate::model::Verdict::Changes))
                .count();
        }
        p
    }

    /// The exclusivities in force on `day`.
    pub fn exclusivities(&self, day: Date) -> Vec<Exclusivity> {
        self.parts
            .iter()
            .filter_map(|part| {
                let c = part.entry.contract.as_ref()?;
                in_force(c, day)
                    .then(|| exclusivity(&part.campaign, c))
                    .flatten()
            })
            .collect()
    }
}

fn in_force(c: &Contract, day: Date) -> bool {
    c.exclusive_on(day)
}

fn exclusivity(campaign: &str, c: &Contract) -> Option<Exclusivity> {
    Some(Exclusivity {
        campaign: campaign.to_string(),
        niches: c.exclusivity.iter().map(|n| n.to_string()).collect(),
        until: c.exclusive_until?,
    })
}

/// The exclusivities that `campaign` would clash with if `creator` joined it: signed in
/// another campaign, in force at some time of `campaign`'s dates (from `today` when it has
/// none), and covering one of its niches — or any niche, when it names none.
pub fn clashes(
    creator: &str,
    campaign: &Campaign,
    others: &[Campaign],
    today: Date,
) -> Vec<Exclusivity> {
    let from = campaign.brief.starts.unwrap_or(today).max(today);
    let to = campaign.brief.ends;
    let wanted: Vec<String> = campaign
        .brief
        .niches
        .iter()
        .map(|n| n.to_lowercase().to_string())
        .collect();
    others
        .iter()
        .filter(|o| o.id != campaign.id)
        .filter_map(|o| {
            let c = o.entry(creator)?.contract.as_ref()?;
            let x = exclusivity(&o.id, c)?;
            let starts = c.signed;
            let overlaps = x.until >= from && to.is_none_or(|to| starts.is_none_or(|s| s <= to));
            let covers =
                wanted.is_empty() || x.niches.iter().any(|n| wanted.contains(&n.to_lowercase()));
            (overlaps && covers && !x.niches.is_empty()).then_some(x)
        })
        .collect()
}

impl Session {
    /// Creator `id` across every campaign; an id nobody knows is an error naming the nearest.
    pub fn creator_record(&self, roster: &Roster, id: &str) -> Result<CreatorRecord, CreatorError> {
        let known = roster.ids();
        let all = self.all_campaigns(Some(&known), None)?;
        let parts: Vec<Part> = all
            .list
            .iter()
            .filter_map(|c| {
                let entry = c.entry(id)?.clone();
                let currency = c
                    .brief
                    .currency
                    .as_deref()
                    .unwrap_or(&self.config.currency)
                    .to_string();
                let achieved = crate::outreach::report::report(
                    std::slice::from_ref(&entry),
                    &currency,
                    None,
                    &self.config.tiers,
                    crate::outreach::report::Benchmarks::for_currency(&currency),
                    &|_| None,
                )
                .creators
                .into_iter()
                .next()
                .and_then(|f| f.results);
                Some(Part {
                    campaign: c.id.to_string(),
                    campaign_name: c.brief.name.clone(),
                    currency,
                    entry,
                    achieved,
                })
            })
            .collect();
        if parts.is_empty() && !known.contains(id) {
            let hint = known
                .nearest(id)
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_default();
            return Err(CreatorError::Unknown {
                id: id.to_string(),
                hint,
            });
        }
        Ok(CreatorRecord {
            id: id.to_string(),
            name: roster.name(&known, id).map(str::to_string),
            parts,
            problems: all.problems,
            unreadable: all.unreadable,
        })
    }

    /// The exclusivities signed elsewhere that putting `creator` on campaign `id`'s shortlist
    /// would clash with, as of `today`.
    pub fn exclusivity_clashes(
        &self,
        creator: &str,
        id: &str,
        today: Date,
    ) -> Result<Vec<Exclusivity>, CampaignError> {
        let all = self.all_campaigns(None, None)?;
        let Some(campaign) = all.list.iter().find(|c| c.id == id) else {
            return Ok(Vec::new());
        };
        Ok(clashes(creator, campaign, &all.list, today))
    }
}
