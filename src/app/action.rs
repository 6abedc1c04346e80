//! What can happen to the app (actions in) and what the app asks the outside world to do (effects out).

use std::path::PathBuf;

use crate::formats::export::osc52::CopyOutcome;
use crate::formats::export::{CitationStyle, ExportFormat};
use crate::marks::Merged;
use crate::notes::{NoteOutcome, NoteRequest};
use crate::search::{Hit, Scope};

use super::catalog::PubId;
use super::following::{AbstractsJob, GrownLibrary, IndexedAbstracts, LoadedLibrary, SharedCatalog, SharedIndex};
use super::listing::Filter;
use super::search_line::LineEdit;
use super::words::{CountJob, WordScores};
use crate::words::WordLists;

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
    /// A char typed into the search line, at its cursor.
    SearchInput(char),
    SearchEdit(LineEdit),
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
    /// Open the tag line for the selected publication (`t`), or for every listed one (`T`).
    StartTagging,
    StartTaggingList,
    /// A character typed into the tag line.
    TagInput(char),
    TagEdit(LineEdit),
    /// Tab in the tag line: complete the last word, or offer the next tag that completes it.
    TagComplete,
    /// Apply the tag line's edits and close it.
    TagAccept,
    TagCancel,
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
    /// Select the next unread publication in the list, wrapping around.
    NextUnread,
    /// Mark every listed publication read, remembering which were unread for [`Action::UndoMarkAll`].
    MarkAllRead,
    /// Give back the read marks the last [`Action::MarkAllRead`] took.
    UndoMarkAll,
    /// Scroll the abstract to its next or previous section.
    NextSection,
    PrevSection,
    /// `+`: add the word at the cursor (the current search match in the abstract, else the search text) to a
    /// list the word menu asks for.
    AddWord,
    /// `-`: take the word at the cursor out of the list whose term highlights it (asking which, when several).
    RemoveWord,
    /// The word menu's choice, counted from 0.
    ChooseWordList(usize),
    /// `W`: every word list, its look, weight, topic and words, in the message log.
    ShowWordLists,
    /// Copy one piece of the selected publication (from the cite menu).
    CopyField(CopyField),
    /// The text of the session file saved when lenaview last quit, read at start-up.
    RestoreSession(String),
    /// Text pasted into the terminal (bracketed paste): never read as keys.
    Paste(String),
    /// Ctrl-Z: give the terminal back to the shell until it continues the reader.
    Suspend,
    /// No browser could open a link: why, and the link, for the status bar and the message log.
    BrowserFailed(String),
    /// The search index that [`Effect::BuildIndex`] asked for is built.
    IndexBuilt(SharedIndex),
    /// The whole library is in, after a start on its first publications.
    LibraryLoaded(LoadedLibrary),
    /// The whole library could not be loaded after a start on its first publications: why.
    LibraryNotLoaded(String),
    /// A job on another thread panicked: what it said, and where.
    BackgroundFailed(String),
    /// The job that panicked (told by [`Action::BackgroundFailed`]) was this one: what waited for it stops waiting.
    JobFailed(BackgroundJob),
    /// The abstracts' search text that [`Effect::IndexAbstracts`] asked for is built.
    AbstractsIndexed(IndexedAbstracts),
    /// Open the selected paper's note in the user's editor.
    EditNote,
    // What the outside world reports back after the screen opened or an effect was carried out; failures
    // come back here too, as text to show, so that only `update` says anything to the user.
    /// The screen opened: whether to draw in colour, and the problems met while loading.
    Started {
        colors: bool,
        warnings: Vec<String>,
    },
    /// [`Effect::SaveMarks`] was carried out: the marks as merged with the file's (none when they are kept in
    /// memory only) or why the save failed, and what it noticed without failing.
    MarksSaved {
        written: Result<Option<Merged>, String>,
        warnings: Vec<String>,
    },
    /// [`Effect::SaveWords`] was carried out: the lists as merged with the file's (none when they are kept in
    /// memory only), or why the save failed, and
    /// what it noticed without failing.
    WordsSaved {
        written: Result<Option<WordLists>, String>,
        warnings: Vec<String>,
    },
    /// [`Effect::CountWords`] counted every paper's score for lists of this generation.
    WordsCounted(WordScores),
    /// [`Effect::Copy`] reached the terminal (and what can be known of the clipboard), or why it did not.
    Copied(Result<CopyOutcome, String>),
    /// [`Effect::WriteExport`] wrote `count` publications to `path`, or failed there and says why.
    ExportWritten {
        format: ExportFormat,
        count: usize,
        path: PathBuf,
        failure: Option<String>,
    },
    /// [`Effect::EditNote`] was carried out: the editor ran (or could not), and the note was saved or not.
    NoteEdited {
        key: String,
        outcome: NoteOutcome,
    },
    /// [`Effect::WriteSession`] could not write `path`, and why (a session saved needs no word).
    SessionNotSaved {
        path: PathBuf,
        why: String,
    },
}

