use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::pane_block;
use super::search_line::search_line;
use super::text::{fitted_spans, fitted_styled, width};
use super::theme::Theme;
use crate::app::layout::inner;
use crate::app::{App, Pane, search_line_rows};
use crate::marks::Mark;
use crate::model::{Publication, RecordKind};
use crate::search::highlight_positions;
use crate::words::WordLook;
use std::ops::Range;

/// Unread, starred, free full text, has a note, and a space before the title.
const MARK_COLUMNS: usize = 5;
/// Below this many columns a row holds the title alone.
const META_MIN_WIDTH: usize = 50;
/// Columns for the first author, when the row is wide enough to give them.
const AUTHOR_COLUMN: usize = 16;
/// A record kind's tag goes before the title only when the title still gets this many columns beside it.
const TITLE_MIN_BESIDE_TAG: usize = 12;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let mut block = pane_block(app, Pane::Publications, theme);
    let inside = inner(area);
    let search_rows = search_line_rows(app) as u16;
    let list_height = inside.height.saturating_sub(search_rows) as usize;
    // The selection bar takes a column.
    let row_width = inside.width.saturating_sub(1) as usize;
    let query = if app.search.is_active() { app.search.query.as_str() } else { "" };
    // Only the rows on screen are formatted (and highlighted): libraries run to 100k entries.
    let visible = app.list.ids.iter().skip(app.list.offset).take(list_height);
    let items: Vec<ListItem> = visible
        .map(|&id| {
            let publication = app.catalog.publication(id);
            let words = if app.words.matcher.is_empty() {
                Vec::new()
            } else {
                app.words.find(&app.catalog, id, &publication.title)
            };
            let marks = RowMarks { mark: app.mark(id), tags: app.tags(id), words: &words };
            ListItem::new(row(publication, marks, row_width, query, theme))
        })
        .collect();
    let selected = app.list.selected.and_then(|row| row.checked_sub(app.list.offset));
    let mut state = ListState::default().with_selected(selected);
    if app.list.ids.is_empty() {
        let message = if app.search.is_active() { "No publication matches." } else { "No publications here." };
        block = block.title_bottom(Span::styled(format!(" {message} "), theme.muted()));
    }
    block.render(area, buf);
    let list_area = Rect { height: list_height as u16, ..inside };
    let list = List::new(items)
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always)
        .highlight_style(theme.selection(app.focus == Pane::Publications));
    StatefulWidget::render(list, list_area, buf, &mut state);
    if search_rows > 0 {
        let line_area = Rect { y: inside.bottom().saturating_sub(1), height: 1, ..inside };
        Paragraph::new(search_line(app, line_area.width as usize, theme)).render(line_area, buf);
    }
}

/// What the reader keeps about a row's paper.
struct RowMarks<'a> {
    mark: Mark,
    tags: &'a [String],
    /// The highlighted words in its title (char ranges), and how each looks.
    words: &'a [(Range<usize>, WordLook)],
}

fn row(publication: &Publication, marks: RowMarks, row_width: usize, query: &str, theme: Theme) -> Line<'static> {
    let mark = marks.mark;
    // A column for each mark: a starred paper may be unread too, and both are worth seeing.
    let unread = if mark.read { Span::raw(" ") } else { Span::styled("•", theme.key()) };
    let star = if mark.starred { Span::styled("★", theme.flag()) } else { Span::raw(" ") };
    let marker = if publication.free_full_text {
        Span::styled("◆", theme.flag())
    } else if publication.pmc_free_after.is_some() {
        Span::styled("◇", theme.flag())
    } else {
        Span::raw(" ")
    };
    let note = if publication.note.is_some() { Span::styled("✎ ", theme.flag()) } else { Span::raw("  ") };
    let available = row_width.saturating_sub(MARK_COLUMNS);
    // Columns of the same width on every row, so authors and journals line up down the list.
    let meta_width = if available >= META_MIN_WIDTH { available * 2 / 5 } else { 0 };
    let title_width = available.saturating_sub(meta_width + usize::from(meta_width > 0));
    let highlights = if query.is_empty() { Vec::new() } else { highlight_positions(&publication.title, query) };
    let mut spans = vec![unread, star, marker, note];
    // Before the title rather than in the journal column, which narrow lists leave out.
    let tag = kind_tag(publication.kind)
        .map(|tag| format!("[{tag}] "))
        .filter(|tag| width(tag) + TITLE_MIN_BESIDE_TAG <= title_width);
    let title_width = match tag {
        Some(tag) => {
            let tag_width = width(&tag);
            spans.push(Span::styled(tag, theme.muted()));
            title_width - tag_width
        }
        None => title_width,
    };
    // Tags follow the title, muted, in what the title leaves or else a third of its room: the title says what
    // the paper is.
    let tags = tags_text(marks.tags);
    let spare = title_width.saturating_sub(width(&publication.title));
    let tags_room = if tags.is_empty() { 0 } else { width(&tags).min(spare.max(title_width / 3)) };
    let title_width = title_width - tags_room;
    // Unread titles stand out by weight, which survives NO_COLOR.
    let title_style = if mark.read { Style::new() } else { Style::new().add_modifier(Modifier::BOLD) };
    // A listed word keeps its list's look under a search match; the title's weight (unread) stays on both.
    let style_at = |index: usize| {
        let matched = highlights.binary_search(&index).is_ok();
        match marks.words.iter().find(|(range, _)| range.contains(&index)) {
            Some(&(_, look)) => title_style.patch(theme.word(look, matched)),
            None if matched => theme.matched(),
            None => title_style,
        }
    };
    let title = fitted_styled(&publication.title, title_width, title_style, &style_at);
    let mut title_used: usize = title.iter().map(|span| width(&span.content)).sum();
    spans.extend(title);
    if tags_room > 0 {
        let fitted = fitted_spans(&tags, tags_room, theme.muted(), theme.muted(), &[]);
        title_used += fitted.iter().map(|span| width(&span.content)).sum::<usize>();
        spans.extend(fitted);
    }
    let title_width = title_width + tags_room;
    if meta_width > 0 {
        spans.push(Span::raw(" ".repeat(title_width.saturating_sub(title_used) + 1)));
        spans.extend(meta_spans(publication, meta_width, theme));
    }
    Line::from(spans)
}

