//! The per-user cache that makes an unchanged database searchable without parsing its TOML.
//!
//! It holds, for every `[[creator]]` table, the result of reading it, found by a hash of the
//! table's text; and, for the exact file it was written for, a snapshot: which tables became
//! creators, the file's problems, and data derived from the creators by other modules (the
//! search index). The TOML file stays the only source of truth: a stale entry is simply never
//! found, a snapshot is used only when the file is byte for byte the one it describes, and a
//! cache file that is damaged, or written by another version, is ignored and replaced.
//!
//! Layout: magic and format line; the encoded entries; the derived data; the front part (the
//! file's hash, length and completeness, the entry table with each entry's hash, header line,
//! place and checksum, and the snapshot); and a fixed-size trailer giving the place, length and
//! checksum of the derived data and of the front part. Entries are written as they are read, so
//! a large database is never held twice; they are read back one by one, or a batch at a time,
//! with positioned reads.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tempfile::NamedTempFile;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::pieces::{FileStamp, Lookup, PieceCache};
use crate::store::diagnostic::Located;

mod format;
mod table;
use format::{Hashing, PartReader, front, read_old};
use table::read_at;

const MAGIC: &[u8; 16] = b"shortlist-cache\n";
/// Changes whenever what is encoded changes shape; the program's version is checked too.
const FORMAT: &str = concat!("creators 7 ", env!("CARGO_PKG_VERSION"), "\n");
/// Ends every cache file, after the trailer's numbers.
const END: &[u8; 8] = b"SLCACHE\n";
const TRAILER: usize = 6 * 8 + END.len();

/// The hash the cache records for a whole file, computed without holding the file in memory.
pub(crate) fn hash_file(path: &Path) -> std::io::Result<(u128, u64)> {
    let mut file = crate::store::files::open_regular(path)?;
    let mut hasher = Xxh3::new();
    let mut buf = vec![0; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        len += n as u64;
    }
    Ok((hasher.digest128(), len))
}

/// Writes derived data into the cache file as it is saved.
pub(crate) type WriteDerived<'a> = &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// What the cache knows about the file as a whole, valid only for its exact bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Snapshot {
    pub rejected: u64,
    /// Positions of the entries that became creators, in file order.
    pub accepted: Vec<u32>,
    /// Every problem of the file, lines counted in the file.
    pub problems: Vec<Located>,
}

/// One entry of the table: which table text it is for, where that table starts in the file, and
/// where its encoded piece is among the entries.
#[derive(Clone, Copy, Debug)]
struct Slot {
    hash: u128,
    line: u32,
    offset: u64,
    len: u32,
    checksum: u64,
}

/// A part of the cache file: place, length, checksum.
#[derive(Clone, Copy, Debug, Default)]
struct Part {
    at: u64,
    len: u64,
    checksum: u64,
}

/// The cache file as it was when opened.
struct Old {
    file: File,
    entries_at: u64,
    stamp: FileStamp,
    slots: table::SlotTable,
    snapshot: Option<Snapshot>,
    derived: Part,
}

/// The cache file being written.
struct New {
    out: BufWriter<NamedTempFile>,
    written: u64,
    slots: Vec<Slot>,
}

/// The cache of one creator database: what an earlier run stored, and what this run keeps.
pub struct CreatorCache {
    path: PathBuf,
    old: Option<Arc<Old>>,
    /// Entry by table-text hash, built when first needed.
    by_hash: Option<Arc<table::ByHash>>,
    /// Old entries kept in their old places so far, not yet copied anywhere: while nothing has
    /// changed, nothing is written.
    pending: Vec<(u128, u32, usize)>,
    new: Option<New>,
    /// Writing failed or is impossible: this run keeps nothing.
    broken: bool,
    new_file: FileStamp,
    new_accepted: Vec<u32>,
    new_snapshot: Option<Snapshot>,
}

impl CreatorCache {
    /// The cache for the database at `database`, kept in `dir`; only its table is read. A
    /// missing or unusable cache file is an empty cache.
    pub fn open(dir: &Path, database: &Path) -> CreatorCache {
        let key = database
            .canonicalize()
            .unwrap_or_else(|_| database.to_path_buf());
        let name = format!(
            "creators-{:016x}.bin",
            xxh3_64(key.to_string_lossy().as_bytes())
        );
        let path = dir.join(name);
        let old = read_old(&path).map(Arc::new);
        CreatorCache {
            path,
            old,
            by_hash: None,
            pending: Vec::new(),
            new: None,
            broken: false,
            new_file: FileStamp::default(),
            new_accepted: Vec::new(),
            new_snapshot: None,
        }
    }

