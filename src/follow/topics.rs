//! `follow.toml`: the topics a user follows, a file meant to be read and edited by hand.
//!
//! Only `follow` and `unfollow` write it (atomically, under a lock); what an update learns (its date, its counts)
//! goes to the state file in the data folder instead, so an update never rewrites a file the user may have open
//! in an editor. A file lenaview cannot read is an error naming its line, and is never overwritten.

mod in_place;

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::durable;
use crate::formats::{Diagnostic, line_of};
use in_place::Change;

/// The bundled CancerIndex page's topic, followed on a fresh machine so `lenaview update` brings it up to date.
pub const BUNDLED_TOPIC_PATH: &str = "Treatments/Biological Therapies/Angiogenesis Inhibitors/Lenalidomide";
/// Finds what CancerIndex lists: papers about lenalidomide (28 of the 30 bundled ones name it in the title or
/// abstract; MeSH indexing finds those that only discuss it in the full text).
pub const BUNDLED_TOPIC_QUERY: &str = "lenalidomide[mh] OR lenalidomide[tiab]";

const HEADER: &str = "\
# Topics lenaview follows on PubMed. `lenaview update` fetches what PubMed added since the last update.
# Edit by hand or with `lenaview follow PATH QUERY` / `lenaview unfollow PATH`, which change only the topic
# they name and keep your comments. `query` is PubMed's own syntax; `email` (optional) is sent to NCBI with
# every request.
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, rename = "topic")]
    pub topics: Vec<FollowedTopic>,
}

/// One followed topic: where its papers go in the tree, and the PubMed query that finds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowedTopic {
    /// Slash-separated topic path, `Treatments/Biological Therapies/Pomalidomide`.
    pub path: String,
    pub query: String,
}

impl FollowedTopic {
    pub fn new(path: &str, query: &str) -> Result<FollowedTopic, String> {
        let parts = split_path(path);
        if parts.is_empty() {
            return Err(format!("'{path}' is not a topic path (write it like 'Treatments/Pomalidomide')"));
        }
        if query.trim().is_empty() {
            return Err("the PubMed query is empty".to_string());
        }
        Ok(FollowedTopic { path: parts.join("/"), query: query.trim().to_string() })
    }

    /// The path as the tree uses it, one name per level.
    pub fn path_parts(&self) -> Vec<String> {
        split_path(&self.path)
    }

    /// The last level, which summaries and messages call the topic by ("Pomalidomide").
    pub fn name(&self) -> String {
        topic_name(&self.path)
    }
}

/// The last level of a slash-separated topic path ("Lenalidomide" for "Treatments/…/Lenalidomide"), which
/// progress lines and summaries call the topic by.
pub fn topic_name(path: &str) -> String {
    split_path(path).pop().unwrap_or_default()
}

impl Default for FollowFile {
    /// What a machine that never ran `follow` follows: the bundled topic.
    fn default() -> Self {
        FollowFile {
            email: None,
            topics: vec![FollowedTopic { path: BUNDLED_TOPIC_PATH.into(), query: BUNDLED_TOPIC_QUERY.into() }],
        }
    }
}

pub fn split_path(path: &str) -> Vec<String> {
    path.split('/').map(str::trim).filter(|part| !part.is_empty()).map(str::to_string).collect()
}

/// `$XDG_CONFIG_HOME/lenaview/follow.toml` (`~/.config/lenaview/follow.toml`), when the system has a config folder.
pub fn default_path() -> Option<PathBuf> {
    crate::durable::paths::config_dir().map(|config| config.join("follow.toml"))
}

/// The followed topics; a missing file means the defaults.
pub fn load(path: &Path) -> Result<FollowFile, Diagnostic> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => parse(&name, &bytes),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(FollowFile::default()),
        Err(err) => Err(Diagnostic::error(&name, 0, format!("cannot read: {err}"))),
    }
}

pub fn parse(name: &str, bytes: &[u8]) -> Result<FollowFile, Diagnostic> {
    let text = Diagnostic::utf8_text(name, bytes)?;
    let file: FollowFile = toml::from_str(text).map_err(|err| Diagnostic::toml(name, text, &err))?;
    for (index, topic) in file.topics.iter().enumerate() {
        if let Err(problem) = FollowedTopic::new(&topic.path, &topic.query) {
            let line = topic_line(text, index);
            return Err(Diagnostic::error(name, line, format!("topic {}: {problem}", index + 1)));
        }
    }
    Ok(file)
}

/// The line of the `index`th `[[topic]]` header, for problems serde cannot place.
fn topic_line(text: &str, index: usize) -> usize {
    let headers = text.lines().enumerate().filter(|(_, line)| line.trim_start().starts_with("[[topic]]"));
    headers.map(|(number, _)| number + 1).nth(index).unwrap_or(0)
}

