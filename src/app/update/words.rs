//! `+` and `-`: the word at the cursor, the menu of lists, the edit, its save, and the counts for the sort.
//!
//! The cursor is the current search match in the abstract (where `n`/`N` moved), widened to the whole word it
//! falls in; without one, the search text. A paper's own words are what a list is for, so there is no
//! free-typed word here: search for it first.

use std::sync::Arc;

use super::list::list_changed;
use super::view::refresh_reader;
use crate::app::App;
use crate::app::action::{Effect, Menu};
use crate::app::document::{Role, line_text};
use crate::app::following::SharedCatalog;
use crate::app::listing::SortOrder;
use crate::app::views::ReaderContent;
use crate::app::words::{CountJob, WordScores};
use crate::words::{WordEdit, WordList, WordLists, term::Term};

/// The menu's keys are 1 to 9.
const MOST_CHOICES: usize = 9;

/// Opens the word menu for `+` (every list) or `-` (the lists whose terms highlight the word); `-` with one such
/// term removes it at once.
pub(super) fn open_menu(app: &mut App, adding: bool, effects: &mut Vec<Effect>) {
    let Some(word) = word_at_cursor(app) else {
        let key = if adding { "+ adds" } else { "- removes" };
        app.status = Some(format!("{key} the search match that n/N moved to, or the search text: search first (/)"));
        return;
    };
    let choices: Vec<WordEdit> = if adding {
        let defaults = WordLists::default();
        let lists = if app.words.lists.lists.is_empty() { &defaults.lists } else { &app.words.lists.lists };
        lists.iter().map(|list| WordEdit::Add { list: list.name.clone(), word: word.clone() }).collect()
    } else {
        app.words
            .lists
            .lists
            .iter()
            .flat_map(|list: &WordList| {
                list.terms_matching(&word)
                    .into_iter()
                    .map(|term| WordEdit::Remove { list: list.name.clone(), word: term.clone() })
            })
            .collect()
    };
    match choices.len() {
        0 => app.status = Some(format!("\"{word}\" is in no word list")),
        1 if !adding => apply(app, choices[0].clone(), effects),
        _ => {
            app.words.choices = choices.into_iter().take(MOST_CHOICES).collect();
            app.menu = Some(Menu::Words);
        }
    }
}

/// The word menu's `choice`th entry was picked.
pub(super) fn choose(app: &mut App, choice: usize, effects: &mut Vec<Effect>) {
    let choices = std::mem::take(&mut app.words.choices);
    if let Some(edit) = choices.get(choice) {
        apply(app, edit.clone(), effects);
    }
}

/// Makes the edit, saves it, and recounts the scores when the list is sorted by them.
fn apply(app: &mut App, edit: WordEdit, effects: &mut Vec<Effect>) {
    let mut lists = app.words.lists.clone();
    let (done, not_done) = match &edit {
        WordEdit::Add { list, word } => {
            (format!("Added \"{word}\" to {list}"), format!("{list} already has \"{word}\""))
        }
        WordEdit::Remove { list, word } => {
            (format!("Removed \"{word}\" from {list}"), format!("\"{word}\" is not in {list}"))
        }
    };
    if lists.apply(&edit) {
        app.words.replace(lists);
        app.words.unsaved.push(edit);
        refresh_reader(app);
        app.status = Some(done);
        effects.push(Effect::SaveWords);
        count_if_wanted(app, effects);
    } else {
        app.status = Some(not_done);
    }
}

/// The word at the cursor: the whole word(s) under the current search match, else the search text without
/// the search's operators; `None` when there is no cursor or it holds no word.
fn word_at_cursor(app: &App) -> Option<String> {
    let from_match = match (app.reader.content, app.reader.current_match) {
        (ReaderContent::Publication(_), Some(index)) => {
            app.reader.document.match_lines.get(index).and_then(|&line| matched_word(&app.reader.document.lines[line]))
        }
        _ => None,
    };
    let word = from_match.or_else(|| app.search.is_active().then(|| search_words(&app.search.query)))?;
    Term::parse(&word).map(|_| word)
}

/// The first match on a line, widened to the word around it (a search for "lenalid" marks part of a word).
fn matched_word(line: &[crate::app::document::Segment]) -> Option<String> {
    let text: Vec<char> = line_text(&line.to_vec()).chars().collect();
    let mut at = 0;
    for segment in line {
        let length = segment.text.chars().count();
        if matches!(segment.role, Role::Match | Role::Word { matched: true, .. }) {
            let mut start = at;
            let mut end = at + length;
            while start > 0 && text[start - 1].is_alphanumeric() {
                start -= 1;
            }
            while end < text.len() && text[end].is_alphanumeric() {
                end += 1;
            }
            return Some(text[start..end].iter().collect::<String>().trim().to_string());
        }
        at += length;
    }
    None
}

/// The search text as words for a list: the search's own marks (`'exact`, `^start`, `end$`, `!not`, `a | b`) off.
fn search_words(query: &str) -> String {
    query
        .split_whitespace()
        .filter(|word| !word.starts_with('!') && *word != "|")
        .map(|word| word.trim_start_matches(['\'', '^']).trim_end_matches('$'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Asks for the scores when the list is sorted by them and the ones counted are for other lists.
pub(in crate::app) fn count_if_wanted(app: &App, effects: &mut Vec<Effect>) {
    let fresh = app.listing.word_scores.as_ref().is_some_and(|counted| {
        counted.generation == app.words.generation && counted.scores.len() == app.catalog.publications.len()
    });
    if app.listing.order == SortOrder::Highlighted && !fresh {
        effects.push(Effect::CountWords(CountJob {
            generation: app.words.generation,
            catalog: SharedCatalog(Arc::clone(&app.catalog)),
            matcher: Arc::clone(&app.words.matcher),
            lists: Arc::new(app.words.lists.clone()),
        }));
    }
}

pub(super) fn counted(app: &mut App, scores: WordScores, effects: &mut Vec<Effect>) {
    // A count for older lists, or for the library before it grew, is followed by one for the current ones.
    if scores.generation != app.words.generation || scores.scores.len() != app.catalog.publications.len() {
        return;
    }
    app.listing.word_scores = Some(scores);
    if app.listing.order == SortOrder::Highlighted {
        list_changed(app, effects);
    }
}

pub(super) fn saved(
    app: &mut App,
    written: Result<Option<WordLists>, String>,
    warnings: Vec<String>,
    effects: &mut Vec<Effect>,
) {
    for warning in warnings {
        app.messages.push(warning);
    }
    match written {
        Ok(None) => app.words.unsaved.clear(),
        Ok(Some(lists)) => {
            app.words.unsaved.clear();
            app.words.save_failure_told = false;
            let before = app.words.generation;
            app.words.replace(lists);
            if app.words.generation != before {
                // Another lenaview (or an editor) added words meanwhile: they show now.
                refresh_reader(app);
                count_if_wanted(app, effects);
            }
        }
        Err(why) => {
            if !app.words.save_failure_told {
                app.words.save_failure_told = true;
                app.tell(format!("{why}; the words stay for this session and saving is tried again with the next"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_text_loses_the_search_operators() {
        assert_eq!(search_words("  'multiple ^myeloma$  "), "multiple myeloma");
        assert_eq!(search_words("lenalid* !mouse | rat"), "lenalid* rat");
        assert_eq!(search_words("'"), "");
    }
}
