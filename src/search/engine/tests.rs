//! The engine against answers computed independently: a plain scan over the creators with the
//! query's meaning written out directly, on a generated database.

use super::*;
use crate::model::{Creator, Kind, Platform, Tier};

fn database() -> (Vec<Creator>, Index) {
    let mut creators = crate::synth::creators(4_000, 11);
    // A few hand-made creators for the edges the generator does not produce.
    creators[0].name = "莎莎 Sarsa".into();
    creators[0].aliases = vec!["Sarsa Lin".into()];
    creators[0].niches = vec!["beauty".into(), "skincare".into()];
    creators[1].name = "咖啡日常".into();
    creators[1].niches = vec!["coffee".into()];
    creators[2].channels[0].platform = Platform::Other("Weibo".into());
    creators[3].location = Some("New Taipei, TW".into());
    creators[4].languages = vec!["zh-HK".into()];
    creators[5].channels[0].followers = Some(50_000);
    creators[6].channels[0].engagement = Some(3.0);
    let index = Index::build(&creators);
    (creators, index)
}

mod oracle;
use oracle::oracle;

const QUERIES: &[&str] = &[
    "",
    "s",
    "sa",
    "chen",
    "kelly wang",
    "Kelly",
    "KELLY",
    "莎莎",
    "咖啡",
    "小",
    "\"daily\"",
    "\"kelly w\"",
    "\"new taipei\"",
    "-chen",
    "-\"taipei\"",
    "beauty",
    "niche:beauty",
    "niche:beauty,coffee",
    "-niche:food",
    "niche:BEAUTY skincare",
    "platform:ig",
    "platform:yt,tt",
    "platform:weibo",
    "-platform:instagram",
    "followers:10k..50k",
    "followers:50k",
    "followers:>1m",
    "followers:<1k",
    "followers:..999",
    "platform:ig followers:10k..50k",
    "platform:yt followers:>=100k er:>5",
    "tier:micro",
    "tier:nano,mega",
    "platform:ig tier:mid",
    "-tier:mega",
    "er:>3",
    "er:3",
    "er:2..4",
    "er:<1",
    "-er:>10",
    "loc:taipei",
    "loc:\"new taipei\"",
    "-loc:tw",
    "lang:zh",
    "lang:zh-tw",
    "lang:en,zh-hk",
    "kind:koc",
    "kind:kol,kos",
    "-kind:kol",
    "has:email",
    "-has:email",
    "has:rate,vetting",
    "has:notes",
    "-has:engagement",
    "chen niche:food platform:fb",
    "a b c",
    "daily tier:micro -has:email",
    "zzzzqx",
];

#[test]
fn every_query_form_matches_a_plain_scan() {
    let (creators, index) = database();
    let tiers = TierBounds::default();
    for text in QUERIES {
        let query = Query::parse(text).unwrap();
        let hits = search(&index, &query, &Options::default(), None, &|| false)
            .unwrap()
            .unwrap();
        let got = hits.matched.clone();
        let expected: Vec<u32> = creators
            .iter()
            .enumerate()
            .filter(|(_, c)| oracle(c, &query, &tiers, None))
            .map(|(i, _)| i as u32)
            .collect();
        assert!(
            got == expected,
            "{text:?}: engine found {}, plain scan {}",
            got.len(),
            expected.len()
        );
        assert_eq!(hits.ranked.len(), expected.len(), "{text:?}");
    }
}

#[test]
fn queries_without_words_rank_by_followers_then_file_order() {
    let (creators, index) = database();
    for text in ["", "niche:beauty", "-kind:koc"] {
        let query = Query::parse(text).unwrap();
        let hits = search(&index, &query, &Options::default(), None, &|| false)
            .unwrap()
            .unwrap();
        let mut expected = hits.matched.clone();
        // By the largest channel, the one each row is shown by.
        let largest = |r: u32| {
            creators[r as usize]
                .channels
                .iter()
                .filter_map(|c| c.followers)
                .max()
                .unwrap_or(0)
        };
        expected.sort_by_key(|&r| (std::cmp::Reverse(largest(r)), r));
        assert_eq!(hits.ranked, expected, "{text:?}");
    }
}

