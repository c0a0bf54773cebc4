//! The filter form (`f`): niche, platforms, tiers, a follower range, minimum engagement,
//! location and has-email, written into the query line as terms when applied.

pub mod form;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{boxed, lay_out};
use crate::display::escape;
use crate::model::{Platform, Tier};
use crate::tui::app::{App, Focus};
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};
pub use form::{Field, FilterForm};

/// The form's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "filter", title: "Filter form", takes_text: true, keys: &[
    (&["tab", "down"], Action::NextField, "next field", Some("next field")),
    (&["shift-tab", "up"], Action::PreviousField, "previous field", None),
    (&["left"], Action::Left, "previous option", None),
    (&["right"], Action::Right, "next option", None),
    (&["space"], Action::Toggle, "tick / untick", Some("tick")),
    (&["backspace"], Action::DeleteBack, "delete", None),
    (&["enter"], Action::Apply, "write the filters into the query", Some("apply")),
    (&["esc"], Action::Back, "cancel", Some("cancel")),
]});

impl FilterForm {
    /// The form, starting from the filters in the query line.
    pub fn open(app: &App) -> FilterForm {
        FilterForm::from_query(app.parsed.as_ref().ok())
    }
}

impl Overlay<App> for FilterForm {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::NextField => self.next(),
            Action::PreviousField => self.previous(),
            Action::Left => self.step(false),
            Action::Right => self.step(true),
            Action::Toggle => self.toggle(),
            Action::Insert(c) => {
                if let Some(input) = self.input() {
                    input.insert(c);
                }
            }
            Action::DeleteBack => {
                if let Some(input) = self.input() {
                    input.delete_back();
                }
            }
            Action::Apply => match self.filters() {
                Err(message) => self.error = Some(message),
                Ok(filters) => {
                    let text = form::rewrite(app.query.text(), app.parsed.as_ref().ok(), &filters);
                    app.query.set(&text);
                    app.focus = Focus::Results;
                    return Reply::close_with(app.reparse());
                }
            },
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let theme = &app.theme;
        let mut lines = Vec::new();
        for (i, field) in Field::ALL.iter().enumerate() {
            let focused = i == self.field;
            let label_style = if focused { theme.key } else { theme.muted };
            let mut spans = vec![Span::styled(format!(" {:<16}", field.label()), label_style)];
            match field {
                Field::Platforms => options(
                    &mut spans,
                    app,
                    Platform::KNOWN.iter().map(|p| p.short()),
                    &self.platforms,
                    focused.then_some(self.platform_cursor),
                ),
                Field::Tiers => options(
                    &mut spans,
                    app,
                    Tier::ALL.iter().map(|t| t.name()),
                    &self.tiers,
                    focused.then_some(self.tier_cursor),
                ),
                Field::HasEmail => spans.push(Span::styled(
                    if self.has_email { "[x]" } else { "[ ]" },
                    if focused { theme.cursor } else { theme.text },
                )),
                _ => {
                    let input = match field {
                        Field::Niche => &self.niche,
                        Field::FollowersFrom => &self.followers_from,
                        Field::FollowersTo => &self.followers_to,
                        Field::Engagement => &self.engagement,
                        _ => &self.location,
                    };
                    let text = escape(input.text()).into_owned();
                    let shown = if focused { format!("{text}▏") } else { text };
                    spans.push(Span::styled(
                        shown,
                        if focused { theme.title } else { theme.text },
                    ));
                }
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::default());
        match &self.error {
            Some(e) => lines.push(Line::styled(format!(" {}", escape(e)), theme.error)),
            None => lines.push(Line::styled(
                " the filters are written into the query line",
                theme.muted,
            )),
        }
        lines.push(Line::styled(
            " tab next · ←→ option · space tick · enter apply · esc cancel",
            theme.muted,
        ));
        boxed(frame, app, "Filter", lay_out(area, 78, &lines, 17), 0);
    }

    crate::any_overlay!();
}

fn options<'a>(
    spans: &mut Vec<Span<'a>>,
    app: &App,
    names: impl Iterator<Item = &'a str>,
    on: &[bool],
    cursor: Option<usize>,
) {
    for (i, name) in names.enumerate() {
        let tick = if on.get(i).copied().unwrap_or(false) {
            "▣"
        } else {
            "□"
        };
        let style: Style = if cursor == Some(i) {
            app.theme.cursor
        } else if on.get(i).copied().unwrap_or(false) {
            app.theme.marked
        } else {
            app.theme.text
        };
        spans.push(Span::styled(format!("{tick}{name}"), style));
        spans.push(Span::raw(" "));
    }
}
