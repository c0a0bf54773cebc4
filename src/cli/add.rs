//! `shortlist add CAMPAIGN CREATOR…`: put creators on a campaign's shortlist.

use std::process::ExitCode;

use anyhow::bail;

use super::campaign::path_of;
use super::{Session, search};
use crate::outreach::{Edit, Outcome};
use crate::search::IndexIds;
use crate::store::{self, KnownCreators, UserDirs};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    campaign: String,
    /// Ids of the creators to add, as in creators.toml
    #[arg(required = true)]
    creators: Vec<String>,
}

pub fn run(session: &Session, dirs: &UserDirs, args: Args) -> anyhow::Result<ExitCode> {
    let path = path_of(session, &args.campaign)?;
    let file = session.workspace.display_name(&path);
    let db = search::open(session, dirs)?;
    let known = IndexIds::new(&db.index);
    let unknown: Vec<String> = args
        .creators
        .iter()
        .filter(|id| !known.contains(id))
        .map(|id| match known.nearest(id) {
            Some(near) => format!("\"{id}\" (did you mean \"{near}\"?)"),
            None => format!("\"{id}\""),
        })
        .collect();
    if !unknown.is_empty() {
        let broken = if db.errors > 0 {
            " — creators.toml has errors, and creators with errors are left out (run `shortlist check`)"
        } else {
            ""
        };
        bail!(
            "no creator {} in creators.toml{broken}; nothing was added",
            unknown.join(", ")
        );
    }
    let now = crate::clock::now()?;
    let edit = Edit::Add {
        creators: args.creators.clone(),
    };
    let saved = store::update_campaign(&path, &file, &[edit], &now, Some(&known))?;
    for outcome in &saved.outcomes {
        match outcome {
            Outcome::Done(words) | Outcome::Unchanged(words) => {
                crate::outln!("{}: {words}", args.campaign)
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
