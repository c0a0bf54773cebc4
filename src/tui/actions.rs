//! The keys every screen shares: working the shortlist (add, stage, next and previous stage,
//! note, follow-up date, export, saving again), and opening the campaign picker, the board, the
//! follow-ups, help and the problems. Each opens the room that does the work.

use super::app::{AfterPick, App};
use super::effect::Effect;
use super::keymap::Action;
use super::overlays::campaigns;
use super::overlays::date::DateEditor;
use super::overlays::entry::EntryView;
use super::overlays::export;
use super::overlays::form::Form;
use super::overlays::help::Help;
use super::overlays::note::NoteEditor;
use super::overlays::problems::Problems;
use super::overlays::stages::StagePicker;
use crate::model::Stage;
use crate::outreach::{Step, step};

/// Does what `action` asks when it is one of the shared keys; `None` when it is not.
pub fn shared(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    Some(match action {
        Action::Add => add(app),
        Action::SetStage => with_targets(app, |app, targets| {
            app.open(StagePicker::new(targets));
            Vec::new()
        }),
        Action::NextStage => with_targets(app, |app, targets| {
            // Signing asks for the fee agreed.
            let signing = targets
                .iter()
                .all(|t| step(&t.entry, Step::Next) == Some(Stage::Contracted));
            if signing {
                app.open(Form::fee(targets, Some(Stage::Contracted)));
                return Vec::new();
            }
            app.step(targets, Step::Next)
        }),
        Action::Entry => with_targets(app, |app, mut targets| {
            let about = app.due_about();
            app.open(EntryView::at(targets.remove(0), about.as_ref()));
            Vec::new()
        }),
        Action::PreviousStage => {
            with_targets(app, |app, targets| app.step(targets, Step::Previous))
        }
        Action::Note => with_targets(app, |app, mut targets| {
            app.open(NoteEditor::new(targets.remove(0)));
            Vec::new()
        }),
        Action::FollowUpDate => with_targets(app, |app, targets| {
            app.open(DateEditor::new(targets));
            Vec::new()
        }),
        Action::Remove => with_targets(app, |app, targets| {
            app.open(super::overlays::ask::Ask::remove(targets));
            Vec::new()
        }),
        Action::Undo => app.undo_last(),
        Action::ReadReplies => app.read_replies(),
        Action::Retry => app.retry(),
        Action::Export => export::open(app),
        Action::Campaign => campaigns::open(app),
        Action::CampaignSettings => {
            app.open_settings();
            Vec::new()
        }
        Action::Pipeline => pipeline(app),
        Action::Report => {
            if app.campaign.is_none() {
                app.after_pick = Some(AfterPick::Report);
                return Some(campaigns::open(app));
            }
            app.show_report();
            Vec::new()
        }
        Action::Due => app.show_due(),
        Action::Help => {
            app.open(Help::default());
            Vec::new()
        }
        Action::Problems => {
            app.open(Problems::default());
            Vec::new()
        }
        _ => return None,
    })
}

/// Does `then` with the entries the action applies to, or says why there are none.
fn with_targets(
    app: &mut App,
    then: impl FnOnce(&mut App, Vec<super::app::Target>) -> Vec<Effect>,
) -> Vec<Effect> {
    match app.targets() {
        Ok(targets) => then(app, targets),
        Err(e) => {
            app.tell(e, false);
            Vec::new()
        }
    }
}

/// Puts the chosen creators on the open campaign's shortlist, picking the campaign first when
/// none is open.
fn add(app: &mut App) -> Vec<Effect> {
    let creators: Vec<String> = app
        .chosen_rows()
        .into_iter()
        .filter_map(|r| app.creator_id(r))
        .collect();
    if creators.is_empty() {
        app.tell("no creator to add", false);
        return Vec::new();
    }
    if app.campaign.is_none() {
        app.after_pick = Some(AfterPick::Add(creators));
        return campaigns::open(app);
    }
    app.add(creators)
}

/// Shows the board of the open campaign, picking the campaign first when none is open.
fn pipeline(app: &mut App) -> Vec<Effect> {
    if app.campaign.is_none() {
        app.after_pick = Some(AfterPick::Board);
        return campaigns::open(app);
    }
    app.show_board();
    Vec::new()
}

/// The keys the board and the follow-ups share: back to the search, the chosen creator's
/// details or file, and the shared keys.
pub fn views(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Back => {
            app.view = super::app::View::Search;
            app.detail = None;
            app.refresh_detail();
            Vec::new()
        }
        Action::Open => {
            let chosen = app.chosen_in_view().and_then(|row| {
                let db = app.db.as_ref()?;
                Some((row, db.creators.get(row as usize)?.into_owned()))
            });
            match chosen {
                Some(detail) => {
                    app.detail = Some(detail);
                    app.detail_scroll = 0;
                    app.open(super::overlays::detail::Details);
                }
                None => app.tell("not in creators.toml", false),
            }
            Vec::new()
        }
        Action::Edit => {
            let line = app
                .chosen_in_view()
                .and_then(|r| Some(app.db.as_ref()?.index.line[r as usize]));
            line.map(|line| vec![Effect::Edit { line }])
                .unwrap_or_default()
        }
        _ => shared(app, action).unwrap_or_default(),
    }
}
