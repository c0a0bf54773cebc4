//! `shortlist campaign list`, `shortlist campaign new ID --name NAME [settings…]` and
//! `shortlist campaign edit ID [settings…]`.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use clap::Subcommand;

use super::table::{Column, render};
use crate::display::grouped;
use crate::model::{Goal, Platform, Settings};
use crate::outreach::follow_up::read_date;
use crate::outreach::{Budget, Edit, due};
use crate::workspace::{CampaignError, Session};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the campaigns with their shortlists, budgets and follow-ups due
    List,
    /// Start a campaign: writes campaigns/ID.toml with its brief
    New {
        /// The campaign's id: its file name, used by the other commands (a-z 0-9 - _ .)
        id: String,
        /// The campaign's name, as in invitations
        #[arg(long)]
        name: String,
        #[command(flatten)]
        options: Options,
    },
    /// Change a campaign's settings: only the options given change; "none" takes one out
    Edit {
        /// The campaign's id
        id: String,
        /// The campaign's name, as in invitations
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        options: Options,
    },
}

/// The settings of a campaign as options; "none" clears one when editing.
#[derive(Debug, clap::Args)]
pub struct Options {
    /// The brand the campaign is for
    #[arg(long)]
    brand: Option<String>,
    /// The product the content is about
    #[arg(long)]
    product: Option<String>,
    /// awareness, engagement or conversion
    #[arg(long)]
    goal: Option<String>,
    /// The budget for fees: 300000, 300_000, 30萬
    #[arg(long, value_name = "AMOUNT")]
    budget: Option<String>,
    /// The currency of the budget and fees (TWD, USD…); default: the configured one
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// Where the content should appear: instagram,threads (aliases work: ig, yt)
    #[arg(long, value_name = "LIST")]
    platforms: Option<String>,
    /// When posting starts: 2026-12-10, or +7 (days from today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    starts: Option<String>,
    /// When posting ends
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    ends: Option<String>,
    /// The date creators are asked to reply by
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    reply_by: Option<String>,
    /// The invitation template (a file in templates/ without .txt)
    #[arg(long, value_name = "NAME")]
    template: Option<String>,
    /// A short introduction of the brand, for invitations
    #[arg(long, value_name = "TEXT")]
    about: Option<String>,
    /// What content is wanted, for invitations
    #[arg(long, value_name = "TEXT")]
    brief: Option<String>,
    /// The content asked of each creator ("1 IG Reels + 2 stories")
    #[arg(long, value_name = "TEXT")]
    deliverables: Option<String>,
    /// Who invitations come from (default: [sender] in config.toml)
    #[arg(long, value_name = "NAME")]
    sender_name: Option<String>,
    /// The sender's address
    #[arg(long, value_name = "EMAIL")]
    sender_email: Option<String>,
    /// The sender's phone, for the signature
    #[arg(long, value_name = "PHONE")]
    sender_phone: Option<String>,
}

pub fn run(session: &Session, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::List => list(session),
        Command::New { id, name, options } => {
            let mut settings = session.new_settings();
            settings.name = name;
            options.apply(&mut settings, crate::clock::now()?.date())?;
            let file = match session.create_campaign(&id, &settings) {
                Ok(file) => file,
                Err(CampaignError::NoName) => bail!("--name is empty: give the campaign a name"),
                Err(e) => return Err(e.into()),
            };
            crate::outln!("created {file}");
            for missing in missing(&settings) {
                crate::outln!("note: {missing}");
            }
            crate::outln!("add creators with: shortlist add {id} CREATOR…");
            Ok(ExitCode::SUCCESS)
        }
        Command::Edit { id, name, options } => {
            let roster = super::roster(session)?;
            let campaign = super::campaign_or_fail(session, &roster, &id)?;
            let was = Settings::of(&campaign.brief);
            let mut settings = was.clone();
            if let Some(name) = name {
                settings.name = name;
            }
            options.apply(&mut settings, crate::clock::now()?.date())?;
            let edit = Edit::Settings {
                settings: Box::new(settings),
                was: Some(Box::new(was)),
            };
            super::save(session, &roster, &id, &[edit])
        }
    }
}

/// What an export will need that the new campaign does not say yet.
fn missing(settings: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    if settings.sender.is_none() {
        out.push("no sender yet: invitations need one (--sender-name and --sender-email, or [sender] in config.toml)".to_string());
    }
    if settings.template.is_none() {
        out.push("no template yet: exports will ask for one (--template NAME)".to_string());
    }
    out
}

