//! The result table: name (matched characters highlighted), the channel shown (the one that
//! matched), its followers, tier and engagement, the total followers,
//! the stage in the open campaign, niches and location; the cursor row and selected
//! rows marked.

use ratatui::Frame;
use ratatui::layout::Constraint;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};

use crate::display::{compact, escape, percent, truncate};
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
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(Line::styled(title, theme.title));
    let Some(db) = &app.db else {
        let message = if app.loading {
            "  reading the creators…"
        } else {
            "  no creators loaded"
        };
        frame.render_widget(
            ratatui::widgets::Paragraph::new(Line::styled(message, theme.muted)).block(block),
            rect,
        );
        return;
    };
    let index = &db.index;
    let stages = app.campaign.as_ref().map(|c| &c.stages);
    let mut columns = columns(rect.width.saturating_sub(2), stages.is_some());
    if app.results.sort == Some(crate::search::Sort::CostPerEngagement) {
        // The figure sorted on is shown, after the engagement it comes from.
        let at = columns
            .iter()
            .position(|c| matches!(c, Column::Engagement))
            .map_or(columns.len(), |i| i + 1);
        columns.insert(at, Column::Cpe);
    }
    let header: Vec<&str> = columns.iter().map(|c| c.header()).collect();
    let widths: Vec<Constraint> = columns.iter().map(|c| c.width()).collect();
    let query = app.results.query.as_ref();
    let rows: Vec<Row<'_>> = app
        .results
        .rows
        .iter()
        .enumerate()
        .skip(app.offset)
        .take(areas.visible_rows())
        .map(|(i, &row)| {
            let r = row as usize;
            let picked = app.results.picked.get(i).copied();
            let channel = picked.and_then(|p| p.channel).map(|c| c as usize);
            let marked = app.marked.contains(&row);
            let cells = columns.iter().map(|column| match column {
                Column::Mark => {
                    Cell::from(Span::styled(if marked { "●" } else { " " }, theme.marked))
                }
                Column::Name => Cell::from(name(app, index, r, query)),
                Column::Channel(w) => {
                    let label = channel.map(|c| index.channel_label(c)).unwrap_or_default();
                    Cell::from(truncate(&escape(&label), usize::from(*w)).into_owned())
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
                Column::Niches => Cell::from(escape(&niches(index, r)).into_owned()),
                Column::Location => Cell::from(escape(&location(index, r)).into_owned()),
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

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Mark,
    Name,
    /// The channel the row is shown by (the one that matched), this many columns wide.
    Channel(u16),
    Followers,
    Engagement,
    /// Cost per engagement, when sorting on it.
    Cpe,
    /// The followers of every channel together.
    Total,
    Stage,
    Niches,
    Location,
}

impl Column {
    fn header(self) -> &'static str {
        match self {
            Column::Mark => "",
            Column::Name => "NAME",
            Column::Channel(_) => "CHANNEL",
            Column::Followers => "FOLLOWERS",
            Column::Engagement => "ER",
            Column::Cpe => "CPE",
            Column::Total => "TOTAL",
            Column::Stage => "STAGE",
            Column::Niches => "NICHES",
            Column::Location => "LOCATION",
        }
    }

    fn width(self) -> Constraint {
        match self {
            Column::Mark => Constraint::Length(1),
            Column::Name => Constraint::Fill(3),
            Column::Channel(w) => Constraint::Length(w),
            Column::Followers => Constraint::Length(11),
            Column::Engagement => Constraint::Length(6),
            Column::Cpe => Constraint::Length(8),
            Column::Total => Constraint::Length(6),
            Column::Stage => Constraint::Length(11),
            Column::Niches => Constraint::Fill(2),
            Column::Location => Constraint::Length(14),
        }
    }
}

/// The columns that fit in `inner` columns, leaving the name at least 12: the least needed
/// ones go first as the table narrows.
fn columns(inner: u16, stage: bool) -> Vec<Column> {
    let mut columns = vec![Column::Mark, Column::Name, Column::Followers];
    // Each optional column with the width from which it is shown.
    let optional = [
        (Column::Stage, if stage { 40 } else { u16::MAX }),
        (Column::Engagement, 44),
        (Column::Channel(16), 60),
        (Column::Niches, 76),
        (Column::Total, 92),
        (Column::Location, 100),
    ];
    for (column, from) in optional {
        if inner >= from {
            columns.push(column);
        }
    }
    // Table order: name, channel, followers, engagement, stage, niches, location.
    let rank = |c: &Column| match c {
        Column::Mark => 0,
        Column::Name => 1,
        Column::Channel(_) => 2,
        Column::Followers => 3,
        Column::Engagement => 4,
        Column::Cpe => 4,
        Column::Total => 4,
        Column::Stage => 5,
        Column::Niches => 6,
        Column::Location => 7,
    };
    columns.sort_by_key(rank);
    if inner >= 110 {
        for c in &mut columns {
            if let Column::Channel(w) = c {
                *w = 22;
            }
        }
    }
    columns
}

/// The name with the characters the query matched highlighted. A name with control characters
/// is shown escaped, without highlights (their places would not line up).
fn name<'a>(app: &App, index: &'a Index, row: usize, query: Option<&Query>) -> Line<'a> {
    let text = index.names.get(row);
    let escaped = escape(text);
    let marks = match (query, &escaped) {
        (Some(q), std::borrow::Cow::Borrowed(_)) => highlights(index, row, q),
        _ => Vec::new(),
    };
    if marks.is_empty() {
        return Line::from(escaped.into_owned());
    }
    let spans: Vec<Span<'_>> = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let style = if marks.binary_search(&i).is_ok() {
                app.theme.matched
            } else {
                app.theme.text
            };
            Span::styled(c.to_string(), style)
        })
        .collect();
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
