//! Text inputs: one line (the query line, the fields of the forms) and several lines (notes).

use crate::display::width;

/// Text with a cursor, counted in characters. Text given to edit can start selected: the first
/// character typed (or a delete) then replaces it all, and a move of the cursor keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    selected: bool,
}

impl TextInput {
    /// An input holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
            selected: false,
        }
    }

    /// An input holding `text`, all of it selected (an empty text is not).
    pub fn selected(text: &str) -> TextInput {
        TextInput {
            selected: !text.is_empty(),
            ..TextInput::new(text)
        }
    }

    /// Selects all the text (as when a field is entered), with the cursor at its end.
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.cursor = self.len();
    }

    /// True while the whole text is selected.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Takes the selected text away, if it is selected; true when it was.
    fn replace_selection(&mut self) -> bool {
        if std::mem::take(&mut self.selected) {
            self.text.clear();
            self.cursor = 0;
            return true;
        }
        false
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the cursor is, in terminal columns from the start.
    pub fn cursor_column(&self) -> usize {
        width(&self.text[..self.byte(self.cursor)])
    }

    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// Types a character at the cursor.
    pub fn insert(&mut self, c: char) {
        self.replace_selection();
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor.
    pub fn delete_back(&mut self) {
        if self.replace_selection() {
            return;
        }
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete_forward(&mut self) {
        if self.replace_selection() {
            return;
        }
        if self.cursor < self.len() {
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = (self.cursor + 1).min(self.len());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.len();
    }

    /// Deletes the word before the cursor (and the spaces after it).
    pub fn delete_word(&mut self) {
        if self.replace_selection() {
            return;
        }
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let (a, b) = (self.byte(start), self.byte(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = start;
    }

    /// Does what a line-editing key asks (typing, deleting, moving); false for any other
    /// action, which the caller handles.
    pub fn edit(&mut self, action: crate::tui::keymap::Action) -> bool {
        use crate::tui::keymap::Action;
        match action {
            Action::Insert(c) => self.insert(c),
            Action::DeleteBack => self.delete_back(),
            Action::DeleteForward => self.delete_forward(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::LineStart => self.home(),
            Action::LineEnd => self.end(),
            Action::ClearLine => self.clear(),
            _ => return false,
        }
        true
    }

    /// Empties the input.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.selected = false;
    }

    /// Replaces the text, with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }
}

/// Text of several lines with a cursor, counted in characters: the note editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextArea {
    chars: Vec<char>,
    cursor: usize,
}

impl TextArea {
    /// An area holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> TextArea {
        let chars: Vec<char> = text.chars().collect();
        TextArea {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn insert(&mut self, c: char) {
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    pub fn delete_back(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            self.chars.remove(self.cursor);
        }
    }

    pub fn delete_forward(&mut self) {
        if self.cursor < self.chars.len() {
            self.chars.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.chars.len());
    }

    /// Where the line holding `at` starts.
    fn start_of(&self, at: usize) -> usize {
        self.chars[..at]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |i| i + 1)
    }

    /// Where the line holding `at` ends (its line break, or the end).
    fn end_of(&self, at: usize) -> usize {
        self.chars[at..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(self.chars.len(), |i| at + i)
    }

    pub fn line_start(&mut self) {
        self.cursor = self.start_of(self.cursor);
    }

    pub fn line_end(&mut self) {
        self.cursor = self.end_of(self.cursor);
    }

    /// One line up, at the same column or the end of that line.
    pub fn up(&mut self) {
        let start = self.start_of(self.cursor);
        if start == 0 {
            self.cursor = 0;
            return;
        }
        let column = self.cursor - start;
        let above = self.start_of(start - 1);
        self.cursor = (above + column).min(start - 1);
    }

    /// One line down, at the same column or the end of that line.
    pub fn down(&mut self) {
        let start = self.start_of(self.cursor);
        let end = self.end_of(self.cursor);
        if end == self.chars.len() {
            self.cursor = end;
            return;
        }
        let column = self.cursor - start;
        let below = end + 1;
        self.cursor = (below + column).min(self.end_of(below));
    }

    /// The cursor's line (from 0) and its column in terminal columns.
    pub fn cursor_position(&self) -> (usize, usize) {
        let line = self.chars[..self.cursor]
            .iter()
            .filter(|c| **c == '\n')
            .count();
        let start = self.start_of(self.cursor);
        let before: String = self.chars[start..self.cursor].iter().collect();
        (line, width(&before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selected_text_is_replaced_by_what_is_typed_and_kept_by_a_move() {
        let mut input = TextInput::selected("2026-11-28");
        assert!(input.is_selected());
        for c in "none".chars() {
            input.insert(c);
        }
        assert_eq!(input.text(), "none", "not 2026-11-28none");
        let mut input = TextInput::selected("2026-11-28");
        input.left();
        input.delete_back();
        assert_eq!(input.text(), "2026-11-8", "moved first: edits in place");
        let mut input = TextInput::selected("2026-11-28");
        input.delete_back();
        assert_eq!(input.text(), "", "a delete takes the selection");
        assert!(!TextInput::selected("").is_selected());
        let mut input = TextInput::new("abc");
        input.select_all();
        input.insert('x');
        assert_eq!(input.text(), "x");
    }

    #[test]
    fn a_text_area_moves_between_lines_by_column() {
        let mut area = TextArea::new("first line\n短\nthird");
        assert_eq!(area.cursor_position(), (2, 5));
        area.up();
        assert_eq!(area.cursor_position(), (1, 2), "the end of a shorter line");
        area.up();
        assert_eq!(area.cursor_position(), (0, 1));
        area.line_end();
        area.insert('!');
        area.down();
        area.down();
        assert_eq!(area.cursor_position(), (2, 1));
        area.line_start();
        area.insert('\n');
        assert_eq!(area.text(), "first line!\n短\n\nthird");
        area.delete_back();
        area.delete_back();
        assert_eq!(area.text(), "first line!\n短third");
        area.down();
        area.delete_forward();
        assert_eq!(area.text(), "first line!\n短third");
        area.up();
        area.up();
        assert_eq!(area.cursor_position(), (0, 0));
        area.left();
        area.delete_forward();
        area.right();
        assert_eq!(area.text(), "irst line!\n短third");
    }

    #[test]
    fn editing_works_with_wide_characters() {
        let mut input = TextInput::default();
        for c in "咖啡 daily".chars() {
            input.insert(c);
        }
        assert_eq!(input.text(), "咖啡 daily");
        assert_eq!(input.cursor_column(), 10);
        input.home();
        input.right();
        input.insert('x');
        assert_eq!(input.text(), "咖x啡 daily");
        assert_eq!(input.cursor_column(), 3);
        input.delete_back();
        input.delete_forward();
        assert_eq!(input.text(), "咖 daily");
        input.end();
        input.delete_word();
        assert_eq!(input.text(), "咖 ");
        input.insert('a');
        input.left();
        input.left();
        input.left();
        input.left();
        assert_eq!(input.cursor_column(), 0);
        input.clear();
        assert_eq!((input.text(), input.cursor_column()), ("", 0));
    }

    #[test]
    fn deleting_at_the_edges_does_nothing() {
        let mut input = TextInput::new("ab");
        input.delete_forward();
        input.home();
        input.delete_back();
        input.delete_word();
        assert_eq!(input.text(), "ab");
    }
}
