//! The search index: what searching needs of every creator, in flat columns (text arenas and
//! number arrays) rather than one object per creator. It is small, quick to scan, and loads
//! from the cache almost as fast as the bytes can be read, so an unchanged database is
//! searchable long before its creators could be decoded one by one.

mod columns;

use compact_str::CompactString;

use crate::model::{Creator, Platform};
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

/// Interns strings into a table, giving each distinct one an id.
#[derive(Clone)]
struct Interner<T> {
    table: Vec<T>,
    ids: std::collections::HashMap<CompactString, u32, foldhash::fast::RandomState>,
    /// The same ids by the text as written, so that a tag met again (the usual case) is found
    /// without being lower-cased again.
    written: std::collections::HashMap<CompactString, u32, foldhash::fast::RandomState>,
}

impl<T> Interner<T> {
    fn new() -> Self {
        Interner {
            table: Vec::new(),
            ids: Default::default(),
            written: Default::default(),
        }
    }

    fn id(&mut self, key: &str, make: impl FnOnce() -> T) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.table.len() as u32;
        self.table.push(make());
        self.ids.insert(key.into(), id);
        id
    }

    /// The id of `text` as written, whose key is `key(text)`.
    fn id_of(
        &mut self,
        text: &str,
        key: impl FnOnce(&str) -> String,
        make: impl FnOnce(&str) -> T,
    ) -> u32 {
        if let Some(&id) = self.written.get(text) {
            return id;
        }
        let key = key(text);
        let id = self.id(&key, || make(&key));
        self.written.insert(text.into(), id);
        id
    }
}

/// `text` lower-cased, quickly when it is ASCII.
fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Builds an index a creator at a time, as they are read.
#[derive(Clone)]
pub struct IndexBuilder {
    ix: Index,
    niches: Interner<(CompactString, CompactString)>,
    locations: Interner<(CompactString, CompactString)>,
    languages: Interner<CompactString>,
    others: Interner<CompactString>,
    currencies: Interner<CompactString>,
    ident: String,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder {
            ix: Index::default(),
            niches: Interner::new(),
            locations: Interner::new(),
            languages: Interner::new(),
            others: Interner::new(),
            currencies: Interner::new(),
            ident: String::new(),
        }
    }
}

impl IndexBuilder {
    /// Adds the next creator.
    pub fn add(&mut self, c: &Creator) {
        let ix = &mut self.ix;
        ix.ids.push(&c.id);
        let ident = &mut self.ident;
        ident.clear();
        // Parts are one a line, so a line break inside one is flattened to a space; the first
        // line is the name, even an empty one.
        let mut first = true;
        let mut part = |text: &str| {
            if !std::mem::take(&mut first) {
                ident.push('\n');
            }
            ident.extend(text.chars().map(|c| if c == '\n' { ' ' } else { c }));
        };
        part(&c.name);
        for alias in &c.aliases {
            part(alias);
        }
        let mut seen: Vec<&str> = Vec::new();
        for ch in &c.channels {
            if !seen.iter().any(|h| h.eq_ignore_ascii_case(&ch.handle)) {
                seen.push(&ch.handle);
                part(&ch.handle);
            }
        }
        ix.ident.push(ident);
        ix.ident_lower.push(&lower(ident));
        let niches = &mut self.niches;
        ix.row_niches.push(
            c.niches
                .iter()
                .map(|n| niches.id_of(n, lower, |l| (n.clone(), l.into()))),
        );
        let locations = &mut self.locations;
        ix.location.push(c.location.as_ref().map_or(NONE, |l| {
            locations.id_of(l, lower, |lower| (l.clone(), lower.into()))
        }));
        let languages = &mut self.languages;
        ix.row_languages.push(
            c.languages
                .iter()
                .map(|l| languages.id_of(l, lower, |l| CompactString::from(l))),
        );
        ix.kind.push(c.kind.map_or(0, |k| {
            1 + crate::model::Kind::ALL
                .iter()
                .position(|x| *x == k)
                .unwrap_or(0) as u8
        }));
        ix.flags.push(flags(c));
        ix.followers.push(c.followers());
        ix.engagement.push(main_engagement(c));
        ix.rate.push(c.rate.unwrap_or(UNKNOWN));
        let currencies = &mut self.currencies;
        ix.currency.push(c.currency.as_ref().map_or(NONE, |code| {
            let upper = code.to_uppercase();
            currencies.id(&upper, || upper.clone())
        }));
        let first = ix.platform.len() as u32;
        ix.row_channels.push(first..first + c.channels.len() as u32);
        for ch in &c.channels {
            let code = match &ch.platform {
                Platform::Other(name) => {
                    let lower = CompactString::from(name.to_lowercase());
                    12 + self.others.id(&lower, || lower.clone()) as u16
                }
                known => Index::platform_code(known).unwrap_or(0),
            };
            ix.platform.push(code);
            ix.channel_followers.push(ch.followers.unwrap_or(UNKNOWN));
            ix.channel_engagement
                .push(ch.engagement.unwrap_or(f64::NAN));
            ix.handles.push(&ch.handle);
        }
        ix.main.push(main_channel(c).map_or(NONE, |i| i as u32));
        ix.line.push(c.line);
    }

