//! Search in both scripts on the sample workspace: every niche and place the sample uses, by
//! its Traditional Chinese, Simplified Chinese and English words, finds exactly the creators
//! its tags and locations say; misspellings, the channel that matched, and costs compared
//! across currencies — through the real parser, index and engine, and the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::Value;
use shortlist::model::Creator;
use shortlist::search::{Index, Lexicon, Options, Query, search};
use shortlist::store::{BUILT_IN_VOCABULARY, parse_creators, parse_vocabulary};

use crate::common::{Sandbox, outcome};

const CREATORS: &str = include_str!("../../data/creators.toml");

/// Every niche tag of the sample: the tags a word for it stands for (written out here, not
/// read from the vocabulary), and its words in Traditional Chinese, Simplified Chinese and
/// English.
const NICHES: &[(&[&str], &[&str])] = &[
    (
        &["beauty", "makeup"],
        &[
            "美妝", "美妆", "彩妝", "彩妆", "beauty", "makeup", "Make-Up",
        ],
    ),
    (
        &["skincare"],
        &["保養", "保养", "護膚", "护肤", "skincare", "skin care"],
    ),
    (&["food"], &["美食", "吃貨", "吃货", "food", "foodie"]),
    (&["home-cooking"], &["家常菜", "食譜", "食谱", "cooking"]),
    (&["baking"], &["烘焙", "麵包", "面包", "baking"]),
    (&["dessert"], &["甜點", "甜点", "dessert"]),
    (&["ramen"], &["拉麵", "拉面", "ramen"]),
    (&["coffee"], &["咖啡", "咖啡廳", "咖啡厅", "coffee", "cafe"]),
    (&["latte-art"], &["拉花", "latte art"]),
    (&["tea"], &["茶飲", "茶饮", "tea"]),
    (&["wine"], &["紅酒", "红酒", "wine"]),
    (&["nightlife"], &["夜生活", "nightlife"]),
    (&["vegan"], &["純素", "纯素", "vegan"]),
    (&["travel"], &["旅遊", "旅游", "travel"]),
    (
        &["budget-travel"],
        &["省錢旅遊", "省钱旅游", "budget travel"],
    ),
    (&["japan"], &["日本旅遊", "日本旅游", "japan"]),
    (
        &["parenting", "family", "baby"],
        &["親子", "亲子", "育兒", "育儿", "parenting", "baby"],
    ),
    (&["pets"], &["寵物", "宠物", "pets"]),
    (&["cats"], &["貓咪", "猫咪", "cats"]),
    (&["dogs"], &["狗狗", "dogs"]),
    (&["rabbits"], &["兔子", "rabbits"]),
    (&["fitness"], &["健身", "運動", "运动", "fitness"]),
    (&["yoga"], &["瑜伽", "瑜珈", "yoga"]),
    (&["pilates"], &["皮拉提斯", "普拉提", "pilates"]),
    (&["running"], &["跑步", "馬拉松", "马拉松", "running"]),
    (&["cycling"], &["單車", "单车", "cycling"]),
    (&["hiking"], &["登山", "hiking"]),
    (&["camping"], &["露營", "露营", "camping"]),
    (&["outdoor"], &["戶外", "户外", "outdoor"]),
    (&["diving"], &["潛水", "潜水", "diving"]),
    (&["gear"], &["裝備", "装备", "gear"]),
    (&["tech", "3c"], &["3C", "科技", "數碼", "数码", "tech"]),
    (&["smartphones"], &["手機", "手机", "smartphones"]),
    (&["pc-building"], &["組電腦", "组电脑", "pc building"]),
    (
        &["mechanical-keyboards"],
        &["機械鍵盤", "机械键盘", "mechanical keyboards"],
    ),
    (&["apple"], &["蘋果", "苹果", "apple"]),
    (&["smart-home"], &["智慧家居", "智能家居", "smart home"]),
    (&["productivity"], &["生產力", "生产力", "productivity"]),
    (&["fashion"], &["穿搭", "時尚", "时尚", "fashion"]),
    (&["streetwear"], &["潮牌", "街頭", "街头", "streetwear"]),
    (&["sneakers"], &["球鞋", "運動鞋", "运动鞋", "sneakers"]),
    (&["luxury"], &["精品", "luxury"]),
    (
        &["gaming", "games"],
        &["遊戲", "游戏", "電競", "电竞", "gaming"],
    ),
    (&["board-games"], &["桌遊", "桌游", "board games"]),
    (&["anime"], &["動漫", "动漫", "anime"]),
    (&["cosplay"], &["角色扮演", "cosplay"]),
    (&["streaming"], &["實況", "实况", "streaming"]),
    (&["entertainment"], &["娛樂", "娱乐", "entertainment"]),
    (&["comedy"], &["喜劇", "喜剧", "comedy"]),
    (&["music"], &["音樂", "音乐", "music"]),
    (&["film"], &["電影", "电影", "film"]),
    (&["books"], &["閱讀", "阅读", "books"]),
    (&["education"], &["教育", "學習", "学习", "education"]),
    (&["language"], &["語言", "语言", "language"]),
    (&["career"], &["職場", "职场", "career"]),
    (&["finance"], &["理財", "理财", "finance"]),
    (&["home"], &["居家", "收納", "收纳", "home"]),
    (&["minimalism"], &["極簡", "极简", "minimalism"]),
    (&["plants"], &["園藝", "园艺", "plants"]),
    (&["diy"], &["手作", "diy"]),
    (&["crafts"], &["手工藝", "手工艺", "crafts"]),
    (&["stationery"], &["文具", "手帳", "手帐", "stationery"]),
    (&["photography"], &["攝影", "摄影", "photography"]),
    (&["culture"], &["文化", "藝術", "艺术", "culture"]),
    (&["lifestyle"], &["生活風格", "lifestyle"]),
    (&["wellness"], &["身心靈", "身心灵", "wellness"]),
    (&["health"], &["健康", "醫療", "医疗", "health"]),
    (&["nutrition"], &["營養", "营养", "nutrition"]),
    (&["seniors"], &["銀髮", "银发", "長輩", "长辈", "seniors"]),
    (
        &["sustainability"],
        &["永續", "環保", "环保", "sustainability"],
    ),
    (&["group-buy"], &["團購", "团购", "group buy"]),
    (&["skateboarding"], &["滑板", "skateboarding"]),
];

