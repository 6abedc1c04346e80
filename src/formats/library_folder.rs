//! The user's library folder (`$XDG_DATA_HOME/lenaview/library/`): files in any format lenaview reads,
//! loaded at start-up beside the bundled library. `lenaview add FILE` copies a file in after checking it imports.

use std::fs::{self, File};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Diagnostic, Imported, import_bytes, import_file, read_source};
use crate::durable;
use crate::model::Library;

/// Where the library folder is on this system, when the system has a data folder.
pub fn default_dir() -> Option<PathBuf> {
    crate::durable::paths::data_dir().map(|data| data.join("library"))
}

/// Every file in the folder, in name order so the tree is the same on every start. A missing folder is an
/// empty library; a file that does not import is a diagnostic and the others still load. Hidden files
/// (editor backups, `.DS_Store`) and sub-folders are not library files and are passed over.
pub fn load(dir: &Path) -> (Library, Vec<Diagnostic>) {
    load_with(dir, &import_file)
}

/// As [`load`], each file imported by `import` (the command line's goes through the cache of parsed files).
pub fn load_with(dir: &Path, import: &dyn Fn(&Path) -> Result<Imported, Diagnostic>) -> (Library, Vec<Diagnostic>) {
    let mut library = Library::default();
    let mut diagnostics = Vec::new();
    let files = match library_files(dir) {
        Ok(files) => files,
        Err(err) if err.kind() == ErrorKind::NotFound => return (library, diagnostics),
        Err(err) => {
            diagnostics.push(Diagnostic::warning(
                &dir.display().to_string(),
                0,
                format!("cannot read the library folder: {err}"),
            ));
            return (library, diagnostics);
        }
    };
    for file in files {
        match import(&file) {
            Ok(imported) => {
                library.extend(imported.library);
                diagnostics.extend(imported.warnings);
            }
            // Warnings above are about single records of a file that loaded; this one is the whole file.
            Err(diagnostic) => diagnostics
                .push(Diagnostic { message: format!("{} (file not loaded)", diagnostic.message), ..diagnostic }),
        }
    }
    (library, diagnostics)
}

/// Where an added file is in the library folder, and whether it was there already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    pub path: PathBuf,
    /// The folder held these very bytes before: nothing was copied.
    pub already_there: bool,
}

/// Copies `file` into the folder (creating it) once it imports without error, and returns where it went.
/// A name already taken gets a number (`saved-2.txt`); a file whose bytes are already in the folder is not
/// copied twice, and the path of the copy already there is returned.
///
/// The copy is atomic: a kill, a full disk or a failed write never leaves part of a file under a library name
/// (it would break every later start), and two adds at once never overwrite each other.
pub fn add(dir: &Path, file: &Path) -> Result<Added, Diagnostic> {
    // Read once: the bytes copied are the very bytes that imported without error.
    let bytes = read_source(file)?;
    import_bytes(&file.display().to_string(), &bytes)?;
    let stem =
        file.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| "imported".to_string());
    let extension = file.extension().map(|extension| format!(".{}", extension.to_string_lossy())).unwrap_or_default();
    copy_in(dir, &stem, &extension, &bytes, |copy| io::Write::write_all(copy, &bytes)).map_err(|err| {
        Diagnostic::error(&dir.display().to_string(), 0, format!("cannot write to the library folder: {err}"))
    })
}

