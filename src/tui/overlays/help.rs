//! Help (`?`): every mode's keys, made from the key map itself, and the query language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{boxed, lay_out};
use crate::tui::app::App;
use crate::tui::keymap::{Action, Mode, ModeInfo};
use crate::tui::room::{Overlay, Reply};

/// The help overlay's keys.
#[rustfmt::skip]
pub const MODE: Mode = Mode(&ModeInfo { name: "help", title: "Help", takes_text: false, keys: &[
    (&["j", "down"], Action::Down, "scroll down", None),
    (&["k", "up"], Action::Up, "scroll up", None),
    (&["pgdn"], Action::PageDown, "page down", None),
    (&["pgup"], Action::PageUp, "page up", None),
    (&["esc", "q", "?"], Action::Back, "close", Some("close")),
]});

const WIDTH: u16 = 84;

/// Help, scrolled this far.
#[derive(Debug, Default)]
pub struct Help {
    pub scroll: usize,
}

impl Overlay<App> for Help {
    fn mode(&self) -> Mode {
        MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        let max = lay_out(app.screen(), WIDTH, &lines(app), 22).max_scroll();
        scroll(&mut self.scroll, max, app, action)
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let laid = lay_out(area, WIDTH, &lines(app), 22);
        boxed(
            frame,
            app,
            "Help · j k scroll · esc closes",
            laid,
            self.scroll,
        );
    }

    crate::any_overlay!();
}

/// Scrolls a box of text by a line or a page, up to `max`; `Back` closes it.
pub fn scroll(at: &mut usize, max: usize, app: &App, action: Action) -> Reply {
    let page = usize::from(app.height.saturating_sub(6)).max(1);
    match action {
        Action::Down => *at = (*at + 1).min(max),
        Action::Up => *at = at.saturating_sub(1),
        Action::PageDown => *at = (*at + page).min(max),
        Action::PageUp => *at = at.saturating_sub(page),
        Action::Back => return Reply::close(),
        _ => {}
    }
    Reply::stay()
}

/// The help text, made from the key-map table.
pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for (i, &mode) in app.keymap.modes().iter().enumerate() {
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
        if i == 0 {
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
