//! Replies found in mail on disk: a message that answers one the workspace recorded as sent
//! (its `In-Reply-To` or `References` names a recorded id), or one from a creator's address
//! sent after the entry's last contact. Each is recorded once on the entry as a `replied` event
//! (an automatic answer as `auto-reply`, which is no answer), with its date, subject and id.

use std::collections::HashMap;

use super::{CampaignError, Roster, Session};
use crate::mail::inbox::Mail;
use crate::model::{Campaign, Change, Entry, Event, Stage};
use crate::outreach::Edit;

/// A reply found, and what recording it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// The campaign of the entry it answers.
    pub campaign: String,
    /// The creator of that entry.
    pub creator: String,
    /// The message.
    pub mail: Mail,
    /// How it was told a reply: "in the thread" or "from their address".
    pub how: &'static str,
    /// Already in the entry's history: recorded on an earlier run.
    pub recorded: bool,
}

impl Reply {
    /// The record it makes.
    pub fn edit(&self, now: &jiff::Zoned) -> Edit {
        let (at, offset) = self.mail.at.unwrap_or((now.timestamp(), now.offset()));
        let subject = if self.mail.subject.is_empty() {
            "(no subject)".to_string()
        } else {
            self.mail.subject.clone()
        };
        // The subject and the reply's first lines, to read without opening the mail.
        let subject = if self.mail.first_lines.is_empty() || self.mail.auto {
            subject
        } else {
            let lines = crate::display::truncate(&self.mail.first_lines, 160);
            format!("{subject} — {lines}")
        };
        Edit::Event {
            creator: self.creator.clone(),
            change: Box::new(Change {
                at,
                offset,
                stage: None,
                event: Some(if self.mail.auto {
                    Event::AutoReply
                } else {
                    Event::Replied
                }),
                note: Some(subject),
                message_id: Some(self.mail.id.clone()),
            }),
        }
    }
}

impl Session {
    /// Reads `mailboxes` (else the configured ones) and records every reply found not yet
    /// recorded; the replies recorded, and what could not be read.
    pub fn record_replies(&self, roster: &Roster, now: &jiff::Zoned) -> (Vec<Reply>, Vec<String>) {
        let mut mails = Vec::new();
        let mut problems = Vec::new();
        for mailbox in &self.config.mailboxes {
            match crate::mail::inbox::read(mailbox) {
                Ok((read, skipped)) => {
                    mails.extend(read);
                    problems.extend(skipped);
                }
                Err(e) => problems.push(e),
            }
        }
        let found = match self.find_replies(roster, &mails, None) {
            Ok(found) => found,
            Err(e) => {
                problems.push(e.to_string());
                return (Vec::new(), problems);
            }
        };
        let new: Vec<Reply> = found.replies.into_iter().filter(|r| !r.recorded).collect();
        let mut by_campaign: std::collections::BTreeMap<&str, Vec<Edit>> = Default::default();
        for r in &new {
            by_campaign
                .entry(&r.campaign)
                .or_default()
                .push(r.edit(now));
        }
        let known = roster.ids();
        for (campaign, edits) in by_campaign {
            if let Err(e) = self.save_campaign(campaign, &edits, now, Some(&known)) {
                problems.push(e.to_string());
            }
        }
        (new, problems)
    }
}

/// What reading the mail found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// The replies, in the order read.
    pub replies: Vec<Reply>,
    /// Messages the workspace itself wrote (exports read back).
    pub own: usize,
    /// Messages from no one on a shortlist, or not after their last contact.
    pub unrelated: usize,
}

/// When an entry was last written to: its last `sent` event or move to `contacted`.
fn last_contact(entry: &Entry) -> Option<jiff::Timestamp> {
    entry
        .history
        .iter()
        .filter(|c| c.event == Some(Event::Sent) || c.stage == Some(Stage::Contacted))
        .map(|c| c.at)
        .max()
}

impl Session {
    /// The replies among `mails` to the workspace's campaigns (or campaign `only`).
    pub fn find_replies(
        &self,
        roster: &Roster,
        mails: &[Mail],
        only: Option<&str>,
    ) -> Result<Found, CampaignError> {
        let campaigns = self.all_campaigns(None, only)?.list;
        Ok(find(roster, &campaigns, mails))
    }
}

/// The replies among `mails` to `campaigns`.
pub fn find(roster: &Roster, campaigns: &[Campaign], mails: &[Mail]) -> Found {
    let ids = roster.ids();
    // Every recorded id, by whose entry it is and whether it was sent (ours) or received.
    let mut recorded: HashMap<String, (usize, usize, bool)> = HashMap::new();
    // Every creator's address, with the entries they have.
    let mut by_address: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (c, campaign) in campaigns.iter().enumerate() {
        for (e, entry) in campaign.entries.iter().enumerate() {
            for change in &entry.history {
                if let Some(id) = &change.message_id {
                    let ours = change.event == Some(Event::Sent) || change.stage.is_some();
                    recorded.insert(crate::mail::thread::bracketed(id), (c, e, ours));
                }
            }
            if let Some(email) = roster
                .creator(&ids, &entry.creator)
                .and_then(|cr| cr.email.map(|m| m.to_lowercase().to_string()))
            {
                by_address.entry(email).or_default().push((c, e));
            }
        }
    }
    let mut found = Found::default();
    // The same message in two mailboxes (or twice in one) is one message.
    let mut seen = std::collections::HashSet::new();
    for mail in mails.iter().filter(|m| seen.insert(m.id.clone())) {
        if let Some(&(_, _, true)) = recorded.get(&mail.id) {
            found.own += 1;
            continue;
        }
        let threaded = mail
            .answers
            .iter()
            .rev()
            .find_map(|id| recorded.get(id).filter(|(_, _, ours)| *ours));
        let target = match threaded {
            Some(&(c, e, _)) => Some((c, e, "in the thread")),
            None => mail
                .from
                .as_ref()
                .and_then(|from| by_address.get(from))
                .and_then(|entries| {
                    // Of the entries written to before it came, the one written to last.
                    let sent = mail.at.map(|(t, _)| t);
                    entries
                        .iter()
                        .filter_map(|&(c, e)| {
                            let last = last_contact(&campaigns[c].entries[e])?;
                            (sent.is_none_or(|s| s > last)).then_some((last, c, e))
                        })
                        .max()
                        .map(|(_, c, e)| (c, e, "from their address"))
                }),
        };
        let Some((c, e, how)) = target else {
            found.unrelated += 1;
            continue;
        };
        let entry = &campaigns[c].entries[e];
        let already = entry.history.iter().any(|h| {
            h.message_id.as_deref().map(crate::mail::thread::bracketed) == Some(mail.id.clone())
        });
        found.replies.push(Reply {
            campaign: campaigns[c].id.to_string(),
            creator: entry.creator.to_string(),
            mail: mail.clone(),
            how,
            recorded: already,
        });
    }
    found
}
