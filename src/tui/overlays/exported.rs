//! The question after an export: move the invited who were shortlisted to `contacted`?

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::display::escape;
use crate::outreach::Edit;
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::{centred, padded};
use crate::tui::room::{Overlay, Reply};
use crate::tui::tasks::ExportReport;
use crate::tui::wrap::wrap;

/// The question's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "exported", title: "After an export", takes_text: false, keys: &[
    (&["y", "enter"], Action::Apply, "move the invited to contacted, noting \"invitation exported\"", Some("move")),
    (&["n", "esc"], Action::Back, "leave their stages as they are", Some("leave")),
]});

/// After an export: move `creators` (who were shortlisted) to contacted?
#[derive(Debug)]
pub struct Exported {
    pub campaign: String,
    pub creators: Vec<String>,
    /// What was written, as the bar said it.
    pub written: String,
}

/// The invitations were written, or could not be: the bar says so, and when some of the invited
/// were shortlisted, the question is asked.
pub fn arrived(app: &mut App, report: ExportReport) {
    app.exporting = app.exporting.saturating_sub(1);
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
            if let Some(problem) = &report.unrecorded {
                text.push_str(&format!(
                    " · the messages sent could not be recorded: {problem}"
                ));
            }
            app.tell(text.clone(), false);
            // The selection is used up, as by the other actions on it.
            app.marked.clear();
            if !report.shortlisted.is_empty() {
                app.open(Exported {
                    campaign: report.campaign,
                    creators: report.shortlisted,
                    written: text,
                });
            }
        }
        Err(e) => app.tell(
            format!(
                "could not write to {}/: {e}; nothing was written",
                report.dir
            ),
            true,
        ),
    }
}

impl Overlay<App> for Exported {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Apply => {
                let creators = std::mem::take(&mut self.creators);
                Reply::close_with(app.save(&self.campaign, Edit::invited(creators)))
            }
            Action::Back => {
                app.tell(self.written.clone(), false);
                Reply::close()
            }
            _ => Reply::stay(),
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let text = [
            Line::styled(escape(&self.written).into_owned(), app.theme.ok),
            Line::raw(""),
            Line::styled(
                format!(
                    "Move {} from shortlisted to contacted, noting \"{}\"?",
                    escape(&self.creators.join(", ")),
                    crate::outreach::edit::INVITATION_EXPORTED
                ),
                app.theme.text,
            ),
            Line::styled(
                " y moves them · n leaves their stages as they are",
                app.theme.key,
            ),
        ];
        let width = 64.min(area.width);
        let wrapped: Vec<Line<'static>> = text
            .iter()
            .flat_map(|l| wrap(l, usize::from(width.saturating_sub(4)), 0))
            .collect();
        let height = u16::try_from(wrapped.len() + 2).unwrap_or(u16::MAX);
        let rect = centred(area, width, height);
        let padded = padded(super::frame_box(frame, app, rect, "Exported"));
        frame.render_widget(Paragraph::new(wrapped), padded);
    }

    crate::any_overlay!();
}
