//! The marks state store, through its public API, on real files in temporary directories.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use lenaview::marks::{Mark, MarkStore};

const READ: Mark = Mark { read: true, starred: false };
const STARRED: Mark = Mark { read: false, starred: true };

fn state_path(directory: &tempfile::TempDir) -> PathBuf {
    directory.path().join("lenaview").join("state.json")
}

fn open(path: &Path) -> MarkStore {
    let (store, warnings) = MarkStore::open(path.to_path_buf());
    assert_eq!(warnings, Vec::<String>::new());
    store
}

/// Files in `directory` whose names start with `prefix`.
fn files_starting_with(directory: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(directory)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    found.sort();
    found
}

#[test]
fn marks_survive_reopening_and_the_directory_is_created() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut store = open(&path);
    assert!(store.is_persistent());
    store.set_read("pmid:1", true);
    store.toggle_starred("doi:10.1/x");
    assert!(store.is_dirty());
    store.save().unwrap();
    assert!(!store.is_dirty());

    let reopened = open(&path);
    assert_eq!(reopened.get("pmid:1"), READ);
    assert_eq!(reopened.get("doi:10.1/x"), STARRED);
    assert_eq!(reopened.get("pmid:2"), Mark::default());
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["marks"]["pmid:1"], serde_json::json!({"read": true, "starred": false}));
}

#[test]
fn nothing_is_written_until_something_changes() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut store = open(&path);
    store.save().unwrap();
    assert!(!path.exists());
    store.set_read("pmid:1", false);
    store.save().unwrap();
    assert!(!path.exists(), "marking an unread publication unread is no change");
}

#[test]
fn two_stores_on_one_file_keep_each_others_marks() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut setup = open(&path);
    setup.toggle_starred("pmid:shared");
    setup.set_read("pmid:unmarked-by-first", true);
    setup.save().unwrap();

    let mut first = open(&path);
    let mut second = open(&path);
    first.set_read("pmid:1", true);
    first.set_read("pmid:unmarked-by-first", false);
    second.toggle_starred("pmid:2");
    first.save().unwrap();
    second.save().unwrap();

    let merged = open(&path);
    assert_eq!(merged.get("pmid:1"), READ);
    assert_eq!(merged.get("pmid:2"), STARRED);
    assert_eq!(merged.get("pmid:shared"), STARRED);
    assert_eq!(merged.get("pmid:unmarked-by-first"), Mark::default(), "the second save must not resurrect it");
    assert_eq!(second.get("pmid:1"), READ, "a save brings in the other process's marks");
}

#[test]
fn a_corrupt_file_is_kept_aside_with_its_bytes_and_the_session_goes_on() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let original = b"{\"version\": 1, \"marks\": {\"pmid:1\": \xff";
    fs::write(&path, original).unwrap();

    let (mut store, warnings) = MarkStore::open(path.clone());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("could not be read") && warnings[0].contains("state.json.corrupt-"), "{warnings:?}");
    let kept = files_starting_with(path.parent().unwrap(), "state.json.corrupt-");
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).unwrap(), original);
    assert!(!path.exists());

    store.set_read("pmid:2", true);
    store.save().unwrap();
    assert_eq!(open(&path).get("pmid:2"), READ);
    assert_eq!(fs::read(&kept[0]).unwrap(), original, "the kept file is never overwritten");
}

#[test]
fn a_second_corrupt_file_never_replaces_the_first_one_kept() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("state.json");
    fs::write(&path, "first garbage").unwrap();
    let _ = MarkStore::open(path.clone());
    fs::write(&path, "second garbage").unwrap();
    let _ = MarkStore::open(path.clone());
    let kept: Vec<String> = files_starting_with(directory.path(), "state.json.corrupt-")
        .iter()
        .map(|path| fs::read_to_string(path).unwrap())
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.contains(&"first garbage".to_string()) && kept.contains(&"second garbage".to_string()));
}

#[test]
fn a_file_from_a_newer_version_is_kept_aside() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("state.json");
    let newer = r#"{"version": 3, "marks": {"pmid:1": {"read": true, "colour": "red"}}}"#;
    fs::write(&path, newer).unwrap();

    let (store, warnings) = MarkStore::open(path.clone());
    assert!(warnings.len() == 1 && warnings[0].contains("newer lenaview"), "{warnings:?}");
    assert_eq!(store.get("pmid:1"), Mark::default());
    let kept = files_starting_with(directory.path(), "state.json.corrupt-");
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), newer);
}

