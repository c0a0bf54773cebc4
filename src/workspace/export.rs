//! Exports, planned and written the same way from both front ends: which template (the one
//! asked for, else the campaign's; with neither, the caller must choose), who is invited and
//! how each letter reads, where the files go, and writing them.

use std::path::PathBuf;

use jiff::Zoned;

use super::{Roster, Session};
use crate::mail::export::{Format, Written, file_stem};
use crate::mail::{Invitee, Prepared};
use crate::model::{Campaign, Entry};

/// The invitations of an export, rendered and checked, before anything is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    /// The template they were rendered from.
    pub template: String,
    /// The letters and messages, and every problem found.
    pub prepared: Prepared,
    /// The sender's address (for mbox separator lines).
    pub sender: String,
}

/// An export ready to write: the letters, the files they make and where those go.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPlan {
    /// The campaign's id.
    pub campaign: String,
    /// The template and the letters.
    pub planned: Planned,
    /// The format of the files.
    pub format: Format,
    /// The folder the files go to.
    pub dir: PathBuf,
    /// That folder as messages name it.
    pub shown_dir: String,
    /// Each file, relative to `dir`, with its bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl ExportPlan {
    /// How many files of an earlier export the plan would replace, or why it cannot be
    /// written: what a dry run says, and what the real run checks first.
    pub fn check(&self) -> std::io::Result<usize> {
        crate::mail::export::check(&self.dir, &self.files)
    }

    /// Writes the files (all or nothing).
    pub fn write(self) -> std::io::Result<Written> {
        crate::mail::export::write(&self.dir, self.format, self.files)
    }
}

impl Session {
    /// The template an export of `campaign`'s creators at `stage` uses: `asked`; else the
    /// campaign's own, unless it says it is of another kind than the stage calls for (an
    /// invitation for the shortlisted, a follow-up for the contacted); else the one template
    /// of that kind (of several, the one named for the campaign's language). `None` means the
    /// caller must have the user choose: a template is never taken by guess.
    pub fn export_template(
        &self,
        campaign: &Campaign,
        asked: Option<&str>,
        stage: crate::model::Stage,
    ) -> Option<String> {
        if let Some(asked) = asked {
            return Some(asked.to_string());
        }
        let wanted = crate::mail::template::Kind::for_stage(stage);
        let kinds = self.template_kinds();
        let kind_of = |name: &str| kinds.iter().find(|(n, _)| n == name).and_then(|(_, k)| *k);
        if let Some(own) = &campaign.brief.template
            && kind_of(own).is_none_or(|k| k == wanted)
        {
            return Some(own.clone());
        }
        let of_kind: Vec<&String> = kinds
            .iter()
            .filter(|(_, k)| *k == Some(wanted))
            .map(|(n, _)| n)
            .collect();
        match of_kind.as_slice() {
            [one] => Some((*one).clone()),
            several => {
                let lang = campaign.brief.lang.map(|l| l.tag().to_lowercase())?;
                let named: Vec<&&String> = several
                    .iter()
                    .filter(|n| n.to_lowercase().ends_with(&lang))
                    .collect();
                match named.as_slice() {
                    [one] => Some((**one).clone()),
                    _ => None,
                }
            }
        }
    }

    /// The workspace's templates, sorted by name.
    pub fn template_names(&self) -> Vec<String> {
        crate::mail::template_names(&self.workspace)
    }

    /// The workspace's templates with the kind each says it is (none for a template that
    /// says none or cannot be read), sorted by name.
    pub fn template_kinds(&self) -> Vec<(String, Option<crate::mail::template::Kind>)> {
        self.template_names()
            .into_iter()
            .map(|name| {
                let kind = crate::mail::load_template(&self.workspace, &name)
                    .ok()
                    .and_then(|t| t.kind);
                (name, kind)
            })
            .collect()
    }

    /// Where the exports of campaign `id` go: `exports/<id>/`.
    pub fn export_dir(&self, id: &str) -> PathBuf {
        self.workspace.exports_dir().join(file_stem(id))
    }

    /// Renders and checks the invitations of `entries` of `campaign` (named `file` in
    /// messages) from template `template`, dated `now`.
    pub fn prepare_export(
        &self,
        roster: &Roster,
        file: &str,
        campaign: &Campaign,
        template: &str,
        entries: &[&Entry],
        now: &Zoned,
    ) -> Planned {
        self.prepare_export_counted(roster, (file, campaign), template, entries, now, None)
    }

