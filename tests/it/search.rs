//! `shortlist search` through the real binary, on the sample workspace and on a generated one.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use crate::common::{Sandbox, text};
use serde_json::Value;

fn sample(sandbox: &Sandbox) -> std::path::PathBuf {
    let dir = sandbox.path().join("ws");
    shortlist::store::sample::write_all(&dir).unwrap();
    dir
}

fn json(sandbox: &Sandbox, ws: &std::path::Path, args: &[&str]) -> Vec<Value> {
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(ws)
        .arg("search")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn json_has_the_fields_as_in_the_file_with_followers_and_tier() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let results = json(&sandbox, &ws, &["sarsa", "--limit", "1"]);
    assert_eq!(results.len(), 1);
    let sarsa = &results[0];
    assert_eq!(sarsa["id"], "sarsa");
    assert_eq!(sarsa["name"], "莎莎 Sarsa");
    assert_eq!(sarsa["followers"], 70_000);
    assert_eq!(sarsa["tier"], "mid");
    assert_eq!(sarsa["vetted_on"], "2026-10-01");
    assert_eq!(sarsa["channels"][0]["engagement"], 4.5);
    assert_eq!(sarsa["channels"][1]["avg_views"], 6_000);
    assert!(
        sarsa["channels"][1].get("engagement").is_none(),
        "unknown values are left out"
    );
    assert_eq!(sarsa["aliases"][0], "Sarsa Lin");
}

#[test]
fn filters_rank_by_followers_and_negations_work_anywhere_on_the_line() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let results = json(
        &sandbox,
        &ws,
        &["platform:ig", "followers:10k..50k", "-kind:kol"],
    );
    assert_eq!(ids(&results), ["homecafe-hsin"]);
    let all = json(&sandbox, &ws, &["niche:coffee"]);
    let followers: Vec<u64> = all
        .iter()
        .map(|r| r["followers"].as_u64().unwrap())
        .collect();
    assert!(followers.windows(2).all(|w| w[0] >= w[1]), "{followers:?}");
    assert_eq!(ids(&all)[0], "barista-ken");
    // The same query, quoted as one argument and with options first.
    let quoted = json(
        &sandbox,
        &ws,
        &["--limit", "100", "platform:ig followers:10k..50k -kind:kol"],
    );
    assert_eq!(ids(&quoted), ["homecafe-hsin"]);
}

#[test]
fn chinese_text_matches_and_a_limit_keeps_the_best() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    assert_eq!(ids(&json(&sandbox, &ws, &["咖啡"]))[0], "coffee-daily");
    let two = json(&sandbox, &ws, &["coffee", "--limit", "2"]);
    let all = json(&sandbox, &ws, &["coffee"]);
    assert_eq!(ids(&two), ids(&all)[..2]);
}

#[test]
fn a_campaign_adds_stages_and_stage_filters() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let results = json(
        &sandbox,
        &ws,
        &["--campaign", "lumi-vitc-launch", "stage:contacted"],
    );
    let mut got = ids(&results);
    got.sort();
    assert_eq!(got, ["amber-koc", "jess-glow", "lin-yuting"]);
    assert!(results.iter().all(|r| r["stage"] == "contacted"));
    let one = json(
        &sandbox,
        &ws,
        &["--campaign", "lumi-vitc-launch", "ken the barista"],
    );
    assert_eq!(one[0]["stage"], Value::Null);
}

#[test]
fn csv_has_a_header_and_a_row_per_creator_with_channel_columns() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["search", "sarsa", "--limit", "1", "--format", "csv"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let get = |name: &str| {
        rows[0]
            .get(header.iter().position(|h| h == name).unwrap())
            .unwrap()
    };
    assert_eq!(get("id"), "sarsa");
    assert_eq!(get("aliases"), "Sarsa Lin; 莎莎");
    assert_eq!(get("instagram_handle"), "sarsa.beauty");
    assert_eq!(get("instagram_followers"), "52000");
    assert_eq!(get("youtube_avg_views"), "6000");
    assert_eq!(get("followers"), "70000");
}

