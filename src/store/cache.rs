//! The per-user cache that makes an unchanged database searchable without parsing its TOML.
//!
//! It holds, for every `[[creator]]` table, the result of reading it, found by a hash of the
//! table's text; and, for the exact file it was written for, a snapshot: which tables became
//! creators, the file's problems, and data derived from the creators by other modules (the
//! search index). The TOML file stays the only source of truth: a stale entry is simply never
//! found, a snapshot is used only when the file is byte for byte the one it describes, and a
//! cache file that is damaged, or written by another version, is ignored and replaced.
//!
//! Layout: magic and format line; the length of the front part; the front part (the file's
//! hash, length and completeness, the entry table with each entry's hash, header line, place and
//! checksum, and the snapshot) with its checksum; the derived data's length and checksum, and
//! the derived data; then the encoded entries. Opening reads only the front part; the derived
//! data is read as a stream straight into what it describes; entries are read all at once when
//! many are needed, or one by one.

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::creators::{Piece, PieceCache};
use super::diagnostic::Located;

const MAGIC: &[u8; 16] = b"shortlist-cache\n";
/// Changes whenever what is encoded changes shape; the program's version is checked too.
const FORMAT: &str = concat!("creators 5 ", env!("CARGO_PKG_VERSION"), "\n");

/// The hash the cache records for a whole file, computed without holding the file in memory.
pub(crate) fn hash_file(path: &Path) -> std::io::Result<(u128, u64)> {
    let mut file = std::fs::File::open(path)?;
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

/// The encoded form of a piece.
pub(crate) fn encode(piece: &Piece) -> Vec<u8> {
    // Encoding plain owned data into a Vec cannot fail; an empty entry would only be a miss.
    postcard::to_allocvec(piece).unwrap_or_default()
}

/// A piece from its encoded form, or `None` if the bytes are not one.
pub(crate) fn decode(bytes: &[u8]) -> Option<Piece> {
    postcard::from_bytes(bytes).ok()
}

/// Writes derived data into the cache file as it is saved.
pub(crate) type WriteDerived<'a> = &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// Where derived data is in a cache file: start, length and checksum.
#[derive(Clone, Copy, Debug)]
struct DerivedAt {
    at: u64,
    len: u64,
    checksum: u64,
}

/// What identifies the file a cache describes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub hash: u128,
    pub len: u64,
    /// The entries are every creator table of the file, in order, and nothing else is in it
    /// but comments.
    pub complete: bool,
}

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

/// The cache of one creator database: what an earlier run stored, and what this run keeps.
pub struct CreatorCache {
    path: PathBuf,
    /// The cache file, open for reading entries, and where its entries start.
    file: Option<Mutex<(File, u64)>>,
    /// Where the derived data is in the cache file.
    derived: Option<DerivedAt>,
    old_file: FileStamp,
    old_slots: Vec<Slot>,
    old_snapshot: Option<Snapshot>,
    /// Every old entry, once read: for reading many, and for writing them out again.
    blobs: Option<Vec<u8>>,
    /// Entry by table-text hash, built when first needed.
    by_hash: Option<HashMap<u128, usize, foldhash::fast::RandomState>>,
    new_file: FileStamp,
    new: Vec<(u128, u32, Entry)>,
    new_accepted: Vec<u32>,
    new_snapshot: Option<Snapshot>,
}

enum Entry {
    /// The old entry at this position of the old table.
    Old(usize),
    Fresh(Vec<u8>),
}

impl CreatorCache {
    /// The cache for the database at `database`, kept in `dir`; only its front part is read.
    /// A missing or unusable cache file is an empty cache.
    pub fn open(dir: &Path, database: &Path) -> CreatorCache {
        let key = database
            .canonicalize()
            .unwrap_or_else(|_| database.to_path_buf());
        let name = format!(
            "creators-{:016x}.bin",
            xxh3_64(key.to_string_lossy().as_bytes())
        );
        let path = dir.join(name);
        let mut cache = CreatorCache {
            path,
            file: None,
            derived: None,
            old_file: FileStamp::default(),
            old_slots: Vec::new(),
            old_snapshot: None,
            blobs: None,
            by_hash: None,
            new_file: FileStamp::default(),
            new: Vec::new(),
            new_accepted: Vec::new(),
            new_snapshot: None,
        };
        if let Some((front, derived, file)) = read_front(&cache.path)
            && let Some((stamp, slots, snapshot)) = parse_front(&front)
        {
            cache.old_file = stamp;
            cache.old_slots = slots;
            cache.old_snapshot = snapshot;
            cache.derived = (derived.len > 0).then_some(derived);
            cache.file = Some(Mutex::new((file, derived.at + derived.len)));
        }
        cache
    }

