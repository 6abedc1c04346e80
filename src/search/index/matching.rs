//! The scan: which candidates match a query and how well, on all cores, optionally keeping the
//! last word's score rows so that the next keystroke, which usually adds a char to that word,
//! costs one score row per text instead of one per char of the word.

use std::sync::{Mutex, PoisonError};
use std::thread;

use super::super::candidate::{self, RowsAt};
use super::super::query::Query;
use super::super::skim::{KeptRows, Scorer};
use super::super::{Hit, Scope};
use super::{Index, Known};

/// Below this many candidates a scan stays on the calling thread: spawning costs more than it saves.
pub(crate) const PARALLEL_MIN_CANDIDATES: usize = 4096;

/// How many parts per core a parallel scan splits its candidates into.
const PARTS_PER_THREAD: usize = 4;

/// Most score-row events (6 bytes each) one scan keeps for the next keystroke: 144 MB. Two
/// letters of a common word over a million titles keep about 14 million; past the cap the rows
/// are dropped and the next keystroke scores its last word whole, as without them.
pub(crate) const MAX_KEPT_EVENTS: usize = 24_000_000;

/// What the scan does with the query's last word.
#[derive(Clone, Copy)]
pub(crate) enum LastWord<'a> {
    /// Scores it like every other word.
    Score,
    /// Scores it and keeps its rows ([`Matches::rows`]).
    Keep,
    /// It extends the word these rows were kept for, one per part of the candidates, in order:
    /// scores it from them and keeps its rows.
    Extend(&'a [KeptRows]),
}

/// Matching ids with their scores, and per hit the score of all words but the last.
#[derive(Debug, Default)]
pub(crate) struct Matches {
    pub hits: Vec<Hit>,
    pub without_last_word: Vec<i64>,
    /// Per hit, what the filter clauses added to its score; empty when the query has none.
    pub filtered: Vec<i64>,
    /// The last word's rows per hit and text in scope, in parts of consecutive hits, when kept.
    pub rows: Option<Vec<KeptRows>>,
}

/// One part of the candidates to scan, with what it needs: the known scores and kept rows that line
/// up with it, a buffer to keep its rows in, and how many row events it may keep.
struct Part<'a> {
    candidates: &'a [u32],
    known: Known<'a>,
    last_word: LastWord<'a>,
    recycled: Option<KeptRows>,
    kept_limit: usize,
}

