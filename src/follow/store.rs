//! Fetched records, kept as PubMed sent them: `followed/<topic-slug>/<NNNNNN>-<date>.medline`, one file per
//! batch, each written whole or not at all (a kill leaves the store as it was before that batch), under a lock
//! so two updates at once never store a record twice. `topic` in each folder names the topic path, so a
//! topic's papers stay in the library (offline, after `unfollow`) without follow.toml. `also.pmids` lists
//! papers the topic's query found that were already in the library, fetched for another topic or imported:
//! they are not fetched again, but they are listed under this topic too.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::dates::Date;
use super::eutils::efetch::RawRecord;
use super::eutils::esearch::is_pmid;
use super::topics::split_path;
use crate::durable;
use crate::formats::{self, Diagnostic, Imported};
use crate::model::{Library, Page, Publication};

const TOPIC_FILE: &str = "topic";
/// PMIDs a topic's query found that are kept elsewhere (another topic, the library folder): listed under it too.
const ALSO_FILE: &str = "also.pmids";
const BATCH_EXTENSION: &str = "medline";

pub struct Store {
    dir: PathBuf,
    /// Batch files already read and the PMIDs in them. A batch file is written once, whole, under a number
    /// of its own and never rewritten, so only files not seen yet need reading: an update that stores batch
    /// after batch reads each file once, not the whole store per batch.
    read: Mutex<ReadBatches>,
}

#[derive(Default)]
struct ReadBatches {
    files: HashSet<PathBuf>,
    pmids: HashSet<String>,
}

/// A batch written to the store: where, and how many records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBatch {
    pub file: PathBuf,
    pub records: Vec<RawRecord>,
}

