//! The interface's settings from the user's configuration: the theme (`mono` whenever
//! `NO_COLOR` is set) and rebound keys. A bad setting is a warning at its line, and the default
//! is used in its place: settings never stop the program.

use super::keymap::Keymap;
use super::theme::Theme;
use crate::store::{Config, Diagnostic};

/// The key map and theme `config` asks for, and what was wrong with it.
pub fn from_config(config: &Config, no_color: bool) -> (Keymap, Theme, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let problem =
        |line, column, message: String| Diagnostic::warning(&config.file, line, column, message);
    let mut theme = Theme::dark();
    if let Some(name) = &config.theme {
        match Theme::named(&name.value) {
            Some(t) => theme = t,
            None => problems.push(problem(
                name.line,
                name.column,
                format!(
                    "unknown theme \"{}\" (themes: {}); using dark",
                    name.value,
                    Theme::NAMES.join(", ")
                ),
            )),
        }
    }
    if no_color {
        theme = Theme::mono();
    }
    let changes: Vec<(String, Vec<String>)> = config.keys.iter().map(|k| k.value.clone()).collect();
    let (keymap, key_problems) = super::rooms::keymap().with_changes(&changes);
    for (at, message) in key_problems {
        let place = &config.keys[at];
        problems.push(problem(place.line, place.column, message));
    }
    (keymap, theme, problems)
}

/// True when the `NO_COLOR` convention asks for no colour.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::parse_config;
    use crate::tui::keymap::Action;
    use crate::tui::testing::modes;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn a_bad_theme_or_key_is_reported_at_its_line_and_defaults_are_used() {
        let (config, _) = parse_config(
            "config.toml",
            b"theme = \"neon\"\n[keys]\nquit = \"Q\"\nhelp = \"ctrl-\"\n",
        );
        let (keymap, theme, problems) = from_config(&config, false);
        assert_eq!(theme.name, "dark");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "config.toml:1:9: warning: unknown theme \"neon\" (themes: dark, light, mono); using dark",
                "config.toml:4:1: warning: help: \"ctrl-\" is not a key (write keys like q, G, ?, ctrl-d, alt-x, shift-tab, pgdn, space, f1); its keys are unchanged"
            ]
        );
        let q = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(keymap.resolve(modes::NORMAL, q), Some(Action::Quit));
        let help = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
        assert_eq!(keymap.resolve(modes::NORMAL, help), Some(Action::Help));
    }

    #[test]
    fn ctrl_c_is_not_bound_and_quit_keeps_its_keys() {
        let (config, _) = parse_config("config.toml", b"[keys]\nquit = \"ctrl-c\"\n");
        let (keymap, _, problems) = from_config(&config, false);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "config.toml:2:1: warning: quit: ctrl-c always quits and cannot be bound; quit keeps its keys"
            ]
        );
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(keymap.resolve(modes::NORMAL, q), Some(Action::Quit));
    }

    #[test]
    fn no_color_wins_over_the_theme() {
        let (config, _) = parse_config("config.toml", b"theme = \"light\"\n");
        assert_eq!(from_config(&config, true).1.name, "mono");
        assert_eq!(from_config(&config, false).1.name, "light");
    }
}

#[cfg(test)]
mod readme {
    use super::*;
    use crate::store::parse_config;

    /// The `[keys]` example in the README applies as it stands, without a single warning.
    #[test]
    fn the_readme_key_example_is_clean() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("```toml\n[keys]\n")
            .expect("the README shows [keys]")
            + 8;
        let end = start + readme[start..].find("```").expect("the block ends");
        let (config, problems) = parse_config("config.toml", &readme.as_bytes()[start..end]);
        assert!(problems.is_empty(), "{problems:?}");
        let (_, _, problems) = from_config(&config, false);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(messages.is_empty(), "{messages:?}");
    }
}
