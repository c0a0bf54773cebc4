//! The close-out report's figures, worked out from a campaign's entries: per creator, per
//! platform, per tier and for the whole campaign — cost, views, engagements, clicks, code uses,
//! sales and the ratios between them (CPM, CPV, CPE, CPC, CPA, ROAS), money committed, paid and
//! owed, delivery on time, and whether the posts are still up. A ratio whose divisor is 0 is
//! absent, never 0 or infinite. The latest results snapshot of each deliverable counts, and
//! where each figure came from (measured, reported by the creator, estimated) is carried along.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Creator, Deliverable, Entry, Platform, Source, Stage, Tier, TierBounds};
use crate::outreach::budget::is_committed;

/// Summed figures of some entries with results, and where they came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// How many entries were summed.
    pub entries: usize,
    pub cost: u64,
    pub views: u64,
    pub engagements: u64,
    pub clicks: u64,
    pub code_uses: u64,
    pub sales: u64,
    /// The sources of the snapshots summed (none named counts as not said).
    pub sources: BTreeSet<Source>,
    /// True when a snapshot summed says nothing of its source.
    pub unsourced: bool,
}

/// One figure of [`Totals::figures`]: a sum, or a ratio that may be absent.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    Count(u64),
    Ratio(Option<f64>),
}

fn ratio(top: f64, bottom: u64) -> Option<f64> {
    (bottom > 0).then(|| top / bottom as f64)
}

impl Totals {
    fn add(&mut self, other: &Totals) {
        self.entries += other.entries;
        self.cost = self.cost.saturating_add(other.cost);
        self.views = self.views.saturating_add(other.views);
        self.engagements = self.engagements.saturating_add(other.engagements);
        self.clicks = self.clicks.saturating_add(other.clicks);
        self.code_uses = self.code_uses.saturating_add(other.code_uses);
        self.sales = self.sales.saturating_add(other.sales);
        self.sources.extend(other.sources.iter().copied());
        self.unsourced |= other.unsourced;
    }

    /// Cost per thousand views.
    pub fn cpm(&self) -> Option<f64> {
        ratio(self.cost as f64 * 1000.0, self.views)
    }
    /// Cost per view.
    pub fn cpv(&self) -> Option<f64> {
        ratio(self.cost as f64, self.views)
    }
    /// Cost per engagement.
    pub fn cpe(&self) -> Option<f64> {
        ratio(self.cost as f64, self.engagements)
    }
    /// Cost per click.
    pub fn cpc(&self) -> Option<f64> {
        ratio(self.cost as f64, self.clicks)
    }
    /// Cost per use of the discount code.
    pub fn cpa(&self) -> Option<f64> {
        ratio(self.cost as f64, self.code_uses)
    }
    /// Sales per unit of cost.
    pub fn roas(&self) -> Option<f64> {
        ratio(self.sales as f64, self.cost)
    }

    /// Every figure by its key, counts first, then the ratios (absent when the divisor is 0):
    /// the order of the report's tables, sheets and CSV columns.
    pub fn figures(&self) -> [(&'static str, Figure); 12] {
        use Figure::{Count, Ratio};
        [
            ("cost", Count(self.cost)),
            ("views", Count(self.views)),
            ("engagements", Count(self.engagements)),
            ("clicks", Count(self.clicks)),
            ("code_uses", Count(self.code_uses)),
            ("sales", Count(self.sales)),
            ("cpm", Ratio(self.cpm())),
            ("cpv", Ratio(self.cpv())),
            ("cpe", Ratio(self.cpe())),
            ("cpc", Ratio(self.cpc())),
            ("cpa", Ratio(self.cpa())),
            ("roas", Ratio(self.roas())),
        ]
    }

    /// True when every figure was measured by the brand.
    pub fn measured(&self) -> bool {
        !self.unsourced && self.sources.iter().all(|s| *s == Source::Measured)
    }

    /// Where the figures came from, in a word: `measured`, `creator`, `estimate`, `mixed`, or
    /// `unsaid` when no snapshot says.
    pub fn source(&self) -> &'static str {
        match (self.sources.len(), self.unsourced) {
            (0, _) => "unsaid",
            (1, false) => self.sources.iter().next().map_or("unsaid", |s| s.name()),
            _ => "mixed",
        }
    }
}

