//! The stage picker (`s`): moves the chosen entries to the stage picked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{frame_box, who};
use crate::model::Stage;
use crate::tui::app::{App, Target};
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::centred;
use crate::tui::room::{Overlay, Reply};

/// The stage picker's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "stages", title: "Stage picker", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&["enter", "space"], Action::Apply, "move to this stage", Some("move")),
    (&["esc", "q", "s"], Action::Back, "cancel", Some("cancel")),
]});

/// The picker for `targets`, its cursor on a stage.
#[derive(Debug)]
pub struct StagePicker {
    pub cursor: usize,
    pub targets: Vec<Target>,
}

impl StagePicker {
    /// The picker for `targets`, on the stage of the first.
    pub fn new(targets: Vec<Target>) -> StagePicker {
        let cursor = Stage::ALL
            .iter()
            .position(|s| Some(*s) == targets.first().map(|t| t.entry.stage))
            .unwrap_or(0);
        StagePicker { cursor, targets }
    }
}

impl Overlay<App> for StagePicker {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(Stage::ALL.len() - 1),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Apply => {
                let targets = std::mem::take(&mut self.targets);
                let to = Stage::ALL[self.cursor];
                // Signing asks for the fee agreed.
                if to == Stage::Contracted && targets.iter().any(|t| t.entry.stage != to) {
                    app.open(super::form::Form::fee(targets, Some(to)));
                    return Reply::close();
                }
                return Reply::close_with(app.set_stage(targets, to));
            }
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let current: Vec<Stage> = self.targets.iter().map(|t| t.entry.stage).collect();
        let lines: Vec<Line<'_>> = Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mark = if current.contains(s) { "●" } else { " " };
                let style = if i == self.cursor {
                    app.theme.cursor
                } else if s.is_closed() {
                    app.theme.muted
                } else {
                    app.theme.text
                };
                Line::styled(format!(" {mark} {:<12} {}", s.name(), s.label_zh()), style)
            })
            .collect();
        let rect = centred(area, 40, Stage::ALL.len() as u16 + 2);
        let title = format!("Move {} to…", who(&self.targets));
        let inner = frame_box(frame, app, rect, &title);
        frame.render_widget(Paragraph::new(lines), inner);
    }

    crate::any_overlay!();
}
