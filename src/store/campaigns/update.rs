//! Saving changes to a campaign file without ever losing one. A save takes the file's lock,
//! reads the file as it is now, checks that each change still makes sense against it (the
//! entry is still at the stage the user saw, the notes are still the ones they edited…), edits
//! the document, checks the result reads back with no new problem, and replaces the file
//! atomically. A change someone else made meanwhile is kept: the save is made on top of it when
//! that is safe, and refused with a clear message when it is not.

use std::path::Path;

use jiff::Zoned;

use super::edit::{Document, EditError};
use super::{KnownCreators, LoadedCampaign, parse_campaign};
use crate::model::Campaign;
use crate::outreach::edit::{self, Edit, FileChange, Outcome, Refusal};
use crate::store::text;
use crate::store::write::{self, LOCK_WAIT, Lock, WriteError};

/// A save that went through.
#[derive(Debug)]
pub struct Saved {
    /// The campaign as now written.
    pub campaign: Campaign,
    pub outcomes: Vec<Outcome>,
    /// True when the file was written (false when every edit was a no-op).
    pub written: bool,
    /// The file's text as now on disk, to tell later whether it changed.
    pub text: String,
    /// The file's text as it was before the change, to undo it.
    pub before: String,
}

/// Why nothing was saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{file} has problems to fix before it can be changed:\n{problems}")]
    Broken { file: String, problems: String },
    #[error(
        "{file} changed since it was read, and {conflict}; nothing was saved — look again and redo the change"
    )]
    Conflict { file: String, conflict: String },
    #[error("{file}: {message}")]
    Refused { file: String, message: String },
    #[error("{file} kept changing while it was being saved; nothing was saved, try again")]
    Busy { file: String },
}

/// Applies `edits` to the campaign file at `path` (named `file` in messages), as of `now`,
/// checking new entries against `creators` when given. All or nothing: when one edit cannot be
/// made, none is.
pub fn update_campaign(
    path: &Path,
    file: &str,
    edits: &[Edit],
    now: &Zoned,
    creators: Option<&dyn KnownCreators>,
) -> Result<Saved, SaveError> {
    let _lock = Lock::acquire(path, file, LOCK_WAIT)?;
    // Someone may write the file without taking the lock (an editor): if it changes between
    // reading and replacing it, start again from what it says then.
    for _ in 0..3 {
        let raw = read(path, file)?;
        // Edited without its byte-order mark and with \n line endings; written back with both
        // as they were, every untouched line byte for byte.
        let before = text::for_editing(&raw);
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let loaded = parse_campaign(&id, file, before.as_bytes(), creators);
        let campaign = usable(&loaded, file)?;
        let mut outcomes = Vec::new();
        let mut document = Document::parse(&before).map_err(|e| refused(file, e))?;
        let mut after = campaign.clone();
        for edit in edits {
            outcomes.push(apply(&mut document, &mut after, edit, now, file, &loaded)?);
        }
        if outcomes.iter().all(|o| matches!(o, Outcome::Unchanged(_))) {
            return Ok(Saved {
                campaign: after,
                outcomes,
                written: false,
                before: raw.clone(),
                text: raw,
            });
        }
        let edited = document.text();
        let check = parse_campaign(&id, file, edited.as_bytes(), creators);
        verify(&loaded, &check, &after, file)?;
        if read(path, file)? != raw {
            continue;
        }
        let text = text::restore(&raw, &edited);
        write::replace(path, file, text.as_bytes())?;
        return Ok(Saved {
            campaign: check.campaign.unwrap_or(after),
            outcomes,
            written: true,
            text,
            before: raw,
        });
    }
    Err(SaveError::Busy {
        file: file.to_string(),
    })
}

/// Puts the campaign file at `path` back to `before`, undoing a change that left it as
/// `after` — only if it still says exactly that (nobody changed it since). A file that was
/// created by the change (`before` empty) is not taken away: undo stops there.
pub fn restore_campaign(
    path: &Path,
    file: &str,
    after: &str,
    before: &str,
) -> Result<(), SaveError> {
    if before.is_empty() {
        return Err(SaveError::Refused {
            file: file.to_string(),
            message: "it did not exist before; nothing to undo".into(),
        });
    }
    let _lock = Lock::acquire(path, file, LOCK_WAIT)?;
    if read(path, file)? != after {
        return Err(SaveError::Conflict {
            file: file.to_string(),
            conflict: "the undo would lose what was changed there since".into(),
        });
    }
    write::replace(path, file, before.as_bytes())?;
    Ok(())
}

