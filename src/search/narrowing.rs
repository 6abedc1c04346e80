//! Searching as the user types: each keystroke that only extends the query searches the previous
//! matches instead of everything, and Backspace returns to an earlier result without searching.

use std::sync::Arc;

use super::fold::Case;
use super::index::{Index, Known, LastWord, MAX_KEPT_EVENTS, rank_into};
use super::query::Query;
use super::skim::KeptRows;
use super::{Hit, Scope};

/// How many matches earlier keystrokes may keep for Backspace, over all of them: each costs 36
/// bytes, and on a million titles every short prefix matches nearly all of them.
const MAX_KEPT_MATCHES: usize = 4_000_000;

/// How many row buffers (one per part of a scan) wait for reuse: two scans' worth, so that a
/// keystroke finds buffers even when the one before kept no rows (an empty query). One scan's
/// worth did not lower the peak of a search typed after start-up, and the second keystroke
/// after a cleared query then mapped fresh memory.
fn max_spare_rows() -> usize {
    2 * Index::parts_for(usize::MAX)
}

/// One searched query: its matches in the order of `within` (what a longer query narrows), with
/// their scores with and without the last word (what the next keystroke reuses), and ranked.
struct Step {
    query: String,
    parsed: Query,
    matched_ids: Vec<u32>,
    scores: Vec<i64>,
    without_last_word: Vec<i64>,
    /// What the filter clauses added to each score; empty when the query has none.
    filtered: Vec<i64>,
    ranked: Vec<Hit>,
    /// The last word's score rows per match: the next keystroke usually adds a char to that word,
    /// and then costs one row per text. They are large, so only the latest step and, while there
    /// is room, the one before it keep theirs (see `drop_rows_over_budget`).
    last_word_rows: Option<Vec<KeptRows>>,
}

/// Remembers the last queries and their results to answer the next keystroke cheaply.
///
/// Narrowing is exact: a query searches the previous one's matches only when it extends it and
/// its terms can match nothing the previous ones could not ([`Query::narrows`]: a new fuzzy word,
/// or a word typed longer, narrows; a negation or an `|` typed longer may widen); it needs the
/// same scope, `within` and case (a capital switches case mode).
pub struct Searcher {
    index: Arc<Index>,
    scope: Scope,
    case: Case,
    within: Vec<u32>,
    /// Queries in which each is a prefix of the next; the last is the latest.
    steps: Vec<Step>,
    max_kept_matches: usize,
    /// Most row events all steps keep together (see `drop_rows_over_budget`).
    max_kept_events: usize,
    /// Buffers of earlier keystrokes' rows, to be written again: mapping fresh memory for
    /// millions of rows on every keystroke costs more than writing them. At most
    /// `MAX_SPARE_ROWS` are held, on top of the latest step's.
    spare_rows: Vec<KeptRows>,
    /// Steps Backspace or eviction dropped, whose buffers the next steps reuse (at most two).
    spare_steps: Vec<Step>,
}

impl Searcher {
    pub fn new(index: Arc<Index>) -> Searcher {
        Searcher {
            index,
            scope: Scope::default(),
            case: Case::Insensitive,
            within: Vec::new(),
            steps: Vec::new(),
            max_kept_matches: MAX_KEPT_MATCHES,
            max_kept_events: MAX_KEPT_EVENTS,
            spare_rows: Vec::new(),
            spare_steps: Vec::new(),
        }
    }

