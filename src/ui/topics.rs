use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, StatefulWidget};

use super::pane_block;
use super::text::{fitted_spans, width};
use super::theme::Theme;
use crate::app::{App, Pane};

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
            let node = &catalog.nodes[row.node];
            let marker = if node.children.is_empty() {
                "  "
            } else if app.tree.is_expanded(row.node) {
                "▾ "
            } else {
                "▸ "
            };
            let count = format!(" {}/{}", app.unread[row.node], node.publications.len());
            let indent = "  ".repeat(row.depth.min(8));
            let used = width(&indent) + width(marker) + width(&count);
            let mut spans = vec![Span::raw(indent), Span::raw(marker)];
            let name_width = inner_width.saturating_sub(used);
            let name = fitted_spans(&node.name, name_width, Default::default(), Default::default(), &[]);
            let name_used: usize = name.iter().map(|span| width(&span.content)).sum();
            spans.extend(name);
            spans.push(Span::raw(" ".repeat(name_width.saturating_sub(name_used))));
            spans.push(Span::styled(count, theme.muted()));
            ListItem::new(Line::from(spans))
        })
        .collect();
    // `update` keeps the selected row on screen, so it is within the rows drawn.
    let selected =
        rows.iter().position(|row| row.node == app.tree.selected).and_then(|at| at.checked_sub(app.tree.offset));
    let mut state = ListState::default().with_selected(selected);
    let list = List::new(items)
        .block(block)
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(theme.selection(app.focus == Pane::Topics));
    StatefulWidget::render(list, area, buf, &mut state);
}
