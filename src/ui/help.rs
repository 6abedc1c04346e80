use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::keymap::{HelpLine, help_lines};

const KEYS_COLUMN: usize = 14;

pub fn render(area: Rect, buf: &mut Buffer, theme: Theme, scroll: usize) {
    let lines = help_lines();
    let width = area.width.saturating_sub(4).min(68);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    Clear.render(popup, buf);
    let text: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .map(|line| match line {
            HelpLine::Heading(heading) => {
                Line::from(Span::styled(*heading, theme.role(crate::app::document::Role::Label)))
            }
            HelpLine::Entry { keys, help } => {
                Line::from(vec![Span::styled(format!("  {keys:<KEYS_COLUMN$}"), theme.key()), Span::raw(*help)])
            }
            HelpLine::Blank => Line::default(),
        })
        .collect();
    // How to close and scroll it is in the status bar, from the same keymap.
    let block = Block::bordered().border_style(theme.border(true)).title(" Keys ");
    Paragraph::new(text).block(block).render(popup, buf);
}