    /// The same hits as `Index::search(query, scope, within)`, reusing earlier results where it can.
    pub fn search(&mut self, query: &str, scope: Scope, within: &[u32]) -> &[Hit] {
        let case = Case::of_query(query);
        if scope != self.scope || case != self.case || within != self.within.as_slice() {
            for step in std::mem::take(&mut self.steps) {
                self.spare_step(step);
            }
            self.scope = scope;
            self.case = case;
            self.within.clear();
            self.within.extend_from_slice(within);
        }
        let parsed = Query::parse(query);
        while self.steps.last().is_some_and(|step| !(query.starts_with(&step.query) && parsed.narrows(&step.parsed))) {
            if let Some(step) = self.steps.pop() {
                self.spare_step(step);
            }
        }
        let reuse = self.steps.last().is_some_and(|step| step.query == query);
        if !reuse {
            // What the previous step already knows of this query, worked out once for the keystroke.
            let previous = self.steps.last();
            let known = previous.map_or(Known::Nothing, |previous| known_scores(previous, &parsed));
            let extended_rows = previous.and_then(|previous| {
                let rows = previous.last_word_rows.as_deref().filter(|rows| !rows.is_empty())?;
                extends_last_word(previous, &parsed).then_some(rows)
            });
            let only_filters_changed = matches!(known, Known::Words { .. });
            // An empty query has no word to keep rows for, and leaves the buffers for the next;
            // nor does a query whose words are not scored again.
            let (keep, spare) = match parsed.is_empty() || only_filters_changed {
                true => (LastWord::Score, Vec::new()),
                false => {
                    // One buffer per part of the scan; the rest stay for later. Extending a word
                    // keeps its previous row besides the new one, so it takes the largest buffers
                    // and a word scored afresh the smallest: then the buffers fit without growing
                    // (mapping fresh pages) as soon as each size has been needed once.
                    self.spare_rows.sort_unstable_by_key(KeptRows::capacity);
                    let spare = match extended_rows {
                        Some(rows) => self.spare_rows.split_off(self.spare_rows.len().saturating_sub(rows.len())),
                        None => {
                            let candidates = previous.map_or(self.within.len(), |step| step.matched_ids.len());
                            let parts = Index::parts_for(candidates).min(self.spare_rows.len());
                            self.spare_rows.drain(..parts).collect()
                        }
                    };
                    (LastWord::Keep, spare)
                }
            };
            let last_word = extended_rows.map_or(keep, LastWord::Extend);
            let candidates = previous.map_or(self.within.as_slice(), |step| step.matched_ids.as_slice());
            let matches = self.index.matches_split(&parsed, scope, candidates, known, last_word, spare);
            let mut kept: usize = self.steps.iter().map(|step| step.matched_ids.len()).sum();
            while kept + matches.hits.len() > self.max_kept_matches && !self.steps.is_empty() {
                // The oldest step goes first: Backspace past the earliest kept one searches afresh.
                let oldest = self.steps.remove(0);
                kept -= oldest.matched_ids.len();
                self.spare_step(oldest);
            }
            let (mut matched_ids, mut scores, ranked) = match self.spare_steps.pop() {
                Some(step) => (step.matched_ids, step.scores, step.ranked),
                None => Default::default(),
            };
            matched_ids.clear();
            matched_ids.extend(matches.hits.iter().map(|hit| hit.id));
            scores.clear();
            scores.extend(matches.hits.iter().map(|hit| hit.score));
            self.steps.push(Step {
                query: query.to_string(),
                parsed,
                matched_ids,
                scores,
                without_last_word: matches.without_last_word,
                filtered: matches.filtered,
                ranked: rank_into(&matches.hits, ranked),
                last_word_rows: matches.rows,
            });
            self.drop_rows_over_budget();
        }
        self.steps.last().map_or(&[], |step| step.ranked.as_slice())
    }
}

/// What `previous` already knows of the query `parsed` for each of its matches: words score
/// independently, so when only the last word differs and the filters do not, only the last word
/// needs scoring again; when only the filters differ, only they do.
fn known_scores<'a>(previous: &'a Step, parsed: &Query) -> Known<'a> {
    let (words, previous_words) = (parsed.words.as_slice(), previous.parsed.words.as_slice());
    let filtered = previous.filtered.as_slice();
    if previous.parsed.filters != parsed.filters {
        return match words == previous_words {
            true => Known::Words { scores: &previous.scores, without_last_word: &previous.without_last_word, filtered },
            false => Known::Nothing,
        };
    }
    let Some((_, kept)) = words.split_last() else { return Known::Nothing };
    if kept == previous_words {
        // A word was added after the previous query's words.
        Known::AllButLastWord { without_last_word: &previous.scores, filtered }
    } else if words.len() == previous_words.len() && kept == &previous_words[..kept.len()] {
        // The last word was extended.
        Known::AllButLastWord { without_last_word: &previous.without_last_word, filtered }
    } else {
        Known::Nothing
    }
}