#[test]
fn a_newer_file_written_during_the_session_is_kept_aside_on_save() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("state.json");
    let mut store = open(&path);
    store.toggle_starred("pmid:1");
    let newer = r#"{"version": 7}"#;
    fs::write(&path, newer).unwrap();
    store.save().unwrap();
    let warnings = store.take_warnings();
    assert!(warnings.len() == 1 && warnings[0].contains("kept it as"), "{warnings:?}");
    let kept = files_starting_with(directory.path(), "state.json.corrupt-");
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), newer);
    assert_eq!(open(&path).get("pmid:1"), STARRED);
}

#[test]
fn an_unusable_directory_gives_a_warning_and_a_session_without_persistence() {
    let directory = tempfile::tempdir().unwrap();
    // A regular file where the data directory should be: unusable even for root.
    let blocker = directory.path().join("lenaview");
    fs::write(&blocker, "not a directory").unwrap();
    let path = blocker.join("state.json");

    let (mut store, warnings) = MarkStore::open(path.clone());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("will not be saved"), "{warnings:?}");
    assert!(!store.is_persistent());
    store.toggle_starred("pmid:1");
    assert_eq!(store.get("pmid:1"), STARRED, "marks still work for the session");
    let err = store.save().unwrap_err().to_string();
    assert!(err.contains("not saved") && err.contains("cannot create directory"), "{err}");
    assert!(store.is_dirty());
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a directory");
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_gives_a_warning_and_a_session_without_persistence() {
    use std::os::unix::fs::PermissionsExt;

    let directory = tempfile::tempdir().unwrap();
    let data = directory.path().join("lenaview");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    // Root ignores permissions; there the case cannot arise, and the test above covers unusable directories.
    let enforced = fs::write(data.join("probe"), "").is_err();
    if enforced {
        let (mut store, warnings) = MarkStore::open(data.join("state.json"));
        assert!(warnings.len() == 1 && warnings[0].contains("cannot write in directory"), "{warnings:?}");
        store.set_read("pmid:1", true);
        assert!(store.save().unwrap_err().to_string().contains("not saved"));
    }
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn an_unreadable_state_path_is_left_alone() {
    let directory = tempfile::tempdir().unwrap();
    // A directory where the file should be cannot be read as a file, nor should it be moved.
    let path = directory.path().join("state.json");
    fs::create_dir(&path).unwrap();
    let (mut store, warnings) = MarkStore::open(path.clone());
    assert!(warnings.len() == 1 && warnings[0].contains("cannot read state file"), "{warnings:?}");
    store.set_read("pmid:1", true);
    assert!(store.save().is_err());
    assert!(path.is_dir());
}

#[test]
fn read_only_opening_reads_marks_and_changes_nothing_on_disk() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut writer = open(&path);
    writer.toggle_starred("pmid:1");
    writer.save().unwrap();
    let before = fs::read(&path).unwrap();

    let (mut reader, warnings) = MarkStore::open_read_only(&path);
    assert!(warnings.is_empty());
    assert_eq!(reader.get("pmid:1"), STARRED);
    reader.toggle_starred("pmid:1");
    assert!(reader.save().is_err());
    assert_eq!(fs::read(&path).unwrap(), before);

    let missing = directory.path().join("elsewhere").join("state.json");
    let (_, warnings) = MarkStore::open_read_only(&missing);
    assert!(warnings.is_empty());
    assert!(!missing.parent().unwrap().exists());
}

/// Set in a child copy of this test binary: `WRITER:STATE_PATH`, and the child stars keys instead of testing.
const WRITER_ENV: &str = "LENAVIEW_TEST_MARKS_WRITER";
const WRITERS: usize = 4;
const SAVES_PER_WRITER: usize = 50;

fn writer_key(writer: usize, save: usize) -> String {
    format!("pmid:{writer}{save:04}")
}

