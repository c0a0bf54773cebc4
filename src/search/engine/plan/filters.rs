//! The structured side of a plan: whether a row passes the tag-like filters (niche, location,
//! language, kind, has, stage) and the channel terms, all of which must hold on one channel.

use std::ops::Range;

use super::{ChannelTest, Plan};
use crate::model::Platform;
use crate::search::index::{Index, NONE, UNKNOWN};
use crate::search::query::QueryError;
use crate::suggest::nearest;

/// Which niches `niche:` with `values` accepts: those named, and through the vocabulary those
/// meant (niche:親子 is niche:parenting). A value no one is tagged with and no word of the
/// vocabulary is most likely a typo: when a known tag is near, it is an error suggesting it.
pub(super) fn niche_set(
    index: &Index,
    values: &[String],
    span: &Range<usize>,
) -> Result<Vec<bool>, QueryError> {
    let mut set: Vec<bool> = index
        .niches
        .iter()
        .map(|(_, l)| values.iter().any(|v| v == l))
        .collect();
    for v in values {
        if let Some(meant) = index.lexicon.niches_meant(v) {
            set.iter_mut().zip(meant).for_each(|(s, m)| *s |= m);
            continue;
        }
        if index.niches.iter().any(|(_, l)| l == v) {
            continue;
        }
        let vocabulary = &index.lexicon.vocabulary.niches;
        let known = index.niches.iter().map(|(_, l)| l.as_str()).chain(
            vocabulary
                .iter()
                .flat_map(|n| n.tags.iter().map(String::as_str)),
        );
        if let Some(near) = nearest(v, known) {
            return Err(QueryError {
                span: span.clone(),
                message: format!("niche: no one is tagged \"{v}\"; did you mean \"{near}\"?"),
            });
        }
    }
    Ok(set)
}

/// Which locations `loc:` with `values` accepts. A place the vocabulary knows is that place
/// and the places within it (loc:taipei is not New Taipei); other text is looked for anywhere
/// in the location.
pub(super) fn location_set(index: &Index, values: &[String]) -> Vec<bool> {
    let mut set = vec![false; index.locations.len()];
    for v in values {
        match index.lexicon.locations_in(v) {
            Some(within) => set.iter_mut().zip(within).for_each(|(s, w)| *s |= w),
            None => set
                .iter_mut()
                .zip(&index.locations)
                .for_each(|(s, (_, l))| *s |= l.contains(v.as_str())),
        }
    }
    set
}

/// An error for a `platform:` value that is neither a known platform nor one a creator is on,
/// suggesting the nearest known one.
pub(super) fn known_platforms(
    index: &Index,
    list: &[Platform],
    span: &Range<usize>,
) -> Result<(), QueryError> {
    for p in list {
        let Platform::Other(name) = p else { continue };
        if index
            .other_platforms
            .iter()
            .any(|o| o.eq_ignore_ascii_case(name))
        {
            continue;
        }
        let known = Platform::KNOWN.each_ref().map(|k| k.name());
        let hint = match nearest(name, known) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!("platforms: {}", known.join(", ")),
        };
        return Err(QueryError {
            span: span.clone(),
            message: format!("platform: \"{name}\" is not a platform anyone is on; {hint}"),
        });
    }
    Ok(())
}

impl Plan<'_> {
    pub(super) fn passes_filters(&self, row: usize) -> bool {
        let ix = self.index;
        for (neg, set) in &self.niches {
            let hit = ix.row_niches.get(row).iter().any(|&n| set[n as usize]);
            if hit == *neg {
                return false;
            }
        }
        for (neg, set) in &self.locations {
            let l = ix.location[row];
            let hit = l != NONE && set[l as usize];
            if hit == *neg {
                return false;
            }
        }
        for (neg, set) in &self.languages {
            let hit = ix.row_languages.get(row).iter().any(|&n| set[n as usize]);
            if hit == *neg {
                return false;
            }
        }
        for (neg, set) in &self.kinds {
            if set[ix.kind[row] as usize] == *neg {
                return false;
            }
        }
        for (neg, mask) in &self.has {
            if (ix.flags[row] & mask != 0) == *neg {
                return false;
            }
        }
        if !self.stages.is_empty() {
            let stage = self.row_stages.and_then(|s| s.get(row).copied().flatten());
            for (neg, stages) in &self.stages {
                let hit = stage.is_some_and(|s| stages.contains(&s));
                if hit == *neg {
                    return false;
                }
            }
        }
        if !self.worked.is_empty() || !self.rebook.is_empty() {
            let track = self.row_tracks.and_then(|t| t.get(row).copied().flatten());
            let worked = track.is_some_and(|t| t.worked);
            for (neg, yes) in &self.worked {
                if (worked == *yes) == *neg {
                    return false;
                }
            }
            // rebook:no is about those who delivered and would not be booked again.
            let rebook = track.and_then(|t| t.rebook);
            for (neg, yes) in &self.rebook {
                let hit = rebook == Some(*yes);
                if hit == *neg {
                    return false;
                }
            }
        }
        if !self.channel_all.is_empty() || !self.channel_none.is_empty() {
            let channels = ix.row_channels.get(row);
            let all = self.channel_all.is_empty()
                || channels.iter().any(|&c| {
                    self.channel_all
                        .iter()
                        .all(|t| self.channel_passes(t, c as usize))
                });
            if !all {
                return false;
            }
            for test in &self.channel_none {
                if channels
                    .iter()
                    .any(|&c| self.channel_passes(test, c as usize))
                {
                    return false;
                }
            }
        }
        true
    }

    pub(super) fn channel_passes(&self, test: &ChannelTest, c: usize) -> bool {
        let ix = self.index;
        match test {
            ChannelTest::Platform(set) => {
                set.get(ix.platform[c] as usize).copied().unwrap_or(false)
            }
            ChannelTest::Followers(b) => {
                let f = ix.channel_followers[c];
                f != UNKNOWN && b.contains(f)
            }
            ChannelTest::Tier(tiers, bounds) => {
                let f = ix.channel_followers[c];
                f != UNKNOWN && tiers.contains(&bounds.tier(f))
            }
            ChannelTest::Engagement(b) => {
                let e = ix.channel_engagement[c];
                !e.is_nan() && b.contains(e)
            }
        }
    }
}

/// Which platform codes of the index a list of platforms allows.
pub(super) fn platform_set(index: &Index, list: &[Platform]) -> Vec<bool> {
    let codes = 12 + index.other_platforms.len();
    (0..codes)
        .map(|code| {
            let platform = index.platform_of(code as u16);
            list.iter().any(|p| match (p, &platform) {
                (Platform::Other(a), Platform::Other(b)) => a.to_lowercase() == *b,
                (a, b) => a == b,
            })
        })
        .collect()
}
