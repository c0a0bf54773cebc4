use std::fmt;

/// The size class marketers use to brief and budget: a creator's tier comes from their largest
/// channel, not the sum of their channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tier {
    Emerging,
    Nano,
    Micro,
    Mid,
    Macro,
    Mega,
}

impl Tier {
    /// Every tier from the smallest up.
    pub const ALL: [Tier; 6] = [
        Tier::Emerging,
        Tier::Nano,
        Tier::Micro,
        Tier::Mid,
        Tier::Macro,
        Tier::Mega,
    ];

    /// The lowercase name used in files, queries and output.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Emerging => "emerging",
            Tier::Nano => "nano",
            Tier::Micro => "micro",
            Tier::Mid => "mid",
            Tier::Macro => "macro",
            Tier::Mega => "mega",
        }
    }

    /// Reads a tier name (any case).
    pub fn parse(text: &str) -> Option<Tier> {
        let text = text.trim().to_lowercase();
        Tier::ALL.into_iter().find(|t| t.name() == text)
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The follower count at which each tier starts. Agencies draw these lines differently, so they
/// are configurable; the defaults are the common ones (nano 1k, micro 10k, mid 50k, macro 500k,
/// mega 1M; below nano is emerging).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TierBounds {
    pub nano: u64,
    pub micro: u64,
    pub mid: u64,
    pub macro_: u64,
    pub mega: u64,
}

impl Default for TierBounds {
    fn default() -> Self {
        TierBounds {
            nano: 1_000,
            micro: 10_000,
            mid: 50_000,
            macro_: 500_000,
            mega: 1_000_000,
        }
    }
}

impl TierBounds {
    /// The tier of a channel with this many followers.
    pub fn tier(&self, followers: u64) -> Tier {
        if followers >= self.mega {
            Tier::Mega
        } else if followers >= self.macro_ {
            Tier::Macro
        } else if followers >= self.mid {
            Tier::Mid
        } else if followers >= self.micro {
            Tier::Micro
        } else if followers >= self.nano {
            Tier::Nano
        } else {
            Tier::Emerging
        }
    }

    /// The follower range of a tier: the lower bound, and the exclusive upper bound unless the
    /// tier is open-ended.
    pub fn range(&self, tier: Tier) -> (u64, Option<u64>) {
        match tier {
            Tier::Emerging => (0, Some(self.nano)),
            Tier::Nano => (self.nano, Some(self.micro)),
            Tier::Micro => (self.micro, Some(self.mid)),
            Tier::Mid => (self.mid, Some(self.macro_)),
            Tier::Macro => (self.macro_, Some(self.mega)),
            Tier::Mega => (self.mega, None),
        }
    }

    /// The lower bounds from nano up, for checking that they rise.
    pub fn lower_bounds(&self) -> [(Tier, u64); 5] {
        [
            (Tier::Nano, self.nano),
            (Tier::Micro, self.micro),
            (Tier::Mid, self.mid),
            (Tier::Macro, self.macro_),
            (Tier::Mega, self.mega),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(0, Tier::Emerging)]
    #[case(999, Tier::Emerging)]
    #[case(1_000, Tier::Nano)]
    #[case(9_999, Tier::Nano)]
    #[case(10_000, Tier::Micro)]
    #[case(49_999, Tier::Micro)]
    #[case(50_000, Tier::Mid)]
    #[case(499_999, Tier::Mid)]
    #[case(500_000, Tier::Macro)]
    #[case(999_999, Tier::Macro)]
    #[case(1_000_000, Tier::Mega)]
    #[case(250_000_000, Tier::Mega)]
    fn default_bounds(#[case] followers: u64, #[case] tier: Tier) {
        assert_eq!(TierBounds::default().tier(followers), tier);
    }

    #[test]
    fn range_agrees_with_tier() {
        let b = TierBounds::default();
        for t in Tier::ALL {
            let (lo, hi) = b.range(t);
            assert_eq!(b.tier(lo), t);
            if let Some(hi) = hi {
                assert_eq!(b.tier(hi - 1), t);
                assert_ne!(b.tier(hi), t);
            }
        }
    }
}
