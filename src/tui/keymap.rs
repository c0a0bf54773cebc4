//! The one key-map table: which key does what in which mode, and how it is described. Key
//! resolution, the help overlay and the hint bar are all made from it, so help never drifts
//! from behaviour. `Ctrl-C` quits in every mode and cannot be rebound.

mod key;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub use key::{Key, KeyError};

/// What the keyboard is talking to: the top overlay if any, else the focused part of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The result list has the focus: single keys are commands.
    Normal,
    /// The query line has the focus: printable keys are text.
    Typing,
    Help,
    Sort,
    Filter,
    Problems,
    /// The campaign picker.
    Campaigns,
    /// The creator's details over the whole screen.
    Detail,
}

impl Mode {
    /// Every mode, in the order the help overlay lists them.
    pub const ALL: [Mode; 8] = [
        Mode::Normal,
        Mode::Typing,
        Mode::Detail,
        Mode::Filter,
        Mode::Sort,
        Mode::Campaigns,
        Mode::Help,
        Mode::Problems,
    ];

    /// How the help overlay heads the mode's keys.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Results",
            Mode::Typing => "Typing a query",
            Mode::Help => "Help",
            Mode::Sort => "Sort menu",
            Mode::Filter => "Filter form",
            Mode::Problems => "Problems",
            Mode::Campaigns => "Campaign picker",
            Mode::Detail => "Creator details",
        }
    }

    /// True when printable keys are text in this mode.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Typing | Mode::Filter)
    }
}

/// Everything a key can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    /// Close the top overlay, or leave the query line.
    Back,
    /// Put the focus on the query line.
    Search,
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    /// Select or unselect the creator under the cursor.
    Mark,
    Filter,
    Sort,
    /// Open the creator in `$EDITOR` at its line.
    Edit,
    Problems,
    /// Pick the campaign whose stages are shown.
    Campaign,
    /// Show the creator's details over the whole screen.
    Open,
    /// Scroll the detail pane.
    DetailDown,
    DetailUp,
    /// Type a character (in the query line or a form field).
    Insert(char),
    DeleteBack,
    DeleteForward,
    Left,
    Right,
    LineStart,
    LineEnd,
    DeleteWord,
    ClearLine,
    /// Leave the query line keeping the query.
    Done,
    NextField,
    PreviousField,
    /// Tick or untick the option under the cursor.
    Toggle,
    /// Use what the form or menu says.
    Apply,
}

impl Action {
    /// The name used for rebinding keys in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Back => "back",
            Action::Search => "search",
            Action::Down => "down",
            Action::Up => "up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageDown => "page-down",
            Action::PageUp => "page-up",
            Action::Mark => "select",
            Action::Filter => "filter",
            Action::Sort => "sort",
            Action::Edit => "edit",
            Action::Problems => "problems",
            Action::Campaign => "campaign",
            Action::Open => "open",
            Action::DetailDown => "detail-down",
            Action::DetailUp => "detail-up",
            Action::Insert(_) => "insert",
            Action::DeleteBack => "delete-back",
            Action::DeleteForward => "delete-forward",
            Action::Left => "left",
            Action::Right => "right",
            Action::LineStart => "line-start",
            Action::LineEnd => "line-end",
            Action::DeleteWord => "delete-word",
            Action::ClearLine => "clear-line",
            Action::Done => "done",
            Action::NextField => "next-field",
            Action::PreviousField => "previous-field",
            Action::Toggle => "toggle",
            Action::Apply => "apply",
        }
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
    bindings: Vec<Binding>,
}

/// (mode, keys, action, description, word in the hint bar)
type Row = (
    Mode,
    &'static [&'static str],
    Action,
    &'static str,
    Option<&'static str>,
);