/// Every location of the sample, and its words: Traditional with 台 and 臺, with and without
/// 市/縣, Simplified, and romanised.
const PLACES: &[(&str, &[&str])] = &[
    (
        "Taipei, TW",
        &[
            "台北",
            "臺北",
            "台北市",
            "臺北市",
            "Taipei",
            "taipei city",
            "taibei",
        ],
    ),
    (
        "New Taipei, TW",
        &["新北", "新北市", "New Taipei", "new taipei city"],
    ),
    ("Taichung, TW", &["台中", "臺中市", "Taichung", "taizhong"]),
    (
        "Kaohsiung, TW",
        &["高雄", "高雄市", "Kaohsiung", "gaoxiong"],
    ),
    ("Tainan, TW", &["台南", "臺南市", "Tainan"]),
    ("Taoyuan, TW", &["桃園", "桃园", "桃園市", "Taoyuan"]),
    ("Hsinchu, TW", &["新竹", "新竹縣", "新竹县", "Hsinchu"]),
    ("Hualien, TW", &["花蓮", "花莲", "花蓮縣", "Hualien"]),
    ("Yilan, TW", &["宜蘭", "宜兰", "宜蘭縣", "Yilan", "ilan"]),
    ("Nantou, TW", &["南投", "南投縣", "南投县", "Nantou"]),
    ("Miaoli, TW", &["苗栗", "苗栗縣", "苗栗县", "Miaoli"]),
    ("Penghu, TW", &["澎湖", "澎湖縣", "Penghu"]),
    (
        "Taitung, TW",
        &["台東", "臺東", "台东", "台東縣", "Taitung"],
    ),
    ("Changhua, TW", &["彰化", "彰化縣", "彰化县", "Changhua"]),
    ("Hong Kong", &["香港", "Hong Kong", "HK"]),
    ("Singapore", &["新加坡", "Singapore"]),
    ("Shanghai, CN", &["上海", "Shanghai"]),
    ("Tokyo, JP", &["東京", "东京", "Tokyo"]),
];

fn creators() -> Vec<Creator> {
    parse_creators("creators.toml", CREATORS.as_bytes())
        .database
        .creators
}

