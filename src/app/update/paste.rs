//! Pasted text (bracketed paste) is text, never keys: a pasted line break cannot accept the search, and a
//! pasted `q` cannot quit.

use crate::formats::clean::{Breaks, strip_controls};

use super::super::App;
use super::super::action::Effect;
use super::list::list_changed;

/// Adds a paste to the search query: line breaks and tabs become spaces, escape sequences and other control
/// characters are dropped, and the line break that usually ends a copied line is not kept.
pub(in crate::app) fn paste_into_search(app: &mut App, text: &str, effects: &mut Vec<Effect>) {
    let (clean, _) = strip_controls(text.trim_end_matches(['\r', '\n']), Breaks::AsSpaces);
    if clean.is_empty() {
        return;
    }
    app.search.query.push_str(&clean);
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
}
