//! The entry table of a cache file, read only as far as it is needed: an unchanged database
//! wants the entries of the few creators it shows, never the whole table, which at a million
//! creators is 40 MB.

use std::fs::File;
use std::sync::OnceLock;

use std::collections::HashMap;
use std::sync::Arc;

use xxhash_rust::xxh3::xxh3_64;

use super::{Old, Slot};
use crate::store::creators::pieces::{Lookup, decode};
use crate::store::creators::read::Piece;

/// Bytes of one entry in the table: hash, header line, place, length, checksum.
pub(super) const SLOT: usize = 16 + 4 + 8 + 4 + 8;

/// Where the table is in the cache file, and the whole of it once something needed it all.
pub(super) struct SlotTable {
    /// Place of the first entry in the cache file.
    pub(super) at: u64,
    pub(super) count: usize,
    /// Length of the entries part, which no entry may reach past.
    pub(super) entries_len: u64,
    all: OnceLock<Option<Vec<Slot>>>,
}

impl SlotTable {
    pub(super) fn new(at: u64, count: usize, entries_len: u64) -> SlotTable {
        SlotTable {
            at,
            count,
            entries_len,
            all: OnceLock::new(),
        }
    }

    /// The entry at `position`, read from `file` unless the whole table is already in memory.
    pub(super) fn get(&self, file: &File, position: usize) -> Option<Slot> {
        if position >= self.count {
            return None;
        }
        if let Some(all) = self.all.get() {
            return all.as_ref()?.get(position).copied();
        }
        let mut bytes = [0u8; SLOT];
        read_at(file, &mut bytes, self.at + (position * SLOT) as u64).ok()?;
        self.parse(&bytes)
    }

    /// The entries at `positions`, with one read of the part of the table they span when they
    /// are close together.
    pub(super) fn some(&self, file: &File, positions: &[u32]) -> Vec<Option<Slot>> {
        let (Some(&low), Some(&high)) = (positions.iter().min(), positions.iter().max()) else {
            return Vec::new();
        };
        let (low, high) = (
            low as usize,
            (high as usize).min(self.count.saturating_sub(1)),
        );
        if self.all.get().is_some() || high < low || high - low > positions.len() * 4 {
            return positions
                .iter()
                .map(|&p| self.get(file, p as usize))
                .collect();
        }
        let mut bytes = vec![0u8; (high - low + 1) * SLOT];
        if read_at(file, &mut bytes, self.at + (low * SLOT) as u64).is_err() {
            return vec![None; positions.len()];
        }
        positions
            .iter()
            .map(|&p| {
                let from = (p as usize).checked_sub(low)? * SLOT;
                self.parse(bytes.get(from..from + SLOT)?)
            })
            .collect()
    }

    /// The whole table, read once; `None` if an entry is damaged.
    pub(super) fn all(&self, file: &File) -> Option<&[Slot]> {
        self.all
            .get_or_init(|| {
                let mut bytes = vec![0u8; self.count.checked_mul(SLOT)?];
                read_at(file, &mut bytes, self.at).ok()?;
                bytes.chunks_exact(SLOT).map(|b| self.parse(b)).collect()
            })
            .as_deref()
    }

    fn parse(&self, b: &[u8]) -> Option<Slot> {
        let slot = Slot {
            hash: u128::from_le_bytes(b.get(0..16)?.try_into().ok()?),
            line: u32::from_le_bytes(b.get(16..20)?.try_into().ok()?),
            offset: u64::from_le_bytes(b.get(20..28)?.try_into().ok()?),
            len: u32::from_le_bytes(b.get(28..32)?.try_into().ok()?),
            checksum: u64::from_le_bytes(b.get(32..40)?.try_into().ok()?),
        };
        let end = slot.offset.checked_add(u64::from(slot.len))?;
        (end <= self.entries_len).then_some(slot)
    }
}

impl Old {
    /// The header line and bytes of the entry at `position`, checked against its checksum.
    pub(super) fn entry(&self, position: u32) -> Option<(u32, Vec<u8>)> {
        let slot = self.slots.get(&self.file, position as usize)?;
        let mut bytes = vec![0; slot.len as usize];
        read_at(&self.file, &mut bytes, self.entries_at + slot.offset).ok()?;
        (xxh3_64(&bytes) == slot.checksum).then_some((slot.line, bytes))
    }
}

/// The entries of the cache file as it was, by the hash of their table's text.
pub(super) struct ByHash {
    pub(super) old: Arc<Old>,
    pub(super) map: HashMap<u128, usize, foldhash::fast::RandomState>,
}

impl Lookup for ByHash {
    fn get(&self, hash: u128) -> Option<Piece> {
        let position = *self.map.get(&hash)?;
        let (_, bytes) = self.old.entry(position as u32)?;
        decode(&bytes)
    }
}

/// Reads `buf.len()` bytes at `offset` without moving a shared cursor, so that several threads
/// can read entries at once.
#[cfg(unix)]
pub(super) fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
pub(super) fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}
