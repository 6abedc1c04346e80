//! The reading workflow through keys: marks, sort and filters, cite, export and open.

mod support;

use lenaview::app::{Action, App, Effect, update_now};
use lenaview::formats;
use lenaview::formats::export::ExportFormat;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{keys, press};

fn app() -> App {
    App::new(formats::bundled(), 120, 40)
}

/// Presses a key and returns the effects that leave the app (searches already run).
fn press_for_effects(app: &mut App, c: char) -> Vec<Effect> {
    let action = app
        .keymap
        .action_for(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), app.mode())
        .unwrap_or_else(|| panic!("{c} is bound"));
    update_now(app, action)
}

#[test]
fn s_stars_and_asks_for_a_save() {
    let mut app = app();
    let effects = press_for_effects(&mut app, 's');
    assert!(app.mark(0).starred);
    assert!(effects.contains(&Effect::SaveMarks));
    assert_eq!(app.status.as_deref(), Some("Starred"));
    press(&mut app, KeyCode::Char('s'));
    assert!(!app.mark(0).starred);
}

#[test]
fn an_abstract_open_for_a_moment_becomes_read_and_tree_counts_follow() {
    let mut app = app();
    assert_eq!(app.unread[0], 30);
    let effects = press_for_effects(&mut app, 'j');
    assert!(effects.contains(&Effect::MarkReadLater(1)), "{effects:?}");
    // The timer for a publication no longer open does nothing.
    update_now(&mut app, Action::MarkReadIfShown(0));
    assert!(!app.mark(0).read);
    let effects = update_now(&mut app, Action::MarkReadIfShown(1));
    assert!(app.mark(1).read);
    assert!(effects.contains(&Effect::SaveMarks));
    assert!(app.unread.iter().all(|&count| count == 29), "every node lists it: {:?}", app.unread);
    press(&mut app, KeyCode::Char('u'));
    assert!(!app.mark(1).read);
    assert_eq!(app.unread[0], 30);
}

#[test]
fn filters_combine_with_each_other_and_with_search() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    let free = app.list.ids.len();
    assert!(free > 0 && free < 30);
    assert!(app.list.ids.iter().all(|&id| app.catalog.publication(id).free_full_text));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('*'));
    assert_eq!(app.list.ids.len(), 1, "free and starred");
    press(&mut app, KeyCode::Char('*'));
    assert_eq!(app.list.ids.len(), free);
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "myeloma");
    assert!(!app.list.ids.is_empty() && app.list.ids.len() < free);
    assert_eq!(app.list.selected, Some(0), "the best match is selected, as in fzf");
    for &id in &app.list.ids {
        let publication = app.catalog.publication(id);
        assert!(publication.free_full_text, "{}", publication.title);
        assert!(!lenaview::search::highlight_positions(&publication.title, "myeloma").is_empty());
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list.ids.len(), free);
    press(&mut app, KeyCode::Char('U'));
    let first = app.list.ids[0];
    update_now(&mut app, Action::MarkReadIfShown(first));
    press(&mut app, KeyCode::Char('U'));
    press(&mut app, KeyCode::Char('U'));
    assert_eq!(app.list.ids.len(), free - 1, "the one read is filtered out");
}

#[test]
fn sort_orders_cycle_and_keep_the_selection() {
    let mut app = app();
    keys(&mut app, "jjj");
    let selected = app.list.selected_id();
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.status.as_deref(), Some("Sorted by newest first"));
    let years: Vec<_> = app.list.ids.iter().map(|&id| app.catalog.publication(id).year).collect();
    assert!(years.windows(2).all(|pair| pair[0] >= pair[1]), "{years:?}");
    assert_eq!(app.list.selected_id(), selected);
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('S'));
    }
    assert_eq!(app.list.ids, (0..30).collect::<Vec<u32>>());
}

#[test]
fn y_offers_citation_styles_and_copies_the_chosen_one() {
    let mut app = app();
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.menu, Some(lenaview::app::Menu::Cite));
    let effects = press_for_effects(&mut app, 'b');
    assert_eq!(app.menu, None);
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(text.starts_with("@article{chari2019"), "{text}");
    // Whether it reached a clipboard depends on the terminal: the event loop says what it could find out.
    assert_eq!(app.status, None, "update claims no copy");
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.menu, None);
    let effects = press_for_effects(&mut app, 'y');
    assert!(effects.is_empty());
    let effects = press_for_effects(&mut app, 'p');
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(text.starts_with("Chari A, Vogl DT, Gavriatopoulou M, et al. Oral Selinexor"), "{text}");
}