#[test]
fn channel_terms_rank_and_show_by_the_channel_that_matched() {
    let (creators, index) = database();
    for text in [
        "platform:ig",
        "platform:yt followers:>10k",
        "niche:beauty er:>2",
    ] {
        let query = Query::parse(text).unwrap();
        let hits = search(&index, &query, &Options::default(), None, &|| false)
            .unwrap()
            .unwrap();
        // The channel shown is one that satisfies every channel term: the largest of them.
        let shown: Vec<(u32, u64)> = hits
            .ranked
            .iter()
            .zip(&hits.picked)
            .map(|(&r, p)| {
                let c = p.channel.unwrap() as usize;
                let channel = creators[r as usize]
                    .channels
                    .iter()
                    .max_by_key(|ch| {
                        let ok = oracle::channel_matches(ch, &query, &TierBounds::default());
                        (ok, ch.followers.unwrap_or(0))
                    })
                    .unwrap();
                assert_eq!(index.handles.get(c), channel.handle.as_str(), "{text:?}");
                (r, index.channel_followers_known(c).unwrap_or(0))
            })
            .collect();
        let mut expected = shown.clone();
        expected.sort_by_key(|&(r, f)| (std::cmp::Reverse(f), r));
        assert_eq!(
            shown, expected,
            "{text:?}: by the matched channel's followers"
        );
    }
}

#[test]
fn every_sort_orders_by_its_key() {
    let (creators, index) = database();
    let query = Query::parse("niche:food").unwrap();
    let followers = |r: u32| {
        std::cmp::Reverse(
            creators[r as usize]
                .channels
                .iter()
                .filter_map(|c| c.followers)
                .max()
                .unwrap_or(0),
        )
    };
    for (name, sort) in Sort::ALL {
        let rates = Rates::plain("TWD");
        let options = Options {
            sort: Some(sort),
            rates: Some(&rates),
            ..Options::default()
        };
        let hits = search(&index, &query, &options, None, &|| false)
            .unwrap()
            .unwrap();
        let r = &hits.ranked;
        let cpe = |row: usize| {
            let at = r.iter().position(|&x| x as usize == row).unwrap();
            hits.picked[at].cpe.unwrap_or(f64::NAN)
        };
        for pair in r.windows(2) {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            let ok = match sort {
                // Without records of past campaigns, no one has an achieved figure.
                Sort::Relevance | Sort::Followers | Sort::AchievedCpe => {
                    (followers(a as u32), a) <= (followers(b as u32), b)
                }
                Sort::Name => creators[a].name.to_lowercase() <= creators[b].name.to_lowercase(),
                Sort::Engagement => {
                    let (x, y) = (index.engagement[a], index.engagement[b]);
                    y.is_nan() || (!x.is_nan() && x >= y)
                }
                Sort::CostPerEngagement => {
                    let (x, y) = (cpe(a), cpe(b));
                    y.is_nan() || (!x.is_nan() && x <= y)
                }
            };
            assert!(ok, "{name}: row {a} before row {b}");
        }
    }
}

#[test]
fn relevance_puts_name_matches_first_and_scores_never_rise() {
    let (_, index) = database();
    let query = Query::parse("sarsa").unwrap();
    let hits = search(&index, &query, &Options::default(), None, &|| false)
        .unwrap()
        .unwrap();
    assert_eq!(hits.ranked.first(), Some(&0));
    let plan = plan::Plan::new(&index, &query, &Options::default()).unwrap();
    for pair in hits.ranked.windows(2) {
        assert!(plan.relevance(pair[0] as usize) >= plan.relevance(pair[1] as usize));
    }
}

#[test]
fn a_limit_ranks_the_same_best_rows() {
    let (_, index) = database();
    for text in ["chen", "platform:ig", "a"] {
        let query = Query::parse(text).unwrap();
        let all = search(&index, &query, &Options::default(), None, &|| false)
            .unwrap()
            .unwrap();
        let options = Options {
            limit: Some(25),
            ..Options::default()
        };
        let top = search(&index, &query, &options, None, &|| false)
            .unwrap()
            .unwrap();
        assert_eq!(top.total(), all.total());
        assert_eq!(
            top.ranked,
            all.ranked[..25.min(all.ranked.len())],
            "{text:?}"
        );
    }
}

#[test]
fn searching_within_earlier_results_gives_the_same_answer() {
    let (_, index) = database();
    let mut previous: Option<(Query, Hits)> = None;
    for text in [
        "k",
        "ke",
        "kel",
        "kell",
        "kelly",
        "kelly w",
        "kelly wa",
        "kelly wa platform:ig",
    ] {
        let query = Query::parse(text).unwrap();
        let full = search(&index, &query, &Options::default(), None, &|| false)
            .unwrap()
            .unwrap();
        if let Some((old, hits)) = &previous {
            assert!(query.narrows(old), "{text:?}");
            let narrowed = search(
                &index,
                &query,
                &Options::default(),
                Some(&hits.matched),
                &|| false,
            )
            .unwrap()
            .unwrap();
            assert_eq!(narrowed, full, "{text:?}");
        }
        previous = Some((query, full));
    }
}