impl Store {
    pub fn new(dir: &Path) -> Store {
        Store { dir: dir.to_path_buf(), read: Mutex::default() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every PMID in the store, for every topic (a missing store holds none).
    pub fn pmids(&self) -> io::Result<HashSet<String>> {
        Ok(self.read_new_batches()?.pmids.clone())
    }

    /// What is read of the store, once the batch files not read yet are: [`Store::store`] looks into it in place
    /// rather than copying every PMID for each batch it writes.
    fn read_new_batches(&self) -> io::Result<MutexGuard<'_, ReadBatches>> {
        let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        for (_, folder) in self.topic_folders()? {
            for file in batch_files(&folder)? {
                if !read.files.contains(&file) {
                    read.pmids.extend(pmids_in(&file));
                    read.files.insert(file);
                }
            }
        }
        Ok(read)
    }

    /// PMIDs stored under one topic.
    pub fn topic_pmids(&self, topic_path: &str) -> io::Result<HashSet<String>> {
        let mut pmids = HashSet::new();
        if let Some(folder) = self.find_folder(topic_path)? {
            for file in batch_files(&folder)? {
                pmids.extend(pmids_in(&file));
            }
        }
        Ok(pmids)
    }

    /// Writes the records not already in the store as the topic's next batch file; `None` when every one was
    /// already there (another update stored them first).
    pub fn store(&self, topic_path: &str, records: Vec<RawRecord>, today: Date) -> io::Result<Option<StoredBatch>> {
        let _lock = durable::lock_exclusive(&self.dir.join("store"))?;
        let known = self.read_new_batches()?;
        let mut seen = HashSet::new();
        let records: Vec<RawRecord> = records
            .into_iter()
            .filter(|record| !known.pmids.contains(&record.pmid) && seen.insert(record.pmid.clone()))
            .collect();
        drop(known);
        if records.is_empty() {
            return Ok(None);
        }
        let folder = self.folder_for(topic_path)?;
        // After the highest number in use, not the count: a batch file removed by hand must not make the next
        // batch take the name of the last one and replace it.
        let number = batch_files(&folder)?.last().map_or(0, |last| batch_number(last)) + 1;
        let file = folder.join(format!("{number:06}-{}.{BATCH_EXTENSION}", today));
        let mut text = String::new();
        for record in &records {
            text.push_str(&record.text);
            text.push_str("\n\n");
        }
        durable::write_atomically(&file, text.as_bytes())?;
        Ok(Some(StoredBatch { file, records }))
    }

    /// The topic's folder, created (with its `topic` file) when it has none yet. Called under the store lock.
    fn folder_for(&self, topic_path: &str) -> io::Result<PathBuf> {
        if let Some(folder) = self.find_folder(topic_path)? {
            return Ok(folder);
        }
        let slug = slug(topic_path);
        let mut number = 1;
        loop {
            let name = if number == 1 { slug.clone() } else { format!("{slug}-{number}") };
            let folder = self.dir.join(name);
            // Two topics whose paths slug alike ("A/B", "A-B") each get a folder of their own.
            if !folder.exists() {
                fs::create_dir_all(&folder)?;
                durable::write_atomically(&folder.join(TOPIC_FILE), format!("{topic_path}\n").as_bytes())?;
                return Ok(folder);
            }
            number += 1;
        }
    }

    fn find_folder(&self, topic_path: &str) -> io::Result<Option<PathBuf>> {
        let wanted = split_path(topic_path);
        Ok(self.topic_folders()?.into_iter().find(|(path, _)| split_path(path) == wanted).map(|(_, folder)| folder))
    }

    /// `(topic path, folder)` for every topic folder, in name order.
    fn topic_folders(&self) -> io::Result<Vec<(String, PathBuf)>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => return Err(err),
        };
        let mut folders = Vec::new();
        for entry in entries {
            let folder = entry?.path();
            if !folder.is_dir() {
                continue;
            }
            if let Ok(path) = fs::read_to_string(folder.join(TOPIC_FILE))
                && !split_path(&path).is_empty()
            {
                folders.push((path.trim().to_string(), folder));
            }
        }
        folders.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(folders)
    }

    /// Records that the topic's query also found these papers, kept elsewhere; returns those not recorded before.
    pub fn link(&self, topic_path: &str, pmids: &[String]) -> io::Result<Vec<String>> {
        if pmids.is_empty() {
            return Ok(Vec::new());
        }
        let _lock = durable::lock_exclusive(&self.dir.join("store"))?;
        let mut listed = self.topic_pmids(topic_path)?;
        let existing = self.find_folder(topic_path)?.map(|folder| read_also(&folder)).unwrap_or_default();
        listed.extend(existing.iter().cloned());
        let mut new: Vec<String> = Vec::new();
        for pmid in pmids {
            if !listed.contains(pmid) {
                listed.insert(pmid.clone());
                new.push(pmid.clone());
            }
        }
        if new.is_empty() {
            return Ok(new);
        }
        let folder = self.folder_for(topic_path)?;
        let mut text = String::new();
        for pmid in existing.iter().chain(&new) {
            text.push_str(pmid);
            text.push('\n');
        }
        durable::write_atomically(&folder.join(ALSO_FILE), text.as_bytes())?;
        Ok(new)
    }

    /// Adds every stored topic to `library` as one page at its path, then lists under each topic the papers
    /// its `also.pmids` names that `library` (with the stored pages) holds. Files that do not import are
    /// diagnostics; the rest still load.
    pub fn load_into(&self, library: &mut Library) -> Vec<Diagnostic> {
        self.load_into_with(library, &formats::import_file)
    }

    /// As [`Store::load_into`], each batch imported by `import` (the command line's goes through the cache).
    pub fn load_into_with(
        &self,
        library: &mut Library,
        import: &dyn Fn(&Path) -> Result<Imported, Diagnostic>,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let folders = match self.topic_folders() {
            Ok(folders) => folders,
            Err(err) => {
                let name = self.dir.display().to_string();
                diagnostics.push(Diagnostic::warning(
                    &name,
                    0,
                    format!("cannot read the followed topics' records: {err}"),
                ));
                return diagnostics;
            }
        };
        let mut also_pages = Vec::new();
        for (path, folder) in &folders {
            let mut page = Page { path: split_path(path), ..Page::default() };
            for file in batch_files(folder).unwrap_or_default() {
                match import(&file) {
                    Ok(imported) => {
                        page.publications.extend(imported.library.pages.into_iter().flat_map(|page| page.publications));
                        diagnostics.extend(imported.warnings);
                    }
                    Err(diagnostic) => diagnostics.push(diagnostic),
                }
            }
            if !page.publications.is_empty() {
                library.pages.push(page);
            }
            let also = read_also(folder);
            if !also.is_empty() {
                also_pages.push((split_path(path), also));
            }
        }
        if also_pages.is_empty() {
            return diagnostics;
        }
        let by_pmid: HashMap<&str, &Publication> = library
            .pages
            .iter()
            .flat_map(|page| &page.publications)
            .filter_map(|publication| Some((publication.pmid.as_deref()?, publication)))
            .collect();
        let pages: Vec<Page> = also_pages
            .into_iter()
            .map(|(path, pmids)| {
                let publications =
                    pmids.iter().filter_map(|pmid| by_pmid.get(pmid.as_str()).map(|&found| found.clone()));
                Page { path, publications: publications.collect(), ..Page::default() }
            })
            .filter(|page| !page.publications.is_empty())
            .collect();
        library.pages.extend(pages);
        diagnostics
    }
}

fn read_also(folder: &Path) -> Vec<String> {
    let text = fs::read_to_string(folder.join(ALSO_FILE)).unwrap_or_default();
    text.lines().map(str::trim).filter(|line| is_pmid(line)).map(str::to_string).collect()
}

/// `treatments-biological-therapies-pomalidomide`: readable in a file manager, safe on every file system.
pub fn slug(topic_path: &str) -> String {
    let mut slug = String::new();
    for c in topic_path.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(80).collect();
    if slug.is_empty() { "topic".to_string() } else { slug }
}

/// The PMIDs of the records in one batch file (an unreadable file holds none).
fn pmids_in(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap_or_default();
    text.lines().filter_map(|line| line.strip_prefix("PMID- ")).map(|pmid| pmid.trim().to_string()).collect()
}

