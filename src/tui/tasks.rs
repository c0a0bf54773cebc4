//! Reading and saving campaigns, and rendering and writing exports, for the interface. The event loop runs these on threads of their own; tests
//! call them directly.

use std::sync::Arc;

use super::app::{
    CampaignChoice, CampaignLoaded, DueItem, ExportPreview, ExportReport, ExportRequest,
    ExportWrite,
};
use crate::mail::{Invitee, Problem};
use crate::model::Creator;
use crate::search::{Index, IndexIds};
use crate::store::{self, Diagnostic, Workspace};

/// The workspace's campaigns with their names, for the picker.
pub fn campaign_choices(workspace: &Workspace) -> Vec<CampaignChoice> {
    workspace
        .campaign_ids()
        .into_iter()
        .map(|id| {
            let path = workspace.campaign_file(&id);
            let file = workspace.display_name(&path);
            let (name, entries) = match store::load_campaign(&path, &file, None) {
                Ok(loaded) => match loaded.campaign {
                    Some(c) => (Ok(c.brief.name), c.entries.len()),
                    None => (Err(format!("{file} has errors")), 0),
                },
                Err(e) => (Err(e.to_string()), 0),
            };
            CampaignChoice { id, name, entries }
        })
        .collect()
}

/// Reads the campaign `id`, checking its entries against `index`.
pub fn read_campaign(workspace: &Workspace, id: String, index: Arc<Index>) -> CampaignLoaded {
    let path = workspace.campaign_file(&id);
    let file = workspace.display_name(&path);
    let known = IndexIds::new(&index);
    let outcome = store::load_campaign(&path, &file, Some(&known))
        .map(|loaded| (loaded.campaign, loaded.diagnostics))
        .map_err(|e| e.to_string());
    CampaignLoaded { id, index, outcome }
}

/// Saves `edits` to campaign `id`, recording them at `now`.
pub fn save_campaign(
    workspace: &Workspace,
    id: &str,
    edits: &[crate::outreach::Edit],
    index: &Index,
    now: &jiff::Zoned,
) -> Result<crate::store::Saved, crate::store::SaveError> {
    let path = workspace.campaign_file(id);
    let file = workspace.display_name(&path);
    let known = IndexIds::new(index);
    store::update_campaign(&path, &file, edits, now, Some(&known))
}

/// The follow-ups due on `today` in every campaign of the workspace, oldest first, with the
/// problems of the campaign files read.
pub fn due_items(
    workspace: &Workspace,
    index: &Index,
    today: jiff::civil::Date,
) -> (Vec<DueItem>, Vec<Diagnostic>) {
    let known = IndexIds::new(index);
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for id in workspace.campaign_ids() {
        let path = workspace.campaign_file(&id);
        let file = workspace.display_name(&path);
        let loaded = match store::load_campaign(&path, &file, Some(&known)) {
            Ok(loaded) => loaded,
            Err(e) => {
                problems.push(Diagnostic {
                    severity: crate::store::Severity::Error,
                    file: file.clone(),
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                    subject: None,
                });
                continue;
            }
        };
        problems.extend(loaded.diagnostics);
        let Some(campaign) = loaded.campaign else {
            continue;
        };
        for (entry, due) in crate::outreach::due(&campaign, today) {
            let row = known.row(&entry.creator);
            items.push(DueItem {
                campaign: id.clone(),
                campaign_name: campaign.brief.name.clone(),
                entry: entry.clone(),
                name: row.map(|r| index.names.get(r as usize).to_string()),
                row,
                due,
            });
        }
    }
    items.sort_by(|a, b| {
        (a.due.on, &a.campaign, a.entry.line).cmp(&(b.due.on, &b.campaign, b.entry.line))
    });
    (items, problems)
}

/// Renders the invitations an export preview asked for, with every problem found.
pub fn prepare_export(workspace: &Workspace, request: &ExportRequest) -> ExportPreview {
    let path = workspace.campaign_file(&request.campaign);
    let file = workspace.display_name(&path);
    let templates = crate::mail::template_names(workspace);
    let dir = workspace.display_name(
        &workspace
            .exports_dir()
            .join(crate::mail::export::file_stem(&request.campaign)),
    );
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
        dir,
    };
    let stop = |preview: &mut ExportPreview, place: String, message: String| {
        preview.prepared.problems.push(Problem {
            fatal: true,
            place: Some(place),
            message,
            creators: Vec::new(),
        });
    };
    let campaign = match store::load_campaign(&path, &file, None) {
        Ok(loaded) => match loaded.campaign {
            Some(campaign) => campaign,
            None => {
                for d in loaded.diagnostics.iter().filter(|d| d.is_error()) {
                    let place = format!("{}:{}:{}", d.file, d.line, d.column);
                    stop(&mut preview, place, d.message.clone());
                }
                return preview;
            }
        },
        Err(e) => {
            stop(&mut preview, file, e.to_string());
            return preview;
        }
    };
    let name = match (&request.template, &campaign.brief.template) {
        (Some(asked), _) => asked.clone(),
        (None, Some(own)) => own.clone(),
        (None, None) => match preview.templates.first() {
            Some(first) => {
                preview.note = Some(format!(
                    "{file} names no template: showing {first} (t for another)"
                ));
                first.clone()
            }
            None => {
                stop(
                    &mut preview,
                    file,
                    "the campaign names no template and templates/ has no .txt templates".into(),
                );
                return preview;
            }
        },
    };
    let known = IndexIds::new(&request.index);
    let creators: Vec<Option<Creator>> = request
        .entries
        .iter()
        .map(|e| {
            let row = known.row(&e.creator)?;
            Some(request.creators.get(row as usize)?.into_owned())
        })
        .collect();
    let invitees: Vec<Invitee<'_>> = request
        .entries
        .iter()
        .zip(&creators)
        .map(|(entry, creator)| Invitee {
            entry,
            creator: creator.as_ref(),
        })
        .collect();
    preview.prepared = crate::mail::prepare_named(
        workspace,
        &file,
        &name,
        &campaign,
        &invitees,
        &request.now,
        &request.currency,
    );
    preview.template = Some(name);
    preview.sender = campaign
        .brief
        .sender
        .as_ref()
        .map(|s| s.email.to_string())
        .unwrap_or_default();
    preview
}

/// Writes an export's files to `exports/<campaign>/` of the workspace.
pub fn write_export(workspace: &Workspace, write: ExportWrite) -> ExportReport {
    let dir = workspace
        .exports_dir()
        .join(crate::mail::export::file_stem(&write.campaign));
    let result = crate::mail::export::write(&dir, write.format, write.files)
        .map(|w| w.replaced)
        .map_err(|e| e.to_string());
    ExportReport {
        campaign: write.campaign,
        dir: workspace.display_name(&dir),
        format: write.format,
        template: write.template,
        count: write.count,
        shortlisted: write.shortlisted,
        result,
    }
}
