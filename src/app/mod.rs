//! Application state and the pure `update(state, action)`.
//!
//! The state is plain data (indices, offsets, the wrapped text of the abstract pane); [`update`] is the only
//! thing that changes it, and it never does I/O: what it needs done outside comes back as [`Effect`]s.

pub mod action;
pub mod bindings;
pub mod catalog;
pub mod config;
pub mod document;
pub mod following;
pub mod keymap;
pub mod layout;
pub mod listing;
pub mod messages;
pub mod overlay;
pub mod palette;
mod search_line;
pub mod session;
pub mod tagging;
pub mod tree;
mod update;
mod views;
pub mod words;

use std::borrow::Cow;
use std::sync::Arc;

pub use action::{Action, BackgroundJob, CopyField, Effect, Menu, Pane, SearchJob};
pub use catalog::{Catalog, LeftInCache, NodeId, PubId};
pub use search_line::LineEdit;
pub use update::{search_line_rows, startup_effects, update};
pub use views::{PublicationList, Reader, ReaderContent, SearchBar};

use crate::marks::MarkStore;
use crate::model::{Library, Publication};
use crate::search::Index;
use bindings::Keymap;
use config::Config;
use following::{Loading, Updates};
use keymap::Mode;
use layout::ScreenLayout;
use listing::Listing;
use messages::MessageLog;
use overlay::{OverlayKey, WrappedOverlay};
use palette::Palette;
use tree::TreeState;

pub struct App {
    pub catalog: Arc<Catalog>,
    pub index: Arc<Index>,
    pub marks: MarkStore,
    /// Unread publications at or below each node, kept up to date as marks change.
    pub unread: Vec<usize>,
    pub tree: TreeState,
    pub list: PublicationList,
    pub listing: Listing,
    pub reader: Reader,
    pub search: SearchBar,
    pub focus: Pane,
    /// Scroll offset of the help overlay, when it is open.
    pub help: Option<usize>,
    pub menu: Option<Menu>,
    /// The tag line, while it is open.
    pub tag_line: Option<tagging::TagLine>,
    /// A message for the status bar until the next key. Set it directly only to echo what the screen shows
    /// anyway ("Starred"); [`App::tell`] sets it and keeps it in the log.
    pub status: Option<String>,
    /// Messages worth reading again, and whether their overlay is open.
    pub messages: MessageLog,
    /// The open overlay's rows as `update` last wrapped them; [`App::overlay_rows`] checks they still fit.
    pub wrapped_overlay: Option<WrappedOverlay>,
    /// The update of followed topics, when one runs.
    pub updates: Updates,
    /// Whether the catalog holds the library's first publications only, the whole library being loaded.
    pub loading: Loading,
    pub layout: ScreenLayout,
    /// Columns the topic tree would like, from its widest row.
    pub tree_width: u16,
    /// The publications the last "mark all read" turned read, until it is undone.
    pub undo_mark_all: Option<Vec<PubId>>,
    /// False under `NO_COLOR`: the ui then marks things with bold, reverse and underline only.
    pub colors: bool,
    /// A note was edited this session: a catalog or index built in the background from an older catalog
    /// must take the notes in before it is used.
    pub notes_edited: bool,
    /// The colours the ui draws with, when it draws in colour.
    pub palette: Palette,
    /// The keys in force: the keymap table's, with the config's applied.
    pub keymap: Keymap,
    /// The highlighted word lists, their matcher and unsaved edits.
    pub words: words::WordsState,
    /// A failed save of the marks was told; the next ones, failing the same way, are not.
    pub save_failure_told: bool,
    pub should_quit: bool,
}

impl App {
    /// The app at start-up, with marks kept only in memory.
    pub fn new(library: Library, width: u16, height: u16) -> App {
        App::with_marks(library, MarkStore::in_memory(), width, height)
    }

    /// The app at start-up: the whole library listed, the first publication selected and open beside it.
    pub fn with_marks(library: Library, marks: MarkStore, width: u16, height: u16) -> App {
        let catalog = Catalog::new(library);
        let index = Index::new(&catalog.publications);
        App::assemble(catalog, index, marks, width, height)
    }

    /// As [`App::with_marks`], but without the search index, which takes longer to build than the rest: the first
    /// frame need not wait for it. [`startup_effects`] asks for it to be built off the UI thread; a query typed
    /// meanwhile waits for it.
    pub fn before_indexing(library: Library, marks: MarkStore, width: u16, height: u16) -> App {
        let mut app = App::assemble(Catalog::new(library), Index::empty(), marks, width, height);
        app.search.indexing = true;
        app
    }

    /// As [`App::before_indexing`], on the first publications of a library too big to wait for: the whole library
    /// comes as [`Action::LibraryLoaded`], and its index is built only then.
    pub fn before_loading(first: Library, marks: MarkStore, width: u16, height: u16) -> App {
        let mut app = App::before_indexing(first, marks, width, height);
        app.loading = Loading::Running { acted: false };
        app
    }

