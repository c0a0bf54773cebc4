//! What the screens besides the search keep: the pipeline board of the open campaign (a column
//! per stage, the chosen creator) and the follow-ups due across campaigns; and switching to
//! them. Their keys and their drawing are in their rooms (`tui/screens/`).

use super::outreach::Target;
use super::{App, Effect, View};
use crate::model::Stage;
use crate::store::Diagnostic;
use crate::tui::tasks::Task;

/// The board's columns: the pipeline in order, then the closed stages together.
pub const COLUMNS: [(&str, &[Stage]); 8] = [
    ("shortlisted", &[Stage::Shortlisted]),
    ("contacted", &[Stage::Contacted]),
    ("negotiating", &[Stage::Negotiating]),
    ("contracted", &[Stage::Contracted]),
    ("producing", &[Stage::Producing]),
    ("published", &[Stage::Published]),
    ("completed", &[Stage::Completed]),
    ("closed", &[Stage::Declined, Stage::NoReply, Stage::Dropped]),
];

/// The column a stage is shown in.
pub fn column_of(stage: Stage) -> usize {
    COLUMNS
        .iter()
        .position(|(_, stages)| stages.contains(&stage))
        .unwrap_or(0)
}

/// Where the board's cursor is: a column, and the creator chosen in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Board {
    pub column: usize,
    pub creator: Option<String>,
}

/// One thing due, in the agenda.
pub use crate::workspace::AgendaItem as DueItem;

/// The kinds of work the agenda can be narrowed to, in the order `t` goes through them.
pub const KINDS: [&str; 5] = ["outreach", "production", "payment", "shipment", "rights"];

/// The agenda: everything due (and, looking ahead, coming), across campaigns.
#[derive(Clone, Debug, Default)]
pub struct DueList {
    /// The items shown: of the chosen kind, when one is.
    pub items: Vec<DueItem>,
    /// Every item read.
    pub all: Vec<DueItem>,
    pub cursor: usize,
    pub loading: bool,
    /// Problems of the campaign files read for it.
    pub problems: Vec<Diagnostic>,
    /// Only this kind of work (`KINDS`), or all.
    pub kind: Option<&'static str>,
    /// Days ahead shown besides what is due.
    pub ahead: i64,
}

/// How the report screen is looked at: the creator chosen, the figure sorted on and charted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportView {
    pub cursor: usize,
    /// The column sorted on (see the report screen's columns); 0 keeps the file's order.
    pub sort: usize,
    pub descending: bool,
    /// Charting CPM rather than CPE.
    pub cpm: bool,
}

impl DueList {
    /// Narrows the items to the chosen kind.
    fn narrow(&mut self) {
        self.items = self
            .all
            .iter()
            .filter(|i| self.kind.is_none_or(|k| i.due.action.kind() == k))
            .cloned()
            .collect();
    }
}

