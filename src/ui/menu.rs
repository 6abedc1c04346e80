//! The small cite and export menus: their choices come from the keymap, like the help.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::theme::Theme;
use crate::app::Menu;
use crate::app::bindings::Keymap;
use crate::app::keymap::Context;

pub fn render(keymap: &Keymap, menu: Menu, area: Rect, buf: &mut Buffer, theme: Theme) {
    let (context, title) = match menu {
        Menu::Cite => (Context::CiteMenu, " Copy "),
        Menu::Export => (Context::ExportMenu, " Export the list as "),
        // Its choices are the lists, which only the app knows: `word_menu` draws it.
        Menu::Words => (Context::WordMenu, " Word lists "),
    };
    let lines: Vec<Line> = keymap
        .in_context(context)
        .filter(|bound| bound.hint.is_some())
        .map(|bound| {
            Line::from(vec![Span::styled(format!(" {:<6}", bound.keys_label()), theme.key()), Span::raw(bound.help)])
        })
        .collect();
    let width = area.width.min(40);
    let height = area.height.min(lines.len() as u16 + 2);
    let popup = Rect::new(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height);
    Clear.render(popup, buf);
    let block = Block::bordered().border_style(theme.border(true)).title(title);
    Paragraph::new(lines).block(block).render(popup, buf);
}
