//! The search line under the list: the query, scrolled to keep the cursor in view, then how many
//! publications match and what is searched.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use super::text::{safe, width};
use super::theme::Theme;
use crate::app::App;

/// The query keeps at least this many columns: the count and the scope give way first.
const QUERY_MIN_COLUMNS: usize = 20;
/// Drawn where the cursor is, between two chars.
const CURSOR: &str = "▏";

/// The search line for a row of `columns` cells.
pub fn search_line(app: &App, columns: usize, theme: Theme) -> Line<'static> {
    // While a search runs the list still holds the previous query's matches: their count would be
    // a claim about the query shown, and a false one.
    let count = if app.search.is_active() && app.search.index_failed {
        "search unavailable".to_string()
    } else if app.search.is_active() && app.search.abstracts_failed && !app.index.covers(app.search.scope) {
        "unavailable".to_string()
    } else if app.search.pending && app.search.indexing {
        "indexing…".to_string()
    } else if app.search.pending && app.search.indexing_abstracts && !app.index.covers(app.search.scope) {
        "indexing abstracts…".to_string()
    } else if app.search.pending {
        "searching…".to_string()
    } else if app.list.ids.is_empty() {
        "no match".to_string()
    } else {
        format!("{} of {}", app.list.ids.len(), app.selection_size())
    };
    let room = columns.saturating_sub(1);
    let suffix = [format!("  {count} · {}", app.search.scope.label()), format!("  {count}"), String::new()]
        .into_iter()
        .find(|suffix| room.saturating_sub(width(suffix)) >= QUERY_MIN_COLUMNS)
        .unwrap_or_default();
    let query: Vec<char> = safe(&app.search.query).chars().collect();
    let cursor = app.search.editing.then(|| app.search.cursor());
    let shown = visible_part(&query, cursor, room.saturating_sub(width(&suffix)));
    Line::from(vec![Span::styled("/", theme.key()), Span::raw(shown), Span::styled(suffix, theme.muted())])
}

/// What of `query` fits in `room` columns, with the cursor (when there is one) drawn in it and
/// in view, and `…` where chars are hidden. The cursor keeps the chars before it in view first,
/// then up to a third of the room after it, so that the end of a long query shows while typing.
fn visible_part(query: &[char], cursor: Option<usize>, room: usize) -> String {
    let columns = |chars: &[char]| chars.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    let cursor_at = cursor.unwrap_or(query.len()).min(query.len());
    let caret = cursor.map_or("", |_| CURSOR);
    let caret_columns = usize::from(cursor.is_some());
    let (before, after) = query.split_at(cursor_at);
    if columns(query) + caret_columns <= room {
        return format!("{}{caret}{}", String::from_iter(before), String::from_iter(after));
    }
    // Columns for the chars after the cursor, with a `…` when they are cut.
    let after_room = match columns(after) {
        0 => 0,
        all if all + caret_columns + columns(before) <= room => all,
        all => (room / 3).min(all + 1),
    };
    let before_room = room.saturating_sub(after_room + caret_columns);
    let mut start = 0;
    if columns(before) > before_room {
        // Hidden chars on the left leave a `…` in their place.
        start = before.len();
        let mut used = 1;
        while start > 0 && used + columns(&before[start - 1..start]) <= before_room {
            start -= 1;
            used += columns(&before[start..start + 1]);
        }
    }
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(&before[start..]);
    shown.push_str(caret);
    let left = room.saturating_sub(columns(&before[start..]) + usize::from(start > 0) + caret_columns);
    if columns(after) <= left {
        shown.extend(after);
    } else {
        let mut used = 1;
        for &c in after {
            let cell = c.width().unwrap_or(0);
            if used + cell > left {
                break;
            }
            used += cell;
            shown.push(c);
        }
        if left > 0 {
            shown.push('…');
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(query: &str, cursor: Option<usize>, room: usize) -> String {
        let chars: Vec<char> = query.chars().collect();
        visible_part(&chars, cursor, room)
    }

    #[test]
    fn a_query_that_fits_is_shown_whole_with_the_cursor_in_place() {
        assert_eq!(shown("dara len", Some(8), 20), "dara len▏");
        assert_eq!(shown("dara len", Some(4), 20), "dara▏ len");
        assert_eq!(shown("dara len", None, 8), "dara len");
    }

    #[test]
    fn a_long_query_scrolls_to_keep_the_cursor_and_the_end_in_view() {
        let query = "lenalidomide maintenance after transplantation";
        // Typing at the end: the end shows, the start gives way.
        assert_eq!(shown(query, Some(query.len()), 20), "…er transplantation▏");
        // At the start: the start shows, the end is cut.
        assert_eq!(shown(query, Some(0), 20), "▏lenalidomide maint…");
        // In the middle: the cursor stays in view with some of what follows it.
        let middle = shown(query, Some(24), 20);
        assert_eq!(middle, "… maintenance▏ afte…");
        for cursor in 0..=query.len() {
            let line = shown(query, Some(cursor), 20);
            assert!((19..=20).contains(&width(&line)), "{line:?}");
            assert!(line.contains(CURSOR), "{line:?}");
        }
    }

    #[test]
    fn wide_chars_count_two_columns() {
        let line = shown("骨髄腫の治療と予後の研究", Some(12), 10);
        assert_eq!(line, "…後の研究▏");
        assert!(width(&line) <= 10);
    }
}
