//! What is built in the background and taken in here: the search index at start-up, and followed topics updating
//! (starting, progress, papers arriving, the end).

use std::collections::HashSet;
use std::sync::Arc;

use super::list::list_changed;
use super::publication::count_unread;
use super::view::refresh_reader;
use crate::app::App;
use crate::app::action::{BackgroundJob, Effect};
use crate::app::catalog::NodeId;
use crate::app::following::{AbstractsJob, GrownLibrary, SharedIndex};
use crate::app::listing::Filter;
use crate::search::{Abstracts, Scope};

pub(super) fn start(app: &mut App, effects: &mut Vec<Effect>) {
    if app.updates.running {
        app.status = Some("An update is already running".into());
        return;
    }
    // Its papers would be added to the first ones only, and lost when the whole library comes in.
    if app.loading.is_running() {
        app.status = Some("The library is still loading: update once it is in".into());
        return;
    }
    app.updates.running = true;
    app.updates.progress = Some("starting".into());
    // "New" means new from this update once it brings anything; until then the last one's papers stay.
    app.listing.arrived = HashSet::new();
    if app.listing.is_active(Filter::Arrived) {
        list_changed(app, effects);
    }
    app.status = Some("Updating followed topics from PubMed…".into());
    effects.push(Effect::UpdateFollowed);
}

pub(super) fn progress(app: &mut App, line: String) {
    if app.updates.running {
        app.updates.progress = Some(line);
    }
}

/// Takes in the library a batch grew: ids only ever get appended, so the selection, marks and any search
/// in flight stay meaningful; the list is made again around the selected paper.
pub(super) fn grew(app: &mut App, grown: GrownLibrary, effects: &mut Vec<Effect>) {
    let nodes_before = app.catalog.nodes.len();
    let older = std::mem::replace(&mut app.catalog, grown.catalog);
    let older_index = std::mem::replace(&mut app.index, grown.index);
    // The grown index covers every publication: one still being built at start-up is out of date.
    app.search.indexing = false;
    super::notes::carry_over(app, &older);
    effects.push(Effect::UseIndex(SharedIndex(app.index.clone())));
    // Abstracts built once grow with the library (those being built grow when they arrive); until then a search
    // of everything waits.
    if !app.index.covers(Scope::Everything)
        && let Some(abstracts) = older_index.abstracts()
    {
        index_abstracts(app, Some(abstracts.clone()), effects);
    }
    app.listing.arrived.extend(grown.arrived.iter().copied());
    open_new_topics(app, nodes_before);
    catalog_grew(app, effects);
}

/// What follows from more papers and topics in the catalog: counts, the tree's width and tags, the list made again
/// around the selected paper, and the new papers' word scores when the list is sorted by them.
pub(super) fn catalog_grew(app: &mut App, effects: &mut Vec<Effect>) {
    app.unread = count_unread(&app.catalog, &app.marks);
    app.tree_width = app.catalog.widest_row();
    app.layout = app.layout_for(app.layout.area.width, app.layout.area.height);
    app.tree.set_tags(super::list::tag_index(&app.catalog, &app.marks));
    super::words::count_if_wanted(app, effects);
    list_changed(app, effects);
    refresh_reader(app);
}

/// The index asked for at start-up is in: searches run on it from now on, starting with a query typed meanwhile.
pub(super) fn index_built(app: &mut App, index: SharedIndex, effects: &mut Vec<Effect>) {
    // One of fewer publications than the catalog was begun before the library grew, and the grown one came first.
    if !app.search.indexing || index.0.len() != app.catalog.publications.len() {
        return;
    }
    app.search.indexing = false;
    // Begun before a note was edited, it lacks the edit.
    app.index = if app.notes_edited { Arc::new(index.0.with_notes(&app.catalog.publications)) } else { index.0 };
    effects.push(Effect::UseIndex(SharedIndex(app.index.clone())));
    if app.search.is_active() {
        list_changed(app, effects);
    }
}

/// A job the reader waited for failed (its panic was told): a search waiting for it stops saying it waits, and the
/// search line says it cannot be answered instead of promising an answer forever.
pub(super) fn job_failed(app: &mut App, job: BackgroundJob) {
    match job {
        BackgroundJob::Index => {
            app.search.indexing = false;
            app.search.index_failed = true;
            app.search.pending = false;
        }
        BackgroundJob::AbstractsIndex => {
            app.search.indexing_abstracts = false;
            app.search.abstracts_failed = true;
            if !app.index.covers(app.search.scope) {
                app.search.pending = false;
            }
        }
        // Nothing waits for the scores: the highlighted sort keeps the order it had.
        BackgroundJob::WordCount => {}
    }
}

/// Asks for the abstracts' search text, grown from `known`, unless it is already being built.
pub(super) fn index_abstracts(app: &mut App, known: Option<Abstracts>, effects: &mut Vec<Effect>) {
    if app.search.indexing_abstracts {
        return;
    }
    app.search.indexing_abstracts = true;
    effects.push(Effect::IndexAbstracts(AbstractsJob { catalog: app.catalog.clone(), known }));
}

/// The abstracts asked for are in: a search of everything waiting for them runs now.
pub(super) fn abstracts_indexed(app: &mut App, abstracts: Abstracts, effects: &mut Vec<Effect>) {
    app.search.indexing_abstracts = false;
    if abstracts.len() < app.catalog.publications.len() {
        // Begun before the library grew: the papers that came since are added to them.
        index_abstracts(app, Some(abstracts), effects);
        return;
    }
    // Taken only by an index of as many publications (see `Index::with_abstracts`).
    app.index = Arc::new(app.index.with_abstracts(abstracts));
    effects.push(Effect::UseIndex(SharedIndex(app.index.clone())));
    if app.search.pending {
        list_changed(app, effects);
    }
}

/// New topics (and topics that got their first sub-topic) open, as every topic is open at start-up.
pub(super) fn open_new_topics(app: &mut App, nodes_before: usize) {
    let new_nodes = nodes_before..app.catalog.nodes.len();
    let parents: Vec<NodeId> = new_nodes.clone().filter_map(|node| app.catalog.nodes[node].parent).collect();
    for node in new_nodes.chain(parents) {
        if !app.catalog.nodes[node].children.is_empty() {
            app.tree.expanded.insert(node);
        }
    }
}

pub(super) fn finished(app: &mut App, summary: String, details: Vec<String>) {
    app.updates = Default::default();
    for line in details {
        app.messages.push(line);
    }
    app.tell(summary);
    if !app.listing.arrived.is_empty()
        && let Some(status) = &mut app.status
    {
        status.push_str(" (w: only these)");
    }
}
