//! Costs in different currencies compared in one: the exchange rates of the configuration, and
//! which of them a search's creators lack.

use std::collections::BTreeMap;

use crate::search::index::{Index, NONE, UNKNOWN};

/// Exchange rates into one base currency.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rates {
    /// The currency costs are compared in.
    pub base: String,
    /// The currency of rates that name none.
    pub fallback: String,
    /// How much one unit of each currency is in the base currency.
    pub to_base: std::collections::BTreeMap<String, f64>,
}

impl Rates {
    /// Rates with no conversions: every cost is in `base`.
    pub fn plain(base: &str) -> Rates {
        Rates {
            base: base.to_string(),
            fallback: base.to_string(),
            to_base: Default::default(),
        }
    }

    /// What one unit of `code` (or of the fallback currency) is worth in the base currency;
    /// `None` when no rate is configured for it.
    pub fn factor(&self, code: Option<&str>) -> Option<f64> {
        let code = code.unwrap_or(&self.fallback);
        if code.eq_ignore_ascii_case(&self.base) {
            return Some(1.0);
        }
        self.to_base
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, f)| *f)
    }
}

/// The currencies of rates among `rows` that `rates` cannot convert, with how many creators
/// have a rate in each: those creators sort last by cost, and the user is told why.
pub fn missing_rates(index: &Index, rows: &[u32], rates: &Rates) -> Vec<(String, usize)> {
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    for &row in rows {
        let row = row as usize;
        if index.rate[row] == UNKNOWN {
            continue;
        }
        let code = match index.currency[row] {
            NONE => None,
            id => index.currencies.get(id as usize).map(|c| c.as_str()),
        };
        if rates.factor(code).is_none() {
            *missing
                .entry(code.unwrap_or(&rates.fallback).to_string())
                .or_insert(0) += 1;
        }
    }
    missing.into_iter().collect()
}
