use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};

use super::pane_block;
use super::text::safe;
use super::theme::Theme;
use crate::app::layout::inner;
use crate::app::{App, Pane};

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let inside = inner(area);
    let height = inside.height as usize;
    let document = &app.reader.document;
    let total = document.lines.len();
    let scroll = app.reader.scroll.min(total.saturating_sub(height));
    let position = if total <= height {
        " All ".to_string()
    } else {
        format!(" {}-{}/{} ", scroll + 1, (scroll + height).min(total), total)
    };
    let block = pane_block(app, Pane::Abstract, theme).title_bottom(Line::from(position).right_aligned());
    block.render(area, buf);
    let current = app.reader.current_match.and_then(|index| document.match_lines.get(index)).copied();
    let lines: Vec<Line> = document.lines[scroll.min(total)..(scroll + height).min(total)]
        .iter()
        .enumerate()
        .map(|(offset, line)| {
            let spans: Vec<Span> =
                line.iter().map(|segment| Span::styled(safe(&segment.text), theme.role(segment.role))).collect();
            let mut line = Line::from(spans);
            if current == Some(scroll + offset) {
                line = line.patch_style(theme.selection(false));
            }
            line
        })
        .collect();
    let text_area = inside.inner(Margin { horizontal: 1, vertical: 0 });
    Paragraph::new(lines).render(text_area, buf);
    if total > height {
        let mut state =
            ScrollbarState::new(total.saturating_sub(height)).position(scroll).viewport_content_length(height);
        let bar_area = area.inner(Margin { horizontal: 0, vertical: 1 });
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .render(bar_area, buf, &mut state);
    }
}
