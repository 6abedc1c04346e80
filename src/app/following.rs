//! What the reader knows of an update of followed topics running in the background: whether one runs,
//! how far it got, and the grown library it hands over batch by batch.

use std::fmt;
use std::sync::Arc;

use super::catalog::{Catalog, PubId};
use crate::search::Index;

/// The update as the status bar shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updates {
    pub running: bool,
    /// "Lenalidomide: 200 of 1,234", the latest progress line while running.
    pub progress: Option<String>,
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
    /// `catalog` with `library` added and an index over the result: the work of one arriving batch.
    pub fn grow(catalog: &Catalog, library: crate::model::Library) -> GrownLibrary {
        let mut catalog = catalog.clone();
        let arrived = catalog.add_library(library);
        let index = Index::new(&catalog.publications);
        GrownLibrary { catalog: Arc::new(catalog), index: Arc::new(index), arrived }
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