    /// The derived data kept with the snapshot, read by `read` straight from the cache file; `None`
    /// if there is none, or it is not what `read` expects, or it is damaged.
    pub(crate) fn read_derived<D>(
        &self,
        read: impl FnOnce(&mut dyn Read) -> Option<D>,
    ) -> Option<D> {
        let DerivedAt { at, len, checksum } = self.derived?;
        let mut guard = self.file.as_ref()?.lock().ok()?;
        let (file, _) = &mut *guard;
        file.seek(SeekFrom::Start(at)).ok()?;
        let mut input = Hashing {
            inner: std::io::BufReader::with_capacity(1 << 16, (&mut *file).take(len)),
            hasher: Xxh3::new(),
            count: 0,
        };
        let value = read(&mut input)?;
        (input.count == len && input.hasher.digest() == checksum).then_some(value)
    }

    /// How many entries the cache file held when it was opened.
    pub fn len(&self) -> usize {
        self.old_slots.len()
    }

    /// How many bytes the entries take in the cache file.
    #[cfg(test)]
    fn blob_bytes(&self) -> usize {
        self.old_slots.iter().map(|s| s.len as usize).sum()
    }

    /// True when the cache held nothing.
    pub fn is_empty(&self) -> bool {
        self.old_slots.is_empty()
    }

    /// The snapshot, if it describes the file at `path` as it is now, byte for byte.
    pub(crate) fn snapshot_for(&self, path: &Path) -> Option<&Snapshot> {
        let snapshot = self.old_snapshot.as_ref()?;
        let stamp = self.old_file;
        if !stamp.complete || std::fs::metadata(path).ok()?.len() != stamp.len {
            return None;
        }
        (hash_file(path).ok()? == (stamp.hash, stamp.len)).then_some(snapshot)
    }

    /// The snapshot as read, whether or not it still describes the file.
    pub(crate) fn snapshot(&self) -> Option<&Snapshot> {
        self.old_snapshot.as_ref()
    }

    /// Reads every old entry into memory, for when most of them are needed.
    pub(crate) fn load_entries(&mut self) {
        if self.blobs.is_some() {
            return;
        }
        let total: u64 = self.old_slots.iter().map(|s| u64::from(s.len)).sum();
        let read = self.file.as_ref().and_then(|f| {
            let mut guard = f.lock().ok()?;
            let (file, at) = &mut *guard;
            file.seek(SeekFrom::Start(*at)).ok()?;
            let mut bytes = vec![0; usize::try_from(total).ok()?];
            file.read_exact(&mut bytes).ok()?;
            Some(bytes)
        });
        match read {
            Some(bytes) => self.blobs = Some(bytes),
            // Entries that cannot be read are as good as none.
            None => {
                self.old_slots.clear();
                self.old_snapshot = None;
                self.blobs = Some(Vec::new());
            }
        }
    }

