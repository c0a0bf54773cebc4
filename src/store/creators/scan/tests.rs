use proptest::prelude::*;

use super::creator;
use crate::store::creators::chunks;
use crate::store::creators::read::Piece;
use crate::store::creators::stream::{ChunkResult, parse_chunk};

/// What the full reader makes of a table: its piece, or `None` for a syntax error or a text
/// that is not one creator table.
fn full(text: &str) -> Option<Piece> {
    match parse_chunk(text, 1) {
        ChunkResult::Piece(piece) => Some(*piece),
        ChunkResult::Broken(_) | ChunkResult::Unsplittable => None,
    }
}

/// The fast reader accepts `text` and gives exactly what the full reader gives.
fn same(text: &str) {
    let fast = creator(text).unwrap_or_else(|| panic!("not read by the fast reader:\n{text}"));
    assert_eq!(Some(fast), full(text), "{text}");
}

/// The fast reader leaves `text` to the full reader.
fn left(text: &str) {
    assert_eq!(creator(text), None, "{text}");
}

const USUAL: &str = r#"[[creator]]
id = "kuo-yijun-1"
name = "郭怡君"
aliases = ["Yijun", "怡君"]
email = "kuo-yijun.1@mail.example"
niches = ["diy", "photography", "beauty"]
location = "Taoyuan, TW"
languages = ["zh-TW"]
kind = "koc"
fake_followers = 3.5
vetted_on = 2026-09-23
rate = 506_000
currency = "twd"
notes = "Replies fast on LINE."
channels = [
  { platform = "facebook", handle = "kuo.yijun1", followers = 1_012_977, engagement = 8.3 },
  { platform = "yt", handle = "  kuo.yijun1 ", followers = 126_622, engagement = 17, avg_views = 21_103, url = "https://youtube.com/@kuo" },
]

"#;

#[test]
fn the_usual_shape_is_read_as_the_full_reader_reads_it() {
    same(USUAL);
    let piece = creator(USUAL).unwrap();
    let c = piece.creator.unwrap();
    assert_eq!(c.id, "kuo-yijun-1");
    assert_eq!(c.currency.as_deref(), Some("TWD"));
    assert_eq!(c.channels[1].handle, "kuo.yijun1");
    assert_eq!(c.channels[1].engagement, Some(17.0));
    assert_eq!(piece.id_at, Some((2, 6)));
    assert_eq!(piece.handles_at, vec![(16, 37), (17, 31)]);
}

#[test]
fn windows_line_breaks_escapes_literal_strings_and_spacing_are_read() {
    same(&USUAL.replace('\n', "\r\n"));
    same(
        "[[creator]]\nid = 'a'\nname = \"Tab\\there \\u00e9 \\\"q\\\" \\U0001F600\"\nchannels = [{platform=\"ig\",handle='x'}]\n",
    );
    same(
        "  [[creator]]  \n\n\t id\t=\t\"a\"  \n name = \"A\"\nchannels = [ { platform = \"threads\" , handle = \"x\" } , ]   \n\n  \n",
    );
    same(
        "[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = [\n\n  { platform = \"line\", handle = \"x\" }\n\n]",
    );
    same(concat!(
        "[[creator]] # the first\n# who\r\nid = \"a\" # the id\t\nname = \"A\"\n",
        "channels = [ # one\n  # the main one\n  { platform = \"ig\", handle = \"x\" }, # here\n",
        "] # done\n# after\n#",
    ));
    same(
        "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = []\naliases = [ ]\nchannels = [{ platform = \"x\", handle = \"x\" }]\nnotes = \"  \"\nemail = \"\"\nlocation = \" \"\n",
    );
}

