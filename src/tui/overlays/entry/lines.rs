//! The entry view's text: a head (stage, fee, paid and owed, what is next), then one line per
//! record with the cursor's marked.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{EntryView, Row};
use crate::display::{escape, grouped};
use crate::model::{Contract, Deliverable, Payment, Shipment, Step, Verdict};
use crate::outreach::{items_by, next_action_by};
use crate::tui::app::App;

/// What starts the cursor's line.
pub const CURSOR: &str = "▸";

/// A record line: the cursor mark, a label in a column, and the words.
fn record<'a>(chosen: bool, label: &str, words: Vec<Span<'a>>, app: &App) -> Line<'a> {
    let theme = &app.theme;
    let mark = if chosen { CURSOR } else { " " };
    let mut spans = vec![Span::styled(
        format!("{mark} {:<11}", escape(label)),
        if chosen { theme.cursor } else { theme.key },
    )];
    spans.extend(words);
    Line::from(spans)
}

fn plain<'a>(text: String, style: Style) -> Span<'a> {
    Span::styled(escape(&text).into_owned(), style)
}

pub fn lines(app: &App, view: &EntryView) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let e = &view.target.entry;
    let today = app.now.date();
    let mut out = Vec::new();
    let name = app
        .db
        .as_ref()
        .and_then(|db| {
            let ids = db.ids();
            db.name(&ids, &e.creator).map(str::to_string)
        })
        .unwrap_or_else(|| e.creator.to_string());
    out.push(Line::styled(format!(" {}", escape(&name)), theme.title));
    let (paid, owed) = e.paid_and_owed();
    let mut head = format!(" {}", e.stage);
    if let Some(since) = crate::outreach::follow_up::since(e) {
        head.push_str(&format!(" since {since}"));
    }
    if let Some(fee) = e.fee {
        head.push_str(&format!(" · fee {}", grouped(fee)));
    }
    if !e.payments.is_empty() {
        head.push_str(&format!(
            " · paid {} · owed {}",
            grouped(paid),
            grouped(owed)
        ));
    }
    out.push(Line::styled(head, theme.text));
    let due: Vec<_> = items_by(e, today, &app.cadence)
        .into_iter()
        .filter(|d| d.on <= today)
        .collect();
    match (due.as_slice(), next_action_by(e, today, &app.cadence)) {
        ([], Some(next)) => out.push(Line::styled(
            format!(" next: {}", next.describe(today)),
            theme.muted,
        )),
        ([], None) => out.push(Line::styled(" nothing due", theme.muted)),
        (due, _) => {
            for d in due {
                out.push(Line::from(vec![
                    Span::styled(" ! ", theme.error),
                    plain(d.describe(today), theme.text),
                ]));
            }
        }
    }
    out.push(Line::default());
    let chosen = view
        .rows()
        .get(view.cursor.min(view.rows().len() - 1))
        .copied();
    for row in view.rows() {
        let at = Some(row) == chosen;
        let line = match row {
            Row::Contract => record(at, "contract", contract(e.contract.as_ref(), app), app),
            Row::Shipment => record(at, "shipment", shipment(e.shipment.as_ref(), app), app),
            Row::Deliverable(i) => {
                let d = &e.deliverables[i];
                record(at, &d.id, deliverable(d, app), app)
            }
            Row::Payment(i) => {
                let p = &e.payments[i];
                record(
                    at,
                    &format!("payment {}", i + 1),
                    payment(p, today, app),
                    app,
                )
            }
            Row::NewDeliverable => record(
                at,
                "+",
                vec![plain("add a deliverable".into(), theme.muted)],
                app,
            ),
            Row::NewPayment => record(
                at,
                "+",
                vec![plain("add a payment".into(), theme.muted)],
                app,
            ),
        };
        out.push(line);
    }
    out
}

fn none<'a>(app: &App) -> Vec<Span<'a>> {
    vec![Span::styled("none yet — enter to add", app.theme.muted)]
}

