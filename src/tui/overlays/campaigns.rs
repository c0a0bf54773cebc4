//! The campaign picker (`c`): the workspace's campaigns (read on a thread), and "none".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::settings::SettingsForm;
use super::{boxed, lay_out};
use crate::display::escape;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};
use crate::tui::tasks::Task;
use crate::workspace::Choice;

/// The picker's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "campaigns", title: "Campaign picker", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&["enter", "space"], Action::Apply, "open this campaign", Some("open")),
    (&["n"], Action::NewCampaign, "start a new campaign", Some("new")),
    (&["e"], Action::CampaignSettings, "this campaign's settings", Some("settings")),
    (&["esc", "q", "c"], Action::Back, "close", Some("close")),
]});

/// The picker; `choices` is `None` until the list is read.
#[derive(Debug, Default)]
pub struct CampaignPicker {
    pub cursor: usize,
    pub choices: Option<Vec<Choice>>,
}

/// Opens the picker and asks for the campaigns.
pub fn open(app: &mut App) -> Vec<Effect> {
    app.open(CampaignPicker::default());
    vec![Effect::Task(Task::ListCampaigns)]
}

impl CampaignPicker {
    /// The list arrived: the open campaign is chosen at first; "none" is the last choice.
    pub fn arrived(&mut self, list: Vec<Choice>, open: Option<&str>) {
        self.cursor = list
            .iter()
            .position(|c| Some(c.id.as_str()) == open)
            .unwrap_or(0);
        self.choices = Some(list);
    }
}

impl Overlay<App> for CampaignPicker {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let count = self.choices.as_ref().map_or(0, |c| c.len() + 1);
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Apply if count > 0 => {
                let chosen = self
                    .choices
                    .as_ref()
                    .and_then(|c| c.get(self.cursor))
                    .map(|c| c.id.clone());
                return Reply::close_with(app.choose_campaign(chosen));
            }
            Action::NewCampaign => {
                app.after_pick = None;
                let settings = app.new_settings.clone();
                let templates = app.templates.clone();
                app.open(SettingsForm::new(None, settings, templates));
                return Reply::close();
            }
            Action::CampaignSettings => {
                let chosen = self
                    .choices
                    .as_ref()
                    .and_then(|c| c.get(self.cursor))
                    .map(|c| c.id.clone());
                let Some(id) = chosen else {
                    return Reply::stay();
                };
                // Its settings are those of the campaign once read.
                app.after_pick = Some(crate::tui::app::AfterPick::Settings);
                return Reply::close_with(app.choose_campaign(Some(id)));
            }
            Action::Back => {
                // Closing the picker cancels what was to follow it.
                app.after_pick = None;
                return Reply::close();
            }
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let theme = &app.theme;
        let open = app.campaign.as_ref().map(|c| c.campaign.id.as_str());
        let mut lines: Vec<Line<'_>> = Vec::new();
        match self.choices.as_deref() {
            None => lines.push(Line::styled(" reading the campaigns…", theme.muted)),
            Some([]) => {
                lines.push(Line::styled(" there are no campaigns yet", theme.muted));
                lines.push(Line::styled(" n starts one", theme.muted));
            }
            Some(list) => {
                for (i, choice) in list.iter().enumerate() {
                    let mark = if Some(choice.id.as_str()) == open {
                        "●"
                    } else {
                        " "
                    };
                    let style = if i == self.cursor {
                        theme.cursor
                    } else {
                        theme.text
                    };
                    let about = match &choice.name {
                        Ok(name) => format!(
                            "{}  ({} on the shortlist)",
                            escape(name),
                            crate::display::grouped(choice.entries as u64)
                        ),
                        Err(problem) => escape(problem).into_owned(),
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!(" {mark} {:<20} ", escape(&choice.id)), style),
                        Span::styled(
                            about,
                            if choice.name.is_err() {
                                theme.error
                            } else {
                                theme.muted
                            },
                        ),
                    ]));
                }
                let style = if self.cursor == list.len() {
                    theme.cursor
                } else {
                    theme.text
                };
                let mark = if open.is_none() { "●" } else { " " };
                lines.push(Line::styled(format!(" {mark} none"), style));
            }
        }
        let longest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
        let w = (longest as u16 + 4).max(40);
        boxed(frame, app, "Campaign", lay_out(area, w, &lines, 25), 0);
    }

    crate::any_overlay!();
}
