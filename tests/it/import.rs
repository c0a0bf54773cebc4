//! `shortlist import` with the real binary on copies of the sample workspace: spreadsheets
//! with headers in each language and each separator, values as people type them, merges,
//! duplicates, near-duplicates and broken rows — the report line by line and the database
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic
//! after; the dry run changes nothing; a search exported as CSV comes back the same.

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, repo, text};
use shortlist::model::{Channel, Creator, Platform};
use shortlist::store::parse_creators;

/// Copies fixture `name` into the sandbox's current folder, so the report names it as typed.
fn fixture(sandbox: &Sandbox, name: &str) -> String {
    std::fs::copy(
        repo().join("tests/fixtures/import").join(name),
        sandbox.cwd().join(name),
    )
    .unwrap();
    name.to_string()
}

fn import(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    crate::common::outcome(
        sandbox
            .cmd()
            .arg("--workspace")
            .arg(ws)
            .arg("import")
            .args(args),
    )
}

fn creators(ws: &Path) -> Vec<Creator> {
    let bytes = std::fs::read(ws.join("creators.toml")).unwrap();
    let loaded = parse_creators("creators.toml", &bytes);
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diagnostics
    );
    loaded.database.creators
}

fn creator(ws: &Path, id: &str) -> Creator {
    creators(ws)
        .into_iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no creator {id}"))
}

fn channel<'c>(c: &'c Creator, platform: Platform, handle: &str) -> &'c Channel {
    c.channels
        .iter()
        .find(|ch| ch.platform == platform && ch.handle == handle)
        .unwrap_or_else(|| panic!("{} has no {platform:?} @{handle}", c.id))
}

const ZH_TW_REPORT: &str = "\
zh-TW.csv: 11 rows · comma-separated · UTF-8 with BOM
columns: 名稱 → name · 平台 → platform · 帳號 → handle · 粉絲數 → followers · 互動率 → engagement · 信箱 → email · 領域 → niches · 地區 → location · 報價 → rate · 備註 → notes
zh-TW.csv:2: updated sarsa: instagram @sarsa.beauty followers 52,000 → 55,000; instagram @sarsa.beauty engagement 4.5% → 4.8%
zh-TW.csv:3: unchanged mei-skinlab
zh-TW.csv:4: new xiaomei (小美: xiaohongshu @xiaomei 32,000)
zh-TW.csv:4: written as the vocabulary does: niches: 美妝 → beauty; niches: 保養 → skincare; location: 台中 → Taichung, TW
zh-TW.csv:5: updated xiaomei: new channel tiktok @xiaomei_tt (12,300 followers)
zh-TW.csv:6: updated barista-ken: new channel threads @kenthebarista (1,200 followers)
zh-TW.csv:7: duplicate of line 5
zh-TW.csv:8: to decide: \"莎莎 Sarsa\" is also the name of sarsa (instagram @sarsa.beauty, youtube @SarsaBeauty), and threads @sarsa_alt is not among their channels; not imported — add it to sarsa by hand, or import it as a new creator with --as-new
zh-TW.csv:9: failed: no handle
zh-TW.csv:10: new wang.m (王小明: instagram @wang.m)
zh-TW.csv:10: left out: followers: \"很多\" is not a number (like 12.3k, 1.2M, 3.2萬 or 1,234) (cell D, \"粉絲數\")
zh-TW.csv:11: failed: unknown platform \"Plurk\" (platforms: instagram, youtube, tiktok, facebook, threads, x, xiaohongshu, dcard, ptt, blog, twitch, line)
zh-TW.csv:12: new ahua (阿花: instagram @ahua 100)
zh-TW.csv:12: left out: malformed email \"ahua@\": nothing after the @ (cell F, \"信箱\")
3 new · 3 updated · 1 unchanged · 1 duplicate · 1 to decide · 2 failed · 2 cells left out
";

