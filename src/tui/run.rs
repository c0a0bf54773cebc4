//! The event loop: terminal events from an input thread, search results from the worker and
//! databases from a loader thread all arrive on one channel; the loop hands them to the app,
//! carries out the effects it returns, and draws once per batch. It blocks while nothing
//! happens, so an idle interface uses no processor time.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event as Term};

use super::app::{App, Notice};
use super::control;
use super::effect::Effect;
use super::overlays::problems::Problems;
use super::tasks::{Done, Task, perform};
use super::terminal::{Guard, Input, edit, enter};
use super::{settings, view};
use crate::search::{Response, Worker};
use crate::workspace::Session;

pub(super) enum Event {
    Terminal(Term),
    Search(Response),
    Done(Box<Done>),
    /// Files of the workspace changed on disk.
    Changed(super::watch::Changed),
    /// Time passed while something long is under way: draw its progress.
    Tick,
    /// The creators read so far of a long read, to search while the rest come.
    Partial(Box<crate::search::Index>),
}

/// Opens the interface on `session` and runs it until the user quits; then says what could
/// not be saved, and gives the exit status.
pub fn main(session: Session) -> ExitCode {
    if !crate::term::interactive() {
        crate::term::report::fail(&anyhow::anyhow!(
            "the interface needs a terminal, and standard input or output is not one; run it in a terminal, or use a command such as `shortlist search` (`shortlist --help` lists them)"
        ));
        return ExitCode::from(1);
    }
    match run(session) {
        Ok(unsaved) => {
            for line in &unsaved {
                crate::errln!("shortlist: {line}");
            }
            if unsaved.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            crate::term::report::fail(&e);
            ExitCode::from(1)
        }
    }
}

