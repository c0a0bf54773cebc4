//! The creator's details over the whole screen (`enter`), for screens too small for the pane
//! and for the board and the follow-ups.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::full_detail;
use crate::tui::panes::detail;
use crate::tui::room::{Overlay, Reply};

/// The details' keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "detail", title: "Creator details", takes_text: false, keys: &[
    (&["j", "down"], Action::DetailDown, "scroll down", None),
    (&["k", "up"], Action::DetailUp, "scroll up", None),
    (&["pgdn"], Action::PageDown, "page down", None),
    (&["pgup"], Action::PageUp, "page up", None),
    (&["e"], Action::Edit, "open the creator in $EDITOR", Some("edit")),
    (&["esc", "q", "enter"], Action::Back, "back to the results", Some("back")),
]});

/// The details of the creator in `app.detail`, full screen.
#[derive(Debug)]
pub struct Details;

impl Overlay<App> for Details {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Back => Reply::close(),
            Action::Edit => {
                let line = app
                    .detail
                    .as_ref()
                    .and_then(|(row, _)| Some(app.db.as_ref()?.index.line[*row as usize]));
                Reply::stay_with(
                    line.map(|line| vec![Effect::Edit { line }])
                        .unwrap_or_default(),
                )
            }
            _ => {
                if let Some(rect) = full_detail(app.width, app.height) {
                    detail::scroll(app, action, rect);
                }
                Reply::stay()
            }
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, _area: Rect) {
        if let Some(rect) = full_detail(app.width, app.height) {
            frame.render_widget(Clear, rect);
            detail::draw(frame, app, rect);
        }
    }

    crate::any_overlay!();
}
