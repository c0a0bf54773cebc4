//! The search screen: the query line (with what is wrong with it), the results, and the
//! creator's details beside or under them. Two modes: the results have the keys, or the query
//! line does and printable keys are text.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::display::{escape, truncate, width};
use crate::tui::actions;
use crate::tui::app::{App, Focus};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::layout::{Areas, PROMPT};
use crate::tui::overlays::detail::Details;
use crate::tui::overlays::filter::FilterForm;
use crate::tui::overlays::sort::SortMenu;
use crate::tui::panes::{detail, results};

/// The keys of the result list.
#[rustfmt::skip]
pub const NORMAL: Mode = Mode(&ModeInfo { name: "normal", title: "Results", takes_text: false, keys: &[
    (&["/"], Action::Search, "search: type a query", Some("search")),
    (&["j", "down"], Action::Down, "next creator", None),
    (&["k", "up"], Action::Up, "previous creator", None),
    (&["g", "home"], Action::Top, "first creator", None),
    (&["G", "end"], Action::Bottom, "last creator", None),
    (&["pgdn", "ctrl-f"], Action::PageDown, "page down", None),
    (&["pgup", "ctrl-b"], Action::PageUp, "page up", None),
    (&["space"], Action::Mark, "select / unselect", Some("select")),
    (&["enter"], Action::Open, "the creator's details, full screen", Some("details")),
    (&["J"], Action::DetailDown, "scroll the creator's details down", None),
    (&["K"], Action::DetailUp, "scroll the creator's details up", None),
    (&["f"], Action::Filter, "filter form", Some("filter")),
    (&["o"], Action::Sort, "sort by…", Some("sort")),
    (&["e"], Action::Edit, "open the creator in $EDITOR", Some("edit")),
    (&["c"], Action::Campaign, "campaign: show stages in one", Some("campaign")),
    (&["C"], Action::CampaignSettings, "the open campaign's settings (or a new campaign)", None),
    (&["a"], Action::Add, "add the selected (or this one) to the open campaign", Some("add")),
    (&["s"], Action::SetStage, "set the stage…", Some("stage")),
    (&[">"], Action::NextStage, "next stage", None),
    (&["<"], Action::PreviousStage, "previous stage", None),
    (&["n"], Action::Note, "note on the shortlist entry", None),
    (&["v"], Action::Entry, "the shortlist entry: deliverables, payments, rights", None),
    (&["x"], Action::Export, "export invitations to the selected (or this one)…", Some("export")),
    (&["d"], Action::FollowUpDate, "follow-up date", None),
    (&["D"], Action::Remove, "take the selected (or this one) off the shortlist…", Some("remove")),
    (&["z"], Action::Undo, "undo the last change saved", Some("undo")),
    (&["M"], Action::ReadReplies, "read the mailboxes for replies ([mail] mailboxes)", None),
    (&["*", "ctrl-a"], Action::SelectAll, "select every creator listed", None),
    (&["="], Action::Compare, "compare the selected creators side by side (two to four)", None),
    (&["p"], Action::Pipeline, "pipeline board of the open campaign", Some("pipeline")),
    (&["r"], Action::Report, "report of the open campaign: results, cost per result", None),
    (&["u"], Action::Due, "agenda: everything due, all campaigns", Some("agenda")),
    (&["w"], Action::Retry, "save again what could not be saved", None),
    (&["!"], Action::Problems, "problems in the files", None),
    (&["esc"], Action::Back, "unselect all (asks again when several are selected)", None),
    (&["?"], Action::Help, "help", Some("help")),
    (&["q"], Action::Quit, "quit", Some("quit")),
]});

/// The keys while typing a query.
#[rustfmt::skip]
pub const TYPING: Mode = Mode(&ModeInfo { name: "typing", title: "Typing a query", takes_text: true, keys: &[
    (&["enter", "esc"], Action::Done, "back to the results (keeps the query)", Some("results")),
    (&["down", "ctrl-n"], Action::Down, "next creator", None),
    (&["up", "ctrl-p"], Action::Up, "previous creator", None),
    (&["pgdn"], Action::PageDown, "page down", None),
    (&["pgup"], Action::PageUp, "page up", None),
    (&["backspace"], Action::DeleteBack, "delete before the cursor", None),
    (&["delete"], Action::DeleteForward, "delete under the cursor", None),
    (&["left"], Action::Left, "cursor left", None),
    (&["right"], Action::Right, "cursor right", None),
    (&["home", "ctrl-a"], Action::LineStart, "start of the line", None),
    (&["end", "ctrl-e"], Action::LineEnd, "end of the line", None),
    (&["ctrl-w"], Action::DeleteWord, "delete a word", None),
    (&["ctrl-u"], Action::ClearLine, "clear the query", Some("clear")),
]});

/// The mode of the search screen: the query line's when it has the focus.
pub fn mode(app: &App) -> Mode {
    if app.focus == Focus::Query {
        TYPING
    } else {
        NORMAL
    }
}