/// Runs the interface until the user quits. The terminal is restored on every way out,
/// panics included. Returns what the user must be told once the terminal is theirs again:
/// changes that could not be saved.
pub fn run(session: Session) -> anyhow::Result<Vec<String>> {
    let (keymap, theme, mut problems) =
        settings::from_config(&session.config, settings::no_color());
    problems.splice(0..0, session.config_problems.iter().cloned());
    // The workspace's vocabulary.toml: its problems are listed with the settings'.
    problems.extend(session.vocabulary().1);
    let shown = tilde(session.workspace.root());
    let mut app = App::new(&shown, keymap, theme, session.config.tiers);
    app.settings_problems = problems;
    app.currency = session.config.currency.clone();
    app.rates = std::sync::Arc::new(session.rates());
    app.templates = session.template_names();
    app.cadence = std::sync::Arc::new(session.config.cadence.clone());
    app.mailboxes = !session.config.mailboxes.is_empty();
    app.sample = session.workspace.is_sample();
    if session.origin == crate::store::Origin::CreatedUserData {
        app.open(super::overlays::welcome::Welcome {
            folder: shown.clone(),
        });
    }
    app.new_settings = session.new_settings();
    let state = session
        .dirs
        .state
        .as_ref()
        .map(|d| d.join(crate::store::state::STATE_FILE));
    if let Some(file) = &state {
        let (mut remembered, problem) = crate::store::state::recall(file, session.workspace.root());
        // A campaign taken away since is simply not reopened.
        remembered.campaign = remembered
            .campaign
            .filter(|id| session.workspace.campaign_file(id).is_file());
        app.recall(remembered);
        if let Some(problem) = problem {
            app.tell(problem, true);
        }
    }
    if !app.settings_problems.is_empty() {
        app.open(Problems::default());
    }
    if let Err(e) = crate::clock::now() {
        app.notice = Some(Notice {
            text: format!("{e}; using the system clock"),
            error: true,
        });
    }

    let mut terminal = enter()?;
    let _guard = Guard;
    let (sender, receiver) = mpsc::channel();
    let input = {
        let sender = sender.clone();
        Input::spawn(move |e| sender.send(Event::Terminal(e)).is_ok())
    };
    start_load(&session, &mut app, &sender);
    // Changes made elsewhere are read as they happen; where the system cannot watch, the bar
    // says so once and the interface works on.
    let _watch = {
        let sender = sender.clone();
        match super::watch::spawn(&session.workspace, move |c| {
            let _ = sender.send(Event::Changed(c));
        }) {
            Ok(watch) => Some(watch),
            Err(e) => {
                app.tell(format!("changes made elsewhere are not watched: {e}"), true);
                None
            }
        }
    };
    let size = terminal.size()?;
    app.on_resize(size.width, size.height);
    terminal.draw(|frame| view::draw(frame, &app))?;

    let mut worker: Option<Worker> = None;
    'events: loop {
        let Ok(first) = receiver.recv() else { break };
        app.now = crate::clock::now().unwrap_or_else(|_| jiff::Zoned::now());
        let mut effects = handle(&mut app, first);
        while let Ok(more) = receiver.try_recv() {
            effects.extend(handle(&mut app, more));
        }
        for effect in effects {
            match effect {
                Effect::Quit => break 'events,
                Effect::Search(request) => {
                    if let Some(w) = &worker {
                        w.submit(request);
                    }
                }
                Effect::Index(index) => match &worker {
                    Some(w) => w.set_index(index),
                    None => {
                        let sender = sender.clone();
                        worker = Some(Worker::spawn(index, move |r| {
                            let _ = sender.send(Event::Search(r));
                        }));
                    }
                },
                Effect::Edit { line } => {
                    let creators = session.workspace.creators_file();
                    if let Err(e) = edit(&mut terminal, &input, &creators, line) {
                        app.notice = Some(Notice {
                            text: format!("could not open the editor: {e}"),
                            error: true,
                        });
                    }
                    start_load(&session, &mut app, &sender);
                }
                Effect::Task(task) => {
                    if let Task::Load(progress, latest) = &task {
                        app.load_progress = Some(std::sync::Arc::clone(progress));
                        tick(
                            std::sync::Arc::clone(progress),
                            std::sync::Arc::clone(latest),
                            &sender,
                        );
                        app.loading = true;
                    }
                    spawn(&session, task, &sender);
                }
            }
        }
        terminal.draw(|frame| view::draw(frame, &app))?;
    }
    input.stop();
    if let Some(file) = &state {
        // A convenience: not being able to keep it is no reason to fail the run.
        let _ = crate::store::state::remember(file, session.workspace.root(), &app.remembered());
    }
    // Saves and exports under way finish before the program ends: a change the user saw
    // saved is saved, and an export is written whole or not at all.
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.saving > 0 || app.exporting > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok(Event::Done(done)) if matches!(*done, Done::Saved(_) | Done::Exported(_)) => {
                control::on_done(&mut app, *done);
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(app
        .unsaved
        .iter()
        .flat_map(|u| {
            u.edits.iter().map(move |e| {
                format!(
                    "not saved in {}: {} ({})",
                    u.campaign,
                    e.describe(),
                    first_line(&u.error)
                )
            })
        })
        .collect())
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn handle(app: &mut App, event: Event) -> Vec<Effect> {
    match event {
        Event::Terminal(Term::Key(key)) if key.kind != event::KeyEventKind::Release => {
            control::on_key(app, key)
        }
        Event::Terminal(Term::Mouse(mouse)) => control::on_mouse(app, mouse),
        Event::Terminal(Term::Resize(w, h)) => app.on_resize(w, h),
        Event::Terminal(_) => Vec::new(),
        Event::Search(response) => app.on_results(response),
        Event::Done(done) => control::on_done(app, *done),
        Event::Changed(changed) => app.on_changed(changed),
        Event::Tick => Vec::new(),
        Event::Partial(index) => app.on_partial(*index),
    }
}

/// Reads the database, its progress shown as it goes.
fn start_load(session: &Session, app: &mut App, sender: &Sender<Event>) {
    let task = Task::load();
    if let Task::Load(progress, latest) = &task {
        app.load_progress = Some(std::sync::Arc::clone(progress));
        tick(
            std::sync::Arc::clone(progress),
            std::sync::Arc::clone(latest),
            sender,
        );
    }
    app.loading = true;
    spawn(session, task, sender);
}

/// Wakes the loop a few times a second until `progress` is over, so that the bar shows how
/// far a long read has come.
fn tick(
    progress: std::sync::Arc<crate::store::progress::Progress>,
    latest: super::tasks::Latest,
    sender: &Sender<Event>,
) {
    let sender = sender.clone();
    std::thread::spawn(move || {
        while !progress.is_finished() {
            std::thread::sleep(Duration::from_millis(200));
            // What was read so far, when there is more of it.
            let partial = latest.lock().ok().and_then(|mut slot| slot.take());
            let event = match partial {
                Some(index) => Event::Partial(Box::new(index)),
                None => Event::Tick,
            };
            if sender.send(event).is_err() {
                break;
            }
        }
    });
}

/// Does `task` on a thread of its own; what it found arrives as an event.
fn spawn(session: &Session, task: Task, sender: &Sender<Event>) {
    let (session, sender) = (session.clone(), sender.clone());
    std::thread::spawn(move || {
        let now = crate::clock::now().unwrap_or_else(|_| jiff::Zoned::now());
        let done = perform(&session, task, &now);
        let _ = sender.send(Event::Done(Box::new(done)));
    });
}

/// `path` with the home folder written `~`, as users write it.
fn tilde(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_string(),
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
