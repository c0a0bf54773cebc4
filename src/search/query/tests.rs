use super::*;
use rstest::rstest;

fn filters(text: &str) -> Vec<(bool, Filter)> {
    Query::parse(text)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .terms
        .into_iter()
        .map(|t| (t.negated, t.filter))
        .collect()
}

fn at_least<T>(n: T) -> Bounds<T> {
    Bounds {
        min: Some((n, true)),
        max: None,
    }
}

fn between<T>(a: T, b: T) -> Bounds<T> {
    Bounds {
        min: Some((a, true)),
        max: Some((b, true)),
    }
}

#[rstest]
#[case("", vec![])]
#[case("   ", vec![])]
#[case("sarsa", vec![(false, Filter::Word("sarsa".into()))])]
#[case("咖啡 taipei", vec![(false, Filter::Word("咖啡".into())), (false, Filter::Word("taipei".into()))])]
#[case("-beauty", vec![(true, Filter::Word("beauty".into()))])]
#[case("\"board games\"", vec![(false, Filter::Phrase("board games".into()))])]
#[case("\"board ga", vec![(false, Filter::Phrase("board ga".into()))])]
#[case("-\"new taipei\"", vec![(true, Filter::Phrase("new taipei".into()))])]
#[case("niche:Beauty", vec![(false, Filter::Niche(vec!["beauty".into()]))])]
#[case("niches:beauty,skincare", vec![(false, Filter::Niche(vec!["beauty".into(), "skincare".into()]))])]
#[case("platform:ig", vec![(false, Filter::Platform(vec![Platform::Instagram]))])]
#[case("platform:IG,yt", vec![(false, Filter::Platform(vec![Platform::Instagram, Platform::YouTube]))])]
#[case("platform:小紅書", vec![(false, Filter::Platform(vec![Platform::Xiaohongshu]))])]
#[case("platform:weibo", vec![(false, Filter::Platform(vec![Platform::Other("weibo".into())]))])]
#[case("followers:10k..50k", vec![(false, Filter::Followers(between(10_000, 50_000)))])]
#[case("followers:10k-50k", vec![(false, Filter::Followers(between(10_000, 50_000)))])]
#[case("followers:1.2m..", vec![(false, Filter::Followers(at_least(1_200_000)))])]
#[case("followers:..3萬", vec![(false, Filter::Followers(Bounds { min: None, max: Some((30_000, true)) }))])]
#[case("followers:>=100k", vec![(false, Filter::Followers(at_least(100_000)))])]
#[case("followers:>100k", vec![(false, Filter::Followers(Bounds { min: Some((100_000, false)), max: None }))])]
#[case("followers:<5k", vec![(false, Filter::Followers(Bounds { min: None, max: Some((5_000, false)) }))])]
#[case("followers:=12,000", vec![(false, Filter::Followers(between(12_000, 12_000)))])]
#[case("followers:12_000", vec![(false, Filter::Followers(at_least(12_000)))])]
#[case("tier:micro,mid", vec![(false, Filter::Tier(vec![Tier::Micro, Tier::Mid]))])]
#[case("er:>3", vec![(false, Filter::Engagement(Bounds { min: Some((3.0, false)), max: None }))])]
#[case("er:2.5..4.5%", vec![(false, Filter::Engagement(between(2.5, 4.5)))])]
#[case("engagement:<5", vec![(false, Filter::Engagement(Bounds { min: None, max: Some((5.0, false)) }))])]
#[case("loc:\"New Taipei\"", vec![(false, Filter::Location(vec!["new taipei".into()]))])]
#[case("lang:zh-TW", vec![(false, Filter::Language(vec!["zh-tw".into()]))])]
#[case("kind:KOC", vec![(false, Filter::Kind(vec![Kind::Koc]))])]
#[case("stage:contacted,no-reply", vec![(false, Filter::Stage(vec![Stage::Contacted, Stage::NoReply]))])]
#[case("-has:email", vec![(true, Filter::Has(vec![Has::Email]))])]
#[case("3c niche:3c", vec![(false, Filter::Word("3c".into())), (false, Filter::Niche(vec!["3c".into()]))])]
fn grammar(#[case] text: &str, #[case] expected: Vec<(bool, Filter)>) {
    assert_eq!(filters(text), expected);
}

