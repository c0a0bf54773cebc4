//! Working the shortlist from the interface, on copies of the sample workspace: every change is
//! saved at once through the store, a change made elsewhere is never overwritten, and a change
//! that could not be saved is kept until it is.

use std::path::Path;

use crate::model::Stage;
use crate::tui::overlays::date::DateEditor;
use crate::tui::overlays::stages::StagePicker;
use crate::tui::testing::Harness;
pub(super) use crate::tui::testing::copy_of_sample;
use crate::tui::testing::modes;

pub(super) const LUMI: &str = "campaigns/lumi-vitc-launch.toml";
pub(super) const TRAIL: &str = "campaigns/trailhead-ul-pack.toml";

pub(super) fn file(dir: &Path) -> String {
    file_of(dir, LUMI)
}

pub(super) fn file_of(dir: &Path, campaign: &str) -> String {
    std::fs::read_to_string(dir.join(campaign)).unwrap()
}

/// The stage of `creator` in the campaign file on disk.
pub(super) fn on_disk(dir: &Path, creator: &str) -> Option<Stage> {
    let loaded = crate::store::load_campaign(&dir.join(LUMI), LUMI, None).unwrap();
    Some(loaded.campaign?.entry(creator)?.stage)
}

/// The app on a copy of the sample with the Lumi campaign open and `query` typed.
pub(super) fn lumi(dir: &Path, query: &str) -> Harness {
    let mut h = Harness::open(dir, 120, 30);
    h.keys("c enter");
    assert_eq!(
        h.app.campaign.as_ref().unwrap().campaign.id,
        "lumi-vitc-launch"
    );
    if !query.is_empty() {
        h.keys("/");
        h.type_text(query);
        h.keys("enter");
    }
    h
}

pub(super) fn notice(h: &Harness) -> String {
    h.app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_adds_the_selected_creators_and_saves_at_once() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "niche:coffee");
    h.keys("space space a");
    assert_eq!(notice(&h), "saved · added coffee-daily, barista-ken");
    assert!(h.app.marked.is_empty(), "the selection is used up");
    assert_eq!(
        on_disk(dir.path(), "coffee-daily"),
        Some(Stage::Shortlisted)
    );
    assert_eq!(on_disk(dir.path(), "barista-ken"), Some(Stage::Shortlisted));
    let text = file(dir.path());
    assert!(text.contains("creator = \"barista-ken\"\nstage = \"shortlisted\"\nhistory = [\n  { at = 2026-11-22T09:30:00+08:00, stage = \"shortlisted\" },\n]"), "{text}");
    // The stage column says so.
    assert!(h.screen().contains("shortlisted"));
}

#[test]
fn a_without_a_campaign_asks_for_one_first() {
    let dir = copy_of_sample();
    let mut h = Harness::open(dir.path(), 120, 30);
    h.keys("/");
    h.type_text("barista");
    h.keys("enter a");
    assert_eq!(h.mode(), modes::CAMPAIGNS);
    h.keys("enter");
    assert_eq!(on_disk(dir.path(), "barista-ken"), Some(Stage::Shortlisted));
    // Cancelling the picker cancels the add.
    let mut h = Harness::open(dir.path(), 120, 30);
    h.keys("/");
    h.type_text("coffee daily");
    h.keys("enter a esc");
    assert!(h.app.after_pick.is_none());
    assert_eq!(on_disk(dir.path(), "coffee-daily"), None);
}

