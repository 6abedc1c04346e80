//! `update(state, action)`: every change to the app happens here, synchronously and without I/O.
//! This file routes actions by mode and moves around; `list` decides what the list shows, `publication`
//! acts on the selected publication, and `view` keeps the abstract pane and every offset in range.

mod following;
mod list;
mod loading;
mod notes;
mod paste;
mod publication;
mod reading;
mod reports;
mod session;
mod tagging;
mod view;
mod words;

use crate::app::App;
use crate::app::action::{Action, Effect, Menu, Pane};
use crate::app::catalog::PubId;
use crate::app::following::Loading;
use crate::app::search_line::LineEdit;
use crate::app::tree::TagPick;
use crate::app::views::{PublicationList, ReaderContent};
use list::{list_changed, topic_changed};
use paste::paste_into_search;
use publication::{menu_action, publication_action, set_read};
use view::{clamp, clamp_scroll_only, jump_to_match, jump_to_section};

pub(super) use list::tag_index;
pub(super) use publication::count_unread;
pub use publication::startup_effects;
pub use view::search_line_rows;
pub(super) use view::{refresh_reader, show_selection};

/// Lists again in the order now chosen: for the order the config sets at start, before any query.
pub(super) fn sort_listed(app: &mut App) {
    let mut effects = Vec::new();
    list_changed(app, &mut effects);
}

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let shown_before = app.reader.content;
    let focus_before = app.focus;
    let moves_the_selection = is_a_move(&action);
    let opens = action == Action::Open;
    let from_the_background = action.is_report();
    if !from_the_background {
        // A message stays until the next thing the user does.
        app.status = None;
        if let Loading::Running { acted } = &mut app.loading {
            *acted = true;
        }
    }
    match action {
        Action::Quit => {
            app.should_quit = true;
            session::save(app, &mut effects);
        }
        Action::RestoreSession(text) => session::restore(app, &text, &mut effects),
        Action::ShowStatus(message) => app.tell(message),
        Action::BrowserFailed(message) => app.tell(message),
        Action::Started { colors, warnings } => reports::started(app, colors, warnings),
        Action::MarksSaved { written, warnings } => {
            reports::marks_saved(app, written, warnings);
            // Another process may have tagged papers meanwhile.
            if !app.tree.tags.is_empty() || app.marks.tagged().next().is_some() {
                list::tags_changed(app, &mut effects);
            }
        }
        Action::Copied(outcome) => reports::copied(app, outcome),
        Action::WordsSaved { written, warnings } => words::saved(app, written, warnings, &mut effects),
        Action::WordsCounted(scores) => words::counted(app, scores, &mut effects),
        Action::ExportWritten { format, count, path, failure } => {
            reports::export_written(app, format, count, &path, failure)
        }
        Action::NoteEdited { key, outcome } => notes::edited(app, &key, outcome, &mut effects),
        Action::SessionNotSaved { path, why } => {
            app.messages.push(format!("The session could not be saved to {}: {why}", path.display()))
        }
        Action::Suspend => effects.push(Effect::Suspend),
        Action::MarkReadIfShown(id) => {
            if app.reader.content == ReaderContent::Publication(id) && !app.mark(id).read {
                set_read(app, id, true, &mut effects);
            }
        }
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(0) },
        Action::ShowWordLists => {
            for line in app.words.describe() {
                app.messages.push(line);
            }
            app.messages.open = Some(0);
            overlay_action(app, Action::Bottom);
        }
        Action::ToggleMessages => {
            app.help = None;
            // The newest messages are at the end, and they are what the log is opened for.
            app.messages.open = if app.messages.open.is_some() { None } else { Some(0) };
            overlay_action(app, Action::Bottom);
        }
        Action::UpdateFollowed => following::start(app, &mut effects),
        Action::UpdateProgress(line) => following::progress(app, line),
        Action::LibraryGrew(grown) => following::grew(app, grown, &mut effects),
        Action::IndexBuilt(index) => following::index_built(app, index, &mut effects),
        Action::LibraryLoaded(loaded) => loading::loaded(app, loaded, &mut effects),
        Action::LibraryNotLoaded(why) => loading::not_loaded(app, why, &mut effects),
        Action::BackgroundFailed(why) => reports::background_failed(app, why),
        Action::JobFailed(job) => following::job_failed(app, job),
        Action::AbstractsIndexed(abstracts) => following::abstracts_indexed(app, abstracts.0, &mut effects),
        Action::UpdateFinished { summary, details } => following::finished(app, summary, details),
        Action::Resize { width, height } => {
            app.layout = app.layout_for(width, height);
            refresh_reader(app);
        }
        Action::SearchDone { generation, hits } => {
            if generation == app.search.generation {
                app.search.pending = false;
                let mut ids: Vec<PubId> = hits.into_iter().map(|hit| hit.id).collect();
                // "Page order" under a search means best match first; any other order is asked for on purpose.
                app.listing.sort(&app.catalog, &mut ids);
                // As in fzf, the best match is selected as results arrive.
                app.list = PublicationList::showing(ids);
                show_selection(app);
            }
        }
        _ if app.help.is_some() || app.messages.open.is_some() => overlay_action(app, action),
        _ if app.menu.is_some() => menu_action(app, action, &mut effects),
        _ if app.tag_line.is_some() => tagging::line_action(app, action, &mut effects),
        _ if app.search.editing => search_line_action(app, action, &mut effects),
        action => pane_action(app, action, &mut effects),
    }
    clamp(app);
    // A paper counts as read only once the user chose it: moved onto it, or opened its abstract. What shows by
    // itself (at start-up, the best match of a search, a restored session) is not a read.
    if let ReaderContent::Publication(id) = app.reader.content
        && !app.mark(id).read
        && !from_the_background
    {
        let moved_onto_it = moves_the_selection && app.reader.content != shown_before;
        let opened_it = app.focus == Pane::Abstract && (focus_before != Pane::Abstract || opens);
        if moved_onto_it || opened_it {
            effects.push(Effect::MarkReadLater(id));
        }
    }
    effects
}

