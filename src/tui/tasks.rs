//! Reading campaigns for the interface. The event loop runs these on threads of their own; tests
//! call them directly.

use std::sync::Arc;

use super::app::{CampaignChoice, CampaignLoaded};
use crate::search::{Index, IndexIds};
use crate::store::{self, Workspace};

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
