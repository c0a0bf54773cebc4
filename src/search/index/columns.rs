//! The index's columns as bytes: each column is a length and its values in little-endian
//! order, so that loading is a bounds check and a copy per column.

use std::io::{self, BufWriter, Read, Write};

mod bytes;

use bytes::{Reader, Writer};

use super::{Arena32, Index};
use crate::model::Creator;
use crate::store::Derived;

/// Many strings in one buffer: string `i` is `text[at[i]..at[i + 1]]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arena {
    text: String,
    at: Vec<u32>,
}

impl Arena {
    /// String `i`.
    pub fn get(&self, i: usize) -> &str {
        let (a, b) = (self.at[i] as usize, self.at[i + 1] as usize);
        // Offsets are checked to fall on character boundaries when decoded, and are pushed
        // from whole strings when built.
        self.text.get(a..b).unwrap_or_default()
    }

    /// Appends a string.
    pub fn push(&mut self, s: &str) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.text.push_str(s);
        self.at.push(self.text.len() as u32);
    }

    /// How many strings it holds.
    pub fn len(&self) -> usize {
        self.at.len().saturating_sub(1)
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Gives back unused room.
    pub(super) fn shrink(&mut self) {
        if self.text.capacity() - self.text.len() > self.text.len() / 8 {
            self.text.shrink_to_fit();
        }
        super::trim(&mut self.at);
    }

    /// Bytes of text held.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Makes room for `text` more bytes in `strings` more strings.
    pub(super) fn reserve(&mut self, text: usize, strings: usize) {
        self.text.reserve(text);
        self.at.reserve(strings);
    }
}

/// Why bytes are not an index this program wrote.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the search index is damaged or from another version")]
pub struct DecodeError;

