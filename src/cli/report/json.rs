//! The report as JSON, in the shape DESIGN gives: money, `totals`, `creators`, `by_platform`,
//! `by_tier`. A ratio whose divisor is 0 is left out; each set of figures says its `source`.

use serde_json::{Map, Value, json};

use crate::outreach::report::{Benchmarks, CreatorFigures, Totals, flag};
use crate::workspace::CampaignReport;

/// The figures of `t`: counts, then each ratio there is.
fn figures(t: &Totals, full: bool) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("cost".into(), json!(t.cost));
    m.insert("views".into(), json!(t.views));
    m.insert("engagements".into(), json!(t.engagements));
    if full {
        m.insert("clicks".into(), json!(t.clicks));
        m.insert("code_uses".into(), json!(t.code_uses));
        m.insert("sales".into(), json!(t.sales));
    }
    let ratios = [
        ("cpm", t.cpm()),
        ("cpv", t.cpv()),
        ("cpe", t.cpe()),
        ("cpc", t.cpc()),
        ("cpa", t.cpa()),
        ("roas", t.roas()),
    ];
    for (key, value) in ratios {
        if let Some(v) = value {
            m.insert(key.into(), json!(v));
        }
    }
    m.insert("entries".into(), json!(t.entries));
    m.insert("source".into(), json!(t.source()));
    m
}

/// Where a set of figures stands against the benchmarks, when outside them.
fn flags(t: &Totals, b: &Benchmarks) -> Map<String, Value> {
    let mut m = Map::new();
    for (key, value, range) in [("cpm", t.cpm(), b.cpm), ("cpe", t.cpe(), b.cpe)] {
        if let Some(f) = flag(value, range) {
            m.insert(key.into(), json!(f));
        }
    }
    m
}

fn creator(c: &CreatorFigures, b: &Benchmarks) -> Value {
    let mut m = Map::new();
    m.insert("creator".into(), json!(c.creator));
    m.insert("name".into(), json!(c.name));
    m.insert("stage".into(), json!(c.stage.name()));
    m.insert(
        "platform".into(),
        json!(c.platform.as_ref().map(|p| p.name())),
    );
    m.insert("tier".into(), json!(c.tier.map(|t| t.name())));
    m.insert("fee".into(), json!(c.fee));
    m.insert("paid".into(), json!(c.paid));
    match &c.results {
        Some(t) => {
            m.extend(figures(t, true));
            m.remove("entries");
            m.insert("flags".into(), Value::Object(flags(t, b)));
        }
        None => {
            m.insert("cost".into(), json!(c.cost.unwrap_or(0)));
        }
    }
    m.insert("on_time".into(), json!(c.on_time));
    m.insert("rounds".into(), json!(c.rounds));
    m.insert("live".into(), json!(c.live.name()));
    let posts: Vec<Value> = c
        .posts
        .iter()
        .map(|p| json!({"deliverable": p.id, "platform": p.platform.name(), "url": p.url}))
        .collect();
    m.insert("posts".into(), Value::Array(posts));
    Value::Object(m)
}

/// The whole report.
pub fn json_of(r: &CampaignReport) -> Value {
    let f = &r.report;
    let b = &f.benchmarks;
    let group = |list: Vec<(String, &Totals)>| -> Value {
        let mut m = Map::new();
        for (key, t) in list {
            let mut g = figures(t, false);
            g.insert("flags".into(), Value::Object(flags(t, b)));
            m.insert(key, Value::Object(g));
        }
        Value::Object(m)
    };
    let mut totals = figures(&f.totals, true);
    totals.insert("flags".into(), Value::Object(flags(&f.totals, b)));
    json!({
        "campaign": r.campaign.id.as_str(),
        "name": r.campaign.brief.name,
        "currency": f.currency,
        "budget": f.budget,
        "committed": f.committed,
        "paid": f.paid,
        "owed": f.owed,
        "totals": Value::Object(totals),
        "creators": f.creators.iter().map(|c| creator(c, b)).collect::<Vec<_>>(),
        "by_platform": group(f.by_platform.iter().map(|(k, t)| (k.clone(), t)).collect()),
        "by_tier": group(f.by_tier.iter().map(|(k, t)| (k.name().to_string(), t)).collect()),
        "benchmarks": {
            "cpm": b.cpm.map(|(l, h)| [l, h]),
            "cpe": b.cpe.map(|(l, h)| [l, h]),
        },
    })
}
