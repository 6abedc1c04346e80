//! Setting aside a file this version cannot read, so that writing a good one never destroys what was there.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// Renames the file to `NAME.corrupt-<unix time>` (with `-2`, `-3`, ... if that exists), never replacing anything.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or(0);
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".corrupt-{seconds}"));
    let first = path.with_file_name(&name);
    for attempt in 1..=100 {
        let aside = if attempt == 1 {
            first.clone()
        } else {
            let mut numbered = name.clone();
            numbered.push(format!("-{attempt}"));
            path.with_file_name(numbered)
        };
        // A hard link fails when the target exists, where a rename would silently replace it.
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            // File systems without hard links: check, then rename.
            Err(_) if !aside.exists() => {
                fs::rename(path, &aside)?;
                return Ok(aside);
            }
            Err(_) => continue,
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{} and 99 numbered names exist", first.display())))
}