#[test]
fn next_and_previous_stage_are_recorded() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "sarsa");
    // Signing asks for the fee, filled with the one proposed.
    h.keys(">");
    assert_eq!(h.mode(), modes::FORM);
    h.keys("enter");
    // The follow-up date set by hand was for the talks: it goes with them.
    assert_eq!(
        notice(&h),
        "saved · sarsa: negotiating → contracted; sarsa: follow-up date cleared"
    );
    assert!(!file(dir.path()).contains("follow_up = 2026-11-25"));
    assert_eq!(on_disk(dir.path(), "sarsa"), Some(Stage::Contracted));
    assert!(
        file(dir.path())
            .contains("  { at = 2026-11-22T09:30:00+08:00, stage = \"contracted\" },\n]")
    );
    h.keys("<");
    assert_eq!(
        notice(&h),
        "saved · sarsa: contracted → negotiating (moved back)"
    );
    assert_eq!(on_disk(dir.path(), "sarsa"), Some(Stage::Negotiating));
    // Someone not on the shortlist is not moved.
    h.keys("/ ctrl-u");
    h.type_text("barista");
    h.keys("enter >");
    assert_eq!(
        notice(&h),
        "barista-ken is not on the shortlist of lumi-vitc-launch (a adds)"
    );
}

#[test]
fn the_stage_picker_moves_every_selected_entry() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "stage:contacted");
    assert_eq!(h.app.results.total, 3);
    h.keys("space space s");
    let Some(StagePicker {
        cursor, targets, ..
    }) = h.app.overlay::<StagePicker>()
    else {
        panic!("the stage picker");
    };
    assert_eq!((*cursor, targets.len()), (1, 2), "starts at their stage");
    // contacted → … → no_reply is seven down.
    for _ in 0..7 {
        h.keys("j");
    }
    h.keys("enter");
    let moved: Vec<Stage> = ["lin-yuting", "jess-glow", "amber-koc"]
        .iter()
        .filter_map(|c| on_disk(dir.path(), c))
        .collect();
    assert_eq!(
        moved.iter().filter(|s| **s == Stage::NoReply).count(),
        2,
        "{moved:?}"
    );
    assert!(notice(&h).starts_with("saved · "), "{}", notice(&h));
}

#[test]
fn notes_are_edited_over_several_lines_and_saved_with_ctrl_s() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "jess");
    h.keys("n");
    assert_eq!(h.mode(), modes::NOTE);
    h.keys("enter");
    h.type_text("Call on Monday: she prefers TikTok");
    h.keys("ctrl-s");
    assert_eq!(notice(&h), "saved · jess-glow: notes saved");
    let loaded = crate::store::load_campaign(&dir.path().join(LUMI), LUMI, None).unwrap();
    let campaign = loaded.campaign.unwrap();
    assert_eq!(
        campaign.entry("jess-glow").unwrap().notes.as_deref(),
        Some("Ask for TikTok instead of IG if she replies.\nCall on Monday: she prefers TikTok")
    );
    // Esc leaves the notes as they were.
    let before = file(dir.path());
    h.keys("n");
    h.type_text(" more");
    h.keys("esc");
    assert_eq!(file(dir.path()), before);
}

#[test]
fn follow_up_dates_are_read_as_typed() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "jess");
    h.keys("d");
    h.type_text("soon");
    h.keys("enter");
    let Some(DateEditor { error: Some(e), .. }) = h.app.overlay::<DateEditor>() else {
        panic!("the editor stays open with the problem");
    };
    assert!(e.contains("is not a date"), "{e}");
    h.keys("ctrl-u");
    h.type_text("+3");
    h.keys("enter");
    assert_eq!(notice(&h), "saved · jess-glow: follow up on 2026-11-25");
    assert!(file(dir.path()).contains("follow_up = 2026-11-25\nhistory"));
}

#[test]
fn a_change_made_elsewhere_is_never_overwritten() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "sarsa");
    // Someone else declines sarsa while the screen still says negotiating.
    let theirs = file(dir.path()).replacen("stage = \"negotiating\"", "stage = \"declined\"", 1);
    std::fs::write(dir.path().join(LUMI), &theirs).unwrap();
    h.keys("> enter");
    let text = notice(&h);
    assert!(h.app.notice.as_ref().unwrap().error);
    assert!(
        text.contains("was changed elsewhere and sarsa is now declined there (not negotiating)"),
        "{text}"
    );
    assert_eq!(file(dir.path()), theirs, "their change stands");
    // The screen now shows the file as it is.
    let open = h.app.campaign.as_ref().unwrap();
    assert_eq!(open.campaign.entry("sarsa").unwrap().stage, Stage::Declined);
    assert!(h.app.unsaved.is_empty());
}