/// " #review #to-read", or nothing for a paper without tags.
fn tags_text(tags: &[String]) -> String {
    tags.iter().map(|tag| format!(" #{tag}")).collect()
}

/// A short name for what a record is, for list rows; journal articles, most of any library, have none.
fn kind_tag(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Article => None,
        RecordKind::Chapter => Some("Chapter"),
        RecordKind::ConferencePaper => Some("Conference"),
        RecordKind::Book
        | RecordKind::Thesis
        | RecordKind::Dataset
        | RecordKind::Report
        | RecordKind::Preprint
        | RecordKind::WebPage
        | RecordKind::Patent
        | RecordKind::Other => Some(kind.label()),
    }
}

/// "Chari A et al.   N Engl J Med 2019": the first author in a column of its own when there is room for one.
fn meta_spans(publication: &Publication, room: usize, theme: Theme) -> Vec<Span<'static>> {
    let year = publication.year.map(|year| year.to_string()).unwrap_or_default();
    let mut spans = Vec::new();
    let mut room = room;
    if room >= AUTHOR_COLUMN + 12 {
        let author =
            fitted_spans(&publication.first_author_short(), AUTHOR_COLUMN - 1, theme.muted(), theme.muted(), &[]);
        let used: usize = author.iter().map(|span| width(&span.content)).sum();
        spans.extend(author);
        spans.push(Span::raw(" ".repeat(AUTHOR_COLUMN - used)));
        room -= AUTHOR_COLUMN;
    }
    // The year survives a cut: the journal gives way first.
    let year_room = if year.is_empty() { 0 } else { width(&year) + 1 };
    let journal = fitted_spans(&publication.journal, room.saturating_sub(year_room), theme.muted(), theme.muted(), &[]);
    spans.extend(journal);
    if year_room > 0 && room >= year_room {
        spans.push(Span::styled(format!(" {year}"), theme.muted()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks_of(mark: Mark, free: bool) -> String {
        let publication = Publication { title: "Lenalidomide".into(), free_full_text: free, ..Publication::default() };
        marks_of_publication(&publication, mark)
    }

    fn marks_of_publication(publication: &Publication, mark: Mark) -> String {
        let line = row(publication, RowMarks { mark, tags: &[], words: &[] }, 40, "", Theme::plain());
        line.spans.iter().map(|span| span.content.as_ref()).collect::<String>().chars().take(MARK_COLUMNS).collect()
    }

    #[test]
    fn a_star_does_not_hide_the_unread_dot() {
        assert_eq!(marks_of(Mark { read: false, starred: true }, true), "•★◆  ");
        assert_eq!(marks_of(Mark { read: true, starred: true }, false), " ★   ");
        assert_eq!(marks_of(Mark { read: false, starred: false }, false), "•    ");
    }

    #[test]
    fn a_paper_with_a_note_has_its_own_flag() {
        let noted =
            Publication { title: "Lenalidomide".into(), note: Some("Read again".into()), ..Publication::default() };
        assert_eq!(marks_of_publication(&noted, Mark { read: true, starred: true }), " ★ ✎ ");
    }

    #[test]
    fn tags_follow_the_title_in_what_it_leaves_or_a_third_of_its_room() {
        let publication = Publication { title: "Lenalidomide maintenance therapy".into(), ..Publication::default() };
        let tags = ["review".to_string(), "to-read".to_string()];
        let text = |row_width: usize| {
            let line = row(
                &publication,
                RowMarks { mark: Mark::default(), tags: &tags, words: &[] },
                row_width,
                "",
                Theme::plain(),
            );
            line.spans.iter().map(|span| span.content.as_ref()).collect::<String>()
        };
        // The row's marks take MARK_COLUMNS (five: unread, star, free, note and a space) before the title.
        assert_eq!(text(54).trim_end(), "•    Lenalidomide maintenance therapy #review #to-read");
        let narrow = text(35);
        assert_eq!(narrow, "•    Lenalidomide mainte… #review …");
        assert_eq!(width(&narrow), 35);
    }
}
