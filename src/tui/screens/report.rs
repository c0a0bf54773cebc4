//! The open campaign's report (`r`): the money against the budget as a gauge, the headline
//! figures, a bar chart of cost per engagement (or per thousand views) by creator, and the
//! creators' table, sortable on any figure. Figures not measured by the brand are marked `~`;
//! those outside the benchmarks `↑` or `↓`.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Cell, Gauge, Paragraph, Row, Table,
};

use crate::display::{escape, grouped, truncate};
use crate::outreach::report::{CreatorFigures, Report, Totals, flag};
use crate::tui::actions;
use crate::tui::app::App;
use crate::tui::app::report::{COLUMNS, sorted};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};

/// The report's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "report", title: "Report", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next creator", None),
    (&["k", "up"], Action::Up, "previous creator", None),
    (&["o"], Action::Sort, "sort on the next column", Some("sort")),
    (&["O"], Action::Reverse, "sort the other way", None),
    (&["m"], Action::Metric, "chart CPE or CPM", Some("chart")),
    (&["v"], Action::Entry, "the entry: deliverables, payments, rights", Some("entry")),
    (&["enter"], Action::Open, "the creator's details", None),
    (&["p"], Action::Pipeline, "pipeline board", None),
    (&["u"], Action::Due, "agenda", None),
    (&["c"], Action::Campaign, "campaign…", None),
    (&["esc", "r"], Action::Back, "back to the search", Some("search")),
    (&["?"], Action::Help, "help", Some("help")),
    (&["q"], Action::Quit, "quit", Some("quit")),
]});

/// What a key does on the report: move, sort, chart another figure, or act on the creator.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let count = app.report_order().len();
    let view = &mut app.report;
    match action {
        Action::Down => view.cursor = (view.cursor + 1).min(count.saturating_sub(1)),
        Action::Up => view.cursor = view.cursor.saturating_sub(1),
        Action::Sort => {
            view.sort = (view.sort + 1) % COLUMNS.len();
            // Figures read best largest first; names from A.
            view.descending = view.sort >= 3;
        }
        Action::Reverse => view.descending = !view.descending,
        Action::Metric => view.cpm = !view.cpm,
        _ => return actions::views(app, action),
    }
    Vec::new()
}

/// A figure as shown: whole numbers from 100 up, else two decimals; `~` when not measured.
fn shown(t: &Totals, v: Option<f64>) -> String {
    let text = match v {
        None => return "-".into(),
        Some(v) if v >= 100.0 => grouped(v.round() as u64),
        Some(v) => format!("{v:.2}"),
    };
    if t.measured() {
        text
    } else {
        format!("~{text}")
    }
}

fn arrow(v: Option<f64>, range: Option<(f64, f64)>) -> &'static str {
    match flag(v, range) {
        Some("above") => "↑",
        Some("below") => "↓",
        _ => "",
    }
}

fn head(app: &App, r: &Report, name: &str) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let t = &r.totals;
    let mut money = format!(
        " {} · committed {} {}",
        escape(name),
        r.currency,
        grouped(r.committed)
    );
    if let Some(b) = r.budget {
        money.push_str(&format!(" of {}", grouped(b)));
    }
    money.push_str(&format!(
        " · paid {} · owed {}",
        grouped(r.paid),
        grouped(r.owed)
    ));
    let mut lines = vec![Line::styled(money, theme.title)];
    if t.entries == 0 {
        lines.push(Line::styled(" no results recorded yet", theme.muted));
        return lines;
    }
    let b = &r.benchmarks;
    let figures = format!(
        " {} with results · cost {} · views {} · engagements {} · CPM {}{} · CPE {}{} · ROAS {} · {}",
        t.entries,
        grouped(t.cost),
        shown(t, Some(t.views as f64)),
        shown(t, Some(t.engagements as f64)),
        shown(t, t.cpm()),
        arrow(t.cpm(), b.cpm),
        shown(t, t.cpe()),
        arrow(t.cpe(), b.cpe),
        shown(t, t.roas()),
        t.source(),
    );
    lines.push(Line::styled(figures, theme.text));
    lines
}

