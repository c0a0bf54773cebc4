//! What keys, results and reloads do to the app, driven through the real database reader and
//! search worker (see `tui::testing`).

use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::search::{Found, Query, Response, Sort};
use crate::tui::app::*;
use crate::tui::overlays::campaigns::CampaignPicker;
use crate::tui::overlays::filter::FilterForm;
use crate::tui::overlays::help::Help;
use crate::tui::testing::modes;
use crate::tui::testing::{Harness, copy_of_sample, sample};

/// The ids of the results in order.
fn ids(h: &Harness) -> Vec<String> {
    let db = h.app.db.as_ref().unwrap();
    h.app
        .results
        .rows
        .iter()
        .map(|&r| db.index.ids.get(r as usize).to_string())
        .collect()
}

fn current_id(h: &Harness) -> String {
    let db = h.app.db.as_ref().unwrap();
    db.index
        .ids
        .get(h.app.current_row().unwrap() as usize)
        .to_string()
}

#[test]
fn opens_on_every_creator_by_followers() {
    let h = Harness::open(&sample(), 120, 30);
    assert_eq!(h.mode(), modes::NORMAL);
    assert_eq!(h.app.results.total, 97);
    // By the largest channel: Fan's 3.2M on 小紅書 before Jay Lin's 2.3M on Instagram (though
    // Jay has more in all).
    assert_eq!(ids(&h)[..2], ["fan-xiaoxing", "jay-lin-actor"]);
    assert_eq!(h.app.detail.as_ref().unwrap().1.id, "fan-xiaoxing");
    assert!(h.app.overlays.is_empty(), "the sample has no problems");
}

#[test]
fn typing_searches_as_you_type_and_q_is_text() {
    let mut h = Harness::open(&sample(), 120, 30);
    h.keys("/");
    assert_eq!(h.mode(), modes::TYPING);
    h.type_text("coffee");
    let coffee = h.app.results.total;
    assert!((2..97).contains(&coffee), "{coffee}");
    h.type_text(" q");
    assert!(!h.quit, "q is a letter while typing");
    assert_eq!(h.app.query.text(), "coffee q");
    h.keys("backspace backspace esc");
    assert_eq!(h.mode(), modes::NORMAL);
    assert_eq!(h.app.query.text(), "coffee", "esc keeps the query");
    assert_eq!(h.app.results.total, coffee);
    h.keys("q");
    assert!(h.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    for keys in ["/ ctrl-c", "? ctrl-c", "f ctrl-c", "o ctrl-c", "ctrl-c"] {
        let mut h = Harness::open(&sample(), 100, 30);
        h.keys(keys);
        assert!(h.quit, "{keys}");
    }
}

#[test]
fn a_malformed_query_keeps_the_last_results() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("/");
    h.type_text("coffee er");
    let before = ids(&h);
    // Each key from here on leaves the query malformed.
    h.type_text(":>>");
    assert!(h.app.parsed.is_err());
    assert_eq!(ids(&h), before);
    assert_eq!(h.app.areas().unwrap().error.map(|r| r.y), Some(1));
    h.keys("backspace");
    h.type_text("5");
    assert!(h.app.parsed.is_ok());
    assert_ne!(ids(&h), before);
}

#[test]
fn stale_results_are_dropped() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("/");
    h.type_text("coffee");
    let shown = ids(&h);
    let stale = Response {
        generation: h.app.generation - 1,
        text: "c".into(),
        outcome: Ok(Found {
            query: Query::parse("c").unwrap(),
            total: 1,
            ranked: vec![0],
            picked: Vec::new(),
            corrected: None,
            missing_rates: Vec::new(),
        }),
        elapsed: std::time::Duration::ZERO,
    };
    assert!(h.app.on_results(stale).is_empty());
    assert_eq!(ids(&h), shown);
    assert_eq!(h.app.results.text, "coffee");
}

#[test]
fn moving_selecting_and_clearing() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("j j");
    assert_eq!(h.app.cursor, 2);
    h.keys("space space");
    assert_eq!(h.app.marked.len(), 2);
    assert_eq!(h.app.cursor, 4, "selecting moves down");
    h.keys("k k space");
    assert_eq!(h.app.marked.len(), 1, "space again unselects");
    assert!(h.screen().contains("1 selected"));
    h.keys("G");
    assert_eq!(h.app.cursor, 96);
    h.keys("g");
    assert_eq!(h.app.cursor, 0);
    h.keys("esc");
    assert!(h.app.marked.is_empty());
    h.keys("k");
    assert_eq!(h.app.cursor, 0, "no further than the top");
}

#[test]
fn scrolling_far_ranks_more_and_g_reaches_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let creators = crate::synth::creators(1_500, 7);
    std::fs::write(
        dir.path().join("creators.toml"),
        crate::store::render_creators(&creators),
    )
    .unwrap();
    let mut h = Harness::open(dir.path(), 100, 30);
    assert_eq!(h.app.results.total, 1_500);
    assert_eq!(h.app.results.rows.len(), FIRST_RANKED);
    while h.app.cursor < 250 {
        h.keys("pgdn");
    }
    assert!(h.app.results.rows.len() > FIRST_RANKED);
    assert!(h.app.cursor + h.app.page() < h.app.results.rows.len());
    h.keys("G");
    assert_eq!(h.app.results.rows.len(), 1_500);
    assert_eq!(h.app.cursor, 1_499);
    let offset = h.app.offset;
    assert!(offset + h.app.page() >= 1_500 && offset < 1_500);
}

