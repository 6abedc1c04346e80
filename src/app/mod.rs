//! Application state and the pure `update(state, action)`.
//!
//! The state is plain data (indices, offsets, the wrapped text of the abstract pane); [`update`] is the only
//! thing that changes it, and it never does I/O: what it needs done outside comes back as [`Effect`]s.

pub mod action;
pub mod catalog;
pub mod document;
pub mod following;
pub mod keymap;
pub mod layout;
pub mod listing;
pub mod messages;
pub mod tree;
mod update;
mod views;

use std::sync::Arc;

pub use action::{Action, Effect, Menu, Pane, SearchJob};
pub use catalog::{Catalog, NodeId, PubId};
pub use update::{search_line_rows, startup_effects, update};
pub use views::{PublicationList, Reader, ReaderContent, SearchBar};

use crate::marks::MarkStore;
use crate::model::Library;
use crate::search::Index;
use following::Updates;
use keymap::Mode;
use layout::ScreenLayout;
use listing::Listing;
use messages::MessageLog;
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
    /// A message for the status bar until the next key (what was copied, where an export went).
    pub status: Option<String>,
    /// Messages worth reading again, and whether their overlay is open.
    pub messages: MessageLog,
    /// The update of followed topics, when one runs.
    pub updates: Updates,
    pub layout: ScreenLayout,
    /// Columns the topic tree would like, from its widest row.
    pub tree_width: u16,
    /// False under `NO_COLOR`: the ui then marks things with bold, reverse and underline only.
    pub colors: bool,
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

    fn assemble(catalog: Catalog, index: Index, marks: MarkStore, width: u16, height: u16) -> App {
        let tree = TreeState::new(&catalog);
        let unread = update::count_unread(&catalog, &marks);
        let list = PublicationList::showing(catalog.nodes[catalog::ROOT].publications.clone());
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
            menu: None,
            status: None,
            messages: MessageLog::default(),
            updates: Updates::default(),
            layout: ScreenLayout::new(width, height, focus, tree_width),
            tree_width,
            colors: true,
            should_quit: false,
        };
        update::show_selection(&mut app);
        app
    }

    /// What has the keyboard: the help overlay, a menu, the search line, or the focused pane.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            Mode::Help
        } else if self.messages.open.is_some() {
            Mode::Messages
        } else if let Some(menu) = self.menu {
            Mode::Menu(menu)
        } else if self.search.editing {
            Mode::SearchLine
        } else {
            Mode::Pane(self.focus)
        }
    }

    /// The layout for a terminal size with the current focus.
    pub fn layout_for(&self, width: u16, height: u16) -> ScreenLayout {
        ScreenLayout::new(width, height, self.focus, self.tree_width)
    }

    pub fn selected_publication(&self) -> Option<PubId> {
        self.list.selected_id()
    }

    /// "Treatments ▸ Biological Therapies ▸ Lenalidomide", or "Library" at the root.
    pub fn topic_path(&self) -> String {
        let path = self.catalog.path(self.tree.selected);
        if path.is_empty() { "Library".to_string() } else { path.join(" ▸ ") }
    }

    pub fn mark(&self, id: PubId) -> crate::marks::Mark {
        self.marks.get(self.catalog.key(id))
    }
}

/// Runs an action and, at once and on this thread, every search and read timer it asks for; other effects
/// are returned. For tests and scripted use: the event loop runs searches in the background instead.
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
                other => outside.push(other),
            }
        }
    }
    outside
}