#[test]
fn processes_starring_at_once_lose_nothing() {
    if let Ok(role) = std::env::var(WRITER_ENV) {
        let (writer, path) = role.split_once(':').expect("WRITER:PATH");
        act_as_writer(writer.parse().unwrap(), Path::new(path));
        return;
    }
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let start_signal = directory.path().join("go");
    let children: Vec<_> = (0..WRITERS)
        .map(|writer| {
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "processes_starring_at_once_lose_nothing", "--nocapture", "--test-threads=1"])
                .env(WRITER_ENV, format!("{writer}:{}", path.display()))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Every child is running before any starts saving, so their saves overlap rather than follow one another.
    fs::write(&start_signal, "").unwrap();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "a writer failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let merged = open(&path);
    let lost: Vec<String> = (0..WRITERS)
        .flat_map(|writer| (0..SAVES_PER_WRITER).map(move |save| writer_key(writer, save)))
        .filter(|key| merged.get(key) != STARRED)
        .collect();
    assert!(lost.is_empty(), "{} of {} marks lost: {lost:?}", lost.len(), WRITERS * SAVES_PER_WRITER);
}

/// One writer process: opens the shared state file, then stars and saves its own keys one at a time.
fn act_as_writer(writer: usize, path: &Path) {
    let go = path.parent().unwrap().parent().unwrap().join("go");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !go.exists() {
        assert!(Instant::now() < deadline, "no start signal");
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut store = open(path);
    for save in 0..SAVES_PER_WRITER {
        store.toggle_starred(&writer_key(writer, save));
        store.save().unwrap();
        assert_eq!(store.take_warnings(), Vec::<String>::new());
    }
}

#[test]
fn a_lock_that_cannot_be_taken_is_reported_once_and_marks_are_still_saved() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("state.json");
    // A directory cannot be opened for writing, on any system and for any user.
    fs::create_dir(directory.path().join("state.json.lock")).unwrap();
    let mut store = open(&path);
    store.toggle_starred("pmid:1");
    store.save().unwrap();
    let warnings = store.take_warnings();
    assert!(warnings.len() == 1 && warnings[0].contains("cannot lock the state file"), "{warnings:?}");
    store.set_read("pmid:2", true);
    store.save().unwrap();
    assert_eq!(store.take_warnings(), Vec::<String>::new(), "the same problem is not reported on every save");
    let reopened = open(&path);
    assert_eq!(reopened.get("pmid:1"), STARRED);
    assert_eq!(reopened.get("pmid:2"), READ);
}

#[test]
fn a_save_does_not_wait_forever_for_a_lock_another_process_keeps() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("state.json");
    let mut store = open(&path);
    let _held_elsewhere = lenaview::durable::lock_exclusive(&path).unwrap();
    store.toggle_starred("pmid:1");
    let started = Instant::now();
    store.save().unwrap();
    assert!(started.elapsed() < Duration::from_secs(30), "waited {:?}", started.elapsed());
    let warnings = store.take_warnings();
    assert!(warnings.len() == 1 && warnings[0].contains("stayed locked"), "{warnings:?}");
    assert_eq!(open(&path).get("pmid:1"), STARRED);

    // The holder is still stuck: the next marks are saved without waiting the 2 s again on every key.
    store.toggle_starred("pmid:2");
    let started = Instant::now();
    store.save().unwrap();
    assert!(started.elapsed() < Duration::from_secs(2), "waited {:?} again", started.elapsed());
    assert_eq!(open(&path).get("pmid:2"), STARRED);
}

#[test]
fn a_handed_over_file_writes_what_the_store_describes_and_the_store_alone_cannot() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let (mut store, mut file) = open(&path).hand_over_file();
    assert_eq!(store.path(), Some(path.as_path()), "the session still finds its file beside the state file");
    assert!(store.is_persistent());
    store.toggle_starred("pmid:1");
    assert!(store.save().is_err(), "only the file's holder writes");
    let merged = file.write(&store.unsaved()).unwrap();
    store.saved(merged);
    assert!(!store.is_dirty() && store.unsaved().is_empty());
    assert_eq!(open(&path).get("pmid:1"), STARRED);
}

fn tags(store: &MarkStore, key: &str) -> Vec<String> {
    store.tags(key).to_vec()
}

