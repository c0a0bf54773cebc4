//! What the subcommands share once the workspace is open: the roster of creators (opened once
//! per run), a campaign read with its problems said, a creator found on its shortlist, and
//! edits saved with what became of each.

use std::process::ExitCode;

use crate::workspace::{Roster, Session};

/// Reads campaign `id` with its entries checked against the roster, printing its problems;
/// `None` when the file cannot be read as a campaign (said too).
pub(super) fn read_campaign(
    session: &Session,
    roster: &Roster,
    id: &str,
) -> anyhow::Result<Option<crate::model::Campaign>> {
    Ok(read_campaign_said(session, roster, id)?.campaign)
}

/// Like [`read_campaign`], with the file's name and problems.
fn read_campaign_said(
    session: &Session,
    roster: &Roster,
    id: &str,
) -> anyhow::Result<crate::workspace::ReadCampaign> {
    let ids = roster.ids();
    let read = session.read_campaign(id, Some(&ids))?;
    crate::term::report::diagnostics(&read.diagnostics);
    if read.campaign.is_none() {
        crate::errln!(
            "shortlist: {} cannot be read (see above); left out",
            read.file
        );
    }
    Ok(read)
}

/// Like [`read_campaign`], but a campaign that cannot be read ends the command.
pub(super) fn campaign_or_fail(
    session: &Session,
    roster: &Roster,
    id: &str,
) -> anyhow::Result<crate::model::Campaign> {
    read_campaign(session, roster, id)?
        .ok_or_else(|| anyhow::anyhow!("campaign \"{id}\" cannot be read"))
}

/// The roster, with a warning when the database has errors (its creators with errors are left
/// out).
pub(super) fn roster(session: &Session) -> anyhow::Result<Roster> {
    // A command opens the database once, however many steps ask for it (ids made exact,
    // then the command itself): kept for the run, by the file it was read from.
    static OPENED: std::sync::Mutex<Option<(std::path::PathBuf, Roster)>> =
        std::sync::Mutex::new(None);
    let file = session.workspace.creators_file();
    let mut opened = OPENED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((path, roster)) = opened.as_ref()
        && *path == file
    {
        return Ok(roster.clone());
    }
    // A cold open of a large database shows how far it has come.
    let progress = crate::store::progress::Progress::new();
    crate::term::progress::step("reading creators.toml: nothing was changed");
    let bar = crate::term::progress::show(&progress, "reading creators.toml", "creators");
    let roster = Roster::open_with(session, &progress);
    progress.finish();
    if let Some(bar) = bar {
        let _ = bar.join();
    }
    let roster = roster?;
    *opened = Some((file, roster.clone()));
    Ok(roster)
}

/// Campaign `id`, read, once `creator` is known to be on its shortlist; otherwise a message
/// that says how to put them there or which id was meant.
pub(super) fn listed(
    session: &Session,
    roster: &Roster,
    id: &str,
    creator: &str,
) -> anyhow::Result<crate::model::Campaign> {
    use crate::store::KnownCreators;
    session.find_campaign(id)?;
    let known = roster.ids();
    let read = read_campaign_said(session, roster, id)?;
    let left_out = read.entry_has_errors(creator);
    let Some(campaign) = read.campaign else {
        anyhow::bail!("campaign \"{id}\" cannot be read");
    };
    if campaign.entry(creator).is_some() {
        return Ok(campaign);
    }
    // An entry left out for its mistakes is there all the same: to be mended, not added again.
    if left_out {
        anyhow::bail!(
            "{creator}'s entry in {} has problems to fix before it can be changed (listed above)",
            read.file
        );
    }
    if known.contains(creator) {
        anyhow::bail!(
            "{creator} is not on the shortlist of {id}; add them first: shortlist add {id} {creator}"
        );
    }
    let listed: Vec<&str> = campaign
        .entries
        .iter()
        .map(|e| e.creator.as_str())
        .collect();
    let hint = crate::suggest::nearest(creator, listed.iter().copied())
        .map(str::to_string)
        .or_else(|| known.nearest(creator))
        .map(|n| format!(" (did you mean \"{n}\"?)"))
        .unwrap_or_default();
    anyhow::bail!("no creator \"{creator}\" on the shortlist of {id}{hint}")
}

/// Makes `edits` to `creator`'s entry in campaign `id` and prints what became of each.
pub(super) fn save_entry(
    session: &Session,
    id: &str,
    creator: &str,
    edits: Vec<crate::outreach::Edit>,
) -> anyhow::Result<ExitCode> {
    let roster = roster(session)?;
    listed(session, &roster, id, creator)?;
    save(session, &roster, id, &edits)
}

/// Makes `edits` to campaign `id` and prints what became of each: `id: words; words`.
pub(super) fn save(
    session: &Session,
    roster: &Roster,
    id: &str,
    edits: &[crate::outreach::Edit],
) -> anyhow::Result<ExitCode> {
    let known = roster.ids();
    let now = crate::clock::now()?;
    let saved = session.save_campaign(id, edits, &now, Some(&known))?;
    let words: Vec<&str> = saved.outcomes.iter().map(|o| o.words()).collect();
    let tail = if saved.written {
        ""
    } else {
        "; nothing changed"
    };
    crate::outln!("{id}: {}{tail}", words.join("; "));
    Ok(ExitCode::SUCCESS)
}
