//! Named roles for every style the interface uses, so meaning never rests on colour alone: the
//! `mono` theme (also used when `NO_COLOR` is set) shows the same distinctions with reverse
//! video, bold and underline.

use ratatui::style::{Color, Modifier, Style};

/// The styles of the interface by what they mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
    pub text: Style,
    pub muted: Style,
    /// Characters a query matched.
    pub matched: Style,
    /// The row under the cursor.
    pub cursor: Style,
    /// Rows selected with space.
    pub marked: Style,
    pub header: Style,
    pub border: Style,
    pub focused_border: Style,
    pub title: Style,
    pub error: Style,
    pub warning: Style,
    pub ok: Style,
    pub key: Style,
}

impl Theme {
    /// The theme names `config.toml` accepts.
    pub const NAMES: [&'static str; 3] = ["dark", "light", "mono"];

    /// Light text on a dark terminal (the default).
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            cursor: Style::new()
                .bg(Color::Rgb(40, 60, 90))
                .add_modifier(Modifier::BOLD),
            marked: Style::new().fg(Color::Cyan),
            header: Style::new().fg(Color::Gray).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            focused_border: Style::new().fg(Color::Cyan),
            title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            ok: Style::new().fg(Color::Green),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }

    /// Dark text on a light terminal.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            text: Style::new(),
            muted: Style::new().fg(Color::Gray),
            matched: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            cursor: Style::new()
                .bg(Color::Rgb(210, 225, 245))
                .add_modifier(Modifier::BOLD),
            marked: Style::new().fg(Color::Blue),
            header: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray),
            focused_border: Style::new().fg(Color::Blue),
            title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Rgb(160, 100, 0)),
            ok: Style::new().fg(Color::Rgb(0, 120, 0)),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all: reverse video, bold and underline carry every distinction.
    pub fn mono() -> Theme {
        Theme {
            name: "mono",
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            marked: Style::new().add_modifier(Modifier::BOLD),
            header: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new(),
            focused_border: Style::new().add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            error: Style::new().add_modifier(Modifier::BOLD),
            warning: Style::new().add_modifier(Modifier::BOLD),
            ok: Style::new(),
            key: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The theme called `name`, if there is one.
    pub fn named(name: &str) -> Option<Theme> {
        match name.trim().to_lowercase().as_str() {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "mono" => Some(Theme::mono()),
            _ => None,
        }
    }
}
