//! Finding creators: the query language, a columnar index built for speed at 100,000
//! creators, the engine that filters, scores and ranks, and a worker that runs searches off the
//! interface's thread.

pub mod engine;
pub mod ids;
pub mod index;
pub mod lexicon;
pub mod query;
pub mod worker;

pub use engine::{
    Hits, Options, Picked, Rates, Sort, Track, Why, highlights, missing_rates, rerank, search, why,
};
pub use ids::IndexIds;
pub use index::{Index, IndexBuilder};
pub use lexicon::Lexicon;
pub use query::{Bounds, Filter, Has, Query, QueryError, Term};
pub use worker::{Found, Request, Response, Worker};
