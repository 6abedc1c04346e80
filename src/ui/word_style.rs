//! How the words of the highlighted lists look: in the list's colour, and with a search match on them the
//! search's bold underline added, so both show. Without colour (`NO_COLOR`), words that count for a paper are
//! italic and underlined and words that count against it are struck through: apart from each other, from a
//! search match (bold, underlined) and from an unread title (bold).

use ratatui::style::{Color, Modifier, Style};

use super::theme::Theme;
use crate::words::{ListColor, WordLook};

impl Theme {
    pub fn word(self, look: WordLook, matched: bool) -> Style {
        let style = if self.colors {
            Style::new().fg(color(look.color))
        } else if look.against {
            Style::new().add_modifier(Modifier::CROSSED_OUT)
        } else {
            Style::new().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
        };
        if matched { style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED) } else { style }
    }
}

fn color(color: ListColor) -> Color {
    match color {
        ListColor::Red => Color::Red,
        ListColor::Green => Color::Green,
        ListColor::Yellow => Color::Yellow,
        ListColor::Blue => Color::Blue,
        ListColor::Magenta => Color::Magenta,
        ListColor::Cyan => Color::Cyan,
        ListColor::Rgb(red, green, blue) => Color::Rgb(red, green, blue),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_lists_for_and_against_and_search_matches_look_apart() {
        let theme = Theme::plain();
        let include = theme.word(WordLook { color: ListColor::Green, against: false }, false);
        let exclude = theme.word(WordLook { color: ListColor::Red, against: true }, false);
        let styles = [include, exclude, theme.matched(), Style::new().add_modifier(Modifier::BOLD)];
        for (at, style) in styles.iter().enumerate() {
            assert_eq!(style.fg, None);
            assert!(styles[at + 1..].iter().all(|other| other != style), "{styles:?}");
        }
    }

    #[test]
    fn a_search_match_on_a_word_keeps_the_list_colour() {
        let theme = Theme { colors: true, ..Theme::plain() };
        let look = WordLook { color: ListColor::Rgb(1, 2, 3), against: false };
        let both = theme.word(look, true);
        assert_eq!(both.fg, Some(Color::Rgb(1, 2, 3)));
        assert!(both.add_modifier.contains(Modifier::BOLD | Modifier::UNDERLINED));
    }
}
