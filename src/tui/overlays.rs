//! The boxes over the screen, one room each: its state, its keys (its mode in the key map), what
//! its keys do, and how it is drawn. What they share is here: how a box is laid out and framed.

pub mod ask;
pub mod campaigns;
pub mod compare;
pub mod confirm;
pub mod date;
pub mod detail;
pub mod entry;
pub mod export;
pub mod exported;
pub mod filter;
pub mod form;
pub mod help;
pub mod note;
pub mod problems;
pub mod settings;
pub mod sort;
pub mod stages;
pub mod welcome;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Target};
use super::layout::centred;
use crate::display::{escape, width};
use crate::tui::wrap::wrap;

/// A box's place on the screen and its lines wrapped to fit inside it.
pub struct Laid {
    pub rect: Rect,
    pub lines: Vec<Line<'static>>,
}

/// Lays a box out: at most `width` wide, as tall as its lines once wrapped (continuation lines
/// indented by `hang`), but never taller than the screen.
pub fn lay_out(area: Rect, width: u16, lines: &[Line<'_>], hang: usize) -> Laid {
    let w = width.min(area.width);
    let inner = usize::from(w.saturating_sub(2));
    let lines: Vec<Line<'static>> = lines.iter().flat_map(|l| wrap(l, inner, hang)).collect();
    let most = area.height.saturating_sub(2).max(3);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(most);
    Laid {
        rect: centred(area, w, h),
        lines,
    }
}

impl Laid {
    /// How far the box's lines can be scrolled.
    pub fn max_scroll(&self) -> usize {
        let inner = usize::from(self.rect.height.saturating_sub(2));
        self.lines.len().saturating_sub(inner)
    }
}

/// Draws a laid-out box with its title, its lines scrolled by `scroll`.
pub fn boxed(frame: &mut Frame<'_>, app: &App, title: &str, laid: Laid, scroll: usize) {
    let rect = laid.rect;
    frame.render_widget(Clear, rect);
    split_wide_characters(frame, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.focused_border)
        .title(Line::styled(format!(" {title} "), app.theme.title));
    let scroll = scroll.min(laid.max_scroll());
    frame.render_widget(
        Paragraph::new(laid.lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rect,
    );
}

/// Clears `rect`, frames it with `title`, and gives the room inside the frame.
pub fn frame_box(frame: &mut Frame<'_>, app: &App, rect: Rect, title: &str) -> Rect {
    frame.render_widget(Clear, rect);
    split_wide_characters(frame, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.focused_border)
        .title(Line::styled(
            format!(" {} ", escape(title)),
            app.theme.title,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Blanks a wide character (Chinese, emoji) that the box's left edge cuts in half. The terminal
/// would otherwise draw all of it and push the border one column right.
pub fn split_wide_characters(frame: &mut Frame<'_>, rect: Rect) {
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buffer[(rect.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The lines of a form's fields, each `label  value` (the focused one marked, its text shown
/// selected when it is), and the width of the labels, for continuation lines to hang under the
/// values.
pub fn field_lines(
    app: &App,
    fields: &[(&str, &crate::tui::input::TextInput)],
    at: usize,
) -> (Vec<Line<'static>>, usize) {
    let theme = &app.theme;
    let label_width = fields.iter().map(|(l, _)| width(l)).max().unwrap_or(8) + 2;
    let lines = fields
        .iter()
        .enumerate()
        .map(|(i, (label, input))| {
            let focused = i == at;
            let pad = " ".repeat(label_width.saturating_sub(width(label)));
            let style = match (focused, input.is_selected()) {
                (true, true) => theme.title.add_modifier(ratatui::style::Modifier::REVERSED),
                (true, false) => theme.title,
                _ => theme.text,
            };
            let mut spans = vec![
                ratatui::text::Span::styled(
                    format!(" {label}{pad}"),
                    if focused { theme.key } else { theme.muted },
                ),
                ratatui::text::Span::styled(escape(input.text()).into_owned(), style),
            ];
            if focused {
                spans.push(ratatui::text::Span::styled("▏", theme.title));
            }
            Line::from(spans)
        })
        .collect();
    (lines, label_width)
}

/// What a form says under its fields: the focused field's hint, then what is wrong or the keys.
pub fn form_footer(app: &App, hint: &str, error: Option<&str>) -> Vec<Line<'static>> {
    let theme = &app.theme;
    vec![
        Line::default(),
        Line::styled(format!(" {}", escape(hint)), theme.muted),
        match error {
            Some(e) => Line::styled(format!(" {}", escape(e)), theme.error),
            None => Line::styled(" tab next field · enter saves · esc cancels", theme.muted),
        },
    ]
}

/// "sarsa", or "3 creators".
pub fn who(targets: &[Target]) -> String {
    match targets {
        [one] => one.entry.creator.to_string(),
        many => format!("{} creators", many.len()),
    }
}

/// "1 error", "3 warnings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The usual `as_any` pair of an overlay, written once.
#[macro_export]
macro_rules! any_overlay {
    () => {
        fn as_any(&self) -> &dyn std::any::Any {
            self
        }
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
}
