//! Opening a creator database: through the cache when it describes the file byte for byte
//! (nothing parsed, creators decoded one at a time), else by reading the file once as a stream
//! while the search index is built and both are kept in the cache.

use std::path::Path;

use super::cache::{self, CreatorCache};
use super::{Database, LoadedCreators, Sink, assemble, read_creators};
use crate::model;
use crate::store::diagnostic::Diagnostic;
use crate::store::files::{self, ReadError};
use crate::store::workspace::Workspace;

/// Reads the creator database of a workspace, through the cache in `cache_dir` when given.
pub fn load_creators(
    workspace: &Workspace,
    cache_dir: Option<&Path>,
) -> Result<LoadedCreators, ReadError> {
    let path = workspace.creators_file();
    load_creators_file(&path, &workspace.display_name(&path), cache_dir)
}

/// Reads a creator database from any file, naming it `file` in messages. The file is read as
/// a stream, so that a large database is never in memory twice; with a cache folder, an
/// unchanged file is not parsed at all, an edited one only where it changed.
pub fn load_creators_file(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
) -> Result<LoadedCreators, ReadError> {
    let mut cache = cache_dir.map(|dir| CreatorCache::open(dir, path));
    if let Some(c) = cache.as_ref()
        && let Some(snapshot) = c.snapshot_for(path)
        && let Some(creators) = replay(c, &snapshot.accepted)
    {
        let diagnostics = snapshot
            .problems
            .iter()
            .map(|p| Diagnostic::from_located(file, 0, p))
            .collect();
        return Ok(assemble(creators, diagnostics, snapshot.rejected as usize));
    }
    let mut creators = Vec::new();
    let (diagnostics, rejected) = read(
        path,
        file,
        cache.as_mut(),
        &mut creators,
        &crate::store::progress::Progress::new(),
    )?;
    if let Some(mut c) = cache {
        c.set_snapshot(
            rejected,
            diagnostics.iter().map(Diagnostic::to_located).collect(),
        );
        c.save(None);
    }
    Ok(assemble(creators, diagnostics, rejected))
}

fn read(
    path: &Path,
    file: &str,
    cache: Option<&mut CreatorCache>,
    sink: &mut dyn Sink,
    progress: &std::sync::Arc<crate::store::progress::Progress>,
) -> Result<super::Outcome, ReadError> {
    let size = std::fs::metadata(path).ok().map(|meta| meta.len());
    if let Some(size) = size {
        progress.set_total(size);
    }
    let open = || {
        files::open_regular(path).map(|f| crate::store::progress::Counting {
            inner: std::io::BufReader::with_capacity(1 << 16, f),
            progress: std::sync::Arc::clone(progress),
        })
    };
    read_creators(
        file,
        open,
        size,
        cache.map(|c| c as &mut dyn super::PieceCache),
        sink,
    )
    .map_err(|source| ReadError {
        file: file.to_string(),
        source,
    })
}

/// The creators of the entries at `positions`, decoded from the cache a batch at a time on all
/// cores; `None` if one cannot be.
fn replay(cache: &CreatorCache, positions: &[u32]) -> Option<Vec<model::Creator>> {
    use rayon::prelude::*;
    let mut creators = Vec::with_capacity(positions.len());
    for batch in positions.chunks(4096) {
        let entries = cache.entries(batch);
        let decoded: Option<Vec<model::Creator>> = entries
            .into_par_iter()
            .map(|entry| {
                let (line, bytes) = entry?;
                creator_from(line, &bytes)
            })
            .collect();
        creators.extend(decoded?);
    }
    Some(creators)
}

fn creator_from(line: u32, bytes: &[u8]) -> Option<model::Creator> {
    let piece = super::pieces::decode(bytes)?;
    let mut creator = piece.creator?;
    creator.line = line + piece.line - 1;
    Some(creator)
}

/// Something worked out from the creators that is worth keeping with them in the cache (the
/// search index): built as the creators are read, found again with them while the file is
/// unchanged, and read back as a stream.
pub trait Derived: Sized {
    /// What collects the creators as they are read.
    type Builder: Default;
    /// Takes the next creator, in file order.
    fn add(builder: &mut Self::Builder, creator: &model::Creator);
    /// The derived data, once every creator was added.
    fn finish(builder: Self::Builder) -> Self;
    /// The derived data of the creators added so far, to use while the rest are read; `None`
    /// where that is not worth it.
    fn snapshot(builder: &Self::Builder) -> Option<Self> {
        let _ = builder;
        None
    }
    /// Makes room for about `rows` creators in all, told once the first few thousand are in
    /// (nothing, where that is not worth it).
    fn reserve(builder: &mut Self::Builder, rows: usize) {
        let _ = (builder, rows);
    }
    /// Writes it for the cache.
    fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()>;
    /// Reads what [`Derived::write_to`] wrote, at most `len` bytes; `None` if it is something
    /// else.
    fn read_from(input: &mut dyn std::io::Read, len: u64) -> Option<Self>;
}

/// Creators as a searcher needs them: one at a time, by position in the file.
pub enum Creators {
    /// All in memory (there was no cache to read them back from).
    Memory(Database),
    /// Decoded from the cache when asked for.
    Cached(Box<CachedDatabase>),
}

