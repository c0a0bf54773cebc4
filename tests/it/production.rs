//! After the contract, through the real binary: recording contracts, shipments, deliverables,
//! review rounds, posts, results and payments from the command line; the agenda as JSON and as
//! an iCalendar file read back by an independent parser; one creator across campaigns; taking
//! creators off; and writers killed while records are added.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::common::{Sandbox, outcome};

const NOW: &str = "2026-12-01T09:00:00+08:00";
const LUMI: &str = "campaigns/lumi-vitc-launch.toml";

fn run(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(sandbox.on(ws, NOW).args(args))
}

fn read(ws: &Path, file: &str) -> String {
    std::fs::read_to_string(ws.join(file)).unwrap()
}

fn json(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> Value {
    let (code, out, err) = run(sandbox, ws, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// `(on, creator, action, about)` of each item of `due --format json`.
fn agenda(sandbox: &Sandbox, ws: &Path, extra: &[&str]) -> Vec<(String, String, String, String)> {
    let mut args = vec!["due", "--format", "json"];
    args.extend_from_slice(extra);
    json(sandbox, ws, &args)
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let about = i["deliverable"]
                .as_str()
                .map(str::to_string)
                .or_else(|| i["payment"].as_u64().map(|n| format!("#{n}")))
                .unwrap_or_default();
            (
                i["on"].as_str().unwrap().to_string(),
                i["creator"].as_str().unwrap().to_string(),
                i["action"].as_str().unwrap().to_string(),
                about,
            )
        })
        .collect()
}

fn item(on: &str, creator: &str, action: &str, about: &str) -> (String, String, String, String) {
    (on.into(), creator.into(), action.into(), about.into())
}

#[test]
fn the_sample_agenda_lists_every_kind_of_work_oldest_first() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let due = agenda(&sandbox, &ws, &[]);
    let actions: BTreeSet<&str> = due.iter().map(|i| i.2.as_str()).collect();
    for action in [
        "suggest-no-reply",
        "check-live",
        "results-due",
        "follow-up",
        "draft-due",
        "payment-due",
        "usage-expires",
        "shipment-check",
        "script-due",
    ] {
        assert!(actions.contains(action), "{action} missing from {due:?}");
    }
    let days: Vec<&str> = due.iter().map(|i| i.0.as_str()).collect();
    let mut sorted = days.clone();
    sorted.sort_unstable();
    assert_eq!(days, sorted, "oldest first");
    assert!(due.contains(&item("2026-11-26", "mountain-mia", "payment-due", "#2")));
    assert!(due.contains(&item("2026-11-28", "mountain-mia", "usage-expires", "")));
    // Looking ahead brings what comes; a kind narrows it.
    let ahead = agenda(&sandbox, &ws, &["--ahead", "14", "--kind", "production"]);
    assert!(ahead.contains(&item("2026-12-12", "gear-geek-gary", "post-by", "ig-reel")));
    assert!(ahead.iter().all(|i| {
        [
            "script-due",
            "draft-due",
            "post-by",
            "check-live",
            "results-due",
        ]
        .contains(&i.2.as_str())
    }));
    let (code, _, err) = run(&sandbox, &ws, &["due", "--kind", "prodution"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean \"production\"?"), "{err}");
}

/// The events of an `.ics` text, each as its properties by name (the value of the first).
fn events(ics: &str) -> Vec<BTreeMap<String, String>> {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = parser.next().expect("a calendar").expect("it parses");
    assert!(parser.next().is_none(), "one calendar");
    calendar
        .events
        .iter()
        .map(|e| {
            let mut m = BTreeMap::new();
            for p in &e.properties {
                m.entry(p.name.clone())
                    .or_insert_with(|| p.value.clone().unwrap_or_default());
            }
            m
        })
        .collect()
}

