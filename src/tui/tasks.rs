//! Work the interface hands out so that it never waits on files: reading the database and
//! campaigns, saving, the agenda, rendering and writing exports. Each [`Task`] is done by the
//! application layer; the event loop does it on a thread of its own and tests do it at once,
//! through the same [`perform`].

use std::sync::Arc;

use crate::model::Campaign;
use crate::outreach::Edit;
use crate::search::Track;
use crate::search::{Index, IndexIds};
use crate::store::{Diagnostic, Opened, SaveError, Saved};
use crate::workspace::{AgendaItem, Choice, Roster, Session};

mod export;
pub use export::{ExportPreview, ExportReport, ExportRequest, ExportWrite};
use export::{prepare_export, write_export};

/// Something to do off the interface's thread.
#[derive(Debug)]
pub enum Task {
    /// Read the creator database (again), saying how far it has come, and what it has read so
    /// far when it takes long.
    Load(Arc<crate::store::progress::Progress>, Latest),
    /// List the campaigns for the picker.
    ListCampaigns,
    /// Read this campaign, checking its entries against this index.
    OpenCampaign { id: String, index: Arc<Index> },
    /// Save these changes to the campaign (the index tells creators' ids).
    Save {
        campaign: String,
        edits: Vec<Edit>,
        index: Arc<Index>,
    },
    /// Read what is due on `today` across campaigns.
    Agenda {
        roster: Roster,
        today: jiff::civil::Date,
        /// Also what comes in this many days.
        ahead: i64,
    },
    /// Read every campaign for the creators' records (for `worked:`, `rebook:` and the sort on
    /// achieved cost per engagement).
    Tracks { roster: Roster },
    /// Render invitations for the export preview.
    PrepareExport(Box<ExportRequest>),
    /// Write an export's files.
    WriteExport(Box<ExportWrite>),
    /// Start a campaign with these settings.
    CreateCampaign {
        id: String,
        settings: Box<crate::model::Settings>,
    },
    /// Put a campaign file back as it was before a change.
    Undo(Restore),
    /// List the workspace's templates again.
    Templates,
    /// Read the configured mailboxes for replies, and record them.
    Replies { roster: Roster },
}

/// The index of the creators read so far, while a long read of the database goes on.
pub type Latest = Arc<std::sync::Mutex<Option<Index>>>;

impl Task {
    /// Reading the database, with a progress of its own.
    pub fn load() -> Task {
        Task::Load(crate::store::progress::Progress::new(), Latest::default())
    }
}

/// A task done: what it found, for the app.
pub enum Done {
    Loaded(Box<Result<Opened<Index>, String>>),
    Campaigns(Vec<Choice>),
    Campaign(Box<CampaignLoaded>),
    Saved(Box<SaveReport>),
    Agenda(Vec<AgendaItem>, Vec<Diagnostic>),
    /// The records, and the campaigns each creator is on, for this index (an answer for an
    /// older one is stale).
    Tracks(
        Arc<Index>,
        Arc<[Option<Track>]>,
        Arc<crate::workspace::Memberships>,
    ),
    ExportPrepared(Box<ExportPreview>),
    Exported(Box<ExportReport>),
    /// A campaign was started (its file as named in messages), or why not.
    Created {
        id: String,
        result: Result<String, String>,
    },
    /// A change was undone, or why not.
    Undone(Restore, Result<(), String>),
    /// The workspace's templates.
    Templates(Vec<String>),
    /// Replies recorded ("campaign: creator: subject — first lines"), and what could not be
    /// read.
    Replies(Vec<String>, Vec<String>),
}

/// A change saved to a campaign file, to put back: the file's text before and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restore {
    pub campaign: String,
    /// The file's text before the change.
    pub before: String,
    /// The file's text the change left.
    pub after: String,
    /// The change in a few words, to say what was undone.
    pub words: String,
}

/// A campaign as read for an index.
#[derive(Debug)]
pub struct CampaignLoaded {
    pub id: String,
    /// The index its entries were matched against: an answer for an older index is stale.
    pub index: Arc<Index>,
    /// The campaign, or why it could not be read at all.
    pub outcome: Result<(Option<Campaign>, Vec<Diagnostic>), String>,
}

