//! `shortlist add CAMPAIGN CREATOR…`: put creators on a campaign's shortlist.

use std::process::ExitCode;

use anyhow::bail;

use crate::outreach::{Edit, Outcome};
use crate::store::KnownCreators;
use crate::workspace::{Session, clashes};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// Ids of the creators to add, as in creators.toml
    #[arg(required = true)]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::creators))]
    pub(super) creators: Vec<String>,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    session.find_campaign(&args.campaign)?;
    let roster = super::roster(session)?;
    let known = roster.ids();
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
        let broken = if roster.errors() > 0 {
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
    let saved = session.save_campaign(&args.campaign, &[edit], &now, Some(&known))?;
    for outcome in &saved.outcomes {
        match outcome {
            Outcome::Done(words) | Outcome::Unchanged(words) => {
                crate::outln!("{}: {words}", args.campaign)
            }
        }
    }
    warn_of_exclusivities(session, &args, now.date())?;
    Ok(ExitCode::SUCCESS)
}

/// Warns of each exclusivity signed elsewhere that the campaign's niches and dates overlap.
fn warn_of_exclusivities(
    session: &Session,
    args: &Args,
    today: jiff::civil::Date,
) -> anyhow::Result<()> {
    let all = session.all_campaigns(None, None)?;
    let Some(campaign) = all.list.iter().find(|c| c.id == args.campaign) else {
        return Ok(());
    };
    for creator in &args.creators {
        for x in clashes(creator, campaign, &all.list, today) {
            let unsure = if campaign.brief.niches.is_empty() {
                " (this campaign names no niches: check the product is not one of them)"
            } else {
                ""
            };
            crate::errln!(
                "shortlist: warning: {creator} is exclusive to {} for {} until {}{unsure}",
                x.campaign,
                x.niches.join(", "),
                x.until
            );
        }
    }
    Ok(())
}
