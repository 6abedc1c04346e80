//! The real binary in a pseudo-terminal: keys typed as bytes, the screen read back through a terminal emulator.
//! Waits are for a condition on the screen with a generous deadline, never a sleep standing in for an assertion.

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[path = "support/eutils_server.rs"]
mod eutils_server;

const ROWS: u16 = 30;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(20);

struct Session {
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Closing the master hangs the child up: keep it for the whole session.
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _data: tempfile::TempDir,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        Session::start_with_env(args, &[])
    }

    fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let data = tempfile::tempdir().unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lenaview"));
        command.args(args);
        command.env("TERM", "xterm-256color");
        command.env("NO_COLOR", "1");
        command.env("XDG_DATA_HOME", data.path());
        command.env("HOME", data.path());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("lenaview starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (sender, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 || sender.send(buffer[..read].to_vec()).is_err() {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            writer,
            output,
            parser: vt100::Parser::new(ROWS, COLS, 0),
            raw: Vec::new(),
            child,
            _master: pair.master,
            _data: data,
        }
    }

    fn type_keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    fn screen_text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until `condition` holds for the screen, or fails with the screen it saw.
    fn wait_for(&mut self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        while !condition(self.parser.screen()) {
            let left = DEADLINE
                .checked_sub(start.elapsed())
                .unwrap_or_else(|| panic!("timed out waiting for {what}; the screen was:\n{}", self.screen_text()));
            match self.output.recv_timeout(left) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => panic!("no more output while waiting for {what}; the screen was:\n{}", self.screen_text()),
            }
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?}"), |screen| screen.contents().contains(text));
    }

    /// Waits for the process to end, collecting the rest of its output.
    fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                return status;
            }
            assert!(start.elapsed() < DEADLINE, "lenaview did not exit; the screen was:\n{}", self.screen_text());
            if let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
            }
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

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
fn sigterm_restores_the_terminal() {
    let mut session = Session::start(&[]);
    session.wait_for_text("Publications");
    let pid = session.child.process_id().expect("a process id");
    let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    assert!(status.success());
    session.wait_for_exit();
    assert!(!session.parser.screen().alternate_screen());
    assert!(!session.parser.screen().hide_cursor());
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
fn marks_survive_a_restart() {
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    let state_arg = format!("--state={}", state.display());

    let mut session = Session::start(&[&state_arg]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"js");
    session.wait_for_text("Starred");
    session.type_keys(b"q");
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

/// Row and column of the first cell of `text` on the screen.
fn find(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    (0..ROWS).find_map(|row| {
        let line = screen.contents_between(row, 0, row, COLS);
        let byte = line.find(text)?;
        let column = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
        Some((row, column))
    })
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
    let mut session = Session::start_with_env(
        &[],
        &[
            ("XDG_CONFIG_HOME", config.path().to_str().unwrap()),
            ("LENAVIEW_EUTILS_URL", &url),
            ("HTTPS_PROXY", ""),
            ("HTTP_PROXY", ""),
            ("ALL_PROXY", ""),
        ],
    );
    session.wait_for_text("1/30");
    session.type_keys(b"R");
    session.wait_for_text("updating");
    session.wait_for("the fetch to be asked for", |_| !server.requests_to("efetch.fcgi").is_empty());
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