/// Whether a creator's posts were still up when last looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Live {
    /// Every post checked and up.
    Live,
    /// A post was taken down.
    Removed,
    /// Not every post was checked (or nothing is posted yet).
    Unchecked,
}

impl Live {
    pub fn name(self) -> &'static str {
        match self {
            Live::Live => "live",
            Live::Removed => "removed",
            Live::Unchecked => "unchecked",
        }
    }
}

/// A post made: its deliverable's id, platform and address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    pub id: String,
    pub platform: Platform,
    pub url: Option<String>,
}

/// One creator's part in the campaign (an entry contracted or later).
#[derive(Clone, Debug, PartialEq)]
pub struct CreatorFigures {
    pub creator: String,
    pub name: Option<String>,
    pub stage: Stage,
    /// Where the content is: the deliverables' platform (the one with the most views when
    /// several), else the creator's largest channel.
    pub platform: Option<Platform>,
    /// The tier of the creator's channel on that platform, else of their largest.
    pub tier: Option<Tier>,
    pub fee: Option<u64>,
    /// Fee and product value.
    pub cost: Option<u64>,
    pub paid: u64,
    /// `None` until a deliverable has results.
    pub results: Option<Totals>,
    /// Every post made on or before its day; `None` while that cannot be told.
    pub on_time: Option<bool>,
    /// Review rounds needed.
    pub rounds: usize,
    pub live: Live,
    pub posts: Vec<Post>,
}

/// Benchmark ranges to flag figures against: (low, high) in the campaign's currency.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Benchmarks {
    pub cpm: Option<(f64, f64)>,
    pub cpe: Option<(f64, f64)>,
}

impl Benchmarks {
    /// The ranges marketers in Taiwan quote: CPM NT$300–700, CPE NT$5–15; none known for other
    /// currencies.
    pub fn for_currency(currency: &str) -> Benchmarks {
        match currency {
            "TWD" => Benchmarks {
                cpm: Some((300.0, 700.0)),
                cpe: Some((5.0, 15.0)),
            },
            _ => Benchmarks::default(),
        }
    }
}

/// Where a figure stands against its range: `below`, `above`, or `None` inside it (or when
/// there is no range or no figure).
pub fn flag(value: Option<f64>, range: Option<(f64, f64)>) -> Option<&'static str> {
    let (value, (low, high)) = (value?, range?);
    if value < low {
        Some("below")
    } else if value > high {
        Some("above")
    } else {
        None
    }
}

/// The report of one campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub currency: String,
    pub budget: Option<u64>,
    /// Fees of the entries contracted or later.
    pub committed: u64,
    /// Payments made to them.
    pub paid: u64,
    /// What is left to pay of the committed fees.
    pub owed: u64,
    /// Over the entries with results.
    pub totals: Totals,
    /// Every entry contracted or later, in the file's order.
    pub creators: Vec<CreatorFigures>,
    /// Over the entries with results, by platform (by name).
    pub by_platform: BTreeMap<String, Totals>,
    /// Over the entries with results, by tier (in the tiers' order).
    pub by_tier: BTreeMap<Tier, Totals>,
    pub benchmarks: Benchmarks,
}

/// The figures of `entries`, in `currency`; `creator` finds a creator (and their name) by id.
pub fn report(
    entries: &[Entry],
    currency: &str,
    budget: Option<u64>,
    bounds: &TierBounds,
    benchmarks: Benchmarks,
    creator: &dyn Fn(&str) -> Option<(String, Creator)>,
) -> Report {
    let mut out = Report {
        currency: currency.to_string(),
        budget,
        committed: 0,
        paid: 0,
        owed: 0,
        totals: Totals::default(),
        creators: Vec::new(),
        by_platform: BTreeMap::new(),
        by_tier: BTreeMap::new(),
        benchmarks,
    };
    for entry in entries.iter().filter(|e| is_committed(e.stage)) {
        let found = creator(&entry.creator);
        let figures = figures(entry, found.as_ref(), bounds);
        out.committed = out.committed.saturating_add(entry.fee.unwrap_or(0));
        out.paid = out.paid.saturating_add(figures.paid);
        if let Some(t) = &figures.results {
            out.totals.add(t);
            if let Some(p) = &figures.platform {
                out.by_platform
                    .entry(p.name().to_string())
                    .or_default()
                    .add(t);
            }
            if let Some(tier) = figures.tier {
                out.by_tier.entry(tier).or_default().add(t);
            }
        }
        out.creators.push(figures);
    }
    out.owed = out.committed.saturating_sub(out.paid);
    out
}

