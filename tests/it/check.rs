//! `shortlist check` on fixtures of every kind of problem, run through the real binary in a
//! sandboxed workspace. Each fixture's expected messages are in the `.stderr` file beside it;
//! `BLESS=1 cargo test --test it check::` rewrites them from the actual output (review the diff).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, text};
use rstest::rstest;

/// `shortlist --workspace WS check`, run to the end.
fn check(sandbox: &Sandbox, ws: impl AsRef<Path>) -> std::process::Output {
    sandbox
        .cmd()
        .arg("--workspace")
        .arg(ws.as_ref())
        .arg("check")
        .output()
        .unwrap()
}

fn check_fixture(fixture: &Path, expected_exit: i32) {
    let sandbox = Sandbox::new();
    let bytes = std::fs::read(fixture).unwrap();
    let ws = sandbox.workspace("ws", &bytes);
    let out = check(&sandbox, &ws);
    let stderr = text(&out.stderr);
    let expected_file = fixture.with_extension("stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_file, &stderr).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_file)
        .unwrap_or_else(|_| panic!("{} is missing", expected_file.display()));
    assert_eq!(
        stderr,
        expected,
        "messages for {} differ from {}",
        fixture.display(),
        expected_file.display()
    );
    assert_eq!(
        out.status.code(),
        Some(expected_exit),
        "exit status for {}\nstdout:\n{}",
        fixture.display(),
        text(&out.stdout)
    );
}

#[rstest]
fn invalid_files_fail_with_every_problem_located(
    #[files("tests/fixtures/invalid/*.toml")] fixture: PathBuf,
) {
    check_fixture(&fixture, 1);
}

#[rstest]
fn valid_files_load(#[files("tests/fixtures/valid/*.toml")] fixture: PathBuf) {
    check_fixture(&fixture, 0);
}

#[test]
fn every_invalid_fixture_reports_at_least_one_located_error() {
    // Guards the .stderr files themselves: a blessed empty file would make a fixture useless.
    let dir = crate::common::repo().join("tests/fixtures/invalid");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "stderr") {
            let expected = std::fs::read_to_string(&path).unwrap();
            assert!(
                expected
                    .lines()
                    .any(|l| l.starts_with("creators.toml:") && l.contains(": error: ")),
                "{} has no located error",
                path.display()
            );
        }
    }
}

#[test]
fn the_sample_workspace_passes_with_no_warnings() {
    let sandbox = Sandbox::new();
    let out = check(&sandbox, crate::common::repo().join("data"));
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("problems   none"), "{stdout}");
}

#[test]
fn summary_counts_creators_platforms_tiers_and_problems() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        br#"
[[creator]]
id = "a"
name = "A"
email = "a@example.com"
kind = "koc"
channels = [
  { platform = "ig", handle = "a", followers = 12_000 },
  { platform = "yt", handle = "a", followers = 600_000 },
]

[[creator]]
id = "b"
name = "B"
channels = [{ platform = "instagram", handle = "b", followers = 900 }]

[[creator]]
id = "c"
name = "C"
email = "broken"
channels = [{ platform = "instagram", handle = "c", followers = 900 }]
"#,
    );
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "creators   2 loaded, 1 left out because of errors · 3 channels",
            "platforms  instagram 2 · youtube 1",
            "tiers      emerging 1 · nano 0 · micro 0 · mid 0 · macro 1 · mega 0",
            "kinds      kol 0 · koc 1 · kos 0 · celebrity 0 · unset 1",
            "no email   1 creator",
            "problems   1 error (listed above)",
        ]
    );
}

#[test]
fn check_accepts_a_file_and_names_it_as_given() {
    let sandbox = Sandbox::new();
    let out = sandbox
        .cmd()
        .arg("check")
        .arg(crate::common::repo().join("tests/fixtures/invalid/duplicate-id.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "tests/fixtures/invalid/duplicate-id.toml:7:6: error: duplicate id \"sarsa\""
        ),
        "{stderr}"
    );
    // Checking a file does not create the per-user workspace as a side effect.
    assert!(!sandbox.user_workspace().exists());
}

#[test]
fn tier_bounds_come_from_the_user_config() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        b"[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = [{ platform = \"x\", handle = \"a\", followers = 1_500 }]\n",
    );
    std::fs::create_dir_all(sandbox.config_file().parent().unwrap()).unwrap();
    std::fs::write(sandbox.config_file(), "[tiers]\nnano = 2_000\n").unwrap();
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("tiers      emerging 1 · nano 0"));
}

#[test]
fn a_broken_config_is_reported_with_its_line() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace("ws", b"");
    std::fs::create_dir_all(sandbox.config_file().parent().unwrap()).unwrap();
    std::fs::write(
        sandbox.config_file(),
        "currency = \"TWD\"\n[tiers]\nmicro = \"10k\"\n",
    )
    .unwrap();
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "{}:3:9: error: \"micro\" must be a whole number, found string \"10k\"; write it without quotes, as 10_000 (tiers)\n",
            sandbox.config_file().display()
        )
    );
}

#[test]
fn campaign_files_are_checked_against_the_database() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        b"[[creator]]\nid = \"sarsa\"\nname = \"S\"\nchannels = [{ platform = \"ig\", handle = \"s\" }]\n",
    );
    std::fs::create_dir_all(ws.join("campaigns")).unwrap();
    std::fs::write(
        ws.join("campaigns/launch.toml"),
        "[campaign]\nname = \"Launch\"\n\n[[entry]]\ncreator = \"sarsaa\"\nstage = \"contacted\"\n\n[[entry]]\ncreator = \"sarsa\"\nstage = \"signed\"\n",
    )
    .unwrap();
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "campaigns/launch.toml:5:11: error: no creator \"sarsaa\" in creators.toml (did you mean \"sarsa\"?) (entry sarsaa)\n\
         campaigns/launch.toml:10:9: error: unknown stage \"signed\" (stages: shortlisted, contacted, negotiating, contracted, producing, published, completed, declined, no_reply, dropped) (entry sarsa)\n"
    );
    assert!(
        text(&out.stdout).contains("campaigns  1 · 1 entry\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn templates_are_checked_with_their_lines() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        b"[[creator]]\nid = \"sarsa\"\nname = \"S\"\nchannels = [{ platform = \"ig\", handle = \"s\" }]\n",
    );
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(
        ws.join("templates/good.txt"),
        "+++\nsubject = \"Hi {{ creator.name }}\"\n+++\nHello\n",
    )
    .unwrap();
    std::fs::write(
        ws.join("templates/bad.txt"),
        "+++\nsubject = \"Hi\"\n+++\nDear {{ creator.nmae }},\n{% if %}\n",
    )
    .unwrap();
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("templates/bad.txt:5:1: error: in the body: "),
        "{stderr}"
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("templates  2\n"), "{stdout}");
    assert!(
        stdout.contains("problems   1 error (listed above)"),
        "{stdout}"
    );
}

#[test]
fn a_campaign_naming_a_template_that_is_not_there() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let path = ws.join("campaigns/lumi-vitc-launch.toml");
    let original = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        original.replace("template = \"invite-zh-TW\"", "template = \"invite-zhTW\""),
    )
    .unwrap();
    let out = check(&sandbox, &ws);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "campaigns/lumi-vitc-launch.toml:14:12: error: no template \"invite-zhTW\" in templates/ (did you mean \"invite-zh-TW\"?) (campaign)\n"
    );
}