pub fn render(file: &FollowFile) -> String {
    let body = toml::to_string(file).unwrap_or_default();
    format!("{HEADER}\n{body}")
}

/// Reads, changes and rewrites the file under a lock, so two `follow`s at once both count. Only the topic
/// changed is touched in the text; a file that does not parse is left as it is: the user's edits are worth
/// more than this change.
fn edit<T>(path: &Path, decide: impl FnOnce(&FollowFile) -> Result<(Change, T), String>) -> Result<T, Diagnostic> {
    let name = path.display().to_string();
    let io_error = |err: std::io::Error| Diagnostic::error(&name, 0, format!("cannot write: {err}"));
    let _lock = durable::lock_exclusive(path).map_err(io_error)?;
    let text = match std::fs::read(path) {
        Ok(bytes) => Diagnostic::utf8_text(&name, &bytes)?.to_string(),
        Err(err) if err.kind() == ErrorKind::NotFound => render(&FollowFile::default()),
        Err(err) => return Err(Diagnostic::error(&name, 0, format!("cannot read: {err}"))),
    };
    let file = parse(&name, text.as_bytes())?;
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| {
        let line = err.span().map_or(0, |span| line_of(&text, span.start));
        Diagnostic::error(&name, line, err.message().trim().to_string())
    })?;
    let (change, result) = decide(&file).map_err(|message| Diagnostic::error(&name, 0, message))?;
    let mut changed = file;
    change.apply_to_topics(&mut changed.topics);
    let edited = change.apply_to_document(&mut document).then(|| document.to_string());
    match edited {
        Some(edited) if parse(&name, edited.as_bytes()).as_ref() == Ok(&changed) => {
            durable::write_atomically(path, edited.as_bytes()).map_err(io_error)?;
            Ok(result)
        }
        _ => {
            Err(Diagnostic::error(&name, 0, "its topics are laid out in a way lenaview cannot change; edit it by hand"))
        }
    }
}

/// Follows `topic` (replacing the query of a topic already followed); true when it was new.
pub fn follow(path: &Path, topic: FollowedTopic) -> Result<bool, Diagnostic> {
    edit(path, |file| match file.topics.iter().position(|known| known.path_parts() == topic.path_parts()) {
        Some(index) => Ok((Change::SetQuery { index, query: topic.query }, false)),
        None => Ok((Change::Add(topic), true)),
    })
}