#[test]
fn tags_survive_reopening_beside_the_marks_and_make_the_file_version_2() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut store = open(&path);
    store.toggle_starred("pmid:1");
    store.add_tag("pmid:1", "review");
    store.add_tag("pmid:2", "to-read");
    store.save().unwrap();

    let reopened = open(&path);
    assert_eq!(reopened.get("pmid:1"), STARRED);
    assert_eq!(tags(&reopened, "pmid:1"), ["review"]);
    assert_eq!(tags(&reopened, "pmid:2"), ["to-read"]);
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["version"], 2, "an older lenaview must not read tags it would drop");
    assert_eq!(json["marks"]["pmid:2"], serde_json::json!({"read": false, "starred": false, "tags": ["to-read"]}));

    let mut untagging = open(&path);
    untagging.remove_tag("pmid:1", "review");
    untagging.remove_tag("pmid:2", "to-read");
    untagging.save().unwrap();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(json["version"], 1, "without tags the file is one every lenaview reads");
    assert!(json["marks"].get("pmid:2").is_none(), "an entry with nothing left goes");
}

#[test]
fn two_stores_on_one_file_keep_each_others_tags() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut setup = open(&path);
    setup.add_tag("pmid:shared", "review");
    setup.save().unwrap();

    let mut first = open(&path);
    let mut second = open(&path);
    first.add_tag("pmid:1", "mine");
    first.remove_tag("pmid:shared", "review");
    second.add_tag("pmid:2", "theirs");
    second.toggle_starred("pmid:3");
    first.save().unwrap();
    second.save().unwrap();

    let merged = open(&path);
    assert_eq!(tags(&merged, "pmid:1"), ["mine"]);
    assert_eq!(tags(&merged, "pmid:2"), ["theirs"]);
    assert!(tags(&merged, "pmid:shared").is_empty(), "the second save must not bring the removed tag back");
    assert_eq!(tags(&second, "pmid:1"), ["mine"], "a save brings in the other process's tags");
}

#[test]
fn two_stores_tagging_the_same_paper_keep_each_others_tags_and_marks() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    let mut setup = open(&path);
    setup.add_tag("pmid:1", "old");
    setup.add_tag("pmid:1", "kept");
    setup.save().unwrap();

    let mut first = open(&path);
    let mut second = open(&path);
    first.add_tag("pmid:1", "mine");
    first.remove_tag("pmid:1", "old");
    second.add_tag("pmid:1", "theirs");
    second.toggle_starred("pmid:1");
    first.save().unwrap();
    second.save().unwrap();

    let merged = open(&path);
    assert_eq!(tags(&merged, "pmid:1"), ["kept", "mine", "theirs"], "each tag edit is merged on its own");
    assert_eq!(merged.get("pmid:1"), STARRED);
}

#[test]
fn a_file_whose_tags_are_not_a_list_is_kept_aside_with_its_bytes() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let damaged = r#"{"version": 2, "marks": {"pmid:1": {"read": true, "tags": "review"}}}"#;
    fs::write(&path, damaged).unwrap();

    let (mut store, warnings) = MarkStore::open(path.clone());
    assert!(warnings.len() == 1 && warnings[0].contains("kept it as"), "{warnings:?}");
    let kept = files_starting_with(path.parent().unwrap(), "state.json.corrupt-");
    assert_eq!(fs::read_to_string(&kept[0]).unwrap(), damaged);
    store.add_tag("pmid:1", "review");
    store.save().unwrap();
    assert_eq!(tags(&open(&path), "pmid:1"), ["review"], "the session goes on with a fresh file");
}

#[test]
fn hand_edited_tags_are_normalised_and_what_is_no_tag_is_named_with_the_file() {
    let directory = tempfile::tempdir().unwrap();
    let path = state_path(&directory);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let edited = r#"{"version": 2, "marks": {"pmid:1": {"tags": ["Review", "to read", "review"]}}}"#;
    fs::write(&path, edited).unwrap();

    let (store, warnings) = MarkStore::open(path.clone());
    assert_eq!(tags(&store, "pmid:1"), ["review"]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains(&path.display().to_string()), "{warnings:?}");
    assert!(warnings[0].contains("pmid:1: \"to read\" is not a tag"), "{warnings:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited, "opening changes nothing on disk");
}
