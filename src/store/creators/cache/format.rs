//! The cache file's layout: the front part (the file's stamp, the entry table, the snapshot)
//! written and read back, positioned reads of its parts, and checksums of what passes through.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use xxhash_rust::xxh3::Xxh3;

use super::table::{SLOT, SlotTable, read_at};
use super::{END, FORMAT, MAGIC, Old, Part, Slot, Snapshot, TRAILER};
use crate::store::creators::pieces::FileStamp;

/// The front part for the entries `slots` of the file `stamp`.
pub(super) fn front(stamp: &FileStamp, slots: &[Slot], snapshot: Option<&Snapshot>) -> Vec<u8> {
    let mut front = Vec::with_capacity(slots.len() * 40 + (1 << 12));
    front.extend_from_slice(&stamp.hash.to_le_bytes());
    front.extend_from_slice(&stamp.len.to_le_bytes());
    front.push(u8::from(stamp.complete));
    front.extend_from_slice(&(slots.len() as u64).to_le_bytes());
    for s in slots {
        front.extend_from_slice(&s.hash.to_le_bytes());
        front.extend_from_slice(&s.line.to_le_bytes());
        front.extend_from_slice(&s.offset.to_le_bytes());
        front.extend_from_slice(&s.len.to_le_bytes());
        front.extend_from_slice(&s.checksum.to_le_bytes());
    }
    match snapshot {
        Some(s) => {
            front.push(1);
            front.extend_from_slice(&s.rejected.to_le_bytes());
            front.extend_from_slice(&(s.accepted.len() as u64).to_le_bytes());
            for a in &s.accepted {
                front.extend_from_slice(&a.to_le_bytes());
            }
            let problems = postcard::to_allocvec(&s.problems).unwrap_or_default();
            front.extend_from_slice(&(problems.len() as u64).to_le_bytes());
            front.extend_from_slice(&problems);
        }
        None => front.push(0),
    }
    front
}

/// A part of a file read from its start to its end with positioned reads.
pub(super) struct PartReader<'f> {
    pub(super) file: &'f File,
    pub(super) at: u64,
    pub(super) left: u64,
}

impl Read for PartReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        if n == 0 {
            return Ok(0);
        }
        read_at(self.file, &mut buf[..n], self.at)?;
        self.at += n as u64;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Counts and hashes what passes through, reading or writing.
pub(super) struct Hashing<T> {
    pub(super) inner: T,
    pub(super) hasher: Xxh3,
    pub(super) count: u64,
}

impl<T: Read> Read for Hashing<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

impl<T: Write> Write for Hashing<T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The cache file at `path`, if it is one this program wrote intact.
pub(super) fn read_old(path: &Path) -> Option<Old> {
    let file = crate::store::files::open_regular(path).ok()?;
    let size = file.metadata().ok()?.len();
    let header = (MAGIC.len() + FORMAT.len()) as u64;
    if size < header + TRAILER as u64 {
        return None;
    }
    let mut head = vec![0; header as usize];
    read_at(&file, &mut head, 0).ok()?;
    if head != [MAGIC.as_slice(), FORMAT.as_bytes()].concat() {
        return None;
    }
    let mut trailer = [0u8; TRAILER];
    read_at(&file, &mut trailer, size - TRAILER as u64).ok()?;
    if &trailer[TRAILER - END.len()..] != END {
        return None;
    }
    let n = |i: usize| u64::from_le_bytes(trailer[i * 8..i * 8 + 8].try_into().unwrap_or_default());
    let derived = Part {
        at: n(0),
        len: n(1),
        checksum: n(2),
    };
    let front_part = Part {
        at: n(3),
        len: n(4),
        checksum: n(5),
    };
    let body_end = size - TRAILER as u64;
    if front_part.at.checked_add(front_part.len)? != body_end
        || derived.at.checked_add(derived.len)? != front_part.at
        || derived.at < header
    {
        return None;
    }
    // The whole front part is checked, though only its head and its snapshot are kept.
    let mut hasher = Xxh3::new();
    let mut reader = PartReader {
        file: &file,
        at: front_part.at,
        left: front_part.len,
    };
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    if hasher.digest() != front_part.checksum {
        return None;
    }
    const HEAD: usize = 16 + 8 + 1 + 8;
    let mut head = [0u8; HEAD];
    read_at(&file, &mut head, front_part.at).ok()?;
    let (stamp, count) = parse_head(&head)?;
    let table_len = (count as u64).checked_mul(SLOT as u64)?;
    let rest_at = (HEAD as u64).checked_add(table_len)?;
    let mut rest = vec![0; usize::try_from(front_part.len.checked_sub(rest_at)?).ok()?];
    read_at(&file, &mut rest, front_part.at + rest_at).ok()?;
    let snapshot = parse_snapshot(&rest, count)?;
    Some(Old {
        file,
        entries_at: header,
        stamp,
        slots: SlotTable::new(front_part.at + HEAD as u64, count, derived.at - header),
        snapshot,
        derived,
    })
}

/// The file's stamp and the number of entries, from the start of the front part.
fn parse_head(bytes: &[u8]) -> Option<(FileStamp, usize)> {
    let mut cursor = Cursor { bytes, at: 0 };
    let file = FileStamp {
        hash: u128::from_le_bytes(cursor.take(16)?.try_into().ok()?),
        len: u64::from_le_bytes(cursor.take(8)?.try_into().ok()?),
        complete: cursor.take(1)? == [1],
    };
    Some((file, cursor.number()?))
}

/// The snapshot that follows the entry table, for a table of `count` entries.
fn parse_snapshot(bytes: &[u8], count: usize) -> Option<Option<Snapshot>> {
    let mut cursor = Cursor { bytes, at: 0 };
    let snapshot = match cursor.take(1)? {
        [1] => {
            let rejected = cursor.number()? as u64;
            let n = cursor.number()?;
            let mut accepted = Vec::with_capacity(n.min(count));
            for _ in 0..n {
                let a = u32::from_le_bytes(cursor.take(4)?.try_into().ok()?);
                if a as usize >= count {
                    return None;
                }
                accepted.push(a);
            }
            let len = cursor.number()?;
            let problems = postcard::from_bytes(cursor.take(len)?).ok()?;
            Some(Snapshot {
                rejected,
                accepted,
                problems,
            })
        }
        _ => None,
    };
    (cursor.at == bytes.len()).then_some(snapshot)
}

pub(super) struct Cursor<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Cursor<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn number(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }
}
