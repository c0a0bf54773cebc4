//! What is due across campaigns, oldest first: the list `shortlist due` prints and the
//! interface's agenda shows, in the same order — follow-ups, production deadlines, payments,
//! shipments and rights alike.

use jiff::civil::Date;

use super::{CampaignError, Roster, Session};
use crate::model::Entry;
use crate::outreach::{Due, due_by};
use crate::store::Diagnostic;

/// One thing due: in which campaign, for which entry, and what.
#[derive(Clone, Debug, PartialEq)]
pub struct AgendaItem {
    /// The campaign's id.
    pub campaign: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// The shortlist entry.
    pub entry: Entry,
    /// The creator's name, if the database has them.
    pub name: Option<String>,
    /// The creator's email, if the database has one.
    pub email: Option<String>,
    /// The creator's row in the roster's index.
    pub row: Option<u32>,
    /// What is due, and on which day.
    pub due: Due,
}

/// Everything due, with the problems of the campaign files read for it.
#[derive(Clone, Debug, Default)]
pub struct Agenda {
    /// Oldest first; then by campaign id and place in the file.
    pub items: Vec<AgendaItem>,
    /// Problems of the campaign files read.
    pub problems: Vec<Diagnostic>,
    /// Campaign files that could not be read as campaigns, as messages name them.
    pub unreadable: Vec<String>,
    /// How many campaigns were looked at.
    pub campaigns: usize,
}

impl Session {
    /// What is due on `today` or earlier — and, with `ahead` days, what comes by then — in
    /// every campaign, or only in campaign `only`; the entries are matched to the roster's
    /// creators.
    pub fn agenda(
        &self,
        roster: &Roster,
        today: Date,
        ahead: i64,
        only: Option<&str>,
    ) -> Result<Agenda, CampaignError> {
        let until = today
            .checked_add(
                jiff::Span::new()
                    .try_days(ahead.clamp(0, 3660))
                    .unwrap_or_default(),
            )
            .unwrap_or(today);
        let known = roster.ids();
        let all = self.all_campaigns(Some(&known), only)?;
        let mut agenda = Agenda {
            campaigns: all.looked_at,
            problems: all.problems,
            unreadable: all.unreadable,
            items: Vec::new(),
        };
        for campaign in &all.list {
            for (entry, due) in due_by(campaign, today, until, &self.config.cadence) {
                let row = known.row(&entry.creator);
                let creator = row.and_then(|r| roster.at(r));
                agenda.items.push(AgendaItem {
                    campaign: campaign.id.to_string(),
                    campaign_name: campaign.brief.name.clone(),
                    entry: entry.clone(),
                    name: row.map(|r| roster.index.name(r as usize).to_string()),
                    email: creator.and_then(|c| c.email.map(|e| e.to_string())),
                    row,
                    due,
                });
            }
        }
        agenda.items.sort_by(|a, b| {
            (a.due.on, &a.campaign, a.entry.line, a.due.action).cmp(&(
                b.due.on,
                &b.campaign,
                b.entry.line,
                b.due.action,
            ))
        });
        Ok(agenda)
    }
}
