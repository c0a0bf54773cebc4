//! The pipeline board: the open campaign's budget on top, then a column per stage (the closed
//! stages share the last) with its count and fees, each creator a card — marked `!` when
//! something is due — saying what is next for them and how late it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::display::{compact, escape, grouped, truncate, width};
use crate::outreach::{Budget, next_action_by};
use crate::tui::actions;
use crate::tui::app::{App, COLUMNS};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Mode, ModeInfo};

/// The board's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "board", title: "Pipeline board", takes_text: false, keys: &[
    (&["h", "left"], Action::Left, "previous column", None),
    (&["l", "right"], Action::Right, "next column", None),
    (&["j", "down"], Action::Down, "next creator", None),
    (&["k", "up"], Action::Up, "previous creator", None),
    (&[">"], Action::NextStage, "move to the next stage", Some("next")),
    (&["<"], Action::PreviousStage, "move to the previous stage", Some("back")),
    (&["s"], Action::SetStage, "set the stage…", Some("stage")),
    (&["n"], Action::Note, "note", None),
    (&["v"], Action::Entry, "the entry: deliverables, payments, rights", Some("entry")),
    (&["x"], Action::Export, "export an invitation to this creator…", None),
    (&["d"], Action::FollowUpDate, "follow-up date", None),
    (&["enter"], Action::Open, "the creator's details", None),
    (&["e"], Action::Edit, "open the creator in $EDITOR", None),
    (&["u"], Action::Due, "agenda", None),
    (&["r"], Action::Report, "report: results, cost per result", None),
    (&["c"], Action::Campaign, "campaign…", None),
    (&["D"], Action::Remove, "take this creator off the shortlist…", None),
    (&["z"], Action::Undo, "undo the last change saved", None),
    (&["w"], Action::Retry, "save again what could not be saved", None),
    (&["esc", "p"], Action::Back, "back to the search", Some("search")),
    (&["?"], Action::Help, "help", Some("help")),
    (&["q"], Action::Quit, "quit", Some("quit")),
]});

/// What a key does on the board: move among columns and creators, or act on the chosen one.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Left | Action::Right => {
            let row = app.board_row();
            let column = if action == Action::Left {
                app.board.column.saturating_sub(1)
            } else {
                (app.board.column + 1).min(COLUMNS.len() - 1)
            };
            app.choose(column, row);
            Vec::new()
        }
        Action::Down | Action::Up => {
            let row = app.board_row();
            let row = if action == Action::Down {
                row + 1
            } else {
                row.saturating_sub(1)
            };
            app.choose(app.board.column, row);
            Vec::new()
        }
        _ => actions::views(app, action),
    }
}

