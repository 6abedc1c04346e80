//! The user's library folder (`$XDG_DATA_HOME/lenaview/library/`): files in any format lenaview reads,
//! loaded at start-up beside the bundled library. `lenaview add FILE` copies a file in after checking it imports.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

use super::{Diagnostic, import_file};
use crate::model::Library;

/// Where the library folder is on this system, when the system has a data folder.
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|data| data.join("lenaview").join("library"))
}

/// Every file in the folder, in name order so the tree is the same on every start. A missing folder is an
/// empty library; a file that does not import is a diagnostic and the others still load. Hidden files
/// (editor backups, `.DS_Store`) and sub-folders are not library files and are passed over.
pub fn load(dir: &Path) -> (Library, Vec<Diagnostic>) {
    let mut library = Library::default();
    let mut diagnostics = Vec::new();
    let files = match library_files(dir) {
        Ok(files) => files,
        Err(err) if err.kind() == ErrorKind::NotFound => return (library, diagnostics),
        Err(err) => {
            diagnostics.push(Diagnostic::new(
                &dir.display().to_string(),
                0,
                format!("cannot read the library folder: {err}"),
            ));
            return (library, diagnostics);
        }
    };
    for file in files {
        match import_file(&file) {
            Ok(imported) => {
                library.extend(imported.library);
                diagnostics.extend(imported.warnings);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (library, diagnostics)
}

/// Copies `file` into the folder (creating it) once it imports without error, and returns where it went.
/// A name already taken gets a number (`saved-2.txt`); a file whose bytes are already in the folder is not
/// copied twice, and the path of the copy already there is returned.
pub fn add(dir: &Path, file: &Path) -> Result<PathBuf, Diagnostic> {
    import_file(file)?;
    let file_name = file.display().to_string();
    let bytes = fs::read(file).map_err(|err| Diagnostic::new(&file_name, 0, format!("cannot read: {err}")))?;
    let folder_error = |err: io::Error| {
        Diagnostic::new(&dir.display().to_string(), 0, format!("cannot write to the library folder: {err}"))
    };
    fs::create_dir_all(dir).map_err(folder_error)?;
    let stem =
        file.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| "imported".to_string());
    let extension = file.extension().map(|extension| format!(".{}", extension.to_string_lossy())).unwrap_or_default();
    let mut number = 1u64;
    loop {
        let name = if number == 1 { format!("{stem}{extension}") } else { format!("{stem}-{number}{extension}") };
        let target = dir.join(name);
        if fs::read(&target).is_ok_and(|existing| existing == bytes) {
            return Ok(target);
        }
        // `create_new` claims the name atomically, so two adds at once never overwrite each other.
        match OpenOptions::new().write(true).create_new(true).open(&target) {
            Ok(mut copy) => {
                return match write_all(&mut copy, &bytes) {
                    Ok(()) => Ok(target),
                    Err(err) => {
                        // A half-written copy would be a broken library file at the next start.
                        let _ = fs::remove_file(&target);
                        Err(folder_error(err))
                    }
                };
            }
            Err(err) if err.kind() == ErrorKind::AlreadyExists => number += 1,
            Err(err) => return Err(folder_error(err)),
        }
    }
}

fn write_all(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    io::Write::write_all(file, bytes)?;
    file.sync_all()
}

fn library_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
        // `Path::is_file` follows symbolic links, so a linked export counts like a copied one.
        if !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEDLINE: &str = "PMID- 1\nTI  - Lenalidomide maintenance.\nAU  - Chari A\n\n";
    const RIS: &str = "TY  - JOUR\nTI  - Pomalidomide in relapse\nAU  - Vogl, Dan T.\nER  - \n";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    fn titles(library: &Library) -> Vec<&str> {
        library.pages.iter().flat_map(|page| &page.publications).map(|publication| publication.title.as_str()).collect()
    }

    #[test]
    fn a_missing_folder_is_an_empty_library() {
        let root = tempfile::tempdir().unwrap();
        let (library, diagnostics) = load(&root.path().join("nowhere"));
        assert_eq!(library, Library::default());
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn files_load_in_name_order_and_a_bad_one_does_not_stop_the_rest() {
        let root = tempfile::tempdir().unwrap();
        write(root.path(), "b.ris", RIS);
        write(root.path(), "a.txt", MEDLINE);
        write(root.path(), "c.txt", "not a library file");
        write(root.path(), ".hidden.txt", "ignored");
        fs::create_dir(root.path().join("sub")).unwrap();
        let (library, diagnostics) = load(root.path());
        assert_eq!(titles(&library), ["Lenalidomide maintenance.", "Pomalidomide in relapse"]);
        assert_eq!(library.pages[0].path, ["Imported", "a"]);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].file.ends_with("c.txt"), "{diagnostics:?}");
    }

    #[test]
    fn add_copies_under_a_free_name_and_skips_identical_copies() {
        let root = tempfile::tempdir().unwrap();
        let library = root.path().join("data").join("library");
        let first = write(root.path(), "saved.txt", MEDLINE);
        assert_eq!(add(&library, &first).unwrap(), library.join("saved.txt"));
        assert_eq!(add(&library, &first).unwrap(), library.join("saved.txt"), "same bytes are not copied twice");

        let other = tempfile::tempdir().unwrap();
        let second = write(other.path(), "saved.txt", RIS);
        assert_eq!(add(&library, &second).unwrap(), library.join("saved-2.txt"));
        assert_eq!(fs::read_to_string(library.join("saved-2.txt")).unwrap(), RIS);
        assert_eq!(titles(&load(&library).0).len(), 2);
    }

    #[test]
    fn add_refuses_a_file_that_does_not_import() {
        let root = tempfile::tempdir().unwrap();
        let library = root.path().join("library");
        let bad = write(root.path(), "notes.txt", "just prose");
        let err = add(&library, &bad).unwrap_err();
        assert!(err.file.ends_with("notes.txt"), "{err}");
        assert!(!library.exists(), "nothing is created for a file that is refused");
        assert!(add(&library, &root.path().join("missing.txt")).is_err());
    }
}
