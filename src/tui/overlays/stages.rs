//! The stage picker (`s`): moves the chosen entries to the stage picked. A letter jumps to the
//! stages it starts (`c` goes through contacted, contracted, completed); tab adds a note to the
//! change, kept in the history with it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{frame_box, who};
use crate::display::escape;
use crate::model::Stage;
use crate::tui::app::{App, Target};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::centred;
use crate::tui::room::{Overlay, Reply};

/// The stage picker's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "stages", title: "Stage picker", takes_text: true, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&["enter", "space"], Action::Apply, "move to this stage", Some("move")),
    (&["tab"], Action::WithNote, "write a note for the history with the move", Some("note")),
    (&["esc", "q"], Action::Back, "cancel", Some("cancel")),
]});

/// The keys while the note is typed.
#[rustfmt::skip]
pub const NOTE: Mode = Mode(&ModeInfo { name: "stage-note", title: "Stage picker, writing the note", takes_text: true, keys: &[
    (&["enter"], Action::Apply, "move to the stage, with the note", Some("move")),
    (&["tab", "down", "up"], Action::WithNote, "back to the stages (the note is kept)", Some("stages")),
    (&["esc"], Action::Back, "cancel", Some("cancel")),
    (&["backspace"], Action::DeleteBack, "delete before the cursor", None),
    (&["delete"], Action::DeleteForward, "delete under the cursor", None),
    (&["left"], Action::Left, "cursor left", None),
    (&["right"], Action::Right, "cursor right", None),
    (&["ctrl-u"], Action::ClearLine, "clear", None),
]});

/// The picker for `targets`, its cursor on a stage.
#[derive(Debug)]
pub struct StagePicker {
    pub cursor: usize,
    pub targets: Vec<Target>,
    /// The note for the history.
    pub note: TextInput,
    /// True while the note is typed.
    pub writing: bool,
}

impl StagePicker {
    /// The picker for `targets`, on the stage of the first.
    pub fn new(targets: Vec<Target>) -> StagePicker {
        let cursor = Stage::ALL
            .iter()
            .position(|s| Some(*s) == targets.first().map(|t| t.entry.stage))
            .unwrap_or(0);
        StagePicker {
            cursor,
            targets,
            note: TextInput::default(),
            writing: false,
        }
    }

    /// Moves the cursor to the next stage after it whose name (or Chinese label) starts with
    /// `letter`, round to the first.
    fn jump(&mut self, letter: char) -> bool {
        let starts = |s: &Stage| {
            let lower = letter.to_lowercase().to_string();
            s.name().starts_with(&lower) || s.label_zh().starts_with(letter)
        };
        let n = Stage::ALL.len();
        let found = (1..=n)
            .map(|k| (self.cursor + k) % n)
            .find(|&i| starts(&Stage::ALL[i]));
        if let Some(i) = found {
            self.cursor = i;
        }
        found.is_some()
    }
}

impl Overlay<App> for StagePicker {
    fn mode(&self) -> Mode {
        if self.writing { NOTE } else { MODE }
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        if self.writing {
            match action {
                _ if self.note.edit(action) => {}
                Action::WithNote => self.writing = false,
                _ => {}
            }
            if !matches!(action, Action::Apply | Action::Back) {
                return Reply::stay();
            }
        }
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(Stage::ALL.len() - 1),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::WithNote => self.writing = true,
            Action::Insert(c) if !self.jump(c) => {
                app.tell(format!("no stage starts with {c}"), false);
            }
            Action::Apply => {
                let targets = std::mem::take(&mut self.targets);
                let to = Stage::ALL[self.cursor];
                let note = Some(self.note.text().trim().to_string()).filter(|n| !n.is_empty());
                // Signing asks for the fee agreed.
                if to == Stage::Contracted && targets.iter().any(|t| t.entry.stage != to) {
                    app.open(super::form::Form::fee(targets, Some(to)).with_note(note));
                    return Reply::close();
                }
                return Reply::close_with(app.set_stage(targets, to, note));
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
        let mut lines = lines;
        let note = if self.writing || !self.note.text().is_empty() {
            format!(" note: {}", escape(self.note.text()))
        } else {
            " tab: a note · a letter: jump".to_string()
        };
        let style = if self.writing {
            app.theme.text
        } else {
            app.theme.muted
        };
        lines.push(Line::styled(note, style));
        let rect = centred(area, 44, Stage::ALL.len() as u16 + 3);
        let title = format!("Move {} to…", who(&self.targets));
        let inner = frame_box(frame, app, rect, &title);
        frame.render_widget(Paragraph::new(lines), inner);
        if self.writing {
            let x = inner.x + 7 + self.note.cursor_column() as u16;
            let y = inner.y + Stage::ALL.len() as u16;
            frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), y));
        }
    }

    crate::any_overlay!();
}