impl Options {
    /// Writes the options given into `settings` ("none" clears one).
    fn apply(&self, s: &mut Settings, today: jiff::civil::Date) -> anyhow::Result<()> {
        let cleared = |t: &str| matches!(t.trim().to_lowercase().as_str(), "none" | "clear" | "-");
        let text = |v: &Option<String>, into: &mut Option<String>| {
            if let Some(t) = v {
                *into = (!cleared(t)).then(|| t.trim().to_string());
            }
        };
        text(&self.brand, &mut s.brand);
        text(&self.product, &mut s.product);
        text(&self.currency, &mut s.currency);
        text(&self.template, &mut s.template);
        text(&self.about, &mut s.about);
        text(&self.brief, &mut s.brief);
        text(&self.deliverables, &mut s.deliverables);
        if let Some(g) = &self.goal {
            s.goal = match cleared(g) {
                true => None,
                false => Some(Goal::parse(g).ok_or_else(|| {
                    anyhow!("--goal {g:?}: write awareness, engagement or conversion")
                })?),
            };
        }
        if let Some(b) = &self.budget {
            s.budget = match cleared(b) {
                true => None,
                false => Some(
                    crate::model::parse_size(b)
                        .map_err(|e| anyhow!("--budget {b:?} is not an amount: {e}"))?,
                ),
            };
        }
        if let Some(list) = &self.platforms {
            s.platforms.clear();
            for name in list
                .split([',', ' '])
                .map(str::trim)
                .filter(|n| !n.is_empty() && !cleared(n))
            {
                let p = Platform::parse(name);
                if !p.is_known() {
                    let known = Platform::KNOWN.each_ref().map(|k| k.name());
                    let hint = crate::suggest::nearest(name, known).map_or_else(
                        || format!("platforms: {}", known.join(", ")),
                        |n| format!("did you mean {n}?"),
                    );
                    bail!("--platforms: {name:?} is not a platform ({hint})");
                }
                if !s.platforms.contains(&p) {
                    s.platforms.push(p);
                }
            }
        }
        for (option, given, into) in [
            ("--starts", &self.starts, &mut s.starts),
            ("--ends", &self.ends, &mut s.ends),
            ("--reply-by", &self.reply_by, &mut s.reply_by),
        ] {
            if let Some(t) = given {
                *into = read_date(t, today).map_err(|e| anyhow!("{option} {e}"))?;
            }
        }
        let sender_given = self.sender_name.is_some()
            || self.sender_email.is_some()
            || self.sender_phone.is_some();
        if sender_given {
            if [&self.sender_name, &self.sender_email]
                .iter()
                .any(|v| v.as_deref().is_some_and(cleared))
            {
                s.sender = None;
            } else {
                let mut sender = s.sender.clone().unwrap_or_default();
                if let Some(n) = &self.sender_name {
                    sender.name = n.trim().to_string();
                }
                if let Some(e) = &self.sender_email {
                    sender.email = e.trim().to_string();
                }
                if let Some(p) = &self.sender_phone {
                    sender.phone = (!cleared(p)).then(|| p.trim().to_string());
                }
                if sender.name.is_empty() || sender.email.is_empty() {
                    bail!("a sender needs both --sender-name and --sender-email");
                }
                s.sender = Some(sender);
            }
        }
        Ok(())
    }
}

fn list(session: &Session) -> anyhow::Result<ExitCode> {
    let ids = session.campaign_ids();
    if ids.is_empty() {
        crate::errln!(
            "there are no campaigns yet; start one with: shortlist campaign new ID --name NAME"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let roster = super::roster(session)?;
    let today = crate::clock::now()?.date();
    let mut failed = false;
    let mut rows = Vec::new();
    for id in &ids {
        let Some(campaign) = super::read_campaign(session, &roster, id)? else {
            failed = true;
            continue;
        };
        let budget = Budget::of(&campaign, &session.config.currency);
        let money = match budget.budget {
            Some(b) => format!(
                "{} {} of {}",
                budget.currency,
                grouped(budget.committed),
                grouped(b)
            ),
            None => format!("{} {}", budget.currency, grouped(budget.committed)),
        };
        rows.push(vec![
            id.clone(),
            campaign.brief.name.clone(),
            campaign.brief.brand.clone().unwrap_or_default(),
            campaign.entries.len().to_string(),
            due(&campaign, today, today).len().to_string(),
            money,
        ]);
    }
    let columns = [
        Column::text("ID", 8, 9),
        Column::text("NAME", 8, 8),
        Column::text("BRAND", 5, 4),
        Column::number("ENTRIES", 7),
        Column::number("DUE", 6),
        Column::text("COMMITTED", 9, 5),
    ];
    crate::out!(
        "{}",
        render(&columns, &rows, super::output::terminal_width())
    );
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