#[test]
fn traditional_chinese_headers_merges_duplicates_and_broken_rows() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let csv = fixture(&sandbox, "zh-TW.csv");
    let before = std::fs::read_to_string(ws.join("creators.toml")).unwrap();

    let (code, out, err) = import(&sandbox, &ws, &[&csv, "--dry-run"]);
    assert_eq!(err, "");
    assert_eq!(out, format!("{ZH_TW_REPORT}dry run: nothing was written\n"));
    assert_eq!(code, 1, "rows failed");
    assert_eq!(
        std::fs::read_to_string(ws.join("creators.toml")).unwrap(),
        before,
        "the dry run changes nothing"
    );

    let (code, out, _) = import(&sandbox, &ws, &[&csv]);
    assert_eq!(
        out,
        format!(
            "{ZH_TW_REPORT}wrote {}: 3 new creators, 3 rows of updates\n",
            ws.join("creators.toml").display()
        )
    );
    assert_eq!(code, 1);

    let sarsa = creator(&ws, "sarsa");
    let ig = channel(&sarsa, Platform::Instagram, "sarsa.beauty");
    assert_eq!((ig.followers, ig.engagement), (Some(55_000), Some(4.8)));
    assert_eq!(sarsa.channels.len(), 2, "the near-duplicate was not merged");
    let mei = creator(&ws, "xiaomei");
    assert_eq!(mei.name, "小美");
    assert_eq!(mei.email.as_deref(), Some("mei@new.example"));
    // Stored as the vocabulary writes them (the report above says what the sheet had).
    assert_eq!(mei.niches, ["beauty", "skincare"]);
    assert_eq!(mei.location.as_deref(), Some("Taichung, TW"));
    assert_eq!(
        (mei.rate, mei.currency.as_deref()),
        (Some(8_000), Some("TWD"))
    );
    assert_eq!(mei.notes.as_deref(), Some("新朋友"));
    let red = channel(&mei, Platform::Xiaohongshu, "xiaomei");
    assert_eq!((red.followers, red.engagement), (Some(32_000), Some(6.1)));
    let tiktok = channel(&mei, Platform::TikTok, "xiaomei_tt");
    assert_eq!(
        (tiktok.followers, tiktok.engagement),
        (Some(12_300), Some(5.0))
    );
    let ken = creator(&ws, "barista-ken");
    assert_eq!(
        channel(&ken, Platform::Threads, "kenthebarista").followers,
        Some(1_200)
    );
    assert_eq!(creators(&ws).len(), 100);
    // A bad cell leaves out that value only: the row's channel and the rest are imported.
    let ahua = creator(&ws, "ahua");
    assert_eq!(ahua.email, None, "the malformed address is not written");
    assert_eq!(
        channel(&ahua, Platform::Instagram, "ahua").followers,
        Some(100)
    );
    let wang = creator(&ws, "wang.m");
    assert_eq!(
        channel(&wang, Platform::Instagram, "wang.m").followers,
        None
    );

    // Only what changed is touched: the rest of the file reads as it did, comments included.
    let after = std::fs::read_to_string(ws.join("creators.toml")).unwrap();
    assert!(after.starts_with(&before[..before.find("followers = 52_000").unwrap()]));
    assert!(after.contains(
        "{ platform = \"instagram\", handle = \"sarsa.beauty\", followers = 55_000, engagement = 4.8, url = \"https://www.instagram.com/sarsa.beauty/\" },"
    ));
    assert_eq!(
        before.lines().filter(|l| l.starts_with('#')).count(),
        after.lines().filter(|l| l.starts_with('#')).count()
    );

    // The same file again changes nothing more.
    let (_, out, _) = import(&sandbox, &ws, &[&csv]);
    assert!(
        out.contains("zh-TW.csv:4: unchanged xiaomei\n") && out.contains("nothing to write"),
        "{out}"
    );
}

