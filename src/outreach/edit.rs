//! The changes people make to a shortlist, applied to a campaign in memory: the same rules for
//! the command line, the interface (which shows a change before it is saved) and the store
//! (which then makes the same change to the file).

use jiff::Zoned;

pub use super::edits::{Edit, FileChange, INVITATION_EXPORTED, Outcome, Refusal};
use super::transition::{Move, apply as move_to, change, transition};
use crate::model::{Campaign, Entry, Stage};

/// Applies `edit` to `campaign` as of `now`: what became of it, and what the file must change.
pub fn apply(
    campaign: &mut Campaign,
    edit: &Edit,
    now: &Zoned,
) -> Result<(Outcome, Vec<FileChange>), Refusal> {
    let listed = |campaign: &Campaign, creator: &str| {
        campaign
            .entries
            .iter()
            .position(|e| e.creator == creator)
            .ok_or_else(|| Refusal::NotListed(creator.to_string()))
    };
    match edit {
        Edit::Add { creators } => {
            let mut added: Vec<String> = Vec::new();
            let mut already: Vec<String> = Vec::new();
            for creator in creators {
                if added.contains(creator)
                    || already
                        .iter()
                        .any(|a| a.starts_with(&format!("{creator} (")))
                {
                    continue;
                }
                if let Some(e) = campaign.entries.iter().find(|e| e.creator == *creator) {
                    already.push(format!("{creator} ({})", e.stage));
                    continue;
                }
                let mut entry = Entry::new(creator.as_str(), Stage::Shortlisted);
                entry.history.push(change(Stage::Shortlisted, None, now));
                campaign.entries.push(entry);
                added.push(creator.clone());
            }
            let mut words = Vec::new();
            if !added.is_empty() {
                words.push(format!("added {}", added.join(", ")));
            }
            if !already.is_empty() {
                words.push(format!("already on the shortlist: {}", already.join(", ")));
            }
            let message = words.join("; ");
            let changes: Vec<FileChange> = added.into_iter().map(FileChange::AddEntry).collect();
            Ok(if changes.is_empty() {
                (Outcome::Unchanged(message), changes)
            } else {
                (Outcome::Done(message), changes)
            })
        }
        Edit::Stage {
            creator,
            to,
            note,
            was,
        } => {
            let i = listed(campaign, creator)?;
            let entry = &mut campaign.entries[i];
            if let Some(was) = was
                && *was != entry.stage
            {
                return Err(Refusal::Conflict(format!(
                    "{creator} is now {} there (not {was})",
                    entry.stage
                )));
            }
            let from = entry.stage;
            let kind = match transition(creator, from, *to) {
                Ok(kind) => kind,
                Err(e) => return Ok((Outcome::Unchanged(e.to_string()), Vec::new())),
            };
            let _ = move_to(entry, *to, note.as_deref(), now);
            let how = match kind {
                Move::Forward => String::new(),
                other => format!(" ({})", other.verb()),
            };
            Ok((
                Outcome::Done(format!("{creator}: {from} → {to}{how}")),
                vec![FileChange::SetStage {
                    creator: creator.clone(),
                    to: *to,
                    note: note.clone(),
                }],
            ))
        }
        Edit::FollowUp { creator, date, was } => {
            let i = listed(campaign, creator)?;
            let entry = &mut campaign.entries[i];
            if let Some(was) = was
                && *was != entry.follow_up
            {
                return Err(Refusal::Conflict(format!(
                    "{creator}'s follow-up date is now {} there",
                    entry.follow_up.map_or("unset".into(), |d| d.to_string())
                )));
            }
            if entry.follow_up == *date {
                return Ok((
                    Outcome::Unchanged(format!("{creator}: follow-up date unchanged")),
                    Vec::new(),
                ));
            }
            entry.follow_up = *date;
            let words = match date {
                Some(d) => format!("{creator}: follow up on {d}"),
                None => format!("{creator}: follow-up date cleared"),
            };
            Ok((
                Outcome::Done(words),
                vec![FileChange::SetFollowUp {
                    creator: creator.clone(),
                    date: *date,
                }],
            ))
        }
        Edit::Notes { creator, text, was } => {
            let i = listed(campaign, creator)?;
            let entry = &mut campaign.entries[i];
            if let Some(was) = was
                && *was != entry.notes
            {
                return Err(Refusal::Conflict(format!(
                    "{creator}'s notes were changed there"
                )));
            }
            let text = text
                .as_deref()
                .map(|t| t.trim_end().replace("\r\n", "\n"))
                .filter(|t| !t.trim().is_empty());
            if entry.notes == text {
                return Ok((
                    Outcome::Unchanged(format!("{creator}: notes unchanged")),
                    Vec::new(),
                ));
            }
            entry.notes = text.clone();
            Ok((
                Outcome::Done(format!("{creator}: notes saved")),
                vec![FileChange::SetNotes {
                    creator: creator.clone(),
                    text,
                }],
            ))
        }
        Edit::Remove { creators, force } => super::records::remove(campaign, creators, *force),
        Edit::Event { creator, change } => {
            let i = listed(campaign, creator)?;
            let entry = &mut campaign.entries[i];
            let seen = change.message_id.as_ref().is_some_and(|id| {
                entry
                    .history
                    .iter()
                    .any(|c| c.message_id.as_ref() == Some(id))
            });
            let what = change.what();
            if seen {
                return Ok((
                    Outcome::Unchanged(format!("{creator}: {what} already recorded")),
                    Vec::new(),
                ));
            }
            entry.history.push((**change).clone());
            Ok((
                Outcome::Done(format!("{creator}: {what} recorded")),
                vec![FileChange::AddEvent {
                    creator: creator.clone(),
                    change: change.clone(),
                }],
            ))
        }
        Edit::Settings { settings, was } => {
            let now_set = crate::model::Settings::of(&campaign.brief);
            if let Some(was) = was
                && **was != now_set
            {
                return Err(Refusal::Conflict(
                    "the campaign's settings were changed there meanwhile".into(),
                ));
            }
            let settings = Box::new(settings.normalized());
            let problems = settings.problems();
            if !problems.is_empty() {
                return Err(Refusal::Rule(problems.join("; ")));
            }
            if *settings == now_set {
                return Ok((
                    Outcome::Unchanged("the settings are as they were".into()),
                    Vec::new(),
                ));
            }
            settings.apply(&mut campaign.brief);
            Ok((
                Outcome::Done(format!("saved the settings of {}", settings.name.trim())),
                vec![FileChange::SetSettings(settings)],
            ))
        }
        Edit::Fee { creator, .. }
        | Edit::Set { creator, .. }
        | Edit::Round { creator, .. }
        | Edit::Results { creator, .. }
        | Edit::AddPayment { creator, .. } => {
            let i = listed(campaign, creator)?;
            super::records::apply(&mut campaign.entries[i], edit, now)
        }
    }
}