    /// As [`Session::prepare_export`] (the campaign with its file's name), counting each
    /// invitation rendered in `progress`.
    pub fn prepare_export_counted(
        &self,
        roster: &Roster,
        (file, campaign): (&str, &Campaign),
        template: &str,
        entries: &[&Entry],
        now: &Zoned,
        progress: Option<&crate::store::progress::Progress>,
    ) -> Planned {
        let creators = roster.invitees(entries);
        let invitees: Vec<Invitee<'_>> = entries
            .iter()
            .zip(&creators)
            .map(|(entry, creator)| Invitee {
                entry,
                creator: creator.as_ref(),
            })
            .collect();
        let prepared = crate::mail::prepare_named(
            &self.workspace,
            file,
            template,
            campaign,
            &invitees,
            &crate::mail::export::At {
                now,
                currency: &self.config.currency,
                progress,
            },
        );
        Planned {
            template: template.to_string(),
            prepared,
            sender: campaign
                .brief
                .sender
                .as_ref()
                .map(|s| s.email.to_string())
                .unwrap_or_default(),
        }
    }

    /// What an export of `planned` as `format` records in the campaign, written at `now`: for
    /// each message, a `sent` event with its message id (what later follow-ups answer and
    /// replies are found by) — not for `txt`, which is text to paste, not a message with an id
    /// — and with `contacted`, the move of those still shortlisted to contacted.
    pub fn sent_edits(
        &self,
        campaign: &Campaign,
        planned: &Planned,
        now: &Zoned,
        contacted: bool,
        format: crate::mail::Format,
    ) -> Vec<crate::outreach::Edit> {
        let mut edits = self.records_of(campaign, planned, now, contacted, "exported", None);
        if format == crate::mail::Format::Txt {
            edits.retain(|e| !matches!(e, crate::outreach::Edit::Event { .. }));
        }
        edits
    }

    /// As [`Session::sent_edits`], saying how the messages left (`exported`, `sent`), for the
    /// creators in `only` when given.
    pub fn records_of(
        &self,
        campaign: &Campaign,
        planned: &Planned,
        now: &Zoned,
        contacted: bool,
        how: &str,
        only: Option<&[String]>,
    ) -> Vec<crate::outreach::Edit> {
        use crate::model::{Change, Event, Stage};
        use crate::outreach::Edit;
        let chosen = |creator: &str| only.is_none_or(|o| o.iter().any(|c| c == creator));
        let mut edits: Vec<Edit> = planned
            .prepared
            .letters
            .iter()
            .filter(|l| chosen(&l.creator))
            .map(|letter| {
                let id = crate::mail::message::message_id(
                    &campaign.id,
                    &letter.creator,
                    &planned.sender,
                    now,
                );
                Edit::Event {
                    creator: letter.creator.clone(),
                    change: Box::new(Change {
                        at: now.timestamp(),
                        offset: now.offset(),
                        stage: None,
                        event: Some(Event::Sent),
                        note: Some(format!("{} {how}", planned.template)),
                        message_id: Some(crate::mail::thread::bracketed(&id)),
                    }),
                }
            })
            .collect();
        if contacted {
            let shortlisted = planned.prepared.letters.iter().filter(|l| {
                chosen(&l.creator)
                    && campaign
                        .entry(&l.creator)
                        .is_some_and(|e| e.stage == Stage::Shortlisted)
            });
            edits.extend(Edit::invited(shortlisted.map(|l| l.creator.clone())));
        }
        edits
    }

    /// The files of an earlier export that writing `planned` as `format` would replace, as
    /// shown to the user.
    pub fn export_would_replace(
        &self,
        campaign: &str,
        planned: &Planned,
        format: crate::mail::Format,
        now: &Zoned,
    ) -> Vec<String> {
        let dir = self.export_dir(campaign);
        crate::mail::export::files(format, campaign, &planned.prepared, &planned.sender, now)
            .into_iter()
            .map(|(path, _)| dir.join(path))
            .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
            .map(|path| self.shown(&path))
            .collect()
    }

    /// The files `planned` makes in `format`, going to `out` (else the campaign's export
    /// folder).
    pub fn plan_export(
        &self,
        campaign: &str,
        planned: Planned,
        format: Format,
        now: &Zoned,
        out: Option<PathBuf>,
    ) -> ExportPlan {
        let files =
            crate::mail::export::files(format, campaign, &planned.prepared, &planned.sender, now);
        let dir = out.unwrap_or_else(|| self.export_dir(campaign));
        ExportPlan {
            campaign: campaign.to_string(),
            shown_dir: self.shown(&dir),
            planned,
            format,
            dir,
            files,
        }
    }
}
