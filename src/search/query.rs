//! A query as the scan uses it: fzf's extended syntax parsed into terms, each folded the way the
//! texts were folded for the query's case.
//!
//! `word` is fuzzy, `'word` an exact substring, `^word` a prefix, `word$` a suffix, `^word$` the
//! whole text, `!word` excludes texts holding the word (`!^word`, `!word$` likewise, `!'word`
//! excludes fuzzy matches), and `a | b` matches either. Clauses separated by spaces must all match.
//! Plain fuzzy words, the common case, go to the scan's fast kernels; every other clause is a
//! filter checked on the folded texts.

use super::fold::{Case, fold};
use super::occurrences::groups_of;
use super::scan::find_either;

/// One query word, folded, in the two shapes the scan needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// For the cheap byte-level prefilter.
    pub text: String,
    /// For the scorer.
    pub chars: Vec<char>,
    /// The letter and digit groups it needs (see `occurrences::groups_of`).
    pub groups: u32,
}

impl Word {
    fn new(text: String) -> Word {
        let chars: Vec<char> = text.chars().collect();
        Word { groups: groups_of(&chars), chars, text }
    }
}

/// How a term matches a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Fuzzy,
    /// Anywhere, contiguous.
    Exact,
    /// At the start (after any spaces).
    Prefix,
    /// At the end (before any spaces).
    Suffix,
    /// The whole text (but for spaces around it).
    Equal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub kind: Kind,
    /// The term holds where its word does not match.
    pub negated: bool,
    pub word: Word,
}

impl Term {
    /// Whether wherever `self` holds, `other` holds too (in one text, and so in any of a scope's):
    /// what makes a longer query's matches a subset of a shorter one's. Sound, not complete.
    fn implies(&self, other: &Term) -> bool {
        let (mine, theirs) = (&self.word.text, &other.word.text);
        match (self.negated, other.negated) {
            (false, false) => match other.kind {
                Kind::Fuzzy => is_subsequence_of(&other.word.chars, &self.word.chars),
                Kind::Exact => self.kind != Kind::Fuzzy && mine.contains(theirs.as_str()),
                Kind::Prefix => matches!(self.kind, Kind::Prefix | Kind::Equal) && mine.starts_with(theirs.as_str()),
                Kind::Suffix => matches!(self.kind, Kind::Suffix | Kind::Equal) && mine.ends_with(theirs.as_str()),
                Kind::Equal => self.kind == Kind::Equal && mine == theirs,
            },
            // Not matching `self`'s word implies not matching `other`'s when `other`'s implies `self`'s.
            (true, true) => other.positive().implies(&self.positive()),
            _ => false,
        }
    }

    fn positive(&self) -> Term {
        Term { negated: false, ..self.clone() }
    }
}

/// A parsed query: all clauses must match; a clause matches when any of its terms does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The clauses that are one plain fuzzy word, in order: scored by the fast kernels.
    pub words: Vec<Word>,
    /// Every other clause (exact, prefix, suffix, negated terms, `|`), checked as filters.
    pub filters: Vec<Vec<Term>>,
    pub case: Case,
}

impl Query {
    /// Splits on whitespace into terms, folding each term's word for the query's case.
    pub fn parse(text: &str) -> Query {
        let case = Case::of_query(text);
        let mut clauses: Vec<Vec<Term>> = Vec::new();
        let mut after_bar = false;
        for token in text.split_whitespace() {
            // A bar joins the terms either side of it; one with no term before it means nothing.
            if token == "|" {
                after_bar = !clauses.is_empty() && !after_bar;
                continue;
            }
            let joins = std::mem::take(&mut after_bar);
            let Some(term) = parse_term(token, case) else { continue };
            match clauses.last_mut() {
                Some(clause) if joins => clause.push(term),
                _ => clauses.push(vec![term]),
            }
        }
        let mut query = Query { words: Vec::new(), filters: Vec::new(), case };
        for mut clause in clauses {
            match clause.as_slice() {
                [Term { kind: Kind::Fuzzy, negated: false, .. }] => query.words.extend(clause.pop().map(|t| t.word)),
                _ => query.filters.push(clause),
            }
        }
        query
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.filters.is_empty()
    }

