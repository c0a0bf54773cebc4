//! Campaigns by id: found with the nearest id suggested on a miss, read with their problems,
//! listed for a picker, changed through the safe write path, and started.

use std::path::PathBuf;

use jiff::Zoned;

use super::Session;
use crate::model::{Campaign, Settings, id_problem};
use crate::outreach::Edit;
use crate::store::{self, Diagnostic, KnownCreators, ReadError, SaveError, Saved};

/// Why a campaign could not be had.
#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    /// No campaign has this id.
    #[error("no campaign \"{id}\"{hint}")]
    Missing {
        /// The id asked for.
        id: String,
        /// The nearest id, or the ids there are.
        hint: String,
    },
    /// The file could not be read at all.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The file is not a campaign (its problems say why).
    #[error("{file} cannot be read (see its problems)")]
    Unreadable {
        /// The file as messages name it.
        file: String,
    },
    /// The id cannot name a campaign.
    #[error("\"{id}\" cannot be a campaign id: {problem}")]
    BadId {
        /// The id asked for.
        id: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A new campaign has no name.
    #[error("the campaign needs a name")]
    NoName,
    /// A new campaign could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// A campaign file as read: the campaign (unless the file is not one) and every problem.
#[derive(Debug)]
pub struct ReadCampaign {
    /// The campaign's id.
    pub id: String,
    /// The file as messages name it.
    pub file: String,
    /// Where the file is.
    pub path: PathBuf,
    /// The campaign, unless the file cannot be read as one.
    pub campaign: Option<Campaign>,
    /// Every problem of the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl ReadCampaign {
    /// True when creator `creator`'s entry has errors: it is in the file, but left out of
    /// the campaign as read until they are mended.
    pub fn entry_has_errors(&self, creator: &str) -> bool {
        let about = store::entry_subject(creator);
        self.diagnostics
            .iter()
            .any(|d| d.is_error() && d.subject.as_deref() == Some(about.as_str()))
    }
}

impl ReadCampaign {
    /// The campaign, or an error saying the file cannot be read as one.
    pub fn into_campaign(self) -> Result<Campaign, CampaignError> {
        self.campaign
            .ok_or(CampaignError::Unreadable { file: self.file })
    }
}

/// The campaigns of a workspace as read.
#[derive(Clone, Debug, Default)]
pub struct Campaigns {
    /// Those that could be read, by id.
    pub list: Vec<Campaign>,
    /// Problems of their files.
    pub problems: Vec<Diagnostic>,
    /// Files that could not be read as campaigns, as messages name them.
    pub unreadable: Vec<String>,
    /// How many campaigns were looked at.
    pub looked_at: usize,
}

/// A campaign in a picker: its id, its name (or what is wrong with its file), and how many
/// creators are on its shortlist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The campaign's id.
    pub id: String,
    /// Its name, or what is wrong with the file.
    pub name: Result<String, String>,
    /// How many entries it has.
    pub entries: usize,
}

impl Session {
    /// The ids of the workspace's campaigns, sorted.
    pub fn campaign_ids(&self) -> Vec<String> {
        self.workspace.campaign_ids()
    }

    /// The file of campaign `id` and how messages name it, or an error naming the nearest id.
    pub fn find_campaign(&self, id: &str) -> Result<(PathBuf, String), CampaignError> {
        let ids = self.campaign_ids();
        if !ids.iter().any(|c| c == id) {
            let hint = match crate::suggest::nearest(id, ids.iter().map(String::as_str)) {
                Some(near) => format!(" (did you mean \"{near}\"?)"),
                None if ids.is_empty() => {
                    " (there are no campaigns yet: shortlist campaign new ID --name NAME)"
                        .to_string()
                }
                None => format!(" (campaigns: {})", ids.join(", ")),
            };
            return Err(CampaignError::Missing {
                id: id.to_string(),
                hint,
            });
        }
        let path = self.workspace.campaign_file(id);
        let file = self.shown(&path);
        Ok((path, file))
    }

    /// Reads campaign `id`, checking its entries against `creators` when given.
    pub fn read_campaign(
        &self,
        id: &str,
        creators: Option<&dyn KnownCreators>,
    ) -> Result<ReadCampaign, CampaignError> {
        let (path, file) = self.find_campaign(id)?;
        let loaded = store::load_campaign(&path, &file, creators)?;
        Ok(ReadCampaign {
            id: id.to_string(),
            file,
            path,
            campaign: loaded.campaign,
            diagnostics: loaded.diagnostics,
        })
    }

