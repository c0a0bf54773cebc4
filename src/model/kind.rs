use std::fmt;

use serde::{Deserialize, Serialize};

/// What sort of creator this is, in the terms Taiwanese agencies brief with: a key opinion
/// leader, a key opinion consumer (a real customer with a small following), a key opinion sales
/// (a creator who sells through their own channel, often via group buys), or a celebrity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Kol,
    Koc,
    Kos,
    Celebrity,
}

impl Kind {
    /// Every kind, in the order they are listed to users.
    pub const ALL: [Kind; 4] = [Kind::Kol, Kind::Koc, Kind::Kos, Kind::Celebrity];

    /// The lowercase name used in files and queries.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Kol => "kol",
            Kind::Koc => "koc",
            Kind::Kos => "kos",
            Kind::Celebrity => "celebrity",
        }
    }

    /// Reads a kind name (any case).
    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim().to_lowercase();
        Kind::ALL.into_iter().find(|k| k.name() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
