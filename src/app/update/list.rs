//! What the list shows: the selected topic's publications, filtered, then searched or sorted.

use super::view::show_selection;
use crate::app::App;
use crate::app::action::{Effect, Pane, SearchJob};
use std::collections::BTreeMap;

use crate::app::catalog::{Catalog, PubId, ROOT};
use crate::app::views::PublicationList;
use crate::marks::MarkStore;

/// A new topic is selected: list what is under it (searching it when a filter is in force), no publication chosen.
pub(in crate::app) fn topic_changed(app: &mut App, effects: &mut Vec<Effect>) {
    app.list = PublicationList { selected: None, ..PublicationList::showing(candidates(app)) };
    if app.search.is_active() {
        list_changed(app, effects);
    } else {
        let mut ids = std::mem::take(&mut app.list.ids);
        app.listing.sort(&app.catalog, &mut ids);
        app.list.ids = ids;
    }
    show_selection(app);
}

/// Shows `ids`, keeping the selection on the same publication when it is among them.
pub(in crate::app) fn relist(app: &mut App, ids: Vec<PubId>) {
    let keep = app.list.selected_id();
    let had_selection = app.list.selected.is_some();
    app.list = PublicationList::showing(ids);
    match keep.and_then(|id| app.list.ids.iter().position(|&other| other == id)) {
        Some(row) => app.list.selected = Some(row),
        None if !had_selection && app.focus == Pane::Topics => app.list.selected = None,
        None => {}
    }
    show_selection(app);
}

/// The selected topic's publications that pass the filters, in library order: what a search looks through.
pub(in crate::app) fn candidates(app: &App) -> Vec<PubId> {
    if let Some(tagged) = app.tree.selected_tag_papers() {
        return app.listing.filter(&app.catalog, &app.marks, tagged);
    }
    let node = app.catalog.nodes.get(app.tree.selected).or(app.catalog.nodes.get(ROOT));
    node.map_or(Vec::new(), |node| app.listing.filter(&app.catalog, &app.marks, node.publications.iter()))
}

/// Each tag in use in the library, with its papers in library order, sorted by tag.
pub(in crate::app) fn tag_index(catalog: &Catalog, marks: &MarkStore) -> Vec<(String, Vec<PubId>)> {
    let mut by_tag: BTreeMap<&str, Vec<PubId>> = BTreeMap::new();
    for (id, key) in catalog.keys.iter().enumerate() {
        for tag in marks.tags(key) {
            by_tag.entry(tag).or_default().push(id as PubId);
        }
    }
    by_tag.into_iter().map(|(tag, ids)| (tag.to_string(), ids)).collect()
}

/// Tags changed (here, in another process, or with new papers): the Tags branch counts again, and a list
/// showing a tag shows who has it now.
pub(in crate::app) fn tags_changed(app: &mut App, effects: &mut Vec<Effect>) {
    let tags = tag_index(&app.catalog, &app.marks);
    if tags == app.tree.tags {
        return;
    }
    if app.tree.set_tags(tags) {
        topic_changed(app, effects);
    } else if app.tree.selected_tag.is_some() {
        list_changed(app, effects);
    }
}

/// What the list is made from changed (query, scope, order or filters): list again, through the search when a
/// query is in force, keeping the selected publication where it is still listed.
pub(in crate::app) fn list_changed(app: &mut App, effects: &mut Vec<Effect>) {
    // Answers to earlier queries are out of date now, whatever this one turns out to be.
    app.search.generation += 1;
    if !app.search.is_active() {
        // Without a query the topic is listed as it is: nothing to wait for.
        app.search.pending = false;
        let mut ids = candidates(app);
        app.listing.sort(&app.catalog, &mut ids);
        relist(app, ids);
        return;
    }
    app.search.pending = true;
    let cannot_answer = app.search.index_failed || (app.search.abstracts_failed && !app.index.covers(app.search.scope));
    if cannot_answer {
        // Told in the search line; the list stays as it was.
        app.search.pending = false;
        return;
    }
    if app.search.indexing {
        // Asked for again when the index is in (`index_built`): the query is kept, the answer waits for it.
        return;
    }
    if !app.index.covers(app.search.scope) {
        // Likewise when the abstracts are in (`abstracts_indexed`).
        super::following::index_abstracts(app, None, effects);
        return;
    }
    effects.push(Effect::Search(SearchJob {
        generation: app.search.generation,
        query: app.search.query.clone(),
        scope: app.search.scope,
        within: candidates(app).into(),
    }));
}
