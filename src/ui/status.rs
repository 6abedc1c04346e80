//! The status bar: where you are on the left, and either the newest message or the keys that apply now
//! on the right. The most important hints always fit; the others give way by rank.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::text::{fitted_spans, safe, width};
use super::theme::Theme;
use crate::app::Action;
use crate::app::App;
use crate::app::bindings::StatusHint;
use crate::app::keymap::{Context, Mode, Rank};
use crate::app::tagging::TagLine;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let columns = area.width as usize;
    let line = match (&app.tag_line, &app.status) {
        (Some(tag_line), _) => tag_line_bar(app, tag_line, columns, theme),
        (None, Some(message)) => message_line(app, &where_you_are(app, columns, columns), message, columns, theme),
        (None, None) => hints_line(app, columns, theme),
    };
    Paragraph::new(line).style(theme.status()).render(area, buf);
}

/// " Library · 2/30 · only starred · 3 of 30 match “dara”" on a bar `columns` wide, in `room` columns if the
/// topic's path can give way enough.
fn where_you_are(app: &App, columns: usize, room: usize) -> String {
    let position = match app.list.selected {
        Some(row) => format!("{}/{}", row + 1, app.list.ids.len()),
        None => format!("{} publications", app.list.ids.len()),
    };
    let mut rest = format!(" · {position}");
    if let Some(listing) = app.listing.describe() {
        rest.push_str(&format!(" · {listing}"));
    }
    if app.search.pending {
        // The list still holds the previous query's matches: no count for this one yet.
        rest.push_str(&format!(" · searching “{}”…", app.search.query));
    } else if app.search.is_active() {
        let of = app.selection_size();
        rest.push_str(&format!(" · {} of {of} match “{}”", app.list.ids.len(), app.search.query));
    }
    if app.loading.is_running() {
        rest.push_str(" · loading the library…");
    }
    if let Some(progress) = &app.updates.progress {
        rest.push_str(&format!(" · updating {progress}"));
    }
    // The path gives way first: its end says where you are.
    let path_room = (columns * 3 / 5).saturating_sub(width(&position) + 4).min(room.saturating_sub(width(&rest) + 2));
    let left = format!(" {}{rest}", shorten_from_left(&app.topic_path(), path_room.max(2)));
    // The path, the query, progress and messages quote data and file names.
    safe(&left)
}

/// The message after where you are, or alone when both do not fit; cut with "…", and `m log` to read it whole.
fn message_line(app: &App, left: &str, message: &str, columns: usize, theme: Theme) -> Line<'static> {
    // The log's key as the keymap in force has it: the user may have moved it from `m`.
    let log_key = app.keymap.first_key_label(Context::Global, &Action::ToggleMessages);
    let log_key = log_key.filter(|_| matches!(app.mode(), Mode::Pane(_)) && !app.messages.lines.is_empty());
    let hint_width = log_key.as_deref().map_or(0, |key| hint_width(key, "log"));
    let room = columns.saturating_sub(hint_width);
    let message = safe(message);
    let mut spans = Vec::new();
    if width(left) + 3 + width(&message) < room {
        spans.push(Span::raw(left.to_string()));
        spans.push(Span::raw(" · "));
    } else {
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|span| width(&span.content)).sum();
    let text = fitted_spans(&message, room.saturating_sub(used + 1), theme.key(), theme.key(), &[]);
    let used = used + text.iter().map(|span| width(&span.content)).sum::<usize>();
    spans.extend(text);
    if let Some(key) = log_key {
        spans.push(Span::raw(" ".repeat(columns.saturating_sub(used + hint_width))));
        spans.extend(hint_spans(&key, "log", theme));
    }
    Line::from(spans)
}

/// Where you are, then the hints that fit, right-aligned.
fn hints_line(app: &App, columns: usize, theme: Theme) -> Line<'static> {
    let hints = app.keymap.ranked_hints(app.mode(), |action| app.can(action));
    let width_up_to = |rank: Rank| -> usize {
        hints.iter().filter(|hint| hint.rank <= rank).map(|hint| hint_width(&hint.keys, hint.word)).sum()
    };
    // The topic's path makes room for the important hints; the rest of where you are gives way only to the
    // essential ones, and is cut if it must.
    let left = where_you_are(app, columns, columns.saturating_sub(width_up_to(Rank::High)));
    // One column stays free before the hints, so a cut "…" never runs into them.
    let left =
        fitted_spans(&left, columns.saturating_sub(width_up_to(Rank::Essential) + 1), Style::new(), Style::new(), &[]);
    let used: usize = left.iter().map(|span| width(&span.content)).sum();
    let shown = fitting_hints(hints, columns.saturating_sub(used + 1));
    let right_width: usize = shown.iter().map(|hint| hint_width(&hint.keys, hint.word)).sum();
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(columns.saturating_sub(used + right_width))));
    for hint in shown {
        spans.extend(hint_spans(&hint.keys, hint.word, theme));
    }
    Line::from(spans)
}

