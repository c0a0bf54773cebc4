//! Running a query over the index: structured filters first (cheap column reads), then free
//! words (a subsequence check, then the skim v2 score, as `fuzzy-matcher` computes it on a fresh
//! matrix: see `plan/skim.rs`), spread over all cores in chunks, stopping early when a newer
//! query makes this one stale.

mod plan;
mod rank;
mod rates;

use rayon::prelude::*;

use super::index::Index;
use super::query::{Query, QueryError};
use crate::model::{Stage, TierBounds};
use plan::Plan;
pub use rank::Sort;
pub use rates::{Rates, missing_rates};

/// How a search is run, besides its query.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// `None`: by relevance when the query has words, else by followers.
    pub sort: Option<Sort>,
    /// Rank only the best this many (all matches are still found and counted).
    pub limit: Option<usize>,
    pub tiers: TierBounds,
    /// Each row's stage in the open campaign, if one is open.
    pub stages: Option<&'a [Option<Stage>]>,
    /// Each row's record in past campaigns, when the campaigns were read.
    pub tracks: Option<&'a [Option<Track>]>,
    /// How to compare rates in different currencies; without it, no cost per engagement.
    pub rates: Option<&'a Rates>,
    /// The open campaign's platforms: without channel terms, a row is shown by its largest
    /// channel on one of them.
    pub prefer: &'a [crate::model::Platform],
}

/// How a ranked row is shown: the channel picked, and its cost per engagement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Picked {
    /// Position in the index's channel columns.
    pub channel: Option<u32>,
    /// In the base currency; `None` when it cannot be worked out.
    pub cpe: Option<f64>,
}

/// What a creator did in the workspace's campaigns, as search filters and sorts on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Track {
    /// Contracted (or later) in some campaign.
    pub worked: bool,
    /// Once something is posted: whether everything was on time, nothing taken down, and no
    /// cost per engagement above the benchmark. `None` before anything is posted.
    pub rebook: Option<bool>,
    /// Cost per engagement achieved, over the campaigns with results (in the workspace's
    /// currency).
    pub cpe: Option<f64>,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    /// Every matching row, in row order: what a narrower query can search within.
    pub matched: Vec<u32>,
    /// Matching rows in ranked order: all of them, or the best `limit`.
    pub ranked: Vec<u32>,
    /// For each ranked row, how it is shown.
    pub picked: Vec<Picked>,
    /// When the query as typed found nothing and words spelt near its own did: the query that
    /// was run instead ("showing results for …").
    pub corrected: Option<Query>,
}

impl Hits {
    /// How many creators matched.
    pub fn total(&self) -> usize {
        self.matched.len()
    }
}

/// Rows checked between looks for cancellation (about a millisecond of work).
const CHUNK: usize = 2048;

