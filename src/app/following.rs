//! What the reader knows of an update of followed topics running in the background: whether one runs,
//! how far it got, and the grown library it hands over batch by batch.

use std::fmt;
use std::sync::Arc;

use super::catalog::{Catalog, PubId};
use crate::search::{Abstracts, Index};

/// The update as the status bar shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updates {
    pub running: bool,
    /// "Lenalidomide: 200 of 1,234", the latest progress line while running.
    pub progress: Option<String>,
}

/// The whole library loading behind a start on its first publications (see [`crate::app::App::before_loading`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Loading {
    #[default]
    Done,
    /// Still loading; `acted`: the reader did something meanwhile, which restoring the last session must not undo.
    Running { acted: bool },
}

impl Loading {
    pub fn is_running(self) -> bool {
        matches!(self, Loading::Running { .. })
    }
}

/// The library with a batch of fetched papers added, built off the UI thread (catalog and index both),
/// so that taking it in costs the UI a pointer swap.
#[derive(Clone)]
pub struct GrownLibrary {
    pub catalog: Arc<Catalog>,
    pub index: Arc<Index>,
    /// Publications that no source had before this batch.
    pub arrived: Vec<PubId>,
}

// Actions compare by identity: two grown libraries are the same only if they are the same allocation.
impl PartialEq for GrownLibrary {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog) && Arc::ptr_eq(&self.index, &other.index)
    }
}

impl Eq for GrownLibrary {}

impl fmt::Debug for GrownLibrary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GrownLibrary({} publications, {} arrived)", self.catalog.publications.len(), self.arrived.len())
    }
}

impl GrownLibrary {
    /// `catalog` with `library` added and an index over the whole result, built anew.
    pub fn grow(catalog: &Catalog, library: crate::model::Library) -> GrownLibrary {
        GrownLibrary::grow_indexed(catalog, None, library)
    }

    /// This library with the next batch added, its index grown by the batch's papers rather than built again:
    /// what each batch after the first costs an update.
    pub fn then(&self, library: crate::model::Library) -> GrownLibrary {
        GrownLibrary::grow_indexed(&self.catalog, Some(&self.index), library)
    }

    /// `catalog` with `library` added, and `index` (of `catalog`, when given) grown by the papers that arrived.
    fn grow_indexed(catalog: &Catalog, index: Option<&Index>, library: crate::model::Library) -> GrownLibrary {
        let mut catalog = catalog.clone();
        let known = catalog.publications.len();
        let arrived = catalog.add_library(library);
        // Without the abstracts: the reader grows its own, if it has them (see `update::following::grew`).
        let index = match index {
            Some(index) if index.len() == known => index.grown(&catalog.publications),
            _ => Index::without_abstracts(&catalog.publications),
        };
        GrownLibrary { catalog: Arc::new(catalog), index: Arc::new(index), arrived }
    }
}

/// The whole library, cataloged off the UI thread, after a start on its first publications (see
/// [`crate::app::App::before_loading`]); compared by identity, like [`GrownLibrary`].
#[derive(Clone)]
pub struct LoadedLibrary {
    pub catalog: Arc<Catalog>,
    /// What loading it said (records skipped, files not loaded), for the message log.
    pub warnings: Vec<String>,
}

impl PartialEq for LoadedLibrary {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.catalog, &other.catalog) && self.warnings == other.warnings
    }
}

impl Eq for LoadedLibrary {}

impl fmt::Debug for LoadedLibrary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LoadedLibrary({} publications)", self.catalog.publications.len())
    }
}

/// A catalog handed to a thread that builds its index; compared by identity, like [`GrownLibrary`].
#[derive(Clone)]
pub struct SharedCatalog(pub Arc<Catalog>);

impl PartialEq for SharedCatalog {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedCatalog {}

impl fmt::Debug for SharedCatalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SharedCatalog({} publications)", self.0.publications.len())
    }
}

/// An index handed to the search thread; compared by identity, like [`GrownLibrary`].
#[derive(Clone)]
pub struct SharedIndex(pub Arc<Index>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

impl fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedIndex")
    }
}

/// The abstracts of a catalog's publications to fold, reusing those folded before for fewer of them; compared by
/// identity, like [`GrownLibrary`].
#[derive(Clone)]
pub struct AbstractsJob {
    pub catalog: Arc<Catalog>,
    pub known: Option<Abstracts>,
}

impl AbstractsJob {
    pub fn run(&self) -> Abstracts {
        Abstracts::build_from(&*self.catalog, self.known.as_ref())
    }
}

impl PartialEq for AbstractsJob {
    fn eq(&self, other: &Self) -> bool {
        let same_known = match (&self.known, &other.known) {
            (Some(one), Some(other)) => one.same(other),
            (one, other) => one.is_none() && other.is_none(),
        };
        Arc::ptr_eq(&self.catalog, &other.catalog) && same_known
    }
}

impl Eq for AbstractsJob {}

impl fmt::Debug for AbstractsJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known = self.known.as_ref().map_or(0, Abstracts::len);
        write!(f, "AbstractsJob({} publications, {known} known)", self.catalog.publications.len())
    }
}

/// Abstracts an [`AbstractsJob`] folded, on their way to the reader; compared by identity.
#[derive(Clone)]
pub struct IndexedAbstracts(pub Abstracts);

impl PartialEq for IndexedAbstracts {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&other.0)
    }
}

impl Eq for IndexedAbstracts {}

impl fmt::Debug for IndexedAbstracts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IndexedAbstracts({} publications)", self.0.len())
    }
}