/// Writes the copy in full under a hidden name (which [`load`] passes over), flushes it to disk, then gives it
/// the first free library name with a hard link: linking fails when the name exists, so the name appears with
/// the whole content or not at all and never replaces another file. `fill` writes the content, `bytes`.
fn copy_in(
    dir: &Path,
    stem: &str,
    extension: &str,
    bytes: &[u8],
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<Added> {
    fs::create_dir_all(dir)?;
    remove_abandoned_copies(dir);
    let (temporary, mut copy) = durable::create_hidden_beside(&dir.join(format!("{stem}{extension}")), ADDING_MARK)?;
    let claimed = fill(&mut copy).and_then(|()| copy.sync_all()).and_then(|()| {
        drop(copy);
        claim_free_name(dir, stem, extension, bytes, &temporary)
    });
    let _ = fs::remove_file(&temporary);
    if let Ok(added) = &claimed {
        durable::sync_directory(&added.path);
    }
    claimed
}

/// A hidden copy this old was left by an add that was killed: no add takes anywhere near this long.
const ABANDONED_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes hidden copies that killed adds left behind; they are never loaded, but they take room. Best effort.
fn remove_abandoned_copies(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let abandoned = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .is_ok_and(|modified| modified.elapsed().is_ok_and(|age| age > ABANDONED_AFTER));
        if name.starts_with('.') && name.contains(ADDING_MARK) && abandoned {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// In the names of copies being written: `.NAME.adding-<pid>-<n>`.
const ADDING_MARK: &str = ".adding-";

/// Links the complete `temporary` copy to `stem.ext`, else `stem-2.ext`, ..., and returns the name it got,
/// or the name of a file already holding `bytes`.
fn claim_free_name(dir: &Path, stem: &str, extension: &str, bytes: &[u8], temporary: &Path) -> io::Result<Added> {
    let holds_these_bytes = |target: &Path| fs::read(target).is_ok_and(|existing| existing == bytes);
    let found = |path: PathBuf| Ok(Added { path, already_there: true });
    let mut number = 1u64;
    loop {
        let name = if number == 1 { format!("{stem}{extension}") } else { format!("{stem}-{number}{extension}") };
        let target = dir.join(name);
        if holds_these_bytes(&target) {
            return found(target);
        }
        match fs::hard_link(temporary, &target) {
            Ok(()) => return Ok(Added { path: target, already_there: false }),
            // Taken since the check above, perhaps by an add of the very same file at the same time.
            Err(err) if err.kind() == ErrorKind::AlreadyExists => {
                if holds_these_bytes(&target) {
                    return found(target);
                }
                number += 1;
            }
            // A file system without hard links: refused rather than risk a half-written library file.
            Err(err) => return Err(err),
        }
    }
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
    use std::time::SystemTime;

    const MEDLINE: &str = "PMID- 1\nTI  - Lenalidomide maintenance.\nAU  - Chari A\n\n";
    const RIS: &str = "TY  - JOUR\nTI  - Pomalidomide in relapse\nAU  - Vogl, Dan T.\nER  - \n";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    fn titles(library: &Library) -> Vec<&str> {
        library.publications().map(|publication| publication.title.as_str()).collect()
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
        assert!(diagnostics[0].message.ends_with("(file not loaded)"), "{diagnostics:?}");
    }

    #[test]
    fn a_warning_about_one_record_does_not_say_its_file_was_not_loaded() {
        let root = tempfile::tempdir().unwrap();
        let record_without_title = "TY  - JOUR\nAU  - Vogl, Dan T.\nER  - \n";
        write(root.path(), "b.ris", &format!("{RIS}{record_without_title}"));
        let (library, diagnostics) = load(root.path());
        assert_eq!(titles(&library), ["Pomalidomide in relapse"]);
        assert!(!diagnostics.is_empty(), "the record without a title is reported");
        assert!(diagnostics.iter().all(|diagnostic| !diagnostic.message.contains("not loaded")), "{diagnostics:?}");
    }

    #[test]
    fn add_copies_under_a_free_name_and_skips_identical_copies() {
        let root = tempfile::tempdir().unwrap();
        let library = root.path().join("data").join("library");
        let first = write(root.path(), "saved.txt", MEDLINE);
        let saved = library.join("saved.txt");
        assert_eq!(add(&library, &first).unwrap(), Added { path: saved.clone(), already_there: false });
        let again = add(&library, &first).unwrap();
        assert_eq!(again, Added { path: saved, already_there: true }, "same bytes are not copied twice");

        let other = tempfile::tempdir().unwrap();
        let second = write(other.path(), "saved.txt", RIS);
        assert_eq!(add(&library, &second).unwrap(), Added { path: library.join("saved-2.txt"), already_there: false });
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

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_write_leaves_nothing_under_a_library_name_nor_a_temporary_file() {
        let root = tempfile::tempdir().unwrap();
        let half_then_full_disk = |copy: &mut File| {
            io::Write::write_all(copy, &MEDLINE.as_bytes()[..10])?;
            Err(io::Error::other("no space left on device"))
        };
        let err = copy_in(root.path(), "saved", ".txt", MEDLINE.as_bytes(), half_then_full_disk).unwrap_err();
        assert!(err.to_string().contains("no space"), "{err}");
        assert_eq!(names_in(root.path()), Vec::<String>::new());
        let (library, diagnostics) = load(root.path());
        assert!(library.pages.is_empty() && diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn copies_left_by_killed_adds_are_removed_once_a_day_old() {
        let root = tempfile::tempdir().unwrap();
        let stale = write(root.path(), ".big.txt.adding-77-0", "half");
        let recent = write(root.path(), ".big.txt.adding-78-0", "half, being written");
        let backup = write(root.path(), ".notes.txt", "an editor's file, not ours");
        let two_days_ago = SystemTime::now() - Duration::from_secs(2 * 24 * 60 * 60);
        for path in [&stale, &backup] {
            File::options().write(true).open(path).unwrap().set_modified(two_days_ago).unwrap();
        }
        write(root.path(), "new.txt", MEDLINE);
        add(root.path(), &root.path().join("new.txt")).unwrap();
        assert!(!stale.exists());
        assert!(recent.exists(), "another add may be writing it now");
        assert!(backup.exists());
    }

    #[test]
    fn adds_at_once_each_land_once_under_their_own_names() {
        let root = tempfile::tempdir().unwrap();
        let contents: Vec<String> = (0..4).map(|n| format!("{MEDLINE}PMID- {n}\n")).collect();
        let dir = root.path();
        // Each content is added twice at the same time: four files, none overwritten, none twice.
        let landed: Vec<PathBuf> = std::thread::scope(|scope| {
            let adds: Vec<_> = contents
                .iter()
                .chain(&contents)
                .map(|text| {
                    scope.spawn(move || {
                        copy_in(dir, "saved", ".txt", text.as_bytes(), |copy| {
                            io::Write::write_all(copy, text.as_bytes())
                        })
                    })
                })
                .collect();
            adds.into_iter().map(|add| add.join().unwrap().unwrap().path).collect()
        });
        assert_eq!(names_in(dir), ["saved-2.txt", "saved-3.txt", "saved-4.txt", "saved.txt"]);
        for (path, text) in landed.iter().zip(contents.iter().chain(&contents)) {
            assert_eq!(&fs::read_to_string(path).unwrap(), text);
        }
    }
}