#[test]
fn the_agenda_as_a_calendar_reads_back_and_keeps_its_uids() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, first, err) = run(&sandbox, &ws, &["due", "--format", "ics", "--ahead", "30"]);
    assert_eq!(code, 0, "{err}");
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    assert!(first.lines().all(|l| l.len() <= 76), "lines are folded");
    let list = events(&first);
    let due = agenda(&sandbox, &ws, &["--ahead", "30"]);
    assert_eq!(list.len(), due.len(), "one event per item");
    let uids: BTreeSet<&str> = list.iter().map(|e| e["UID"].as_str()).collect();
    assert_eq!(uids.len(), list.len(), "every UID differs");
    for (event, (on, creator, _, _)) in list.iter().zip(&due) {
        assert_eq!(event["DTSTART"], on.replace('-', ""), "{event:?}");
        assert!(event["UID"].contains(&format!("/{creator}/")), "{event:?}");
        assert!(event.contains_key("DTSTAMP") && event.contains_key("DTEND"));
    }
    let payment = list
        .iter()
        .find(|e| e["UID"] == "trailhead-ul-pack/mountain-mia/payment-due/payment-2@shortlist")
        .expect("the balance owed to Mia");
    assert_eq!(
        payment["SUMMARY"],
        "payment due (balance 27\\,500) · 山女孩 Mia · Trailhead UL 38 autumn launch"
    );
    assert_eq!(payment["DTSTART"], "20261126");
    assert_eq!(payment["DTEND"], "20261127");
    // The same again gives the same calendar; a date moved keeps its event's UID.
    let (_, again, _) = run(&sandbox, &ws, &["due", "--format", "ics", "--ahead", "30"]);
    assert_eq!(again, first);
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &[
            "deliverable",
            "trailhead-ul-pack",
            "gear-geek-gary",
            "ig-reel",
            "--post-by",
            "2026-12-20",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let (_, moved, _) = run(&sandbox, &ws, &["due", "--format", "ics", "--ahead", "30"]);
    let post = |list: &[BTreeMap<String, String>]| {
        list.iter()
            .find(|e| {
                e["UID"] == "trailhead-ul-pack/gear-geek-gary/post-by/deliverable-ig-reel@shortlist"
            })
            .map(|e| e["DTSTART"].clone())
    };
    assert_eq!(post(&list).as_deref(), Some("20261212"));
    assert_eq!(post(&events(&moved)).as_deref(), Some("20261220"));
}

