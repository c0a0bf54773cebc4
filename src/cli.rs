//! The command line: parsing with clap, and one module per subcommand that turns its arguments
//! into calls of the application layer ([`crate::workspace`]) and its answers into text.
//! Problems with the user's data exit 1; misuse of the command line exits 2.

mod add;
mod args;
mod campaign;
mod check;
pub mod complete;
mod creator;
mod due;
mod examples;
mod export;
mod git;
mod ids;
mod import;
mod init;
mod manual;
mod open;
mod output;
mod pipeline;
mod record;
mod records_json;
mod remove;
mod replies;
mod report;
mod search;
mod stage;
mod table;
mod vcard;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{Origin, UserDirs};
use crate::term::report as tell;
use crate::workspace::Session;
use open::{campaign_or_fail, listed, read_campaign, roster, save, save_entry};

/// Find, shortlist and invite influencers from a local creator database.
#[derive(Debug, Parser)]
#[command(name = "shortlist", version, about, max_term_width = 100)]
pub struct Cli {
    /// Use the workspace in DIR (default: $SHORTLIST_WORKSPACE, the current folder if it holds
    /// creators.toml, or the per-user data folder)
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
    /// No progress bars on standard error
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a workspace to DIR: the sample, or with --empty one of your own (refuses to
    /// overwrite anything)
    Init {
        /// Folder to create or fill
        dir: PathBuf,
        /// An empty workspace: no creators, no campaigns, the invitation templates
        #[arg(long)]
        empty: bool,
        /// Share it in git: a repository (started if there is none) with the merge driver
        /// registered; on a workspace already there, only registers the driver
        #[arg(long)]
        git: bool,
    },
    /// Print the completion script for a shell (bash, zsh, fish, elvish, powershell): campaign
    /// ids, creator ids (by id, name, alias or handle), stages and templates complete
    #[command(
        after_help = "Examples:\n  shortlist completions bash >> ~/.bashrc          # or: source <(shortlist completions bash)\n  shortlist completions zsh > ~/.zfunc/_shortlist\n  shortlist completions fish > ~/.config/fish/completions/shortlist.fish"
    )]
    Completions {
        /// bash, zsh, fish, elvish or powershell
        #[arg(value_parser = ["bash", "zsh", "fish", "elvish", "powershell"])]
        shell: String,
    },
    /// Print the manual page (roff): man -l <(shortlist man)
    Man,
    /// The merge driver git runs for creators.toml and campaigns/*.toml (see init --git)
    #[command(name = "merge-file", hide = true)]
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's path in the repository, to name it in messages
        path: Option<String>,
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
    /// The close-out report: results, cost per result, money against the budget
    Report(report::Args),
    /// Read replies from Maildir folders, mbox files and .eml files, and record them
    Replies(replies::Args),
    /// Take creators off a shortlist (past contacted only with --force)
    Remove(remove::Args),
    /// One creator across every campaign: stages, fees, deliverables, exclusivities
    Creator(creator::Args),
    /// Record the terms signed with a creator: usage rights, exclusivity, disclosure
    Contract(record::ContractArgs),
    /// Record the product sent to a creator, and its arrival
    Ship(record::ShipArgs),
    /// Add a deliverable to a creator's entry, or change its dates
    Deliverable(record::DeliverableArgs),
    /// Record a review round: a script, draft or final cut approved, sent back or submitted
    Review(record::ReviewArgs),
    /// Mark a deliverable posted, with the post's address
    Posted(record::PostedArgs),
    /// Record that a post is still live (or, with --removed, that it was taken down)
    Live(record::LiveArgs),
    /// Record a post's figures on a day: views, likes, clicks, sales…
    Results(record::ResultsArgs),
    /// Add a payment owed to a creator (or already paid)
    Payment(record::PaymentArgs),
    /// Mark a payment paid
    Paid(record::PaidArgs),
}

