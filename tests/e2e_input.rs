//! Input as real hands give it, in a pseudo-terminal: keys typed ahead of a quit, pastes, Ctrl-Z, and links
//! opened in a browser that fails or that needs the terminal.

mod pty;

use std::path::{Path, PathBuf};

use portable_pty::CommandBuilder;
use pty::{Session, contains};

/// A temporary folder holding lenaview's state file; lenaview runs in it, so exports would land there.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        Workspace { dir: tempfile::tempdir().unwrap() }
    }

    fn state_arg(&self) -> String {
        format!("--state={}", self.dir.path().join("state.json").display())
    }

    fn start(&self, env: &[(&str, &str)]) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lenaview"));
        command.arg(self.state_arg());
        Session::spawn(command, env, Some(self.dir.path()))
    }

    fn starred_anything(&self) -> bool {
        std::fs::read_to_string(self.dir.path().join("state.json"))
            .is_ok_and(|state| state.contains("\"starred\": true"))
    }

    fn exports(&self) -> Vec<PathBuf> {
        let entries = std::fs::read_dir(self.dir.path()).unwrap();
        let paths = entries.map(|entry| entry.unwrap().path());
        paths.filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("lenaview-export")).collect()
    }

    /// An executable shell script in the workspace.
    fn script(&self, name: &str, body: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.dir.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }
}

fn path_with(dir: &Path) -> String {
    format!("{}:{}", dir.display(), std::env::var("PATH").unwrap_or_default())
}

#[test]
fn keys_typed_after_q_do_nothing() {
    let workspace = Workspace::new();
    let mut session = workspace.start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    // One write, as fast typing or a paste without bracketed paste delivers it: quit, star, export menu, RIS.
    session.type_keys(b"qser");
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(!workspace.starred_anything(), "the s after q starred a paper");
    assert_eq!(workspace.exports(), Vec::<PathBuf>::new(), "the e r after q wrote an export");
}

#[test]
fn a_paste_into_the_search_line_is_text_even_its_line_breaks() {
    let workspace = Workspace::new();
    let mut session = workspace.start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    assert!(contains(&session.raw, b"\x1b[?2004h"), "bracketed paste is turned on");
    session.type_keys(b"/");
    session.wait_for_text("titles");
    session.type_keys(b"\x1b[200~lenalidomide\rq\x1b[201~");
    session.wait_for_text("/lenalidomide q");
    assert!(session.is_running(), "the pasted q did not quit");
    session.type_keys(b"\x1b");
    session.wait_for("the search line to close", |screen| !screen.contents().contains("/lenalidomide"));
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert!(contains(&session.raw, b"\x1b[?2004l"), "bracketed paste is turned off again");
}

#[test]
fn a_paste_in_the_list_runs_no_command_and_becomes_a_search() {
    let workspace = Workspace::new();
    let mut session = workspace.start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"\x1b[200~qser\x1b[201~");
    session.wait_for_text("/qser");
    assert!(session.is_running(), "the pasted q did not quit");
    assert!(!session.screen_text().contains('★'), "the pasted s starred nothing");
    session.type_keys(b"\x1b");
    session.wait_for("the search line to close", |screen| !screen.contents().contains("/qser"));
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert!(!workspace.starred_anything());
    assert_eq!(workspace.exports(), Vec::<PathBuf>::new());
}

