//! The state of each pane: plain indices and offsets that `update` clamps.

use crate::search::Scope;

use super::catalog::{NodeId, PubId};
use super::document::Document;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationList {
    /// The publications shown, in display order (library order, or ranked by the search).
    pub ids: Vec<PubId>,
    /// Row of the selection; `None` while a topic is shown without a publication chosen.
    pub selected: Option<usize>,
    pub offset: usize,
}

impl PublicationList {
    pub fn showing(ids: Vec<PubId>) -> PublicationList {
        let selected = if ids.is_empty() { None } else { Some(0) };
        PublicationList { ids, selected, offset: 0 }
    }

    pub fn selected_id(&self) -> Option<PubId> {
        self.selected.and_then(|row| self.ids.get(row).copied())
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ReaderContent {
    #[default]
    Nothing,
    Topic(NodeId),
    Publication(PubId),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    pub content: ReaderContent,
    /// The content wrapped to the abstract pane's width, with its search highlights.
    pub document: Document,
    pub scroll: usize,
    /// Index into `document.match_lines` of the match `n`/`N` last jumped to.
    pub current_match: Option<usize>,
    /// The paper whose abstract could not be read was last said so in the message log: said once, not at every
    /// redraw of it.
    pub unreadable_told: Option<PubId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchBar {
    /// The search line has the keyboard.
    pub editing: bool,
    pub query: String,
    /// Where typing goes, in chars from the start of `query`; [`SearchBar::cursor`] reads it in range.
    pub cursor: usize,
    pub scope: Scope,
    /// Number of the newest search asked for; older answers are ignored.
    pub generation: u64,
    /// A search was asked for and its answer has not come yet.
    pub pending: bool,
    /// The search index is still being built off the UI thread: a query waits for it.
    pub indexing: bool,
    /// The abstracts' search text is being built off the UI thread (a search of everything asked for it, or the
    /// library grew after it was built): a search of everything waits for it.
    pub indexing_abstracts: bool,
    /// Building the index failed (a bug, told when it happened): no search can be answered until a restart.
    pub index_failed: bool,
    /// Building the abstracts' search text failed likewise: no search of everything can be answered.
    pub abstracts_failed: bool,
}

impl SearchBar {
    /// A filter is in force (typed, whether or not the line is still open).
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
    }
}