#[test]
fn e_exports_exactly_the_listed_publications() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Char('e'));
    let effects = press_for_effects(&mut app, 'c');
    let [Effect::WriteExport { format, contents, count }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(*format, ExportFormat::Csv);
    assert_eq!(*count, app.list.ids.len());
    assert_eq!(contents.matches("\r\n").count(), count + 1, "a header and one line per publication");
}

#[test]
fn o_opens_pubmed_and_shows_the_link() {
    let mut app = app();
    let effects = press_for_effects(&mut app, 'o');
    let [Effect::OpenUrl(url)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(url.starts_with("https://pubmed.ncbi.nlm.nih.gov/?term="), "{url}");
    assert!(app.status.as_deref().unwrap().contains(url.as_str()));
}

#[test]
fn publication_keys_need_a_publication() {
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list.selected, None);
    let s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
    assert_eq!(app.keymap.action_for(s, app.mode()), None, "the tree has no publication to star");
    // The abstract pane, clicked while it shows the topic's summary, has none either.
    let reader = app.layout.pane_rect(lenaview::app::Pane::Abstract).unwrap();
    update_now(&mut app, Action::Click { column: reader.x + 2, row: reader.y + 2 });
    let effects = press_for_effects(&mut app, 's');
    assert!(effects.is_empty());
    assert_eq!(app.status.as_deref(), Some("Select a publication first"));
    assert!((0..30).all(|id| !app.mark(id).starred));
}

#[test]
fn n_and_n_jump_between_matches_in_the_abstract_when_the_search_includes_it() {
    let mut app = App::new(formats::bundled(), 120, 24);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.status.as_deref().unwrap().contains("includes abstracts"));
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "myeloma");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.search.scope, lenaview::search::Scope::Everything);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let matches = app.reader.document.match_lines.clone();
    assert!(matches.len() >= 3, "{matches:?}");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(0));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(1));
    let height = app.layout.inner_height(lenaview::app::Pane::Abstract);
    for _ in 2..matches.len() {
        press(&mut app, KeyCode::Char('n'));
        let line = matches[app.reader.current_match.unwrap()];
        assert!(line >= app.reader.scroll && line < app.reader.scroll + height, "the match is on screen");
    }
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.reader.current_match, Some(0), "wraps around");
    press_with_shift_n(&mut app);
    assert_eq!(app.reader.current_match, Some(matches.len() - 1));
}

fn press_with_shift_n(app: &mut App) {
    support::press_with(app, KeyCode::Char('N'), KeyModifiers::SHIFT);
}

#[test]
fn the_paper_shown_at_start_is_not_read_until_the_user_moves_onto_it_or_opens_it() {
    let mut app = app();
    assert!(lenaview::app::startup_effects(&app).is_empty(), "start-up starts no read timer");
    let reads = |effects: &[Effect]| effects.iter().any(|effect| matches!(effect, Effect::MarkReadLater(_)));
    // The best match a search selects by itself is not chosen either.
    press(&mut app, KeyCode::Char('/'));
    for c in "myeloma".chars() {
        let effects = update_now(&mut app, Action::SearchInput(c));
        assert!(!reads(&effects), "{effects:?}");
    }
    let effects = update_now(&mut app, Action::SearchClear);
    assert!(!reads(&effects), "{effects:?}");
    // Opening it is a read.
    let shown = app.list.selected_id().unwrap();
    let effects = update_now(&mut app, Action::Open);
    assert_eq!(effects, vec![Effect::MarkReadLater(shown)]);
    // So is moving back onto the first paper after leaving it.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    let effects = press_for_effects(&mut app, 'k');
    assert_eq!(effects, vec![Effect::MarkReadLater(shown)]);
}

