//! The interface's state, shared by every screen and overlay, and what changes it that is not
//! one room's own: the database, the results, the open campaign, the shortlist's changes and
//! their saving. Nothing here draws, touches the terminal or opens an overlay: the rooms above
//! do, and changes that need the outside world come back as [`Effect`]s for the event loop.

mod campaign;
mod export;
mod outreach;
mod reload;
pub mod report;
mod screens;
mod search;
mod undo;

pub use campaign::OpenCampaign;
pub use outreach::{AfterPick, Target, Unsaved};
pub use screens::{Board, COLUMNS, DueItem, DueList, KINDS, ReportView, column_of};
pub use undo::UndoStep;

use std::collections::BTreeSet;
use std::sync::Arc;

use super::effect::Effect;
use super::input::TextInput;
use super::keymap::Keymap;
use super::layout::{Areas, PROMPT};
use super::room::Overlay;
use super::tasks::Task;
use super::theme::Theme;
use crate::display::width as width_of;
use crate::model::{Creator, TierBounds};
use crate::search::{Index, Query, QueryError, Sort};
use crate::store::{Diagnostic, Opened};
use crate::workspace::Roster;

/// How many results are ranked at first; more are asked for as the cursor goes down.
pub const FIRST_RANKED: usize = 200;

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

/// What the screen shows under the overlays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Search,
    /// The pipeline board of the open campaign.
    Board,
    /// The follow-ups due.
    Due,
    /// The open campaign's report.
    Report,
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
    /// For each row, the channel it is shown by and its cost per engagement.
    pub picked: Vec<crate::search::Picked>,
    /// The query run instead when the one typed found nothing.
    pub corrected: Option<String>,
    pub limit: usize,
    pub sort: Option<Sort>,
}

/// The sorts the sort menu offers: automatic first.
pub const SORTS: [(Option<Sort>, &str); 7] = [
    (None, "automatic (relevance with words, else followers)"),
    (Some(Sort::Relevance), "relevance"),
    (Some(Sort::Followers), "followers"),
    (Some(Sort::Engagement), "engagement"),
    (Some(Sort::Name), "name"),
    (
        Some(Sort::CostPerEngagement),
        "cost per engagement (estimated from the rate)",
    ),
    (
        Some(Sort::AchievedCpe),
        "cost per engagement achieved in past campaigns",
    ),
];

