//! Ids as people type them: a creator named by their id, an alias, their name, a handle
//! (with or without `@`) or a unique beginning of the id; a campaign by a unique beginning of
//! its id. What cannot be told apart is listed; what matches nothing gets the nearest id.
//! Both the command line and completion use it.

use super::{Roster, Session};

/// How a typed word was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The id it names.
    pub id: String,
    /// `None` when the word was the id itself; else how it was found ("alias", "handle"…).
    pub by: Option<&'static str>,
}

/// Why a typed word names no one, or several.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Unresolved {
    /// It names no one; `hint` is ` (did you mean "…"?)` or empty.
    #[error("no {what} \"{typed}\"{hint}")]
    Missing {
        /// "creator" or "campaign".
        what: &'static str,
        /// The word as typed.
        typed: String,
        /// The nearest id, said.
        hint: String,
    },
    /// It could be several: what to tell the user.
    #[error("{0}")]
    Ambiguous(String),
}

impl Roster {
    /// The creator `typed` names, among the ids in `among` (every creator when `None`).
    pub fn resolve(&self, typed: &str, among: Option<&[&str]>) -> Result<Resolved, Unresolved> {
        let index = &self.index;
        let ids = self.ids();
        let rows: Vec<u32> = match among {
            Some(list) => list.iter().filter_map(|id| ids.row(id)).collect(),
            None => (0..index.len() as u32).collect(),
        };
        let id_of = |row: u32| index.ids.get(row as usize).to_string();
        if rows.iter().any(|&r| index.ids.get(r as usize) == typed) {
            return Ok(Resolved {
                id: typed.to_string(),
                by: None,
            });
        }
        let word = typed.trim().trim_start_matches('@').to_lowercase();
        if word.is_empty() {
            return Err(Unresolved::Missing {
                what: "creator",
                typed: typed.to_string(),
                hint: String::new(),
            });
        }
        let unique = |found: Vec<u32>, by: &'static str| -> Option<Result<Resolved, Unresolved>> {
            let mut found = found;
            found.sort_unstable();
            found.dedup();
            match found.as_slice() {
                [] => None,
                [one] => Some(Ok(Resolved {
                    id: id_of(*one),
                    by: Some(by),
                })),
                many => {
                    let listed: Vec<String> = many.iter().take(6).map(|r| id_of(*r)).collect();
                    let more = if many.len() > 6 { ", …" } else { "" };
                    Some(Err(Unresolved::Ambiguous(format!(
                        "\"{typed}\" could be {}{more}: give the whole id",
                        listed.join(", ")
                    ))))
                }
            }
        };
        // The rows whose id, or one of whose names, aliases and handles, passes `test`.
        let by_id = |test: &dyn Fn(&str) -> bool| -> Vec<u32> {
            let ids = rows.iter().copied();
            ids.filter(|&r| test(&index.ids.get(r as usize).to_lowercase()))
                .collect()
        };
        let by_ident = |test: &dyn Fn(&str) -> bool| -> Vec<u32> {
            let idents = rows.iter().copied();
            idents
                .filter(|&r| {
                    let lines = index.ident_lower.get(r as usize);
                    lines.lines().any(|l| test(l.trim_start_matches('@')))
                })
                .collect()
        };
        // The id in other letter case, then a name, an alias or a handle written whole.
        if let Some(done) = unique(by_id(&|id| id == word), "id") {
            return done;
        }
        let named = by_ident(&|l| l == word);
        if let [row] = named.as_slice() {
            // Said as what it is.
            let r = *row as usize;
            let by = if index.name(r).to_lowercase() == word {
                "name"
            } else if index
                .row_channels
                .get(r)
                .iter()
                .any(|&c| index.handles.get(c as usize).to_lowercase() == word)
            {
                "handle"
            } else {
                "alias"
            };
            return Ok(Resolved {
                id: id_of(*row),
                by: Some(by),
            });
        }
        if let Some(done) = unique(named, "name, alias or handle") {
            return done;
        }
        if let Some(done) = unique(by_id(&|id| id.starts_with(&word)), "beginning of the id") {
            return done;
        }
        let begins = by_ident(&|l| l.starts_with(&word));
        if let Some(done) = unique(begins, "beginning of a name") {
            return done;
        }
        let candidates: Vec<&str> = rows.iter().map(|&r| index.ids.get(r as usize)).collect();
        let hint = crate::suggest::nearest(typed, candidates.iter().copied())
            .map(|n| format!(" (did you mean \"{n}\"?)"))
            .unwrap_or_default();
        Err(Unresolved::Missing {
            what: "creator",
            typed: typed.to_string(),
            hint,
        })
    }
}

impl Session {
    /// The campaign `typed` names: its id, or a unique beginning of it.
    pub fn resolve_campaign(&self, typed: &str) -> Result<Resolved, Unresolved> {
        let ids = self.campaign_ids();
        if ids.iter().any(|c| c == typed) {
            return Ok(Resolved {
                id: typed.to_string(),
                by: None,
            });
        }
        let word = typed.to_lowercase();
        let found: Vec<&String> = ids
            .iter()
            .filter(|c| c.to_lowercase().starts_with(&word))
            .collect();
        match found.as_slice() {
            [one] => Ok(Resolved {
                id: (*one).clone(),
                by: Some("beginning of the id"),
            }),
            [] => Err(Unresolved::Ambiguous(
                self.find_campaign(typed)
                    .err()
                    .map_or_else(|| format!("no campaign \"{typed}\""), |e| e.to_string()),
            )),
            many => Err(Unresolved::Ambiguous(format!(
                "\"{typed}\" could be the campaign {}: give the whole id",
                many.iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}