/// The jobs the reader runs off the UI thread and waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackgroundJob {
    /// The search index ([`Action::IndexBuilt`]).
    Index,
    /// The abstracts' search text ([`Action::AbstractsIndexed`]).
    AbstractsIndex,
    /// The highlighted-word scores ([`Action::WordsCounted`]).
    WordCount,
}

impl Action {
    /// Whether this tells what happened outside (a thread's result, a save, the terminal's size) rather than being
    /// something the user did: a report leaves the status bar's message alone and does not count as the reader
    /// having acted (which restoring the last session must not undo). Every action is named here, so that a new
    /// one cannot be classed by default.
    pub fn is_report(&self) -> bool {
        match self {
            Action::Resize { .. }
            | Action::SearchDone { .. }
            | Action::MarkReadIfShown(_)
            | Action::UpdateProgress(_)
            | Action::LibraryGrew(_)
            | Action::RestoreSession(_)
            | Action::IndexBuilt(_)
            | Action::LibraryLoaded(_)
            | Action::LibraryNotLoaded(_)
            | Action::BackgroundFailed(_)
            | Action::JobFailed(_)
            | Action::AbstractsIndexed(_)
            | Action::Started { .. }
            | Action::MarksSaved { .. }
            | Action::WordsSaved { .. }
            | Action::WordsCounted(_)
            | Action::Copied(_)
            | Action::ExportWritten { .. }
            | Action::NoteEdited { .. }
            | Action::SessionNotSaved { .. } => true,
            Action::Quit
            | Action::FocusNext
            | Action::FocusPrev
            | Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::Open
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::Top
            | Action::Bottom
            | Action::ToggleHelp
            | Action::Back
            | Action::StartSearch
            | Action::SearchInput(_)
            | Action::SearchEdit(_)
            | Action::SearchAccept
            | Action::SearchClear
            | Action::SearchCycleScope
            | Action::NextMatch
            | Action::PrevMatch
            | Action::Click { .. }
            | Action::ScrollUpAt { .. }
            | Action::ScrollDownAt { .. }
            | Action::ToggleRead
            | Action::ToggleStar
            | Action::CycleSort
            | Action::ToggleFilter(_)
            | Action::OpenCiteMenu
            | Action::Cite(_)
            | Action::OpenExportMenu
            | Action::Export(_)
            | Action::CloseMenu
            | Action::StartTagging
            | Action::StartTaggingList
            | Action::TagInput(_)
            | Action::TagEdit(_)
            | Action::TagComplete
            | Action::TagAccept
            | Action::TagCancel
            | Action::OpenInBrowser
            | Action::ShowStatus(_)
            | Action::UpdateFollowed
            | Action::UpdateFinished { .. }
            | Action::ToggleMessages
            | Action::NextUnread
            | Action::MarkAllRead
            | Action::UndoMarkAll
            | Action::NextSection
            | Action::PrevSection
            | Action::AddWord
            | Action::RemoveWord
            | Action::ChooseWordList(_)
            | Action::ShowWordLists
            | Action::CopyField(_)
            | Action::Paste(_)
            | Action::Suspend
            | Action::BrowserFailed(_)
            | Action::EditNote => false,
        }
    }
}

/// A piece of a publication the cite menu copies as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyField {
    Doi,
    Pmid,
    /// The link `o` opens.
    Link,
    Abstract,
}

/// A small menu over the panes, choosing what a key does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Menu {
    Cite,
    Export,
    /// Which list a word goes to or leaves: its choices are in [`super::words::WordsState::choices`].
    Words,
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
    /// Marks changed: write them (merged, atomically) to the state file; answer with [`Action::MarksSaved`].
    SaveMarks,
    /// Put `text` on the clipboard through the terminal (OSC 52); answer with [`Action::Copied`].
    Copy(String),
    OpenUrl(String),
    /// Write an export of the listed publications to a new file; answer with [`Action::ExportWritten`].
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
    /// Read the session file, if there is one, and answer with [`Action::RestoreSession`].
    ReadSession(PathBuf),
    /// Write where the reader is (topic, paper, scroll, order, filters) for the next start, atomically;
    /// answer a failure with [`Action::SessionNotSaved`].
    WriteSession {
        path: PathBuf,
        contents: String,
    },
    /// Stop the process as Ctrl-Z does in a shell, the terminal restored meanwhile.
    Suspend,
    /// The word lists changed: write the unsaved edits, merged with the file under its lock; answer with
    /// [`Action::WordsSaved`].
    SaveWords,
    /// Count every paper's score from the word lists off the UI thread; answer with [`Action::WordsCounted`].
    CountWords(CountJob),
    /// Build the search index of this catalog, without the abstracts, off the UI thread, answering with
    /// [`Action::IndexBuilt`].
    BuildIndex(SharedCatalog),
    /// Build the abstracts' search text off the UI thread (a search of everything needs it), answering with
    /// [`Action::AbstractsIndexed`].
    IndexAbstracts(AbstractsJob),
    /// Open the note in the user's editor, the screen handed over meanwhile, and save what it leaves;
    /// answer with [`Action::NoteEdited`].
    EditNote(NoteRequest),
}
