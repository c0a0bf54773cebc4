//! A team in git: two clones of one workspace change it at the same time and merge, with the
//! `shortlist merge-file` driver that `init --git` registers, through the real `git` command.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::Path;
use std::process::Command;

use crate::common::{Sandbox, outcome};

const NOW: &str = "2026-11-22T09:30:00+08:00";

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.com",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "pull.rebase=false",
        ])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn shortlist(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(sandbox.on(ws, NOW).args(args))
}

fn creators(ws: &Path) -> std::path::PathBuf {
    ws.join("creators.toml")
}

fn campaign(ws: &Path) -> std::path::PathBuf {
    ws.join("campaigns/lumi-vitc-launch.toml")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A shared repository of the sample workspace (made with `init --git`) and two clones of it,
/// `a` and `b`, each with the merge driver registered.
fn team(sandbox: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf) {
    let first = sandbox.path().join("first");
    let out = sandbox
        .cmd()
        .arg("init")
        .arg("--git")
        .arg(&first)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let attributes = std::fs::read_to_string(first.join(".gitattributes")).unwrap();
    assert!(attributes.contains("creators.toml merge=shortlist"));
    assert!(git(&first, &["add", "-A"]).0);
    assert!(git(&first, &["commit", "-qm", "start"]).0);
    // The team's shared repository.
    let origin = sandbox.path().join("origin.git");
    assert!(
        git(
            sandbox.path(),
            &[
                "clone",
                "-q",
                "--bare",
                first.to_str().unwrap(),
                origin.to_str().unwrap()
            ]
        )
        .0
    );
    let (a, b) = (sandbox.path().join("a"), sandbox.path().join("b"));
    for clone in [&a, &b] {
        assert!(
            git(
                sandbox.path(),
                &[
                    "clone",
                    "-q",
                    origin.to_str().unwrap(),
                    clone.to_str().unwrap()
                ]
            )
            .0
        );
        // Each clone registers the driver in its own git config.
        let out = sandbox
            .cmd()
            .arg("init")
            .arg("--git")
            .arg(clone)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    (a, b)
}

#[test]
fn two_clones_change_one_workspace_and_git_merges_record_by_record() {
    let sandbox = Sandbox::new();
    let (a, b) = team(&sandbox);

    // A: sarsa signs; Jess moves on; Mei's rate and Sarsa's rate change; a creator is added.
    assert_eq!(
        shortlist(&sandbox, &a, &["stage", "lumi", "sarsa", "contracted"]).0,
        0
    );
    assert_eq!(
        shortlist(&sandbox, &a, &["stage", "lumi", "jess-glow", "negotiating"]).0,
        0
    );
    edit(&creators(&a), "rate = 30_000", "rate = 32_000");
    edit(
        &creators(&a),
        "id = \"mei-skinlab\"",
        "id = \"mei-skinlab\"\n# rate agreed by phone",
    );
    std::fs::write(
        creators(&a),
        format!("{}\n[[creator]]\nid = \"zz-from-a\"\nname = \"From A\"\nchannels = [{{ platform = \"ig\", handle = \"froma\" }}]\n", std::fs::read_to_string(creators(&a)).unwrap()),
    )
    .unwrap();
    // B: Clara is contacted; the follow-ups to the contacted are exported (history on Jess's
    // entry too); Sarsa's location changes (another field of the same creator); another creator
    // is added.
    assert_eq!(
        shortlist(&sandbox, &b, &["stage", "lumi", "clara-chen", "contacted"]).0,
        0
    );
    assert_eq!(
        shortlist(
            &sandbox,
            &b,
            &[
                "export",
                "lumi",
                "--stage",
                "contacted",
                "--template",
                "followup-zh-TW"
            ]
        )
        .0,
        0
    );
    edit(
        &creators(&b),
        "location = \"Taipei, TW\"\nlanguages = [\"zh-TW\", \"en\"]",
        "location = \"New Taipei, TW\"\nlanguages = [\"zh-TW\", \"en\"]",
    );
    std::fs::write(
        creators(&b),
        format!("{}\n[[creator]]\nid = \"zz-from-b\"\nname = \"From B\"\nchannels = [{{ platform = \"ig\", handle = \"fromb\" }}]\n", std::fs::read_to_string(creators(&b)).unwrap()),
    )
    .unwrap();
    for (clone, what) in [(&a, "a"), (&b, "b")] {
        assert!(git(clone, &["add", "-A"]).0);
        assert!(git(clone, &["commit", "-qm", what]).0);
    }
    assert!(git(&a, &["push", "-q", "origin", "HEAD"]).0);
    let (merged, said) = git(&b, &["pull", "-q", "origin", "HEAD"]);
    assert!(merged, "the merge succeeds with no real conflict: {said}");

    // Everything from both sides is there, and the files read clean.
    let (code, out, err) = shortlist(&sandbox, &b, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    let text = std::fs::read_to_string(creators(&b)).unwrap();
    for wanted in [
        "rate = 32_000",
        "New Taipei, TW",
        "zz-from-a",
        "zz-from-b",
        "# rate agreed by phone",
    ] {
        assert!(text.contains(wanted), "{wanted}");
    }
    let camp = std::fs::read_to_string(campaign(&b)).unwrap();
    let loaded = shortlist::store::parse_campaign("lumi-vitc-launch", "x", camp.as_bytes(), None);
    let c = loaded.campaign.unwrap();
    let stage = |who: &str| c.entry(who).unwrap().stage.name().to_string();
    assert_eq!(stage("sarsa"), "contracted");
    assert_eq!(stage("clara-chen"), "contacted");
    assert_eq!(stage("jess-glow"), "negotiating");
    let jess = c.entry("jess-glow").unwrap();
    assert!(
        jess.history
            .iter()
            .any(|h| h.stage.map(|s| s.name()) == Some("negotiating"))
    );
    assert!(
        jess.history.iter().any(|h| h.message_id.is_some()),
        "B's follow-up is in Jess's history too"
    );
    assert!(
        jess.history.windows(2).all(|w| w[0].at <= w[1].at),
        "in time order"
    );

    // A real conflict: both change Mei's rate to different amounts. Only that record is marked.
    assert!(
        git(&b, &["push", "-q", "origin", "HEAD"]).0,
        "{}",
        git(&b, &["push", "origin", "HEAD"]).1
    );
    assert!(git(&a, &["pull", "-q", "origin", "HEAD"]).0);
    edit(&creators(&a), "rate = 85_000", "rate = 90_000");
    edit(&creators(&b), "rate = 85_000", "rate = 95_000");
    for (clone, what) in [(&a, "a2"), (&b, "b2")] {
        assert!(git(clone, &["commit", "-qam", what]).0);
    }
    assert!(git(&a, &["push", "-q", "origin", "HEAD"]).0);
    let (merged, said) = git(&b, &["pull", "-q", "origin", "HEAD"]);
    assert!(!merged, "a real conflict stops the merge: {said}");
    let text = std::fs::read_to_string(creators(&b)).unwrap();
    assert_eq!(text.matches("<<<<<<< ours").count(), 1, "{text}");
    let (start, end) = (
        text.find("<<<<<<< ours").unwrap(),
        text.find(">>>>>>> theirs").unwrap(),
    );
    let marked = &text[start..end];
    assert!(
        marked.contains("mei-skinlab")
            && marked.contains("rate = 90_000")
            && marked.contains("rate = 95_000")
    );
    assert!(
        !marked.contains("id = \"sarsa\""),
        "only the record in conflict is marked"
    );
}

#[test]
fn a_record_removed_in_one_clone_and_changed_in_the_other_stops_the_merge_whoever_pulls() {
    let sandbox = Sandbox::new();
    let (a, b) = team(&sandbox);
    // A takes Sarsa off the campaign and changes Mei's rate; B moves Sarsa on and deletes Mei
    // (by hand, with her comments).
    assert_eq!(
        shortlist(&sandbox, &a, &["remove", "lumi", "sarsa", "--force"]).0,
        0
    );
    edit(&creators(&a), "rate = 85_000", "rate = 90_000");
    assert_eq!(
        shortlist(&sandbox, &b, &["stage", "lumi", "sarsa", "contacted"]).0,
        0
    );
    let text = std::fs::read_to_string(creators(&b)).unwrap();
    let mei = text.find("[[creator]]\nid = \"mei-skinlab\"").unwrap();
    let next = mei + text[mei + 1..].find("[[creator]]").unwrap() + 1;
    std::fs::write(creators(&b), format!("{}{}", &text[..mei], &text[next..])).unwrap();
    for (clone, what) in [(&a, "a"), (&b, "b")] {
        assert!(git(clone, &["commit", "-qam", what]).0);
    }
    assert!(git(&a, &["push", "-q", "origin", "HEAD"]).0);
    // B pulls: B removed Mei, whom A changed; A removed Sarsa's entry, which B changed.
    let (merged, said) = git(&b, &["pull", "-q", "origin", "HEAD"]);
    assert!(!merged, "removed on one side, changed on the other: {said}");
    let people = std::fs::read_to_string(creators(&b)).unwrap();
    let entries = std::fs::read_to_string(campaign(&b)).unwrap();
    for (text, kept, what) in [
        (&people, "rate = 90_000", "Mei as A changed her"),
        (
            &entries,
            "stage = \"contacted\"",
            "Sarsa's entry as B moved it",
        ),
    ] {
        assert_eq!(text.matches("<<<<<<< ours").count(), 1, "{text}");
        let marked =
            &text[text.find("<<<<<<< ours").unwrap()..text.find(">>>>>>> theirs").unwrap()];
        assert!(
            marked.contains(kept),
            "{what} is between the markers:\n{text}"
        );
    }
    // The other way round: A pulls the same two commits and is stopped the same way.
    assert!(git(&b, &["merge", "--abort"]).0);
    assert!(
        git(
            &b,
            &["push", "-q", "-f", "origin", "HEAD:refs/heads/from-b"]
        )
        .0
    );
    let (merged, said) = git(&a, &["pull", "-q", "origin", "from-b"]);
    assert!(!merged, "{said}");
    let people = std::fs::read_to_string(creators(&a)).unwrap();
    assert_eq!(people.matches("<<<<<<< ours").count(), 1, "{people}");
    let entries = std::fs::read_to_string(campaign(&a)).unwrap();
    assert_eq!(entries.matches("<<<<<<< ours").count(), 1, "{entries}");
}

#[test]
fn two_clones_importing_numbers_for_different_channels_of_one_creator_merge() {
    let sandbox = Sandbox::new();
    let (a, b) = team(&sandbox);
    // A imports Instagram's numbers, B YouTube's: both change Sarsa's channels.
    for (clone, row) in [
        (&a, "Sarsa,instagram,sarsa.beauty,60000"),
        (&b, "Sarsa,youtube,SarsaBeauty,20000"),
    ] {
        let sheet = clone.join("numbers.csv");
        std::fs::write(&sheet, format!("name,platform,handle,followers\n{row}\n")).unwrap();
        let (code, out, err) = shortlist(&sandbox, clone, &["import", sheet.to_str().unwrap()]);
        assert_eq!(code, 0, "{out}{err}");
        std::fs::remove_file(&sheet).unwrap();
        assert!(git(clone, &["commit", "-qam", "numbers"]).0);
    }
    assert!(git(&a, &["push", "-q", "origin", "HEAD"]).0);
    let (merged, said) = git(&b, &["pull", "-q", "origin", "HEAD"]);
    assert!(merged, "two channels' numbers are two changes: {said}");
    let text = std::fs::read_to_string(creators(&b)).unwrap();
    assert!(
        text.contains("handle = \"sarsa.beauty\", followers = 60_000")
            && text.contains("handle = \"SarsaBeauty\", followers = 20_000"),
        "{text}"
    );
    let (code, out, err) = shortlist(&sandbox, &b, &["check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn the_merge_driver_says_what_it_cannot_read() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path();
    std::fs::write(dir.join("base"), "[[creator]]\nid = \"a\"\nname = \"A\"\n").unwrap();
    std::fs::write(dir.join("ours"), b"\xff\xfe not text").unwrap();
    std::fs::write(
        dir.join("theirs"),
        "[[creator]]\nid = \"a\"\nname = \"A2\"\n",
    )
    .unwrap();
    let out = sandbox
        .cmd()
        .arg("merge-file")
        .args([dir.join("base"), dir.join("ours"), dir.join("theirs")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not UTF-8 text"));
    // Untouched: git keeps its own copy and reports the conflict.
    assert_eq!(
        std::fs::read(dir.join("ours")).unwrap(),
        b"\xff\xfe not text"
    );
    let out = sandbox
        .cmd()
        .arg("merge-file")
        .args([dir.join("base"), dir.join("nope"), dir.join("theirs")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot read"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_save_changes_only_the_lines_of_the_record_it_is_about() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let path = ws.join("campaigns/lumi-vitc-launch.toml");
    let before = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        shortlist(
            &sandbox,
            &ws,
            &[
                "stage",
                "lumi-vitc-launch",
                "hana-wu",
                "contacted",
                "--note",
                "by phone"
            ]
        )
        .0,
        0
    );
    let after = std::fs::read_to_string(&path).unwrap();
    // The entry's lines, in the file before.
    let start = before.find("creator = \"hana-wu\"").unwrap();
    let end = start + before[start..].find("\n[[entry]]").unwrap();
    let (entry_from, entry_to) = (
        before[..start].lines().count(),
        before[..end].lines().count(),
    );
    let diff = similar::TextDiff::from_lines(&before, &after);
    for op in diff.ops() {
        let old = op.old_range();
        if matches!(op.tag(), similar::DiffTag::Equal) {
            continue;
        }
        assert!(
            old.start >= entry_from && old.end <= entry_to + 1,
            "a change outside hana-wu's entry: {op:?}"
        );
    }
    // Nothing else moved: the text before and after the entry is the same, byte for byte.
    assert_eq!(&after[..start], &before[..start]);
    assert!(after.ends_with(&before[end..]));
}

#[test]
fn init_git_keeps_a_gitattributes_it_cannot_read_as_it_is() {
    let sandbox = Sandbox::new();
    let ws = sandbox.path().join("ws");
    let out = sandbox.cmd().arg("init").arg(&ws).output().unwrap();
    assert!(out.status.success());
    // A user's own attributes, with a comment in Latin-1.
    let theirs = b"*.psd binary # caf\xe9\n".to_vec();
    std::fs::write(ws.join(".gitattributes"), &theirs).unwrap();
    let out = sandbox
        .cmd()
        .arg("init")
        .arg("--git")
        .arg(&ws)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(".gitattributes is not UTF-8 text; it was left as it is"),
        "{err}"
    );
    assert_eq!(std::fs::read(ws.join(".gitattributes")).unwrap(), theirs);
}
