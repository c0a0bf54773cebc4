//! Ordering matches: by relevance, followers, engagement, name or cost per engagement, with
//! ties broken by followers and then by place in the file, so that every order is total and
//! the same on every run.
//!
//! Ranking by relevance visits the matches in followers order and stops as soon as the best
//! `limit` all have the highest score any match could have: no later match can then enter.
//! For the short words typed first, which match most of a large database, that is after a few
//! hundred creators rather than all of them.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::Track;
use super::plan::Plan;
use crate::search::index::Index;

/// What results are ordered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sort {
    /// How well the words match (best first).
    Relevance,
    /// Total followers (most first).
    Followers,
    /// Engagement of the main channel (highest first; unknown last).
    Engagement,
    /// Name (A to Z).
    Name,
    /// Estimated cost per engagement: rate ÷ (followers × engagement) (cheapest first; unknown
    /// last).
    CostPerEngagement,
    /// Cost per engagement achieved in the workspace's campaigns (cheapest first; creators
    /// with no results last).
    AchievedCpe,
}

impl Sort {
    /// Every sort, with the names used on the command line and in the interface.
    pub const ALL: [(&'static str, Sort); 6] = [
        ("relevance", Sort::Relevance),
        ("followers", Sort::Followers),
        ("engagement", Sort::Engagement),
        ("name", Sort::Name),
        ("cpe", Sort::CostPerEngagement),
        ("achieved-cpe", Sort::AchievedCpe),
    ];

    /// The sort's name.
    pub fn name(self) -> &'static str {
        Sort::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("relevance", |(n, _)| n)
    }

    /// A sort from its name (or `cost` for cost per engagement).
    pub fn parse(text: &str) -> Option<Sort> {
        let text = text.trim().to_lowercase();
        if text == "cost" || text == "cost-per-engagement" {
            return Some(Sort::CostPerEngagement);
        }
        Sort::ALL.iter().find(|(n, _)| *n == text).map(|(_, s)| *s)
    }
}

/// Matches scored between looks for cancellation and for the stopping point.
const BLOCK: usize = 4096;

/// The rows of `found` (row, upper limit of relevance) in order, all of them or the first
/// `limit`; `None` if cancelled.
pub(super) fn rank(
    index: &Index,
    plan: &Plan<'_>,
    found: &[(u32, i32)],
    sort: Sort,
    limit: Option<usize>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<u32>> {
    let k = limit.unwrap_or(found.len()).min(found.len());
    match sort {
        Sort::Relevance if plan.has_words() => by_relevance(index, plan, found, k, cancelled),
        Sort::Relevance | Sort::Followers if !plan.picks_channels() => {
            Some(by_followers(index, found, k))
        }
        _ => {
            let rows: Vec<u32> = found.iter().map(|(r, _)| *r).collect();
            Some(by_key(index, plan, &rows, sort, k))
        }
    }
}

/// Each row's upper limit of relevance, `NOT_FOUND` for rows that did not match.
const NOT_FOUND: i32 = i32::MIN;

fn bounds(len: usize, found: &[(u32, i32)]) -> Vec<i32> {
    let mut bounds = vec![NOT_FOUND; len];
    for &(r, b) in found {
        bounds[r as usize] = b;
    }
    bounds
}

/// The first `k` matches in followers order (most first, then file order).
fn by_followers(index: &Index, found: &[(u32, i32)], k: usize) -> Vec<u32> {
    let bounds = bounds(index.len(), found);
    index
        .by_followers
        .iter()
        .copied()
        .filter(|&r| bounds[r as usize] != NOT_FOUND)
        .take(k)
        .collect()
}

fn by_relevance(
    index: &Index,
    plan: &Plan<'_>,
    found: &[(u32, i32)],
    k: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<u32>> {
    if k == 0 {
        return Some(Vec::new());
    }
    let bounds = bounds(index.len(), found);
    let ceiling = plan.best_possible();
    // The worst of the best k on top: (lowest score, latest in followers order).
    let mut best: BinaryHeap<(Reverse<i32>, u32, u32)> = BinaryHeap::with_capacity(k + 1);
    for (b, block) in index.by_followers.chunks(BLOCK).enumerate() {
        if cancelled() {
            return None;
        }
        // Rows come in followers order, so a row that can at best tie the worst of a full list
        // cannot enter it: it would lose the tie.
        let worst = if best.len() == k {
            best.peek().map(|w| w.0.0)
        } else {
            None
        };
        let scored: Option<Vec<(i32, u32, u32)>> = block
            .par_iter()
            .enumerate()
            .filter(|(_, r)| {
                let bound = bounds[**r as usize];
                bound != NOT_FOUND && worst.is_none_or(|w| bound > w)
            })
            .map(|(i, &r)| {
                (i % 64 != 0 || !cancelled())
                    .then(|| (plan.relevance(r as usize), (b * BLOCK + i) as u32, r))
            })
            .collect();
        let scored = scored?;
        for (score, place, row) in scored {
            let entry = (Reverse(score), place, row);
            if best.len() < k {
                best.push(entry);
            } else if best.peek().is_some_and(|worst| entry < *worst) {
                best.pop();
                best.push(entry);
            }
        }
        if best.len() == k && best.peek().is_some_and(|w| w.0.0 >= ceiling) {
            break;
        }
    }
    Some(
        best.into_sorted_vec()
            .into_iter()
            .map(|(_, _, row)| row)
            .collect(),
    )
}

/// NaN (unknown) after every number.
fn unknown_last(a: f64, b: f64, better_first: impl Fn(f64, f64) -> Ordering) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => better_first(a, b),
    }
}

