//! Drawing: pure functions of the app state. Nothing here changes the state; `ListState` and
//! `ScrollbarState` are built afresh each frame from the indices that `update` keeps.

mod abstract_view;
mod help;
mod menu;
mod messages;
mod publications;
mod search_line;
mod status;
mod text;
mod theme;
mod topics;
mod word_menu;
mod word_style;

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::{App, Pane};
use theme::Theme;
pub use theme::colors_wanted;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The layout `update` clamped against; a fresh one only if a resize has not reached `update` yet.
        let layout = if self.layout.area == area { self.layout } else { self.layout_for(area.width, area.height) };
        let Some(panes) = layout.panes else {
            too_small(area, buf);
            return;
        };
        let theme = Theme { colors: self.colors, palette: self.palette };
        if let Some(rect) = panes.topics {
            topics::render(self, rect, buf, theme);
        }
        if let Some(rect) = panes.publications {
            publications::render(self, rect, buf, theme);
        }
        abstract_view::render(self, panes.abstract_view, buf, theme);
        status::render(self, panes.status, buf, theme);
        match self.menu {
            Some(crate::app::Menu::Words) => word_menu::render(self, area, buf, theme),
            Some(menu) => menu::render(&self.keymap, menu, area, buf, theme),
            None => {}
        }
        if let Some(scroll) = self.messages.open {
            messages::render(&self.messages, area, buf, theme, scroll);
        }
        if let Some(scroll) = self.help {
            help::render(&self.keymap, area, buf, theme, scroll);
        }
    }
}

/// A bordered pane whose border and title show whether it has the focus.
fn pane_block(app: &App, pane: Pane, theme: Theme) -> Block<'static> {
    let focused = app.focus == pane && app.help.is_none() && app.messages.open.is_none();
    Block::bordered()
        .border_style(theme.border(focused))
        .title(Span::styled(format!(" {} ", pane.title()), theme.pane_title(focused)))
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let message = vec![
        Line::from("Terminal too small"),
        Line::from(format!("{}x{}, needs {MIN_WIDTH}x{MIN_HEIGHT}", area.width, area.height)),
    ];
    Paragraph::new(message).alignment(Alignment::Center).wrap(Wrap { trim: true }).render(area, buf);
}
