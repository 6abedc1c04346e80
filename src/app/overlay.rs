//! The help and the message log as rows wrapped to their popup, in the app layer because `update` scrolls
//! exactly the rows the ui draws: a page is the popup's height, and the end is the last row.

use ratatui::layout::Rect;

use super::bindings::{HelpLine, Keymap};
use super::messages::MessageLog;

/// The widest the help popup gets: help reads best in a narrow column.
pub const HELP_WIDTH: u16 = 68;
/// The widest the log popup gets: messages quote paths and links.
pub const LOG_WIDTH: u16 = 100;
/// Where the help text of an entry starts, after two spaces and the keys.
pub const KEYS_COLUMN: usize = 16;

/// A row of the help popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    /// The keys (or a symbol of the legend) and the first row of what they do.
    Entry {
        keys: String,
        text: String,
    },
    /// The rest of an entry's text, aligned under its first row.
    More(String),
    Blank,
}

/// What an overlay's rows were wrapped for: they are wrapped again only when this changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayKey {
    Help { width: usize },
    Log { width: usize, revision: u64 },
}

/// The open overlay's rows, wrapped once for a width and content and reused for every key and frame after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedOverlay {
    pub key: OverlayKey,
    pub rows: OverlayRows,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverlayRows {
    Help(Vec<HelpRow>),
    Log(Vec<String>),
}

impl WrappedOverlay {
    pub fn new(key: OverlayKey, keymap: &Keymap, log: &MessageLog) -> WrappedOverlay {
        let rows = match key {
            OverlayKey::Help { width } => OverlayRows::Help(help_rows(keymap, width)),
            OverlayKey::Log { width, .. } => OverlayRows::Log(log_rows(log, width)),
        };
        WrappedOverlay { key, rows }
    }

    /// The widest its popup gets.
    pub fn max_width(&self) -> u16 {
        match self.rows {
            OverlayRows::Help(_) => HELP_WIDTH,
            OverlayRows::Log(_) => LOG_WIDTH,
        }
    }

    pub fn row_count(&self) -> usize {
        match &self.rows {
            OverlayRows::Help(rows) => rows.len(),
            OverlayRows::Log(rows) => rows.len(),
        }
    }
}

/// Where a popup of `rows` rows of text goes: centred, bordered, at most `max_width` wide.
pub fn popup(screen: Rect, max_width: u16, rows: usize) -> Rect {
    let width = screen.width.saturating_sub(4).min(max_width);
    let height = screen.height.saturating_sub(2).min(rows.min(u16::MAX as usize - 2) as u16 + 2);
    Rect::new(screen.x + (screen.width - width) / 2, screen.y + (screen.height - height) / 2, width, height)
}

/// Columns for text inside a popup at most `max_width` wide.
pub fn text_width(screen: Rect, max_width: u16) -> usize {
    popup(screen, max_width, 1).width.saturating_sub(2).max(1) as usize
}

/// The furthest a popup of `rows` rows scrolls: its last row at the bottom.
pub fn max_scroll(screen: Rect, max_width: u16, rows: usize) -> usize {
    let visible = popup(screen, max_width, rows).height.saturating_sub(2) as usize;
    rows.saturating_sub(visible)
}

/// Rows a page scroll moves in a popup: its visible height, less one row kept for context.
pub fn page(screen: Rect, max_width: u16, rows: usize) -> usize {
    let visible = popup(screen, max_width, rows).height.saturating_sub(2) as usize;
    visible.saturating_sub(1).max(1)
}

