//! Exact terms (`'word`, `^word`, `word$`, `^word$`) on one folded text: where the best
//! occurrence is and what it scores.

use super::fold::Case;
use super::query::{Kind, Word};
use super::scan::find_either;
use super::skim::contiguous_score;

/// The best occurrence of `word` in `text` where `kind` allows it: its score and byte offset.
/// Fuzzy terms are the scorer's, not this: `None`.
pub fn best_occurrence(text: &str, word: &Word, kind: Kind, case: Case) -> Option<(i64, usize)> {
    let (bytes, needle) = (text.as_bytes(), word.text.as_bytes());
    let occurs_at = |at: usize| {
        bytes.get(at..at + needle.len()).is_some_and(|window| match case {
            Case::Sensitive => window == needle,
            // The needle has no capital (smart case), and non-ASCII letters were lowercased by folding.
            Case::Insensitive => window.eq_ignore_ascii_case(needle),
        })
    };
    let scored = |at: usize| (contiguous_score(text, at, &word.chars, case == Case::Sensitive), at);
    // As fzf does, spaces around a text do not keep a prefix or a suffix from matching.
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    match kind {
        Kind::Fuzzy => None,
        Kind::Prefix => occurs_at(start).then(|| scored(start)),
        Kind::Suffix => end.checked_sub(needle.len()).filter(|&at| occurs_at(at)).map(scored),
        // A text of spaces alone starts after it ends.
        Kind::Equal => (end.checked_sub(start) == Some(needle.len()) && occurs_at(start)).then(|| scored(start)),
        Kind::Exact => {
            let &first = needle.first()?;
            let other = if case == Case::Insensitive { first.to_ascii_uppercase() } else { first };
            let mut best: Option<(i64, usize)> = None;
            let mut from = 0;
            while let Some(found) = bytes.get(from..).and_then(|rest| find_either(rest, first, other)) {
                let at = from + found;
                if occurs_at(at) {
                    let candidate = scored(at);
                    // The first of equally good occurrences, as fzf highlights it.
                    if best.is_none_or(|(score, _)| candidate.0 > score) {
                        best = Some(candidate);
                    }
                }
                from = at + 1;
            }
            best
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Query;

    fn found(text: &str, query: &str) -> Option<usize> {
        let query = Query::parse(query);
        let term = &query.filters[0][0];
        best_occurrence(text, &term.word, term.kind, query.case).map(|(_, at)| at)
    }

    #[test]
    fn each_kind_finds_its_place() {
        let text = " Lenalidomide with dexamethasone: lenalidomide ";
        // Both occurrences start a word; the one in the query's case scores more.
        assert_eq!(found(text, "'lenalidomide"), Some(34));
        assert_eq!(found("a lidomide, lidomide", "'lidomide"), Some(2), "the first of equals");
        assert_eq!(found(text, "'lidomide"), Some(5));
        assert_eq!(found(text, "'Lenalidomide"), Some(1));
        assert_eq!(found(text, "'LENALIDOMIDE"), None, "a capital makes the search case-sensitive");
        assert_eq!(found(text, "^lenal"), Some(1));
        assert_eq!(found(text, "^dexa"), None);
        assert_eq!(found(text, "domide$"), Some(40));
        assert_eq!(found(text, "dexamethasone$"), None);
        assert_eq!(found("  myeloma ", "^myeloma$"), Some(2));
        assert_eq!(found("myeloma cells", "^myeloma$"), None);
        assert_eq!(found("", "'a"), None);
        assert_eq!(found("  ", "^a$"), None, "a text of spaces alone");
        assert_eq!(found("\n", "^a$"), None);
        let folded = crate::search::fold::fold("Κappa and κappa", Case::Insensitive);
        assert_eq!(found(&folded, "'κappa"), Some(0), "folding lowercased the capital for an insensitive query");
        assert_eq!(found("Κappa and κappa", "'Κappa"), Some(0));
    }
}
