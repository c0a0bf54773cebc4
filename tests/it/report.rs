//! The close-out report through the real binary: its JSON against figures worked out here
//! straight from the campaign file, the HTML page (self-contained, every creator, the same
//! numbers), the workbook read back by a spreadsheet reader, CSV and Markdown, and mistakes.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use serde_json::Value;

use crate::common::{Sandbox, outcome};

const NOW: &str = "2026-12-01T09:00:00+08:00";
const TRAIL: &str = "trailhead-ul-pack";

fn run(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(sandbox.on(ws, NOW).args(args))
}

fn json(sandbox: &Sandbox, ws: &Path) -> Value {
    let (code, out, err) = run(sandbox, ws, &["report", TRAIL, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// (cost, views, engagements, clicks, code uses, sales) of each creator with results, and the
/// money, worked out from the TOML with no help from the program.
fn by_hand(ws: &Path) -> (BTreeMap<String, [u64; 6]>, u64, u64) {
    let text = std::fs::read_to_string(ws.join(format!("campaigns/{TRAIL}.toml"))).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let n = |v: Option<&toml::Value>| v.and_then(toml::Value::as_integer).unwrap_or(0) as u64;
    let mut out = BTreeMap::new();
    let (mut committed, mut paid) = (0, 0);
    for e in doc["entry"].as_array().unwrap() {
        let stage = e["stage"].as_str().unwrap();
        if !["contracted", "producing", "published", "completed"].contains(&stage) {
            continue;
        }
        committed += n(e.get("fee"));
        for p in e
            .get("payment")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
        {
            if p.get("paid").is_some() {
                paid += n(p.get("amount"));
            }
        }
        let cost = n(e.get("fee")) + n(e.get("shipment").and_then(|s| s.get("value")));
        let mut sums = [cost, 0, 0, 0, 0, 0];
        let mut any = false;
        for d in e
            .get("deliverable")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
        {
            let Some(results) = d.get("results").and_then(|r| r.as_array()) else {
                continue;
            };
            // The latest snapshot (by its day) counts.
            let Some(latest) = results
                .iter()
                .max_by_key(|r| r["on"].as_datetime().map(|d| d.to_string()))
            else {
                continue;
            };
            any = true;
            sums[1] += n(latest.get("views"));
            sums[2] += ["likes", "comments", "shares", "saves"]
                .iter()
                .map(|k| n(latest.get(*k)))
                .sum::<u64>();
            sums[3] += n(latest.get("clicks"));
            sums[4] += n(latest.get("code_uses"));
            sums[5] += n(latest.get("sales"));
        }
        if any {
            out.insert(e["creator"].as_str().unwrap().to_string(), sums);
        }
    }
    (out, committed, paid)
}

fn close(v: &Value, expected: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - expected).abs() < 1e-6, "{got} != {expected}");
}

#[test]
fn the_json_report_matches_figures_worked_out_from_the_file() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let v = json(&sandbox, &ws);
    let (creators, committed, paid) = by_hand(&ws);
    assert_eq!(v["campaign"], TRAIL);
    assert_eq!(v["currency"], "TWD");
    assert_eq!(v["budget"], 400_000);
    assert_eq!(v["committed"], committed);
    assert_eq!(v["paid"], paid);
    assert_eq!(v["owed"], committed - paid);
    let mut total = [0u64; 6];
    for (id, sums) in &creators {
        let c = v["creators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["creator"] == *id.as_str())
            .unwrap();
        for (i, key) in [
            "cost",
            "views",
            "engagements",
            "clicks",
            "code_uses",
            "sales",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(c[*key], sums[i], "{id} {key}");
            total[i] += sums[i];
        }
        close(&c["cpm"], sums[0] as f64 * 1000.0 / sums[1] as f64);
        close(&c["cpe"], sums[0] as f64 / sums[2] as f64);
        close(&c["roas"], sums[5] as f64 / sums[0] as f64);
    }
    let t = &v["totals"];
    for (i, key) in [
        "cost",
        "views",
        "engagements",
        "clicks",
        "code_uses",
        "sales",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(t[*key], total[i], "totals {key}");
    }
    close(&t["cpm"], total[0] as f64 * 1000.0 / total[1] as f64);
    close(&t["cpv"], total[0] as f64 / total[1] as f64);
    close(&t["cpe"], total[0] as f64 / total[2] as f64);
    close(&t["cpc"], total[0] as f64 / total[3] as f64);
    close(&t["cpa"], total[0] as f64 / total[4] as f64);
    close(&t["roas"], total[5] as f64 / total[0] as f64);
    // Every entry contracted or later is listed; without results, no figures at all.
    let listed: Vec<&str> = v["creators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["creator"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        [
            "mountain-mia",
            "ultralight-jay",
            "trail-tom",
            "hiking-granny",
            "gear-geek-gary"
        ]
    );
    let tom = &v["creators"][2];
    assert!(
        tom.get("views").is_none() && tom.get("cpm").is_none(),
        "{tom}"
    );
    assert_eq!(tom["cost"], 94_800);
    assert_eq!(v["creators"][1]["on_time"], true);
    assert_eq!(v["creators"][1]["live"], "live");
    assert_eq!(v["creators"][0]["source"], "creator");
    assert_eq!(v["creators"][1]["source"], "measured");
    assert_eq!(t["source"], "mixed");
    assert_eq!(t["flags"]["cpm"], "above");
    assert_eq!(v["by_platform"]["youtube"]["cost"], total[0]);
    assert!(v["by_tier"]["mid"]["cpe"].is_number());
}