    fn assemble(catalog: Catalog, index: Index, marks: MarkStore, width: u16, height: u16) -> App {
        let mut tree = TreeState::new(&catalog);
        tree.set_tags(update::tag_index(&catalog, &marks));
        let unread = update::count_unread(&catalog, &marks);
        let list = PublicationList::showing(catalog.nodes[catalog::ROOT].publications.to_vec());
        let focus = Pane::Publications;
        let tree_width = catalog.widest_row();
        let mut app = App {
            catalog: Arc::new(catalog),
            index: Arc::new(index),
            marks,
            unread,
            tree,
            list,
            listing: Listing::default(),
            reader: Reader::default(),
            search: SearchBar::default(),
            focus,
            help: None,
            wrapped_overlay: None,
            menu: None,
            tag_line: None,
            status: None,
            messages: MessageLog::default(),
            updates: Updates::default(),
            loading: Loading::Done,
            layout: ScreenLayout::new(width, height, focus, tree_width),
            tree_width,
            undo_mark_all: None,
            colors: true,
            notes_edited: false,
            palette: Palette::default(),
            keymap: Keymap::default(),
            words: words::WordsState::default(),
            save_failure_told: false,
            should_quit: false,
        };
        update::show_selection(&mut app);
        app
    }

    /// The app as the config file wants it: its keys, its colours, and the search scope and list order to
    /// start with (a restored session's order comes after, and wins).
    pub fn configured(mut self, config: &Config) -> App {
        self.keymap = config.keymap.clone();
        // The help's rows name the keys.
        self.wrapped_overlay = None;
        self.palette = config.palette;
        self.search.scope = config.scope;
        if self.listing.order != config.sort {
            self.listing.order = config.sort;
            update::sort_listed(&mut self);
        }
        self
    }

    /// Highlights the words of these lists from now on (the lists read at start-up).
    pub fn use_word_lists(&mut self, lists: crate::words::WordLists) {
        self.words = words::WordsState::new(lists);
        update::refresh_reader(self);
    }

    /// Shows `message` in the status bar and keeps it in the message log: for what the user may want to read
    /// again (a link, where a file went, a failure), which the next key would otherwise wipe.
    pub fn tell(&mut self, message: impl Into<String>) {
        let message = message.into();
        self.messages.push(message.clone());
        self.status = Some(message);
    }

    /// Warnings met before the screen opened (records skipped at import, an unreadable state file): all in
    /// the log, and the status bar says where to find them.
    pub fn report_startup_warnings(&mut self, warnings: Vec<String>) {
        let count = warnings.len();
        for warning in warnings {
            self.messages.push(warning);
        }
        self.status = match count {
            0 => None,
            1 => self.messages.lines.last().cloned(),
            _ => Some(match self.keymap.first_key_label(keymap::Context::Global, &Action::ToggleMessages) {
                Some(key) => format!("{count} warnings while loading: {key} shows them"),
                None => format!("{count} warnings while loading, in the message log"),
            }),
        };
    }

