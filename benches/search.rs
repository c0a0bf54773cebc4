//! Search performance at 1k, 10k and 100k creators, printed as Markdown tables for the README:
//!
//! ```sh
//! cargo bench --bench search                      # all sizes
//! cargo bench --bench search -- 1000 10000        # chosen sizes
//! ```
//!
//! - open: cold (no cache: read the TOML, build the index, write the cache) and warm (unchanged
//!   file: index from the cache), median of several runs;
//! - typing: each query typed a character at a time through the search worker the interface
//!   uses, waiting for each result, over several rounds; p50/p90/p99/max per keystroke;
//! - nucleo-matcher as a peer scorer over the same creators' text on the free-text keystrokes;
//! - peak resident memory of a process that opens the database and types every query;
//! - `shortlist search WORD --limit 50` (warm) against `fzf --filter WORD` over the same text;
//! - the cold open as a whole process (`shortlist search WORD --limit 50` with no cache, the
//!   file read and parsed) against `fzf --filter WORD` over the raw `creators.toml`.
//!
//! 1,000,000 creators is opt-in, as it takes several minutes (a 427 MB file):
//!
//! ```sh
//! cargo bench --bench search -- 1000000
//! ```
//!
//! Databases are generated under `target/bench/` with the project's generator.
// A tool for developers that prints only its own figures.
#![allow(clippy::disallowed_macros)]
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot run should stop

use shortlist::model;
#[path = "../tests/support/synth.rs"]
mod synth;

/// The allocator the program itself uses (see `src/main.rs`), so that what is measured here in
/// process is what the program does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use shortlist::search::{Index, Lexicon, Query, Request, Worker};
use shortlist::store::{self, CachedDatabase};

/// What a marketer types: names and handles, Chinese, niches, and field filters.
const QUERIES: &[&str] = &[
    "sarsa",
    "kelly wang",
    "chen taipei",
    "咖啡 日記",
    "小",
    "daily",
    "amy",
    "lin",
    "tony liu",
    "zoe",
    "an",
    "ing",
    "beauty er:>3",
    "platform:ig followers:10k..50k skincare",
    "daily niche:food",
    "tier:micro has:email coffee",
    "kind:koc -has:email travel",
    "美妝 台北",
    "loc:台北 niche:親子",
    "beuaty",
    "saras",
];

/// Words for the comparison with fzf.
const WORDS: &[&str] = &["sarsa", "chen", "coffee", "kelly"];

