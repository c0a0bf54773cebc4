//! The agenda: everything due across campaigns — follow-ups, scripts and drafts, posts, live
//! checks, results, payments, shipments, usage rights, replies — oldest first, narrowed to one
//! kind of work on request and looking ahead a week at a time. Keys act on the chosen item in
//! its own campaign.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::display::{escape, truncate, width};
use crate::outreach::About;
use crate::tui::actions;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::overlays::entry::act;

/// The agenda's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "due", title: "Agenda", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&["v"], Action::Entry, "the entry: deliverables, payments, rights", Some("entry")),
    (&["r"], Action::Review, "record a review round of the deliverable", None),
    (&["o"], Action::Posted, "mark the deliverable posted…", None),
    (&["l"], Action::Live, "the post is still live (checked today)", None),
    (&["R"], Action::RecordResults, "record the post's results…", None),
    (&["m"], Action::Paid, "mark the payment paid today", None),
    (&["t"], Action::Kind, "only one kind of work: outreach, production, payment…", Some("kind")),
    (&["]"], Action::Ahead, "look a week further ahead", None),
    (&["["], Action::Behind, "look a week less ahead", None),
    (&[">"], Action::NextStage, "move to the next stage", Some("next")),
    (&["<"], Action::PreviousStage, "move to the previous stage", None),
    (&["s"], Action::SetStage, "set the stage…", Some("stage")),
    (&["n"], Action::Note, "note", None),
    (&["x"], Action::Export, "export an invitation to this creator…", None),
    (&["d"], Action::FollowUpDate, "follow-up date", Some("date")),
    (&["enter"], Action::Open, "the creator's details", None),
    (&["e"], Action::Edit, "open the creator in $EDITOR", None),
    (&["p"], Action::Pipeline, "pipeline board", None),
    (&["D"], Action::Remove, "take this creator off the shortlist…", None),
    (&["z"], Action::Undo, "undo the last change saved", None),
    (&["M"], Action::ReadReplies, "read the mailboxes for replies ([mail] mailboxes)", None),
    (&["w"], Action::Retry, "save again what could not be saved", None),
    (&["esc", "u"], Action::Back, "back to the search", Some("search")),
    (&["?"], Action::Help, "help", Some("help")),
    (&["q"], Action::Quit, "quit", Some("quit")),
]});

/// What a key does in the agenda: move, narrow, look ahead, or act on the chosen item.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Down | Action::Up => {
            let last = app.due.items.len().saturating_sub(1);
            app.due.cursor = if action == Action::Down {
                (app.due.cursor + 1).min(last)
            } else {
                app.due.cursor.saturating_sub(1)
            };
            Vec::new()
        }
        Action::Kind => {
            app.next_kind();
            Vec::new()
        }
        Action::Ahead => app.look_ahead(7),
        Action::Behind => app.look_ahead(-7),
        Action::Review | Action::Posted | Action::Live | Action::RecordResults | Action::Paid => {
            let Some(item) = app.due.items.get(app.due.cursor).cloned() else {
                app.tell("nothing is due", false);
                return Vec::new();
            };
            let (deliverable, payment) = match &item.due.about {
                About::Deliverable(id) => (Some(id.to_string()), None),
                About::Payment { number, .. } => (
                    None,
                    usize::try_from(*number).ok().and_then(|n| n.checked_sub(1)),
                ),
                _ => (None, None),
            };
            let target = crate::tui::app::Target {
                campaign: item.campaign.clone(),
                entry: item.entry.clone(),
            };
            act(app, target, action, deliverable, payment)
        }
        _ => actions::views(app, action),
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let today = app.now.date();
    let due = &app.due;
    let scope = match due.ahead {
        0 => format!("due by {today}"),
        n => format!(
            "due and coming, to {}",
            today.saturating_add(jiff::Span::new().days(n))
        ),
    };
    let kind = due.kind.map(|k| format!(" · {k} only")).unwrap_or_default();
    let title = if due.loading && due.items.is_empty() {
        " Agenda · reading the campaigns… ".to_string()
    } else {
        format!(" Agenda · {scope}{kind} · {} ", due.items.len())
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(Line::styled(title, theme.title));
    if due.items.is_empty() {
        let text = if due.loading {
            "  reading the campaigns…".to_string()
        } else if due.kind.is_some() {
            "  nothing of this kind is due (t shows the next kind)".to_string()
        } else {
            "  nothing is due (] looks a week ahead)".to_string()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted)).block(block),
            area,
        );
        return;
    }
    let inner_height = usize::from(area.height.saturating_sub(3));
    let top = due.cursor.saturating_sub(inner_height.saturating_sub(1));
    // Every column is kept, narrower as the screen is: the date without its year, the stage
    // left out below 100 columns; what does not fit is cut with an ellipsis.
    let wide = area.width >= 100;
    let inner = usize::from(area.width.saturating_sub(2));
    let date_w = if wide { 10 } else { 5 };
    let stage_w = if wide { 11 } else { 0 };
    let fixed = date_w + 1 + 7 + 1 + if wide { stage_w + 1 } else { 0 } + 2;
    let flexible = inner.saturating_sub(fixed);
    let longest = |f: &dyn Fn(&crate::workspace::AgendaItem) -> String| {
        due.items
            .iter()
            .map(|i| width(&escape(&f(i))))
            .max()
            .unwrap_or(0)
    };
    let campaign_w = longest(&|i| i.campaign.clone())
        .clamp(6, 24)
        .min(flexible / 4);
    let creator_w = longest(&|i| {
        i.name
            .clone()
            .unwrap_or_else(|| i.entry.creator.to_string())
    })
    .clamp(8, 24)
    .min(flexible / 3);
    let action_w = flexible.saturating_sub(campaign_w + creator_w);
    let rows: Vec<Row<'_>> = due
        .items
        .iter()
        .enumerate()
        .skip(top)
        .take(inner_height)
        .map(|(i, item)| {
            let late = match item.due.overdue(today) {
                n if n < 0 => format!("in {}d", -n),
                _ => item.due.lateness(today).unwrap_or_default(),
            };
            let name = item
                .name
                .clone()
                .unwrap_or_else(|| item.entry.creator.to_string());
            let date = item.due.on.to_string();
            let date = if wide {
                date
            } else {
                date.get(5..).unwrap_or(&date).to_string()
            };
            let cut = |text: &str, w: usize| truncate(&escape(text), w).into_owned();
            let mut cells = vec![
                Cell::from(date),
                Cell::from(late),
                Cell::from(cut(&item.campaign, campaign_w)),
                Cell::from(cut(&name, creator_w)),
                Cell::from(cut(&item.due.what(), action_w)),
            ];
            if wide {
                cells.insert(4, Cell::from(item.entry.stage.name()));
            }
            let style = if i == due.cursor {
                theme.cursor
            } else if item.due.on > today {
                theme.muted
            } else {
                theme.text
            };
            Row::new(cells).style(style)
        })
        .collect();
    let length = |w: usize| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX));
    let mut header = vec!["DUE", "LATE", "CAMPAIGN", "CREATOR", "ACTION"];
    let mut widths = vec![
        length(date_w),
        length(7),
        length(campaign_w),
        length(creator_w),
        length(action_w),
    ];
    if wide {
        header.insert(4, "STAGE");
        widths.insert(4, length(stage_w));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}