    /// What has the keyboard: the help overlay, a menu, the search line, or the focused pane.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self.messages.open.is_some() {
            Mode::Messages
        } else if let Some(menu) = self.menu {
            Mode::Menu(menu)
        } else if self.tag_line.is_some() {
            Mode::TagLine
        } else if self.search.editing {
            Mode::SearchLine
        } else {
            Mode::Pane(self.focus)
        }
    }

    /// Whether `action` would do anything now. The status bar hints only keys that would: `n match` with no
    /// match to jump to, or `s star` with nothing selected, would mislead.
    pub fn can(&self, action: &Action) -> bool {
        match action {
            Action::NextMatch | Action::PrevMatch => !self.reader.document.match_lines.is_empty(),
            Action::ToggleRead
            | Action::ToggleStar
            | Action::OpenCiteMenu
            | Action::OpenInBrowser
            | Action::EditNote
            | Action::StartTagging => self.list.selected.is_some(),
            Action::Open => self.focus != Pane::Publications || !self.list.ids.is_empty(),
            Action::OpenExportMenu | Action::StartTaggingList => !self.list.ids.is_empty(),
            Action::Up | Action::Down | Action::PageUp | Action::PageDown
                if matches!(self.mode(), Mode::Help | Mode::Messages) =>
            {
                self.overlay_scroll().is_some_and(|(_, max)| max > 0)
            }
            _ => true,
        }
    }

    /// The open overlay's rows (help or log) as (page, furthest scroll), for the screen as it is.
    pub fn overlay_scroll(&self) -> Option<(usize, usize)> {
        let wrapped = self.overlay_rows()?;
        let (screen, max_width, rows) = (self.layout.area, wrapped.max_width(), wrapped.row_count());
        Some((overlay::page(screen, max_width, rows), overlay::max_scroll(screen, max_width, rows)))
    }

    /// The open overlay's rows: those `update` kept when still wrapped for this screen and content (always,
    /// for a state `update` made), else wrapped now.
    pub fn overlay_rows(&self) -> Option<Cow<'_, WrappedOverlay>> {
        let key = self.overlay_key()?;
        Some(match &self.wrapped_overlay {
            Some(wrapped) if wrapped.key == key => Cow::Borrowed(wrapped),
            _ => Cow::Owned(WrappedOverlay::new(key, &self.keymap, &self.messages)),
        })
    }

    /// What the open overlay's rows must be wrapped for now.
    fn overlay_key(&self) -> Option<OverlayKey> {
        let screen = self.layout.area;
        if self.help.is_some() {
            Some(OverlayKey::Help { width: overlay::text_width(screen, overlay::HELP_WIDTH) })
        } else if self.messages.open.is_some() {
            let width = overlay::text_width(screen, overlay::LOG_WIDTH);
            Some(OverlayKey::Log { width, revision: self.messages.revision() })
        } else {
            None
        }
    }

    /// Wraps the open overlay's rows again if the screen or content changed since, and forgets them once closed.
    fn rewrap_overlay(&mut self) {
        let key = self.overlay_key();
        if self.wrapped_overlay.as_ref().map(|wrapped| wrapped.key) != key {
            self.wrapped_overlay = key.map(|key| WrappedOverlay::new(key, &self.keymap, &self.messages));
        }
    }

    /// The layout for a terminal size with the current focus.
    pub fn layout_for(&self, width: u16, height: u16) -> ScreenLayout {
        ScreenLayout::new(width, height, self.focus, self.tree_width)
    }

    /// How many publications the selected topic or tag holds, before filters and search.
    pub fn selection_size(&self) -> usize {
        match self.tree.selected_tag_papers() {
            Some(tagged) => tagged.len(),
            None => self.catalog.nodes[self.tree.selected].publications.len(),
        }
    }

    pub fn selected_publication(&self) -> Option<PubId> {
        self.list.selected_id()
    }

    /// "Treatments ▸ Biological Therapies ▸ Lenalidomide", or "Library" at the root.
    pub fn topic_path(&self) -> String {
        match &self.tree.selected_tag {
            Some(tree::TagPick::Branch) => return "Tags".to_string(),
            Some(tree::TagPick::Tag(tag)) => return format!("Tags ▸ {tag}"),
            None => {}
        }
        let path = self.catalog.path(self.tree.selected);
        if path.is_empty() { "Library".to_string() } else { path.join(" ▸ ") }
    }

    pub fn mark(&self, id: PubId) -> crate::marks::Mark {
        self.marks.get(self.catalog.key(id))
    }

    /// Copies of the publications with their abstracts and the reader's own annotations filled in, for what leaves
    /// the reader: exports and citations. An abstract that could not be read from its cache file is left out, and
    /// handed back with the others so.
    pub fn annotated(&self, ids: &[PubId]) -> (Vec<Publication>, Vec<crate::cache::UnreadableAbstract>) {
        let mut unreadable = Vec::new();
        let mut publications: Vec<Publication> = ids
            .iter()
            .map(|&id| {
                let (publication, problem) = self.catalog.with_abstract(id);
                unreadable.extend(problem);
                publication
            })
            .collect();
        crate::marks::annotate(&mut publications, &self.marks);
        (publications, unreadable)
    }

    /// The publication's tags, sorted.
    pub fn tags(&self, id: PubId) -> &[String] {
        self.marks.tags(self.catalog.key(id))
    }

    /// Every tag in use, sorted, each once: what the tag line completes from.
    pub fn known_tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self.marks.tagged().flat_map(|(_, tags)| tags.iter().map(String::as_str)).collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }
}

/// Runs an action and, at once and on this thread, every search, abstracts' index and word count it asks for; other
/// effects are returned. For tests and scripted use: the event loop runs searches in the background instead.
pub fn update_now(app: &mut App, action: Action) -> Vec<Effect> {
    let mut queue = vec![action];
    let mut outside = Vec::new();
    while let Some(action) = queue.pop() {
        for effect in update(app, action) {
            match effect {
                Effect::Search(job) => {
                    let hits = app.index.search(&job.query, job.scope, &job.within);
                    queue.push(Action::SearchDone { generation: job.generation, hits });
                }
                Effect::IndexAbstracts(job) => {
                    queue.push(Action::AbstractsIndexed(following::IndexedAbstracts(job.run())));
                }
                Effect::CountWords(job) => {
                    let scores = words::WordScores { generation: job.generation, scores: Arc::new(job.run()) };
                    queue.push(Action::WordsCounted(scores));
                }
                other => outside.push(other),
            }
        }
    }
    outside
}
