//! The note editor (`n`): the entry's notes, several lines; `ctrl-s` saves.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::frame_box;
use crate::display::{escape, truncate};
use crate::tui::app::{App, Target};
use crate::tui::input::TextArea;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::centred;
use crate::tui::room::{Overlay, Reply};

/// The note editor's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "note", title: "Note editor", takes_text: true, keys: &[
    (&["ctrl-s"], Action::Apply, "save the note", Some("save")),
    (&["enter"], Action::Newline, "new line", None),
    (&["esc"], Action::Back, "cancel", Some("cancel")),
    (&["backspace"], Action::DeleteBack, "delete before the cursor", None),
    (&["delete"], Action::DeleteForward, "delete under the cursor", None),
    (&["left"], Action::Left, "cursor left", None),
    (&["right"], Action::Right, "cursor right", None),
    (&["up"], Action::Up, "line up", None),
    (&["down"], Action::Down, "line down", None),
    (&["home", "ctrl-a"], Action::LineStart, "start of the line", None),
    (&["end", "ctrl-e"], Action::LineEnd, "end of the line", None),
]});

/// The notes of one entry being edited.
#[derive(Debug)]
pub struct NoteEditor {
    pub target: Target,
    pub area: TextArea,
}

impl NoteEditor {
    /// The editor on `target`'s notes.
    pub fn new(target: Target) -> NoteEditor {
        let area = TextArea::new(target.entry.notes.as_deref().unwrap_or(""));
        NoteEditor { target, area }
    }
}

impl Overlay<App> for NoteEditor {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let area = &mut self.area;
        match action {
            Action::Insert(c) => area.insert(c),
            Action::Newline => area.insert('\n'),
            Action::DeleteBack => area.delete_back(),
            Action::DeleteForward => area.delete_forward(),
            Action::Left => area.left(),
            Action::Right => area.right(),
            Action::Up => area.up(),
            Action::Down => area.down(),
            Action::LineStart => area.line_start(),
            Action::LineEnd => area.line_end(),
            Action::Apply => {
                let text = area.text();
                return Reply::close_with(app.save_note(self.target.clone(), text));
            }
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let rect = centred(area, 72, 14);
        let title = format!(
            "Note · {} in {} · ctrl-s saves · esc cancels",
            self.target.entry.creator, self.target.campaign
        );
        let inner = frame_box(frame, app, rect, &title);
        if inner.height == 0 || inner.width == 0 {
            return;
        }
        let text = &self.area;
        let (line, column) = text.cursor_position();
        let height = usize::from(inner.height);
        let top = line.saturating_sub(height - 1);
        let room = usize::from(inner.width).saturating_sub(1);
        // The cursor's line is shifted left when the cursor would be past the edge.
        let shift = column.saturating_sub(room);
        let all = text.text();
        let lines: Vec<Line<'_>> = all
            .split('\n')
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(i, l)| {
                let shown = escape(l).into_owned();
                let shown = if i == line && shift > 0 {
                    skip_columns(&shown, shift)
                } else {
                    truncate(&shown, usize::from(inner.width)).into_owned()
                };
                Line::styled(shown, app.theme.text)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
        let x = inner.x + (column - shift).min(room) as u16;
        let y = inner.y + (line - top) as u16;
        frame.set_cursor_position((x, y));
    }

    crate::any_overlay!();
}

/// `text` without its first `columns` terminal columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            used <= columns
        })
        .collect()
}
