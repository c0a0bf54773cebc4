//! The campaign commands run through the real binary on copies of the sample workspace, with the
//! clock fixed by SHORTLIST_NOW: campaign list/new, add, stage, pipeline, due. Each failure must
//! exit 1 with a precise message and write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::Path;

use crate::common::{Sandbox, text};
use serde_json::Value;

const NOW: &str = "2026-11-22T09:30:00+08:00";
const LUMI: &str = "campaigns/lumi-vitc-launch.toml";

fn read(ws: &Path, file: &str) -> String {
    std::fs::read_to_string(ws.join(file)).unwrap()
}

/// Runs the binary; (exit code, stdout, stderr).
fn run(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    crate::common::outcome(sandbox.on(ws, NOW).args(args))
}

#[test]
fn campaign_new_and_list() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &[
            "campaign",
            "new",
            "spring-tea",
            "--name",
            "春茶 Spring tea",
            "--brand",
            "Leaf & Co",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("created campaigns/spring-tea.toml\n"),
        "{out}"
    );
    let written = read(&ws, "campaigns/spring-tea.toml");
    assert!(
        written.contains("name = \"春茶 Spring tea\"\nbrand = \"Leaf & Co\"\n"),
        "{written}"
    );
    // Twice is refused and the first stays.
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &["campaign", "new", "spring-tea", "--name", "Other"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: campaigns/spring-tea.toml already exists; nothing was written\n"
    );
    assert_eq!(read(&ws, "campaigns/spring-tea.toml"), written);
    let (code, _, err) = run(&sandbox, &ws, &["campaign", "new", "Bad Id", "--name", "x"]);
    assert_eq!(code, 1);
    assert!(err.contains("\"Bad Id\" cannot be a campaign id"), "{err}");
    let (code, out, err) = run(&sandbox, &ws, &["campaign", "list"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("ID "), "{out}");
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines[1].starts_with("lumi-vitc-launch ") && lines[1].contains("300,000"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("spring-tea ") && lines[2].contains("Leaf & Co"),
        "{out}"
    );
}

