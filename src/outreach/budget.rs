//! A campaign's money: fees per stage, what is committed (contracted and later) and what is
//! only proposed (still being talked about), against the budget, in the campaign's currency.

use crate::model::{Campaign, Stage};

/// Entries and fees at one stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StageTotal {
    pub entries: usize,
    /// The sum of the fees written on these entries.
    pub fees: u64,
    /// How many of the entries have no fee written.
    pub without_fee: usize,
}

/// The figures of a campaign.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Budget {
    pub currency: String,
    pub budget: Option<u64>,
    /// One total per stage, in `Stage::ALL` order.
    pub stages: [StageTotal; 10],
    /// Fees of entries contracted, producing, published or completed.
    pub committed: u64,
    /// Fees of entries shortlisted, contacted or negotiating.
    pub proposed: u64,
}

/// True for the stages whose fees the brand has agreed to pay.
pub fn is_committed(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Contracted | Stage::Producing | Stage::Published | Stage::Completed
    )
}

impl Budget {
    /// The figures of `campaign`; `currency` is used when the campaign names none.
    pub fn of(campaign: &Campaign, currency: &str) -> Budget {
        let mut stages = [StageTotal::default(); 10];
        let (mut committed, mut proposed) = (0u64, 0u64);
        for entry in &campaign.entries {
            let i = Stage::ALL
                .iter()
                .position(|s| *s == entry.stage)
                .unwrap_or(0);
            let total = &mut stages[i];
            total.entries += 1;
            match entry.fee {
                Some(fee) => {
                    total.fees = total.fees.saturating_add(fee);
                    if is_committed(entry.stage) {
                        committed = committed.saturating_add(fee);
                    } else if !entry.stage.is_closed() {
                        proposed = proposed.saturating_add(fee);
                    }
                }
                None => total.without_fee += 1,
            }
        }
        Budget {
            currency: campaign
                .brief
                .currency
                .as_deref()
                .unwrap_or(currency)
                .to_string(),
            budget: campaign.brief.budget,
            stages,
            committed,
            proposed,
        }
    }

    /// The total for one stage.
    pub fn stage(&self, stage: Stage) -> StageTotal {
        let i = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        self.stages[i]
    }

    /// What is left of the budget after the committed fees (negative when over).
    pub fn remaining(&self) -> Option<i128> {
        self.budget
            .map(|b| i128::from(b) - i128::from(self.committed))
    }

    /// Committed and proposed fees together, as if every proposal were accepted.
    pub fn forecast(&self) -> u64 {
        self.committed.saturating_add(self.proposed)
    }

    /// True when the committed fees exceed the budget.
    pub fn over(&self) -> bool {
        self.remaining().is_some_and(|r| r < 0)
    }

    /// Entries on the shortlist, all stages.
    pub fn entries(&self) -> usize {
        self.stages.iter().map(|s| s.entries).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Brief, Entry};

    fn campaign(entries: &[(Stage, Option<u64>)], budget: Option<u64>) -> Campaign {
        Campaign {
            id: "c".into(),
            brief: Brief {
                budget,
                ..Brief::default()
            },
            entries: entries
                .iter()
                .enumerate()
                .map(|(i, (stage, fee))| Entry {
                    fee: *fee,
                    ..Entry::new(format!("c{i}"), *stage)
                })
                .collect(),
        }
    }

    #[test]
    fn fees_add_up_per_stage_committed_and_proposed() {
        let c = campaign(
            &[
                (Stage::Shortlisted, None),
                (Stage::Contacted, Some(3_000)),
                (Stage::Negotiating, Some(30_000)),
                (Stage::Contracted, Some(85_000)),
                (Stage::Contracted, Some(15_000)),
                (Stage::Published, Some(40_000)),
                (Stage::Completed, None),
                (Stage::Declined, Some(50_000)),
            ],
            Some(300_000),
        );
        let b = Budget::of(&c, "TWD");
        assert_eq!(b.currency, "TWD");
        assert_eq!(
            b.stage(Stage::Contracted),
            StageTotal {
                entries: 2,
                fees: 100_000,
                without_fee: 0
            }
        );
        assert_eq!(b.stage(Stage::Completed).without_fee, 1);
        assert_eq!(b.stage(Stage::Declined).fees, 50_000);
        assert_eq!(b.committed, 140_000);
        assert_eq!(b.proposed, 33_000, "declined fees are neither");
        assert_eq!(b.forecast(), 173_000);
        assert_eq!(b.remaining(), Some(160_000));
        assert!(!b.over());
        assert_eq!(b.entries(), 8);
    }

    #[test]
    fn over_budget_and_no_budget() {
        let c = campaign(&[(Stage::Completed, Some(120_000))], Some(100_000));
        let b = Budget::of(&c, "TWD");
        assert_eq!(b.remaining(), Some(-20_000));
        assert!(b.over());
        let mut c = campaign(&[(Stage::Completed, Some(120_000))], None);
        c.brief.currency = Some("USD".into());
        let b = Budget::of(&c, "TWD");
        assert_eq!(
            (b.remaining(), b.over(), b.currency.as_str()),
            (None, false, "USD")
        );
    }
}
