//! `export --send`: each message to the user's own mailer, recorded as soon as it is taken.

use std::process::ExitCode;

use anyhow::bail;

use super::Args;
use crate::model::Stage;
use crate::outreach::Outcome;
use crate::workspace::Session;

/// `--send`: each message to the configured command, the first failure stopping the rest;
/// what was sent is recorded whatever happened after it.
pub(super) fn send(
    session: &Session,
    args: &Args,
    campaign: &crate::model::Campaign,
    planned: &crate::workspace::Planned,
    now: &jiff::Zoned,
    stage: Stage,
) -> anyhow::Result<ExitCode> {
    let Some(command) = session.config.sendmail.clone() else {
        bail!(
            "--send needs the command that sends your mail: set it in config.toml as [mail] sendmail = \"msmtp -t\" (or \"sendmail -t -i\"); nothing was sent"
        );
    };
    let letters = &planned.prepared.letters;
    if args.dry_run {
        crate::outln!(
            "would send {} message{} with `{command}`:",
            letters.len(),
            if letters.len() == 1 { "" } else { "s" }
        );
        for l in letters {
            crate::outln!("  {} <{}>: {}", l.creator, l.to_email, l.subject);
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Each message taken by the mailer is recorded at once: a failure or a ctrl-c later
    // leaves what was sent known.
    let mark = args.mark_contacted && stage == Stage::Shortlisted;
    let roster = super::super::roster(session)?;
    let id = campaign.id.as_str();
    let mut problems: Vec<String> = Vec::new();
    let mut count = 0;
    let mut record = |creator: &str| {
        count += 1;
        crate::term::progress::step(format!(
            "sending with `{command}`: {count} of {} sent and recorded, the rest not sent",
            letters.len()
        ));
        let only = [creator.to_string()];
        let records = session.records_of(campaign, planned, now, mark, "sent", Some(&only));
        match session.save_campaign(id, &records, now, Some(&roster.ids())) {
            Ok(saved) => {
                for outcome in &saved.outcomes {
                    if let Outcome::Done(words) = outcome
                        && !words.ends_with(": sent recorded")
                    {
                        crate::outln!("{id}: {words}");
                    }
                }
            }
            Err(e) => problems.push(e.to_string()),
        }
    };
    let results = session.send(planned, &command, &mut record);
    let sent: Vec<String> = results
        .iter()
        .filter(|r| r.result.is_ok())
        .map(|r| r.creator.clone())
        .collect();
    for r in &results {
        let to = letters
            .iter()
            .find(|l| l.creator == r.creator)
            .map_or("", |l| l.to_email.as_str());
        match &r.result {
            Ok(()) => crate::outln!("sent to {} <{to}>", r.creator),
            Err(e) => crate::errln!("shortlist: not sent to {} <{to}>: {e}", r.creator),
        }
    }
    for p in &problems {
        crate::errln!("shortlist: sent, but not recorded: {p}");
    }
    if !sent.is_empty() {
        crate::outln!(
            "{id}: recorded {} message{} sent",
            sent.len(),
            if sent.len() == 1 { "" } else { "s" }
        );
    }
    if sent.len() < letters.len() {
        let untried: Vec<&str> = letters
            .iter()
            .map(|l| l.creator.as_str())
            .filter(|c| !results.iter().any(|r| r.creator == *c))
            .collect();
        let failed = results
            .iter()
            .find(|r| r.result.is_err())
            .map_or("", |r| r.creator.as_str());
        bail!(
            "sent {} of {}; stopped at {failed}{}",
            sent.len(),
            letters.len(),
            if untried.is_empty() {
                String::new()
            } else {
                format!("; not sent: {}", untried.join(", "))
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
