//! What can happen to the app (actions in) and what the app asks the outside world to do (effects out).

use crate::formats::export::{CitationStyle, ExportFormat};
use crate::search::{Hit, Scope};

use super::catalog::PubId;
use super::following::{GrownLibrary, SharedCatalog, SharedIndex};
use super::listing::Filter;

/// The panes that can hold the keyboard focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Topics,
    Publications,
    Abstract,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Topics, Pane::Publications, Pane::Abstract];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Topics => "Topics",
            Pane::Publications => "Publications",
            Pane::Abstract => "Abstract",
        }
    }
}

/// Every input the app reacts to. Keys become actions through the keymap table; other events
/// (resize, mouse, search results, timers) are built by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    /// Tree: collapse or go to parent. Elsewhere: move focus left.
    Left,
    /// Tree: expand or go to first child. Elsewhere: move focus right.
    Right,
    Open,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    ToggleHelp,
    /// Closes whatever is on top (help, search line) or goes back a pane.
    Back,
    StartSearch,
    SearchInput(char),
    SearchBackspace,
    SearchAccept,
    SearchClear,
    SearchCycleScope,
    NextMatch,
    PrevMatch,
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    ScrollUpAt {
        column: u16,
        row: u16,
    },
    ScrollDownAt {
        column: u16,
        row: u16,
    },
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
    },
    ToggleRead,
    ToggleStar,
    CycleSort,
    ToggleFilter(Filter),
    OpenCiteMenu,
    Cite(CitationStyle),
    OpenExportMenu,
    Export(ExportFormat),
    /// Closes an open menu without choosing.
    CloseMenu,
    OpenInBrowser,
    /// The read timer for a publication ran out: mark it read if it is still the one open.
    MarkReadIfShown(PubId),
    /// A message from the event loop for the status bar (where an export went, a failed save).
    ShowStatus(String),
    /// Fetch what PubMed added to every followed topic, in the background.
    UpdateFollowed,
    /// How far the running update got ("Lenalidomide: 200 of 1,234").
    UpdateProgress(String),
    /// A batch of fetched papers is in the library the background built.
    LibraryGrew(GrownLibrary),
    /// The update ended: a summary for the status bar and each topic's outcome for the message log.
    UpdateFinished {
        summary: String,
        details: Vec<String>,
    },
    /// Show or hide the message log.
    ToggleMessages,
    /// The search index that [`Effect::BuildIndex`] asked for is built.
    IndexBuilt(SharedIndex),
}

/// A small menu over the panes, choosing what a key does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Cite,
    Export,
}

/// A search the event loop should run (in the background) and answer with [`Action::SearchDone`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchJob {
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    /// The publications to search, shared with the search thread without a copy.
    pub within: std::sync::Arc<[PubId]>,
}

/// Work for the outside world that `update` may not do itself, being pure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Search(SearchJob),
    /// Marks changed: write them (merged, atomically) to the state file.
    SaveMarks,
    /// Put `text` on the clipboard through the terminal (OSC 52).
    Copy(String),
    OpenUrl(String),
    /// Write an export of the listed publications to a new file and say where.
    WriteExport {
        format: ExportFormat,
        contents: String,
        count: usize,
    },
    /// Start the read timer: answer with [`Action::MarkReadIfShown`] after a moment.
    MarkReadLater(PubId),
    /// Update the followed topics off the UI thread, answering with progress, grown libraries and a finish.
    UpdateFollowed,
    /// Searches from now on run on this index (the library grew, or its index was built).
    UseIndex(SharedIndex),
    /// Build the search index of this catalog off the UI thread, answering with [`Action::IndexBuilt`].
    BuildIndex(SharedCatalog),
}