#[test]
fn every_table_of_the_sample_the_fast_reader_takes_is_read_the_same() {
    let text = crate::store::sample::FILES
        .iter()
        .find(|(name, _)| *name == "creators.toml")
        .map(|(_, text)| *text)
        .unwrap();
    let tables = chunks::split(text).unwrap();
    let mut taken = 0;
    for chunk in &tables {
        if let Some(fast) = creator(&chunk.text) {
            assert_eq!(Some(fast), full(&chunk.text), "{}", chunk.text);
            taken += 1;
        }
    }
    // The sample is written the usual way, with a few comments and long notes.
    assert!(taken * 2 > tables.len(), "{taken} of {}", tables.len());
}

#[test]
fn anything_unusual_or_with_a_problem_is_left_to_the_full_reader() {
    let with = |line: &str| {
        format!(
            "[[creator]]\nid = \"a\"\nname = \"A\"\n{line}\nchannels = [{{ platform = \"ig\", handle = \"x\" }}]\n"
        )
    };
    for line in [
        "# a comment with a \u{1} control character",
        "rate = 1_000 # a comment with a \u{7f} control character",
        "notes = \"\"\"\nlong\"\"\"",
        "notes = '''x'''",
        "\"rate\" = 1",
        "contract.fee = 1",
        "colour = \"red\"",
        "name = \"B\"",
        "rate = 0x10",
        "rate = 012",
        "rate = +5",
        "rate = -5",
        "rate = 1__000",
        "rate = 1_000_",
        "rate = 1e3",
        "rate = 2.5",
        "rate = 99999999999999999999999",
        "rate = 1_000_000_000_001",
        "fake_followers = 100.5",
        "fake_followers = 1_0.5",
        "fake_followers = .5",
        "fake_followers = 5.",
        "fake_followers = 1.5e1",
        "vetted_on = 2026-02-30",
        "vetted_on = 2026-09-23T10:00:00",
        "vetted_on = 2026-09-23 10:00:00",
        "vetted_on = \"2026-09-23\"",
        "kind = \"influencer\"",
        "email = \"Kelly <k@example.com>\"",
        "currency = \"dollars\"",
        "niches = [\"a\", \"\"]",
        "niches = [\"a\",\n\"b\"]",
        "niches = [1]",
        "niches = \"a\"",
        "notes = \"bad \\q escape\"",
        "notes = \"bad \\uD800 escape\"",
        "notes = \"control \u{1} character\"",
        "notes = 'control \u{7f} character'",
        "notes = \"unclosed",
        "[creator.contract]",
    ] {
        left(&with(line));
    }
    let channel = |fields: &str| {
        format!("[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = [{{ {fields} }}]\n")
    };
    for fields in [
        "platform = \"myspace\", handle = \"x\"",
        "platform = \"\", handle = \"x\"",
        "platform = \"ig\", handle = \"  \"",
        "platform = \"ig\"",
        "handle = \"x\"",
        "platform = \"ig\", handle = \"x\", url = \"example.com/x\"",
        "platform = \"ig\", handle = \"x\", followers = 10_000_000_000_000",
        "platform = \"ig\", handle = \"x\", engagement = 101",
        "platform = \"ig\", handle = \"x\", platform = \"yt\"",
        "platform = \"ig\", handle = \"x\", fans = 1",
        "platform = \"ig\", handle = \"x\",",
        "platform = \"ig\",\nhandle = \"x\"",
    ] {
        left(&channel(fields));
    }
    for text in [
        "[[creator]]\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\nid = \"a\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\nid = \"a\"\nname = \"A\"\n",
        "[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = []\n",
        "[[creator]]\nid = \"A B\"\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\nid = \"  \"\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\nid = \"a\"\nname = \"  \"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[ creator ]]\nid = \"a\"\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\rid = \"a\"\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n",
        "[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = [{ platform = \"ig\", handle = \"x\" }]\n[[creator.channels]]\nplatform = \"yt\"\n",
    ] {
        left(text);
    }
}

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
        "location" | "notes" => text("[ a-zA-Z\u{4e00}-\u{4e20}.]{0,8}"),
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
        fields(&super::CHANNEL[2..]),
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
        fields(&super::CREATOR[2..13]),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

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
}
