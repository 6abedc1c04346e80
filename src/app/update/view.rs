//! The abstract pane's content and every scroll offset and selection kept in range.

use crate::model::Publication;
use crate::search::{Scope, word_ranges};

use crate::app::App;
use crate::app::action::Pane;
use crate::app::catalog::ROOT;
use crate::app::document;
use crate::app::tree::clamp_offset;
use crate::app::views::ReaderContent;

pub(in crate::app) fn jump_to_match(app: &mut App, forward: bool) {
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

/// `]`/`[`: brings the next or previous abstract section to the top of the pane; back from the first, the top.
pub(in crate::app) fn jump_to_section(app: &mut App, forward: bool) {
    let sections = &app.reader.document.section_lines;
    if sections.is_empty() {
        app.status = Some("No abstract sections to jump between here".into());
        return;
    }
    let scroll = app.reader.scroll;
    let target = if forward {
        sections.iter().copied().find(|&line| line > scroll)
    } else {
        sections.iter().copied().rfind(|&line| line < scroll).or((scroll > 0).then_some(0))
    };
    let bottom = app.reader.document.lines.len().saturating_sub(app.layout.inner_height(Pane::Abstract));
    match target.map(|line| line.min(bottom)) {
        Some(line) if line != scroll => app.reader.scroll = line,
        _ if forward => app.status = Some("No further section: this is the end of the abstract".into()),
        _ => app.status = Some("Already at the top".into()),
    }
}

/// Points the abstract pane at the selected publication, or at the topic when none is selected.
pub(in crate::app) fn show_selection(app: &mut App) {
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
pub(in crate::app) fn refresh_reader(app: &mut App) {
    let width = app.layout.abstract_text_width();
    let catalog = &app.catalog;
    app.reader.document = match app.reader.content {
        ReaderContent::Nothing => document::Document::default(),
        // A tag has no pages to describe it: its name and counts say what it holds.
        ReaderContent::Topic(_) if app.tree.selected_tag.is_some() => {
            let tagged = app.tree.selected_tag_papers().unwrap_or_default();
            let unread = tagged.iter().filter(|&&id| !app.mark(id).read).count();
            document::topic(&app.topic_path(), tagged.len(), unread, &[], width)
        }
        ReaderContent::Topic(node) => {
            let info = &catalog.nodes[node];
            let title = if node == ROOT { "Library".to_string() } else { catalog.path(node).join(" ▸ ") };
            document::topic(&title, info.publications.len(), app.unread[node], &info.pages, width)
        }
        ReaderContent::Publication(id) => {
            let topics: Vec<String> = catalog.homes.of(id).map(|node| catalog.path(node).join(" ▸ ")).collect();
            let query = app.search.query.clone();
            let find = move |text: &str| word_ranges(text, &query);
            let highlight: Option<document::Highlighter> =
                if app.search.is_active() && app.search.scope == Scope::Everything { Some(&find) } else { None };
            // The pane shows the user's own tags, as the list and the Tags branch do; tags a source file carried
            // (an export read back) only pass through to exports.
            let (with_abstract, unreadable) = catalog.with_abstract(id);
            let shown = Publication { tags: app.tags(id).to_vec(), ..with_abstract };
            let words = &app.words;
            let find_words = |text: &str| words.find(catalog, id, text);
            let listed: Option<document::WordFinder> = (!words.matcher.is_empty()).then_some(&find_words);
            let document = document::publication(&shown, unreadable.as_ref(), &topics, width, highlight, listed);
            if let Some(unreadable) = unreadable
                && app.reader.unreadable_told != Some(id)
            {
                app.reader.unreadable_told = Some(id);
                app.messages.push(format!("warning: {unreadable}"));
            }
            document
        }
    };
    clamp_scroll_only(app);
}

pub(in crate::app) fn clamp_scroll_only(app: &mut App) {
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
pub(in crate::app) fn clamp(app: &mut App) {
    app.rewrap_overlay();
    // A resize can leave an overlay scrolled past its new end.
    if let Some((_, max)) = app.overlay_scroll() {
        let scroll = if app.help.is_some() { &mut app.help } else { &mut app.messages.open };
        *scroll = scroll.map(|at| at.min(max));
    }
    app.search.cursor = app.search.cursor();
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
