//! Searching as the user types: each keystroke that only extends the query searches the previous
//! matches instead of everything, and Backspace returns to an earlier result without searching.

use std::sync::Arc;

use super::fold::Case;
use super::index::{Index, rank};
use super::query::Query;
use super::{Hit, Scope};

/// How many earlier keystrokes' results are kept for Backspace.
const MAX_STEPS: usize = 64;

/// One searched query: its matches in the order of `within` (what a longer query narrows), with
/// their scores with and without the last word (what the next keystroke reuses), and ranked.
struct Step {
    query: String,
    words: Vec<String>,
    matched_ids: Vec<u32>,
    scores: Vec<i64>,
    without_last_word: Vec<i64>,
    ranked: Vec<Hit>,
}

/// Remembers the last queries and their results to answer the next keystroke cheaply.
///
/// Narrowing is exact: when a query extends the previous one, every new word either equals an old
/// one or has an old word as its prefix (fuzzy matching is monotone in that), so the new matches are
/// among the old ones; it needs the same scope, `within` and case (a capital switches case mode).
pub struct Searcher {
    index: Arc<Index>,
    scope: Scope,
    case: Case,
    within: Vec<u32>,
    /// Queries in which each is a prefix of the next; the last is the latest.
    steps: Vec<Step>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Searcher {
        Searcher { index, scope: Scope::default(), case: Case::Insensitive, within: Vec::new(), steps: Vec::new() }
    }

    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// The same hits as `Index::search(query, scope, within)`, reusing earlier results where it can.
    pub fn search(&mut self, query: &str, scope: Scope, within: &[u32]) -> &[Hit] {
        let case = Case::of_query(query);
        if scope != self.scope || case != self.case || within != self.within.as_slice() {
            self.steps.clear();
            self.scope = scope;
            self.case = case;
            self.within.clear();
            self.within.extend_from_slice(within);
        }
        while self.steps.last().is_some_and(|step| !query.starts_with(&step.query)) {
            self.steps.pop();
        }
        let reuse = self.steps.last().is_some_and(|step| step.query == query);
        if !reuse {
            let parsed = Query::parse(query);
            let words: Vec<String> = parsed.words.iter().map(|word| word.text.clone()).collect();
            let matches = match self.steps.last() {
                Some(previous) => {
                    let known = unchanged_words_score(previous, &words);
                    self.index.matches_split(&parsed, scope, &previous.matched_ids, known)
                }
                None => self.index.matches_split(&parsed, scope, &self.within, None),
            };
            if self.steps.len() == MAX_STEPS {
                self.steps.remove(0);
            }
            self.steps.push(Step {
                query: query.to_string(),
                words,
                matched_ids: matches.hits.iter().map(|hit| hit.id).collect(),
                scores: matches.hits.iter().map(|hit| hit.score).collect(),
                without_last_word: matches.fixed,
                ranked: rank(matches.hits),
            });
        }
        self.steps.last().map_or(&[], |step| step.ranked.as_slice())
    }
}

/// Per match of `previous`, the score of the words `words` shares with it, when only the last
/// word differs: words score independently, so only the last needs scoring again.
fn unchanged_words_score<'a>(previous: &'a Step, words: &[String]) -> Option<&'a [i64]> {
    let (_, kept) = words.split_last()?;
    if kept == previous.words.as_slice() {
        // A word was added after the previous query's words.
        Some(&previous.scores)
    } else if words.len() == previous.words.len() && previous.words.get(..kept.len()) == Some(kept) {
        // The last word was extended.
        Some(&previous.without_last_word)
    } else {
        None
    }
}
