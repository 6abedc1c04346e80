//! The clauses that are not plain fuzzy words (exact, prefix, suffix, negated terms, `|`),
//! checked on the folded texts the index holds, and scored as fzf scores them.

use super::super::Scope;
use super::super::exact::best_occurrence;
use super::super::fold::Case;
use super::super::query::{Kind, Query, Term, is_subsequence};
use super::super::skim::Scorer;
use super::{Column, Index};

impl Index {
    /// What `query`'s filter clauses add to the score of `id`, or `None` when one rules it out.
    pub(super) fn filters_score(&self, scorer: &mut Scorer, query: &Query, scope: Scope, id: usize) -> Option<i64> {
        query.filters.iter().map(|clause| self.clause_score(scorer, clause, query.case, scope, id)).sum()
    }

    /// As fzf scores a clause: the first of its terms found scores it; failing that, a negated
    /// term whose word is absent lets it match with 0.
    fn clause_score(&self, scorer: &mut Scorer, clause: &[Term], case: Case, scope: Scope, id: usize) -> Option<i64> {
        let mut holds = false;
        for term in clause {
            if term.negated {
                holds |= !self.columns(scope).any(|column| found(scorer, column, id, term, case).is_some());
            } else if let Some(score) =
                self.columns(scope).filter_map(|column| found(scorer, column, id, term, case)).max()
            {
                return Some(score);
            }
        }
        holds.then_some(0)
    }
}

/// The score of `term`'s word (negation aside) in one text of `id`, when it is there.
fn found(scorer: &mut Scorer, column: &Column, id: usize, term: &Term, case: Case) -> Option<i64> {
    if column.lacks(id, term.word.groups) {
        return None;
    }
    match term.kind {
        // Whether it occurs is all a negation needs, and the order of its bytes says that.
        Kind::Fuzzy if term.negated => {
            is_subsequence(column.text(id, case).as_bytes(), term.word.text.as_bytes(), case).then_some(0)
        }
        Kind::Fuzzy => scorer.score(column.scored_text(id, case), &term.word.chars, case == Case::Sensitive),
        kind => best_occurrence(column.text(id, case), &term.word, kind, case).map(|(score, _)| score),
    }
}