#[test]
fn english_headers_semicolons_and_links() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let csv = fixture(&sandbox, "en-semicolon.csv");
    let (code, out, err) = import(&sandbox, &ws, &[&csv]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        format!(
            "\
en-semicolon.csv: 3 rows · semicolon-separated · UTF-8
columns: Creator Name → name · Platform → platform · Username → handle · Subscribers → followers · ER → engagement · E-mail → email · Category → niches · City → location · Price → rate · Profile URL → url
en-semicolon.csv:2: updated trail-tom: youtube @TomOnTheTrail followers 210,000 → 1,200,000; youtube @TomOnTheTrail engagement 4% → 3.5%
en-semicolon.csv:3: new nora.nomad (Nora Nomad: instagram @nora.nomad 1,234)
en-semicolon.csv:3: written as the vocabulary does: niches: outdoors → outdoor; location: Hualien → Hualien, TW
en-semicolon.csv:4: to decide: \"Nora Nomad\" is also the name of nora.nomad (instagram @nora.nomad), and youtube @NoraNomad is not among their channels; not imported — add it to nora.nomad by hand, or import it as a new creator with --as-new
1 new · 1 updated · 0 unchanged · 0 duplicate · 1 to decide · 0 failed
wrote {}: 1 new creator, 1 row of updates
",
            ws.join("creators.toml").display()
        )
    );
    let nora = creator(&ws, "nora.nomad");
    assert_eq!(
        (nora.rate, nora.currency.as_deref()),
        (Some(500), Some("USD"))
    );
    assert_eq!(nora.niches, ["travel", "outdoor"]);
    let ig = channel(&nora, Platform::Instagram, "nora.nomad");
    assert_eq!(
        (ig.followers, ig.engagement, ig.url.as_deref()),
        (
            Some(1_234),
            Some(4.5),
            Some("https://www.instagram.com/nora.nomad/")
        )
    );

    // Told to, the near-duplicate becomes a creator of its own, its id from the handle in
    // the link.
    let (code, out, _) = import(&sandbox, &ws, &[&csv, "--as-new"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("en-semicolon.csv:4: new noranomad (Nora Nomad: youtube @NoraNomad)"),
        "{out}"
    );
}

#[test]
fn simplified_chinese_headers_and_tabs() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let csv = fixture(&sandbox, "zh-CN.tsv");
    let (code, out, _) = import(&sandbox, &ws, &[&csv]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "\
zh-CN.tsv: 1 row · tab-separated · UTF-8
columns: 昵称 → name · 平台 → platform · 账号 → handle · 粉丝数 → followers · 互动率 → engagement · 邮箱 → email · 分类 → niches · 地区 → location · 报价 → rate
zh-CN.tsv:2: new xiaohong (小红: xiaohongshu @xiaohong 32,000)
zh-CN.tsv:2: written as the vocabulary does: niches: 美妆 → beauty; location: 上海 → Shanghai, CN
1 new · 0 updated · 0 unchanged · 0 duplicate · 0 to decide · 0 failed
wrote {}: 1 new creator, 0 rows of updates
",
            ws.join("creators.toml").display()
        )
    );
    let hong = creator(&ws, "xiaohong");
    assert_eq!((hong.rate, hong.currency.as_deref()), (Some(2_000), None));
    assert_eq!(
        channel(&hong, Platform::Xiaohongshu, "xiaohong").engagement,
        Some(5.1)
    );
}

#[test]
fn utf16_from_excel_reads_like_utf8() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let text = std::fs::read_to_string(repo().join("tests/fixtures/import/zh-TW.csv")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.trim_start_matches('\u{feff}').encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(sandbox.cwd().join("utf16.csv"), bytes).unwrap();
    let (_, out, _) = import(&sandbox, &ws, &["utf16.csv", "--dry-run"]);
    assert!(
        out.starts_with("utf16.csv: 11 rows · comma-separated · UTF-16 LE\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "3 new · 3 updated · 1 unchanged · 1 duplicate · 1 to decide · 2 failed · 2 cells left out\n"
        )
    );
}

