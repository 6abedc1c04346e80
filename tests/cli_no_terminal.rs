//! The reader needs a terminal; without one it says so and exits 2, and the one-shot commands still work.

mod pty;

use std::process::{Command, Output, Stdio};

use portable_pty::CommandBuilder;
use pty::{Session, contains};

fn lenaview(args: &[&str], stdin: Stdio, stdout: Stdio) -> Output {
    let data = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_DATA_HOME", data.path())
        .env("HOME", data.path())
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("lenaview starts");
    child.wait_with_output().unwrap()
}

fn assert_refused(output: &Output, stream: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains(&format!("the reader needs a terminal, and {stream} is not one")), "{stderr}");
    assert!(stderr.contains("lenaview search"), "it points at what works without a terminal: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty(), "nothing was drawn: {:?}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn the_reader_with_no_terminal_at_all_says_so_and_exits_2() {
    let output = lenaview(&[], Stdio::null(), Stdio::null());
    assert_refused(&output, "stdin");
}

#[test]
fn the_reader_with_its_screen_sent_to_a_file_draws_nothing_there() {
    // `lenaview > file` typed at a terminal: stdin and stderr are the terminal, stdout is not.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("screen.txt");
    let mut command = CommandBuilder::new("sh");
    command.args(["-c", &format!("exec '{}' > '{}'", env!("CARGO_BIN_EXE_lenaview"), file.display())]);
    let mut session = Session::spawn(command, &[], Some(dir.path()));
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 2);
    assert!(session.screen_text().contains("the reader needs a terminal, and stdout is not one"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "", "nothing was drawn into the file");
    assert!(!contains(&session.raw, b"\x1b[?1049h"), "the terminal was never touched");
}

#[test]
fn one_shot_commands_need_no_terminal() {
    let output = lenaview(&["search", "selinexor"], Stdio::null(), Stdio::piped());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Selinexor"));
    let output = lenaview(&["export", "--format", "ris"], Stdio::null(), Stdio::piped());
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("TY  - JOUR"));
}
