//! Tags in the real binary in a pseudo-terminal: typed on the tag line, saved through the event loop, and back
//! after a restart in the list and the Tags branch. Waits are for the screen, never sleeps.

mod pty;

use pty::Session;

#[test]
fn tags_typed_on_the_tag_line_survive_a_restart() {
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    let state_arg = format!("--state={}", state.display());

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"t");
    session.wait_for_text("Tag: ");
    session.type_keys(b"review to-re\t");
    session.type_keys(b"\r");
    session.wait_for_text("review added to 1 publication");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    let saved = std::fs::read_to_string(&state).expect("the state file was written");
    assert!(saved.contains("\"review\"") && saved.contains("\"to-re\""), "{saved}");

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("#review");
    session.wait_for_text("Tags ");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}