const ROUNDS: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let sizes: Vec<usize> = {
        let chosen: Vec<usize> = args
            .iter()
            .filter_map(|a| a.replace('_', "").parse().ok())
            .collect();
        if chosen.is_empty() {
            vec![1_000, 10_000, 100_000]
        } else {
            chosen
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    println!("machine: {} cores, {}", cores(), cpu());
    let mut open_rows = Vec::new();
    let mut typing_rows = Vec::new();
    let mut fzf_rows = Vec::new();
    let mut cold_rows = Vec::new();
    let fzf = fzf_available();
    for &n in &sizes {
        let dir = database(&root, n);
        eprintln!("== {n} creators");
        let (cold, warm) = open_times(&dir, &root.join(format!("cache-{n}")));
        let cold_rss = peak_rss(&dir, &root.join(format!("cache-none-{n}")), "cold");
        let warm_rss = peak_rss(&dir, &root.join(format!("cache-{n}")), "warm");
        open_rows.push(format!(
            "| {} | {} | {} | {} | {} |",
            thousands(n),
            ms(cold),
            ms(warm),
            mb(cold_rss),
            mb(warm_rss)
        ));
        let (ours, ours_text, nucleo) = typing(&dir, &root.join(format!("cache-{n}")));
        typing_rows.push(format!(
            "| {} | {} | {} | {} | {} | {} / {} | {} / {} |",
            thousands(n),
            ms(pct(&ours, 50)),
            ms(pct(&ours, 90)),
            ms(pct(&ours, 99)),
            ms(pct(&ours, 100)),
            ms(pct(&ours_text, 50)),
            ms(pct(&ours_text, 99)),
            ms(pct(&nucleo, 50)),
            ms(pct(&nucleo, 99)),
        ));
        match &fzf {
            Ok(fzf) => {
                let (ours, theirs) =
                    cold_versus_fzf(fzf, &dir, &root.join(format!("cache-{n}")), WORDS[0]);
                cold_rows.push(format!(
                    "| {} | `{}` | {} | {} |",
                    thousands(n),
                    WORDS[0],
                    range(&ours),
                    range(&theirs)
                ));
                for word in WORDS {
                    let (ours, theirs) =
                        versus_fzf(fzf, &dir, &root.join(format!("cache-{n}")), word);
                    fzf_rows.push(format!(
                        "| {} | `{word}` | {} | {} |",
                        thousands(n),
                        ms(ours),
                        ms(theirs)
                    ));
                }
            }
            Err(why) => eprintln!("fzf comparison skipped: {why}"),
        }
    }
    println!("\n### Opening the database\n");
    println!(
        "| creators | cold: read TOML, build and cache the index | warm: unchanged file, index from cache | peak RSS, cold | peak RSS, warm |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for r in &open_rows {
        println!("{r}");
    }
    println!(
        "\n### Results per keystroke while typing ({} queries, {ROUNDS} rounds)\n",
        QUERIES.len()
    );
    println!(
        "| creators | p50 | p90 | p99 | max | free-text keystrokes p50 / p99 | nucleo-matcher, same keystrokes, p50 / p99 |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for r in &typing_rows {
        println!("{r}");
    }
    match &fzf {
        Ok(_) => {
            println!(
                "\n### `shortlist search WORD --limit 50` (warm) against `fzf --filter WORD`, whole process, median of 7\n"
            );
            println!("| creators | word | shortlist | fzf |");
            println!("|---:|---|---:|---:|");
            for r in &fzf_rows {
                println!("{r}");
            }
            println!(
                "\n### Cold open: `shortlist search WORD --limit 50` without a cache against `fzf --filter WORD` over the raw `creators.toml`, whole process, {COLD_RUNS} runs each, alternating\n"
            );
            println!("| creators | word | shortlist, cold | fzf over the raw file |");
            println!("|---:|---|---:|---:|");
            for r in &cold_rows {
                println!("{r}");
            }
        }
        Err(why) => println!("\n(fzf comparison skipped: {why})"),
    }
}

/// `target/bench/N/creators.toml`, generated once.
fn database(root: &Path, n: usize) -> PathBuf {
    let dir = root.join(n.to_string());
    let path = dir.join("creators.toml");
    if !path.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let tmp = dir.join("creators.toml.part");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
        for c in synth::Generator::new(1).take(n) {
            out.write_all(store::render_creator(&c).as_bytes()).unwrap();
            out.write_all(b"\n").unwrap();
        }
        out.flush().unwrap();
        drop(out);
        std::fs::rename(&tmp, &path).unwrap();
    }
    dir
}

/// Median cold and warm open-to-searchable times.
fn open_times(dir: &Path, cache: &Path) -> (Duration, Duration) {
    let path = dir.join("creators.toml");
    let mut cold = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(cache);
        let t = Instant::now();
        let opened = store::open_derived::<Index>(&path, "creators.toml", Some(cache)).unwrap();
        cold.push(t.elapsed());
        assert!(!opened.derived.is_empty());
    }
    let mut warm = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let (_, index) =
            CachedDatabase::open::<Index>(&path, "creators.toml", cache).expect("a warm cache");
        warm.push(t.elapsed());
        assert!(!index.is_empty());
    }
    (median(&mut cold), median(&mut warm))
}

/// Per-keystroke latencies: every query, through the worker; the free-text ones alone; and
/// nucleo-matcher scoring the same free-text keystrokes.
fn typing(dir: &Path, cache: &Path) -> (Vec<Duration>, Vec<Duration>, Vec<Duration>) {
    let (cached, index) =
        CachedDatabase::open::<Index>(&dir.join("creators.toml"), "creators.toml", cache).unwrap();
    drop(cached);
    let mut index = index;
    // The built-in vocabulary, as the program gives every index it opens.
    let (vocabulary, _) =
        store::parse_vocabulary("vocabulary", store::BUILT_IN_VOCABULARY.as_bytes());
    index.lexicon = Lexicon::new(&index, Arc::new(vocabulary));
    let index = Arc::new(index);
    let (all, text) = type_queries(&index);
    let nucleo = nucleo_typing(&index);
    (all, text, nucleo)
}

fn keystrokes(query: &str) -> impl Iterator<Item = &str> {
    query
        .char_indices()
        .map(move |(i, c)| &query[..i + c.len_utf8()])
}