    /// The index of every creator added, its columns trimmed to size.
    pub fn finish(self) -> Index {
        let mut ix = self.ix;
        ix.niches = self.niches.table;
        ix.locations = self.locations.table;
        ix.languages = self.languages.table;
        ix.other_platforms = self.others.table;
        ix.currencies = self.currencies.table;
        ix.name_rank = rank_by_name(&ix);
        // Rows are shown by their largest channel, so that is the order of "most followers".
        let largest: Vec<u64> = (0..ix.len()).map(|r| ix.largest_channel(r)).collect();
        let mut order: Vec<u32> = (0..ix.len() as u32).collect();
        order.sort_unstable_by_key(|&r| (std::cmp::Reverse(largest[r as usize]), r));
        ix.by_followers = order;
        ix.shrink();
        ix
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

    /// Gives back the room the columns grew into while building.
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
            a.at.shrink_to_fit();
            a.values.shrink_to_fit();
        }
        self.location.shrink_to_fit();
        self.kind.shrink_to_fit();
        self.flags.shrink_to_fit();
        self.followers.shrink_to_fit();
        self.engagement.shrink_to_fit();
        self.rate.shrink_to_fit();
        self.currency.shrink_to_fit();
        self.platform.shrink_to_fit();
        self.channel_followers.shrink_to_fit();
        self.channel_engagement.shrink_to_fit();
        self.main.shrink_to_fit();
        self.line.shrink_to_fit();
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

fn flags(c: &Creator) -> u8 {
    let mut f = 0;
    if c.email.is_some() {
        f |= flag::EMAIL;
    }
    if c.rate.is_some() {
        f |= flag::RATE;
    }
    if c.channels.iter().any(|ch| ch.engagement.is_some()) {
        f |= flag::ENGAGEMENT;
    }
    if c.vetted_on.is_some() {
        f |= flag::VETTING;
    }
    if c.notes.is_some() {
        f |= flag::NOTES;
    }
    if c.channels.iter().any(|ch| ch.url.is_some()) {
        f |= flag::URL;
    }
    f
}

/// The position of the main channel: the one with the most followers, the first of equals.
fn main_channel(c: &Creator) -> Option<usize> {
    let main = c.main_channel()?;
    c.channels.iter().position(|ch| std::ptr::eq(ch, main))
}

/// The creator's engagement and estimated cost per engagement, from the main channel if it has
/// an engagement, else from the largest channel that has one.
/// The engagement of the main channel, or of the largest channel that has one; NaN if none.
fn main_engagement(c: &Creator) -> f64 {
    c.main_channel()
        .filter(|ch| ch.engagement.is_some())
        .or_else(|| {
            c.channels
                .iter()
                .filter(|ch| ch.engagement.is_some())
                .max_by_key(|ch| ch.followers.unwrap_or(0))
        })
        .and_then(|ch| ch.engagement)
        .unwrap_or(f64::NAN)
}

fn rank_by_name(ix: &Index) -> Vec<u32> {
    let keys: Vec<String> = (0..ix.ids.len())
        .map(|i| ix.name(i).to_lowercase())
        .collect();
    let mut order: Vec<u32> = (0..ix.ids.len() as u32).collect();
    order.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b)));
    let mut rank = vec![0; order.len()];
    for (r, &row) in order.iter().enumerate() {
        rank[row as usize] = r as u32;
    }
    rank
}

#[cfg(test)]
mod tests;
