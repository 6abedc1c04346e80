//! The real binary in a pseudo-terminal: keys typed as bytes, the screen read back through a terminal emulator.
//! Waits are for a condition on the screen with a generous deadline, never a sleep standing in for an assertion.

mod pty;

#[path = "support/eutils_server.rs"]
mod eutils_server;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use pty::{COLS, DEADLINE, Session, contains, find};

#[test]
fn read_a_publication_and_quit_leaves_the_terminal_as_it_was() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Topics");
    session.wait_for_text("Lenalidomide");
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    assert!(session.parser.screen().alternate_screen(), "the reader runs on the alternate screen");

    session.type_keys(b"j");
    session.wait_for_text("2/30");
    session.type_keys(b"\r");
    session.wait_for_text("PATIENT CONCERNS");
    session.wait_for_text("Wang X, Xie H, Zhang L");

    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    let screen = session.parser.screen();
    assert!(!screen.alternate_screen(), "the alternate screen was left");
    assert!(!screen.hide_cursor(), "the cursor is shown again");
    assert!(contains(&session.raw, b"\x1b[?1049l"), "leave-alternate-screen was sent");
    assert!(
        contains(&session.raw, b"\x1b[?1000l") || contains(&session.raw, b"\x1b[?1006l"),
        "mouse capture was released"
    );
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Publications");
    session.type_keys(b"\x03");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!session.parser.screen().alternate_screen());
    assert!(!session.parser.screen().hide_cursor());
}

#[test]
fn a_bad_file_is_reported_before_the_screen_is_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.txt");
    std::fs::write(&path, "").unwrap();
    let mut session = Session::start(&[path.to_str().unwrap()]);
    session.wait_for_text("empty.txt: the file is empty");
    let status = session.wait_for_exit();
    assert!(!status.success());
    assert!(!contains(&session.raw, b"\x1b[?1049h"), "never entered the alternate screen");
}

#[test]
fn sigterm_restores_the_terminal_and_exits_as_killed_by_it() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Publications");
    session.signal("TERM");
    let status = session.wait_for_exit();
    assert!(!session.parser.screen().alternate_screen());
    assert!(!session.parser.screen().hide_cursor());
    assert_eq!(status.exit_code(), 128 + 15, "the shell convention for a process ended by SIGTERM");
}

#[test]
fn sighup_restores_the_terminal_and_exits_as_killed_by_it() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Publications");
    session.signal("HUP");
    let status = session.wait_for_exit();
    assert!(!session.parser.screen().alternate_screen());
    assert_eq!(status.exit_code(), 128 + 1);
}

#[test]
fn typing_a_search_filters_the_list_and_highlights_the_match() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"/daratumumab");
    session.wait_for_text("/daratumumab");
    session.wait_for("the list to hold only matches", |screen| {
        !screen.contents().contains("Multiple myeloma with onset") && screen.contents().contains("of 30")
    });
    let screen = session.parser.screen();
    let (row, column) = find(screen, "Daratumumab plus").expect("the matching title is listed");
    let cell = screen.cell(row, column).unwrap();
    assert!(cell.underline() || cell.bold(), "the matched D is highlighted");
    session.type_keys(b"\x1b");
    session.wait_for_text("Multiple myeloma with onset");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_search_of_everything_is_answered_once_the_abstracts_are_indexed() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    // "DXM" is in one abstract only: no title, author or journal has it.
    session.type_keys(b"/'DXM");
    session.wait_for_text("no match");
    // The index was built without the abstracts: the first search of everything has them built, then answers.
    session.type_keys(b"\t\t");
    session.wait_for_text("1 of 30");
    session.wait_for_text("Randomized phase III study (ADMYRE)");
    session.type_keys(b"\x03");
    assert!(session.wait_for_exit().success());
}

