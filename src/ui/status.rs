use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text::{safe, width};
use super::theme::Theme;
use crate::app::App;
use crate::app::keymap::hints;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let position = match app.list.selected {
        Some(row) => format!("{}/{}", row + 1, app.list.ids.len()),
        None => format!("{} publications", app.list.ids.len()),
    };
    // The path gives way first on narrow screens: its end says where you are.
    let room = (area.width as usize * 3 / 5).saturating_sub(width(&position) + 4);
    let mut left = format!(" {} · {position}", shorten_from_left(&app.topic_path(), room));
    if let Some(listing) = app.listing.describe() {
        left.push_str(&format!(" · {listing}"));
    }
    if app.search.pending {
        // The list still holds the previous query's matches: no count for this one yet.
        left.push_str(&format!(" · searching “{}”…", app.search.query));
    } else if app.search.is_active() {
        let of = app.catalog.nodes[app.tree.selected].publications.len();
        left.push_str(&format!(" · {} of {of} match “{}”", app.list.ids.len(), app.search.query));
    }
    if let Some(progress) = &app.updates.progress {
        left.push_str(&format!(" · updating {progress}"));
    }
    // The path, the query, progress and messages quote data and file names.
    let left = safe(&left);
    if let Some(message) = &app.status {
        let line = Line::from(vec![Span::raw(left), Span::raw(" · "), Span::styled(safe(message), theme.key())]);
        Paragraph::new(line).style(theme.status()).render(area, buf);
        return;
    }
    let mut spans = vec![Span::raw(left.clone())];
    let used = width(&left);
    let hint_spans: Vec<(String, &str)> = hints(app.mode());
    let mut right: Vec<Span> = Vec::new();
    let mut right_width = 0;
    for (keys, word) in hint_spans {
        let piece_width = width(&keys) + width(word) + 3;
        if used + right_width + piece_width + 1 > area.width as usize {
            break;
        }
        right.push(Span::styled(keys, theme.key()));
        right.push(Span::raw(format!(" {word}  ")));
        right_width += piece_width;
    }
    let gap = (area.width as usize).saturating_sub(used + right_width);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(right);
    Paragraph::new(Line::from(spans)).style(theme.status()).render(area, buf);
}

fn shorten_from_left(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used > room {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    kept.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paths_keep_their_end() {
        assert_eq!(shorten_from_left("Treatments ▸ Lenalidomide", 40), "Treatments ▸ Lenalidomide");
        assert_eq!(shorten_from_left("Treatments ▸ Lenalidomide", 13), "…Lenalidomide");
        assert_eq!(shorten_from_left("abc", 0), "…");
    }
}