impl Searcher {
    /// Drops the rows of earlier steps: the latest step's rows serve the next char, the step
    /// before it keeps its rows for a char typed after one Backspace (a typo put right) while
    /// there is room, and older steps hand theirs back, so that typing on reuses their buffers
    /// instead of mapping fresh memory for every step.
    fn drop_rows_over_budget(&mut self) {
        let events =
            |step: &Step| step.last_word_rows.as_ref().map_or(0, |rows| rows.iter().map(KeptRows::events).sum());
        let last_two = self.steps.len().saturating_sub(2);
        let recent: usize = self.steps.get(last_two..).unwrap_or_default().iter().map(events).sum();
        let keep_from = match recent <= self.max_kept_events {
            true => last_two,
            false => self.steps.len().saturating_sub(1),
        };
        for at in 0..keep_from {
            if let Some(rows) = self.steps.get_mut(at).and_then(|step| step.last_word_rows.take()) {
                self.spare(rows);
            }
        }
    }

    /// Keeps a dropped step's buffers for reuse, up to the limits.
    fn spare_step(&mut self, mut step: Step) {
        if let Some(rows) = step.last_word_rows.take() {
            self.spare(rows);
        }
        if self.spare_steps.len() < 2 {
            self.spare_steps.push(step);
        }
    }

    /// Keeps `rows`' buffers for reuse, up to the limit.
    fn spare(&mut self, rows: Vec<KeptRows>) {
        let room = max_spare_rows().saturating_sub(self.spare_rows.len());
        self.spare_rows.extend(rows.into_iter().take(room));
    }
}

