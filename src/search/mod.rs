//! Fuzzy search over publications. TODO: the search helper fills this in.

use crate::model::Publication;

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

/// The searchable text of every publication, prepared once.
pub struct Index {
    titles: Vec<String>,
}

impl Index {
    pub fn new(publications: &[Publication]) -> Index {
        Index { titles: publications.iter().map(|p| p.title.clone()).collect() }
    }

    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.titles.is_empty()
    }

    /// Matches of `query` among `within` (ids), best first; equal scores keep the order of `within`.
    pub fn search(&self, query: &str, _scope: Scope, within: &[u32]) -> Vec<Hit> {
        let query = query.to_lowercase();
        within
            .iter()
            .filter(|&&id| self.titles[id as usize].to_lowercase().contains(&query))
            .map(|&id| Hit { id, score: 1 })
            .collect()
    }
}

/// Character indices of `text` that `query` matches, for highlighting.
pub fn highlight_positions(text: &str, query: &str) -> Vec<usize> {
    let query = query.to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    match text.to_lowercase().find(&query) {
        Some(start) => {
            let first = text[..start].chars().count();
            (first..first + query.chars().count()).collect()
        }
        None => Vec::new(),
    }
}

/// Character ranges where each query word occurs literally in `text`, in text order.
pub fn word_ranges(text: &str, query: &str) -> Vec<std::ops::Range<usize>> {
    let lower: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut ranges = Vec::new();
    for word in query.split_whitespace() {
        let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
        if word.is_empty() || word.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - word.len() {
            if lower[start..start + word.len()] == word[..] {
                ranges.push(start..start + word.len());
            }
        }
    }
    ranges.sort_by_key(|range| range.start);
    ranges
}
