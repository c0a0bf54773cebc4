//! `shortlist stage CAMPAIGN CREATOR STAGE [--note TEXT] [--follow-up DATE] [--fee N]
//! [--url URL [--deliverable ID]]`: move a creator through the pipeline, recording with the
//! move what comes with it — the fee agreed on signing, the post's address on publishing.

use std::process::ExitCode;

use anyhow::{anyhow, bail};

use crate::model::Stage;
use crate::outreach::Edit;
use crate::outreach::follow_up::read_date;
use crate::store::stage_message;
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// The creator's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::entries))]
    pub(super) creator: String,
    /// The new stage: shortlisted, contacted, negotiating, contracted, producing, published,
    /// completed, declined, no_reply or dropped (or the Chinese label)
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::stages))]
    stage: String,
    /// Why, for the history (one line)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When to follow up: a date (2026-11-30), a number of days from today (+3), or "none" to
    /// clear it
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    follow_up: Option<String>,
    /// The fee agreed (or proposed), in the campaign's currency: 30000, 30_000, 3萬; "none"
    /// clears it
    #[arg(long, value_name = "AMOUNT")]
    fee: Option<String>,
    /// With published: the post's address; its deliverable is marked posted today
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// With --url: which deliverable was posted (needed when several are not posted yet)
    #[arg(long, value_name = "ID", requires = "url")]
    deliverable: Option<String>,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let Some(to) = Stage::parse(&args.stage) else {
        bail!("{}", stage_message(&args.stage));
    };
    let today = crate::clock::now()?.date();
    let follow_up = match &args.follow_up {
        Some(text) => Some(read_date(text, today).map_err(|e| anyhow!("--follow-up {e}"))?),
        None => None,
    };
    let fee = match args.fee.as_deref().map(str::trim) {
        None => None,
        Some("none" | "clear" | "-") => Some(None),
        Some(text) => {
            Some(Some(crate::model::parse_size(text).map_err(|e| {
                anyhow!("--fee {text:?} is not an amount: {e}")
            })?))
        }
    };
    let roster = super::roster(session)?;
    let campaign = super::listed(session, &roster, &args.campaign, &args.creator)?;
    let creator = args.creator.clone();
    let mut edits = Vec::new();
    if let Some(fee) = fee {
        edits.push(Edit::Fee {
            creator: creator.clone(),
            fee,
            was: None,
        });
    }
    let entry = campaign
        .entry(&creator)
        .ok_or_else(|| anyhow!("{creator} is not on the shortlist"))?;
    match follow_up {
        // A new date replaces the one set by hand; without one, the old date goes with the
        // stage it was set at.
        Some(date) => {
            edits.push(Edit::Stage {
                creator: creator.clone(),
                to,
                note: args.note.clone(),
                was: None,
            });
            edits.push(Edit::FollowUp {
                creator: creator.clone(),
                date,
                was: None,
            });
        }
        None => edits.extend(Edit::moves(entry, to, args.note.clone())),
    }
    if let Some(url) = &args.url {
        if to != Stage::Published {
            bail!("--url goes with the stage published (the post's address)");
        }
        let id = match &args.deliverable {
            Some(id) => id.clone(),
            None => {
                let open: Vec<&str> = entry
                    .deliverables
                    .iter()
                    .filter(|d| d.posted.is_none())
                    .map(|d| d.id.as_str())
                    .collect();
                match open.as_slice() {
                    [one] => one.to_string(),
                    [] if entry.deliverables.is_empty() => bail!(
                        "{creator} has no deliverables to mark posted; add one first: shortlist deliverable {} {creator} ID --platform P",
                        args.campaign
                    ),
                    [] => bail!("every deliverable of {creator} is already posted"),
                    many => bail!(
                        "which deliverable was posted? add --deliverable with one of {}",
                        many.join(", ")
                    ),
                }
            }
        };
        edits.push(super::record::posted_edit(&creator, &id, today, url)?);
    }
    super::save(session, &roster, &args.campaign, &edits)
}
