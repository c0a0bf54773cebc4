//! The follow-up date editor (`d`): a date, `+3` days from today, or `none`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_box, who};
use crate::display::{escape, width};
use crate::tui::app::{App, Target};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::centred;
use crate::tui::room::{Overlay, Reply};

/// The date editor's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "date", title: "Follow-up date", takes_text: true, keys: &[
    (&["enter"], Action::Apply, "set the date", Some("set")),
    (&["esc"], Action::Back, "cancel", Some("cancel")),
    (&["backspace"], Action::DeleteBack, "delete before the cursor", None),
    (&["delete"], Action::DeleteForward, "delete under the cursor", None),
    (&["left"], Action::Left, "cursor left", None),
    (&["right"], Action::Right, "cursor right", None),
    (&["ctrl-u"], Action::ClearLine, "clear", None),
]});

/// The follow-up date of `targets` being typed.
#[derive(Debug)]
pub struct DateEditor {
    pub targets: Vec<Target>,
    pub input: TextInput,
    pub error: Option<String>,
    /// A date in the past that enter was pressed on once: a second enter sets it.
    pub past: Option<jiff::civil::Date>,
}

impl DateEditor {
    /// The editor for `targets`, starting from the first one's date.
    pub fn new(targets: Vec<Target>) -> DateEditor {
        let shown = targets
            .first()
            .and_then(|t| t.entry.follow_up)
            .map(|d| d.to_string())
            .unwrap_or_default();
        // The date there is, selected: what is typed replaces it.
        DateEditor {
            targets,
            input: TextInput::selected(&shown),
            error: None,
            past: None,
        }
    }
}

impl Overlay<App> for DateEditor {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let input = &mut self.input;
        match action {
            _ if input.edit(action) => {}
            // A date that does not read stays in the editor with what is wrong.
            Action::Apply => {
                let today = app.now.date();
                return match crate::outreach::follow_up::read_date(input.text(), today) {
                    // A day already gone is set only when asked twice.
                    Ok(Some(date)) if date < today && self.past != Some(date) => {
                        let days = (today - date).get_days();
                        self.past = Some(date);
                        self.error = Some(format!(
                            "{date} is in the past ({days} day{} ago): enter again to set it anyway",
                            if days == 1 { "" } else { "s" }
                        ));
                        Reply::stay()
                    }
                    Ok(date) => {
                        let targets = std::mem::take(&mut self.targets);
                        Reply::close_with(app.follow_up(targets, date))
                    }
                    Err(e) => {
                        self.error = Some(e);
                        Reply::stay()
                    }
                };
            }
            Action::Back => return Reply::close(),
            _ => return Reply::stay(),
        }
        self.error = None;
        self.past = None;
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let box_width = area.width.min(60);
        // The message under the date wraps inside the box, which grows to hold it.
        let message = match &self.error {
            Some(e) => Line::styled(format!(" {}", escape(e)), app.theme.error),
            None => Line::styled(" enter sets it · esc cancels", app.theme.muted),
        };
        let message = crate::tui::wrap::wrap(&message, usize::from(box_width.saturating_sub(2)), 1);
        let rect = centred(area, 60, 4 + message.len() as u16);
        let title = format!("Follow up with {} on…", who(&self.targets));
        let inner = frame_box(frame, app, rect, &title);
        let prompt = " date: ";
        // Selected text shows reversed: typing replaces it.
        let style = if self.input.is_selected() {
            app.theme.title.add_modifier(Modifier::REVERSED)
        } else {
            app.theme.title
        };
        let lines = vec![
            Line::from(vec![
                Span::styled(prompt, app.theme.muted),
                Span::styled(escape(self.input.text()).into_owned(), style),
            ]),
            Line::styled(
                " 2026-11-30, today, +3 (days from today), or none to clear",
                app.theme.muted,
            ),
        ];
        let lines: Vec<Line<'_>> = lines.into_iter().chain(message).collect();
        frame.render_widget(Paragraph::new(lines), inner);
        if inner.height > 0 {
            let x = inner.x + (width(prompt) + self.input.cursor_column()) as u16;
            frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
        }
    }

    crate::any_overlay!();
}
