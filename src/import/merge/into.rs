//! A row joined to a creator already there: what it changes, and what it says otherwise.

use super::label;
use crate::import::row::Incoming;
use crate::model::{Channel, Creator, Kind};

/// Joins a row to a creator: channel numbers are updated, new channels added, blank fields
/// filled; a value that differs from one already written is kept as written and said.
pub(super) fn merge_into(creator: &mut Creator, row: &Incoming) -> (Vec<String>, Vec<String>) {
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    let grouped = |n: u64| crate::display::grouped(n);
    for ch in &row.creator.channels {
        match creator.channels.iter_mut().find(|c| same_channel(c, ch)) {
            Some(have) => {
                let label = label(have);
                if let Some(f) = ch.followers
                    && have.followers != Some(f)
                {
                    changes.push(match have.followers {
                        Some(old) => format!("{label} followers {} → {}", grouped(old), grouped(f)),
                        None => format!("{label} followers {}", grouped(f)),
                    });
                    have.followers = Some(f);
                }
                if let Some(e) = ch.engagement
                    && have.engagement != Some(e)
                {
                    changes.push(match have.engagement {
                        Some(old) => format!("{label} engagement {old}% → {e}%"),
                        None => format!("{label} engagement {e}%"),
                    });
                    have.engagement = Some(e);
                }
                if let Some(v) = ch.avg_views
                    && have.avg_views != Some(v)
                {
                    changes.push(format!("{label} avg_views {}", grouped(v)));
                    have.avg_views = Some(v);
                }
                if have.url.is_none()
                    && let Some(u) = &ch.url
                {
                    changes.push(format!("{label} url"));
                    have.url = Some(u.clone());
                }
            }
            None => {
                changes.push(format!(
                    "new channel {}{}",
                    label(ch),
                    ch.followers
                        .map(|f| format!(" ({} followers)", grouped(f)))
                        .unwrap_or_default()
                ));
                creator.channels.push(ch.clone());
            }
        }
    }
    let new = &row.creator;
    let mut fill = |name: &str,
                    have: &mut Option<compact_str::CompactString>,
                    given: &Option<compact_str::CompactString>| {
        match (have.as_ref(), given) {
            (None, Some(g)) => {
                changes.push(format!("{name} {g}"));
                *have = Some(g.clone());
            }
            (Some(h), Some(g)) if !h.eq_ignore_ascii_case(g) => {
                notes.push(format!("{name} in the sheet is {g}: kept {h}"));
            }
            _ => {}
        }
    };
    fill("email", &mut creator.email, &new.email);
    fill("location", &mut creator.location, &new.location);
    if creator.niches.is_empty() && !new.niches.is_empty() {
        changes.push(format!("niches {}", new.niches.join(", ")));
        creator.niches = new.niches.clone();
    }
    if creator.languages.is_empty() && !new.languages.is_empty() {
        changes.push(format!("languages {}", new.languages.join(", ")));
        creator.languages = new.languages.clone();
    }
    if creator.kind.is_none() && new.kind.is_some() {
        changes.push(format!(
            "kind {}",
            new.kind.map(Kind::name).unwrap_or_default()
        ));
        creator.kind = new.kind;
    }
    match (creator.rate, new.rate) {
        (None, Some(r)) => {
            changes.push(format!("rate {}", grouped(r)));
            creator.rate = Some(r);
            if creator.currency.is_none() {
                creator.currency = row.currency.as_deref().map(Into::into);
            }
        }
        (Some(h), Some(r)) if h != r => {
            notes.push(format!(
                "rate in the sheet is {}: kept {}",
                grouped(r),
                grouped(h)
            ));
        }
        _ => {}
    }
    (changes, notes)
}

fn same_channel(a: &Channel, b: &Channel) -> bool {
    a.platform == b.platform && a.handle.eq_ignore_ascii_case(&b.handle)
}