    /// The words a match may show: every term's but the negated ones'.
    pub fn positive_words(&self) -> impl Iterator<Item = &Word> {
        let filters = self.filters.iter().flatten().filter(|term| !term.negated).map(|term| &term.word);
        self.words.iter().chain(filters)
    }

    /// Whether every match of `self` is sure to be a match of `earlier`, so that `self` can be
    /// searched among `earlier`'s matches. Typing on usually narrows, but not always: `!x` to
    /// `!xy` excludes less, and `a |` to `a | b` accepts more.
    pub fn narrows(&self, earlier: &Query) -> bool {
        let clauses = |query: &Query| -> Vec<Vec<Term>> {
            let words =
                query.words.iter().map(|word| vec![Term { kind: Kind::Fuzzy, negated: false, word: word.clone() }]);
            words.chain(query.filters.iter().cloned()).collect()
        };
        let (mine, theirs) = (clauses(self), clauses(earlier));
        self.case == earlier.case
            && theirs
                .iter()
                .all(|old| mine.iter().any(|new| new.iter().all(|term| old.iter().any(|other| term.implies(other)))))
    }
}

/// One whitespace-free token as fzf reads it; `None` when only operators are left.
fn parse_term(token: &str, case: Case) -> Option<Term> {
    let (mut kind, mut negated, mut rest) = (Kind::Fuzzy, false, token);
    if let Some(after) = rest.strip_prefix('!') {
        (kind, negated, rest) = (Kind::Exact, true, after);
    }
    if rest != "$"
        && let Some(before) = rest.strip_suffix('$')
    {
        (kind, rest) = (Kind::Suffix, before);
    }
    if let Some(after) = rest.strip_prefix('\'') {
        // As in fzf: `'` asks for an exact match, and after `!` for a fuzzy one (`!'word`).
        (kind, rest) = (if negated { Kind::Fuzzy } else { Kind::Exact }, after);
    } else if let Some(after) = rest.strip_prefix('^') {
        kind = if kind == Kind::Suffix { Kind::Equal } else { Kind::Prefix };
        rest = after;
    }
    let text = fold(rest, case);
    (!text.is_empty()).then(|| Term { kind, negated, word: Word::new(text) })
}

/// Whether `needle` occurs in order in `haystack`, char by char.
fn is_subsequence_of(needle: &[char], haystack: &[char]) -> bool {
    let mut rest = haystack.iter();
    needle.iter().all(|wanted| rest.any(|c| c == wanted))
}

