//! Read and starred marks, kept per publication key ([`crate::model::Publication::key`]) in a state file.
//!
//! The file is small versioned JSON: `{"version": 1, "marks": {"pmid:31433920": {"read": true, "starred": false}}}`.
//! Nothing a user marked may be lost: saving re-reads the file and merges, so two lenaview processes keep each
//! other's marks; writes are atomic; a file this version cannot read is moved aside, never overwritten; and when
//! the state cannot be kept at all, the session goes on without persistence and says so.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::formats::export::write_atomically;

/// The state file version this lenaview writes and reads; files with a higher one are kept aside, not guessed at.
pub const STATE_VERSION: u64 = 1;

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub starred: bool,
}

#[derive(Serialize, Deserialize)]
struct StateFile {
    version: u64,
    #[serde(default)]
    marks: BTreeMap<String, Mark>,
}

#[derive(Debug)]
pub struct MarkStore {
    marks: BTreeMap<String, Mark>,
    /// Keys this process changed since the last save: on a merge they win over the file, all others come from it.
    changed: BTreeSet<String>,
    storage: Storage,
    /// Problems met while saving that did not stop the save, for [`MarkStore::take_warnings`].
    warnings: Vec<String>,
}

#[derive(Debug)]
enum Storage {
    Memory,
    File(PathBuf),
    /// Persistence was asked for but is impossible; the reason is what `save` reports.
    Unavailable(String),
}

impl MarkStore {
    /// Marks for this session only (tests, or `--state` pointing nowhere usable).
    pub fn in_memory() -> Self {
        MarkStore::with(BTreeMap::new(), Storage::Memory)
    }

    /// `$XDG_DATA_HOME/lenaview/state.json` (`~/.local/share/lenaview/state.json` by default).
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|directory| directory.join("lenaview").join("state.json"))
    }

    /// Opens (or prepares to create) the state file at `path`. Never fails: problems come back as warnings
    /// for the user, and when the file cannot be kept the store still works for the session.
    pub fn open(path: PathBuf) -> (Self, Vec<String>) {
        let mut warnings = Vec::new();
        if let Err(reason) = prepare_directory(&path) {
            warnings.push(format!("{reason}; read and starred marks will not be saved this session"));
            return (MarkStore::with(BTreeMap::new(), Storage::Unavailable(reason)), warnings);
        }
        let marks = match load(&path) {
            Ok(Loaded::Missing) => BTreeMap::new(),
            Ok(Loaded::Marks(marks)) => marks,
            Ok(Loaded::Unreadable(why)) => match move_aside(&path) {
                Ok(aside) => {
                    warnings.push(format!(
                        "state file {} could not be read ({why}); kept it as {} and started without marks",
                        path.display(),
                        aside.display()
                    ));
                    BTreeMap::new()
                }
                Err(err) => {
                    let reason =
                        format!("state file {} could not be read ({why}) nor moved aside ({err})", path.display());
                    warnings.push(format!("{reason}; marks will not be saved this session"));
                    return (MarkStore::with(BTreeMap::new(), Storage::Unavailable(reason)), warnings);
                }
            },
            Err(err) => {
                let reason = format!("cannot read state file {}: {err}", path.display());
                warnings.push(format!("{reason}; marks will not be saved this session"));
                return (MarkStore::with(BTreeMap::new(), Storage::Unavailable(reason)), warnings);
            }
        };
        (MarkStore::with(marks, Storage::File(path)), warnings)
    }

    /// The marks in the file at `path`, for commands that only look (`lenaview export --starred`):
    /// creates nothing, moves nothing, and `save` refuses.
    pub fn open_read_only(path: &Path) -> (Self, Vec<String>) {
        let storage = Storage::Unavailable(format!("state file {} was opened read-only", path.display()));
        match load(path) {
            Ok(Loaded::Missing) => (MarkStore::with(BTreeMap::new(), storage), Vec::new()),
            Ok(Loaded::Marks(marks)) => (MarkStore::with(marks, storage), Vec::new()),
            Ok(Loaded::Unreadable(why)) => {
                let warning = format!("state file {} could not be read ({why}); no marks used", path.display());
                (MarkStore::with(BTreeMap::new(), storage), vec![warning])
            }
            Err(err) => {
                let warning = format!("cannot read state file {}: {err}; no marks used", path.display());
                (MarkStore::with(BTreeMap::new(), storage), vec![warning])
            }
        }
    }

    fn with(marks: BTreeMap<String, Mark>, storage: Storage) -> Self {
        MarkStore { marks, changed: BTreeSet::new(), storage, warnings: Vec::new() }
    }

    /// The publication's marks; unmarked publications are unread and not starred.
    pub fn get(&self, key: &str) -> Mark {
        self.marks.get(key).copied().unwrap_or_default()
    }

    pub fn set_read(&mut self, key: &str, read: bool) {
        let mark = Mark { read, ..self.get(key) };
        self.set(key, mark);
    }

    pub fn toggle_starred(&mut self, key: &str) {
        let mark = self.get(key);
        self.set(key, Mark { starred: !mark.starred, ..mark });
    }

    fn set(&mut self, key: &str, mark: Mark) {
        if self.get(key) == mark {
            return;
        }
        if mark == Mark::default() {
            self.marks.remove(key);
        } else {
            self.marks.insert(key.to_string(), mark);
        }
        self.changed.insert(key.to_string());
    }

    /// Something changed since the last successful save.
    pub fn is_dirty(&self) -> bool {
        !self.changed.is_empty()
    }

    /// Whether saves reach a file (false for in-memory stores and when persistence was given up).
    pub fn is_persistent(&self) -> bool {
        matches!(self.storage, Storage::File(_))
    }

    /// Where the marks are kept, when they are.
    pub fn path(&self) -> Option<&Path> {
        match &self.storage {
            Storage::File(path) => Some(path),
            Storage::Memory | Storage::Unavailable(_) => None,
        }
    }

    /// Writes the changes, merged into what is on disk now, when there are any. Cheap to call often.
    /// On error nothing is lost from memory and the store stays dirty, so a later save can still succeed.
    ///
    /// There is no lock: another process saving between this one's read and rename (well under a millisecond)
    /// would have its latest changes replaced. Saving after each change keeps that window rare and its cost one mark.
    pub fn save(&mut self) -> Result<(), String> {
        if !self.is_dirty() {
            return Ok(());
        }
        let path = match &self.storage {
            Storage::Memory => {
                self.changed.clear();
                return Ok(());
            }
            Storage::Unavailable(reason) => return Err(format!("marks are not saved: {reason}")),
            Storage::File(path) => path.clone(),
        };
        let mut merged = match load(&path) {
            Ok(Loaded::Missing) => BTreeMap::new(),
            Ok(Loaded::Marks(marks)) => marks,
            // Written meanwhile by something this version cannot read (a newer lenaview): keep it, then ours.
            Ok(Loaded::Unreadable(why)) => {
                let aside = move_aside(&path).map_err(|err| {
                    format!("cannot save marks: {} could not be read ({why}) nor moved aside ({err})", path.display())
                })?;
                self.warnings.push(format!(
                    "state file {} could not be read ({why}); kept it as {}",
                    path.display(),
                    aside.display()
                ));
                BTreeMap::new()
            }
            Err(err) => return Err(format!("cannot save marks: cannot read {}: {err}", path.display())),
        };
        for key in &self.changed {
            match self.marks.get(key) {
                Some(mark) => merged.insert(key.clone(), *mark),
                None => merged.remove(key),
            };
        }
        let state = StateFile { version: STATE_VERSION, marks: merged };
        let mut text = serde_json::to_string_pretty(&state).map_err(|err| format!("cannot save marks: {err}"))?;
        text.push('\n');
        write_atomically(&path, text.as_bytes())
            .map_err(|err| format!("cannot save marks to {}: {err}", path.display()))?;
        self.marks = state.marks;
        self.changed.clear();
        Ok(())
    }

    /// Warnings from saves that succeeded anyway (a state file moved aside), oldest first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

