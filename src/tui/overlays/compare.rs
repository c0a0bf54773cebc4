//! Two to four creators side by side (`=` with them selected): their channels, engagement,
//! rate and the cost per engagement it makes, what they achieved in past campaigns, their
//! vetting, and the campaigns they are on — the figures a choice between them turns on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{boxed, lay_out};
use crate::display::{compact, escape, grouped, pad, percent, truncate};
use crate::model::{Creator, Platform};
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The comparison's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "compare", title: "Comparison", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "scroll down", None),
    (&["k", "up"], Action::Up, "scroll up", None),
    (&["esc", "q", "="], Action::Back, "close", Some("close")),
]});

/// Columns of the labels on the left.
const LABEL: usize = 14;

/// The creators compared, by row of the index.
#[derive(Debug)]
pub struct Compare {
    pub rows: Vec<u32>,
    pub creators: Vec<Creator>,
    pub scroll: usize,
}

/// Opens the comparison of the selected creators, or says why not.
pub fn open(app: &mut App) {
    let rows: Vec<u32> = app.marked.iter().copied().collect();
    if !(2..=4).contains(&rows.len()) {
        app.tell(
            format!(
                "select two to four creators to compare (space selects; {} selected)",
                rows.len()
            ),
            false,
        );
        return;
    }
    let Some(db) = &app.db else { return };
    let creators: Vec<Creator> = rows
        .iter()
        .filter_map(|r| Some(db.creators.get(*r as usize)?.into_owned()))
        .collect();
    app.open(Compare {
        rows,
        creators,
        scroll: 0,
    });
}

impl Compare {
    /// The table's lines: a label, then one cell per creator.
    fn table(&self, app: &App, cell: usize) -> Vec<Vec<String>> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        let each = |f: &dyn Fn(usize, &Creator) -> String| -> Vec<String> {
            self.creators
                .iter()
                .enumerate()
                .map(|(i, c)| f(i, c))
                .collect()
        };
        out.push(("".into(), each(&|_, c| c.name.to_string())));
        out.push(("id".into(), each(&|_, c| c.id.to_string())));
        out.push((
            "kind · tier".into(),
            each(&|_, c| {
                let kind = c.kind.map(|k| k.to_string()).unwrap_or_else(|| "—".into());
                let tier = c
                    .tier(&app.tiers)
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                format!("{kind} {tier}").trim().to_string()
            }),
        ));
        out.push((
            "location".into(),
            each(&|_, c| c.location.as_deref().unwrap_or("—").to_string()),
        ));
        let mut platforms: Vec<Platform> = Vec::new();
        for c in &self.creators {
            for ch in &c.channels {
                if !platforms.contains(&ch.platform) {
                    platforms.push(ch.platform.clone());
                }
            }
        }
        for p in &platforms {
            out.push((
                p.name().to_string(),
                each(&|_, c| {
                    let Some(ch) = c.channels.iter().find(|ch| &ch.platform == p) else {
                        return "—".into();
                    };
                    let followers = ch.followers.map_or("?".into(), compact);
                    let er = ch.engagement.map(|e| format!(" · {}", percent(e)));
                    format!("{followers}{}", er.unwrap_or_default())
                }),
            ));
        }
        out.push((
            "rate".into(),
            each(&|_, c| match c.rate {
                Some(r) => format!(
                    "{} {}",
                    c.currency.as_deref().unwrap_or(&app.currency),
                    grouped(r)
                ),
                None => "—".into(),
            }),
        ));
        out.push((
            format!("cpe ({})", app.rates.base),
            each(&|_, c| estimated_cpe(app, c).map_or("—".into(), |v| format!("{v:.2}"))),
        ));
        out.push((
            "achieved cpe".into(),
            each(&|i, _| {
                let track = app
                    .tracks
                    .as_ref()
                    .and_then(|t| t.get(self.rows[i] as usize).copied().flatten());
                match track {
                    Some(t) => {
                        let cpe = t.cpe.map_or("no results".into(), |v| format!("{v:.2}"));
                        match t.rebook {
                            Some(true) => format!("{cpe} · would rebook"),
                            Some(false) => format!("{cpe} · late, removed or dear"),
                            None => cpe,
                        }
                    }
                    None => "never worked".into(),
                }
            }),
        ));
        out.push((
            "vetting".into(),
            each(&|_, c| {
                let mut v = Vec::new();
                if let Some(d) = c.vetted_on {
                    v.push(format!("checked {d}"));
                }
                if let Some(f) = c.fake_followers {
                    v.push(format!("{} fake", percent(f)));
                }
                if v.is_empty() {
                    "not vetted".into()
                } else {
                    v.join(" · ")
                }
            }),
        ));
        out.push((
            "campaigns".into(),
            each(&|i, _| match app.memberships.get(&self.rows[i]) {
                Some(on) => on
                    .iter()
                    .map(|(c, s)| format!("{c} {}", s.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
                None => "none".into(),
            }),
        ));
        out.push((
            "niches".into(),
            each(&|_, c| {
                c.niches
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ));
        out.into_iter()
            .map(|(label, cells)| {
                let mut row = vec![pad(&truncate(&escape(&label), LABEL - 1), LABEL, false)];
                row.extend(
                    cells
                        .iter()
                        .map(|c| pad(&truncate(&escape(c), cell - 1), cell, false)),
                );
                row
            })
            .collect()
    }
}

/// The cost per engagement a creator's rate makes on their main channel, in the base currency.
fn estimated_cpe(app: &App, c: &Creator) -> Option<f64> {
    let ch = c.main_channel()?;
    let engaged = ch.followers? as f64 * ch.engagement? / 100.0;
    let factor = app.rates.factor(c.currency.as_deref())?;
    let rate = c.rate? as f64;
    (engaged > 0.0).then(|| rate * factor / engaged)
}

impl Overlay<App> for Compare {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, _app: &mut App, action: Action) -> Reply {
        match action {
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let outer =
            usize::from(area.width.saturating_sub(4)).min(30 * self.creators.len() + LABEL + 2);
        let cell = (outer.saturating_sub(LABEL + 2) / self.creators.len().max(1)).max(4);
        let lines: Vec<Line<'_>> = self
            .table(app, cell)
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let mut spans = vec![Span::raw(" ")];
                for (j, text) in row.into_iter().enumerate() {
                    let style = if j == 0 {
                        app.theme.muted
                    } else if i == 0 {
                        app.theme.title
                    } else {
                        app.theme.text
                    };
                    spans.push(Span::styled(text, style));
                }
                Line::from(spans)
            })
            .collect();
        let w = lines.iter().map(|l| l.width()).max().unwrap_or(0) + 3;
        let laid = lay_out(area, u16::try_from(w).unwrap_or(u16::MAX), &lines, 0);
        let title = format!("Comparing {} creators · esc closes", self.creators.len());
        boxed(frame, app, &title, laid, self.scroll);
    }

    crate::any_overlay!();
}