/// The sample indexed, with the built-in vocabulary, as the program opens it.
fn index() -> Index {
    let mut index = Index::build(&creators());
    let (vocabulary, problems) = parse_vocabulary("vocabulary", BUILT_IN_VOCABULARY.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    index.lexicon = Lexicon::new(&index, Arc::new(vocabulary));
    index
}

fn found(index: &Index, text: &str) -> BTreeSet<String> {
    let query = Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let hits = search(index, &query, &Options::default(), None, &|| false)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .unwrap();
    hits.ranked
        .iter()
        .map(|&r| index.ids.get(r as usize).to_string())
        .collect()
}

/// The creators tagged with any of `tags`, worked out from the file alone.
fn tagged(tags: &[&str]) -> BTreeSet<String> {
    creators()
        .iter()
        .filter(|c| {
            c.niches
                .iter()
                .any(|n| tags.contains(&n.to_lowercase().as_str()))
        })
        .map(|c| c.id.to_string())
        .collect()
}

fn living_in(location: &str) -> BTreeSet<String> {
    creators()
        .iter()
        .filter(|c| c.location.as_deref() == Some(location))
        .map(|c| c.id.to_string())
        .collect()
}

#[test]
fn the_tables_cover_every_niche_and_place_of_the_sample() {
    for c in creators() {
        for tag in &c.niches {
            let tag = tag.to_lowercase();
            assert!(
                NICHES.iter().any(|(tags, _)| tags.contains(&tag.as_str())),
                "{} is tagged {tag}, which the table leaves out",
                c.id
            );
        }
        if let Some(l) = &c.location {
            assert!(
                PLACES.iter().any(|(p, _)| p == l),
                "{} lives in {l}, which the table leaves out",
                c.id
            );
        }
    }
}

/// Each of `words`, as `FIELD:word`, finds exactly `expected`; as a free word, at least them
/// (a name may match besides).
fn each_word_finds(index: &Index, field: &str, words: &[&str], expected: &BTreeSet<String>) {
    for word in words {
        let quoted = if word.contains(' ') {
            format!("\"{word}\"")
        } else {
            word.to_string()
        };
        assert_eq!(
            &found(index, &format!("{field}:{quoted}")),
            expected,
            "{field}:{word}"
        );
        let free = found(index, &quoted);
        assert!(
            free.is_superset(expected),
            "{word}: {:?}",
            expected.difference(&free)
        );
    }
}

#[test]
fn every_niche_word_in_every_script_finds_exactly_its_tags() {
    let index = index();
    for (tags, words) in NICHES {
        let expected = tagged(tags);
        assert!(!expected.is_empty(), "no sample creator is tagged {tags:?}");
        each_word_finds(&index, "niche", words, &expected);
    }
}

#[test]
fn every_place_word_in_every_script_finds_exactly_who_lives_there() {
    let index = index();
    for (location, words) in PLACES {
        let expected = living_in(location);
        assert!(!expected.is_empty(), "nobody lives in {location}");
        each_word_finds(&index, "loc", words, &expected);
    }
}

#[test]
fn a_country_finds_everyone_living_in_it() {
    let index = index();
    let in_taiwan: BTreeSet<String> = creators()
        .iter()
        .filter(|c| c.location.as_deref().is_some_and(|l| l.ends_with(", TW")))
        .map(|c| c.id.to_string())
        .collect();
    for word in ["台灣", "臺灣", "台湾", "Taiwan", "TW"] {
        assert_eq!(
            found(&index, &format!("loc:{word}")),
            in_taiwan,
            "loc:{word}"
        );
    }
}

// Through the binary, on a copy of the sample workspace.

fn json(sandbox: &Sandbox, ws: &std::path::Path, args: &[&str]) -> (Vec<Value>, String) {
    let (code, out, err) = outcome(
        sandbox
            .cmd()
            .arg("--workspace")
            .arg(ws)
            .arg("search")
            .args(args)
            .args(["--format", "json"]),
    );
    assert_eq!(code, 0, "{err}");
    let rows = serde_json::from_str::<Value>(&out).unwrap();
    (rows.as_array().unwrap().clone(), err)
}

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn chinese_words_find_what_english_tags_say() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let cases: &[(&str, BTreeSet<String>)] = &[
        ("美妝", tagged(&["beauty", "makeup"])),
        ("保養", tagged(&["skincare"])),
        ("niche:親子", tagged(&["parenting", "family", "baby"])),
        ("niche:美妝", tagged(&["beauty", "makeup"])),
        ("loc:台北", living_in("Taipei, TW")),
    ];
    for (query, expected) in cases {
        let (rows, _) = json(&sandbox, &ws, &[query]);
        assert_eq!(&ids(&rows), expected, "{query}");
    }
    // A free word for a city finds what the English name typed would: New Taipei too.
    let mut taipei = living_in("Taipei, TW");
    taipei.extend(living_in("New Taipei, TW"));
    let (rows, _) = json(&sandbox, &ws, &["台北"]);
    assert_eq!(ids(&rows), taipei);
    assert_eq!(ids(&json(&sandbox, &ws, &["taipei"]).0), taipei);
    // And loc:taipei is Taipei itself.
    let (rows, _) = json(&sandbox, &ws, &["loc:taipei"]);
    assert_eq!(ids(&rows), living_in("Taipei, TW"));
}

