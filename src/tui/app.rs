//! The interface's state, and how actions and events change it. Nothing here draws or touches
//! the terminal: changes that need the outside world come back as [`Effect`]s for the event
//! loop to carry out.

mod campaign;
mod export;
mod outreach;
mod update;
mod views;

pub use campaign::{CampaignChoice, CampaignLoaded, OpenCampaign};
pub use export::{ExportPreview, ExportReport, ExportRequest, ExportView, ExportWrite};
pub use outreach::{AfterPick, SaveReport, Target, Unsaved};
pub use views::{Board, COLUMNS, DueItem, DueList, column_of};

use std::collections::BTreeSet;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::filter::FilterForm;
use super::input::TextInput;
use super::keymap::{Keymap, Mode};
use super::layout::Areas;
use super::theme::Theme;
use crate::display::width as width_of;
use crate::model::{Creator, TierBounds};
use crate::search::{Index, Query, QueryError, Request, Response, Sort};
use crate::store::{Diagnostic, Opened};
use crate::tui::tasks::{Done, Task};
use crate::workspace::Roster;

/// How many results are ranked at first; more are asked for as the cursor goes down.
pub const FIRST_RANKED: usize = 200;

/// What the event loop must do for the app.
#[derive(Debug)]
pub enum Effect {
    /// Run this search on the worker.
    Search(Request),
    /// Search this index from now on.
    Index(Arc<Index>),
    /// Open `creators.toml` in the user's editor at this line, then read it again.
    Edit {
        line: u32,
    },
    /// Work to do off the interface's thread; its answer comes back through [`App::on_done`].
    Task(Task),
    Quit,
}

/// A message in the bar until the next key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// What has the keyboard when no overlay is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Results,
    Query,
}

/// A box over the main screen; the top one gets the keys.
#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Sort {
        cursor: usize,
    },
    Filter(Box<FilterForm>),
    Problems {
        scroll: usize,
    },
    /// The creator under the cursor, over the whole screen.
    Detail,
    /// The stage picker for these entries.
    Stages {
        cursor: usize,
        targets: Vec<Target>,
    },
    /// The note editor for an entry.
    Note {
        target: Box<Target>,
        area: crate::tui::input::TextArea,
    },
    /// The follow-up date editor for these entries.
    Date {
        targets: Vec<Target>,
        input: TextInput,
        error: Option<String>,
    },
    /// Quitting with changes not saved: save, quit anyway, or stay.
    Confirm,
    /// The invitations about to be exported.
    Export(Box<ExportView>),
    /// After an export: move the invited (`creators`, who were shortlisted) to contacted?
    Exported {
        campaign: String,
        creators: Vec<String>,
        /// What was written, as the bar said it.
        written: String,
    },
    /// The campaign picker; `choices` is `None` until the list is read.
    Campaigns {
        cursor: usize,
        choices: Option<Vec<CampaignChoice>>,
    },
}

/// What the screen shows under the overlays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Search,
    /// The pipeline board of the open campaign.
    Board,
    /// The follow-ups due.
    Due,
}

/// The results on screen.
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// The query text they answer.
    pub text: String,
    pub query: Option<Query>,
    pub total: usize,
    /// Rows of the index in ranked order: the best `limit`, or all.
    pub rows: Vec<u32>,
    pub limit: usize,
    pub sort: Option<Sort>,
}

/// The sorts the sort menu offers: automatic first.
pub const SORTS: [(Option<Sort>, &str); 6] = [
    (None, "automatic (relevance with words, else followers)"),
    (Some(Sort::Relevance), "relevance"),
    (Some(Sort::Followers), "followers"),
    (Some(Sort::Engagement), "engagement"),
    (Some(Sort::Name), "name"),
    (Some(Sort::CostPerEngagement), "cost per engagement"),
];

