//! Editing a note in the user's editor: which editor, and what its run means for the note. The event loop lends
//! it the terminal; the notes folder does the saving.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

use lenaview::app::Action;
use lenaview::notes::{Draft, NoteFolder, NoteOutcome, NoteRequest};

/// Opens the note for `request` in the user's editor, which `lend` runs with the terminal handed over (giving
/// back how the editor ran, and whether the terminal came back), and says how the edit ended.
pub fn edit(
    notes: Option<&NoteFolder>,
    request: NoteRequest,
    lend: impl FnOnce(Command) -> (io::Result<ExitStatus>, io::Result<()>),
) -> io::Result<Action> {
    let key = request.key.clone();
    let prepared = editor_from_environment().and_then(|words| {
        let (folder, draft) = prepare(notes, request)?;
        Ok((words, folder, draft))
    });
    let outcome = match prepared {
        Err(why) => NoteOutcome::Failed(why),
        Ok((words, folder, draft)) => {
            let (ran, resumed) = lend(command(&words, draft.path()));
            resumed?;
            finish(folder, draft, &words.join(" "), ran)
        }
    };
    Ok(Action::NoteEdited { key, outcome })
}

/// The editor when neither `$VISUAL` nor `$EDITOR` names one, as for git and crontab.
const FALLBACK: &str = "vi";

/// The editor's command words, from `$VISUAL`, else `$EDITOR`, else `vi`: each a shell word list
/// (`code -w`, `"/opt/My Editor/edit" --wait`), to which the file is added as the last argument.
pub fn editor_words(visual: Option<&str>, editor: Option<&str>) -> Result<Vec<String>, String> {
    for (name, value) in [("VISUAL", visual), ("EDITOR", editor)] {
        let Some(value) = value.filter(|value| !value.trim().is_empty()) else { continue };
        let words = shell_words::split(value).map_err(|err| format!("${name} ({value:?}) cannot be read: {err}"))?;
        if words.first().is_some_and(|program| !program.is_empty()) {
            return Ok(words);
        }
    }
    Ok(vec![FALLBACK.to_string()])
}

/// The editor as this process's environment names it.
fn editor_from_environment() -> Result<Vec<String>, String> {
    let variable = |name| std::env::var(name).ok();
    editor_words(variable("VISUAL").as_deref(), variable("EDITOR").as_deref())
}

/// The draft of the note to edit, or why there can be none.
fn prepare(folder: Option<&NoteFolder>, request: NoteRequest) -> Result<(&NoteFolder, Draft), String> {
    let folder = folder.ok_or("Notes cannot be kept: there is no data folder ($XDG_DATA_HOME or $HOME)")?;
    let draft =
        folder.draft(request).map_err(|err| format!("Cannot prepare the note in {}: {err}", folder.dir().display()))?;
    Ok((folder, draft))
}

/// The command that edits `file`.
fn command(words: &[String], file: &Path) -> Command {
    let mut command = Command::new(&words[0]);
    command.args(&words[1..]).arg(file);
    command
}

/// What the editor's run means for the note: saved when it exited well, else nothing saved.
fn finish(folder: &NoteFolder, draft: Draft, editor: &str, ran: std::io::Result<ExitStatus>) -> NoteOutcome {
    match ran {
        Ok(status) if status.success() => folder.finish(draft),
        Ok(status) => folder.abandon(draft, &format!("the editor ({editor}) {}", exit_description(status))),
        Err(err) => folder.abandon(draft, &format!("cannot run the editor {editor:?}: {err} (set $VISUAL or $EDITOR)")),
    }
}

fn exit_description(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "was stopped by a signal".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_is_visual_else_editor_else_vi_split_as_the_shell_would() {
        let words = |visual, editor| editor_words(visual, editor).unwrap();
        assert_eq!(words(Some("code -w"), Some("nano")), ["code", "-w"]);
        assert_eq!(words(Some("  "), Some("\"/opt/My Editor/ed\" --wait")), ["/opt/My Editor/ed", "--wait"]);
        assert_eq!(words(None, Some("''")), ["vi"], "a word list of nothing names no editor");
        assert_eq!(words(None, None), ["vi"]);
        let err = editor_words(Some("code 'unclosed"), None).unwrap_err();
        assert!(err.contains("$VISUAL") && err.contains("unclosed"), "{err}");
    }

    #[test]
    fn a_failed_editor_saves_nothing_and_says_why() {
        let temp = tempfile::tempdir().unwrap();
        let folder = NoteFolder::at(temp.path().join("notes"));
        let request = NoteRequest { key: "pmid:1".into(), paper: "P".into(), stem: "p".into() };
        let (_, draft) = prepare(Some(&folder), request.clone()).unwrap();
        let missing = command(&["lenaview-no-such-editor".to_string()], draft.path()).status();
        let NoteOutcome::Failed(why) = finish(&folder, draft, "lenaview-no-such-editor", missing) else { panic!() };
        assert!(why.contains("cannot run the editor \"lenaview-no-such-editor\""), "{why}");
        let (_, draft) = prepare(Some(&folder), request.clone()).unwrap();
        let failed = command(&["false".to_string()], draft.path()).status();
        assert_eq!(
            finish(&folder, draft, "false", failed),
            NoteOutcome::Failed("Note not saved: the editor (false) exited with status 1".into())
        );
        assert!(prepare(None, request).unwrap_err().contains("no data folder"));
    }
}
