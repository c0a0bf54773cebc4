//! Exporting invitations from the interface: `x` renders the invitations of the chosen entries
//! on a thread and shows them (each creator's subject and body, and every problem) before
//! anything is written; the user picks the format and the template, writes, and then decides
//! whether the invited move to `contacted`.

use super::{App, Effect, Overlay};
use crate::mail::{Format, Prepared};
use crate::model::{Entry, Stage};
use crate::outreach::Edit;
use crate::tui::keymap::Action;
use crate::tui::tasks::Task;
use crate::workspace::{Planned, Roster};

/// What to render for the preview.
pub struct ExportRequest {
    /// Answers to older requests are stale.
    pub generation: u64,
    pub campaign: String,
    /// The template; `None` for the campaign's own.
    pub template: Option<String>,
    pub entries: Vec<Entry>,
    /// The creators to write to.
    pub roster: Roster,
    pub now: jiff::Zoned,
}

impl std::fmt::Debug for ExportRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportRequest")
            .field("generation", &self.generation)
            .field("campaign", &self.campaign)
            .field("template", &self.template)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// The invitations as rendered from one template.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportPreview {
    pub generation: u64,
    pub campaign: String,
    /// The template used, if there was one to use.
    pub template: Option<String>,
    /// Every template of the workspace, to go through with `t`.
    pub templates: Vec<String>,
    /// Said above the invitations: which template is shown when the campaign names none.
    pub note: Option<String>,
    pub prepared: Prepared,
    /// The sender's address, for mbox separator lines.
    pub sender: String,
    /// The time the messages are dated.
    pub now: jiff::Zoned,
    /// Where the files go, as shown to the user (`exports/spring-tea`).
    pub dir: String,
}

/// The export preview overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportView {
    pub generation: u64,
    pub campaign: String,
    pub entries: Vec<Entry>,
    /// `None` until the rendering is back.
    pub preview: Option<ExportPreview>,
    /// The invitation shown.
    pub cursor: usize,
    pub scroll: usize,
}

/// An export to write: the letters as previewed, in the format chosen.
#[derive(Debug)]
pub struct ExportWrite {
    pub campaign: String,
    pub planned: Planned,
    pub format: Format,
    /// The time the messages are dated.
    pub now: jiff::Zoned,
    pub count: usize,
    /// The invited who are `shortlisted`, who may then move to `contacted`.
    pub shortlisted: Vec<String>,
}

/// An export that came back from the writer.
#[derive(Debug)]
pub struct ExportReport {
    pub campaign: String,
    /// Where the files went, as shown.
    pub dir: String,
    pub format: Format,
    pub template: String,
    pub count: usize,
    pub shortlisted: Vec<String>,
    /// How many files of an earlier export were replaced, or why nothing was written.
    pub result: Result<usize, String>,
}

impl App {
    /// `x`: renders the invitations of the chosen entries for the preview.
    pub(super) fn export(&mut self) -> Vec<Effect> {
        let targets = match self.targets() {
            Ok(targets) => targets,
            Err(e) => {
                self.tell(e, false);
                return Vec::new();
            }
        };
        let campaign = targets[0].campaign.clone();
        let entries: Vec<Entry> = targets.into_iter().map(|t| t.entry).collect();
        self.generation_export += 1;
        self.overlays.push(Overlay::Export(Box::new(ExportView {
            generation: self.generation_export,
            campaign: campaign.clone(),
            entries: entries.clone(),
            preview: None,
            cursor: 0,
            scroll: 0,
        })));
        self.render_export(campaign, None, entries)
    }

    fn render_export(
        &mut self,
        campaign: String,
        template: Option<String>,
        entries: Vec<Entry>,
    ) -> Vec<Effect> {
        let Some(db) = &self.db else {
            return Vec::new();
        };
        vec![Effect::Task(Task::PrepareExport(Box::new(ExportRequest {
            generation: self.generation_export,
            campaign,
            template,
            entries,
            roster: db.clone(),
            now: self.now.clone(),
        })))]
    }

    /// The invitations were rendered.
    pub fn on_export_prepared(&mut self, preview: ExportPreview) -> Vec<Effect> {
        if let Some(Overlay::Export(view)) = self.overlays.last_mut()
            && view.generation == preview.generation
        {
            let count = preview.prepared.letters.len();
            view.cursor = view.cursor.min(count.saturating_sub(1));
            view.scroll = 0;
            view.preview = Some(preview);
        }
        Vec::new()
    }