#[test]
fn a_change_that_cannot_be_saved_is_kept_until_it_is() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "sarsa");
    let good = file(dir.path());
    // The file is broken by hand meanwhile: nothing can be written to it.
    std::fs::write(
        dir.path().join(LUMI),
        good.replacen("[[entry]]", "[[entry]", 1),
    )
    .unwrap();
    h.keys("> enter");
    assert!(
        notice(&h).starts_with("not saved (kept here; w tries again)"),
        "{}",
        notice(&h)
    );
    assert_eq!(
        h.app.unsaved_count(),
        2,
        "the move and the follow-up date it clears"
    );
    // Still shown as moved.
    let open = h.app.campaign.as_ref().unwrap();
    assert_eq!(
        open.campaign.entry("sarsa").unwrap().stage,
        Stage::Contracted
    );
    assert!(h.screen().contains("2 not saved (w)"));
    // Quitting asks first.
    h.keys("q");
    assert!(!h.quit);
    assert_eq!(h.mode(), modes::CONFIRM);
    assert!(h.screen().contains("lumi-vitc-launch: sarsa → contracted"));
    // Fixed, and saved from the question.
    std::fs::write(dir.path().join(LUMI), &good).unwrap();
    h.keys("w");
    assert_eq!(h.app.unsaved_count(), 0);
    assert_eq!(on_disk(dir.path(), "sarsa"), Some(Stage::Contracted));
    h.keys("q");
    assert!(h.quit);
}

#[test]
fn the_board_moves_cards_between_columns() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "");
    h.keys("p");
    assert_eq!(h.mode(), modes::BOARD);
    assert_eq!(h.app.board.column, 0, "the first column with someone in it");
    h.keys("l");
    assert_eq!(h.app.board.column, 1);
    let first = h.app.board.creator.clone().unwrap();
    assert_eq!(first, "lin-yuting");
    h.keys(">");
    assert_eq!(on_disk(dir.path(), "lin-yuting"), Some(Stage::Negotiating));
    assert_eq!(h.app.board.column, 2, "the cursor goes with the card");
    assert_eq!(h.app.board.creator.as_deref(), Some("lin-yuting"));
    h.keys("esc");
    assert_eq!(h.mode(), modes::NORMAL);
}

#[test]
fn the_date_editor_replaces_the_date_there_and_asks_again_for_a_day_gone() {
    let dir = copy_of_sample();
    // Sarsa has a follow-up date (2026-11-25); the clock says 2026-11-22.
    let mut h = lumi(dir.path(), "sarsa");
    h.keys("d");
    let Some(editor) = h.app.overlay::<DateEditor>() else {
        panic!("the editor is open")
    };
    assert_eq!(editor.input.text(), "2026-11-25");
    // Typing replaces the date shown, not appends to it.
    h.type_text("none");
    h.keys("enter");
    assert_eq!(notice(&h), "saved · sarsa: follow-up date cleared");
    // A day in the past is set only on a second enter, after saying so.
    h.keys("d");
    h.type_text("2026-11-20");
    h.keys("enter");
    let Some(DateEditor { error: Some(e), .. }) = h.app.overlay::<DateEditor>() else {
        panic!("the editor stays open")
    };
    assert_eq!(
        e,
        "2026-11-20 is in the past (2 days ago): enter again to set it anyway"
    );
    // The message wraps inside the box rather than being cut at its edge.
    let screen = h.screen();
    assert!(screen.contains("(2 days ago): enter again to"), "{screen}");
    assert!(screen.contains("│ set it anyway"), "{screen}");
    h.keys("enter");
    assert_eq!(notice(&h), "saved · sarsa: follow up on 2026-11-20");
}
