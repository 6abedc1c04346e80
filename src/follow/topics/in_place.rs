//! `follow` and `unfollow` change follow.toml where it stands: the topic they name and nothing else, so the
//! user's comments, spacing and order survive. The same change is made to the parsed topics, and the edited
//! text must parse back to exactly them before it is written; otherwise nothing is written.

use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use super::FollowedTopic;

/// One change to the list of topics, made alike to the parsed topics and to the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add(FollowedTopic),
    SetQuery { index: usize, query: String },
    Remove(usize),
}

impl Change {
    pub fn apply_to_topics(&self, topics: &mut Vec<FollowedTopic>) {
        match self {
            Change::Add(topic) => topics.push(topic.clone()),
            Change::SetQuery { index, query } => topics[*index].query.clone_from(query),
            Change::Remove(index) => {
                topics.remove(*index);
            }
        }
    }

    /// Makes the change in `document`; false where its topics are not laid out as the parsed ones were.
    pub fn apply_to_document(&self, document: &mut DocumentMut) -> bool {
        match document.get_mut("topic") {
            None => match self {
                Change::Add(topic) => {
                    let mut topics = ArrayOfTables::new();
                    topics.push(topic_table(topic));
                    document.insert("topic", Item::ArrayOfTables(topics));
                    true
                }
                _ => false,
            },
            Some(Item::ArrayOfTables(topics)) => match self {
                Change::Remove(index) => remove_table(document, *index),
                _ => self.apply_to_tables(topics),
            },
            Some(Item::Value(Value::Array(topics))) => self.apply_to_inline(topics),
            Some(_) => false,
        }
    }

    fn apply_to_tables(&self, topics: &mut ArrayOfTables) -> bool {
        match self {
            Change::Add(topic) => topics.push(topic_table(topic)),
            Change::SetQuery { index, query } => {
                let Some(Item::Value(value)) = topics.get_mut(*index).and_then(|topic| topic.get_mut("query")) else {
                    return false;
                };
                replace_keeping_comments(value, query);
            }
            Change::Remove(_) => return false,
        }
        true
    }

    fn apply_to_inline(&self, topics: &mut Array) -> bool {
        match self {
            Change::Add(topic) => {
                let mut table = InlineTable::new();
                table.insert("path", topic.path.as_str().into());
                table.insert("query", topic.query.as_str().into());
                topics.push(table);
            }
            Change::SetQuery { index, query } => {
                let table = topics.get_mut(*index).and_then(Value::as_inline_table_mut);
                let Some(value) = table.and_then(|table| table.get_mut("query")) else { return false };
                replace_keeping_comments(value, query);
            }
            Change::Remove(index) if *index < topics.len() => {
                topics.remove(*index);
            }
            Change::Remove(_) => return false,
        }
        true
    }
}

/// Removes the `index`th `[[topic]]` with the comments right above it; comments set apart from it by a blank
/// line (the file's header, a note on the topics around) stay where they were.
fn remove_table(document: &mut DocumentMut, index: usize) -> bool {
    let Some(Item::ArrayOfTables(topics)) = document.get_mut("topic") else { return false };
    if index >= topics.len() {
        return false;
    }
    let removed = topics.remove(index);
    let above = removed.decor().prefix().and_then(|prefix| prefix.as_str()).unwrap_or_default();
    let Some(blank_line) = above.rfind("\n\n") else { return true };
    let kept = &above[..blank_line + 2];
    match topics.get_mut(index) {
        Some(next) => {
            let next_above = next.decor().prefix().and_then(|prefix| prefix.as_str()).unwrap_or_default();
            let joined = format!("{kept}{}", next_above.trim_start_matches('\n'));
            next.decor_mut().set_prefix(joined);
        }
        None => {
            let trailing = document.trailing().as_str().unwrap_or_default();
            let joined = format!("{kept}{}", trailing.trim_start_matches('\n'));
            document.set_trailing(joined);
        }
    }
    true
}

fn topic_table(topic: &FollowedTopic) -> Table {
    let mut table = Table::new();
    table.insert("path", toml_edit::value(topic.path.as_str()));
    table.insert("query", toml_edit::value(topic.query.as_str()));
    table
}

/// A new query in the old one's place, with the spaces and comment around it (`query = "x"  # why`).
fn replace_keeping_comments(value: &mut Value, query: &str) {
    let decor = value.decor().clone();
    *value = query.into();
    *value.decor_mut() = decor;
}
