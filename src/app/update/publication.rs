//! Acting on the selected publication: marks, citations, export, opening it on PubMed.

use crate::app::tagging::TagLine;
use crate::formats::export::{self, CitationStyle, ExportFormat};
use crate::marks::MarkStore;
use crate::model::Publication;

use crate::app::App;
use crate::app::action::{Action, CopyField, Effect, Menu};
use crate::app::catalog::{Catalog, PubId};

use super::super::following::SharedCatalog;

/// What the event loop must do before the first key: build the search index if the app started without it,
/// and read the last session. The publication open at start-up starts no read timer: it was not chosen, so it
/// is not read until the user moves onto it or opens it.
pub fn startup_effects(app: &App) -> Vec<Effect> {
    let mut effects = Vec::new();
    // Still loading, both wait for the whole library (see `loading::loaded`).
    if app.loading.is_running() {
        return effects;
    }
    if app.search.indexing {
        effects.push(Effect::BuildIndex(SharedCatalog(app.catalog.clone())));
    }
    effects.extend(super::session::read(app));
    // The config may start the list sorted by highlighted words: they are counted once the lists are read.
    super::words::count_if_wanted(app, &mut effects);
    effects
}

pub(in crate::app) fn menu_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    app.menu = None;
    match action {
        Action::Cite(style) => cite(app, style, effects),
        Action::Export(format) => export_list(app, format, effects),
        Action::CopyField(field) => copy_field(app, field, effects),
        Action::ChooseWordList(choice) => super::words::choose(app, choice, effects),
        _ => {}
    }
}

/// Copies an identifier, the link or the abstract as it is; a publication without it says so and copies nothing.
fn copy_field(app: &mut App, field: CopyField, effects: &mut Vec<Effect>) {
    let Some(id) = app.list.selected_id() else { return };
    let (publication, unreadable) = app.catalog.with_abstract(id);
    if field == CopyField::Abstract
        && let Some(unreadable) = unreadable
    {
        app.tell(format!("Nothing was copied: {unreadable}"));
        return;
    }
    let publication = &publication;
    let known = |value: Option<&str>| value.map(str::trim).filter(|value| !value.is_empty()).map(str::to_string);
    let (text, what) = match field {
        CopyField::Doi => (known(publication.doi.as_deref()), "DOI"),
        CopyField::Pmid => (known(publication.pmid.as_deref()), "PMID"),
        CopyField::Link => (Some(export::pubmed_url(publication)), "link"),
        CopyField::Abstract => {
            let text = publication.abstract_text().trim().to_string();
            ((!text.is_empty()).then_some(text), "abstract")
        }
    };
    app.status = Some(match text {
        Some(text) => {
            let shown = if field == CopyField::Abstract { String::new() } else { format!(": {text}") };
            effects.push(Effect::Copy(text));
            format!("Copied the {what} to the clipboard{shown}")
        }
        None => format!("This publication has no {what}; nothing was copied"),
    });
}

pub(in crate::app) fn cite(app: &mut App, style: CitationStyle, effects: &mut Vec<Effect>) {
    let Some(id) = app.list.selected_id() else { return };
    // Whether it reached a clipboard depends on the terminal: the event loop says what it could find out.
    let (annotated, unreadable) = app.annotated(&[id]);
    tell_left_out(app, &unreadable, "the citation");
    effects.push(Effect::Copy(export::cite(&annotated[0], style)));
}

/// Says in the message log which abstracts were left out of `what` because they could not be read.
fn tell_left_out(app: &mut App, unreadable: &[crate::cache::UnreadableAbstract], what: &str) {
    if let Some(first) = unreadable.first() {
        let count = unreadable.len();
        app.messages.push(format!("warning: {count} abstract(s) left out of {what}: {first}"));
    }
}

pub(in crate::app) fn export_list(app: &mut App, format: ExportFormat, effects: &mut Vec<Effect>) {
    if app.list.ids.is_empty() {
        app.status = Some("Nothing to export: the list is empty".into());
        return;
    }
    let (annotated, unreadable) = app.annotated(&app.list.ids);
    tell_left_out(app, &unreadable, "the export");
    let publications: Vec<&Publication> = annotated.iter().collect();
    let contents = export::export(format, &publications);
    effects.push(Effect::WriteExport { format, contents, count: publications.len() });
}

pub(in crate::app) fn set_read(app: &mut App, id: PubId, read: bool, effects: &mut Vec<Effect>) {
    if app.mark(id).read == read {
        return;
    }
    app.marks.set_read(app.catalog.key(id), read);
    for node in app.catalog.nodes_listing(id) {
        app.unread[node] = if read { app.unread[node].saturating_sub(1) } else { app.unread[node] + 1 };
    }
    effects.push(Effect::SaveMarks);
}

/// Unread publications at or below each node.
pub(in crate::app) fn count_unread(catalog: &Catalog, marks: &MarkStore) -> Vec<usize> {
    // Each publication is looked up once, not once per topic above it.
    let unread: Vec<bool> = catalog.keys.iter().map(|key| !marks.get(key).read).collect();
    catalog.nodes.iter().map(|node| node.publications.iter().filter(|&id| unread[id as usize]).count()).collect()
}

/// Actions on the selected publication; true when `action` was one of them (handled, or refused with a message).
pub(in crate::app) fn publication_action(app: &mut App, action: &Action, effects: &mut Vec<Effect>) -> bool {
    let wanted = matches!(
        action,
        Action::ToggleRead
            | Action::ToggleStar
            | Action::OpenCiteMenu
            | Action::OpenInBrowser
            | Action::EditNote
            | Action::StartTagging
    );
    if !wanted {
        return false;
    }
    let Some(id) = app.list.selected_id() else {
        app.status = Some("Select a publication first".into());
        return true;
    };
    match action {
        Action::ToggleRead => {
            let read = !app.mark(id).read;
            set_read(app, id, read, effects);
            app.status = Some(if read { "Marked read" } else { "Marked unread" }.into());
        }
        Action::ToggleStar => {
            app.marks.toggle_starred(app.catalog.key(id));
            effects.push(Effect::SaveMarks);
            app.status = Some(if app.mark(id).starred { "Starred" } else { "Unstarred" }.into());
        }
        Action::OpenCiteMenu => app.menu = Some(Menu::Cite),
        Action::StartTagging => app.tag_line = Some(TagLine::new(vec![id], false)),
        Action::OpenInBrowser => {
            let url = export::pubmed_url(app.catalog.publication(id));
            app.tell(format!("Opening {url}"));
            effects.push(Effect::OpenUrl(url));
        }
        Action::EditNote => super::notes::edit(app, id, effects),
        _ => {}
    }
    true
}
