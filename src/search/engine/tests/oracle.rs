//! What a query means, written out plainly over one creator: the answer the engine is held to.

use crate::model::{Creator, Platform, Stage, TierBounds};
use crate::search::query::{Filter, Has, Query};

/// The query's meaning, written out over one creator.
pub(super) fn oracle(c: &Creator, query: &Query, tiers: &TierBounds, stage: Option<Stage>) -> bool {
    let texts = |sensitive: bool| -> Vec<String> {
        let mut t = vec![c.name.to_string()];
        t.extend(c.aliases.iter().map(|a| a.to_string()));
        t.extend(c.channels.iter().map(|ch| ch.handle.to_string()));
        t.extend(c.niches.iter().map(|n| n.to_string()));
        t.extend(c.location.iter().map(|l| l.to_string()));
        if sensitive {
            t
        } else {
            t.iter().map(|s| s.to_lowercase()).collect()
        }
    };
    let subsequence = |hay: &str, pat: &str| {
        let mut chars = hay.chars();
        pat.chars().all(|p| chars.any(|h| h == p))
    };
    let channel_ok = |f: &Filter, ch: &crate::model::Channel| channel_ok(f, ch, tiers);
    let positive_channel: Vec<&Filter> = query
        .terms
        .iter()
        .filter(|t| !t.negated && t.filter.is_channel_term())
        .map(|t| &t.filter)
        .collect();
    if !positive_channel.is_empty()
        && !c
            .channels
            .iter()
            .any(|ch| positive_channel.iter().all(|f| channel_ok(f, ch)))
    {
        return false;
    }
    query.terms.iter().all(|t| {
        let hit = match &t.filter {
            Filter::Word(w) => {
                let sensitive = w.chars().any(char::is_uppercase);
                let w = if sensitive {
                    w.clone()
                } else {
                    w.to_lowercase()
                };
                // `-word` excludes what contains the word; a word matches in order.
                if t.negated {
                    texts(sensitive).iter().any(|h| h.contains(&w))
                } else {
                    texts(sensitive).iter().any(|h| subsequence(h, &w))
                }
            }
            Filter::Phrase(p) => {
                let sensitive = p.chars().any(char::is_uppercase);
                let p = if sensitive {
                    p.clone()
                } else {
                    p.to_lowercase()
                };
                texts(sensitive).iter().any(|h| h.contains(&p))
            }
            Filter::Niche(list) => c
                .niches
                .iter()
                .any(|n| list.contains(&n.to_lowercase().to_string())),
            Filter::Location(list) => c
                .location
                .as_ref()
                .is_some_and(|l| list.iter().any(|v| l.to_lowercase().contains(v.as_str()))),
            Filter::Language(list) => c.languages.iter().any(|l| {
                let l = l.to_lowercase();
                list.iter()
                    .any(|v| *l == **v || l.starts_with(&format!("{v}-")))
            }),
            Filter::Kind(kinds) => c.kind.is_some_and(|k| kinds.contains(&k)),
            Filter::Stage(stages) => stage.is_some_and(|s| stages.contains(&s)),
            Filter::Has(list) => list.iter().any(|h| match h {
                Has::Email => c.email.is_some(),
                Has::Rate => c.rate.is_some(),
                Has::Engagement => c.channels.iter().any(|ch| ch.engagement.is_some()),
                Has::Vetting => c.vetted_on.is_some(),
                Has::Notes => c.notes.is_some(),
                Has::Url => c.channels.iter().any(|ch| ch.url.is_some()),
            }),
            f if f.is_channel_term() => {
                if t.negated {
                    c.channels.iter().any(|ch| channel_ok(f, ch))
                } else {
                    return true; // checked together above
                }
            }
            _ => unreachable!(),
        };
        hit != t.negated
    })
}

/// True when channel `ch` satisfies every positive channel term of `query`.
pub(super) fn channel_matches(
    ch: &crate::model::Channel,
    query: &Query,
    tiers: &TierBounds,
) -> bool {
    query
        .terms
        .iter()
        .filter(|t| !t.negated && t.filter.is_channel_term())
        .all(|t| channel_ok(&t.filter, ch, tiers))
}

/// True when channel `ch` satisfies the channel term `f` (any other term holds).
fn channel_ok(f: &Filter, ch: &crate::model::Channel, tiers: &TierBounds) -> bool {
    match f {
        Filter::Platform(list) => list.iter().any(|p| match (p, &ch.platform) {
            (Platform::Other(a), Platform::Other(b)) => a.to_lowercase() == b.to_lowercase(),
            (a, b) => a == b,
        }),
        Filter::Followers(b) => ch.followers.is_some_and(|n| b.contains(n)),
        Filter::Tier(ts) => ch.followers.is_some_and(|n| ts.contains(&tiers.tier(n))),
        Filter::Engagement(b) => ch.engagement.is_some_and(|e| b.contains(e)),
        _ => true,
    }
}