/// The whole state of the interface.
pub struct App {
    /// The workspace, as shown in the bar.
    pub workspace: String,
    pub keymap: Keymap,
    pub theme: Theme,
    pub tiers: TierBounds,
    /// The currency of fees and rates that do not name theirs.
    pub currency: String,
    /// The creator database, once read.
    pub db: Option<Roster>,
    pub loading: bool,
    /// Problems of the files as last read.
    pub problems: Vec<Diagnostic>,
    /// Problems of the configuration.
    pub settings_problems: Vec<Diagnostic>,
    /// Problems of the open campaign's file.
    pub campaign_problems: Vec<Diagnostic>,
    pub campaign: Option<OpenCampaign>,
    /// The campaign being read, to open when it arrives.
    pub opening: Option<String>,
    pub notice: Option<Notice>,
    pub focus: Focus,
    pub overlays: Vec<Overlay>,
    pub query: TextInput,
    /// The query line read as a query, or what is wrong with it.
    pub parsed: Result<Query, QueryError>,
    pub sort: Option<Sort>,
    pub results: Results,
    /// The last search asked for; older answers are stale.
    pub generation: u64,
    /// When the last rows arrive, put the cursor on the last one (after `G`).
    pub to_bottom: bool,
    /// Position of the cursor in `results.rows`.
    pub cursor: usize,
    /// The first result on screen.
    pub offset: usize,
    pub marked: BTreeSet<u32>,
    pub width: u16,
    pub height: u16,
    /// The creator under the cursor, decoded.
    pub detail: Option<(u32, Creator)>,
    /// How far the detail pane is scrolled.
    pub detail_scroll: u16,
    pub view: View,
    pub board: Board,
    pub due: DueList,
    /// The time now (set by the event loop as events arrive): changes are recorded at it, and
    /// what is due is due on its day.
    pub now: jiff::Zoned,
    /// Changes that could not be saved.
    pub unsaved: Vec<Unsaved>,
    /// Saves sent and not back yet.
    pub saving: usize,
    /// Exports being written.
    pub exporting: usize,
    /// What to do once the campaign picker has opened a campaign.
    pub after_pick: Option<AfterPick>,
    /// The format exports are written in (kept between exports).
    pub export_format: crate::mail::Format,
    /// The last export preview asked for; older renderings are stale.
    pub generation_export: u64,
}

impl App {
    /// A new app for the workspace shown as `workspace`, waiting for its database.
    pub fn new(workspace: &str, keymap: Keymap, theme: Theme, tiers: TierBounds) -> App {
        App {
            workspace: workspace.to_string(),
            keymap,
            theme,
            tiers,
            currency: crate::store::DEFAULT_CURRENCY.to_string(),
            db: None,
            loading: true,
            problems: Vec::new(),
            settings_problems: Vec::new(),
            campaign_problems: Vec::new(),
            campaign: None,
            opening: None,
            notice: None,
            focus: Focus::Results,
            overlays: Vec::new(),
            query: TextInput::default(),
            parsed: Ok(Query { terms: Vec::new() }),
            sort: None,
            results: Results::default(),
            generation: 0,
            to_bottom: false,
            cursor: 0,
            offset: 0,
            marked: BTreeSet::new(),
            width: 80,
            height: 24,
            detail: None,
            detail_scroll: 0,
            view: View::Search,
            board: Board::default(),
            due: DueList::default(),
            now: jiff::Zoned::now(),
            unsaved: Vec::new(),
            saving: 0,
            exporting: 0,
            after_pick: None,
            export_format: crate::mail::Format::Eml,
            generation_export: 0,
        }
    }