#[test]
fn the_work_after_the_contract_is_recorded_from_the_command_line() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let ok = |args: &[&str]| {
        let (code, out, err) = run(&sandbox, &ws, args);
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    let c = "lumi-vitc-launch";
    ok(&[
        "stage",
        c,
        "mei-skinlab",
        "producing",
        "--note",
        "product shipped",
    ]);
    let out = ok(&[
        "ship",
        c,
        "mei-skinlab",
        "--sent",
        "-7",
        "--carrier",
        "黑貓",
        "--value",
        "2400",
        "--item",
        "Serum ×3",
    ]);
    assert_eq!(
        out,
        "lumi-vitc-launch: mei-skinlab: shipment: sent 2026-11-24, carrier 黑貓, item Serum ×3, value 2400\n"
    );
    ok(&[
        "review",
        c,
        "mei-skinlab",
        "yt-1",
        "script",
        "changes",
        "--note",
        "INCI part earlier",
    ]);
    ok(&["review", c, "mei-skinlab", "yt-1", "script", "approved"]);
    let due = agenda(&sandbox, &ws, &["--campaign", c]);
    assert!(due.contains(&item("2026-11-29", "mei-skinlab", "shipment-check", "")));
    assert!(
        !due.iter().any(|i| i.2 == "script-due"),
        "approved: {due:?}"
    );
    ok(&["ship", c, "mei-skinlab", "--received", "today"]);
    ok(&[
        "posted",
        c,
        "mei-skinlab",
        "yt-1",
        "https://youtu.be/abc123",
        "--on",
        "2026-11-30",
    ]);
    ok(&["stage", c, "mei-skinlab", "published"]);
    let out = ok(&[
        "results",
        c,
        "mei-skinlab",
        "yt-1",
        "--views",
        "48k",
        "--likes",
        "3_100",
        "--code-uses",
        "64",
        "--sales",
        "9.6萬",
        "--source",
        "creator",
    ]);
    assert_eq!(
        out,
        "lumi-vitc-launch: mei-skinlab: yt-1 results recorded (48,000 views)\n"
    );
    ok(&["live", c, "mei-skinlab", "yt-1"]);
    ok(&["paid", c, "mei-skinlab", "balance", "--invoice", "AB-2"]);
    ok(&["contract", c, "mei-skinlab", "--territory", "TW+HK"]);
    let text = read(&ws, LUMI);
    for line in [
        "contract = { signed = 2026-11-20, usage = [\"organic\", \"ads\"], usage_until = 2027-02-20, territory = \"TW+HK\", exclusivity = [\"skincare\"], exclusive_until = 2027-01-20, disclosure = \"#合作\" }",
        "shipment = { sent = 2026-11-24, carrier = \"黑貓\", item = \"Serum ×3\", value = 2400, received = 2026-12-01 }",
        "  { at = 2026-12-01T09:00:00+08:00, step = \"script\", verdict = \"changes\", note = \"INCI part earlier\" },",
        "posted = 2026-11-30\nurl = \"https://youtu.be/abc123\"\nchecked = 2026-12-01\nlive = true\nrounds = [",
        "  { on = 2026-12-01, views = 48_000, likes = 3100, code_uses = 64, sales = 96_000, source = \"creator\" },",
        "due = 2027-01-10\npaid = 2026-12-01\ninvoice = \"AB-2\"\n",
    ] {
        assert!(text.contains(line), "{line}\nnot in:\n{text}");
    }
    let (code, _, _) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 0);
    // One creator across campaigns.
    let v = json(
        &sandbox,
        &ws,
        &["creator", "mei-skinlab", "--format", "json"],
    );
    assert_eq!(v["on_time"], 1);
    assert_eq!(v["rounds"], 2);
    assert_eq!(v["sent_back"], 1);
    assert_eq!(v["exclusivities"][0]["niches"][0], "skincare");
    let part = &v["campaigns"][0];
    assert_eq!(part["stage"], "published");
    assert_eq!(part["paid"], 85_000);
    assert_eq!(part["owed"], 0);
    assert_eq!(part["deliverables"][0]["results"]["views"], 48_000);
    assert_eq!(
        part["deliverables"][0]["status"],
        "posted 2026-11-30 · live · 48,000 views"
    );
    let (code, table, _) = run(&sandbox, &ws, &["creator", "mei-skinlab"]);
    assert_eq!(code, 0);
    assert!(
        table.contains("posts      1 on time · 0 late · 0 overdue · 2 review rounds, 1 sent back"),
        "{table}"
    );
}

#[test]
fn mistakes_are_refused_with_what_to_do_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = read(&ws, LUMI);
    let c = "lumi-vitc-launch";
    for (args, message) in [
        (
            vec!["results", c, "mei-skinlab", "yt-9", "--views", "1"],
            "mei-skinlab has no deliverable yt-9 (they have yt-1, ig-post)",
        ),
        (
            vec!["results", c, "mei-skinlab", "yt-1", "--views", "1"],
            "yt-1 is not marked posted yet",
        ),
        (
            vec!["results", c, "mei-skinlab", "yt-1"],
            "nothing to record",
        ),
        (
            vec!["review", c, "mei-skinlab", "yt-1", "scirpt", "approved"],
            "unknown step \"scirpt\" (did you mean \"script\"?)",
        ),
        (
            vec!["review", c, "mei-skinlab", "yt-1", "script", "aproved"],
            "unknown verdict \"aproved\" (did you mean \"approved\"?)",
        ),
        (
            vec!["posted", c, "mei-skinlab", "yt-1", "youtu.be/x"],
            "is not the address of a post",
        ),
        (
            vec!["deliverable", c, "mei-skinlab", "tt-1", "--format", "short"],
            "give its platform to add it",
        ),
        (
            vec![
                "deliverable",
                c,
                "mei-skinlab",
                "yt-1",
                "--post-by",
                "2026-12-05",
            ],
            "2026-12-05 comes before 2026-12-08",
        ),
        (
            vec!["payment", c, "mei-skinlab", "lots"],
            "the amount \"lots\" is not an amount",
        ),
        (
            vec!["payment", c, "mei-skinlab", "100", "--kind", "deposti"],
            "did you mean \"deposit\"?",
        ),
        (vec!["paid", c, "sarsa"], "sarsa has no payments recorded"),
        (
            vec!["paid", c, "mei-skinlab", "deposit", "--on", "soon"],
            "--on \"soon\" is not a date",
        ),
        (vec!["ship", c, "mei-skinlab"], "nothing to record"),
        (
            vec!["contract", c, "tainan-foodie", "--signed", "today"],
            "tainan-foodie is not on the shortlist of lumi-vitc-launch; add them first",
        ),
        (
            vec!["contract", c, "mei-skinlb", "--signed", "today"],
            "did you mean \"mei-skinlab\"?",
        ),
        (
            vec!["remove", c, "sarsa"],
            "sarsa is negotiating: taking them off would lose their history (use --force",
        ),
        (
            vec![
                "stage",
                c,
                "sarsa",
                "published",
                "--url",
                "https://x.example/p",
            ],
            "sarsa has no deliverables to mark posted",
        ),
    ] {
        let (code, _, err) = run(&sandbox, &ws, &args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(read(&ws, LUMI), before, "{args:?} wrote the file");
    }
}

