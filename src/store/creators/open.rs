//! Opening a creator database: through the cache when it describes the file byte for byte
//! (nothing parsed, creators decoded one at a time), else by reading the file once as a stream
//! while the search index is built and both are kept in the cache.

use std::path::Path;

mod cached;

pub use cached::CachedDatabase;

use super::cache::CreatorCache;
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
pub(super) fn replay(cache: &CreatorCache, positions: &[u32]) -> Option<Vec<model::Creator>> {
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

pub(super) fn creator_from(line: u32, bytes: &[u8]) -> Option<model::Creator> {
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
