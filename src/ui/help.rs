//! The help overlay: rows from the app's help (the keymap, the marks, the mouse), wrapped to the popup.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::bindings::Keymap;
use crate::app::document::Role;
use crate::app::overlay::{HELP_WIDTH, HelpRow, KEYS_COLUMN, help_rows, popup, text_width};

pub fn render(keymap: &Keymap, area: Rect, buf: &mut Buffer, theme: Theme, scroll: usize) {
    let rows = help_rows(keymap, text_width(area, HELP_WIDTH));
    let popup = popup(area, HELP_WIDTH, rows.len());
    Clear.render(popup, buf);
    let keys_width = KEYS_COLUMN - 2;
    let text: Vec<Line> = rows
        .into_iter()
        .skip(scroll)
        .map(|row| match row {
            HelpRow::Heading(heading) => Line::from(Span::styled(heading, theme.role(Role::Label))),
            HelpRow::Entry { keys, text } => {
                Line::from(vec![Span::styled(format!("  {keys:<keys_width$}"), theme.key()), Span::raw(text)])
            }
            HelpRow::More(text) => Line::from(format!("{:KEYS_COLUMN$}{text}", "")),
            HelpRow::Blank => Line::default(),
        })
        .collect();
    // How to close and scroll it is in the status bar, from the same keymap.
    let block = Block::bordered().border_style(theme.border(true)).title(" Keys ");
    Paragraph::new(text).block(block).render(popup, buf);
}
