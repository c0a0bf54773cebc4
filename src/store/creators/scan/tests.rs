use super::creator;
use crate::store::creators::chunks;
use crate::store::creators::read::Piece;
use crate::store::creators::stream::{ChunkResult, parse_chunk};

mod properties;

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

/// What the fast reader makes of `text`, checked against the full reader and against the line,
/// column and words of each problem it must say.
fn says(text: &str, expected: &[(u32, u32, &str)]) -> Piece {
    same(text);
    let piece = creator(text).unwrap();
    let said: Vec<(u32, u32, &str)> = piece
        .problems
        .iter()
        .map(|p| (p.line, p.column, p.message.as_str()))
        .collect();
    assert_eq!(said, expected);
    piece
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
fn multi_line_strings_are_read_and_their_lines_counted() {
    let table = |notes: &str| {
        format!(
            "[[creator]]\nid = \"a\"\nnotes = {notes}\nname = \"A\"\nchannels = [\n  {{ platform = \"ig\", handle = \"x\" }},\n]\n"
        )
    };
    for notes in [
        "\"\"\"\nPrefers LINE.\nFormal offers by email.\"\"\"",
        "\"\"\"no break first\n  then \\\"quoted\\\" and \"\" two quotes\t\"\"\"",
        "\"\"\"ends with quotes\"\"\"\"\"",
        "\"\"\"\r\nWindows\r\nlines\r\n\"\"\"",
        "\"\"\"\"\"\"",
        "\"\"\"\n\n\n\"\"\"",
        "\"\"\"漢字 \\u00e9\n\"\"\"",
        "'''\nas \\ it is\n'''",
        "'''no break first, \"quoted\" ''\t'''''",
        "'''\r\nWindows\r\n'''",
    ] {
        same(&table(notes));
    }
    let piece = creator(&table("\"\"\"\none\ntwo\"\"\"")).unwrap();
    assert_eq!(piece.handles_at, vec![(8, 31)]);
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
    // The sample is written the way the program documents: comments, multi-line notes.
    assert_eq!(taken, tables.len());
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
        "notes = \"\"\"\nends with a backslash \\\n  at the end of a line\"\"\"",
        "notes = \"\"\"six quotes\"\"\"\"\"\"",
        "notes = \"\"\"a lone \r carriage return\"\"\"",
        "notes = \"\"\"never closed\n",
        "\"rate\" = 1",
        "contract.fee = 1",
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
        "niches = [1]",
        "colour = { r = 1 }",
        "colour = [[1]]",
        "colour = -1",
        "colour = 0x10",
        "colour = 2026-09-23T10:00:00",
        "colour = truely",
        "colour = 1\ncolour = 2",
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
        "platform = \"\", handle = \"x\"",
        "platform = \"ig\", handle = \"  \"",
        "platform = \"ig\"",
        "handle = \"x\"",
        "platform = \"ig\", handle = \"x\", followers = 10_000_000_000_000",
        "platform = \"ig\", handle = \"x\", engagement = 101",
        "platform = \"ig\", handle = \"x\", platform = \"yt\"",
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

#[test]
fn the_documented_example_with_its_comments_is_taken() {
    same(
        r#"[[creator]]
id = "sarsa"                       # required, unique; a-z 0-9 - _ . ; the stable key campaigns use
name = "莎莎 Sarsa"                # required
aliases = ["Sarsa Lin", "莎莎"]    # searched like the name
email = "hello@sarsa.example"      # needed to export an invitation
niches = ["beauty", "skincare"]    # lowercase tags
location = "Taipei, TW"
languages = ["zh-TW", "en"]
kind = "kol"                       # kol | koc | kos | celebrity
fake_followers = 6.5               # percent of audience judged fake (vetting)
vetted_on = 2026-10-01             # last manual 90-day content check
rate = 30_000                      # usual fee per post, in `currency`
currency = "TWD"
notes = """Prefers LINE. Did a competitor's serum in March."""
channels = [                       # at least one
  { platform = "instagram", handle = "sarsa.beauty", followers = 52_000, engagement = 4.5, url = "https://www.instagram.com/sarsa.beauty/" },
  { platform = "youtube", handle = "SarsaBeauty", followers = 18_000, avg_views = 6_000 },
]
"#,
    );
}

#[test]
fn an_unknown_platform_and_a_url_without_its_scheme_are_said_as_the_full_reader_says_them() {
    let text = concat!(
        "[[creator]]\n",
        "channels = [\n",
        "  { url = \"example.com/a\", platform = \"instagarm\", handle = \"a\" },\n",
        "  { platform = \"ig\", handle = \"b\", url = \" https://ok.example \" },\n",
        "  { platform = \"Bilibili\", handle = \"c\" },\n",
        "]\n",
        "id = \"ann\\u002ex\"\n",
        "name = \"Ann\"\n",
    );
    let piece = says(
        text,
        &[
            (
                3,
                39,
                "unknown platform \"instagarm\" (did you mean \"instagram\"?); kept as written",
            ),
            (3, 11, "url \"example.com/a\" should start with https://"),
            (
                5,
                16,
                "unknown platform \"Bilibili\", kept as written (known: instagram, youtube, tiktok, facebook, threads, x, xiaohongshu, dcard, ptt, blog, twitch, line)",
            ),
        ],
    );
    assert!(!piece.errors);
}

#[test]
fn keys_of_no_meaning_here_are_passed_over_and_said_as_the_full_reader_says_them() {
    let text = concat!(
        "[[creator]]\n",
        "agency = \"Bloom\"  # who manages them\n",
        "id = \"a\"\n",
        "name = \"A\"\n",
        "followers = 12_000\n",
        "tags = [\"x\", 2, 2.5, true, 2026-01-01, '',\n  \"y\", # the last\n]\n",
        "channels = [\n",
        "  { platform = \"ig\", fans = 1, handle = \"a\", nmae = \"A\", url = \"a.example\" },\n",
        "]\n",
        "niches = [\n  \"beauty\",  # first\n  \"skincare\",\n]\n",
        "vip = false\n",
    );
    let piece = says(
        text,
        &[
            (10, 64, "url \"a.example\" should start with https://"),
            (10, 22, "unknown key \"fans\""),
            (
                10,
                46,
                "unknown key \"nmae\" (did you mean \"name\"? it belongs to the creator, not to a channel)",
            ),
            (2, 1, "unknown key \"agency\""),
            (
                5,
                1,
                "unknown key \"followers\" (it belongs inside a channel: channels = [{ platform = …, … }])",
            ),
            (6, 1, "unknown key \"tags\""),
            (16, 1, "unknown key \"vip\""),
        ],
    );
    assert_eq!(piece.creator.unwrap().niches, ["beauty", "skincare"]);
}

#[test]
fn a_windows_line_break_inside_a_multi_line_string_is_read_as_the_full_reader_reads_it() {
    for key in ["name", "location", "notes"] {
        same(&format!(
            "[[creator]]\r\nid = \"a\"\r\nname = \"A\"\r\n{key} = \"\"\"\r\nfirst\r\nsecond\r\n  third \"\"\"\r\nchannels = [{{ platform = \"ig\", handle = \"a\" }}]\r\n"
        )
        .replace("name = \"A\"\r\nname", "name"));
    }
}
