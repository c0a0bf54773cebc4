//! The boxes drawn over the main screen, bottom to top: help, sort menu, filter form, campaign
//! picker, problems.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::wrap::wrap;
use crate::display::{escape, width};
use crate::model::{Platform, Tier};
use crate::store::Severity;
use crate::tui::app::{App, CampaignChoice, Overlay, SORTS};
use crate::tui::filter::{Field, FilterForm};
use crate::tui::keymap::Mode;
use crate::tui::layout::centred;

pub fn draw(frame: &mut Frame<'_>, app: &App, area: Rect) {
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help { scroll } => help(frame, app, area, *scroll),
            Overlay::Sort { cursor } => sort(frame, app, area, *cursor),
            Overlay::Filter(form) => filter(frame, app, area, form),
            Overlay::Problems { scroll } => problems(frame, app, area, *scroll),
            Overlay::Detail => {
                if let Some(rect) = super::detail_rect(app) {
                    frame.render_widget(Clear, rect);
                    super::detail::draw(frame, app, rect);
                }
            }
            Overlay::Stages { cursor, targets } => {
                super::editors::stages(frame, app, area, *cursor, targets)
            }
            Overlay::Note { target, area: text } => {
                super::editors::note(frame, app, area, target, text)
            }
            Overlay::Date {
                targets,
                input,
                error,
            } => super::editors::date(frame, app, area, targets, input, error.as_deref()),
            Overlay::Confirm => super::editors::confirm(frame, app, area),
            Overlay::Export(view) => super::export::draw(frame, app, view),
            Overlay::Exported {
                creators, written, ..
            } => super::export::exported(frame, app, area, creators, written),
            Overlay::Campaigns { cursor, choices } => {
                campaigns(frame, app, area, *cursor, choices.as_deref())
            }
        }
    }
}

/// A box's place on the screen and its lines wrapped to fit inside it.
struct Laid {
    rect: Rect,
    lines: Vec<Line<'static>>,
}

/// Lays a box out: at most `width` wide, as tall as its lines once wrapped (continuation lines
/// indented by `hang`), but never taller than the screen.
fn lay_out(area: Rect, width: u16, lines: &[Line<'_>], hang: usize) -> Laid {
    let w = width.min(area.width);
    let inner = usize::from(w.saturating_sub(2));
    let lines: Vec<Line<'static>> = lines.iter().flat_map(|l| wrap(l, inner, hang)).collect();
    let most = area.height.saturating_sub(2).max(3);
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX).min(most);
    Laid {
        rect: centred(area, w, h),
        lines,
    }
}

impl Laid {
    /// How far the box's lines can be scrolled.
    fn max_scroll(&self) -> usize {
        let inner = usize::from(self.rect.height.saturating_sub(2));
        self.lines.len().saturating_sub(inner)
    }
}

fn boxed(frame: &mut Frame<'_>, app: &App, title: &str, laid: Laid, scroll: usize) {
    let rect = laid.rect;
    frame.render_widget(Clear, rect);
    split_wide_characters(frame, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.focused_border)
        .title(Line::styled(format!(" {title} "), app.theme.title));
    let scroll = scroll.min(laid.max_scroll());
    frame.render_widget(
        Paragraph::new(laid.lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        rect,
    );
}

/// How far the top overlay can be scrolled, for overlays that scroll.
pub fn max_scroll(app: &App) -> usize {
    let area = Rect::new(0, 0, app.width, app.height);
    match app.overlays.last() {
        Some(Overlay::Help { .. }) => lay_out(area, HELP_WIDTH, &help_lines(app), 22).max_scroll(),
        Some(Overlay::Problems { .. }) => {
            let (_, lines, width) = problem_lines(app);
            lay_out(area, width, &lines, 2).max_scroll()
        }
        _ => 0,
    }
}

const HELP_WIDTH: u16 = 84;

/// Blanks a wide character (Chinese, emoji) that the box's left edge cuts in half. The terminal
/// would otherwise draw all of it and push the border one column right.
pub fn split_wide_characters(frame: &mut Frame<'_>, rect: Rect) {
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buffer[(rect.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The help text, made from the key-map table.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        let bindings: Vec<_> = app
            .keymap
            .bindings()
            .iter()
            .filter(|b| b.mode == mode)
            .collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(mode.title(), theme.header));
        for b in bindings {
            let keys = b
                .keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<18}"), theme.key),
                Span::styled(b.help, theme.text),
            ]));
        }
        if mode == Mode::Normal {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", "ctrl-c"), theme.key),
                Span::styled("quit, from anywhere", theme.text),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled("Queries", theme.header));
    for (example, meaning) in [
        (
            "coffee taipei",
            "words, matched fuzzily in names, handles, niches, location",
        ),
        ("\"board games\"", "a phrase as written"),
        ("niche:beauty,skincare", "one of these niches"),
        (
            "platform:ig followers:10k..50k",
            "an Instagram channel with 10k–50k followers",
        ),
        (
            "tier:micro er:>3",
            "a micro channel with engagement over 3 %",
        ),
        ("loc:taipei lang:zh kind:koc", "location, language, kind"),
        ("has:email -word", "has an email; without a word"),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!("  {example:<32}"), theme.key),
            Span::styled(meaning, theme.muted),
        ]));
    }
    lines
}

fn help(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: usize) {
    let laid = lay_out(area, HELP_WIDTH, &help_lines(app), 22);
    boxed(frame, app, "Help · j k scroll · esc closes", laid, scroll);
}

