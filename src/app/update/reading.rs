//! Working through a topic: the next unread paper, and marking everything listed read, with an undo.

use super::publication::set_read;
use super::view::show_selection;
use crate::app::App;
use crate::app::action::{Effect, Pane};
use crate::app::catalog::PubId;

/// Selects the first unread publication after the selected one, wrapping around to the top of the list.
pub(super) fn next_unread(app: &mut App) {
    let count = app.list.ids.len();
    let start = app.list.selected.map_or(0, |row| row + 1);
    let found = (0..count).map(|step| (start + step) % count).find(|&row| {
        let id = app.list.ids[row];
        Some(row) != app.list.selected && !app.mark(id).read
    });
    let Some(row) = found else {
        let current_unread = app.list.selected_id().is_some_and(|id| !app.mark(id).read);
        let other = if current_unread { "other " } else { "" };
        app.status = Some(format!("No {other}unread publication in this list"));
        return;
    };
    if app.focus == Pane::Topics {
        app.focus = Pane::Publications;
        app.layout = app.layout_for(app.layout.area.width, app.layout.area.height);
    }
    app.list.selected = Some(row);
    show_selection(app);
}

/// Marks every listed publication read and remembers which were unread, so `z` gives exactly those back:
/// losing the read state of a whole topic to one key must be recoverable.
pub(super) fn mark_all_read(app: &mut App, effects: &mut Vec<Effect>) {
    let unread: Vec<_> = app.list.ids.iter().copied().filter(|&id| !app.mark(id).read).collect();
    if unread.is_empty() {
        app.status = Some("Every listed publication is read already".into());
        return;
    }
    set_read_of_all(app, &unread, true, effects);
    // Kept in the log too: the status line is gone at the next key, and this is how to get the marks back.
    app.tell(format!("Marked {} read — press z to undo", publications(unread.len())));
    app.undo_mark_all = Some(unread);
}

pub(super) fn undo_mark_all(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(ids) = app.undo_mark_all.take() else {
        app.status = Some("Nothing to undo: z undoes the last A (mark all read)".into());
        return;
    };
    set_read_of_all(app, &ids, false, effects);
    app.tell(format!("Undone: {} unread again", publications(ids.len())));
}

/// Sets the read mark of every one of `ids`, saved once for all of them.
fn set_read_of_all(app: &mut App, ids: &[PubId], read: bool, effects: &mut Vec<Effect>) {
    // set_read asks for a save each; one is enough.
    let mut saves = Vec::new();
    for &id in ids {
        set_read(app, id, read, &mut saves);
    }
    effects.push(Effect::SaveMarks);
}

/// "1 publication", "3 publications".
/// "1 publication", "3 publications": how messages count what an action changed.
pub(super) fn publications(count: usize) -> String {
    let noun = if count == 1 { "publication" } else { "publications" };
    format!("{count} {noun}")
}