/// Whether `parsed`'s fuzzy words differ from `previous`'s only in a last word that starts with
/// its last word, and the filter clauses are the same.
fn extends_last_word(previous: &Step, parsed: &Query) -> bool {
    if previous.parsed.filters != parsed.filters {
        return false;
    }
    match (parsed.words.split_last(), previous.parsed.words.split_last()) {
        (Some((last, kept)), Some((previous_last, previous_kept))) => {
            kept == previous_kept && last.text.starts_with(previous_last.text.as_str())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Publication;

    /// Types `typed` into a searcher keeping at most `max_kept_events` row events over all steps,
    /// checking every result against a fresh search; returns, per query, whether its step had
    /// rows to extend when it became the latest.
    fn type_with_row_budget(typed: &[&str], max_kept_events: usize) -> Vec<bool> {
        // Enough titles for the scan to split across threads, so kept rows come in parts.
        let publications: Vec<Publication> =
            crate::synthetic::library(10_000, 5).pages.into_iter().flat_map(|page| page.publications).collect();
        let index = Arc::new(Index::new(&publications));
        let within: Vec<u32> = (0..publications.len() as u32).collect();
        let mut searcher = Searcher::new(Arc::clone(&index));
        searcher.max_kept_events = max_kept_events;
        let mut has_rows = Vec::new();
        for query in typed {
            let expected = index.search(query, Scope::Titles, &within);
            assert_eq!(searcher.search(query, Scope::Titles, &within), expected.as_slice(), "{query:?}");
            let rows = searcher.steps.last().and_then(|step| step.last_word_rows.as_ref());
            has_rows.push(rows.is_some_and(|rows| !rows.is_empty()));
            let kept: usize = searcher
                .steps
                .iter()
                .filter_map(|step| step.last_word_rows.as_ref())
                .flat_map(|rows| rows.iter().map(KeptRows::events))
                .sum();
            let latest: usize = rows.map_or(0, |rows| rows.iter().map(KeptRows::events).sum());
            assert!(kept <= max_kept_events.max(latest), "{query:?} keeps {kept} row events");
            let older = searcher.steps.iter().rev().skip(2);
            assert!(
                older.into_iter().all(|step| step.last_word_rows.is_none()),
                "{query:?}: older steps hand rows back"
            );
        }
        has_rows
    }

    #[test]
    fn typing_on_all_cores_from_kept_rows_gives_the_fresh_results() {
        // With room, the step before the latest keeps its rows too, so a char typed after one
        // Backspace ("lenal d" again, then "lenal dar") extends rows as well.
        assert_eq!(type_with_row_budget(&TYPED, MAX_KEPT_EVENTS), vec![true; TYPED.len()]);
        // Two Backspaces go back to a step that handed its rows back.
        assert_eq!(
            type_with_row_budget(&["l", "le", "len", "le", "l"], MAX_KEPT_EVENTS),
            [true, true, true, true, false]
        );
    }

    const TYPED: [&str; 11] =
        ["l", "le", "len", "lena", "lenal", "lenal ", "lenal d", "lenal da", "lenal d", "lenal dar", "Lenal"];

    #[test]
    fn earlier_steps_give_up_their_rows_beyond_the_budget_and_results_stay_the_same() {
        // Room for one step's rows: only the latest keeps them, and Backspace returns to a step
        // without (its next char scores the word afresh).
        let has_rows = type_with_row_budget(&TYPED, 1);
        let backspaced: Vec<bool> =
            TYPED.iter().enumerate().map(|(at, query)| at > 0 && TYPED[at - 1].starts_with(query)).collect();
        let expected: Vec<bool> = backspaced.iter().map(|&backspaced| !backspaced).collect();
        assert_eq!(has_rows, expected);
    }

    #[test]
    fn a_word_scored_afresh_takes_the_smallest_spare_buffers_and_an_extended_one_the_largest() {
        let publications: Vec<Publication> =
            crate::synthetic::library(10_000, 5).pages.into_iter().flat_map(|page| page.publications).collect();
        let index = Arc::new(Index::new(&publications));
        let within: Vec<u32> = (0..publications.len() as u32).collect();
        let mut searcher = Searcher::new(index);
        // Room for the latest step's rows only, as on a library large enough to need every buffer:
        // each keystroke then hands the previous rows back for reuse.
        searcher.max_kept_events = 1;
        let capacities = |searcher: &Searcher| -> (Vec<usize>, Vec<usize>) {
            let rows = searcher.steps.last().and_then(|step| step.last_word_rows.as_ref());
            (
                rows.map(|rows| rows.iter().map(KeptRows::capacity).collect()).unwrap_or_default(),
                searcher.spare_rows.iter().map(KeptRows::capacity).collect(),
            )
        };
        // A first round maps buffers of both sizes; the second must find fitting ones.
        for query in ["l", "le", "", "l"] {
            searcher.search(query, Scope::Titles, &within);
        }
        let (taken, spare) = capacities(&searcher);
        assert!(!taken.is_empty() && !spare.is_empty());
        assert!(taken.iter().max() <= spare.iter().min(), "fresh took {taken:?}, left {spare:?}");
        searcher.search("le", Scope::Titles, &within);
        let (taken, spare) = capacities(&searcher);
        assert!(!taken.is_empty() && !spare.is_empty());
        assert!(taken.iter().min() >= spare.iter().max(), "extending took {taken:?}, left {spare:?}");
    }

    #[test]
    fn forgetting_old_steps_changes_no_result() {
        let publications: Vec<Publication> =
            crate::synthetic::library(300, 9).pages.into_iter().flat_map(|page| page.publications).collect();
        let index = Arc::new(Index::new(&publications));
        let within: Vec<u32> = (0..300).collect();
        let mut searcher = Searcher::new(Arc::clone(&index));
        // Room for about one step's matches: typing evicts, and Backspace must search afresh.
        searcher.max_kept_matches = 400;
        let typed =
            ["l", "le", "len", "lena", "len", "le", "l", "", "d", "da", "dar", "dara", "dara ", "dara l", "dara", "d"];
        for query in typed {
            let expected = index.search(query, Scope::Titles, &within);
            assert_eq!(searcher.search(query, Scope::Titles, &within), expected.as_slice(), "{query:?}");
            let kept: usize = searcher.steps.iter().map(|step| step.matched_ids.len()).sum();
            assert!(searcher.steps.len() == 1 || kept <= 400, "{query:?} keeps {kept}");
        }
    }
}