#[test]
fn sort_menu_changes_the_order() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("o");
    assert_eq!(h.mode(), modes::SORT);
    // automatic, relevance, followers, engagement
    h.keys("j j j enter");
    assert_eq!(h.app.sort, Some(Sort::Engagement));
    assert_eq!(h.mode(), modes::NORMAL);
    let db = h.app.db.as_ref().unwrap();
    let er: Vec<f64> = h
        .app
        .results
        .rows
        .iter()
        .map(|&r| db.index.engagement[r as usize])
        .filter(|e| !e.is_nan())
        .collect();
    assert!(er.windows(2).all(|w| w[0] >= w[1]), "{er:?}");
    h.keys("o esc");
    assert_eq!(h.app.sort, Some(Sort::Engagement), "esc changes nothing");
}

#[test]
fn filter_form_writes_terms_into_the_query() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("/");
    h.type_text("taipei");
    h.keys("enter f");
    assert_eq!(h.mode(), modes::FILTER);
    h.type_text("coffee");
    // To "has email" (the last field) and tick it.
    for _ in 0..7 {
        h.keys("tab");
    }
    h.keys("space enter");
    assert_eq!(h.mode(), modes::NORMAL);
    assert_eq!(h.app.query.text(), "taipei niche:coffee has:email");
    let text = h.app.query.text().to_string();
    assert_eq!(h.app.results.text, text);
    assert!(h.app.results.total > 0);
    // The form reads the query back.
    h.keys("f");
    let Some(form) = h.app.overlay::<FilterForm>() else {
        panic!("the form is open");
    };
    assert_eq!(form.niche.text(), "coffee");
    assert!(form.has_email);
    h.keys("esc");
    assert_eq!(h.app.query.text(), text, "esc leaves the query alone");
}

#[test]
fn a_bad_value_in_the_filter_form_is_explained() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("f tab tab tab");
    h.type_text("lots");
    h.keys("enter");
    let Some(form) = h.app.overlay::<FilterForm>() else {
        panic!("the form stays open");
    };
    assert!(
        form.error.as_deref().unwrap_or("").contains("lots"),
        "{form:?}"
    );
    assert_eq!(h.app.query.text(), "");
}

#[test]
fn edit_asks_for_the_creators_line() {
    let mut h = Harness::open(&sample(), 100, 30);
    h.keys("/");
    h.type_text("sarsa");
    h.keys("enter e");
    let line = *h.edits.last().expect("an edit effect") as usize;
    let text = std::fs::read_to_string(sample().join("creators.toml")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[line - 1], "[[creator]]");
    assert_eq!(lines[line], "id = \"sarsa\"");
}

#[test]
fn a_broken_file_after_an_edit_keeps_the_last_good_data() {
    let dir = copy_of_sample();
    let mut h = Harness::open(dir.path(), 100, 30);
    let path = dir.path().join("creators.toml");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replacen("rate = 30_000", "rate = 30_000x", 1)).unwrap();
    h.reload();
    assert_eq!(h.app.results.total, 97, "still the data from before");
    let notice = h.app.notice.clone().expect("a notice");
    assert!(
        notice.error && notice.text.contains("1 error"),
        "{notice:?}"
    );
    assert_eq!(h.mode(), modes::PROBLEMS);
    let screen = h.screen();
    assert!(screen.contains("creators.toml:"), "{screen}");
    // Fixed again, the new data is shown.
    std::fs::write(&path, good.replacen("rate = 30_000", "rate = 31_000", 1)).unwrap();
    h.keys("esc");
    h.reload();
    assert!(h.app.notice.is_none());
    h.keys("/");
    h.type_text("sarsa");
    assert_eq!(h.app.detail.as_ref().unwrap().1.rate, Some(31_000));
}

#[test]
fn a_database_with_errors_opens_with_the_problems_listed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("creators.toml"),
        "[[creator]]\nid = \"good\"\nname = \"Good\"\nchannels = [{ platform = \"ig\", handle = \"good\" }]\n\n[[creator]]\nid = \"bad\"\nname = \"Bad\"\nchannels = [{ platform = \"ig\", handle = \"bad\", followers = \"many\" }]\n",
    )
    .unwrap();
    let h = Harness::open(dir.path(), 100, 24);
    assert_eq!(h.mode(), modes::PROBLEMS);
    assert_eq!(ids(&h), ["good"]);
    let screen = h.screen();
    assert!(screen.contains("creators.toml:9:"), "{screen}");
    assert!(screen.contains("1 error (!)"), "{screen}");
}

