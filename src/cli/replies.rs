//! `shortlist replies MAILBOX… [--campaign C] [--dry-run]`: read Maildir folders, mbox files and
//! `.eml` files or folders for replies to what the workspace sent, and record each once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::outreach::Edit;
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Maildir folders, mbox files, .eml files or folders of them (default: [mail] mailboxes
    /// in config.toml)
    #[arg(value_name = "MAILBOX")]
    mailboxes: Vec<PathBuf>,
    /// Only replies to this campaign
    #[arg(long)]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: Option<String>,
    /// Say what would be recorded; write nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let mailboxes = if args.mailboxes.is_empty() {
        session.config.mailboxes.clone()
    } else {
        args.mailboxes.clone()
    };
    if mailboxes.is_empty() {
        anyhow::bail!(
            "name the mailboxes to read (a Maildir folder, an mbox file, .eml files), or set them once in config.toml: [mail] mailboxes = [\"~/Mail/INBOX\"]"
        );
    }
    let mut mails = Vec::new();
    for mailbox in &mailboxes {
        let (read, skipped) = crate::mail::inbox::read(mailbox).map_err(anyhow::Error::msg)?;
        for s in skipped {
            crate::errln!("shortlist: {s}");
        }
        mails.extend(read);
    }
    let roster = super::roster(session)?;
    let found = session.find_replies(&roster, &mails, args.campaign.as_deref())?;
    let now = crate::clock::now()?;
    let mut edits: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    let (mut new, mut auto, mut again) = (0, 0, 0);
    for reply in &found.replies {
        let day = reply
            .mail
            .at
            .map(|(t, o)| t.to_zoned(jiff::tz::TimeZone::fixed(o)).date().to_string())
            .unwrap_or_else(|| "undated".into());
        let what = if reply.mail.auto {
            "auto-reply"
        } else {
            "replied"
        };
        let state = if reply.recorded {
            again += 1;
            " (recorded before)"
        } else {
            if reply.mail.auto {
                auto += 1;
            } else {
                new += 1;
            }
            edits
                .entry(reply.campaign.clone())
                .or_default()
                .push(reply.edit(&now));
            ""
        };
        crate::outln!(
            "{}: {}: {what} {day} ({}): {}{state}",
            reply.campaign,
            reply.creator,
            reply.how,
            if reply.mail.subject.is_empty() {
                "(no subject)"
            } else {
                &reply.mail.subject
            }
        );
        if !reply.recorded && !reply.mail.first_lines.is_empty() && !reply.mail.auto {
            crate::outln!(
                "    {}",
                crate::display::truncate(&reply.mail.first_lines, 100)
            );
        }
    }
    crate::outln!(
        "{} message{} read · {new} repl{} · {auto} automatic · {again} recorded before · {} of the workspace's own · {} from no one written to",
        mails.len(),
        if mails.len() == 1 { "" } else { "s" },
        if new == 1 { "y" } else { "ies" },
        found.own,
        found.unrelated
    );
    if args.dry_run {
        crate::outln!("dry run: nothing was written");
        return Ok(ExitCode::SUCCESS);
    }
    let known = roster.ids();
    for (campaign, edits) in edits {
        let saved = session.save_campaign(&campaign, &edits, &now, Some(&known))?;
        if saved.written {
            crate::outln!(
                "{campaign}: recorded {} repl{}",
                edits.len(),
                if edits.len() == 1 { "y" } else { "ies" }
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
