//! The index's columns as bytes: each column is a length and its values in little-endian
//! order, so that loading is a bounds check and a copy per column.

use compact_str::CompactString;

use super::{Arena32, Index};

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
}

/// Why bytes are not an index this program wrote.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the search index is damaged or from another version")]
pub struct DecodeError;

const MAGIC: &[u8] = concat!("shortlist-index 1 ", env!("CARGO_PKG_VERSION"), "\n").as_bytes();

impl Index {
    /// The index as bytes, for the cache.
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1 << 20));
        w.0.extend_from_slice(MAGIC);
        for arena in [
            &self.ids,
            &self.names,
            &self.ident,
            &self.ident_lower,
            &self.handles,
        ] {
            w.arena(arena);
        }
        for arena in [&self.row_niches, &self.row_languages, &self.row_channels] {
            w.u32s(&arena.at);
            w.u32s(&arena.values);
        }
        w.pairs(&self.niches);
        w.pairs(&self.locations);
        w.strings(&self.languages);
        w.strings(&self.other_platforms);
        w.u32s(&self.location);
        w.bytes(&self.kind);
        w.bytes(&self.flags);
        w.u64s(&self.followers);
        w.f64s(&self.engagement);
        w.f64s(&self.cost_per_engagement);
        w.u32s(&self.name_rank);
        w.u32s(&self.by_followers);
        let platform: Vec<u32> = self.platform.iter().map(|&p| u32::from(p)).collect();
        w.u32s(&platform);
        w.u64s(&self.channel_followers);
        w.f64s(&self.channel_engagement);
        w.u32s(&self.main);
        w.u32s(&self.line);
        w.0
    }

    /// An index from [`Index::encode`]'s bytes, checked to be whole and consistent.
    pub fn decode(bytes: &[u8]) -> Result<Index, DecodeError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(DecodeError);
        }
        let mut arenas = Vec::with_capacity(5);
        for _ in 0..5 {
            arenas.push(r.arena()?);
        }
        let mut lists = Vec::with_capacity(3);
        for _ in 0..3 {
            lists.push(Arena32 {
                at: r.u32s()?,
                values: r.u32s()?,
            });
        }
        let mut arenas = arenas.into_iter();
        let mut lists = lists.into_iter();
        let mut next_arena = || arenas.next().ok_or(DecodeError);
        let ids = next_arena()?;
        let names = next_arena()?;
        let ident = next_arena()?;
        let ident_lower = next_arena()?;
        let handles = next_arena()?;
        let mut next_list = || lists.next().ok_or(DecodeError);
        let row_niches = next_list()?;
        let row_languages = next_list()?;
        let row_channels = next_list()?;
        let ix = Index {
            ids,
            names,
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
            kind: r.take_vec()?,
            flags: r.take_vec()?,
            followers: r.u64s()?,
            engagement: r.f64s()?,
            cost_per_engagement: r.f64s()?,
            name_rank: r.u32s()?,
            by_followers: r.u32s()?,
            platform: r.u32s()?.into_iter().map(|p| p as u16).collect(),
            channel_followers: r.u64s()?,
            channel_engagement: r.f64s()?,
            main: r.u32s()?,
            line: r.u32s()?,
        };
        if r.at != bytes.len() || !ix.consistent() {
            return Err(DecodeError);
        }
        Ok(ix)
    }

    /// Every column agrees on the number of rows and channels, and every offset and id points
    /// inside what it indexes: a decoded index can then be used without further checks.
    fn consistent(&self) -> bool {
        let rows = self.line.len();
        let channels = self.platform.len();
        let arenas_ok = [&self.ids, &self.names, &self.ident, &self.ident_lower]
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
            self.cost_per_engagement.len(),
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
                .platform
                .iter()
                .all(|&p| (p as usize) < 12 + self.other_platforms.len())
            && self.name_rank.iter().all(|&r| (r as usize) < rows.max(1))
            && self.by_followers.len() == rows
            && self.by_followers.iter().all(|&r| (r as usize) < rows);
        arenas_ok && lists_ok && columns_ok && ids_ok
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

struct Writer(Vec<u8>);

impl Writer {
    fn len(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
    fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn u64s(&mut self, v: &[u64]) {
        self.len(v.len());
        for x in v {
            self.0.extend_from_slice(&x.to_le_bytes());
        }
    }
    fn f64s(&mut self, v: &[f64]) {
        self.len(v.len());
        for x in v {
            self.0.extend_from_slice(&x.to_bits().to_le_bytes());
        }
    }
    fn arena(&mut self, a: &Arena) {
        self.bytes(a.text.as_bytes());
        self.u32s(&a.at);
    }
    fn strings(&mut self, v: &[CompactString]) {
        let mut a = Arena::default();
        for s in v {
            a.push(s);
        }
        self.len(v.len());
        self.arena(&a);
    }
    fn pairs(&mut self, v: &[(CompactString, CompactString)]) {
        let (first, second): (Vec<_>, Vec<_>) = v.iter().cloned().unzip();
        self.strings(&first);
        self.strings(&second);
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], DecodeError> {
        let end = self.at.checked_add(n).ok_or(DecodeError)?;
        let slice = self.bytes.get(self.at..end).ok_or(DecodeError)?;
        self.at = end;
        Ok(slice)
    }
    fn len(&mut self) -> Result<usize, DecodeError> {
        let b = self.take(8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().map_err(|_| DecodeError)?))
            .map_err(|_| DecodeError)
    }
    fn take_vec(&mut self) -> Result<Vec<u8>, DecodeError> {
        let n = self.len()?;
        Ok(self.take(n)?.to_vec())
    }
    fn array<const N: usize, T>(
        &mut self,
        f: impl Fn([u8; N]) -> T,
    ) -> Result<Vec<T>, DecodeError> {
        let n = self.len()?;
        let bytes = self.take(n.checked_mul(N).ok_or(DecodeError)?)?;
        Ok(bytes
            .chunks_exact(N)
            .map(|c| f(c.try_into().unwrap_or([0; N])))
            .collect())
    }
    fn u32s(&mut self) -> Result<Vec<u32>, DecodeError> {
        self.array(u32::from_le_bytes)
    }
    fn u64s(&mut self) -> Result<Vec<u64>, DecodeError> {
        self.array(u64::from_le_bytes)
    }
    fn f64s(&mut self) -> Result<Vec<f64>, DecodeError> {
        self.array(|b| f64::from_bits(u64::from_le_bytes(b)))
    }
    fn arena(&mut self) -> Result<Arena, DecodeError> {
        let text = String::from_utf8(self.take_vec()?).map_err(|_| DecodeError)?;
        let at = self.u32s()?;
        let arena = Arena { text, at };
        if arena.valid() {
            Ok(arena)
        } else {
            Err(DecodeError)
        }
    }
    fn strings(&mut self) -> Result<Vec<CompactString>, DecodeError> {
        let n = self.len()?;
        let a = self.arena()?;
        if a.len() != n {
            return Err(DecodeError);
        }
        Ok((0..n).map(|i| CompactString::from(a.get(i))).collect())
    }
    fn pairs(&mut self) -> Result<Vec<(CompactString, CompactString)>, DecodeError> {
        let first = self.strings()?;
        let second = self.strings()?;
        if first.len() != second.len() {
            return Err(DecodeError);
        }
        Ok(first.into_iter().zip(second).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_damaged_copy_is_refused_or_identical() {
        let ix = Index::build(&crate::synth::creators(50, 9));
        let bytes = ix.encode();
        let decoded = Index::decode(&bytes).unwrap();
        assert!(
            decoded.encode() == bytes,
            "decoding then encoding changes the bytes"
        );
        // Truncations and single-byte flips never panic and never give a different index.
        for cut in (0..bytes.len()).step_by(37) {
            assert!(Index::decode(&bytes[..cut]).is_err());
        }
        for at in (MAGIC.len()..bytes.len()).step_by(13) {
            let mut copy = bytes.clone();
            copy[at] ^= 0x55;
            if let Ok(other) = Index::decode(&copy) {
                assert_eq!(other.len(), ix.len(), "flip at {at}");
            }
        }
    }
}