#[test]
fn mouse_scrolls_and_clicks() {
    let mut h = Harness::open(&sample(), 100, 30);
    let at = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let effects = crate::tui::control::on_mouse(&mut h.app, at(MouseEventKind::ScrollDown, 10, 10));
    h.run(effects);
    assert_eq!(h.app.cursor, 3);
    let first = h.app.areas().unwrap().first_row_y();
    let effects = crate::tui::control::on_mouse(
        &mut h.app,
        at(MouseEventKind::Down(MouseButton::Left), 5, first + 5),
    );
    h.run(effects);
    assert_eq!(h.app.cursor, h.app.offset + 5);
    assert_eq!(h.app.detail.as_ref().unwrap().1.id, current_id(&h));
    let effects = crate::tui::control::on_mouse(
        &mut h.app,
        at(MouseEventKind::Down(MouseButton::Left), 5, 0),
    );
    h.run(effects);
    assert_eq!(h.mode(), modes::TYPING, "a click on the query line");
}

#[test]
fn campaign_picker_opens_and_closes_a_campaign() {
    let mut h = Harness::open(&sample(), 120, 30);
    h.keys("c");
    let Some(CampaignPicker {
        choices: Some(choices),
        ..
    }) = h.app.overlay::<CampaignPicker>()
    else {
        panic!("the picker with its list");
    };
    assert_eq!(choices.len(), 2);
    assert_eq!(choices[0].id, "lumi-vitc-launch");
    h.keys("enter");
    let open = h.app.campaign.as_ref().expect("the campaign is open");
    assert_eq!(open.campaign.id, "lumi-vitc-launch");
    h.keys("/");
    h.type_text("stage:negotiating");
    assert_eq!(ids(&h), ["sarsa"]);
    // Closing it: the last choice is "none"; stage: then needs a campaign again.
    h.keys("enter c j j enter");
    assert!(h.app.campaign.is_none());
    let error = h
        .app
        .parsed
        .as_ref()
        .expect_err("stage: without a campaign");
    assert!(error.message.contains("campaign"), "{error:?}");
}

#[test]
fn details_open_full_screen_and_scroll_no_further_than_the_end() {
    let mut h = Harness::open(&sample(), 60, 14);
    assert!(
        h.app.areas().unwrap().detail.is_none(),
        "no room for the pane"
    );
    h.keys("enter");
    assert_eq!(h.mode(), modes::DETAIL);
    assert!(h.screen().contains("fan-xiaoxing"));
    for _ in 0..100 {
        h.keys("j");
    }
    let max = h.app.detail_scroll;
    assert!(max > 0 && max < 100, "{max}");
    h.keys("k");
    assert_eq!(h.app.detail_scroll, max - 1);
    h.keys("e");
    assert_eq!(h.edits.len(), 1);
    h.keys("esc");
    assert_eq!(h.mode(), modes::NORMAL);
}

#[test]
fn help_is_generated_from_the_key_map() {
    let mut h = Harness::open(&sample(), 100, 60);
    h.keys("?");
    assert_eq!(h.mode(), modes::HELP);
    // Every binding is in the help text, and the first of them on screen.
    let help: String = crate::tui::overlays::help::lines(&h.app)
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    for binding in h.app.keymap.bindings() {
        assert!(help.contains(binding.help), "{binding:?}");
    }
    assert!(h.screen().contains("search: type a query"));
    // Scrolling stops at the end, so that one key up is one line up.
    h.resize(100, 20);
    for _ in 0..400 {
        h.keys("j");
    }
    let Some(&Help { scroll }) = h.app.overlay::<Help>() else {
        panic!("help is open");
    };
    assert!(scroll > 10 && scroll < 400, "{scroll}");
    assert!(
        h.screen().contains("has:email -word"),
        "the last line is in view"
    );
    h.keys("k");
    assert_eq!(h.app.overlay::<Help>().map(|h| h.scroll), Some(scroll - 1));
    h.keys("q");
    assert!(!h.quit, "q closes help");
    assert_eq!(h.mode(), modes::NORMAL);
}

#[test]
fn sorting_by_cost_shows_it_and_says_which_exchange_rates_are_missing() {
    let mut h = Harness::open(&sample(), 120, 30);
    // The sample has rates in HKD, SGD and CNY; the configuration here converts only SGD.
    h.app.rates = std::sync::Arc::new(crate::search::Rates {
        base: "TWD".into(),
        fallback: "TWD".into(),
        to_base: [("SGD".to_string(), 24.0)].into(),
    });
    h.keys("o j j j j j enter");
    assert_eq!(h.app.sort, Some(Sort::CostPerEngagement));
    let notice = h
        .app
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.contains("no rate for CNY"), "{notice}");
    assert!(
        notice.contains("no rate for HKD in config.toml ([currency] rates): 2 creators"),
        "{notice}"
    );
    assert!(!notice.contains("SGD"), "{notice}");
    // Cheapest first, those that cannot be compared last; the figure is on screen.
    let costs: Vec<Option<f64>> = h.app.results.picked.iter().map(|p| p.cpe).collect();
    let known: Vec<f64> = costs.iter().map_while(|c| *c).collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{costs:?}");
    assert!(
        costs[known.len()..].iter().all(Option::is_none),
        "{costs:?}"
    );
    assert!(h.screen().contains("CPE"), "{}", h.screen());
}
