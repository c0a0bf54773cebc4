//! One entry's work after the contract (`v`): stage and fee, the contract's terms and usage
//! rights, the shipment, each deliverable with its dates and review rounds, the payments paid
//! and owed, and what is due. A cursor goes over the records; each has its form, and the
//! frequent steps have their own keys (a review round, posted, still live, results, paid).

mod lines;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::form::Form;
use super::{boxed, lay_out};
use crate::display::escape;
use crate::model::{Record, Val};
use crate::outreach::{About, Edit};
use crate::tui::app::{App, Target};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The entry view's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "entry", title: "Entry view", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next record", None),
    (&["k", "up"], Action::Up, "previous record", None),
    (&["enter"], Action::Apply, "edit the record (or add one)", Some("edit")),
    (&["r"], Action::Review, "record a review round of the deliverable", Some("review")),
    (&["o"], Action::Posted, "mark the deliverable posted…", Some("posted")),
    (&["l"], Action::Live, "the post is still live (checked today)", None),
    (&["R"], Action::RecordResults, "record the post's results…", Some("results")),
    (&["m"], Action::Paid, "mark the payment paid today", Some("paid")),
    (&["f"], Action::Fee, "the fee…", None),
    (&["s"], Action::SetStage, "set the stage…", None),
    (&["esc", "v", "q"], Action::Back, "back", Some("back")),
]});

/// What the cursor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Contract,
    Shipment,
    Deliverable(usize),
    Payment(usize),
    NewDeliverable,
    NewPayment,
}

/// The entry view of one entry.
#[derive(Debug)]
pub struct EntryView {
    /// The entry as last read or saved.
    pub target: Target,
    pub cursor: usize,
}

impl EntryView {
    pub fn new(target: Target) -> EntryView {
        EntryView { target, cursor: 0 }
    }

    /// The view of `target`, its cursor on what `about` names (a deliverable, a payment, the
    /// contract's rights).
    pub fn at(target: Target, about: Option<&About>) -> EntryView {
        let mut view = EntryView::new(target);
        let e = &view.target.entry;
        let wanted = match about {
            Some(About::Deliverable(id)) => e
                .deliverables
                .iter()
                .position(|d| d.id == *id)
                .map(Row::Deliverable),
            Some(About::Payment { number, .. }) => usize::try_from(*number)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .map(Row::Payment),
            Some(About::Rights(_)) => Some(Row::Contract),
            _ => None,
        };
        if let Some(row) = wanted {
            view.cursor = view.rows().iter().position(|r| *r == row).unwrap_or(0);
        }
        view
    }

    /// The rows the cursor goes over, top to bottom.
    pub fn rows(&self) -> Vec<Row> {
        let e = &self.target.entry;
        let mut rows = vec![Row::Contract, Row::Shipment];
        rows.extend((0..e.deliverables.len()).map(Row::Deliverable));
        rows.extend((0..e.payments.len()).map(Row::Payment));
        rows.extend([Row::NewDeliverable, Row::NewPayment]);
        rows
    }

    fn row(&self) -> Row {
        let rows = self.rows();
        rows[self.cursor.min(rows.len() - 1)]
    }

    /// The deliverable under the cursor, or the only one.
    fn deliverable(&self) -> Option<String> {
        let e = &self.target.entry;
        match self.row() {
            Row::Deliverable(i) => e.deliverables.get(i).map(|d| d.id.to_string()),
            _ if e.deliverables.len() == 1 => Some(e.deliverables[0].id.to_string()),
            _ => None,
        }
    }

    /// The entry as saved just now, when the save was of its campaign.
    pub fn saved(&mut self, campaign: &crate::model::Campaign) {
        if campaign.id == self.target.campaign
            && let Some(e) = campaign.entry(&self.target.entry.creator)
        {
            self.target.entry = e.clone();
            self.cursor = self.cursor.min(self.rows().len() - 1);
        }
    }
}

/// Does one of the record keys — a review round, posted, results, still live, paid — on
/// `target`'s deliverable `deliverable` or its payment `payment` (from 0; else the oldest owed).
/// The agenda and the entry view share it.
pub fn act(
    app: &mut App,
    target: Target,
    action: Action,
    deliverable: Option<String>,
    payment: Option<usize>,
) -> Vec<Effect> {
    let today = app.now.date();
    let creator = target.entry.creator.to_string();
    let campaign = target.campaign.clone();
    if action == Action::Paid {
        let owed = target.entry.payments.iter().position(|p| p.paid.is_none());
        let Some(i) = payment.or(owed) else {
            app.tell("no payment owed: add one in the entry view (v)", false);
            return Vec::new();
        };
        let edit = Edit::Set {
            creator,
            record: Record::Payment(u32::try_from(i + 1).unwrap_or(u32::MAX)),
            values: vec![("paid".into(), Val::Date(today))],
        };
        return app.save_each(vec![(campaign, edit)]);
    }
    let Some(id) = deliverable else {
        app.tell(
            "choose a deliverable first, or add one in the entry view (v)",
            false,
        );
        return Vec::new();
    };
    match action {
        Action::Review => app.open(Form::round(target, &id)),
        Action::Posted => app.open(Form::posted(target, &id, today)),
        Action::RecordResults => app.open(Form::results(target, &id, today)),
        Action::Live => {
            let edit = Edit::Set {
                creator,
                record: Record::Deliverable(id),
                values: vec![
                    ("checked".into(), Val::Date(today)),
                    ("live".into(), Val::Bool(true)),
                ],
            };
            return app.save_each(vec![(campaign, edit)]);
        }
        _ => {}
    }
    Vec::new()
}

impl Overlay<App> for EntryView {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let t = self.target.clone();
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(self.rows().len() - 1),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Apply => {
                let e = &t.entry;
                let form = match self.row() {
                    Row::Contract => Form::contract(t),
                    Row::Shipment => Form::shipment(t),
                    Row::Deliverable(i) => {
                        let d = e.deliverables.get(i).cloned();
                        Form::deliverable(t, d.as_ref())
                    }
                    Row::Payment(i) => {
                        let p = e.payments.get(i).cloned();
                        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                        Form::payment(t, p.as_ref().map(|p| (n, p)))
                    }
                    Row::NewDeliverable => Form::deliverable(t, None),
                    Row::NewPayment => Form::payment(t, None),
                };
                app.open(form);
            }
            Action::Review
            | Action::Posted
            | Action::RecordResults
            | Action::Live
            | Action::Paid => {
                let payment = match self.row() {
                    Row::Payment(i) => Some(i),
                    _ => None,
                };
                return Reply::stay_with(act(app, t, action, self.deliverable(), payment));
            }
            Action::Fee => app.open(Form::fee(vec![t], None)),
            Action::SetStage => app.open(super::stages::StagePicker::new(vec![t])),
            Action::Back => return Reply::close(),
            _ => {}
        }
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let lines = lines::lines(app, self);
        let title = format!(
            "{} in {} · enter edits · esc back",
            self.target.entry.creator, self.target.campaign
        );
        let width = area.width.saturating_sub(4).clamp(40, 110);
        let laid = lay_out(area, width, &lines, 12);
        // The cursor's line once wrapped, kept on screen.
        let cursor_line = laid
            .lines
            .iter()
            .position(|l| {
                l.spans
                    .first()
                    .is_some_and(|s| s.content.starts_with(lines::CURSOR))
            })
            .unwrap_or(0);
        let inner = usize::from(laid.rect.height.saturating_sub(2));
        let scroll = cursor_line.saturating_sub(inner.saturating_sub(3));
        boxed(frame, app, &escape(&title), laid, scroll);
    }

    crate::any_overlay!();
}
