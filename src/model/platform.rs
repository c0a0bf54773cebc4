use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a channel lives. Known platforms get their own variant so that aliases (`ig`, `小紅書`)
/// resolve to one name; anything else is kept exactly as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Platform {
    Instagram,
    YouTube,
    TikTok,
    Facebook,
    Threads,
    X,
    Xiaohongshu,
    Dcard,
    Ptt,
    Blog,
    Twitch,
    Line,
    /// A platform the program does not know, as written in the file.
    Other(String),
}

/// Other names people use for the known platforms, compared after lower-casing and removing
/// spaces, dashes and underscores (so `Line OA` and `line-oa` both find `lineoa`).
const ALIASES: &[(&str, Platform)] = &[
    ("ig", Platform::Instagram),
    ("insta", Platform::Instagram),
    ("哀居", Platform::Instagram),
    ("yt", Platform::YouTube),
    ("油管", Platform::YouTube),
    ("tt", Platform::TikTok),
    ("抖音", Platform::TikTok),
    ("douyin", Platform::TikTok),
    ("fb", Platform::Facebook),
    ("臉書", Platform::Facebook),
    ("脸书", Platform::Facebook),
    ("脆", Platform::Threads),
    ("tw", Platform::X),
    ("twitter", Platform::X),
    ("推特", Platform::X),
    ("xhs", Platform::Xiaohongshu),
    ("小紅書", Platform::Xiaohongshu),
    ("小红书", Platform::Xiaohongshu),
    ("red", Platform::Xiaohongshu),
    ("rednote", Platform::Xiaohongshu),
    ("狄卡", Platform::Dcard),
    ("批踢踢", Platform::Ptt),
    ("部落格", Platform::Blog),
    ("博客", Platform::Blog),
    ("pixnet", Platform::Blog),
    ("痞客邦", Platform::Blog),
    ("website", Platform::Blog),
    ("line@", Platform::Line),
    ("lineoa", Platform::Line),
];

impl Platform {
    /// Every known platform, in the order they are listed to users.
    pub const KNOWN: [Platform; 12] = [
        Platform::Instagram,
        Platform::YouTube,
        Platform::TikTok,
        Platform::Facebook,
        Platform::Threads,
        Platform::X,
        Platform::Xiaohongshu,
        Platform::Dcard,
        Platform::Ptt,
        Platform::Blog,
        Platform::Twitch,
        Platform::Line,
    ];

    /// Reads a platform name as people write it: any case, aliases, spaces and dashes ignored.
    /// An unknown name becomes [`Platform::Other`] with the text trimmed but otherwise unchanged.
    pub fn parse(text: &str) -> Platform {
        Platform::known(text).unwrap_or_else(|| Platform::Other(text.trim().to_string()))
    }

    /// The known platform a name or alias stands for, if any.
    pub fn known(text: &str) -> Option<Platform> {
        let key: String = text
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        Platform::KNOWN
            .iter()
            .find(|p| p.name() == key)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == key).map(|(_, p)| p))
            .cloned()
    }

    /// The canonical lowercase name, as written in files and typed in queries.
    pub fn name(&self) -> &str {
        match self {
            Platform::Instagram => "instagram",
            Platform::YouTube => "youtube",
            Platform::TikTok => "tiktok",
            Platform::Facebook => "facebook",
            Platform::Threads => "threads",
            Platform::X => "x",
            Platform::Xiaohongshu => "xiaohongshu",
            Platform::Dcard => "dcard",
            Platform::Ptt => "ptt",
            Platform::Blog => "blog",
            Platform::Twitch => "twitch",
            Platform::Line => "line",
            Platform::Other(name) => name,
        }
    }

    /// The name as people write it in a sentence: `Instagram`, `YouTube`, `PTT`.
    pub fn title(&self) -> &str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::YouTube => "YouTube",
            Platform::TikTok => "TikTok",
            Platform::Facebook => "Facebook",
            Platform::Threads => "Threads",
            Platform::X => "X",
            Platform::Xiaohongshu => "Xiaohongshu",
            Platform::Dcard => "Dcard",
            Platform::Ptt => "PTT",
            Platform::Blog => "blog",
            Platform::Twitch => "Twitch",
            Platform::Line => "LINE",
            Platform::Other(name) => name,
        }
    }

    /// A two- or three-letter label for narrow table columns.
    pub fn short(&self) -> &str {
        match self {
            Platform::Instagram => "IG",
            Platform::YouTube => "YT",
            Platform::TikTok => "TT",
            Platform::Facebook => "FB",
            Platform::Threads => "TH",
            Platform::X => "X",
            Platform::Xiaohongshu => "XHS",
            Platform::Dcard => "DC",
            Platform::Ptt => "PTT",
            Platform::Blog => "BLOG",
            Platform::Twitch => "TW",
            Platform::Line => "LINE",
            Platform::Other(name) => name,
        }
    }

    /// True for the platforms the program knows by name.
    pub fn is_known(&self) -> bool {
        !matches!(self, Platform::Other(_))
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("instagram", Platform::Instagram)]
    #[case("Instagram", Platform::Instagram)]
    #[case(" IG ", Platform::Instagram)]
    #[case("yt", Platform::YouTube)]
    #[case("YouTube", Platform::YouTube)]
    #[case("fb", Platform::Facebook)]
    #[case("tw", Platform::X)]
    #[case("Twitter", Platform::X)]
    #[case("xhs", Platform::Xiaohongshu)]
    #[case("小紅書", Platform::Xiaohongshu)]
    #[case("小红书", Platform::Xiaohongshu)]
    #[case("抖音", Platform::TikTok)]
    #[case("Tik Tok", Platform::TikTok)]
    #[case("tik-tok", Platform::TikTok)]
    #[case("LINE@", Platform::Line)]
    #[case("Line OA", Platform::Line)]
    #[case("Dcard", Platform::Dcard)]
    #[case("threads", Platform::Threads)]
    fn aliases_resolve(#[case] text: &str, #[case] expected: Platform) {
        assert_eq!(Platform::parse(text), expected);
    }

    #[test]
    fn unknown_names_are_kept_as_written() {
        assert_eq!(Platform::parse(" Weibo "), Platform::Other("Weibo".into()));
        assert_eq!(Platform::parse("Weibo").name(), "Weibo");
        assert!(!Platform::parse("Weibo").is_known());
    }

    #[test]
    fn canonical_names_round_trip() {
        for p in Platform::KNOWN {
            assert_eq!(Platform::parse(p.name()), p);
        }
    }
}
