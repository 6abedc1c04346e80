//! Where the reader was when lenaview last quit: the topic, the paper, the abstract's scroll, the order and the
//! filters, kept in a small versioned JSON file beside the state file so the next start opens there.
//!
//! Topics are remembered by path and papers by publication key, not by index: the library may have changed in
//! between. This file only reads and describes; `update` applies a session, and the event loop does the I/O.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::App;
use super::action::Pane;
use super::listing::{Filter, SortOrder};
use super::views::ReaderContent;

/// The session file version this lenaview writes and reads; others are ignored with a warning.
pub const SESSION_VERSION: u64 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub version: u64,
    /// Topic path from the root: `["Treatments", "Lenalidomide"]`; empty for the whole library.
    #[serde(default)]
    pub topic: Vec<String>,
    /// [`crate::model::Publication::key`] of the selected paper, when one was selected.
    #[serde(default)]
    pub paper: Option<String>,
    /// The abstract section at the top of the pane (its index), when one was: wrapping depends on the terminal's
    /// width, so the place is kept as a section and lines into it, which stays right at any width.
    #[serde(default)]
    pub section: Option<usize>,
    /// Lines from the start of `section` (or of the abstract) to the top of the pane.
    #[serde(default)]
    pub scroll: usize,
    #[serde(default)]
    pub pane: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub filters: Vec<String>,
}

/// The session file for a state file: `state.json` → `state.session.json`, never the state file itself.
pub fn path_beside(state_file: &Path) -> PathBuf {
    state_file.with_extension("session.json")
}

impl Session {
    /// Where `app` is now.
    pub fn of(app: &App) -> Session {
        let reading = matches!(app.reader.content, ReaderContent::Publication(_));
        let scroll = if reading { app.reader.scroll } else { 0 };
        let sections = &app.reader.document.section_lines;
        let section = sections.iter().rposition(|&start| start <= scroll);
        Session {
            version: SESSION_VERSION,
            topic: app.catalog.path(app.tree.selected).into_iter().map(str::to_string).collect(),
            paper: app.list.selected_id().map(|id| app.catalog.key(id).to_string()),
            section,
            scroll: scroll - section.map_or(0, |at| sections[at]),
            pane: pane_name(app.focus).to_string(),
            sort: sort_name(app.listing.order).to_string(),
            // What the last update brought means nothing to the next run.
            filters: app.listing.filters.iter().filter_map(|&filter| filter_name(filter)).map(str::to_string).collect(),
        }
    }

    /// Reads a session file's text; the error says why it cannot be used.
    pub fn parse(text: &str) -> Result<Session, String> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|err| format!("invalid JSON: {err}"))?;
        match value.get("version").and_then(serde_json::Value::as_u64) {
            Some(SESSION_VERSION) => {}
            Some(version) => return Err(format!("it is version {version}; this lenaview reads {SESSION_VERSION}")),
            None => return Err("it has no valid \"version\"".into()),
        }
        serde_json::from_value(value).map_err(|err| format!("unexpected content: {err}"))
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The saved order; one this version does not know is page order.
    pub fn sort_order(&self) -> SortOrder {
        ORDERS.iter().copied().find(|&order| sort_name(order) == self.sort).unwrap_or_default()
    }

    /// The saved filters this version knows, each once.
    pub fn known_filters(&self) -> Vec<Filter> {
        let mut filters = Vec::new();
        for name in &self.filters {
            if let Some(filter) = FILTERS.iter().copied().find(|&filter| filter_name(filter) == Some(name.as_str()))
                && !filters.contains(&filter)
            {
                filters.push(filter);
            }
        }
        filters
    }

    /// The first line to show of a document whose sections start at `section_lines`.
    pub fn scroll_in(&self, section_lines: &[usize]) -> usize {
        let start = self.section.and_then(|at| section_lines.get(at)).copied().unwrap_or(0);
        start.saturating_add(self.scroll)
    }

    pub fn focus(&self) -> Pane {
        Pane::ALL.iter().copied().find(|&pane| pane_name(pane) == self.pane).unwrap_or(Pane::Publications)
    }
}

