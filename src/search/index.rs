//! The searchable text of every publication, folded once; the scan over it is in `matching`. The abstracts are
//! folded apart (`abstracts`), when a search of everything first needs them.

use std::sync::Arc;
use std::thread;

use super::candidate::{note_text, push_meta_text};
use super::query::Query;
use super::{Hit, Scope};
use crate::model::Publication;

mod abstracts;
mod bounds;
mod column;
mod known;
mod matching;
mod texts;

pub use abstracts::{AbstractTexts, Abstracts};
use column::Column;

pub(crate) use known::Known;
pub(crate) use matching::{LastWord, MAX_KEPT_EVENTS, PARALLEL_MIN_CANDIDATES};

/// The searchable text of every publication, prepared once; share it across threads in an `Arc`.
pub struct Index {
    titles: Arc<Column>,
    /// Authors and journal, as one text per publication.
    meta: Arc<Column>,
    /// Only [`Scope::Everything`] reads them: until a search of it needs them, an index may go without
    /// ([`Index::covers`]).
    abstracts: Option<Abstracts>,
    /// The user's notes: the one column that changes while the reader runs, so it alone is built again.
    notes: Column,
}

impl Index {
    /// The whole index, abstracts included.
    pub fn new(publications: &[Publication]) -> Index {
        // The abstracts are most of the work: they are folded beside the rest.
        thread::scope(|scope| {
            let abstracts = scope.spawn(|| Abstracts::build(publications, None));
            let index = Index::without_abstracts(publications);
            index.with_abstracts(crate::parallel::joined(abstracts))
        })
    }

    /// The index without the abstracts, which only a search of everything needs: most of [`Index::new`]'s work
    /// left for [`Abstracts::build`] and [`Index::with_abstracts`] to do when that search comes, if ever.
    pub fn without_abstracts(publications: &[Publication]) -> Index {
        let (titles, meta) = titles_and_meta(publications);
        Index { titles: Arc::new(titles), meta: Arc::new(meta), abstracts: None, notes: notes_column(publications) }
    }

    /// The index of `publications` without the abstracts, as [`Index::without_abstracts`] builds it, made from this
    /// index of the first of them by folding only those that came since: what an update's batch costs. The
    /// publications this index has must still have their titles, authors, journals and notes (a catalog only
    /// appends, and a second source fills in identifiers and abstracts alone); an index of more publications than
    /// `publications` is built anew.
    pub fn grown(&self, publications: &[Publication]) -> Index {
        let Some(arrived) = publications.get(self.len()..) else {
            return Index::without_abstracts(publications);
        };
        let (titles, meta) = titles_and_meta(arrived);
        // The old columns are copied, not shared: the reader searches this index until it takes in the grown one.
        let grow = |column: &Column, arrived: Column| {
            let mut grown = column.clone();
            grown.append(arrived);
            grown
        };
        Index {
            titles: Arc::new(grow(&self.titles, titles)),
            meta: Arc::new(grow(&self.meta, meta)),
            abstracts: None,
            notes: grow(&self.notes, notes_column(arrived)),
        }
    }

    /// This index with `abstracts` (of the same publications), the rest shared, not folded again. Abstracts of
    /// another number of publications are not taken: they would answer for the wrong papers.
    pub fn with_abstracts(&self, abstracts: Abstracts) -> Index {
        Index {
            titles: Arc::clone(&self.titles),
            meta: Arc::clone(&self.meta),
            abstracts: (abstracts.len() == self.len()).then_some(abstracts).or_else(|| self.abstracts.clone()),
            notes: self.notes.clone(),
        }
    }

    /// The abstracts this index holds, if it holds them.
    pub fn abstracts(&self) -> Option<&Abstracts> {
        self.abstracts.as_ref()
    }

    /// Whether this index holds every text `scope` searches: without its abstracts, a search of everything would
    /// miss what only they hold.
    pub fn covers(&self, scope: Scope) -> bool {
        scope != Scope::Everything || self.abstracts.is_some()
    }

