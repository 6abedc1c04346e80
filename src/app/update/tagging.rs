//! The tag line's keys, and its edits applied to the papers it was opened for.

use super::reading::publications;
use super::view::refresh_reader;
use crate::app::App;
use crate::app::action::{Action, Effect};
use crate::app::tagging::TagLine;
use crate::formats::clean::{Breaks, strip_controls};
use crate::marks::tags::{TagEdit, parse_tag_edits};

/// `T`: the tag line for every publication the list shows now.
pub(super) fn open_for_list(app: &mut App) {
    if app.list.ids.is_empty() {
        app.status = Some("Nothing to tag: the list is empty".into());
        return;
    }
    app.tag_line = Some(TagLine::new(app.list.ids.clone(), true));
}

pub(super) fn line_action(app: &mut App, action: Action, effects: &mut Vec<Effect>) {
    let Some(mut line) = app.tag_line.take() else { return };
    match action {
        Action::TagInput(c) => line.insert(c.encode_utf8(&mut [0; 4])),
        Action::Paste(text) => line.insert(&strip_controls(&text, Breaks::AsSpaces).0),
        Action::TagEdit(edit) => line.edit(edit),
        Action::TagComplete if !line.complete(app.known_tags()) => {
            app.status = Some("No tag in use starts so: Enter adds it as a new tag".into());
        }
        Action::TagCancel => return,
        Action::TagAccept => match parse_tag_edits(&line.text) {
            Ok(edits) => return apply(app, &line.targets, &edits, effects),
            // The line stays open with the typo in it, to be fixed rather than typed again.
            Err(problem) => app.status = Some(problem.to_string()),
        },
        _ => {}
    }
    app.tag_line = Some(line);
}

/// Applies every edit to every target, and says what changed: "review added to 3 publications".
fn apply(app: &mut App, targets: &[u32], edits: &[TagEdit], effects: &mut Vec<Effect>) {
    let mut said = Vec::new();
    for edit in edits {
        let changed = targets.iter().filter(|&&id| app.marks.edit_tags(app.catalog.key(id), edit)).count();
        let (tag, verb) = match edit {
            TagEdit::Add(tag) => (tag, "added to"),
            TagEdit::Remove(tag) => (tag, "removed from"),
        };
        said.push(format!("{tag} {verb} {}", publications(changed)));
    }
    if app.marks.is_dirty() {
        effects.push(Effect::SaveMarks);
    }
    if !said.is_empty() {
        app.tell(said.join("; "));
    }
    super::list::tags_changed(app, effects);
    refresh_reader(app);
}