#[test]
fn creators_are_taken_off_a_shortlist_only_while_it_loses_nothing() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let c = "lumi-vitc-launch";
    let (code, out, err) = run(&sandbox, &ws, &["remove", c, "clara-chen", "lin-yuting"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "lumi-vitc-launch: removed clara-chen, lin-yuting\n");
    let text = read(&ws, LUMI);
    assert!(
        !text.contains("creator = \"clara-chen\"") && !text.contains("creator = \"lin-yuting\"")
    );
    // All or nothing: one refused, none goes.
    let (code, _, _) = run(&sandbox, &ws, &["remove", c, "jess-glow", "sarsa"]);
    assert_eq!(code, 1);
    assert!(read(&ws, LUMI).contains("creator = \"jess-glow\""));
    let (code, out, _) = run(&sandbox, &ws, &["remove", c, "sarsa", "--force"]);
    assert_eq!(code, 0);
    assert_eq!(out, "lumi-vitc-launch: removed sarsa\n");
    let (code, _, err) = run(&sandbox, &ws, &["remove", c, "sarsa"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("sarsa is not on the shortlist of lumi-vitc-launch"),
        "{err}"
    );
}

#[test]
fn adding_warns_of_an_exclusivity_signed_elsewhere() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    std::fs::write(
        ws.join("campaigns/glow-serum.toml"),
        "[campaign]\nname = \"Glow serum\"\nniches = [\"Skincare\"]\nstarts = 2026-12-10\nends = 2027-01-31\n",
    )
    .unwrap();
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &["add", "glow-serum", "mei-skinlab", "sarsa"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "glow-serum: added mei-skinlab, sarsa\n");
    assert_eq!(
        err,
        "shortlist: warning: mei-skinlab is exclusive to lumi-vitc-launch for skincare until 2027-01-20\n"
    );
    // Not in that niche, or after the exclusivity ends: no warning.
    std::fs::write(
        ws.join("campaigns/spring.toml"),
        "[campaign]\nname = \"Spring\"\nniches = [\"skincare\"]\nstarts = 2027-03-01\n",
    )
    .unwrap();
    let (_, _, err) = run(&sandbox, &ws, &["add", "spring", "mei-skinlab"]);
    assert_eq!(err, "");
}

#[test]
fn records_written_by_hand_are_checked_key_by_key() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let text = read(&ws, LUMI).replace(
        "[[entry.payment]]\nkind = \"deposit\"",
        "[[entry.payment]]\nkind = \"depsoit\"\nammount = 5",
    );
    let text = text.replace("post_by = 2026-12-18", "post_by = 2026-12-18\nposted = 2026-12-19\nresults = [{ on = 2026-12-01, views = -5, source = \"guess\" }]");
    let text = text.replacen(
        "[[entry.deliverable]]\nid = \"ig-post\"",
        "[[entry.deliverable]]\nid = \"yt-1\"",
        1,
    );
    std::fs::write(ws.join(LUMI), text).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 1);
    for message in [
        "error: unknown payment kind \"depsoit\" (did you mean \"deposit\"?) (entry mei-skinlab)",
        "error: unknown key \"ammount\" (did you mean \"amount\"?) (entry mei-skinlab)",
        "error: duplicate deliverable id \"yt-1\"",
        "error: \"posted\" without \"url\"",
        "error: \"views\" cannot be negative (-5)",
        "error: unknown source \"guess\"",
        "error: \"on\" (2026-12-01) is before \"posted\" (2026-12-19)",
    ] {
        assert!(err.contains(message), "{message}\nnot in:\n{err}");
    }
    assert!(
        err.lines()
            .all(|l| l.starts_with("campaigns/lumi-vitc-launch.toml:")),
        "every message is located:\n{err}"
    );
}

