use compact_str::CompactString;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Kind, Platform, Tier, TierBounds};

/// One person the marketer might work with, as recorded in `creators.toml`.
///
/// Short text is held inline (`CompactString`), which keeps a database of 100,000 creators
/// within a modest memory budget.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Creator {
    /// The stable key campaigns refer to: a-z, 0-9, `-`, `_`, `.`.
    pub id: CompactString,
    pub name: CompactString,
    /// Other names the creator is known by; searched like the name.
    pub aliases: Vec<CompactString>,
    /// Needed to export an invitation.
    pub email: Option<CompactString>,
    /// Topic tags as written (conventionally lowercase).
    pub niches: Vec<CompactString>,
    pub location: Option<CompactString>,
    /// Language tags such as `zh-TW`.
    pub languages: Vec<CompactString>,
    pub kind: Option<Kind>,
    /// Percent of the audience judged fake during vetting.
    pub fake_followers: Option<f64>,
    /// When the content was last checked by hand.
    #[serde(with = "compact_date")]
    pub vetted_on: Option<Date>,
    /// Usual fee per post, in `currency`.
    pub rate: Option<u64>,
    /// ISO 4217 code; absent means the configured default.
    pub currency: Option<CompactString>,
    pub notes: Option<String>,
    /// At least one for a valid creator.
    pub channels: Vec<Channel>,
    /// 1-based line of the creator's table in the file it came from (0 when not from a file),
    /// so that an editor can be opened at it and messages can point to it.
    pub line: u32,
}

/// One account of a creator on one platform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub platform: Platform,
    pub handle: CompactString,
    /// Absent when not known yet; never stored as 0 for "unknown".
    pub followers: Option<u64>,
    /// Percent (4.5 means 4.5 %); absent when not known.
    pub engagement: Option<f64>,
    pub avg_views: Option<u64>,
    pub url: Option<String>,
}

/// Dates stored as (year, month, day) numbers rather than text, so that reading a cached
/// database does not parse a date string per creator.
mod compact_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        date.map(|d| (d.year(), d.month(), d.day())).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let parts = Option::<(i16, i8, i8)>::deserialize(d)?;
        parts
            .map(|(y, m, day)| Date::new(y, m, day).map_err(serde::de::Error::custom))
            .transpose()
    }
}

impl Creator {
    /// Total audience across channels with a known follower count.
    pub fn followers(&self) -> u64 {
        self.channels.iter().filter_map(|c| c.followers).sum()
    }

    /// The total follower count, or `None` when no channel's count is known: an unknown count
    /// is shown as unknown, never as 0.
    pub fn known_followers(&self) -> Option<u64> {
        self.channels
            .iter()
            .any(|c| c.followers.is_some())
            .then(|| self.followers())
    }

    /// The channel with the most followers: it decides the tier and is shown first.
    pub fn main_channel(&self) -> Option<&Channel> {
        // max_by_key keeps the last of equals; prefer the first listed, as the user ordered them.
        self.channels
            .iter()
            .rev()
            .max_by_key(|c| c.followers.unwrap_or(0))
    }

    /// The tier of the largest channel, or none when no follower count is known.
    pub fn tier(&self, bounds: &TierBounds) -> Option<Tier> {
        self.channels
            .iter()
            .filter_map(|c| c.followers)
            .max()
            .map(|f| bounds.tier(f))
    }
}

impl Channel {
    /// The tier of this channel alone.
    pub fn tier(&self, bounds: &TierBounds) -> Option<Tier> {
        self.followers.map(|f| bounds.tier(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(platform: Platform, followers: Option<u64>) -> Channel {
        Channel {
            platform,
            handle: "h".into(),
            followers,
            engagement: None,
            avg_views: None,
            url: None,
        }
    }

    fn creator(channels: Vec<Channel>) -> Creator {
        Creator {
            id: "a".into(),
            name: "A".into(),
            aliases: vec![],
            email: None,
            niches: vec![],
            location: None,
            languages: vec![],
            kind: None,
            fake_followers: None,
            vetted_on: None,
            rate: None,
            currency: None,
            notes: None,
            channels,
            line: 0,
        }
    }

    #[test]
    fn followers_sum_known_channels_and_tier_follows_the_largest() {
        let c = creator(vec![
            channel(Platform::Instagram, Some(40_000)),
            channel(Platform::YouTube, Some(30_000)),
            channel(Platform::Threads, None),
        ]);
        assert_eq!(c.followers(), 70_000);
        // 70k in total, but no single channel reaches mid (50k): the creator is micro.
        assert_eq!(c.tier(&TierBounds::default()), Some(Tier::Micro));
        assert_eq!(
            c.main_channel().map(|c| &c.platform),
            Some(&Platform::Instagram)
        );
    }

    #[test]
    fn unknown_followers_give_no_tier() {
        let c = creator(vec![channel(Platform::Blog, None)]);
        assert_eq!(c.followers(), 0);
        assert_eq!(c.tier(&TierBounds::default()), None);
    }

    #[test]
    fn equal_channels_keep_the_first_as_main() {
        let c = creator(vec![
            channel(Platform::TikTok, Some(5)),
            channel(Platform::X, Some(5)),
        ]);
        assert_eq!(
            c.main_channel().map(|c| &c.platform),
            Some(&Platform::TikTok)
        );
    }
}