/// Stops following the topic at `topic_path`; its fetched papers stay in the library.
pub fn unfollow(path: &Path, topic_path: &str) -> Result<FollowedTopic, Diagnostic> {
    let wanted = split_path(topic_path);
    edit(path, |file| {
        let index = file.topics.iter().position(|topic| topic.path_parts() == wanted).ok_or_else(|| {
            let followed: Vec<&str> = file.topics.iter().map(|topic| topic.path.as_str()).collect();
            format!("'{topic_path}' is not followed (followed: {})", followed.join(", "))
        })?;
        Ok((Change::Remove(index), file.topics[index].clone()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_follows_the_bundled_topic() {
        let dir = tempfile::tempdir().unwrap();
        let file = load(&dir.path().join("follow.toml")).unwrap();
        assert_eq!(file.topics[0].name(), "Lenalidomide");
        assert_eq!(file.topics[0].query, BUNDLED_TOPIC_QUERY);
    }

    #[test]
    fn follow_and_unfollow_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lenaview").join("follow.toml");
        let topic = FollowedTopic::new(" Treatments / Pomalidomide ", "pomalidomide[tiab]").unwrap();
        assert!(follow(&path, topic.clone()).unwrap());
        assert!(!follow(&path, FollowedTopic::new("Treatments/Pomalidomide", "pomalidomide").unwrap()).unwrap());
        let file = load(&path).unwrap();
        assert_eq!(file.topics.len(), 2, "the bundled topic is kept");
        assert_eq!(file.topics[1].path, "Treatments/Pomalidomide");
        assert_eq!(file.topics[1].query, "pomalidomide");
        assert!(std::fs::read_to_string(&path).unwrap().starts_with("# Topics lenaview follows"));
        assert_eq!(unfollow(&path, "Treatments/Pomalidomide/").unwrap().query, "pomalidomide");
        let err = unfollow(&path, "Treatments/Pomalidomide").unwrap_err();
        assert!(err.message.contains("is not followed"), "{err}");
    }

    #[test]
    fn a_damaged_file_names_its_line_and_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("follow.toml");
        let damaged = "[[topic]]\npath = \"A/B\"\nquery = \"x\n";
        std::fs::write(&path, damaged).unwrap();
        let err = load(&path).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err = follow(&path, FollowedTopic::new("C", "c").unwrap()).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);

        let typo = "[[topic]]\npath = \"A\"\nquerry = \"x\"\n";
        assert_eq!(parse("f.toml", typo.as_bytes()).unwrap_err().line, 3);
        let empty = "[[topic]]\npath = \"A\"\nquery = \"x\"\n\n[[topic]]\npath = \"/\"\nquery = \"y\"\n";
        let err = parse("f.toml", empty.as_bytes()).unwrap_err();
        assert_eq!((err.line, err.to_string().starts_with("f.toml:5: topic 2")), (5, true), "{err}");
        assert_eq!(parse("f.toml", b"email = \"a\"\n\xff").unwrap_err().line, 2);
    }

    const COMMENTED: &str = "\
# My topics; ask Ana before removing any.
email = \"me@example.org\" # NCBI asks for one

# The drug we study.
[[topic]]
path = \"Treatments/Lenalidomide\"
query   =   \"lenalidomide[tiab]\"  # narrow on purpose

[[topic]]
path = \"Treatments/Pomalidomide\"
query = \"pomalidomide[tiab]\"

# Trailing note.
";

    #[test]
    fn follow_and_unfollow_keep_the_users_comments_and_layout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("follow.toml");
        std::fs::write(&path, COMMENTED).unwrap();
        assert!(follow(&path, FollowedTopic::new("Treatments/Thalidomide", "thalidomide").unwrap()).unwrap());
        assert!(!follow(&path, FollowedTopic::new("Treatments/Lenalidomide", "lenalidomide").unwrap()).unwrap());
        let text = std::fs::read_to_string(&path).unwrap();
        let kept =
            text.replace("query   =   \"lenalidomide\"  # narrow", "query   =   \"lenalidomide[tiab]\"  # narrow");
        assert!(kept.starts_with(COMMENTED.trim_end_matches("\n# Trailing note.\n")), "{text}");
        assert!(text.contains("# Trailing note."), "{text}");
        assert!(text.contains("path = \"Treatments/Thalidomide\"\nquery = \"thalidomide\""), "{text}");
        assert_eq!(load(&path).unwrap().topics[0].query, "lenalidomide");

        unfollow(&path, "Treatments/Thalidomide").unwrap();
        unfollow(&path, "Treatments/Pomalidomide").unwrap();
        assert!(std::fs::read_to_string(&path).unwrap().ends_with("# narrow on purpose\n\n# Trailing note.\n"));
        let text = std::fs::read_to_string(&path).unwrap();
        for comment in ["# My topics", "# NCBI asks", "# The drug we study.", "# narrow on purpose", "# Trailing"] {
            assert!(text.contains(comment), "{comment} in {text}");
        }
        assert!(!text.contains("omide[tiab]\"\n\n[[topic]]"), "the topics unfollowed are gone: {text}");
        let topics = load(&path).unwrap().topics;
        assert_eq!(topics, [FollowedTopic::new("Treatments/Lenalidomide", "lenalidomide").unwrap()]);
    }

    #[test]
    fn unfollowing_the_first_topic_keeps_the_header_and_drops_only_its_own_comment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("follow.toml");
        follow(&path, FollowedTopic::new("B", "b").unwrap()).unwrap();
        let with_comment =
            std::fs::read_to_string(&path).unwrap().replace("[[topic]]\npath = \"B\"", "# b\n[[topic]]\npath = \"B\"");
        std::fs::write(&path, &with_comment).unwrap();
        unfollow(&path, BUNDLED_TOPIC_PATH).unwrap();
        unfollow(&path, "B").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(HEADER), "{text}");
        assert!(!text.contains("# b"), "{text}");
        assert_eq!(load(&path).unwrap().topics, []);
    }

    #[test]
    fn inline_topic_arrays_are_edited_in_place_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("follow.toml");
        std::fs::write(&path, "# mine\ntopic = [ { path = \"A\", query = \"a\" } ] # inline\n").unwrap();
        follow(&path, FollowedTopic::new("B", "b").unwrap()).unwrap();
        unfollow(&path, "A").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# mine\ntopic = [") && text.contains("# inline"), "{text}");
        assert_eq!(load(&path).unwrap().topics, [FollowedTopic::new("B", "b").unwrap()]);
    }

    #[test]
    fn an_unreadable_file_is_never_overwritten_by_follow_or_unfollow() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("follow.toml");
        for unreadable in [&b"# note\n[[topic]]\npath = \"A\"\nquery = \"a\"\n\xff\n"[..], b"[[topic]]\npath = 3\n"] {
            std::fs::write(&path, unreadable).unwrap();
            assert!(follow(&path, FollowedTopic::new("C", "c").unwrap()).is_err());
            assert!(unfollow(&path, "A").is_err());
            assert_eq!(std::fs::read(&path).unwrap(), unreadable);
        }
    }
}
