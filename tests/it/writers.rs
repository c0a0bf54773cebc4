//! Many `shortlist` processes writing one campaign: at the same time, every change must land;
//! killed at random moments, the file must always read back whole, with every entry it had.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::common::{Sandbox, repo};
use shortlist::model::Stage;
use shortlist::store::parse_campaign;

const NOW: &str = "2026-11-22T09:30:00+08:00";
const LUMI: &str = "campaigns/lumi-vitc-launch.toml";

/// The campaign as the program reads it; fails the test on any error in it.
fn entries(ws: &Path) -> Vec<(String, Stage)> {
    let bytes = std::fs::read(ws.join(LUMI)).unwrap();
    let loaded = parse_campaign("lumi-vitc-launch", LUMI, &bytes, None);
    assert!(
        loaded.diagnostics.is_empty(),
        "the file no longer reads cleanly: {:?}\n{}",
        loaded.diagnostics,
        String::from_utf8_lossy(&bytes)
    );
    loaded
        .campaign
        .unwrap()
        .entries
        .iter()
        .map(|e| (e.creator.to_string(), e.stage))
        .collect()
}

/// Creator ids of the sample not yet on the Lumi shortlist.
fn others(ws: &Path, count: usize) -> Vec<String> {
    let listed: BTreeSet<String> = entries(ws).into_iter().map(|(c, _)| c).collect();
    let text = std::fs::read_to_string(repo().join("data/creators.toml")).unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .filter(|id| !listed.contains(id))
        .take(count)
        .collect()
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
        .stderr(Stdio::piped());
    for (key, value) in sandbox.env() {
        cmd.env(key, value);
    }
    cmd.spawn().unwrap()
}

#[test]
fn writers_at_the_same_time_all_land() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // Warm the cache so that the writers start together.
    assert!(
        spawn(&sandbox, &ws, &["pipeline", "lumi-vitc-launch"])
            .wait()
            .unwrap()
            .success()
    );
    let new = others(&ws, 12);
    let mut children: Vec<(String, Child)> = new
        .iter()
        .map(|id| {
            (
                format!("add {id}"),
                spawn(&sandbox, &ws, &["add", "lumi-vitc-launch", id]),
            )
        })
        .collect();
    for (creator, stage) in [
        ("lin-yuting", "negotiating"),
        ("jess-glow", "no_reply"),
        ("clara-chen", "contacted"),
        ("mei-skinlab", "producing"),
    ] {
        children.push((
            format!("stage {creator}"),
            spawn(
                &sandbox,
                &ws,
                &["stage", "lumi-vitc-launch", creator, stage],
            ),
        ));
    }
    for (what, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let now = entries(&ws);
    for id in &new {
        assert!(now.iter().any(|(c, _)| c == id), "{id} was lost");
    }
    let stage_of = |id: &str| now.iter().find(|(c, _)| c == id).map(|(_, s)| *s);
    assert_eq!(stage_of("lin-yuting"), Some(Stage::Negotiating));
    assert_eq!(stage_of("jess-glow"), Some(Stage::NoReply));
    assert_eq!(stage_of("clara-chen"), Some(Stage::Contacted));
    assert_eq!(stage_of("mei-skinlab"), Some(Stage::Producing));
    assert_eq!(now.len(), 10 + new.len());
}

/// A small deterministic generator for the kill delays.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn writers_killed_at_random_never_break_the_file_or_lose_an_entry() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    assert!(
        spawn(&sandbox, &ws, &["pipeline", "lumi-vitc-launch"])
            .wait()
            .unwrap()
            .success()
    );
    let pool = others(&ws, 60);
    let mut known: BTreeSet<String> = entries(&ws).into_iter().map(|(c, _)| c).collect();
    let mut random = Lcg(0x5eed);
    let mut killed = 0;
    for round in 0..40 {
        let targets = ["negotiating", "contracted", "producing"];
        let mut children = vec![
            spawn(&sandbox, &ws, &["add", "lumi-vitc-launch", &pool[round]]),
            spawn(
                &sandbox,
                &ws,
                &[
                    "stage",
                    "lumi-vitc-launch",
                    "sarsa",
                    targets[round % 3],
                    "--note",
                    "round",
                ],
            ),
            spawn(
                &sandbox,
                &ws,
                &["add", "lumi-vitc-launch", &pool[59 - round]],
            ),
            // Someone added in an earlier round (when that add was not killed) moves on.
            spawn(
                &sandbox,
                &ws,
                &[
                    "stage",
                    "lumi-vitc-launch",
                    &pool[round.saturating_sub(1)],
                    targets[(round + 1) % 3],
                ],
            ),
        ];
        std::thread::sleep(Duration::from_micros(random.next(25_000)));
        for child in &mut children {
            if child.try_wait().unwrap().is_none() {
                let _ = child.kill();
                killed += 1;
            }
        }
        for mut child in children {
            let _ = child.wait();
        }
        // Whole, readable, and nothing that was there is gone.
        let now: BTreeSet<String> = entries(&ws).into_iter().map(|(c, _)| c).collect();
        let lost: Vec<&String> = known.difference(&now).collect();
        assert!(lost.is_empty(), "round {round}: lost {lost:?}");
        known = now;
    }
    assert!(
        killed > 10,
        "the test should kill writers mid-way, killed only {killed}"
    );
    // The next writer clears what killed ones left behind.
    let out = spawn(&sandbox, &ws, &["add", "lumi-vitc-launch", &pool[40]])
        .wait_with_output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let leftovers: Vec<String> = std::fs::read_dir(ws.join("campaigns"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
