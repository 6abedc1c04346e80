//! The state file on disk: reading and recognising it, its directory, and moving unreadable files aside.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Entry;
use super::tags::normalize_tag;
pub(super) use crate::durable::move_aside;
use crate::model::tag;

/// The newest state file version this lenaview writes and reads; files with a higher one are kept aside, not
/// guessed at. Version 2 added tags. A file without tags is still written as version 1, which older lenaviews
/// read; once a paper has a tag the file is version 2, so an older lenaview sets it aside (kept, and reported)
/// instead of reading it and saving it back without the tags it did not know.
pub const STATE_VERSION: u64 = 2;
const VERSION_WITHOUT_TAGS: u64 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct StateFile {
    pub(super) version: u64,
    #[serde(default)]
    pub(super) marks: BTreeMap<String, Entry>,
}

impl StateFile {
    /// The state file for `marks`, in the oldest version that holds them.
    pub(super) fn of(marks: BTreeMap<String, Entry>) -> StateFile {
        let tagged = marks.values().any(|entry| !entry.tags.is_empty());
        StateFile { version: if tagged { STATE_VERSION } else { VERSION_WITHOUT_TAGS }, marks }
    }
}

pub(super) enum Loaded {
    Missing,
    /// The marks, and a warning for each tag the file held that is not a tag (hand-edited), left out.
    Marks(BTreeMap<String, Entry>, Vec<String>),
    /// The file exists but is not a state file this version understands; the text says why.
    Unreadable(String),
}

pub(super) fn load(path: &Path) -> io::Result<Loaded> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(err) => return Err(err),
    };
    Ok(match parse(&bytes) {
        Loaded::Marks(marks, problems) => {
            let named = problems.into_iter().map(|problem| format!("state file {}: {problem}", path.display()));
            Loaded::Marks(marks, named.collect())
        }
        other => other,
    })
}

fn parse(bytes: &[u8]) -> Loaded {
    // The version is read on its own first, so a newer file is recognised even if its shape changed.
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(err) => return Loaded::Unreadable(format!("invalid JSON: {err}")),
    };
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(VERSION_WITHOUT_TAGS | STATE_VERSION) => {}
        Some(version) if version > STATE_VERSION => {
            return Loaded::Unreadable(format!(
                "it is state version {version}, from a newer lenaview; this one reads versions up to {STATE_VERSION}"
            ));
        }
        _ => return Loaded::Unreadable("it has no valid \"version\"".to_string()),
    }
    match serde_json::from_value::<StateFile>(value) {
        Ok(state) => {
            let mut marks = state.marks;
            let problems = normalize_tags(&mut marks);
            Loaded::Marks(marks, problems)
        }
        Err(err) => Loaded::Unreadable(format!("unexpected content: {err}")),
    }
}

/// Normalises the tags of a hand-edited file (`Review` is `review`, each once) and leaves out what is not a tag,
/// saying which paper held it. Every load does, the re-read before a save too, so the file keeps it only until
/// the next save of any mark.
fn normalize_tags(marks: &mut BTreeMap<String, Entry>) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, entry) in marks.iter_mut() {
        let mut kept: Vec<String> = Vec::with_capacity(entry.tags.len());
        for tag in entry.tags.drain(..) {
            match normalize_tag(&tag) {
                Ok(tag) if !kept.contains(&tag) => kept.push(tag),
                Ok(_) => {}
                Err(err) => {
                    problems.push(format!("{}: {err}; left out", tag::inert(key)));
                }
            }
        }
        kept.sort();
        entry.tags = kept;
    }
    problems
}

/// Creates the state file's directory when missing and checks that files can be created in it,
/// so an unusable directory is reported when the session starts rather than when the user quits.
pub(super) fn prepare_directory(path: &Path) -> Result<(), String> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    fs::create_dir_all(directory).map_err(|err| format!("cannot create directory {}: {err}", directory.display()))?;
    let probe = directory.join(format!(".lenaview-probe-{}", std::process::id()));
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&probe)
        .map_err(|err| format!("cannot write in directory {}: {err}", directory.display()))?;
    let _ = fs::remove_file(&probe);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::Mark;

    #[test]
    fn parse_accepts_version_1_and_missing_mark_fields() {
        let Loaded::Marks(marks, problems) = parse(br#"{"version": 1, "marks": {"k": {"starred": true}}}"#) else {
            panic!("not read");
        };
        assert_eq!(marks.get("k").map(|entry| entry.mark), Some(Mark { read: false, starred: true }));
        assert!(problems.is_empty());
    }

    #[test]
    fn parse_reads_tags_normalised_and_names_what_is_left_out() {
        let text =
            r#"{"version": 2, "marks": {"k": {"read": true, "tags": ["Review", "review", "a b", "\u001b[2J"]}}}"#;
        let Loaded::Marks(marks, problems) = parse(text.as_bytes()) else { panic!("not read") };
        assert_eq!(marks["k"].tags, ["review"]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("k: \"a b\" is not a tag"), "{problems:?}");
        assert!(!problems[1].contains('\u{1b}'), "{problems:?}");
    }

    #[test]
    fn files_without_tags_stay_version_1_for_older_lenaviews() {
        let mut marks = BTreeMap::from([("k".to_string(), Entry::default())]);
        assert_eq!(StateFile::of(marks.clone()).version, 1);
        marks.get_mut("k").unwrap().tags.push("review".into());
        assert_eq!(StateFile::of(marks).version, 2);
    }

    #[test]
    fn parse_rejects_other_versions_and_shapes_with_a_reason() {
        for (text, reason) in [
            (r#"{"version": 3, "marks": []}"#, "state version 3, from a newer lenaview"),
            (r#"{"marks": {}}"#, "no valid \"version\""),
            (r#"{"version": "1"}"#, "no valid \"version\""),
            (r#"{"version": 1, "marks": [1]}"#, "unexpected content"),
            ("{\"version\": 1,", "invalid JSON"),
        ] {
            match parse(text.as_bytes()) {
                Loaded::Unreadable(why) => assert!(why.contains(reason), "{text}: {why}"),
                _ => panic!("{text} was accepted"),
            }
        }
    }
}
