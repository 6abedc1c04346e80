//! A pseudo-terminal harness for the end-to-end tests: lenaview (or a shell around it) runs in a pty, keys are
//! typed as bytes, and the screen is read back through a terminal emulator (vt100). Waits are for a condition
//! on the screen with a generous deadline, never a sleep standing in for an assertion.
#![allow(dead_code)] // Each test file uses a different part of it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 120;
pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Session {
    pub writer: Box<dyn Write + Send>,
    pub output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    // Closing the master hangs the child up: keep it for the whole session.
    _master: Box<dyn portable_pty::MasterPty + Send>,
    _data: tempfile::TempDir,
}

impl Session {
    pub fn start(args: &[&str]) -> Session {
        Session::start_with_env(args, &[])
    }

    pub fn start_with_env(args: &[&str], env: &[(&str, &str)]) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lenaview"));
        command.args(args);
        Session::spawn(command, env, None)
    }

    /// Runs `command` (lenaview, or a shell around it) with lenaview's environment, in `cwd` when given.
    pub fn spawn(mut command: CommandBuilder, env: &[(&str, &str)], cwd: Option<&Path>) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let data = tempfile::tempdir().unwrap();
        if let Some(cwd) = cwd {
            command.cwd(cwd);
        }
        command.env("TERM", "xterm-256color");
        command.env("NO_COLOR", "1");
        command.env("XDG_DATA_HOME", data.path());
        command.env("HOME", data.path());
        // The user's own config (keys, colours) must not change what a test types or sees.
        command.env("XDG_CONFIG_HOME", data.path().join("config"));
        // Nor may its cache of parsed files be written to, or read from.
        command.env("XDG_CACHE_HOME", data.path().join("cache"));
        command.env_remove("LENAVIEW_CONFIG");
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

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends a signal (`TERM`, `HUP`...) with kill(1), as a user or a service manager would.
    pub fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().expect("a process id");
        let status = std::process::Command::new("kill").args([&format!("-{name}"), &pid.to_string()]).status();
        assert!(status.unwrap().success(), "kill -{name} {pid}");
    }

    pub fn type_keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn screen_text(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until `condition` holds for the screen, or fails with the screen it saw.
    pub fn wait_for(&mut self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
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
                Err(_) => panic!(
                    "no more output while waiting for {what}; the screen was:\n{}\nRAW {:?}",
                    self.screen_text(),
                    String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(600)..])
                ),
            }
        }
    }

    pub fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?}"), |screen| screen.contents().contains(text));
    }

    /// Waits for the process to end, collecting the rest of its output.
    pub fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
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

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// Row and column of the first cell of `text` on the screen.
pub fn find(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    (0..ROWS).find_map(|row| {
        let line = screen.contents_between(row, 0, row, COLS);
        let byte = line.find(text)?;
        let column = unicode_width::UnicodeWidthStr::width(&line[..byte]) as u16;
        Some((row, column))
    })
}
