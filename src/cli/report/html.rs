//! The report as one self-contained HTML file a marketer sends to the brand: inline CSS and SVG,
//! no script, nothing fetched from anywhere, printable to PDF from a browser. The markup is a
//! minijinja template (HTML-escaped by name); the numbers and the bars' sizes come from here.

use minijinja::Environment;
use serde_json::{Value, json};

use super::labels::{source, word};
use super::text::ratio;
use crate::display::{escape, grouped};
use crate::model::Lang;
use crate::outreach::report::{Totals, flag};
use crate::workspace::CampaignReport;

const TEMPLATE: &str = include_str!("report.html");

/// Where the bars start, and how long the longest is, in SVG units.
const BAR_X: f64 = 160.0;
const BAR_MAX: f64 = 340.0;

/// Text from the user's files, with control characters shown escaped.
fn clean(text: &str) -> String {
    escape(text).into_owned()
}

/// A figure as shown, `~` before it when it was not measured.
fn shown(t: &Totals, text: String) -> String {
    if t.measured() || text == "-" {
        text
    } else {
        format!("~{text}")
    }
}

/// The words of `lang`, keyed for the template (`no-results` as `no_results`).
fn words(lang: Lang) -> Value {
    let keys = [
        "report",
        "headline",
        "creators",
        "spend",
        "chart",
        "benchmark",
        "no-results",
        "generated",
    ];
    let mut m = serde_json::Map::new();
    for k in keys {
        m.insert(k.replace('-', "_"), json!(word(lang, k)));
    }
    Value::Object(m)
}

fn headline(r: &CampaignReport, lang: Lang) -> Vec<Value> {
    let f = &r.report;
    let t = &f.totals;
    if t.entries == 0 {
        return Vec::new();
    }
    let b = &f.benchmarks;
    let card = |key: &str, value: String, fl: Option<&str>| {
        json!({
            "key": key,
            "label": word(lang, key),
            "value": value,
            "flag": fl,
            "flag_words": fl.map(|f| word(lang, f)),
        })
    };
    let money = |n: u64| format!("{} {}", f.currency, grouped(n));
    vec![
        card("cost", money(t.cost), None),
        card("views", shown(t, grouped(t.views)), None),
        card("engagements", shown(t, grouped(t.engagements)), None),
        card("clicks", shown(t, grouped(t.clicks)), None),
        card("code_uses", shown(t, grouped(t.code_uses)), None),
        card("sales", shown(t, money(t.sales)), None),
        card("cpm", shown(t, ratio(t.cpm())), flag(t.cpm(), b.cpm)),
        card("cpe", shown(t, ratio(t.cpe())), flag(t.cpe(), b.cpe)),
        card("cpc", shown(t, ratio(t.cpc())), None),
        card("cpa", shown(t, ratio(t.cpa())), None),
        card(
            "roas",
            shown(t, t.roas().map_or("-".into(), |v| format!("{v:.2}"))),
            None,
        ),
        card("source", source(lang, t.source()).to_string(), None),
    ]
}

/// Budget, committed and paid as bars on one scale.
fn spend(r: &CampaignReport, lang: Lang) -> Value {
    let f = &r.report;
    let mut rows: Vec<(&str, u64, f64)> = Vec::new();
    if let Some(b) = f.budget {
        rows.push(("budget", b, 0.35));
    }
    rows.push(("committed", f.committed, 0.75));
    rows.push(("paid", f.paid, 1.0));
    let top = rows.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1) as f64;
    let bars: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, (key, value, opacity))| {
            json!({
                "y": 4 + i * 28,
                "label": word(lang, key),
                "width": (BAR_MAX * *value as f64 / top).round(),
                "opacity": opacity,
                "value": format!("{} {}", f.currency, grouped(*value)),
            })
        })
        .collect();
    json!({"height": 8 + rows.len() * 28, "bars": bars})
}

/// Cost per engagement by creator, the benchmark range shaded behind.
fn chart(r: &CampaignReport) -> Value {
    let f = &r.report;
    let with: Vec<(String, f64, &Totals)> = f
        .creators
        .iter()
        .filter_map(|c| {
            let t = c.results.as_ref()?;
            let label = c.name.clone().unwrap_or_else(|| c.creator.clone());
            Some((label, t.cpe()?, t))
        })
        .collect();
    let band = f.benchmarks.cpe;
    let top = with
        .iter()
        .map(|(_, v, _)| *v)
        .chain(band.map(|(_, h)| h))
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let x = |v: f64| BAR_X + BAR_MAX * v / top;
    let bars: Vec<Value> = with
        .iter()
        .enumerate()
        .map(|(i, (label, v, t))| {
            let label: String = clean(label).chars().take(14).collect();
            json!({
                "y": 4 + i * 28,
                "label": label,
                "width": (BAR_MAX * v / top).round(),
                "value": shown(t, ratio(Some(*v))),
                "flag": flag(Some(*v), band),
            })
        })
        .collect();
    let band = band.map(|(low, high)| {
        json!({
            "x": x(low).round(),
            "width": (x(high) - x(low)).round(),
            "words": format!("CPE {} {}–{}", f.currency, ratio(Some(low)), ratio(Some(high))),
        })
    });
    json!({"height": 8 + bars.len() * 28, "bars": bars, "band": band})
}

