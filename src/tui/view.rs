//! Drawing the interface from the app state: the screen on show, the bar, then the overlays
//! bottom to top. Nothing here changes the state: every function takes `&App`, so what is on
//! screen is a function of the state alone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, View};
use super::control::mode;
use super::keymap::{Action, Hint};
use super::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::screens::{board, due, report, search};
use crate::display::{escape, width};

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
        View::Search => search::draw(frame, app, &areas),
        View::Board => board::draw(frame, app, body),
        View::Due => due::draw(frame, app, body),
        View::Report => report::draw(frame, app, body),
    }
    bar(frame, app, areas.bar);
    for overlay in &app.overlays {
        overlay.draw(app, frame, area);
    }
    overflow(frame, app, areas.bar);
}

/// A message longer than the bar is shown whole: the bar keeps its first line, and the rest is
/// drawn just above it, wrapped, over what is there until the next key.
fn overflow(frame: &mut Frame<'_>, app: &App, bar: Rect) {
    let Some(notice) = &app.notice else { return };
    let style = if notice.error {
        app.theme.error
    } else {
        app.theme.ok
    };
    if !overflows(app, bar.width) {
        return;
    }
    let text = format!(" {}", escape(&notice.text));
    let lines = super::wrap::wrap(
        &Line::styled(text, style),
        usize::from(bar.width).saturating_sub(1),
        1,
    );
    let rows = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(bar.y / 2);
    let rect = Rect::new(bar.x, bar.y.saturating_sub(rows), bar.width, rows);
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines).style(app.theme.text), rect);
}

/// True when the message does not fit in the bar: it is drawn above it instead.
fn overflows(app: &App, columns: u16) -> bool {
    app.notice.as_ref().is_some_and(|notice| {
        width(&escape(&notice.text)) + 1 + unsaved_width(app) > usize::from(columns)
    })
}

fn unsaved_width(app: &App) -> usize {
    if app.unsaved.is_empty() {
        0
    } else {
        width(&format!(" {} not saved (w) ·", app.unsaved_count()))
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
    match app.notice.as_ref().filter(|_| !overflows(app, rect.width)) {
        Some(notice) => left.push(Span::styled(
            format!(" {}", escape(&notice.text)),
            if notice.error { theme.error } else { theme.ok },
        )),
        None => {
            let count = if app.partial {
                // Results among what is read so far, while the rest comes.
                let read = app.load_progress.as_ref().map_or(String::new(), |p| {
                    format!(" · still reading: {}", p.describe("creators"))
                });
                format!(
                    " {} of {} read so far (partial){read}",
                    crate::display::grouped(app.results.total as u64),
                    total(app)
                )
            } else if let Some(p) = app
                .load_progress
                .as_ref()
                .filter(|p| app.loading && app.db.is_some() && p.elapsed() > 0.3)
            {
                // A reload after an edit: what is shown stays until the new read is done.
                format!(
                    " {} of {} · reading creators.toml again: {}",
                    crate::display::grouped(app.results.total as u64),
                    total(app),
                    p.describe("creators")
                )
            } else if app.loading && app.db.is_none() {
                // How far the first read has come: what a cold open of a large file takes.
                match app.load_progress.as_ref().filter(|p| p.elapsed() > 0.3) {
                    Some(p) => format!(" reading creators.toml · {}", p.describe("creators")),
                    None => " loading…".to_string(),
                }
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
            if app.sample {
                left.push(Span::styled(" · sample", theme.warning));
            }
            // With a selection, what can be done to it has the room the folder had.
            if app.marked.is_empty() {
                left.push(Span::styled(
                    format!(" · {}", escape(&app.workspace)),
                    theme.muted,
                ));
            }
        }
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(rect.width).saturating_sub(used + 2);
    let hints = fitting_hints(app.keymap.hints(mode(app)), room, !app.marked.is_empty());
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

/// The hints that fit in `room` columns, in table order: help and the ways out first, then,
/// with creators selected, what is done to a selection, then the others as they come.
fn fitting_hints(hints: Vec<Hint>, room: usize, selecting: bool) -> Vec<Hint> {
    let rank = |h: &Hint| match h.action {
        Action::Help | Action::Quit | Action::Back | Action::Done => 0u8,
        Action::Add if selecting => 1,
        Action::Export if selecting => 2,
        Action::SetStage if selecting => 3,
        Action::Remove if selecting => 4,
        _ => 5,
    };
    let mut keep = vec![false; hints.len()];
    let mut used = 0;
    let ranks: Vec<u8> = hints.iter().map(rank).collect();
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by_key(|&i| ranks[i]);
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
