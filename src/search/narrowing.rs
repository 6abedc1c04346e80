//! Searching as the user types: each keystroke that only extends the query searches the previous
//! matches instead of everything, and Backspace returns to an earlier result without searching.

use std::sync::Arc;

use super::fold::Case;
use super::index::{Index, rank};
use super::query::Query;
use super::{Hit, Scope};

/// How many earlier keystrokes' results are kept for Backspace.
const MAX_STEPS: usize = 64;

/// One searched query: its matching ids in the order of `within` (what a longer query narrows) and its ranked hits.
struct Step {
    query: String,
    matched_ids: Vec<u32>,
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
            let matches = match self.steps.last() {
                Some(previous) => self.index.matches(&parsed, scope, &previous.matched_ids),
                None => self.index.matches(&parsed, scope, &self.within),
            };
            if self.steps.len() == MAX_STEPS {
                self.steps.remove(0);
            }
            let matched_ids = matches.iter().map(|hit| hit.id).collect();
            self.steps.push(Step { query: query.to_string(), matched_ids, ranked: rank(matches) });
        }
        self.steps.last().map_or(&[], |step| step.ranked.as_slice())
    }
}