    /// Keys in the export preview.
    pub(super) fn update_export(&mut self, action: Action) -> Vec<Effect> {
        let page = usize::from(self.height.saturating_sub(8)).max(1);
        let Some(Overlay::Export(view)) = self.overlays.last_mut() else {
            return Vec::new();
        };
        let count = view
            .preview
            .as_ref()
            .map_or(0, |p| p.prepared.letters.len());
        match action {
            Action::Right | Action::Left => {
                let before = view.cursor;
                view.cursor = if action == Action::Right {
                    (view.cursor + 1).min(count.saturating_sub(1))
                } else {
                    view.cursor.saturating_sub(1)
                };
                if view.cursor != before {
                    view.scroll = 0;
                }
            }
            Action::Down => view.scroll += 1,
            Action::Up => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown => view.scroll += page,
            Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::Format => {
                let at = Format::ALL
                    .iter()
                    .position(|f| *f == self.export_format)
                    .unwrap_or(0);
                self.export_format = Format::ALL[(at + 1) % Format::ALL.len()];
            }
            Action::Template => {
                let Some(preview) = &view.preview else {
                    return Vec::new();
                };
                if preview.templates.is_empty() {
                    self.tell("templates/ has no .txt templates", true);
                    return Vec::new();
                }
                let at = preview
                    .template
                    .as_ref()
                    .and_then(|t| preview.templates.iter().position(|n| n == t));
                let next = match at {
                    Some(i) => preview.templates[(i + 1) % preview.templates.len()].clone(),
                    None => preview.templates[0].clone(),
                };
                self.generation_export += 1;
                view.generation = self.generation_export;
                view.preview = None;
                view.scroll = 0;
                let (campaign, entries) = (view.campaign.clone(), view.entries.clone());
                return self.render_export(campaign, Some(next), entries);
            }
            Action::Apply => return self.write_export(),
            Action::Back => {
                self.overlays.pop();
            }
            _ => {}
        }
        let max = crate::tui::view::export::max_scroll(self);
        if let Some(Overlay::Export(view)) = self.overlays.last_mut() {
            view.scroll = view.scroll.min(max);
        }
        Vec::new()
    }

    /// Writes the previewed invitations, when nothing stands in the way.
    fn write_export(&mut self) -> Vec<Effect> {
        let Some(Overlay::Export(view)) = self.overlays.last() else {
            return Vec::new();
        };
        let Some(preview) = &view.preview else {
            self.tell("still rendering the invitations…", false);
            return Vec::new();
        };
        if preview.template.is_none() {
            self.tell("choose a template first: t goes through them", true);
            return Vec::new();
        }
        let prepared = &preview.prepared;
        if prepared.blocked() {
            let n = prepared.problems.iter().filter(|p| p.fatal).count();
            self.tell(
                format!(
                    "nothing was written: fix the {} listed first",
                    if n == 1 { "error" } else { "errors" }
                ),
                true,
            );
            return Vec::new();
        }
        if prepared.letters.is_empty() {
            self.tell("no invitation can be written; nothing was written", true);
            return Vec::new();
        }
        let Some(template) = preview.template.clone() else {
            return Vec::new();
        };
        let format = self.export_format;
        let shortlisted = prepared
            .letters
            .iter()
            .filter(|l| {
                view.entries
                    .iter()
                    .any(|e| e.creator == l.creator.as_str() && e.stage == Stage::Shortlisted)
            })
            .map(|l| l.creator.clone())
            .collect();
        let write = ExportWrite {
            campaign: preview.campaign.clone(),
            count: prepared.letters.len(),
            planned: Planned {
                template,
                prepared: prepared.clone(),
                sender: preview.sender.clone(),
            },
            now: preview.now.clone(),
            format,
            shortlisted,
        };
        self.overlays.pop();
        self.exporting += 1;
        self.tell("writing…", false);
        vec![Effect::Task(Task::WriteExport(Box::new(write)))]
    }

    /// The invitations were written, or could not be.
    pub fn on_exported(&mut self, report: ExportReport) -> Vec<Effect> {
        self.exporting = self.exporting.saturating_sub(1);
        match report.result {
            Ok(replaced) => {
                let mut text = format!(
                    "wrote {} {} to {}/ ({}), from template {}",
                    report.count,
                    if report.count == 1 {
                        "invitation"
                    } else {
                        "invitations"
                    },
                    report.dir,
                    report.format.name(),
                    report.template
                );
                if replaced > 0 {
                    text.push_str(&format!(" · replaced {replaced} from an earlier export"));
                }
                self.tell(text.clone(), false);
                // The selection is used up, as by the other actions on it.
                self.marked.clear();
                if !report.shortlisted.is_empty() {
                    self.overlays.push(Overlay::Exported {
                        campaign: report.campaign,
                        creators: report.shortlisted,
                        written: text,
                    });
                }
            }
            Err(e) => self.tell(
                format!(
                    "could not write to {}/: {e}; nothing was written",
                    report.dir
                ),
                true,
            ),
        }
        Vec::new()
    }

    /// Keys in the question asked after an export.
    pub(super) fn update_exported(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::Exported {
            campaign,
            creators,
            written,
        }) = self.overlays.last()
        else {
            return Vec::new();
        };
        match action {
            Action::Apply => {
                let (campaign, creators) = (campaign.clone(), creators.clone());
                self.overlays.pop();
                self.save(&campaign, Edit::invited(creators))
            }
            Action::Back => {
                let written = written.clone();
                self.overlays.pop();
                self.tell(written, false);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
