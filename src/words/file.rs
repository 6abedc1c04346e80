//! `words.toml`, the word lists as a user reads and edits them:
//!
//! ```toml
//! version = 1
//!
//! [[list]]
//! name = "include"
//! color = "green"      # red, green, yellow, blue, magenta, cyan or #rrggbb
//! weight = 1           # what each of its words found in a paper adds to the paper's score
//! topic = "Treatments/Lenalidomide"   # optional: only the papers at or below this topic
//! words = ["lenalidomide", "randomi*", "multiple myeloma"]
//! ```
//!
//! Its text is untrusted: a file this version cannot read is refused with its line (and kept aside by the
//! store); a word that cannot be highlighted (no letter or digit, a control character) is kept in the file and
//! reported with its line, never dropped.

use serde::Deserialize;
use toml::Spanned;

use super::term::Term;
use super::{ListColor, WordList, WordLists};
use crate::follow::topics::split_path;
use crate::formats::{Diagnostic, line_of};

/// The version of the file this lenaview writes and reads; a higher one is kept aside, not guessed at.
pub const WORDS_VERSION: i64 = 1;

const HEADER: &str = "\
# Highlighted words for lenaview: each [[list]] is marked in titles and abstracts in its colour
# (red, green, yellow, blue, magenta, cyan or #rrggbb). Words match whole words, any case and accents;
# a phrase matches its words in a row; a trailing * matches words starting so (randomi*). `weight` is what
# each word found in a paper adds to its score for the \"highlighted\" sort; `topic` (optional) keeps a list
# to the papers at or below a topic path. The + and - keys rewrite this file, dropping other comments.
";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Option<Spanned<i64>>,
    #[serde(default, rename = "list")]
    lists: Vec<RawList>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    name: Spanned<String>,
    color: Option<Spanned<String>>,
    weight: Option<i64>,
    topic: Option<Spanned<String>>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
}

/// The lists in a file, and warnings for what in it will not be highlighted, for the message log.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub lists: WordLists,
    pub unused: Vec<Diagnostic>,
}

/// The lists in the file `file` holding `bytes`, or why it cannot be read, at its line.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Parsed, Diagnostic> {
    let refuse = |line, problem: String| Diagnostic::error(file, line, problem);
    let text = Diagnostic::utf8_text(file, bytes)?;
    let raw: RawFile = toml::from_str(text).map_err(|err| Diagnostic::toml(file, text, &err))?;
    if let Some(version) = &raw.version
        && *version.get_ref() != WORDS_VERSION
    {
        let line = line_of(text, version.span().start);
        return Err(refuse(
            line,
            format!("version {} is not {WORDS_VERSION}, the one this lenaview reads", version.get_ref()),
        ));
    }
    let mut lists = Vec::new();
    let mut unused = Vec::new();
    for raw_list in raw.lists {
        let line = |spanned: &Spanned<String>| line_of(text, spanned.span().start);
        let name = raw_list.name.get_ref().trim().to_string();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(refuse(line(&raw_list.name), "a list's name must be text with no control character".into()));
        }
        if lists.iter().any(|list: &WordList| list.name == name) {
            return Err(refuse(line(&raw_list.name), format!("a second list named \"{name}\"")));
        }
        let mut list = WordList { topic: None, ..WordList::empty(&name) };
        if let Some(color) = &raw_list.color {
            list.color = ListColor::parse(color.get_ref()).ok_or_else(|| {
                refuse(
                    line(color),
                    format!("\"{}\" is not a colour ({})", color.get_ref().escape_debug(), ListColor::choices()),
                )
            })?;
        }
        list.weight = raw_list.weight.unwrap_or(list.weight);
        if let Some(topic) = &raw_list.topic {
            let parts = split_path(topic.get_ref());
            if parts.is_empty() || topic.get_ref().chars().any(char::is_control) {
                return Err(refuse(line(topic), "a topic must be a path like \"Treatments/Lenalidomide\"".into()));
            }
            list.topic = Some(parts.join("/"));
        }
        for word in &raw_list.words {
            if Term::parse(word.get_ref()).is_none() {
                let why = if word.get_ref().chars().any(char::is_control) {
                    "has a control character"
                } else {
                    "has no letter or digit"
                };
                let shown = word.get_ref().escape_debug();
                let message = format!("\"{shown}\" in list \"{name}\" {why}; it is kept but not highlighted");
                unused.push(Diagnostic::warning(file, line(word), message));
            }
            list.words.push(word.get_ref().clone());
        }
        lists.push(list);
    }
    Ok(Parsed { lists: WordLists { lists }, unused })
}