const ORDERS: [SortOrder; 6] = [
    SortOrder::Source,
    SortOrder::Newest,
    SortOrder::Journal,
    SortOrder::FirstAuthor,
    SortOrder::Title,
    SortOrder::Highlighted,
];
const FILTERS: [Filter; 3] = [Filter::FreeFullText, Filter::Starred, Filter::Unread];

// Names, not derived serialisations: the file is a format, and renaming a variant must not change it.
pub(crate) fn sort_name(order: SortOrder) -> &'static str {
    match order {
        SortOrder::Source => "source",
        SortOrder::Newest => "newest",
        SortOrder::Journal => "journal",
        SortOrder::FirstAuthor => "first_author",
        SortOrder::Title => "title",
        SortOrder::Highlighted => "highlighted",
    }
}

fn filter_name(filter: Filter) -> Option<&'static str> {
    match filter {
        Filter::FreeFullText => Some("free_full_text"),
        Filter::Starred => Some("starred"),
        Filter::Unread => Some("unread"),
        Filter::Arrived => None,
    }
}

fn pane_name(pane: Pane) -> &'static str {
    match pane {
        Pane::Topics => "topics",
        Pane::Publications => "publications",
        Pane::Abstract => "abstract",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_survives_its_own_format() {
        let session = Session {
            version: SESSION_VERSION,
            topic: vec!["Treatments".into(), "Lenalidomide".into()],
            paper: Some("pmid:31433920".into()),
            section: Some(1),
            scroll: 7,
            pane: "abstract".into(),
            sort: "first_author".into(),
            filters: vec!["unread".into(), "starred".into()],
        };
        let read = Session::parse(&session.to_json()).unwrap();
        assert_eq!(read, session);
        assert_eq!(read.sort_order(), SortOrder::FirstAuthor);
        assert_eq!(read.known_filters(), vec![Filter::Unread, Filter::Starred]);
        assert_eq!(read.focus(), Pane::Abstract);
        assert_eq!(read.scroll_in(&[10, 20]), 27);
        assert_eq!(read.scroll_in(&[10]), 7, "a section gone counts from the top");
    }

    #[test]
    fn damaged_or_foreign_files_are_refused_with_a_reason_and_unknown_names_are_defaults() {
        for (text, reason) in [
            ("{\"version\": 1, \"topic\": ", "invalid JSON"),
            ("{\"topic\": []}", "no valid \"version\""),
            ("{\"version\": 2}", "version 2"),
            ("{\"version\": 1, \"scroll\": -3}", "unexpected content"),
            ("\u{0}\u{1}binary", "invalid JSON"),
        ] {
            let err = Session::parse(text).unwrap_err();
            assert!(err.contains(reason), "{text:?}: {err}");
        }
        let odd =
            Session::parse(r#"{"version": 1, "sort": "by mood", "filters": ["x", "unread", "unread"], "pane": 3}"#);
        assert!(odd.is_err(), "a pane that is not a string is unexpected content");
        let odd = Session::parse(r#"{"version": 1, "sort": "by mood", "filters": ["x", "unread", "unread"]}"#).unwrap();
        assert_eq!(odd.sort_order(), SortOrder::Source);
        assert_eq!(odd.known_filters(), vec![Filter::Unread]);
        assert_eq!(odd.focus(), Pane::Publications);
    }

    #[test]
    fn the_session_file_is_never_the_state_file() {
        assert_eq!(path_beside(Path::new("/d/state.json")), Path::new("/d/state.session.json"));
        assert_eq!(path_beside(Path::new("/d/session.json")), Path::new("/d/session.session.json"));
        assert_eq!(path_beside(Path::new("/d/marks")), Path::new("/d/marks.session.json"));
    }
}
