//! `shortlist due [--campaign C] [--format table|json]`: follow-ups due today or overdue,
//! across campaigns, oldest first.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;

use super::campaign::{name_of, path_of, read};
use super::pipeline::describe;
use super::table::{Column, render};
use super::{Session, search};
use crate::outreach::due;
use crate::search::IndexIds;
use crate::store::UserDirs;

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

pub fn run(session: &Session, dirs: &UserDirs, args: Args) -> anyhow::Result<ExitCode> {
    let ids = match &args.campaign {
        Some(id) => {
            path_of(session, id)?;
            vec![id.clone()]
        }
        None => session.workspace.campaign_ids(),
    };
    let db = search::open(session, dirs)?;
    let known = IndexIds::new(&db.index);
    let today = crate::clock::now()?.date();
    let mut failed = false;
    let mut rows = Vec::new();
    for id in &ids {
        let Some(campaign) = read(session, &db.index, id)? else {
            failed = true;
            continue;
        };
        for (entry, d) in due(&campaign, today) {
            rows.push((id.clone(), entry.clone(), d));
        }
    }
    rows.sort_by_key(|(id, e, d)| (d.on, id.clone(), e.line));
    let mut out = super::term::out();
    match args.format {
        Format::Json => {
            let list: Vec<_> = rows
                .iter()
                .map(|(id, e, d)| {
                    json!({
                        "campaign": id,
                        "creator": e.creator.as_str(),
                        "name": name_of(&db.index, &known, &e.creator),
                        "email": known.row(&e.creator).and_then(|r| db.creators.get(r as usize)).and_then(|c| c.email.as_ref().map(|m| m.to_string())),
                        "stage": e.stage.name(),
                        "action": d.action.name(),
                        "on": d.on.to_string(),
                        "days_late": d.overdue(today),
                    })
                })
                .collect();
            out.write_all(
                super::term::json_safe(&serde_json::to_string_pretty(&list)?).as_bytes(),
            )?;
            writeln!(out)?;
        }
        Format::Table => {
            if rows.is_empty() {
                let scope = match &args.campaign {
                    Some(id) => format!("in {id}"),
                    None => format!(
                        "in {} campaign{}",
                        ids.len(),
                        if ids.len() == 1 { "" } else { "s" }
                    ),
                };
                crate::errln!("nothing is due today {scope}");
            } else {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(id, e, d)| {
                        let email = known
                            .row(&e.creator)
                            .and_then(|r| db.creators.get(r as usize))
                            .and_then(|c| c.email.as_ref().map(|m| m.to_string()))
                            .unwrap_or_default();
                        vec![
                            d.on.to_string(),
                            id.clone(),
                            e.creator.to_string(),
                            name_of(&db.index, &known, &e.creator)
                                .unwrap_or("(not in creators.toml)")
                                .to_string(),
                            e.stage.name().to_string(),
                            describe(d, today),
                            email,
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
                out.write_all(
                    render(&columns, &cells, super::output::terminal_width()).as_bytes(),
                )?;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