const MAGIC: &[u8] = concat!("shortlist-index 2 ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

impl Index {
    /// The index as bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 20);
        // Writing to memory cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Writes the index, column by column.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = Writer(BufWriter::with_capacity(1 << 16, out));
        w.0.write_all(MAGIC)?;
        for arena in [&self.ids, &self.ident, &self.ident_lower, &self.handles] {
            w.arena(arena)?;
        }
        for arena in [&self.row_niches, &self.row_languages, &self.row_channels] {
            w.u32s(&arena.at)?;
            w.u32s(&arena.values)?;
        }
        w.pairs(&self.niches)?;
        w.pairs(&self.locations)?;
        w.strings(&self.languages)?;
        w.strings(&self.other_platforms)?;
        w.u32s(&self.location)?;
        w.bytes(&self.kind)?;
        w.bytes(&self.flags)?;
        w.u64s(&self.followers)?;
        w.f64s(&self.engagement)?;
        w.u64s(&self.rate)?;
        w.u32s(&self.currency)?;
        w.strings(&self.currencies)?;
        w.u32s(&self.name_rank)?;
        w.u32s(&self.by_followers)?;
        let platform: Vec<u32> = self.platform.iter().map(|&p| u32::from(p)).collect();
        w.u32s(&platform)?;
        w.u64s(&self.channel_followers)?;
        w.f64s(&self.channel_engagement)?;
        w.u32s(&self.main)?;
        w.u32s(&self.line)?;
        w.0.flush()
    }

    /// An index from [`Index::encode`]'s bytes, checked to be whole and consistent.
    pub fn decode(bytes: &[u8]) -> Result<Index, DecodeError> {
        let mut input = bytes;
        let ix = Index::read_from(&mut input, bytes.len() as u64)?;
        if input.is_empty() {
            Ok(ix)
        } else {
            Err(DecodeError)
        }
    }

    /// Reads an index written by [`Index::write_to`] that takes at most `len` bytes, checked to
    /// be consistent.
    pub fn read_from(input: &mut dyn Read, len: u64) -> Result<Index, DecodeError> {
        let mut r = Reader { input, left: len };
        let mut magic = vec![0; MAGIC.len()];
        r.read_exact(&mut magic)?;
        if magic != MAGIC {
            return Err(DecodeError);
        }
        let ids = r.arena()?;
        let ident = r.arena()?;
        let ident_lower = r.arena()?;
        let handles = r.arena()?;
        let row_niches = Arena32 {
            at: r.u32s()?,
            values: r.u32s()?,
        };
        let row_languages = Arena32 {
            at: r.u32s()?,
            values: r.u32s()?,
        };
        let row_channels = Arena32 {
            at: r.u32s()?,
            values: r.u32s()?,
        };
        let ix = Index {
            ids,
            ident,
            ident_lower,
            handles,
            row_niches,
            row_languages,
            row_channels,
            niches: r.pairs()?,
            locations: r.pairs()?,
            languages: r.strings()?,
            other_platforms: r.strings()?,
            location: r.u32s()?,
            kind: r.bytes()?,
            flags: r.bytes()?,
            followers: r.u64s()?,
            engagement: r.f64s()?,
            rate: r.u64s()?,
            currency: r.u32s()?,
            currencies: r.strings()?,
            name_rank: r.u32s()?,
            by_followers: r.u32s()?,
            platform: r.u32s()?.into_iter().map(|p| p as u16).collect(),
            channel_followers: r.u64s()?,
            channel_engagement: r.f64s()?,
            main: r.u32s()?,
            line: r.u32s()?,
            lexicon: Default::default(),
        };
        if !ix.consistent() {
            return Err(DecodeError);
        }
        Ok(ix)
    }

    /// Every column agrees on the number of rows and channels, and every offset and id points
    /// inside what it indexes: a decoded index can then be used without further checks.
    fn consistent(&self) -> bool {
        let rows = self.line.len();
        let channels = self.platform.len();
        let arenas_ok = [&self.ids, &self.ident, &self.ident_lower]
            .iter()
            .all(|a| a.len() == rows && a.valid())
            && self.handles.len() == channels
            && self.handles.valid();
        let lists_ok = self.row_niches.valid(rows, self.niches.len())
            && self.row_languages.valid(rows, self.languages.len())
            && self.row_channels.valid(rows, channels);
        let columns_ok = [
            self.location.len(),
            self.kind.len(),
            self.flags.len(),
            self.followers.len(),
            self.engagement.len(),
            self.rate.len(),
            self.currency.len(),
            self.name_rank.len(),
            self.main.len(),
        ]
        .iter()
        .all(|&n| n == rows)
            && self.channel_followers.len() == channels
            && self.channel_engagement.len() == channels;
        let ids_ok = self
            .location
            .iter()
            .all(|&l| l == super::NONE || (l as usize) < self.locations.len())
            && self
                .currency
                .iter()
                .all(|&c| c == super::NONE || (c as usize) < self.currencies.len())
            && self
                .platform
                .iter()
                .all(|&p| (p as usize) < 12 + self.other_platforms.len())
            && self.kind.iter().all(|&k| k <= 4)
            && self.name_rank.iter().all(|&r| (r as usize) < rows.max(1))
            && self.by_followers.len() == rows
            && self.by_followers.iter().all(|&r| (r as usize) < rows);
        arenas_ok && lists_ok && columns_ok && ids_ok
    }
}

/// The index is what the cache keeps derived from the creators.
impl Derived for Index {
    type Builder = super::IndexBuilder;

    fn add(builder: &mut Self::Builder, creator: &Creator) {
        builder.add(creator);
    }

    fn finish(builder: Self::Builder) -> Self {
        builder.finish()
    }

    fn reserve(builder: &mut Self::Builder, rows: usize) {
        builder.reserve(rows);
    }

    fn snapshot(builder: &Self::Builder) -> Option<Self> {
        Some(builder.clone().finish())
    }

    fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        Index::write_to(self, out)
    }

    fn read_from(input: &mut dyn Read, len: u64) -> Option<Self> {
        Index::read_from(input, len).ok()
    }
}

impl Arena {
    fn valid(&self) -> bool {
        self.at.first().is_none_or(|&a| a == 0)
            && self.at.windows(2).all(|w| w[0] <= w[1])
            && self
                .at
                .last()
                .is_none_or(|&z| z as usize == self.text.len())
            && self
                .at
                .iter()
                .all(|&a| self.text.is_char_boundary(a as usize))
    }
}

impl Arena32 {
    fn valid(&self, rows: usize, bound: usize) -> bool {
        (self.at.len() == rows + 1 || (rows == 0 && self.at.is_empty()))
            && self.at.first().is_none_or(|&a| a == 0)
            && self.at.windows(2).all(|w| w[0] <= w[1])
            && self
                .at
                .last()
                .is_none_or(|&z| z as usize == self.values.len())
            && self.values.iter().all(|&v| (v as usize) < bound)
    }
}

#[cfg(test)]
mod tests;
