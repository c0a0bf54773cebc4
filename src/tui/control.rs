//! Where events go: a key to the top overlay or else to the screen on show, through the key map
//! of its mode; the mouse; and the answers of work done on threads, to the state or the room
//! they are for.

use crossterm::event::{KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::app::{App, Focus, View};
use super::effect::Effect;
use super::keymap::{Action, Mode};
use super::overlays::campaigns::CampaignPicker;
use super::overlays::confirm::ConfirmQuit;
use super::overlays::entry::EntryView;
use super::overlays::export::ExportView;
use super::overlays::{exported, problems};
use super::screens::{board, due, report, search};
use super::tasks::Done;

/// Where the keyboard is talking to: the top overlay, else the screen on show.
pub fn mode(app: &App) -> Mode {
    match app.overlays.last() {
        Some(top) => top.mode(),
        None => match app.view {
            View::Board => board::MODE,
            View::Due => due::MODE,
            View::Report => report::MODE,
            View::Search => search::mode(app),
        },
    }
}

/// A key was pressed.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    app.notice = None;
    // A key asked to be pressed again counts only as the very next one.
    let armed = app.armed.take();
    match app.keymap.resolve(mode(app), key) {
        Some(action) => {
            app.armed = armed.filter(|a| *a == action);
            let effects = update(app, action);
            if app.armed == armed && armed.is_some() {
                // Used: the next press starts afresh.
                app.armed = None;
            }
            effects
        }
        None => Vec::new(),
    }
}

/// Carries out an action; returns what the event loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if action == Action::ForceQuit {
        return vec![Effect::Quit];
    }
    if action == Action::Quit {
        // Changes that could not be saved are not left behind without a word.
        if !app.unsaved.is_empty() && !app.on_top::<ConfirmQuit>() {
            app.open(ConfirmQuit);
            return Vec::new();
        }
        return vec![Effect::Quit];
    }
    if let Some(mut top) = app.overlays.pop() {
        // Off the stack while it works: what it opens goes above where it was.
        let at = app.overlays.len();
        let reply = top.update(app, action);
        if !reply.close {
            app.overlays.insert(at.min(app.overlays.len()), top);
        }
        return reply.effects;
    }
    match app.view {
        View::Search => search::update(app, action),
        View::Board => board::update(app, action),
        View::Due => due::update(app, action),
        View::Report => report::update(app, action),
    }
}

/// The mouse did something: the wheel scrolls, a click picks a result or the query line.
pub fn on_mouse(app: &mut App, event: MouseEvent) -> Vec<Effect> {
    if !app.overlays.is_empty() {
        return match event.kind {
            MouseEventKind::ScrollDown => update(app, Action::Down),
            MouseEventKind::ScrollUp => update(app, Action::Up),
            _ => Vec::new(),
        };
    }
    let Some(areas) = app.areas() else {
        return Vec::new();
    };
    match event.kind {
        MouseEventKind::ScrollDown => app.move_cursor(3),
        MouseEventKind::ScrollUp => app.move_cursor(-3),
        MouseEventKind::Down(MouseButton::Left) => {
            if event.row == areas.query.y {
                app.focus = Focus::Query;
                Vec::new()
            } else if event.row >= areas.first_row_y()
                && event.row < areas.first_row_y() + areas.visible_rows() as u16
                && event.column >= areas.table.x
                && event.column < areas.table.x + areas.table.width
            {
                let target = app.offset + usize::from(event.row - areas.first_row_y());
                if target < app.results.rows.len() {
                    app.focus = Focus::Results;
                    let delta = target as isize - app.cursor as isize;
                    return app.move_cursor(delta);
                }
                Vec::new()
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// Work done off the interface's thread came back.
pub fn on_done(app: &mut App, done: Done) -> Vec<Effect> {
    match done {
        Done::Loaded(outcome) => {
            let (effects, errors) = app.on_loaded(*outcome);
            if errors {
                problems::show(app);
            }
            effects
        }
        Done::Campaigns(list) => {
            let open = app.campaign.as_ref().map(|c| c.campaign.id.to_string());
            if let Some(picker) = app.overlay_mut::<CampaignPicker>() {
                picker.arrived(list, open.as_deref());
            }
            Vec::new()
        }
        Done::Campaign(loaded) => {
            let (effects, unreadable) = app.on_campaign(*loaded);
            if unreadable {
                problems::show(app);
            }
            effects
        }
        Done::Undone(step, result) => app.on_undone(step, result),
        Done::Replies(replies, problems) => app.on_replies(replies, problems),
        Done::Templates(names) => {
            app.templates = names;
            Vec::new()
        }
        Done::Saved(report) => {
            if let Ok(saved) = &report.result
                && let Some(view) = app.overlay_mut::<EntryView>()
            {
                view.saved(&saved.campaign);
            }
            app.on_saved(*report)
        }
        Done::Agenda(items, problems) => app.on_due(items, problems),
        Done::Tracks(index, tracks, on) => app.on_tracks(index, tracks, on),
        Done::ExportPrepared(preview) => {
            if app.on_top::<ExportView>()
                && let Some(view) = app.overlay_mut::<ExportView>()
            {
                view.arrived(*preview);
            }
            Vec::new()
        }
        Done::Exported(report) => {
            exported::arrived(app, *report);
            Vec::new()
        }
        Done::Created { id, result } => match result {
            Ok(file) => {
                app.tell(format!("created {file}"), false);
                app.choose_campaign(Some(id))
            }
            Err(e) => {
                app.tell(&e, true);
                Vec::new()
            }
        },
    }
}
