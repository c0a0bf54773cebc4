//! The report as text: a table fitted to the terminal, CSV with one row per creator, and
//! Markdown for notes. Figures not measured by the brand are marked `~`.

use std::io::{self, Write};

use super::labels::{source, word};
use crate::cli::output::safe;
use crate::cli::table::{Column, render};
use crate::display::grouped;
use crate::model::Lang;
use crate::outreach::report::{CreatorFigures, Figure, Totals, flag};
use crate::workspace::CampaignReport;

/// A ratio as shown: whole numbers from 100 up, else two decimals.
pub fn ratio(v: Option<f64>) -> String {
    match v {
        None => "-".into(),
        Some(v) if v >= 100.0 => grouped(v.round() as u64),
        Some(v) => format!("{v:.2}"),
    }
}

/// A figure, marked `~` when not measured.
fn mark(t: &Totals, text: String) -> String {
    if t.measured() || text == "-" {
        text
    } else {
        format!("~{text}")
    }
}

/// A ratio with its flag against the benchmark: `↑` above, `↓` below.
fn flagged(t: &Totals, v: Option<f64>, range: Option<(f64, f64)>) -> String {
    let arrow = match flag(v, range) {
        Some("above") => "↑",
        Some("below") => "↓",
        _ => "",
    };
    format!("{}{arrow}", mark(t, ratio(v)))
}

/// The cells of one creator's row, in the order of [`HEADERS`].
fn cells(r: &CampaignReport, c: &CreatorFigures, lang: Lang) -> Vec<String> {
    let b = &r.report.benchmarks;
    let mut row = vec![
        c.creator.clone(),
        c.name.clone().unwrap_or_default(),
        c.platform
            .as_ref()
            .map(|p| p.name().to_string())
            .unwrap_or_default(),
        c.tier.map(|t| t.name().to_string()).unwrap_or_default(),
        c.cost.map(grouped).unwrap_or_else(|| "-".into()),
    ];
    match &c.results {
        Some(t) => row.extend([
            mark(t, grouped(t.views)),
            mark(t, grouped(t.engagements)),
            flagged(t, t.cpm(), b.cpm),
            flagged(t, t.cpe(), b.cpe),
            mark(t, t.roas().map_or("-".into(), |v| format!("{v:.2}"))),
        ]),
        None => row.extend(["-", "-", "-", "-", "-"].map(String::from)),
    }
    row.extend([
        match c.on_time {
            Some(true) => word(lang, "yes").to_string(),
            Some(false) => word(lang, "no").to_string(),
            None => "-".into(),
        },
        c.rounds.to_string(),
        word(lang, &format!("live-{}", c.live.name())).to_string(),
        c.results
            .as_ref()
            .map_or("-".into(), |t| source(lang, t.source()).to_string()),
    ]);
    row
}

/// The keys of the creator columns (words in [`super::labels`]).
const HEADERS: [&str; 14] = [
    "creator",
    "name",
    "platform",
    "tier",
    "cost",
    "views",
    "engagements",
    "cpm",
    "cpe",
    "roas",
    "on_time",
    "rounds",
    "live",
    "source",
];

/// The head of the report: money and the totals, as (label, value) lines.
fn head(r: &CampaignReport, lang: Lang) -> Vec<(String, String)> {
    let f = &r.report;
    let t = &f.totals;
    let w = |k| word(lang, k).to_string();
    let mut lines = vec![(
        w("campaign"),
        format!("{} ({})", r.campaign.brief.name, r.campaign.id),
    )];
    if let Some(b) = f.budget {
        lines.push((w("budget"), format!("{} {}", f.currency, grouped(b))));
    }
    lines.push((
        w("committed"),
        format!(
            "{} {} · {} {} · {} {}",
            f.currency,
            grouped(f.committed),
            w("paid"),
            grouped(f.paid),
            w("owed"),
            grouped(f.owed)
        ),
    ));
    if t.entries == 0 {
        lines.push((w("headline"), w("no-results")));
        return lines;
    }
    lines.push((w("entries"), t.entries.to_string()));
    lines.push((w("cost"), format!("{} {}", f.currency, grouped(t.cost))));
    for (key, value) in [
        ("views", t.views),
        ("engagements", t.engagements),
        ("clicks", t.clicks),
        ("code_uses", t.code_uses),
        ("sales", t.sales),
    ] {
        lines.push((w(key), mark(t, grouped(value))));
    }
    let b = &f.benchmarks;
    for (key, value, range) in [
        ("cpm", t.cpm(), b.cpm),
        ("cpv", t.cpv(), None),
        ("cpe", t.cpe(), b.cpe),
        ("cpc", t.cpc(), None),
        ("cpa", t.cpa(), None),
    ] {
        lines.push((w(key), flagged(t, value, range)));
    }
    lines.push((
        w("roas"),
        mark(t, t.roas().map_or("-".into(), |v| format!("{v:.2}"))),
    ));
    lines.push((w("source"), source(lang, t.source()).to_string()));
    lines
}

/// Rows of a breakdown: (group, figures).
fn breakdown(list: Vec<(String, &Totals)>) -> Vec<Vec<String>> {
    list.into_iter()
        .map(|(group, t)| {
            vec![
                group,
                t.entries.to_string(),
                grouped(t.cost),
                mark(t, grouped(t.views)),
                mark(t, grouped(t.engagements)),
                mark(t, ratio(t.cpm())),
                mark(t, ratio(t.cpe())),
            ]
        })
        .collect()
}

fn platforms(r: &CampaignReport) -> Vec<Vec<String>> {
    breakdown(
        r.report
            .by_platform
            .iter()
            .map(|(k, t)| (k.clone(), t))
            .collect(),
    )
}