#[test]
fn a_browser_that_fails_is_reported_in_the_status_and_the_log() {
    let workspace = Workspace::new();
    workspace.script("failing-browser", "exit 3");
    let path = path_with(workspace.dir.path());
    let mut session = workspace.start(&[("BROWSER", "failing-browser --new-window"), ("PATH", &path)]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"o");
    session.wait_for_text("Could not open the link (failing-browser exited with status 3)");
    session.type_keys(b"m");
    session.wait_for("the failure in the message log", |screen| {
        let text = screen.contents();
        text.contains(" Messages ") && text.matches("failing-browser exited with status 3").count() == 1
    });
    session.type_keys(b"\x1b");
    session.wait_for("the log to close", |screen| !screen.contents().contains(" Messages "));
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_terminal_browser_gets_the_terminal_and_the_reader_comes_back() {
    let workspace = Workspace::new();
    // Named like a terminal browser, so lenaview lends it the terminal; it waits for a line, as w3m waits for q.
    let browser = workspace.script("w3m", "echo \"w3m got $1\"; read line; echo \"w3m read $line\"");
    let mut session = workspace.start(&[("BROWSER", browser.to_str().unwrap())]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"o");
    session.wait_for("the browser on the normal screen", |screen| {
        !screen.alternate_screen() && screen.contents().contains("w3m got https://")
    });
    // Every key goes to the browser: none is taken by lenaview while the browser runs.
    session.type_keys(b"qs\r");
    session.wait_for("the reader drawn again", |screen| {
        screen.alternate_screen() && screen.contents().contains("Oral Selinexor-Dexamethasone")
    });
    assert!(contains(&session.raw, b"w3m read qs"), "the browser read the whole line");
    assert!(session.is_running());
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    assert!(!workspace.starred_anything(), "the s typed to the browser starred nothing");
}

#[test]
fn ctrl_z_gives_the_terminal_to_the_shell_and_fg_brings_the_reader_back() {
    let workspace = Workspace::new();
    // A job-control shell, as at a prompt: it reports the stop, then waits for a line before `fg`.
    let script = format!(
        "set -m; '{}' '{}'; echo \"stopped with $?\"; read line; fg",
        env!("CARGO_BIN_EXE_lenaview"),
        workspace.state_arg()
    );
    let mut command = CommandBuilder::new("bash");
    command.args(["--norc", "-c", &script]);
    let mut session = Session::spawn(command, &[], Some(workspace.dir.path()));
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"\x1a");
    session.wait_for("the shell's screen", |screen| {
        !screen.alternate_screen() && screen.contents().contains("stopped with 148")
    });
    assert!(!session.parser.screen().hide_cursor(), "the shell gets its cursor back");
    session.type_keys(b"\r");
    session.wait_for("the reader drawn again", |screen| {
        screen.alternate_screen() && screen.contents().contains("Oral Selinexor-Dexamethasone")
    });
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
    let entered = session.raw.windows(8).filter(|window| window == b"\x1b[?1049h").count();
    assert_eq!(entered, 2, "the alternate screen is taken at start and once more after fg, not again on SIGCONT");
}

#[test]
fn ctrl_z_with_no_shell_to_return_to_says_so_and_keeps_reading() {
    // Started directly in the terminal, as `tmux new lenaview` or `ssh host lenaview` do: nobody could `fg` it.
    let workspace = Workspace::new();
    let mut session = workspace.start(&[]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"\x1a");
    session.wait_for_text("Ctrl-Z: no shell to return to");
    assert!(session.parser.screen().alternate_screen());
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn ctrl_c_in_a_terminal_browser_stops_the_browser_not_the_reader() {
    let workspace = Workspace::new();
    let browser = workspace.script("lynx", "echo \"lynx got $1\"; read line");
    let mut session = workspace.start(&[("BROWSER", browser.to_str().unwrap())]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"o");
    session.wait_for("the browser on the normal screen", |screen| {
        !screen.alternate_screen() && screen.contents().contains("lynx got https://")
    });
    // Typed to the browser in its cooked mode, Ctrl-C interrupts the whole foreground process group.
    session.type_keys(b"\x03");
    session.wait_for("the reader drawn again", |screen| {
        screen.alternate_screen() && screen.contents().contains("Oral Selinexor-Dexamethasone")
    });
    session.type_keys(b"q");
    let status = session.wait_for_exit();
    assert!(status.success(), "the reader quit with q, not with the browser's SIGINT: {status:?}");
}
