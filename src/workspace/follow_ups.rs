//! What an export sends and whom it concerns, decided once for both front ends: the follow-ups
//! due today grouped by the template their step names, and the creators an invitation would
//! reach a second time.

use super::{CampaignError, Roster, Session};
use crate::mail::template::Kind;
use crate::model::{Campaign, Entry, Stage};
use crate::outreach::{Action, items_by};

/// Follow-ups of one campaign due today that one template writes.
#[derive(Clone, Debug)]
pub struct FollowUps {
    /// The campaign, as read.
    pub campaign: Campaign,
    /// Its file, as messages name it.
    pub file: String,
    /// The template their step names (or the one asked for); `None`: the campaign's
    /// follow-up template.
    pub template: Option<String>,
    /// The entries to write to.
    pub entries: Vec<Entry>,
}

impl Session {
    /// Every follow-up due on `today` in the workspace's campaigns (or campaign `only`),
    /// grouped by campaign and by the template its step names; `template` overrides the steps'.
    pub fn follow_ups_due(
        &self,
        roster: &Roster,
        only: Option<&str>,
        today: jiff::civil::Date,
        template: Option<&str>,
    ) -> Result<Vec<FollowUps>, CampaignError> {
        let campaigns = self.all_campaigns(Some(&roster.ids()), only)?.list;
        let mut out: Vec<FollowUps> = Vec::new();
        for campaign in campaigns {
            let (_, file) = self.find_campaign(&campaign.id)?;
            let mut groups: Vec<(Option<String>, Vec<Entry>)> = Vec::new();
            for entry in &campaign.entries {
                let due = items_by(entry, today, &self.config.cadence)
                    .into_iter()
                    .find(|d| {
                        d.on <= today && matches!(d.action, Action::Remind(_) | Action::FollowUp)
                    });
                let Some(d) = due else { continue };
                let name = template.map(str::to_string).or(d.template);
                match groups.iter_mut().find(|(t, _)| *t == name) {
                    Some((_, list)) => list.push(entry.clone()),
                    None => groups.push((name, vec![entry.clone()])),
                }
            }
            out.extend(groups.into_iter().map(|(template, entries)| FollowUps {
                campaign: campaign.clone(),
                file: file.clone(),
                template,
                entries,
            }));
        }
        Ok(out)
    }

    /// The kind template `name` says it is, if it says.
    pub fn template_kind(&self, name: &str) -> Option<Kind> {
        self.template_kinds()
            .into_iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, k)| k)
    }

    /// Those of `entries` that template `name` would invite a second time: it is an
    /// invitation (or says no kind) and they are past shortlisted. Said as `creator (stage)`.
    pub fn invited_again(&self, name: &str, entries: &[&Entry]) -> Vec<String> {
        if !matches!(self.template_kind(name), None | Some(Kind::Invite)) {
            return Vec::new();
        }
        entries
            .iter()
            .filter(|e| e.stage != Stage::Shortlisted)
            .map(|e| format!("{} ({})", e.creator, e.stage))
            .collect()
    }
}
