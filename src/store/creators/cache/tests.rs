use super::*;
use crate::store::load_creators_file;

/// The one cache file written into `dir`.
fn the_cache_file(dir: &Path) -> PathBuf {
    let mut files = std::fs::read_dir(dir).unwrap();
    let file = files.next().unwrap().unwrap().path();
    assert!(files.next().is_none(), "one cache file");
    file
}

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
    let file = the_cache_file(&cache_dir);
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

/// Derived data for the tests: how many creators there are.
struct Count(usize);

impl crate::store::Derived for Count {
    type Builder = usize;
    fn add(builder: &mut usize, _: &crate::model::Creator) {
        *builder += 1;
    }
    fn finish(builder: usize) -> Self {
        Count(builder)
    }
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&(self.0 as u64).to_le_bytes())
    }
    fn read_from(input: &mut dyn Read, _len: u64) -> Option<Self> {
        let mut b = [0; 8];
        input.read_exact(&mut b).ok()?;
        Some(Count(u64::from_le_bytes(b) as usize))
    }
}

/// Like [`Count`], also counting how many times it was built. Only one test uses it: tests
/// run at the same time would otherwise add to the count.
struct Tracked(usize);

static BUILT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl crate::store::Derived for Tracked {
    type Builder = usize;
    fn add(builder: &mut usize, _: &crate::model::Creator) {
        *builder += 1;
    }
    fn finish(builder: usize) -> Self {
        BUILT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Tracked(builder)
    }
    fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&(self.0 as u64).to_le_bytes())
    }
    fn read_from(input: &mut dyn Read, _len: u64) -> Option<Self> {
        let mut b = [0; 8];
        input.read_exact(&mut b).ok()?;
        Some(Tracked(u64::from_le_bytes(b) as usize))
    }
}

#[test]
fn derived_data_is_kept_for_the_unchanged_file_and_dropped_after_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let db = sample(tmp.path());
    let cache_dir = tmp.path().join("cache");
    let built = || BUILT.load(std::sync::atomic::Ordering::SeqCst);
    let before = built();
    let cold = load_creators_file(&db, "creators.toml", None).unwrap();
    let open =
        || crate::store::open_derived::<Tracked>(&db, "creators.toml", Some(&cache_dir)).unwrap();
    let first = open();
    assert_eq!(first.derived.0, cold.database.creators.len());
    assert!(
        matches!(first.creators, crate::store::Creators::Cached(_)),
        "read back from the cache"
    );
    let second = open();
    assert_eq!(second.derived.0, first.derived.0);
    assert_eq!(built() - before, 1, "built once");
    for row in [0, 5, cold.database.creators.len() - 1] {
        assert_eq!(
            second.creators.get(row).as_deref(),
            cold.database.creators.get(row)
        );
        assert_eq!(
            first.creators.get(row).as_deref(),
            cold.database.creators.get(row)
        );
    }
    // Loading the creators alone leaves the derived data in place.
    load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
    assert!(
        crate::store::CachedDatabase::open::<Tracked>(&db, "creators.toml", &cache_dir).is_some()
    );
    std::fs::write(&db, std::fs::read_to_string(&db).unwrap() + "\n# more\n").unwrap();
    assert!(
        crate::store::CachedDatabase::open::<Tracked>(&db, "creators.toml", &cache_dir).is_none()
    );
    let third = open();
    assert_eq!(third.derived.0, first.derived.0);
    assert_eq!(built() - before, 2, "built again after an edit");
}

#[test]
fn without_a_cache_the_creators_are_kept_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let db = sample(tmp.path());
    let opened = crate::store::open_derived::<Count>(&db, "creators.toml", None).unwrap();
    assert!(matches!(opened.creators, crate::store::Creators::Memory(_)));
    assert_eq!(opened.creators.get(0).unwrap().id, "sarsa");
}

#[test]
fn an_unwritable_cache_falls_back_to_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let db = sample(tmp.path());
    let blocker = tmp.path().join("file-not-folder");
    std::fs::write(&blocker, "").unwrap();
    let opened = crate::store::open_derived::<Count>(&db, "creators.toml", Some(&blocker)).unwrap();
    assert_eq!(opened.creators.get(0).unwrap().id, "sarsa");
    assert_eq!(opened.derived.0, 97);
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
        ["creators.toml:6:1: warning: unknown key \"emial\" (did you mean \"email\"?) (creator a)"]
    );
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_and_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let db = sample(tmp.path());
    let cache_dir = tmp.path().join("cache");
    let cold = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
    let file = the_cache_file(&cache_dir);
    let good = std::fs::read(&file).unwrap();
    // A damaged table: the whole cache is ignored, then rewritten.
    let mut bytes = good.clone();
    let in_table = good.len() - TRAILER - 10;
    bytes[in_table] ^= 0xFF;
    std::fs::write(&file, &bytes).unwrap();
    assert!(CreatorCache::open(&cache_dir, &db).is_empty());
    let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
    assert_eq!(again.database.creators, cold.database.creators);
    assert!(!CreatorCache::open(&cache_dir, &db).is_empty(), "rewritten");
    // A damaged entry: that entry is not trusted, and the creators are still right.
    let mut bytes = good.clone();
    let first_entry = MAGIC.len() + FORMAT.len() + 3;
    bytes[first_entry] ^= 0xFF;
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

#[test]
fn an_entry_pointing_outside_the_entries_is_refused_when_read() {
    let tmp = tempfile::tempdir().unwrap();
    let db = sample(tmp.path());
    let cache_dir = tmp.path().join("cache");
    let cold = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
    let file = the_cache_file(&cache_dir);
    let mut bytes = std::fs::read(&file).unwrap();
    // The first entry of the table is made to point past the entries, with the front part's
    // checksum made right again: only reading that entry can find it out.
    let trailer = bytes.len() - TRAILER;
    let number = |b: &[u8], i: usize| {
        u64::from_le_bytes(b[trailer + i * 8..trailer + i * 8 + 8].try_into().unwrap()) as usize
    };
    let (front_at, front_len) = (number(&bytes, 3), number(&bytes, 4));
    let offset_at = front_at + 16 + 8 + 1 + 8 + 16 + 4;
    bytes[offset_at..offset_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
    let checksum = xxh3_64(&bytes[front_at..front_at + front_len]);
    bytes[trailer + 40..trailer + 48].copy_from_slice(&checksum.to_le_bytes());
    std::fs::write(&file, &bytes).unwrap();
    let cache = CreatorCache::open(&cache_dir, &db);
    assert!(!cache.is_empty(), "the table itself is intact");
    assert!(cache.entry(0).is_none(), "the entry is refused");
    assert!(cache.entry(1).is_some(), "the others are not");
    assert_eq!(cache.entries(&[0, 1])[0], None);
    let again = load_creators_file(&db, "creators.toml", Some(&cache_dir)).unwrap();
    assert_eq!(again.database.creators, cold.database.creators);
}
