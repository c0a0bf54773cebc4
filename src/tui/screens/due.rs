//! The follow-ups due, across campaigns, oldest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::display::escape;
use crate::tui::actions;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};

/// The follow-ups' keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "due", title: "Follow-ups due", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "next", None),
    (&["k", "up"], Action::Up, "previous", None),
    (&[">"], Action::NextStage, "move to the next stage", Some("next")),
    (&["<"], Action::PreviousStage, "move to the previous stage", None),
    (&["s"], Action::SetStage, "set the stage…", Some("stage")),
    (&["n"], Action::Note, "note", None),
    (&["x"], Action::Export, "export an invitation to this creator…", None),
    (&["d"], Action::FollowUpDate, "follow-up date", Some("date")),
    (&["enter"], Action::Open, "the creator's details", None),
    (&["e"], Action::Edit, "open the creator in $EDITOR", None),
    (&["p"], Action::Pipeline, "pipeline board", None),
    (&["w"], Action::Retry, "save again what could not be saved", None),
    (&["esc", "u"], Action::Back, "back to the search", Some("search")),
    (&["?"], Action::Help, "help", Some("help")),
    (&["q"], Action::Quit, "quit", Some("quit")),
]});

/// What a key does in the follow-ups: move, or act on the chosen one in its own campaign.
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
        _ => actions::views(app, action),
    }
}

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let today = app.now.date();
    let due = &app.due;
    let title = if due.loading && due.items.is_empty() {
        " Follow-ups due · reading the campaigns… ".to_string()
    } else {
        format!(" Follow-ups due on {today} · {} ", due.items.len())
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(Line::styled(title, theme.title));
    if due.items.is_empty() {
        let text = if due.loading {
            "  reading the campaigns…"
        } else {
            "  nothing is due today"
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.muted)).block(block),
            area,
        );
        return;
    }
    let inner_height = usize::from(area.height.saturating_sub(3));
    let top = due.cursor.saturating_sub(inner_height.saturating_sub(1));
    let wide = area.width >= 100;
    let rows: Vec<Row<'_>> = due
        .items
        .iter()
        .enumerate()
        .skip(top)
        .take(inner_height)
        .map(|(i, item)| {
            let late = item.due.lateness(today).unwrap_or_default();
            let name = item
                .name
                .clone()
                .unwrap_or_else(|| item.entry.creator.to_string());
            let mut cells = vec![
                Cell::from(item.due.on.to_string()),
                Cell::from(late),
                Cell::from(escape(&name).into_owned()),
                Cell::from(item.entry.stage.name()),
                Cell::from(item.due.action.describe()),
            ];
            if wide {
                cells.insert(2, Cell::from(escape(&item.campaign).into_owned()));
            }
            let style = if i == due.cursor {
                theme.cursor
            } else {
                theme.text
            };
            Row::new(cells).style(style)
        })
        .collect();
    let mut header = vec!["DUE", "LATE", "CREATOR", "STAGE", "ACTION"];
    let mut widths = vec![
        Constraint::Length(10),
        Constraint::Length(7),
        Constraint::Fill(1),
        Constraint::Length(11),
        Constraint::Fill(2),
    ];
    if wide {
        let longest = due
            .items
            .iter()
            .map(|i| crate::display::width(&i.campaign))
            .max()
            .unwrap_or(8)
            .clamp(8, 24);
        header.insert(2, "CAMPAIGN");
        widths.insert(2, Constraint::Length(longest as u16));
    }
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header))
        .column_spacing(1)
        .block(block);
    frame.render_widget(table, area);
}
