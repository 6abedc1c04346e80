//! The tag line: what `t` (the selected paper) and `T` (every listed paper) open to add and remove tags, with
//! Tab completing the last word from the tags already in use.

use super::catalog::PubId;
use super::search_line::LineEdit;
use crate::marks::tags::{complete_last_word, completions};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagLine {
    /// The papers the edits apply to, fixed when the line opened.
    pub targets: Vec<PubId>,
    /// Opened with `T`: the line says so, since it changes many papers at once.
    pub whole_list: bool,
    pub text: String,
    /// While Tab cycles: the line as typed before the first Tab, and which candidate is shown.
    completing: Option<(String, usize)>,
}

impl TagLine {
    pub fn new(targets: Vec<PubId>, whole_list: bool) -> TagLine {
        TagLine { targets, whole_list, ..TagLine::default() }
    }

    /// Types `text` at the end. Control characters never enter the line (a paste is cleaned before).
    pub fn insert(&mut self, text: &str) {
        self.completing = None;
        self.text.extend(text.chars().filter(|c| !c.is_control()));
    }

    /// The edits a line with its cursor always at the end can do: delete a character, a word, everything.
    pub fn edit(&mut self, edit: LineEdit) {
        self.completing = None;
        let kept = match edit {
            LineEdit::DeleteBack => self.text.char_indices().last().map_or(0, |(at, _)| at),
            LineEdit::DeleteBigWord | LineEdit::DeleteWord => {
                // By characters: a no-break or ideographic space is more than one byte.
                self.text.trim_end().trim_end_matches(|c: char| !c.is_whitespace()).len()
            }
            LineEdit::DeleteToStart => 0,
            LineEdit::DeleteForward | LineEdit::Left | LineEdit::Right | LineEdit::Home | LineEdit::End => {
                self.text.len()
            }
        };
        self.text.truncate(kept);
    }

    /// Tab: completes the last word to the first tag in `known` (sorted) that it starts, then each next one on
    /// the next Tab; a word only one tag completes gets a space after it, for the next word. False when no tag
    /// completes the word.
    pub fn complete<'a>(&mut self, known: impl IntoIterator<Item = &'a str>) -> bool {
        let typed = self.completing.as_ref().map_or(self.text.clone(), |(typed, _)| typed.clone());
        let candidates = completions(&typed, known);
        if candidates.is_empty() {
            return false;
        }
        if candidates.len() == 1 {
            self.text = complete_last_word(&typed, candidates[0]) + " ";
            self.completing = None;
            return true;
        }
        let next = self.completing.as_ref().map_or(0, |(_, shown)| (shown + 1) % candidates.len());
        self.text = complete_last_word(&typed, candidates[next]);
        self.completing = Some((typed, next));
        true
    }

    /// The tags Tab would offer for the word being typed, for the line to show.
    pub fn offered<'a>(&self, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        let typed = self.completing.as_ref().map_or(self.text.as_str(), |(typed, _)| typed.as_str());
        completions(typed, known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 3] = ["read", "review", "to-read"];

    #[test]
    fn tab_cycles_through_the_tags_the_last_word_starts_then_starts_again() {
        let mut line = TagLine::new(vec![0], false);
        line.insert("x -re");
        assert!(line.complete(KNOWN));
        assert_eq!(line.text, "x -read");
        assert!(line.complete(KNOWN));
        assert_eq!(line.text, "x -review");
        assert!(line.complete(KNOWN));
        assert_eq!(line.text, "x -read");
        assert_eq!(line.offered(KNOWN), ["read", "review"]);
        line.insert(" t");
        assert!(line.complete(KNOWN));
        assert_eq!(line.text, "x -read to-read ", "a single completion is finished with a space");
        line.insert("zz");
        assert!(!line.complete(KNOWN));
        assert_eq!(line.text, "x -read to-read zz");
    }

    #[test]
    fn deleting_works_back_from_the_end_and_controls_never_enter() {
        let mut line = TagLine::new(vec![0], true);
        line.insert("review to-r\u{1b}[2Jé");
        assert_eq!(line.text, "review to-r[2Jé");
        line.edit(LineEdit::DeleteBack);
        assert_eq!(line.text, "review to-r[2J");
        line.edit(LineEdit::DeleteBigWord);
        assert_eq!(line.text, "review ");
        line.edit(LineEdit::DeleteToStart);
        assert_eq!(line.text, "");
        line.edit(LineEdit::DeleteBack);
        assert_eq!(line.text, "");
    }

    #[test]
    fn a_word_after_a_wide_space_is_deleted_whole() {
        let mut line = TagLine::new(vec![0], false);
        line.insert("review\u{a0}to-read\u{3000}dara");
        line.edit(LineEdit::DeleteBigWord);
        assert_eq!(line.text, "review\u{a0}to-read\u{3000}");
        line.edit(LineEdit::DeleteWord);
        assert_eq!(line.text, "review\u{a0}");
    }
}
