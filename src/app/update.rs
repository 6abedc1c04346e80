//! `update(state, action)`: every change to the app happens here, synchronously and without I/O.

use crate::formats::export::{self, CitationStyle, ExportFormat};
use crate::marks::MarkStore;
use crate::search::{Scope, word_ranges};

use super::App;
use super::action::{Action, Effect, Menu, Pane, SearchJob};
use super::catalog::{Catalog, PubId, ROOT};
use super::document;
use super::keymap::help_lines;
use super::tree::clamp_offset;
use super::views::{PublicationList, ReaderContent};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let shown_before = app.reader.content;
    if !matches!(action, Action::SearchDone { .. } | Action::MarkReadIfShown(_) | Action::Resize { .. }) {
        // A message stays until the next thing the user does.
        app.status = None;
    }
    match action {
        Action::Quit => app.should_quit = true,
        Action::ShowStatus(message) => app.status = Some(message),
        Action::MarkReadIfShown(id) => {
            if app.reader.content == ReaderContent::Publication(id) && !app.mark(id).read {
                set_read(app, id, true, &mut effects);
            }
        }
        Action::ToggleHelp => app.help = if app.help.is_some() { None } else { Some(0) },
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
        _ if app.help.is_some() => help_action(app, action),
        _ if app.menu.is_some() => menu_action(app, action, &mut effects),
        _ if app.search.editing => search_line_action(app, action, &mut effects),
        action => pane_action(app, action, &mut effects),
    }
    clamp(app);
    if let ReaderContent::Publication(id) = app.reader.content
        && app.reader.content != shown_before
        && !app.mark(id).read
    {
        effects.push(Effect::MarkReadLater(id));
    }
    effects
}

/// What the event loop must do before the first key: start the read timer of the publication open at start-up.
pub fn startup_effects(app: &App) -> Vec<Effect> {
    match app.reader.content {
        ReaderContent::Publication(id) if !app.mark(id).read => vec![Effect::MarkReadLater(id)],
        _ => Vec::new(),
    }
}

fn menu_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    app.menu = None;
    match action {
        Action::Cite(style) => cite(app, style, effects),
        Action::Export(format) => export_list(app, format, effects),
        _ => {}
    }
}

fn cite(app: &mut App, style: CitationStyle, effects: &mut Vec<Effect>) {
    let Some(id) = app.list.selected_id() else { return };
    effects.push(Effect::Copy(export::cite(app.catalog.publication(id), style)));
    app.status = Some(format!("Copied the {} citation to the clipboard", style.label()));
}

fn export_list(app: &mut App, format: ExportFormat, effects: &mut Vec<Effect>) {
    let publications: Vec<_> = app.list.ids.iter().map(|&id| app.catalog.publication(id)).collect();
    if publications.is_empty() {
        app.status = Some("Nothing to export: the list is empty".into());
        return;
    }
    let contents = export::export(format, &publications);
    effects.push(Effect::WriteExport { format, contents, count: publications.len() });
}

fn set_read(app: &mut App, id: PubId, read: bool, effects: &mut Vec<Effect>) {
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
pub(super) fn count_unread(catalog: &Catalog, marks: &MarkStore) -> Vec<usize> {
    catalog
        .nodes
        .iter()
        .map(|node| node.publications.iter().filter(|&&id| !marks.get(catalog.key(id)).read).count())
        .collect()
}

/// Actions on the selected publication; `None` when there is none to act on.
fn publication_action(app: &mut App, action: &Action, effects: &mut Vec<Effect>) -> bool {
    let wanted =
        matches!(action, Action::ToggleRead | Action::ToggleStar | Action::OpenCiteMenu | Action::OpenInBrowser);
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
        Action::OpenInBrowser => {
            let url = export::pubmed_url(app.catalog.publication(id));
            app.status = Some(format!("Opening {url}"));
            effects.push(Effect::OpenUrl(url));
        }
        _ => {}
    }
    true
}

