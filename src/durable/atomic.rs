//! Replacing a file so that a crash, a full disk or a second writer never leaves it half-written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to a new temporary file beside `path`, flushes it to disk and renames it over `path`:
/// readers see the old content or the new, never a mixture. An existing file's permissions are kept,
/// and a symbolic link is followed, so the file it points to is replaced rather than the link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_in_parts(path, &[bytes])
}

/// [`write_atomically`] of the `parts` one after another: a big text made in parts is not first copied into one.
pub fn write_atomically_in_parts(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    write_atomically_with(path, |file| parts.iter().try_for_each(|part| file.write_all(part)))
}

/// [`write_atomically`] of whatever `write` writes into the new file (and may seek back into): a file made as its
/// source is read never has to be held whole. Should `write` fail, the new file is removed and `path` untouched.
pub fn write_atomically_with(path: &Path, write: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let resolved = resolve_symlink(path);
    let path = resolved.as_path();
    let (temporary_path, mut file) = create_hidden_beside(path, ".tmp-")?;
    let written = (|| {
        write(&mut file)?;
        file.flush()?;
        if let Ok(metadata) = fs::metadata(path) {
            file.set_permissions(metadata.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&temporary_path, path)
    })();
    if let Err(err) = written {
        let _ = fs::remove_file(&temporary_path);
        return Err(err);
    }
    sync_directory(path);
    Ok(())
}

/// The file a symbolic link at `path` points to (through any chain of links); `path` itself otherwise,
/// including for links to nothing, which the write then replaces.
fn resolve_symlink(path: &Path) -> PathBuf {
    let is_link = fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_symlink());
    if is_link && let Ok(target) = fs::canonicalize(path) {
        return target;
    }
    path.to_path_buf()
}

/// A fresh hidden file `.NAME<mark><pid>-<n>` in the target's own directory (a rename or link across file
/// systems would not be atomic). The process id and a counter keep concurrent writers, in this process or
/// others, apart; `mark` says what the file is for, so leftovers can be recognised.
pub(crate) fn create_hidden_beside(path: &Path, mark: &str) -> io::Result<(PathBuf, File)> {
    create_hidden_ending(path, mark, "")
}

/// As [`create_hidden_beside`], the name ending in `ending` (`.md`: a draft an editor should know as Markdown).
pub(crate) fn create_hidden_ending(path: &Path, mark: &str, ending: &str) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{} is not a file path", path.display())))?;
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    loop {
        let mut name = std::ffi::OsString::from(".");
        name.push(file_name);
        name.push(format!("{mark}{}-{}{ending}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
        let candidate = directory.join(name);
        // Readable too: a file written in parts may be read back before it is renamed or copied.
        match OpenOptions::new().read(true).write(true).create_new(true).open(&candidate) {
            Ok(file) => return Ok((candidate, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err),
        }
    }
}

/// Makes a new name for `path` (a rename or link into its directory) durable. Best effort: not every platform
/// can open a directory.
pub(crate) fn sync_directory(path: &Path) {
    #[cfg(unix)]
    if let Some(directory) = path.parent().filter(|parent| !parent.as_os_str().is_empty())
        && let Ok(directory) = File::open(directory)
    {
        let _ = directory.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temporary_files() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("out.bib");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(directory.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(names, ["out.bib"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_not_replaced() {
        let directory = tempfile::tempdir().unwrap();
        let target = directory.path().join("real.json");
        let link = directory.path().join("link.json");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("entry.bin");
        write_atomically(&path, b"old").unwrap();
        let failed = write_atomically_with(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::other("the source changed"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the source changed");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(directory.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(names, ["entry.bin"]);
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("missing").join("out.bib");
        assert_eq!(write_atomically(&path, b"x").unwrap_err().kind(), io::ErrorKind::NotFound);
        assert!(write_atomically(Path::new("/"), b"x").is_err());
    }
}