#[test]
fn a_campaign_without_results_has_money_but_no_ratios() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &["report", "lumi-vitc-launch", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            v["committed"].as_u64(),
            v["paid"].as_u64(),
            v["owed"].as_u64()
        ),
        (Some(85_000), Some(42_500), Some(42_500))
    );
    let t = &v["totals"];
    assert_eq!(t["cost"], 0);
    for ratio in ["cpm", "cpv", "cpe", "cpc", "cpa", "roas"] {
        assert!(t.get(ratio).is_none(), "{ratio} must be absent: {t}");
    }
    let (_, table, _) = run(&sandbox, &ws, &["report", "lumi-vitc-launch"]);
    assert!(table.contains("No results recorded yet."), "{table}");
}

#[test]
fn the_html_page_stands_alone_names_everyone_and_agrees_with_the_json() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let v = json(&sandbox, &ws);
    let out = sandbox.path().join("report.html");
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &[
            "report",
            TRAIL,
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote"), "{err}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for outside in [
        "src=", "<link", "<script", "@import", "url(", "<iframe", "<img",
    ] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    // The only addresses are the posts', as links.
    let hrefs: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(!hrefs.is_empty());
    assert!(hrefs.iter().all(|h| h.starts_with("https://")), "{hrefs:?}");
    for c in v["creators"].as_array().unwrap() {
        let id = c["creator"].as_str().unwrap();
        assert!(
            html.contains(&format!("data-creator=\"{id}\"")),
            "{id} missing"
        );
    }
    let grouped = |n: u64| {
        let s = n.to_string();
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    };
    let t = &v["totals"];
    assert!(html.contains(&format!(
        "data-figure=\"cost\">TWD {}</div>",
        grouped(t["cost"].as_u64().unwrap())
    )));
    assert!(
        html.contains(&format!(
            "data-figure=\"views\">~{}</div>",
            grouped(t["views"].as_u64().unwrap())
        )),
        "creator-reported views are marked"
    );
    assert!(html.contains(&format!("{:.2}", t["cpe"].as_f64().unwrap())));
    assert!(html.contains("<svg"), "the charts are drawn inline");
    // The campaign is in English (its template is); asked for, the page is in Chinese.
    assert!(html.contains("<html lang=\"en\">") && html.contains("Close-out report"));
    let (_, zh, _) = run(
        &sandbox,
        &ws,
        &["report", TRAIL, "--format", "html", "--lang", "zh-TW"],
    );
    assert!(
        zh.contains("<html lang=\"zh-TW\">") && zh.contains("結案報告") && zh.contains("互動數")
    );
}

fn cell_number(range: &calamine::Range<Data>, row: u32, col: u32) -> Option<f64> {
    match range.get_value((row, col))? {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_reads_back_with_the_same_numbers() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let v = json(&sandbox, &ws);
    let out = sandbox.path().join("report.xlsx");
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &[
            "report",
            TRAIL,
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Close-out report", "Creators", "By platform", "By tier"]
    );
    let summary = book.worksheet_range("Close-out report").unwrap();
    let row_of = |label: &str| -> u32 {
        (0..summary.height() as u32)
            .find(|r| summary.get_value((*r, 0)) == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no {label} row"))
    };
    for (label, key) in [
        ("Committed", "committed"),
        ("Paid", "paid"),
        ("Owed", "owed"),
        ("Budget", "budget"),
    ] {
        assert_eq!(
            cell_number(&summary, row_of(label), 1),
            v[key].as_f64(),
            "{label}"
        );
    }
    let t = &v["totals"];
    assert_eq!(
        cell_number(&summary, row_of("Views"), 1),
        t["views"].as_f64()
    );
    let cpe = cell_number(&summary, row_of("CPE"), 1).unwrap();
    assert!((cpe - t["cpe"].as_f64().unwrap()).abs() < 1e-9);
    let creators = book.worksheet_range("Creators").unwrap();
    assert_eq!(
        creators.height(),
        1 + v["creators"].as_array().unwrap().len()
    );
    let header: Vec<String> = (0..24)
        .map(|c| {
            creators
                .get_value((0, c))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column")) as u32
    };
    for (i, c) in v["creators"].as_array().unwrap().iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(
            creators.get_value((row, 0)),
            Some(&Data::String(c["creator"].as_str().unwrap().into()))
        );
        assert_eq!(
            cell_number(&creators, row, col("Cost")),
            c["cost"].as_f64(),
            "cost of {}",
            c["creator"]
        );
        assert_eq!(
            cell_number(&creators, row, col("Views")),
            c["views"].as_f64(),
            "views of {}",
            c["creator"]
        );
        // A ratio that does not exist is an empty cell, never 0.
        assert_eq!(
            cell_number(&creators, row, col("CPM")).is_some(),
            c.get("cpm").is_some()
        );
    }
}

#[test]
fn csv_and_markdown_list_every_creator() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, csv, _) = run(&sandbox, &ws, &["report", TRAIL, "--format", "csv"]);
    assert_eq!(code, 0);
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("creator,name,stage,platform,tier,fee,cost,paid,views")
    );
    assert_eq!(lines.count(), 5);
    assert!(
        csv.contains(
            "ultralight-jay,輕量化阿傑,completed,youtube,micro,25000,29800,25000,18000,1455,"
        ),
        "{csv}"
    );
    let (code, md, _) = run(
        &sandbox,
        &ws,
        &["report", TRAIL, "--format", "md", "--lang", "zh-TW"],
    );
    assert_eq!(code, 0);
    assert!(md.starts_with("# 結案報告 · Trailhead UL 38 autumn launch\n"));
    for id in [
        "mountain-mia",
        "ultralight-jay",
        "trail-tom",
        "hiking-granny",
        "gear-geek-gary",
    ] {
        assert!(md.contains(id), "{id}");
    }
}

