//! How things look: the palette's colours (the config's, over the dark or light theme) for each part. With
//! colours off (`NO_COLOR`), emphasis falls back to bold, reverse and underline, whatever the palette says.

use ratatui::style::{Color, Modifier, Style};

use crate::app::document::Role;
use crate::app::palette::{ColorRole, Palette};

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
    pub palette: Palette,
}

impl Theme {
    /// No colour at all, as under `NO_COLOR`.
    #[cfg(test)]
    pub fn plain() -> Theme {
        Theme { colors: false, palette: Palette::default() }
    }

    fn of(self, role: ColorRole) -> Color {
        self.palette.get(role)
    }

    fn color(self, style: Style, role: ColorRole) -> Style {
        if self.colors { style.fg(self.of(role)) } else { style }
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.colors) {
            (true, true) => Style::new().fg(self.of(ColorRole::Border)).add_modifier(Modifier::BOLD),
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
            (true, true) => Style::new()
                .bg(self.of(ColorRole::SelectionBg))
                .fg(self.of(ColorRole::SelectionFg))
                .add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::REVERSED),
            (false, true) => Style::new().bg(self.of(ColorRole::UnfocusedSelectionBg)),
            (false, false) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    pub fn matched(self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED), ColorRole::Match)
    }

    /// Authors, journals, tags: the terminal's own foreground dimmed, for the same reason as inactive borders.
    pub fn muted(self) -> Style {
        if self.colors { Style::new().add_modifier(Modifier::DIM) } else { Style::new() }
    }

    pub fn flag(self) -> Style {
        self.color(Style::new(), ColorRole::Flag)
    }

    pub fn status(self) -> Style {
        if self.colors {
            Style::new().bg(self.of(ColorRole::StatusBg)).fg(self.of(ColorRole::StatusFg))
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(self) -> Style {
        self.color(Style::new().add_modifier(Modifier::BOLD), ColorRole::Key)
    }

    pub fn role(self, role: Role) -> Style {
        match role {
            Role::Title => self.color(Style::new().add_modifier(Modifier::BOLD), ColorRole::Title),
            Role::Authors => Style::new(),
            Role::Citation => self.color(Style::new().add_modifier(Modifier::ITALIC), ColorRole::Citation),
            Role::Flag => self.flag(),
            Role::Label => self.color(Style::new().add_modifier(Modifier::BOLD), ColorRole::Label),
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
        let theme = Theme::plain();
        assert!(theme.selection(true).add_modifier.contains(Modifier::REVERSED));
        assert_eq!(theme.selection(true).bg, None);
        assert!(theme.selection(false).add_modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn inactive_borders_use_the_terminal_foreground_dimmed() {
        let border = Theme { colors: true, palette: Palette::default() }.border(false);
        assert_eq!(border.fg, None, "a palette's grey may be its background");
        assert!(border.add_modifier.contains(Modifier::DIM));
    }

    #[test]
    fn the_palette_colours_the_roles_and_no_color_still_wins() {
        let mut palette = Palette::built_in(crate::app::palette::ThemeName::Light);
        palette.set(ColorRole::SelectionBg, Color::Rgb(1, 2, 3));
        let theme = Theme { colors: true, palette };
        assert_eq!(theme.selection(true).bg, Some(Color::Rgb(1, 2, 3)));
        assert_eq!(theme.matched().fg, Some(Color::Magenta));
        let plain = Theme { colors: false, palette };
        assert_eq!(plain.selection(true).bg, None);
        assert_eq!(plain.matched().fg, None);
    }
}
