//! Finding the paper a new record is among those a catalog holds: by PMID, DOI, or title and year.
//!
//! The maps hold a hash of each key, not the key: hashing and keeping a hundred thousand strings (titles above all)
//! was much of a catalog's time, and the hashes of the long title keys are computed with the keys, on every core.
//! A hash found is checked against the publication it names, so a collision can only cost a look-up: a key whose
//! hash another key took first is kept whole, apart.

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};

use super::PubId;
use crate::model::PaperFields;

/// The hash a key is kept by.
pub(super) fn hash_of(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// Ids by key, kept as the key's hash. `holds(id)` says whether publication `id` has the key, and `key()` makes
/// the key itself, needed only when another key took its hash.
#[derive(Debug, Clone, Default)]
struct HashedIds {
    /// By the high half of the hash: half the memory of the whole (three maps of 2.2 MB at 100k papers); the few
    /// keys that share a half with another (about a hundred a map at a million papers) are kept whole.
    by_hash: HashMap<u32, PubId>,
    /// Keys whose hash was taken by another key first.
    collided: HashMap<String, PubId>,
}

impl HashedIds {
    fn get(&self, hash: u64, holds: impl Fn(PubId) -> bool, key: impl FnOnce() -> String) -> Option<PubId> {
        match self.by_hash.get(&high_half(hash)) {
            Some(&id) if holds(id) => Some(id),
            Some(_) => self.collided.get(&key()).copied(),
            None => None,
        }
    }

    /// Keeps `id` for the key unless a publication is kept for it already.
    fn insert(&mut self, hash: u64, id: PubId, holds: impl Fn(PubId) -> bool, key: impl FnOnce() -> String) {
        match self.by_hash.entry(high_half(hash)) {
            Entry::Vacant(slot) => {
                slot.insert(id);
            }
            Entry::Occupied(slot) if holds(*slot.get()) => {}
            Entry::Occupied(_) => {
                self.collided.entry(key()).or_insert(id);
            }
        }
    }
}

/// The bits of a hash the maps keep: the high ones, which FxHash mixes best.
fn high_half(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// What [`KnownPublications::find`] found.
enum Found {
    /// The same paper.
    Paper(PubId),
    /// No paper that is this one; `title_known` when one has its title and year (the first such keeps them).
    New { title_known: bool },
}

/// Where [`KnownPublications::place`] put a publication.
pub(super) enum Placed {
    /// Merged into this paper, known before.
    Known(PubId),
    /// A paper of its own, with this id.
    New(PubId),
}

/// The papers found so far, by id, as the catalog keeps them or as a listing borrows them.
pub(super) trait Papers<T> {
    type FirstSource: PaperFields;
    /// The paper's first source: its title and year are the paper's.
    fn first_source(&self, id: PubId) -> Option<&Self::FirstSource>;
    /// The paper's identifiers, a later source's filling in those the first lacked.
    fn identifiers(&self, id: PubId) -> (Option<&str>, Option<&str>);
    /// Adds `new` as the next paper.
    fn push(&mut self, new: T);
    /// Takes in what `other`, another source of paper `id`, knows that it did not.
    fn merge(&mut self, id: PubId, other: T);
    fn len(&self) -> usize;
}

/// What a publication is known by, computed before it is placed (on every core, for a whole library).
pub(super) struct Keys {
    /// The hash of its [`Publication::title_year_key`].
    pub title_year: u64,
    /// Its [`doi_key`] and the key's hash.
    pub doi: Option<(String, u64)>,
}

impl Keys {
    /// The keys of `publication`, its title key made in `buffer` (which holds it after).
    pub fn of(publication: &impl PaperFields, buffer: &mut String) -> Keys {
        buffer.clear();
        publication.push_title_year_key(buffer);
        let doi = publication.doi().map(doi_key).map(|doi| {
            let hash = hash_of(&doi);
            (doi, hash)
        });
        Keys { title_year: hash_of(buffer), doi }
    }
}

/// Finds a publication already in the catalog that is the same paper as a new one.
#[derive(Debug, Clone, Default)]
pub(super) struct KnownPublications {
    by_pmid: HashedIds,
    /// By the DOI lowercased.
    by_doi: HashedIds,
    by_title_year: HashedIds,
}

/// The DOI as the catalog compares it: case does not matter in a DOI.
pub(super) fn doi_key(doi: &str) -> String {
    doi.to_lowercase()
}

impl KnownPublications {
    /// Room for `more` papers at once: growing three maps a step at a time rehashes every key again and again.
    pub fn reserve(&mut self, more: usize) {
        self.by_pmid.by_hash.reserve(more);
        self.by_doi.by_hash.reserve(more);
        self.by_title_year.by_hash.reserve(more);
    }

    /// Places `new` (whose keys are `keys`) among `papers`: merged into the paper it is, or added as a new one.
    pub fn place<T: PaperFields, P: Papers<T>>(&mut self, papers: &mut P, new: T, keys: &Keys) -> Placed {
        let doi = keys.doi.as_ref().map(|(doi, hash)| (doi.as_str(), *hash));
        match self.find(papers, &new, doi, keys.title_year) {
            Found::Paper(id) => {
                papers.merge(id, new);
                self.remember_identifiers(papers, id);
                Placed::Known(id)
            }
            Found::New { title_known } => {
                let id = papers.len() as PubId;
                papers.push(new);
                self.remember(papers, id, keys.title_year, title_known);
                Placed::New(id)
            }
        }
    }

    /// `doi` is the new publication's [`doi_key`] and its hash, `title_year` the hash of its
    /// [`Publication::title_year_key`].
    fn find<T>(&self, papers: &impl Papers<T>, new: &T, doi: Option<(&str, u64)>, title_year: u64) -> Found
    where
        T: PaperFields,
    {
        if let Some(pmid) = new.pmid()
            && let Some(id) = self.by_pmid.get(hash_of(pmid), |id| has_pmid(papers, id, pmid), || pmid.into())
        {
            return Found::Paper(id);
        }
        if let Some((doi, hash)) = doi
            && let Some(id) = self.by_doi.get(hash, |id| has_doi(papers, id, doi), || doi.into())
        {
            return Found::Paper(id);
        }
        let same = |id| same_title_year(papers, id, new);
        let Some(id) = self.by_title_year.get(title_year, same, || new.title_year_key()) else {
            return Found::New { title_known: false };
        };
        let (pmid, doi) = papers.identifiers(id);
        // Same title and year but identifiers that disagree: two papers (errata, replies) sharing a title.
        let differ =
            |a: Option<&str>, b: Option<&str>| matches!((a, b), (Some(a), Some(b)) if !a.eq_ignore_ascii_case(b));
        match differ(pmid, new.pmid()) || differ(doi, new.doi()) {
            true => Found::New { title_known: true },
            false => Found::Paper(id),
        }
    }

    /// Remembers publication `id` by its identifiers and, unless [`KnownPublications::find`] found another paper
    /// by it (`title_known`), by its title key's hash `title_year`.
    fn remember<T>(&mut self, papers: &impl Papers<T>, id: PubId, title_year: u64, title_known: bool) {
        self.remember_identifiers(papers, id);
        if !title_known && let Some(new) = papers.first_source(id) {
            let same = |old| same_title_year(papers, old, new);
            self.by_title_year.insert(title_year, id, same, || new.title_year_key());
        }
    }

    /// Also after a second source filled them in, so that a later record finds the paper by them whether it comes
    /// in the same batch or in another: a catalog grown batch by batch is the one built at once.
    fn remember_identifiers<T>(&mut self, papers: &impl Papers<T>, id: PubId) {
        let (pmid, doi) = papers.identifiers(id);
        if let Some(pmid) = pmid {
            self.by_pmid.insert(hash_of(pmid), id, |id| has_pmid(papers, id, pmid), || pmid.into());
        }
        if let Some(doi) = doi {
            let doi = doi_key(doi);
            self.by_doi.insert(hash_of(&doi), id, |id| has_doi(papers, id, &doi), || doi.clone());
        }
    }
}

fn has_pmid<T>(papers: &impl Papers<T>, id: PubId, pmid: &str) -> bool {
    papers.identifiers(id).0 == Some(pmid)
}

fn has_doi<T>(papers: &impl Papers<T>, id: PubId, doi: &str) -> bool {
    papers.identifiers(id).1.map(doi_key).as_deref() == Some(doi)
}

fn same_title_year<T>(papers: &impl Papers<T>, id: PubId, new: &impl PaperFields) -> bool {
    papers.first_source(id).is_some_and(|old| old.same_title_year(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_whose_hash_another_key_took_is_kept_apart() {
        let mut ids = HashedIds::default();
        let holds = |key: &'static str| move |id: PubId| ["first", "second"][id as usize] == key;
        let key = |key: &'static str| move || key.to_string();
        // Two keys forced onto one hash, as a real collision would put them.
        ids.insert(7, 0, holds("first"), key("first"));
        ids.insert(7, 1, holds("second"), key("second"));
        ids.insert(7, 1, holds("first"), key("first"));
        assert_eq!(ids.get(7, holds("first"), key("first")), Some(0), "the first id for a key stays");
        assert_eq!(ids.get(7, holds("second"), key("second")), Some(1));
        assert_eq!(ids.get(7, |_| false, key("third")), None);
        assert_eq!(ids.get(8 << 32, holds("first"), key("first")), None);
        // Hashes that differ only in their low half are one key to the maps: the second is kept whole.
        let mut ids = HashedIds::default();
        ids.insert(7 << 32 | 1, 0, holds("first"), key("first"));
        ids.insert(7 << 32 | 2, 1, holds("second"), key("second"));
        assert_eq!(ids.get(7 << 32 | 2, holds("second"), key("second")), Some(1));
        assert_eq!(ids.get(7 << 32 | 1, holds("first"), key("first")), Some(0));
        assert_eq!(ids.collided.len(), 1);
    }
}
