//! An advisory lock between lenaview processes, held around read-modify-write of a shared file.
//!
//! The lock is taken on a separate `NAME.lock` file beside the data: the data file itself is replaced by a
//! rename on every write, and a lock on a file that is renamed away would protect nothing.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

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
    file.lock()?;
    Ok(Locked { _file: file, path })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

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
}