/// A post's address when it is a web address, escaped for an attribute; anything else is
/// shown, not linked.
fn link(url: Option<&str>) -> Option<String> {
    let url = url?.trim();
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.chars().any(char::is_control)
    {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Some(out)
}

fn creators(r: &CampaignReport, lang: Lang) -> Value {
    let b = &r.report.benchmarks;
    let keys = [
        ("creator", false),
        ("cost", true),
        ("views", true),
        ("engagements", true),
        ("cpm", true),
        ("cpe", true),
        ("roas", true),
        ("on_time", false),
        ("rounds", true),
        ("live", false),
        ("source", false),
        ("posts", false),
    ];
    let headers: Vec<Value> = keys
        .iter()
        .map(|(k, n)| json!({"label": word(lang, k), "number": n}))
        .collect();
    let rows: Vec<Value> = r
        .report
        .creators
        .iter()
        .map(|c| {
            let cell = |text: String, number: bool, fl: Option<&str>| json!({"text": text, "number": number, "flag": fl});
            let mut sub = vec![c.creator.clone()];
            sub.extend(c.platform.as_ref().map(|p| p.name().to_string()));
            sub.extend(c.tier.map(|t| t.name().to_string()));
            let who = json!({
                "text": clean(c.name.as_deref().unwrap_or(&c.creator)),
                "sub": sub.join(" · "),
                "number": false,
            });
            let mut cells = vec![who, cell(c.cost.map(grouped).unwrap_or_else(|| "-".into()), true, None)];
            match &c.results {
                Some(t) => cells.extend([
                    cell(shown(t, grouped(t.views)), true, None),
                    cell(shown(t, grouped(t.engagements)), true, None),
                    cell(shown(t, ratio(t.cpm())), true, flag(t.cpm(), b.cpm)),
                    cell(shown(t, ratio(t.cpe())), true, flag(t.cpe(), b.cpe)),
                    cell(shown(t, t.roas().map_or("-".into(), |v| format!("{v:.2}"))), true, None),
                ]),
                None => cells.extend((0..5).map(|_| cell("-".into(), true, None))),
            }
            let yes_no = match c.on_time {
                Some(true) => word(lang, "yes"),
                Some(false) => word(lang, "no"),
                None => "-",
            };
            cells.extend([
                cell(yes_no.to_string(), false, None),
                cell(c.rounds.to_string(), true, None),
                cell(word(lang, &format!("live-{}", c.live.name())).to_string(), false, None),
                cell(c.results.as_ref().map_or("-".into(), |t| source(lang, t.source()).to_string()), false, None),
            ]);
            let posts: Vec<Value> = c
                .posts
                .iter()
                .map(|p| json!({"label": format!("{} ({})", clean(&p.id), p.platform.name()), "url": link(p.url.as_deref())}))
                .collect();
            json!({"id": c.creator, "cells": cells, "posts": posts})
        })
        .collect();
    json!({"headers": headers, "rows": rows})
}

fn groups(r: &CampaignReport, lang: Lang) -> Vec<Value> {
    let f = &r.report;
    let rows = |list: Vec<(String, &Totals)>| -> Vec<Vec<String>> {
        list.into_iter()
            .map(|(g, t)| {
                vec![
                    g,
                    t.entries.to_string(),
                    grouped(t.cost),
                    shown(t, grouped(t.views)),
                    shown(t, grouped(t.engagements)),
                    shown(t, ratio(t.cpm())),
                    shown(t, ratio(t.cpe())),
                ]
            })
            .collect()
    };
    let mut out = Vec::new();
    for (key, first, list) in [
        (
            "platforms",
            "platform",
            f.by_platform
                .iter()
                .map(|(k, t)| (k.clone(), t))
                .collect::<Vec<_>>(),
        ),
        (
            "tiers",
            "tier",
            f.by_tier
                .iter()
                .map(|(k, t)| (k.name().to_string(), t))
                .collect(),
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        let headers: Vec<&str> = [
            first,
            "entries",
            "cost",
            "views",
            "engagements",
            "cpm",
            "cpe",
        ]
        .iter()
        .map(|h| word(lang, h))
        .collect();
        out.push(json!({"title": word(lang, key), "headers": headers, "rows": rows(list)}));
    }
    out
}

/// The whole report as an HTML page in `lang`, dated `today`.
pub fn html(
    r: &CampaignReport,
    lang: Lang,
    today: jiff::civil::Date,
) -> Result<String, minijinja::Error> {
    let b = &r.campaign.brief;
    let dates = match (b.starts, b.ends) {
        (Some(s), Some(e)) => Some(format!("{s} – {e}")),
        (Some(s), None) => Some(format!("{s} –")),
        (None, Some(e)) => Some(format!("– {e}")),
        (None, None) => None,
    };
    let note = (!r.report.totals.measured() && r.report.totals.entries > 0)
        .then(|| word(lang, "estimates-note"));
    let context = json!({
        "lang": lang.tag(),
        "t": words(lang),
        "campaign": {
            "id": r.campaign.id.as_str(),
            "name": clean(&b.name),
            "brand": b.brand.as_deref().map(clean),
            "product": b.product.as_deref().map(clean),
            "dates": dates,
        },
        "headline": headline(r, lang),
        "spend": spend(r, lang),
        "chart": chart(r),
        "creators": creators(r, lang),
        "groups": groups(r, lang),
        "note": note,
        "today": today.to_string(),
    });
    let mut env = Environment::new();
    env.add_template("report.html", TEMPLATE)?;
    env.get_template("report.html")?.render(context)
}

#[cfg(test)]
mod tests {
    use super::link;

    #[test]
    fn only_web_addresses_become_links_and_they_cannot_break_out() {
        assert_eq!(link(Some("javascript:alert(1)")), None);
        assert_eq!(link(Some("data:text/html,x")), None);
        assert_eq!(link(Some("https://x.example/\u{1b}[2J")), None);
        assert_eq!(
            link(Some(" https://x.example/a?b=1&c=\"><script> ")).as_deref(),
            Some("https://x.example/a?b=1&amp;c=&quot;&gt;&lt;script&gt;")
        );
    }
}
