//! The event loop: terminal events from an input thread, search results from the worker and
//! databases from a loader thread all arrive on one channel; the loop hands them to the app,
//! carries out the effects it returns, and draws once per batch. It blocks while nothing
//! happens, so an idle interface uses no processor time.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event as Term};

use super::app::{
    App, CampaignChoice, CampaignLoaded, DueItem, Effect, ExportPreview, ExportReport, Notice,
    Overlay, SaveReport,
};
use super::tasks::{
    campaign_choices, due_items, prepare_export, read_campaign, save_campaign, write_export,
};
use super::terminal::{Guard, Input, edit, enter};
use super::{settings, view};
use crate::search::{Index, Response, Worker};
use crate::store::{self, Config, Diagnostic, Opened, Workspace};

/// What the interface is opened on.
pub struct Start {
    pub workspace: Workspace,
    pub creators: PathBuf,
    /// `creators.toml` as named in messages.
    pub file: String,
    pub cache: Option<PathBuf>,
    pub config: Config,
    pub config_problems: Vec<Diagnostic>,
}

pub(super) enum Event {
    Terminal(Term),
    Search(Response),
    Loaded(Box<Result<Opened<Index>, String>>),
    Campaigns(Vec<CampaignChoice>),
    Campaign(Box<CampaignLoaded>),
    Saved(Box<SaveReport>),
    Due(Vec<DueItem>, Vec<Diagnostic>),
    ExportPrepared(Box<ExportPreview>),
    Exported(Box<ExportReport>),
}

/// Runs the interface until the user quits. The terminal is restored on every way out,
/// panics included. Returns what the user must be told once the terminal is theirs again:
/// changes that could not be saved.
pub fn run(start: Start) -> anyhow::Result<Vec<String>> {
    let (keymap, theme, mut problems) = settings::from_config(&start.config, settings::no_color());
    problems.splice(0..0, start.config_problems.iter().cloned());
    let shown = tilde(start.workspace.root());
    let mut app = App::new(&shown, keymap, theme, start.config.tiers);
    app.settings_problems = problems;
    app.currency = start.config.currency.clone();
    if !app.settings_problems.is_empty() {
        app.overlays.push(Overlay::Problems { scroll: 0 });
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
    let input = Input::spawn(sender.clone());
    load(&start, &sender);
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
                    if let Err(e) = edit(&mut terminal, &input, &start.creators, line) {
                        app.notice = Some(Notice {
                            text: format!("could not open the editor: {e}"),
                            error: true,
                        });
                    }
                    app.loading = true;
                    load(&start, &sender);
                }
                Effect::Reload => {
                    app.loading = true;
                    load(&start, &sender);
                }
                Effect::ListCampaigns => list_campaigns(&start.workspace, &sender),
                Effect::Save {
                    campaign,
                    edits,
                    index,
                } => save(&start.workspace, campaign, edits, index, &sender),
                Effect::LoadDue { index, today } => {
                    let (workspace, sender) = (start.workspace.clone(), sender.clone());
                    std::thread::spawn(move || {
                        let (items, problems) = due_items(&workspace, &index, today);
                        let _ = sender.send(Event::Due(items, problems));
                    });
                }
                Effect::OpenCampaign { id, index } => {
                    open_campaign(&start.workspace, id, index, &sender)
                }
                Effect::PrepareExport(request) => {
                    let (workspace, sender) = (start.workspace.clone(), sender.clone());
                    std::thread::spawn(move || {
                        let preview = prepare_export(&workspace, &request);
                        let _ = sender.send(Event::ExportPrepared(Box::new(preview)));
                    });
                }
                Effect::WriteExport(write) => {
                    let (workspace, sender) = (start.workspace.clone(), sender.clone());
                    std::thread::spawn(move || {
                        let report = write_export(&workspace, *write);
                        let _ = sender.send(Event::Exported(Box::new(report)));
                    });
                }
            }
        }
        terminal.draw(|frame| view::draw(frame, &app))?;
    }
    input.stop();
    // Saves and exports under way finish before the program ends: a change the user saw
    // saved is saved, and an export is written whole or not at all.
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.saving > 0 || app.exporting > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        match receiver.recv_timeout(left) {
            Ok(Event::Saved(report)) => {
                app.on_saved(*report);
            }
            Ok(Event::Exported(report)) => {
                app.on_exported(*report);
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
            app.on_key(key)
        }
        Event::Terminal(Term::Mouse(mouse)) => app.on_mouse(mouse),
        Event::Terminal(Term::Resize(w, h)) => app.on_resize(w, h),
        Event::Terminal(_) => Vec::new(),
        Event::Search(response) => app.on_results(response),
        Event::Loaded(outcome) => app.on_loaded(*outcome),
        Event::Campaigns(list) => app.on_campaigns(list),
        Event::Campaign(loaded) => app.on_campaign(*loaded),
        Event::Saved(report) => app.on_saved(*report),
        Event::Due(items, problems) => app.on_due(items, problems),
        Event::ExportPrepared(preview) => app.on_export_prepared(*preview),
        Event::Exported(report) => app.on_exported(*report),
    }
}

/// Saves changes to a campaign on a thread of its own; the report arrives as an event.
fn save(
    workspace: &Workspace,
    campaign: String,
    edits: Vec<crate::outreach::Edit>,
    index: Arc<Index>,
    sender: &Sender<Event>,
) {
    let (workspace, sender) = (workspace.clone(), sender.clone());
    std::thread::spawn(move || {
        let now = crate::clock::now().unwrap_or_else(|_| jiff::Zoned::now());
        let result = save_campaign(&workspace, &campaign, &edits, &index, &now);
        let report = SaveReport {
            campaign,
            edits,
            result,
        };
        let _ = sender.send(Event::Saved(Box::new(report)));
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

/// Lists the workspace's campaigns with their names, on a thread of its own.
fn list_campaigns(workspace: &Workspace, sender: &Sender<Event>) {
    let (workspace, sender) = (workspace.clone(), sender.clone());
    std::thread::spawn(move || {
        let _ = sender.send(Event::Campaigns(campaign_choices(&workspace)));
    });
}

/// Reads a campaign and checks its entries against `index`, on a thread of its own.
fn open_campaign(workspace: &Workspace, id: String, index: Arc<Index>, sender: &Sender<Event>) {
    let (workspace, sender) = (workspace.clone(), sender.clone());
    std::thread::spawn(move || {
        let loaded = read_campaign(&workspace, id, index);
        let _ = sender.send(Event::Campaign(Box::new(loaded)));
    });
}

/// Reads the database on its own thread; the result arrives as an event.
fn load(start: &Start, sender: &Sender<Event>) {
    let (path, file, cache) = (
        start.creators.clone(),
        start.file.clone(),
        start.cache.clone(),
    );
    let sender = sender.clone();
    std::thread::spawn(move || {
        let outcome =
            store::open_derived::<Index>(&path, &file, cache.as_deref()).map_err(|e| e.to_string());
        let _ = sender.send(Event::Loaded(Box::new(outcome)));
    });
}