enum Loaded {
    Missing,
    Marks(BTreeMap<String, Mark>),
    /// The file exists but is not a state file this version understands; the text says why.
    Unreadable(String),
}

fn load(path: &Path) -> io::Result<Loaded> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(err) => return Err(err),
    };
    Ok(parse(&bytes))
}

fn parse(bytes: &[u8]) -> Loaded {
    // The version is read on its own first, so a newer file is recognised even if its shape changed.
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(err) => return Loaded::Unreadable(format!("invalid JSON: {err}")),
    };
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(STATE_VERSION) => {}
        Some(version) if version > STATE_VERSION => {
            return Loaded::Unreadable(format!(
                "it is state version {version}, from a newer lenaview; this one reads version {STATE_VERSION}"
            ));
        }
        _ => return Loaded::Unreadable("it has no valid \"version\"".to_string()),
    }
    match serde_json::from_value::<StateFile>(value) {
        Ok(state) => Loaded::Marks(state.marks),
        Err(err) => Loaded::Unreadable(format!("unexpected content: {err}")),
    }
}

/// Creates the state file's directory when missing and checks that files can be created in it,
/// so an unusable directory is reported when the session starts rather than when the user quits.
fn prepare_directory(path: &Path) -> Result<(), String> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(directory).map_err(|err| format!("cannot create directory {}: {err}", directory.display()))?;
    let probe = directory.join(format!(".lenaview-probe-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
        .map_err(|err| format!("cannot write in directory {}: {err}", directory.display()))?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

/// Renames the file to `NAME.corrupt-<unix time>` (with `-2`, `-3`, ... if that exists), never replacing anything.
fn move_aside(path: &Path) -> io::Result<PathBuf> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_a_mark_to_its_current_value_changes_nothing() {
        let mut store = MarkStore::in_memory();
        store.set_read("pmid:1", false);
        assert!(!store.is_dirty());
        store.set_read("pmid:1", true);
        store.toggle_starred("pmid:1");
        assert_eq!(store.get("pmid:1"), Mark { read: true, starred: true });
        assert!(store.is_dirty());
        assert_eq!(store.save(), Ok(()));
        assert!(!store.is_dirty());
        store.toggle_starred("pmid:1");
        assert_eq!(store.get("pmid:1"), Mark { read: true, starred: false });
    }

    #[test]
    fn parse_accepts_version_1_and_missing_mark_fields() {
        let Loaded::Marks(marks) = parse(br#"{"version": 1, "marks": {"k": {"starred": true}}}"#) else {
            panic!("not read");
        };
        assert_eq!(marks.get("k"), Some(&Mark { read: false, starred: true }));
    }

    #[test]
    fn parse_rejects_other_versions_and_shapes_with_a_reason() {
        for (text, reason) in [
            (r#"{"version": 2, "marks": []}"#, "state version 2, from a newer lenaview"),
            (r#"{"marks": {}}"#, "no valid \"version\""),
            (r#"{"version": "1"}"#, "no valid \"version\""),
            (r#"{"version": 1, "marks": [1]}"#, "unexpected content"),
            ("{\"version\": 1,", "invalid JSON"),
        ] {
            match parse(text.as_bytes()) {
                Loaded::Unreadable(why) => assert!(why.contains(reason), "{text}: {why}"),
                _ => panic!("{text} was accepted"),
            }
        }
    }
}
