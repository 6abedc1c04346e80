//! Highlighted words: lists of words and phrases, each with a name, a colour and a weight, that lenaview
//! marks in titles and abstracts (ASReview's inclusion and exclusion words) and can sort the list by.
//!
//! [`term`] says what a word of a list is and how it compares (whole words, phrases, a trailing `*` for a prefix,
//! folded as the search folds); [`Matcher`] finds the terms of every list in one text at a time; [`file`] reads
//! and writes `words.toml`, the hand-editable file the lists are kept in, and [`WordsFile`] keeps it as marks are
//! kept: locked, merged with what another lenaview saved, written atomically, a damaged file moved aside.
//!
//! A layer beside [`crate::search`], whose folding it shares.

pub mod file;
mod matcher;
#[cfg(test)]
mod reference;
mod store;
pub mod term;

pub use matcher::{Matcher, WordMatch};
pub use store::{WordsFile, WordsSaveError};

/// A list's colour, by name (the terminal's own palette) or as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListColor {
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Rgb(u8, u8, u8),
}

impl ListColor {
    const NAMED: [(&'static str, ListColor); 6] = [
        ("red", ListColor::Red),
        ("green", ListColor::Green),
        ("yellow", ListColor::Yellow),
        ("blue", ListColor::Blue),
        ("magenta", ListColor::Magenta),
        ("cyan", ListColor::Cyan),
    ];

    /// `"green"`, `"Red"` or `"#2e8b57"`.
    pub fn parse(text: &str) -> Option<ListColor> {
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            let channel = |at: usize| hex.get(at..at + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok());
            return match (hex.len(), channel(0), channel(2), channel(4)) {
                (6, Some(red), Some(green), Some(blue)) => Some(ListColor::Rgb(red, green, blue)),
                _ => None,
            };
        }
        ListColor::NAMED.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)).map(|(_, color)| *color)
    }

    pub fn name(self) -> String {
        match self {
            ListColor::Rgb(red, green, blue) => format!("#{red:02x}{green:02x}{blue:02x}"),
            named => ListColor::NAMED.iter().find(|(_, color)| *color == named).map_or("", |(name, _)| name).into(),
        }
    }

    /// What a file may write for a colour, for its error messages.
    pub fn choices() -> String {
        let names: Vec<&str> = ListColor::NAMED.iter().map(|(name, _)| *name).collect();
        format!("{} or #rrggbb", names.join(", "))
    }
}

/// How a list's words are drawn: its colour, and (for terminals without colour) whether its words count
/// against a paper (a negative weight) or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordLook {
    pub color: ListColor,
    pub against: bool,
}

/// One list: what it is called (the menus show it), how its words look, what each of its words found in a paper
/// adds to the paper's score, the topic it is kept to (`None`: every paper), and its terms as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordList {
    pub name: String,
    pub color: ListColor,
    pub weight: i64,
    /// Slash-separated topic path: the list applies to the papers at or below it.
    pub topic: Option<String>,
    pub words: Vec<String>,
}

/// Every list, in the file's order: the first list wins where two lists' terms overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordLists {
    pub lists: Vec<WordList>,
}

/// The lists a new user starts with, and the colour and weight a list named by `+` gets when no list has that
/// name: one place, for a configuration file to take over later.
pub const DEFAULT_LISTS: [(&str, ListColor, i64); 2] =
    [("include", ListColor::Green, 1), ("exclude", ListColor::Red, -1)];
/// The colour and weight of a list that is not one of [`DEFAULT_LISTS`].
pub const OTHER_LIST: (ListColor, i64) = (ListColor::Yellow, 0);

impl Default for WordLists {
    fn default() -> Self {
        WordLists { lists: DEFAULT_LISTS.iter().map(|(name, _, _)| WordList::empty(name)).collect() }
    }
}

impl WordList {
    /// A list with no words, coloured and weighted as its name says (see [`DEFAULT_LISTS`]).
    pub fn empty(name: &str) -> WordList {
        let (color, weight) = DEFAULT_LISTS
            .iter()
            .find(|(default, _, _)| *default == name)
            .map_or(OTHER_LIST, |(_, color, weight)| (*color, *weight));
        WordList { name: name.to_string(), color, weight, topic: None, words: Vec::new() }
    }

    pub fn look(&self) -> WordLook {
        WordLook { color: self.color, against: self.weight < 0 }
    }