    /// Removes the cache file: it was found damaged, and the next run writes a new one.
    pub fn discard(&self) {
        let _ = std::fs::remove_file(&self.path);
    }

    /// How many entries the cache file held when it was opened.
    pub fn len(&self) -> usize {
        self.old.as_ref().map_or(0, |o| o.slots.count)
    }

    /// True when the cache held nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The snapshot, if it describes the file at `path` as it is now, byte for byte.
    pub(crate) fn snapshot_for(&self, path: &Path) -> Option<&Snapshot> {
        let old = self.old.as_ref()?;
        let snapshot = old.snapshot.as_ref()?;
        if !old.stamp.complete || std::fs::metadata(path).ok()?.len() != old.stamp.len {
            return None;
        }
        (hash_file(path).ok()? == (old.stamp.hash, old.stamp.len)).then_some(snapshot)
    }

    /// The snapshot as read, whether or not it still describes the file.
    pub(crate) fn snapshot(&self) -> Option<&Snapshot> {
        self.old.as_ref()?.snapshot.as_ref()
    }

    /// The derived data kept with the snapshot, read by `read` straight from the cache file; `None`
    /// if there is none, or it is not what `read` expects, or it is damaged.
    pub(crate) fn read_derived<D>(
        &self,
        read: impl FnOnce(&mut dyn Read, u64) -> Option<D>,
    ) -> Option<D> {
        let old = self.old.as_ref()?;
        let part = old.derived;
        if part.len == 0 {
            return None;
        }
        let mut input = Hashing {
            inner: std::io::BufReader::with_capacity(
                1 << 16,
                PartReader {
                    file: &old.file,
                    at: part.at,
                    left: part.len,
                },
            ),
            hasher: Xxh3::new(),
            count: 0,
        };
        let value = read(&mut input, part.len)?;
        (input.count == part.len && input.hasher.digest() == part.checksum).then_some(value)
    }

    /// The header line and bytes of the entry at `position` in file order, checked against its
    /// checksum.
    pub(crate) fn entry(&self, position: u32) -> Option<(u32, Vec<u8>)> {
        self.old.as_ref()?.entry(position)
    }

    /// The entries at `positions` (in file order), read with one read of the bytes they span;
    /// each checked against its checksum.
    pub(crate) fn entries(&self, positions: &[u32]) -> Vec<Option<(u32, Vec<u8>)>> {
        let Some(old) = self.old.as_ref() else {
            return vec![None; positions.len()];
        };
        let slots = old.slots.some(&old.file, positions);
        let start = slots.iter().flatten().map(|s| s.offset).min().unwrap_or(0);
        let end = slots
            .iter()
            .flatten()
            .map(|s| s.offset + u64::from(s.len))
            .max()
            .unwrap_or(0);
        let mut span = vec![0; usize::try_from(end.saturating_sub(start)).unwrap_or(0)];
        if read_at(&old.file, &mut span, old.entries_at + start).is_err() {
            return vec![None; positions.len()];
        }
        slots
            .iter()
            .map(|slot| {
                let slot = slot.as_ref()?;
                let from = usize::try_from(slot.offset - start).ok()?;
                let bytes = span.get(from..from + slot.len as usize)?;
                (xxh3_64(bytes) == slot.checksum).then(|| (slot.line, bytes.to_vec()))
            })
            .collect()
    }

    /// Sets the snapshot to write for the file read in this run.
    pub(crate) fn set_snapshot(&mut self, rejected: usize, problems: Vec<Located>) {
        self.new_snapshot = Some(Snapshot {
            rejected: rejected as u64,
            accepted: std::mem::take(&mut self.new_accepted),
            problems,
        });
    }

    /// Writes what this run kept, with the derived data `derived` writes (if any) when it
    /// describes this exact file, if anything differs from what was there. A cache that cannot
    /// be written is not an error: the next run reads the TOML again.
    pub fn save(mut self, derived: Option<WriteDerived<'_>>) {
        let unchanged = self.new.is_none()
            && self.old.as_ref().is_some_and(|old| {
                old.slots.count == self.pending.len()
                    && old.stamp == self.new_file
                    && old.snapshot == self.new_snapshot
            });
        if (unchanged && derived.is_none()) || self.broken {
            return;
        }
        self.start();
        let _ = self.finish(derived);
    }

