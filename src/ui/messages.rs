//! The message log overlay: every message worth reading again, newest last, wrapped to the popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::safe;
use super::theme::Theme;
use crate::app::messages::MessageLog;
use crate::app::overlay::{LOG_WIDTH, log_rows, popup, text_width};

pub fn render(log: &MessageLog, area: Rect, buf: &mut Buffer, theme: Theme, scroll: usize) {
    let rows = log_rows(log, text_width(area, LOG_WIDTH));
    let popup = popup(area, LOG_WIDTH, rows.len());
    Clear.render(popup, buf);
    let block = Block::bordered().border_style(theme.border(true)).title(" Messages ");
    // Messages quote file names and links from data.
    let shown: Vec<Line> = rows.into_iter().skip(scroll).map(|row| Line::from(safe(&row))).collect();
    Paragraph::new(shown).block(block).render(popup, buf);
}
