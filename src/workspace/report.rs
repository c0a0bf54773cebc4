//! A campaign's close-out report: the campaign read, its figures worked out with the roster's
//! names and channels, in the language the brand reads.

use super::{CampaignError, Roster, Session};
use crate::model::{Campaign, Lang, TierBounds};
use crate::outreach::report::{Benchmarks, Report, report};
use crate::store::Diagnostic;

/// A campaign and its report.
#[derive(Clone, Debug)]
pub struct CampaignReport {
    /// The campaign as read.
    pub campaign: Campaign,
    /// Its figures.
    pub report: Report,
    /// The language to write it in: the campaign's `lang`, else Chinese when its template or
    /// name is, else English.
    pub lang: Lang,
    /// Problems of the campaign's file.
    pub problems: Vec<Diagnostic>,
}

/// The language a campaign's report is written in.
pub fn language(campaign: &Campaign) -> Lang {
    if let Some(lang) = campaign.brief.lang {
        return lang;
    }
    let template = campaign
        .brief
        .template
        .as_deref()
        .unwrap_or("")
        .to_lowercase();
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if template.contains("zh") || chinese(&campaign.brief.name) {
        Lang::ZhTw
    } else {
        Lang::English
    }
}

/// The figures of `campaign` with the roster's names and channels, in its currency (or
/// `currency` when it names none).
pub fn figures(campaign: &Campaign, roster: &Roster, tiers: &TierBounds, currency: &str) -> Report {
    let known = roster.ids();
    let currency = campaign.brief.currency.as_deref().unwrap_or(currency);
    let find = |creator: &str| {
        let row = known.row(creator)?;
        let c = roster.at(row)?;
        Some((roster.index.name(row as usize).to_string(), c))
    };
    report(
        &campaign.entries,
        currency,
        campaign.brief.budget,
        tiers,
        Benchmarks::for_currency(currency),
        &find,
    )
}

impl Session {
    /// The report of campaign `id`, its entries matched to the roster's creators.
    pub fn report(&self, roster: &Roster, id: &str) -> Result<CampaignReport, CampaignError> {
        let known = roster.ids();
        let read = self.read_campaign(id, Some(&known))?;
        let problems = read.diagnostics.clone();
        let campaign = read.into_campaign()?;
        let figures = figures(&campaign, roster, &self.config.tiers, &self.config.currency);
        Ok(CampaignReport {
            lang: language(&campaign),
            campaign,
            report: figures,
            problems,
        })
    }
}
