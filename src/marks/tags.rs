//! The edits typed on the tag line to add or remove tags (`review -old to-read`), and their completion.
//! What a tag may hold is [`crate::model::tag`]'s to say.

pub use crate::model::tag::{MAX_TAG_CHARS, NotATag, normalize_tag};

/// One change asked for on the tag line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagEdit {
    Add(String),
    Remove(String),
}

/// The edits on a tag line: words separated by spaces, each a tag to add or, after `-`, one to remove.
/// Every word must be valid: a typo must not half-apply.
pub fn parse_tag_edits(line: &str) -> Result<Vec<TagEdit>, NotATag> {
    line.split_whitespace()
        .map(|word| match word.strip_prefix('-') {
            Some(removed) => normalize_tag(removed).map(TagEdit::Remove),
            None => normalize_tag(word).map(TagEdit::Add),
        })
        .collect()
}

/// The tags among `known` that complete the last word of `line` (after its `-`, if any), in order.
pub fn completions<'a>(line: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let word = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let prefix = word.strip_prefix('-').unwrap_or(word).to_lowercase();
    known.into_iter().filter(|tag| tag.starts_with(&prefix)).collect()
}

/// `line` with its last word replaced by `tag` (keeping a leading `-`).
pub fn complete_last_word(line: &str, tag: &str) -> String {
    let start =
        line.rfind(char::is_whitespace).map_or(0, |at| at + line[at..].chars().next().map_or(1, char::len_utf8));
    let sign = if line[start..].starts_with('-') { "-" } else { "" };
    format!("{}{sign}{tag}", &line[..start])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_line_adds_and_removes_and_refuses_wholly() {
        assert_eq!(
            parse_tag_edits(" Review  -old to-read "),
            Ok(vec![TagEdit::Add("review".into()), TagEdit::Remove("old".into()), TagEdit::Add("to-read".into())])
        );
        assert_eq!(parse_tag_edits("  "), Ok(vec![]));
        assert!(parse_tag_edits("ok bad!").is_err());
        assert!(parse_tag_edits("--x").is_err());
    }

    #[test]
    fn completion_works_on_the_last_word_and_keeps_its_sign() {
        let known = ["read", "review", "to-read"];
        assert_eq!(completions("x re", known), vec!["read", "review"]);
        assert_eq!(completions("-Re", known), vec!["read", "review"]);
        assert_eq!(completions("", known), known.to_vec());
        assert_eq!(complete_last_word("x -re", "review"), "x -review");
        assert_eq!(complete_last_word("re", "read"), "read");
        assert_eq!(complete_last_word("a ", "read"), "a read");
    }
}
