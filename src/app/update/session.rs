//! Saving where the reader is on quit, and opening there again at the next start.

use super::focus;
use super::list::topic_changed;
use super::view::show_selection;
use crate::app::App;
use crate::app::action::{Effect, Pane};
use crate::app::catalog::{NodeId, ROOT};
use crate::app::session::{Session, path_beside};

/// The session to write on quit, beside the state file; nothing when marks are not kept in a file either.
pub(super) fn save(app: &App, effects: &mut Vec<Effect>) {
    if let Some(state_file) = app.marks.path() {
        effects.push(Effect::WriteSession { path: path_beside(state_file), contents: Session::of(app).to_json() });
    }
}

/// What the event loop reads at start-up: the session file beside the state file.
pub(super) fn read(app: &App) -> Option<Effect> {
    app.marks.path().map(|state_file| Effect::ReadSession(path_beside(state_file)))
}

/// Opens where the last session left off. Anything that cannot be found any more falls back to the start-up
/// view, and a file that cannot be read is ignored: a session is a convenience, never a reason to fail.
pub(super) fn restore(app: &mut App, text: &str, effects: &mut Vec<Effect>) {
    let session = match Session::parse(text) {
        Ok(session) => session,
        Err(why) => return note(app, format!("The last session could not be restored ({why}); starting afresh")),
    };
    app.listing.order = session.sort_order();
    super::words::count_if_wanted(app, effects);
    app.listing.filters = session.known_filters();
    let Some(node) = find_topic(app, &session.topic) else {
        note(app, format!("The last session's topic “{}” is not in this library", session.topic.join(" ▸ ")));
        return start_up_view(app, effects);
    };
    select_topic(app, node);
    topic_changed(app, effects);
    let Some(key) = &session.paper else {
        // A topic was shown without a paper chosen: that is where the reader was.
        return focus(app, if session.focus() == Pane::Topics { Pane::Topics } else { Pane::Publications });
    };
    match app.list.ids.iter().position(|&id| app.catalog.key(id) == key) {
        Some(row) => {
            app.list.selected = Some(row);
            show_selection(app);
            app.reader.scroll = session.scroll_in(&app.reader.document.section_lines);
            focus(app, session.focus());
        }
        None => {
            note(app, "The paper you were reading last time is no longer listed here".to_string());
            start_up_selection(app);
        }
    }
}

fn find_topic(app: &App, path: &[String]) -> Option<NodeId> {
    (0..app.catalog.nodes.len())
        .find(|&node| app.catalog.path(node).iter().copied().eq(path.iter().map(String::as_str)))
}

fn select_topic(app: &mut App, node: NodeId) {
    let mut above = app.catalog.nodes[node].parent;
    while let Some(parent) = above {
        app.tree.expanded.insert(parent);
        above = app.catalog.nodes[parent].parent;
    }
    app.tree.selected = node;
}

/// The whole library listed, its first paper selected, as at every start without a session.
pub(super) fn start_up_view(app: &mut App, effects: &mut Vec<Effect>) {
    select_topic(app, ROOT);
    topic_changed(app, effects);
    start_up_selection(app);
}

fn start_up_selection(app: &mut App) {
    app.list.selected = (!app.list.ids.is_empty()).then_some(0);
    show_selection(app);
    focus(app, Pane::Publications);
}

/// A restore problem goes to the message log, and to the status bar unless a start-up warning is there already.
fn note(app: &mut App, message: String) {
    app.messages.push(message.clone());
    app.status.get_or_insert(message);
}
