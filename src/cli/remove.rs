//! `shortlist remove CAMPAIGN CREATOR… [--force]`: take creators off a shortlist. Past
//! `contacted` an entry holds history (talks, a contract, payments) that would go with it, so it
//! is refused unless forced.

use std::process::ExitCode;

use crate::outreach::Edit;
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// Ids of the creators to take off
    #[arg(required = true)]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::entries))]
    pub(super) creators: Vec<String>,
    /// Take them off even past contacted (their history in this campaign is lost)
    #[arg(long)]
    force: bool,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let roster = super::roster(session)?;
    for creator in &args.creators {
        super::listed(session, &roster, &args.campaign, creator)?;
    }
    let edit = Edit::Remove {
        creators: args.creators.clone(),
        force: args.force,
    };
    super::save(session, &roster, &args.campaign, &[edit])
}