/// The number a batch file's name starts with (`000012-2026-11-30.medline` is 12); 0 for a name without one.
fn batch_number(file: &Path) -> usize {
    let name = file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    name.split('-').next().and_then(|number| number.parse().ok()).unwrap_or(0)
}

/// A topic folder's batch files in name (so fetch) order; temporary files of a write in progress start with a dot.
fn batch_files(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder)? {
        let path = entry?.path();
        let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if !hidden && path.extension().is_some_and(|extension| extension == BATCH_EXTENSION) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_after_one_removed_by_hand_takes_a_new_number_and_replaces_none() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let today = Date::parse("2026-11-30").unwrap();
        let first = store.store("A", vec![record("1")], today).unwrap().unwrap().file;
        let second = store.store("A", vec![record("2")], today).unwrap().unwrap().file;
        fs::remove_file(&first).unwrap();
        let third = store.store("A", vec![record("3")], today).unwrap().unwrap().file;
        assert_ne!(third, second);
        assert_eq!(pmids_in(&second), ["2"]);
        assert_eq!(pmids_in(&third), ["3"]);
    }

    fn record(pmid: &str) -> RawRecord {
        RawRecord { pmid: pmid.into(), text: format!("PMID- {pmid}\nTI  - Paper {pmid}.\nSO  - J. 2024.") }
    }

    const TODAY: Date = Date { year: 2026, month: 12, day: 1 };

    #[test]
    fn slugs_are_plain_and_never_empty() {
        assert_eq!(
            slug("Treatments/Biological Therapies/Pomalidomide"),
            "treatments-biological-therapies-pomalidomide"
        );
        assert_eq!(slug("Ünï / ++"), "n");
        assert_eq!(slug("//"), "topic");
    }

    #[test]
    fn batches_are_numbered_files_that_load_under_the_topic() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(&dir.path().join("followed"));
        assert!(store.pmids().unwrap().is_empty());
        let first = store
            .store("Treatments/Pomalidomide", vec![record("1"), record("2"), record("1")], TODAY)
            .unwrap()
            .unwrap();
        assert!(first.file.ends_with("treatments-pomalidomide/000001-2026-12-01.medline"), "{first:?}");
        assert_eq!(first.records.len(), 2);
        let second = store.store("Treatments/Pomalidomide", vec![record("2"), record("3")], TODAY).unwrap().unwrap();
        assert_eq!(second.records, [record("3")], "a stored record is never stored twice");
        assert!(store.store("Treatments/Pomalidomide", vec![record("3")], TODAY).unwrap().is_none());
        store.store("Treatments-Pomalidomide", vec![record("4")], TODAY).unwrap();

        let mut library = Library::default();
        let diagnostics = store.load_into(&mut library);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let paths: Vec<_> = library.pages.iter().map(|page| (page.path.join("/"), page.publications.len())).collect();
        assert_eq!(paths, [("Treatments/Pomalidomide".to_string(), 3), ("Treatments-Pomalidomide".to_string(), 1)]);
        assert_eq!(store.topic_pmids("Treatments / Pomalidomide").unwrap().len(), 3);
        assert_eq!(store.pmids().unwrap().len(), 4);
    }

    #[test]
    fn papers_found_again_by_another_topic_are_listed_there_too() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        store.store("A", vec![record("1"), record("2")], TODAY).unwrap();
        assert!(store.link("B", &[]).unwrap().is_empty());
        assert!(!dir.path().join("b").exists(), "nothing to list, nothing written");
        assert_eq!(store.link("B", &["2".into(), "9".into()]).unwrap(), ["2", "9"]);
        assert_eq!(store.link("B", &["2".into(), "3".into()]).unwrap(), ["3"]);
        assert!(store.link("A", &["1".into()]).unwrap().is_empty(), "a topic's own papers are not listed again");

        let imported =
            Publication { pmid: Some("3".into()), title: "From the library folder".into(), ..Publication::default() };
        let mut library = Library {
            pages: vec![Page { path: vec!["Imported".into()], publications: vec![imported], ..Page::default() }],
        };
        store.load_into(&mut library);
        let b = library.pages.iter().find(|page| page.path == ["B"]).unwrap();
        let titles: Vec<&str> = b.publications.iter().map(|publication| publication.title.as_str()).collect();
        assert_eq!(titles, ["Paper 2.", "From the library folder"], "PMID 9 is in no library and is passed over");
    }

    #[test]
    fn a_damaged_batch_is_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let batch = store.store("A", vec![record("1")], TODAY).unwrap().unwrap();
        fs::write(batch.file.with_file_name("000002-2026-12-02.medline"), "garbage").unwrap();
        fs::write(batch.file.with_file_name(".000003.medline.tmp-1-1"), "half").unwrap();
        let mut library = Library::default();
        let diagnostics = store.load_into(&mut library);
        assert_eq!(library.publication_count(), 1);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    }
}
