//! How far a long read has come, shared with whoever shows it: bytes of the file read of its
//! size, and creators read. The reader adds to it; a progress bar or the interface's bar reads
//! it from another thread.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// The progress of one read.
#[derive(Debug)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    items: AtomicU64,
    finished: AtomicBool,
    started: Instant,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            done: AtomicU64::new(0),
            total: AtomicU64::new(0),
            items: AtomicU64::new(0),
            finished: AtomicBool::new(false),
            started: Instant::now(),
        }
    }
}

impl Progress {
    pub fn new() -> Arc<Progress> {
        Arc::new(Progress::default())
    }

    /// The size of what is read, once known.
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// `n` more bytes read.
    pub fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// One more item (a creator, a row) done.
    pub fn item(&self) {
        self.items.fetch_add(1, Ordering::Relaxed);
    }

    /// The read is over (done or given up).
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }

    pub fn is_finished(&self) -> bool {
        self.finished.load(Ordering::Relaxed)
    }

    /// Bytes read and the total (never more than it).
    pub fn bytes(&self) -> (u64, u64) {
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        (if total > 0 { done.min(total) } else { done }, total)
    }

    pub fn items(&self) -> u64 {
        self.items.load(Ordering::Relaxed)
    }

    /// How much is done, 0 to 100, when the total is known.
    pub fn percent(&self) -> Option<u64> {
        let (done, total) = self.bytes();
        (total > 0).then(|| done.saturating_mul(100) / total)
    }

    /// Seconds left at the pace so far, once a tenth is done.
    pub fn seconds_left(&self) -> Option<u64> {
        let (done, total) = self.bytes();
        if total == 0 || done.saturating_mul(10) < total {
            return None;
        }
        let spent = self.started.elapsed().as_secs_f64();
        let left = spent * (total - done) as f64 / done.max(1) as f64;
        Some(left.ceil() as u64)
    }

    /// Seconds since the read started.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// "45% · 12,345 creators · about 3 s left".
    pub fn describe(&self, noun: &str) -> String {
        let mut out = Vec::new();
        if let Some(p) = self.percent() {
            out.push(format!("{p}%"));
        }
        out.push(format!("{} {noun}", crate::display::grouped(self.items())));
        if let Some(s) = self.seconds_left() {
            out.push(format!("about {s} s left"));
        }
        out.join(" · ")
    }
}

/// A reader that counts what it reads into a [`Progress`].
pub struct Counting<R> {
    pub inner: R,
    pub progress: Arc<Progress>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.add(n as u64);
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.progress.add(amt as u64);
        self.inner.consume(amt);
    }
}