/// The whole state of the interface.
pub struct App {
    /// The workspace, as shown in the bar.
    pub workspace: String,
    /// True when the workspace is the sample: the bar says so.
    pub sample: bool,
    pub keymap: Keymap,
    pub theme: Theme,
    pub tiers: TierBounds,
    /// The currency of fees and rates that do not name theirs.
    pub currency: String,
    /// How rates in other currencies compare to it.
    pub rates: Arc<crate::search::Rates>,
    /// How often to follow up (the configured cadence).
    pub cadence: Arc<crate::outreach::Cadence>,
    /// True when mailboxes are configured to read replies from.
    pub mailboxes: bool,
    /// The workspace's templates, for the campaign form.
    pub templates: Vec<String>,
    /// What a new campaign's form starts from (the configured currency and sender).
    pub new_settings: crate::model::Settings,
    /// The creator database, once read.
    pub db: Option<Roster>,
    pub loading: bool,
    /// How far the read of the database under way has come.
    pub load_progress: Option<Arc<crate::store::progress::Progress>>,
    /// True while `db` holds only the creators read so far of a long first read.
    pub partial: bool,
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
    /// The boxes over the screen, bottom to top; the top one gets the keys.
    pub overlays: Vec<Box<dyn Overlay<App>>>,
    pub query: TextInput,
    /// The query line read as a query, or what is wrong with it.
    pub parsed: Result<Query, QueryError>,
    pub sort: Option<Sort>,
    pub results: Results,
    /// The last search asked for; older answers are stale.
    pub generation: u64,
    /// When the last rows arrive, put the cursor on the last one (after `G`).
    pub to_bottom: bool,
    /// When the last rows arrive, select them all (after select-all).
    pub select_all: bool,
    /// When results arrive, put the cursor on this row if it is among them (after a reload).
    pub cursor_on: Option<u32>,
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
    pub report: ReportView,
    /// Each creator's record in the campaigns, once read.
    pub tracks: Option<Arc<[Option<crate::search::Track>]>>,
    /// The campaigns each creator is on, with their stage there.
    pub memberships: Arc<crate::workspace::Memberships>,
    /// The time now (set by the event loop as events arrive): changes are recorded at it, and
    /// what is due is due on its day.
    pub now: jiff::Zoned,
    /// Changes that could not be saved.
    pub unsaved: Vec<Unsaved>,
    /// Saves sent and not back yet.
    pub saving: usize,
    /// The changes saved from here, the last on top, to undo.
    pub undo: Vec<UndoStep>,
    /// The key asked to be pressed again to confirm (esc to unselect many), until another key.
    pub armed: Option<super::keymap::Action>,
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
            sample: false,
            keymap,
            theme,
            tiers,
            currency: crate::store::DEFAULT_CURRENCY.to_string(),
            rates: Arc::new(crate::search::Rates::plain(crate::store::DEFAULT_CURRENCY)),
            cadence: Arc::default(),
            mailboxes: false,
            templates: Vec::new(),
            new_settings: crate::model::Settings::default(),
            db: None,
            loading: true,
            load_progress: None,
            partial: false,
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
            select_all: false,
            cursor_on: None,
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
            report: ReportView::default(),
            tracks: None,
            memberships: Arc::default(),
            now: jiff::Zoned::now(),
            unsaved: Vec::new(),
            saving: 0,
            undo: Vec::new(),
            armed: None,
            exporting: 0,
            after_pick: None,
            export_format: crate::mail::Format::Eml,
            generation_export: 0,
        }
    }

    /// The overlay of type `T` on the stack, the top-most if several.
    pub fn overlay<T: 'static>(&self) -> Option<&T> {
        self.overlays
            .iter()
            .rev()
            .find_map(|o| o.as_any().downcast_ref::<T>())
    }

    /// The overlay of type `T` on the stack, to change it.
    pub fn overlay_mut<T: 'static>(&mut self) -> Option<&mut T> {
        self.overlays
            .iter_mut()
            .rev()
            .find_map(|o| o.as_any_mut().downcast_mut::<T>())
    }

    /// True when the top overlay is of type `T`.
    pub fn on_top<T: 'static>(&self) -> bool {
        self.overlays
            .last()
            .is_some_and(|o| o.as_any().downcast_ref::<T>().is_some())
    }

    /// Opens `overlay` on top.
    pub fn open(&mut self, overlay: impl Overlay<App> + 'static) {
        self.overlays.push(Box::new(overlay));
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
        let marks = width_of(PROMPT) + width_of(text.get(..end).unwrap_or(text)).max(1);
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

    /// The terminal changed size.
    pub fn on_resize(&mut self, width: u16, height: u16) -> Vec<Effect> {
        self.width = width;
        self.height = height;
        self.follow();
        self.more_if_needed()
    }

    /// The database was read (again). True in the answer's second part when the file has
    /// errors to show.
    pub fn on_loaded(&mut self, outcome: Result<Opened<Index>, String>) -> (Vec<Effect>, bool) {
        self.loading = false;
        let opened = match outcome {
            Ok(opened) => opened,
            Err(message) => {
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
                return (Vec::new(), false);
            }
        };
        let errors = opened.diagnostics.iter().filter(|d| d.is_error()).count();
        self.problems = opened.diagnostics.clone();
        let was_partial = std::mem::replace(&mut self.partial, false);
        if errors > 0 && self.db.is_some() && !was_partial {
            // A file broken by an edit does not take away what was on screen.
            self.notice = Some(Notice {
                text: format!(
                    "creators.toml has {errors} error{} after the edit; still showing it as it was before (! for the list)",
                    if errors == 1 { "" } else { "s" }
                ),
                error: true,
            });
            return (Vec::new(), true);
        }
        let roster = Roster::from(opened);
        let index = Arc::clone(&roster.index);
        // Who was chosen stays chosen, by id: their rows may have moved.
        let kept = self.keep();
        let first = self.db.is_none() || was_partial;
        self.db = Some(roster);
        self.detail = None;
        self.restore(kept);
        let mut effects = vec![Effect::Index(Arc::clone(&index))];
        self.tracks = None;
        effects.extend(self.load_tracks());
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
        // Replies that came while the program was closed are read on start.
        if first && self.mailboxes {
            effects.extend(self.read_replies());
        }
        (effects, errors > 0)
    }

    /// Every problem to list: the configuration's, the database's, the open campaign's.
    pub fn all_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.settings_problems
            .iter()
            .chain(&self.problems)
            .chain(&self.campaign_problems)
    }

    /// The whole screen.
    pub fn screen(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.width, self.height)
    }

    /// Says `text` in the bar until the next key.
    pub fn tell(&mut self, text: impl Into<String>, error: bool) {
        self.notice = Some(Notice {
            text: text.into(),
            error,
        });
    }
}
