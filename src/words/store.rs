//! Where the word lists are kept: `words.toml` in the data folder, beside the marks. It lives there rather than
//! in the config folder because lenaview writes it (`+` and `-`), as it writes the marks; it is still plain,
//! commented TOML meant to be read and edited by hand.
//!
//! Kept as the marks are: every save takes the lock between processes (`words.toml.lock`), reads the file again
//! and replays this process's edits onto it, so two lenaviews (or an editor) keep each other's words; the write
//! is atomic; a file this version cannot read is moved aside and reported with its line, never overwritten.

use std::path::{Path, PathBuf};

use super::file::{Parsed, parse, render};
use super::{WordEdit, WordLists};
use crate::durable::{SAVE_LOCK_PATIENCE, SaveLock, lock_exclusive_within, move_aside, write_atomically};

/// The file the lists are saved to, or none (tests, no data folder).
#[derive(Debug)]
pub struct WordsFile {
    path: Option<PathBuf>,
    warnings: Vec<String>,
    /// As for the marks: a stuck holder must not freeze the reader at every `+` or `-`.
    lock: SaveLock,
}

/// Why a save did not reach the file; the edits stay in memory for the session.
#[derive(Debug, thiserror::Error)]
pub enum WordsSaveError {
    #[error("cannot save the word lists: {} could not be read ({why}) nor moved aside ({source})", path.display())]
    Unreadable { path: PathBuf, why: String, source: std::io::Error },
    #[error("cannot save the word lists: cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot save the word lists to {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

enum Loaded {
    Missing,
    Lists(Parsed),
    /// Not a file this version reads: the line and the problem, said as `file:line: problem`.
    Refused(String),
}

fn load(path: &Path) -> std::io::Result<Loaded> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(match parse(&path.display().to_string(), &bytes) {
            Ok(parsed) => Loaded::Lists(parsed),
            Err(refusal) => Loaded::Refused(refusal.to_string()),
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Loaded::Missing),
        Err(err) => Err(err),
    }
}

fn unused_warnings(parsed: &Parsed) -> Vec<String> {
    parsed.unused.iter().map(ToString::to_string).collect()
}

impl WordsFile {
    /// `$XDG_DATA_HOME/lenaview/words.toml`, when the system has a data folder.
    pub fn default_path() -> Option<PathBuf> {
        crate::durable::paths::data_dir().map(|data| data.join("words.toml"))
    }

    /// With `--state FILE`, the lists go beside it as the session does: `FILE` with the extension `.words.toml`.
    pub fn beside_state(state_file: &Path) -> PathBuf {
        state_file.with_extension("words.toml")
    }

    /// Lists for this session only.
    pub fn in_memory() -> WordsFile {
        WordsFile { path: None, warnings: Vec::new(), lock: SaveLock::default() }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The lists in the file at `path` (the default lists when there is none yet) and what to tell the user
    /// about it. Never fails: a file that cannot be read is moved aside, one that cannot be moved leaves the
    /// lists unsaved this session.
    pub fn open(path: PathBuf) -> (WordsFile, WordLists, Vec<String>) {
        let mut warnings = Vec::new();
        let unsaved = |why: String, warnings: &mut Vec<String>| {
            warnings.push(format!("{why}; word lists will not be saved this session"));
            (WordsFile::in_memory(), WordLists::default(), std::mem::take(warnings))
        };
        let lists = match load(&path) {
            Ok(Loaded::Missing) => WordLists::default(),
            Ok(Loaded::Lists(parsed)) => {
                warnings.extend(unused_warnings(&parsed));
                parsed.lists
            }
            Ok(Loaded::Refused(why)) => {
                // Under the lock, so that a good file another process saved meanwhile is read, not moved.
                let _lock = lock_exclusive_within(&path, SAVE_LOCK_PATIENCE).ok();
                match load(&path) {
                    Ok(Loaded::Lists(parsed)) => parsed.lists,
                    Ok(Loaded::Missing) => WordLists::default(),
                    Ok(Loaded::Refused(_)) => match move_aside(&path) {
                        Ok(aside) => {
                            warnings.push(format!(
                                "{why}; the word lists file is kept as {} and the default lists are used",
                                aside.display()
                            ));
                            WordLists::default()
                        }
                        Err(err) => {
                            return unsaved(format!("{why}; it could not be moved aside ({err})"), &mut warnings);
                        }
                    },
                    Err(err) => return unsaved(format!("cannot read {}: {err}", path.display()), &mut warnings),
                }
            }
            Err(err) => return unsaved(format!("cannot read {}: {err}", path.display()), &mut warnings),
        };
        (WordsFile { path: Some(path), warnings: Vec::new(), lock: SaveLock::default() }, lists, warnings)
    }

    /// Replays `edits` onto the lists in the file now, under the lock, writes the result atomically and gives it
    /// back (`None` for lists kept in memory only, where there is nothing to merge).
    pub fn write(&mut self, edits: &[WordEdit]) -> Result<Option<WordLists>, WordsSaveError> {
        let Some(path) = self.path.clone() else { return Ok(None) };
        if let Some(directory) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
            std::fs::create_dir_all(directory)
                .map_err(|source| WordsSaveError::Write { path: path.clone(), source })?;
        }
        let problem = |err| {
            format!("cannot lock the word lists file ({err}); saved without it: another lenaview's word may be lost")
        };
        let _lock = self.lock.take(&path, problem, &mut self.warnings);
        let mut lists = match load(&path).map_err(|source| WordsSaveError::Read { path: path.clone(), source })? {
            Loaded::Missing => WordLists::default(),
            Loaded::Lists(parsed) => parsed.lists,
            Loaded::Refused(why) => {
                let aside = move_aside(&path).map_err(|source| WordsSaveError::Unreadable {
                    path: path.clone(),
                    why: why.clone(),
                    source,
                })?;
                self.warnings.push(format!("{why}; kept it as {} and saved the lists anew", aside.display()));
                WordLists::default()
            }
        };
        for edit in edits {
            lists.apply(edit);
        }
        write_atomically(&path, render(&lists).as_bytes()).map_err(|source| WordsSaveError::Write { path, source })?;
        Ok(Some(lists))
    }