    /// Saves `edits` to campaign `id` as of `now`, checking new entries against `creators`:
    /// all or nothing, never over a change made meanwhile.
    pub fn save_campaign(
        &self,
        id: &str,
        edits: &[Edit],
        now: &Zoned,
        creators: Option<&dyn KnownCreators>,
    ) -> Result<Saved, SaveError> {
        let path = self.workspace.campaign_file(id);
        let file = self.shown(&path);
        store::update_campaign(&path, &file, edits, now, creators)
    }

    /// Undoes a change saved to campaign `id`: the file goes back to `before` if it still says
    /// `after`.
    pub fn undo_campaign(&self, id: &str, after: &str, before: &str) -> Result<(), SaveError> {
        let path = self.workspace.campaign_file(id);
        let file = self.shown(&path);
        store::restore_campaign(&path, &file, after, before)
    }

    /// Every campaign that can be read (or only `only`), with the problems of their files and
    /// the files that cannot be read as campaigns at all.
    pub fn all_campaigns(
        &self,
        creators: Option<&dyn KnownCreators>,
        only: Option<&str>,
    ) -> Result<Campaigns, CampaignError> {
        let ids = match only {
            Some(id) => {
                self.find_campaign(id)?;
                vec![id.to_string()]
            }
            None => self.campaign_ids(),
        };
        let mut all = Campaigns {
            looked_at: ids.len(),
            ..Campaigns::default()
        };
        for id in ids {
            let read = match self.read_campaign(&id, creators) {
                Ok(read) => read,
                Err(CampaignError::Read(e)) => {
                    all.problems
                        .push(Diagnostic::error(&e.file, 0, 0, e.to_string()));
                    all.unreadable.push(e.file);
                    continue;
                }
                Err(other) => return Err(other),
            };
            all.problems.extend(read.diagnostics);
            match read.campaign {
                Some(c) => all.list.push(c),
                None => all.unreadable.push(read.file),
            }
        }
        Ok(all)
    }

    /// Every campaign with its name, for a picker.
    pub fn campaign_choices(&self) -> Vec<Choice> {
        self.campaign_ids()
            .into_iter()
            .map(|id| {
                let path = self.workspace.campaign_file(&id);
                let file = self.shown(&path);
                let (name, entries) = match store::load_campaign(&path, &file, None) {
                    Ok(loaded) => match loaded.campaign {
                        Some(c) => (Ok(c.brief.name), c.entries.len()),
                        None => (Err(format!("{file} has errors")), 0),
                    },
                    Err(e) => (Err(e.to_string()), 0),
                };
                Choice { id, name, entries }
            })
            .collect()
    }

    /// Starts campaign `id` with `settings` (the configured sender when they name none);
    /// refuses a bad id, a blank name, and a campaign that exists. Returns the file as
    /// messages name it.
    pub fn create_campaign(&self, id: &str, settings: &Settings) -> Result<String, CampaignError> {
        if let Some(problem) = id_problem(id) {
            return Err(CampaignError::BadId {
                id: id.to_string(),
                problem,
            });
        }
        if settings.name.trim().is_empty() {
            return Err(CampaignError::NoName);
        }
        let mut settings = settings.clone();
        if settings.sender.is_none() {
            settings.sender = self.config.sender.clone();
        }
        let path = self.workspace.campaign_file(id);
        let file = self.shown(&path);
        store::create_campaign(&path, &file, &settings)?;
        Ok(file)
    }

    /// What a new campaign's form starts from: the configured currency and sender, the one
    /// invitation template when there is one, and nothing else.
    pub fn new_settings(&self) -> Settings {
        let invites: Vec<String> = self
            .template_kinds()
            .into_iter()
            .filter(|(_, k)| *k == Some(crate::mail::template::Kind::Invite))
            .map(|(n, _)| n)
            .collect();
        Settings {
            currency: Some(self.config.currency.clone()),
            sender: self.config.sender.clone(),
            template: match invites.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            },
            ..Settings::default()
        }
    }
}
