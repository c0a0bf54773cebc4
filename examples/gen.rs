//! Writes a synthetic creator database of any size, for benchmarks and trying the program at
//! scale:
//!
//! ```sh
//! cargo run --release --example gen -- 100000 /tmp/big     # then: shortlist --workspace /tmp/big
//! ```
//!
//! The same count and seed always give the same file. It is written creator by creator, so
//! even a million creators need little memory. An existing `creators.toml` is not replaced.
// A tool for developers that prints only its own messages.
#![allow(clippy::disallowed_macros)]

use shortlist::model;
#[path = "../tests/support/synth.rs"]
mod synth;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = args
        .first()
        .and_then(|n| n.replace('_', "").parse::<usize>().ok());
    let (Some(count), Some(dir)) = (count, args.get(1)) else {
        eprintln!("usage: gen COUNT DIR [SEED]   (writes DIR/creators.toml with COUNT creators)");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match generate(count, Path::new(dir), seed) {
        Ok(path) => {
            println!("wrote {count} creators to {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "gen: {}: {e}",
                Path::new(dir).join("creators.toml").display()
            );
            ExitCode::from(1)
        }
    }
}

fn generate(count: usize, dir: &Path, seed: u64) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("creators.toml");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    let mut out = std::io::BufWriter::new(file);
    writeln!(
        out,
        "# {count} synthetic creators (seed {seed}), written by `cargo run --example gen`.\n"
    )?;
    for creator in synth::Generator::new(seed).take(count) {
        out.write_all(shortlist::store::render_creator(&creator).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(path)
}
