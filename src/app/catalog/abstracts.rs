//! Where each paper's abstract is: in its publication, or left in the cache file its source was read from (the
//! reader's whole load leaves them there: a library's abstracts are most of its memory, and the reader shows one at
//! a time). Everything in the app reads abstracts through [`Catalog::abstract_of`] and its kin, whichever way a
//! paper holds its own.

use std::borrow::Cow;
use std::num::NonZeroU32;

use super::{Catalog, PubId};
use crate::cache::{CachedAbstracts, UnreadableAbstract};
use crate::model::{AbstractSection, Publication};
use crate::search::{AbstractTexts, sections_text};

/// Entry `entry` of the catalog's cached file `file`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LeftAt {
    /// The file's index plus one: never zero, so that an `Option<LeftAt>` (one per paper) takes eight bytes, not
    /// twelve.
    file: NonZeroU32,
    entry: u32,
}

impl LeftAt {
    fn file(self) -> usize {
        self.file.get() as usize - 1
    }
}

/// The abstracts a library's publications left in cache files: each file's, by where its first publication is in
/// the library's order (its publications follow it, in the file's order).
#[derive(Debug, Clone, Default)]
pub struct LeftInCache {
    files: Vec<(usize, CachedAbstracts)>,
}

impl LeftInCache {
    /// Adds the abstracts of a file whose publications are the library's from `first` on; files are added in the
    /// library's order, and each starts where the one before it ended or later.
    pub fn add(&mut self, first: usize, abstracts: CachedAbstracts) {
        debug_assert!(self.files.last().is_none_or(|(start, last)| start + last.len() <= first));
        self.files.push((first, abstracts));
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How many publications have their abstract left in a file.
    pub fn len(&self) -> usize {
        self.files.iter().map(|(_, abstracts)| abstracts.len()).sum()
    }

    /// Where the abstract of the library's publication `at` is left: its file and its place there; `None` when
    /// the publication holds its own.
    pub fn of(&self, at: usize) -> Option<(&CachedAbstracts, usize)> {
        let after = self.files.partition_point(|(first, _)| *first <= at);
        let (first, abstracts) = self.files.get(after.checked_sub(1)?)?;
        (at - first < abstracts.len()).then_some((abstracts, at - first))
    }
}

/// The catalog's side of it: the cached files, and for each paper (once there is any file) where its abstract is
/// left, when it is.
#[derive(Debug, Clone, Default)]
pub(super) struct CatalogAbstracts {
    files: Vec<CachedAbstracts>,
    /// By [`PubId`], once `files` has any; empty before.
    left: Vec<Option<LeftAt>>,
}

impl CatalogAbstracts {
    /// Takes in `files`, and hands back, for each publication of their library in order (by its index in the
    /// library), where its abstract is left.
    pub fn take_in(&mut self, files: LeftInCache, papers_before: usize) -> impl FnMut(usize) -> Option<LeftAt> + use<> {
        if !files.is_empty() && self.left.is_empty() {
            self.left = vec![None; papers_before];
        }
        let mut starts = Vec::new();
        for (first, abstracts) in files.files {
            let file = u32::try_from(self.files.len() + 1).ok().and_then(NonZeroU32::new);
            starts.push((first, abstracts.len(), file));
            self.files.push(abstracts);
        }
        let mut next = starts.into_iter().peekable();
        move |index| {
            while next.peek().is_some_and(|&(first, len, _)| index >= first + len) {
                next.next();
            }
            let &(first, _, file) = next.peek()?;
            let entry = u32::try_from(index.checked_sub(first)?).ok()?;
            Some(LeftAt { file: file?, entry })
        }
    }

    /// Keeps where a new paper's abstract is, when the catalog holds any cached file.
    pub fn push(&mut self, at: Option<LeftAt>) {
        if !self.files.is_empty() {
            self.left.push(at);
        }
    }

    pub fn left(&self, id: PubId) -> Option<LeftAt> {
        self.left.get(id as usize).copied().flatten()
    }

    pub fn set(&mut self, id: PubId, at: Option<LeftAt>) {
        if let Some(slot) = self.left.get_mut(id as usize) {
            *slot = at;
        }
    }

    /// Whether the abstract left `at` has any section, told without reading it.
    pub fn has(&self, at: LeftAt) -> bool {
        self.files.get(at.file()).is_some_and(|file| file.has_abstract(at.entry as usize))
    }

    fn read(&self, at: LeftAt) -> Result<Vec<AbstractSection>, UnreadableAbstract> {
        let unknown = || UnreadableAbstract { source: "a cache file".into() };
        self.files.get(at.file()).ok_or_else(unknown)?.read(at.entry as usize)
    }
}

/// Whether a publication's abstract has any section, wherever it is.
pub(super) fn has_abstract(publication: &Publication, left: Option<LeftAt>, abstracts: &CatalogAbstracts) -> bool {
    !publication.abstract_sections.is_empty() || left.is_some_and(|at| abstracts.has(at))
}

impl Catalog {
    /// The abstract of paper `id`, from its publication or read from the cache file it was left in. An abstract
    /// whose bytes changed in the file since it was checked is an error, never another text.
    pub fn abstract_of(&self, id: PubId) -> Result<Cow<'_, [AbstractSection]>, UnreadableAbstract> {
        match self.abstracts.left(id) {
            Some(at) => self.abstracts.read(at).map(Cow::Owned),
            None => Ok(Cow::Borrowed(&self.publication(id).abstract_sections)),
        }
    }

    /// Lets go of the pages of the cache files read so far (see [`CachedAbstracts::release_read_pages`]): after a
    /// pass over every abstract, which would otherwise keep the whole of them resident.
    pub fn release_read_abstracts(&self) {
        for file in &self.abstracts.files {
            file.release_read_pages();
        }
    }

    /// Whether paper `id` has an abstract, told without reading one left in a cache file.
    pub fn has_abstract(&self, id: PubId) -> bool {
        has_abstract(self.publication(id), self.abstracts.left(id), &self.abstracts)
    }

    /// The abstract of paper `id` as one text, as search reads it: "" for one that cannot be read (the abstract
    /// pane says why).
    pub fn abstract_text(&self, id: PubId) -> Cow<'_, str> {
        match self.abstract_of(id) {
            Ok(Cow::Borrowed(sections)) => sections_text(sections),
            Ok(Cow::Owned(sections)) => sections_text(&sections).into_owned().into(),
            Err(_) => "".into(),
        }
    }

    /// A copy of paper `id` with its abstract in it, for what leaves the reader (exports, citations): one that
    /// cannot be read is left out, and why is handed back.
    pub fn with_abstract(&self, id: PubId) -> (Publication, Option<UnreadableAbstract>) {
        let mut copy = self.publication(id).clone();
        match self.abstract_of(id) {
            Ok(Cow::Owned(sections)) => copy.abstract_sections = sections,
            Ok(Cow::Borrowed(_)) => {}
            Err(unreadable) => return (copy, Some(unreadable)),
        }
        (copy, None)
    }
}

/// The abstracts' search text is folded from every paper's, wherever it is.
impl AbstractTexts for Catalog {
    fn count(&self) -> usize {
        self.publications.len()
    }

    fn text(&self, id: usize) -> Cow<'_, str> {
        self.abstract_text(id as PubId)
    }
}

#[cfg(test)]
mod tests;
