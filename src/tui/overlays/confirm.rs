//! The question asked when quitting with changes not saved: save, quit anyway, or stay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::frame_box;
use crate::display::escape;
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::centred;
use crate::tui::room::{Overlay, Reply};

/// The question's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "confirm", title: "Quitting with changes not saved", takes_text: false, keys: &[
    (&["w"], Action::Retry, "try saving again", Some("save")),
    (&["y", "q"], Action::ForceQuit, "quit without saving", Some("quit")),
    (&["esc", "n"], Action::Back, "stay", Some("stay")),
]});

/// Quit with changes not saved?
#[derive(Debug)]
pub struct ConfirmQuit;

impl Overlay<App> for ConfirmQuit {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Retry => Reply::close_with(app.retry()),
            Action::Back => Reply::close(),
            _ => Reply::stay(),
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let mut lines = vec![Line::styled(
            format!(
                " {} change{} could not be saved:",
                app.unsaved_count(),
                if app.unsaved_count() == 1 { "" } else { "s" }
            ),
            app.theme.error,
        )];
        for u in &app.unsaved {
            for e in &u.edits {
                lines.push(Line::from(format!(
                    "   {}: {}",
                    escape(&u.campaign),
                    escape(&e.describe())
                )));
            }
        }
        lines.push(Line::default());
        lines.push(Line::styled(
            " w try saving again · q quit without saving them · esc stay",
            app.theme.key,
        ));
        let longest = lines.iter().map(Line::width).max().unwrap_or(0);
        let rect = centred(area, longest as u16 + 4, lines.len() as u16 + 2);
        let inner = frame_box(frame, app, rect, "Quit?");
        frame.render_widget(Paragraph::new(lines), inner);
    }

    crate::any_overlay!();
}
