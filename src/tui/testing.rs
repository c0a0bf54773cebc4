//! Driving the app in tests as the event loop does, with the real database reader, the real
//! search worker and the real views drawn on ratatui's test backend; only the terminal is
//! left out. Effects run one after the other, each search waiting for its answer, so that
//! what is on screen after a key is exactly what the user sees once the search is back.

use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::control;
use super::effect::Effect;
use super::keymap::{Key, Mode};
use super::tasks::{Task, perform};
use super::theme::Theme;
use super::view;
use crate::model::TierBounds;
use crate::search::{Response, Worker};
use crate::store::{Config, Origin, UserDirs, Workspace};
use crate::workspace::Session;

/// The sample workspace the program ships with (read only: copy it to change it).
pub fn sample() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// A copy of the sample workspace that a test may change.
pub fn copy_of_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy(&sample(), dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("a folder to copy") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

/// Every mode by a short name, for tests.
pub mod modes {
    pub use crate::tui::overlays::ask::MODE as ASK;
    pub use crate::tui::overlays::campaigns::MODE as CAMPAIGNS;
    pub use crate::tui::overlays::compare::MODE as COMPARE;
    pub use crate::tui::overlays::confirm::MODE as CONFIRM;
    pub use crate::tui::overlays::date::MODE as DATE;
    pub use crate::tui::overlays::detail::MODE as DETAIL;
    pub use crate::tui::overlays::entry::MODE as ENTRY;
    pub use crate::tui::overlays::export::MODE as EXPORT;
    pub use crate::tui::overlays::exported::MODE as EXPORTED;
    pub use crate::tui::overlays::filter::MODE as FILTER;
    pub use crate::tui::overlays::form::MODE as FORM;
    pub use crate::tui::overlays::help::MODE as HELP;
    pub use crate::tui::overlays::note::MODE as NOTE;
    pub use crate::tui::overlays::problems::MODE as PROBLEMS;
    pub use crate::tui::overlays::sort::MODE as SORT;
    pub use crate::tui::overlays::stages::MODE as STAGES;
    pub use crate::tui::overlays::stages::NOTE as STAGE_NOTE;
    pub use crate::tui::screens::board::MODE as BOARD;
    pub use crate::tui::screens::due::MODE as DUE;
    pub use crate::tui::screens::report::MODE as REPORT;
    pub use crate::tui::screens::search::{NORMAL, TYPING};
}

/// The time the tests' app lives at.
pub const NOW: &str = "2026-11-22T09:30:00+08:00[Asia/Taipei]";

/// An app on a workspace, with what it asked the loop for that a test may check.
pub struct Harness {
    pub app: App,
    session: Session,
    worker: Option<Worker>,
    responses: Receiver<Response>,
    sender: mpsc::Sender<Response>,
    /// Lines the app asked to open in the editor.
    pub edits: Vec<u32>,
    pub quit: bool,
}

impl Harness {
    /// The app on the workspace in `dir`, its database read, the first search answered.
    pub fn open(dir: &Path, width: u16, height: u16) -> Harness {
        let (sender, responses) = mpsc::channel();
        let mut harness = Harness {
            app: App::new(
                "~/kol",
                super::rooms::keymap(),
                Theme::mono(),
                TierBounds::default(),
            ),
            session: Session {
                workspace: Workspace::at(dir),
                origin: Origin::Flag,
                config: Config::default(),
                config_problems: Vec::new(),
                dirs: UserDirs::default(),
            },
            worker: None,
            responses,
            sender,
            edits: Vec::new(),
            quit: false,
        };
        harness.app.now = NOW.parse().expect("a fixed time");
        harness.app.templates = harness.session.template_names();
        harness.app.sample = harness.session.workspace.is_sample();
        harness.app.cadence = std::sync::Arc::new(harness.session.config.cadence.clone());
        harness.app.new_settings = harness.session.new_settings();
        let effects = harness.app.on_resize(width, height);
        harness.run(effects);
        harness.reload();
        harness
    }

    /// Reads replies from `mailboxes`, as `[mail] mailboxes` in the configuration says.
    pub fn with_mailboxes(&mut self, mailboxes: Vec<std::path::PathBuf>) {
        self.app.mailboxes = !mailboxes.is_empty();
        self.session.config.mailboxes = mailboxes;
    }

    /// Reads the database again, as after an edit.
    pub fn reload(&mut self) {
        self.run(vec![Effect::Task(Task::load())]);
    }

    /// Presses keys written as in the key map, separated by spaces: `"/ j k enter"`.
    pub fn keys(&mut self, keys: &str) {
        for name in keys.split_whitespace() {
            let key = Key::parse(name).unwrap_or_else(|e| panic!("{e}"));
            let effects = control::on_key(&mut self.app, key.to_event());
            self.run(effects);
        }
    }

    /// Types text one character at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = Key {
                code: crossterm::event::KeyCode::Char(c),
                ctrl: false,
                alt: false,
            };
            let effects = control::on_key(&mut self.app, key.to_event());
            self.run(effects);
        }
    }

    /// Where the keyboard is talking to now.
    pub fn mode(&self) -> Mode {
        control::mode(&self.app)
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        let effects = self.app.on_resize(width, height);
        self.run(effects);
    }

    /// Carries out effects as the event loop would, effects of the answers included.
    pub fn run(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            let more = match effect {
                Effect::Search(request) => {
                    let generation = request.generation;
                    let worker = self.worker.as_ref().expect("a search before any index");
                    worker.submit(request);
                    loop {
                        let response = self
                            .responses
                            .recv_timeout(Duration::from_secs(60))
                            .expect("the search worker answers");
                        if response.generation == generation {
                            break self.app.on_results(response);
                        }
                    }
                }
                Effect::Index(index) => {
                    match &self.worker {
                        Some(worker) => worker.set_index(index),
                        None => {
                            let sender = self.sender.clone();
                            self.worker = Some(Worker::spawn(index, move |r| {
                                let _ = sender.send(r);
                            }));
                        }
                    }
                    Vec::new()
                }
                Effect::Edit { line } => {
                    self.edits.push(line);
                    Vec::new()
                }
                Effect::Task(task) => {
                    let done = perform(&self.session, task, &self.app.now);
                    control::on_done(&mut self.app, done)
                }
                Effect::Quit => {
                    self.quit = true;
                    Vec::new()
                }
            };
            self.run(more);
        }
    }

    /// The screen as drawn now.
    pub fn buffer(&self) -> Buffer {
        let backend = TestBackend::new(self.app.width, self.app.height);
        let mut terminal = Terminal::new(backend).expect("a test terminal");
        terminal
            .draw(|frame| view::draw(frame, &self.app))
            .expect("drawing");
        terminal.backend().buffer().clone()
    }

    /// The screen as text, one line per row, trailing spaces left out.
    pub fn screen(&self) -> String {
        text(&self.buffer())
    }
}

/// A buffer as the terminal would show it: a wide character's second cell is not printed.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
