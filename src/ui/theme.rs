//! How things look. With colours off (`NO_COLOR`), emphasis falls back to bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::app::document::Role;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub colors: bool,
}

impl Theme {
    fn color(self, style: Style, color: Color) -> Style {
        if self.colors { style.fg(color) } else { style }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.colors) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.color(Style::new(), Color::DarkGray),
        }
    }

    pub fn pane_title(self, focused: bool) -> Style {
        if focused { Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED) } else { Style::new() }
    }

    /// The selected row: reversed in the focused pane, underlined where the focus is elsewhere.
    pub fn selection(self, focused: bool) -> Style {
        match (focused, self.colors) {
            (true, true) => Style::new().bg(Color::Blue).fg(Color::White).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            (false, true) => Style::new().bg(Color::DarkGray),
            (false, false) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn matched(self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED), Color::Yellow)
    }

    pub fn muted(self) -> Style {
        self.color(Style::new(), Color::DarkGray)
    }

    pub fn flag(self) -> Style {
        self.color(Style::new(), Color::Green)
    }

    pub fn status(self) -> Style {
        if self.colors {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn role(self, role: Role) -> Style {
        match role {
            Role::Title => self.color(Style::new().add_modifier(Modifier::BOLD), Color::White),
            Role::Authors => Style::new(),
            Role::Citation => self.color(Style::new().add_modifier(Modifier::ITALIC), Color::Gray),
            Role::Flag => self.flag(),
            Role::Label => self.color(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            Role::Body => Style::new(),
            Role::Muted => self.muted(),
            Role::Match => self.matched(),
        }
    }
}