impl Cli {
    /// The command line of this process (the query words of `search` put after a `--`).
    pub fn from_env() -> Cli {
        use clap::FromArgMatches;
        let matches = command().get_matches_from(args::normalize(std::env::args_os().collect()));
        let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        crate::term::progress::set_quiet(cli.quiet);
        cli
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
        Some(Command::Init { dir, empty, git }) => init::run(dir, *empty, *git),
        Some(Command::Completions { shell }) => manual::completions(shell),
        Some(Command::Man) => manual::man(),
        Some(Command::MergeFile {
            base,
            ours,
            theirs,
            path,
        }) => git::merge_file(base, ours, theirs, path.as_deref()),
        Some(Command::Check { path }) => {
            let lookup = Session::lookup(cli.workspace.clone(), dirs);
            check::run(&lookup, path.clone(), dirs)
        }
        _ => return None,
    };
    Some(finish(outcome))
}

/// The command line as clap describes it: for completion and the manual page.
pub fn command() -> clap::Command {
    examples::with_examples(<Cli as clap::CommandFactory>::command())
}

/// Opens the workspace the command line asks for, telling the user when a sample workspace was
/// made for them and (for a command) what is wrong with the configuration; on failure, says why
/// and gives the exit status.
pub fn open(cli: &Cli, dirs: UserDirs) -> Result<Session, ExitCode> {
    let lookup = Session::lookup(cli.workspace.clone(), &dirs);
    let session = Session::open(&lookup, dirs).map_err(|e| {
        tell::fail(&anyhow::Error::new(e));
        ExitCode::from(1)
    })?;
    if session.origin == Origin::CreatedUserData {
        crate::errln!(
            "shortlist: created a sample workspace in {} (invented creators to try things on; `shortlist init --empty DIR` starts your own)",
            session.workspace.root().display()
        );
    }
    if !cli.is_interface() {
        tell::diagnostics(&session.config_problems);
    }
    Ok(session)
}

/// Runs the command of `cli` on `session` (`init`, `check` and the interface are run elsewhere).
pub fn run(cli: Cli, session: &Session) -> ExitCode {
    let mut command = cli.command;
    if let Some(c) = &mut command
        && let Err(e) = ids::forgive(session, c)
    {
        return finish(Err(e));
    }
    let outcome = match command {
        Some(Command::Search(args)) => search::run(session, args),
        Some(Command::Campaign(command)) => campaign::run(session, command),
        Some(Command::Add(args)) => add::run(session, args),
        Some(Command::Stage(args)) => stage::run(session, args),
        Some(Command::Pipeline(args)) => pipeline::run(session, args),
        Some(Command::Due(args)) => due::run(session, args),
        Some(Command::Export(args)) => export::run(session, args),
        Some(Command::Import(args)) => import::run(session, args),
        Some(Command::Remove(args)) => remove::run(session, args),
        Some(Command::Replies(args)) => replies::run(session, args),
        Some(Command::Report(args)) => report::run(session, args),
        Some(Command::Creator(args)) => creator::run(session, args),
        Some(Command::Contract(args)) => record::contract(session, args),
        Some(Command::Ship(args)) => record::ship(session, args),
        Some(Command::Deliverable(args)) => record::deliverable(session, args),
        Some(Command::Review(args)) => record::review(session, args),
        Some(Command::Posted(args)) => record::posted(session, args),
        Some(Command::Live(args)) => record::live(session, args),
        Some(Command::Results(args)) => record::results(session, args),
        Some(Command::Payment(args)) => record::add_payment(session, args),
        Some(Command::Paid(args)) => record::paid(session, args),
        Some(
            Command::Init { .. }
            | Command::Check { .. }
            | Command::MergeFile { .. }
            | Command::Completions { .. }
            | Command::Man,
        )
        | None => Ok(ExitCode::SUCCESS),
    };
    finish(outcome)
}

/// The exit status of a command, its failure reported.
fn finish(outcome: anyhow::Result<ExitCode>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(e) => {
            tell::fail(&e);
            ExitCode::from(1)
        }
    }
}