#[test]
fn a_cancelled_search_stops_with_nothing() {
    let (_, index) = database();
    let query = Query::parse("a").unwrap();
    assert_eq!(
        search(&index, &query, &Options::default(), None, &|| true),
        Ok(None)
    );
}

#[test]
fn stage_terms_need_a_campaign_and_then_filter_by_it() {
    let (creators, index) = database();
    let query = Query::parse("stage:contacted,negotiating").unwrap();
    let err = search(&index, &query, &Options::default(), None, &|| false).unwrap_err();
    assert_eq!(err.span, 0..27);
    let mut stages = vec![None; creators.len()];
    stages[7] = Some(Stage::Contacted);
    stages[9] = Some(Stage::Negotiating);
    stages[11] = Some(Stage::Declined);
    let options = Options {
        stages: Some(&stages),
        ..Options::default()
    };
    let hits = search(&index, &query, &options, None, &|| false)
        .unwrap()
        .unwrap();
    let mut rows = hits.matched.clone();
    rows.sort();
    assert_eq!(rows, [7, 9]);
    let negated = Query::parse("-stage:declined").unwrap();
    let hits = search(&index, &negated, &options, None, &|| false)
        .unwrap()
        .unwrap();
    assert_eq!(hits.total(), creators.len() - 1);
}

#[test]
fn configured_tiers_change_what_tier_terms_match() {
    let (creators, index) = database();
    let tiers = TierBounds {
        micro: 60_000,
        mid: 70_000,
        ..TierBounds::default()
    };
    let query = Query::parse("tier:nano").unwrap();
    let options = Options {
        tiers,
        ..Options::default()
    };
    let hits = search(&index, &query, &options, None, &|| false)
        .unwrap()
        .unwrap();
    assert!(hits.matched.contains(&5));
    let expected = creators
        .iter()
        .filter(|c| oracle(c, &query, &tiers, None))
        .count();
    assert_eq!(hits.total(), expected);
    assert!(Tier::Nano < Tier::Micro);
}

#[test]
fn highlights_point_at_the_matched_characters_of_the_name() {
    let (_, index) = database();
    let query = Query::parse("sarsa").unwrap();
    assert_eq!(highlights(&index, 0, &query), vec![3, 4, 5, 6, 7]);
    let query = Query::parse("莎").unwrap();
    assert_eq!(highlights(&index, 0, &query), vec![0]);
    let query = Query::parse("\"sa s\" -x").unwrap();
    assert!(highlights(&index, 0, &query).is_empty());
    let _ = Kind::Kol;
}

#[test]
fn no_text_scores_above_the_ceiling_and_a_text_starting_with_the_word_reaches_it() {
    // The program's scorer (see `plan/skim.rs`).
    let score_of = |text: &str, word: &str| super::plan::skim::score(text, word).map(i64::from);
    let creators = crate::synth::creators(2_000, 5);
    let words = [
        "a", "s", "ch", "chen", "kelly", "ai", "daily", "小", "日記", "x.y", "e e",
    ];
    for word in words {
        let ceiling = score_of(word, word).unwrap();
        assert!(ceiling < 32 * word.chars().count() as i64 + 1);
        for c in &creators {
            for text in [
                c.name.to_lowercase().to_string(),
                c.channels[0].handle.to_string(),
            ] {
                if let Some(score) = score_of(&text, word) {
                    assert!(
                        score <= ceiling,
                        "{word:?} in {text:?} scored {score} > {ceiling}"
                    );
                }
            }
        }
        let start = format!("{word} and more");
        assert_eq!(score_of(&start, word), Some(ceiling), "{word:?}");
    }
}

#[test]
fn the_quick_upper_bound_is_never_below_the_score() {
    let (_, index) = database();
    let words = [
        "a",
        "an",
        "s",
        "chen",
        "kelly",
        "Kelly",
        "wu",
        "daily",
        "ai",
        "小",
        "日記",
        "tsai5",
        "e e",
        "\"ly w\"",
        "beauty",
        "tw",
        "zoe chang",
        "1",
        "x",
    ];
    for text in words {
        let query = Query::parse(text).unwrap();
        let plan = plan::Plan::new(&index, &query, &Options::default()).unwrap();
        for row in 0..index.len() {
            if plan.check(row).is_some() {
                let (score, bound) = (plan.relevance(row), plan.check(row).unwrap());
                assert!(
                    score <= bound,
                    "{text:?} row {row} {:?}: score {score} > bound {bound}",
                    index.ident.get(row)
                );
                assert!(bound <= plan.best_possible());
            }
        }
    }
}

mod properties;

mod history;