#[test]
fn map_names_columns_and_its_mistakes_are_explained() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    std::fs::write(
        sandbox.cwd().join("odd.csv"),
        "KOL,Where,Acct,Fans\n阿德,Tainan,ade.eats,8.8k\n",
    )
    .unwrap();
    let (code, out, _) = import(&sandbox, &ws, &["odd.csv", "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("Acct → not imported: no field matches (--map COLUMN=FIELD to import it)"),
        "{out}"
    );
    assert!(
        out.contains("odd.csv:2: failed: no platform; no handle"),
        "{out}"
    );

    let (code, out, _) = import(
        &sandbox,
        &ws,
        &["odd.csv", "--map", "Acct=handle", "--map", "Where=location"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("odd.csv:2: failed: no platform"), "{out}");

    std::fs::write(
        sandbox.cwd().join("odd.csv"),
        "KOL,Where,Acct,Fans,Site\n阿德,Tainan,ade.eats,8.8k,ig\n",
    )
    .unwrap();
    let (code, out, _) = import(
        &sandbox,
        &ws,
        &["odd.csv", "--map", "Acct=handle", "--map", "Where=location"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("odd.csv:2: new ade.eats (阿德: instagram @ade.eats 8,800)"),
        "{out}"
    );
    assert_eq!(
        creator(&ws, "ade.eats").location.as_deref(),
        Some("Tainan, TW")
    );

    let (code, _, err) = import(&sandbox, &ws, &["odd.csv", "--map", "Wher=location"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: odd.csv: --map: no column \"Wher\" (did you mean \"Where\"?)\n"
    );
    let (code, _, err) = import(&sandbox, &ws, &["odd.csv", "--map", "Acct=handel"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: odd.csv: --map: no field \"handel\" (did you mean \"handle\"?)\n"
    );
    let (code, _, err) = import(&sandbox, &ws, &["odd.csv", "--map", "Acct"]);
    assert_eq!(code, 1);
    assert!(err.contains("write it COLUMN=FIELD"), "{err}");
}

#[test]
fn unreadable_files_and_a_broken_database_write_nothing() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = std::fs::read(ws.join("creators.toml")).unwrap();
    // Bytes that are text in no encoding read, on line 2.
    std::fs::write(
        sandbox.cwd().join("binary.csv"),
        b"name,platform,handle\n\xff\xfe\xff\x80,ig,abc\n",
    )
    .unwrap();
    let (code, out, err) = import(&sandbox, &ws, &["binary.csv"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.starts_with(
            "shortlist: error: binary.csv:2: not text in UTF-8, UTF-16, Big5 or GB18030"
        ),
        "{err}"
    );
    let (code, _, err) = import(&sandbox, &ws, &["missing.csv"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("shortlist: error: cannot read missing.csv: "),
        "{err}"
    );
    std::fs::write(sandbox.cwd().join("empty.csv"), "").unwrap();
    let (code, _, err) = import(&sandbox, &ws, &["empty.csv"]);
    assert_eq!(
        (code, err.as_str()),
        (1, "shortlist: error: empty.csv: the file is empty\n")
    );
    std::fs::write(
        sandbox.cwd().join("twice.csv"),
        "name,粉絲數,followers\nA,1,2\n",
    )
    .unwrap();
    let (code, _, err) = import(&sandbox, &ws, &["twice.csv"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: twice.csv:1: columns \"粉絲數\" and \"followers\" both hold followers: --map one of them to another field or to skip\n"
    );
    assert_eq!(std::fs::read(ws.join("creators.toml")).unwrap(), before);

    let latin1 = sandbox.workspace("latin1", b"[[creator]]\nname = \"Jos\xe9\"\n");
    let csv = fixture(&sandbox, "zh-CN.tsv");
    let (code, _, err) = import(&sandbox, &latin1, &[&csv]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: creators.toml is not UTF-8 text (run `shortlist check`)\n"
    );

    let broken = sandbox.workspace("broken", b"[[creator]]\nid = \"a\"\nname = \"A\"\n");
    let (code, _, err) = import(&sandbox, &broken, &[&csv]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: creators.toml has 1 error: fix it first (`shortlist check` lists them); nothing was imported\n"
    );
}

/// The creators as `search --format json` prints them, channels in a fixed order.
fn searched(sandbox: &Sandbox, ws: &Path) -> Vec<serde_json::Value> {
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(ws)
        .args(["search", "--format", "json"])
        .output()
        .unwrap();
    let mut list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    for c in &mut list {
        if let Some(channels) = c.get_mut("channels").and_then(|v| v.as_array_mut()) {
            channels.sort_by_key(|ch| ch.to_string());
        }
    }
    list.sort_by_key(|c| c["id"].to_string());
    list
}

#[test]
fn a_search_exported_as_csv_imports_back_the_same() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["search", "--format", "csv", "--bom"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with("\u{feff}id,name,".as_bytes()));
    std::fs::write(sandbox.cwd().join("all.csv"), &out.stdout).unwrap();
    let empty: PathBuf = sandbox.workspace("empty", b"");
    let (code, report, err) = import(&sandbox, &empty, &["all.csv"]);
    assert_eq!((code, err.as_str()), (0, ""), "{report}");
    assert!(
        report.ends_with(
            &format!(
                "97 new · 0 updated · 0 unchanged · 0 duplicate · 0 to decide · 0 failed\nwrote {}: 97 new creators, 0 rows of updates\n",
                empty.join("creators.toml").display()
            )
        ),
        "{report}"
    );
    assert_eq!(searched(&sandbox, &empty), searched(&sandbox, &ws));

    // And into the database it came from: nothing to change.
    let (_, report, _) = import(&sandbox, &ws, &["all.csv"]);
    assert!(
        report.ends_with(
            "0 new · 0 updated · 97 unchanged · 0 duplicate · 0 to decide · 0 failed\nnothing to write: creators.toml is unchanged\n"
        ),
        "{report}"
    );
}

#[test]
fn spreadsheet_output_neutralises_formulas() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        "[[creator]]\nid = \"evil\"\nname = \"=HYPERLINK(\\\"http://x\\\")\"\nnotes = \"+1 555\"\nchannels = [{ platform = \"ig\", handle = \"@evil\" }]\n".as_bytes(),
    );
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .args(["search", "--format", "csv"])
        .output()
        .unwrap();
    let csv = text(&out.stdout);
    assert!(!csv.starts_with('\u{feff}'), "no BOM unless asked");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains(",'+1 555,"), "{csv}");
    assert!(csv.contains(",'@evil,"), "{csv}");
    // Imported again, the cells are what they were.
    std::fs::write(sandbox.cwd().join("evil.csv"), csv).unwrap();
    let empty = sandbox.workspace("empty", b"");
    let (code, _, _) = import(&sandbox, &empty, &["evil.csv"]);
    assert_eq!(code, 0);
    let evil = creator(&empty, "evil");
    assert_eq!(evil.name, "=HYPERLINK(\"http://x\")");
    assert_eq!(evil.notes.as_deref(), Some("+1 555"));
}

#[test]
fn pipeline_csv_takes_a_bom_when_asked() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let run = |bom: bool| {
        let mut cmd = sandbox.cmd();
        cmd.arg("--workspace")
            .arg(&ws)
            .args(["pipeline", "lumi-vitc-launch", "--format", "csv"]);
        if bom {
            cmd.arg("--bom");
        }
        cmd.output().unwrap().stdout
    };
    let plain = run(false);
    assert!(plain.starts_with(b"creator,name,email,handles,followers,stage,"));
    let marked = run(true);
    assert_eq!(&marked[..3], b"\xEF\xBB\xBF");
    assert_eq!(&marked[3..], &plain[..]);
}

#[test]
fn titles_above_the_headers_placeholders_and_link_columns() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    std::fs::write(
        sandbox.cwd().join("agency.csv"),
        "2026 Q4 KOL 名單,,,\n（內部使用）,,,\n名稱,Instagram,粉絲數,互動率\n阿德,https://www.instagram.com/ade.eats/,10K+,N/A\n",
    )
    .unwrap();
    let (code, out, _) = import(&sandbox, &ws, &["agency.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("agency.csv: 1 row · comma-separated · UTF-8\nagency.csv:1-2: above the header row: not imported\ncolumns: 名稱 → name · Instagram → instagram handle · 粉絲數 → followers · 互動率 → engagement\n"),
        "{out}"
    );
    assert!(
        out.contains("agency.csv:4: new ade.eats (阿德: instagram @ade.eats 10,000)"),
        "{out}"
    );
    let ade = creator(&ws, "ade.eats");
    let ig = channel(&ade, Platform::Instagram, "ade.eats");
    assert_eq!(
        ig.url.as_deref(),
        Some("https://www.instagram.com/ade.eats/")
    );
    assert_eq!((ig.followers, ig.engagement), (Some(10_000), None));
}

#[test]
fn a_column_per_platform() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    std::fs::write(
        sandbox.cwd().join("wide.csv"),
        "姓名,IG帳號,IG粉絲數,YT頻道連結,YouTube 訂閱數,Email\n阿德,@ade.eats,8.8k,https://www.youtube.com/@AdeEats,2.1萬,ade@eats.example\n",
    )
    .unwrap();
    let (code, out, _) = import(&sandbox, &ws, &["wide.csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("columns: 姓名 → name · IG帳號 → instagram handle · IG粉絲數 → instagram followers · YT頻道連結 → youtube url · YouTube 訂閱數 → youtube followers · Email → email\n"),
        "{out}"
    );
    // The YouTube handle comes from the link.
    assert!(
        out.contains(
            "wide.csv:2: new ade.eats (阿德: instagram @ade.eats 8,800, youtube @AdeEats 21,000)"
        ),
        "{out}"
    );
    std::fs::write(
        sandbox.cwd().join("wide.csv"),
        "姓名,IG帳號,YouTube 訂閱數\n阿德,ade.eats,2.1萬\n",
    )
    .unwrap();
    let (code, out, _) = import(&sandbox, &ws, &["wide.csv", "--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("wide.csv:2: failed: youtube numbers with no handle"),
        "{out}"
    );
}

#[test]
fn big5_from_traditional_chinese_excel_is_read_and_said() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // 名稱,平台,帳號,粉絲數 / 新朋友,IG,new.friend,1.2萬 in Big5 (code page 950).
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        b"\xa6\x57\xba\xd9,\xa5\xad\xa5\x78,\xb1\x62\xb8\xb9,\xaf\xbb\xb5\xb7\xbc\xc6\r\n",
    );
    bytes.extend_from_slice(b"\xb7\x73\xaa\x42\xa4\xcd,IG,new.friend,1.2\xb8\x55\r\n");
    std::fs::write(sandbox.cwd().join("big5.csv"), bytes).unwrap();
    let (code, out, err) = import(&sandbox, &ws, &["big5.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("big5.csv: 1 row · comma-separated · Big5 (detected)\n"),
        "{out}"
    );
    assert!(out.contains("big5.csv:2: new new.friend"), "{out}");
    let creators = std::fs::read_to_string(ws.join("creators.toml")).unwrap();
    assert!(creators.contains("name = \"新朋友\""), "{out}");
    assert!(creators.contains("followers = 12_000"), "{out}");
}

#[test]
fn utf16_without_a_mark_and_lone_carriage_returns_are_read() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let text = "name,platform,handle\rOne,ig,one.a\rTwo,ig,\rThree,ig,three.c\r";
    std::fs::write(sandbox.cwd().join("mac.csv"), text).unwrap();
    let (code, out, _) = import(&sandbox, &ws, &["mac.csv", "--dry-run"]);
    assert_eq!(code, 1, "one row fails");
    assert!(
        out.contains("mac.csv:3: failed"),
        "rows have their own lines: {out}"
    );
    let utf16be: Vec<u8> = "name,platform,handle\nOne,ig,one.b\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    std::fs::write(sandbox.cwd().join("be.csv"), utf16be).unwrap();
    let (code, out, err) = import(&sandbox, &ws, &["be.csv", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("UTF-16 BE (detected)"), "{out}");
    assert!(out.contains("be.csv:2: new one.b"), "{out}");
}

#[test]
fn an_unclosed_quote_is_an_error_not_a_swallowed_row() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = std::fs::read(ws.join("creators.toml")).unwrap();
    for (text, line) in [
        (
            "name,platform,handle,notes\nOne,ig,one.q,\"open\nTwo,ig,two.q,x\n",
            2,
        ),
        (
            "name,platform,handle,notes\nOne,ig,one.q,\"open\nTwo,ig,two.q,x\nThree,ig,three.q,\"shut\"\n",
            2,
        ),
    ] {
        std::fs::write(sandbox.cwd().join("quote.csv"), text).unwrap();
        let (code, _, err) = import(&sandbox, &ws, &["quote.csv"]);
        assert_eq!(code, 1, "{text:?}");
        assert!(
            err.contains(&format!("quote.csv:{line}: a quote opened")),
            "{err}"
        );
    }
    assert_eq!(std::fs::read(ws.join("creators.toml")).unwrap(), before);
}
