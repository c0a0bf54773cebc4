//! Drawing the interface from the app state. Nothing here changes the state: every function
//! takes `&App`, so what is on screen is a function of the state alone.

mod board;
pub mod detail;
mod due;
mod editors;
pub mod export;
pub mod overlays;
mod results;
mod wrap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus, View};
use super::keymap::{Action, Hint, Mode};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use crate::display::{escape, truncate, width};

/// The prompt before the query.
pub const PROMPT: &str = " / ";

/// Where the creator's details are drawn: over the whole screen when asked for, else in their
/// pane if the screen has room for one.
pub fn detail_rect(app: &App) -> Option<Rect> {
    if app
        .overlays
        .iter()
        .any(|o| matches!(o, super::app::Overlay::Detail))
    {
        return (app.width >= MIN_WIDTH && app.height >= MIN_HEIGHT)
            .then(|| Rect::new(0, 0, app.width, app.height - 1));
    }
    app.areas()?.detail
}

/// Draws the whole screen. Whatever was drawn, no cell leaves holding a character a terminal
/// would obey ([`crate::display::is_unsafe`]): the views escape the text of files as they lay
/// it out, and this last pass makes sure of it.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    draw_views(frame, app);
    defuse(frame.buffer_mut());
}

/// Replaces every unsafe character left in a cell with `�`.
fn defuse(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        if cell.symbol().chars().any(crate::display::is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

fn draw_views(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    let Some(areas) = Areas::new(area.width, area.height, app.error_lines(area.width)) else {
        too_small(frame, app, area);
        return;
    };
    let body = Rect::new(0, 0, area.width, area.height - 1);
    match app.view {
        View::Search => {
            query_line(frame, app, areas.query);
            if let Some(rect) = areas.error {
                error_line(frame, app, rect);
            }
            results::draw(frame, app, &areas);
            if let Some(rect) = areas.detail {
                detail::draw(frame, app, rect);
            }
        }
        View::Board => board::draw(frame, app, body),
        View::Due => due::draw(frame, app, body),
    }
    bar(frame, app, areas.bar);
    overlays::draw(frame, app, area);
    if app.mode() == Mode::Typing {
        let x = areas.query.x + width(PROMPT) as u16 + app.query.cursor_column() as u16;
        frame.set_cursor_position((x.min(area.width.saturating_sub(1)), areas.query.y));
    }
}

fn too_small(frame: &mut Frame<'_>, app: &App, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = vec![
        Line::styled("Window too small", app.theme.title),
        Line::from(format!(
            "needs {MIN_WIDTH}×{MIN_HEIGHT}, is {}×{}",
            area.width, area.height
        )),
        Line::styled("q quits", app.theme.muted),
    ];
    let top = area.y + area.height.saturating_sub(3) / 2;
    let rect = Rect::new(area.x, top, area.width, area.height.min(3));
    frame.render_widget(Paragraph::new(lines).centered(), rect);
}

fn query_line(frame: &mut Frame<'_>, app: &App, rect: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Query && app.overlays.is_empty();
    let prompt_style = if focused { theme.key } else { theme.muted };
    let mut spans = vec![Span::styled(PROMPT, prompt_style)];
    if app.query.text().is_empty() && !focused {
        spans.push(Span::styled(
            "press / to search: words, niche:…, platform:ig, followers:10k..50k, er:>3, -word",
            theme.muted,
        ));
    } else {
        spans.push(Span::styled(
            escape(app.query.text()).into_owned(),
            theme.text,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), rect);
}

fn error_line(frame: &mut Frame<'_>, app: &App, rect: Rect) {
    let Err(error) = &app.parsed else { return };
    let text = app.query.text();
    let start = error.span.start.min(text.len());
    let end = error.span.end.clamp(start, text.len());
    let before = width(PROMPT) + width(&text[..start]);
    let carets = width(&text[start..end]).max(1);
    let mut marks = vec![
        Span::raw(" ".repeat(before)),
        Span::styled("^".repeat(carets), app.theme.error),
    ];
    let message = escape(&error.message);
    let room = usize::from(rect.width).saturating_sub(width(PROMPT));
    let message = Span::styled(truncate(&message, room).into_owned(), app.theme.error);
    let lines = if rect.height > 1 {
        // Too long to follow the marks: the message goes on the line under them.
        vec![
            Line::from(marks),
            Line::from(vec![Span::raw(" ".repeat(width(PROMPT))), message]),
        ]
    } else {
        marks.extend([Span::raw(" "), message]);
        vec![Line::from(marks)]
    };
    frame.render_widget(Paragraph::new(lines), rect);
}

fn bar(frame: &mut Frame<'_>, app: &App, rect: Rect) {
    let theme = &app.theme;
    let mut left: Vec<Span<'_>> = Vec::new();
    if !app.unsaved.is_empty() {
        // Never out of sight while it lasts.
        left.push(Span::styled(
            format!(" {} not saved (w) ·", app.unsaved_count()),
            theme.error,
        ));
    }
    match &app.notice {
        Some(notice) => left.push(Span::styled(
            format!(" {}", escape(&notice.text)),
            if notice.error { theme.error } else { theme.ok },
        )),
        None => {
            let count = if app.loading && app.db.is_none() {
                " loading…".to_string()
            } else {
                format!(
                    " {} of {}",
                    crate::display::grouped(app.results.total as u64),
                    total(app)
                )
            };
            left.push(Span::styled(count, theme.title));
            if !app.marked.is_empty() {
                left.push(Span::styled(
                    format!(" · {} selected", app.marked.len()),
                    theme.marked,
                ));
            }
            let errors = app.all_problems().filter(|p| p.is_error()).count();
            if errors > 0 {
                left.push(Span::styled(
                    format!(
                        " · {errors} error{} (!)",
                        if errors == 1 { "" } else { "s" }
                    ),
                    theme.error,
                ));
            }
            left.push(Span::styled(
                format!(" · {}", escape(&app.workspace)),
                theme.muted,
            ));
        }
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(rect.width).saturating_sub(used + 2);
    let hints = fitting_hints(app.keymap.hints(app.mode()), room);
    let hint_width: usize = hints.iter().map(hint_width).sum();
    let gap = usize::from(rect.width).saturating_sub(used + hint_width);
    left.push(Span::raw(" ".repeat(gap)));
    for hint in hints {
        left.push(Span::styled(hint.key, theme.key));
        left.push(Span::styled(format!(" {}  ", hint.word), theme.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), rect);
}

fn hint_width(hint: &Hint) -> usize {
    width(&hint.key) + 1 + width(hint.word) + 2
}

/// The hints that fit in `room` columns, in table order: help and the ways out first, then
/// the others as they come.
fn fitting_hints(hints: Vec<Hint>, room: usize) -> Vec<Hint> {
    let first = |h: &Hint| {
        matches!(
            h.action,
            Action::Help | Action::Quit | Action::Back | Action::Done
        )
    };
    let mut keep = vec![false; hints.len()];
    let mut used = 0;
    let order = (0..hints.len())
        .filter(|&i| first(&hints[i]))
        .chain((0..hints.len()).filter(|&i| !first(&hints[i])));
    for i in order {
        let w = hint_width(&hints[i]);
        if used + w <= room {
            keep[i] = true;
            used += w;
        }
    }
    hints
        .into_iter()
        .zip(keep)
        .filter_map(|(h, k)| k.then_some(h))
        .collect()
}

fn total(app: &App) -> String {
    let n = app.db.as_ref().map_or(0, |db| db.index.len());
    let noun = if n == 1 { "creator" } else { "creators" };
    format!("{} {noun}", crate::display::grouped(n as u64))
}

#[cfg(test)]
mod tests;