fn contract<'a>(c: Option<&Contract>, app: &App) -> Vec<Span<'a>> {
    let Some(c) = c else { return none(app) };
    let mut words = Vec::new();
    if let Some(d) = c.signed {
        words.push(format!("signed {d}"));
    }
    if !c.usage.is_empty() || c.usage_until.is_some() {
        let usage = c
            .usage
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        match c.usage_until {
            Some(until) => words.push(format!("usage {usage} until {until}")),
            None => words.push(format!("usage {usage}")),
        }
    }
    if let Some(t) = &c.territory {
        words.push(t.clone());
    }
    if !c.exclusivity.is_empty() {
        let x = c
            .exclusivity
            .iter()
            .map(|u| u.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        match c.exclusive_until {
            Some(until) => words.push(format!("exclusive {x} until {until}")),
            None => words.push(format!("exclusive {x}")),
        }
    }
    if let Some(d) = &c.disclosure {
        words.push(format!("marked {d}"));
    }
    vec![plain(words.join(" · "), app.theme.text)]
}

fn shipment<'a>(s: Option<&Shipment>, app: &App) -> Vec<Span<'a>> {
    let Some(s) = s else { return none(app) };
    let mut words = Vec::new();
    if let Some(item) = &s.item {
        words.push(item.clone());
    }
    if let Some(d) = s.sent {
        let by = s
            .carrier
            .as_ref()
            .map(|c| format!(" by {c}"))
            .unwrap_or_default();
        words.push(format!("sent {d}{by}"));
    }
    if let Some(t) = &s.tracking {
        words.push(format!("tracking {t}"));
    }
    if let Some(v) = s.value {
        words.push(format!("worth {}", grouped(v)));
    }
    let mut spans = vec![plain(words.join(" · "), app.theme.text)];
    match s.received {
        Some(d) => spans.push(plain(format!(" · received {d}"), app.theme.ok)),
        None if s.sent.is_some() => spans.push(Span::styled(" · not received", app.theme.warning)),
        None => {}
    }
    spans
}

fn deliverable<'a>(d: &Deliverable, app: &App) -> Vec<Span<'a>> {
    let theme = &app.theme;
    let what = match &d.format {
        Some(f) => format!("{} {f}", d.platform.name()),
        None => d.platform.name().to_string(),
    };
    let mut spans = vec![plain(what, theme.text)];
    for (step, due) in [(Step::Script, d.script_due), (Step::Draft, d.draft_due)] {
        let status = match d.status(step) {
            Some(Some(Verdict::Approved)) => "✓",
            Some(Some(Verdict::Changes)) => "changes",
            Some(None) => "submitted",
            None => "",
        };
        if due.is_some() || !status.is_empty() {
            let when = due.map(|d| format!(" {d}")).unwrap_or_default();
            let style = if status == "✓" {
                theme.ok
            } else {
                theme.text
            };
            spans.push(plain(
                format!(" · {step}{when} {status}").trim_end().to_string(),
                style,
            ));
        }
    }
    if let Some(Some(v)) = d.status(Step::Final) {
        spans.push(plain(
            format!(
                " · final {}",
                if v == Verdict::Approved {
                    "✓"
                } else {
                    "changes"
                }
            ),
            theme.text,
        ));
    }
    match (d.posted, d.post_by) {
        (Some(on), by) => {
            let late = by.is_some_and(|by| on > by);
            spans.push(plain(
                format!(" · posted {on}"),
                if late { theme.warning } else { theme.ok },
            ));
            match d.live {
                Some(true) => spans.push(plain(" · live".into(), theme.ok)),
                Some(false) => spans.push(plain(" · taken down".into(), theme.error)),
                None => {}
            }
            if let Some(r) = d.latest_results() {
                let mut figures = Vec::new();
                if let Some(v) = r.views {
                    figures.push(format!("{} views", grouped(v)));
                }
                if let Some(e) = r.engagements() {
                    figures.push(format!("{} engagements", grouped(e)));
                }
                spans.push(plain(format!(" · {}", figures.join(", ")), theme.text));
            }
        }
        (None, Some(by)) => spans.push(plain(format!(" · post by {by}"), theme.text)),
        (None, None) => {}
    }
    spans
}

fn payment<'a>(p: &Payment, today: jiff::civil::Date, app: &App) -> Vec<Span<'a>> {
    let theme = &app.theme;
    let mut spans = vec![plain(
        format!("{} {}", p.what(), grouped(p.amount)),
        theme.text,
    )];
    if let Some(d) = p.due {
        spans.push(plain(format!(" · due {d}"), theme.text));
    }
    match p.paid {
        Some(d) => spans.push(plain(format!(" · paid {d}"), theme.ok)),
        None if p.due.is_some_and(|d| d <= today) => {
            spans.push(Span::styled(" · owed, late", theme.error))
        }
        None => spans.push(Span::styled(" · owed", theme.warning)),
    }
    if let Some(i) = &p.invoice {
        spans.push(plain(format!(" · invoice {i}"), theme.muted));
    }
    spans
}
