//! The one key-map table: which key does what in which mode, and how it is described. Key
//! resolution, the help overlay and the hint bar are all made from it, so help never drifts
//! from behaviour. `Ctrl-C` quits in every mode and cannot be rebound.

mod key;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// Put the selected creators on the open campaign's shortlist.
    Add,
    /// Pick a stage for the selected entries.
    SetStage,
    NextStage,
    PreviousStage,
    /// Edit the note of the entry.
    Note,
    /// Set the follow-up date of the entry.
    FollowUpDate,
    /// Show the pipeline board.
    Pipeline,
    /// Show the follow-ups due.
    Due,
    /// Save again what could not be saved.
    Retry,
    /// Preview the invitations of the selected entries, then export them.
    Export,
    /// Use the next export format.
    Format,
    /// Use the next template.
    Template,
    /// A new line in a text.
    Newline,
    /// Quit, leaving changes not saved.
    ForceQuit,
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
    /// Show the entry's records: deliverables, payments, rights.
    Entry,
    /// Record a review round of a deliverable.
    Review,
    /// Mark a deliverable posted.
    Posted,
    /// Record that a post is still live.
    Live,
    /// Record a post's results.
    RecordResults,
    /// Mark a payment paid.
    Paid,
    /// Set the fee.
    Fee,
    /// Show the next kind of work only (the agenda).
    Kind,
    /// Look a week further ahead (the agenda).
    Ahead,
    /// Look a week less ahead (the agenda).
    Behind,
    /// Show the open campaign's report.
    Report,
    /// Sort the other way.
    Reverse,
    /// Chart the next figure.
    Metric,
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
            Action::Add => "add",
            Action::SetStage => "set-stage",
            Action::NextStage => "next-stage",
            Action::PreviousStage => "previous-stage",
            Action::Note => "note",
            Action::FollowUpDate => "follow-up",
            Action::Pipeline => "pipeline",
            Action::Due => "due",
            Action::Retry => "retry",
            Action::Export => "export",
            Action::Format => "format",
            Action::Template => "template",
            Action::Newline => "newline",
            Action::ForceQuit => "quit-anyway",
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
            Action::Entry => "entry",
            Action::Review => "review",
            Action::Posted => "posted",
            Action::Live => "live",
            Action::RecordResults => "results",
            Action::Paid => "paid",
            Action::Fee => "fee",
            Action::Kind => "kind",
            Action::Ahead => "ahead",
            Action::Behind => "behind",
            Action::Report => "report",
            Action::Reverse => "reverse",
            Action::Metric => "metric",
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