fn type_queries(index: &Arc<Index>) -> (Vec<Duration>, Vec<Duration>) {
    let (tx, rx) = mpsc::channel();
    let worker = Worker::spawn(Arc::clone(index), move |r| {
        let _ = tx.send(r.generation);
    });
    let (mut all, mut text) = (Vec::new(), Vec::new());
    // Costs compared across currencies, as the interface does.
    let rates = Arc::new(shortlist::search::Rates {
        base: "TWD".into(),
        fallback: "TWD".into(),
        to_base: [("USD".to_string(), 32.0), ("SGD".to_string(), 24.0)].into(),
    });
    let mut generation = 0;
    for _ in 0..ROUNDS {
        for query in QUERIES {
            for typed in keystrokes(query) {
                generation += 1;
                let t = Instant::now();
                // The interface parses each keystroke's text; a half-typed term is shown as a
                // problem at once and not searched.
                if let Ok(query) = Query::parse(typed) {
                    worker.submit(Request {
                        generation,
                        text: typed.to_string(),
                        query,
                        sort: None,
                        limit: Some(200),
                        tiers: Default::default(),
                        stages: None,
                        tracks: None,
                        rates: Some(Arc::clone(&rates)),
                        prefer: Arc::from([]),
                    });
                    while rx.recv().unwrap() != generation {}
                }
                let d = t.elapsed();
                all.push(d);
                if !query.contains(':') {
                    text.push(d);
                }
            }
        }
    }
    (all, text)
}

