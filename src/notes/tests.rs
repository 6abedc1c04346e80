use super::*;

fn folder() -> (tempfile::TempDir, NoteFolder) {
    let temp = tempfile::tempdir().unwrap();
    let folder = NoteFolder::at(temp.path().join("notes"));
    (temp, folder)
}

fn request(key: &str) -> NoteRequest {
    NoteRequest {
        key: key.into(),
        paper: "Chari A. Oral selinexor. N Engl J Med. 2019.".into(),
        stem: "chari-2019".into(),
    }
}

/// Edits the note for `key` as an editor would: replaces the draft's note (after the front matter) with `body`.
fn edit(folder: &NoteFolder, key: &str, body: &str) -> NoteOutcome {
    let draft = folder.draft(request(key)).unwrap();
    write_body(&draft, body);
    folder.finish(draft)
}

fn write_body(draft: &Draft, body: &str) {
    let text = fs::read_to_string(draft.path()).unwrap();
    let end = text.find("---\n\n").unwrap() + 5;
    fs::write(draft.path(), format!("{}{body}", &text[..end])).unwrap();
}

fn files(folder: &NoteFolder) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder.dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_note_gets_a_readable_file_that_leads_back_to_its_paper() {
    let (_temp, folder) = folder();
    let draft = folder.draft(request("pmid:1")).unwrap();
    let shown = fs::read_to_string(draft.path()).unwrap();
    assert!(shown.starts_with("---\nkey: \"pmid:1\"\npaper: \"Chari A. Oral selinexor."), "{shown}");
    assert!(draft.path().extension().is_some_and(|extension| extension == "md"));
    write_body(&draft, "Good trial.\n");
    let path = folder.dir().join("chari-2019.md");
    assert_eq!(folder.finish(draft), NoteOutcome::Saved { note: Some("Good trial.".into()), path, both_kept: false });
    assert_eq!(files(&folder), ["chari-2019.md"], "the draft is gone");
    let (notes, warnings) = folder.load();
    assert_eq!(notes, BTreeMap::from([("pmid:1".to_string(), "Good trial.".to_string())]));
    assert!(warnings.is_empty());
}

#[test]
fn a_note_left_as_it_was_is_unchanged_and_an_emptied_one_is_removed() {
    let (_temp, folder) = folder();
    assert!(matches!(edit(&folder, "pmid:1", "First."), NoteOutcome::Saved { .. }));
    let draft = folder.draft(request("pmid:1")).unwrap();
    assert!(fs::read_to_string(draft.path()).unwrap().ends_with("---\n\nFirst.\n"));
    assert_eq!(folder.finish(draft), NoteOutcome::Unchanged);
    assert_eq!(edit(&folder, "pmid:1", "First.\n\n\n"), NoteOutcome::Unchanged, "trailing blank lines are no change");
    let path = folder.dir().join("chari-2019.md");
    assert_eq!(edit(&folder, "pmid:1", "\n"), NoteOutcome::Saved { note: None, path, both_kept: false });
    assert!(files(&folder).is_empty());
    assert_eq!(edit(&folder, "pmid:1", ""), NoteOutcome::Unchanged, "an empty new note writes nothing");
}

#[test]
fn a_second_paper_with_the_same_name_gets_a_numbered_file() {
    let (_temp, folder) = folder();
    edit(&folder, "pmid:1", "One.");
    edit(&folder, "pmid:2", "Two.");
    edit(&folder, "pmid:1", "One again.");
    assert_eq!(files(&folder), ["chari-2019-2.md", "chari-2019.md"]);
    let (notes, _) = folder.load();
    assert_eq!(notes["pmid:1"], "One again.");
    assert_eq!(notes["pmid:2"], "Two.");
}

#[test]
fn a_note_changed_elsewhere_while_edited_keeps_both_texts() {
    let (_temp, folder) = folder();
    edit(&folder, "pmid:1", "Base.");
    let mine = folder.draft(request("pmid:1")).unwrap();
    assert!(matches!(edit(&folder, "pmid:1", "Theirs."), NoteOutcome::Saved { both_kept: false, .. }));
    write_body(&mine, "Mine.");
    let NoteOutcome::Saved { note: Some(note), both_kept: true, .. } = folder.finish(mine) else { panic!() };
    assert!(note.starts_with("Mine.\n\n<!-- lenaview:") && note.ends_with("-->\n\nTheirs."), "{note}");
    // Emptying a note another lenaview changed meanwhile keeps theirs.
    let mine = folder.draft(request("pmid:1")).unwrap();
    edit(&folder, "pmid:1", "Theirs again.");
    write_body(&mine, "");
    let outcome = folder.finish(mine);
    assert!(
        matches!(&outcome, NoteOutcome::Saved { note: Some(note), both_kept: true, .. } if note == "Theirs again.")
    );
}