/// Whether `needle`'s bytes occur in order in `haystack`: necessary for a fuzzy match, and far
/// cheaper to check than scoring. In insensitive mode the needle is already lowercase, and only
/// ASCII case needs folding (non-ASCII letters were lowercased when folding).
pub fn is_subsequence(haystack: &[u8], needle: &[u8], case: Case) -> bool {
    let mut from = 0;
    for &wanted in needle {
        let other = match case {
            Case::Sensitive => wanted,
            Case::Insensitive => wanted.to_ascii_uppercase(),
        };
        match haystack.get(from..).and_then(|rest| find_either(rest, wanted, other)) {
            Some(at) => from += at + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_case_follows_the_whole_query() {
        let query = Query::parse("  müller   Κ ");
        assert_eq!(query.case, Case::Sensitive);
        let words: Vec<&str> = query.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["muller", "Κ"]);
        assert!(Query::parse(" \t ").is_empty());
        // A lone combining mark folds to nothing and is not a word.
        assert!(Query::parse("\u{308}").is_empty());
    }

    fn kinds(text: &str) -> Vec<Vec<(Kind, bool, &'static str)>> {
        let query = Query::parse(text);
        let leaked = |term: &Term| -> &'static str { Box::leak(term.word.text.clone().into_boxed_str()) };
        let words = query.words.iter().map(|word| {
            vec![(Kind::Fuzzy, false, leaked(&Term { kind: Kind::Fuzzy, negated: false, word: word.clone() }))]
        });
        let filters =
            query.filters.iter().map(|clause| clause.iter().map(|t| (t.kind, t.negated, leaked(t))).collect());
        words.chain(filters).collect()
    }

    #[test]
    fn fzf_operators_make_terms() {
        use Kind::*;
        assert_eq!(kinds("dara 'len"), [vec![(Fuzzy, false, "dara")], vec![(Exact, false, "len")]]);
        assert_eq!(
            kinds("^dara myeloma$ ^whole$"),
            [vec![(Prefix, false, "dara")], vec![(Suffix, false, "myeloma")], vec![(Equal, false, "whole")]]
        );
        assert_eq!(
            kinds("!len !^dara !x$ !'fz"),
            [
                vec![(Exact, true, "len")],
                vec![(Prefix, true, "dara")],
                vec![(Suffix, true, "x")],
                vec![(Fuzzy, true, "fz")]
            ]
        );
        assert_eq!(
            kinds("dara | 'len myeloma"),
            [vec![(Fuzzy, false, "myeloma")], vec![(Fuzzy, false, "dara"), (Exact, false, "len")]]
        );
        // Operators alone are no term; a lone `$` is a char to find; stray bars are ignored.
        assert!(Query::parse("! ' ^ !^ | ^$").is_empty());
        assert_eq!(kinds("$"), [vec![(Fuzzy, false, "$")]]);
        assert_eq!(kinds("| a |"), [vec![(Fuzzy, false, "a")]]);
        // The word is folded after the operators are read: a typographic quote is no operator.
        assert_eq!(kinds("\u{2019}s 'Müller"), [vec![(Fuzzy, false, "'s")], vec![(Exact, false, "Muller")]]);
    }

    #[test]
    fn narrowing_follows_what_each_term_can_match() {
        let narrows = |earlier: &str, later: &str| Query::parse(later).narrows(&Query::parse(earlier));
        for (earlier, later) in [
            ("", "!x"),
            ("!", "!x"),
            ("l", "le"),
            ("le", "'le"),
            ("'le", "'len"),
            ("^le", "^len"),
            ("len", "len$"),
            ("a$", "ba$"),
            ("!xy", "!x"),
            ("a", "a |"),
            ("a | b", "a | bc"),
            ("a b", "b a"),
            ("dara", "dara 'len"),
            ("^a", "^a$"),
            ("!^ab", "!a"),
            ("'l", "^l"),
        ] {
            assert!(narrows(earlier, later), "{later:?} narrows {earlier:?}");
        }
        for (earlier, later) in [
            ("!x", "!xy"),
            ("a |", "a | b"),
            ("a", "!a"),
            ("le", "Le"),
            ("'le", "le"),
            ("^le", "'le"),
            ("a$", "a$b"),
            ("'len", "'le"),
            ("a b", "a"),
            ("!'a", "!ab"),
        ] {
            assert!(!narrows(earlier, later), "{later:?} does not narrow {earlier:?}");
        }
    }

    #[test]
    fn subsequence_respects_case_mode() {
        assert!(is_subsequence(b"Daratumumab plus", b"dpl", Case::Insensitive));
        assert!(!is_subsequence(b"Daratumumab plus", b"dpl", Case::Sensitive));
        assert!(is_subsequence(b"Daratumumab plus", b"Dpl", Case::Sensitive));
        assert!(!is_subsequence(b"abc", b"abcd", Case::Insensitive));
        assert!(is_subsequence("κappa".as_bytes(), "κ".as_bytes(), Case::Insensitive));
    }
}
