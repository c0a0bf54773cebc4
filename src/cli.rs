//! The command line: parsing with clap, and one module per subcommand that turns its arguments
//! into calls of the application layer ([`crate::workspace`]) and its answers into text.
//! Problems with the user's data exit 1; misuse of the command line exits 2.

mod add;
mod args;
mod campaign;
mod check;
mod due;
mod export;
mod import;
mod init;
mod output;
mod pipeline;
mod search;
mod stage;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{Origin, UserDirs};
use crate::term::report;
use crate::workspace::{Roster, Session};

/// Find, shortlist and invite influencers from a local creator database.
#[derive(Debug, Parser)]
#[command(name = "shortlist", version, about, max_term_width = 100)]
pub struct Cli {
    /// Use the workspace in DIR (default: $SHORTLIST_WORKSPACE, the current folder if it holds
    /// creators.toml, or the per-user data folder)
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the sample workspace to DIR (refuses to overwrite anything)
    Init {
        /// Folder to create or fill
        dir: PathBuf,
    },
    /// Search the creators: words, "phrases", field:value filters, -term to exclude
    Search(search::Args),
    /// Validate every file of the workspace; exit 1 on errors
    Check {
        /// A workspace folder or a creators file to check instead of the current workspace
        path: Option<PathBuf>,
    },
    /// List campaigns, or start one
    #[command(subcommand)]
    Campaign(campaign::Command),
    /// Put creators on a campaign's shortlist
    Add(add::Args),
    /// Move a creator on a shortlist to another stage
    Stage(stage::Args),
    /// Where everyone on a campaign's shortlist stands, with fees against the budget
    Pipeline(pipeline::Args),
    /// Follow-ups due today or overdue, oldest first
    Due(due::Args),
    /// Write invitations from a template as drafts for a mail client
    Export(export::Args),
    /// Add or update creators from a spreadsheet (CSV)
    Import(import::Args),
}

impl Cli {
    /// The command line of this process (the query words of `search` put after a `--`).
    pub fn from_env() -> Cli {
        Cli::parse_from(args::normalize(std::env::args_os().collect()))
    }

    /// True when no subcommand was given: the interface opens.
    pub fn is_interface(&self) -> bool {
        self.command.is_none()
    }
}

/// Runs what must not open a workspace first — `init`, and `check` of a folder or file named to
/// it — and says how it ended; `None` for every other command.
pub fn before_workspace(cli: &Cli, dirs: &UserDirs) -> Option<ExitCode> {
    let outcome = match &cli.command {
        Some(Command::Init { dir }) => init::run(dir),
        Some(Command::Check { path }) => {
            let lookup = Session::lookup(cli.workspace.clone(), dirs);
            check::run(&lookup, path.clone(), dirs)
        }
        _ => return None,
    };
    Some(finish(outcome))
}

/// Opens the workspace the command line asks for, telling the user when a sample workspace was
/// made for them and (for a command) what is wrong with the configuration; on failure, says why
/// and gives the exit status.
pub fn open(cli: &Cli, dirs: UserDirs) -> Result<Session, ExitCode> {
    let lookup = Session::lookup(cli.workspace.clone(), &dirs);
    let session = Session::open(&lookup, dirs).map_err(|e| {
        report::fail(&anyhow::Error::new(e));
        ExitCode::from(1)
    })?;
    if session.origin == Origin::CreatedUserData {
        crate::errln!(
            "shortlist: created a sample workspace in {}",
            session.workspace.root().display()
        );
    }
    if !cli.is_interface() {
        report::diagnostics(&session.config_problems);
    }
    Ok(session)
}

/// Runs the command of `cli` on `session` (`init`, `check` and the interface are run elsewhere).
pub fn run(cli: Cli, session: &Session) -> ExitCode {
    let outcome = match cli.command {
        Some(Command::Search(args)) => search::run(session, args),
        Some(Command::Campaign(command)) => campaign::run(session, command),
        Some(Command::Add(args)) => add::run(session, args),
        Some(Command::Stage(args)) => stage::run(session, args),
        Some(Command::Pipeline(args)) => pipeline::run(session, args),
        Some(Command::Due(args)) => due::run(session, args),
        Some(Command::Export(args)) => export::run(session, args),
        Some(Command::Import(args)) => import::run(session, args),
        Some(Command::Init { .. } | Command::Check { .. }) | None => Ok(ExitCode::SUCCESS),
    };
    finish(outcome)
}

/// The exit status of a command, its failure reported.
fn finish(outcome: anyhow::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(e) => {
            report::fail(&e);
            ExitCode::from(1)
        }
    }
}

/// Reads campaign `id` with its entries checked against the roster, printing its problems;
/// `None` when the file cannot be read as a campaign (said too).
fn read_campaign(
    session: &Session,
    roster: &Roster,
    id: &str,
) -> anyhow::Result<Option<crate::model::Campaign>> {
    let ids = roster.ids();
    let read = session.read_campaign(id, Some(&ids))?;
    crate::term::report::diagnostics(&read.diagnostics);
    if read.campaign.is_none() {
        crate::errln!(
            "shortlist: {} cannot be read (see above); left out",
            read.file
        );
    }
    Ok(read.campaign)
}

/// Like [`read_campaign`], but a campaign that cannot be read ends the command.
fn campaign_or_fail(
    session: &Session,
    roster: &Roster,
    id: &str,
) -> anyhow::Result<crate::model::Campaign> {
    read_campaign(session, roster, id)?
        .ok_or_else(|| anyhow::anyhow!("campaign \"{id}\" cannot be read"))
}

/// The roster, with a warning when the database has errors (its creators with errors are left
/// out).
fn roster(session: &Session) -> anyhow::Result<Roster> {
    Ok(session.roster()?)
}