/// Writes a new campaign file with its brief; refuses when the campaign exists.
pub fn create_campaign(
    path: &Path,
    file: &str,
    settings: &crate::model::Settings,
) -> Result<(), SaveError> {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let settings = settings.normalized();
    let problems = settings.problems();
    if !problems.is_empty() {
        return Err(SaveError::Refused {
            file: file.to_string(),
            message: problems.join("; "),
        });
    }
    let mut document =
        Document::parse(&Document::new_campaign(&id)).map_err(|e| refused(file, e))?;
    document
        .set_settings(&settings)
        .map_err(|e| refused(file, e))?;
    let text = document.text();
    let check = parse_campaign(&id, file, text.as_bytes(), None);
    if check.has_errors() {
        let problems = check
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(SaveError::Refused {
            file: file.to_string(),
            message: problems,
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| WriteError::Io {
            file: file.to_string(),
            source,
        })?;
    }
    let _lock = Lock::acquire(path, file, LOCK_WAIT)?;
    write::create(path, file, text.as_bytes())?;
    Ok(())
}

fn read(path: &Path, file: &str) -> Result<String, SaveError> {
    let bytes = crate::store::files::read_bounded(path, crate::store::files::CAMPAIGN_LIMIT)
        .map_err(|source| WriteError::Io {
            file: file.to_string(),
            source,
        })?;
    String::from_utf8(bytes).map_err(|_| SaveError::Broken {
        file: file.to_string(),
        problems: "  it is not UTF-8 text (run `shortlist check`)".into(),
    })
}

fn refused(file: &str, error: EditError) -> SaveError {
    SaveError::Refused {
        file: file.to_string(),
        message: error.to_string(),
    }
}

/// The campaign, if the file can be changed safely: it must read as a campaign.
fn usable<'c>(loaded: &'c LoadedCampaign, file: &str) -> Result<&'c Campaign, SaveError> {
    match &loaded.campaign {
        Some(c) => Ok(c),
        None => Err(SaveError::Broken {
            file: file.to_string(),
            problems: loaded
                .diagnostics
                .iter()
                .map(|d| format!("  {d}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }),
    }
}

/// Refuses a result that reads back worse than the file did: a new error, or an entry lost.
fn verify(
    before: &LoadedCampaign,
    after: &LoadedCampaign,
    expected: &Campaign,
    file: &str,
) -> Result<(), SaveError> {
    let errors = |l: &LoadedCampaign| l.diagnostics.iter().filter(|d| d.is_error()).count();
    let entries = after.campaign.as_ref().map_or(0, |c| c.entries.len());
    // The settings read back as they were meant.
    let settings = after
        .campaign
        .as_ref()
        .map(|c| crate::model::Settings::of(&c.brief));
    if errors(after) > errors(before)
        || entries != expected.entries.len()
        || settings != Some(crate::model::Settings::of(&expected.brief))
    {
        let problems = after
            .diagnostics
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n");
        return Err(SaveError::Refused {
            file: file.to_string(),
            message: format!(
                "the change would not read back correctly; nothing was written\n{problems}"
            ),
        });
    }
    Ok(())
}

/// Applies one edit to the campaign as read, and the same change to the document. An entry
/// with errors in the file is never written over: the errors are reported instead.
fn apply(
    document: &mut Document,
    campaign: &mut Campaign,
    edit: &Edit,
    now: &Zoned,
    file: &str,
    loaded: &LoadedCampaign,
) -> Result<Outcome, SaveError> {
    let (outcome, changes) = edit::apply(campaign, edit, now).map_err(|refusal| match refusal {
        Refusal::Conflict(conflict) => SaveError::Conflict {
            file: file.to_string(),
            conflict,
        },
        other => SaveError::Refused {
            file: file.to_string(),
            message: other.to_string(),
        },
    })?;
    for change in changes {
        // Taking an entry off is allowed whatever it holds: it is how a broken one is dropped.
        // The settings are checked as a whole once written.
        let errors = match (&change, change.creator()) {
            (FileChange::RemoveEntry(_), _) | (_, None) => Vec::new(),
            (FileChange::AddEntry(_), Some(creator)) => {
                let mut errors = loaded.errors_in_shortlist();
                errors.extend(loaded.errors_in_entry(creator));
                errors
            }
            (_, Some(creator)) => loaded.errors_in_entry(creator),
        };
        if !errors.is_empty() {
            return Err(SaveError::Broken {
                file: file.to_string(),
                problems: errors
                    .iter()
                    .map(|d| format!("  {d}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        if let FileChange::AddEntry(creator) = &change
            && let Some(w) = loaded
                .written
                .iter()
                .find(|w| w.creator.as_deref() == Some(creator.as_str()))
        {
            return Err(SaveError::Refused {
                file: file.to_string(),
                message: format!(
                    "{creator} is already on the shortlist (line {}); nothing was written",
                    w.line
                ),
            });
        }
        let done = match change {
            FileChange::AddEntry(creator) => document.add_entry(&creator, now),
            FileChange::SetStage { creator, to, note } => {
                document.set_stage(&creator, to, note.as_deref(), now)
            }
            FileChange::SetFollowUp { creator, date } => document.set_follow_up(&creator, date),
            FileChange::SetNotes { creator, text } => document.set_notes(&creator, text.as_deref()),
            FileChange::SetFee { creator, fee } => document.set_fee(&creator, fee),
            FileChange::SetRecord {
                creator,
                record,
                values,
            } => document.set_record(&creator, &record, &values),
            FileChange::AddRound {
                creator,
                deliverable,
                round,
            } => document.add_round(&creator, &deliverable, &round, now),
            FileChange::AddResults {
                creator,
                deliverable,
                results,
            } => document.add_results(&creator, &deliverable, &results),
            FileChange::AddPayment { creator, payment } => document.add_payment(&creator, &payment),
            FileChange::RemoveEntry(creator) => document.remove_entry(&creator),
            FileChange::SetSettings(settings) => document.set_settings(&settings),
            FileChange::AddEvent { creator, change } => document.add_event(&creator, &change),
        };
        done.map_err(|e| refused(file, e))?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests;
