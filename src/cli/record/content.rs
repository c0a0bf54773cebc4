//! Recording the content: `deliverable`, `review`, `posted`, `live` and `results`.

use std::process::ExitCode;

use anyhow::bail;
use jiff::civil::Date;

use super::{Read, Who, dates, named, nothing_given, put, text};
use crate::model::{Record, Results, Source, Step, Val, Verdict};
use crate::outreach::Edit;
use crate::outreach::records::round;
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct DeliverableArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The deliverable's id, unique within the entry (yt-1, ig-reel)
    id: String,
    /// Where it is posted (needed to add one)
    #[arg(long, value_name = "PLATFORM")]
    platform: Option<String>,
    /// What it is: reel, story, post, video, short, live…
    #[arg(long, value_name = "TEXT")]
    format: Option<String>,
    /// When the script is due
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    script_due: Option<String>,
    /// When the draft is due
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    draft_due: Option<String>,
    /// The day it must be posted by
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    post_by: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The deliverable's id
    id: String,
    /// What was reviewed: script, draft or final
    step: String,
    /// The answer: approved, changes, or submitted (awaiting an answer)
    verdict: String,
    /// What was asked for, or said (one line)
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct PostedArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The deliverable's id
    id: String,
    /// The post's address
    url: String,
    /// The day it went up (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    on: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LiveArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The deliverable's id
    id: String,
    /// The post was taken down
    #[arg(long)]
    removed: bool,
    /// The day it was checked (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    on: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ResultsArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The deliverable's id
    id: String,
    /// The day of the figures (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    on: Option<String>,
    #[arg(long, value_name = "N")]
    views: Option<String>,
    #[arg(long, value_name = "N")]
    likes: Option<String>,
    #[arg(long, value_name = "N")]
    comments: Option<String>,
    #[arg(long, value_name = "N")]
    shares: Option<String>,
    #[arg(long, value_name = "N")]
    saves: Option<String>,
    #[arg(long, value_name = "N")]
    clicks: Option<String>,
    /// Uses of the creator's discount code
    #[arg(long, value_name = "N")]
    code_uses: Option<String>,
    /// Sales attributed to the post, in the campaign's currency
    #[arg(long, value_name = "AMOUNT")]
    sales: Option<String>,
    /// Where the figures come from: measured, creator or estimate
    #[arg(long, value_name = "SOURCE")]
    source: Option<String>,
}

pub fn deliverable(session: &Session, a: DeliverableArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let mut values = Vec::new();
    put(&mut values, "platform", text(&a.platform));
    put(&mut values, "format", text(&a.format));
    dates(
        &r,
        &mut values,
        &[
            ("script_due", &a.script_due),
            ("draft_due", &a.draft_due),
            ("post_by", &a.post_by),
        ],
    )?;
    nothing_given(
        &values,
        "--platform, --format, --script-due, --draft-due, --post-by",
    )?;
    let edit = Edit::Set {
        creator: a.who.creator.clone(),
        record: Record::Deliverable(a.id.trim().to_string()),
        values,
    };
    super::super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn review(session: &Session, a: ReviewArgs) -> anyhow::Result<ExitCode> {
    let step = named("step", &a.step, &Step::names(), Step::parse)?;
    let verdict = match a.verdict.trim().to_lowercase().as_str() {
        "submitted" | "waiting" => None,
        _ => Some(named(
            "verdict",
            &a.verdict,
            &["approved", "changes", "submitted"],
            Verdict::parse,
        )?),
    };
    let edit = Edit::Round {
        creator: a.who.creator.clone(),
        deliverable: a.id.trim().to_string(),
        round: round(step, verdict, a.note.clone()),
    };
    super::super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn posted(session: &Session, a: PostedArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let on = r.day("on", a.on.as_deref())?;
    let edit = posted_edit(&a.who.creator, &a.id, on, &a.url)?;
    super::super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

/// Marking deliverable `id` posted on `on` at `url`.
pub fn posted_edit(creator: &str, id: &str, on: Date, url: &str) -> anyhow::Result<Edit> {
    let url = url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        bail!("{url:?} is not the address of a post (it should start with https://)");
    }
    Ok(Edit::Set {
        creator: creator.to_string(),
        record: Record::Deliverable(id.trim().to_string()),
        values: vec![
            ("posted".into(), Val::Date(on)),
            ("url".into(), Val::Text(url.into())),
        ],
    })
}

pub fn live(session: &Session, a: LiveArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let on = r.day("on", a.on.as_deref())?;
    let edit = Edit::Set {
        creator: a.who.creator.clone(),
        record: Record::Deliverable(a.id.trim().to_string()),
        values: vec![
            ("checked".into(), Val::Date(on)),
            ("live".into(), Val::Bool(!a.removed)),
        ],
    };
    super::super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn results(session: &Session, a: ResultsArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let mut results = Results {
        on: Some(r.day("on", a.on.as_deref())?),
        ..Results::default()
    };
    for (key, value) in [
        ("views", &a.views),
        ("likes", &a.likes),
        ("comments", &a.comments),
        ("shares", &a.shares),
        ("saves", &a.saves),
        ("clicks", &a.clicks),
        ("code_uses", &a.code_uses),
        ("sales", &a.sales),
    ] {
        if let Some(v) = value {
            results.set(key, r.amount(&format!("--{}", key.replace('_', "-")), v)?);
        }
    }
    if let Some(s) = &a.source {
        results.source = Some(named("source", s, &Source::names(), Source::parse)?);
    }
    if results.is_empty() {
        bail!(
            "nothing to record: give at least one of --views, --likes, --comments, --shares, --saves, --clicks, --code-uses, --sales"
        );
    }
    let edit = Edit::Results {
        creator: a.who.creator.clone(),
        deliverable: a.id.trim().to_string(),
        results,
    };
    super::super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}