#[test]
fn a_marks_every_listed_paper_read_and_z_gives_back_exactly_those() {
    let mut app = app();
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('u'));
    assert!(app.mark(1).read);
    let effects = press_for_effects(&mut app, 'A');
    assert_eq!(effects, vec![Effect::SaveMarks], "one save for the whole topic");
    assert_eq!(app.status.as_deref(), Some("Marked 29 publications read — press z to undo"));
    assert!((0..30).all(|id| app.mark(id).read));
    assert!(app.unread.iter().all(|&count| count == 0), "{:?}", app.unread);
    assert_eq!(app.messages.lines, ["Marked 29 publications read — press z to undo"], "the log keeps how to undo");
    assert_eq!(press_for_effects(&mut app, 'A'), vec![]);
    assert_eq!(app.status.as_deref(), Some("Every listed publication is read already"));

    let effects = press_for_effects(&mut app, 'z');
    assert_eq!(effects, vec![Effect::SaveMarks]);
    assert_eq!(app.status.as_deref(), Some("Undone: 29 publications unread again"));
    assert!(app.mark(1).read, "the paper read before A stays read");
    assert!((0..30).filter(|&id| id != 1).all(|id| !app.mark(id).read));
    assert_eq!(app.unread[0], 29);
    assert_eq!(press_for_effects(&mut app, 'z'), vec![]);
    assert!(app.status.as_deref().unwrap().starts_with("Nothing to undo"));
}

#[test]
fn a_marks_only_what_is_listed() {
    let mut app = app();
    press(&mut app, KeyCode::Char('f'));
    let free = app.list.ids.clone();
    press(&mut app, KeyCode::Char('A'));
    assert!((0..30).all(|id| app.mark(id).read == free.contains(&id)));
    press(&mut app, KeyCode::Char('z'));
    assert!((0..30).all(|id| !app.mark(id).read));
}

#[test]
fn dot_selects_the_next_unread_paper_wrapping_around_the_list() {
    let mut app = app();
    for id in [1, 2, 29] {
        let key = app.catalog.key(id).to_string();
        app.marks.set_read(&key, true);
    }
    press(&mut app, KeyCode::Char('g'));
    let effects = press_for_effects(&mut app, '.');
    assert_eq!(app.list.selected, Some(3), "rows 1 and 2 are read");
    assert_eq!(effects, vec![Effect::MarkReadLater(3)], "moving onto it is a read");
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('.'));
    assert_eq!(app.list.selected, Some(0), "past the end it starts again at the top");
    // From the abstract too, which then shows it.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('.'));
    assert_eq!((app.focus, app.list.selected), (lenaview::app::Pane::Abstract, Some(3)));
    assert_eq!(app.reader.content, lenaview::app::ReaderContent::Publication(3));
    press(&mut app, KeyCode::Char('A'));
    press(&mut app, KeyCode::Char('.'));
    assert_eq!(app.list.selected, Some(3));
    assert_eq!(app.status.as_deref(), Some("No unread publication in this list"));
}

#[test]
fn the_cite_menu_copies_the_doi_pmid_link_or_abstract_and_says_when_there_is_none() {
    let mut library = support::two_topic_library();
    let first = &mut library.pages[0].publications[0];
    first.doi = Some("10.1056/NEJMoa1903455".into());
    first.pmid = Some("31433920".into());
    let mut app = App::new(library, 120, 40);
    let copied = |app: &mut App, key: char| {
        press(app, KeyCode::Char('y'));
        press_for_effects(app, key)
    };
    assert_eq!(copied(&mut app, 'd'), vec![Effect::Copy("10.1056/NEJMoa1903455".into())]);
    assert_eq!(app.status.as_deref(), Some("Copied the DOI to the clipboard: 10.1056/NEJMoa1903455"));
    assert_eq!(copied(&mut app, 'i'), vec![Effect::Copy("31433920".into())]);
    assert_eq!(copied(&mut app, 'l'), vec![Effect::Copy("https://pubmed.ncbi.nlm.nih.gov/31433920/".into())]);
    let effects = copied(&mut app, 'a');
    let [Effect::Copy(text)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(text.starts_with("BACKGROUND: Myeloma background sentence."), "{text}");
    assert!(text.ends_with("Plain closing paragraph with more words."), "{text}");
    assert_eq!(app.status.as_deref(), Some("Copied the abstract to the clipboard"));

    press(&mut app, KeyCode::Char('j'));
    assert_eq!(copied(&mut app, 'd'), vec![]);
    assert_eq!(app.status.as_deref(), Some("This publication has no DOI; nothing was copied"));
    assert_eq!(copied(&mut app, 'i'), vec![]);
    assert_eq!(app.status.as_deref(), Some("This publication has no PMID; nothing was copied"));
    let effects = copied(&mut app, 'l');
    let [Effect::Copy(link)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(link.starts_with("https://pubmed.ncbi.nlm.nih.gov/?term=Trial"), "{link}");
}
