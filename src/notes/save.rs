//! Editing a note: the editor gets a draft (a copy beside the notes), and what it leaves there is written back
//! atomically under the folder's lock, merged with whatever another lenaview saved meanwhile.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::text::{self, NoteText};
use super::{Found, NoteFolder, naming, shown};
use crate::durable::{SAVE_LOCK_PATIENCE, create_hidden_ending, lock_exclusive_within, write_atomically};

/// Names tried for a new note before giving up: `stem.md`, `stem-2.md`, …
const NAMES_TRIED: usize = 999;
/// Between the edited note and the one another lenaview saved while it was being edited.
const CONFLICT_MARK: &str =
    "<!-- lenaview: this note was also changed elsewhere while you edited it; that version follows -->";

/// What the app asks to edit: the paper's key, its one-line citation and the stem of a new file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRequest {
    pub key: String,
    pub paper: String,
    pub stem: String,
}

/// A note being edited: the draft file the editor works on, and the note as it was on disk when it began.
#[derive(Debug)]
pub struct Draft {
    path: PathBuf,
    request: NoteRequest,
    /// The note's file and text when the draft was made (none: a new note).
    base: Option<Found>,
    /// What the draft file held before the editor ran.
    written: String,
}

/// How an edit ended, for the status bar and the message log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOutcome {
    /// The note was written to `path`; `note` is it as the screen shows it (none: emptied, so the file was
    /// removed). `both_kept`: another lenaview changed it meanwhile, and its text follows this one in the file.
    Saved {
        note: Option<String>,
        path: PathBuf,
        both_kept: bool,
    },
    Unchanged,
    /// Not saved, and why: said whole, with where the user's text is when it was kept.
    Failed(String),
}

impl Draft {
    /// The file to give the editor.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl NoteFolder {
    /// Writes a draft of the note for `request` (its text on disk now, or an empty note) for an editor to open.
    pub fn draft(&self, request: NoteRequest) -> io::Result<Draft> {
        fs::create_dir_all(&self.dir)?;
        let base = self.scan()?.notes.remove(&request.key);
        let (extra, body) = base.as_ref().map_or((&[][..], ""), |found| (&found.note.extra[..], &found.note.body));
        let written = text::render(&request.key, &request.paper, extra, body);
        let path = self.new_draft_path(&request.stem, &written)?;
        Ok(Draft { path, request, base, written })
    }

    /// A hidden `.STEM.md.edit-PID-N.md` in the folder, with `contents`: hidden, so no scan takes it for a
    /// note; ending in `.md`, so the editor knows it is Markdown.
    fn new_draft_path(&self, stem: &str, contents: &str) -> io::Result<PathBuf> {
        let (path, mut file) = create_hidden_ending(&self.dir.join(naming::numbered(stem, 1)), ".edit-", ".md")?;
        if let Err(err) = file.write_all(contents.as_bytes()) {
            let _ = fs::remove_file(&path);
            return Err(err);
        }
        Ok(path)
    }

    /// Takes in what the editor left in the draft. The draft is removed once its text is safe; when it cannot
    /// be saved, the draft stays and the failure says where.
    pub fn finish(&self, draft: Draft) -> NoteOutcome {
        let edited = match fs::read(&draft.path).map(String::from_utf8) {
            Ok(Ok(edited)) => edited,
            Ok(Err(_)) => return kept(&draft, "the edited note is not UTF-8 text"),
            Err(err) => {
                return NoteOutcome::Failed(format!("Note not saved: cannot read {}: {err}", draft.path.display()));
            }
        };
        // A front matter the user broke is no reason to lose the text: all of it is then the note.
        let (extra, body) = match text::parse(&edited) {
            Ok(note) if note.key == draft.request.key => (note.extra, note.body),
            _ => (Vec::new(), text::trimmed_body(&edited).to_string()),
        };
        let base_body = draft.base.as_ref().map_or("", |found| found.note.body.as_str());
        let base_extra = draft.base.as_ref().map_or(&[][..], |found| &found.note.extra[..]);
        if edited == draft.written || (body == base_body && extra == base_extra) {
            let _ = fs::remove_file(&draft.path);
            return NoteOutcome::Unchanged;
        }
        let outcome = match self.write_back(&draft, NoteText { key: draft.request.key.clone(), extra, body }) {
            Ok(outcome) => outcome,
            Err(why) => return kept(&draft, &why),
        };
        let _ = fs::remove_file(&draft.path);
        outcome
    }

    /// The editor failed: nothing is saved; the draft is removed unless the user already changed it.
    pub fn abandon(&self, draft: Draft, why: &str) -> NoteOutcome {
        let changed = fs::read_to_string(&draft.path).is_ok_and(|now| now != draft.written);
        if changed {
            return kept(&draft, why);
        }
        let _ = fs::remove_file(&draft.path);
        NoteOutcome::Failed(format!("Note not saved: {why}"))
    }

    /// Writes `edited` over the note, under the lock, keeping what another process saved since the draft.
    fn write_back(&self, draft: &Draft, mut edited: NoteText) -> Result<NoteOutcome, String> {
        let _lock = lock_exclusive_within(&self.dir, SAVE_LOCK_PATIENCE)
            .map_err(|err| format!("cannot lock the notes folder ({err})"))?;
        let now = self.scan().map_err(|err| format!("cannot read the notes folder: {err}"))?.notes.remove(&edited.key);
        let base_body = draft.base.as_ref().map(|found| found.note.body.as_str()).unwrap_or("");
        let theirs = now.as_ref().map(|found| found.note.body.as_str()).filter(|body| *body != base_body);
        let both_kept = match theirs {
            Some(theirs) if !theirs.is_empty() && edited.body.is_empty() => {
                edited.body = theirs.to_string();
                true
            }
            Some(theirs) if !theirs.is_empty() => {
                edited.body = format!("{}\n\n{CONFLICT_MARK}\n\n{theirs}", edited.body);
                true
            }
            _ => false,
        };
        let path = match &now {
            Some(found) => found.path.clone(),
            None => self.unused_path(&draft.request.stem)?,
        };
        if edited.body.is_empty() {
            if now.is_some() {
                fs::remove_file(&path).map_err(|err| format!("cannot remove {}: {err}", path.display()))?;
            }
            return Ok(NoteOutcome::Saved { note: None, path, both_kept });
        }
        let contents = text::render(&edited.key, &draft.request.paper, &edited.extra, &edited.body);
        write_atomically(&path, contents.as_bytes())
            .map_err(|err| format!("cannot write {}: {err}", path.display()))?;
        Ok(NoteOutcome::Saved { note: Some(shown(&edited.body).0), path, both_kept })
    }

    /// The first free name for a new note with this stem.
    fn unused_path(&self, stem: &str) -> Result<PathBuf, String> {
        (1..=NAMES_TRIED)
            .map(|n| self.dir.join(naming::numbered(stem, n)))
            .find(|path| fs::symlink_metadata(path).is_err())
            .ok_or_else(|| {
                format!("{} and {} numbered names are all taken", naming::numbered(stem, 1), NAMES_TRIED - 1)
            })
    }
}

/// The note could not be saved; the draft keeps the user's text, and the message says where.
fn kept(draft: &Draft, why: &str) -> NoteOutcome {
    NoteOutcome::Failed(format!("Note not saved: {why}; your text is kept in {}", draft.path.display()))
}
