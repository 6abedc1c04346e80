//! Fitting text into cells: display width, not bytes or chars, decides. Text drawn from data goes through
//! [`safe`]: import cleans the library, but a control character reaching the screen must stay inert anyway.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

use crate::formats::clean::terminal_safe;

/// Text that cannot act on the terminal, with one character for each of the text's (so highlights stay put).
pub fn safe(text: &str) -> String {
    terminal_safe(text).into_owned()
}

/// `text` cut to `width` columns, with "…" where something was cut. Spans mark the characters whose
/// (char) index is in `highlights` with `highlight`, so search matches stay marked after the cut.
pub fn fitted_spans(
    text: &str,
    width: usize,
    base: Style,
    highlight: Style,
    highlights: &[usize],
) -> Vec<Span<'static>> {
    let style_at = |index: usize| if highlights.binary_search(&index).is_ok() { highlight } else { base };
    fitted_styled(text, width, base, &style_at)
}

/// As [`fitted_spans`], each character (by char index) in the style `style_at` gives it; the "…" in `base`.
pub fn fitted_styled(text: &str, width: usize, base: Style, style_at: &dyn Fn(usize) -> Style) -> Vec<Span<'static>> {
    let text = terminal_safe(text);
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    let limit = if total > width { width.saturating_sub(1) } else { width };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut current = String::new();
    let mut current_style = base;
    let mut used = 0;
    for (index, c) in text.chars().enumerate() {
        let cell = c.width().unwrap_or(0);
        if used + cell > limit {
            break;
        }
        used += cell;
        let style = style_at(index);
        if style != current_style && !current.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut current), current_style));
        }
        current_style = style;
        current.push(c);
    }
    if !current.is_empty() {
        spans.push(Span::styled(current, current_style));
    }
    if total > width && width > 0 {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// Display width of a string.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn plain(spans: &[Span]) -> String {
        spans.iter().map(|span| span.content.as_ref()).collect()
    }

    #[test]
    fn cuts_with_an_ellipsis_by_display_width() {
        let base = Style::new();
        assert_eq!(plain(&fitted_spans("Lenalidomide", 20, base, base, &[])), "Lenalidomide");
        assert_eq!(plain(&fitted_spans("Lenalidomide", 6, base, base, &[])), "Lenal…");
        assert_eq!(plain(&fitted_spans("日本語の題名", 7, base, base, &[])), "日本語…");
        assert_eq!(plain(&fitted_spans("abc", 0, base, base, &[])), "");
    }

    #[test]
    fn controls_are_drawn_inert() {
        let base = Style::new();
        assert_eq!(plain(&fitted_spans("a\u{1b}]0;x\u{7}\u{202e}b", 20, base, base, &[])), "a␛]0;x␇\u{fffd}b");
        assert_eq!(safe("\u{9b}2J"), "\u{fffd}2J");
    }

    #[test]
    fn marks_highlighted_characters_even_when_multibyte() {
        let base = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = fitted_spans("κ-light é", 20, base, bold, &[0, 8]);
        let marked: Vec<&str> = spans.iter().filter(|s| s.style == bold).map(|s| s.content.as_ref()).collect();
        assert_eq!(marked, vec!["κ", "é"]);
    }
}
