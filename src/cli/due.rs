//! `shortlist due [--campaign C] [--format table|json]`: follow-ups due today or overdue,
//! across campaigns, oldest first.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use super::table::{Column, render};
use crate::workspace::Session;

/// How the list is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this campaign
    #[arg(long)]
    campaign: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    if let Some(id) = &args.campaign {
        session.find_campaign(id)?;
    }
    let roster = super::roster(session)?;
    let today = crate::clock::now()?.date();
    let agenda = session.agenda(&roster, today, args.campaign.as_deref())?;
    crate::term::report::diagnostics(&agenda.problems);
    for file in &agenda.unreadable {
        crate::errln!("shortlist: {file} cannot be read (see above); left out");
    }
    let mut out = crate::term::out();
    match args.format {
        Format::Json => {
            let list: Vec<_> = agenda
                .items
                .iter()
                .map(|item| {
                    json!({
                        "campaign": item.campaign,
                        "creator": item.entry.creator.as_str(),
                        "name": item.name,
                        "email": item.email,
                        "stage": item.entry.stage.name(),
                        "action": item.due.action.name(),
                        "on": item.due.on.to_string(),
                        "days_late": item.due.overdue(today),
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&list)?;
            out.write_all(crate::term::json_safe(&text).as_bytes())?;
            writeln!(out)?;
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
            crate::errln!("nothing is due today {scope}");
        }
        Format::Table => {
            let cells: Vec<Vec<String>> = agenda
                .items
                .iter()
                .map(|item| {
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
                })
                .collect();
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
