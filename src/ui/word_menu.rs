//! The word list menu of `+` and `-`: the lists to choose from, each in its own look, with its key (1 to 9
//! unless the config binds others).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::text::{fitted_spans, safe, width};
use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{Action, App};
use crate::words::{WordEdit, WordList};

/// Columns the menu may take, the border included.
const MOST_WIDTH: u16 = 48;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, theme: Theme) {
    let choices = &app.words.choices;
    let (title, word) = match choices.first() {
        Some(WordEdit::Add { word, .. }) => ("Highlight", word),
        Some(WordEdit::Remove { word, .. }) => ("Stop highlighting", word),
        None => return,
    };
    let popup_width = area.width.min(MOST_WIDTH);
    let text_width = popup_width.saturating_sub(2) as usize;
    let heading = format!(" {title} \"{}\" in ", safe(word));
    let mut lines: Vec<Line> = Vec::new();
    for (index, edit) in choices.iter().enumerate() {
        let (WordEdit::Add { list, word } | WordEdit::Remove { list, word }) = edit;
        let found = app.words.lists.lists.iter().find(|own| &own.name == list);
        let look = found.map_or_else(|| WordList::empty(list).look(), WordList::look);
        // The keys in force: a config may bind the choices to other keys (an unbound one shows none).
        let bound = app.keymap.first_key_label(Context::WordMenu, &Action::ChooseWordList(index));
        let key = format!(" {} ", bound.unwrap_or_else(|| " ".into()));
        let mut spans = vec![Span::styled(key.clone(), theme.key())];
        let detail = match (edit, found) {
            (WordEdit::Remove { .. }, _) => format!(" (as \"{}\")", safe(word)),
            (WordEdit::Add { .. }, Some(own)) if own.words.len() == 1 => " (1 word)".to_string(),
            (WordEdit::Add { .. }, Some(own)) => format!(" ({} words)", own.words.len()),
            (WordEdit::Add { .. }, None) => " (new)".to_string(),
        };
        let room = text_width.saturating_sub(width(&key));
        spans.extend(fitted_spans(list, room.min(24), theme.word(look, false), theme.word(look, false), &[]));
        let used: usize = spans.iter().map(|span| width(&span.content)).sum();
        spans.extend(fitted_spans(&detail, text_width.saturating_sub(used), theme.muted(), theme.muted(), &[]));
        lines.push(Line::from(spans));
    }
    let height = area.height.min(lines.len() as u16 + 2);
    let popup =
        Rect::new(area.x + (area.width - popup_width) / 2, area.y + (area.height - height) / 2, popup_width, height);
    Clear.render(popup, buf);
    let block = Block::bordered().border_style(theme.border(true)).title(fitted_spans(
        &heading,
        text_width,
        theme.key(),
        theme.key(),
        &[],
    ));
    Paragraph::new(lines).block(block).render(popup, buf);
}