impl App {
    /// The entries of the open campaign in board column `column`, as indexes into its entries.
    pub fn board_column(&self, column: usize) -> Vec<usize> {
        let Some(open) = &self.campaign else {
            return Vec::new();
        };
        let stages = COLUMNS.get(column).map_or(&[][..], |(_, s)| *s);
        open.campaign
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| stages.contains(&e.stage))
            .map(|(i, _)| i)
            .collect()
    }

    /// The position of the chosen creator in the board's column.
    pub fn board_row(&self) -> usize {
        let (Some(open), Some(creator)) = (&self.campaign, &self.board.creator) else {
            return 0;
        };
        self.board_column(self.board.column)
            .iter()
            .position(|&i| open.campaign.entries[i].creator == creator.as_str())
            .unwrap_or(0)
    }

    pub fn board_target(&self) -> Option<Target> {
        let open = self.campaign.as_ref()?;
        let column = self.board_column(self.board.column);
        let i = *column.get(self.board_row())?;
        Some(Target {
            campaign: open.campaign.id.to_string(),
            entry: open.campaign.entries[i].clone(),
        })
    }

    /// What the agenda's chosen item is about, when the agenda is on screen.
    pub fn due_about(&self) -> Option<crate::outreach::About> {
        if self.view != View::Due {
            return None;
        }
        Some(self.due.items.get(self.due.cursor)?.due.about.clone())
    }

    /// The creators of the report screen's table, in its order.
    pub fn report_order(&self) -> Vec<String> {
        let (Some(open), Some(db)) = (&self.campaign, &self.db) else {
            return Vec::new();
        };
        let r = crate::workspace::figures(&open.campaign, db, &self.tiers, &self.currency);
        super::report::sorted(&r, &self.report)
            .into_iter()
            .map(|c| c.creator.clone())
            .collect()
    }

    /// The creator chosen on the report screen.
    pub fn report_creator(&self) -> Option<String> {
        self.report_order().into_iter().nth(self.report.cursor)
    }

    pub fn due_target(&self) -> Option<Target> {
        let item = self.due.items.get(self.due.cursor)?;
        Some(Target {
            campaign: item.campaign.clone(),
            entry: item.entry.clone(),
        })
    }

    /// Shows the board of the open campaign.
    pub fn show_board(&mut self) {
        self.view = View::Board;
        self.overlays.clear();
        // Start on the first column with someone in it.
        if self.board.creator.is_none() || self.board_target().is_none() {
            let column = (0..COLUMNS.len())
                .find(|&c| !self.board_column(c).is_empty())
                .unwrap_or(0);
            self.choose(column, 0);
        }
    }

    /// Puts the board's cursor on row `row` (or the last) of `column`.
    pub fn choose(&mut self, column: usize, row: usize) {
        self.board.column = column;
        let entries = self.board_column(column);
        self.board.creator = entries
            .get(row.min(entries.len().saturating_sub(1)))
            .and_then(|&i| {
                Some(
                    self.campaign.as_ref()?.campaign.entries[i]
                        .creator
                        .to_string(),
                )
            });
    }

    /// After a change of stage, the board's cursor goes with the creator it was on.
    pub fn follow_board(&mut self) {
        let (Some(open), Some(creator)) = (&self.campaign, &self.board.creator) else {
            return;
        };
        if let Some(entry) = open.campaign.entry(creator) {
            self.board.column = column_of(entry.stage);
        }
    }

    /// Shows the open campaign's report.
    pub fn show_report(&mut self) {
        self.view = View::Report;
        self.overlays.clear();
        self.report.cursor = 0;
    }

    /// Shows the follow-ups due, reading them afresh.
    pub fn show_due(&mut self) -> Vec<Effect> {
        self.view = View::Due;
        self.overlays.clear();
        self.load_due()
    }

    pub fn load_due(&mut self) -> Vec<Effect> {
        let Some(db) = &self.db else {
            return Vec::new();
        };
        self.due.loading = true;
        vec![Effect::Task(Task::Agenda {
            roster: db.clone(),
            today: self.now.date(),
            ahead: self.due.ahead,
        })]
    }

    /// Shows the next kind of work only (after the last, all of them).
    pub fn next_kind(&mut self) {
        self.due.kind = match self.due.kind {
            None => Some(KINDS[0]),
            Some(k) => KINDS
                .iter()
                .position(|x| *x == k)
                .and_then(|i| KINDS.get(i + 1))
                .copied(),
        };
        self.due.narrow();
        self.due.cursor = self.due.cursor.min(self.due.items.len().saturating_sub(1));
    }

    /// Looks `days` further ahead (or less, when negative), from none to a year.
    pub fn look_ahead(&mut self, days: i64) -> Vec<Effect> {
        self.due.ahead = (self.due.ahead + days).clamp(0, 366);
        self.load_due()
    }

    /// The follow-ups due were read.
    pub fn on_due(&mut self, items: Vec<DueItem>, problems: Vec<Diagnostic>) -> Vec<Effect> {
        // The cursor stays on the same item when it is still due, else on its entry.
        let chosen = self.due.items.get(self.due.cursor).map(|i| {
            (
                i.campaign.clone(),
                i.entry.creator.clone(),
                i.due.action,
                i.due.about.clone(),
            )
        });
        self.due.all = items;
        self.due.narrow();
        self.due.problems = problems;
        self.due.loading = false;
        let same = |i: &DueItem, (c, e, _, _): &(String, _, _, _)| {
            i.campaign == *c && i.entry.creator == *e
        };
        self.due.cursor = chosen
            .and_then(|k| {
                let items = &self.due.items;
                items
                    .iter()
                    .position(|i| same(i, &k) && i.due.action == k.2 && i.due.about == k.3)
                    .or_else(|| items.iter().position(|i| same(i, &k)))
            })
            .unwrap_or(self.due.cursor)
            .min(self.due.items.len().saturating_sub(1));
        Vec::new()
    }

    /// The row of the index the board or the follow-ups view has chosen.
    pub fn chosen_in_view(&self) -> Option<u32> {
        match self.view {
            View::Board => {
                let open = self.campaign.as_ref()?;
                let column = self.board_column(self.board.column);
                let i = *column.get(self.board_row())?;
                open.rows[i]
            }
            View::Due => self.due.items.get(self.due.cursor)?.row,
            View::Report => {
                let open = self.campaign.as_ref()?;
                let creator = self.report_creator()?;
                let i = open
                    .campaign
                    .entries
                    .iter()
                    .position(|e| e.creator == creator.as_str())?;
                open.rows[i]
            }
            View::Search => self.current_row(),
        }
    }
}
