//! The user's notes on papers: one Markdown file per paper in `$XDG_DATA_HOME/lenaview/notes/`, named for people
//! (`chari-2019-oral-selinexor-dexamethasone.md`) and tied to its paper by the key in its front matter
//! ([`text`] describes the file).
//!
//! Kept with the care of the marks: a note is edited on a copy and written back atomically under a lock between
//! processes (`notes.lock` beside the folder); a note changed on disk meanwhile keeps both texts; a file that is
//! not a readable note is reported with its line and left where it is, never overwritten; an emptied note's file
//! is removed.

mod naming;
mod save;
mod text;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::formats::clean::{Breaks, strip_controls};
use crate::model::{Library, Publication};

pub use naming::stem as file_stem;
pub use save::{Draft, NoteOutcome, NoteRequest};
pub use text::{Damage, NoteText, parse, render};

/// The folder of note files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFolder {
    dir: PathBuf,
}

/// A note file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    path: PathBuf,
    note: NoteText,
}

/// Every readable note in the folder by key, and what could not be read, said for the user.
#[derive(Debug, Default)]
struct Scan {
    notes: BTreeMap<String, Found>,
    problems: Vec<String>,
}

impl NoteFolder {
    /// `$XDG_DATA_HOME/lenaview/notes` (`~/.local/share/lenaview/notes`).
    pub fn default_dir() -> Option<PathBuf> {
        crate::durable::paths::data_dir().map(|data| data.join("notes"))
    }

    pub fn at(dir: PathBuf) -> NoteFolder {
        NoteFolder { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every note by paper key, as the screen and exports show it (control characters removed), and a warning
    /// for each file that could not be read. A missing folder is no notes yet.
    pub fn load(&self) -> (BTreeMap<String, String>, Vec<String>) {
        let scan = match self.scan() {
            Ok(scan) => scan,
            Err(err) => {
                let warning = format!("cannot read the notes folder {}: {err}; no notes shown", self.dir.display());
                return (BTreeMap::new(), vec![warning]);
            }
        };
        let mut warnings = scan.problems;
        let notes = scan
            .notes
            .into_iter()
            .filter(|(_, found)| !found.note.body.is_empty())
            .map(|(key, found)| {
                let (shown, cleaned) = shown(&found.note.body);
                if cleaned {
                    warnings.push(format!(
                        "{}: control characters in the note are not shown; the file is unchanged",
                        found.path.display()
                    ));
                }
                (key, shown)
            })
            .collect();
        (notes, warnings)
    }

    /// Reads every `*.md` file (hidden ones are drafts and temporary files), in name order.
    fn scan(&self) -> io::Result<Scan> {
        let mut scan = Scan::default();
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(scan),
            Err(err) => return Err(err),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
                !name.starts_with('.') && name.ends_with(".md") && path.is_file()
            })
            .collect();
        paths.sort();
        for path in paths {
            let bytes = match fs::read(&path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    scan.problems.push(format!("cannot read note {}: {err}; it is left as it is", path.display()));
                    continue;
                }
            };
            let Ok(text) = String::from_utf8(bytes) else {
                scan.problems.push(format!("{}:1: the note is not UTF-8 text; it is left as it is", path.display()));
                continue;
            };
            match text::parse(&text) {
                Ok(note) => match scan.notes.get(&note.key) {
                    Some(first) => scan.problems.push(format!(
                        "{}:2: a second note for {} (the first is {}); only the first is shown, both are kept",
                        path.display(),
                        note.key,
                        first.path.display()
                    )),
                    None => {
                        scan.notes.insert(note.key.clone(), Found { path, note });
                    }
                },
                Err(damage) => scan.problems.push(format!(
                    "{}:{}: not a note lenaview can read: {}; it is left as it is",
                    path.display(),
                    damage.line,
                    damage.why
                )),
            }
        }
        Ok(scan)
    }
}

/// A note as the screen and exports get it: control characters and escape sequences removed (the file keeps
/// them), and whether any were.
fn shown(body: &str) -> (String, bool) {
    let (clean, removed) = strip_controls(body, Breaks::Keep);
    (clean.into_owned(), removed)
}

/// Puts each paper's note (by [`Publication::key`]) into `library`, for the reader, exports and searches.
pub fn fill(library: &mut Library, notes: &BTreeMap<String, String>) {
    if notes.is_empty() {
        return;
    }
    for publication in library.pages.iter_mut().flat_map(|page| page.publications.iter_mut()) {
        fill_one(publication, notes);
    }
}

/// [`fill`], of one publication.
pub fn fill_one(publication: &mut Publication, notes: &BTreeMap<String, String>) {
    if notes.is_empty() {
        return;
    }
    if let Some(note) = notes.get(&publication.key()) {
        publication.note = Some(note.clone());
    }
}

/// What the note file's front matter says of the paper: its plain citation, as `y p` copies it.
pub fn paper_line(publication: &Publication) -> String {
    crate::formats::export::cite(publication, crate::formats::export::CitationStyle::Plain)
}

#[cfg(test)]
mod tests;
