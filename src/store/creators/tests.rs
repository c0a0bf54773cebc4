use super::*;
use crate::store::creators::pieces::FileStamp;
use crate::store::creators::read::Piece;
use crate::store::creators::stream::read_in_chunks;

/// Both ways of reading must agree, on every fixture, valid or not.
#[test]
fn chunked_and_whole_reading_agree() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("data/creators.toml")];
    for dir in ["tests/fixtures/valid", "tests/fixtures/invalid"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    let mut chunked = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = decode("f", &bytes) else {
            continue;
        };
        let mut whole_creators = Vec::new();
        let whole = read_whole("f", text, &mut whole_creators);
        let mut fast_creators = Vec::new();
        let fast = read_in_chunks("f", bytes.as_slice(), None, None, &mut fast_creators);
        if let Some(fast) = fast.unwrap() {
            chunked += 1;
            assert_eq!(fast, whole, "{}", path.display());
            assert_eq!(fast_creators, whole_creators, "{}", path.display());
        }
        // Lines that run past the end of what the reader holds at once are read whole.
        for capacity in [1, 5, 64] {
            let reader = std::io::BufReader::with_capacity(capacity, bytes.as_slice());
            let mut small_creators = Vec::new();
            let small = read_in_chunks("f", reader, None, None, &mut small_creators).unwrap();
            let mut again = Vec::new();
            let fast = read_in_chunks("f", bytes.as_slice(), None, None, &mut again).unwrap();
            assert_eq!(small, fast, "{} at {capacity}", path.display());
            assert_eq!(small_creators, again, "{} at {capacity}", path.display());
        }
    }
    assert!(chunked > 10, "only {chunked} files were read in chunks");
}

#[test]
fn a_header_inside_a_multiline_string_is_not_a_header() {
    let text = "[[creator]]\nid = \"a\"\nname = \"A\"\nnotes = \"\"\"\n[[creator]]\n\"\"\"\nchannels = [{ platform = \"x\", handle = \"a\" }]\n";
    let loaded = parse_creators("f", text.as_bytes());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.database.creators[0].notes.as_deref(),
        Some("[[creator]]")
    );
}

#[test]
fn a_cache_is_filled_and_then_used() {
    #[derive(Default)]
    struct Memory {
        stored: HashMap<u128, Vec<u8>>,
        hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }
    struct Found {
        stored: HashMap<u128, Vec<u8>>,
        hits: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }
    impl crate::store::creators::pieces::Lookup for Found {
        fn get(&self, hash: u128) -> Option<Piece> {
            let hit = self.stored.get(&hash)?;
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            crate::store::creators::pieces::decode(hit)
        }
    }
    impl PieceCache for Memory {
        fn prepare(
            &mut self,
        ) -> Option<std::sync::Arc<dyn crate::store::creators::pieces::Lookup>> {
            Some(std::sync::Arc::new(Found {
                stored: self.stored.clone(),
                hits: std::sync::Arc::clone(&self.hits),
            }))
        }
        fn file_read(&mut self, _stamp: FileStamp) {}
        fn keep(&mut self, hash: u128, _line: u32, fresh: Option<Vec<u8>>, _accepted: bool) {
            if let Some(bytes) = fresh {
                self.stored.insert(hash, bytes);
            }
        }
    }
    let text =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/creators.toml"))
            .unwrap();
    let mut cache = Memory::default();
    let mut creators = Vec::new();
    read_creators(
        "f",
        || Ok(text.as_slice()),
        None,
        Some(&mut cache),
        &mut creators,
    )
    .unwrap();
    let first = creators;
    assert_eq!(cache.stored.len(), first.len());
    assert_eq!(cache.hits.load(std::sync::atomic::Ordering::Relaxed), 0);
    let mut second = Vec::new();
    read_creators(
        "f",
        || Ok(text.as_slice()),
        None,
        Some(&mut cache),
        &mut second,
    )
    .unwrap();
    assert_eq!(
        cache.hits.load(std::sync::atomic::Ordering::Relaxed),
        first.len()
    );
    assert_eq!(second, first);
}

/// A read that fails part-way (a disk error, a file cut off under the program) is an error,
/// never a database that silently lacks the rest; so is a file that is not UTF-8 far into it,
/// which is located.
#[test]
fn a_read_failing_part_way_is_an_error_and_bad_text_is_located() {
    struct Failing<'b> {
        good: &'b [u8],
    }
    impl std::io::Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.good.is_empty() {
                return Err(std::io::Error::other("device went away"));
            }
            let n = buf.len().min(self.good.len());
            buf[..n].copy_from_slice(&self.good[..n]);
            self.good = &self.good[n..];
            Ok(n)
        }
    }
    let text = crate::store::creators::render::render_creators(&crate::synth::creators(10_000, 3));
    let cut = text.len() / 2;
    let mut creators = Vec::new();
    let result = read_creators(
        "f",
        || {
            Ok(std::io::BufReader::new(Failing {
                good: &text.as_bytes()[..cut],
            }))
        },
        Some(text.len() as u64),
        None,
        &mut creators,
    );
    assert_eq!(result.unwrap_err().to_string(), "device went away");
    let mut bytes = text.into_bytes();
    let at = bytes.len() * 3 / 4;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    bytes[at] = 0xFF;
    let loaded = parse_creators("f", &bytes);
    assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(loaded.diagnostics[0].line as usize, line);
    assert!(loaded.database.creators.is_empty());
}
