//! An advisory lock between lenaview processes, held around read-modify-write of a shared file.
//!
//! The lock is taken on a separate `NAME.lock` file beside the data: the data file itself is replaced by a
//! rename on every write, and a lock on a file that is renamed away would protect nothing.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// Held while it lives; the operating system releases it when the process dies, so a kill never leaves
/// a stale lock behind.
#[derive(Debug)]
pub struct Locked {
    _file: File,
    path: PathBuf,
}

impl Locked {
    /// The lock file's path (`state.json.lock` for `state.json`).
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Blocks until this process holds the exclusive lock for `data_path`, creating its directory's lock file.
pub fn lock_exclusive(data_path: &Path) -> io::Result<Locked> {
    let (file, path) = open_lock_file(data_path)?;
    file.lock()?;
    Ok(Locked { _file: file, path })
}

/// Like [`lock_exclusive`], but gives up with [`io::ErrorKind::TimedOut`] once `patience` has passed, for callers
/// that must not freeze when another process holds the lock far longer than any save takes (a stopped process).
///
/// The wait is the operating system's blocking one, on a helper thread: polling `try_lock` would starve behind
/// processes that save in quick succession, since the lock is free only for instants between their saves. After a
/// time-out the helper stays blocked until the holder lets go, then drops the file, which releases the lock at once.
pub fn lock_exclusive_within(data_path: &Path, patience: Duration) -> io::Result<Locked> {
    let (file, path) = open_lock_file(data_path)?;
    match file.try_lock() {
        Ok(()) => return Ok(Locked { _file: file, path }),
        Err(TryLockError::Error(err)) => return Err(err),
        Err(TryLockError::WouldBlock) if patience.is_zero() => return Err(timed_out(&path, patience)),
        Err(TryLockError::WouldBlock) => {}
    }
    let (sender, receiver) = mpsc::sync_channel(1);
    thread::Builder::new().name("lenaview-lock".into()).spawn(move || {
        let locked = file.lock().map(|()| file);
        // After a time-out nobody receives, and the file (with the lock, if it was granted) is dropped here.
        let _ = sender.send(locked);
    })?;
    match receiver.recv_timeout(patience) {
        Ok(Ok(file)) => Ok(Locked { _file: file, path }),
        Ok(Err(err)) => Err(err),
        Err(_) => Err(timed_out(&path, patience)),
    }
}

fn timed_out(path: &Path, patience: Duration) -> io::Error {
    let message = format!("{} stayed locked by another process for {} ms", path.display(), patience.as_millis());
    io::Error::new(io::ErrorKind::TimedOut, message)
}

/// The lock file beside `data_path` (`state.json.lock`), opened and created with its directory if need be.
fn open_lock_file(data_path: &Path) -> io::Result<(File, PathBuf)> {
    let mut name = data_path
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, format!("{} is not a file path", data_path.display()))
        })?
        .to_os_string();
    name.push(".lock");
    let path = data_path.with_file_name(name);
    if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
    Ok((file, path))
}

/// How long a save waits for another process's save: far longer than any save takes, short enough that a stuck
/// holder does not seem to freeze the reader.
pub const SAVE_LOCK_PATIENCE: Duration = Duration::from_secs(2);

/// The lock one process's saves of a file take again and again (the marks, the word lists): each waits up to
/// [`SAVE_LOCK_PATIENCE`]; after a wait ran out the next try once without waiting (a holder stuck once is likely
/// stuck still, and waiting again would freeze the interface at every save) until the lock is had again; and the
/// problem is told once, not at every save.
#[derive(Debug)]
pub struct SaveLock {
    patience: Duration,
    problem_told: bool,
}

impl Default for SaveLock {
    fn default() -> Self {
        SaveLock { patience: SAVE_LOCK_PATIENCE, problem_told: false }
    }
}

impl SaveLock {
    /// The lock for `data_path`, or `None` (the save goes on without it); `problem` words why the first time,
    /// into `warnings`.
    pub fn take(
        &mut self,
        data_path: &Path,
        problem: impl FnOnce(io::Error) -> String,
        warnings: &mut Vec<String>,
    ) -> Option<Locked> {
        match lock_exclusive_within(data_path, self.patience) {
            Ok(lock) => {
                self.patience = SAVE_LOCK_PATIENCE;
                Some(lock)
            }
            Err(err) => {
                self.patience = Duration::ZERO;
                if !self.problem_told {
                    self.problem_told = true;
                    warnings.push(problem(err));
                }
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() {
        let directory = tempfile::tempdir().unwrap();
        let data = directory.path().join("state.json");
        let first = lock_exclusive(&data).unwrap();
        assert!(first.path().ends_with("state.json.lock"));
        let (sender, receiver) = mpsc::channel();
        let data_for_thread = data.clone();
        let waiter = std::thread::spawn(move || {
            let _second = lock_exclusive(&data_for_thread).unwrap();
            sender.send(()).unwrap();
        });
        // Not a timing assertion: the waiter cannot have sent while the first lock is held, however long we wait.
        assert!(receiver.recv_timeout(Duration::from_millis(200)).is_err(), "the second lock was granted early");
        drop(first);
        receiver.recv().unwrap();
        waiter.join().unwrap();
    }

    #[test]
    fn a_bounded_wait_gives_up_while_another_holds_the_lock_and_succeeds_after() {
        let directory = tempfile::tempdir().unwrap();
        let data = directory.path().join("state.json");
        let first = lock_exclusive(&data).unwrap();
        let err = lock_exclusive_within(&data, Duration::from_millis(30)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!(err.to_string().contains("state.json.lock"), "{err}");
        let err = lock_exclusive_within(&data, Duration::ZERO).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut, "no patience means one try");
        drop(first);
        let second = lock_exclusive_within(&data, Duration::from_millis(30)).unwrap();
        assert!(second.path().ends_with("state.json.lock"));
    }

    #[test]
    fn a_lock_file_that_cannot_be_created_is_an_error_not_a_wait() {
        let directory = tempfile::tempdir().unwrap();
        let blocker = directory.path().join("not-a-directory");
        fs::write(&blocker, "").unwrap();
        assert!(lock_exclusive_within(&blocker.join("state.json"), Duration::from_secs(60)).is_err());
    }
}