    /// Starts the new cache file, copying the old entries kept so far into it.
    fn start(&mut self) {
        if self.new.is_some() || self.broken {
            return;
        }
        let dir = self.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let created = std::fs::create_dir_all(&dir).and_then(|()| NamedTempFile::new_in(&dir));
        let Ok(tmp) = created else {
            self.broken = true;
            return;
        };
        let mut new = New {
            out: BufWriter::with_capacity(1 << 20, tmp),
            written: 0,
            slots: Vec::new(),
        };
        let header = [MAGIC.as_slice(), FORMAT.as_bytes()].concat();
        if new.out.write_all(&header).is_err() {
            self.broken = true;
            return;
        }
        self.new = Some(new);
        let pending = std::mem::take(&mut self.pending);
        for batch in pending.chunks(4096) {
            let positions: Vec<u32> = batch.iter().map(|(_, _, i)| *i as u32).collect();
            let bytes = self.entries(&positions);
            for ((hash, line, _), entry) in batch.iter().zip(bytes) {
                // An old entry that cannot be read is left out: it is only a miss next time.
                if let Some((_, bytes)) = entry {
                    self.write_entry(*hash, *line, &bytes);
                }
            }
        }
    }

    fn write_entry(&mut self, hash: u128, line: u32, bytes: &[u8]) {
        let Some(new) = self.new.as_mut() else { return };
        if new.out.write_all(bytes).is_err() {
            self.broken = true;
            return;
        }
        new.slots.push(Slot {
            hash,
            line,
            offset: new.written,
            len: bytes.len() as u32,
            checksum: xxh3_64(bytes),
        });
        new.written += bytes.len() as u64;
    }

    /// The number of entries this run has kept.
    fn kept(&self) -> usize {
        self.new
            .as_ref()
            .map_or(self.pending.len(), |n| n.slots.len())
    }

    fn finish(mut self, derived: Option<WriteDerived<'_>>) -> std::io::Result<()> {
        let (complete, snapshot) = (self.new_file.complete, self.new_snapshot.take());
        let header = (MAGIC.len() + FORMAT.len()) as u64;
        let Some(mut new) = self.new.take() else {
            return Ok(());
        };
        let mut derived_part = Part {
            at: header + new.written,
            ..Part::default()
        };
        if let Some(write) = derived.filter(|_| complete && snapshot.is_some()) {
            let mut hashing = Hashing {
                inner: &mut new.out,
                hasher: Xxh3::new(),
                count: 0,
            };
            write(&mut hashing)?;
            derived_part.len = hashing.count;
            derived_part.checksum = hashing.hasher.digest();
        }
        let front = front(
            &self.new_file,
            &new.slots,
            snapshot.as_ref().filter(|_| complete),
        );
        let front_part = Part {
            at: derived_part.at + derived_part.len,
            len: front.len() as u64,
            checksum: xxh3_64(&front),
        };
        new.out.write_all(&front)?;
        for part in [derived_part, front_part] {
            for n in [part.at, part.len, part.checksum] {
                new.out.write_all(&n.to_le_bytes())?;
            }
        }
        new.out.write_all(END)?;
        let tmp = new.out.into_inner().map_err(|e| e.into_error())?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl PieceCache for CreatorCache {
    fn prepare(&mut self) -> Option<Arc<dyn Lookup>> {
        let map = self.old.as_ref().and_then(|old| {
            let slots = old.slots.all(&old.file)?;
            let mut map = HashMap::with_capacity_and_hasher(slots.len(), Default::default());
            for (i, s) in slots.iter().enumerate() {
                map.insert(s.hash, i);
            }
            Some(map)
        });
        let by_hash = Arc::new(table::ByHash {
            old: self.old.clone()?,
            map: map?,
        });
        self.by_hash = Some(Arc::clone(&by_hash));
        Some(by_hash)
    }

    fn keep(&mut self, hash: u128, line: u32, fresh: Option<Vec<u8>>, accepted: bool) {
        let old = self
            .by_hash
            .as_ref()
            .and_then(|m| m.map.get(&hash).copied());
        match (&fresh, old) {
            (None, None) => return,
            (None, Some(i)) if self.new.is_none() => {
                // Still the same file, as long as this is the old entry at the same place.
                let same = self
                    .old
                    .as_ref()
                    .and_then(|o| o.slots.get(&o.file, self.pending.len()))
                    .is_some_and(|s| s.hash == hash && s.line == line);
                if same {
                    if accepted {
                        self.new_accepted.push(self.kept() as u32);
                    }
                    self.pending.push((hash, line, i));
                    return;
                }
                self.start();
            }
            _ => self.start(),
        }
        if accepted {
            self.new_accepted.push(self.kept() as u32);
        }
        match (fresh, old) {
            (Some(bytes), _) => self.write_entry(hash, line, &bytes),
            (None, Some(i)) => {
                if let Some((_, bytes)) = self.entry(i as u32) {
                    self.write_entry(hash, line, &bytes);
                }
            }
            (None, None) => {}
        }
    }

    fn file_read(&mut self, stamp: FileStamp) {
        self.new_file = stamp;
    }
}

#[cfg(test)]
mod tests;