/// The help for a popup `width` columns wide: every key from the keymap, then what the list's marks mean and
/// what the mouse does. Long lines wrap under their text, never cut.
pub fn help_rows(keymap: &Keymap, width: usize) -> Vec<HelpRow> {
    let mut lines = keymap.help_lines();
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Marks in the list"));
    for (mark, meaning) in LEGEND {
        lines.push(HelpLine::Entry { keys: mark.to_string(), help: meaning });
    }
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Mouse"));
    lines.push(HelpLine::Entry { keys: "click".into(), help: "Select a row and focus its pane" });
    lines.push(HelpLine::Entry { keys: "wheel".into(), help: "Scroll the pane under the pointer" });
    let mut rows = Vec::new();
    for line in lines {
        match line {
            HelpLine::Heading(heading) => rows.push(HelpRow::Heading(heading)),
            HelpLine::Blank => rows.push(HelpRow::Blank),
            HelpLine::Entry { keys, help } => {
                // Keys too wide for their column get a row of their own.
                if 2 + unicode_width::UnicodeWidthStr::width(keys.as_str()) >= KEYS_COLUMN {
                    rows.push(HelpRow::Entry { keys, text: String::new() });
                    rows.extend(wrapped(help, width).into_iter().map(HelpRow::More));
                    continue;
                }
                let mut pieces = wrapped(help, width).into_iter();
                rows.push(HelpRow::Entry { keys, text: pieces.next().unwrap_or_default() });
                rows.extend(pieces.map(HelpRow::More));
            }
        }
    }
    rows
}

/// What the marks before a title mean.
const LEGEND: [(&str, &str); 5] = [
    ("•", "Unread (its title is bold); read once its abstract has been open a moment"),
    ("★", "Starred (s)"),
    ("◆", "Free full text"),
    ("◇", "Free full text on PMC after a date"),
    ("✎", "Has a note, shown under the abstract"),
];

/// Wrapping at spaces only: paths and links stay whole to be read and copied, unless wider than the popup.
fn at_spaces(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `text` wrapped to the columns right of the keys.
fn wrapped(text: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(KEYS_COLUMN).max(8);
    textwrap::wrap(text, at_spaces(room)).into_iter().map(|piece| piece.into_owned()).collect()
}

/// The log for a popup `width` columns wide, oldest first; a message's further rows are indented.
pub fn log_rows(log: &MessageLog, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for message in &log.lines {
        let options = at_spaces(width).subsequent_indent("  ");
        rows.extend(textwrap::wrap(message, options).into_iter().map(|piece| piece.into_owned()));
    }
    if rows.is_empty() {
        rows.push("No messages yet.".into());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_wraps_long_lines_under_their_text_and_loses_no_word() {
        let rows = help_rows(&Keymap::default(), 36);
        let texts: Vec<&str> = rows
            .iter()
            .filter_map(|row| match row {
                HelpRow::Entry { text, .. } | HelpRow::More(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.iter().all(|text| text.chars().count() <= 36 - KEYS_COLUMN), "{texts:?}");
        let joined = texts.join(" ");
        assert!(joined.contains("Expand or collapse the topic and list its publications"), "{joined}");
        assert!(rows.iter().any(|row| matches!(row, HelpRow::More(_))));
    }

    #[test]
    fn help_explains_the_marks_and_the_mouse() {
        let rows = help_rows(&Keymap::default(), 66);
        for mark in ["•", "★", "◆", "◇", "✎"] {
            assert!(rows.iter().any(|row| matches!(row, HelpRow::Entry { keys, .. } if keys == mark)), "{mark}");
        }
        assert!(rows.contains(&HelpRow::Heading("Mouse")));
    }

    #[test]
    fn a_popup_scrolls_until_its_last_row_shows() {
        let screen = Rect::new(0, 0, 80, 24);
        // 20 rows of text fit in a popup of 22 on a screen of 24; 30 rows scroll by 10.
        assert_eq!(max_scroll(screen, HELP_WIDTH, 20), 0);
        assert_eq!(max_scroll(screen, HELP_WIDTH, 30), 10);
        assert_eq!(page(screen, HELP_WIDTH, 30), 19);
    }

    #[test]
    fn the_log_wraps_each_message_and_says_when_it_is_empty() {
        let mut log = MessageLog::default();
        assert_eq!(log_rows(&log, 40), ["No messages yet."]);
        log.push("a.ris:12: T1 \"Second title\" not kept: a publication has one, and lenaview keeps the first");
        let rows = log_rows(&log, 40);
        assert!(rows.len() > 1 && rows[1].starts_with("  "), "{rows:?}");
        log.push("Could not start firefox; the link is https://pubmed.ncbi.nlm.nih.gov/31433916/");
        let rows = log_rows(&log, 60);
        assert!(rows.iter().any(|row| row.trim() == "https://pubmed.ncbi.nlm.nih.gov/31433916/"), "{rows:?}");
    }
}
