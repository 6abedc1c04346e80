//! Fuzzy search over publications: ranked by the skim algorithm, folded for accents and case,
//! and fast enough to run on every keystroke over a million titles.
//!
//! [`Index`] folds every text once; [`Index::search`] scans it on all cores. [`Searcher`] narrows
//! from the previous keystroke's results, and [`BackgroundSearch`] runs it off the UI thread.
//! [`highlight_positions`] and [`word_ranges`] are computed per visible row only.

mod background;
mod exact;
mod fold;
mod highlight;
mod index;
mod narrowing;
mod occurrences;
mod query;
mod scan;
mod skim;

pub use background::{BackgroundSearch, SearchRequest, SearchResponse};
pub use highlight::{highlight_positions, word_ranges};
pub use index::Index;
pub use narrowing::Searcher;

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
