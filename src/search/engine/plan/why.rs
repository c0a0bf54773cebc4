//! Why a row matched: which of its niche tags and whether its location the query's words and
//! `niche:` and `loc:` terms found, directly or through the vocabulary.

use super::Plan;
use crate::search::index::NONE;

impl Plan<'_> {
    /// The niche ids of row `row` that a word or a `niche:` term found, and whether a word or a
    /// `loc:` term found its location.
    pub(in crate::search::engine) fn why(&self, row: usize) -> (Vec<u32>, bool) {
        let ix = self.index;
        let niches = ix
            .row_niches
            .get(row)
            .iter()
            .copied()
            .filter(|&n| {
                let n = n as usize;
                self.words.iter().any(|w| w.niche_scores[n].is_some())
                    || self.niches.iter().any(|(neg, set)| !neg && set[n])
            })
            .collect();
        let l = ix.location[row];
        let location = l != NONE && {
            let l = l as usize;
            self.words.iter().any(|w| w.location_scores[l].is_some())
                || self.locations.iter().any(|(neg, set)| !neg && set[l])
        };
        (niches, location)
    }
}
