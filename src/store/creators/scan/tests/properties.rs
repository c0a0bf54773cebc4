//! Property tests of the fast reader: near-valid tables of any shape, valid tables of the usual
//! shape, and whatever the program writes, each against the full reader.

use compact_str::CompactString;
use proptest::prelude::*;

use super::super::creator;
use super::full;
use crate::model::{Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform};
use crate::store::creators::render::render_creator;
use crate::store::creators::{CHANNEL_KEYS, CREATOR_KEYS};

/// A value for any key: right or wrong for it, usual or not.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "\"a\"",
            "\"sarsa\"",
            "\"  Sarsa Chen \"",
            "\"\"",
            "\"   \"",
            "'lit'",
            "\"a\\\"b\"",
            "\"\\u00e9\"",
            "\"\\uD800\"",
            "\"tab\\there\"",
            "\"\"\"m\"\"\"",
            "\"\"\"\nline one\nline two\"\"\"",
            "'''\nas \\ it \"is\"\n'''",
            "'''a''''''",
            "'''\r\n\ttab\r\n'''",
            "\"\"\"\r\nx \"\" y\r\n\"\"\"\"",
            "\"\"\"x\\\n  y\"\"\"",
            "\"bad\\q\"",
            "\"陳莎莎\"",
            "\"kol\"",
            "\"KOC\"",
            "\"ig\"",
            "\"yt\"",
            "\"myspace\"",
            "\"twd\"",
            "\"usd \"",
            "\"k@example.com\"",
            "\"<k@example.com>\"",
            "\"https://x.example\"",
            "\"x.example\"",
            "\"2026-09-23\"",
            "12",
            "012",
            "1_000",
            "1__0",
            "-5",
            "+5",
            "0x10",
            "1e3",
            "2.5",
            "100.0",
            "100.5",
            "0",
            "0.0",
            "101",
            "99999999999999999999",
            "2026-09-23",
            "2026-02-30",
            "2026-09-23T10:00:00",
            "true",
            "[\"a\", \"b\"]",
            "[ \"a\" , ]",
            "[]",
            "[\"a\", \"\"]",
            "[\"a\",\n\"b\"]",
            "[1, 2]",
            "{ a = 1 }",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}".prop_map(|s| format!("\"{}\"", s.replace(['"', '\\'], ""))),
        (0u64..2_000_000_000).prop_map(|n| n.to_string()),
        (0u32..10_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
    ]
}

/// A value that is right for `key` — usually: one time in forty-one, any value at all.
fn value_for(key: &'static str) -> BoxedStrategy<String> {
    let text = |pattern: &'static str| pattern.prop_map(|s| format!("\"{s}\"")).boxed();
    let good = match key {
        "id" => text("[a-z0-9][a-z0-9._-]{0,10}"),
        "name" | "handle" => text("[a-zA-Z\u{4e00}-\u{4e20}.][ a-zA-Z\u{4e00}-\u{4e20}.]{0,7}"),
        "location" => text("[ a-zA-Z\u{4e00}-\u{4e20}.]{0,8}"),
        "notes" => prop_oneof![
            text("[ a-zA-Z\u{4e00}-\u{4e20}.]{0,8}"),
            "[ a-z\n\"]{0,12}".prop_map(|s| format!("\"\"\"{}\"\"\"", s.replace("\"\"\"", ""))),
        ]
        .boxed(),
        "email" => text("[a-z]{1,5}@[a-z]{1,5}\\.example"),
        "kind" => prop::sample::select(vec!["\"kol\"", "\"KOC\"", "\" kos\"", "\"celebrity\""])
            .prop_map(str::to_string)
            .boxed(),
        "platform" => {
            prop::sample::select(vec!["\"instagram\"", "\"ig\"", "\"You Tube\"", "\"x\""])
                .prop_map(str::to_string)
                .boxed()
        }
        "currency" => text("[a-zA-Z]{3}"),
        "url" => text("https?://[a-z]{1,6}"),
        "aliases" | "niches" | "languages" => {
            prop::collection::vec("[a-z\u{4e00}-\u{4e20}][ a-z\u{4e00}-\u{4e20}]{0,4}", 0..3)
                .prop_map(|items| {
                    let items: Vec<String> = items.iter().map(|i| format!("\"{i}\"")).collect();
                    format!("[{}]", items.join(", "))
                })
                .boxed()
        }
        "fake_followers" | "engagement" => (0u32..1010, any::<bool>())
            .prop_map(|(n, point)| {
                if point {
                    format!("{}.{}", n / 10, n % 10)
                } else {
                    (n / 10).to_string()
                }
            })
            .boxed(),
        "vetted_on" => (1990i16..2030, 1i8..13, 1i8..29)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
            .boxed(),
        "rate" => (0u64..1_010_000_000_000)
            .prop_map(crate::display::underscored)
            .boxed(),
        _ => (0u64..1_010_000_000)
            .prop_map(crate::display::underscored)
            .boxed(),
    };
    prop_oneof![40 => good, 1 => value()].boxed()
}

