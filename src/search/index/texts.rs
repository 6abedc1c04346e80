//! A candidate's texts as the index keeps them, for the scoring in `candidate`.

use super::super::Scope;
use super::super::candidate::CandidateTexts;
use super::super::fold::Case;
use super::super::skim::Text;
use super::{Column, Index};

/// The texts of one id in the columns a scope searches, in the case of a query.
pub(crate) struct IndexedTexts<'a> {
    /// The columns in scope, `count` of them.
    columns: [Option<&'a Column>; 4],
    count: usize,
    id: usize,
    case: Case,
}

impl Index {
    /// The texts of `id` that `scope` searches, as a query in `case` reads them.
    pub(crate) fn texts_of(&self, scope: Scope, id: usize, case: Case) -> IndexedTexts<'_> {
        let mut columns = [None; 4];
        let mut count = 0;
        for (slot, column) in columns.iter_mut().zip(self.columns(scope)) {
            *slot = Some(column);
            count += 1;
        }
        IndexedTexts { columns, count, id, case }
    }
}

impl CandidateTexts for IndexedTexts<'_> {
    fn count(&self) -> usize {
        self.count
    }

    fn text(&self, n: usize) -> &str {
        self.columns[n].map_or("", |column| column.text(self.id, self.case))
    }

    fn scored_text(&self, n: usize) -> Text<'_> {
        self.columns[n].map_or(Text::from(""), |column| column.scored_text(self.id, self.case))
    }

    fn lacks(&self, n: usize, groups: u32) -> bool {
        self.columns[n].is_some_and(|column| column.lacks(self.id, groups))
    }
}