    /// Where the keyboard is talking to.
    pub fn mode(&self) -> Mode {
        match self.overlays.last() {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Sort { .. }) => Mode::Sort,
            Some(Overlay::Filter(_)) => Mode::Filter,
            Some(Overlay::Problems { .. }) => Mode::Problems,
            Some(Overlay::Campaigns { .. }) => Mode::Campaigns,
            Some(Overlay::Detail) => Mode::Detail,
            Some(Overlay::Stages { .. }) => Mode::Stages,
            Some(Overlay::Note { .. }) => Mode::Note,
            Some(Overlay::Date { .. }) => Mode::Date,
            Some(Overlay::Confirm) => Mode::Confirm,
            Some(Overlay::Export(_)) => Mode::Export,
            Some(Overlay::Exported { .. }) => Mode::Exported,
            None if self.view == View::Board => Mode::Board,
            None if self.view == View::Due => Mode::Due,
            None if self.focus == Focus::Query => Mode::Typing,
            None => Mode::Normal,
        }
    }

    /// The screen layout for the current size, if the terminal is large enough.
    pub fn areas(&self) -> Option<Areas> {
        Areas::new(self.width, self.height, self.error_lines(self.width))
    }

    /// How many lines the query's error takes in `width` columns: none for a good query, one
    /// when the message fits after the marks under the query, else two.
    pub fn error_lines(&self, width: u16) -> u16 {
        let Err(error) = &self.parsed else { return 0 };
        let text = self.query.text();
        let end = error.span.end.min(text.len());
        let marks =
            width_of(super::view::PROMPT) + width_of(text.get(..end).unwrap_or(text)).max(1);
        if marks + 1 + width_of(&error.message) <= usize::from(width) {
            1
        } else {
            2
        }
    }

    /// The number of result rows on screen.
    pub fn page(&self) -> usize {
        self.areas().map_or(1, |a| a.visible_rows().max(1))
    }

    /// A key was pressed.
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.notice = None;
        match self.keymap.resolve(self.mode(), key) {
            Some(action) => self.update(action),
            None => Vec::new(),
        }
    }

    /// The terminal changed size.
    pub fn on_resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.width = width;
        self.height = height;
        self.follow();
        self.more_if_needed()
    }

    /// The mouse did something: the wheel scrolls, a click picks a result or the query line.
    pub fn on_mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if !self.overlays.is_empty() {
            return match event.kind {
                MouseEventKind::ScrollDown => self.update(super::keymap::Action::Down),
                MouseEventKind::ScrollUp => self.update(super::keymap::Action::Up),
                _ => Vec::new(),
            };
        }
        let Some(areas) = self.areas() else {
            return Vec::new();
        };
        match event.kind {
            MouseEventKind::ScrollDown => self.move_cursor(3),
            MouseEventKind::ScrollUp => self.move_cursor(-3),
            MouseEventKind::Down(MouseButton::Left) => {
                if event.row == areas.query.y {
                    self.focus = Focus::Query;
                    Vec::new()
                } else if event.row >= areas.first_row_y()
                    && event.row < areas.first_row_y() + areas.visible_rows() as u16
                    && event.column >= areas.table.x
                    && event.column < areas.table.x + areas.table.width
                {
                    let target = self.offset + usize::from(event.row - areas.first_row_y());
                    if target < self.results.rows.len() {
                        self.focus = Focus::Results;
                        let delta = target as isize - self.cursor as isize;
                        return self.move_cursor(delta);
                    }
                    Vec::new()
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        }
    }

    /// The database was read (again).
    pub fn on_loaded(&mut self, outcome: Result<Opened<Index>, String>) -> Vec<Effect> {
        self.loading = false;
        let opened = match outcome {
            Ok(opened) => opened,
            Err(message) => {
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
                return Vec::new();
            }
        };
        let errors = opened.diagnostics.iter().filter(|d| d.is_error()).count();
        self.problems = opened.diagnostics.clone();
        if errors > 0
            && !self
                .overlays
                .iter()
                .any(|o| matches!(o, Overlay::Problems { .. }))
        {
            self.overlays.push(Overlay::Problems { scroll: 0 });
        }
        if errors > 0 && self.db.is_some() {
            // A file broken by an edit does not take away what was on screen.
            self.notice = Some(Notice {
                text: format!(
                    "creators.toml has {errors} error{} after the edit; still showing it as it was before (! for the list)",
                    if errors == 1 { "" } else { "s" }
                ),
                error: true,
            });
            return Vec::new();
        }
        let roster = Roster::from(opened);
        let index = Arc::clone(&roster.index);
        self.db = Some(roster);
        self.marked.clear();
        self.detail = None;
        let mut effects = vec![Effect::Index(Arc::clone(&index))];
        // The campaign's rows are those of the old index: read it again for the new one.
        let reopen = self.opening.clone().or_else(|| {
            let open = self.campaign.take()?;
            Some(open.campaign.id.to_string())
        });
        if let Some(id) = reopen {
            self.opening = Some(id.clone());
            effects.push(Effect::Task(Task::OpenCampaign { id, index }));
        }
        effects.extend(self.search(FIRST_RANKED));
        effects
    }

    /// Work done off the interface's thread came back.
    pub fn on_done(&mut self, done: Done) -> Vec<Effect> {
        match done {
            Done::Loaded(outcome) => self.on_loaded(*outcome),
            Done::Campaigns(list) => self.on_campaigns(list),
            Done::Campaign(loaded) => self.on_campaign(*loaded),
            Done::Saved(report) => self.on_saved(*report),
            Done::Agenda(items, problems) => self.on_due(items, problems),
            Done::ExportPrepared(preview) => self.on_export_prepared(*preview),
            Done::Exported(report) => self.on_exported(*report),
        }
    }

    /// Every problem to list: the configuration's, the database's, the open campaign's.
    pub fn all_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.settings_problems
            .iter()
            .chain(&self.problems)
            .chain(&self.campaign_problems)
    }

    /// A search came back.
    pub fn on_results(&mut self, response: Response) -> Vec<Effect> {
        if response.generation != self.generation {
            return Vec::new();
        }
        match response.outcome {
            Err(error) => {
                self.parsed = Err(error);
                Vec::new()
            }
            Ok(found) => {
                if response.text != self.results.text || self.sort != self.results.sort {
                    // The cursor starts at the top of a new list; more of the same list keeps it.
                    self.cursor = 0;
                    self.offset = 0;
                }
                self.results.sort = self.sort;
                self.results.text = response.text;
                self.results.query = Some(found.query);
                self.results.total = found.total;
                self.results.limit = self.results.limit.max(found.ranked.len());
                self.results.rows = found.ranked;
                if self.to_bottom && self.results.rows.len() == self.results.total {
                    self.cursor = self.results.rows.len().saturating_sub(1);
                    self.to_bottom = false;
                }
                self.cursor = self.cursor.min(self.results.rows.len().saturating_sub(1));
                self.follow();
                self.refresh_detail();
                Vec::new()
            }
        }
    }

    /// Asks for the current query with the best `limit` ranked.
    pub(super) fn search(&mut self, limit: usize) -> Vec<Effect> {
        let Ok(query) = &self.parsed else {
            return Vec::new();
        };
        if self.db.is_none() {
            return Vec::new();
        }
        let query = query.clone();
        self.generation += 1;
        self.results.limit = limit;
        vec![Effect::Search(Request {
            generation: self.generation,
            text: self.query.text().to_string(),
            query,
            sort: self.sort,
            limit: Some(limit),
            tiers: self.tiers,
            stages: self.campaign.as_ref().map(|c| Arc::clone(&c.stages)),
        })]
    }

    /// Keeps the cursor on screen.
    pub(super) fn follow(&mut self) {
        let page = self.page();
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        let last_start = self.results.rows.len().saturating_sub(page);
        self.offset = self.offset.min(last_start);
    }

    /// Asks for more ranked results when the cursor nears the end of those at hand.
    pub(super) fn more_if_needed(&mut self) -> Vec<Effect> {
        let have = self.results.rows.len();
        if have < self.results.total
            && self.cursor + 2 * self.page() >= have
            && self.results.limit <= have
        {
            let limit = (have * 2).max(self.cursor + 4 * self.page());
            return self.search(limit);
        }
        Vec::new()
    }

    /// Moves the cursor by `delta` rows.
    pub(super) fn move_cursor(&mut self, delta: isize) -> Vec<Effect> {
        let last = self.results.rows.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.follow();
        self.refresh_detail();
        self.more_if_needed()
    }

    /// Decodes the creator under the cursor for the detail pane, when it changed.
    pub(super) fn refresh_detail(&mut self) {
        let row = self.results.rows.get(self.cursor).copied();
        if self.detail.as_ref().map(|(r, _)| *r) == row {
            return;
        }
        self.detail_scroll = 0;
        self.detail = row.and_then(|r| {
            let db = self.db.as_ref()?;
            Some((r, db.creators.get(r as usize)?.into_owned()))
        });
    }

    /// The row of the index under the cursor.
    pub fn current_row(&self) -> Option<u32> {
        self.results.rows.get(self.cursor).copied()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_export;
#[cfg(test)]
mod tests_outreach;
