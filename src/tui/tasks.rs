//! Work the interface hands out so that it never waits on files: reading the database and
//! campaigns, saving, the agenda, rendering and writing exports. Each [`Task`] is done by the
//! application layer; the event loop does it on a thread of its own and tests do it at once,
//! through the same [`perform`].

use std::sync::Arc;

use crate::mail::{Format, Prepared, Problem};
use crate::model::{Campaign, Entry};
use crate::outreach::Edit;
use crate::search::Track;
use crate::search::{Index, IndexIds};
use crate::store::{Diagnostic, Opened, SaveError, Saved};
use crate::workspace::{AgendaItem, Choice, Planned, Roster, Session};

/// Something to do off the interface's thread.
#[derive(Debug)]
pub enum Task {
    /// Read the creator database (again), saying how far it has come.
    Load(Arc<crate::store::progress::Progress>),
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

impl Task {
    /// Reading the database, with a progress of its own.
    pub fn load() -> Task {
        Task::Load(crate::store::progress::Progress::new())
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

/// What to render for the preview.
pub struct ExportRequest {
    /// Answers to older requests are stale.
    pub generation: u64,
    pub campaign: String,
    /// The template; `None` for the campaign's own.
    pub template: Option<String>,
    pub entries: Vec<Entry>,
    /// The creators to write to.
    pub roster: Roster,
    pub now: jiff::Zoned,
}

impl std::fmt::Debug for ExportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportRequest")
            .field("generation", &self.generation)
            .field("campaign", &self.campaign)
            .field("template", &self.template)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// The invitations as rendered from one template.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPreview {
    pub generation: u64,
    pub campaign: String,
    /// The template used, if there was one to use.
    pub template: Option<String>,
    /// Every template of the workspace, to go through with `t`.
    pub templates: Vec<String>,
    /// Said above the invitations: which template is shown when the campaign names none.
    pub note: Option<String>,
    pub prepared: Prepared,
    /// The sender's address, for mbox separator lines.
    pub sender: String,
    /// The time the messages are dated.
    pub now: jiff::Zoned,
    /// Where the files go, as shown to the user (`exports/spring-tea`).
    pub dir: String,
    /// For each format, the files of an earlier export that writing it would replace.
    pub replaces: Vec<(Format, Vec<String>)>,
    /// The invited who were already written to (past shortlisted), with their stage, when the
    /// template is an invitation: they would be invited again.
    pub again: Vec<String>,
}

/// An export to write: the letters as previewed, in the format chosen.
#[derive(Debug)]
pub struct ExportWrite {
    pub campaign: String,
    pub planned: Planned,
    pub format: Format,
    /// The time the messages are dated.
    pub now: jiff::Zoned,
    pub count: usize,
    /// The invited who are `shortlisted`, who may then move to `contacted`.
    pub shortlisted: Vec<String>,
}

/// An export that came back from the writer.
#[derive(Debug)]
pub struct ExportReport {
    pub campaign: String,
    /// Where the files went, as shown.
    pub dir: String,
    pub format: Format,
    pub template: String,
    pub count: usize,
    pub shortlisted: Vec<String>,
    /// How many files of an earlier export were replaced, or why nothing was written.
    pub result: Result<usize, String>,
    /// Why the messages written could not be recorded in the campaign (their ids, which
    /// follow-ups answer), if they could not.
    pub unrecorded: Option<String>,
}

/// Does `task` on the session's workspace, as of `now` (for saves).
pub fn perform(session: &Session, task: Task, now: &jiff::Zoned) -> Done {
    match task {
        Task::Load(progress) => {
            let path = session.workspace.creators_file();
            let file = session.shown(&path);
            let outcome = crate::store::open_derived_with::<Index>(
                &path,
                &file,
                session.dirs.cache.as_deref(),
                &progress,
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

/// Renders the invitations an export preview asked for, with every problem found. A campaign
/// with no template (and none chosen) renders nothing: the preview asks for one.
fn prepare_export(session: &Session, request: &ExportRequest) -> ExportPreview {
    // The kind of message is the one the first creator's stage calls for; `t` offers the
    // templates of that kind first, then those that say no kind, then the others.
    let stage = request
        .entries
        .first()
        .map_or(crate::model::Stage::Shortlisted, |e| e.stage);
    let wanted = crate::mail::template::Kind::for_stage(stage);
    let mut kinds = session.template_kinds();
    kinds.sort_by_key(|(_, k)| match k {
        Some(k) if *k == wanted => 0,
        None => 1,
        Some(_) => 2,
    });
    let templates = kinds.into_iter().map(|(n, _)| n).collect();
    let mut preview = ExportPreview {
        generation: request.generation,
        campaign: request.campaign.clone(),
        template: None,
        templates,
        note: None,
        prepared: crate::mail::Prepared {
            letters: Vec::new(),
            messages: Vec::new(),
            problems: Vec::new(),
        },
        sender: String::new(),
        now: request.now.clone(),
        dir: session.shown(&session.export_dir(&request.campaign)),
        replaces: Vec::new(),
        again: Vec::new(),
    };
    let read = match session.read_campaign(&request.campaign, None) {
        Ok(read) => read,
        Err(e) => {
            let stop = Problem::stop(request.campaign.clone(), e.to_string());
            preview.prepared.problems.push(stop);
            return preview;
        }
    };
    let Some(campaign) = read.campaign else {
        let errors = read.diagnostics.into_iter().filter(|d| d.is_error());
        preview.prepared.problems.extend(errors.map(Problem::from));
        return preview;
    };
    let Some(name) = session.export_template(&campaign, request.template.as_deref(), stage) else {
        preview.note = Some(if preview.templates.is_empty() {
            format!(
                "{} names no template, and templates/ has none: add one to export",
                read.file
            )
        } else {
            format!("{} names no template: press t to choose one", read.file)
        });
        return preview;
    };
    let entries: Vec<&crate::model::Entry> = request.entries.iter().collect();
    let planned = session.prepare_export(
        &request.roster,
        &read.file,
        &campaign,
        &name,
        &entries,
        &request.now,
    );
    preview.replaces = Format::ALL
        .iter()
        .map(|f| {
            let files = session.export_would_replace(&request.campaign, &planned, *f, &request.now);
            (*f, files)
        })
        .filter(|(_, files)| !files.is_empty())
        .collect();
    // An invitation to someone already written to is most likely a mistake: say so.
    let kind = session
        .template_kinds()
        .into_iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, k)| k);
    if matches!(kind, None | Some(crate::mail::template::Kind::Invite)) {
        preview.again = request
            .entries
            .iter()
            .filter(|e| e.stage != crate::model::Stage::Shortlisted)
            .filter(|e| {
                planned
                    .prepared
                    .letters
                    .iter()
                    .any(|l| l.creator == e.creator.as_str())
            })
            .map(|e| format!("{} ({})", e.creator, e.stage))
            .collect();
    }
    preview.prepared = planned.prepared;
    preview.sender = planned.sender;
    preview.template = Some(name);
    preview
}

/// Writes an export's files to `exports/<campaign>/` of the workspace.
fn write_export(session: &Session, write: ExportWrite) -> ExportReport {
    let template = write.planned.template.clone();
    let records = match session.read_campaign(&write.campaign, None) {
        Ok(read) => read
            .campaign
            .map(|c| session.sent_edits(&c, &write.planned, &write.now, false))
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    let campaign = write.campaign.clone();
    let now = write.now.clone();
    let plan = session.plan_export(
        &write.campaign,
        write.planned,
        write.format,
        &write.now,
        None,
    );
    let dir = plan.shown_dir.clone();
    let result = plan.write().map(|w| w.replaced).map_err(|e| e.to_string());
    // Once written, what was sent is recorded (the file watcher shows it).
    let unrecorded = match &result {
        Ok(_) if !records.is_empty() => session
            .save_campaign(&campaign, &records, &now, None)
            .err()
            .map(|e| e.to_string()),
        _ => None,
    };
    ExportReport {
        campaign: write.campaign,
        dir,
        format: write.format,
        template,
        count: write.count,
        shortlisted: write.shortlisted,
        result,
        unrecorded,
    }
}
