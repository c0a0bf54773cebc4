//! The search index: what searching needs of every creator, in flat columns (text arenas and
//! number arrays) rather than one object per creator. It is small, quick to scan, and loads
//! from the cache almost as fast as the bytes can be read, so an unchanged database is
//! searchable long before its creators could be decoded one by one.

mod build;
mod columns;

use compact_str::CompactString;

use crate::model::{Creator, Platform};
pub use build::IndexBuilder;
pub use columns::{Arena, DecodeError};

/// Marks an unknown number in a `u64` column.
pub const UNKNOWN: u64 = u64::MAX;
/// Marks "none" in an id column.
pub const NONE: u32 = u32::MAX;

/// Bits of [`Index::flags`].
pub mod flag {
    pub const EMAIL: u8 = 1;
    pub const RATE: u8 = 2;
    pub const ENGAGEMENT: u8 = 4;
    pub const VETTING: u8 = 8;
    pub const NOTES: u8 = 16;
    pub const URL: u8 = 32;
}

/// Every creator of a database, row by row in file order, as searching sees them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Index {
    pub ids: Arena,
    /// Name, aliases and distinct handles, one a line, as written (for case-sensitive words);
    /// its first line is the name (see [`Index::name`]).
    pub ident: Arena,
    /// The same, lower-cased (for all other words).
    pub ident_lower: Arena,
    /// Per row: its niches, as ids into `niches`.
    pub row_niches: Arena32,
    /// Distinct niche tags, as written and lower-cased.
    pub niches: Vec<(CompactString, CompactString)>,
    /// Per row: id into `locations`, or [`NONE`].
    pub location: Vec<u32>,
    pub locations: Vec<(CompactString, CompactString)>,
    pub row_languages: Arena32,
    /// Distinct language tags, lower-cased.
    pub languages: Vec<CompactString>,
    /// 0 for none, else 1 + the kind's place in `Kind::ALL`.
    pub kind: Vec<u8>,
    pub flags: Vec<u8>,
    /// Total followers (known channels), for sorting and output.
    pub followers: Vec<u64>,
    /// The creator's engagement (main channel, or the largest channel that has one); NaN if
    /// none is known.
    pub engagement: Vec<f64>,
    /// The creator's rate, or [`UNKNOWN`].
    pub rate: Vec<u64>,
    /// Per row: id into `currencies` of the rate's currency, or [`NONE`] for the configured one.
    pub currency: Vec<u32>,
    /// Distinct currency codes, upper-cased.
    pub currencies: Vec<CompactString>,
    /// Place of each row when sorted by name.
    pub name_rank: Vec<u32>,
    /// Every row, most followers on its largest channel first (then file order): the order ties
    /// are broken in.
    pub by_followers: Vec<u32>,
    /// Per row: its channels' positions in the channel columns.
    pub row_channels: Arena32,
    /// Per channel: platform code (see [`Index::platform_code`]).
    pub platform: Vec<u16>,
    /// Names of platforms not known to the program, lower-cased, by code − 12.
    pub other_platforms: Vec<CompactString>,
    pub channel_followers: Vec<u64>,
    pub channel_engagement: Vec<f64>,
    pub handles: Arena,
    /// Per row: position of the main channel among its channels, or [`NONE`].
    pub main: Vec<u32>,
    /// Per row: 1-based line of the creator in the file.
    pub line: Vec<u32>,
    /// What the vocabulary says of these tags and places (not kept in the cache: it follows
    /// the vocabulary, which may change without the database changing).
    pub lexicon: super::Lexicon,
}

/// Lists of numbers per row, flat: row `i` owns `values[at[i]..at[i + 1]]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arena32 {
    pub at: Vec<u32>,
    pub values: Vec<u32>,
}

impl Arena32 {
    /// The numbers of row `i`.
    pub fn get(&self, i: usize) -> &[u32] {
        let (a, b) = (self.at[i] as usize, self.at[i + 1] as usize);
        &self.values[a..b]
    }

    fn push(&mut self, values: impl IntoIterator<Item = u32>) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.values.extend(values);
        self.at.push(self.values.len() as u32);
    }
}

impl Index {
    /// The index of `creators`, in their order.
    pub fn build(creators: &[Creator]) -> Index {
        let mut builder = IndexBuilder::default();
        for c in creators {
            builder.add(c);
        }
        builder.finish()
    }

