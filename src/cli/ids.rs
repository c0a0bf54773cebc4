//! Ids as typed, made exact before a command runs: a campaign by a unique beginning of its
//! id, a creator by an alias, a name, a handle or a unique beginning of the id (among the
//! campaign's shortlist first, where there is one). Each id taken for another is said on
//! standard error; one that names no one, or several, stops the command with why.

use super::Command;
use super::record::Who;
use crate::workspace::{Resolved, Roster, Session, Unresolved};

/// Makes the ids `command` was given exact.
pub fn forgive(session: &Session, command: &mut Command) -> anyhow::Result<()> {
    let mut roster: Option<Roster> = None;
    let mut open = || -> anyhow::Result<Roster> {
        if let Some(r) = &roster {
            return Ok(r.clone());
        }
        let r = super::roster(session)?;
        roster = Some(r.clone());
        Ok(r)
    };
    match command {
        Command::Add(a) => {
            campaign(session, &mut a.campaign)?;
            let roster = open()?;
            for c in &mut a.creators {
                // Ids that name no one are listed together by the command itself.
                match roster.resolve(c, None) {
                    Ok(found) => take(c, found, "creator"),
                    Err(Unresolved::Missing { .. }) => {}
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Command::Stage(a) => {
            campaign(session, &mut a.campaign)?;
            on_shortlist(session, &open()?, &a.campaign, &mut a.creator)?;
        }
        Command::Remove(a) => {
            campaign(session, &mut a.campaign)?;
            let roster = open()?;
            for c in &mut a.creators {
                on_shortlist(session, &roster, &a.campaign, c)?;
            }
        }
        Command::Pipeline(a) => campaign(session, &mut a.campaign)?,
        Command::Report(a) => campaign(session, &mut a.campaign)?,
        // With --due the campaign may be left out.
        Command::Export(a) if !a.campaign.is_empty() => campaign(session, &mut a.campaign)?,
        Command::Replies(a) => {
            if let Some(c) = &mut a.campaign {
                campaign(session, c)?;
            }
        }
        Command::Due(a) => {
            if let Some(c) = &mut a.campaign {
                campaign(session, c)?;
            }
        }
        Command::Creator(a) => creator(&open()?, &mut a.id, None)?,
        Command::Contract(a) => who(session, &open()?, &mut a.who)?,
        Command::Ship(a) => who(session, &open()?, &mut a.who)?,
        Command::Payment(a) => who(session, &open()?, &mut a.who)?,
        Command::Paid(a) => who(session, &open()?, &mut a.who)?,
        Command::Deliverable(a) => who(session, &open()?, &mut a.who)?,
        Command::Review(a) => who(session, &open()?, &mut a.who)?,
        Command::Posted(a) => who(session, &open()?, &mut a.who)?,
        Command::Live(a) => who(session, &open()?, &mut a.who)?,
        Command::Results(a) => who(session, &open()?, &mut a.who)?,
        _ => {}
    }
    Ok(())
}

fn who(session: &Session, roster: &Roster, who: &mut Who) -> anyhow::Result<()> {
    campaign(session, &mut who.campaign)?;
    on_shortlist(session, roster, &who.campaign, &mut who.creator)
}

/// Says an id taken for another, and puts it in place.
fn take(typed: &mut String, found: Resolved, what: &str) {
    if let Some(by) = found.by {
        crate::errln!(
            "shortlist: \"{typed}\" is the {what} {} (by {by})",
            found.id
        );
    }
    *typed = found.id;
}

fn campaign(session: &Session, typed: &mut String) -> anyhow::Result<()> {
    if session.workspace.campaign_file(typed).is_file() {
        return Ok(());
    }
    let found = session.resolve_campaign(typed)?;
    take(typed, found, "campaign");
    Ok(())
}

fn creator(roster: &Roster, typed: &mut String, among: Option<&[&str]>) -> anyhow::Result<()> {
    let found = roster.resolve(typed, among)?;
    take(typed, found, "creator");
    Ok(())
}

/// A creator of campaign `id`'s shortlist; one not on it is looked for among every creator,
/// for the command to say they must be added first.
fn on_shortlist(
    session: &Session,
    roster: &Roster,
    id: &str,
    typed: &mut String,
) -> anyhow::Result<()> {
    // An id as it is needs nothing read: the command says whether they are on the shortlist.
    if roster.ids().row(typed).is_some() {
        return Ok(());
    }
    let listed = super::campaign_or_fail(session, roster, id)?;
    let entries: Vec<&str> = listed.entries.iter().map(|e| e.creator.as_str()).collect();
    match roster.resolve(typed, Some(&entries)) {
        Ok(found) => {
            take(typed, found, "creator");
            Ok(())
        }
        Err(on_list) => match roster.resolve(typed, None) {
            Ok(found) => {
                take(typed, found, "creator");
                Ok(())
            }
            // An entry whose creator is gone from the database keeps its id as typed.
            Err(_) if entries.contains(&typed.as_str()) => Ok(()),
            Err(_) => Err(match on_list {
                Unresolved::Missing { typed, hint, .. } => {
                    anyhow::anyhow!("no creator \"{typed}\" on the shortlist of {id}{hint}")
                }
                other => other.into(),
            }),
        },
    }
}
