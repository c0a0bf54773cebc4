//! Properties over random databases and queries: a limit never changes the ranking, and the
//! quick bound is never below the score; long queries and texts cost little; `-word`.
use super::*;
use proptest::prelude::*;

/// Queries as people type them: words from names and handles (some capitalised, some with
/// digits), a phrase, a negated word, a filter.
fn query() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "chen",
        "Chen",
        "wang 1",
        "Person 9",
        "person 19",
        "kelly",
        "a",
        "s",
        "9",
        "99",
        "\"ng w\"",
        "-lin",
        "platform:ig",
        "daily",
        "yt",
        "Wu",
        "1",
        "小",
        "日記",
    ]);
    prop::collection::vec(word, 1..3).prop_map(|w| w.join(" "))
}

fn database(size: usize, seed: u64) -> Index {
    let mut creators = crate::synth::creators(size, seed);
    for (i, c) in creators.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
        c.name = format!("Person {i}").into();
    }
    Index::build(&creators)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A limit never changes which rows come first, nor their order, at any size; and the
    /// full ranking is by relevance, then followers, then place in the file.
    #[test]
    fn a_limit_never_changes_the_ranking(
        seed in 0u64..10_000,
        size in prop::sample::select(vec![5usize, 300, 3_000]),
        text in query(),
        limit in 1usize..60,
    ) {
        let index = database(size, seed);
        let query = Query::parse(&text).unwrap();
        let all = search(&index, &query, &Options::default(), None, &|| false).unwrap().unwrap();
        let options = Options { limit: Some(limit), ..Options::default() };
        let top = search(&index, &query, &options, None, &|| false).unwrap().unwrap();
        prop_assert_eq!(&top.ranked[..], &all.ranked[..limit.min(all.ranked.len())], "{}", text);
        let plan = plan::Plan::new(&index, &query, &Options::default()).unwrap();
        let mut expected = all.matched.clone();
        if plan.has_words() {
            expected.sort_by_key(|&r| {
                let r = r as usize;
                (std::cmp::Reverse(plan.relevance(r)), std::cmp::Reverse(index.largest_channel(r)), r)
            });
        } else if plan.picks_channels() {
            // Channel terms: by the followers of the channel that matched.
            expected.sort_by_key(|&r| {
                let c = plan.pick(r as usize).unwrap();
                (std::cmp::Reverse(index.channel_followers_known(c).unwrap_or(0)), r)
            });
        } else {
            expected.sort_by_key(|&r| (std::cmp::Reverse(index.largest_channel(r as usize)), r));
        }
        prop_assert_eq!(all.ranked, expected, "{}", text);
    }

    /// The quick upper bound that lets ranking pass rows over is never below the score.
    #[test]
    fn the_bound_is_never_below_the_score(
        name in "[A-Za-z0-9 ._\\-()/小日]{1,40}",
        word in "[A-Za-z0-9 ._\\-小日]{1,8}",
    ) {
        let mut creators = crate::synth::creators(1, 1);
        creators[0].name = name.clone().into();
        let index = Index::build(&creators);
        let Ok(query) = Query::parse(&word) else { return Ok(()); };
        let plan = plan::Plan::new(&index, &query, &Options::default()).unwrap();
        if let Some(bound) = plan.check(0) {
            let score = plan.relevance(0);
            prop_assert!(score <= bound, "{:?} {:?}: score {} > bound {}", name, word, score, bound);
            prop_assert!(score <= plan.best_possible());
        }
    }
}

#[test]
fn long_queries_and_long_texts_cost_little() {
    let mut creators = crate::synth::creators(2_000, 4);
    for c in creators.iter_mut() {
        c.name = "ab".repeat(2_000).into();
    }
    let index = Index::build(&creators);
    let word = "ab".repeat(120);
    let query = Query::parse(&format!("{word} {word}")).unwrap();
    let started = std::time::Instant::now();
    let hits = search(&index, &query, &Options::default(), None, &|| false)
        .unwrap()
        .unwrap();
    assert_eq!(hits.total(), 2_000);
    // Not a timing test: a bound so loose only unbounded work would break it.
    assert!(started.elapsed().as_secs() < 20);
    assert!(!highlights(&index, 0, &query).is_empty());
}

#[test]
fn a_negated_word_excludes_only_what_contains_it() {
    let mut creators = crate::synth::creators(3, 1);
    creators[0].name = "Lumi Skin".into();
    creators[1].name = "Amy Lin".into();
    creators[2].name = "Other".into();
    for c in creators.iter_mut() {
        c.aliases.clear();
        c.niches.clear();
        c.location = None;
        for ch in c.channels.iter_mut() {
            ch.handle = "h".into();
        }
    }
    let index = Index::build(&creators);
    let query = Query::parse("-lin").unwrap();
    let hits = search(&index, &query, &Options::default(), None, &|| false)
        .unwrap()
        .unwrap();
    let mut names: Vec<&str> = hits
        .matched
        .iter()
        .map(|&r| index.name(r as usize))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Lumi Skin", "Other"],
        "Lumi Skin holds l…i…n but not \"lin\""
    );
}
