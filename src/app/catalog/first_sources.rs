//! Which publications of a library are the papers a catalog lists, found without building the catalog: for a
//! one-shot listing (`lenaview search`), which prints what the first source of each paper says.

use super::known::{Keys, KnownPublications, Papers, Placed};
use super::{Catalog, PubId, keys_of_each};
use crate::model::PaperFields;

/// The papers found so far, borrowed from the library: each one's first source, and the identifiers later sources
/// filled in (as `fill_in` fills them into the catalog's publication).
struct Borrowed<'a, P> {
    first_sources: Vec<&'a P>,
    identifiers: Vec<(Option<&'a str>, Option<&'a str>)>,
}

impl<'a, P: PaperFields> Papers<&'a P> for Borrowed<'a, P> {
    type FirstSource = P;

    fn first_source(&self, id: PubId) -> Option<&P> {
        self.first_sources.get(id as usize).copied()
    }

    fn identifiers(&self, id: PubId) -> (Option<&str>, Option<&str>) {
        self.identifiers.get(id as usize).copied().unwrap_or_default()
    }

    fn push(&mut self, new: &'a P) {
        self.first_sources.push(new);
        self.identifiers.push((new.pmid(), new.doi()));
    }

    fn merge(&mut self, id: PubId, other: &'a P) {
        if let Some((pmid, doi)) = self.identifiers.get_mut(id as usize) {
            *pmid = pmid.or(other.pmid());
            *doi = doi.or(other.doi());
        }
    }

    fn len(&self) -> usize {
        self.first_sources.len()
    }
}

impl Catalog {
    /// Per publication of `publications` (a library's pages in order), whether it is the first source of a paper:
    /// those are the papers [`Catalog::new`] lists, in its order, found the same way, but without moving or merging
    /// anything. The title, authors, journal and year of a catalog's paper are its first source's: a second source
    /// fills in only identifiers, an abstract and free full text.
    pub fn first_sources<P: PaperFields + Sync>(publications: &[P]) -> Vec<bool> {
        let mut known = KnownPublications::default();
        known.reserve(publications.len());
        let mut papers = Borrowed {
            first_sources: Vec::with_capacity(publications.len()),
            identifiers: Vec::with_capacity(publications.len()),
        };
        let keys = keys_of_each(publications, |publication, buffer| Keys::of(publication, buffer));
        publications
            .iter()
            .zip(keys)
            .map(|(publication, keys)| matches!(known.place(&mut papers, publication, &keys), Placed::New(_)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Page, Publication};

    #[test]
    fn the_first_sources_are_the_catalogs_papers_in_its_order() {
        let mut library = crate::synthetic::library(3_000, 21);
        // Second sources of papers of the first pages: by PMID under another title, by DOI in other case, by title
        // and year with a PMID only the second source has (which a third source is then found by).
        let first: Vec<Publication> = library.pages[0].publications[..6].to_vec();
        let again = |n: usize, change: &dyn Fn(&mut Publication)| {
            let mut publication = first[n].clone();
            change(&mut publication);
            publication
        };
        library.pages[0].publications[3].doi = Some("10.5/Case".into());
        library.pages[0].publications[4].pmid = None;
        let doi = Some("10.5/CASE".to_string());
        let copies = vec![
            again(0, &|p| p.title = "Another title entirely".into()),
            again(3, &|p| (p.pmid, p.title, p.doi) = (None, "Retitled".into(), doi.clone().map(Into::into))),
            again(4, &|p| p.pmid = Some("999999001".into())),
            again(5, &|p| (p.pmid, p.doi, p.title) = (Some("999999001".into()), None, "Third source".into())),
            again(1, &|p| p.pmid = Some("999999002".into())),
        ];
        let papers_before = Catalog::new(library.clone()).publications.len();
        library.pages.push(Page { path: vec!["Copies".into()], publications: copies, ..Page::default() });
        let publications: Vec<&Publication> = library.publications().collect();
        let first_sources = Catalog::first_sources(&publications);
        let catalog = Catalog::new(library.clone());
        let papers: Vec<&Publication> =
            publications.iter().zip(&first_sources).filter(|(_, first)| **first).map(|(p, _)| *p).collect();
        assert_eq!(papers.len(), catalog.publications.len());
        assert_eq!(papers.len(), papers_before + 1, "four copies are merged, the one with another PMID is not");
        for (paper, listed) in papers.iter().zip(&catalog.publications) {
            assert_eq!(
                (&paper.title, &paper.authors, &paper.journal, paper.year),
                (&listed.title, &listed.authors, &listed.journal, listed.year)
            );
        }
        assert!(Catalog::first_sources::<Publication>(&[]).is_empty());

        // Views of a cache file of the same library find the same first sources.
        let bytes = crate::cache::encode(&crate::formats::Imported { library, warnings: Vec::new() });
        let view = crate::cache::view(&bytes).unwrap();
        let views: Vec<_> = view.pages.iter().flat_map(|page| &page.publications).collect();
        assert_eq!(Catalog::first_sources(&views), first_sources);
    }
}