    /// What saves noticed without failing (a file moved aside, a lock not had), oldest first.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(list: &str, word: &str) -> WordEdit {
        WordEdit::Add { list: list.into(), word: word.into() }
    }

    #[test]
    fn two_processes_keep_each_others_words() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        let (mut first, _, warnings) = WordsFile::open(path.clone());
        let (mut second, _, _) = WordsFile::open(path.clone());
        assert!(warnings.is_empty());
        first.write(&[add("include", "lenalidomide")]).unwrap();
        let merged = second.write(&[add("exclude", "mouse"), add("include", "myeloma")]).unwrap().unwrap();
        assert_eq!(merged.lists[0].words, ["lenalidomide", "myeloma"]);
        assert_eq!(merged.lists[1].words, ["mouse"]);
        let (_, reopened, _) = WordsFile::open(path);
        assert_eq!(reopened, merged);
    }

    /// As the marks: a stuck holder is waited for once and told once, and every word is still saved.
    #[test]
    fn a_lock_that_cannot_be_taken_is_told_once_and_the_words_are_still_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        // A directory cannot be opened for writing, on any system and for any user.
        std::fs::create_dir(dir.path().join("words.toml.lock")).unwrap();
        let (mut file, _, _) = WordsFile::open(path.clone());
        file.write(&[add("include", "lenalidomide")]).unwrap();
        let warnings = file.take_warnings();
        assert!(warnings.len() == 1 && warnings[0].contains("cannot lock the word lists file"), "{warnings:?}");
        file.write(&[add("include", "myeloma")]).unwrap();
        assert_eq!(file.take_warnings(), Vec::<String>::new(), "the same problem is not told at every save");
        let (_, saved, _) = WordsFile::open(path);
        assert_eq!(saved.lists[0].words, ["lenalidomide", "myeloma"]);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_with_its_line_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        std::fs::write(&path, "[[list]]\nname = \"include\"\ncolor = \"grey\"\n").unwrap();
        let (mut file, lists, warnings) = WordsFile::open(path.clone());
        assert_eq!(lists, WordLists::default());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains(&format!("{}:3: \"grey\" is not a colour", path.display())), "{warnings:?}");
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().starts_with("words.toml.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert!(std::fs::read_to_string(aside[0].path()).unwrap().contains("grey"));
        file.write(&[add("include", "x")]).unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().contains("\"x\""));
    }

    #[test]
    fn a_file_damaged_after_opening_is_moved_aside_when_saving() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("words.toml");
        let (mut file, _, _) = WordsFile::open(path.clone());
        std::fs::write(&path, "version = 9\n").unwrap();
        let saved = file.write(&[add("include", "x")]).unwrap().unwrap();
        assert_eq!(saved.lists[0].words, ["x"]);
        let warnings = file.take_warnings();
        assert!(warnings[0].contains(":1: version 9"), "{warnings:?}");
    }
}