#[test]
fn add_checks_every_id_first_and_writes_nothing_on_a_mistake() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = read(&ws, LUMI);
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &["add", "lumi-vitc-launch", "hana-wu", "sarsaa"],
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "shortlist: error: no creator \"sarsaa\" (did you mean \"sarsa\"?) in creators.toml; nothing was added\n"
    );
    assert_eq!(read(&ws, LUMI), before);
    let (code, _, err) = run(&sandbox, &ws, &["add", "lumi-vitc-lanch", "sarsa"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: no campaign \"lumi-vitc-lanch\" (did you mean \"lumi-vitc-launch\"?)\n"
    );
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &[
            "add",
            "lumi-vitc-launch",
            "gadget-grace",
            "sarsa",
            "coffee-daily",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "lumi-vitc-launch: added gadget-grace, coffee-daily; already on the shortlist: sarsa (negotiating)\n"
    );
    let after = read(&ws, LUMI);
    assert!(
        after.starts_with(&before),
        "everything before is kept as written"
    );
    assert!(after.ends_with(
        "\n[[entry]]\ncreator = \"coffee-daily\"\nstage = \"shortlisted\"\nhistory = [\n  { at = 2026-11-22T09:30:00+08:00, stage = \"shortlisted\" },\n]\n"
    ), "{after}");
    // The file still checks clean.
    let out = sandbox.on(&ws, NOW).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn stage_moves_records_and_keeps_what_the_user_wrote() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // A comment written by hand, on the very line that changes.
    let original = read(&ws, LUMI).replacen(
        "stage = \"negotiating\"\n",
        "stage = \"negotiating\"   # waiting for the quote\n",
        1,
    );
    std::fs::write(ws.join(LUMI), &original).unwrap();
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &[
            "stage",
            "lumi-vitc-launch",
            "sarsa",
            "contracted",
            "--note",
            "signed, 90 days live",
            "--follow-up",
            "2026-12-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "lumi-vitc-launch: sarsa: negotiating → contracted; sarsa: follow up on 2026-12-01\n"
    );
    let expected = original
        .replacen(
            "stage = \"negotiating\"   # waiting for the quote\n",
            "stage = \"contracted\"   # waiting for the quote\n",
            1,
        )
        .replacen("follow_up = 2026-11-25\n", "follow_up = 2026-12-01\n", 1)
        .replacen(
            "note = \"replied: interested, quote NT$30,000\" },\n]",
            "note = \"replied: interested, quote NT$30,000\" },\n  { at = 2026-11-22T09:30:00+08:00, stage = \"contracted\", note = \"signed, 90 days live\" },\n]",
            1,
        );
    assert_eq!(read(&ws, LUMI), expected);
    // The same stage again changes nothing and is not an error.
    let (code, out, _) = run(
        &sandbox,
        &ws,
        &["stage", "lumi-vitc-launch", "sarsa", "已簽約"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "lumi-vitc-launch: sarsa is already contracted; nothing changed\n"
    );
    assert_eq!(read(&ws, LUMI), expected);
    // Back a stage is allowed and recorded.
    let (code, out, _) = run(
        &sandbox,
        &ws,
        &["stage", "lumi-vitc-launch", "sarsa", "negotiating"],
    );
    assert_eq!(code, 0);
    // The follow-up date set with the signing goes with the stage it was set at.
    assert_eq!(
        out,
        "lumi-vitc-launch: sarsa: contracted → negotiating (moved back); sarsa: follow-up date cleared\n"
    );
    assert!(!read(&ws, LUMI).contains("follow_up = 2026-12-01"));
}

#[test]
fn stage_mistakes_exit_1_and_write_nothing() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = read(&ws, LUMI);
    let cases: &[(&[&str], &str)] = &[
        (
            &["stage", "lumi-vitc-launch", "sarsa", "signed"],
            "shortlist: error: unknown stage \"signed\" (stages: shortlisted, contacted, negotiating, contracted, producing, published, completed, declined, no_reply, dropped)\n",
        ),
        (
            &["stage", "lumi-vitc-launch", "sarsa", "contacetd"],
            "shortlist: error: unknown stage \"contacetd\" (did you mean \"contacted\"?)\n",
        ),
        (
            &["stage", "lumi-vitc-launch", "saras", "contracted"],
            "shortlist: error: no creator \"saras\" on the shortlist of lumi-vitc-launch (did you mean \"sarsa\"?)\n",
        ),
        (
            &["stage", "lumi-vitc-launch", "coffee-daily", "contracted"],
            "shortlist: error: coffee-daily is not on the shortlist of lumi-vitc-launch; add them first: shortlist add lumi-vitc-launch coffee-daily\n",
        ),
        (
            &["stage", "glow", "sarsa", "contracted"],
            "shortlist: error: no campaign \"glow\" (campaigns: lumi-vitc-launch, trailhead-ul-pack)\n",
        ),
        (
            &[
                "stage",
                "lumi-vitc-launch",
                "sarsa",
                "contracted",
                "--follow-up",
                "soon",
            ],
            "shortlist: error: --follow-up \"soon\" is not a date: write 2026-11-30, today, +3 or -2 (days from today), or none\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(&sandbox, &ws, args);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (1, "", *expected),
            "{args:?}"
        );
        assert_eq!(read(&ws, LUMI), before, "{args:?} wrote something");
    }
    // A bad clock is named.
    let out = sandbox
        .on(&ws, "tomorrow")
        .args(["stage", "lumi-vitc-launch", "sarsa", "contracted"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("SHORTLIST_NOW=\"tomorrow\""));
    assert_eq!(read(&ws, LUMI), before);
}

#[test]
fn a_broken_campaign_is_not_written_over() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let broken = read(&ws, LUMI).replacen("[[entry]]", "[[entry]", 1);
    std::fs::write(ws.join(LUMI), &broken).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["add", "lumi-vitc-launch", "hana-wu"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "campaigns/lumi-vitc-launch.toml has problems to fix before it can be changed"
        ),
        "{err}"
    );
    assert!(err.contains("campaigns/lumi-vitc-launch.toml:21:"), "{err}");
    assert_eq!(read(&ws, LUMI), broken);
}

#[test]
fn pipeline_counts_fees_and_next_actions() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &["pipeline", "lumi-vitc-launch", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["currency"], "TWD");
    assert_eq!(v["budget"], 300_000);
    assert_eq!(v["committed"], 85_000);
    assert_eq!(v["proposed"], 33_000);
    assert_eq!(v["remaining"], 215_000);
    let stages = v["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 10);
    assert_eq!(
        stages[1],
        serde_json::json!({"stage": "contacted", "entries": 3, "fees": 3000})
    );
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 10);
    let jess = entries
        .iter()
        .find(|e| e["creator"] == "jess-glow")
        .unwrap();
    assert_eq!(jess["stage"], "contacted");
    assert_eq!(jess["since"], "2026-11-06");
    assert_eq!(
        jess["next"],
        serde_json::json!({"action": "suggest-no-reply", "kind": "outreach", "on": "2026-11-20", "days_late": 2, "what": "no reply after 14 days: mark no_reply?", "due": true})
    );
    let sarsa = entries.iter().find(|e| e["creator"] == "sarsa").unwrap();
    assert_eq!(sarsa["next"]["action"], "follow-up");
    assert_eq!(sarsa["next"]["due"], false);

    let (code, out, _) = run(&sandbox, &ws, &["pipeline", "lumi-vitc-launch"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "Lumi 維他命C精華上市 (lumi-vitc-launch) · Lumi Skin · budget TWD 300,000\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("committed TWD 85,000 of 300,000 (28%) · left 215,000 · proposed 33,000"),
        "{out}"
    );
    assert!(
        out.contains("no reply after 14 days: mark no_reply? — 2 days late"),
        "{out}"
    );

    let (code, out, _) = run(
        &sandbox,
        &ws,
        &["pipeline", "lumi-vitc-launch", "--format", "csv"],
    );
    assert_eq!(code, 0);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "creator",
            "name",
            "email",
            "handles",
            "followers",
            "stage",
            "fee",
            "currency",
            "since",
            "follow_up",
            "next_action",
            "next_on",
            "notes"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10);
    // Who they are, to write to or call: their address, channels and reach.
    let sarsa = rows.iter().find(|r| &r[0] == "sarsa").unwrap();
    assert_eq!(&sarsa[2], "hello@sarsa.example");
    assert_eq!(&sarsa[3], "instagram @sarsa.beauty; youtube @SarsaBeauty");
    assert_eq!(&sarsa[4], "70000");
}