#[test]
fn misspelt_words_find_what_they_meant_and_say_so() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (rows, err) = json(&sandbox, &ws, &["beuaty"]);
    assert_eq!(ids(&rows), ids(&json(&sandbox, &ws, &["beauty"]).0));
    assert!(err.contains("showing results for \"beauty\""), "{err}");
    let (rows, err) = json(&sandbox, &ws, &["saras"]);
    assert_eq!(ids(&rows), BTreeSet::from(["sarsa".to_string()]));
    assert!(err.contains("showing results for \"sarsa\""), "{err}");
    // A word that is right is never corrected, and one far from every word finds nothing.
    let (_, err) = json(&sandbox, &ws, &["sarsa"]);
    assert!(!err.contains("showing results"), "{err}");
    let (rows, _) = json(&sandbox, &ws, &["qqqqzzzz"]);
    assert!(rows.is_empty());
}

#[test]
fn unknown_field_values_get_the_nearest_known_one() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    for (query, said) in [
        ("niche:beuaty", "did you mean \"beauty\""),
        ("platform:instagarm", "did you mean \"instagram\""),
        ("platform:myspace", "platforms: instagram, youtube"),
    ] {
        let (code, _, err) = outcome(
            sandbox
                .cmd()
                .arg("--workspace")
                .arg(&ws)
                .args(["search", query]),
        );
        assert_eq!(code, 1, "{query}: {err}");
        assert!(err.contains(said), "{query}: {err}");
        // The message points at the term.
        assert!(err.contains('^'), "{query}: {err}");
    }
}

#[test]
fn rows_show_the_channel_that_matched_the_channel_terms() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let (rows, _) = json(&sandbox, &ws, &["platform:ig", "followers:10k..50k"]);
    assert!(!rows.is_empty());
    for row in &rows {
        let m = &row["matched_channel"];
        assert_eq!(m["platform"], "instagram", "{row}");
        let f = m["followers"].as_u64().unwrap();
        assert!((10_000..=50_000).contains(&f), "{row}");
        // The channel named is one of the creator's own, with its figures.
        let own = row["channels"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["handle"] == m["handle"] && c["platform"] == "instagram")
            .unwrap_or_else(|| panic!("{row}"));
        assert_eq!(own["followers"], m["followers"]);
    }
    // Tom's YouTube channel has 210k: his row shows his 47k Instagram, the total apart.
    let tom = rows.iter().find(|r| r["id"] == "trail-tom").unwrap();
    assert_eq!(tom["matched_channel"]["handle"], "tomonthetrail");
    assert_eq!(tom["matched_channel"]["followers"], 47_000);
    assert_eq!(tom["followers"], 257_000);
    // Sorting by followers sorts on the matched channel.
    let followers: Vec<u64> = rows
        .iter()
        .map(|r| r["matched_channel"]["followers"].as_u64().unwrap())
        .collect();
    let (sorted, _) = json(
        &sandbox,
        &ws,
        &["platform:ig", "followers:10k..50k", "--sort", "followers"],
    );
    let by_channel: Vec<u64> = sorted
        .iter()
        .map(|r| r["matched_channel"]["followers"].as_u64().unwrap())
        .collect();
    let mut expected = followers.clone();
    expected.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(by_channel, expected);
}

