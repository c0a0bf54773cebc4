//! A one-line text input: the query line, and the text fields of the filter form.

use crate::display::width;

/// Text with a cursor, counted in characters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    /// An input holding `text`, with the cursor at its end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
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
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor.
    pub fn delete_back(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete_forward(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte(self.cursor);
            self.text.remove(at);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.len();
    }

    /// Deletes the word before the cursor (and the spaces after it).
    pub fn delete_word(&mut self) {
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

    /// Empties the input.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Replaces the text, with the cursor at its end.
    pub fn set(&mut self, text: &str) {
        *self = TextInput::new(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
