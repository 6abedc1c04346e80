//! Which publications the list shows and in what order: the topic's publications, narrowed by the
//! active filters, then either ranked by the search or put in the chosen sort order.

use std::cmp::Reverse;
use std::collections::HashSet;

use crate::marks::MarkStore;

use super::catalog::{Catalog, PubId};
use super::words::WordScores;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// As the source lists them (for a search: best match first).
    #[default]
    Source,
    Newest,
    Journal,
    FirstAuthor,
    Title,
    /// Highest score from the highlighted word lists first (see [`super::words::word_scores`]).
    Highlighted,
}

impl SortOrder {
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Source => SortOrder::Newest,
            SortOrder::Newest => SortOrder::Journal,
            SortOrder::Journal => SortOrder::FirstAuthor,
            SortOrder::FirstAuthor => SortOrder::Title,
            SortOrder::Title => SortOrder::Highlighted,
            SortOrder::Highlighted => SortOrder::Source,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Source => "page order",
            SortOrder::Newest => "newest first",
            SortOrder::Journal => "journal",
            SortOrder::FirstAuthor => "first author",
            SortOrder::Title => "title",
            SortOrder::Highlighted => "highlighted words",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    FreeFullText,
    Starred,
    Unread,
    /// What the latest update of followed topics brought.
    Arrived,
}

impl Filter {
    pub fn label(self) -> &'static str {
        match self {
            Filter::FreeFullText => "free full text",
            Filter::Starred => "starred",
            Filter::Unread => "unread",
            Filter::Arrived => "new from the last update",
        }
    }
}

/// The list's sort order and filters; filters combine (all must hold) and apply under a search too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    pub order: SortOrder,
    pub filters: Vec<Filter>,
    /// The publications the latest update of followed topics brought, for [`Filter::Arrived`].
    pub arrived: HashSet<PubId>,
    /// Each paper's score from the word lists, once counted, for [`SortOrder::Highlighted`].
    pub word_scores: Option<WordScores>,
}

impl Listing {
    pub fn toggle(&mut self, filter: Filter) {
        match self.filters.iter().position(|&active| active == filter) {
            Some(at) => {
                self.filters.remove(at);
            }
            None => self.filters.push(filter),
        }
    }

    pub fn is_active(&self, filter: Filter) -> bool {
        self.filters.contains(&filter)
    }

    /// The publications of `ids` that pass every active filter, in the same order.
    pub fn filter(&self, catalog: &Catalog, marks: &MarkStore, ids: impl IntoIterator<Item = PubId>) -> Vec<PubId> {
        if self.filters.is_empty() {
            return ids.into_iter().collect();
        }
        let passes = |id: PubId| {
            let mark = marks.get(catalog.key(id));
            self.filters.iter().all(|filter| match filter {
                Filter::FreeFullText => catalog.publication(id).free_full_text,
                Filter::Starred => mark.starred,
                Filter::Unread => !mark.read,
                Filter::Arrived => self.arrived.contains(&id),
            })
        };
        ids.into_iter().filter(|&id| passes(id)).collect()
    }

    /// Puts `ids` in the chosen order; stable, so equal entries keep the order they came in.
    pub fn sort(&self, catalog: &Catalog, ids: &mut [PubId]) {
        let publication = |id: &PubId| catalog.publication(*id);
        match self.order {
            SortOrder::Source => {}
            SortOrder::Newest => ids.sort_by_key(|id| Reverse(publication(id).year)),
            SortOrder::Journal => ids.sort_by_cached_key(|id| publication(id).journal.to_lowercase()),
            SortOrder::FirstAuthor => {
                ids.sort_by_cached_key(|id| publication(id).authors.first().map(|name| name.to_lowercase()))
            }
            SortOrder::Title => ids.sort_by_cached_key(|id| publication(id).title.to_lowercase()),
            // Until the scores are counted the order stays as it is; papers newer than the count score 0.
            SortOrder::Highlighted => {
                let scores = self.word_scores.as_ref().map(|counted| counted.scores.as_slice()).unwrap_or_default();
                ids.sort_by_key(|&id| Reverse(scores.get(id as usize).copied().unwrap_or(0)))
            }
        }
    }

    /// "newest first · free full text + starred", or `None` when nothing is active.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.order != SortOrder::Source {
            parts.push(self.order.label().to_string());
        }
        if !self.filters.is_empty() {
            parts.push(self.filters.iter().map(|filter| filter.label()).collect::<Vec<_>>().join(" + "));
        }
        if parts.is_empty() { None } else { Some(parts.join(" · ")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Library, Page, Publication};

    fn catalog() -> Catalog {
        let publication = |title: &str, journal: &str, year: i32, free: bool| Publication {
            title: title.into(),
            journal: journal.into(),
            year: Some(year),
            free_full_text: free,
            authors: vec![format!("{title} Author").into()],
            ..Publication::default()
        };
        Catalog::new(Library {
            pages: vec![Page {
                path: vec!["T".into()],
                publications: vec![
                    publication("Beta", "Blood", 2017, true),
                    publication("Alpha", "Leukemia", 2019, false),
                    publication("Gamma", "Amyloid", 2019, true),
                ],
                ..Page::default()
            }],
        })
    }

    #[test]
    fn sort_orders_are_stable() {
        let catalog = catalog();
        let mut listing = Listing::default();
        let sorted = |listing: &Listing| {
            let mut ids = vec![0, 1, 2];
            listing.sort(&catalog, &mut ids);
            ids
        };
        assert_eq!(sorted(&listing), [0, 1, 2]);
        listing.order = SortOrder::Newest;
        assert_eq!(sorted(&listing), [1, 2, 0]);
        listing.order = SortOrder::Journal;
        assert_eq!(sorted(&listing), [2, 0, 1]);
        listing.order = SortOrder::Title;
        assert_eq!(sorted(&listing), [1, 0, 2]);
        assert_eq!(listing.order.next().next(), SortOrder::Source);
    }

    #[test]
    fn highlighted_puts_the_highest_score_first_and_keeps_ties_in_order() {
        let catalog = catalog();
        let scores = std::sync::Arc::new(vec![-1, 2, 0]);
        let mut listing = Listing { order: SortOrder::Highlighted, ..Listing::default() };
        let mut ids = vec![0, 1, 2];
        listing.sort(&catalog, &mut ids);
        assert_eq!(ids, [0, 1, 2], "not counted yet: left as it is");
        listing.word_scores = Some(WordScores { generation: 0, scores });
        listing.sort(&catalog, &mut ids);
        assert_eq!(ids, [1, 2, 0]);
        let mut with_a_newer_paper = vec![3, 0, 2];
        listing.sort(&catalog, &mut with_a_newer_paper);
        assert_eq!(with_a_newer_paper, [3, 2, 0], "a paper the count has not seen scores 0");
    }

    #[test]
    fn filters_combine() {
        let catalog = catalog();
        let mut marks = MarkStore::in_memory();
        marks.toggle_starred(catalog.key(2));
        marks.set_read(catalog.key(0), true);
        let mut listing = Listing::default();
        listing.toggle(Filter::FreeFullText);
        assert_eq!(listing.filter(&catalog, &marks, [0, 1, 2]), [0, 2]);
        listing.toggle(Filter::Unread);
        assert_eq!(listing.filter(&catalog, &marks, [0, 1, 2]), [2]);
        listing.toggle(Filter::FreeFullText);
        listing.toggle(Filter::Starred);
        assert_eq!(listing.filter(&catalog, &marks, [0, 1, 2]), [2]);
        assert_eq!(listing.describe().as_deref(), Some("unread + starred"));
    }
}
