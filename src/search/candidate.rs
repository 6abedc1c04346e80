//! How one publication's texts answer a query: which clauses hold and what they score. The index's scan and the
//! one-pass search ([`super::search_once`]) both score through here, each reading the texts where it keeps them,
//! so the two give the same hits and scores by construction.

use std::borrow::Cow;

use super::exact::best_occurrence;
use super::fold::Case;
use super::query::{Kind, Query, Term, Word, is_subsequence};
use super::skim::{Earlier, KeptRows, Scorer, Text};
use crate::model::{AbstractSection, PaperFields, Publication};

/// The texts in scope of one candidate (title; authors and journal; abstract; note; as the scope has them),
/// folded in the case of the query being scored.
pub(crate) trait CandidateTexts {
    /// How many texts: one per text kind in scope.
    fn count(&self) -> usize;
    /// Text `n`, folded.
    fn text(&self, n: usize) -> &str;
    /// Text `n` as the scorer takes it.
    fn scored_text(&self, n: usize) -> Text<'_>;
    /// Whether text `n` surely lacks one of a word's letter and digit `groups` (`false` when unknown): then the
    /// word cannot match it.
    fn lacks(&self, n: usize, groups: u32) -> bool;
}

/// A publication's authors and journal as one text, appended to `out`.
pub(crate) fn push_meta_text(publication: &impl PaperFields, out: &mut String) {
    for (n, author) in publication.authors().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        out.push_str(author);
    }
    out.push_str(" · ");
    out.push_str(publication.journal());
}

/// A publication's abstract as one text: its sections, a line each.
pub(crate) fn abstract_text(publication: &Publication) -> Cow<'_, str> {
    sections_text(&publication.abstract_sections)
}

/// Abstract sections as the one text search reads: a line each.
pub fn sections_text(sections: &[AbstractSection]) -> Cow<'_, str> {
    match sections {
        [] => "".into(),
        [only] => only.text.as_str().into(),
        sections => sections.iter().map(|section| section.text.as_str()).collect::<Vec<_>>().join("\n").into(),
    }
}

/// A publication's note as a text ("" without one).
pub(crate) fn note_text(publication: &Publication) -> &str {
    publication.note.as_deref().unwrap_or("")
}

/// Where the rows for one candidate's last word come from and go to.
pub(crate) enum RowsAt<'a> {
    Score,
    Keep(&'a mut KeptRows),
    Extend { previous: &'a KeptRows, at: usize, kept: &'a mut KeptRows },
}

/// Every word must match some text; a word scores its best text, the query the sum with the filter clauses'
/// scores. Returns the sum, the sum without the last word, and what the filters added.
pub(crate) fn score(
    scorer: &mut Scorer,
    query: &Query,
    texts: &impl CandidateTexts,
    rows: &mut RowsAt<'_>,
) -> Option<(i64, i64, i64)> {
    // Every word is checked cheaply before any is scored: most rejected texts lack a later word.
    let fits = |word: &Word| {
        (0..texts.count()).any(|n| is_subsequence(texts.text(n).as_bytes(), word.text.as_bytes(), query.case))
    };
    // With one word the scorer's own check is the same scan, so it is not done twice.
    if query.words.len() > 1 && !query.words.iter().all(fits) {
        return None;
    }
    let filtered = match query.filters.is_empty() {
        true => 0,
        false => filters_score(scorer, query, texts)?,
    };
    // An empty query matches everything with score 0.
    let Some((last, others)) = query.words.split_last() else { return Some((filtered, filtered, filtered)) };
    let mut without_last_word = filtered;
    for word in others {
        without_last_word += word_score(scorer, query, texts, word, &mut RowsAt::Score)?;
    }
    Some((without_last_word + word_score(scorer, query, texts, last, rows)?, without_last_word, filtered))
}

/// The best score of one word over the texts, keeping or reusing its rows as `rows` says.
pub(crate) fn word_score(
    scorer: &mut Scorer,
    query: &Query,
    texts: &impl CandidateTexts,
    word: &Word,
    rows: &mut RowsAt<'_>,
) -> Option<i64> {
    let case_sensitive = query.case == Case::Sensitive;
    // Every text keeps its rows, or its lack of a match, so that kept rows line up with texts.
    (0..texts.count())
        .filter_map(|n| {
            if texts.lacks(n, word.groups) {
                if let RowsAt::Keep(kept) | RowsAt::Extend { kept, .. } = rows {
                    kept.push_no_match();
                }
                return None;
            }
            let text = texts.scored_text(n);
            match rows {
                RowsAt::Score => scorer.score(text, &word.chars, case_sensitive),
                RowsAt::Keep(kept) => scorer.score_keeping(text, &word.chars, case_sensitive, kept),
                RowsAt::Extend { previous, at, kept } => scorer.extend_keeping(
                    text,
                    &word.chars,
                    case_sensitive,
                    Earlier { rows: previous, at: *at + n },
                    kept,
                ),
            }
        })
        .max()
}

/// What `query`'s filter clauses (exact, prefix, suffix, negated terms, `|`) add to the score, or `None` when
/// one rules the candidate out.
pub(crate) fn filters_score(scorer: &mut Scorer, query: &Query, texts: &impl CandidateTexts) -> Option<i64> {
    query.filters.iter().map(|clause| clause_score(scorer, clause, query.case, texts)).sum()
}

/// As fzf scores a clause: the first of its terms found scores it; failing that, a negated term whose word is
/// absent lets it match with 0.
fn clause_score(scorer: &mut Scorer, clause: &[Term], case: Case, texts: &impl CandidateTexts) -> Option<i64> {
    let mut holds = false;
    for term in clause {
        if term.negated {
            holds |= !(0..texts.count()).any(|n| found(scorer, texts, n, term, case).is_some());
        } else if let Some(score) = (0..texts.count()).filter_map(|n| found(scorer, texts, n, term, case)).max() {
            return Some(score);
        }
    }
    holds.then_some(0)
}

/// The score of `term`'s word (negation aside) in text `n`, when it is there.
fn found(scorer: &mut Scorer, texts: &impl CandidateTexts, n: usize, term: &Term, case: Case) -> Option<i64> {
    if texts.lacks(n, term.word.groups) {
        return None;
    }
    match term.kind {
        // Whether it occurs is all a negation needs, and the order of its bytes says that.
        Kind::Fuzzy if term.negated => {
            is_subsequence(texts.text(n).as_bytes(), term.word.text.as_bytes(), case).then_some(0)
        }
        Kind::Fuzzy => scorer.score(texts.scored_text(n), &term.word.chars, case == Case::Sensitive),
        kind => best_occurrence(texts.text(n), &term.word, kind, case).map(|(score, _)| score),
    }
}