#[test]
fn marks_survive_a_restart() {
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    let state_arg = format!("--state={}", state.display());

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"js");
    session.wait_for_text("Starred");
    // Back on the first paper, so the next run (which opens where this one quit) shows the list as at start-up.
    session.type_keys(b"kq");
    assert!(session.wait_for_exit().success());
    let saved = std::fs::read_to_string(&state).expect("the state file was written");
    assert!(saved.contains("\"starred\": true"), "{saved}");

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    let screen = session.parser.screen();
    let (row, _) = find(screen, "Multiple myeloma with onset").unwrap();
    assert!(screen.contents_between(row, 0, row, COLS).contains('★'), "the star is back after a restart");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn the_paper_moved_onto_last_counts_as_read_after_a_moment() {
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    let mut session = Session::start(&[&format!("--state={}", state.display())]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    // Two moves: the second paper's read timer gives way to the third's, which alone runs out.
    session.type_keys(b"jj");
    session.wait_for_text("3/30");
    let start = Instant::now();
    let saved = loop {
        let saved = std::fs::read_to_string(&state).unwrap_or_default();
        if saved.contains("\"read\": true") {
            break saved;
        }
        assert!(start.elapsed() < DEADLINE, "no paper was marked read; the screen was:\n{}", session.screen_text());
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(saved.matches("\"read\": true").count(), 1, "{saved}");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_panic_restores_the_terminal_before_its_message_is_printed() {
    let mut session = Session::start_with_env(&[], &[("LENAVIEW_PANIC_AFTER_FIRST_FRAME", "1")]);
    let status = session.wait_for_exit();
    assert!(!status.success());
    assert!(!session.parser.screen().alternate_screen());
    assert!(!session.parser.screen().hide_cursor());
    let raw = String::from_utf8_lossy(&session.raw);
    let left_alternate = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let message = raw.find("asked to panic").expect("the panic message is printed");
    assert!(left_alternate < message, "the message comes after the screen is restored, where it stays readable");
    assert!(contains(&session.raw, b"\x1b[?2004l"), "bracketed paste was turned off again");
}

#[test]
fn a_panic_in_the_background_is_told_and_the_reader_goes_on_with_its_terminal() {
    let mut session = Session::start_with_env(&[], &[("LENAVIEW_PANIC_WHILE_INDEXING", "1")]);
    session.wait_for_text("A background job failed (asked to panic by LENAVIEW_PANIC_WHILE_INDEXING");
    assert!(session.parser.screen().alternate_screen(), "the screen is still the reader's");
    assert!(!contains(&session.raw, b"\x1b[?1049l"), "the alternate screen was never left");
    session.type_keys(b"j");
    session.wait_for_text("2/30");
    // The index that job was building never comes: a search says so instead of waiting for it.
    session.type_keys(b"/lenal");
    session.wait_for_text("search unavailable");
    assert!(!session.screen_text().contains("indexing"), "{}", session.screen_text());
    session.type_keys(b"\r");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert!(!session.parser.screen().alternate_screen());
}

#[test]
fn the_next_run_opens_where_the_last_one_quit() {
    let state_dir = tempfile::tempdir().unwrap();
    let state_arg = format!("--state={}", state_dir.path().join("state.json").display());

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    // Newest first, the third paper.
    session.type_keys(b"S");
    session.wait_for_text("Sorted by newest first");
    session.type_keys(b"jj");
    session.wait_for_text("3/30");
    let before = session.screen_text();
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert!(state_dir.path().join("state.session.json").exists());

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("3/30");
    let after = session.screen_text();
    let list_rows = |screen: &str| screen.lines().take(10).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(list_rows(&after), list_rows(&before), "the same order, selection and abstract");
    assert!(!after.contains("Oral Selinexor-Dexamethasone for Triple"), "not the start-up view:\n{after}");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

/// The reader, its followed topics updated from the fake E-utilities at `url` and never through a proxy; `env`
/// adds to its environment.
fn start_against_pubmed(url: &str, env: &[(&str, &str)]) -> Session {
    let mut all = vec![("LENAVIEW_EUTILS_URL", url), ("HTTPS_PROXY", ""), ("HTTP_PROXY", ""), ("ALL_PROXY", "")];
    all.extend_from_slice(env);
    Session::start_with_env(&[], &all)
}

#[test]
fn r_updates_the_followed_topic_in_the_background_while_keys_still_work() {
    // The fake PubMed holds its EFetch answer until the test has seen the reader answer a key meanwhile.
    let pubmed = eutils_server::FakePubMed::new(eutils_server::papers(41_000_000, 12, 3));
    let (release, held) = mpsc::channel::<()>();
    let held = std::sync::Mutex::new(held);
    let server = eutils_server::Server::start(move |_, request| {
        if request.endpoint == "efetch.fcgi" {
            let _ = held.lock().unwrap().recv_timeout(DEADLINE);
        }
        pubmed.answer(request)
    });
    let config = tempfile::tempdir().unwrap();
    let url = server.url();
    let mut session = start_against_pubmed(&url, &[("XDG_CONFIG_HOME", config.path().to_str().unwrap())]);
    session.wait_for_text("1/30");
    session.type_keys(b"R");
    session.wait_for_text("updating");
    // The fetch reaches the server without the screen changing, so the server is asked, not the screen.
    let asked = Instant::now();
    while server.requests_to("efetch.fcgi").is_empty() {
        assert!(asked.elapsed() < DEADLINE, "the update never asked for the records");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The update is waiting on the network: the reader still moves.
    session.type_keys(b"j");
    session.wait_for_text("2/30");
    release.send(()).unwrap();
    session.wait_for_text("Update: 12 new papers");
    session.wait_for_text("2/42");
    // The new papers are listed, unread, and `w` shows only them.
    session.type_keys(b"w");
    session.wait_for_text("1/12");
    session.wait_for_text("relapsed myeloma: report 4100000");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

/// A paper an update brings may be one the user wrote a note on before (a topic followed again): the note is
/// there when the paper arrives, not only after a restart.
#[test]
fn papers_an_update_brings_come_with_the_notes_written_on_them_before() {
    let pubmed = eutils_server::FakePubMed::new(eutils_server::papers(41_000_000, 3, 3));
    let server = eutils_server::Server::start(move |_, request| pubmed.answer(request));
    let data = tempfile::tempdir().unwrap();
    let notes = data.path().join("lenaview/notes");
    std::fs::create_dir_all(&notes).unwrap();
    let note = "---\nkey: \"pmid:41000001\"\npaper: \"a paper seen before\"\n---\n\nDiscussed at the tumour board.\n";
    std::fs::write(notes.join("seen-before.md"), note).unwrap();
    let url = server.url();
    let mut session = start_against_pubmed(&url, &[("XDG_DATA_HOME", data.path().to_str().unwrap())]);
    session.wait_for_text("1/30");
    session.type_keys(b"R");
    session.wait_for_text("Update: 3 new papers");
    session.type_keys(b"/'41000001\r");
    session.wait_for_text("1/1");
    session.type_keys(b"\r");
    session.wait_for_text("Discussed at the tumour board.");
    assert!(session.screen_text().contains('✎'), "the list flags the note:\n{}", session.screen_text());
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}
