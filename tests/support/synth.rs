//! Synthetic creator databases of any size, for benchmarks and tests: deterministic for a seed,
//! with the mix a real database has (Chinese, English and bilingual names, several channels,
//! audiences spread over every tier, missing values).
//!
//! Not part of the program: the library's unit tests, the integration tests, the benchmark and
//! the `gen` example each include this file, and each uses a part of it.
#![allow(dead_code, unused_imports)]

use compact_str::{CompactString, format_compact};
use jiff::civil::Date;

use super::model::{Channel, Creator, Kind, Platform};

const SURNAMES: &[&str] = &[
    "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "曾",
    "邱", "廖", "賴", "周",
];
const SURNAMES_LATIN: &[&str] = &[
    "chen", "lin", "huang", "chang", "li", "wang", "wu", "liu", "tsai", "yang", "hsu", "cheng",
    "hsieh", "kuo", "hung", "tseng", "chiu", "liao", "lai", "chou",
];
const GIVEN: &[(&str, &str)] = &[
    ("雅婷", "yating"),
    ("怡君", "yijun"),
    ("佳穎", "chiaying"),
    ("欣妤", "hsinyu"),
    ("宇翔", "yuhsiang"),
    ("志明", "chihming"),
    ("家豪", "chiahao"),
    ("俊宏", "chunhung"),
    ("詩涵", "shihhan"),
    ("淑芬", "shufen"),
    ("美玲", "meiling"),
    ("冠廷", "kuanting"),
    ("柏翰", "pohan"),
    ("品妍", "pinyen"),
    ("子晴", "tzuching"),
    ("承恩", "chengen"),
];
const FIRST: &[&str] = &[
    "Amy", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Henry", "Ivy", "Jason", "Kelly",
    "Leo", "Mia", "Nina", "Oscar", "Peggy", "Queenie", "Ray", "Sandy", "Tony", "Una", "Vincent",
    "Wendy", "Yuki", "Zoe",
];
const NICKNAMES: &[(&str, &str)] = &[
    ("日記", "diary"),
    ("的廚房", "kitchen"),
    ("生活", "life"),
    ("小日子", "days"),
    ("研究室", "lab"),
    ("旅行中", "travels"),
    ("開箱", "unbox"),
    ("Daily", "daily"),
];
/// Niche tags with the weight each gets: beauty and food are common, board games rare.
const NICHES: &[(&str, u32)] = &[
    ("beauty", 14),
    ("skincare", 10),
    ("makeup", 6),
    ("fashion", 8),
    ("food", 14),
    ("travel", 10),
    ("fitness", 8),
    ("yoga", 3),
    ("running", 3),
    ("coffee", 5),
    ("tea", 2),
    ("vegan", 3),
    ("baking", 3),
    ("parenting", 7),
    ("pets", 6),
    ("3c", 6),
    ("tech", 5),
    ("gaming", 5),
    ("hiking", 3),
    ("camping", 2),
    ("board-games", 1),
    ("books", 2),
    ("music", 3),
    ("finance", 3),
    ("home", 4),
    ("lifestyle", 10),
    ("photography", 2),
    ("diy", 2),
];
const LOCATIONS: &[&str] = &[
    "Taipei, TW",
    "New Taipei, TW",
    "Taichung, TW",
    "Tainan, TW",
    "Kaohsiung, TW",
    "Hsinchu, TW",
    "Taoyuan, TW",
    "Yilan, TW",
    "Hualien, TW",
    "Hong Kong",
    "Singapore",
    "Tokyo, JP",
];
/// Platforms with weights: most creators have Instagram, few have PTT.
const PLATFORMS: &[(Platform, u32)] = &[
    (Platform::Instagram, 40),
    (Platform::YouTube, 18),
    (Platform::TikTok, 10),
    (Platform::Facebook, 12),
    (Platform::Threads, 8),
    (Platform::X, 3),
    (Platform::Xiaohongshu, 3),
    (Platform::Dcard, 2),
    (Platform::Blog, 2),
    (Platform::Twitch, 1),
    (Platform::Line, 1),
];

/// A small, fast, well-mixed generator (SplitMix64), so that the same seed always gives the
/// same database on every machine.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (item, w) in items {
            if roll < u64::from(*w) {
                return item;
            }
            roll -= u64::from(*w);
        }
        &items[0].0
    }
}

/// `count` creators for `seed`. Ids and (platform, handle) pairs are unique.
pub fn creators(count: usize, seed: u64) -> Vec<Creator> {
    Generator::new(seed).take(count).collect()
}

/// An endless, deterministic stream of creators, for writing databases of any size without
/// holding them.
#[derive(Clone, Debug)]
pub struct Generator {
    rng: Rng,
    next: usize,
}

impl Generator {
    /// The stream for `seed`.
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            next: 0,
        }
    }
}

impl Iterator for Generator {
    type Item = Creator;

    fn next(&mut self) -> Option<Creator> {
        let c = creator(&mut self.rng, self.next);
        self.next += 1;
        Some(c)
    }
}