/// A save that came back from the store.
#[derive(Debug)]
pub struct SaveReport {
    pub campaign: String,
    pub edits: Vec<Edit>,
    pub result: Result<Saved, SaveError>,
    /// Exclusivities signed elsewhere that the creators just added would clash with.
    pub clashes: Vec<String>,
}

/// Does `task` on the session's workspace, as of `now` (for saves).
pub fn perform(session: &Session, task: Task, now: &jiff::Zoned) -> Done {
    match task {
        Task::Load(progress, latest) => {
            let path = session.workspace.creators_file();
            let file = session.shown(&path);
            // What is read so far, in both scripts like the rest, for the loop to show.
            let mut partial = |mut index: Index| {
                let _ = session.teach(&mut index);
                if let Ok(mut slot) = latest.lock() {
                    *slot = Some(index);
                }
            };
            let outcome = crate::store::open_derived_with::<Index>(
                &path,
                &file,
                session.dirs.cache.as_deref(),
                &progress,
                Some(&mut partial),
            )
            .map(|mut opened| {
                // Its problems are listed with the settings' when the interface opens.
                let _ = session.teach(&mut opened.derived);
                opened
            })
            .map_err(|e| e.to_string());
            Done::Loaded(Box::new(outcome))
        }
        Task::ListCampaigns => Done::Campaigns(session.campaign_choices()),
        Task::CreateCampaign { id, settings } => Done::Created {
            result: session
                .create_campaign(&id, &settings)
                .map_err(|e| e.to_string()),
            id,
        },
        Task::OpenCampaign { id, index } => {
            let known = IndexIds::new(&index);
            let outcome = session
                .read_campaign(&id, Some(&known))
                .map(|read| (read.campaign, read.diagnostics))
                .map_err(|e| e.to_string());
            Done::Campaign(Box::new(CampaignLoaded { id, index, outcome }))
        }
        Task::Save {
            campaign,
            edits,
            index,
        } => {
            let known = IndexIds::new(&index);
            let result = session.save_campaign(&campaign, &edits, now, Some(&known));
            let added: Vec<&String> = edits
                .iter()
                .filter_map(|e| match e {
                    Edit::Add { creators } => Some(creators),
                    _ => None,
                })
                .flatten()
                .collect();
            let mut clashes = Vec::new();
            if result.is_ok() {
                for creator in added {
                    let found = session
                        .exclusivity_clashes(creator, &campaign, now.date())
                        .unwrap_or_default();
                    clashes.extend(found.into_iter().map(|x| {
                        format!(
                            "{creator} is exclusive to {} for {} until {}",
                            x.campaign,
                            x.niches.join(", "),
                            x.until
                        )
                    }));
                }
            }
            Done::Saved(Box::new(SaveReport {
                campaign,
                edits,
                result,
                clashes,
            }))
        }
        Task::Agenda {
            roster,
            today,
            ahead,
        } => match session.agenda(&roster, today, ahead, None) {
            Ok(agenda) => Done::Agenda(agenda.items, agenda.problems),
            Err(e) => Done::Agenda(
                Vec::new(),
                vec![Diagnostic::error("campaigns/", 0, 0, e.to_string())],
            ),
        },
        Task::Tracks { roster } => {
            let (tracks, on) = session
                .tracks_and_memberships(&roster)
                .unwrap_or_else(|_| (vec![None; roster.index.len()].into(), Default::default()));
            Done::Tracks(Arc::clone(&roster.index), tracks, Arc::new(on))
        }
        Task::PrepareExport(request) => {
            Done::ExportPrepared(Box::new(prepare_export(session, &request)))
        }
        Task::WriteExport(write) => Done::Exported(Box::new(write_export(session, *write))),
        Task::Templates => Done::Templates(session.template_names()),
        Task::Replies { roster } => {
            let (replies, problems) = session.record_replies(&roster, now);
            let said = replies
                .iter()
                .map(|r| {
                    let what = if r.mail.auto { "auto-reply" } else { "replied" };
                    format!("{}: {}: {what}: {}", r.campaign, r.creator, r.mail.subject)
                })
                .collect();
            Done::Replies(said, problems)
        }
        Task::Undo(step) => {
            let result = session
                .undo_campaign(&step.campaign, &step.after, &step.before)
                .map_err(|e| e.to_string());
            Done::Undone(step, result)
        }
    }
}
