//! Searching off the interface's thread: requests go in as keystrokes arrive, results come back
//! through a callback, and only the newest request matters. A search still running when a newer
//! one arrives stops at its next check; a query that only narrows the previous one searches
//! within the previous matches.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::engine::{self, Options, Picked, Rates, Sort, Track};
use super::index::Index;
use super::query::{Query, QueryError};
use crate::model::{Stage, TierBounds};

/// One search to run.
#[derive(Clone, Debug)]
pub struct Request {
    /// Increases with every request; results carry it so that stale ones can be recognised.
    pub generation: u64,
    /// The query line as typed, which the answer names.
    pub text: String,
    /// The query line as parsed (by the interface, which shows its problems).
    pub query: Query,
    pub sort: Option<Sort>,
    /// Rank only the best this many (the interface asks for more as the user scrolls).
    pub limit: Option<usize>,
    pub tiers: TierBounds,
    /// Each row's stage in the open campaign.
    pub stages: Option<Arc<[Option<Stage>]>>,
    /// Each row's record in the workspace's campaigns, once read.
    pub tracks: Option<Arc<[Option<Track>]>>,
    /// How rates in different currencies compare.
    pub rates: Option<Arc<Rates>>,
    /// The open campaign's platforms.
    pub prefer: Arc<[crate::model::Platform]>,
}

/// What a search gave.
#[derive(Clone, Debug)]
pub struct Response {
    pub generation: u64,
    pub text: String,
    pub outcome: Result<Found, QueryError>,
    /// How long the search took in the worker.
    pub elapsed: Duration,
}

/// The results of a search that ran to the end.
#[derive(Clone, Debug)]
pub struct Found {
    pub query: Query,
    pub total: usize,
    /// Rows in ranked order: all, or the best `limit`.
    pub ranked: Vec<u32>,
    /// How each ranked row is shown: its channel and cost per engagement.
    pub picked: Vec<Picked>,
    /// The query run instead, when the one typed found nothing and near spellings did.
    pub corrected: Option<String>,
    /// Sorting by cost: the currencies without an exchange rate, with how many matching
    /// creators have rates in each (they sort last).
    pub missing_rates: Vec<(String, usize)>,
}

enum Message {
    Search(Request),
    Index(Arc<Index>),
    Stop,
}

/// A thread that runs searches over one index.
pub struct Worker {
    sender: Sender<Message>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker; `deliver` is called on the worker's thread with each result.
    pub fn spawn(index: Arc<Index>, deliver: impl Fn(Response) + Send + 'static) -> Worker {
        warm(&index);
        let (sender, receiver) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let shared = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || run(index, &receiver, &shared, &deliver))
            .ok();
        Worker {
            sender,
            latest,
            thread,
        }
    }

    /// Asks for a search; any earlier one still running is abandoned.
    pub fn submit(&self, request: Request) {
        self.latest.store(request.generation, Ordering::SeqCst);
        // A worker that is gone answers nothing; the interface shows the last results.
        let _ = self.sender.send(Message::Search(request));
    }

    /// Searches a new index from now on (after the database was reloaded).
    pub fn set_index(&self, index: Arc<Index>) {
        warm(&index);
        let _ = self.sender.send(Message::Index(index));
    }
}