    /// The header line and bytes of the entry at `position` in file order, checked against its
    /// checksum: from memory when the entries were read, else from the file.
    pub(crate) fn entry(&self, position: u32) -> Option<(u32, std::borrow::Cow<'_, [u8]>)> {
        let slot = self.old_slots.get(position as usize)?;
        let bytes: std::borrow::Cow<'_, [u8]> = match &self.blobs {
            Some(blobs) => {
                let start = usize::try_from(slot.offset).ok()?;
                blobs.get(start..start + slot.len as usize)?.into()
            }
            None => {
                let mut guard = self.file.as_ref()?.lock().ok()?;
                let (file, at) = &mut *guard;
                file.seek(SeekFrom::Start(*at + slot.offset)).ok()?;
                let mut bytes = vec![0; slot.len as usize];
                file.read_exact(&mut bytes).ok()?;
                bytes.into()
            }
        };
        (xxh3_64(&bytes) == slot.checksum).then_some((slot.line, bytes))
    }

    /// Sets the snapshot to write for the file read in this run.
    pub(crate) fn set_snapshot(&mut self, rejected: usize, problems: Vec<Located>) {
        self.new_snapshot = Some(Snapshot {
            rejected: rejected as u64,
            accepted: std::mem::take(&mut self.new_accepted),
            problems,
        });
    }

    /// Keeps the entries and snapshot as they are, for writing them again with new derived data:
    /// the file is unchanged.
    pub(crate) fn keep_all(&mut self) {
        self.new_file = self.old_file;
        self.new = self
            .old_slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.hash, s.line, Entry::Old(i)))
            .collect();
        self.new_snapshot = self.old_snapshot.clone();
    }

    /// Writes what this run kept, with the derived data `derived` writes (if any) when it
    /// describes this exact file, if anything differs from what was there. A cache that cannot
    /// be written is not an error: the next run reads the TOML again.
    pub fn save(mut self, derived: Option<WriteDerived<'_>>) {
        let same_entries =
            self.new.len() == self.old_slots.len()
                && self.new.iter().zip(&self.old_slots).all(|((h, l, e), s)| {
                    *h == s.hash && *l == s.line && matches!(e, Entry::Old(_))
                });
        let same = same_entries
            && self.new_file == self.old_file
            && self.new_snapshot == self.old_snapshot;
        if same && derived.is_none() {
            return;
        }
        if self.new.iter().any(|(_, _, e)| matches!(e, Entry::Old(_))) {
            self.load_entries();
        }
        let _ = self.write(derived);
    }

    fn write(&self, derived: Option<WriteDerived<'_>>) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut front = Vec::with_capacity(self.new.len() * 40 + (1 << 12));
        front.extend_from_slice(&self.new_file.hash.to_le_bytes());
        front.extend_from_slice(&self.new_file.len.to_le_bytes());
        front.push(u8::from(self.new_file.complete));
        front.extend_from_slice(&(self.new.len() as u64).to_le_bytes());
        let mut offset = 0u64;
        for (hash, line, entry) in &self.new {
            let bytes = self.bytes(entry);
            front.extend_from_slice(&hash.to_le_bytes());
            front.extend_from_slice(&line.to_le_bytes());
            front.extend_from_slice(&offset.to_le_bytes());
            front.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            front.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
            offset += bytes.len() as u64;
        }
        match self
            .new_snapshot
            .as_ref()
            .filter(|_| self.new_file.complete)
        {
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
        let checksum = xxh3_64(&front);
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        let derived_header_at = (MAGIC.len() + FORMAT.len() + 8 + front.len() + 8) as u64;
        let (derived_len, derived_checksum) = {
            let mut out = std::io::BufWriter::with_capacity(1 << 20, tmp.as_file_mut());
            out.write_all(MAGIC)?;
            out.write_all(FORMAT.as_bytes())?;
            out.write_all(&(front.len() as u64).to_le_bytes())?;
            out.write_all(&front)?;
            out.write_all(&checksum.to_le_bytes())?;
            // The derived data's length and checksum are known once it is written.
            out.write_all(&[0; 16])?;
            let mut hashing = Hashing {
                inner: &mut out,
                hasher: Xxh3::new(),
                count: 0,
            };
            if let Some(write) =
                derived.filter(|_| self.new_file.complete && self.new_snapshot.is_some())
            {
                write(&mut hashing)?;
            }
            let sums = (hashing.count, hashing.hasher.digest());
            for (_, _, entry) in &self.new {
                out.write_all(self.bytes(entry))?;
            }
            out.flush()?;
            sums
        };
        let file = tmp.as_file_mut();
        file.seek(SeekFrom::Start(derived_header_at))?;
        file.write_all(&derived_len.to_le_bytes())?;
        file.write_all(&derived_checksum.to_le_bytes())?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    fn bytes<'a>(&'a self, entry: &'a Entry) -> &'a [u8] {
        match entry {
            Entry::Old(i) => self
                .old_slots
                .get(*i)
                .zip(self.blobs.as_ref())
                .and_then(|(s, b)| {
                    let start = usize::try_from(s.offset).ok()?;
                    b.get(start..start + s.len as usize)
                })
                .unwrap_or_default(),
            Entry::Fresh(bytes) => bytes,
        }
    }

    fn position_of(&self, hash: u128) -> Option<usize> {
        self.by_hash.as_ref()?.get(&hash).copied()
    }
}

impl PieceCache for CreatorCache {
    fn prepare(&mut self) {
        self.load_entries();
        let mut map = HashMap::with_capacity_and_hasher(self.old_slots.len(), Default::default());
        for (i, s) in self.old_slots.iter().enumerate() {
            map.insert(s.hash, i);
        }
        self.by_hash = Some(map);
    }

    fn get(&self, hash: u128) -> Option<Piece> {
        let position = self.position_of(hash)?;
        let (_, bytes) = self.entry(position as u32)?;
        decode(&bytes)
    }

    fn keep(&mut self, hash: u128, line: u32, fresh: Option<Vec<u8>>, accepted: bool) {
        let entry = match fresh {
            Some(bytes) => Entry::Fresh(bytes),
            None => match self.position_of(hash) {
                Some(i) => Entry::Old(i),
                None => return,
            },
        };
        if accepted {
            self.new_accepted.push(self.new.len() as u32);
        }
        self.new.push((hash, line, entry));
    }

    fn file_read(&mut self, stamp: FileStamp) {
        self.new_file = stamp;
    }
}

/// Counts and hashes what passes through, reading or writing.
struct Hashing<T> {
    inner: T,
    hasher: Xxh3,
    count: u64,
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

/// The front part of a cache file; where the derived data starts, its length and checksum; and
/// the file, open for reading the rest.
fn read_front(path: &Path) -> Option<(Vec<u8>, DerivedAt, File)> {
    let mut file = File::open(path).ok()?;
    let mut head = vec![0; MAGIC.len() + FORMAT.len() + 8];
    file.read_exact(&mut head).ok()?;
    if &head[..MAGIC.len()] != MAGIC
        || &head[MAGIC.len()..MAGIC.len() + FORMAT.len()] != FORMAT.as_bytes()
    {
        return None;
    }
    let len = u64::from_le_bytes(head[head.len() - 8..].try_into().ok()?);
    let size = file.metadata().ok()?.len();
    if len.checked_add(head.len() as u64 + 24)? > size {
        return None;
    }
    let mut front = vec![0; usize::try_from(len).ok()? + 24];
    file.read_exact(&mut front).ok()?;
    let tail = front.split_off(front.len() - 24);
    let checksum = u64::from_le_bytes(tail[..8].try_into().ok()?);
    if xxh3_64(&front) != checksum {
        return None;
    }
    let derived_len = u64::from_le_bytes(tail[8..16].try_into().ok()?);
    let derived_checksum = u64::from_le_bytes(tail[16..].try_into().ok()?);
    let derived_at = head.len() as u64 + len + 24;
    if derived_at.checked_add(derived_len)? > size {
        return None;
    }
    let derived = DerivedAt {
        at: derived_at,
        len: derived_len,
        checksum: derived_checksum,
    };
    Some((front, derived, file))
}

fn parse_front(bytes: &[u8]) -> Option<(FileStamp, Vec<Slot>, Option<Snapshot>)> {
    let mut cursor = Cursor { bytes, at: 0 };
    let file = FileStamp {
        hash: u128::from_le_bytes(cursor.take(16)?.try_into().ok()?),
        len: u64::from_le_bytes(cursor.take(8)?.try_into().ok()?),
        complete: cursor.take(1)? == [1],
    };
    let count = cursor.number()?;
    let mut slots = Vec::with_capacity(count.min(bytes.len() / 40));
    for _ in 0..count {
        slots.push(Slot {
            hash: u128::from_le_bytes(cursor.take(16)?.try_into().ok()?),
            line: u32::from_le_bytes(cursor.take(4)?.try_into().ok()?),
            offset: u64::from_le_bytes(cursor.take(8)?.try_into().ok()?),
            len: u32::from_le_bytes(cursor.take(4)?.try_into().ok()?),
            checksum: u64::from_le_bytes(cursor.take(8)?.try_into().ok()?),
        });
    }
    let snapshot = match cursor.take(1)? {
        [1] => {
            let rejected = cursor.number()? as u64;
            let n = cursor.number()?;
            let mut accepted = Vec::with_capacity(n.min(slots.len()));
            for _ in 0..n {
                let a = u32::from_le_bytes(cursor.take(4)?.try_into().ok()?);
                if a as usize >= slots.len() {
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
    (cursor.at == bytes.len()).then_some((file, slots, snapshot))
}

struct Cursor<'b> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_creators_file;

    fn sample(dir: &Path) -> PathBuf {
        let path = dir.join("creators.toml");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("data/creators.toml"),
            &path,
        )
        .unwrap();
        path
    }

    #[test]
    fn a_warm_load_matches_a_cold_one_and_leaves_the_cache_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let cache_dir = tmp.path().join("cache");
        let cold = load_creators_file(&db, "creators.toml", None).unwrap();
        let first = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        let cache = CreatorCache::open(&cache_dir, &db);
        assert_eq!(cache.len(), cold.database.creators.len());
        let file = std::fs::read_dir(&cache_dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let written = std::fs::metadata(&file).unwrap().modified().unwrap();
        let warm = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(warm.database.creators, cold.database.creators);
        assert_eq!(first.database.creators, cold.database.creators);
        assert_eq!(warm.diagnostics, cold.diagnostics);
        assert_eq!(
            std::fs::metadata(&file).unwrap().modified().unwrap(),
            written
        );
    }

    #[test]
    fn an_unchanged_file_is_replayed_and_any_change_is_not() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let cache_dir = tmp.path().join("cache");
        let cold = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        let cache = CreatorCache::open(&cache_dir, &db);
        let snapshot = cache.snapshot_for(&db).unwrap();
        assert_eq!(snapshot.accepted.len(), cold.database.creators.len());
        // A changed comment changes no creator, but the file is not the one the cache knows.
        let text = std::fs::read_to_string(&db)
            .unwrap()
            .replacen("# The", "# the", 1);
        std::fs::write(&db, text).unwrap();
        assert!(cache.snapshot_for(&db).is_none());
        load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert!(
            CreatorCache::open(&cache_dir, &db)
                .snapshot_for(&db)
                .is_some()
        );
    }

    /// Derived data for the tests: how many creators there are, and a count of derivations.
    struct Count(usize);

    static DERIVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    impl crate::store::Derived for Count {
        fn derive(database: &crate::store::Database) -> Self {
            DERIVED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Count(database.creators.len())
        }
        fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
            out.write_all(&(self.0 as u64).to_le_bytes())
        }
        fn read_from(input: &mut dyn Read) -> Option<Self> {
            let mut b = [0; 8];
            input.read_exact(&mut b).ok()?;
            Some(Count(u64::from_le_bytes(b) as usize))
        }
    }

    #[test]
    fn derived_data_is_kept_for_the_unchanged_file_and_dropped_after_an_edit() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let cache_dir = tmp.path().join("cache");
        let derivations = || DERIVED.load(std::sync::atomic::Ordering::SeqCst);
        let before = derivations();
        let load = || {
            crate::store::load_creators_derived::<Count>(&db, "creators.toml", Some(&cache_dir))
                .unwrap()
        };
        let (first, count) = load();
        assert_eq!(count.0, first.database.creators.len());
        let (second, again) = load();
        assert_eq!(again.0, count.0);
        assert_eq!(second.database.creators, first.database.creators);
        assert_eq!(derivations() - before, 1, "derived once");
        let (cached, again) =
            crate::store::CachedDatabase::open::<Count>(&db, "creators.toml", &cache_dir).unwrap();
        assert_eq!(again.0, count.0);
        assert_eq!(cached.len(), first.database.creators.len());
        for row in [0, 5, cached.len() - 1] {
            assert_eq!(
                cached.creator(row).as_ref(),
                first.database.creators.get(row)
            );
        }
        // Loading without derived data leaves it in place.
        load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert!(
            crate::store::CachedDatabase::open::<Count>(&db, "creators.toml", &cache_dir).is_some()
        );
        std::fs::write(&db, std::fs::read_to_string(&db).unwrap() + "\n# more\n").unwrap();
        assert!(
            crate::store::CachedDatabase::open::<Count>(&db, "creators.toml", &cache_dir).is_none()
        );
        load();
        assert_eq!(derivations() - before, 2, "derived again after an edit");
    }

    #[test]
    fn a_file_with_a_broken_creator_is_never_replayed() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("creators.toml");
        let cache_dir = tmp.path().join("cache");
        std::fs::write(
            &db,
            "[[creator]]\nname = \"no id\"\nchannels = [{ platform = \"x\", handle = \"a\" }]\n",
        )
        .unwrap();
        let first = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(first.rejected, 1);
        let cache = CreatorCache::open(&cache_dir, &db);
        assert!(cache.snapshot_for(&db).is_none());
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.diagnostics, first.diagnostics);
    }

    #[test]
    fn problems_and_rejections_come_back_from_the_snapshot() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("creators.toml");
        let cache_dir = tmp.path().join("cache");
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/two-problems.toml");
        std::fs::copy(fixture, &db).unwrap();
        let cold = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert!(
            CreatorCache::open(&cache_dir, &db)
                .snapshot_for(&db)
                .is_some()
        );
        let warm = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(warm.diagnostics, cold.diagnostics);
        assert_eq!(warm.rejected, 2);
        assert_eq!(warm.database.creators, cold.database.creators);
    }

    #[test]
    fn an_edit_is_seen_and_lines_still_point_right() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let cache_dir = tmp.path().join("cache");
        load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        // Two lines added near the top move every creator down, and one creator changes.
        let text = std::fs::read_to_string(&db).unwrap();
        let text = text
            .replacen(
                "# The creator database",
                "# added
# added
# The creator database",
                1,
            )
            .replacen("followers = 52_000", "followers = 53_000", 1);
        std::fs::write(&db, &text).unwrap();
        let cold = load_creators_file(&db, "creators.toml", None).unwrap();
        let warm = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(warm.database.creators, cold.database.creators);
        assert_eq!(
            warm.database.get("sarsa").unwrap().channels[0].followers,
            Some(53_000)
        );
        assert_eq!(warm.database.creators[0].line, 13);
    }

    #[test]
    fn problems_come_back_from_the_cache_at_their_new_place() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("creators.toml");
        let cache_dir = tmp.path().join("cache");
        let body = "[[creator]]\nid = \"a\"\nname = \"A\"\nemial = \"x\"\nchannels = [{ platform = \"x\", handle = \"a\" }]\n";
        std::fs::write(&db, body).unwrap();
        load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        std::fs::write(&db, format!("# one\n# two\n{body}")).unwrap();
        let warm = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        let messages: Vec<String> = warm.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "creators.toml:6:1: warning: unknown key \"emial\" (did you mean \"email\"?) (creator a)"
            ]
        );
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored_and_replaced() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let cache_dir = tmp.path().join("cache");
        let cold = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        let file = std::fs::read_dir(&cache_dir)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let good = std::fs::read(&file).unwrap();
        let front_end = good.len() - CreatorCache::open(&cache_dir, &db).blob_bytes();
        // A damaged front part: the whole cache is ignored, then rewritten.
        let mut bytes = good.clone();
        bytes[front_end / 2] ^= 0xFF;
        std::fs::write(&file, &bytes).unwrap();
        assert!(CreatorCache::open(&cache_dir, &db).is_empty());
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.database.creators, cold.database.creators);
        assert!(!CreatorCache::open(&cache_dir, &db).is_empty(), "rewritten");
        // A damaged entry: that entry is not trusted, and the creators are still right.
        let mut bytes = good.clone();
        let last = bytes.len() - 3;
        bytes[last] ^= 0xFF;
        std::fs::write(&file, &bytes).unwrap();
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.database.creators, cold.database.creators);
        assert_eq!(again.diagnostics, cold.diagnostics);
        // Something else entirely.
        std::fs::write(&file, b"not a cache").unwrap();
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.database.creators, cold.database.creators);
    }

    #[test]
    fn an_unwritable_cache_folder_is_not_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let db = sample(tmp.path());
        let blocker = tmp.path().join("file-not-folder");
        std::fs::write(&blocker, "").unwrap();
        let loaded = load_creators_file(&db, "creators.toml", Some(&blocker)).unwrap();
        assert!(!loaded.database.creators.is_empty());
    }
}
