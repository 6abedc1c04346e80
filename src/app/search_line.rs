//! Editing the search line as a shell's line is edited: a cursor, and words deleted at once.

use super::views::SearchBar;

/// An edit of the search line; the keymap binds the keys a shell uses for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// Deletes the char before the cursor (Backspace).
    DeleteBack,
    /// Deletes the char under the cursor (Delete).
    DeleteForward,
    /// Deletes back to the previous space, as Ctrl-w does in a shell: `dara 'len` loses `'len`.
    DeleteBigWord,
    /// Deletes back to the start of the word, as Alt-Backspace does in a shell: `dara 'len` loses `len`.
    DeleteWord,
    /// Deletes everything before the cursor (Ctrl-u).
    DeleteToStart,
    Left,
    Right,
    Home,
    End,
}

impl SearchBar {
    /// Where the cursor is, in chars from the start, within the query whatever changed it.
    pub fn cursor(&self) -> usize {
        self.cursor.min(self.query.chars().count())
    }

    /// Types `text` at the cursor, which moves past it.
    pub fn insert(&mut self, text: &str) {
        let cursor = self.cursor();
        let at = byte_at(&self.query, cursor);
        self.query.insert_str(at, text);
        self.cursor = cursor + text.chars().count();
    }

    /// Applies `edit`; returns whether the query changed (and needs searching again).
    pub fn edit(&mut self, edit: LineEdit) -> bool {
        let cursor = self.cursor();
        let chars: Vec<char> = self.query.chars().collect();
        let (from, to, moved_to) = match edit {
            LineEdit::DeleteBack => (cursor.saturating_sub(1), cursor, None),
            LineEdit::DeleteForward => (cursor, (cursor + 1).min(chars.len()), None),
            LineEdit::DeleteBigWord => (start_of_word(&chars, cursor, |c| !c.is_whitespace()), cursor, None),
            LineEdit::DeleteWord => (start_of_word(&chars, cursor, char::is_alphanumeric), cursor, None),
            LineEdit::DeleteToStart => (0, cursor, None),
            LineEdit::Left => (cursor, cursor, Some(cursor.saturating_sub(1))),
            LineEdit::Right => (cursor, cursor, Some((cursor + 1).min(chars.len()))),
            LineEdit::Home => (cursor, cursor, Some(0)),
            LineEdit::End => (cursor, cursor, Some(chars.len())),
        };
        if let Some(moved_to) = moved_to {
            self.cursor = moved_to;
            return false;
        }
        self.query = chars[..from].iter().chain(&chars[to..]).collect();
        self.cursor = from;
        from != to
    }

    /// Empties the line.
    pub fn clear(&mut self) {
        self.query.clear();
        self.cursor = 0;
    }
}

/// Where the word ending at `cursor` starts: spaces (or other non-word chars) just before the
/// cursor go with it, as in a shell.
fn start_of_word(chars: &[char], cursor: usize, is_word: impl Fn(char) -> bool) -> usize {
    let mut at = cursor.min(chars.len());
    while at > 0 && !is_word(chars[at - 1]) {
        at -= 1;
    }
    while at > 0 && is_word(chars[at - 1]) {
        at -= 1;
    }
    at
}

fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices().nth(chars).map_or(text.len(), |(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(query: &str, cursor: usize) -> SearchBar {
        SearchBar { query: query.into(), cursor, ..SearchBar::default() }
    }

    fn edited(query: &str, cursor: usize, edit: LineEdit) -> (String, usize) {
        let mut bar = line(query, cursor);
        bar.edit(edit);
        (bar.query.clone(), bar.cursor())
    }

    #[test]
    fn words_are_deleted_the_way_a_shell_deletes_them() {
        assert_eq!(edited("dara 'len", 9, LineEdit::DeleteBigWord), ("dara ".into(), 5));
        assert_eq!(edited("dara 'len", 9, LineEdit::DeleteWord), ("dara '".into(), 6));
        // Spaces before the cursor go with the word.
        assert_eq!(edited("dara len  ", 10, LineEdit::DeleteBigWord), ("dara ".into(), 5));
        assert_eq!(edited("dara len", 4, LineEdit::DeleteBigWord), (" len".into(), 0));
        assert_eq!(edited("dara len", 6, LineEdit::DeleteToStart), ("en".into(), 0));
        assert_eq!(edited("", 0, LineEdit::DeleteWord), (String::new(), 0));
    }

    #[test]
    fn the_cursor_moves_within_the_query_and_edits_happen_there() {
        assert_eq!(edited("müller", 6, LineEdit::Left), ("müller".into(), 5));
        assert_eq!(edited("müller", 6, LineEdit::Right), ("müller".into(), 6));
        assert_eq!(edited("müller", 2, LineEdit::DeleteBack), ("mller".into(), 1));
        assert_eq!(edited("müller", 1, LineEdit::DeleteForward), ("mller".into(), 1));
        assert_eq!(edited("müller", 6, LineEdit::DeleteForward), ("müller".into(), 6));
        assert_eq!(edited("müller", 0, LineEdit::DeleteBack), ("müller".into(), 0));
        assert_eq!(edited("müller", 3, LineEdit::End), ("müller".into(), 6));
        assert_eq!(edited("müller", 3, LineEdit::Home), ("müller".into(), 0));
        let mut bar = line("mller", 1);
        bar.insert("ü");
        assert_eq!((bar.query.as_str(), bar.cursor()), ("müller", 2));
    }

    #[test]
    fn a_cursor_past_the_end_counts_as_the_end() {
        let mut bar = line("len", 40);
        assert_eq!(bar.cursor(), 3);
        assert!(bar.edit(LineEdit::DeleteBack));
        assert_eq!((bar.query.as_str(), bar.cursor()), ("le", 2));
        assert!(!bar.edit(LineEdit::Right));
    }
}
