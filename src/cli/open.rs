//! `lenaview [FILE…]`: the reader. Everything before the terminal is taken (the library, the marks, whether
//! there is a terminal at all) and after it is given back (the last save) happens here, so the event loop only
//! runs the session it is given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use lenaview::marks::MarkStore;
use lenaview::words::{WordLists, WordsFile};

use super::load::{self, FirstLook};
use super::{CliError, config};
use super::{OpenArgs, load_library_warning, report};
use crate::event_loop::{self, LoadRest, Start};
use crate::terminal;
use lenaview::app::following::LoadedLibrary;
use lenaview::app::{Action, Catalog};

/// The exit status when the reader cannot start without a terminal (as for a usage error).
const NOT_A_TERMINAL: u8 = 2;

/// How many publications a start shows at once of a library the cache holds, while the rest loads: a screen's
/// worth many times over, read in milliseconds whatever the library's size.
const FIRST_LOOK: usize = 1000;

/// Begins loading the whole library, its notes and its catalog on a thread of its own at once, while the reader
/// starts on the first publications: the event loop then only waits for it. Why it failed, if it did, is also
/// kept in `failure`: a file given that does not import ends the reader with a non-zero exit, as it would have
/// before the screen opened.
fn load_rest(files: Vec<PathBuf>, topic: Option<String>, failure: Arc<OnceLock<String>>) -> LoadRest {
    std::thread::spawn(move || {
        let mut warnings = Vec::new();
        match load::load_library_leaving_abstracts(&files, topic.as_deref(), &mut |warning| warnings.push(warning)) {
            Ok((mut library, left_in_cache)) => {
                // Their problems were told at start, when the first publications got their notes.
                super::add_notes(&mut library, &mut drop);
                let catalog = Arc::new(Catalog::leaving_abstracts(library, left_in_cache));
                Action::LibraryLoaded(LoadedLibrary { catalog, warnings })
            }
            Err(err) => {
                let _ = failure.set(err.to_string());
                Action::LibraryNotLoaded(err.to_string())
            }
        }
    })
}

pub fn run(args: OpenArgs, config_flag: Option<&Path>) -> Result<ExitCode, CliError> {
    crate::allocator::map_large_blocks_apart();
    // Load before touching the terminal, so a bad file is reported on a normal screen (and first: it is
    // the more useful message when there is no terminal either).
    // Warnings wait for the message log: on stderr they would be hidden behind the screen until the end.
    let mut warnings = Vec::new();
    let topic = args.topic.as_deref();
    let load_failure = Arc::new(OnceLock::new());
    let (mut library, rest) = match load::first_look(&args.files, topic, FIRST_LOOK) {
        Some(FirstLook::Part(first)) => {
            (first, Some(load_rest(args.files.clone(), args.topic.clone(), Arc::clone(&load_failure))))
        }
        Some(FirstLook::Whole(library, found)) => {
            warnings.extend(found);
            (library, None)
        }
        None => (load_library_warning(&args.files, topic, &mut |warning| warnings.push(warning))?, None),
    };
    // A config with errors is refused here, on a normal screen: the reader never starts on a guess.
    let loaded = config::load(config_flag, args.light)?;
    warnings.extend(loaded.warnings.iter().map(ToString::to_string));
    if let Some(reason) = terminal::why_not_interactive() {
        report(format!("{reason}; to use lenaview in a script, see `lenaview search`, `export` and `import` (--help)"));
        return Ok(ExitCode::from(NOT_A_TERMINAL));
    }
    let (marks, mark_warnings) = match args.state.clone().or_else(MarkStore::default_path) {
        Some(path) => MarkStore::open(path),
        None => (MarkStore::in_memory(), vec!["no data directory: marks last for this session only".into()]),
    };
    warnings.extend(mark_warnings);
    let words = match args.state.as_deref().map(WordsFile::beside_state).or_else(WordsFile::default_path) {
        Some(path) => {
            let (file, lists, word_warnings) = WordsFile::open(path);
            warnings.extend(word_warnings);
            (file, lists)
        }
        None => {
            warnings.push("no data directory: word lists last for this session only".into());
            (WordsFile::in_memory(), WordLists::default())
        }
    };
    let notes = super::add_notes(&mut library, &mut |warning| warnings.push(warning));
    let ended = event_loop::run(Start { library, marks, words, warnings, config: loaded.config, notes, rest });
    if let Err(err) = ended.last_save {
        report(format!("warning: {err}"));
    }
    if let Err(err) = ended.last_words_save {
        report(format!("warning: {err}"));
    }
    if let Some(signal) = ended.by? {
        return Ok(ExitCode::from(128u8.saturating_add(signal as u8)));
    }
    if let Some(why) = load_failure.get() {
        report(why);
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