/// Some of `keys` (each once), in any order, now and then with a key nobody knows or one
/// written twice, each with a value.
fn fields(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    let picked = prop::sample::subsequence(keys.to_vec(), 0..=keys.len());
    let odd = prop::sample::select(keys.iter().copied().chain(["fans"]).collect::<Vec<_>>());
    (picked, prop::option::weighted(0.03, odd)).prop_flat_map(|(mut keys, odd)| {
        keys.extend(odd);
        let values: Vec<_> = keys
            .into_iter()
            .map(|k| value_for(k).prop_map(move |v| format!("{k} = {v}")))
            .collect();
        values.prop_shuffle()
    })
}

/// A channel's inline table: usually a platform and a handle, then any of its keys.
fn channel() -> impl Strategy<Value = String> {
    (
        prop::option::weighted(0.98, value_for("platform")),
        prop::option::weighted(0.98, value_for("handle")),
        fields(&CHANNEL_KEYS[2..]),
        prop::sample::select(vec![", ", ",", " , "]),
    )
        .prop_map(|(platform, handle, more, comma)| {
            let mut fields: Vec<String> = platform
                .map(|p| format!("platform = {p}"))
                .into_iter()
                .collect();
            fields.extend(handle.map(|h| format!("handle = {h}")));
            fields.extend(more);
            format!("{{ {} }}", fields.join(comma))
        })
}

/// A table that is usually close to valid: the required keys, some others, sometimes a key
/// twice, a value of the wrong kind, a comment or blank lines, in any order.
fn table() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        10 => Just(String::new()),
        1 => Just("  \t".to_string()),
        1 => Just("# a comment".to_string()),
    ];
    let channels = prop::collection::vec(channel(), 1..4).prop_map(|cs| {
        if cs.len() == 1 {
            format!("channels = [{}]", cs[0])
        } else {
            format!("channels = [\n  {},\n]", cs.join(",\n  "))
        }
    });
    (
        prop::option::weighted(0.98, value_for("id")),
        prop::option::weighted(0.98, value_for("name")),
        prop::option::weighted(0.98, channels),
        fields(&CREATOR_KEYS[2..13]),
        prop::collection::vec(line, 0..3),
        prop::sample::select(vec!["\n", "\r\n"]),
    )
        .prop_flat_map(|(id, name, channels, more, blank, newline)| {
            let mut lines: Vec<String> = id.map(|v| format!("id = {v}")).into_iter().collect();
            lines.extend(name.map(|v| format!("name = {v}")));
            lines.extend(channels);
            lines.extend(more);
            lines.extend(blank);
            (Just(lines).prop_shuffle(), Just(newline))
        })
        .prop_map(|(lines, newline)| {
            let mut text = String::from("[[creator]]\n");
            for l in &lines {
                text.push_str(l);
                text.push('\n');
            }
            text.replace('\n', newline)
        })
}

/// A valid table of the usual shape.
fn usual() -> impl Strategy<Value = String> {
    let name = "[a-zA-Z\u{4e00}-\u{4e20} ]{0,8}[a-zA-Z\u{4e00}-\u{4e20}]";
    let platform = prop::sample::select(vec!["instagram", "ig", "YouTube", "threads", "x"]);
    let channel = (
        platform,
        "[a-z0-9._]{1,12}",
        prop::option::of(0u64..=1_000_000_000),
        prop::option::of(0u32..1001),
    )
        .prop_map(|(p, h, f, e)| {
            let mut s = format!("{{ platform = \"{p}\", handle = \"{h}\"");
            if let Some(f) = f {
                s.push_str(&format!(", followers = {}", crate::display::underscored(f)));
            }
            if let Some(e) = e {
                s.push_str(&format!(", engagement = {}.{}", e / 10, e % 10));
            }
            s + " }"
        });
    (
        "[a-z0-9][a-z0-9._-]{0,15}",
        name,
        prop::collection::vec(name, 0..3),
        prop::option::of(0u64..1_000_000),
        prop::collection::vec(channel, 1..4),
    )
        .prop_map(|(id, name, niches, rate, channels)| {
            let niches: Vec<String> = niches.iter().map(|n| format!("\"{n}\"")).collect();
            let mut text = format!(
                "[[creator]]\nid = \"{id}\"\nname = \"{name}\"\nniches = [{}]\n",
                niches.join(", ")
            );
            if let Some(rate) = rate {
                text.push_str(&format!("rate = {rate}\n"));
            }
            text + &format!("channels = [\n  {},\n]\n\n", channels.join(",\n  "))
        })
}

