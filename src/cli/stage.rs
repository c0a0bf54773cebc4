//! `shortlist stage CAMPAIGN CREATOR STAGE [--note TEXT] [--follow-up DATE]`: move a creator
//! through the pipeline.

use std::process::ExitCode;

use anyhow::bail;

use crate::model::Stage;
use crate::outreach::follow_up::read_date;
use crate::outreach::{Edit, Outcome};
use crate::store::{KnownCreators, stage_message};
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    campaign: String,
    /// The creator's id
    creator: String,
    /// The new stage: shortlisted, contacted, negotiating, contracted, producing, published,
    /// completed, declined, no_reply or dropped (or the Chinese label)
    stage: String,
    /// Why, for the history (one line)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When to follow up: a date (2026-11-30), a number of days from today (+3), or "none" to
    /// clear it
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    follow_up: Option<String>,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let Some(to) = Stage::parse(&args.stage) else {
        bail!("{}", stage_message(&args.stage));
    };
    let now = crate::clock::now()?;
    let follow_up = match &args.follow_up {
        Some(text) => {
            Some(read_date(text, now.date()).map_err(|e| anyhow::anyhow!("--follow-up {e}"))?)
        }
        None => None,
    };
    session.find_campaign(&args.campaign)?;
    let roster = super::roster(session)?;
    let known = roster.ids();
    let loaded = session.read_campaign(&args.campaign, Some(&known))?;
    if let Some(campaign) = &loaded.campaign
        && campaign.entry(&args.creator).is_none()
    {
        let listed: Vec<&str> = campaign
            .entries
            .iter()
            .map(|e| e.creator.as_str())
            .collect();
        if known.contains(&args.creator) {
            bail!(
                "{} is not on the shortlist of {}; add them first: shortlist add {} {}",
                args.creator,
                args.campaign,
                args.campaign,
                args.creator
            );
        }
        let hint = crate::suggest::nearest(&args.creator, listed.iter().copied())
            .map(str::to_string)
            .or_else(|| known.nearest(&args.creator))
            .map(|n| format!(" (did you mean \"{n}\"?)"))
            .unwrap_or_default();
        bail!(
            "no creator \"{}\" on the shortlist of {}{hint}",
            args.creator,
            args.campaign
        );
    }
    let mut edits = vec![Edit::Stage {
        creator: args.creator.clone(),
        to,
        note: args.note.clone(),
        was: None,
    }];
    if let Some(date) = follow_up {
        edits.push(Edit::FollowUp {
            creator: args.creator.clone(),
            date,
            was: None,
        });
    }
    let saved = session.save_campaign(&args.campaign, &edits, &now, Some(&known))?;
    let words: Vec<&str> = saved
        .outcomes
        .iter()
        .map(|o| match o {
            Outcome::Done(w) | Outcome::Unchanged(w) => w.as_str(),
        })
        .collect();
    let tail = if saved.written {
        ""
    } else {
        "; nothing changed"
    };
    crate::outln!("{}: {}{tail}", args.campaign, words.join("; "));
    Ok(ExitCode::SUCCESS)
}