const DEFAULT: &[Row] = &[
    (
        Mode::Normal,
        &["/"],
        Action::Search,
        "search: type a query",
        Some("search"),
    ),
    (
        Mode::Normal,
        &["j", "down"],
        Action::Down,
        "next creator",
        None,
    ),
    (
        Mode::Normal,
        &["k", "up"],
        Action::Up,
        "previous creator",
        None,
    ),
    (
        Mode::Normal,
        &["g", "home"],
        Action::Top,
        "first creator",
        None,
    ),
    (
        Mode::Normal,
        &["G", "end"],
        Action::Bottom,
        "last creator",
        None,
    ),
    (
        Mode::Normal,
        &["pgdn", "ctrl-f"],
        Action::PageDown,
        "page down",
        None,
    ),
    (
        Mode::Normal,
        &["pgup", "ctrl-b"],
        Action::PageUp,
        "page up",
        None,
    ),
    (
        Mode::Normal,
        &["space"],
        Action::Mark,
        "select / unselect",
        Some("select"),
    ),
    (
        Mode::Normal,
        &["enter"],
        Action::Open,
        "the creator's details, full screen",
        Some("details"),
    ),
    (
        Mode::Normal,
        &["J"],
        Action::DetailDown,
        "scroll the creator's details down",
        None,
    ),
    (
        Mode::Normal,
        &["K"],
        Action::DetailUp,
        "scroll the creator's details up",
        None,
    ),
    (
        Mode::Normal,
        &["f"],
        Action::Filter,
        "filter form",
        Some("filter"),
    ),
    (Mode::Normal, &["o"], Action::Sort, "sort by…", Some("sort")),
    (
        Mode::Normal,
        &["e"],
        Action::Edit,
        "open the creator in $EDITOR",
        Some("edit"),
    ),
    (
        Mode::Normal,
        &["c"],
        Action::Campaign,
        "campaign: show stages in one",
        Some("campaign"),
    ),
    (
        Mode::Normal,
        &["!"],
        Action::Problems,
        "problems in the files",
        None,
    ),
    (Mode::Normal, &["esc"], Action::Back, "unselect all", None),
    (Mode::Normal, &["?"], Action::Help, "help", Some("help")),
    (Mode::Normal, &["q"], Action::Quit, "quit", Some("quit")),
    (
        Mode::Typing,
        &["enter", "esc"],
        Action::Done,
        "back to the results (keeps the query)",
        Some("results"),
    ),
    (
        Mode::Typing,
        &["down", "ctrl-n"],
        Action::Down,
        "next creator",
        None,
    ),
    (
        Mode::Typing,
        &["up", "ctrl-p"],
        Action::Up,
        "previous creator",
        None,
    ),
    (Mode::Typing, &["pgdn"], Action::PageDown, "page down", None),
    (Mode::Typing, &["pgup"], Action::PageUp, "page up", None),
    (
        Mode::Typing,
        &["backspace"],
        Action::DeleteBack,
        "delete before the cursor",
        None,
    ),
    (
        Mode::Typing,
        &["delete"],
        Action::DeleteForward,
        "delete under the cursor",
        None,
    ),
    (Mode::Typing, &["left"], Action::Left, "cursor left", None),
    (
        Mode::Typing,
        &["right"],
        Action::Right,
        "cursor right",
        None,
    ),
    (
        Mode::Typing,
        &["home", "ctrl-a"],
        Action::LineStart,
        "start of the line",
        None,
    ),
    (
        Mode::Typing,
        &["end", "ctrl-e"],
        Action::LineEnd,
        "end of the line",
        None,
    ),
    (
        Mode::Typing,
        &["ctrl-w"],
        Action::DeleteWord,
        "delete a word",
        None,
    ),
    (
        Mode::Typing,
        &["ctrl-u"],
        Action::ClearLine,
        "clear the query",
        Some("clear"),
    ),
    (
        Mode::Filter,
        &["tab", "down"],
        Action::NextField,
        "next field",
        Some("next field"),
    ),
    (
        Mode::Filter,
        &["shift-tab", "up"],
        Action::PreviousField,
        "previous field",
        None,
    ),
    (
        Mode::Filter,
        &["left"],
        Action::Left,
        "previous option",
        None,
    ),
    (Mode::Filter, &["right"], Action::Right, "next option", None),
    (
        Mode::Filter,
        &["space"],
        Action::Toggle,
        "tick / untick",
        Some("tick"),
    ),
    (
        Mode::Filter,
        &["backspace"],
        Action::DeleteBack,
        "delete",
        None,
    ),
    (
        Mode::Filter,
        &["enter"],
        Action::Apply,
        "write the filters into the query",
        Some("apply"),
    ),
    (
        Mode::Filter,
        &["esc"],
        Action::Back,
        "cancel",
        Some("cancel"),
    ),
    (Mode::Sort, &["j", "down"], Action::Down, "next", None),
    (Mode::Sort, &["k", "up"], Action::Up, "previous", None),
    (
        Mode::Sort,
        &["enter", "space"],
        Action::Apply,
        "sort by this",
        Some("sort"),
    ),
    (
        Mode::Sort,
        &["esc", "q", "o"],
        Action::Back,
        "close",
        Some("close"),
    ),
    (
        Mode::Detail,
        &["j", "down"],
        Action::DetailDown,
        "scroll down",
        None,
    ),
    (
        Mode::Detail,
        &["k", "up"],
        Action::DetailUp,
        "scroll up",
        None,
    ),
    (Mode::Detail, &["pgdn"], Action::PageDown, "page down", None),
    (Mode::Detail, &["pgup"], Action::PageUp, "page up", None),
    (
        Mode::Detail,
        &["e"],
        Action::Edit,
        "open the creator in $EDITOR",
        Some("edit"),
    ),
    (
        Mode::Detail,
        &["esc", "q", "enter"],
        Action::Back,
        "back to the results",
        Some("back"),
    ),
    (Mode::Campaigns, &["j", "down"], Action::Down, "next", None),
    (Mode::Campaigns, &["k", "up"], Action::Up, "previous", None),
    (
        Mode::Campaigns,
        &["enter", "space"],
        Action::Apply,
        "open this campaign",
        Some("open"),
    ),
    (
        Mode::Campaigns,
        &["esc", "q", "c"],
        Action::Back,
        "close",
        Some("close"),
    ),
    (
        Mode::Help,
        &["j", "down"],
        Action::Down,
        "scroll down",
        None,
    ),
    (Mode::Help, &["k", "up"], Action::Up, "scroll up", None),
    (Mode::Help, &["pgdn"], Action::PageDown, "page down", None),
    (Mode::Help, &["pgup"], Action::PageUp, "page up", None),
    (
        Mode::Help,
        &["esc", "q", "?"],
        Action::Back,
        "close",
        Some("close"),
    ),
    (
        Mode::Problems,
        &["j", "down"],
        Action::Down,
        "scroll down",
        None,
    ),
    (Mode::Problems, &["k", "up"], Action::Up, "scroll up", None),
    (
        Mode::Problems,
        &["pgdn"],
        Action::PageDown,
        "page down",
        None,
    ),
    (Mode::Problems, &["pgup"], Action::PageUp, "page up", None),
    (
        Mode::Problems,
        &["esc", "q", "!"],
        Action::Back,
        "close",
        Some("close"),
    ),
];

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT
            .iter()
            .map(|(mode, keys, action, help, hint)| Binding {
                mode: *mode,
                // The table's own key names are checked by a test.
                keys: keys.iter().filter_map(|k| Key::parse(k).ok()).collect(),
                action: *action,
                help,
                hint: *hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
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

    /// Replaces the keys of the actions named in `changes` (action name → keys), in every mode
    /// the action has. Unknown action names and key names are returned as problems (with the
    /// place of the change in `changes`), the change that caused them left out.
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
            match parsed {
                Ok(parsed) => {
                    for b in self.bindings.iter_mut().filter(|b| b.action.name() == name) {
                        b.keys = parsed.clone();
                    }
                }
                Err(e) => problems.push((at, format!("{name}: {e}"))),
            }
        }
        (self, problems)
    }
}

#[cfg(test)]
mod tests;
