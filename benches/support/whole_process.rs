//! The release binary as a user starts it: in a pseudo-terminal, its screen read back through a terminal emulator,
//! so a start is timed from spawning the process to the first frame on the screen.

#![allow(dead_code)] // Each bench uses a different part of it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// A 1M library took 20 s to its first frame when this was written: generous, yet a hang still ends.
const DEADLINE: Duration = Duration::from_secs(300);

pub const BINARY: &str = env!("CARGO_BIN_EXE_lenaview");

/// One start of the reader on a library.
pub struct Start {
    /// From spawning to the list pane on the screen.
    pub first_frame: Duration,
    /// From spawning to the answer of a search typed as soon as the first frame showed.
    pub first_search: Duration,
    /// Peak resident memory (VmHWM), read just before quitting.
    pub peak_bytes: u64,
}

/// Starts `BINARY LIBRARY` (lenaview; with no library, what `home`'s folders hold) with `home` as its home and XDG
/// folders, types `/query` at the first frame and quits once it is answered.
pub fn start_reader(binary: &Path, library: Option<&Path>, home: &Path, query: &str) -> Start {
    let pair = native_pty_system()
        .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(binary);
    if let Some(library) = library {
        command.arg(library);
    }
    command.env("TERM", "xterm-256color");
    command.env("NO_COLOR", "1");
    command.env("HOME", home);
    for (variable, folder) in [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")] {
        command.env(variable, home.join(folder));
    }
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(command).expect("lenaview starts");
    drop(pair.slave);
    let output = read_in_background(pair.master.try_clone_reader().expect("the terminal's output"));
    let mut writer = pair.master.take_writer().expect("the terminal's input");
    let mut screen = Screen { parser: vt100::Parser::new(ROWS, COLS, 0), output };

    // The list pane's title: the status bar may show a message instead of its position (a big file's
    // "N imported" line does).
    screen.wait_until("the first frame", |text| text.contains("Publications").then_some(()));
    let first_frame = started.elapsed();
    writer.write_all(format!("/{query}").as_bytes()).and_then(|()| writer.flush()).expect("keys typed");
    // "N of M match “query”" replaces "searching “query”…" when the answer is in.
    screen.wait_until("the search's answer", |text| text.contains(&format!(" match “{query}”")).then_some(()));
    let first_search = started.elapsed();
    let pid = child.process_id().expect("a process id");
    let peak_bytes = peak_resident_bytes(pid);
    // Ctrl-C quits from the search line (Esc and q sent together would read as Alt-q).
    writer.write_all(b"\x03").and_then(|()| writer.flush()).expect("keys typed");
    let status = child.wait().expect("lenaview ends");
    assert!(status.success(), "lenaview failed: {status:?}");
    drop(pair.master);
    Start { first_frame, first_search, peak_bytes }
}

struct Screen {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
}

impl Screen {
    /// Reads output until `found` finds something on the screen.
    fn wait_until<T>(&mut self, what: &str, found: impl Fn(&str) -> Option<T>) -> T {
        let started = Instant::now();
        loop {
            if let Some(value) = found(&self.parser.screen().contents()) {
                return value;
            }
            let left = DEADLINE.checked_sub(started.elapsed()).unwrap_or_default();
            match self.output.recv_timeout(left) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(_) => panic!("no sign of {what} on the screen:\n{}", self.parser.screen().contents()),
            }
        }
    }
}

fn read_in_background(mut reader: Box<dyn Read + Send>) -> Receiver<Vec<u8>> {
    let (sender, output) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buffer = [0u8; 65536];
        while let Ok(read) = reader.read(&mut buffer) {
            if read == 0 || sender.send(buffer[..read].to_vec()).is_err() {
                break;
            }
        }
    });
    output
}

fn peak_resident_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next().and_then(|number| number.parse::<u64>().ok()));
    kib.unwrap_or(0) * 1024
}

/// Asks the kernel to drop the file's pages from the page cache (`posix_fadvise(DONTNEED)` through GNU dd), so the
/// next start reads it from the disk. Dropping the whole cache needs root; this needs only the file. Returns
/// whether dd ran.
pub fn evict_from_page_cache(file: &Path) -> bool {
    let mut arg = std::ffi::OsString::from("if=");
    arg.push(file);
    Command::new("dd")
        .args([arg.as_os_str(), "iflag=nocache".as_ref(), "count=0".as_ref(), "status=none".as_ref()])
        .status()
        .is_ok_and(|status| status.success())
}

/// The library `lenaview generate --count N` writes, generated once into `folder` and reused by later runs.
pub fn generated_library(folder: &Path, publications: usize) -> PathBuf {
    let path = folder.join(format!("library-{publications}.json"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(folder).expect("a folder for the libraries");
    let partial = folder.join(format!("library-{publications}.json.partial"));
    let file = std::fs::File::create(&partial).expect("a library file");
    let status = Command::new(BINARY)
        .args(["generate", "--count", &publications.to_string()])
        .stdout(file)
        .status()
        .expect("lenaview generate runs");
    assert!(status.success(), "lenaview generate failed");
    std::fs::rename(&partial, &path).expect("the library is in place");
    path
}

/// The titles of a generated library, one a line, for `fzf --filter`: read from the pretty JSON's `"title"` lines,
/// so even 1M publications need no parse of the whole library here.
pub fn titles_file(library: &Path) -> PathBuf {
    let path = library.with_extension("titles.txt");
    if path.exists() {
        return path;
    }
    let reader = BufReader::new(std::fs::File::open(library).expect("the library"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("a titles file"));
    for line in reader.lines() {
        let line = line.expect("the library reads");
        let Some(quoted) = line.trim_start().strip_prefix("\"title\": ") else { continue };
        let title: String = serde_json::from_str(quoted.trim_end_matches(',')).expect("a JSON string");
        writeln!(out, "{}", title.replace('\n', " ")).expect("the titles file is written");
    }
    out.flush().expect("the titles file is written");
    path
}

/// Wall time of one whole process, its output thrown away; with a `home`, that is its home and XDG folders (so
/// its cache is its own, not the user's nor another binary's).
pub fn time_command(program: &Path, args: &[&std::ffi::OsStr], stdin: Option<&Path>, home: Option<&Path>) -> Duration {
    let mut command = Command::new(program);
    command.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    if let Some(home) = home {
        command.env("HOME", home);
        for (variable, folder) in
            [("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")]
        {
            command.env(variable, home.join(folder));
        }
    }
    if let Some(input) = stdin {
        command.stdin(std::fs::File::open(input).expect("the input file"));
    }
    let started = Instant::now();
    let status = command.status().expect("the command runs");
    let elapsed = started.elapsed();
    // grep's convention: 1 is "no match", which a timing does not mind.
    assert!(status.code().is_some_and(|code| code <= 1), "{} failed: {status:?}", program.display());
    elapsed
}

pub fn fzf_available() -> bool {
    Command::new("fzf").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}
