//! A small form for one record of an entry: the contract's terms, the shipment, a deliverable,
//! a payment, a review round, a results snapshot, the fee. Each field is typed as text and read
//! when the form is saved — dates as `2026-12-15`, `today`, `+3`; amounts as `42500`, `4.25萬`;
//! lists comma-separated; a choice by name. What does not read stays in the form with what is
//! wrong; only the fields that were changed are written.

mod fields;
mod forms;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::{boxed, lay_out};
use crate::display::escape;
use crate::model::{Record, Stage, Val};
use crate::outreach::Edit;
use crate::tui::app::{App, Target};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};
pub use fields::{Field, Kind};

/// The form's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "form", title: "Record form", takes_text: true, keys: &[
    (&["tab", "down"], Action::NextField, "next field", Some("next field")),
    (&["shift-tab", "up"], Action::PreviousField, "previous field", None),
    (&["enter"], Action::Apply, "save", Some("save")),
    (&["esc"], Action::Back, "cancel", Some("cancel")),
    (&["backspace"], Action::DeleteBack, "delete before the cursor", None),
    (&["delete"], Action::DeleteForward, "delete under the cursor", None),
    (&["left"], Action::Left, "cursor left", None),
    (&["right"], Action::Right, "cursor right", None),
    (&["home", "ctrl-a"], Action::LineStart, "start of the field", None),
    (&["end", "ctrl-e"], Action::LineEnd, "end of the field", None),
    (&["ctrl-u"], Action::ClearLine, "clear the field", None),
]});

/// What saving the form does.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Set fields of a record of the entry (creating it when needed).
    Set(Record),
    /// Add a deliverable (its id is a field of the form).
    NewDeliverable,
    /// Record a review round of a deliverable.
    Round(String),
    /// Record a results snapshot of a deliverable.
    Results(String),
    /// Add a payment.
    AddPayment,
    /// Set the fee; with a stage, move there too (signing asks for the fee), with the note
    /// given for the history.
    Fee(Option<Stage>, Option<String>),
}

/// A form on the entries of `targets` (one, except when a fee goes with a stage change).
#[derive(Debug)]
pub struct Form {
    pub title: String,
    pub targets: Vec<Target>,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    /// The field being typed in.
    pub at: usize,
    pub error: Option<String>,
}

impl Form {
    /// A form with `fields`, the first one focused.
    pub fn new(
        title: String,
        targets: Vec<Target>,
        purpose: Purpose,
        mut fields: Vec<Field>,
    ) -> Form {
        // The field entered has its text selected: typing replaces it.
        if let Some(first) = fields.first_mut() {
            first.input.select_all();
        }
        Form {
            title,
            targets,
            purpose,
            fields,
            at: 0,
            error: None,
        }
    }

    /// Enters field `at`, its text selected.
    fn enter(&mut self, at: usize) {
        self.at = at;
        if let Some(f) = self.fields.get_mut(at) {
            f.input.select_all();
        }
    }

    fn input(&mut self) -> Option<&mut TextInput> {
        self.fields.get_mut(self.at).map(|f| &mut f.input)
    }

    /// The edits saving the form makes, or what is wrong with a field.
    pub fn edits(&self, today: jiff::civil::Date) -> Result<Vec<(String, Edit)>, String> {
        let mut values: Vec<(String, Val)> = Vec::new();
        for f in &self.fields {
            if (f.changed() || !matches!(self.purpose, Purpose::Set(_)))
                && let Some(v) = f.value(today)?
            {
                values.push((f.key.to_string(), v));
            }
        }
        let mut out = Vec::new();
        for t in &self.targets {
            let creator = t.entry.creator.to_string();
            let edits = fields::edits(&self.purpose, &creator, t, &values)?;
            out.extend(edits.into_iter().map(|e| (t.campaign.clone(), e)));
        }
        Ok(out)
    }
}

impl Overlay<App> for Form {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::NextField => self.enter((self.at + 1) % self.fields.len().max(1)),
            Action::PreviousField => self.enter(
                self.at
                    .checked_sub(1)
                    .unwrap_or(self.fields.len().saturating_sub(1)),
            ),
            Action::Apply => {
                return match self.edits(app.now.date()) {
                    Ok(edits) if edits.is_empty() => {
                        app.tell("nothing changed", false);
                        Reply::close()
                    }
                    Ok(edits) => Reply::close_with(app.save_each(edits)),
                    Err(e) => {
                        self.error = Some(e);
                        Reply::stay()
                    }
                };
            }
            Action::Back => return Reply::close(),
            other => {
                if let Some(input) = self.input()
                    && !input.edit(other)
                {
                    return Reply::stay();
                }
            }
        }
        self.error = None;
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let fields: Vec<(&str, &crate::tui::input::TextInput)> =
            self.fields.iter().map(|f| (f.label, &f.input)).collect();
        let (mut lines, label_width) = super::field_lines(app, &fields, self.at);
        let hint = self
            .fields
            .get(self.at)
            .map(|f| f.hint())
            .unwrap_or_default();
        lines.extend(super::form_footer(app, &hint, self.error.as_deref()));
        boxed(
            frame,
            app,
            &escape(&self.title),
            lay_out(area, 72, &lines, label_width + 1),
            0,
        );
    }

    crate::any_overlay!();
}
