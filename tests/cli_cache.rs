//! The cache of parsed sources, seen from the command line: a warm start prints what a cold one prints, the
//! library folder and fetched records are cached too, `--no-cache` bypasses it, and two processes starting at
//! once on the same sources both succeed and leave a cache that the next start reads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

struct Homes {
    root: tempfile::TempDir,
}

impl Homes {
    fn new() -> Homes {
        Homes { root: tempfile::tempdir().unwrap() }
    }

    fn cache(&self) -> PathBuf {
        self.root.path().join("cache")
    }

    fn data(&self) -> PathBuf {
        self.root.path().join("data")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lenaview"));
        command
            .args(args)
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_DATA_HOME", self.data())
            .env("XDG_CONFIG_HOME", self.root.path().join("config"))
            .env_remove("LENAVIEW_NO_CACHE");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Each cache file with its identity: a file rewritten (by a rename) gets another inode.
    fn cache_files(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let Ok(entries) = fs::read_dir(self.cache().join("lenaview/parsed")) else { return Vec::new() };
        let mut files: Vec<_> = entries
            .flatten()
            .map(|entry| {
                let metadata = entry.metadata().unwrap();
                (entry.path(), inode(&metadata), metadata.modified().unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

#[cfg(unix)]
fn inode(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(metadata)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

/// What a run printed, with the import's duration (which varies from run to run) left out.
fn printed(output: &Output) -> (String, String) {
    let stderr = String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(|line| if line.ends_with(" s)") { line.rsplit_once(" (").map_or(line, |(kept, _)| kept) } else { line })
        .collect::<Vec<_>>()
        .join("\n");
    (String::from_utf8_lossy(&output.stdout).into_owned(), stderr)
}

const SOURCES: [&str; 4] = ["medline/malformed.txt", "ris/malformed.ris", "page/cut-off.txt", "export/library.json"];

fn sources() -> Vec<String> {
    SOURCES.iter().map(|name| fixture(name)).collect()
}

#[test]
fn a_warm_import_prints_the_same_library_and_warnings_as_a_cold_one() {
    let homes = Homes::new();
    let files = sources();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let cold = homes.run(&args);
    assert!(cold.status.success(), "{}", String::from_utf8_lossy(&cold.stderr));
    assert!(printed(&cold).1.contains("record skipped"), "the fixtures have warnings: {}", printed(&cold).1);
    let written = homes.cache_files();
    assert_eq!(written.len(), SOURCES.len(), "one cache file per source");

    let warm = homes.run(&args);
    assert_eq!(printed(&warm), printed(&cold));
    assert_eq!(homes.cache_files(), written, "the warm start read the cache and rewrote nothing");

    let mut bypassed = args.clone();
    bypassed.push("--no-cache");
    let uncached = Homes::new();
    assert_eq!(printed(&uncached.run(&bypassed)), printed(&cold));
    let by_environment = uncached.command(&args).env("LENAVIEW_NO_CACHE", "1").output().unwrap();
    assert_eq!(printed(&by_environment), printed(&cold));
    assert!(uncached.cache_files().is_empty(), "--no-cache and LENAVIEW_NO_CACHE write no cache");
}

#[test]
fn a_warm_search_in_every_scope_prints_what_parsing_prints() {
    // A search of titles or meta reads the cache without abstracts: what it prints must not show it.
    let homes = Homes::new();
    let files = sources();
    for scope in ["titles", "meta", "all"] {
        for query in ["lenal", "a", "'myeloma"] {
            let mut args = vec!["search", "--json", "--scope", scope, query];
            args.extend(files.iter().map(String::as_str));
            let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
            homes.run(&args);
            assert_eq!(printed(&homes.run(&args)), uncached, "{scope} {query}");
            args[1] = "--limit=5";
            let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
            assert_eq!(printed(&homes.run(&args)), uncached, "{scope} {query}, as lines");
        }
    }
    assert_eq!(homes.cache_files().len(), SOURCES.len());
}

#[test]
fn the_library_folder_and_fetched_records_are_cached_and_an_edit_is_seen() {
    let homes = Homes::new();
    let folder = homes.data().join("lenaview/library");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(fixture("medline/search.txt"), folder.join("search.txt")).unwrap();
    let topic = homes.data().join("lenaview/followed/pomalidomide");
    fs::create_dir_all(&topic).unwrap();
    fs::write(topic.join("topic"), "Treatments/Pomalidomide\n").unwrap();
    let batch = "PMID- 90000001\nTI  - Fetched pomalidomide paper.\nSO  - J. 2024.\nAB  - Fetched abstract.\n\n";
    fs::write(topic.join("000001-2026-12-01.medline"), batch).unwrap();

    let export = ["export", "--format", "json"];
    let cold = homes.run(&export);
    assert!(cold.status.success(), "{}", String::from_utf8_lossy(&cold.stderr));
    assert!(printed(&cold).0.contains("Fetched pomalidomide paper."));
    assert_eq!(homes.cache_files().len(), 2, "the folder's file and the batch; the bundled library is not cached");
    // Warm, the abstracts of the folder's file and of the batch are read from their cache files as they are
    // written, the bundled library's from its papers: all of them, each in its place.
    let warm = printed(&homes.run(&export));
    assert_eq!(warm, printed(&cold));
    assert_eq!(warm, printed(&homes.command(&export).arg("--no-cache").output().unwrap()));
    for text in ["Selinexor is an oral inhibitor", "Fetched abstract.", "Selinexor, a selective inhibitor"] {
        assert!(warm.0.contains(text), "{text}");
    }

    fs::write(topic.join("000001-2026-12-01.medline"), batch.replace("Fetched", "Edited")).unwrap();
    let edited = printed(&homes.run(&export)).0;
    assert!(edited.contains("Edited pomalidomide paper.") && !edited.contains("Fetched pomalidomide"), "never stale");
}

#[test]
fn two_processes_starting_at_once_both_succeed_and_leave_a_valid_cache() {
    let homes = Homes::new();
    let files = sources();
    let mut args = vec!["search", "lenalidomide", "--scope", "all"];
    args.extend(files.iter().map(String::as_str));
    let expected = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
    assert!(!expected.0.is_empty(), "the search finds something");
    for round in 0..3 {
        let _ = fs::remove_dir_all(homes.cache());
        let children: Vec<_> = (0..2)
            .map(|_| {
                let mut command = homes.command(&args);
                command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "round {round}: {}", String::from_utf8_lossy(&output.stderr));
            assert_eq!(printed(&output), expected, "round {round}");
        }
        let written = homes.cache_files();
        assert_eq!(written.len(), SOURCES.len(), "round {round}: one cache file per source, no temporary left");
        assert_eq!(printed(&homes.run(&args)), expected);
        assert_eq!(homes.cache_files(), written, "round {round}: the next start read every cache file as valid");
    }
}

#[test]
fn a_corrupt_cache_file_is_rebuilt_and_a_read_only_cache_is_only_a_note() {
    let homes = Homes::new();
    let file = fixture("medline/malformed.txt");
    let cold = homes.run(&["import", &file]);
    let [(entry, ..)] = homes.cache_files().try_into().unwrap();
    fs::write(&entry, b"not a cache at all").unwrap();
    assert_eq!(printed(&homes.run(&["import", &file])), printed(&cold));
    assert_ne!(fs::read(&entry).unwrap(), b"not a cache at all", "written anew");

    let blocked = Homes::new();
    fs::write(blocked.cache(), "a file where the cache folder would be").unwrap();
    let output = blocked.run(&["import", &file]);
    assert!(output.status.success());
    let (stdout, stderr) = printed(&output);
    assert_eq!(stdout, printed(&cold).0);
    let notes: Vec<&str> = stderr.lines().filter(|line| line.contains("cannot write the cache")).collect();
    assert_eq!(notes.len(), 1, "{stderr}");
    assert_eq!(stderr.replace(&format!("{}\n", notes[0]), ""), printed(&cold).1);
}

#[test]
fn a_warm_export_writes_what_parsing_writes_and_an_abstract_damaged_in_the_cache_is_read_again() {
    // Every format reads each abstract from the cache file as it writes it.
    let homes = Homes::new();
    let file = fixture("export/library.json");
    let output = homes.root.path().join("out");
    let output = output.to_str().unwrap();
    for format in ["bibtex", "ris", "csv", "csl", "json"] {
        for query in [None, Some("lenalidomide")] {
            let mut args = vec!["export", "--format", format];
            args.extend(query.map(|query| ["--query", query]).iter().flatten());
            args.push(&file);
            let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
            assert!(uncached.0.contains("Carriage return too."), "{format}: {}", uncached.0);
            homes.run(&args);
            assert_eq!(printed(&homes.run(&args)), uncached, "{format} {query:?}");
            let damage = || damage_the_cached_abstract(&homes);
            damage();
            let (stdout, stderr) = printed(&homes.run(&args));
            assert_eq!(stdout, uncached.0, "{format} {query:?}");
            assert!(stderr.contains("could not be read") && stderr.contains("library.json"), "{stderr}");
            damage();
            let written = homes.command(&args).args(["-o", output]).output().unwrap();
            assert!(written.status.success() && printed(&written).1.contains("could not be read"));
            assert_eq!(fs::read_to_string(output).unwrap(), uncached.0, "{format} {query:?} to a file");
        }
    }
}

#[test]
fn a_warm_export_of_several_files_writes_and_says_what_parsing_does() {
    // A reference list of cached files is written from them in place; every file twice, so every paper comes
    // again from another source and goes out once, the first time.
    let homes = Homes::new();
    let files = sources();
    for format in ["bibtex", "ris", "csv", "csl"] {
        for query in [None, Some("lenalidomide")] {
            let mut args = vec!["export", "--format", format];
            args.extend(query.map(|query| ["--query", query]).iter().flatten());
            args.extend(files.iter().chain(&files).map(String::as_str));
            let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
            assert!(uncached.1.contains("skipped"), "{format}: the files' warnings are said: {}", uncached.1);
            homes.run(&args);
            assert_eq!(printed(&homes.run(&args)), uncached, "{format} {query:?}");
        }
    }
}

/// Changes one byte of the abstract that ends "Carriage return too." in the one cache file `homes` holds: its
/// checksum no longer holds.
fn damage_the_cached_abstract(homes: &Homes) {
    let [(entry, ..)] = homes.cache_files().try_into().unwrap();
    let mut bytes = fs::read(&entry).unwrap();
    let at = bytes.windows(20).position(|window| window == b"Carriage return too.").unwrap();
    bytes[at] = b'K';
    fs::write(&entry, bytes).unwrap();
}

#[test]
fn a_warm_import_prints_what_parsing_prints_and_an_abstract_damaged_in_the_cache_is_read_again() {
    // `import` prints each abstract from the cache file as it prints it, as an export does.
    let homes = Homes::new();
    let file = fixture("export/library.json");
    let output = homes.root.path().join("out.json");
    let args = ["import", "--topic", "Imported/Here", &file];
    let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
    assert!(uncached.0.contains("Carriage return too.") && uncached.0.contains("Imported"), "{}", uncached.0);
    homes.run(&args);
    assert_eq!(printed(&homes.run(&args)), uncached);
    let damage = || damage_the_cached_abstract(&homes);
    damage();
    let (stdout, stderr) = printed(&homes.run(&args));
    assert_eq!(stdout, uncached.0);
    assert!(stderr.contains("could not be read") && stderr.contains("library.json"), "{stderr}");
    damage();
    let written = homes.command(&args).arg("-o").arg(&output).output().unwrap();
    assert!(written.status.success() && printed(&written).1.contains("could not be read"));
    assert_eq!(fs::read_to_string(&output).unwrap(), uncached.0, "to a file");
}

#[test]
fn an_export_written_out_as_it_is_made_that_meets_a_damaged_abstract_late_writes_the_rest_from_the_library_read_again()
{
    // Enough papers for many parts: those before the damaged abstract's are out before it is met.
    let homes = Homes::new();
    let generated = homes.run(&["generate", "--count", "6000", "--seed", "3"]);
    let file = homes.root.path().join("generated.json");
    fs::write(&file, &generated.stdout).unwrap();
    let file = file.to_str().unwrap();
    for format in ["csl", "json"] {
        let args = ["export", "--format", format, file];
        let uncached = printed(&homes.command(&args).arg("--no-cache").output().unwrap());
        homes.run(&args);
        let [(entry, ..)] = homes.cache_files().try_into().unwrap();
        let mut bytes = fs::read(&entry).unwrap();
        // The file ends in the abstracts' table (16 bytes a paper) and a trailer of 16 bytes: before them is the last
        // byte of the last paper's abstract, the end of its text.
        let last = bytes.len() - 16 - 16 * 6000 - 1;
        assert!(bytes[last].is_ascii_punctuation() || bytes[last].is_ascii_alphanumeric(), "{}", bytes[last]);
        bytes[last] = if bytes[last] == b'x' { b'y' } else { b'x' };
        fs::write(&entry, bytes).unwrap();
        let (stdout, stderr) = printed(&homes.run(&args));
        assert!(stderr.contains("could not be read"), "{format}: {stderr}");
        assert_eq!(stdout.len(), uncached.0.len(), "{format}");
        assert!(stdout == uncached.0, "{format}: what was written out first and what was written after it join up");
    }
}

#[test]
fn a_big_library_parsed_anew_a_run_at_a_time_prints_what_parsing_it_whole_prints() {
    // Over a mebibyte, a library JSON the cache does not hold is written into its cache file as it is read; with
    // controls to take out of records in several runs, so the warnings name their lines.
    let mut library = lenaview::synthetic::library(2000, 21);
    for (at, page) in library.pages.iter_mut().enumerate() {
        page.publications[at].title.push_str(" \u{1b}]0;pwned\u{7}");
    }
    library.pages[3].path[0].push('\u{202e}');
    let homes = Homes::new();
    let source = homes.root.path().join("big.json");
    fs::write(&source, serde_json::to_string_pretty(&library).unwrap()).unwrap();
    assert!(fs::metadata(&source).unwrap().len() > 1 << 20);
    let source = source.display().to_string();
    for args in [vec!["import", &source], vec!["export", "--format", "ris", &source], vec!["search", "lenal", &source]]
    {
        let whole = Homes::new().run(&[&args[..], &["--no-cache"]].concat());
        assert!(whole.status.success(), "{}", String::from_utf8_lossy(&whole.stderr));
        let cached = Homes::new();
        let cold = cached.run(&args);
        assert_eq!(printed(&cold), printed(&whole), "{args:?} cold");
        assert_eq!(cached.cache_files().len(), 1, "{args:?}: one cache file, no part left beside it");
        assert_eq!(printed(&cached.run(&args)), printed(&whole), "{args:?} warm");
    }
    let warnings = printed(&Homes::new().run(&["import", &source])).1;
    assert!(warnings.contains("big.json:") && warnings.contains("from the title of 10 records"), "{warnings}");
}

/// Runs lenaview with `input` on a pipe as its standard input.
fn run_piped(homes: &Homes, args: &[&str], input: Vec<u8>) -> Output {
    let mut child =
        homes.command(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Written on its own thread: lenaview reads it while the pipe holds only 64 KiB.
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &input));
    let output = child.wait_with_output().unwrap();
    let _ = writer.join();
    output
}

#[cfg(unix)]
#[test]
fn a_library_on_a_pipe_is_read_once_whole_and_not_cached() {
    // A pipe (`lenaview search Q <(curl …)`, `/dev/stdin`) gives its bytes once: read ahead (a hash beside the
    // cache, a first look), they were no longer there for the import.
    let library = serde_json::to_string_pretty(&lenaview::synthetic::library(2000, 4)).unwrap();
    assert!(library.len() > 1 << 20, "past the size read in runs and the first look's start");
    let homes = Homes::new();
    let source = homes.root.path().join("library.json");
    fs::write(&source, &library).unwrap();
    for args in [vec!["search", "lenal"], vec!["export", "--format", "ris"], vec!["import"]] {
        let from_file = Homes::new().run(&[&args[..], &[source.to_str().unwrap()]].concat());
        let piped = Homes::new();
        let from_pipe = run_piped(&piped, &[&args[..], &["/dev/stdin"]].concat(), library.clone().into_bytes());
        assert!(from_pipe.status.success(), "{args:?}: {}", String::from_utf8_lossy(&from_pipe.stderr));
        assert_eq!(from_pipe.stdout, from_file.stdout, "{args:?}");
        assert!(piped.cache_files().is_empty(), "{args:?}: a pipe is not cached");
    }
}
