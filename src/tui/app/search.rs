//! Searching from the interface: asking the worker for the query line's results, taking its
//! answers, moving the cursor through them (asking for more as it nears the end), and the
//! creators' records in past campaigns that `worked:`, `rebook:` and one sort need.

use std::sync::Arc;

use super::{App, Effect, FIRST_RANKED, Notice};
use crate::search::{Index, Query, Request, Response, Sort};
use crate::tui::input::TextInput;
use crate::tui::tasks::Task;

impl App {
    /// Reads the creators' records in the campaigns afresh.
    pub fn load_tracks(&self) -> Vec<Effect> {
        match &self.db {
            Some(db) => vec![Effect::Task(Task::Tracks { roster: db.clone() })],
            None => Vec::new(),
        }
    }

    /// The creators' records arrived: a search that needs them runs again.
    pub fn on_tracks(
        &mut self,
        index: Arc<Index>,
        tracks: Arc<[Option<crate::search::Track>]>,
        on: Arc<crate::workspace::Memberships>,
    ) -> Vec<Effect> {
        if !self
            .db
            .as_ref()
            .is_some_and(|db| Arc::ptr_eq(&db.index, &index))
        {
            return Vec::new();
        }
        self.tracks = Some(tracks);
        self.memberships = on;
        let needs = match &self.parsed {
            Ok(q) => q.needs_history(),
            Err(_) => Query::parse(self.query.text()).is_ok_and(|q| q.needs_history()),
        };
        if needs || self.sort == Some(Sort::AchievedCpe) {
            self.parsed = Query::parse(self.query.text());
            return self.search(self.results.limit.max(FIRST_RANKED));
        }
        Vec::new()
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
                self.results.picked = found.picked;
                self.results.corrected = found.corrected;
                if let Some(text) = missing_rates_notice(&found.missing_rates) {
                    self.notice = Some(Notice { text, error: false });
                }
                if let Some(row) = self.cursor_on.take()
                    && let Some(at) = self.results.rows.iter().position(|r| *r == row)
                {
                    self.cursor = at;
                }
                if self.select_all && self.results.rows.len() == self.results.total {
                    self.select_all = false;
                    self.marked.extend(self.results.rows.iter().copied());
                    self.tell(format!("{} selected", self.marked.len()), false);
                }
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

    /// What to remember of this run for the next: the campaign open, the query, the sort.
    pub fn remembered(&self) -> crate::store::state::Remembered {
        let sort = self.sort.and_then(|s| {
            Sort::ALL
                .iter()
                .find(|(_, x)| *x == s)
                .map(|(n, _)| n.to_string())
        });
        crate::store::state::Remembered {
            campaign: self
                .campaign
                .as_ref()
                .map(|o| o.campaign.id.to_string())
                .or_else(|| self.opening.clone()),
            query: self.query.text().to_string(),
            sort,
        }
    }

    /// Starts where the last run left off: its query and sort, and its campaign opened once
    /// the database is read (a campaign gone since is said, not an error).
    pub fn recall(&mut self, what: crate::store::state::Remembered) {
        self.query = crate::tui::input::TextInput::new(&what.query);
        self.parsed = Query::parse(&what.query);
        self.sort = what.sort.and_then(|n| {
            Sort::ALL
                .iter()
                .find(|(name, _)| *name == n)
                .map(|(_, s)| *s)
        });
        self.opening = what.campaign;
    }

    /// Selects every creator the query finds (asking for those not ranked yet).
    pub fn select_all(&mut self) -> Vec<Effect> {
        if self.results.total == 0 {
            self.tell("nothing listed to select", false);
            return Vec::new();
        }
        if self.results.rows.len() < self.results.total {
            self.select_all = true;
            let total = self.results.total;
            return self.search(total);
        }
        self.marked.extend(self.results.rows.iter().copied());
        self.tell(format!("{} selected", self.marked.len()), false);
        Vec::new()
    }

    /// Asks for the current query with the best `limit` ranked.
    pub fn search(&mut self, limit: usize) -> Vec<Effect> {
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
            tracks: self.tracks.clone(),
            rates: Some(Arc::clone(&self.rates)),
            prefer: self.campaign.as_ref().map_or_else(
                || Arc::from(Vec::new()),
                |c| Arc::from(c.campaign.brief.platforms.clone()),
            ),
        })]
    }

    /// Keeps the cursor on screen.
    pub fn follow(&mut self) {
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
    pub fn more_if_needed(&mut self) -> Vec<Effect> {
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
    pub fn move_cursor(&mut self, delta: isize) -> Vec<Effect> {
        let last = self.results.rows.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
        self.follow();
        self.refresh_detail();
        self.more_if_needed()
    }

    /// Decodes the creator under the cursor for the detail pane, when it changed.
    pub fn refresh_detail(&mut self) {
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

    /// Changes the query line, reads it again, and searches when it reads as a query.
    pub fn edit_query(&mut self, change: impl FnOnce(&mut TextInput)) -> Vec<Effect> {
        let before = self.query.text().to_string();
        change(&mut self.query);
        if self.query.text() == before {
            return Vec::new();
        }
        self.reparse()
    }

    /// Reads the query line again and searches for it.
    pub fn reparse(&mut self) -> Vec<Effect> {
        self.parsed = Query::parse(self.query.text());
        self.search(FIRST_RANKED)
    }
}

/// What sorting by cost cannot compare: "no rate for JPY in config.toml: 3 creators with rates
/// in JPY sort last".
fn missing_rates_notice(missing: &[(String, usize)]) -> Option<String> {
    let said: Vec<String> = missing
        .iter()
        .map(|(code, n)| {
            let creators = if *n == 1 { "1 creator".to_string() } else { format!("{n} creators") };
            format!("no rate for {code} in config.toml ([currency] rates): {creators} with rates in {code} sort last")
        })
        .collect();
    (!said.is_empty()).then(|| said.join("; "))
}
