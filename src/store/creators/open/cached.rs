//! A creator database as the cache holds it, for when `creators.toml` has not changed.

use std::path::Path;

use super::super::Database;
use super::super::cache::{self, CreatorCache};
use super::{Derived, creator_from, load_creators_file, replay};
use crate::model;
use crate::store::diagnostic::Diagnostic;

/// A creator database as the cache knows it, for when the file has not changed: what was
/// derived from it is at hand at once, and creators are decoded one at a time as needed. A
/// cache entry found damaged (its checksum does not match) is never an error: the cache file
/// is removed, so that the next run writes a new one, and the creators are read from the TOML
/// file instead.
pub struct CachedDatabase {
    cache: CreatorCache,
    file: String,
    path: std::path::PathBuf,
    /// The creators read from the TOML file, once a damaged entry was met.
    fallback: std::sync::OnceLock<Option<Database>>,
}

impl CachedDatabase {
    /// The cached database for the file at `path` (named `file` in messages) with what was
    /// derived from it, if the cache describes the file byte for byte and holds that.
    pub fn open<D: Derived>(
        path: &Path,
        file: &str,
        cache_dir: &Path,
    ) -> Option<(CachedDatabase, D)> {
        let cache = CreatorCache::open(cache_dir, path);
        // Making sure the file is byte for byte the one the cache describes reads all of it:
        // done on a thread of its own while the derived data is read.
        let (unchanged, derived) = std::thread::scope(|s| {
            let unchanged = s.spawn(|| cache.snapshot_for(path).is_some());
            let derived = cache
                .snapshot()
                .is_some()
                .then(|| cache.read_derived(D::read_from))
                .flatten();
            (unchanged.join().unwrap_or(false), derived)
        });
        let derived = derived.filter(|_| unchanged)?;
        Some((CachedDatabase::new(cache, path, file), derived))
    }

    fn new(cache: CreatorCache, path: &Path, file: &str) -> CachedDatabase {
        CachedDatabase {
            cache,
            file: file.to_string(),
            path: path.to_path_buf(),
            fallback: std::sync::OnceLock::new(),
        }
    }

    /// The cache just written for the file at `path`, without checking the file again.
    pub(super) fn reopen(path: &Path, file: &str, cache_dir: &Path) -> Option<CachedDatabase> {
        let cache = CreatorCache::open(cache_dir, path);
        cache.snapshot()?;
        Some(CachedDatabase::new(cache, path, file))
    }

    /// The creators from the TOML file, read once, after the cache was found damaged.
    fn fallback(&self) -> Option<&Database> {
        self.fallback
            .get_or_init(|| {
                self.cache.discard();
                load_creators_file(&self.path, &self.file, None)
                    .ok()
                    .map(|l| l.database)
            })
            .as_ref()
    }

    fn snapshot(&self) -> &cache::Snapshot {
        // `open` only succeeds with a snapshot, and nothing takes it away.
        static EMPTY: std::sync::OnceLock<cache::Snapshot> = std::sync::OnceLock::new();
        self.cache
            .snapshot()
            .unwrap_or_else(|| EMPTY.get_or_init(cache::Snapshot::default))
    }

    /// How many creators loaded.
    pub fn len(&self) -> usize {
        self.snapshot().accepted.len()
    }

    /// True when no creator loaded.
    pub fn is_empty(&self) -> bool {
        self.snapshot().accepted.is_empty()
    }

    /// The creator at `row` (file order among those that loaded).
    pub fn creator(&self, row: usize) -> Option<model::Creator> {
        if let Some(Some(db)) = self.fallback.get() {
            return db.creators.get(row).cloned();
        }
        let position = *self.snapshot().accepted.get(row)?;
        let decoded = self
            .cache
            .entry(position)
            .and_then(|(line, bytes)| creator_from(line, &bytes));
        match decoded {
            Some(creator) => Some(creator),
            None => self.fallback()?.creators.get(row).cloned(),
        }
    }

    /// Every creator, decoded on all cores.
    pub fn all(&self) -> Option<Vec<model::Creator>> {
        if self.fallback.get().is_none()
            && let Some(all) = replay(&self.cache, &self.snapshot().accepted)
        {
            return Some(all);
        }
        self.fallback().map(|db| db.creators.clone())
    }

    /// Every problem of the file.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.snapshot()
            .problems
            .iter()
            .map(|p| Diagnostic::from_located(&self.file, 0, p))
            .collect()
    }

    /// How many creators were left out because of errors.
    pub fn rejected(&self) -> usize {
        self.snapshot().rejected as usize
    }
}
