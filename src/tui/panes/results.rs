//! The result table: name (matched characters highlighted), the channel shown (the one that
//! matched), its followers, tier and engagement, the total followers,
//! the stage in the open campaign, niches and location; the cursor row and selected
//! rows marked.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use super::columns::{Column, Content, lay_out};
use crate::display::{compact, escape, percent, truncate, width};
use crate::search::index::{Index, NONE};
use crate::search::{Query, highlights};
use crate::tui::app::{App, Focus, SORTS};
use crate::tui::layout::Areas;

pub fn draw(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    let theme = &app.theme;
    let rect = areas.table;
    let sort = match app.results.sort {
        Some(sort) => SORTS
            .iter()
            .find(|(s, _)| *s == Some(sort))
            .map_or("", |(_, name)| name),
        // What automatic means for the query at hand.
        None if app.results.query.as_ref().is_some_and(|q| q.has_text()) => "relevance",
        None => "followers",
    };
    let mut title = match &app.campaign {
        Some(open) => format!(
            " Results · by {sort} · stages in {} ",
            escape(&open.campaign.id)
        ),
        None => format!(" Results · by {sort} "),
    };
    if let Some(corrected) = &app.results.corrected {
        title = format!(
            " nothing matches as typed · showing results for \"{}\" ",
            escape(corrected)
        );
    }
    let focused = app.focus == Focus::Results && app.overlays.is_empty();
    let block = Block::new().borders(Borders::ALL).border_style(if focused {
        theme.focused_border
    } else {
        theme.border
    });
    let Some(db) = &app.db else {
        let block = block.title(Line::styled(title, theme.title));
        let message = match (&app.load_progress, app.loading) {
            (Some(p), true) => format!("  reading the creators: {}", p.describe("read")),
            (None, true) => "  reading the creators…".to_string(),
            _ => "  no creators loaded".to_string(),
        };
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Line::styled(message, theme.muted)).block(block),
            rect,
        );
        return;
    };
    let index = &db.index;
    let stages = app.campaign.as_ref().map(|c| &c.stages);
    let visible: Vec<(usize, u32)> = app
        .results
        .rows
        .iter()
        .copied()
        .enumerate()
        .skip(app.offset)
        .take(areas.visible_rows())
        .collect();
    let mut content = Content::default();
    for &(i, row) in &visible {
        let r = row as usize;
        let channel = app.results.picked.get(i).and_then(|p| p.channel);
        content.name = content.name.max(width(&escape(index.name(r))));
        if let Some(c) = channel {
            content.channel = content
                .channel
                .max(width(&escape(&index.channel_label(c as usize))));
        }
        content.niches = content.niches.max(width(&escape(&niches(index, r))));
        content.location = content.location.max(width(&escape(&location(index, r))));
    }
    let cpe = app.results.sort == Some(crate::search::Sort::CostPerEngagement);
    let laid = lay_out(rect.width.saturating_sub(2), content, stages.is_some(), cpe);
    let room = usize::from(rect.width.saturating_sub(2)).saturating_sub(width(&title) + 1);
    let mut block = block.title(Line::styled(title, theme.title));
    if !laid.hidden.is_empty() {
        // What a wider window would show is named, not silently dropped.
        let words: Vec<&str> = laid.hidden.iter().map(|c| c.word()).collect();
        let long = format!(" no room: {} ", words.join(", "));
        let short = format!(" +{} hidden ", words.len());
        let note = [long, short].into_iter().find(|t| width(t) <= room);
        if let Some(note) = note {
            block = block.title_top(Line::styled(note, theme.muted).right_aligned());
        }
    }
    let columns: Vec<Column> = laid.columns.iter().map(|(c, _)| *c).collect();
    let header: Vec<&str> = columns.iter().map(|c| c.header()).collect();
    let widths: Vec<Constraint> = laid
        .columns
        .iter()
        .map(|(_, w)| Constraint::Length(*w))
        .collect();
    let fit = |column: Column, text: &str| -> String {
        let w = laid
            .columns
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(0, |(_, w)| usize::from(*w));
        truncate(text, w).into_owned()
    };
    let name_width = laid
        .columns
        .iter()
        .find(|(c, _)| *c == Column::Name)
        .map_or(0, |(_, w)| usize::from(*w));
    let query = app.results.query.as_ref();
    let rows: Vec<Row<'_>> = visible
        .iter()
        .map(|&(i, row)| {
            let r = row as usize;
            let picked = app.results.picked.get(i).copied();
            let channel = picked.and_then(|p| p.channel).map(|c| c as usize);
            let marked = app.marked.contains(&row);
            let cells = columns.iter().map(|column| match column {
                Column::Mark => {
                    Cell::from(Span::styled(if marked { "●" } else { " " }, theme.marked))
                }
                Column::Name => Cell::from(name(app, index, r, query, name_width)),
                Column::Channel => {
                    let label = channel.map(|c| index.channel_label(c)).unwrap_or_default();
                    Cell::from(fit(Column::Channel, &escape(&label)))
                }
                Column::Followers => Cell::from(followers(app, index, channel)),
                Column::Engagement => Cell::from(engagement(index, channel)),
                Column::Cpe => Cell::from(
                    picked
                        .and_then(|p| p.cpe)
                        .map_or_else(|| "-".into(), |c| format!("{c:>8.2}")),
                ),
                Column::Total => Cell::from(total(index, r)),
                Column::Stage => {
                    let stage = stages.and_then(|s| s.get(r).copied().flatten());
                    Cell::from(stage.map_or("", |s| s.name()))
                }
                Column::Niches => Cell::from(fit(Column::Niches, &escape(&niches(index, r)))),
                Column::Location => Cell::from(fit(Column::Location, &escape(&location(index, r)))),
            });
            let cells: Vec<Cell<'_>> = cells.collect();
            let style = if i == app.cursor {
                theme.cursor
            } else if marked {
                theme.marked
            } else {
                theme.text
            };
            Row::new(cells).style(style)
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, rect);
    if app.results.rows.is_empty() && !app.loading {
        let empty = Line::styled("  no creators match this query", theme.muted);
        let y = areas.first_row_y();
        if y < rect.y + rect.height.saturating_sub(1) {
            frame.render_widget(
                ratatui::widgets::Paragraph::new(empty),
                ratatui::layout::Rect::new(rect.x + 1, y, rect.width.saturating_sub(2), 1),
            );
        }
    }
}

