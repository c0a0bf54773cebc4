//! Building an index a creator at a time, as they are read.

use compact_str::CompactString;

use super::{Index, NONE, UNKNOWN, flag};
use crate::model::{Creator, Platform};

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
    /// Makes room for `rows` creators in all (see [`Index::reserve`]).
    pub fn reserve(&mut self, rows: usize) {
        self.ix.reserve(rows);
    }

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

fn flags(c: &Creator) -> u8 {
    [
        (c.email.is_some(), flag::EMAIL),
        (c.rate.is_some(), flag::RATE),
        (
            c.channels.iter().any(|ch| ch.engagement.is_some()),
            flag::ENGAGEMENT,
        ),
        (c.vetted_on.is_some(), flag::VETTING),
        (c.notes.is_some(), flag::NOTES),
        (c.channels.iter().any(|ch| ch.url.is_some()), flag::URL),
    ]
    .into_iter()
    .filter(|(has, _)| *has)
    .fold(0, |f, (_, bit)| f | bit)
}

/// The position of the main channel: the one with the most followers, the first of equals.
fn main_channel(c: &Creator) -> Option<usize> {
    let main = c.main_channel()?;
    c.channels.iter().position(|ch| std::ptr::eq(ch, main))
}

/// The creator's engagement and estimated cost per engagement, from the main channel if it has
/// an engagement, else from the largest channel that has one.
/// The engagement of the main channel, or of the largest channel that has one; NaN if none.
pub(super) fn main_engagement(c: &Creator) -> f64 {
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
