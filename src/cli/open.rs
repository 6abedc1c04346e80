//! `lenaview [FILE…]`: the reader. Everything before the terminal is taken (the library, the marks, whether
//! there is a terminal at all) and after it is given back (the last save) happens here, so the event loop only
//! runs the session it is given.

use std::path::Path;
use std::process::ExitCode;

use lenaview::marks::MarkStore;
use lenaview::words::{WordLists, WordsFile};

use super::{CliError, config};
use super::{OpenArgs, load_library_warning, report};
use crate::event_loop::{self, Start};
use crate::terminal;

/// The exit status when the reader cannot start without a terminal (as for a usage error).
const NOT_A_TERMINAL: u8 = 2;

pub fn run(args: OpenArgs, config_flag: Option<&Path>) -> Result<ExitCode, CliError> {
    // Load before touching the terminal, so a bad file is reported on a normal screen (and first: it is
    // the more useful message when there is no terminal either).
    // Warnings wait for the message log: on stderr they would be hidden behind the screen until the end.
    let mut warnings = Vec::new();
    let mut library = load_library_warning(&args.files, args.topic.as_deref(), &mut |warning| warnings.push(warning))?;
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
    let ended = event_loop::run(Start { library, marks, words, warnings, config: loaded.config, notes });
    if let Err(err) = ended.last_save {
        report(format!("warning: {err}"));
    }
    if let Err(err) = ended.last_words_save {
        report(format!("warning: {err}"));
    }
    let ended_by = ended.by?;
    Ok(ended_by.map_or(ExitCode::SUCCESS, |signal| ExitCode::from(128u8.saturating_add(signal as u8))))
}