    /// Makes room for `rows` creators in all, judging each column's size from the rows it
    /// already holds, so that building a large index does not copy its columns over and over
    /// as they grow.
    fn reserve(&mut self, rows: usize) {
        let have = self.line.len();
        if have == 0 || rows <= have {
            return;
        }
        // A little more than the rows so far suggest, since they are only a sample.
        let more =
            |len: usize| (len as u128 * (rows - have) as u128 * 21 / (have as u128 * 20)) as usize;
        for a in [
            &mut self.ids,
            &mut self.ident,
            &mut self.ident_lower,
            &mut self.handles,
        ] {
            a.reserve(more(a.text_len()), more(a.len()));
        }
        for a in [
            &mut self.row_niches,
            &mut self.row_languages,
            &mut self.row_channels,
        ] {
            a.at.reserve(more(a.at.len()));
            a.values.reserve(more(a.values.len()));
        }
        self.location.reserve(more(self.location.len()));
        self.kind.reserve(more(self.kind.len()));
        self.flags.reserve(more(self.flags.len()));
        self.followers.reserve(more(self.followers.len()));
        self.engagement.reserve(more(self.engagement.len()));
        self.rate.reserve(more(self.rate.len()));
        self.currency.reserve(more(self.currency.len()));
        self.platform.reserve(more(self.platform.len()));
        self.channel_followers
            .reserve(more(self.channel_followers.len()));
        self.channel_engagement
            .reserve(more(self.channel_engagement.len()));
        self.main.reserve(more(self.main.len()));
        self.line.reserve(more(self.line.len()));
    }

    /// Gives back the room the columns grew into while building, where it is worth a copy of
    /// the column (more than an eighth of it).
    fn shrink(&mut self) {
        for a in [
            &mut self.ids,
            &mut self.ident,
            &mut self.ident_lower,
            &mut self.handles,
        ] {
            a.shrink();
        }
        for a in [
            &mut self.row_niches,
            &mut self.row_languages,
            &mut self.row_channels,
        ] {
            trim(&mut a.at);
            trim(&mut a.values);
        }
        trim(&mut self.location);
        trim(&mut self.kind);
        trim(&mut self.flags);
        trim(&mut self.followers);
        trim(&mut self.engagement);
        trim(&mut self.rate);
        trim(&mut self.currency);
        trim(&mut self.platform);
        trim(&mut self.channel_followers);
        trim(&mut self.channel_engagement);
        trim(&mut self.main);
        trim(&mut self.line);
    }

    /// The name of the creator at `row`: the first line of its [`Index::ident`] (a line break
    /// written inside a name is a space there).
    pub fn name(&self, row: usize) -> &str {
        let ident = self.ident.get(row);
        ident.split_once('\n').map_or(ident, |(name, _)| name)
    }

    /// How many creators the index holds.
    pub fn len(&self) -> usize {
        self.line.len()
    }

    /// True for an index of no creators.
    pub fn is_empty(&self) -> bool {
        self.line.is_empty()
    }

    /// `IG sarsa.beauty`: the platform and handle of row `row`'s main (largest) channel, as
    /// both front ends show it; empty when the row has none.
    pub fn main_label(&self, row: usize) -> String {
        let main = self.main[row];
        if main == NONE {
            return String::new();
        }
        let channel = self.row_channels.get(row)[main as usize] as usize;
        let platform = self.platform_of(self.platform[channel]);
        format!("{} {}", platform.short(), self.handles.get(channel))
    }

    /// "IG handle" for the channel at position `c` of the channel columns.
    pub fn channel_label(&self, c: usize) -> String {
        let platform = self.platform_of(self.platform[c]);
        format!("{} {}", platform.short(), self.handles.get(c))
    }

    /// The followers of the channel at position `c`, when known.
    pub fn channel_followers_known(&self, c: usize) -> Option<u64> {
        match self.channel_followers[c] {
            UNKNOWN => None,
            f => Some(f),
        }
    }

    /// The engagement of the channel at position `c`, when known.
    pub fn channel_engagement_known(&self, c: usize) -> Option<f64> {
        let e = self.channel_engagement[c];
        (!e.is_nan()).then_some(e)
    }

    /// The followers of row `row`'s largest channel (0 when none is known).
    pub fn largest_channel(&self, row: usize) -> u64 {
        self.largest_known(row).unwrap_or(0)
    }

    /// The tier of row `row`: that of its largest channel with a known follower count.
    pub fn tier(&self, row: usize, tiers: &crate::model::TierBounds) -> Option<crate::model::Tier> {
        self.largest_known(row).map(|f| tiers.tier(f))
    }

    /// The followers of row `row`'s largest channel with a known count.
    fn largest_known(&self, row: usize) -> Option<u64> {
        self.row_channels
            .get(row)
            .iter()
            .map(|&c| self.channel_followers[c as usize])
            .filter(|&f| f != UNKNOWN)
            .max()
    }

    /// The code of a known platform (its place in `Platform::KNOWN`).
    pub fn platform_code(platform: &Platform) -> Option<u16> {
        Platform::KNOWN
            .iter()
            .position(|p| p == platform)
            .map(|i| i as u16)
    }

    /// The platform a channel code stands for.
    pub fn platform_of(&self, code: u16) -> Platform {
        match Platform::KNOWN.get(code as usize) {
            Some(p) => p.clone(),
            None => Platform::Other(
                self.other_platforms
                    .get(code as usize - 12)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            ),
        }
    }

    /// The row of the creator with this id (a scan: for occasional lookups).
    pub fn row_of(&self, id: &str) -> Option<usize> {
        (0..self.len()).find(|&i| self.ids.get(i) == id)
    }
}

/// Gives back a vector's spare room when it is more than an eighth of its length.
pub(super) fn trim<T>(v: &mut Vec<T>) {
    if v.capacity() - v.len() > v.len() / 8 {
        v.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests;
