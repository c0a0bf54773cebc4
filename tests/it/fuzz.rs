//! Random input against the readers and the query engine (proptest): the sample files mutated
//! byte by byte, TOML put together from pieces that go wrong in many ways, and queries typed
//! at random. Nothing may panic, and every problem must be located inside the text it is about.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use proptest::prelude::*;
use shortlist::search::{Index, Options, Query, Sort, search};
use shortlist::store::{Diagnostic, parse_campaign, parse_creators};

const CREATORS: &str = include_str!("../../data/creators.toml");
const CAMPAIGN: &str = include_str!("../../data/campaigns/lumi-vitc-launch.toml");

/// Every problem names the file and a line and column inside the text.
fn located(diagnostics: &[Diagnostic], file: &str, text: &[u8]) -> Result<(), TestCaseError> {
    let lines = text.split(|b| *b == b'\n').count() as u32;
    for d in diagnostics {
        prop_assert_eq!(&d.file, file);
        prop_assert!(
            d.line >= 1 && d.line <= lines.max(1),
            "line {} of {}: {}",
            d.line,
            lines,
            d
        );
        prop_assert!(d.column >= 1, "{}", d);
        prop_assert!(!d.message.is_empty());
    }
    Ok(())
}

/// A mutation of `text`: bytes flipped, cut out, or put in.
fn mutated(text: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let len = text.len();
    prop::collection::vec((0..len, 0u8..3, any::<u8>()), 1..12).prop_map(move |edits| {
        let mut bytes = text.as_bytes().to_vec();
        for (at, kind, byte) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match kind {
                0 => bytes[at] = byte,
                1 => {
                    let end = (at + (byte as usize % 40)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => bytes.insert(at, byte),
            }
            if bytes.is_empty() {
                break;
            }
        }
        bytes
    })
}

/// TOML pieces, each plausible and many wrong: the mistakes people and programs make.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[[creator]]".to_string()),
        Just("[[entry]]".to_string()),
        Just("[campaign]".to_string()),
        Just("[[creator.channels]]".to_string()),
        Just("[[entry.deliverable]]".to_string()),
        Just("[[entry.payment]]".to_string()),
        "[a-z_]{1,10} = \"[^\"\\\\]{0,12}\"",
        "[a-z_]{1,10} = -?[0-9_]{1,22}",
        "[a-z_]{1,10} = [0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\+08:00|Z)?)?",
        "(id|name|creator|stage|email|platform|handle) = \"[a-z0-9.@ _\u{4e00}-\u{4e10}\u{1b}\u{202e}-]{0,16}\"",
        "(followers|fee|rate|budget|amount|value|views) = -?[0-9]{1,12}(\\.[0-9])?",
        "(engagement|fake_followers) = -?[0-9]{1,4}(\\.[0-9]{1,3})?",
        "channels = \\[ *(\\{ *platform = \"[a-z]{0,9}\", *handle = \"[a-z0-9]{0,8}\"( *, *followers = [0-9]{1,9})? *\\} *,? *){0,3}\\]",
        "history = \\[ *(\\{ at = 2026-11-[0-3][0-9]T10:00:00\\+08:00, stage = \"[a-z_]{0,12}\" \\},? *){0,3}\\]",
        "(history|channels|niches|aliases|rounds|results) = (\"x\"|1|true|\\{\\}|\\[1, \"a\"\\])",
        "[ -~]{0,30}",
        Just("\"\"\"".to_string()),
        Just("# a comment".to_string()),
        Just(String::new()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|lines| lines.join("\n"))
}

fn query_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        "[a-zA-Z0-9]{1,6}",
        "(niche|platform|followers|tier|er|loc|lang|kind|stage|has|nich|foo):[a-z0-9.,<>=_萬k-]{0,8}",
        "-[a-z:]{0,6}",
        "\"[a-z ]{0,6}\"?",
        "[\u{4e00}-\u{4e20}]{1,3}",
        "[ -~]{1,6}",
        Just("\u{1b}[31m".to_string()),
    ];
    prop::collection::vec(token, 0..8).prop_map(|t| t.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_creator_reader_survives_mutations(bytes in mutated(CREATORS)) {
        let loaded = parse_creators("creators.toml", &bytes);
        located(&loaded.diagnostics, "creators.toml", &bytes)?;
    }

    #[test]
    fn the_creator_reader_survives_pieces(text in document()) {
        let loaded = parse_creators("creators.toml", text.as_bytes());
        located(&loaded.diagnostics, "creators.toml", text.as_bytes())?;
        for c in &loaded.database.creators {
            prop_assert!(!c.id.is_empty() && !c.channels.is_empty());
        }
    }

    #[test]
    fn the_campaign_reader_survives_mutations(bytes in mutated(CAMPAIGN)) {
        let loaded = parse_campaign("c", "campaigns/c.toml", &bytes, None);
        located(&loaded.diagnostics, "campaigns/c.toml", &bytes)?;
    }

    #[test]
    fn the_campaign_reader_survives_pieces(text in document()) {
        let loaded = parse_campaign("c", "campaigns/c.toml", text.as_bytes(), None);
        located(&loaded.diagnostics, "campaigns/c.toml", text.as_bytes())?;
    }

    #[test]
    fn any_bytes_at_all(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        located(&parse_creators("creators.toml", &bytes).diagnostics, "creators.toml", &bytes)?;
        located(&parse_campaign("c", "c.toml", &bytes, None).diagnostics, "c.toml", &bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A query parses or says where it is wrong (a span inside the text, on character
    /// boundaries); one that parses runs with any sort and limit.
    #[test]
    fn queries_parse_or_point_at_their_mistake_and_run(
        text in query_text(),
        sort in prop::sample::select(Sort::ALL.to_vec()),
        limit in prop::option::of(0usize..30),
    ) {
        static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
        let index = INDEX.get_or_init(|| {
            Index::build(&parse_creators("creators.toml", CREATORS.as_bytes()).database.creators)
        });
        match Query::parse(&text) {
            Err(e) => {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len(), "{:?} {:?}", text, e);
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!(!e.message.is_empty());
            }
            Ok(query) => {
                let options = Options { sort: Some(sort.1), limit, ..Options::default() };
                match search(index, &query, &options, None, &|| false) {
                    Ok(Some(hits)) => {
                        prop_assert!(hits.ranked.len() <= hits.matched.len());
                        if let Some(k) = limit {
                            prop_assert!(hits.ranked.len() <= k);
                        }
                    }
                    Ok(None) => prop_assert!(false, "not cancelled, yet no answer"),
                    // Only stage: terms fail without a campaign, and field values no one has
                    // (with what is known instead); either way, pointing into the text.
                    Err(e) => {
                        prop_assert!(
                            ["stage", "platform", "niche"].iter().any(|f| e.message.starts_with(f)),
                            "{}", e
                        );
                        prop_assert!(e.span.end <= text.len() && text.is_char_boundary(e.span.start));
                    }
                }
            }
        }
    }
}