#[test]
fn problems_with_the_request_exit_1_with_a_clear_message() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let run = |args: &[&str]| {
        let out = sandbox
            .cmd()
            .arg("--workspace")
            .arg(&ws)
            .arg("search")
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), text(&out.stderr))
    };
    assert_eq!(
        run(&["er:>>5"]),
        (
            Some(1),
            "shortlist: error: in the query at column 4: er: \">>5\" is not a comparison (write >3, >=3, <3, 3..5 or 3)\n  er:>>5\n     ^^^\n".to_string()
        )
    );
    // What reaches the program when `er:>3` was not quoted: the shell took `>3` away.
    let (code, err) = run(&["skincare", "er:"]);
    assert_eq!(code, Some(1));
    assert!(
        err.ends_with("  the shell reads > and < itself (a file may have been written): quote the query, 'er:>3'\n"),
        "{err}"
    );
    let (_, err) = run(&["followers:"]);
    assert!(err.contains("quote the query, 'followers:>=10k'"), "{err}");
    let (_, err) = run(&["platform:"]);
    assert!(!err.contains("quote the query"), "{err}");
    let (code, err) = run(&["--campaign", "lumi", "x"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        "shortlist: error: no campaign \"lumi\" (campaigns: lumi-vitc-launch, trailhead-ul-pack)\n"
    );
    let (code, err) = run(&["--campaign", "lumi-vitc-launh", "x"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("(did you mean \"lumi-vitc-launch\"?)"),
        "{err}"
    );
    let (code, err) = run(&["stage:contacted"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("stage: needs a campaign"), "{err}");
    assert_eq!(run(&["--sort", "popularity", "x"]).0, Some(2));
    assert_eq!(run(&["--format", "xml", "x"]).0, Some(2));
}

#[test]
fn the_cache_gives_the_same_answers_as_reading_the_file() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("big");
    std::fs::create_dir_all(&dir).unwrap();
    let creators = crate::synth::creators(3_000, 21);
    std::fs::write(
        dir.join("creators.toml"),
        shortlist::store::render_creators(&creators),
    )
    .unwrap();
    let queries: [&[&str]; 4] = [
        &["chen"],
        &["platform:ig", "tier:micro"],
        &["a", "--sort", "engagement"],
        &["小", "--limit", "7"],
    ];
    for q in queries {
        let cold = json(&sandbox, &dir, q);
        let warm = json(&sandbox, &dir, q);
        assert_eq!(cold, warm, "{q:?}");
        assert!(!cold.is_empty(), "{q:?}");
    }
    let cache = sandbox.path().join("cache").join("shortlist");
    assert!(std::fs::read_dir(cache).unwrap().count() >= 1);
}

#[test]
fn a_table_is_printed_for_people() {
    let sandbox = Sandbox::new();
    let ws = sample(&sandbox);
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["search", "coffee", "--limit", "2"])
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("#  NAME"), "{stdout}");
    assert_eq!(lines.len(), 3);
    assert!(
        text(&out.stderr).starts_with("2 of "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn creators_export_as_vcards_an_address_book_reads() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["search", "niche:coffee", "--format", "vcf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 bytes");
    assert!(
        text.split("\r\n")
            .filter(|l| !l.is_empty())
            .all(|l| !l.contains('\n'))
    );
    // Read back by an independent parser.
    let cards: Vec<_> = ical::VcardParser::new(std::io::BufReader::new(text.as_bytes()))
        .map(|c| c.expect("a valid vCard"))
        .collect();
    assert_eq!(cards.len(), 6, "{text}");
    let ken = cards
        .iter()
        .find(|c| {
            c.properties
                .iter()
                .any(|p| p.name == "UID" && p.value.as_deref() == Some("shortlist-barista-ken"))
        })
        .expect("Ken's card");
    let value = |name: &str| {
        ken.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(value("FN"), "Ken the Barista");
    assert_eq!(value("EMAIL"), "ken@kenthebarista.example");
    assert!(
        value("NOTE").contains("instagram @ken.barista 52\\,000 followers"),
        "{}",
        value("NOTE")
    );
    // The shortlist of a campaign too, as contacts.
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["pipeline", "lumi-vitc-launch", "--format", "vcf"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD").count(), 10, "{text}");
}
