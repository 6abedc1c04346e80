//! How things look. With colours off (`NO_COLOR`), emphasis falls back to bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::app::document::Role;

/// Whether to draw in colour: not under `NO_COLOR` (set and not empty), nor on a terminal that has none
/// (`TERM=dumb`, or a `-mono` terminfo entry), where colour alone would leave the selected row unmarked.
pub fn colors_wanted(no_color: Option<&str>, term: Option<&str>) -> bool {
    let no_color = no_color.is_some_and(|value| !value.is_empty());
    let monochrome = term.is_some_and(|term| term == "dumb" || term.ends_with("-mono") || term.ends_with("-m"));
    !no_color && !monochrome
}

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
            // Dimmed rather than grey: palettes such as Solarized dark draw grey in the background's colour.
            (false, true) => Style::new().add_modifier(Modifier::DIM),
            (false, false) => Style::new(),
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

    /// Authors, journals, tags: the terminal's own foreground dimmed, for the same reason as inactive borders.
    pub fn muted(self) -> Style {
        if self.colors { Style::new().add_modifier(Modifier::DIM) } else { Style::new() }
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
            Role::Word { look, matched } => self.word(look, matched),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_monochrome_terminals_get_no_colour() {
        assert!(colors_wanted(None, Some("xterm-256color")));
        assert!(colors_wanted(Some(""), Some("screen")), "an empty NO_COLOR does not count");
        assert!(!colors_wanted(Some("1"), Some("xterm-256color")));
        assert!(!colors_wanted(None, Some("dumb")));
        assert!(!colors_wanted(None, Some("xterm-mono")));
        assert!(colors_wanted(None, None));
    }

    #[test]
    fn without_colour_the_selection_is_reversed_or_underlined() {
        let theme = Theme { colors: false };
        assert!(theme.selection(true).add_modifier.contains(Modifier::REVERSED));
        assert_eq!(theme.selection(true).bg, None);
        assert!(theme.selection(false).add_modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn inactive_borders_use_the_terminal_foreground_dimmed() {
        let border = Theme { colors: true }.border(false);
        assert_eq!(border.fg, None, "a palette's grey may be its background");
        assert!(border.add_modifier.contains(Modifier::DIM));
    }
}