fn help_action(app: &mut App, action: Action) {
    let Some(scroll) = app.help else { return };
    let max = help_lines().len().saturating_sub(app.layout.area.height.saturating_sub(4) as usize);
    app.help = match action {
        Action::Down => Some((scroll + 1).min(max)),
        Action::Up => Some(scroll.saturating_sub(1)),
        _ => Some(scroll),
    };
}

fn search_line_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    match action {
        Action::SearchInput(c) => {
            app.search.query.push(c);
            start_search(app, effects);
        }
        Action::SearchBackspace => {
            app.search.query.pop();
            start_search(app, effects);
        }
        Action::SearchCycleScope => {
            app.search.scope = app.search.scope.next();
            start_search(app, effects);
        }
        Action::SearchAccept => app.search.editing = false,
        Action::SearchClear => {
            app.search.editing = false;
            app.search.query.clear();
            start_search(app, effects);
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
            list_changed(app, effects);
        }
        Action::ToggleFilter(filter) => {
            app.listing.toggle(filter);
            let state = if app.listing.is_active(filter) { "on" } else { "off" };
            app.status = Some(format!("Only {}: {state}", filter.label()));
            list_changed(app, effects);
        }
        Action::OpenExportMenu => app.menu = Some(Menu::Export),
        Action::FocusNext => focus(app, cycle(app.focus, 1)),
        Action::FocusPrev => focus(app, cycle(app.focus, -1)),
        Action::StartSearch => {
            app.search.editing = true;
            focus(app, Pane::Publications);
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
                let before = app.tree.selected;
                app.tree.collapse_or_leave(&app.catalog);
                if app.tree.selected != before {
                    topic_changed(app, effects);
                }
            }
            Pane::Publications => focus(app, Pane::Topics),
            Pane::Abstract => focus(app, Pane::Publications),
        },
        Action::Right => match app.focus {
            Pane::Topics => {
                let before = app.tree.selected;
                if app.catalog.nodes[before].children.is_empty() {
                    focus(app, Pane::Publications);
                } else {
                    app.tree.expand_or_enter(&app.catalog);
                    if app.tree.selected != before {
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
            let before = app.tree.selected;
            app.tree.move_by(&app.catalog, delta);
            if app.tree.selected != before {
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
            let before = app.tree.selected;
            app.tree.select_row(&app.catalog, app.tree.offset + line);
            if app.tree.selected != before {
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

fn jump_to_match(app: &mut App, forward: bool) {
    let matches = &app.reader.document.match_lines;
    if matches.is_empty() {
        app.status = Some(if app.search.is_active() && app.search.scope == Scope::Everything {
            "No match in this abstract".into()
        } else {
            "n and N jump between matches of a search that includes abstracts (/, then Tab)".into()
        });
        return;
    }
    let next = match (app.reader.current_match, forward) {
        (None, true) => matches.iter().position(|&line| line >= app.reader.scroll).unwrap_or(0),
        (None, false) => matches.iter().rposition(|&line| line < app.reader.scroll).unwrap_or(matches.len() - 1),
        (Some(at), true) => (at + 1) % matches.len(),
        (Some(at), false) => (at + matches.len() - 1) % matches.len(),
    };
    app.reader.current_match = Some(next);
    let line = matches[next];
    let height = app.layout.inner_height(Pane::Abstract);
    if line < app.reader.scroll || line >= app.reader.scroll + height {
        app.reader.scroll = line.saturating_sub(height / 3);
    }
}

/// A new topic is selected: list what is under it (searching it when a filter is in force), no publication chosen.
fn topic_changed(app: &mut App, effects: &mut Vec<Effect>) {
    app.list = PublicationList { selected: None, ..PublicationList::showing(candidates(app)) };
    if app.search.is_active() {
        start_search(app, effects);
    } else {
        let mut ids = std::mem::take(&mut app.list.ids);
        app.listing.sort(&app.catalog, &mut ids);
        app.list.ids = ids;
    }
    show_selection(app);
}

/// Order or filters changed: list again, keeping the selected publication where it is still listed.
fn list_changed(app: &mut App, effects: &mut Vec<Effect>) {
    if app.search.is_active() {
        start_search(app, effects);
    } else {
        let mut ids = candidates(app);
        app.listing.sort(&app.catalog, &mut ids);
        relist(app, ids);
    }
}

/// Shows `ids`, keeping the selection on the same publication when it is among them.
fn relist(app: &mut App, ids: Vec<PubId>) {
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
fn candidates(app: &App) -> Vec<PubId> {
    let node = app.catalog.nodes.get(app.tree.selected).or(app.catalog.nodes.get(ROOT));
    node.map_or(Vec::new(), |node| app.listing.filter(&app.catalog, &app.marks, &node.publications))
}

fn start_search(app: &mut App, effects: &mut Vec<Effect>) {
    app.search.generation += 1;
    if !app.search.is_active() {
        // An empty query lists the topic as it is: nothing to wait for.
        app.search.pending = false;
        let mut ids = candidates(app);
        app.listing.sort(&app.catalog, &mut ids);
        relist(app, ids);
        return;
    }
    app.search.pending = true;
    effects.push(Effect::Search(SearchJob {
        generation: app.search.generation,
        query: app.search.query.clone(),
        scope: app.search.scope,
        within: candidates(app).into(),
    }));
}

/// Points the abstract pane at the selected publication, or at the topic when none is selected.
pub(super) fn show_selection(app: &mut App) {
    let content = match app.list.selected_id() {
        Some(id) => ReaderContent::Publication(id),
        None => ReaderContent::Topic(app.tree.selected),
    };
    if content != app.reader.content {
        app.reader.content = content;
        app.reader.scroll = 0;
        app.reader.current_match = None;
    }
    refresh_reader(app);
}

/// Re-wraps the abstract pane's text for its content, width and search highlights.
fn refresh_reader(app: &mut App) {
    let width = app.layout.abstract_text_width();
    app.reader.width = width;
    let catalog = &app.catalog;
    app.reader.document = match app.reader.content {
        ReaderContent::Nothing => document::Document::default(),
        ReaderContent::Topic(node) => {
            let info = &catalog.nodes[node];
            let title = if node == ROOT { "Library".to_string() } else { catalog.path(node).join(" ▸ ") };
            document::topic(&title, info.publications.len(), &info.pages, width)
        }
        ReaderContent::Publication(id) => {
            let topics: Vec<String> =
                catalog.homes[id as usize].iter().map(|&node| catalog.path(node).join(" ▸ ")).collect();
            let query = app.search.query.clone();
            let find = move |text: &str| word_ranges(text, &query);
            let highlight: Option<document::Highlighter> =
                if app.search.is_active() && app.search.scope == Scope::Everything { Some(&find) } else { None };
            document::publication(catalog.publication(id), &topics, width, highlight)
        }
    };
    clamp_scroll_only(app);
}

fn clamp_scroll_only(app: &mut App) {
    let height = app.layout.inner_height(Pane::Abstract);
    app.reader.scroll = app.reader.scroll.min(app.reader.document.lines.len().saturating_sub(height));
    let list_height = app.layout.inner_height(Pane::Publications).saturating_sub(search_line_rows(app));
    app.list.offset = app.list.offset.min(app.list.ids.len().saturating_sub(list_height));
    let tree_rows = app.tree.rows(&app.catalog).len();
    app.tree.offset = app.tree.offset.min(tree_rows.saturating_sub(app.layout.inner_height(Pane::Topics)));
}

/// Rows the search line takes at the bottom of the list pane.
pub fn search_line_rows(app: &App) -> usize {
    usize::from(app.search.editing || app.search.is_active())
}

/// Keeps every index in range and every selection on screen.
fn clamp(app: &mut App) {
    if let Some(row) = app.list.selected {
        app.list.selected = if app.list.ids.is_empty() { None } else { Some(row.min(app.list.ids.len() - 1)) };
    }
    let list_height = app.layout.inner_height(Pane::Publications).saturating_sub(search_line_rows(app));
    if let Some(row) = app.list.selected {
        app.list.offset = clamp_offset(app.list.offset, row, app.list.ids.len(), list_height);
    }
    app.tree.clamp_offset(&app.catalog, app.layout.inner_height(Pane::Topics));
    clamp_scroll_only(app);
}
