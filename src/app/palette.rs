//! The colours of the theme's roles, as data: the ui draws with them, the config file sets them. Two built in:
//! the dark default, and a light one that reads on a white background.

use ratatui::style::Color;

/// What a colour is for on the screen; `[colors]` in the config names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorRole {
    /// The focused pane's border.
    Border,
    /// Keys in the help, the menus and the status bar.
    Key,
    /// Labels in the abstract pane (Background, Methods…).
    Label,
    /// The title of the open publication.
    Title,
    /// Its journal and date.
    Citation,
    SelectionFg,
    SelectionBg,
    /// The selected row of a pane without the focus.
    UnfocusedSelectionBg,
    /// Search matches.
    Match,
    /// Marks such as free full text.
    Flag,
    StatusFg,
    StatusBg,
}

impl ColorRole {
    pub const ALL: [ColorRole; 12] = [
        ColorRole::Border,
        ColorRole::Key,
        ColorRole::Label,
        ColorRole::Title,
        ColorRole::Citation,
        ColorRole::SelectionFg,
        ColorRole::SelectionBg,
        ColorRole::UnfocusedSelectionBg,
        ColorRole::Match,
        ColorRole::Flag,
        ColorRole::StatusFg,
        ColorRole::StatusBg,
    ];

    /// The name under `[colors]`.
    pub fn name(self) -> &'static str {
        match self {
            ColorRole::Border => "border",
            ColorRole::Key => "key",
            ColorRole::Label => "label",
            ColorRole::Title => "title",
            ColorRole::Citation => "citation",
            ColorRole::SelectionFg => "selection_fg",
            ColorRole::SelectionBg => "selection_bg",
            ColorRole::UnfocusedSelectionBg => "unfocused_selection_bg",
            ColorRole::Match => "match",
            ColorRole::Flag => "flag",
            ColorRole::StatusFg => "status_fg",
            ColorRole::StatusBg => "status_bg",
        }
    }

    /// (dark, light): the built-in themes' colour for this role.
    fn built_in(self) -> (Color, Color) {
        match self {
            ColorRole::Border | ColorRole::Key | ColorRole::Label => (Color::Cyan, Color::Blue),
            // The terminal's own foreground, which a light terminal draws dark.
            ColorRole::Title => (Color::White, Color::Reset),
            ColorRole::Citation => (Color::Gray, Color::DarkGray),
            ColorRole::SelectionFg => (Color::White, Color::White),
            ColorRole::SelectionBg => (Color::Blue, Color::Blue),
            // ANSI "gray" is the light one: a pale band that the text stays readable on.
            ColorRole::UnfocusedSelectionBg => (Color::DarkGray, Color::Gray),
            // Yellow vanishes on white.
            ColorRole::Match => (Color::Yellow, Color::Magenta),
            // 256-colour dark green: the ANSI green of many palettes is too pale on white.
            ColorRole::Flag => (Color::Green, Color::Indexed(28)),
            ColorRole::StatusFg => (Color::White, Color::Black),
            ColorRole::StatusBg => (Color::DarkGray, Color::Gray),
        }
    }
}

/// Which built-in theme a palette starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl ThemeName {
    pub const ALL: [ThemeName; 2] = [ThemeName::Dark, ThemeName::Light];

    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    colors: [Color; ColorRole::ALL.len()],
}

impl Default for Palette {
    fn default() -> Self {
        Palette::built_in(ThemeName::Dark)
    }
}

impl Palette {
    pub fn built_in(theme: ThemeName) -> Palette {
        let colors = ColorRole::ALL.map(|role| match theme {
            ThemeName::Dark => role.built_in().0,
            ThemeName::Light => role.built_in().1,
        });
        Palette { colors }
    }

    pub fn get(&self, role: ColorRole) -> Color {
        self.colors[role as usize]
    }

    pub fn set(&mut self, role: ColorRole, color: Color) {
        self.colors[role as usize] = color;
    }
}

/// A colour as the config writes it: a name (`blue`, `dark_gray`, `light_cyan`), `default` for the
/// terminal's own, `#rrggbb`, or a number of the 256-colour palette.
pub fn parse_color(text: &str) -> Result<Color, String> {
    if text.trim().eq_ignore_ascii_case("default") {
        return Ok(Color::Reset);
    }
    text.trim().parse::<Color>().map_err(|_| {
        format!("\"{text}\" is not a colour (write a name such as \"blue\" or \"dark_gray\", \"default\", \"#rrggbb\" or 0-255)")
    })
}

/// A colour as the config writes it, read back by [`parse_color`].
pub fn color_name(color: Color) -> String {
    match color {
        Color::Reset => "default".to_string(),
        Color::Rgb(..) | Color::Indexed(_) => color.to_string().to_lowercase(),
        named => {
            // "DarkGray" -> "dark_gray".
            let mut name = String::new();
            for (at, c) in named.to_string().chars().enumerate() {
                if c.is_ascii_uppercase() && at > 0 {
                    name.push('_');
                }
                name.push(c.to_ascii_lowercase());
            }
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_colour_reads_back_from_its_name() {
        for theme in ThemeName::ALL {
            let palette = Palette::built_in(theme);
            for role in ColorRole::ALL {
                let color = palette.get(role);
                assert_eq!(parse_color(&color_name(color)), Ok(color), "{}", color_name(color));
            }
        }
        assert_eq!(parse_color("#1a2B3c"), Ok(Color::Rgb(0x1a, 0x2b, 0x3c)));
        assert_eq!(parse_color("Dark Grey"), Ok(Color::DarkGray));
        assert_eq!(parse_color("208"), Ok(Color::Indexed(208)));
        assert!(parse_color("bleu").unwrap_err().contains("\"bleu\" is not a colour"));
        assert!(parse_color("#12345").is_err());
    }

    #[test]
    fn roles_are_indexed_in_their_listed_order() {
        for (at, role) in ColorRole::ALL.into_iter().enumerate() {
            assert_eq!(role as usize, at);
        }
    }
}
