//! The detail pane: everything about the creator under the cursor, and their entry in the open
//! campaign. Long values wrap under themselves rather than under the labels.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::display::{compact, escape, escape_keeping_lines, grouped, percent};
use crate::model::Creator;
use crate::search::{Picked, Query, Why, why};
use crate::tui::app::{App, OpenCampaign};
use crate::tui::theme::Theme;
use crate::tui::wrap::wrap;

/// Columns taken by a field's label: ` email    `.
const LABEL: usize = 10;

pub fn draw(frame: &mut Frame<'_>, app: &App, rect: Rect) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(" Creator ", theme.title));
    let inner = block.inner(rect);
    let lines = lines(app, inner.width);
    // Scrolled no further than the last line coming into view.
    let scroll = usize::from(app.detail_scroll).min(last_scroll(lines.len(), inner.height)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
}

/// Scrolls the details drawn in `rect` by a line or a page; the view stops at the last line.
pub fn scroll(app: &mut App, action: crate::tui::keymap::Action, rect: Rect) {
    use crate::tui::keymap::Action;
    let page = rect.height.saturating_sub(3).max(1);
    let max = max_scroll(app, rect);
    app.detail_scroll = match action {
        Action::DetailDown => app.detail_scroll.saturating_add(1),
        Action::DetailUp => app.detail_scroll.saturating_sub(1),
        Action::PageDown => app.detail_scroll.saturating_add(page),
        Action::PageUp => app.detail_scroll.saturating_sub(page),
        _ => app.detail_scroll,
    }
    .min(max);
}

/// How far the details can be scrolled in a pane of `rect`.
pub fn max_scroll(app: &App, rect: Rect) -> u16 {
    let inner = Block::new().borders(Borders::ALL).inner(rect);
    last_scroll(lines(app, inner.width).len(), inner.height) as u16
}

fn last_scroll(lines: usize, height: u16) -> usize {
    lines.saturating_sub(usize::from(height))
}

/// The pane's lines, wrapped to `width`.
fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut pane = Pane {
        theme,
        lines: Vec::new(),
    };
    match &app.detail {
        Some((row, creator)) => {
            creator_lines(app, *row, creator, &mut pane);
            if let Some(open) = &app.campaign {
                campaign_lines(app, open, *row, &mut pane);
            }
        }
        None if app.partial => pane.line(
            vec![Span::styled(
                " details come once every creator is read",
                theme.muted,
            )],
            0,
        ),
        None => pane.line(vec![Span::styled(" nothing selected", theme.muted)], 0),
    }
    pane.lines
        .iter()
        .flat_map(|(line, hang)| wrap(line, usize::from(width), *hang))
        .collect()
}

/// The pane's lines before wrapping, each with the indent of its continuation lines.
struct Pane<'t> {
    theme: &'t Theme,
    lines: Vec<(Line<'static>, usize)>,
}

impl Pane<'_> {
    fn line(&mut self, spans: Vec<Span<'static>>, hang: usize) {
        self.lines.push((Line::from(spans), hang));
    }

    fn blank(&mut self) {
        self.lines.push((Line::default(), 0));
    }

    fn heading(&mut self, text: String) {
        let style = self.theme.header;
        self.line(vec![Span::styled(text, style)], 1);
    }

    /// ` label    value`, the value wrapping under itself.
    fn field(&mut self, label: &str, value: String, style: Style) {
        let muted = self.theme.muted;
        self.line(
            vec![
                Span::styled(format!(" {label:<8} "), muted),
                Span::styled(value, style),
            ],
            LABEL,
        );
    }

    /// A text of several lines under a label (the label on its first line only).
    fn text(&mut self, label: &str, text: &str) {
        let style = self.theme.text;
        for (i, line) in escape_keeping_lines(text).lines().enumerate() {
            if i == 0 {
                self.field(label, line.to_string(), style);
            } else {
                self.line(
                    vec![
                        Span::raw(" ".repeat(LABEL)),
                        Span::styled(line.to_string(), style),
                    ],
                    LABEL,
                );
            }
        }
    }
}

/// How the results show row `row`: the channel picked and its cost per engagement, and why the
/// query matched it.
fn shown(app: &App, row: u32) -> (Option<Picked>, Why) {
    let results = &app.results;
    let picked = results
        .rows
        .iter()
        .position(|&r| r == row)
        .and_then(|i| results.picked.get(i).copied());
    // What was run: the corrected query when the typed one found nothing.
    let corrected = results
        .corrected
        .as_deref()
        .and_then(|q| Query::parse(q).ok());
    let why = match (&app.db, corrected.as_ref().or(results.query.as_ref())) {
        (Some(db), Some(query)) => why(&db.index, row as usize, query),
        _ => Why::default(),
    };
    (picked, why)
}

