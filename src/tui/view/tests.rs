//! Snapshots of the screen, drawn from the app on the sample workspace (or a small one written
//! for the case) at fixed sizes, with the monochrome theme so that styles show as modifiers.

use ratatui::style::Modifier;

use crate::tui::testing::{Harness, sample, text};

/// A workspace holding only `creators`.
fn workspace(creators: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("creators.toml"), creators).unwrap();
    dir
}

/// Where `needle` first starts in the result table (the left of the screen), as (column, row).
fn find(harness: &Harness, needle: &str) -> Option<(u16, u16)> {
    find_from(harness, needle, 0)
}

/// Where `needle` is first shown at or right of column `left`.
fn find_from(harness: &Harness, needle: &str, left: u16) -> Option<(u16, u16)> {
    let buffer = harness.buffer();
    let area = buffer.area;
    for x in area.left().max(left)..area.right() {
        for y in area.top()..area.bottom() {
            let mut found = true;
            let mut cx = x;
            for c in needle.chars() {
                if cx >= area.right() || buffer[(cx, y)].symbol() != c.to_string() {
                    found = false;
                    break;
                }
                cx += unicode_width::UnicodeWidthChar::width(c).unwrap_or(1) as u16;
            }
            if found {
                return Some((x, y));
            }
        }
    }
    None
}

