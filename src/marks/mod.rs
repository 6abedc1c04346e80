//! Read and starred marks and tags, kept per publication key ([`crate::model::Publication::key`]) in a state file.
//!
//! The file is small versioned JSON:
//! `{"version": 2, "marks": {"pmid:31433920": {"read": true, "starred": false, "tags": ["review"]}}}`
//! (version 1 while no paper has a tag: see [`STATE_VERSION`]).
//! Nothing a user marked may be lost: saving takes a lock between processes (`state.json.lock`), re-reads the
//! file and merges, so two lenaview processes keep each other's marks (a paper's marks as a whole, its tags one by
//! one); writes are atomic; a file this version cannot read is moved aside, never overwritten; and when the state
//! cannot be kept at all, the session goes on without persistence and says so.

mod file;
mod state_file;
pub mod tags;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::durable::{SAVE_LOCK_PATIENCE, lock_exclusive_within};
use crate::model::Publication;
use file::Storage;
pub use file::{MarkFile, SaveError, Unsaved};
pub use state_file::STATE_VERSION;
use state_file::{Loaded, load, move_aside, prepare_directory};

#[derive(Clone, Copy, Default, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Mark {
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub starred: bool,
}

/// What is kept for one publication: its marks and its tags (normalised, sorted, each once).
#[derive(Clone, Default, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Entry {
    #[serde(flatten)]
    pub mark: Mark,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Entry {
    fn is_empty(&self) -> bool {
        *self == Entry::default()
    }
}

/// What this process changed of one publication since its last save.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// The marks, when they changed: they are saved whole, as before tags.
    mark: Option<Mark>,
    /// Tags given (true) or taken (false), merged one by one: two processes tagging the same paper keep each
    /// other's tags.
    tags: BTreeMap<String, bool>,
}

impl Change {
    /// `entry` as it is on disk, with this change made to it.
    fn apply_to(&self, entry: &mut Entry) {
        if let Some(mark) = self.mark {
            entry.mark = mark;
        }
        for (tag, present) in &self.tags {
            match (entry.tags.binary_search(tag), present) {
                (Err(at), true) => entry.tags.insert(at, tag.clone()),
                (Ok(at), false) => {
                    entry.tags.remove(at);
                }
                _ => {}
            }
        }
    }
}

/// Every publication's entry, as a save merged this process's changes with the state file's.
pub type Merged = BTreeMap<String, Entry>;

#[derive(Debug)]
pub struct MarkStore {
    marks: Merged,
    /// What this process changed since the last save: on a merge it is made to the file's entries, and all the
    /// rest comes from the file.
    changed: BTreeMap<String, Change>,
    file: MarkFile,
}

impl MarkStore {
    /// Marks for this session only (tests, or `--state` pointing nowhere usable).
    pub fn in_memory() -> Self {
        MarkStore::with(BTreeMap::new(), Storage::Memory)
    }

