//! The boxes for changing the shortlist: the stage picker, the note and follow-up date editors,
//! and the question asked when quitting with changes not saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::overlays::split_wide_characters;
use crate::display::{escape, truncate, width};
use crate::model::Stage;
use crate::tui::app::{App, Target};
use crate::tui::input::{TextArea, TextInput};
use crate::tui::layout::centred;

/// "sarsa", or "3 creators".
fn who(targets: &[Target]) -> String {
    match targets {
        [one] => one.entry.creator.to_string(),
        many => format!("{} creators", many.len()),
    }
}

fn frame_box(frame: &mut Frame<'_>, app: &App, rect: Rect, title: &str) -> Rect {
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

pub fn stages(frame: &mut Frame<'_>, app: &App, area: Rect, cursor: usize, targets: &[Target]) {
    let current: Vec<Stage> = targets.iter().map(|t| t.entry.stage).collect();
    let lines: Vec<Line<'_>> = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mark = if current.contains(s) { "●" } else { " " };
            let style = if i == cursor {
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
    let title = format!("Move {} to…", who(targets));
    let inner = frame_box(frame, app, rect, &title);
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn note(frame: &mut Frame<'_>, app: &App, area: Rect, target: &Target, text: &TextArea) {
    let rect = centred(area, 72, 14);
    let title = format!(
        "Note · {} in {} · ctrl-s saves · esc cancels",
        target.entry.creator, target.campaign
    );
    let inner = frame_box(frame, app, rect, &title);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
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

pub fn date(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    targets: &[Target],
    input: &TextInput,
    error: Option<&str>,
) {
    let rect = centred(area, 60, 6);
    let title = format!("Follow up with {} on…", who(targets));
    let inner = frame_box(frame, app, rect, &title);
    let prompt = " date: ";
    let lines = vec![
        Line::from(vec![
            Span::styled(prompt, app.theme.muted),
            Span::styled(escape(input.text()).into_owned(), app.theme.title),
        ]),
        Line::styled(
            " 2026-11-30, +3 (days from today), or none to clear",
            app.theme.muted,
        ),
        match error {
            Some(e) => Line::styled(format!(" {}", escape(e)), app.theme.error),
            None => Line::styled(" enter sets it · esc cancels", app.theme.muted),
        },
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    if inner.height > 0 {
        let x = inner.x + (width(prompt) + input.cursor_column()) as u16;
        frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y));
    }
}

pub fn confirm(frame: &mut Frame<'_>, app: &App, area: Rect) {
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
