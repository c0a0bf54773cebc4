//! The export's work off the interface's thread: rendering the preview (with what it would
//! replace and who it would invite again) and writing the files (then recording what was sent).

use crate::mail::{Format, Prepared, Problem};
use crate::model::Entry;
use crate::workspace::{Planned, Roster, Session};

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

/// Renders the invitations an export preview asked for, with every problem found. A campaign
/// with no template (and none chosen) renders nothing: the preview asks for one.
pub(super) fn prepare_export(session: &Session, request: &ExportRequest) -> ExportPreview {
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
    let written: Vec<&Entry> = request
        .entries
        .iter()
        .filter(|e| {
            let letters = &planned.prepared.letters;
            letters.iter().any(|l| l.creator == e.creator.as_str())
        })
        .collect();
    preview.again = session.invited_again(&name, &written);
    preview.prepared = planned.prepared;
    preview.sender = planned.sender;
    preview.template = Some(name);
    preview
}

/// Writes an export's files to `exports/<campaign>/` of the workspace.
pub(super) fn write_export(session: &Session, write: ExportWrite) -> ExportReport {
    let template = write.planned.template.clone();
    let records = match session.read_campaign(&write.campaign, None) {
        Ok(read) => read
            .campaign
            .map(|c| session.sent_edits(&c, &write.planned, &write.now, false, write.format))
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
