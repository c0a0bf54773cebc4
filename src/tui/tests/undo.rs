//! Taking creators off a shortlist, undoing, selecting all, and the stage picker's letters and
//! note, on copies of the sample workspace.

use super::outreach::{LUMI, file, lumi, notice, on_disk};
use crate::model::Stage;
use crate::tui::testing::{copy_of_sample, modes};

#[test]
fn d_asks_then_takes_off_and_z_puts_back_byte_for_byte() {
    let dir = copy_of_sample();
    let before = file(dir.path());
    let mut h = lumi(dir.path(), "clara");
    h.keys("D");
    assert_eq!(h.mode(), modes::ASK);
    assert!(
        h.screen()
            .contains("Take clara-chen off the shortlist of lumi-vitc-launch?")
    );
    // No leaves it.
    h.keys("n");
    assert_eq!(file(dir.path()), before);
    h.keys("D y");
    assert!(notice(&h).starts_with("saved · "), "{}", notice(&h));
    assert_eq!(on_disk(dir.path(), "clara-chen"), None);
    h.keys("z");
    assert!(notice(&h).starts_with("undone: "), "{}", notice(&h));
    assert_eq!(
        file(dir.path()),
        before,
        "the file is as it was, byte for byte"
    );
    assert_eq!(
        h.app
            .campaign
            .as_ref()
            .unwrap()
            .campaign
            .entry("clara-chen")
            .map(|e| e.stage),
        Some(Stage::Shortlisted),
        "the screen shows it back"
    );
    h.keys("z");
    assert_eq!(notice(&h), "nothing to undo");
}

#[test]
fn removing_past_contacted_says_what_goes_with_it() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "mei");
    h.keys("D");
    let screen = h.screen();
    assert!(
        screen.contains("mei-skinlab (contracted) past contacted"),
        "{screen}"
    );
    h.keys("y");
    assert_eq!(on_disk(dir.path(), "mei-skinlab"), None);
}

#[test]
fn undo_never_overwrites_a_change_made_since() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "sarsa");
    h.keys("n");
    h.type_text(" call back");
    h.keys("ctrl-s");
    // Someone edits the file behind the interface's back.
    let path = dir.path().join(LUMI);
    let edited = format!("{}\n# a comment added by hand\n", file(dir.path()));
    std::fs::write(&path, &edited).unwrap();
    h.keys("z");
    assert!(notice(&h).starts_with("not undone"), "{}", notice(&h));
    assert!(notice(&h).contains("changed there since"), "{}", notice(&h));
    assert_eq!(file(dir.path()), edited, "the hand edit is kept");
}

#[test]
fn select_all_takes_every_result_and_esc_asks_before_dropping_them() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "stage:contacted");
    h.keys("*");
    assert_eq!(h.app.marked.len(), 3);
    assert!(h.screen().contains("3 selected"));
    h.keys("esc");
    assert_eq!(h.app.marked.len(), 3, "one esc does not drop them");
    assert_eq!(notice(&h), "3 selected: esc again unselects them");
    // Another key in between: esc asks again.
    h.keys("j esc");
    assert_eq!(h.app.marked.len(), 3);
    h.keys("esc");
    assert!(h.app.marked.is_empty());
    // ctrl-a too, on every result even those not ranked yet.
    h.keys("/ ctrl-u enter ctrl-a");
    assert_eq!(h.app.marked.len(), h.app.results.total);
    assert!(h.app.results.total > 90, "{}", h.app.results.total);
}

#[test]
fn a_selection_keeps_the_hints_of_what_is_done_to_it() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "");
    h.resize(80, 24);
    h.keys("space space");
    let bar = h.screen().lines().last().unwrap().to_string();
    for hint in ["a add", "x export"] {
        assert!(bar.contains(hint), "{hint} in {bar}");
    }
}

#[test]
fn the_stage_picker_jumps_by_letter_and_carries_a_note() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.keys("s c");
    let cursor = |h: &crate::tui::testing::Harness| {
        let picker = h
            .app
            .overlay::<crate::tui::overlays::stages::StagePicker>()
            .unwrap();
        Stage::ALL[picker.cursor]
    };
    assert_eq!(cursor(&h), Stage::Contacted);
    h.keys("c");
    assert_eq!(cursor(&h), Stage::Contracted);
    h.keys("c c");
    assert_eq!(cursor(&h), Stage::Contacted, "round again");
    h.keys("d");
    assert_eq!(cursor(&h), Stage::Declined);
    h.keys("tab");
    assert_eq!(h.mode(), modes::STAGE_NOTE);
    // Letters are the note's now.
    h.type_text("not our budget");
    assert_eq!(cursor(&h), Stage::Declined);
    h.keys("enter");
    assert_eq!(on_disk(dir.path(), "clara-chen"), Some(Stage::Declined));
    assert!(
        file(dir.path()).contains("stage = \"declined\", note = \"not our budget\" }"),
        "{}",
        file(dir.path())
    );
}

#[test]
fn a_message_wider_than_the_bar_is_shown_whole() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "");
    h.resize(60, 20);
    let long = "not saved: campaigns/lumi-vitc-launch.toml was changed elsewhere and the entry of sarsa is gone; it is shown as it is now";
    h.app.tell(long, true);
    let screen = h.screen().replace(['\n', ' '], "");
    assert!(screen.contains(&long.replace(' ', "")), "{}", h.screen());
}

#[test]
fn the_detail_pane_says_which_other_campaigns_a_creator_is_on() {
    let dir = copy_of_sample();
    // sarsa negotiates with Lumi; put her on the Trailhead shortlist too.
    let mut h = crate::tui::testing::Harness::open(dir.path(), 160, 40);
    h.keys("c");
    let trail = h
        .app
        .overlay::<crate::tui::overlays::campaigns::CampaignPicker>()
        .and_then(|p| p.choices.as_ref())
        .and_then(|c| c.iter().position(|c| c.id == "trailhead-ul-pack"))
        .unwrap();
    for _ in 0..trail {
        h.keys("j");
    }
    h.keys("enter /");
    h.type_text("sarsa");
    h.keys("enter a");
    let screen = h.screen();
    assert!(
        screen.contains("also on  lumi-vitc-launch negotiating"),
        "{screen}"
    );
}

#[test]
fn two_to_four_selected_are_compared_side_by_side() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "niche:coffee");
    h.keys("=");
    assert!(
        notice(&h).starts_with("select two to four creators"),
        "{}",
        notice(&h)
    );
    h.keys("space space =");
    assert_eq!(h.mode(), modes::COMPARE);
    let screen = h.screen();
    for row in [
        "coffee-daily",
        "barista-ken",
        "rate",
        "cpe (TWD)",
        "achieved cpe",
        "vetting",
        "campaigns",
    ] {
        assert!(screen.contains(row), "{row} in {screen}");
    }
    h.keys("esc");
    assert_eq!(h.mode(), modes::NORMAL);
}
