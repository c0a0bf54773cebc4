//! The `shortlist` program: parse the command line, open the workspace, then hand over to the
//! command line or the interface.

use std::process::ExitCode;

use shortlist::cli::{self, Cli};
use shortlist::store::UserDirs;

/// Reading a large database allocates millions of small values on every core at once; glibc's
/// allocator spent a quarter of a cold open in itself (see the README's Performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The shell asking for completions (COMPLETE=bash …): answered, then the program ends.
    clap_complete::CompleteEnv::with_factory(cli::command).complete();
    let command = Cli::from_env();
    let dirs = UserDirs::from_env();
    if let Some(code) = cli::before_workspace(&command, &dirs) {
        return code;
    }
    let session = match cli::open(&command, dirs) {
        Ok(session) => session,
        Err(code) => return code,
    };
    if command.is_interface() {
        shortlist::tui::main(session)
    } else {
        // A long command stopped with ctrl-c says what it was doing; the interface takes
        // ctrl-c as a key instead.
        shortlist::term::progress::stop_on_interrupt();
        cli::run(command, &session)
    }
}
