//! The terminal as the reader uses it: raw mode, the alternate screen, mouse capture and bracketed paste, and
//! giving all of that back, for good (quit, signal, panic) or for a while (Ctrl-Z, a terminal browser).

use std::io::{self, IsTerminal, stdout};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::Rect;

/// Why the reader cannot start, when stdin or stdout is not a terminal (a pipe, a file, /dev/null): drawing
/// into a file or waiting for keys from nowhere helps no one.
pub fn why_not_interactive() -> Option<&'static str> {
    match (io::stdin().is_terminal(), stdout().is_terminal()) {
        (true, true) => None,
        (false, _) => Some("the reader needs a terminal, and stdin is not one"),
        (true, false) => Some("the reader needs a terminal, and stdout is not one"),
    }
}

/// Takes the terminal over. Every way out (a return, a signal turned into a quit, a panic) ends in [`leave`].
pub fn enter() -> DefaultTerminal {
    // ratatui::init chains its own panic hook (restore the screen) in front of this one.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
        default_hook(info);
    }));
    let terminal = ratatui::init();
    // In front of both: a job on another thread that panics must not give the terminal back under the reader's
    // feet, nor print over its screen; once the event loop listens, it is told instead (see `on_background_panic`).
    let restoring = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| match BACKGROUND_PANICS.get() {
        Some(report) if thread::current().name() != Some("main") => report(panic_message(info)),
        _ => restoring(info),
    }));
    let _ = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal
}

/// Where panics of threads other than the reader's go, once set.
static BACKGROUND_PANICS: OnceLock<Box<dyn Fn(String) + Send + Sync>> = OnceLock::new();

/// From now on a panic on any thread but the reader's is handed to `report`, and the terminal stays the reader's.
pub fn on_background_panic(report: impl Fn(String) + Send + Sync + 'static) {
    let _ = BACKGROUND_PANICS.set(Box::new(report));
}

/// "index out of bounds (src/search/index.rs:120)": what a panic says, and where.
fn panic_message(info: &std::panic::PanicHookInfo) -> String {
    let payload = info.payload();
    let what = payload.downcast_ref::<&str>().copied().or_else(|| payload.downcast_ref::<String>().map(String::as_str));
    let place = info.location().map(|at| format!(" ({}:{})", at.file(), at.line())).unwrap_or_default();
    format!("{}{place}", what.unwrap_or("a panic"))
}

/// Gives the terminal back as it was before [`enter`].
pub fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Gives the terminal back for a while: the shell (after Ctrl-Z) or a terminal browser gets a normal screen.
pub fn suspend(terminal: &mut DefaultTerminal) {
    let _ = terminal.show_cursor();
    leave();
}

/// Takes the terminal over again after [`suspend`] and forgets what was on it, so the next frame is drawn whole.
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
    terminal.hide_cursor()?;
    // Terminal::clear would ask the terminal where its cursor is, and wait for an answer some never give;
    // resize clears the screen and forgets the last frame without asking (and the size may have changed).
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

/// Ctrl-Z: the terminal goes back to the shell, the process stops as a shell expects, and takes the terminal
/// over again when the shell continues it (`fg`). False, and nothing done, when no job-control shell
/// started the reader: nobody could continue it, and the system would ignore the stop anyway.
pub fn suspend_process(terminal: &mut DefaultTerminal, reader: &KeyReader) -> io::Result<bool> {
    if !started_by_a_job_control_shell() {
        return Ok(false);
    }
    reader.pause();
    suspend(terminal);
    // Raw mode turned off Ctrl-Z's signal: raise it as the terminal would have. Returns once continued.
    let stopped = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    let resumed = resume(terminal);
    reader.resume();
    stopped.and(resumed).map(|()| true)
}

/// A job-control shell runs each job in a process group of its own; a process in its session leader's group
/// was started by a terminal emulator, tmux or ssh directly. Where /proc cannot tell, assume a shell.
fn started_by_a_job_control_shell() -> bool {
    std::fs::read_to_string("/proc/self/stat").map_or(true, |stat| in_a_job_of_its_own(&stat))
}

/// From a line of /proc/PID/stat: whether the process group is not the session's first.
fn in_a_job_of_its_own(stat: &str) -> bool {
    // After the command name (in parentheses, and free to hold anything): state, ppid, pgrp, session.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    match (fields.get(2), fields.get(3)) {
        (Some(group), Some(session)) => group != session,
        _ => true,
    }
}

/// How often the key reader looks whether it must let go of the terminal: the longest a suspension waits.
const PAUSE_CHECK: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    Reading,
    PauseAsked,
    Paused,
}

/// Reads terminal events on its own thread. It can be paused: a terminal browser run in the foreground must
/// get every key, none taken by a reader still waiting on the same terminal.
pub struct KeyReader {
    state: Arc<(Mutex<ReaderState>, Condvar)>,
}

impl KeyReader {
    pub fn spawn(send: impl Fn(Event) -> bool + Send + 'static) -> KeyReader {
        let state = Arc::new((Mutex::new(ReaderState::Reading), Condvar::new()));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            let (lock, changed) = &*shared;
            loop {
                {
                    let mut state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    while *state != ReaderState::Reading {
                        if *state == ReaderState::PauseAsked {
                            *state = ReaderState::Paused;
                            changed.notify_all();
                        }
                        state = changed.wait(state).unwrap_or_else(|poisoned| poisoned.into_inner());
                    }
                }
                let delivered = match event::poll(PAUSE_CHECK) {
                    Ok(true) => event::read().is_ok_and(&send),
                    Ok(false) => true,
                    Err(_) => false,
                };
                if !delivered {
                    break;
                }
            }
        });
        KeyReader { state }
    }

    /// Returns once the reader no longer reads the terminal.
    pub fn pause(&self) {
        let (lock, changed) = &*self.state;
        let mut state = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *state = ReaderState::PauseAsked;
        changed.notify_all();
        while *state == ReaderState::PauseAsked {
            // The reader may have ended (the channel closed): then nobody reads the terminal anyway.
            let (next, timeout) =
                changed.wait_timeout(state, PAUSE_CHECK * 3).unwrap_or_else(|poisoned| poisoned.into_inner());
            state = next;
            if timeout.timed_out() {
                break;
            }
        }
    }

    pub fn resume(&self) {
        let (lock, changed) = &*self.state;
        *lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = ReaderState::Reading;
        changed.notify_all();
    }
}

/// Sends the terminal's events to the loop's channel until the loop is gone.
pub fn spawn_key_reader<T: Send + 'static>(inputs: Sender<T>, wrap: fn(Event) -> T) -> KeyReader {
    KeyReader::spawn(move |event| inputs.send(wrap(event)).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_is_told_from_the_session_leaders_group_by_proc_stat() {
        assert!(in_a_job_of_its_own("4242 (lenaview) S 4100 4242 4100 34816 4242 4194304 0"));
        assert!(!in_a_job_of_its_own("4242 (lenaview) S 4100 4100 4100 34816 4100 4194304 0"));
        // A command name may hold spaces and parentheses.
        assert!(!in_a_job_of_its_own("7 (a) b (c) S 1 7 7 0 -1"));
        assert!(in_a_job_of_its_own("garbage"), "when unsure, let the system decide");
    }
}