/// The file's text for `lists`: a header saying how to edit it, then one `[[list]]` per list, a word a line.
pub fn render(lists: &WordLists) -> String {
    let quoted = |text: &str| toml::Value::String(text.to_string()).to_string();
    let mut out = format!("{HEADER}version = {WORDS_VERSION}\n");
    for list in &lists.lists {
        out.push_str(&format!("\n[[list]]\nname = {}\n", quoted(&list.name)));
        out.push_str(&format!("color = {}\nweight = {}\n", quoted(&list.color.name()), list.weight));
        if let Some(topic) = &list.topic {
            out.push_str(&format!("topic = {}\n", quoted(topic)));
        }
        out.push_str("words = [\n");
        for word in &list.words {
            out.push_str(&format!("    {},\n", quoted(word)));
        }
        out.push_str("]\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_the_same() {
        let mut lists = WordLists::default();
        lists.lists[0].words = vec!["lenalidomide".into(), "say \"hi\"\\".into(), "Müller*".into()];
        lists.lists[1].topic = Some("Treatments/Lenalidomide".into());
        lists.lists[1].color = ListColor::Rgb(1, 2, 255);
        let parsed = parse("w", render(&lists).as_bytes()).unwrap();
        assert_eq!(parsed.lists, lists);
        assert!(parsed.unused.is_empty());
    }

    #[test]
    fn defaults_fill_what_a_list_leaves_out() {
        let parsed = parse("w", b"[[list]]\nname = \"exclude\"\n[[list]]\nname = \"methods\"\nweight = 2\n").unwrap();
        let lists = parsed.lists.lists;
        assert_eq!((lists[0].color, lists[0].weight), (ListColor::Red, -1));
        assert_eq!((lists[1].color, lists[1].weight), (ListColor::Yellow, 2));
        assert!(parse("w", b"").unwrap().lists.lists.is_empty(), "an empty file is no lists, not the defaults");
    }

    #[test]
    fn problems_name_their_line() {
        for (text, line, problem) in [
            ("version = 1\n[[list]]\nname = \"a\"\ncolour = \"red\"\n", 4, "unknown field"),
            ("[[list]]\nname = \"a\"\ncolor = \"grey\"\n", 3, "\"grey\" is not a colour"),
            ("[[list]]\nname = \"a\"\n[[list]]\nname = \"a\"\n", 4, "a second list named \"a\""),
            ("version = 2\n", 1, "version 2"),
            ("[[list]]\nname = \"a\"\ntopic = \" / \"\n", 3, "a topic must be"),
            ("[[list]]\nname = \"\\u001b[2J\"\n", 2, "no control character"),
            ("[[list]]\nwords = [\"x\"\n", 2, ""),
        ] {
            let refusal = parse("w", text.as_bytes()).unwrap_err();
            assert_eq!(refusal.line, line, "{text}: {refusal:?}");
            assert!(refusal.message.contains(problem), "{text}: {refusal:?}");
        }
        assert_eq!(parse("w", b"[[list]]\nname = \"a\"\n\xff").unwrap_err().line, 3);
    }

    #[test]
    fn words_that_cannot_be_highlighted_are_kept_and_reported() {
        let parsed =
            parse("w", b"[[list]]\nname = \"a\"\nwords = [\n  \"ok\",\n  \"--\",\n  \"x\\u001b]0;\",\n]\n").unwrap();
        assert_eq!(parsed.lists.lists[0].words.len(), 3);
        let lines: Vec<usize> = parsed.unused.iter().map(|warning| warning.line).collect();
        assert_eq!(lines, [5, 6]);
        assert!(parsed.unused[1].message.contains("control character"));
        assert!(!parsed.unused[1].to_string().contains('\u{1b}'), "shown escaped");
    }
}