fn creator_lines(app: &App, row: u32, c: &Creator, pane: &mut Pane<'_>) {
    let theme = &app.theme;
    let (picked, why) = shown(app, row);
    // The creator's channel the row is shown by, in the order of the creator's channels.
    let matched_channel = picked.and_then(|p| p.channel).and_then(|ch| {
        let db = app.db.as_ref()?;
        db.index
            .row_channels
            .get(row as usize)
            .iter()
            .position(|&c| c == ch)
    });
    pane.line(
        vec![
            Span::styled(format!(" {}", escape(&c.name)), theme.title),
            Span::styled(format!("  {}", escape(&c.id)), theme.muted),
        ],
        1,
    );
    let mut about: Vec<String> = Vec::new();
    if let Some(k) = c.kind {
        about.push(k.name().to_uppercase());
    }
    let about = about.join(" · ");
    let about = if about.is_empty() {
        Vec::new()
    } else {
        vec![about]
    };
    let mut about: Vec<Span<'static>> = about
        .iter()
        .map(|a| Span::raw(format!(" {}", escape(a))))
        .collect();
    if let Some(l) = &c.location {
        // The location in the query's colour when the query found it.
        let style = if why.location {
            theme.matched
        } else {
            Style::new()
        };
        about.push(Span::raw(if about.is_empty() { " " } else { " · " }));
        about.push(Span::styled(escape(l.as_ref()).into_owned(), style));
    }
    if !c.languages.is_empty() {
        let sep = if about.is_empty() { " " } else { " · " };
        about.push(Span::raw(format!("{sep}{}", escape(&join(&c.languages)))));
    }
    if !about.is_empty() {
        pane.line(about, 1);
    }
    if !c.aliases.is_empty() {
        pane.field("also", escape(&join(&c.aliases)).into_owned(), theme.text);
    }
    pane.blank();
    pane.heading(" Channels".into());
    for (k, ch) in c.channels.iter().enumerate() {
        let mut parts = vec![
            format!("{:<4}", ch.platform.short()),
            escape(&ch.handle).into_owned(),
        ];
        if let Some(f) = ch.followers {
            parts.push(format!("{} {}", compact(f), app.tiers.tier(f)));
        }
        if let Some(e) = ch.engagement {
            parts.push(percent(e));
        }
        if let Some(v) = ch.avg_views {
            parts.push(format!("{} views", compact(v)));
        }
        // The channel the results show the creator by, marked.
        if matched_channel == Some(k) {
            pane.line(
                vec![
                    Span::styled(" ▸", theme.matched),
                    Span::raw(parts.join("  ")),
                ],
                6,
            );
        } else {
            pane.line(vec![Span::raw(format!("  {}", parts.join("  ")))], 6);
        }
        if let Some(url) = &ch.url {
            pane.line(
                vec![Span::styled(format!("      {}", escape(url)), theme.muted)],
                6,
            );
        }
    }
    let tier = c.tier(&app.tiers).map_or("-", |t| t.name());
    pane.line(
        vec![Span::styled(
            format!(
                "  total {} · {tier}",
                c.known_followers()
                    .map_or_else(|| "unknown".into(), compact)
            ),
            theme.muted,
        )],
        2,
    );
    pane.blank();
    match &c.email {
        Some(e) => pane.field("email", escape(e).into_owned(), theme.text),
        None => pane.field("email", "none (needed to invite)".into(), theme.warning),
    }
    if let Some(rate) = c.rate {
        let currency = c.currency.as_deref().unwrap_or(&app.currency);
        let rate = format!("{} {} per post", escape(currency), grouped(rate));
        pane.field("rate", rate, theme.text);
    }
    if let Some(cpe) = picked.and_then(|p| p.cpe) {
        let base = escape(&app.rates.base).into_owned();
        let on = matched_channel
            .and_then(|k| c.channels.get(k))
            .map(|ch| format!(" on {}", ch.platform.short()))
            .unwrap_or_default();
        pane.field(
            "cpe",
            format!("{base} {cpe:.2} per engagement{on}"),
            theme.text,
        );
    }
    let mut vetting = Vec::new();
    if let Some(d) = c.vetted_on {
        vetting.push(format!("checked {d}"));
    }
    if let Some(f) = c.fake_followers {
        vetting.push(format!("{} fake followers", percent(f)));
    }
    if !vetting.is_empty() {
        pane.field("vetting", vetting.join(" · "), theme.text);
    }
    elsewhere(app, row, pane);
    if !c.niches.is_empty() {
        // Each tag the query found (美妝 finding "makeup") in the query's colour.
        let mut spans = vec![Span::styled(format!(" {:<8} ", "niches"), theme.muted)];
        for (i, tag) in c.niches.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(", ", theme.text));
            }
            let style = if why.niches.iter().any(|n| n == tag.as_str()) {
                theme.matched
            } else {
                theme.text
            };
            spans.push(Span::styled(escape(tag).into_owned(), style));
        }
        pane.line(spans, LABEL);
    }
    if let Some(notes) = &c.notes {
        pane.blank();
        pane.heading(" Notes".into());
        for line in escape_keeping_lines(notes).lines() {
            pane.line(vec![Span::raw(format!("  {line}"))], 2);
        }
    }
}

