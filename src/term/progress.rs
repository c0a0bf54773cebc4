//! A progress bar on standard error for work that takes more than half a second — a cold open
//! of a large database, an import — drawn only when standard error is a terminal and
//! `--quiet` was not given, and cleared when the work is over. Counts are in the user's units
//! (creators, rows).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::progress::Progress;

static QUIET: AtomicBool = AtomicBool::new(false);

/// What the command is doing now, for a ctrl-c to say what was and was not done.
static STEP: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Says what the command is doing now (and so what a ctrl-c stops).
pub fn step(what: impl Into<String>) {
    if let Ok(mut step) = STEP.lock() {
        *step = Some(what.into());
    }
}

/// Stops the program on ctrl-c, saying what it was doing: every file is written whole or not
/// at all, so what a stop leaves is either as it was or done.
pub fn stop_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let step = STEP.lock().ok().and_then(|s| s.clone());
        let said = match step {
            Some(step) => format!("shortlist: stopped (ctrl-c) while {step}\n"),
            None => "shortlist: stopped (ctrl-c); nothing was half-written\n".to_string(),
        };
        // Escaped like every message: the step may name a file.
        let _ = std::io::Write::write_all(&mut super::err(), said.as_bytes());
        std::process::exit(130);
    });
}

/// No progress bars (`--quiet`).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Shows `progress` as a bar once it has run half a second, until it is finished; `what` says
/// what is done (`reading creators.toml`), `noun` what is counted (`creators`).
pub fn show(
    progress: &Arc<Progress>,
    what: &str,
    noun: &'static str,
) -> Option<std::thread::JoinHandle<()>> {
    use std::io::IsTerminal;
    if QUIET.load(Ordering::Relaxed) || !std::io::stderr().is_terminal() {
        return None;
    }
    let progress = Arc::clone(progress);
    let what = what.to_string();
    Some(std::thread::spawn(move || {
        let wait = std::time::Instant::now();
        while !progress.is_finished() && wait.elapsed() < Duration::from_millis(500) {
            std::thread::sleep(Duration::from_millis(25));
        }
        if progress.is_finished() {
            return;
        }
        let (_, total) = progress.bytes();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(&format!(
            "{what} [{{bar:30}}] {{percent}}% · {{msg}} · {{eta}} left"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        while !progress.is_finished() {
            let (done, total) = progress.bytes();
            bar.set_length(total);
            bar.set_position(done);
            bar.set_message(format!(
                "{} {noun}",
                crate::display::grouped(progress.items())
            ));
            std::thread::sleep(Duration::from_millis(100));
        }
        bar.finish_and_clear();
    }))
}