#[test]
fn a_broken_front_matter_in_the_editor_keeps_the_whole_text_as_the_note() {
    let (_temp, folder) = folder();
    let draft = folder.draft(request("pmid:1")).unwrap();
    fs::write(draft.path(), "No front matter any more.\n").unwrap();
    let outcome = folder.finish(draft);
    assert!(matches!(&outcome, NoteOutcome::Saved { note: Some(note), .. } if note == "No front matter any more."));
    assert_eq!(folder.load().0["pmid:1"], "No front matter any more.");
}

#[test]
fn damaged_and_duplicate_notes_are_reported_with_their_line_and_left_alone() {
    let (_temp, folder) = folder();
    edit(&folder, "pmid:1", "Kept.");
    fs::write(folder.dir().join("mine.md"), "Just text\n").unwrap();
    fs::write(folder.dir().join("binary.md"), b"---\nkey: \xff\n").unwrap();
    fs::write(folder.dir().join("z-copy.md"), "---\nkey: pmid:1\n---\nCopy.\n").unwrap();
    fs::write(folder.dir().join("readme.txt"), "not a note").unwrap();
    let (notes, warnings) = folder.load();
    assert_eq!(notes.len(), 1);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings[0].contains("binary.md:1: the note is not UTF-8"), "{}", warnings[0]);
    assert!(warnings[1].contains("mine.md:1: not a note lenaview can read"), "{}", warnings[1]);
    assert!(warnings[2].contains("z-copy.md:2: a second note for pmid:1"), "{}", warnings[2]);
    // Editing never touches them, and a new note does not take their names.
    edit(&folder, "pmid:1", "Kept, edited.");
    assert_eq!(fs::read_to_string(folder.dir().join("mine.md")).unwrap(), "Just text\n");
    assert_eq!(fs::read_to_string(folder.dir().join("z-copy.md")).unwrap(), "---\nkey: pmid:1\n---\nCopy.\n");
}

#[test]
fn control_characters_are_kept_in_the_file_but_not_shown() {
    let (_temp, folder) = folder();
    let outcome = edit(&folder, "pmid:1", "Red \u{1b}[31malert\u{7}.");
    assert!(matches!(&outcome, NoteOutcome::Saved { note: Some(note), .. } if note == "Red alert."));
    let (notes, warnings) = folder.load();
    assert_eq!(notes["pmid:1"], "Red alert.");
    assert!(warnings[0].contains("control characters"), "{warnings:?}");
    assert!(fs::read_to_string(folder.dir().join("chari-2019.md")).unwrap().contains("\u{1b}[31m"));
}

#[test]
fn an_abandoned_edit_keeps_the_draft_only_when_it_was_changed() {
    let (_temp, folder) = folder();
    let draft = folder.draft(request("pmid:1")).unwrap();
    let outcome = folder.abandon(draft, "the editor exited with status 1");
    assert_eq!(outcome, NoteOutcome::Failed("Note not saved: the editor exited with status 1".into()));
    assert!(files(&folder).is_empty());
    let draft = folder.draft(request("pmid:1")).unwrap();
    write_body(&draft, "Typed before the crash.");
    let path = draft.path().to_path_buf();
    let NoteOutcome::Failed(why) = folder.abandon(draft, "the editor was killed") else { panic!() };
    assert!(why.contains(&path.display().to_string()), "{why}");
    assert!(fs::read_to_string(&path).unwrap().contains("Typed before the crash."));
    assert!(folder.load().0.is_empty(), "a draft is not a note");
}

#[test]
fn a_missing_folder_is_no_notes_and_notes_fill_their_papers() {
    let (_temp, folder) = folder();
    assert_eq!(folder.load(), (BTreeMap::new(), Vec::new()));
    let paper = |pmid: &str| Publication { title: pmid.into(), pmid: Some(pmid.into()), ..Publication::default() };
    let mut library = Library {
        pages: vec![crate::model::Page { publications: vec![paper("1"), paper("2")], ..Default::default() }],
    };
    fill(&mut library, &BTreeMap::from([("pmid:2".to_string(), "Two.".to_string())]));
    let notes: Vec<Option<&str>> = library.pages[0].publications.iter().map(|p| p.note.as_deref()).collect();
    assert_eq!(notes, [None, Some("Two.")]);
}

#[test]
fn a_folder_locked_by_another_lenaview_keeps_the_text_in_the_draft_and_says_where() {
    let (_temp, folder) = folder();
    let draft = folder.draft(request("pmid:1")).unwrap();
    write_body(&draft, "Written while another lenaview held the lock.");
    let path = draft.path().to_path_buf();
    let _held = crate::durable::lock_exclusive(folder.dir()).unwrap();
    let NoteOutcome::Failed(why) = folder.finish(draft) else { panic!("saved without the lock") };
    assert!(why.contains("cannot lock the notes folder") && why.contains(&path.display().to_string()), "{why}");
    assert!(fs::read_to_string(&path).unwrap().contains("Written while another lenaview held the lock."));
}
