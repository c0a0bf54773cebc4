//! `shortlist due [--campaign C] [--ahead DAYS] [--kind K] [--format table|json|ics]`: the
//! agenda — everything due today or overdue (and, with `--ahead`, coming), across campaigns,
//! oldest first.

use std::io::Write;
use std::process::ExitCode;

use anyhow::bail;
use jiff::civil::Date;
use serde_json::{Map, Value, json};

use super::table::{Column, render};
use crate::outreach::{About, Due};
use crate::workspace::{AgendaItem, Session};

/// How the agenda is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    /// An iCalendar file for calendar programs (one all-day event per item)
    Ics,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this campaign
    #[arg(long)]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: Option<String>,
    /// Also what comes in the next DAYS days
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    ahead: u16,
    /// Only one kind of work: outreach, production, payment, shipment or rights
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// The kinds `--kind` takes.
const KINDS: [&str; 5] = ["outreach", "production", "payment", "shipment", "rights"];

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    if let Some(kind) = &args.kind
        && !KINDS.contains(&kind.as_str())
    {
        let hint = crate::suggest::nearest(kind, KINDS)
            .map(|n| format!("did you mean \"{n}\"?"))
            .unwrap_or_else(|| format!("kinds: {}", KINDS.join(", ")));
        bail!("--kind {kind:?} is not a kind of work ({hint})");
    }
    if let Some(id) = &args.campaign {
        session.find_campaign(id)?;
    }
    if session.workspace.is_sample() {
        crate::errln!(
            "note: this is the sample workspace: its campaigns and what they have due are invented (see SAMPLE.md there; `shortlist init --empty DIR` starts your own)"
        );
    }
    let roster = super::roster(session)?;
    let now = crate::clock::now()?;
    let today = now.date();
    let mut agenda = session.agenda(
        &roster,
        today,
        i64::from(args.ahead),
        args.campaign.as_deref(),
    )?;
    if let Some(kind) = &args.kind {
        agenda.items.retain(|i| i.due.action.kind() == kind);
    }
    crate::term::report::diagnostics(&agenda.problems);
    for file in &agenda.unreadable {
        crate::errln!("shortlist: {file} cannot be read (see above); left out");
    }
    let mut out = crate::term::out();
    match args.format {
        Format::Json => {
            let list: Vec<Value> = agenda.items.iter().map(|i| item_json(i, today)).collect();
            let text = serde_json::to_string_pretty(&list)?;
            out.write_all(crate::term::json_safe(&text).as_bytes())?;
            writeln!(out)?;
        }
        Format::Ics => {
            crate::term::document(crate::workspace::calendar(&agenda, &now).as_bytes())?;
        }
        Format::Table if agenda.items.is_empty() => {
            let scope = match &args.campaign {
                Some(id) => format!("in {id}"),
                None => format!(
                    "in {} campaign{}",
                    agenda.campaigns,
                    if agenda.campaigns == 1 { "" } else { "s" }
                ),
            };
            let when = match args.ahead {
                0 => "today".to_string(),
                1 => "today or tomorrow".to_string(),
                n => format!("in the next {n} days"),
            };
            crate::errln!("nothing is due {when} {scope}");
        }
        Format::Table => {
            let cells: Vec<Vec<String>> = agenda.items.iter().map(|i| row(i, today)).collect();
            let columns = [
                Column::text("DUE", 10, 9),
                Column::text("CAMPAIGN", 8, 6),
                Column::text("CREATOR", 8, 8),
                Column::text("NAME", 6, 5),
                Column::text("STAGE", 9, 4),
                Column::text("ACTION", 12, 9),
                Column::text("EMAIL", 8, 3),
            ];
            out.write_all(render(&columns, &cells, super::output::terminal_width()).as_bytes())?;
        }
    }
    Ok(if agenda.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn row(item: &AgendaItem, today: Date) -> Vec<String> {
    vec![
        item.due.on.to_string(),
        item.campaign.clone(),
        item.entry.creator.to_string(),
        item.name
            .clone()
            .unwrap_or_else(|| "(not in creators.toml)".into()),
        item.entry.stage.name().to_string(),
        item.due.describe(today),
        item.email.clone().unwrap_or_default(),
    ]
}

fn item_json(item: &AgendaItem, today: Date) -> Value {
    let mut m = Map::new();
    m.insert("campaign".into(), json!(item.campaign));
    m.insert("creator".into(), json!(item.entry.creator.as_str()));
    m.insert("name".into(), json!(item.name));
    m.insert("email".into(), json!(item.email));
    m.insert("stage".into(), json!(item.entry.stage.name()));
    m.extend(fields(&item.due, today));
    m.insert("uid".into(), json!(crate::workspace::uid(item)));
    Value::Object(m)
}

/// An item's own fields in JSON: `action`, `kind`, `on`, `days_late` (negative while ahead),
/// what it is about (`deliverable`, or `payment` with its number) and `what`, in words.
pub fn fields(due: &Due, today: Date) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("action".into(), json!(due.action.name()));
    m.insert("kind".into(), json!(due.action.kind()));
    m.insert("on".into(), json!(due.on.to_string()));
    m.insert("days_late".into(), json!(due.overdue(today)));
    match &due.about {
        About::Entry | About::Rights(_) => {}
        About::Deliverable(id) => {
            m.insert("deliverable".into(), json!(id.as_str()));
        }
        About::Payment { number, .. } => {
            m.insert("payment".into(), json!(number));
        }
    }
    m.insert("what".into(), json!(due.what()));
    m
}
