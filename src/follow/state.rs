//! What updates learned, per topic: when the last one succeeded and what it brought. Kept in the data folder
//! (`followed/state.json`), not in follow.toml, so an update never rewrites the file a user edits by hand.

use std::collections::BTreeMap;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::topics::split_path;
use crate::durable;
use crate::formats::Diagnostic;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateState {
    pub version: u32,
    /// By topic path, slash-separated.
    #[serde(default)]
    pub topics: BTreeMap<String, TopicState>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicState {
    /// The day the last successful update searched up to (ISO); the next one searches from it.
    pub last_update: Option<String>,
    /// New papers the last update brought.
    #[serde(default)]
    pub last_new: usize,
    /// How many papers PubMed's search found in the last update's date range.
    #[serde(default)]
    pub last_found: usize,
}

pub fn path(store_dir: &Path) -> PathBuf {
    store_dir.join("state.json")
}

fn key(topic_path: &str) -> String {
    split_path(topic_path).join("/")
}

impl UpdateState {
    pub fn topic(&self, topic_path: &str) -> Option<&TopicState> {
        self.topics.get(&key(topic_path))
    }
}

/// The state; a missing file is an empty one, a damaged one an error naming it (and it is left alone).
pub fn load(store_dir: &Path) -> Result<UpdateState, Diagnostic> {
    let file = path(store_dir);
    let name = file.display().to_string();
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
            Diagnostic::error(
                &name,
                err.line(),
                format!("cannot read the update state: {err} (delete the file to start over)"),
            )
        }),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(UpdateState { version: 1, ..UpdateState::default() }),
        Err(err) => Err(Diagnostic::error(&name, 0, format!("cannot read: {err}"))),
    }
}

/// Records one topic's update, merged under a lock with what concurrent updates recorded for other topics.
pub fn record(store_dir: &Path, topic_path: &str, topic_state: TopicState) -> Result<(), Diagnostic> {
    let file = path(store_dir);
    let name = file.display().to_string();
    let io_error = |err: std::io::Error| Diagnostic::error(&name, 0, format!("cannot write: {err}"));
    let _lock = durable::lock_exclusive(&file).map_err(io_error)?;
    let mut state = load(store_dir)?;
    state.version = 1;
    state.topics.insert(key(topic_path), topic_state);
    let json = serde_json::to_vec_pretty(&state).unwrap_or_default();
    durable::write_atomically(&file, &json).map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_recorded_side_by_side_and_damage_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("followed");
        assert!(load(&store).unwrap().topics.is_empty());
        let done = |new| TopicState { last_update: Some("2026-12-01".into()), last_new: new, last_found: 9 };
        record(&store, "A/B", done(3)).unwrap();
        record(&store, " A / C ", done(4)).unwrap();
        let state = load(&store).unwrap();
        assert_eq!(state.topic("A/B").unwrap().last_new, 3);
        assert_eq!(state.topic("A/C").unwrap().last_new, 4);

        std::fs::write(path(&store), "{\n  \"version\": 1,\n  \"topics\": [\n").unwrap();
        let err = load(&store).unwrap_err();
        assert!(err.line > 0 && err.file.ends_with("state.json"), "{err}");
        assert!(record(&store, "A/B", done(1)).is_err());
        assert!(std::fs::read_to_string(path(&store)).unwrap().ends_with("[\n"), "a damaged state is not overwritten");
    }
}
