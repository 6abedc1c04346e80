//! Pasted text (bracketed paste) is text, never keys: a pasted line break cannot accept the search, and a
//! pasted `q` cannot quit.

use crate::formats::clean::{Breaks, strip_controls};

use super::list::list_changed;
use crate::app::App;
use crate::app::action::Effect;

/// Inserts a paste into the search query at the cursor: line breaks and tabs become spaces, escape sequences and other control
/// characters are dropped, and the line break that usually ends a copied line is not kept.
pub(in crate::app) fn paste_into_search(app: &mut App, text: &str, effects: &mut Vec<Effect>) {
    let (clean, _) = strip_controls(text.trim_end_matches(['\r', '\n']), Breaks::AsSpaces);
    if clean.is_empty() {
        return;
    }
    app.search.insert(&clean);
    list_changed(app, effects);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update_now};
    use crate::formats::bundled;

    fn app_searching() -> App {
        let mut app = App::new(bundled(), 120, 40);
        update_now(&mut app, Action::StartSearch);
        app
    }

    #[test]
    fn a_pasted_line_break_is_a_space_and_the_final_one_goes() {
        let mut app = app_searching();
        update_now(&mut app, Action::Paste("lenalidomide\r\nmyeloma\n".into()));
        assert_eq!(app.search.query, "lenalidomide myeloma");
        assert!(app.search.editing, "the line break accepted nothing");
    }

    #[test]
    fn escape_sequences_and_controls_in_a_paste_are_dropped() {
        let mut app = app_searching();
        update_now(&mut app, Action::Paste("dara\x1b[31m\x07tumumab\ttrial".into()));
        assert_eq!(app.search.query, "daratumumab trial");
    }

    #[test]
    fn a_paste_goes_where_the_cursor_is() {
        let mut app = app_searching();
        update_now(&mut app, Action::Paste("dara myeloma".into()));
        for _ in 0.."myeloma".len() {
            update_now(&mut app, Action::SearchEdit(crate::app::search_line::LineEdit::Left));
        }
        update_now(&mut app, Action::Paste("len ".into()));
        assert_eq!(app.search.query, "dara len myeloma");
    }
}
