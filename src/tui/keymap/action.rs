//! Everything a key can ask for, with the names `config.toml` rebinds them by.

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
    /// Start a new campaign (the campaign form).
    NewCampaign,
    /// The open (or chosen) campaign's settings.
    CampaignSettings,
    /// Take the selected (or this) creator off the shortlist.
    Remove,
    /// Undo the last change saved from the interface.
    Undo,
    /// Select every creator listed.
    SelectAll,
    /// The selected creators side by side.
    Compare,
    /// Add a note to the change.
    WithNote,
    /// Read the configured mailboxes for replies.
    ReadReplies,
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
            Action::NewCampaign => "new-campaign",
            Action::CampaignSettings => "campaign-settings",
            Action::Remove => "remove",
            Action::Undo => "undo",
            Action::SelectAll => "select-all",
            Action::Compare => "compare",
            Action::WithNote => "with-note",
            Action::ReadReplies => "read-replies",
        }
    }
}
