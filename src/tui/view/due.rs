//! The follow-ups due, across campaigns, oldest first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::display::escape;
use crate::tui::app::App;

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
