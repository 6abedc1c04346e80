//! Two real lenaview processes adding highlighted words to the same lists: each keeps the other's.

mod pty;

use pty::Session;

#[test]
fn two_lenaviews_keep_each_others_words() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let state = state.to_str().unwrap();
    let mut first = Session::start(&["--state", state]);
    let mut second = Session::start(&["--state", state]);
    first.wait_for_text("Publications");
    second.wait_for_text("Publications");

    first.type_keys(b"/'myeloma\r+");
    first.wait_for_text("Highlight \"myeloma\" in");
    first.type_keys(b"1");
    first.wait_for_text("Added \"myeloma\" to include");

    // The second process read the lists before the first added to them.
    second.type_keys(b"/'thalidomide\r+");
    second.wait_for_text("Highlight \"thalidomide\" in");
    second.type_keys(b"2");
    second.wait_for_text("Added \"thalidomide\" to exclude");
    second.type_keys(b"W");
    second.wait_for_text("include (green, weight 1, every paper): myeloma");
    second.wait_for_text("exclude (red, weight -1, every paper): thalidomide");

    // The first q closes the log.
    second.type_keys(b"qq");
    first.type_keys(b"q");
    for session in [&mut first, &mut second] {
        assert!(session.wait_for_exit().success());
    }
    let saved = std::fs::read_to_string(dir.path().join("state.words.toml")).unwrap();
    assert!(saved.contains("\"myeloma\"") && saved.contains("\"thalidomide\""), "{saved}");
}