    /// Whether the list applies to a paper filed under these topic paths (each a list of names from the root).
    pub fn applies_to<'a>(&self, mut paper_topics: impl Iterator<Item = Vec<&'a str>>) -> bool {
        let Some(topic) = &self.topic else { return true };
        let wanted: Vec<&str> = topic.split('/').collect();
        paper_topics.any(|path| path.len() >= wanted.len() && path[..wanted.len()] == wanted[..])
    }

    /// The written terms of this list that highlight `word` (a word or phrase as it stands in a text).
    pub fn terms_matching(&self, word: &str) -> Vec<&String> {
        let words: Vec<String> = term::folded_words(word).into_iter().map(|word| word.text).collect();
        self.words
            .iter()
            .filter(|own| {
                term::Term::parse(own).is_some_and(|term| {
                    term.words.len() == words.len()
                        && words.iter().enumerate().all(|(at, word)| term.word_matches(at, word))
                })
            })
            .collect()
    }

    /// The written term of this list that `word` stands for (the same words, folded), if it has one.
    pub fn holding(&self, word: &str) -> Option<&String> {
        let wanted = term::Term::parse(word)?;
        self.words.iter().find(|own| term::Term::parse(own).as_ref() == Some(&wanted))
    }
}

/// A change to the lists made in this process, replayed onto the file's lists when they are saved, so that what
/// another lenaview (or an editor) saved meanwhile is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordEdit {
    Add { list: String, word: String },
    Remove { list: String, word: String },
}

impl WordLists {
    pub fn position(&self, name: &str) -> Option<usize> {
        self.lists.iter().position(|list| list.name == name)
    }

    /// Makes the change; whether it changed anything (adding a word the list holds does not).
    pub fn apply(&mut self, edit: &WordEdit) -> bool {
        match edit {
            WordEdit::Add { list, word } => {
                let at = match self.position(list) {
                    Some(at) => at,
                    None => {
                        self.lists.push(WordList::empty(list));
                        self.lists.len() - 1
                    }
                };
                let list = &mut self.lists[at];
                if list.holding(word).is_some() {
                    return false;
                }
                list.words.push(word.clone());
                true
            }
            WordEdit::Remove { list, word } => {
                let Some(list) = self.position(list).map(|at| &mut self.lists[at]) else { return false };
                let Some(wanted) = term::Term::parse(word) else { return false };
                let before = list.words.len();
                list.words.retain(|own| term::Term::parse(own).as_ref() != Some(&wanted));
                list.words.len() != before
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_read_by_name_or_hex_and_write_back_the_same() {
        assert_eq!(ListColor::parse(" Green "), Some(ListColor::Green));
        assert_eq!(ListColor::parse("#2E8b57"), Some(ListColor::Rgb(0x2e, 0x8b, 0x57)));
        assert_eq!(ListColor::Rgb(0x2e, 0x8b, 0x57).name(), "#2e8b57");
        assert_eq!(ListColor::Red.name(), "red");
        for bad in ["grey", "#12345", "#12345g", "", "#ééé"] {
            assert_eq!(ListColor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn edits_add_once_and_remove_every_spelling() {
        let mut lists = WordLists::default();
        let add = |word: &str| WordEdit::Add { list: "include".into(), word: word.into() };
        assert!(lists.apply(&add("Lenalidomide")));
        assert!(!lists.apply(&add("lenalidomide")), "the same word, folded");
        assert!(lists.apply(&add("lenalidomid*")));
        assert!(lists.apply(&WordEdit::Remove { list: "include".into(), word: "LENALIDOMIDE".into() }));
        assert_eq!(lists.lists[0].words, ["lenalidomid*"]);
        assert!(!lists.apply(&WordEdit::Remove { list: "nowhere".into(), word: "x".into() }));
        assert!(lists.apply(&WordEdit::Add { list: "methods".into(), word: "cohort".into() }));
        assert_eq!(lists.lists[2].color, OTHER_LIST.0);
    }

    #[test]
    fn a_list_finds_the_terms_that_highlight_a_word() {
        let list =
            WordList { words: vec!["lenalidomid*".into(), "Lenalidomide".into(), "x".into()], ..WordList::empty("a") };
        assert_eq!(list.terms_matching("LENALIDOMIDE"), ["lenalidomid*", "Lenalidomide"]);
        assert!(list.terms_matching("lenalidomide plus").is_empty());
    }

    #[test]
    fn a_topic_list_applies_at_and_below_its_topic() {
        let list = WordList { topic: Some("Treatments/Lenalidomide".into()), ..WordList::empty("a") };
        assert!(list.applies_to([vec!["Treatments", "Lenalidomide"]].into_iter()));
        assert!(list.applies_to([vec!["Other"], vec!["Treatments", "Lenalidomide", "Trials"]].into_iter()));
        assert!(!list.applies_to([vec!["Treatments"], vec!["Treatments", "Lenalidomide2"]].into_iter()));
        assert!(WordList::empty("b").applies_to(std::iter::empty()));
    }
}
