//! The whole library coming in after a start on its first publications: the reader showed those at once and
//! answered keys meanwhile; now the rest is taken in, and what waited for it (the search index, the last
//! session unless the reader has moved on) begins.

use super::following::{catalog_grew, open_new_topics};
use crate::app::App;
use crate::app::action::Effect;
use crate::app::following::{LoadedLibrary, Loading, SharedCatalog};
use crate::app::tree::TreeState;

pub(super) fn loaded(app: &mut App, loaded: LoadedLibrary, effects: &mut Vec<Effect>) {
    let Loading::Running { acted } = app.loading else { return };
    app.loading = Loading::Done;
    let nodes_before = app.catalog.nodes.len();
    let continues = loaded.catalog.begins_with(&app.catalog);
    let first = std::mem::replace(&mut app.catalog, loaded.catalog);
    if continues {
        // Ids only grew: the selection, the list and marks made meanwhile stay meaningful.
        super::notes::carry_over(app, &first);
        open_new_topics(app, nodes_before);
    } else {
        // A file changed between the first look and the whole load: the ids of the first look mean nothing here.
        app.tree = TreeState::new(&app.catalog);
        super::session::start_up_view(app, effects);
    }
    if acted && app.search.is_active() {
        // The status bar counts the search's matches: the warnings wait in the log.
        for warning in loaded.warnings {
            app.messages.push(warning);
        }
    } else if !loaded.warnings.is_empty() {
        app.report_startup_warnings(loaded.warnings);
    }
    catalog_grew(app, effects);
    // What a start on the whole library asks for at once; the last session only if it would undo nothing.
    effects.push(Effect::BuildIndex(SharedCatalog(app.catalog.clone())));
    if !acted {
        effects.extend(super::session::read(app));
    }
}

/// The first publications stay, searchable, and the reader says why the rest did not come.
pub(super) fn not_loaded(app: &mut App, why: String, effects: &mut Vec<Effect>) {
    if !app.loading.is_running() {
        return;
    }
    app.loading = Loading::Done;
    app.tell(format!("Only the first {} papers are shown: {why}", app.catalog.publications.len()));
    effects.push(Effect::BuildIndex(SharedCatalog(app.catalog.clone())));
}