/// A workspace of four creators whose rates are in three currencies, and a configuration with
/// the exchange rates of two of them.
fn priced(sandbox: &Sandbox) -> std::path::PathBuf {
    let ws = sandbox.workspace(
        "priced",
        br#"
[[creator]]
id = "twd"
name = "In TWD"
rate = 30000
channels = [{ platform = "instagram", handle = "twd", followers = 100000, engagement = 2.0 }]

[[creator]]
id = "sgd"
name = "In SGD"
rate = 500
currency = "SGD"
channels = [
  { platform = "tiktok", handle = "sgd.tt", followers = 900000, engagement = 9.0 },
  { platform = "instagram", handle = "sgd", followers = 50000, engagement = 2.0 },
]

[[creator]]
id = "usd"
name = "In USD"
rate = 400
currency = "USD"
channels = [{ platform = "instagram", handle = "usd", followers = 40000, engagement = 4.0 }]

[[creator]]
id = "jpy"
name = "In JPY"
rate = 10000
currency = "JPY"
channels = [{ platform = "instagram", handle = "jpy", followers = 10000, engagement = 5.0 }]
"#,
    );
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "[currency]\nbase = \"TWD\"\nrates = { SGD = 24.0, USD = 32.0 }\n",
    )
    .unwrap();
    ws
}

#[test]
fn cost_per_engagement_is_compared_in_the_base_currency_on_the_matched_channel() {
    let sandbox = Sandbox::new();
    let ws = priced(&sandbox);
    let (rows, err) = json(&sandbox, &ws, &["platform:ig", "--sort", "cpe"]);
    // twd: 30000 / (100000 × 2%) = 15; sgd: 500 × 24 / (50000 × 2%) = 12 (on Instagram, not
    // its TikTok); usd: 400 × 32 / (40000 × 4%) = 8; jpy: no rate for JPY, so last.
    let order: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["usd", "sgd", "twd", "jpy"]);
    let cpe: Vec<Option<f64>> = rows.iter().map(|r| r["cpe"].as_f64()).collect();
    assert_eq!(cpe, [Some(8.0), Some(12.0), Some(15.0), None]);
    assert_eq!(rows[1]["matched_channel"]["platform"], "instagram");
    assert!(err.contains("JPY"), "the missing rate is named: {err}");
    // The table shows the figure it sorts on, in the base currency.
    let (code, out, _) = outcome(sandbox.cmd().arg("--workspace").arg(&ws).args([
        "search",
        "platform:ig",
        "--sort",
        "cpe",
    ]));
    assert_eq!(code, 0);
    assert!(out.contains("CPE (TWD)"), "{out}");
    let usd = out.lines().find(|l| l.contains("In USD")).unwrap();
    assert!(usd.contains("8.00"), "{usd}");
}