#[rstest]
#[case("followers:abc", 10..13, "followers: \"abc\" is not a number (write it like 10k, 1.2m, 3萬 or 12_000)")]
#[case("er:>>5", 3..6, "er: \">>5\" is not a comparison (write >3, >=3, <3, 3..5 or 3)")]
#[case("platform:", 0..9, "platform: needs a value, like platform:instagram")]
#[case("x -platform:", 2..12, "platform: needs a value, like platform:instagram")]
#[case("followers:50k..10k", 10..18, "followers: the range 50k..10k is empty because 50k is more than 10k; did you mean 10k..50k?")]
#[case("folowers:10k", 0..8, "unknown field \"folowers\"; did you mean \"followers\"?")]
#[case("colour:red", 0..6, "unknown field \"colour\"; fields are niche, platform, followers, tier, er, loc, lang, kind, stage, has, worked, rebook")]
#[case("tier:huge", 5..9, "tier: \"huge\" is not one of emerging, nano, micro, mid, macro, mega")]
#[case("tier:mirco", 5..10, "tier: \"mirco\" is not a tier value; did you mean \"micro\"?")]
#[case("kind:kool", 5..9, "kind: \"kool\" is not a kind value; did you mean \"kol\"?")]
#[case("has:phone", 4..9, "has: \"phone\" is not one of email, rate, engagement, vetting, notes, url")]
#[case("stage:signed", 6..12, "stage: \"signed\" is not a stage (shortlisted, contacted, negotiating, contracted, producing, published, completed, declined, no_reply, dropped)")]
#[case("er:150", 3..6, "er: \"150\" is not a percent from 0 to 100")]
#[case("er:high", 3..7, "er: \"high\" is not a number (write a percent like 3 or 4.5)")]
#[case("followers:12.5", 10..14, "followers: \"12.5\": a count cannot have a fraction unless it has a k, m or 萬 suffix")]
#[case("followers:..", 10..12, "followers: \"..\" has no numbers (write 10k..50k, 10k.. or ..50k)")]
fn errors_say_what_and_where(
    #[case] text: &str,
    #[case] span: Range<usize>,
    #[case] message: &str,
) {
    let err = Query::parse(text).unwrap_err();
    assert_eq!(
        (err.span, err.message.as_str()),
        (span, message),
        "{text:?}"
    );
}

#[test]
fn spans_cover_each_term() {
    let q = Query::parse("咖啡  -kind:kol \"a b\"").unwrap();
    let spans: Vec<_> = q.terms.iter().map(|t| t.span.clone()).collect();
    assert_eq!(spans, [0..6, 8..17, 18..23]);
}

#[test]
fn a_colon_after_non_letters_is_part_of_a_word() {
    assert_eq!(filters("10:30"), [(false, Filter::Word("10:30".into()))]);
}

#[rstest]
#[case("sa", "sar", true)]
#[case("sar", "sarsa niche:beauty", true)]
#[case("niche:beauty", "niche:beauty coffee", true)]
#[case("\"board g", "\"board ga", true)]
#[case("sarsa", "sars", false)]
#[case("sarsa x", "sarsa", false)]
#[case("er:>3", "er:>30", false)]
#[case("-bea", "-beau", false)]
#[case("sa coffee", "sar coffee", false)]
#[case("", "anything", true)]
fn narrowing(#[case] old: &str, #[case] new: &str, #[case] narrows: bool) {
    let old = Query::parse(old).unwrap();
    let new = Query::parse(new).unwrap();
    assert_eq!(new.narrows(&old), narrows);
}

#[test]
fn bounds_respect_inclusiveness() {
    let b = Bounds {
        min: Some((3.0, false)),
        max: Some((5.0, true)),
    };
    assert!(!b.contains(3.0) && b.contains(3.1) && b.contains(5.0) && !b.contains(5.1));
}

#[test]
fn a_list_of_nothing_is_an_error() {
    for text in ["platform:,,", "niche:,", "tier:,", "-has:,"] {
        let error = Query::parse(text).unwrap_err();
        assert!(error.message.contains("names nothing"), "{text}: {error}");
    }
}

#[test]
fn a_query_too_long_or_with_too_many_words_is_refused() {
    let long = "a".repeat(MAX_QUERY + 1);
    let error = Query::parse(&long).unwrap_err();
    assert_eq!(error.span, MAX_QUERY..MAX_QUERY + 1);
    assert!(error.message.contains("too long"), "{error}");
    assert!(Query::parse(&"a".repeat(MAX_QUERY)).is_ok());
    let words = ["w"; MAX_WORDS + 1].join(" ");
    let error = Query::parse(&words).unwrap_err();
    assert!(error.message.contains("too many words"), "{error}");
    assert!(Query::parse(&["w"; MAX_WORDS].join(" ")).is_ok());
}