/// What a key does on the search screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = actions::shared(app, action) {
        return effects;
    }
    let page = app.page() as isize;
    match action {
        Action::Down => app.move_cursor(1),
        Action::Up => app.move_cursor(-1),
        Action::PageDown => app.move_cursor(page),
        Action::PageUp => app.move_cursor(-page),
        Action::Top => app.move_cursor(-(app.cursor as isize)),
        Action::Bottom => {
            if app.results.rows.len() < app.results.total {
                app.to_bottom = true;
                let total = app.results.total;
                app.search(total)
            } else {
                app.move_cursor(app.results.rows.len() as isize)
            }
        }
        Action::Search => {
            app.focus = Focus::Query;
            Vec::new()
        }
        Action::Done => {
            app.focus = Focus::Results;
            Vec::new()
        }
        Action::Back => {
            // Several chosen one by one are not lost to one stray key.
            if app.marked.len() > 1 && app.armed != Some(Action::Back) {
                app.armed = Some(Action::Back);
                app.tell(
                    format!("{} selected: esc again unselects them", app.marked.len()),
                    false,
                );
            } else {
                app.marked.clear();
            }
            Vec::new()
        }
        Action::SelectAll => app.select_all(),
        Action::Compare => {
            crate::tui::overlays::compare::open(app);
            Vec::new()
        }
        Action::Mark => {
            if let Some(row) = app.current_row() {
                if !app.marked.remove(&row) {
                    app.marked.insert(row);
                }
                return app.move_cursor(1);
            }
            Vec::new()
        }
        Action::DetailDown | Action::DetailUp => {
            if let Some(rect) = app.areas().and_then(|a| a.detail) {
                detail::scroll(app, action, rect);
            }
            Vec::new()
        }
        Action::Open => {
            if app.current_row().is_some() {
                app.open(Details);
            }
            Vec::new()
        }
        Action::Sort => {
            app.open(SortMenu::new(app));
            Vec::new()
        }
        Action::Filter => {
            app.open(FilterForm::open(app));
            Vec::new()
        }
        Action::Edit => {
            let line = app
                .current_row()
                .and_then(|r| Some(app.db.as_ref()?.index.line[r as usize]));
            match line {
                Some(line) => vec![Effect::Edit { line }],
                None => {
                    app.tell("no creator to edit", false);
                    Vec::new()
                }
            }
        }
        Action::Insert(c) => app.edit_query(|q| q.insert(c)),
        Action::DeleteBack => app.edit_query(|q| q.delete_back()),
        Action::DeleteForward => app.edit_query(|q| q.delete_forward()),
        Action::DeleteWord => app.edit_query(|q| q.delete_word()),
        Action::ClearLine => app.edit_query(|q| q.clear()),
        Action::Left => {
            app.query.left();
            Vec::new()
        }
        Action::Right => {
            app.query.right();
            Vec::new()
        }
        Action::LineStart => {
            app.query.home();
            Vec::new()
        }
        Action::LineEnd => {
            app.query.end();
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Draws the screen in its areas.
pub fn draw(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    query_line(frame, app, areas);
    if areas.error.is_some() {
        error_line(frame, app, areas);
    }
    results::draw(frame, app, areas);
    if let Some(rect) = areas.detail {
        detail::draw(frame, app, rect);
    }
    if app.focus == Focus::Query && app.overlays.is_empty() {
        let x = areas.query.x + width(PROMPT) as u16 + app.query.cursor_column() as u16;
        frame.set_cursor_position((x.min(areas.query.width.saturating_sub(1)), areas.query.y));
    }
}

fn query_line(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Query && app.overlays.is_empty();
    let prompt_style = if focused { theme.key } else { theme.muted };
    let mut spans = vec![Span::styled(PROMPT, prompt_style)];
    if app.query.text().is_empty() && !focused {
        spans.push(Span::styled(
            "press / to search: words, niche:…, platform:ig, followers:10k..50k, er:>3, -word",
            theme.muted,
        ));
    } else {
        spans.push(Span::styled(
            escape(app.query.text()).into_owned(),
            theme.text,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), areas.query);
}

fn error_line(frame: &mut Frame<'_>, app: &App, areas: &Areas) {
    let (Err(error), Some(rect)) = (&app.parsed, areas.error) else {
        return;
    };
    let text = app.query.text();
    let start = error.span.start.min(text.len());
    let end = error.span.end.clamp(start, text.len());
    let before = width(PROMPT) + width(&text[..start]);
    let carets = width(&text[start..end]).max(1);
    let mut marks = vec![
        Span::raw(" ".repeat(before)),
        Span::styled("^".repeat(carets), app.theme.error),
    ];
    let message = escape(&error.message);
    let room = usize::from(rect.width).saturating_sub(width(PROMPT));
    let message = Span::styled(truncate(&message, room).into_owned(), app.theme.error);
    let lines = if rect.height > 1 {
        // Too long to follow the marks: the message goes on the line under them.
        vec![
            Line::from(marks),
            Line::from(vec![Span::raw(" ".repeat(width(PROMPT))), message]),
        ]
    } else {
        marks.extend([Span::raw(" "), message]);
        vec![Line::from(marks)]
    };
    frame.render_widget(Paragraph::new(lines), rect);
}