    /// This index with the notes of `publications` (the same publications, notes changed): the other texts are
    /// shared, not folded again, so taking in an edited note costs only the notes.
    pub fn with_notes(&self, publications: &[Publication]) -> Index {
        Index {
            titles: Arc::clone(&self.titles),
            meta: Arc::clone(&self.meta),
            abstracts: self.abstracts.clone(),
            notes: notes_column(publications),
        }
    }

    /// An index of no publications, standing in until the real one is built.
    pub fn empty() -> Index {
        Index::of_titles(std::iter::empty())
    }

    /// An index of titles alone, for a search of [`Scope::Titles`] only (`lenaview search`, `export --query`):
    /// a fraction of the work of [`Index::new`]. Wider scopes find nothing in it.
    pub fn of_titles<'a>(titles: impl Iterator<Item = &'a str>) -> Index {
        Index {
            titles: Arc::new(Column::build(titles.map(Into::into))),
            meta: Arc::new(Column::build(std::iter::empty())),
            abstracts: None,
            notes: Column::build_few(std::iter::empty()),
        }
    }

    /// How many publications the index was built from.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Matches of `query` among `within` (ids), best first; equal scores keep the order of `within`.
    /// An empty query returns all of `within` with score 0; ids outside the index are skipped.
    pub fn search(&self, query: &str, scope: Scope, within: &[u32]) -> Vec<Hit> {
        rank(self.matches(&Query::parse(query), scope, within))
    }

    /// The ids of `candidates` that match, with their scores, in the order of `candidates`.
    pub(crate) fn matches(&self, query: &Query, scope: Scope, candidates: &[u32]) -> Vec<Hit> {
        self.matches_split(query, scope, candidates, Known::Nothing, LastWord::Score, Vec::new()).hits
    }

    /// The texts a scope searches; each scope adds to the one before.
    fn columns(&self, scope: Scope) -> impl Iterator<Item = &Column> {
        let count = scope.texts_searched();
        // An index without its abstracts searches everything else (see `covers`).
        let abstracts = self.abstracts.as_ref().map(|abstracts| &*abstracts.0);
        [Some(&*self.titles), Some(&*self.meta), abstracts, Some(&self.notes)].into_iter().take(count).flatten()
    }
}

/// The titles' column and the authors' and journal's, folded side by side: they are independent.
fn titles_and_meta(publications: &[Publication]) -> (Column, Column) {
    thread::scope(|scope| {
        let meta = scope.spawn(|| {
            Column::build(publications.iter().map(|p| {
                let mut text = String::new();
                push_meta_text(p, &mut text);
                text.into()
            }))
        });
        let titles = Column::build(publications.iter().map(|p| p.title.as_str().into()));
        (titles, crate::parallel::joined(meta))
    })
}

/// Few papers have a note: their column keeps only those that do.
fn notes_column(publications: &[Publication]) -> Column {
    Column::build_few(publications.iter().map(|p| note_text(p).into()))
}

/// Best first; equal scores keep their order in `matches`.
pub(crate) fn rank(matches: Vec<Hit>) -> Vec<Hit> {
    rank_into(&matches, Vec::new())
}