impl Index {
    /// [`Index::matches`], also returning per hit the score of all words but the last, and taking
    /// those scores as `known` (one per candidate) when only the last word changed: then only the
    /// last word is matched and scored. `last_word` says whether its rows are kept or reused;
    /// kept rows are written into `recycled` buffers while there are some.
    pub(crate) fn matches_split(
        &self,
        query: &Query,
        scope: Scope,
        candidates: &[u32],
        known: Known<'_>,
        last_word: LastWord<'_>,
        mut recycled: Vec<KeptRows>,
    ) -> Matches {
        let known = match known.fits(candidates.len()) && !query.is_empty() {
            true => known,
            false => Known::Nothing,
        };
        let texts_per_candidate = self.columns(scope).count();
        // Rows that do not line up with the candidates are not used (they cannot, by construction).
        let last_word = match (last_word, known) {
            // With only the filters to check, the words are not scored, so no rows are kept.
            (_, Known::Words { .. }) => LastWord::Score,
            (LastWord::Extend(parts), _)
                if !matches!(known, Known::AllButLastWord { .. })
                    || parts.iter().map(KeptRows::len).sum::<usize>() != candidates.len() * texts_per_candidate =>
            {
                LastWord::Keep
            }
            (other, _) => other,
        };
        let threads = thread::available_parallelism().map_or(1, |n| n.get());
        if threads < 2 || candidates.len() < PARALLEL_MIN_CANDIDATES {
            return self.matches_on_this_thread(query, scope, candidates, known, last_word, recycled.pop());
        }
        // Parts of the candidates, each scanned into its part of the result: the previous scan's parts
        // when extending (each brings its rows, so no rows are copied), else even parts.
        let lengths: Vec<(usize, LastWord<'_>)> = match last_word {
            LastWord::Extend(parts) => parts
                .iter()
                .map(|part| (part.len() / texts_per_candidate.max(1), LastWord::Extend(std::slice::from_ref(part))))
                .collect(),
            other => {
                let chunk = candidates.len().div_ceil(Index::parts_for(candidates.len()));
                candidates.chunks(chunk).map(|part| (part.len(), other)).collect()
            }
        };
        let mut start = 0;
        let to_scan: Vec<Mutex<Option<Part<'_>>>> = lengths
            .into_iter()
            .map(|(len, last_word)| {
                let range = start..start + len;
                start += len;
                let kept_limit = MAX_KEPT_EVENTS.saturating_mul(len) / candidates.len().max(1);
                Mutex::new(Some(Part {
                    candidates: candidates.get(range.clone()).unwrap_or_default(),
                    known: known.part(range),
                    last_word,
                    recycled: recycled.pop(),
                    kept_limit,
                }))
            })
            .collect();
        let parts = crate::parallel::in_parts(to_scan.len(), threads, |at| {
            let part = to_scan[at].lock().unwrap_or_else(PoisonError::into_inner).take();
            part.map(|part| self.scan(query, scope, part)).unwrap_or_default()
        });
        let mut all = Matches {
            hits: Vec::with_capacity(parts.iter().map(|part| part.hits.len()).sum()),
            without_last_word: Vec::with_capacity(parts.iter().map(|part| part.without_last_word.len()).sum()),
            filtered: Vec::with_capacity(parts.iter().map(|part| part.filtered.len()).sum()),
            rows: Some(Vec::with_capacity(parts.len())),
        };
        for part in parts {
            all.hits.extend_from_slice(&part.hits);
            all.without_last_word.extend_from_slice(&part.without_last_word);
            all.filtered.extend_from_slice(&part.filtered);
            all.rows = match (all.rows, part.rows) {
                (Some(mut rows), Some(part)) => {
                    rows.extend(part);
                    Some(rows)
                }
                _ => None,
            };
        }
        all
    }

    /// How many parts a parallel scan of `candidates` splits them into: a few per core, so that
    /// cores finishing early take more, and never parts so short that handing them out costs more.
    pub(crate) fn parts_for(candidates: usize) -> usize {
        let threads = thread::available_parallelism().map_or(1, |n| n.get());
        if threads < 2 || candidates < PARALLEL_MIN_CANDIDATES {
            return 1;
        }
        (threads * PARTS_PER_THREAD).min(candidates.div_ceil(PARALLEL_MIN_CANDIDATES / 2))
    }

    /// The same as [`Index::matches_split`], without spawning: the reference the parallel scan is tested against.
    pub(crate) fn matches_on_this_thread(
        &self,
        query: &Query,
        scope: Scope,
        candidates: &[u32],
        known: Known<'_>,
        last_word: LastWord<'_>,
        recycled: Option<KeptRows>,
    ) -> Matches {
        self.scan(query, scope, Part { candidates, known, last_word, recycled, kept_limit: MAX_KEPT_EVENTS })
    }

