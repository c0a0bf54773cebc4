//! Which channel a row is shown and sorted by, and its cost per engagement: the channel that
//! satisfied the query's channel terms (the largest, when several did); without channel terms,
//! the largest on one of the open campaign's platforms; else the creator's largest.

use super::{Plan, platform_set};
use crate::search::index::{NONE, UNKNOWN};

impl Plan<'_> {
    /// True when the row's channel decides how it is sorted: the query has channel terms, or
    /// a campaign's platforms are preferred.
    pub fn picks_channels(&self) -> bool {
        !self.channel_all.is_empty() || !self.prefer.is_empty()
    }

    /// The position (in the channel columns) of the channel that row `row` is shown by.
    pub fn pick(&self, row: usize) -> Option<usize> {
        let ix = self.index;
        let channels = ix.row_channels.get(row);
        let largest = |ok: &dyn Fn(usize) -> bool| {
            channels
                .iter()
                .map(|&c| c as usize)
                .filter(|&c| ok(c))
                .rev()
                .max_by_key(|&c| match ix.channel_followers[c] {
                    UNKNOWN => 0,
                    f => f,
                })
        };
        if !self.channel_all.is_empty() {
            return largest(&|c| self.channel_all.iter().all(|t| self.channel_passes(t, c)));
        }
        if !self.prefer.is_empty()
            && let Some(c) = largest(&|c| {
                self.prefer
                    .get(ix.platform[c] as usize)
                    .copied()
                    .unwrap_or(false)
            })
        {
            return Some(c);
        }
        match ix.main[row] {
            NONE => channels.first().map(|&c| c as usize),
            m => channels.get(m as usize).map(|&c| c as usize),
        }
    }

    /// Cost per engagement of row `row` on channel `channel`, in the base currency: its rate
    /// (converted at the configured rate) ÷ the engagements that channel can be expected to
    /// bring (followers × engagement). NaN when any of those is not known.
    pub fn cost_per_engagement(&self, row: usize, channel: Option<usize>) -> f64 {
        let ix = self.index;
        let (Some(c), Some(rates)) = (channel, self.rates) else {
            return f64::NAN;
        };
        let rate = ix.rate[row];
        let (followers, engagement) = (ix.channel_followers[c], ix.channel_engagement[c]);
        if rate == UNKNOWN || followers == UNKNOWN || engagement.is_nan() {
            return f64::NAN;
        }
        let code = match ix.currency[row] {
            NONE => None,
            id => ix.currencies.get(id as usize).map(|c| c.as_str()),
        };
        let Some(factor) = rates.factor(code) else {
            return f64::NAN;
        };
        let engaged = followers as f64 * engagement / 100.0;
        if engaged > 0.0 {
            rate as f64 * factor / engaged
        } else {
            f64::NAN
        }
    }
}

/// The platform codes a campaign's platforms allow, for preferring them.
pub(super) fn preferred(
    index: &crate::search::index::Index,
    platforms: &[crate::model::Platform],
) -> Vec<bool> {
    if platforms.is_empty() {
        Vec::new()
    } else {
        platform_set(index, platforms)
    }
}
