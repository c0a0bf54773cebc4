//! `shortlist campaign list` and `shortlist campaign new ID --name NAME [--brand B]
//! [--product P]`, and what the campaign commands share: finding a campaign by id (with "did you
//! mean"), reading it with its problems reported, and the creators' names.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;

use super::table::{Column, render};
use super::{Session, report, search};
use crate::display::grouped;
use crate::model::{Campaign, id_problem};
use crate::outreach::{Budget, due};
use crate::search::{Index, IndexIds};
use crate::store::{self, UserDirs};

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

pub fn run(session: &Session, dirs: &UserDirs, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::List => list(session, dirs),
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
    if let Some(problem) = id_problem(id) {
        bail!("\"{id}\" cannot be a campaign id: {problem}");
    }
    if name.trim().is_empty() {
        bail!("--name is empty: give the campaign a name");
    }
    let path = session.workspace.campaign_file(id);
    let file = session.workspace.display_name(&path);
    store::create_campaign(&path, &file, name.trim(), given(brand), given(product))?;
    crate::outln!("created {file}");
    crate::outln!("add creators with: shortlist add {id} CREATOR…");
    Ok(ExitCode::SUCCESS)
}

/// An option's text, unless it is blank.
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|s| !s.is_empty())
}

fn list(session: &Session, dirs: &UserDirs) -> anyhow::Result<ExitCode> {
    let ids = session.workspace.campaign_ids();
    if ids.is_empty() {
        crate::errln!(
            "there are no campaigns yet; start one with: shortlist campaign new ID --name NAME"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let db = search::open(session, dirs)?;
    let today = crate::clock::now()?.date();
    let mut failed = false;
    let mut rows = Vec::new();
    for id in &ids {
        let Some(campaign) = read(session, &db.index, id)? else {
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
            due(&campaign, today).len().to_string(),
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

/// The file of campaign `id`, or an error naming the nearest id.
pub(crate) fn path_of(session: &Session, id: &str) -> anyhow::Result<PathBuf> {
    let ids = session.workspace.campaign_ids();
    if !ids.iter().any(|c| c == id) {
        let hint = match crate::suggest::nearest(id, ids.iter().map(String::as_str)) {
            Some(near) => format!(" (did you mean \"{near}\"?)"),
            None if ids.is_empty() => {
                " (there are no campaigns yet: shortlist campaign new ID --name NAME)".to_string()
            }
            None => format!(" (campaigns: {})", ids.join(", ")),
        };
        bail!("no campaign \"{id}\"{hint}");
    }
    Ok(session.workspace.campaign_file(id))
}

/// Reads campaign `id`, reporting its problems; `None` when it cannot be read at all.
pub(crate) fn read(session: &Session, index: &Index, id: &str) -> anyhow::Result<Option<Campaign>> {
    let path = path_of(session, id)?;
    let file = session.workspace.display_name(&path);
    let known = IndexIds::new(index);
    let loaded = store::load_campaign(&path, &file, Some(&known))?;
    report::diagnostics(&loaded.diagnostics);
    if loaded.campaign.is_none() {
        crate::errln!("shortlist: {file} cannot be read (see above); left out");
    }
    Ok(loaded.campaign)
}

/// Like [`read`], but a campaign that cannot be read ends the command.
pub(crate) fn read_or_fail(session: &Session, index: &Index, id: &str) -> anyhow::Result<Campaign> {
    read(session, index, id)?.with_context(|| format!("campaign \"{id}\" cannot be read"))
}

/// The name of the creator `id`, if the database has them.
pub(crate) fn name_of<'i>(index: &'i Index, ids: &IndexIds<'_>, id: &str) -> Option<&'i str> {
    ids.row(id).map(|row| index.names.get(row as usize))
}