    /// Scans one part of the candidates.
    fn scan(&self, query: &Query, scope: Scope, part: Part<'_>) -> Matches {
        let Part { candidates, known, last_word, recycled, kept_limit } = part;
        let mut scorer = Scorer::default();
        let texts_per_candidate = self.columns(scope).count();
        let previous_parts = match last_word {
            LastWord::Extend(parts) => parts,
            _ => &[],
        };
        let mut kept = match last_word {
            LastWord::Score => None,
            LastWord::Keep | LastWord::Extend(_) => Some(match recycled {
                Some(rows) => rows.recycle(kept_limit),
                None => KeptRows::with_limit(kept_limit),
            }),
        };
        // Which previous part, and where in it, the current candidate's rows are.
        let (mut part, mut in_part) = (0, 0);
        // Short queries match nearly all candidates, and growing by doubling would copy hundreds
        // of thousands of hits; pages never written are never really allocated, so room for
        // all costs nothing.
        let room = candidates.len();
        let filtered_room = if query.filters.is_empty() { 0 } else { room };
        let mut matches = Matches {
            hits: Vec::with_capacity(room),
            without_last_word: Vec::with_capacity(room),
            filtered: Vec::with_capacity(filtered_room),
            rows: None,
        };
        for (at, &id) in candidates.iter().enumerate() {
            let previous = loop {
                match previous_parts.get(part) {
                    Some(rows) if in_part * texts_per_candidate >= rows.len() => (part, in_part) = (part + 1, 0),
                    found => break found,
                }
            };
            let here = in_part;
            in_part += 1;
            if id as usize >= self.len() {
                continue;
            }
            let mark = kept.as_ref().map_or(0, KeptRows::len);
            let mut rows = match (kept.as_mut(), previous) {
                (Some(kept), Some(previous)) => RowsAt::Extend { previous, at: here * texts_per_candidate, kept },
                (Some(kept), None) => RowsAt::Keep(kept),
                (None, _) => RowsAt::Score,
            };
            let earlier = |scores: &[i64]| scores.get(at).copied().unwrap_or(0);
            let texts = self.texts_of(scope, id as usize, query.case);
            let scored = match (known, query.words.split_last()) {
                (Known::AllButLastWord { without_last_word, filtered }, Some((last, _))) => {
                    candidate::word_score(&mut scorer, query, &texts, last, &mut rows).map(|score| {
                        (earlier(without_last_word) + score, earlier(without_last_word), earlier(filtered))
                    })
                }
                (Known::Words { scores, without_last_word, filtered }, _) => {
                    // The words score as before: only what the filters add changes.
                    let before = earlier(filtered);
                    candidate::filters_score(&mut scorer, query, &texts)
                        .map(|now| (earlier(scores) - before + now, earlier(without_last_word) - before + now, now))
                }
                _ => candidate::score(&mut scorer, query, &texts, &mut rows),
            };
            match scored {
                Some((score, without_last_word, filtered)) => {
                    matches.hits.push(Hit { id, score });
                    matches.without_last_word.push(without_last_word);
                    if !query.filters.is_empty() {
                        matches.filtered.push(filtered);
                    }
                }
                None => {
                    if let Some(kept) = kept.as_mut() {
                        kept.truncate(mark);
                    }
                }
            }
            if kept.as_ref().is_some_and(KeptRows::is_full) {
                // Over the cap: the rest is scored without keeping, and nothing kept is used.
                kept = None;
            }
        }
        matches.rows = kept.map(|kept| vec![kept]);
        matches
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Publication;

    #[test]
    fn the_parallel_scan_finds_what_one_thread_finds() {
        let publications: Vec<Publication> = crate::synthetic::library(PARALLEL_MIN_CANDIDATES * 2, 3)
            .pages
            .into_iter()
            .flat_map(|p| p.publications)
            .collect();
        let index = Index::new(&publications);
        let within: Vec<u32> = (0..publications.len() as u32).rev().collect();
        for (query, scope) in [
            ("l", Scope::Titles),
            ("dara len", Scope::Titles),
            ("müller blood", Scope::TitlesAuthorsJournal),
            ("Median", Scope::Everything),
        ] {
            let query = Query::parse(query);
            for last_word in [LastWord::Score, LastWord::Keep] {
                let parallel = index.matches_split(&query, scope, &within, Known::Nothing, last_word, Vec::new());
                assert!(!parallel.hits.is_empty(), "{query:?} should match something");
                let sequential = index.matches_on_this_thread(&query, scope, &within, Known::Nothing, last_word, None);
                assert_eq!(
                    (&parallel.hits, &parallel.without_last_word),
                    (&sequential.hits, &sequential.without_last_word),
                    "{query:?}"
                );
                let known = vec![7; within.len()];
                let known = Known::AllButLastWord { without_last_word: &known, filtered: &[] };
                let parallel = index.matches_split(&query, scope, &within, known, last_word, Vec::new());
                let sequential = index.matches_on_this_thread(&query, scope, &within, known, last_word, None);
                assert_eq!(
                    (&parallel.hits, &parallel.without_last_word),
                    (&sequential.hits, &sequential.without_last_word),
                    "{query:?}"
                );
            }
        }
    }
}