/// Makes the index's spelling corrections ready on a thread of their own, so that the first
/// query that needs one is not kept waiting for them (tens of milliseconds at 100,000
/// creators).
fn warm(index: &Arc<Index>) {
    let index = Arc::clone(index);
    let _ = std::thread::Builder::new()
        .name("spelling".into())
        .spawn(move || {
            index.lexicon.warm(&index);
        });
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.latest.store(u64::MAX, Ordering::SeqCst);
        let _ = self.sender.send(Message::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The last search that ran to the end, to search within when the next one narrows it.
struct Previous {
    query: Query,
    tiers: TierBounds,
    stages: Option<Arc<[Option<Stage>]>>,
    tracks: Option<Arc<[Option<Track>]>>,
    matched: Vec<u32>,
}

fn run(
    mut index: Arc<Index>,
    receiver: &Receiver<Message>,
    latest: &AtomicU64,
    deliver: &dyn Fn(Response),
) {
    let mut previous: Option<Previous> = None;
    while let Ok(message) = receiver.recv() {
        let mut request = match message {
            Message::Stop => return,
            Message::Index(new) => {
                index = new;
                previous = None;
                continue;
            }
            Message::Search(request) => request,
        };
        // Only the newest waiting request is worth running.
        loop {
            match receiver.try_recv() {
                Ok(Message::Search(newer)) => request = newer,
                Ok(Message::Index(new)) => {
                    index = new;
                    previous = None;
                }
                Ok(Message::Stop) => return,
                Err(_) => break,
            }
        }
        if request.generation != latest.load(Ordering::SeqCst) {
            continue;
        }
        let started = Instant::now();
        let query = request.query.clone();
        let within = previous.as_ref().filter(|p| {
            p.tiers == request.tiers
                && same(&p.stages, &request.stages)
                && same(&p.tracks, &request.tracks)
                && query.narrows(&p.query)
        });
        let options = Options {
            sort: request.sort,
            limit: request.limit,
            tiers: request.tiers,
            stages: request.stages.as_deref(),
            tracks: request.tracks.as_deref(),
            rates: request.rates.as_deref(),
            prefer: &request.prefer,
        };
        let generation = request.generation;
        let cancelled = || latest.load(Ordering::SeqCst) != generation;
        let outcome = engine::search(
            &index,
            &query,
            &options,
            within.map(|p| p.matched.as_slice()),
            &cancelled,
        );
        let outcome = match outcome {
            Ok(None) => continue,
            Ok(Some(hits)) => {
                let missing_rates = match (request.sort, request.rates.as_deref()) {
                    (Some(engine::Sort::CostPerEngagement), Some(rates)) => {
                        engine::missing_rates(&index, &hits.matched, rates)
                    }
                    _ => Vec::new(),
                };
                let found = Found {
                    missing_rates,
                    query: query.clone(),
                    total: hits.total(),
                    ranked: hits.ranked,
                    picked: hits.picked,
                    corrected: hits.corrected.as_ref().map(ToString::to_string),
                };
                // Matches of a corrected query are not what the typed one narrows.
                previous = hits.corrected.is_none().then(|| Previous {
                    query,
                    tiers: request.tiers,
                    stages: request.stages.clone(),
                    tracks: request.tracks.clone(),
                    matched: hits.matched,
                });
                Ok(found)
            }
            Err(error) => Err(error),
        };
        deliver(Response {
            generation,
            text: request.text,
            outcome,
            elapsed: started.elapsed(),
        });
    }
}

fn same<T>(a: &Option<Arc<[T]>>, b: &Option<Arc<[T]>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// A worker, its index, what it delivered, and a signal per delivery.
    type Harness = (
        Worker,
        Arc<Index>,
        Arc<Mutex<Vec<Response>>>,
        mpsc::Receiver<u64>,
    );

    fn worker(rows: usize) -> Harness {
        let index = Arc::new(Index::build(&crate::synth::creators(rows, 2)));
        let got = Arc::new(Mutex::new(Vec::new()));
        let (done, done_rx) = mpsc::channel();
        let sink = Arc::clone(&got);
        let w = Worker::spawn(Arc::clone(&index), move |r| {
            let generation = r.generation;
            sink.lock().unwrap().push(r);
            let _ = done.send(generation);
        });
        (w, index, got, done_rx)
    }

    fn request(generation: u64, text: &str) -> Request {
        Request {
            generation,
            text: text.to_string(),
            query: Query::parse(text).unwrap(),
            sort: None,
            limit: Some(20),
            tiers: TierBounds::default(),
            stages: None,
            tracks: None,
            rates: None,
            prefer: Arc::from(Vec::new()),
        }
    }

    fn wait_for(done: &mpsc::Receiver<u64>, generation: u64) {
        loop {
            let g = done
                .recv_timeout(Duration::from_secs(30))
                .expect("a response");
            if g == generation {
                return;
            }
        }
    }

    #[test]
    fn typing_ends_with_the_results_of_the_last_query() {
        let (w, index, got, done) = worker(5_000);
        let text = "kelly wang";
        let mut generation = 0;
        for end in 1..=text.len() {
            generation += 1;
            w.submit(request(generation, &text[..end]));
        }
        wait_for(&done, generation);
        let responses = got.lock().unwrap();
        let last = responses.last().unwrap();
        assert_eq!((last.generation, last.text.as_str()), (generation, text));
        // Earlier answers may have come, but never after a later one.
        assert!(
            responses
                .windows(2)
                .all(|p| p[0].generation < p[1].generation)
        );
        let found = last.outcome.as_ref().unwrap();
        let query = Query::parse(text).unwrap();
        let options = Options {
            limit: Some(20),
            ..Options::default()
        };
        let direct = engine::search(&index, &query, &options, None, &|| false)
            .unwrap()
            .unwrap();
        assert_eq!(
            (found.total, &found.ranked),
            (direct.total(), &direct.ranked)
        );
    }

    #[test]
    fn a_query_the_engine_refuses_comes_back_as_an_error() {
        let (w, _, got, done) = worker(100);
        w.submit(request(1, "x stage:contacted"));
        wait_for(&done, 1);
        let responses = got.lock().unwrap();
        let error = responses[0].outcome.as_ref().unwrap_err();
        assert_eq!(error.span, 2..17);
    }

    #[test]
    fn a_new_index_is_searched_from_then_on() {
        let (w, _, got, done) = worker(100);
        w.submit(request(1, ""));
        wait_for(&done, 1);
        w.set_index(Arc::new(Index::build(&crate::synth::creators(7, 3))));
        w.submit(request(2, ""));
        wait_for(&done, 2);
        let responses = got.lock().unwrap();
        assert_eq!(responses[0].outcome.as_ref().unwrap().total, 100);
        assert_eq!(responses[1].outcome.as_ref().unwrap().total, 7);
    }
}