#[test]
fn check_finds_tags_that_split_a_niche_and_problems_of_the_workspace_vocabulary() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "split",
        "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = [\"skincare\"]\nchannels = [{ platform = \"ig\", handle = \"a\" }]\n\n[[creator]]\nid = \"b\"\nname = \"B\"\nniches = [\"travel\", \"skin-care\"]\nchannels = [{ platform = \"ig\", handle = \"b\" }]\n\n[[creator]]\nid = \"c\"\nname = \"C\"\nniches = [\"美妝\", \"knitting\", \"knittng\", \"knitting\"]\nchannels = [{ platform = \"ig\", handle = \"c\" }]\n\n[[creator]]\nid = \"d\"\nname = \"D\"\nniches = [\"knitting\"]\nchannels = [{ platform = \"ig\", handle = \"d\" }]\n".as_bytes(),
    );
    let check = |sandbox: &Sandbox| outcome(sandbox.cmd().arg("check").arg(&ws));
    let (code, out, err) = check(&sandbox);
    assert_eq!(code, 0, "warnings only: {out}{err}");
    let all = format!("{out}{err}");
    // Each at the tag as written: line and column.
    assert!(
        all.contains("creators.toml:10:21: warning: niche \"skin-care\" (1 creator) is the vocabulary's word for \"skincare\" (on 1 creator)"),
        "{all}"
    );
    assert!(
        all.contains("creators.toml:16:11: warning: niche \"美妝\""),
        "{all}"
    );
    assert!(
        all.contains("creators.toml:16:29: warning: niche \"knittng\" (1 creator) is spelt near \"knitting\" (on 2 creators)"),
        "{all}"
    );
    // A tag with no near neighbour, and the more common spelling, are fine.
    assert!(!all.contains("niche \"knitting\""), "{all}");
    assert!(!all.contains("niche \"travel\""), "{all}");

    // The workspace's own vocabulary is checked too, its problems placed.
    std::fs::write(
        ws.join("vocabulary.toml"),
        "[[niche]]\ntags = [\"knitting\"]\nwordz = [\"編織\"]\n",
    )
    .unwrap();
    let (code, out, err) = check(&sandbox);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        format!("{out}{err}").contains(
            "vocabulary.toml:3:1: error: unknown key \"wordz\" (did you mean \"words\"?)"
        ),
        "{out}{err}"
    );
    // Search says so too, and searches with the rest.
    let (rows, err) = json(&sandbox, &ws, &["niche:美妝"]);
    assert!(
        err.contains("vocabulary.toml:3:1: error: unknown key \"wordz\""),
        "{err}"
    );
    assert_eq!(ids(&rows), BTreeSet::from(["c".to_string()]));
    // Fixed, its words work in search: knitting is a tag of the vocabulary now, and 編織 finds it.
    std::fs::write(
        ws.join("vocabulary.toml"),
        "[[niche]]\ntags = [\"knitting\"]\nwords = [\"編織\", \"knittng\"]\n",
    )
    .unwrap();
    let (rows, _) = json(&sandbox, &ws, &["niche:編織"]);
    assert_eq!(
        ids(&rows),
        BTreeSet::from(["c".to_string(), "d".to_string()])
    );
}

#[test]
fn import_writes_niches_and_places_as_the_vocabulary_does_and_says_what_was_written() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace("ws", b"");
    std::fs::write(
        sandbox.cwd().join("in.csv"),
        "名稱,平台,帳號,粉絲數,領域,地區\n小美,ig,xiaomei.tw,12000,\"美妝、保養、手作、knitting\",臺北市\n阿德,yt,ade,5000,skin-care,\"高雄市, 台灣\"\n小安,ig,an,800,美食,台北市信義區\n".as_bytes(),
    )
    .unwrap();
    let (code, out, err) = outcome(
        sandbox
            .cmd()
            .arg("--workspace")
            .arg(&ws)
            .args(["import", "in.csv"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("in.csv:2: written as the vocabulary does: niches: 美妝 → beauty; niches: 保養 → skincare; niches: 手作 → diy; location: 臺北市 → Taipei, TW"), "{out}");
    assert!(out.contains("in.csv:3: written as the vocabulary does: niches: skin-care → skincare; location: 高雄市, 台灣 → Kaohsiung, TW"), "{out}");
    // A district the vocabulary does not know is left as written.
    assert!(
        out.contains("in.csv:4: written as the vocabulary does: niches: 美食 → food\n"),
        "{out}"
    );
    let db = shortlist::store::parse_creators(
        "creators.toml",
        &std::fs::read(ws.join("creators.toml")).unwrap(),
    )
    .database
    .creators;
    let mei = db.iter().find(|c| c.id == "xiaomei.tw").unwrap();
    assert_eq!(mei.niches, ["beauty", "skincare", "diy", "knitting"]);
    assert_eq!(mei.location.as_deref(), Some("Taipei, TW"));
    let an = db.iter().find(|c| c.id == "an").unwrap();
    assert_eq!(an.location.as_deref(), Some("台北市信義區"));

    // A broken workspace vocabulary is said, and the built-in one still used.
    std::fs::write(ws.join("vocabulary.toml"), "[[niche]\n").unwrap();
    std::fs::write(
        sandbox.cwd().join("more.csv"),
        "name,platform,handle,niches\nBo,ig,bo,彩妝\n",
    )
    .unwrap();
    let (code, out, err) = outcome(
        sandbox
            .cmd()
            .arg("--workspace")
            .arg(&ws)
            .args(["import", "more.csv"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("vocabulary.toml:1:"), "{err}");
    assert!(out.contains("niches: 彩妝 → beauty"), "{out}");
}