/// Actions by which the user picks another publication or topic.
fn is_a_move(action: &Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::Top
            | Action::Bottom
            | Action::Click { .. }
            | Action::NextUnread
    )
}

/// Scrolls the help or the log, whichever is open, by the rows the ui draws.
fn overlay_action(app: &mut App, action: Action) {
    app.rewrap_overlay();
    let Some((page, max)) = app.overlay_scroll() else { return };
    let scroll = if app.help.is_some() { &mut app.help } else { &mut app.messages.open };
    let Some(at) = *scroll else { return };
    let moved = match action {
        Action::Down => at.saturating_add(1),
        Action::Up => at.saturating_sub(1),
        Action::PageDown => at.saturating_add(page),
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        _ => at,
    };
    *scroll = Some(moved.min(max));
}

fn search_line_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    match action {
        Action::SearchInput(c) => {
            app.search.insert(c.encode_utf8(&mut [0; 4]));
            list_changed(app, effects);
        }
        // Moving the cursor leaves nothing to search again.
        Action::SearchEdit(edit) if app.search.edit(edit) => list_changed(app, effects),
        Action::SearchCycleScope => {
            app.search.scope = app.search.scope.next();
            list_changed(app, effects);
        }
        Action::SearchAccept => app.search.editing = false,
        Action::Paste(text) => paste_into_search(app, &text, effects),
        Action::SearchClear => {
            app.search.editing = false;
            app.search.clear();
            list_changed(app, effects);
        }
        Action::Up => move_list(app, -1),
        Action::Down => move_list(app, 1),
        _ => {}
    }
}

fn pane_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    if publication_action(app, &action, effects) {
        return;
    }
    let page = app.layout.inner_height(app.focus).max(1) as isize;
    match action {
        Action::CycleSort => {
            app.listing.order = app.listing.order.next();
            app.status = Some(format!("Sorted by {}", app.listing.order.label()));
            words::count_if_wanted(app, effects);
            list_changed(app, effects);
        }
        Action::AddWord | Action::RemoveWord => words::open_menu(app, action == Action::AddWord, effects),
        Action::ToggleFilter(filter) => {
            app.listing.toggle(filter);
            let state = if app.listing.is_active(filter) { "on" } else { "off" };
            app.status = Some(format!("Only {}: {state}", filter.label()));
            list_changed(app, effects);
        }
        Action::OpenExportMenu => app.menu = Some(Menu::Export),
        Action::StartTaggingList => tagging::open_for_list(app),
        Action::FocusNext => focus(app, cycle(app.focus, 1)),
        Action::FocusPrev => focus(app, cycle(app.focus, -1)),
        Action::StartSearch => {
            app.search.editing = true;
            // A kept filter is opened for more typing, as a shell recalls a line.
            app.search.edit(LineEdit::End);
            focus(app, Pane::Publications);
        }
        // A paste is most likely something to find: it opens the search line with it, as `/` and typing would.
        Action::Paste(text) => {
            app.search.editing = true;
            focus(app, Pane::Publications);
            paste_into_search(app, &text, effects);
        }
        Action::Back => match app.focus {
            Pane::Abstract => focus(app, Pane::Publications),
            Pane::Publications => focus(app, Pane::Topics),
            Pane::Topics => {}
        },
        Action::Click { column, row } => click(app, column, row, effects),
        Action::ScrollUpAt { column, row } => scroll_at(app, column, row, -3),
        Action::ScrollDownAt { column, row } => scroll_at(app, column, row, 3),
        Action::Up => move_in_pane(app, -1, effects),
        Action::Down => move_in_pane(app, 1, effects),
        Action::PageUp => move_in_pane(app, -page, effects),
        Action::PageDown => move_in_pane(app, page, effects),
        Action::HalfPageUp => move_in_pane(app, -(page / 2).max(1), effects),
        Action::HalfPageDown => move_in_pane(app, (page / 2).max(1), effects),
        Action::Top => move_in_pane(app, isize::MIN / 2, effects),
        Action::Bottom => move_in_pane(app, isize::MAX / 2, effects),
        Action::NextMatch => jump_to_match(app, true),
        Action::PrevMatch => jump_to_match(app, false),
        Action::NextSection => jump_to_section(app, true),
        Action::PrevSection => jump_to_section(app, false),
        Action::NextUnread => reading::next_unread(app),
        Action::MarkAllRead => reading::mark_all_read(app, effects),
        Action::UndoMarkAll => reading::undo_mark_all(app, effects),
        Action::Open => match app.focus {
            Pane::Topics => {
                app.tree.toggle(&app.catalog);
                topic_changed(app, effects);
            }
            Pane::Publications => {
                if app.list.selected.is_none() && !app.list.ids.is_empty() {
                    app.list.selected = Some(0);
                    show_selection(app);
                }
                focus(app, Pane::Abstract);
            }
            Pane::Abstract => {}
        },
        Action::Left => match app.focus {
            Pane::Topics => {
                let before = tree_pick(app);
                app.tree.collapse_or_leave(&app.catalog);
                if tree_pick(app) != before {
                    topic_changed(app, effects);
                }
            }
            Pane::Publications => focus(app, Pane::Topics),
            Pane::Abstract => focus(app, Pane::Publications),
        },
        Action::Right => match app.focus {
            Pane::Topics => {
                let before = tree_pick(app);
                if app.tree.is_leaf(&app.catalog) {
                    focus(app, Pane::Publications);
                } else {
                    app.tree.expand_or_enter(&app.catalog);
                    if tree_pick(app) != before {
                        topic_changed(app, effects);
                    }
                }
            }
            Pane::Publications => {
                if app.list.selected.is_some() {
                    focus(app, Pane::Abstract);
                }
            }
            Pane::Abstract => {}
        },
        _ => {}
    }
}