fn creator(rng: &mut Rng, index: usize) -> Creator {
    let (name, slug, aliases, languages) = name(rng);
    let id = format!("{slug}-{index:x}");
    let handle_base = slug.replace('-', ".");
    // Audience size of the main channel: log-uniform from 300 to 3 million, so every tier is
    // populated and the small tiers are the most common, as in real databases.
    let exponent = 2.5 + (rng.below(10_000) as f64 / 10_000.0) * 4.0;
    let main = 10f64.powf(exponent) as u64;
    let channel_count = 1 + rng.below(3) as usize;
    let mut platforms: Vec<Platform> = Vec::new();
    while platforms.len() < channel_count {
        let p = rng.weighted(PLATFORMS).clone();
        if !platforms.contains(&p) {
            platforms.push(p);
        }
    }
    let channels = platforms
        .into_iter()
        .enumerate()
        .map(|(n, platform)| {
            let followers = if n == 0 {
                main
            } else {
                main / (2 + rng.below(8))
            };
            let known = !rng.chance(3);
            Channel {
                handle: format_compact!("{handle_base}{index:x}"),
                followers: known.then_some(followers.max(10)),
                engagement: (!rng.chance(15)).then(|| (rng.below(120) as f64 + 5.0) / 10.0),
                avg_views: (platform == Platform::YouTube && rng.chance(60))
                    .then(|| followers / (2 + rng.below(6))),
                url: None,
                platform,
            }
        })
        .collect();
    let niche_count = 1 + rng.below(3);
    let mut niches: Vec<CompactString> = Vec::new();
    for _ in 0..niche_count {
        let n = CompactString::from(*rng.weighted(NICHES));
        if !niches.contains(&n) {
            niches.push(n);
        }
    }
    let rate = rng
        .chance(80)
        .then(|| (main / 2).clamp(2_000, 2_000_000) / 500 * 500);
    Creator {
        email: rng
            .chance(85)
            .then(|| format_compact!("{slug}.{index:x}@mail.example")),
        location: rng
            .chance(90)
            .then(|| CompactString::from(*rng.pick(LOCATIONS))),
        kind: Some(*rng.pick(&[
            Kind::Kol,
            Kind::Kol,
            Kind::Kol,
            Kind::Koc,
            Kind::Koc,
            Kind::Kos,
        ])),
        fake_followers: rng.chance(40).then(|| rng.below(250) as f64 / 10.0),
        vetted_on: rng.chance(40).then(|| {
            Date::constant(2026, 1, 1).saturating_add(jiff::Span::new().days(rng.below(300) as i64))
        }),
        rate,
        currency: None,
        notes: rng.chance(10).then(|| "Replies fast on LINE.".to_string()),
        id: id.into(),
        name: name.into(),
        aliases: aliases.into_iter().map(CompactString::from).collect(),
        niches,
        languages: languages.into_iter().map(CompactString::from).collect(),
        channels,
        line: 0,
    }
}

/// A display name, an id-safe slug, aliases and languages.
fn name(rng: &mut Rng) -> (String, String, Vec<String>, Vec<String>) {
    let s = rng.below(SURNAMES.len() as u64) as usize;
    let (given, given_latin) = *rng.pick(GIVEN);
    let zh = vec!["zh-TW".to_string()];
    match rng.below(4) {
        0 => (
            format!("{}{}", SURNAMES[s], given),
            format!("{}-{}", SURNAMES_LATIN[s], given_latin),
            Vec::new(),
            zh,
        ),
        1 => {
            let first = rng.pick(FIRST);
            (
                format!("{first} {}{given}", SURNAMES[s]),
                format!("{}-{}", first.to_lowercase(), SURNAMES_LATIN[s]),
                vec![format!("{}{given}", SURNAMES[s])],
                vec!["zh-TW".to_string(), "en".to_string()],
            )
        }
        2 => {
            let first = rng.pick(FIRST);
            let last = SURNAMES_LATIN[s];
            let mut cap = last.to_string();
            cap[..1].make_ascii_uppercase();
            (
                format!("{first} {cap}"),
                format!("{}-{last}", first.to_lowercase()),
                Vec::new(),
                vec!["en".to_string()],
            )
        }
        _ => {
            let (nick, nick_latin) = *rng.pick(NICKNAMES);
            let short: String = given.chars().last().into_iter().collect();
            (
                format!("小{short}{nick}"),
                format!("{given_latin}-{nick_latin}"),
                vec![format!("{}{given}", SURNAMES[s])],
                zh,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn same_seed_same_database() {
        assert_eq!(creators(50, 7), creators(50, 7));
        assert_ne!(creators(50, 7), creators(50, 8));
    }

    #[test]
    fn ids_and_handles_are_unique_and_valid() {
        let list = creators(3_000, 1);
        let ids: HashSet<&str> = list.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), list.len());
        for c in &list {
            assert_eq!(crate::model::id_problem(&c.id), None, "{}", c.id);
            if let Some(e) = &c.email {
                assert_eq!(crate::model::email_problem(e), None, "{e}");
            }
        }
        let handles: HashSet<(String, &str)> = list
            .iter()
            .flat_map(|c| {
                c.channels
                    .iter()
                    .map(|ch| (ch.platform.name().to_string(), ch.handle.as_str()))
            })
            .collect();
        assert_eq!(
            handles.len(),
            list.iter().map(|c| c.channels.len()).sum::<usize>()
        );
    }
}
