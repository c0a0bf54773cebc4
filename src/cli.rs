//! The command line: parsing with clap, resolving the workspace once, and one module per
//! subcommand. Problems with the user's data exit 1; misuse of the command line exits 2.

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
mod report;
mod search;
mod stage;
mod table;
pub mod term;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{self, Config, Diagnostic, Lookup, Origin, UserDirs, Workspace};

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

/// Runs the program with the process's arguments and environment.
pub fn main() -> ExitCode {
    let cli = Cli::parse_from(args::normalize(std::env::args_os().collect()));
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            report::fail(&e);
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let dirs = UserDirs::from_env();
    match cli.command {
        Some(Command::Init { dir }) => init::run(&dir),
        Some(Command::Check { path }) => {
            check::run(&Session::lookup(cli.workspace, &dirs), path, &dirs)
        }
        Some(Command::Search(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            search::run(&session, &dirs, args)
        }
        Some(Command::Campaign(command)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            campaign::run(&session, &dirs, command)
        }
        Some(Command::Add(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            add::run(&session, &dirs, args)
        }
        Some(Command::Stage(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            stage::run(&session, &dirs, args)
        }
        Some(Command::Pipeline(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            pipeline::run(&session, &dirs, args)
        }
        Some(Command::Due(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            due::run(&session, &dirs, args)
        }
        Some(Command::Export(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            export::run(&session, &dirs, args)
        }
        Some(Command::Import(args)) => {
            let session = Session::open(cli.workspace, &dirs)?;
            report::diagnostics(&session.config_problems);
            import::run(&session, args)
        }
        None => {
            if !term::interactive() {
                anyhow::bail!(
                    "the interface needs a terminal, and standard input or output is not one; run it in a terminal, or use a command such as `shortlist search` (`shortlist --help` lists them)"
                );
            }
            let session = Session::open(cli.workspace, &dirs)?;
            let path = session.workspace.creators_file();
            let unsaved = crate::tui::run(crate::tui::Start {
                file: session.workspace.display_name(&path),
                creators: path,
                cache: dirs.cache.clone(),
                config: session.config,
                config_problems: session.config_problems,
                workspace: session.workspace,
            })?;
            for line in &unsaved {
                crate::errln!("shortlist: {line}");
            }
            Ok(if unsaved.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// What every command needs: the workspace and the user's configuration.
pub(crate) struct Session {
    pub workspace: Workspace,
    pub origin: Origin,
    pub config: Config,
    pub config_problems: Vec<Diagnostic>,
}

impl Session {
    fn lookup(flag: Option<PathBuf>, dirs: &UserDirs) -> Lookup {
        Lookup {
            argument: None,
            flag,
            env: std::env::var_os("SHORTLIST_WORKSPACE"),
            cwd: std::env::current_dir().ok(),
            data_dir: dirs.data.clone(),
        }
    }

    /// Resolves the workspace and reads the configuration, telling the user when a sample
    /// workspace was created for them.
    fn open(flag: Option<PathBuf>, dirs: &UserDirs) -> anyhow::Result<Session> {
        Session::from_lookup(&Session::lookup(flag, dirs), dirs)
    }

    fn from_lookup(lookup: &Lookup, dirs: &UserDirs) -> anyhow::Result<Session> {
        let (workspace, origin) = store::resolve(lookup)?;
        if origin == Origin::CreatedUserData {
            crate::errln!(
                "shortlist: created a sample workspace in {}",
                workspace.root().display()
            );
        }
        let (config, config_problems) = user_config(dirs);
        Ok(Session {
            workspace,
            origin,
            config,
            config_problems,
        })
    }
}

/// The user's configuration, or the defaults, with its problems.
pub(crate) fn user_config(dirs: &UserDirs) -> (Config, Vec<Diagnostic>) {
    match &dirs.config_file {
        Some(path) => store::load_config(path, dirs.config_named),
        None => (Config::default(), Vec::new()),
    }
}