#[test]
fn main_screen_on_the_sample_workspace() {
    let h = Harness::open(&sample(), 110, 32);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn typed_query_highlights_the_matched_characters() {
    let mut h = Harness::open(&sample(), 110, 24);
    h.keys("/");
    h.type_text("sarsa");
    insta::assert_snapshot!(h.screen());
    // "Sarsa" in the name of the first result is drawn bold and underlined, the rest is not.
    let (x, y) = find(&h, "莎莎 Sarsa").expect("the match is on screen");
    let buffer = h.buffer();
    let s = buffer[(x + 5, y)].style();
    assert_eq!(buffer[(x + 5, y)].symbol(), "S");
    assert!(s.add_modifier.contains(Modifier::UNDERLINED), "{s:?}");
    assert!(
        !buffer[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
}

#[test]
fn malformed_query_shows_where_and_why() {
    let mut h = Harness::open(&sample(), 100, 20);
    h.keys("/");
    h.type_text("coffee followers:10k..lots");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("^^^^"), "{screen}");
}

#[test]
fn help_overlay_lists_the_key_map() {
    let mut h = Harness::open(&sample(), 100, 40);
    h.keys("?");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn filter_form_starts_from_the_query() {
    let mut h = Harness::open(&sample(), 100, 24);
    h.keys("/");
    h.type_text("niche:coffee platform:ig has:email");
    h.keys("enter f");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn empty_result_says_so() {
    let mut h = Harness::open(&sample(), 100, 16);
    h.keys("/");
    h.type_text("zzqqxx");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("0 of 97 creators"), "{screen}");
}

#[test]
fn tiny_terminal_shows_a_message() {
    let h = Harness::open(&sample(), 30, 6);
    insta::assert_snapshot!(h.screen());
}

#[test]
fn every_size_draws_without_panicking() {
    let mut h = Harness::open(&sample(), 80, 24);
    h.keys("/");
    h.type_text("er:>>");
    for width in (0..=130).step_by(7) {
        for height in 0..=40 {
            h.resize(width, height);
            let _ = h.buffer();
        }
    }
    h.keys("esc ?");
    for (width, height) in [(1, 1), (40, 10), (39, 9), (41, 50), (200, 12)] {
        h.resize(width, height);
        let _ = h.buffer();
    }
}

const ESCAPES: &str = r#"
[[creator]]
id = "mallory"
name = "Mallory\u001b[2J"
email = "m@example.com"
notes = """
Line one \u001b[31mred\u001b[0m and a bell\u0007.
Title change \u001b]0;owned\u0007 and a C1 \u009b31m csi.
Tab	and carriage\rreturn."""
channels = [{ platform = "instagram", handle = "mallory\u001b[5m", followers = 12_000 }]
"#;

#[test]
fn notes_with_escape_sequences_are_shown_escaped() {
    let dir = workspace(ESCAPES);
    let h = Harness::open(dir.path(), 120, 24);
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("^[[31mred^[[0m"), "{screen}");
    let buffer = h.buffer();
    for cell in buffer.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "a control character reached the screen: {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn campaign_shows_stages_and_history() {
    let mut h = Harness::open(&sample(), 120, 34);
    h.keys("c enter");
    h.keys("/");
    h.type_text("stage:contacted,negotiating jess");
    h.keys("enter");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn without_colour_the_cursor_is_reverse_video() {
    let h = Harness::open(&sample(), 100, 20);
    let buffer = h.buffer();
    let (x, y) = find(&h, "范小星 Fan").expect("the first result");
    assert!(
        buffer[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    let (x, y) = find(&h, "林杰 Jay Lin").expect("the second result");
    assert!(
        !buffer[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    // Every cell drawn is text the terminal can show as it is.
    assert!(!text(&buffer).chars().any(|c| c.is_control() && c != '\n'));
}

#[test]
fn pipeline_board() {
    let mut h = Harness::open(&sample(), 130, 22);
    h.keys("c enter p l");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn pipeline_board_on_a_narrow_terminal_scrolls_to_the_chosen_column() {
    let mut h = Harness::open(&sample(), 60, 16);
    h.keys("c enter p l l l l l l l");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("closed"), "{screen}");
}

#[test]
fn follow_ups_due() {
    let mut h = Harness::open(&sample(), 110, 12);
    h.keys("u j");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn the_agenda_at_sixty_columns_keeps_the_campaign_and_cuts_with_an_ellipsis() {
    let mut h = Harness::open(&sample(), 60, 12);
    h.keys("u");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(
        screen.contains("11-21"),
        "the date without its year\n{screen}"
    );
    assert!(screen.contains("trailhe"), "the campaign\n{screen}");
    assert!(screen.contains('…'), "cut text says so\n{screen}");
}

#[test]
fn a_narrow_board_points_to_the_columns_out_of_sight() {
    let mut h = Harness::open(&sample(), 60, 16);
    h.keys("c enter p");
    let screen = h.screen();
    assert!(screen.contains("shortlisted 3"), "{screen}");
    assert!(
        screen.contains(" ▸ "),
        "the columns to the right are pointed to\n{screen}"
    );
    for _ in 0..7 {
        h.keys("l");
    }
    let screen = h.screen();
    assert!(screen.contains("◂ published"), "{screen}");
    assert!(
        screen.contains("粉紅小豬 Pinky"),
        "a card's name has its line\n{screen}"
    );
}

#[test]
fn stage_picker_and_note_editor() {
    let mut h = Harness::open(&sample(), 100, 24);
    h.keys("c enter /");
    h.type_text("jess");
    h.keys("enter s");
    insta::assert_snapshot!("stage_picker", h.screen());
    h.keys("esc n enter");
    h.type_text("第二行 second line");
    insta::assert_snapshot!("note_editor", h.screen());
}

#[test]
fn export_preview() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("c enter /");
    h.type_text("stage:shortlisted");
    h.keys("enter space space space x");
    insta::assert_snapshot!("export_preview", h.screen());
    h.keys("l t t");
    insta::assert_snapshot!("export_preview_second_in_english", h.screen());
    h.keys("esc");
    assert!(
        !sample().join("exports").exists(),
        "a preview writes nothing"
    );
}

#[test]
fn no_cell_ever_holds_a_character_a_terminal_would_obey() {
    let ws = workspace(
        "[[creator]]\nid = \"evil\"\nname = \"Evil\\u202Etxt.exe \\u001B]52;c;aGk=\\u0007\"\naliases = [\"\\u2066x\\u2069\"]\nniches = [\"\\u001B[31mred\"]\nlocation = \"\\u0085here\"\nnotes = \"line\\u001B[2J\\nmore\\u009B\"\nchannels = [{ platform = \"ig\", handle = \"h\\u200Fx\", followers = 5_000 }]\n",
    );
    let mut h = Harness::open(ws.path(), 120, 30);
    assert!(
        h.screen().contains("Evil\\u{202e}txt.exe"),
        "{}",
        h.screen()
    );
    for keys in ["", "enter", "esc", "?"] {
        if !keys.is_empty() {
            h.keys(keys);
        }
        let buffer = h.buffer();
        for cell in buffer.content.iter() {
            assert!(
                !cell.symbol().chars().any(crate::display::is_unsafe),
                "{:?} after {keys:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn entry_view_of_a_creator_in_production() {
    let mut h = Harness::open(&sample(), 120, 24);
    // From the agenda, on Mia's reel: the view opens on that deliverable.
    h.keys("u j j v");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("▸ ig-reel"), "{screen}");
    assert!(
        screen.contains("balance 27,500 · due 2026-11-26 · owed"),
        "{screen}"
    );
}

#[test]
fn results_form() {
    let mut h = Harness::open(&sample(), 100, 24);
    h.keys("u j j v R");
    insta::assert_snapshot!(h.screen());
}

#[test]
fn board_of_a_campaign_in_production_says_what_is_next() {
    let mut h = Harness::open(&sample(), 130, 16);
    h.keys("c j enter p");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("in 2d draft"), "{screen}");
    assert!(screen.contains("1d late liv"), "{screen}");
}

#[test]
fn report_of_a_campaign_with_results() {
    let mut h = Harness::open(&sample(), 120, 30);
    h.keys("c j enter r");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(screen.contains("CPE by creator"), "{screen}");
    // Sorted on CPE, cheapest engagement last; the chart follows the sort.
    h.keys("o o o o o o o");
    assert_eq!(h.app.report.sort, 7);
    assert_eq!(
        h.app.report_order()[..2],
        ["ultralight-jay", "mountain-mia"]
    );
    h.keys("O");
    assert_eq!(
        h.app.report_order()[..2],
        ["mountain-mia", "ultralight-jay"]
    );
    // Creators without figures stay last either way.
    assert_eq!(h.app.report_order().len(), 5);
    h.keys("m");
    assert!(h.screen().contains("CPM by creator"));
    h.keys("v");
    assert_eq!(h.mode().name(), "entry");
}

#[test]
fn the_detail_pane_shows_why_a_creator_matched() {
    let mut h = Harness::open(&sample(), 110, 40);
    h.keys("/");
    // Chinese words for an English tag and place, and a channel term.
    h.type_text("保養 台北 platform:yt");
    let screen = h.screen();
    // In the detail pane, right of the table.
    let pane = h.app.areas().and_then(|a| a.detail).map_or(0, |r| r.x);
    let underlined = |needle: &str| {
        let (x, y) =
            find_from(&h, needle, pane).unwrap_or_else(|| panic!("{needle} not shown:\n{screen}"));
        h.buffer()[(x, y)]
            .style()
            .add_modifier
            .contains(Modifier::UNDERLINED)
    };
    // The tag 保養 found and the place 台北 found are marked; the other tags are not.
    assert!(underlined("skincare"), "{screen}");
    assert!(underlined("Taipei, TW"), "{screen}");
    assert!(!underlined("beauty"), "{screen}");
    // The YouTube channel is the one shown and marked; its engagement is not known, so there is
    // no cost per engagement.
    assert!(screen.contains("▸YT"), "{screen}");
    assert!(!screen.contains("▸IG"), "{screen}");
    assert!(!screen.contains("per engagement"), "{screen}");
    // On Instagram it has one: rate ÷ (followers × engagement).
    h.keys("/ ctrl-u");
    h.type_text("保養 台北 platform:ig");
    let screen = h.screen();
    assert!(screen.contains("▸IG"), "{screen}");
    assert!(
        screen.contains("TWD 12.82 per engagement on IG"),
        "{screen}"
    );
}
