//! The work after the contract, driven from the keyboard: the agenda acting on any campaign,
//! the fee asked on signing, the entry view and its forms, and exclusivities signed elsewhere.

use super::outreach::{TRAIL, file, file_of, lumi, notice, on_disk};
use crate::model::Stage;
use crate::tui::testing::{Harness, copy_of_sample, modes};

#[test]
fn the_agenda_acts_on_any_campaign() {
    let dir = copy_of_sample();
    let mut h = Harness::open(dir.path(), 120, 30);
    h.keys("u");
    assert_eq!(h.mode(), modes::DUE);
    let due = |h: &Harness| -> Vec<(String, String, &'static str)> {
        h.app
            .due
            .items
            .iter()
            .map(|i| {
                (
                    i.entry.creator.to_string(),
                    i.due.about.words().to_string(),
                    i.due.action.name(),
                )
            })
            .collect()
    };
    let item =
        |c: &str, about: &str, action: &'static str| (c.to_string(), about.to_string(), action);
    assert_eq!(
        due(&h),
        [
            item("lin-yuting", "", "first-reminder"),
            item("jess-glow", "", "suggest-no-reply"),
            item("mountain-mia", "ig-reel", "check-live"),
            item("mountain-mia", "ig-reel", "results-due"),
        ]
    );
    // Mia's reel is still up: checked today, it leaves the list.
    h.keys("j j l");
    assert_eq!(
        notice(&h),
        "saved · mountain-mia: deliverable ig-reel: checked 2026-11-22, live true"
    );
    assert_eq!(due(&h).len(), 3);
    assert_eq!(
        h.app.due.items[h.app.due.cursor].due.action.name(),
        "results-due"
    );
    // Its results, typed into the form.
    h.keys("R");
    assert_eq!(h.mode(), modes::FORM);
    h.type_text("12k");
    h.keys("tab");
    h.type_text("800");
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "saved · mountain-mia: ig-reel results recorded (12,000 views)"
    );
    assert!(
        file_of(dir.path(), TRAIL)
            .contains("results = [\n  { on = 2026-11-22, views = 12_000, likes = 800 },\n]")
    );
    assert_eq!(due(&h).len(), 2);
    // Only production: nothing left of that kind today; a week ahead, Tom's draft and
    // Granny's posts come.
    h.keys("t t");
    assert_eq!(h.app.due.kind, Some("production"));
    assert!(h.app.due.items.is_empty());
    h.keys("]");
    assert_eq!(
        due(&h),
        [
            item("trail-tom", "yt-1", "draft-due"),
            item("hiking-granny", "fb-post", "check-live"),
            item("hiking-granny", "ig-post", "check-live"),
            item("hiking-granny", "fb-post", "results-due"),
            item("hiking-granny", "ig-post", "results-due"),
        ]
    );
    assert!(h.screen().contains("production only"), "{}", h.screen());
    h.keys("v");
    assert_eq!(h.mode(), modes::ENTRY);
    assert!(
        h.screen().contains("▸ yt-1"),
        "the cursor is on the item's deliverable:\n{}",
        h.screen()
    );
}

#[test]
fn signing_asks_for_the_fee_and_saves_both() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "sarsa");
    h.keys(">");
    assert_eq!(h.mode(), modes::FORM);
    assert!(h.screen().contains("Fee agreed"), "{}", h.screen());
    h.keys("ctrl-u");
    h.type_text("3.2萬");
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "saved · sarsa: fee 32,000; sarsa: negotiating → contracted; sarsa: follow-up date cleared"
    );
    assert!(file(dir.path()).contains("fee = 32_000\n"));
    assert_eq!(on_disk(dir.path(), "sarsa"), Some(Stage::Contracted));
    // Esc leaves the stage as it was.
    let mut h = lumi(dir.path(), "amber");
    h.keys("s j j enter");
    assert_eq!(h.mode(), modes::FORM);
    h.keys("esc");
    assert_eq!(on_disk(dir.path(), "amber-koc"), Some(Stage::Contacted));
    // A fee that does not read stays in the form with why.
    h.keys("s j j enter ctrl-u");
    h.type_text("lots");
    h.keys("enter");
    assert_eq!(h.mode(), modes::FORM);
    assert!(
        h.screen().contains("fee: \"lots\" is not an amount"),
        "{}",
        h.screen()
    );
}

#[test]
fn the_entry_view_records_a_review_and_a_payment() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "");
    // The board's contracted column holds Mei.
    h.keys("p l l l v");
    assert_eq!(h.mode(), modes::ENTRY);
    assert!(
        h.screen().contains("exclusive skincare until"),
        "{}",
        h.screen()
    );
    // Her YouTube script: approved.
    h.keys("j j r");
    assert_eq!(h.mode(), modes::FORM);
    h.keys("enter");
    assert_eq!(notice(&h), "saved · mei-skinlab: yt-1 script approved");
    assert_eq!(h.mode(), modes::ENTRY);
    assert!(h.screen().contains("script 2026-12-01 ✓"), "{}", h.screen());
    assert!(file(dir.path()).contains(
        "rounds = [\n  { at = 2026-11-22T09:30:00+08:00, step = \"script\", verdict = \"approved\" },\n]"
    ));
    // The balance, paid today.
    h.keys("j j j m");
    assert_eq!(
        notice(&h),
        "saved · mei-skinlab: payment #2: paid 2026-11-22"
    );
    assert!(file(dir.path()).contains("amount = 42_500\ndue = 2027-01-10\npaid = 2026-11-22\n"));
    // A new deliverable, from its form.
    h.keys("j enter");
    h.type_text("ig-story");
    h.keys("tab");
    h.type_text("ig");
    h.keys("tab");
    h.type_text("story");
    h.keys("tab tab tab");
    h.type_text("+10");
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "saved · mei-skinlab: added deliverable ig-story"
    );
    assert!(file(dir.path()).contains(
        "[[entry.deliverable]]\nid = \"ig-story\"\nplatform = \"ig\"\nformat = \"story\"\npost_by = 2026-12-02\n"
    ), "{}", file(dir.path()));
}

#[test]
fn adding_someone_bound_elsewhere_says_so() {
    let dir = copy_of_sample();
    std::fs::write(
        dir.path().join("campaigns/glow-serum.toml"),
        "[campaign]\nname = \"Glow serum\"\nniches = [\"skincare\"]\nstarts = 2026-12-10\n",
    )
    .unwrap();
    let mut h = Harness::open(dir.path(), 160, 30);
    h.keys("c");
    h.keys("enter");
    assert_eq!(h.app.campaign.as_ref().unwrap().campaign.id, "glow-serum");
    h.keys("/");
    h.type_text("Mei's Skin Lab");
    h.keys("enter a");
    let text = notice(&h);
    assert!(
        text.starts_with("saved · added mei-skinlab · careful: mei-skinlab is exclusive to lumi-vitc-launch for skincare until 2027-01-20"),
        "{text}"
    );
    assert!(h.app.notice.as_ref().unwrap().error);
}