fn sort(frame: &mut Frame<'_>, app: &App, area: Rect, cursor: usize) {
    let lines: Vec<Line<'_>> = SORTS
        .iter()
        .enumerate()
        .map(|(i, (sort, name))| {
            let mark = if *sort == app.sort { "●" } else { " " };
            let style = if i == cursor {
                app.theme.cursor
            } else {
                app.theme.text
            };
            Line::styled(format!(" {mark} {name} "), style)
        })
        .collect();
    boxed(frame, app, "Sort by", lay_out(area, 56, &lines, 3), 0);
}

fn filter(frame: &mut Frame<'_>, app: &App, area: Rect, form: &FilterForm) {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for (i, field) in Field::ALL.iter().enumerate() {
        let focused = i == form.field;
        let label_style = if focused { theme.key } else { theme.muted };
        let mut spans = vec![Span::styled(format!(" {:<16}", field.label()), label_style)];
        match field {
            Field::Platforms => options(
                &mut spans,
                app,
                Platform::KNOWN.iter().map(|p| p.short()),
                &form.platforms,
                focused.then_some(form.platform_cursor),
            ),
            Field::Tiers => options(
                &mut spans,
                app,
                Tier::ALL.iter().map(|t| t.name()),
                &form.tiers,
                focused.then_some(form.tier_cursor),
            ),
            Field::HasEmail => spans.push(Span::styled(
                if form.has_email { "[x]" } else { "[ ]" },
                if focused { theme.cursor } else { theme.text },
            )),
            _ => {
                let input = match field {
                    Field::Niche => &form.niche,
                    Field::FollowersFrom => &form.followers_from,
                    Field::FollowersTo => &form.followers_to,
                    Field::Engagement => &form.engagement,
                    _ => &form.location,
                };
                let text = escape(input.text()).into_owned();
                let shown = if focused { format!("{text}▏") } else { text };
                spans.push(Span::styled(
                    shown,
                    if focused { theme.title } else { theme.text },
                ));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    match &form.error {
        Some(e) => lines.push(Line::styled(format!(" {}", escape(e)), theme.error)),
        None => lines.push(Line::styled(
            " the filters are written into the query line",
            theme.muted,
        )),
    }
    lines.push(Line::styled(
        " tab next · ←→ option · space tick · enter apply · esc cancel",
        theme.muted,
    ));
    boxed(frame, app, "Filter", lay_out(area, 78, &lines, 17), 0);
}

fn options<'a>(
    spans: &mut Vec<Span<'a>>,
    app: &App,
    names: impl Iterator<Item = &'a str>,
    on: &[bool],
    cursor: Option<usize>,
) {
    for (i, name) in names.enumerate() {
        let tick = if on.get(i).copied().unwrap_or(false) {
            "▣"
        } else {
            "□"
        };
        let style: Style = if cursor == Some(i) {
            app.theme.cursor
        } else if on.get(i).copied().unwrap_or(false) {
            app.theme.marked
        } else {
            app.theme.text
        };
        spans.push(Span::styled(format!("{tick}{name}"), style));
        spans.push(Span::raw(" "));
    }
}

fn campaigns(
    frame: &mut Frame<'_>,
    app: &App,
    area: Rect,
    cursor: usize,
    choices: Option<&[CampaignChoice]>,
) {
    let theme = &app.theme;
    let open = app.campaign.as_ref().map(|c| c.campaign.id.as_str());
    let mut lines: Vec<Line<'_>> = Vec::new();
    match choices {
        None => lines.push(Line::styled(" reading the campaigns…", theme.muted)),
        Some([]) => {
            lines.push(Line::styled(" there are no campaigns yet", theme.muted));
            lines.push(Line::styled(
                " make one with: shortlist campaign new ID --name NAME",
                theme.muted,
            ));
        }
        Some(list) => {
            for (i, choice) in list.iter().enumerate() {
                let mark = if Some(choice.id.as_str()) == open {
                    "●"
                } else {
                    " "
                };
                let style = if i == cursor {
                    theme.cursor
                } else {
                    theme.text
                };
                let about = match &choice.name {
                    Ok(name) => format!(
                        "{}  ({} on the shortlist)",
                        escape(name),
                        crate::display::grouped(choice.entries as u64)
                    ),
                    Err(problem) => escape(problem).into_owned(),
                };
                lines.push(Line::from(vec![
                    Span::styled(format!(" {mark} {:<20} ", escape(&choice.id)), style),
                    Span::styled(
                        about,
                        if choice.name.is_err() {
                            theme.error
                        } else {
                            theme.muted
                        },
                    ),
                ]));
            }
            let style = if cursor == list.len() {
                theme.cursor
            } else {
                theme.text
            };
            let mark = if open.is_none() { "●" } else { " " };
            lines.push(Line::styled(format!(" {mark} none"), style));
        }
    }
    let longest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let w = (longest as u16 + 4).max(40);
    boxed(frame, app, "Campaign", lay_out(area, w, &lines, 25), 0);
}

fn problems(frame: &mut Frame<'_>, app: &App, area: Rect, scroll: usize) {
    let (title, lines, width) = problem_lines(app);
    boxed(frame, app, &title, lay_out(area, width, &lines, 2), scroll);
}

/// The problems overlay's title, lines and width.
fn problem_lines(app: &App) -> (String, Vec<Line<'static>>, u16) {
    let theme = &app.theme;
    let mut lines: Vec<Line<'static>> = app
        .all_problems()
        .map(|d| {
            let style = if d.severity == Severity::Error {
                theme.error
            } else {
                theme.warning
            };
            Line::styled(escape(&d.to_string()).into_owned(), style)
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("no problems in the files", theme.ok));
    }
    let errors = app.all_problems().filter(|p| p.is_error()).count();
    let warnings = app.all_problems().count() - errors;
    let title = format!(
        "{} · {} · creators with errors are left out · esc closes",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    let longest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let width = u16::try_from(longest + 4)
        .unwrap_or(u16::MAX)
        .max(width(&title) as u16 + 4);
    (title, lines, width)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
