//! Fuzzy search over publications: ranked by the skim algorithm, folded for accents and case,
//! and fast enough to run on every keystroke over a million titles.
//!
//! [`Index`] folds every text once; [`Index::search`] scans it on all cores. [`Searcher`] narrows
//! from the previous keystroke's results, and [`BackgroundSearch`] runs it off the UI thread.
//! [`highlight_positions`] and [`word_ranges`] are computed per visible row only. [`search_once`] answers a single
//! query without an index (`lenaview search`), scoring through the same code as the index; [`matching_once`] says
//! which publications it would find, without scoring them (`export --query`).
//!
//! # The score
//!
//! A query's score in a publication is the sum of its words' scores (each the best over the
//! texts in scope) plus its exact terms' scores. A word's score is fuzzy-matcher 0.3.7's
//! `SkimMatcherV2` score of the word in the text, as a freshly built matcher computes it: the
//! best alignment of the word's chars, in order, with chars of the text, in a matrix with one
//! row per word char and one column per text char (column `col` is the char at `col - 1`):
//!
//! ```text
//! M[i][col] = match_score(M[i-1][col-1], P[i-1][col-1], bonus(col), char_score)  where char i matches
//!           = minus infinity                                                   elsewhere
//! P[i][col] = skip_score(M[i][col-1], P[i][col-1])
//! match_score(m, p, bonus, char_score) = max(m + max(bonus, BONUS_CONSECUTIVE), p + bonus) + char_score
//! skip_score(m, p)                     = max(m + GAP_START + GAP_EXTENSION, p + GAP_EXTENSION)
//! ```
//!
//! and the score is the largest M of the last row. Two quirks of the crate are kept, because
//! scores must equal its own: it keeps only two rows, so each row starts (at its first column)
//! from the cell the row two above left there, the *stale cell*; and the maximum includes that
//! first column. Every formula lives in `skim/formula.rs`; every kernel calls it, and
//! `skim/reference.rs` (tests only) computes every cell of the matrix plainly from it: the oracle
//! every fast path is compared with, itself compared with the crate. To change how a match
//! scores, change `formula.rs` and run `cargo test --lib search`.
//!
//! # Glossary (one name per concept)
//!
//! - *text*: what a word is matched against (a title; authors and journal; an abstract), folded;
//!   the scorer reads it as *units*, bytes when it is ASCII and chars otherwise.
//! - *word*, *pattern*: a fuzzy term of the query; the scorer calls its chars the pattern.
//! - *row*, *column*, *M*, *P*: the matrix above. *Bonus* (in-place bonus): what matching the
//!   char at a column earns for what precedes it (a word's head, a break, a camel hump).
//! - *first match*: the earliest position of each pattern char, found greedily; a row's *first
//!   column* (its *boundary*) is the previous char's first match, where its stale cell sits.
//! - *event*: a column of a row where something happens (the first column, or a match); every
//!   other cell follows from the events. *Packed* events are kept between keystrokes.
//! - *kept rows*: the last two rows of the query's last word per text, so that the word typed one
//!   char longer costs one row (*extending*).
//! - *without last word*: a publication's score from everything but the last word, kept so that
//!   the next keystroke scores only the last word; *filtered*: what the exact terms added.
//! - *part*: a slice of the candidates scanned as one piece of work by one thread.
//! - *contiguous score*: the score of an exact term's occurrence, an alignment with no gap.

mod background;
mod candidate;
mod exact;
mod fold;
mod highlight;
mod index;
mod narrowing;
mod occurrences;
mod once;
#[cfg(test)]
mod oracle;
mod query;
mod scan;
mod skim;

pub use background::{BackgroundSearch, SearchRequest, SearchResponse};
pub use candidate::sections_text;
pub use fold::{Case, fold_with_origin};
pub use highlight::{highlight_positions, word_ranges};
pub use index::{AbstractTexts, Abstracts, Index};
pub use narrowing::Searcher;
pub use once::{matching_once, search_once};

/// Whether `query` holds nothing to search for (blank, or operators without a word): it matches everything.
pub fn is_blank_query(query: &str) -> bool {
    query::Query::parse(query).is_empty()
}

/// What a query is matched against; a key in the search line cycles through these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    #[default]
    Titles,
    TitlesAuthorsJournal,
    Everything,
}

impl Scope {
    pub fn next(self) -> Scope {
        match self {
            Scope::Titles => Scope::TitlesAuthorsJournal,
            Scope::TitlesAuthorsJournal => Scope::Everything,
            Scope::Everything => Scope::Titles,
        }
    }

    /// How many of a publication's texts the scope searches: the first of title, authors and journal, abstract,
    /// note (each scope adds to the one before).
    pub(crate) fn texts_searched(self) -> usize {
        match self {
            Scope::Titles => 1,
            Scope::TitlesAuthorsJournal => 2,
            Scope::Everything => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Scope::Titles => "titles",
            Scope::TitlesAuthorsJournal => "titles+authors+journal",
            Scope::Everything => "everything",
        }
    }
}

/// One matching publication: `id` is its position in the slice the index was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub id: u32,
    pub score: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_cycles_through_all_three() {
        assert_eq!(Scope::default(), Scope::Titles);
        assert_eq!(Scope::Titles.next().next().next(), Scope::Titles);
        assert_eq!(Scope::Titles.next().label(), "titles+authors+journal");
        assert_eq!(Scope::Everything.label(), "everything");
    }

    #[test]
    fn the_index_can_be_shared_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Index>();
    }
}