/// The tree's selection, topic or tag, to tell whether a key moved it.
fn tree_pick(app: &App) -> (usize, Option<TagPick>) {
    (app.tree.selected, app.tree.selected_tag.clone())
}

fn cycle(pane: Pane, step: isize) -> Pane {
    let at = Pane::ALL.iter().position(|&other| other == pane).unwrap_or(0) as isize;
    Pane::ALL[(at + step).rem_euclid(Pane::ALL.len() as isize) as usize]
}

fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    // On narrow terminals the tree and the list share a column: focus decides which one shows.
    app.layout = app.layout_for(app.layout.area.width, app.layout.area.height);
    if pane == Pane::Publications && app.list.selected.is_none() && !app.list.ids.is_empty() {
        app.list.selected = Some(0);
        show_selection(app);
    }
}

fn move_in_pane(app: &mut App, delta: isize, effects: &mut Vec<Effect>) {
    match app.focus {
        Pane::Topics => {
            let before = tree_pick(app);
            app.tree.move_by(&app.catalog, delta);
            if tree_pick(app) != before {
                topic_changed(app, effects);
            }
        }
        Pane::Publications => move_list(app, delta),
        Pane::Abstract => {
            app.reader.scroll = app.reader.scroll.saturating_add_signed(delta);
        }
    }
}

fn move_list(app: &mut App, delta: isize) {
    if app.list.ids.is_empty() {
        return;
    }
    let last = app.list.ids.len() - 1;
    let target = match app.list.selected {
        Some(row) => row.saturating_add_signed(delta).min(last),
        None if delta < 0 => last,
        None => 0,
    };
    if app.list.selected != Some(target) {
        app.list.selected = Some(target);
        show_selection(app);
    }
}

fn click(app: &mut App, column: u16, row: u16, effects: &mut Vec<Effect>) {
    let Some(pane) = app.layout.pane_at(column, row) else { return };
    focus(app, pane);
    let Some(rect) = app.layout.pane_rect(pane) else { return };
    if row <= rect.y || row + 1 >= rect.bottom() {
        return;
    }
    let line = (row - rect.y - 1) as usize;
    match pane {
        Pane::Topics => {
            let before = tree_pick(app);
            app.tree.select_row(&app.catalog, app.tree.offset + line);
            if tree_pick(app) != before {
                topic_changed(app, effects);
            }
        }
        Pane::Publications => {
            let target = app.list.offset + line;
            if target < app.list.ids.len() && app.list.selected != Some(target) {
                app.list.selected = Some(target);
                show_selection(app);
            }
        }
        Pane::Abstract => {}
    }
}

fn scroll_at(app: &mut App, column: u16, row: u16, delta: isize) {
    match app.layout.pane_at(column, row) {
        Some(Pane::Abstract) => app.reader.scroll = app.reader.scroll.saturating_add_signed(delta),
        Some(Pane::Publications) => app.list.offset = app.list.offset.saturating_add_signed(delta),
        Some(Pane::Topics) => app.tree.offset = app.tree.offset.saturating_add_signed(delta),
        None => {}
    }
    clamp_scroll_only(app);
}
