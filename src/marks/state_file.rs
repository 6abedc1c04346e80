//! The state file on disk: reading and recognising it, its directory, and moving unreadable files aside.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Mark;
pub(super) use crate::durable::move_aside;

/// The state file version this lenaview writes and reads; files with a higher one are kept aside, not guessed at.
pub const STATE_VERSION: u64 = 1;

#[derive(Serialize, Deserialize)]
pub(super) struct StateFile {
    pub(super) version: u64,
    #[serde(default)]
    pub(super) marks: BTreeMap<String, Mark>,
}

pub(super) enum Loaded {
    Missing,
    Marks(BTreeMap<String, Mark>),
    /// The file exists but is not a state file this version understands; the text says why.
    Unreadable(String),
}

pub(super) fn load(path: &Path) -> io::Result<Loaded> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(err) => return Err(err),
    };
    Ok(parse(&bytes))
}

fn parse(bytes: &[u8]) -> Loaded {
    // The version is read on its own first, so a newer file is recognised even if its shape changed.
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(err) => return Loaded::Unreadable(format!("invalid JSON: {err}")),
    };
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(STATE_VERSION) => {}
        Some(version) if version > STATE_VERSION => {
            return Loaded::Unreadable(format!(
                "it is state version {version}, from a newer lenaview; this one reads version {STATE_VERSION}"
            ));
        }
        _ => return Loaded::Unreadable("it has no valid \"version\"".to_string()),
    }
    match serde_json::from_value::<StateFile>(value) {
        Ok(state) => Loaded::Marks(state.marks),
        Err(err) => Loaded::Unreadable(format!("unexpected content: {err}")),
    }
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

    #[test]
    fn parse_accepts_version_1_and_missing_mark_fields() {
        let Loaded::Marks(marks) = parse(br#"{"version": 1, "marks": {"k": {"starred": true}}}"#) else {
            panic!("not read");
        };
        assert_eq!(marks.get("k"), Some(&Mark { read: false, starred: true }));
    }

    #[test]
    fn parse_rejects_other_versions_and_shapes_with_a_reason() {
        for (text, reason) in [
            (r#"{"version": 2, "marks": []}"#, "state version 2, from a newer lenaview"),
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