/// The name with the characters the query matched highlighted. A name with control characters
/// is shown escaped, without highlights (their places would not line up).
fn name<'a>(
    app: &App,
    index: &'a Index,
    row: usize,
    query: Option<&Query>,
    room: usize,
) -> Line<'a> {
    let text = index.name(row);
    let escaped = escape(text);
    let marks = match (query, &escaped) {
        (Some(q), std::borrow::Cow::Borrowed(_)) => highlights(index, row, q),
        _ => Vec::new(),
    };
    if marks.is_empty() {
        return Line::from(truncate(&escaped, room).into_owned());
    }
    // Cut as the plain text would be, keeping the highlights of what is left.
    let cut = width(text) > room;
    let mut used = 0;
    let mut spans: Vec<Span<'_>> = Vec::new();
    for (i, c) in text.chars().enumerate() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if cut && used + w > room.saturating_sub(1) {
            spans.push(Span::styled("…", app.theme.text));
            break;
        }
        used += w;
        let style = if marks.binary_search(&i).is_ok() {
            app.theme.matched
        } else {
            app.theme.text
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    Line::from(spans)
}

/// The followers and tier of the channel a row is shown by.
fn followers(app: &App, index: &Index, channel: Option<usize>) -> String {
    match channel.and_then(|c| index.channel_followers_known(c)) {
        Some(f) => format!("{:>5} {}", compact(f), app.tiers.tier(f)),
        None => "    -".to_string(),
    }
}

/// The followers of all a row's channels, when any is known.
fn total(index: &Index, row: usize) -> String {
    let known = index
        .row_channels
        .get(row)
        .iter()
        .any(|&c| index.channel_followers_known(c as usize).is_some());
    if known {
        format!("{:>5}", compact(index.followers[row]))
    } else {
        "    -".into()
    }
}

fn engagement(index: &Index, channel: Option<usize>) -> String {
    channel
        .and_then(|c| index.channel_engagement_known(c))
        .map_or_else(|| "-".into(), percent)
}

fn niches(index: &Index, row: usize) -> String {
    index
        .row_niches
        .get(row)
        .iter()
        .map(|&n| index.niches[n as usize].0.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn location(index: &Index, row: usize) -> String {
    let l = index.location[row];
    if l == NONE {
        String::new()
    } else {
        index.locations[l as usize].0.to_string()
    }
}