    /// `$XDG_DATA_HOME/lenaview/state.json` (`~/.local/share/lenaview/state.json` by default).
    pub fn default_path() -> Option<PathBuf> {
        crate::durable::paths::data_dir().map(|data| data.join("state.json"))
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
            Ok(Loaded::Marks(marks, problems)) => {
                warnings.extend(problems);
                marks
            }
            Ok(Loaded::Unreadable(why)) => match move_aside_unless_rewritten(&path, &mut warnings) {
                // Another process moved it aside, or saved a good file over it, before this one held the lock.
                Ok(Rewritten::Marks(marks)) => marks,
                Ok(Rewritten::MovedAside(aside)) => {
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
            Ok(Loaded::Marks(marks, problems)) => (MarkStore::with(marks, storage), problems),
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

    fn with(marks: Merged, storage: Storage) -> Self {
        MarkStore { marks, changed: BTreeMap::new(), file: MarkFile::new(storage) }
    }

    /// This store, which keeps the marks, and the state file it saves to, for whoever does the I/O (the event
    /// loop): the store then only describes what to save ([`MarkStore::unsaved`]) and takes the result in
    /// ([`MarkStore::saved`]); its own [`MarkStore::save`] refuses.
    pub fn hand_over_file(self) -> (MarkStore, MarkFile) {
        let held_elsewhere = Storage::HeldElsewhere(self.file.path().map(Path::to_path_buf));
        let store = MarkStore { marks: self.marks, changed: self.changed, file: MarkFile::new(held_elsewhere) };
        (store, self.file)
    }

    /// The publication's marks; unmarked publications are unread and not starred.
    pub fn get(&self, key: &str) -> Mark {
        self.marks.get(key).map(|entry| entry.mark).unwrap_or_default()
    }

    /// The publication's tags, sorted.
    pub fn tags(&self, key: &str) -> &[String] {
        self.marks.get(key).map_or(&[], |entry| &entry.tags)
    }

    /// Every key with a tag, and its tags.
    pub fn tagged(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.marks
            .iter()
            .filter(|(_, entry)| !entry.tags.is_empty())
            .map(|(key, entry)| (key.as_str(), &entry.tags[..]))
    }

    /// Applies one edit of the tag line; false if it changed nothing.
    pub fn edit_tags(&mut self, key: &str, edit: &tags::TagEdit) -> bool {
        match edit {
            tags::TagEdit::Add(tag) => self.add_tag(key, tag),
            tags::TagEdit::Remove(tag) => self.remove_tag(key, tag),
        }
    }

    /// Gives the publication `tag` (a [`tags::normalize_tag`] result); false if it had it already.
    pub fn add_tag(&mut self, key: &str, tag: &str) -> bool {
        self.set_tag(key, tag, true)
    }

    /// Takes `tag` from the publication; false if it did not have it.
    pub fn remove_tag(&mut self, key: &str, tag: &str) -> bool {
        self.set_tag(key, tag, false)
    }

    fn set_tag(&mut self, key: &str, tag: &str, present: bool) -> bool {
        if self.tags(key).iter().any(|held| held == tag) == present {
            return false;
        }
        let change = Change { mark: None, tags: BTreeMap::from([(tag.to_string(), present)]) };
        self.change(key, change);
        true
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
        self.change(key, Change { mark: Some(mark), tags: BTreeMap::new() });
    }

    /// Makes `change` here and remembers it for the next save.
    fn change(&mut self, key: &str, change: Change) {
        let mut entry = self.marks.remove(key).unwrap_or_default();
        change.apply_to(&mut entry);
        if !entry.is_empty() {
            self.marks.insert(key.to_string(), entry);
        }
        let pending = self.changed.entry(key.to_string()).or_default();
        pending.mark = change.mark.or(pending.mark);
        pending.tags.extend(change.tags);
    }

    /// Something changed since the last successful save.
    pub fn is_dirty(&self) -> bool {
        !self.changed.is_empty()
    }

    /// Whether saves reach a file (false for in-memory stores and when persistence was given up).
    pub fn is_persistent(&self) -> bool {
        self.file.path().is_some()
    }

    /// Where the marks are kept, when they are.
    pub fn path(&self) -> Option<&Path> {
        self.file.path()
    }

    /// The changes since the last save, for [`MarkFile::write`].
    pub fn unsaved(&self) -> Unsaved {
        Unsaved { changes: self.changed.clone() }
    }

    /// Takes in a save that succeeded: the file's marks merged with this process's changes, when there is a file.
    pub fn saved(&mut self, merged: Option<Merged>) {
        if let Some(merged) = merged {
            self.marks = merged;
        }
        self.changed.clear();
    }

    /// Writes the changes, merged into what is on disk now, when there are any. Cheap to call often.
    /// On error nothing is lost from memory and the store stays dirty, so a later save can still succeed.
    /// See [`MarkFile::write`].
    pub fn save(&mut self) -> Result<(), SaveError> {
        if !self.is_dirty() {
            return Ok(());
        }
        let merged = self.file.write(&self.unsaved())?;
        self.saved(merged);
        Ok(())
    }

    /// Warnings from saves that succeeded anyway (a state file moved aside), oldest first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        self.file.take_warnings()
    }
}

/// Fills each publication's `tags` from the store, for an export or a citation: the reader's tags join those the
/// publication came with (a re-imported export), sorted, each once. The notes are filled the same way from their
/// own store.
pub fn annotate<'a>(publications: impl IntoIterator<Item = &'a mut Publication>, store: &MarkStore) {
    // A store with no tags has none to give: an export of tens of thousands of papers makes no key for nothing.
    if store.tagged().next().is_none() {
        return;
    }
    // One buffer for every key: an export annotates tens of thousands of papers.
    let mut key = String::new();
    for publication in publications {
        key.clear();
        publication.push_key(&mut key);
        let held = store.tags(&key);
        if held.is_empty() {
            continue;
        }
        publication.tags.extend(held.iter().cloned());
        publication.tags.sort();
        publication.tags.dedup();
    }
}

/// What to tell when the state file's lock cannot be had.
fn lock_problem(err: std::io::Error) -> String {
    format!("cannot lock the state file ({err}); going on without it; another lenaview's save may be lost")
}

enum Rewritten {
    Marks(Merged),
    MovedAside(PathBuf),
}

/// Moves the unreadable file at `path` aside, under the lock so that a good file another process saved
/// meanwhile is read rather than moved aside (and two processes starting at once do not both move it).
fn move_aside_unless_rewritten(path: &Path, warnings: &mut Vec<String>) -> std::io::Result<Rewritten> {
    let _lock = lock_exclusive_within(path, SAVE_LOCK_PATIENCE).map_err(|err| warnings.push(lock_problem(err))).ok();
    match load(path)? {
        Loaded::Missing => Ok(Rewritten::Marks(BTreeMap::new())),
        Loaded::Marks(marks, problems) => {
            warnings.extend(problems);
            Ok(Rewritten::Marks(marks))
        }
        Loaded::Unreadable(_) => move_aside(path).map(Rewritten::MovedAside),
    }
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
        store.save().unwrap();
        assert!(!store.is_dirty());
        store.toggle_starred("pmid:1");
        assert_eq!(store.get("pmid:1"), Mark { read: true, starred: false });
    }

