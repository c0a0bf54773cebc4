//! The exact bytes of one invitation per sample template, with the clock fixed (so the date and
//! the message id are too). A change to how messages are built shows here first;
//! `BLESS=1 cargo test --test it golden::` writes the files again (review the diff).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::Path;

use crate::common::repo;
use rstest::rstest;
use shortlist::mail::{Invitee, load_template, prepare};
use shortlist::store::{self, Workspace};

#[rstest]
#[case("invite-zh-TW", "lumi-vitc-launch", "sarsa")]
#[case("followup-zh-TW", "lumi-vitc-launch", "jess-glow")]
#[case("invite-en", "trailhead-ul-pack", "trail-tom")]
fn one_message_per_sample_template(
    #[case] template: &str,
    #[case] campaign: &str,
    #[case] creator: &str,
) {
    let root = repo().join("data");
    let workspace = Workspace::at(&root);
    let db = store::load_creators_file(&root.join("creators.toml"), "creators.toml", None)
        .unwrap()
        .database;
    let loaded =
        store::load_campaign(&workspace.campaign_file(campaign), campaign, Some(&db)).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let campaign = loaded.campaign.unwrap();
    let template = load_template(&workspace, template).unwrap();
    let entry = campaign.entry(creator).unwrap();
    let invitees = [Invitee {
        entry,
        creator: db.get(creator),
    }];
    let now = shortlist::clock::parse("2026-11-22T09:30:00+08:00").unwrap();
    let at = shortlist::mail::export::At {
        now: &now,
        currency: "TWD",
        progress: None,
    };
    let prepared = prepare(&root, "campaign", &template, &campaign, &invitees, &at);
    assert!(prepared.problems.is_empty(), "{:?}", prepared.problems);
    let bytes = &prepared.messages[0];
    let golden = repo()
        .join("tests/golden")
        .join(format!("{}.eml", template.name));
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, bytes).unwrap();
    }
    let expected = std::fs::read(&golden)
        .unwrap_or_else(|_| panic!("{} is missing (BLESS=1 writes it)", shown(&golden)));
    assert!(
        *bytes == expected,
        "{} differs:\n{}",
        shown(&golden),
        String::from_utf8_lossy(bytes)
    );
}

fn shown(path: &Path) -> String {
    path.strip_prefix(repo())
        .unwrap_or(path)
        .display()
        .to_string()
}
