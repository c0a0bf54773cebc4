//! The first run's welcome: the workspace just made is the sample, and how to start one's own.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{boxed, lay_out};
use crate::display::escape;
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The welcome's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "welcome", title: "Welcome", takes_text: false, keys: &[
    (&["esc", "enter", "q"], Action::Back, "try the sample", Some("close")),
]});

/// The welcome, naming the folder the sample was written to.
#[derive(Debug)]
pub struct Welcome {
    pub folder: String,
}

impl Overlay<App> for Welcome {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, _app: &mut App, action: Action) -> Reply {
        if action == Action::Back {
            Reply::close()
        } else {
            Reply::stay()
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let t = &app.theme;
        let folder = escape(&self.folder);
        let lines = vec![
            Line::styled(
                format!(" This is the sample workspace, made in {folder}:"),
                t.text,
            ),
            Line::styled(
                " 97 invented creators and two invented campaigns to try things on. Their follow-ups are not real work; the bar says \"sample\" while it is the sample.",
                t.text,
            ),
            Line::default(),
            Line::styled(" To start your own, quit (q) and run:", t.text),
            Line::styled("   shortlist init --empty ~/kol", t.title),
            Line::styled("   shortlist --workspace ~/kol", t.title),
            Line::styled(
                " or set SHORTLIST_WORKSPACE=~/kol in your shell's profile.",
                t.text,
            ),
            Line::default(),
            Line::styled(" enter: try the sample · ? help", t.key),
        ];
        let laid = lay_out(area, 72, &lines, 1);
        boxed(frame, app, "Welcome to shortlist", laid, 0);
    }

    crate::any_overlay!();
}