impl Creators {
    /// The creator at `row` (file order among those that loaded).
    pub fn get(&self, row: usize) -> Option<std::borrow::Cow<'_, model::Creator>> {
        match self {
            Creators::Memory(db) => db.creators.get(row).map(std::borrow::Cow::Borrowed),
            Creators::Cached(cached) => cached.creator(row).map(std::borrow::Cow::Owned),
        }
    }
}

/// A database opened for searching: what is derived from it, the creators one at a time, and
/// its problems.
pub struct Opened<D> {
    pub derived: D,
    pub creators: Creators,
    pub diagnostics: Vec<Diagnostic>,
    pub rejected: usize,
}

/// Opens a creator database for searching, without holding every creator when a cache is
/// available: an unchanged file gives its derived data and creators from the cache at once;
/// otherwise the file is read once, the derived data built as creators stream past, and both
/// kept in the cache, from which creators are then read back.
pub fn open_derived<D: Derived>(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
) -> Result<Opened<D>, ReadError> {
    open_derived_with(
        path,
        file,
        cache_dir,
        &crate::store::progress::Progress::new(),
        None,
    )
}

/// Told, now and then while a long read goes on, what is derived from the creators read so far.
pub type Partial<'a, D> = Option<&'a mut dyn FnMut(D)>;

/// How long a read goes before what it has read is shown.
const FIRST_PARTIAL: std::time::Duration = std::time::Duration::from_millis(700);

/// As [`open_derived`], saying how far the read has come in `progress` (bytes of the file and
/// creators read), and that it is over.
pub fn open_derived_with<D: Derived>(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
    progress: &std::sync::Arc<crate::store::progress::Progress>,
    partial: Partial<'_, D>,
) -> Result<Opened<D>, ReadError> {
    let result = open_derived_inner(path, file, cache_dir, progress, partial);
    progress.finish();
    result
}

fn open_derived_inner<D: Derived>(
    path: &Path,
    file: &str,
    cache_dir: Option<&Path>,
    progress: &std::sync::Arc<crate::store::progress::Progress>,
    partial: Partial<'_, D>,
) -> Result<Opened<D>, ReadError> {
    if let Some(dir) = cache_dir
        && let Some((cached, derived)) = CachedDatabase::open::<D>(path, file, dir)
    {
        return Ok(Opened {
            derived,
            diagnostics: cached.diagnostics(),
            rejected: cached.rejected(),
            creators: Creators::Cached(Box::new(cached)),
        });
    }
    struct Building<'p, D: Derived> {
        builder: D::Builder,
        keep: Option<Vec<model::Creator>>,
        progress: std::sync::Arc<crate::store::progress::Progress>,
        partial: Partial<'p, D>,
        /// When what was read was last shown, and how many creators it had.
        shown: (std::time::Instant, u64),
    }
    impl<D: Derived> Sink for Building<'_, D> {
        fn push(&mut self, creator: model::Creator) {
            self.progress.item();
            D::add(&mut self.builder, &creator);
            // A long read shows what it has read every so often (each time it has grown by
            // half), so that the first results come before the last creator.
            let count = self.progress.items();
            if count.is_multiple_of(4096)
                && let Some(tell) = self.partial.as_mut()
                && self.shown.0.elapsed() >= FIRST_PARTIAL
                && count >= self.shown.1 + self.shown.1 / 2
                && let Some(snapshot) = D::snapshot(&self.builder)
            {
                tell(snapshot);
                self.shown = (std::time::Instant::now(), count);
            }
            if let Some(keep) = &mut self.keep {
                keep.push(creator);
            }
        }
        fn density(&mut self, tables: usize, bytes: u64) {
            // How many creators the whole file holds, judged from how far these took it.
            let (_, total) = self.progress.bytes();
            if bytes > 0 && total > bytes {
                let rows = tables as u128 * u128::from(total) / u128::from(bytes);
                D::reserve(
                    &mut self.builder,
                    usize::try_from(rows).unwrap_or(usize::MAX),
                );
            }
        }
        fn restart(&mut self) {
            self.builder = D::Builder::default();
            if let Some(keep) = &mut self.keep {
                keep.clear();
            }
        }
    }
    let mut cache = cache_dir.map(|dir| CreatorCache::open(dir, path));
    let mut building = Building::<D> {
        builder: D::Builder::default(),
        keep: cache.is_none().then(Vec::new),
        progress: std::sync::Arc::clone(progress),
        partial,
        shown: (std::time::Instant::now(), 0),
    };
    let (diagnostics, rejected) = read(path, file, cache.as_mut(), &mut building, progress)?;
    let derived = D::finish(building.builder);
    if let Some(mut c) = cache {
        c.set_snapshot(
            rejected,
            diagnostics.iter().map(Diagnostic::to_located).collect(),
        );
        c.save(Some(&|out: &mut dyn std::io::Write| derived.write_to(out)));
    }
    let creators = match (building.keep, cache_dir) {
        (Some(all), _) => Creators::Memory(Database::new(all)),
        (None, Some(dir)) => match CachedDatabase::reopen(path, file, dir) {
            Some(cached) => Creators::Cached(Box::new(cached)),
            // The cache could not be written: read the creators themselves after all.
            None => Creators::Memory(load_creators_file(path, file, None)?.database),
        },
        (None, None) => Creators::Memory(Database::default()),
    };
    Ok(Opened {
        derived,
        creators,
        diagnostics,
        rejected,
    })
}

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
    fn reopen(path: &Path, file: &str, cache_dir: &Path) -> Option<CachedDatabase> {
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
