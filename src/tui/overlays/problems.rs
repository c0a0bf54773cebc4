//! Problems (`!`): every problem of the configuration, the database and the open campaign.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::help::scroll;
use super::{boxed, lay_out, plural};
use crate::display::{escape, width};
use crate::store::Severity;
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The problems overlay's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "problems", title: "Problems", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "scroll down", None),
    (&["k", "up"], Action::Up, "scroll up", None),
    (&["pgdn"], Action::PageDown, "page down", None),
    (&["pgup"], Action::PageUp, "page up", None),
    (&["esc", "q", "!"], Action::Back, "close", Some("close")),
]});

/// The problems, scrolled this far.
#[derive(Debug, Default)]
pub struct Problems {
    pub scroll: usize,
}

impl Overlay<App> for Problems {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let (_, lines, width) = lines(app);
        let max = lay_out(app.screen(), width, &lines, 2).max_scroll();
        scroll(&mut self.scroll, max, app, action)
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let (title, lines, width) = lines(app);
        boxed(
            frame,
            app,
            &title,
            lay_out(area, width, &lines, 2),
            self.scroll,
        );
    }

    crate::any_overlay!();
}

/// Opens the problems, unless they are open already.
pub fn show(app: &mut App) {
    if app.overlay::<Problems>().is_none() {
        app.open(Problems::default());
    }
}

/// The overlay's title, lines and width.
fn lines(app: &App) -> (String, Vec<Line<'static>>, u16) {
    let theme = &app.theme;
    let mut lines: Vec<Line<'static>> = app
        .all_problems()
        .map(|d| {
            let style = if d.severity == Severity::Error {
                theme.error
            } else {
                theme.warning
            };
            Line::styled(escape(&d.to_string()).into_owned(), style)
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("no problems in the files", theme.ok));
    }
    let errors = app.all_problems().filter(|p| p.is_error()).count();
    let warnings = app.all_problems().count() - errors;
    // Said only when it is so: problems of the configuration or a campaign leave no one out.
    let left_out = if app.problems.iter().any(|p| p.is_error()) {
        " · creators with errors are left out"
    } else {
        ""
    };
    let title = format!(
        "{} · {}{left_out} · esc closes",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    let longest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let width = u16::try_from(longest + 4)
        .unwrap_or(u16::MAX)
        .max(width(&title) as u16 + 4);
    (title, lines, width)
}
