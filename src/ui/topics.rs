use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, StatefulWidget};

use super::pane_block;
use super::text::{fitted_spans, width};
use super::theme::Theme;
use crate::app::tree::{RowKind, TreeRow};
use crate::app::{App, Pane};

/// A row's name, whether it has rows below and shows them, and its unread and total publications. A tag's
/// unread papers are counted as it is drawn: only the rows on screen are, and tags are few.
fn describe<'a>(app: &'a App, row: &TreeRow) -> (&'a str, bool, bool, usize, usize) {
    let unread_among = |ids: &[u32]| ids.iter().filter(|&&id| !app.mark(id).read).count();
    match row.kind {
        RowKind::Topic => {
            let node = &app.catalog.nodes[row.node];
            let total = node.publications.len();
            (&node.name, !node.children.is_empty(), app.tree.is_expanded(row.node), app.unread[row.node], total)
        }
        RowKind::TagsBranch => {
            let tagged = app.tree.tagged_papers();
            ("Tags", true, app.tree.tags_expanded, unread_among(&tagged), tagged.len())
        }
        RowKind::Tag(at) => {
            let (tag, ids) = &app.tree.tags[at];
            (tag, false, false, unread_among(ids), ids.len())
        }
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let block = pane_block(app, Pane::Topics, theme);
    // Borders and the selection bar take three columns.
    let inner_width = area.width.saturating_sub(3) as usize;
    let catalog = &app.catalog;
    let rows = app.tree.rows(catalog);
    // Only the rows on screen are formatted: a library of a whole field runs to thousands of topics.
    let height = area.height.saturating_sub(2) as usize;
    let items: Vec<ListItem> = rows
        .iter()
        .skip(app.tree.offset)
        .take(height)
        .map(|row| {
            let (name, has_children, expanded, unread, total) = describe(app, row);
            let marker = match (has_children, expanded) {
                (false, _) => "  ",
                (true, true) => "▾ ",
                (true, false) => "▸ ",
            };
            let count = format!(" {unread}/{total}");
            let indent = "  ".repeat(row.depth.min(8));
            let used = width(&indent) + width(marker) + width(&count);
            let mut spans = vec![Span::raw(indent), Span::raw(marker)];
            let name_width = inner_width.saturating_sub(used);
            let name = fitted_spans(name, name_width, Default::default(), Default::default(), &[]);
            let name_used: usize = name.iter().map(|span| width(&span.content)).sum();
            spans.extend(name);
            spans.push(Span::raw(" ".repeat(name_width.saturating_sub(name_used))));
            spans.push(Span::styled(count, theme.muted()));
            ListItem::new(Line::from(spans))
        })
        .collect();
    // `update` keeps the selected row on screen, so it is within the rows drawn.
    let selected = rows.iter().position(|row| app.tree.is_selected(row)).and_then(|at| at.checked_sub(app.tree.offset));
    let mut state = ListState::default().with_selected(selected);
    let list = List::new(items)
        .block(block)
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(theme.selection(app.focus == Pane::Topics));
    StatefulWidget::render(list, area, buf, &mut state);
}
