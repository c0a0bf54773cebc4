//! A yes-or-no question before something that takes away: taking creators off a shortlist.
//! `y` (or enter) does it, `n` (or esc) leaves everything as it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{boxed, lay_out, who};
use crate::display::escape;
use crate::model::Stage;
use crate::outreach::Edit;
use crate::tui::app::{App, Target};
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The question's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "ask", title: "Question", takes_text: false, keys: &[
    (&["y", "enter"], Action::Apply, "yes, do it", Some("yes")),
    (&["n", "esc", "q"], Action::Back, "no, leave it", Some("no")),
]});

/// What a yes does.
#[derive(Debug)]
pub enum Then {
    /// Take these entries off their campaign's shortlist.
    Remove(Vec<Target>),
}

/// A question waiting for its answer.
#[derive(Debug)]
pub struct Ask {
    pub lines: Vec<String>,
    pub then: Then,
}

impl Ask {
    /// Asks before taking `targets` off the shortlist, saying what goes with those past
    /// contacted (their talks, contract and payments in this campaign).
    pub fn remove(targets: Vec<Target>) -> Ask {
        let campaign = targets
            .first()
            .map(|t| t.campaign.clone())
            .unwrap_or_default();
        let mut lines = vec![format!(
            "Take {} off the shortlist of {campaign}?",
            who(&targets)
        )];
        let deep: Vec<String> = targets
            .iter()
            .filter(|t| !matches!(t.entry.stage, Stage::Shortlisted | Stage::Contacted))
            .map(|t| format!("{} ({})", t.entry.creator, t.entry.stage))
            .collect();
        if !deep.is_empty() {
            lines.push(format!(
                "{} past contacted: their history in this campaign (talks, contract, deliverables, payments) goes too.",
                deep.join(", ")
            ));
        }
        lines.push("z undoes it afterwards.".into());
        Ask {
            lines,
            then: Then::Remove(targets),
        }
    }
}

impl Overlay<App> for Ask {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::Apply => match &mut self.then {
                Then::Remove(targets) => {
                    let targets = std::mem::take(targets);
                    let edits = targets.into_iter().map(|t| {
                        let edit = Edit::Remove {
                            creators: vec![t.entry.creator.to_string()],
                            force: true,
                        };
                        (t.campaign, edit)
                    });
                    app.marked.clear();
                    Reply::close_with(app.save_each(edits.collect()))
                }
            },
            Action::Back => Reply::close(),
            _ => Reply::stay(),
        }
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let mut lines: Vec<Line<'_>> = self
            .lines
            .iter()
            .map(|l| Line::styled(format!(" {}", escape(l)), app.theme.text))
            .collect();
        lines.push(Line::default());
        lines.push(Line::styled(" y yes · n no", app.theme.key));
        let laid = lay_out(area, 64, &lines, 1);
        boxed(frame, app, "Remove?", laid, 0);
    }

    crate::any_overlay!();
}
