//! The selected paper's note: asking for it to be edited, and taking the edit in. The note lives in the catalog's
//! publication (where the abstract pane, the list's flag, exports and the search index read it), so an edit
//! changes it there, and the index's notes with it.

use std::sync::Arc;

use super::list::list_changed;
use super::view::refresh_reader;
use crate::app::App;
use crate::app::action::Effect;
use crate::app::catalog::{Catalog, PubId};
use crate::app::following::SharedIndex;
use crate::notes::{self, NoteOutcome, NoteRequest};

pub(super) fn edit(app: &mut App, id: PubId, effects: &mut Vec<Effect>) {
    let publication = app.catalog.publication(id);
    let key = app.catalog.key(id).to_string();
    let stem = notes::file_stem(publication, &key);
    effects.push(Effect::EditNote(NoteRequest { stem, paper: notes::paper_line(publication), key }));
}

pub(super) fn edited(app: &mut App, key: &str, outcome: NoteOutcome, effects: &mut Vec<Effect>) {
    match outcome {
        NoteOutcome::Unchanged => app.status = Some("Note unchanged".into()),
        NoteOutcome::Failed(why) => app.tell(why),
        NoteOutcome::Saved { note, path, both_kept } => {
            let message = match (&note, both_kept) {
                (_, true) => format!(
                    "The note was also changed by another lenaview while you edited it: both texts are kept in {}",
                    path.display()
                ),
                (Some(_), false) => format!("Note saved to {}", path.display()),
                (None, false) => format!("Note emptied: removed {}", path.display()),
            };
            set_note(app, key, note, effects);
            app.tell(message);
        }
    }
}

fn set_note(app: &mut App, key: &str, note: Option<String>, effects: &mut Vec<Effect>) {
    let ids: Vec<usize> =
        app.catalog.keys.iter().enumerate().filter(|(_, each)| *each == key).map(|(id, _)| id).collect();
    if ids.is_empty() {
        return;
    }
    // Cloned only if a background update or index build still holds this catalog.
    let catalog = Arc::make_mut(&mut app.catalog);
    for id in ids {
        catalog.publications[id].note = note.clone();
    }
    app.notes_edited = true;
    // An index still being built is given the notes when it arrives (see `index_built`).
    if !app.search.indexing {
        app.index = Arc::new(app.index.with_notes(&app.catalog.publications));
        effects.push(Effect::UseIndex(SharedIndex(app.index.clone())));
    }
    if app.search.is_active() {
        list_changed(app, effects);
    }
    refresh_reader(app);
}

/// A catalog grown in the background from an older one knows the notes as they were when it began: the notes of
/// `older` (ids only ever get appended, so they are the same papers) are taken over.
pub(super) fn carry_over(app: &mut App, older: &Catalog) {
    if !app.notes_edited {
        return;
    }
    let stale: Vec<usize> = (0..older.publications.len().min(app.catalog.publications.len()))
        .filter(|&id| older.publications[id].note != app.catalog.publications[id].note)
        .collect();
    if stale.is_empty() {
        return;
    }
    let catalog = Arc::make_mut(&mut app.catalog);
    for id in stale {
        catalog.publications[id].note = older.publications[id].note.clone();
    }
    // As for an edit: an index still being built is given the notes when it arrives (see `index_built`).
    if !app.search.indexing {
        app.index = Arc::new(app.index.with_notes(&app.catalog.publications));
    }
}