#[test]
fn report_mistakes_are_explained() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, _, err) = run(&sandbox, &ws, &["report", "trailhed"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no campaign \"trailhed\" (campaigns: lumi-vitc-launch, trailhead-ul-pack)"),
        "{err}"
    );
    let (code, _, err) = run(&sandbox, &ws, &["report", TRAIL, "--lang", "fr"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--lang \"fr\" is not a language: zh-TW or en"),
        "{err}"
    );
    let locked = sandbox.path().join("locked.html");
    std::fs::write(&locked, "mine").unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).unwrap();
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &[
            "report",
            TRAIL,
            "--format",
            "html",
            "--out",
            locked.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "mine");
}

#[test]
fn who_delivered_last_time_informs_the_search() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend(["--format", "json"]);
        let (code, out, err) = run(&sandbox, &ws, &all);
        assert_eq!(code, 0, "{err}");
        let v: Value = serde_json::from_str(&out).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    // Contracted or later somewhere: the Trailhead creators and Mei (Lumi).
    let worked = ids(&["worked:yes", "--sort", "achieved-cpe"]);
    assert_eq!(
        worked[..2],
        ["mountain-mia", "ultralight-jay"],
        "cheapest achieved engagement first"
    );
    assert_eq!(worked.len(), 6);
    // Posted on time, nothing down, nothing above the benchmark: only Granny so far.
    assert_eq!(ids(&["rebook:yes"]), ["hiking-granny"]);
    assert_eq!(ids(&["rebook:no"]), ["mountain-mia", "ultralight-jay"]);
    let (_, out, _) = run(&sandbox, &ws, &["search", "worked:yes", "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let mia = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "mountain-mia")
        .unwrap();
    assert_eq!(
        (mia["worked"].as_bool(), mia["rebook"].as_bool()),
        (Some(true), Some(false))
    );
    let tom = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "trail-tom")
        .unwrap();
    assert!(tom["rebook"].is_null(), "nothing posted yet: undecided");
    assert!((mia["achieved_cpe"].as_f64().unwrap() - 59_800.0 / 3_935.0).abs() < 1e-9);
    let (_, table, _) = run(
        &sandbox,
        &ws,
        &["search", "worked:yes", "--sort", "achieved-cpe"],
    );
    assert!(
        table.contains("ACHIEVED CPE") && table.contains("15.20"),
        "{table}"
    );
    // One creator, with what each campaign achieved.
    let (code, out, _) = run(
        &sandbox,
        &ws,
        &["creator", "ultralight-jay", "--format", "json"],
    );
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    let achieved = &v["campaigns"][0]["achieved"];
    assert_eq!(
        (
            achieved["cost"].as_u64(),
            achieved["views"].as_u64(),
            achieved["source"].as_str()
        ),
        (Some(29_800), Some(18_000), Some("measured"))
    );
    let (_, out, _) = run(&sandbox, &ws, &["creator", "ultralight-jay"]);
    assert!(
        out.contains("CPE 20.48 · ROAS 3.33 · 18,000 views"),
        "{out}"
    );
    let (code, _, err) = run(&sandbox, &ws, &["search", "rebook:maybe"]);
    assert_eq!(code, 1);
    assert!(err.contains("rebook: \"maybe\" is not yes or no"), "{err}");
}
