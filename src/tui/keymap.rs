//! The one key-map table: which key does what in which mode, and how it is described. Key
//! resolution, the help overlay and the hint bar are all made from it, so help never drifts
//! from behaviour. `Ctrl-C` quits in every mode and cannot be rebound.

mod action;
mod key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use action::Action;
pub use key::{Key, KeyError};

/// What the keyboard is talking to: the top overlay if any, else the focused part of the screen.
/// Each screen and overlay declares its own mode (in its own file), with its title, whether it
/// takes typed text, and its key bindings; the registry of rooms lists them all once.
#[derive(Clone, Copy)]
pub struct Mode(pub &'static ModeInfo);

/// What a mode is: its name, how help heads it, whether printable keys are text, and its keys.
#[derive(Debug)]
pub struct ModeInfo {
    pub name: &'static str,
    pub title: &'static str,
    pub takes_text: bool,
    pub keys: &'static [Row],
}

/// One binding as a room writes it: (keys, action, description, word in the hint bar).
pub type Row = (
    &'static [&'static str],
    Action,
    &'static str,
    Option<&'static str>,
);

impl Mode {
    /// The mode's name, which tells modes apart.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// How the help overlay heads the mode's keys.
    pub fn title(self) -> &'static str {
        self.0.title
    }

    /// True when printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        self.0.takes_text
    }
}

impl PartialEq for Mode {
    fn eq(&self, other: &Mode) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Mode {}

impl std::hash::Hash for Mode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

impl std::fmt::Debug for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.name)
    }
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// The word for it in the hint bar, for the most used ones.
    pub hint: Option<&'static str>,
}

/// One hint of the hint bar: the first key of a binding and its word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub word: &'static str,
    pub action: Action,
}

/// The table, default or with the user's changes.
#[derive(Clone, Debug)]
pub struct Keymap {
    modes: Vec<Mode>,
    bindings: Vec<Binding>,
}

impl Keymap {
    /// The bindings the rooms declare, in the order of `modes` (the order help lists them).
    pub fn new(modes: &[Mode]) -> Keymap {
        let bindings = modes
            .iter()
            .flat_map(|mode| {
                mode.0
                    .keys
                    .iter()
                    .map(|(keys, action, help, hint)| Binding {
                        mode: *mode,
                        // The rooms' own key names are checked by a test.
                        keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                        action: *action,
                        help,
                        hint: *hint,
                    })
            })
            .collect();
        Keymap {
            modes: modes.to_vec(),
            bindings,
        }
    }

    /// Every mode, in the order help lists them.
    pub fn modes(&self) -> &[Mode] {
        &self.modes
    }

    /// Every binding, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// What `event` does in `mode`. Pure: the same key in the same mode always gives the same
    /// action.
    pub fn resolve(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        if event.code == KeyCode::Char('c') && event.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Action::Quit);
        }
        let key = Key::from_event(event);
        let bound = self
            .bindings
            .iter()
            .find(|b| b.mode == mode && b.keys.contains(&key))
            .map(|b| b.action);
        if bound.is_some() {
            return bound;
        }
        match event.code {
            KeyCode::Char(c)
                if mode.takes_text()
                    && !event
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// The key map as Markdown, a table per mode, for the README.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for &mode in &self.modes {
            let bindings: Vec<&Binding> = self.bindings.iter().filter(|b| b.mode == mode).collect();
            if bindings.is_empty() {
                continue;
            }
            out.push_str(&format!(
                "**{}**\n\n| Keys | Action | What it does |\n|---|---|---|\n",
                mode.title()
            ));
            for b in bindings {
                let keys = b
                    .keys
                    .iter()
                    .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push_str(&format!(
                    "| {keys} | `{}` | {} |\n",
                    b.action.name(),
                    b.help
                ));
            }
            if Some(&mode) == self.modes.first() {
                out.push_str("| `ctrl-c` | | quit, from anywhere (cannot be rebound) |\n");
            }
            out.push('\n');
        }
        out
    }

    /// The keys and words for the hint bar in `mode`, in table order.
    pub fn hints(&self, mode: Mode) -> Vec<Hint> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode && !b.keys.is_empty())
            .filter_map(|b| {
                Some(Hint {
                    key: b.keys[0].to_string(),
                    word: b.hint?,
                    action: b.action,
                })
            })
            .collect()
    }

    /// Replaces the keys of the actions named in `changes` (action name → keys) in every mode
    /// the action has. Where printable keys are text (the query line, the filter form), plain
    /// characters are left out of the change, so that every letter can still be typed; an
    /// action left with no key there keeps its own. A key another action already has in a mode
    /// is left out there. Every change left out, in whole or in part, is returned as a problem
    /// with its place in `changes`.
    pub fn with_changes(
        mut self,
        changes: &[(String, Vec<String>)],
    ) -> (Keymap, Vec<(usize, String)>) {
        let mut problems = Vec::new();
        for (at, (name, keys)) in changes.iter().enumerate() {
            let known: Vec<&str> = self.bindings.iter().map(|b| b.action.name()).collect();
            if !known.contains(&name.as_str()) {
                let hint = crate::suggest::nearest(name, known.iter().copied())
                    .map(|n| format!(" (did you mean \"{n}\"?)"))
                    .unwrap_or_default();
                problems.push((at, format!("no action \"{name}\" to bind{hint}")));
                continue;
            }
            let parsed: Result<Vec<Key>, KeyError> = keys.iter().map(|k| Key::parse(k)).collect();
            let parsed = match parsed {
                Ok(parsed) => parsed,
                Err(e) => {
                    problems.push((at, format!("{name}: {e}; its keys are unchanged")));
                    continue;
                }
            };
            for i in 0..self.bindings.len() {
                if self.bindings[i].action.name() != name {
                    continue;
                }
                let mode = self.bindings[i].mode;
                let mut wanted = Vec::new();
                for key in &parsed {
                    if key.is_ctrl_c() {
                        let message = format!(
                            "{name}: ctrl-c always quits and cannot be bound; {name} keeps its keys"
                        );
                        if !problems.iter().any(|(a, m)| *a == at && *m == message) {
                            problems.push((at, message));
                        }
                        continue;
                    }
                    if mode.takes_text() && key.is_text() {
                        continue;
                    }
                    let taken = self
                        .bindings
                        .iter()
                        .enumerate()
                        .find(|(j, b)| *j != i && b.mode == mode && b.keys.contains(key));
                    match taken {
                        Some((_, other)) => problems.push((
                            at,
                            format!(
                                "{name}: {key} is already \"{}\" in {}, so it is not bound there",
                                other.action.name(),
                                mode.title().to_lowercase()
                            ),
                        )),
                        None => wanted.push(*key),
                    }
                }
                if !wanted.is_empty() {
                    self.bindings[i].keys = wanted;
                }
            }
        }
        (self, problems)
    }
}

#[cfg(test)]
mod tests;