fn spawn(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_shortlist"));
    cmd.current_dir(sandbox.cwd())
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env("SHORTLIST_NOW", NOW)
        .env_remove("SHORTLIST_WORKSPACE")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (key, value) in sandbox.env() {
        cmd.env(key, value);
    }
    cmd.spawn().unwrap()
}

/// How many payments of each amount, and every deliverable id, in the campaign file, which must
/// read cleanly.
fn records(ws: &Path) -> (BTreeMap<u64, usize>, BTreeSet<String>) {
    let bytes = std::fs::read(ws.join(LUMI)).unwrap();
    let loaded = shortlist::store::parse_campaign("lumi-vitc-launch", LUMI, &bytes, None);
    assert!(
        !loaded.has_errors(),
        "the file no longer reads cleanly: {:?}",
        loaded.diagnostics
    );
    let campaign = loaded.campaign.unwrap();
    let mei = campaign.entry("mei-skinlab").unwrap();
    let mut payments = BTreeMap::new();
    for p in &mei.payments {
        *payments.entry(p.amount).or_insert(0) += 1;
    }
    (
        payments,
        mei.deliverables.iter().map(|d| d.id.to_string()).collect(),
    )
}

#[test]
fn writers_killed_while_adding_records_never_break_the_file_or_lose_one() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // How long one writer takes on this machine, as loaded as it is now: the kills fall
    // within three times that (the three writers of a round take turns at the file's lock),
    // so that some writers finish and some are cut short however fast or slow the machine (a
    // fixed window killed nearly all of them when the whole suite ran at once).
    let started = std::time::Instant::now();
    let took = spawn(
        &sandbox,
        &ws,
        &[
            "payment",
            "lumi-vitc-launch",
            "mei-skinlab",
            "999",
            "--due",
            "+30",
        ],
    )
    .wait()
    .map(|_| started.elapsed())
    .unwrap();
    let window = (took.as_micros() as u64 * 3).max(1);
    let mut known = records(&ws);
    let mut seed: u64 = 0xfeed;
    let mut killed = 0;
    for round in 0..30u64 {
        let amount = (1000 + round).to_string();
        let id = format!("story-{round}");
        let mut children = vec![
            spawn(
                &sandbox,
                &ws,
                &[
                    "payment",
                    "lumi-vitc-launch",
                    "mei-skinlab",
                    &amount,
                    "--due",
                    "+30",
                ],
            ),
            spawn(
                &sandbox,
                &ws,
                &[
                    "deliverable",
                    "lumi-vitc-launch",
                    "mei-skinlab",
                    &id,
                    "--platform",
                    "ig",
                    "--post-by",
                    "+20",
                ],
            ),
            spawn(
                &sandbox,
                &ws,
                &[
                    "review",
                    "lumi-vitc-launch",
                    "mei-skinlab",
                    "yt-1",
                    "draft",
                    "changes",
                ],
            ),
        ];
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % window));
        for child in &mut children {
            if child.try_wait().unwrap().is_none() {
                let _ = child.kill();
                killed += 1;
            }
        }
        for mut child in children {
            let _ = child.wait();
        }
        let now = records(&ws);
        for (amount, count) in &known.0 {
            assert!(
                now.0.get(amount) >= Some(count),
                "round {round}: a payment of {amount} was lost"
            );
        }
        assert!(
            known.1.is_subset(&now.1),
            "round {round}: a deliverable was lost"
        );
        known = now;
    }
    assert!(
        killed > 5,
        "the test should kill writers mid-way, killed only {killed}"
    );
    assert!(
        known.0.len() > 2 && known.1.len() > 2,
        "some records were written: {known:?}"
    );
}