#[test]
fn due_lists_follow_ups_oldest_first() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, out, err) = run(&sandbox, &ws, &["due", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let due: Vec<(String, String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["on"].as_str().unwrap().to_string(),
                d["creator"].as_str().unwrap().to_string(),
                d["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            ("2026-11-20", "lin-yuting", "first-reminder"),
            ("2026-11-20", "jess-glow", "suggest-no-reply"),
            ("2026-11-21", "mountain-mia", "check-live"),
            ("2026-11-21", "mountain-mia", "results-due"),
        ]
        .map(|(on, c, a)| (on.to_string(), c.to_string(), a.to_string()))
    );
    let (code, out, _) = run(&sandbox, &ws, &["due", "--campaign", "lumi-vitc-launch"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("yuting@yutinglin.example"), "{out}");
    // A week later, more is due; nothing is due before any contact.
    let out = sandbox
        .on(&ws, "2026-11-01T09:00:00+08:00")
        .args(["due"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    // The sample says its work is invented, then what there is.
    assert!(
        err.starts_with("note: this is the sample workspace"),
        "{err}"
    );
    assert!(
        err.ends_with("\nnothing is due today in 2 campaigns\n"),
        "{err}"
    );
    let (code, _, err) = run(&sandbox, &ws, &["due", "--campaign", "nope"]);
    assert_eq!(code, 1);
    assert!(err.contains("no campaign \"nope\""), "{err}");
}

#[test]
fn campaign_new_takes_every_setting_and_edit_changes_only_those_given() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // The sender comes from the configuration unless given.
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "[sender]\nname = \"林雅雯 Amy Lin\"\nemail = \"amy@glow.example\"\n",
    )
    .unwrap();
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &[
            "campaign",
            "new",
            "glow",
            "--name",
            "Glow 春季",
            "--brand",
            "Glow",
            "--product",
            "精華",
            "--goal",
            "awareness",
            "--budget",
            "30萬",
            "--currency",
            "twd",
            "--platforms",
            "ig,threads",
            "--starts",
            "2026-12-10",
            "--ends",
            "2027-01-10",
            "--reply-by",
            "+4",
            "--template",
            "invite-zh-TW",
            "--about",
            "Glow 是台北的保養品牌。",
            "--brief",
            "兩週使用心得",
            "--deliverables",
            "1 則 IG Reels",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("note:"), "nothing missing: {out}");
    let written = read(&ws, "campaigns/glow.toml");
    assert!(
        written.ends_with("[campaign]\nname = \"Glow 春季\"\nbrand = \"Glow\"\nproduct = \"精華\"\ngoal = \"awareness\"\nbudget = 300_000\ncurrency = \"TWD\"\nplatforms = [\"instagram\", \"threads\"]\nreply_by = 2026-11-26\nstarts = 2026-12-10\nends = 2027-01-10\ntemplate = \"invite-zh-TW\"\nabout = \"Glow 是台北的保養品牌。\"\nbrief = \"兩週使用心得\"\ndeliverables = \"1 則 IG Reels\"\nsender = { name = \"林雅雯 Amy Lin\", email = \"amy@glow.example\" }\n"),
        "{written}"
    );
    // The first export needs nothing more.
    let (code, _, err) = run(&sandbox, &ws, &["add", "glow", "sarsa"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&sandbox, &ws, &["export", "glow", "--dry-run"]);
    assert_eq!(code, 0, "{err}");

    // A hand-written comment and key survive an edit; only what is given changes.
    let with_comment = read(&ws, "campaigns/glow.toml").replace(
        "budget = 300_000\n",
        "budget = 300_000 # agreed 11/20\nmood = \"fresh\"\n",
    );
    std::fs::write(ws.join("campaigns/glow.toml"), &with_comment).unwrap();
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &[
            "campaign", "edit", "glow", "--budget", "400000", "--goal", "none",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "glow: saved the settings of Glow 春季\n");
    let edited = read(&ws, "campaigns/glow.toml");
    assert_eq!(
        edited,
        with_comment
            .replace("goal = \"awareness\"\n", "")
            .replace("budget = 300_000 #", "budget = 400_000 #")
    );
    // Nothing given changes nothing; a bad value is refused and nothing is written.
    let (code, out, _) = run(&sandbox, &ws, &["campaign", "edit", "glow"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "glow: the settings are as they were; nothing changed\n")
    );
    for (args, said) in [
        (
            vec!["--ends", "2026-12-01"],
            "ends: 2026-12-01 is before the start, 2026-12-10",
        ),
        (
            vec!["--platforms", "instagarm"],
            "\"instagarm\" is not a platform (did you mean instagram?)",
        ),
        (
            vec!["--goal", "fame"],
            "--goal \"fame\": write awareness, engagement or conversion",
        ),
        (vec!["--sender-email", "amy@"], "malformed"),
        (vec!["--currency", "dollars"], "currency"),
        (
            vec!["--budget", "lots"],
            "--budget \"lots\" is not an amount",
        ),
    ] {
        let mut all = vec!["campaign", "edit", "glow"];
        all.extend(args.iter().copied());
        let (code, _, err) = run(&sandbox, &ws, &all);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert_eq!(read(&ws, "campaigns/glow.toml"), edited, "{args:?}");
    }
}

#[test]
fn a_new_campaign_says_what_an_export_will_still_need() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (code, out, err) = run(
        &sandbox,
        &ws,
        &["campaign", "new", "bare", "--name", "Bare"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("note: no sender yet: invitations need one (--sender-name and --sender-email, or [sender] in config.toml)"), "{out}");
    assert!(out.contains("note: no template yet"), "{out}");
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &[
            "campaign",
            "new",
            "b2",
            "--name",
            "B",
            "--sender-name",
            "Amy",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("a sender needs both --sender-name and --sender-email"),
        "{err}"
    );
    assert!(!ws.join("campaigns/b2.toml").exists());
}

#[test]
fn ids_are_forgiving_an_alias_a_handle_a_name_or_a_unique_beginning() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // A campaign by the beginning of its id, a creator by an alias.
    let (code, out, err) = run(&sandbox, &ws, &["stage", "lumi", "莎莎", "contracted"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("lumi-vitc-launch: sarsa: negotiating → contracted"),
        "{out}"
    );
    assert!(
        err.contains("\"lumi\" is the campaign lumi-vitc-launch (by beginning of the id)"),
        "{err}"
    );
    assert!(
        err.contains("\"莎莎\" is the creator sarsa (by alias)"),
        "{err}"
    );
    // A handle, with its @.
    let (code, _, err) = run(
        &sandbox,
        &ws,
        &["stage", "lumi-vitc-launch", "@jessglow.tw", "no_reply"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("\"@jessglow.tw\" is the creator jess-glow (by handle)"),
        "{err}"
    );
    // The beginning of an id, among the shortlist first.
    let (code, _, err) = run(&sandbox, &ws, &["remove", "trail", "rex", "--force"]);
    assert_eq!(code, 0, "{err}");
    // A name on add, in any letter case.
    let (code, out, err) = run(&sandbox, &ws, &["add", "lumi", "ken the barista"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added barista-ken"), "{out}");
    // Several that fit are listed, nothing is changed.
    let before = std::fs::read_to_string(ws.join("campaigns/lumi-vitc-launch.toml")).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["add", "lumi", "c"]);
    assert_eq!(code, 1);
    assert!(err.contains("\"c\" could be"), "{err}");
    assert!(err.contains("give the whole id"), "{err}");
    assert_eq!(
        std::fs::read_to_string(ws.join("campaigns/lumi-vitc-launch.toml")).unwrap(),
        before
    );
    // Someone in the database but not on the shortlist is told how to add them.
    let (code, _, err) = run(&sandbox, &ws, &["stage", "lumi", "coffee", "contacted"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("not on the shortlist of lumi-vitc-launch; add them first"),
        "{err}"
    );
    // A near miss is suggested.
    let (code, _, err) = run(&sandbox, &ws, &["stage", "lumi", "clara-chne", "contacted"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("no creator \"clara-chne\" on the shortlist of lumi-vitc-launch (did you mean \"clara-chen\"?)"),
        "{err}"
    );
    // Two campaigns that begin alike are not guessed between.
    std::fs::copy(
        ws.join("campaigns/lumi-vitc-launch.toml"),
        ws.join("campaigns/lumi-autumn.toml"),
    )
    .unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["pipeline", "lumi"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\"lumi\" could be the campaign lumi-autumn, lumi-vitc-launch"),
        "{err}"
    );
}