fn row(c: &CreatorFigures, r: &Report) -> Vec<String> {
    let b = &r.benchmarks;
    let mut cells = vec![
        escape(c.name.as_deref().unwrap_or(&c.creator)).into_owned(),
        c.platform
            .as_ref()
            .map(|p| p.name().to_string())
            .unwrap_or_default(),
        c.tier.map(|t| t.name().to_string()).unwrap_or_default(),
        c.cost.map(grouped).unwrap_or_else(|| "-".into()),
    ];
    match &c.results {
        Some(t) => cells.extend([
            shown(t, Some(t.views as f64)),
            shown(t, Some(t.engagements as f64)),
            format!("{}{}", shown(t, t.cpm()), arrow(t.cpm(), b.cpm)),
            format!("{}{}", shown(t, t.cpe()), arrow(t.cpe(), b.cpe)),
            shown(t, t.roas()),
        ]),
        None => cells.extend(["-", "-", "-", "-", "-"].map(String::from)),
    }
    cells.push(match c.on_time {
        Some(true) => "yes".into(),
        Some(false) => "late".into(),
        None => "-".into(),
    });
    cells.push(c.live.name().into());
    cells
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let (Some(open), Some(db)) = (&app.campaign, &app.db) else {
        frame.render_widget(
            Paragraph::new(Line::styled(" no campaign open: c opens one", theme.muted)),
            area,
        );
        return;
    };
    let r = crate::workspace::figures(&open.campaign, db, &app.tiers, &app.currency);
    let view = &app.report;
    let list = sorted(&r, view);
    let charted: Vec<(&CreatorFigures, f64)> = list
        .iter()
        .filter_map(|c| {
            let t = c.results.as_ref()?;
            Some((*c, if view.cpm { t.cpm()? } else { t.cpe()? }))
        })
        .collect();
    let chart_height = if charted.is_empty() {
        0
    } else {
        charted.len().min(8) as u16 + 2
    };
    let parts = Layout::default()
        .direction(Direction::Vertical)
        .constraints([
            Constraint::Length(2),
            Constraint::Length(1),
            Constraint::Length(chart_height),
            Constraint::Min(3),
        ])
        .split(area);
    frame.render_widget(
        Paragraph::new(head(app, &r, &open.campaign.brief.name)),
        parts[0],
    );
    if let Some(budget) = r.budget.filter(|b| *b > 0) {
        let share = (r.committed as f64 / budget as f64).min(1.0);
        let label = format!(
            "committed {}% of the budget · paid {}%",
            (r.committed.saturating_mul(100))
                .checked_div(budget)
                .unwrap_or(0),
            (r.paid.saturating_mul(100))
                .checked_div(budget)
                .unwrap_or(0)
        );
        let style = if r.committed > budget {
            theme.error
        } else {
            theme.ok
        };
        frame.render_widget(
            Gauge::default()
                .gauge_style(style)
                .ratio(share)
                .label(label),
            parts[1],
        );
    }
    if !charted.is_empty() {
        let metric = if view.cpm { "CPM" } else { "CPE" };
        let bars: Vec<Bar<'_>> = charted
            .iter()
            .take(8)
            .map(|(c, v)| {
                let label =
                    truncate(&escape(c.name.as_deref().unwrap_or(&c.creator)), 14).into_owned();
                Bar::default()
                    .value((v * 100.0).round() as u64)
                    .text_value(if *v >= 100.0 {
                        grouped(v.round() as u64)
                    } else {
                        format!("{v:.2}")
                    })
                    .label(Line::from(label))
            })
            .collect();
        let chart = BarChart::default()
            .block(Block::new().borders(Borders::TOP).title(Line::styled(
                format!(" {metric} by creator (m: the other) "),
                theme.header,
            )))
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.title)
            .value_style(theme.text)
            .data(BarGroup::default().bars(&bars));
        frame.render_widget(chart, parts[2]);
    }
    let header: Vec<Span<'_>> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mark = match (
                i == view.sort && (i > 0 || view.descending),
                view.descending,
            ) {
                (true, true) => "▼",
                (true, false) => "▲",
                _ => "",
            };
            Span::styled(format!("{h}{mark}"), theme.header)
        })
        .collect();
    let cursor = view.cursor.min(list.len().saturating_sub(1));
    let height = usize::from(parts[3].height.saturating_sub(3));
    let top = cursor.saturating_sub(height.saturating_sub(1));
    let rows: Vec<Row<'_>> = list
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, c)| {
            let style = if i == cursor {
                theme.cursor
            } else {
                theme.text
            };
            let cells = row(c, &r).into_iter().enumerate().map(|(i, text)| {
                // Figures line up on the right.
                let text = Text::from(text);
                Cell::from(if (3..=8).contains(&i) {
                    text.right_aligned()
                } else {
                    text
                })
            });
            Row::new(cells).style(style)
        })
        .collect();
    let widths = [
        Constraint::Fill(2),
        Constraint::Length(9),
        Constraint::Length(6),
        Constraint::Length(8),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(9),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(header))
        .column_spacing(1)
        .block(
            Block::new()
                .borders(Borders::ALL)
                .border_style(theme.focused_border)
                .title(Line::styled(
                    format!(" Creators contracted or later · {} ", list.len()),
                    theme.title,
                )),
        );
    frame.render_widget(table, parts[3]);
}
