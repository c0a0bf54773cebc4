//! `export --due`: the follow-ups due today, written (or sent) and recorded.

use std::process::ExitCode;

use super::{Args, Format};
use crate::model::{Entry, Stage};
use crate::workspace::Session;

/// `--due`: the follow-ups due today, campaign by campaign, grouped by the template their step
/// names; each batch written (or sent) and recorded like any export.
pub(super) fn due(session: &Session, args: &Args) -> anyhow::Result<ExitCode> {
    let roster = super::super::roster(session)?;
    let now = crate::clock::now()?;
    let only = Some(args.campaign.as_str()).filter(|c| !c.is_empty());
    let groups = session.follow_ups_due(&roster, only, now.date(), args.template.as_deref())?;
    let mut batches = 0;
    for group in &groups {
        let (campaign, file) = (&group.campaign, &group.file);
        let entries: Vec<&Entry> = group.entries.iter().collect();
        let Some(name) =
            session.export_template(campaign, group.template.as_deref(), Stage::Contacted)
        else {
            crate::errln!(
                "shortlist: {}: no follow-up template (a template with kind = \"follow-up\", or --template); {} not written",
                campaign.id,
                entries.len()
            );
            continue;
        };
        let planned = session.prepare_export(&roster, file, campaign, &name, &entries, &now);
        for problem in &planned.prepared.problems {
            crate::errln!("shortlist: {problem}");
        }
        if planned.prepared.blocked() || planned.prepared.letters.is_empty() {
            continue;
        }
        batches += 1;
        if args.send {
            super::send::send(session, args, campaign, &planned, &now, Stage::Contacted)?;
            continue;
        }
        let format = Format::from(args.format);
        let count = planned.prepared.letters.len();
        if args.dry_run {
            crate::outln!(
                "{}: would write {count} follow-up{} from template {name}:",
                campaign.id,
                if count == 1 { "" } else { "s" }
            );
            for l in &planned.prepared.letters {
                crate::outln!("  {} <{}>: {}", l.creator, l.to_email, l.subject);
            }
            continue;
        }
        let records = session.records_of(campaign, &planned, &now, false, "exported", None);
        let plan = session.plan_export(&campaign.id, planned, format, &now, args.out.clone());
        let shown = plan.shown_dir.clone();
        let dir = plan.dir.clone();
        let written = plan
            .write()
            .map_err(|e| anyhow::anyhow!("cannot write to {shown}: {e}; nothing was written"))?;
        crate::outln!(
            "{}: wrote {count} follow-up{} to {shown}/ ({}), from template {name}:",
            campaign.id,
            if count == 1 { "" } else { "s" },
            format.name()
        );
        for f in &written.files {
            crate::outln!("  {}", f.strip_prefix(&dir).unwrap_or(f).display());
        }
        session.save_campaign(&campaign.id, &records, &now, Some(&roster.ids()))?;
    }
    if batches == 0 {
        crate::errln!("no follow-up is due today");
    }
    Ok(ExitCode::SUCCESS)
}