/// Sorts on a key: followers, engagement and cost per engagement are those of the channel the
/// row is shown by, computed once per row.
fn by_key(index: &Index, plan: &Plan<'_>, matched: &[u32], sort: Sort, k: usize) -> Vec<u32> {
    let picks = plan.picks_channels();
    let mut keyed: Vec<(u32, u64, f64, f64)> = matched
        .par_iter()
        .map(|&r| {
            let row = r as usize;
            let channel = plan.pick(row);
            let (followers, engagement) = match channel {
                Some(c) => (
                    index.channel_followers_known(c).unwrap_or(0),
                    index.channel_engagement[c],
                ),
                None => (0, f64::NAN),
            };
            let engagement = if picks || !engagement.is_nan() {
                engagement
            } else {
                index.engagement[row]
            };
            (
                r,
                followers,
                engagement,
                plan.cost_per_engagement(row, channel),
            )
        })
        .collect();
    let tracks = plan.row_tracks;
    let achieved = |r: u32| {
        tracks
            .and_then(|t| t.get(r as usize).copied().flatten())
            .and_then(|t: Track| t.cpe)
            .unwrap_or(f64::NAN)
    };
    type Keyed = (u32, u64, f64, f64);
    let then_followers = |a: &Keyed, b: &Keyed| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    let compare = |a: &Keyed, b: &Keyed| -> Ordering {
        match sort {
            Sort::Engagement => {
                unknown_last(a.2, b.2, |p, q| q.total_cmp(&p)).then_with(|| then_followers(a, b))
            }
            Sort::CostPerEngagement => {
                unknown_last(a.3, b.3, |p, q| p.total_cmp(&q)).then_with(|| then_followers(a, b))
            }
            Sort::AchievedCpe => unknown_last(achieved(a.0), achieved(b.0), |p, q| p.total_cmp(&q))
                .then_with(|| then_followers(a, b)),
            Sort::Name => index.name_rank[a.0 as usize].cmp(&index.name_rank[b.0 as usize]),
            Sort::Relevance | Sort::Followers => then_followers(a, b),
        }
    };
    if k < keyed.len() {
        if k > 0 {
            keyed.select_nth_unstable_by(k - 1, compare);
        }
        keyed.truncate(k);
    }
    keyed.sort_unstable_by(compare);
    keyed.into_iter().map(|k| k.0).collect()
}