fn tiers(r: &CampaignReport) -> Vec<Vec<String>> {
    breakdown(
        r.report
            .by_tier
            .iter()
            .map(|(k, t)| (k.name().to_string(), t))
            .collect(),
    )
}

/// The report for the terminal.
pub fn table(r: &CampaignReport, width: Option<usize>) -> String {
    let lang = Lang::English;
    let mut out = String::new();
    for (label, value) in head(r, lang) {
        out.push_str(&format!("{label:<22} {value}\n"));
    }
    let rows: Vec<Vec<String>> = r
        .report
        .creators
        .iter()
        .map(|c| cells(r, c, lang))
        .collect();
    if !rows.is_empty() {
        out.push('\n');
        let columns = [
            Column::text("CREATOR", 8, 9),
            Column::text("NAME", 6, 5),
            Column::text("PLATFORM", 8, 6),
            Column::text("TIER", 5, 4),
            Column::number("COST", 9),
            Column::number("VIEWS", 8),
            Column::number("ENGAGE", 6),
            Column::number("CPM", 8),
            Column::number("CPE", 8),
            Column::number("ROAS", 7),
            Column::text("ON TIME", 3, 3),
            Column::number("ROUNDS", 2),
            Column::text("LIVE", 4, 3),
            Column::text("SOURCE", 6, 2),
        ];
        out.push_str(&render(&columns, &rows, width));
    }
    for (title, rows) in [("BY PLATFORM", platforms(r)), ("BY TIER", tiers(r))] {
        if rows.is_empty() {
            continue;
        }
        out.push('\n');
        let columns = [
            Column::text(
                if title == "BY PLATFORM" {
                    "PLATFORM"
                } else {
                    "TIER"
                },
                6,
                9,
            ),
            Column::number("CREATORS", 5),
            Column::number("COST", 8),
            Column::number("VIEWS", 7),
            Column::number("ENGAGE", 4),
            Column::number("CPM", 6),
            Column::number("CPE", 6),
        ];
        out.push_str(&render(&columns, &rows, width));
    }
    if !r.report.totals.measured() && r.report.totals.entries > 0 {
        out.push_str(&format!("\n{}\n", word(lang, "estimates-note")));
    }
    out
}

/// One row per creator with a header row; figures as plain numbers.
pub fn csv(out: &mut dyn Write, r: &CampaignReport) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "creator",
        "name",
        "stage",
        "platform",
        "tier",
        "fee",
        "cost",
        "paid",
        "views",
        "engagements",
        "clicks",
        "code_uses",
        "sales",
        "cpm",
        "cpv",
        "cpe",
        "cpc",
        "cpa",
        "roas",
        "on_time",
        "rounds",
        "live",
        "source",
    ])?;
    for c in &r.report.creators {
        let t = c.results.as_ref();
        let row = [
            c.creator.clone(),
            c.name.clone().unwrap_or_default(),
            c.stage.name().to_string(),
            c.platform
                .as_ref()
                .map(|p| p.name().to_string())
                .unwrap_or_default(),
            c.tier.map(|t| t.name().to_string()).unwrap_or_default(),
            c.fee.map(|f| f.to_string()).unwrap_or_default(),
            c.cost.map(|f| f.to_string()).unwrap_or_default(),
            c.paid.to_string(),
        ];
        // The figures after the cost: empty when nothing was recorded, or the ratio is absent.
        let figures = (0..11).map(|i| {
            t.and_then(|t| match t.figures()[i + 1].1 {
                Figure::Count(v) => Some(v.to_string()),
                Figure::Ratio(v) => v.map(|v| v.to_string()),
            })
            .unwrap_or_default()
        });
        let rest = [
            c.on_time.map(|b| b.to_string()).unwrap_or_default(),
            c.rounds.to_string(),
            c.live.name().to_string(),
            t.map(|t| t.source().to_string()).unwrap_or_default(),
        ];
        let row = row.into_iter().chain(figures).chain(rest);
        w.write_record(row.map(|c| safe(&c).into_owned()))?;
    }
    w.flush()
}

/// Markdown, in the campaign's language, for pasting into notes.
pub fn markdown(r: &CampaignReport, lang: Lang) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let table = |headers: Vec<String>, rows: Vec<Vec<String>>| -> String {
        let mut t = format!("| {} |\n", headers.join(" | "));
        t.push_str(&format!("|{}\n", " --- |".repeat(headers.len())));
        for row in rows {
            let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
            t.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        t
    };
    let mut out = format!(
        "# {} · {}\n\n",
        word(lang, "report"),
        cell(&r.campaign.brief.name)
    );
    let head: Vec<Vec<String>> = head(r, lang).into_iter().map(|(k, v)| vec![k, v]).collect();
    out.push_str(&table(vec![String::new(), String::new()], head));
    if !r.report.creators.is_empty() {
        out.push_str(&format!("\n## {}\n\n", word(lang, "creators")));
        let headers = HEADERS.iter().map(|h| word(lang, h).to_string()).collect();
        let rows = r
            .report
            .creators
            .iter()
            .map(|c| cells(r, c, lang))
            .collect();
        out.push_str(&table(headers, rows));
    }
    for (key, rows) in [("platforms", platforms(r)), ("tiers", tiers(r))] {
        if rows.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", word(lang, key)));
        let first = if key == "platforms" {
            "platform"
        } else {
            "tier"
        };
        let headers = [
            first,
            "entries",
            "cost",
            "views",
            "engagements",
            "cpm",
            "cpe",
        ]
        .iter()
        .map(|h| word(lang, h).to_string())
        .collect();
        out.push_str(&table(headers, rows));
    }
    if !r.report.totals.measured() && r.report.totals.entries > 0 {
        out.push_str(&format!("\n{}\n", word(lang, "estimates-note")));
    }
    out
}
