//! The abstracts' column, built apart from the rest of an index and only when a search of everything first needs
//! it: it is about as big as all abstracts together, and folding it is most of an index's work.

use std::borrow::Cow;
use std::sync::Arc;

use super::super::candidate::abstract_text;
use super::Column;
use crate::model::Publication;

/// Fewest abstracts a thread folds: below this, starting a thread costs more than it saves.
const MIN_PART: usize = 4096;

/// Each paper's abstract as one text (see [`super::super::sections_text`]), by id from 0: publications holding
/// theirs, or a library reading some from elsewhere. Read from the threads that fold them.
pub trait AbstractTexts: Sync {
    /// How many papers.
    fn count(&self) -> usize;
    /// The abstract of paper `id` as one text.
    fn text(&self, id: usize) -> Cow<'_, str>;
}

impl AbstractTexts for [Publication] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, id: usize) -> Cow<'_, str> {
        abstract_text(&self[id])
    }
}

/// The folded abstracts of a run of publications, ids from 0; share it with [`super::Index::with_abstracts`].
#[derive(Clone)]
pub struct Abstracts(pub(super) Arc<Column>);

impl Abstracts {
    /// The abstracts of `publications`, folded on every core. `known`, built earlier for the publications the
    /// library had then (ids only ever get appended), is taken over instead of folded again: a publication's
    /// abstract never changes once it has one (a source added later only fills in a missing one), so only those
    /// `known` has empty are looked at again, and when any of them got an abstract the whole column is built anew.
    pub fn build(publications: &[Publication], known: Option<&Abstracts>) -> Abstracts {
        Abstracts::build_from(publications, known)
    }

    /// [`Abstracts::build`], of the abstracts `papers` reads.
    pub fn build_from(papers: &(impl AbstractTexts + ?Sized), known: Option<&Abstracts>) -> Abstracts {
        let known = known.filter(|known| known.len() <= papers.count() && !filled_in(known, papers));
        let column = match known {
            Some(known) => {
                let mut column = Column::clone(&known.0);
                column.append(fold_in_parts(papers, known.len()));
                column
            }
            None => fold_in_parts(papers, 0),
        };
        Abstracts(Arc::new(column))
    }

    /// How many publications these are the abstracts of.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether both are the same column (not merely equal texts): how the app tells one build from another.
    pub fn same(&self, other: &Abstracts) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// Whether a publication `known` had no abstract for has one now.
fn filled_in(known: &Abstracts, papers: &(impl AbstractTexts + ?Sized)) -> bool {
    (0..known.len()).any(|id| known.0.is_empty_text(id) && !papers.text(id).is_empty())
}

/// The column of the abstracts of `papers` from id `first` on: consecutive parts folded side by side, then put
/// end to end.
fn fold_in_parts(papers: &(impl AbstractTexts + ?Sized), first: usize) -> Column {
    // The ids are split as items are; a list of `()` takes no memory.
    let ids = vec![(); papers.count().saturating_sub(first)];
    let fold = |start: usize, part: &[()]| {
        Column::build((first + start..first + start + part.len()).map(|id| papers.text(id)))
    };
    let mut parts = crate::parallel::map_chunks(&ids, MIN_PART, fold).into_iter();
    let mut column = parts.next().unwrap_or_else(|| Column::build(std::iter::empty()));
    for part in parts {
        column.append(part);
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AbstractSection;
    use crate::search::{Index, Scope};

    fn publications(count: usize, seed: u64) -> Vec<Publication> {
        crate::synthetic::library(count, seed).pages.into_iter().flat_map(|page| page.publications).collect()
    }

    #[test]
    fn columns_put_end_to_end_are_the_column_built_in_one_go() {
        let texts = ["Lenalidomide", "", "Κappa chain in Müller's", &"long ascii text ".repeat(20), "ΣΟΦΙΑ", "plain"];
        for split in 0..=texts.len() {
            let (first, second) = texts.split_at(split);
            let mut column = Column::build(first.iter().map(|&text| text.into()));
            column.append(Column::build(second.iter().map(|&text| text.into())));
            assert_eq!(column, Column::build(texts.iter().map(|&text| text.into())), "split at {split}");
        }
    }

    #[test]
    fn abstracts_folded_in_parts_or_grown_are_the_abstracts_folded_at_once() {
        // More than one part's worth, so that several threads fold.
        let publications = publications(3 * MIN_PART, 7);
        let at_once = Column::build(publications.iter().map(abstract_text));
        let built = Abstracts::build(&publications, None);
        assert_eq!(*built.0, at_once);
        let earlier = Abstracts::build(&publications[..MIN_PART + 5], None);
        let grown = Abstracts::build(&publications, Some(&earlier));
        assert_eq!(*grown.0, at_once, "grown from the abstracts of fewer publications");
        assert_eq!(grown.len(), publications.len());
        assert!(Abstracts::build(&[], None).is_empty());
    }

    #[test]
    fn an_abstract_filled_in_since_is_folded_again() {
        let mut publications = publications(50, 3);
        publications[4].abstract_sections.clear();
        let earlier = Abstracts::build(&publications, None);
        assert_eq!(earlier.0.text(4, crate::search::Case::Insensitive), "");
        publications[4].abstract_sections =
            vec![AbstractSection { text: "Cereblon binding".into(), ..Default::default() }];
        let grown = Abstracts::build(&publications, Some(&earlier));
        assert_eq!(*grown.0, *Abstracts::build(&publications, None).0);
        assert_eq!(grown.0.text(4, crate::search::Case::Insensitive), "Cereblon binding");
    }

    #[test]
    fn an_index_given_its_abstracts_later_searches_as_the_eager_index() {
        let publications = publications(2_000, 5);
        let eager = Index::new(&publications);
        let lazy = Index::without_abstracts(&publications);
        assert!(eager.covers(Scope::Everything) && !lazy.covers(Scope::Everything));
        assert!(lazy.covers(Scope::TitlesAuthorsJournal));
        let lazy = lazy.with_abstracts(Abstracts::build(&publications, None));
        assert!(lazy.covers(Scope::Everything));
        let all: Vec<u32> = (0..publications.len() as u32).collect();
        for query in
            ["l", "lenal", "Lenal", "dara len", "myelomaj", "kumar blood", "'maintenance !phase", "cereb | ixaz"]
        {
            for scope in [Scope::Titles, Scope::TitlesAuthorsJournal, Scope::Everything] {
                assert_eq!(lazy.search(query, scope, &all), eager.search(query, scope, &all), "{query} in {scope:?}");
            }
        }
        let fewer = Abstracts::build(&publications[..10], None);
        assert!(!Index::without_abstracts(&publications).with_abstracts(fewer).covers(Scope::Everything));
    }
}
