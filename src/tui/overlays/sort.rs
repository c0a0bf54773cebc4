//! The sort menu (`o`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{boxed, lay_out};
use crate::tui::app::{App, FIRST_RANKED, SORTS};
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The sort menu's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "sort", title: "Sort menu", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&["enter", "space"], Action::Apply, "sort by this", Some("sort")),
    (&["esc", "q", "o"], Action::Back, "close", Some("close")),
]});

/// The sort menu, its cursor on one of [`SORTS`].
#[derive(Debug)]
pub struct SortMenu {
    pub cursor: usize,
}

impl SortMenu {
    /// The menu, on the sort in use.
    pub fn new(app: &App) -> SortMenu {
        SortMenu {
            cursor: SORTS.iter().position(|(s, _)| *s == app.sort).unwrap_or(0),
        }
    }
}

impl Overlay<App> for SortMenu {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(SORTS.len() - 1),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Apply => {
                app.sort = SORTS[self.cursor].0;
                return Reply::close_with(app.search(FIRST_RANKED.max(app.results.limit)));
            }
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let lines: Vec<Line<'_>> = SORTS
            .iter()
            .enumerate()
            .map(|(i, (sort, name))| {
                let mark = if *sort == app.sort { "●" } else { " " };
                let style = if i == self.cursor {
                    app.theme.cursor
                } else {
                    app.theme.text
                };
                Line::styled(format!(" {mark} {name} "), style)
            })
            .collect();
        boxed(frame, app, "Sort by", lay_out(area, 56, &lines, 3), 0);
    }

    crate::any_overlay!();
}
