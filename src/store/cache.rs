//! The per-user cache that makes an unchanged database searchable without parsing its TOML:
//! for every `[[creator]]` table, the result of reading it, found by a hash of the table's
//! text. The TOML file stays the only source of truth; a stale entry is simply never found,
//! and a cache file that is damaged, or written by another version, is ignored and replaced.
//!
//! When the whole file is byte for byte the one the cache was written for, its entries are
//! replayed in order without reading the TOML's text at all beyond hashing it.
//!
//! Layout: magic, format line, the file's hash and length, whether the entries cover the whole
//! file, entry count, (hash, header line, length) per entry, the encoded entries, and a
//! checksum of everything before it.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use xxhash_rust::xxh3::Xxh3;

use super::creators::{Piece, PieceCache};

const MAGIC: &[u8; 16] = b"shortlist-cache\n";
/// Changes whenever what is encoded changes shape; the program's version is checked too.
const FORMAT: &str = concat!("creators 2 ", env!("CARGO_PKG_VERSION"), "\n");

/// The hash the cache records for a whole file, computed without holding the file in memory.
pub(crate) fn hash_file(path: &Path) -> std::io::Result<(u128, u64)> {
    use std::io::Read;
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

/// The cache of one creator database: what an earlier run stored, and what this run keeps.
pub struct CreatorCache {
    path: PathBuf,
    old: Vec<u8>,
    old_file: FileStamp,
    entries: HashMap<u128, Range<usize>, foldhash::fast::RandomState>,
    old_order: Vec<(u128, u32)>,
    new_file: FileStamp,
    new: Vec<(u128, u32, Entry)>,
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

enum Entry {
    Old(Range<usize>),
    Fresh(Vec<u8>),
}

impl CreatorCache {
    /// The cache for the database at `database`, kept in `dir`. A missing or unusable cache
    /// file is an empty cache.
    pub fn open(dir: &Path, database: &Path) -> CreatorCache {
        let key = database
            .canonicalize()
            .unwrap_or_else(|_| database.to_path_buf());
        let name = format!(
            "creators-{:016x}.bin",
            xxh3_64(key.to_string_lossy().as_bytes())
        );
        let path = dir.join(name);
        let old = std::fs::read(&path).unwrap_or_default();
        let (old_file, entries, old_order) = parse(&old).unwrap_or_default();
        CreatorCache {
            path,
            old,
            old_file,
            entries,
            old_order,
            new_file: FileStamp::default(),
            new: Vec::new(),
        }
    }

    /// The file the cache was written for.
    pub(crate) fn file(&self) -> FileStamp {
        self.old_file
    }

    /// Every entry in file order, with its header line, when the cache covers the whole file.
    pub(crate) fn replay(&self) -> Option<Vec<(u32, &[u8])>> {
        if !self.old_file.complete {
            return None;
        }
        self.old_order
            .iter()
            .map(|(hash, line)| Some((*line, self.old.get(self.entries.get(hash)?.clone())?)))
            .collect()
    }

    /// How many entries the cache file held when it was opened.
    pub fn len(&self) -> usize {
        self.old_order.len()
    }

    /// True when the cache held nothing.
    pub fn is_empty(&self) -> bool {
        self.old_order.is_empty()
    }

    /// Writes what this run kept, if it differs from what was there; a cache that cannot be
    /// written is not an error (the next run reads the TOML again).
    pub fn save(self) {
        let unchanged = self.new_file == self.old_file
            && self.new.len() == self.old_order.len()
            && self
                .new
                .iter()
                .zip(&self.old_order)
                .all(|((h, l, e), (oh, ol))| h == oh && l == ol && matches!(e, Entry::Old(_)));
        if unchanged {
            return;
        }
        let _ = self.write();
    }

    fn write(&self) -> std::io::Result<()> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let mut out = Vec::with_capacity(self.old.len().max(1 << 16));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(FORMAT.as_bytes());
        out.extend_from_slice(&self.new_file.hash.to_le_bytes());
        out.extend_from_slice(&self.new_file.len.to_le_bytes());
        out.push(u8::from(self.new_file.complete));
        out.extend_from_slice(&(self.new.len() as u64).to_le_bytes());
        for (hash, line, entry) in &self.new {
            out.extend_from_slice(&hash.to_le_bytes());
            out.extend_from_slice(&line.to_le_bytes());
            out.extend_from_slice(&(self.bytes(entry).len() as u64).to_le_bytes());
        }
        for (_, _, entry) in &self.new {
            out.extend_from_slice(self.bytes(entry));
        }
        let checksum = xxh3_64(&out);
        out.extend_from_slice(&checksum.to_le_bytes());
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(&out)?;
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }

    fn bytes<'a>(&'a self, entry: &'a Entry) -> &'a [u8] {
        match entry {
            Entry::Old(range) => self.old.get(range.clone()).unwrap_or_default(),
            Entry::Fresh(bytes) => bytes,
        }
    }
}

impl PieceCache for CreatorCache {
    fn get(&self, hash: u128) -> Option<Piece> {
        let range = self.entries.get(&hash)?;
        decode(self.old.get(range.clone())?)
    }

    fn keep(&mut self, hash: u128, line: u32, fresh: Option<Vec<u8>>) {
        let entry = match fresh {
            Some(bytes) => Entry::Fresh(bytes),
            None => match self.entries.get(&hash) {
                Some(range) => Entry::Old(range.clone()),
                None => return,
            },
        };
        self.new.push((hash, line, entry));
    }

    fn file_read(&mut self, stamp: FileStamp) {
        self.new_file = stamp;
    }
}

/// What a cache file holds: the file it describes, where each entry is, and the entries'
/// order with header lines; `None` if it is not a file this program wrote intact.
type Parsed = (
    FileStamp,
    HashMap<u128, Range<usize>, foldhash::fast::RandomState>,
    Vec<(u128, u32)>,
);

fn parse(bytes: &[u8]) -> Option<Parsed> {
    let body = bytes.len().checked_sub(8)?;
    let checksum = u64::from_le_bytes(bytes[body..].try_into().ok()?);
    if xxh3_64(&bytes[..body]) != checksum {
        return None;
    }
    let mut cursor = Cursor {
        bytes: &bytes[..body],
        at: 0,
    };
    if cursor.take(MAGIC.len())? != MAGIC || cursor.take(FORMAT.len())? != FORMAT.as_bytes() {
        return None;
    }
    let file = FileStamp {
        hash: u128::from_le_bytes(cursor.take(16)?.try_into().ok()?),
        len: u64::from_le_bytes(cursor.take(8)?.try_into().ok()?),
        complete: cursor.take(1)? == [1],
    };
    let count = cursor.number()?;
    let mut table = Vec::with_capacity(count.min(body / 28));
    for _ in 0..count {
        let hash = u128::from_le_bytes(cursor.take(16)?.try_into().ok()?);
        let line = u32::from_le_bytes(cursor.take(4)?.try_into().ok()?);
        table.push((hash, line, cursor.number()?));
    }
    let mut entries = HashMap::with_capacity_and_hasher(table.len(), Default::default());
    let mut order = Vec::with_capacity(table.len());
    for (hash, line, len) in table {
        let start = cursor.at;
        cursor.take(len)?;
        entries.insert(hash, start..cursor.at);
        order.push((hash, line));
    }
    Some((file, entries, order))
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
        let replayed = crate::store::replay_unchanged(&cache, &db, "creators.toml").unwrap();
        assert_eq!(replayed.database.creators, cold.database.creators);
        // A changed comment changes no creator, but the file is not the one the cache knows.
        let text = std::fs::read_to_string(&db)
            .unwrap()
            .replacen("# The", "# the", 1);
        std::fs::write(&db, text).unwrap();
        assert!(crate::store::replay_unchanged(&cache, &db, "creators.toml").is_none());
        load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        let cache = CreatorCache::open(&cache_dir, &db);
        assert!(crate::store::replay_unchanged(&cache, &db, "creators.toml").is_some());
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
        assert!(crate::store::replay_unchanged(&cache, &db, "creators.toml").is_none());
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.diagnostics, first.diagnostics);
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
        let mut bytes = std::fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xFF;
        std::fs::write(&file, &bytes).unwrap();
        assert!(CreatorCache::open(&cache_dir, &db).is_empty());
        let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
        assert_eq!(again.database.creators, cold.database.creators);
        assert!(!CreatorCache::open(&cache_dir, &db).is_empty(), "rewritten");
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