/// The other campaigns the creator is on and their stage there; in the warning colour when
/// talks or work are under way in one (a competing brand may be negotiating with them).
fn elsewhere(app: &App, row: u32, pane: &mut Pane<'_>) {
    let open = app.campaign.as_ref().map(|o| o.campaign.id.as_str());
    let Some(on) = app.memberships.get(&row) else {
        return;
    };
    let others: Vec<&(String, crate::model::Stage)> = on
        .iter()
        .filter(|(c, _)| Some(c.as_str()) != open)
        .collect();
    if others.is_empty() {
        return;
    }
    let busy = others.iter().any(|(_, s)| s.is_active());
    let text = others
        .iter()
        .map(|(c, s)| format!("{} {}", escape(c), s.name()))
        .collect::<Vec<_>>()
        .join(" · ");
    let label = if open.is_some() { "also on" } else { "on" };
    let style = if busy {
        app.theme.warning
    } else {
        app.theme.text
    };
    pane.field(label, text, style);
}

/// The creator in the open campaign: stage, fee, follow-up, notes and every change of stage.
fn campaign_lines(app: &App, open: &OpenCampaign, row: u32, pane: &mut Pane<'_>) {
    let theme = &app.theme;
    pane.blank();
    pane.heading(format!(" In {}", escape(&open.campaign.brief.name)));
    let Some(entry) = open.entry(row) else {
        pane.line(
            vec![Span::styled("  not on this shortlist", theme.muted)],
            2,
        );
        return;
    };
    pane.field("stage", entry.stage.name().into(), theme.title);
    if let Some(fee) = entry.fee {
        let currency = open
            .campaign
            .brief
            .currency
            .as_deref()
            .unwrap_or(&app.currency);
        pane.field(
            "fee",
            format!("{} {}", escape(currency), grouped(fee)),
            theme.text,
        );
    }
    if let Some(date) = entry.follow_up {
        pane.field("due", format!("follow up on {date}"), theme.text);
    }
    if let Some(d) = &entry.deliverables_note {
        pane.text("deliver", d);
    }
    for d in &entry.deliverables {
        let text = format!("{}: {}", d.id, crate::outreach::records::state(d));
        pane.field("content", escape(&text).into_owned(), theme.text);
    }
    if !entry.payments.is_empty() {
        let (paid, owed) = entry.paid_and_owed();
        pane.field(
            "paid",
            format!("{} · owed {}", grouped(paid), grouped(owed)),
            theme.text,
        );
    }
    if let Some(until) = entry.contract.as_ref().and_then(|c| c.usage_until) {
        pane.field("rights", format!("usage until {until}"), theme.text);
    }
    let today = app.now.date();
    if let Some(next) = crate::outreach::next_action_by(entry, today, &app.cadence) {
        let style = if next.on <= today {
            theme.error
        } else {
            theme.muted
        };
        pane.field("next", escape(&next.describe(today)).into_owned(), style);
    }
    if let Some(notes) = &entry.notes {
        pane.text("notes", notes);
    }
    if !entry.history.is_empty() {
        pane.field("history", String::new(), theme.text);
        for change in &entry.history {
            let when = change
                .at
                .to_zoned(jiff::tz::TimeZone::fixed(change.offset))
                .strftime("%Y-%m-%d %H:%M")
                .to_string();
            let mut spans = vec![
                Span::styled(format!("  {when}  "), theme.muted),
                Span::styled(change.what(), theme.text),
            ];
            if let Some(note) = &change.note {
                spans.push(Span::styled(format!("  {}", escape(note)), theme.muted));
            }
            pane.line(spans, 20);
        }
    }
}

fn join(items: &[impl AsRef<str>]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}