    #[test]
    fn tags_are_kept_sorted_once_and_beside_the_marks() {
        let mut store = MarkStore::in_memory();
        store.toggle_starred("k");
        assert!(store.add_tag("k", "to-read"));
        assert!(store.add_tag("k", "review"));
        assert!(!store.add_tag("k", "review"), "a tag is held once");
        assert_eq!(store.tags("k"), ["review", "to-read"]);
        assert!(store.get("k").starred, "tagging keeps the marks");
        store.toggle_starred("k");
        assert_eq!(store.tags("k"), ["review", "to-read"], "marking keeps the tags");
        assert!(store.remove_tag("k", "review") && store.remove_tag("k", "to-read"));
        assert!(!store.remove_tag("k", "review"));
        assert_eq!(store.tagged().count(), 0);
        assert!(store.marks.is_empty(), "an entry with nothing left is removed");
    }

    #[test]
    fn annotating_adds_the_stored_tags_to_those_a_publication_came_with() {
        let mut store = MarkStore::in_memory();
        let paper = Publication { pmid: Some("1".into()), tags: vec!["zeta".into()], ..Publication::default() };
        store.add_tag("pmid:1", "review");
        store.add_tag("pmid:1", "zeta");
        let mut publications = [paper, Publication { title: "untagged".into(), ..Publication::default() }];
        annotate(&mut publications, &store);
        assert_eq!(publications[0].tags, ["review", "zeta"]);
        assert!(publications[1].tags.is_empty());
    }
}