/// The open tag line: what is typed (its end, when long), then what went wrong or the tags Tab offers, then
/// the tag line's keys.
fn tag_line_bar(app: &App, line: &TagLine, columns: usize, theme: Theme) -> Line<'static> {
    let whom = if line.whole_list { format!("Tag {} listed", line.targets.len()) } else { "Tag".to_string() };
    let hints = fitting_hints(app.keymap.ranked_hints(Mode::TagLine, |_| true), columns / 2);
    let hints_width: usize = hints.iter().map(|hint| hint_width(&hint.keys, hint.word)).sum();
    let room = columns.saturating_sub(hints_width + 1);
    let typed = safe(&shorten_from_left(&line.text, room.saturating_sub(width(&whom) + 4)));
    let prompt = format!(" {whom}: {typed}▏");
    let used = width(&prompt);
    let after = match &app.status {
        Some(problem) => safe(problem),
        None => line.offered(app.known_tags()).join(" "),
    };
    let after_style = if app.status.is_some() { theme.key() } else { theme.muted() };
    let mut spans = vec![Span::raw(prompt)];
    let after = fitted_spans(&after, room.saturating_sub(used + 1), after_style, after_style, &[]);
    let used = used + 1 + after.iter().map(|span| width(&span.content)).sum::<usize>();
    spans.push(Span::raw(" "));
    spans.extend(after);
    spans.push(Span::raw(" ".repeat(columns.saturating_sub(used + hints_width))));
    for hint in hints {
        spans.extend(hint_spans(&hint.keys, hint.word, theme));
    }
    Line::from(spans)
}

/// Columns a hint takes: `j/k move` and two spaces.
fn hint_width(keys: &str, word: &str) -> usize {
    width(keys) + 1 + width(word) + 2
}

fn hint_spans(keys: &str, word: &str, theme: Theme) -> [Span<'static>; 2] {
    [Span::styled(keys.to_string(), theme.key()), Span::raw(format!(" {word}  "))]
}

/// The hints that fit in `room` columns, in the bar's order: the most important are taken first, and once
/// one does not fit, nothing less important is.
fn fitting_hints(hints: Vec<StatusHint>, room: usize) -> Vec<StatusHint> {
    let mut by_rank: Vec<usize> = (0..hints.len()).collect();
    by_rank.sort_by_key(|&at| hints[at].rank);
    let mut kept = vec![false; hints.len()];
    let mut used = 0;
    for at in by_rank {
        let needed = hint_width(&hints[at].keys, hints[at].word);
        if used + needed > room && hints[at].rank != Rank::Essential {
            break;
        }
        used += needed;
        kept[at] = true;
    }
    hints.into_iter().zip(kept).filter_map(|(hint, kept)| kept.then_some(hint)).collect()
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

/// The text of the status bar for a pane, as a test sees it.
#[cfg(test)]
fn status_text(app: &App) -> String {
    let area = Rect::new(0, 0, app.layout.area.width, 1);
    let mut buf = Buffer::empty(area);
    render(app, area, &mut buf, Theme::plain());
    buf.content.iter().map(|cell| cell.symbol()).collect::<String>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Pane, update_now};

    #[test]
    fn long_paths_keep_their_end() {
        assert_eq!(shorten_from_left("Treatments ▸ Lenalidomide", 40), "Treatments ▸ Lenalidomide");
        assert_eq!(shorten_from_left("Treatments ▸ Lenalidomide", 13), "…Lenalidomide");
        assert_eq!(shorten_from_left("abc", 0), "…");
    }

    fn hint(keys: &str, word: &'static str, rank: Rank) -> StatusHint {
        StatusHint { keys: keys.into(), word, rank }
    }

    #[test]
    fn the_least_important_hints_give_way_and_the_order_stays() {
        let hints = vec![
            hint("j/k", "move", Rank::High),
            hint("o", "open", Rank::Low),
            hint("s", "star", Rank::Medium),
            hint("?", "help", Rank::Essential),
            hint("q", "quit", Rank::Essential),
        ];
        let words = |room| fitting_hints(hints.clone(), room).into_iter().map(|hint| hint.word).collect::<Vec<_>>();
        assert_eq!(words(200), ["move", "open", "star", "help", "quit"]);
        assert_eq!(words(hint_width("?", "help") * 2 + hint_width("j/k", "move")), ["move", "help", "quit"]);
        assert_eq!(words(3), ["help", "quit"], "essential hints stay even when nothing else fits");
    }

    fn bundled(width: u16, height: u16) -> App {
        App::new(crate::formats::bundled(), width, height)
    }

    #[test]
    fn help_and_quit_fit_at_80_columns_in_every_pane() {
        let mut app = bundled(80, 24);
        for _ in Pane::ALL {
            update_now(&mut app, Action::FocusNext);
            app.status = None;
            let text = status_text(&app);
            assert!(text.contains("? help") && text.contains("q quit"), "{:?}: {text:?}", app.focus);
        }
    }

    #[test]
    fn the_topic_path_gives_way_to_the_important_hints() {
        let mut app = bundled(80, 24);
        update_now(&mut app, Action::Left);
        update_now(&mut app, Action::Bottom);
        let text = status_text(&app);
        assert!(text.contains("…") && text.contains("Lenalidomide · 30 publications"), "{text:?}");
        assert!(text.contains("/ search") && text.contains("j/k move"), "{text:?}");
    }

    #[test]
    fn no_match_hint_without_a_search() {
        let mut app = bundled(200, 60);
        update_now(&mut app, Action::Open);
        assert_eq!(app.focus, Pane::Abstract);
        assert!(!status_text(&app).contains("match"), "{}", status_text(&app));
    }

    #[test]
    fn a_long_message_is_cut_with_an_ellipsis_and_points_to_the_log() {
        let mut app = bundled(80, 24);
        let message = format!("Opening https://pubmed.ncbi.nlm.nih.gov/?term={}", "lenalidomide+".repeat(10));
        app.tell(message.clone());
        let text = status_text(&app);
        assert!(text.trim_end().ends_with("m log"), "{text:?}");
        assert!(text.contains("Opening https://pubmed") && text.contains('…'), "{text:?}");
        assert_eq!(app.messages.lines.last(), Some(&message), "the log keeps it whole");
    }
}
