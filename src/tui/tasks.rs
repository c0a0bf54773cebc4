//! Reading and saving campaigns for the interface. The event loop runs these on threads of their own; tests
//! call them directly.

use std::sync::Arc;

use super::app::{CampaignChoice, CampaignLoaded, DueItem};
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