/// A valid creator, with any of its optional fields.
fn any_creator() -> impl Strategy<Value = Creator> {
    let text = "[a-zA-Z\u{4e00}-\u{4e20}.'\"\\\\]([ a-zA-Z\u{4e00}-\u{4e20}.'\"\\\\]{0,8}[a-z])?";
    let channel = (
        prop_oneof![
            3 => prop::sample::select(Platform::KNOWN.to_vec()),
            // One the program does not know (or an alias of one it does), kept as written.
            1 => "[a-zA-Z][a-z]{1,8}".prop_map(|name| Platform::parse(&name)),
        ],
        "[a-z0-9._]{1,12}",
        prop::option::of(0u64..=MAX_FOLLOWERS),
        prop::option::of((0u32..=1000).prop_map(|n| f64::from(n) / 10.0)),
        prop::option::of(0u64..=MAX_AVG_VIEWS),
        prop::option::of("(https://)?[a-z]{1,8}\\.example/[a-z]{0,5}"),
    )
        .prop_map(
            |(platform, handle, followers, engagement, avg_views, url)| Channel {
                platform,
                handle: handle.into(),
                followers,
                engagement,
                avg_views,
                url,
            },
        );
    let lists = (
        prop::collection::vec(text, 0..3),
        prop::collection::vec(text, 0..3),
        prop::collection::vec("[a-z]{2}(-[A-Z]{2})?", 0..3),
    );
    let optional = (
        prop::option::of("[a-z]{1,6}@[a-z]{1,6}\\.example"),
        prop::option::of(text),
        prop::option::of(prop::sample::select(Kind::ALL.to_vec())),
        prop::option::of((0u32..=1000).prop_map(|n| f64::from(n) / 10.0)),
        prop::option::of((1990i16..2030, 1i8..13, 1i8..29)),
        prop::option::of(0u64..=MAX_RATE),
        prop::option::of("[A-Z]{3}"),
        prop::option::of(
            "[a-zA-Z\u{4e00}-\u{4e20}]([ \na-zA-Z\u{4e00}-\u{4e20}\"\\\\]{0,30}[a-z])?",
        ),
    );
    (
        "[a-z0-9][a-z0-9._-]{0,15}",
        text,
        lists,
        optional,
        prop::collection::vec(channel, 1..4),
    )
        .prop_map(
            |(id, name, (aliases, niches, languages), optional, channels)| {
                let (email, location, kind, fake_followers, vetted_on, rate, currency, notes) =
                    optional;
                let all = |v: Vec<String>| v.into_iter().map(CompactString::from).collect();
                Creator {
                    id: id.into(),
                    name: name.into(),
                    aliases: all(aliases),
                    email: email.map(CompactString::from),
                    niches: all(niches),
                    location: location.map(CompactString::from),
                    languages: all(languages),
                    kind,
                    fake_followers,
                    vetted_on: vetted_on.and_then(|(y, m, d)| jiff::civil::Date::new(y, m, d).ok()),
                    rate,
                    currency: currency.map(CompactString::from),
                    notes,
                    channels,
                    line: 1,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Whatever the program writes, the fast reader takes, and reads back as it was.
    #[test]
    fn what_the_program_writes_is_taken(c in any_creator()) {
        let text = render_creator(&c);
        let fast = creator(&text);
        prop_assert!(fast.is_some(), "{}", text);
        prop_assert_eq!(fast.clone(), full(&text), "{}", text);
        prop_assert_eq!(fast.and_then(|p| p.creator), Some(c), "{}", text);
    }

    /// Whatever the fast reader accepts, it reads exactly as the full reader does.
    #[test]
    fn what_the_fast_reader_takes_it_reads_as_the_full_reader(text in table()) {
        if let Some(fast) = creator(&text) {
            prop_assert_eq!(Some(fast), full(&text), "{}", text);
        }
    }

    /// A valid table of the usual shape is taken, and read the same.
    #[test]
    fn a_valid_table_of_the_usual_shape_is_taken(text in usual()) {
        let fast = creator(&text);
        prop_assert!(fast.is_some(), "{}", text);
        prop_assert_eq!(fast, full(&text), "{}", text);
    }

    /// Any text at all after a header, cut anywhere: never a panic, and nothing taken that
    /// the full reader reads otherwise.
    #[test]
    fn any_text_is_read_safely(
        base in usual(),
        cut in any::<prop::sample::Index>(),
        noise in "(\\PC|[\u{0}-\u{1f}\u{7f}\"'\\\\#=\\[\\]{},.\r\n])*",
    ) {
        let mut at = cut.index(base.len() + 1);
        while !base.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{noise}", &base[..at]);
        if let Some(fast) = creator(&text) {
            prop_assert_eq!(Some(fast), full(&text), "{:?}", text);
        }
    }
}