fn figures(
    entry: &Entry,
    found: Option<&(String, Creator)>,
    bounds: &TierBounds,
) -> CreatorFigures {
    let with_results: Vec<&Deliverable> = entry
        .deliverables
        .iter()
        .filter(|d| d.latest_results().is_some())
        .collect();
    let results = (!with_results.is_empty()).then(|| {
        let mut t = Totals {
            entries: 1,
            cost: entry.cost().unwrap_or(0),
            ..Totals::default()
        };
        for d in &with_results {
            let Some(r) = d.latest_results() else {
                continue;
            };
            t.views = t.views.saturating_add(r.views.unwrap_or(0));
            t.engagements = t.engagements.saturating_add(r.engagements().unwrap_or(0));
            t.clicks = t.clicks.saturating_add(r.clicks.unwrap_or(0));
            t.code_uses = t.code_uses.saturating_add(r.code_uses.unwrap_or(0));
            t.sales = t.sales.saturating_add(r.sales.unwrap_or(0));
            match r.source {
                Some(s) => {
                    t.sources.insert(s);
                }
                None => t.unsourced = true,
            }
        }
        t
    });
    let platform = main_platform(entry).or_else(|| {
        found
            .and_then(|(_, c)| c.main_channel())
            .map(|ch| ch.platform.clone())
    });
    let tier = found.and_then(|(_, c)| {
        platform
            .as_ref()
            .and_then(|p| {
                c.channels
                    .iter()
                    .filter(|ch| ch.platform == *p)
                    .filter_map(|ch| ch.followers)
                    .max()
            })
            .map(|f| bounds.tier(f))
            .or_else(|| c.tier(bounds))
    });
    let posted: Vec<&Deliverable> = entry
        .deliverables
        .iter()
        .filter(|d| d.posted.is_some())
        .collect();
    let timely: Vec<bool> = entry
        .deliverables
        .iter()
        .filter_map(Deliverable::on_time)
        .collect();
    let live = if posted.iter().any(|d| d.live == Some(false)) {
        Live::Removed
    } else if !posted.is_empty() && posted.iter().all(|d| d.live == Some(true)) {
        Live::Live
    } else {
        Live::Unchecked
    };
    let (paid, _) = entry.paid_and_owed();
    CreatorFigures {
        creator: entry.creator.to_string(),
        name: found.map(|(name, _)| name.clone()),
        stage: entry.stage,
        platform,
        tier,
        fee: entry.fee,
        cost: entry.cost(),
        paid,
        results,
        on_time: (!timely.is_empty()).then(|| timely.iter().all(|t| *t)),
        rounds: entry.deliverables.iter().map(|d| d.rounds.len()).sum(),
        live,
        posts: posted
            .iter()
            .map(|d| Post {
                id: d.id.to_string(),
                platform: d.platform.clone(),
                url: d.url.clone(),
            })
            .collect(),
    }
}

/// The platform of an entry's deliverables: the only one, else the one with the most views.
fn main_platform(entry: &Entry) -> Option<Platform> {
    let mut views: Vec<(&Platform, u64)> = Vec::new();
    for d in &entry.deliverables {
        let v = d.latest_results().and_then(|r| r.views).unwrap_or(0);
        match views.iter_mut().find(|(p, _)| **p == d.platform) {
            Some((_, total)) => *total = total.saturating_add(v),
            None => views.push((&d.platform, v)),
        }
    }
    // The first listed wins a tie.
    views
        .iter()
        .rev()
        .max_by_key(|(_, v)| *v)
        .map(|(p, _)| (*p).clone())
}

#[cfg(test)]
mod tests;
