//! The state file's side of the marks: writing changes into it, merged with what other processes saved, under
//! their lock. Kept apart from [`super::MarkStore`] so that the event loop can hold it and do the I/O, while the
//! app's store only says what changed and takes the merged marks back.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::lock_problem;
use super::state_file::{Loaded, StateFile, load, move_aside};
use super::{Change, Merged};
use crate::durable::{SaveLock, write_atomically};

#[derive(Debug)]
pub(super) enum Storage {
    Memory,
    File(PathBuf),
    /// Persistence was asked for but is impossible; the reason is what `save` reports.
    Unavailable(String),
    /// The file (at this path, if any) was handed over with [`super::MarkStore::hand_over_file`].
    HeldElsewhere(Option<PathBuf>),
}

/// Where the marks are saved, and what the saves so far taught about its lock.
#[derive(Debug)]
pub struct MarkFile {
    storage: Storage,
    /// Problems met while saving that did not stop the save, for [`MarkFile::take_warnings`].
    warnings: Vec<String>,
    /// Saves run on the interface thread: a stopped or hung lenaview holding the lock must not freeze this one,
    /// and saving unlocked (risking the race the lock prevents) is better than not saving at all.
    lock: SaveLock,
}

/// What a process changed since its last save, from [`super::MarkStore::unsaved`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unsaved {
    pub(super) changes: BTreeMap<String, Change>,
}

impl Unsaved {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Why a save did not reach the state file; nothing is lost from memory, and a later save may still succeed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Persistence was given up when the store was opened; the reason says why.
    #[error("marks are not saved: {0}")]
    Unavailable(String),
    #[error("cannot save marks: {} could not be read ({why}) nor moved aside ({source})", path.display())]
    Unreadable { path: PathBuf, why: String, source: std::io::Error },
    #[error("cannot save marks: cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot save marks: {0}")]
    Encode(serde_json::Error),
    #[error("cannot save marks to {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

impl MarkFile {
    pub(super) fn new(storage: Storage) -> Self {
        MarkFile { storage, warnings: Vec::new(), lock: SaveLock::default() }
    }

    pub(super) fn path(&self) -> Option<&Path> {
        match &self.storage {
            Storage::File(path) => Some(path),
            Storage::HeldElsewhere(path) => path.as_deref(),
            Storage::Memory | Storage::Unavailable(_) => None,
        }
    }

    /// Writes `unsaved` merged into what is on disk now, and gives the merged marks back (`None` for marks kept
    /// in memory only, where there is nothing to merge).
    ///
    /// Reading, merging and writing happen under the lock on `state.json.lock`, so a save by another process
    /// lands wholly before or after this one and neither loses a mark. A lock that cannot be had (a file system
    /// without locks, a holder stuck past [`crate::durable::SAVE_LOCK_PATIENCE`]) is reported once through
    /// [`MarkFile::take_warnings`] and the save goes on without it; after a wait ran out, the next saves try
    /// the lock once without waiting, until they get it again.
    pub fn write(&mut self, unsaved: &Unsaved) -> Result<Option<Merged>, SaveError> {
        let path = match &self.storage {
            Storage::Memory => return Ok(None),
            Storage::Unavailable(reason) => return Err(SaveError::Unavailable(reason.clone())),
            Storage::HeldElsewhere(_) => {
                return Err(SaveError::Unavailable("the state file was handed to the event loop".into()));
            }
            Storage::File(path) => path.clone(),
        };
        let _lock = self.lock.take(&path, lock_problem, &mut self.warnings);
        let mut merged = match load(&path) {
            Ok(Loaded::Missing) => BTreeMap::new(),
            // Tags left out of a hand-edited file were told when the store was opened.
            Ok(Loaded::Marks(marks, _)) => marks,
            // Written meanwhile by something this version cannot read (a newer lenaview): keep it, then ours.
            Ok(Loaded::Unreadable(why)) => {
                let aside = move_aside(&path).map_err(|source| SaveError::Unreadable {
                    path: path.clone(),
                    why: why.clone(),
                    source,
                })?;
                self.warnings.push(format!(
                    "state file {} could not be read ({why}); kept it as {}",
                    path.display(),
                    aside.display()
                ));
                BTreeMap::new()
            }
            Err(source) => return Err(SaveError::Read { path, source }),
        };
        for (key, change) in &unsaved.changes {
            let mut entry = merged.remove(key).unwrap_or_default();
            change.apply_to(&mut entry);
            if !entry.is_empty() {
                merged.insert(key.clone(), entry);
            }
        }
        let state = StateFile::of(merged);
        let mut text = serde_json::to_string_pretty(&state).map_err(SaveError::Encode)?;
        text.push('\n');
        write_atomically(&path, text.as_bytes()).map_err(|source| SaveError::Write { path: path.clone(), source })?;
        Ok(Some(state.marks))
    }

    /// Warnings from saves that succeeded anyway (a state file moved aside), oldest first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}