/// The narrowest a column is drawn.
const MIN_COLUMN: u16 = 16;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    let theme = &app.theme;
    let Some(open) = &app.campaign else {
        frame.render_widget(
            Paragraph::new(Line::styled(" no campaign open: c opens one", theme.muted)),
            area,
        );
        return;
    };
    let campaign = &open.campaign;
    let budget = Budget::of(campaign, &app.currency);
    // The line over the columns, shortened to fit: the id goes first, then what is proposed,
    // and what is still too long ends in an ellipsis.
    let mut money = format!(
        "  committed {} {}",
        escape(&budget.currency),
        grouped(budget.committed)
    );
    if let Some(b) = budget.budget {
        let share = budget
            .committed
            .saturating_mul(100)
            .checked_div(b)
            .unwrap_or(0);
        money.push_str(&format!(" of {} ({share}%)", grouped(b)));
    }
    let proposed = format!(" · proposed {}", grouped(budget.proposed));
    let (left, left_style) = match budget.remaining() {
        Some(left) if left < 0 => (
            format!(" · OVER BUDGET by {}", grouped(left.unsigned_abs() as u64)),
            theme.error,
        ),
        Some(left) => (format!(" · left {}", grouped(left as u64)), theme.ok),
        None => (String::new(), theme.ok),
    };
    let name = escape(&campaign.brief.name).into_owned();
    let with_id = format!(" {name} ({})", escape(&campaign.id));
    let short = format!(
        "  committed {} {}",
        escape(&budget.currency),
        grouped(budget.committed)
    );
    let room = usize::from(area.width);
    let fits = |parts: &[&str]| parts.iter().map(|p| width(p)).sum::<usize>() <= room;
    let plain = format!(" {name}");
    let (title, money) = if fits(&[&with_id, &money, &proposed, &left]) {
        (with_id, format!("{money}{proposed}"))
    } else if fits(&[&plain, &money, &proposed, &left]) {
        (plain, format!("{money}{proposed}"))
    } else if fits(&[&plain, &money, &left]) {
        (plain, money)
    } else {
        // Still too long: the name gives way, the sums stay whole.
        let rest = width(&short) + width(&left);
        (
            truncate(&plain, room.saturating_sub(rest).max(6)).into_owned(),
            short,
        )
    };
    let head = vec![
        Span::styled(title, theme.title),
        Span::styled(money, theme.text),
        Span::styled(left, left_style),
    ];
    frame.render_widget(
        Paragraph::new(Line::from(head)),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    // As many columns as fit, scrolled so that the chosen one is among them.
    let shown = usize::from((body.width / MIN_COLUMN).max(1)).min(COLUMNS.len());
    let first = app
        .board
        .column
        .saturating_sub(shown - 1)
        .min(COLUMNS.len() - shown);
    let column_width = body.width / shown as u16;
    let today = app.now.date();
    for (slot, column) in (first..first + shown).enumerate() {
        let x = body.x + slot as u16 * column_width;
        let w = if slot + 1 == shown {
            body.width - slot as u16 * column_width
        } else {
            column_width
        };
        let rect = Rect::new(x, body.y, w, body.height);
        let (name, stages) = COLUMNS[column];
        let entries = app.board_column(column);
        let fees: u64 = stages.iter().map(|s| budget.stage(*s).fees).sum();
        let chosen = column == app.board.column;
        let mut block = Block::new()
            .borders(Borders::ALL)
            .border_style(if chosen {
                theme.focused_border
            } else {
                theme.border
            })
            .title(Line::styled(
                // Columns out of sight are pointed to from the edge ones.
                format!(
                    " {}{name} {}{} ",
                    if slot == 0 && first > 0 { "◂ " } else { "" },
                    entries.len(),
                    if slot + 1 == shown && first + shown < COLUMNS.len() {
                        " ▸"
                    } else {
                        ""
                    }
                ),
                theme.header,
            ));
        if fees > 0 {
            block = block.title_bottom(Line::styled(format!(" {} ", grouped(fees)), theme.muted));
        }
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        // A card is its name and fee, then (when there is room) what is next for it.
        let per = if inner.height >= 6 { 2 } else { 1 };
        let height = usize::from(inner.height) / per;
        let row = if chosen { app.board_row() } else { 0 };
        let top = row.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line<'_>> = entries
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .flat_map(|(i, &e)| {
                let entry = &campaign.entries[e];
                let name = open.rows[e]
                    .and_then(|r| Some(app.db.as_ref()?.index.name(r as usize).to_string()))
                    .unwrap_or_else(|| entry.creator.to_string());
                let next = next_action_by(entry, today, &app.cadence);
                let due = next.as_ref().is_some_and(|d| d.on <= today);
                let mark = if due { "!" } else { " " };
                // The name comes first: the fee beside it only when both fit, the stage of a
                // closed card on its second line.
                let fee = entry.fee.map(compact).unwrap_or_default();
                let whole = width(&escape(&name));
                let (tail, second) = if stages.len() > 1 {
                    let stage = entry.stage.name().to_string();
                    if per == 2 {
                        (String::new(), stage)
                    } else {
                        (stage, String::new())
                    }
                } else if per == 2 && whole + width(&fee) + 3 > usize::from(inner.width) {
                    (String::new(), String::new())
                } else {
                    (fee, String::new())
                };
                let room = usize::from(inner.width).saturating_sub(width(&tail) + 3);
                let name = truncate(&escape(&name), room).into_owned();
                let gap =
                    usize::from(inner.width).saturating_sub(1 + width(&name) + width(&tail) + 1);
                let style: Style = if chosen && i == row {
                    theme.cursor
                } else {
                    theme.text
                };
                let mut card = vec![Line::from(vec![
                    Span::styled(mark, theme.error),
                    Span::styled(format!("{name}{}{tail} ", " ".repeat(gap)), style),
                ])];
                if per == 2 {
                    let (mut text, style) = match &next {
                        Some(d) => {
                            let when = match d.overdue(today) {
                                0 => "today".to_string(),
                                n if n > 0 => format!("{n}d late"),
                                n => format!("in {}d", -n),
                            };
                            let text = format!("{when} {} {}", d.action.short(), d.about.words());
                            (
                                text.trim_end().to_string(),
                                if due { theme.error } else { theme.muted },
                            )
                        }
                        None => (String::new(), theme.muted),
                    };
                    if !second.is_empty() {
                        text = if text.is_empty() {
                            second.clone()
                        } else {
                            format!("{second} · {text}")
                        };
                    }
                    let room = usize::from(inner.width).saturating_sub(2);
                    card.push(Line::styled(
                        format!(" {}", truncate(&escape(&text), room)),
                        style,
                    ));
                }
                card
            })
            .collect();
        if lines.is_empty() {
            frame.render_widget(Paragraph::new(Line::styled(" —", theme.muted)), inner);
        } else {
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}
