//! What each action does to the app.

use crate::tui::tasks::Task;
use std::sync::Arc;

use super::{App, Effect, FIRST_RANKED, Focus, Notice, Overlay, SORTS};
use crate::model::Stage;
use crate::search::Query;
use crate::tui::filter::{self, FilterForm};
use crate::tui::keymap::Action;
use crate::tui::view;

impl App {
    /// Carries out an action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::ForceQuit {
            return vec![Effect::Quit];
        }
        if action == Action::Quit {
            // Changes that could not be saved are not left behind without a word.
            if !self.unsaved.is_empty() && !matches!(self.overlays.last(), Some(Overlay::Confirm)) {
                self.overlays.push(Overlay::Confirm);
                return Vec::new();
            }
            return vec![Effect::Quit];
        }
        match self.overlays.last_mut() {
            Some(Overlay::Help { .. }) | Some(Overlay::Problems { .. }) => {
                let max = view::overlays::max_scroll(self);
                let page = usize::from(self.height.saturating_sub(6)).max(1);
                let (Some(Overlay::Help { scroll }) | Some(Overlay::Problems { scroll })) =
                    self.overlays.last_mut()
                else {
                    return Vec::new();
                };
                match action {
                    Action::Down => *scroll = (*scroll + 1).min(max),
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::PageDown => *scroll = (*scroll + page).min(max),
                    Action::PageUp => *scroll = scroll.saturating_sub(page),
                    Action::Back => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Sort { cursor }) => {
                match action {
                    Action::Down => *cursor = (*cursor + 1).min(SORTS.len() - 1),
                    Action::Up => *cursor = cursor.saturating_sub(1),
                    Action::Apply => {
                        let choice = SORTS[*cursor].0;
                        self.overlays.pop();
                        self.sort = choice;
                        return self.search(FIRST_RANKED.max(self.results.limit));
                    }
                    Action::Back => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Filter(form)) => {
                match action {
                    Action::NextField => form.next(),
                    Action::PreviousField => form.previous(),
                    Action::Left => form.step(false),
                    Action::Right => form.step(true),
                    Action::Toggle => form.toggle(),
                    Action::Insert(c) => {
                        if let Some(input) = form.input() {
                            input.insert(c);
                        }
                    }
                    Action::DeleteBack => {
                        if let Some(input) = form.input() {
                            input.delete_back();
                        }
                    }
                    Action::Apply => return self.apply_filters(),
                    Action::Back => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Campaigns { cursor, choices }) => {
                let count = choices.as_ref().map_or(0, |c| c.len() + 1);
                match action {
                    Action::Down => *cursor = (*cursor + 1).min(count.saturating_sub(1)),
                    Action::Up => *cursor = cursor.saturating_sub(1),
                    Action::Apply if count > 0 => {
                        let chosen = choices
                            .as_ref()
                            .and_then(|c| c.get(*cursor))
                            .map(|c| c.id.clone());
                        self.overlays.pop();
                        return self.choose_campaign(chosen);
                    }
                    Action::Back => {
                        self.overlays.pop();
                        // Closing the picker cancels what was to follow it.
                        self.after_pick = None;
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Stages { cursor, targets }) => match action {
                Action::Down => {
                    *cursor = (*cursor + 1).min(Stage::ALL.len() - 1);
                    Vec::new()
                }
                Action::Up => {
                    *cursor = cursor.saturating_sub(1);
                    Vec::new()
                }
                Action::Apply => {
                    let (to, targets) = (Stage::ALL[*cursor], std::mem::take(targets));
                    self.overlays.pop();
                    self.set_stage(targets, to)
                }
                Action::Back => {
                    self.overlays.pop();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Some(Overlay::Note { target, area }) => {
                match action {
                    Action::Insert(c) => area.insert(c),
                    Action::Newline => area.insert('\n'),
                    Action::DeleteBack => area.delete_back(),
                    Action::DeleteForward => area.delete_forward(),
                    Action::Left => area.left(),
                    Action::Right => area.right(),
                    Action::Up => area.up(),
                    Action::Down => area.down(),
                    Action::LineStart => area.line_start(),
                    Action::LineEnd => area.line_end(),
                    Action::Apply => {
                        let (target, text) = ((**target).clone(), area.text());
                        self.overlays.pop();
                        return self.save_note(target, text);
                    }
                    Action::Back => {
                        self.overlays.pop();
                    }
                    _ => {}
                }
                Vec::new()
            }
            Some(Overlay::Date { input, error, .. }) => {
                match action {
                    Action::Insert(c) => input.insert(c),
                    Action::DeleteBack => input.delete_back(),
                    Action::DeleteForward => input.delete_forward(),
                    Action::Left => input.left(),
                    Action::Right => input.right(),
                    Action::ClearLine => input.clear(),
                    Action::Apply => return self.save_date(),
                    Action::Back => {
                        self.overlays.pop();
                        return Vec::new();
                    }
                    _ => return Vec::new(),
                }
                *error = None;
                Vec::new()
            }
            Some(Overlay::Confirm) => match action {
                Action::Retry => {
                    self.overlays.pop();
                    self.retry()
                }
                Action::Back => {
                    self.overlays.pop();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Some(Overlay::Export(_)) => self.update_export(action),
            Some(Overlay::Exported { .. }) => self.update_exported(action),
            Some(Overlay::Detail) => match action {
                Action::Edit => self.update_main(action),
                Action::Back => {
                    self.overlays.pop();
                    Vec::new()
                }
                _ => self.scroll_detail(action),
            },
            None if self.view != super::View::Search => self.update_view(action),
            None => self.update_main(action),
        }
    }

    /// Scrolls the details; the view stops at the last line.
    fn scroll_detail(&mut self, action: Action) -> Vec<Effect> {
        let Some(rect) = view::detail_rect(self) else {
            return Vec::new();
        };
        let page = rect.height.saturating_sub(3).max(1);
        let max = view::detail::max_scroll(self, rect);
        self.detail_scroll = match action {
            Action::DetailDown => self.detail_scroll.saturating_add(1),
            Action::DetailUp => self.detail_scroll.saturating_sub(1),
            Action::PageDown => self.detail_scroll.saturating_add(page),
            Action::PageUp => self.detail_scroll.saturating_sub(page),
            _ => self.detail_scroll,
        }
        .min(max);
        Vec::new()
    }

    /// Opens the campaign `id`, or closes the open one when `None`.
    fn choose_campaign(&mut self, id: Option<String>) -> Vec<Effect> {
        match id {
            Some(id) => {
                let Some(db) = &self.db else {
                    return Vec::new();
                };
                self.opening = Some(id.clone());
                vec![Effect::Task(Task::OpenCampaign {
                    id,
                    index: Arc::clone(&db.index),
                })]
            }
            None => {
                self.opening = None;
                self.after_pick = None;
                self.campaign_problems.clear();
                if self.view == super::View::Board {
                    self.view = super::View::Search;
                }
                if self.campaign.take().is_some() {
                    self.search(FIRST_RANKED.max(self.results.limit))
                } else {
                    Vec::new()
                }
            }
        }
    }

    fn update_main(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page() as isize;
        match action {
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(page),
            Action::PageUp => self.move_cursor(-page),
            Action::Top => self.move_cursor(-(self.cursor as isize)),
            Action::Bottom => {
                if self.results.rows.len() < self.results.total {
                    self.to_bottom = true;
                    let total = self.results.total;
                    self.search(total)
                } else {
                    self.move_cursor(self.results.rows.len() as isize)
                }
            }
            Action::Search => {
                self.focus = Focus::Query;
                Vec::new()
            }
            Action::Done => {
                self.focus = Focus::Results;
                Vec::new()
            }
            Action::Back => {
                self.marked.clear();
                Vec::new()
            }
            Action::Mark => {
                if let Some(row) = self.current_row() {
                    if !self.marked.remove(&row) {
                        self.marked.insert(row);
                    }
                    return self.move_cursor(1);
                }
                Vec::new()
            }
            Action::Help => {
                self.overlays.push(Overlay::Help { scroll: 0 });
                Vec::new()
            }
            Action::Problems => {
                self.overlays.push(Overlay::Problems { scroll: 0 });
                Vec::new()
            }
            Action::Campaign => self.pick_campaign(),
            Action::Pipeline => self.pipeline(),
            Action::Due => self.show_due(),
            Action::Add
            | Action::SetStage
            | Action::NextStage
            | Action::PreviousStage
            | Action::Note
            | Action::FollowUpDate
            | Action::Export
            | Action::Retry => self.outreach_action(action),
            Action::DetailDown | Action::DetailUp => self.scroll_detail(action),
            Action::Open => {
                if self.current_row().is_some() {
                    self.overlays.push(Overlay::Detail);
                }
                Vec::new()
            }
            Action::Sort => {
                let cursor = SORTS.iter().position(|(s, _)| *s == self.sort).unwrap_or(0);
                self.overlays.push(Overlay::Sort { cursor });
                Vec::new()
            }
            Action::Filter => {
                let form = FilterForm::from_query(self.parsed.as_ref().ok());
                self.overlays.push(Overlay::Filter(Box::new(form)));
                Vec::new()
            }
            Action::Edit => {
                let line = self
                    .current_row()
                    .and_then(|r| Some(self.db.as_ref()?.index.line[r as usize]));
                match line {
                    Some(line) => vec![Effect::Edit { line }],
                    None => {
                        self.notice = Some(Notice {
                            text: "no creator to edit".into(),
                            error: false,
                        });
                        Vec::new()
                    }
                }
            }
            Action::Insert(c) => self.edit_query(|q| q.insert(c)),
            Action::DeleteBack => self.edit_query(|q| q.delete_back()),
            Action::DeleteForward => self.edit_query(|q| q.delete_forward()),
            Action::DeleteWord => self.edit_query(|q| q.delete_word()),
            Action::ClearLine => self.edit_query(|q| q.clear()),
            Action::Left => {
                self.query.left();
                Vec::new()
            }
            Action::Right => {
                self.query.right();
                Vec::new()
            }
            Action::LineStart => {
                self.query.home();
                Vec::new()
            }
            Action::LineEnd => {
                self.query.end();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Changes the query line, reads it again, and searches when it reads as a query.
    fn edit_query(
        &mut self,
        change: impl FnOnce(&mut crate::tui::input::TextInput),
    ) -> Vec<Effect> {
        let before = self.query.text().to_string();
        change(&mut self.query);
        if self.query.text() == before {
            return Vec::new();
        }
        self.reparse()
    }

    fn reparse(&mut self) -> Vec<Effect> {
        self.parsed = Query::parse(self.query.text());
        self.search(FIRST_RANKED)
    }

    fn apply_filters(&mut self) -> Vec<Effect> {
        let Some(Overlay::Filter(form)) = self.overlays.last_mut() else {
            return Vec::new();
        };
        match form.filters() {
            Err(message) => {
                form.error = Some(message);
                Vec::new()
            }
            Ok(filters) => {
                let text = filter::rewrite(self.query.text(), self.parsed.as_ref().ok(), &filters);
                self.overlays.pop();
                self.query.set(&text);
                self.focus = Focus::Results;
                self.reparse()
            }
        }
    }
}