/// [`rank`] into `ranked`'s buffer (its contents are replaced): reusing one saves mapping fresh
/// memory for every keystroke's hundreds of thousands of hits.
pub(crate) fn rank_into(matches: &[Hit], mut ranked: Vec<Hit>) -> Vec<Hit> {
    ranked.clear();
    // One pass for both ends: this runs on hundreds of thousands of hits per keystroke.
    let Some((low, high)) = matches.iter().fold(None, |range: Option<(i64, i64)>, hit| {
        Some(range.map_or((hit.score, hit.score), |(low, high)| (low.min(hit.score), high.max(hit.score))))
    }) else {
        return ranked;
    };
    // Skim scores span a few hundred values, so a counting sort (stable, linear) beats a
    // comparison sort by far on the hundreds of thousands of hits a one-letter query gives.
    let span = usize::try_from(high.abs_diff(low)).unwrap_or(usize::MAX);
    if span > matches.len().saturating_mul(4).max(1024) {
        ranked.extend_from_slice(matches);
        ranked.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        return ranked;
    }
    let bucket = |hit: &Hit| (high - hit.score) as usize;
    let mut starts = vec![0usize; span + 2];
    for hit in matches {
        starts[bucket(hit) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    ranked.resize(matches.len(), Hit { id: 0, score: 0 });
    for hit in matches {
        let slot = &mut starts[bucket(hit)];
        ranked[*slot] = *hit;
        *slot += 1;
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(id: u32, score: i64) -> Hit {
        Hit { id, score }
    }

    #[test]
    fn rank_is_a_stable_descending_sort() {
        let hits = vec![hit(0, 5), hit(1, 9), hit(2, 5), hit(3, -2), hit(4, 9)];
        assert_eq!(rank(hits), vec![hit(1, 9), hit(4, 9), hit(0, 5), hit(2, 5), hit(3, -2)]);
        // A huge spread takes the comparison-sort path, with the same contract.
        let hits = vec![hit(0, i64::MIN), hit(1, i64::MAX), hit(2, 0), hit(3, i64::MAX)];
        assert_eq!(rank(hits), vec![hit(1, i64::MAX), hit(3, i64::MAX), hit(2, 0), hit(0, i64::MIN)]);
        assert!(rank(Vec::new()).is_empty());
    }

    #[test]
    fn an_index_of_titles_finds_what_the_whole_index_finds_in_titles() {
        let publications: Vec<Publication> =
            crate::synthetic::library(2_000, 5).pages.into_iter().flat_map(|page| page.publications).collect();
        let whole = Index::new(&publications);
        let titles = Index::of_titles(publications.iter().map(|publication| publication.title.as_str()));
        let all: Vec<u32> = (0..publications.len() as u32).collect();
        for query in ["l", "lenal", "Lenal", "dara len", "myelomaj", "müller"] {
            assert_eq!(titles.search(query, Scope::Titles, &all), whole.search(query, Scope::Titles, &all), "{query}");
        }
        assert_eq!(titles.len(), publications.len());
        assert!(Index::empty().is_empty());
    }

    #[test]
    fn everything_covers_the_notes_and_an_edited_note_is_taken_in() {
        let paper = |title: &str, note: Option<&str>| Publication {
            title: title.into(),
            note: note.map(Into::into),
            ..Publication::default()
        };
        let mut publications = vec![paper("Lenalidomide", None), paper("Bortezomib", Some("ask about cereblon"))];
        let index = Index::new(&publications);
        let ids = |index: &Index, query: &str, scope: Scope| -> Vec<u32> {
            index.search(query, scope, &[0, 1]).into_iter().map(|hit| hit.id).collect()
        };
        assert_eq!(ids(&index, "'cereblon", Scope::Everything), [1]);
        assert_eq!(ids(&index, "cereblon", Scope::Everything), [1]);
        assert!(ids(&index, "cereblon", Scope::TitlesAuthorsJournal).is_empty());
        publications[0].note = Some("Cereblon again".into());
        publications[1].note = None;
        let edited = index.with_notes(&publications);
        assert_eq!(ids(&edited, "'cereblon", Scope::Everything), [0]);
        assert_eq!(ids(&edited, "lenalidomide", Scope::Titles), [0], "the other texts are still there");
    }

    #[test]
    fn an_index_grown_batch_by_batch_is_the_index_built_at_once() {
        let mut publications: Vec<Publication> =
            crate::synthetic::library(1_000, 8).pages.into_iter().flat_map(|page| page.publications).collect();
        publications[2].title = "Κappa chain".into();
        publications[700].title = "ΣΟΦΙΑ and Müller".into();
        publications[650].note = Some("Cereblon".into());
        let mut grown = Index::without_abstracts(&publications[..300]);
        for end in [300, 301, 650, 651, 1_000] {
            grown = grown.grown(&publications[..end]);
        }
        let whole = Index::without_abstracts(&publications);
        assert_eq!((&*grown.titles, &*grown.meta, &grown.notes), (&*whole.titles, &*whole.meta, &whole.notes));
        assert!(grown.abstracts().is_none());
        let longer = Index::without_abstracts(&publications);
        assert_eq!(*longer.grown(&publications[..10]).titles, *Index::without_abstracts(&publications[..10]).titles);
    }
}
