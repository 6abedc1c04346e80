//! The message log overlay: every message worth reading again, newest last, wrapped to the popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::messages::MessageLog;

pub fn render(log: &MessageLog, area: Rect, buf: &mut Buffer, theme: Theme, scroll: usize) {
    let width = area.width.saturating_sub(4).min(100);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let mut lines: Vec<Line> = Vec::new();
    for message in &log.lines {
        for piece in textwrap::wrap(message, textwrap::Options::new(inner_width).subsequent_indent("  ")) {
            lines.push(Line::from(piece.into_owned()));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from("No messages yet."));
    }
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    Clear.render(popup, buf);
    let block = Block::bordered().border_style(theme.border(true)).title(" Messages ");
    let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
    Paragraph::new(shown).block(block).render(popup, buf);
}
