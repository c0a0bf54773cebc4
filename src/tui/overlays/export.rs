//! The export preview (`x`): the invitations of the chosen entries, rendered on a thread and
//! shown over the whole screen before anything is written; `f` picks the format, `t` the
//! template, `enter` writes.

mod letters;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::mail::Format;
use crate::model::{Entry, Stage};
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::padded;
use crate::tui::room::{Overlay, Reply};
use crate::tui::tasks::{ExportPreview, ExportWrite, Task};
use crate::workspace::Planned;

/// The preview's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "export", title: "Export preview", takes_text: false, keys: &[
    (&["l", "right"], Action::Right, "next creator's invitation", Some("next")),
    (&["h", "left"], Action::Left, "previous creator's invitation", None),
    (&["j", "down"], Action::Down, "scroll down", None),
    (&["k", "up"], Action::Up, "scroll up", None),
    (&["pgdn"], Action::PageDown, "page down", None),
    (&["pgup"], Action::PageUp, "page up", None),
    (&["f"], Action::Format, "next format: eml, mbox, maildir, txt", Some("format")),
    (&["t"], Action::Template, "next template", Some("template")),
    (&["enter", "y"], Action::Apply, "write the invitations", Some("write")),
    (&["esc", "q"], Action::Back, "cancel: write nothing", Some("cancel")),
]});

/// The export preview: what was asked, and the rendering once it is back.
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

/// `x`: opens the preview of the chosen entries' invitations and asks for them to be rendered.
pub fn open(app: &mut App) -> Vec<Effect> {
    let targets = match app.targets() {
        Ok(targets) => targets,
        Err(e) => {
            app.tell(e, false);
            return Vec::new();
        }
    };
    let campaign = targets[0].campaign.clone();
    let entries: Vec<Entry> = targets.into_iter().map(|t| t.entry).collect();
    app.generation_export += 1;
    app.open(ExportView {
        generation: app.generation_export,
        campaign: campaign.clone(),
        entries: entries.clone(),
        preview: None,
        cursor: 0,
        scroll: 0,
    });
    app.request_export(campaign, None, entries)
}

impl ExportView {
    /// The rendering came back (an answer to an older request is dropped).
    pub fn arrived(&mut self, preview: ExportPreview) {
        if self.generation == preview.generation {
            let count = preview.prepared.letters.len();
            self.cursor = self.cursor.min(count.saturating_sub(1));
            self.scroll = 0;
            self.preview = Some(preview);
        }
    }

    /// Where the preview is drawn: the screen above the bar.
    fn rect(app: &App) -> Rect {
        Rect::new(0, 0, app.width, app.height.saturating_sub(1))
    }

    /// How far the preview can be scrolled.
    fn max_scroll(&self, app: &App) -> usize {
        let r = ExportView::rect(app);
        let inner = usize::from(r.height.saturating_sub(2));
        let all = letters::lines(app, self, usize::from(r.width.saturating_sub(4)));
        all.len().saturating_sub(inner)
    }

    /// Writes the previewed invitations, when nothing stands in the way.
    fn write(&self, app: &mut App) -> Reply {
        let Some(preview) = &self.preview else {
            app.tell("still rendering the invitations…", false);
            return Reply::stay();
        };
        let Some(template) = preview.template.clone() else {
            app.tell("choose a template first: t goes through them", true);
            return Reply::stay();
        };
        let prepared = &preview.prepared;
        if prepared.blocked() {
            let n = prepared.problems.iter().filter(|p| p.fatal).count();
            app.tell(
                format!(
                    "nothing was written: fix the {} listed first",
                    if n == 1 { "error" } else { "errors" }
                ),
                true,
            );
            return Reply::stay();
        }
        if prepared.letters.is_empty() {
            app.tell("no invitation can be written; nothing was written", true);
            return Reply::stay();
        }
        let shortlisted = prepared
            .letters
            .iter()
            .filter(|l| {
                self.entries
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
            format: app.export_format,
            shortlisted,
        };
        app.exporting += 1;
        app.tell("writing…", false);
        Reply::close_with(vec![Effect::Task(Task::WriteExport(Box::new(write)))])
    }
}

impl Overlay<App> for ExportView {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let page = usize::from(app.height.saturating_sub(8)).max(1);
        let count = self
            .preview
            .as_ref()
            .map_or(0, |p| p.prepared.letters.len());
        match action {
            Action::Right | Action::Left => {
                let before = self.cursor;
                self.cursor = if action == Action::Right {
                    (self.cursor + 1).min(count.saturating_sub(1))
                } else {
                    self.cursor.saturating_sub(1)
                };
                if self.cursor != before {
                    self.scroll = 0;
                }
            }
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll += page,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(page),
            Action::Format => {
                let at = Format::ALL
                    .iter()
                    .position(|f| *f == app.export_format)
                    .unwrap_or(0);
                app.export_format = Format::ALL[(at + 1) % Format::ALL.len()];
            }
            Action::Template => {
                let Some(preview) = &self.preview else {
                    return Reply::stay();
                };
                if preview.templates.is_empty() {
                    app.tell("templates/ has no .txt templates", true);
                    return Reply::stay();
                }
                let at = preview
                    .template
                    .as_ref()
                    .and_then(|t| preview.templates.iter().position(|n| n == t));
                let next = match at {
                    Some(i) => preview.templates[(i + 1) % preview.templates.len()].clone(),
                    None => preview.templates[0].clone(),
                };
                app.generation_export += 1;
                self.generation = app.generation_export;
                self.preview = None;
                self.scroll = 0;
                let (campaign, entries) = (self.campaign.clone(), self.entries.clone());
                return Reply::stay_with(app.request_export(campaign, Some(next), entries));
            }
            Action::Apply => return self.write(app),
            Action::Back => return Reply::close(),
            _ => {}
        }
        self.scroll = self.scroll.min(self.max_scroll(app));
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, _area: Rect) {
        let r = ExportView::rect(app);
        if r.width < 10 || r.height < 4 {
            return;
        }
        let template = self
            .preview
            .as_ref()
            .and_then(|p| p.template.as_deref())
            .unwrap_or("…");
        let title = format!(
            "Invitations · {} · template {template} · {}",
            self.campaign,
            app.export_format.name()
        );
        let padded = padded(super::frame_box(frame, app, r, &title));
        let all = letters::lines(app, self, usize::from(padded.width));
        let scroll = self
            .scroll
            .min(all.len().saturating_sub(usize::from(padded.height)));
        frame.render_widget(
            Paragraph::new(all).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
            padded,
        );
    }

    crate::any_overlay!();
}
