//! `shortlist campaign list` and `shortlist campaign new ID --name NAME [--brand B]
//! [--product P]`.

use std::process::ExitCode;

use anyhow::bail;
use clap::Subcommand;

use super::table::{Column, render};
use crate::display::grouped;
use crate::outreach::{Budget, due};
use crate::workspace::{CampaignError, Session};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the campaigns with their shortlists, budgets and follow-ups due
    List,
    /// Start a campaign: writes campaigns/ID.toml with its brief
    New {
        /// The campaign's id: its file name, used by the other commands (a-z 0-9 - _ .)
        id: String,
        /// The campaign's name, as in invitations
        #[arg(long)]
        name: String,
        #[arg(long)]
        brand: Option<String>,
        #[arg(long)]
        product: Option<String>,
    },
}

pub fn run(session: &Session, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::List => list(session),
        Command::New {
            id,
            name,
            brand,
            product,
        } => new(session, &id, &name, brand.as_deref(), product.as_deref()),
    }
}

fn new(
    session: &Session,
    id: &str,
    name: &str,
    brand: Option<&str>,
    product: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let file = match session.create_campaign(id, name, brand, product) {
        Ok(file) => file,
        Err(CampaignError::NoName) => bail!("--name is empty: give the campaign a name"),
        Err(e) => return Err(e.into()),
    };
    crate::outln!("created {file}");
    crate::outln!("add creators with: shortlist add {id} CREATOR…");
    Ok(ExitCode::SUCCESS)
}

fn list(session: &Session) -> anyhow::Result<ExitCode> {
    let ids = session.campaign_ids();
    if ids.is_empty() {
        crate::errln!(
            "there are no campaigns yet; start one with: shortlist campaign new ID --name NAME"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let roster = super::roster(session)?;
    let today = crate::clock::now()?.date();
    let mut failed = false;
    let mut rows = Vec::new();
    for id in &ids {
        let Some(campaign) = super::read_campaign(session, &roster, id)? else {
            failed = true;
            continue;
        };
        let budget = Budget::of(&campaign, &session.config.currency);
        let money = match budget.budget {
            Some(b) => format!(
                "{} {} of {}",
                budget.currency,
                grouped(budget.committed),
                grouped(b)
            ),
            None => format!("{} {}", budget.currency, grouped(budget.committed)),
        };
        rows.push(vec![
            id.clone(),
            campaign.brief.name.clone(),
            campaign.brief.brand.clone().unwrap_or_default(),
            campaign.entries.len().to_string(),
            due(&campaign, today, today).len().to_string(),
            money,
        ]);
    }
    let columns = [
        Column::text("ID", 8, 9),
        Column::text("NAME", 8, 8),
        Column::text("BRAND", 5, 4),
        Column::number("ENTRIES", 7),
        Column::number("DUE", 6),
        Column::text("COMMITTED", 9, 5),
    ];
    crate::out!(
        "{}",
        render(&columns, &rows, super::output::terminal_width())
    );
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