/// The same free-text keystrokes scored by nucleo-matcher over each creator's name, aliases,
/// handles, niches and location, on all cores, keeping the best 200: what a nucleo-based engine
/// without this project's filtering and pruning would take.
fn nucleo_typing(index: &Index) -> Vec<Duration> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32String};
    use rayon::prelude::*;
    let haystacks: Vec<Utf32String> = (0..index.len())
        .map(|i| Utf32String::from(text_of(index, i).as_str()))
        .collect();
    let mut out = Vec::new();
    for _ in 0..ROUNDS {
        for query in QUERIES.iter().filter(|q| !q.contains(':')) {
            for typed in keystrokes(query) {
                let t = Instant::now();
                let pattern = Pattern::parse(typed, CaseMatching::Smart, Normalization::Smart);
                let mut scored: Vec<(u32, u32)> = haystacks
                    .par_chunks(2048)
                    .flat_map_iter(|chunk| {
                        let mut matcher = Matcher::new(Config::DEFAULT);
                        chunk
                            .iter()
                            .enumerate()
                            .filter_map(|(i, h)| {
                                pattern
                                    .score(h.slice(..), &mut matcher)
                                    .map(|s| (s, i as u32))
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                let k = scored.len().min(200);
                if k > 0 {
                    scored.select_nth_unstable_by(k - 1, |a, b| b.cmp(a));
                    scored.truncate(k);
                    scored.sort_unstable_by(|a, b| b.cmp(a));
                }
                std::hint::black_box(&scored);
                out.push(t.elapsed());
            }
        }
    }
    out
}

/// A creator's searchable text on one line: name, aliases, handles, niches, location.
fn text_of(index: &Index, row: usize) -> String {
    let mut line = index.ident.get(row).replace('\n', " ");
    for &n in index.row_niches.get(row) {
        line.push(' ');
        line.push_str(&index.niches[n as usize].0);
    }
    let l = index.location[row];
    if l != shortlist::search::index::NONE {
        line.push(' ');
        line.push_str(&index.locations[l as usize].0);
    }
    line
}

/// Peak resident memory of a process that opens the database ("cold": without a cache, "warm":
/// from it) and types every query through the worker.
fn peak_rss(dir: &Path, cache: &Path, mode: &str) -> u64 {
    if mode == "cold" {
        let _ = std::fs::remove_dir_all(cache);
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--child", mode])
        .arg(dir)
        .arg(cache)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

fn child(args: &[String]) {
    let (mode, dir, cache) = (&args[0], Path::new(&args[1]), Path::new(&args[2]));
    let path = dir.join("creators.toml");
    let index = if mode == "warm" {
        let (cached, index) = CachedDatabase::open::<Index>(&path, "creators.toml", cache).unwrap();
        std::hint::black_box(cached.creator(0));
        index
    } else {
        let opened = store::open_derived::<Index>(&path, "creators.toml", Some(cache)).unwrap();
        std::hint::black_box(opened.creators.get(0));
        opened.derived
    };
    let _ = type_queries(&Arc::new(index));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("0");
    println!("{kb}");
}

/// The fzf to compare with, installed when missing and possible.
fn fzf_available() -> Result<PathBuf, String> {
    let found = |name: &str| {
        Command::new(name)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
    };
    if found("fzf").is_none() {
        eprintln!("fzf is not installed; trying apt-get install fzf");
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "fzf"])
            .status();
    }
    match found("fzf") {
        Some(out) => {
            eprintln!("fzf {}", String::from_utf8_lossy(&out.stdout).trim());
            Ok(PathBuf::from("fzf"))
        }
        None => Err("fzf is not installed and could not be installed (apt-get needs root and a package index)".into()),
    }
}

/// Median whole-process times of `shortlist search WORD --limit 50` (warm) and `fzf --filter
/// WORD` over the same creators' text.
fn versus_fzf(fzf: &Path, dir: &Path, cache: &Path, word: &str) -> (Duration, Duration) {
    let lines = dir.join("creators.txt");
    if !lines.exists() {
        let (_, index) =
            CachedDatabase::open::<Index>(&dir.join("creators.toml"), "creators.toml", cache)
                .unwrap();
        let text: String = (0..index.len())
            .map(|i| text_of(&index, i) + "\n")
            .collect();
        std::fs::write(&lines, text).unwrap();
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_shortlist"));
    let xdg = cache.parent().unwrap().join(format!(
        "xdg-{}",
        cache.file_name().unwrap().to_string_lossy()
    ));
    let ours = || {
        Command::new(&bin)
            .env("XDG_CACHE_HOME", &xdg)
            .arg("--workspace")
            .arg(dir)
            .args(["search", word, "--limit", "50"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap()
    };
    ours(); // fills this run's cache
    let theirs = || {
        Command::new(fzf)
            .args(["--filter", word])
            .stdin(std::fs::File::open(&lines).unwrap())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap()
    };
    let time = |f: &dyn Fn() -> std::process::ExitStatus| {
        let mut times: Vec<Duration> = (0..7)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        median(&mut times)
    };
    (time(&ours), time(&theirs))
}

/// How many times each side of the cold comparison runs.
const COLD_RUNS: usize = 3;

/// Whole-process times of `shortlist search WORD --limit 50` with no cache (the TOML read,
/// parsed, indexed and cached) and of `fzf --filter WORD` over the raw `creators.toml`, run
/// alternately so that both meet the same machine.
fn cold_versus_fzf(
    fzf: &Path,
    dir: &Path,
    cache: &Path,
    word: &str,
) -> (Vec<Duration>, Vec<Duration>) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_shortlist"));
    let xdg = cache.parent().unwrap().join(format!(
        "cold-{}",
        cache.file_name().unwrap().to_string_lossy()
    ));
    let raw = dir.join("creators.toml");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..COLD_RUNS {
        let _ = std::fs::remove_dir_all(&xdg);
        let t = Instant::now();
        let status = Command::new(&bin)
            .env("XDG_CACHE_HOME", &xdg)
            .arg("--workspace")
            .arg(dir)
            .args(["search", word, "--limit", "50", "--quiet"])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        ours.push(t.elapsed());
        assert!(status.success());
        let t = Instant::now();
        Command::new(fzf)
            .args(["--filter", word])
            .stdin(std::fs::File::open(&raw).unwrap())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        theirs.push(t.elapsed());
    }
    (ours, theirs)
}

/// `lowest–highest` of some times.
fn range(times: &[Duration]) -> String {
    let low = times.iter().min().copied().unwrap_or_default();
    let high = times.iter().max().copied().unwrap_or_default();
    format!("{}–{}", ms(low), ms(high))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn pct(samples: &[Duration], p: usize) -> Duration {
    let mut s = samples.to_vec();
    s.sort();
    if s.is_empty() {
        return Duration::ZERO;
    }
    let i = ((s.len() * p).div_ceil(100))
        .saturating_sub(1)
        .min(s.len() - 1);
    s[i]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

fn mb(kb: u64) -> String {
    format!("{} MB", kb / 1024)
}

fn thousands(n: usize) -> String {
    shortlist::display::grouped(n as u64)
}

fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}
