//! The names the config file gives actions, sort orders and search scopes. Each comes from one exhaustive match,
//! so a new action cannot go without a name; the names are a file format, so renaming a variant keeps them.

use crate::formats::export::{CitationStyle, ExportFormat};
use crate::search::Scope;

use crate::app::action::{Action, CopyField};
use crate::app::listing::{Filter, SortOrder};
use crate::app::search_line::LineEdit;

/// The config's name for an action a key can do; `None` for what only the event loop sends (results, resizes).
pub fn action_name(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::FocusNext => "focus_next",
        Action::FocusPrev => "focus_previous",
        Action::Back => "back",
        Action::ToggleHelp => "help",
        Action::ToggleMessages => "message_log",
        Action::StartSearch => "search",
        Action::UpdateFollowed => "update_followed",
        Action::Up => "up",
        Action::Down => "down",
        Action::Left => "left",
        Action::Right => "right",
        Action::PageUp => "page_up",
        Action::PageDown => "page_down",
        Action::HalfPageUp => "half_page_up",
        Action::HalfPageDown => "half_page_down",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::Open => "open",
        Action::NextMatch => "next_match",
        Action::PrevMatch => "previous_match",
        Action::NextSection => "next_section",
        Action::PrevSection => "previous_section",
        Action::ToggleStar => "star",
        Action::ToggleRead => "read",
        Action::OpenCiteMenu => "cite_menu",
        Action::OpenInBrowser => "open_in_browser",
        Action::EditNote => "edit_note",
        Action::CycleSort => "sort",
        Action::ToggleFilter(filter) => match filter {
            Filter::FreeFullText => "only_free_full_text",
            Filter::Starred => "only_starred",
            Filter::Unread => "only_unread",
            Filter::Arrived => "only_arrived",
        },
        Action::OpenExportMenu => "export_menu",
        Action::NextUnread => "next_unread",
        Action::MarkAllRead => "mark_all_read",
        Action::UndoMarkAll => "undo_mark_all_read",
        Action::Cite(style) => match style {
            CitationStyle::Plain => "cite_plain",
            CitationStyle::Bibtex => "cite_bibtex",
            CitationStyle::Ris => "cite_ris",
        },
        Action::CopyField(field) => match field {
            CopyField::Doi => "copy_doi",
            CopyField::Pmid => "copy_pmid",
            CopyField::Link => "copy_link",
            CopyField::Abstract => "copy_abstract",
        },
        Action::Export(format) => match format {
            ExportFormat::Bibtex => "export_bibtex",
            ExportFormat::Ris => "export_ris",
            ExportFormat::Csv => "export_csv",
            ExportFormat::Json => "export_json",
            ExportFormat::Csl => "export_csl",
        },
        Action::CloseMenu => "close_menu",
        Action::AddWord => "add_word",
        Action::RemoveWord => "remove_word",
        Action::ShowWordLists => "word_lists",
        Action::ChooseWordList(choice) => match choice {
            0 => "word_list_1",
            1 => "word_list_2",
            2 => "word_list_3",
            3 => "word_list_4",
            4 => "word_list_5",
            5 => "word_list_6",
            6 => "word_list_7",
            7 => "word_list_8",
            8 => "word_list_9",
            _ => return None,
        },
        Action::SearchAccept => "keep_search",
        Action::SearchClear => "clear_search",
        Action::SearchCycleScope => "scope",
        Action::SearchEdit(edit) => match edit {
            LineEdit::DeleteBack => "delete_back",
            LineEdit::DeleteForward => "delete_forward",
            LineEdit::DeleteBigWord => "delete_big_word",
            LineEdit::DeleteWord => "delete_word",
            LineEdit::DeleteToStart => "delete_to_start",
            LineEdit::Left => "cursor_left",
            LineEdit::Right => "cursor_right",
            LineEdit::Home => "cursor_home",
            LineEdit::End => "cursor_end",
        },
        Action::StartTagging => "tag",
        Action::StartTaggingList => "tag_list",
        Action::TagAccept => "apply",
        Action::TagCancel => "cancel",
        Action::TagComplete => "complete",
        // The tag line edits as the search line does, and its keys are set in their own table.
        Action::TagEdit(edit) => action_name(&Action::SearchEdit(*edit))?,
        Action::SearchInput(_)
        | Action::TagInput(_)
        | Action::Resize { .. }
        | Action::Click { .. }
        | Action::ScrollUpAt { .. }
        | Action::ScrollDownAt { .. }
        | Action::SearchDone { .. }
        | Action::MarkReadIfShown(_)
        | Action::ShowStatus(_)
        | Action::UpdateProgress(_)
        | Action::LibraryGrew(_)
        | Action::UpdateFinished { .. }
        | Action::RestoreSession(_)
        | Action::Paste(_)
        | Action::BrowserFailed(_)
        | Action::IndexBuilt(_)
        | Action::LibraryLoaded(_)
        | Action::LibraryNotLoaded(_)
        | Action::BackgroundFailed(_)
        | Action::JobFailed(_)
        | Action::AbstractsIndexed(_)
        | Action::Started { .. }
        | Action::MarksSaved { .. }
        | Action::Copied(_)
        | Action::ExportWritten { .. }
        | Action::SessionNotSaved { .. }
        | Action::WordsSaved { .. }
        | Action::WordsCounted(_)
        | Action::NoteEdited { .. } => return None,
    })
}

/// Every sort order, in the order `S` cycles through them.
pub fn sort_orders() -> Vec<SortOrder> {
    cycle(SortOrder::default(), SortOrder::next)
}

/// Every search scope, in the order Tab cycles through them.
pub fn scopes() -> Vec<Scope> {
    cycle(Scope::default(), Scope::next)
}

fn cycle<T: Copy + PartialEq>(first: T, next: fn(T) -> T) -> Vec<T> {
    let mut all = vec![first];
    let mut at = next(first);
    while at != first {
        all.push(at);
        at = next(at);
    }
    all
}

pub fn scope_name(scope: Scope) -> &'static str {
    match scope {
        Scope::Titles => "titles",
        Scope::TitlesAuthorsJournal => "titles_authors_journal",
        Scope::Everything => "everything",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::{Context, KEYMAP};

    #[test]
    fn every_binding_has_a_name_and_names_are_unique_where_they_are_set() {
        for context in Context::ALL {
            let mut seen: Vec<(&str, &Action)> = Vec::new();
            // [keys] sets every pane context at once: a name there must mean one action across them.
            let together = |other: Context| if context.is_pane() { other.is_pane() } else { other == context };
            for row in KEYMAP.iter().filter(|row| together(row.context)) {
                let name = action_name(&row.action).unwrap_or_else(|| panic!("{:?} has no name", row.action));
                if let Some((_, other)) = seen.iter().find(|(seen_name, _)| *seen_name == name) {
                    assert_eq!(*other, &row.action, "{name} names two actions");
                }
                seen.push((name, &row.action));
            }
        }
    }

    #[test]
    fn no_table_under_keys_has_the_name_of_an_action_set_in_keys() {
        // `[keys.search]` beside `search = ["/"]` would be a duplicate key to TOML.
        for context in Context::ALL {
            let Some(table) = context.section().strip_prefix("keys.") else { continue };
            let clash = KEYMAP.iter().find(|row| row.context.is_pane() && action_name(&row.action) == Some(table));
            assert!(clash.is_none(), "[keys.{table}] and {table} in [keys]");
        }
    }

    #[test]
    fn every_order_and_scope_is_listed_once() {
        assert_eq!(sort_orders().len(), 6);
        assert_eq!(scopes().len(), 3);
    }
}