/// Runs `query` over `index`, only over the rows `within` (ascending) when given. Returns
/// `Ok(None)` if `cancelled` turned true meanwhile.
pub fn search(
    index: &Index,
    query: &Query,
    options: &Options<'_>,
    within: Option<&[u32]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Hits>, QueryError> {
    let hits = search_as_typed(index, query, options, within, cancelled)?;
    match hits {
        Some(h) if h.matched.is_empty() && query.has_text() => {
            let Some(corrected) = correct(index, query, options, cancelled) else {
                return Ok(Some(h));
            };
            let again = search_as_typed(index, &corrected, options, None, cancelled)?;
            Ok(again.map(|mut again| {
                if again.matched.is_empty() {
                    h
                } else {
                    again.corrected = Some(corrected);
                    again
                }
            }))
        }
        other => Ok(other),
    }
}

/// The query with each word that finds nothing on its own replaced by the known word one edit
/// (or one swapped pair of letters) away; `None` when no word could be corrected.
fn correct(
    index: &Index,
    query: &Query,
    options: &Options<'_>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Query> {
    let mut corrected = query.clone();
    let mut changed = false;
    for term in corrected.terms.iter_mut().filter(|t| !t.negated) {
        let crate::search::Filter::Word(word) = &term.filter else {
            continue;
        };
        let alone = Query {
            terms: vec![term.clone()],
        };
        let found = search_as_typed(
            index,
            &alone,
            &Options {
                limit: Some(0),
                ..options.clone()
            },
            None,
            cancelled,
        )
        .ok()
        .flatten()
        .is_some_and(|h| !h.matched.is_empty());
        if found {
            continue;
        }
        if let Some(better) = index.lexicon.correction(index, word) {
            term.filter = crate::search::Filter::Word(better);
            changed = true;
        }
    }
    changed.then_some(corrected)
}

fn search_as_typed(
    index: &Index,
    query: &Query,
    options: &Options<'_>,
    within: Option<&[u32]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Hits>, QueryError> {
    let plan = Plan::new(index, query, options)?;
    let Some(found) = find(index, &plan, within, cancelled) else {
        return Ok(None);
    };
    let sort = options.sort.unwrap_or(if plan.has_words() {
        Sort::Relevance
    } else {
        Sort::Followers
    });
    let ranked = rank::rank(index, &plan, &found, sort, options.limit, cancelled);
    let matched = found.into_iter().map(|(row, _)| row).collect();
    Ok(ranked.map(|ranked| {
        let picked = ranked
            .iter()
            .map(|&r| {
                let channel = plan.pick(r as usize);
                Picked {
                    channel: channel.map(|c| c as u32),
                    cpe: Some(plan.cost_per_engagement(r as usize, channel))
                        .filter(|c| !c.is_nan()),
                }
            })
            .collect();
        Hits {
            matched,
            ranked,
            picked,
            corrected: None,
        }
    }))
}

/// Ranks an earlier search's matches again, for more of them or in another order, without
/// finding them again.
pub fn rerank(
    index: &Index,
    query: &Query,
    options: &Options<'_>,
    matched: &[u32],
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Vec<u32>>, QueryError> {
    let plan = Plan::new(index, query, options)?;
    let sort = options.sort.unwrap_or(if plan.has_words() {
        Sort::Relevance
    } else {
        Sort::Followers
    });
    let found: Vec<(u32, i32)> = matched
        .par_iter()
        .filter_map(|&row| plan.check(row as usize).map(|bound| (row, bound)))
        .collect();
    Ok(rank::rank(
        index,
        &plan,
        &found,
        sort,
        options.limit,
        cancelled,
    ))
}

/// Every matching row, in row order, with an upper limit of its relevance, checked on all
/// cores a chunk at a time.
fn find(
    index: &Index,
    plan: &Plan<'_>,
    within: Option<&[u32]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(u32, i32)>> {
    // Each chunk looks for cancellation every few rows too: one row costs at most a bounded
    // amount of scoring, so a newer keystroke is never kept waiting long.
    let scan = |rows: &mut dyn Iterator<Item = u32>| -> Option<Vec<(u32, i32)>> {
        let mut out = Vec::new();
        for (i, row) in rows.enumerate() {
            if i % 64 == 0 && cancelled() {
                return None;
            }
            if let Some(bound) = plan.check(row as usize) {
                out.push((row, bound));
            }
        }
        Some(out)
    };
    let chunks: Vec<Option<Vec<(u32, i32)>>> = match within {
        Some(rows) => rows
            .par_chunks(CHUNK)
            .map(|rows| scan(&mut rows.iter().copied()))
            .collect(),
        None => (0..index.len().div_ceil(CHUNK))
            .into_par_iter()
            .map(|k| {
                let end = ((k + 1) * CHUNK).min(index.len());
                scan(&mut (k * CHUNK..end).map(|r| r as u32))
            })
            .collect(),
    };
    let mut matched = Vec::with_capacity(chunks.iter().flatten().map(Vec::len).sum());
    for chunk in chunks {
        matched.extend(chunk?);
    }
    Some(matched)
}

/// Why a row matched, for showing beside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Why {
    /// The row's niche tags (as written) that a word or a `niche:` term found.
    pub niches: Vec<String>,
    /// A word or a `loc:` term found the row's location.
    pub location: bool,
}

/// Why row `row` matched `query`: the niche tags and the location its words and `niche:` and
/// `loc:` terms found (美妝 finding the tag "makeup" through the vocabulary). Terms that need
/// more than the index (a campaign's stages, past records) are left out of the question.
pub fn why(index: &Index, row: usize, query: &Query) -> Why {
    use crate::search::Filter;
    let asked = Query {
        terms: query
            .terms
            .iter()
            .filter(|t| {
                !t.negated
                    && matches!(
                        t.filter,
                        Filter::Word(_)
                            | Filter::Phrase(_)
                            | Filter::Niche(_)
                            | Filter::Location(_)
                    )
            })
            .cloned()
            .collect(),
    };
    let Ok(plan) = Plan::new(index, &asked, &Options::default()) else {
        return Why::default();
    };
    let (niches, location) = plan.why(row);
    Why {
        niches: niches
            .into_iter()
            .map(|n| {
                index
                    .niches
                    .get(n as usize)
                    .map_or_else(String::new, |(o, _)| o.to_string())
            })
            .collect(),
        location,
    }
}

/// The character positions in row `row`'s name that the query's words matched, for
/// highlighting.
pub fn highlights(index: &Index, row: usize, query: &Query) -> Vec<usize> {
    plan::name_highlights(index.name(row), query)
}

#[cfg(test)]
mod tests;
