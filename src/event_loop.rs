//! The event loop and the effects `update` asks for. The terminal itself (set-up, giving it back however the
//! session ends, suspending) is in `terminal`; opening links in `browser`.

use std::io::{Write, stdout};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use lenaview::app::catalog::PubId;
use lenaview::app::config::Config;
use lenaview::app::{self, Action, App, BackgroundJob, Effect};
use lenaview::formats::export::{self, osc52};
use lenaview::marks::{MarkFile, MarkStore, SaveError};
use lenaview::model::Library;
use lenaview::notes::{NoteFolder, NoteRequest};
use lenaview::search::{BackgroundSearch, SearchRequest};
use lenaview::words::{WordLists, WordsFile, WordsSaveError};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, MouseEventKind};

use crate::browser::{self, ForegroundRun};
use crate::note_editor;
use crate::terminal::{self, KeyReader};

/// How long an abstract stays open before its publication counts as read.
const READ_AFTER: Duration = Duration::from_millis(1500);

/// Set while a terminal browser or an editor has the terminal. A Ctrl-C typed there is meant for it, but the
/// terminal sends SIGINT to the whole foreground process group, the reader included.
static TERMINAL_LENT: AtomicBool = AtomicBool::new(false);
/// When the terminal came back: the SIGINT may reach the watcher thread after the browser has exited.
static TERMINAL_RETURNED: Mutex<Option<Instant>> = Mutex::new(None);
const SIGINT_LATE_BY: Duration = Duration::from_millis(500);

/// Everything the loop waits for, from one channel so it can block instead of polling.
enum Input {
    Terminal(Event),
    /// Search results, timers, and reports of effects finished elsewhere.
    Action(Action),
    /// SIGTERM, SIGHUP or SIGINT: quit, and exit as killed by it would (128 + its number).
    Signal(i32),
    /// SIGCONT after a stop the reader did not ask for (`kill -STOP`): the screen may have been drawn over.
    Continued,
    /// A terminal browser, to run with the terminal lent to it.
    Foreground(ForegroundRun),
}

/// What the loop needs to carry out effects.
struct Outside<'a> {
    searches: BackgroundSearch,
    inputs: Sender<Input>,
    /// When the open publication counts as read, if it still is open then. One deadline, not a timer per
    /// paper: a newer paper's timer replaces the last one's, which could only find its paper gone.
    read_deadline: Option<(Instant, PubId)>,
    /// The state file the marks are saved to: the app's store only says what changed.
    mark_file: &'a mut MarkFile,
    /// The file the word lists are saved to: the app only keeps its edits.
    words_file: &'a mut WordsFile,
    /// The update of followed topics, while one runs; dropping it stops the update between requests.
    update: Option<crate::follow_worker::RunningUpdate>,
    /// The config file's email for PubMed, handed to each update.
    email: Option<String>,
    /// Ctrl-Z was pressed: the loop, which holds the terminal, suspends once the action is handled.
    suspend: bool,
    /// Where notes are kept (none without a data folder).
    notes: Option<&'a NoteFolder>,
    /// A note to edit: the loop, which holds the terminal, lends it to the editor once the action is handled.
    edit_note: Option<NoteRequest>,
}

/// What a session starts from, all read before the terminal is taken.
pub struct Start {
    pub library: Library,
    pub marks: MarkStore,
    /// The word lists and the file they were read from.
    pub words: (WordsFile, WordLists),
    /// Problems met while loading, for the message log.
    pub warnings: Vec<String>,
    /// The config file's keys, colours, start-up order and scope, and PubMed email.
    pub config: Config,
    /// Where notes are kept, and read from at start (none without a data folder).
    pub notes: Option<NoteFolder>,
    /// When `library` is only the first publications of a bigger one: the thread loading the whole library, whose
    /// answer the loop hands to the app once the first frame is up.
    pub rest: Option<LoadRest>,
}

/// The thread loading the whole library, ending in [`Action::LibraryLoaded`] (or why not).
pub type LoadRest = thread::JoinHandle<Action>;

/// What happens once the screen is up: the action that says so, and the load of the rest of the library.
struct Opening {
    started: Action,
    rest: Option<LoadRest>,
}

/// How a session ended, once the terminal is given back.
pub struct Ended {
    /// The user quit (`None`), a signal ended the session (`Some(signal)`), or the terminal failed.
    pub by: std::io::Result<Option<i32>>,
    /// The last save of the marks, made however the session ended.
    pub last_save: Result<(), SaveError>,
    /// The last save of the word lists, when edits were left unsaved.
    pub last_words_save: Result<(), WordsSaveError>,
}

/// Runs the reader on the terminal until the user quits or a signal ends it.
pub fn run(start: Start) -> Ended {
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let (marks, mark_file) = start.marks.hand_over_file();
    // The search index is built once the first frame is up: it is most of the start-up's work.
    let mut app = match start.rest {
        Some(_) => App::before_loading(start.library, marks, width, height),
        None => App::before_indexing(start.library, marks, width, height),
    }
    .configured(&start.config);
    let (mut words_file, word_lists) = start.words;
    app.use_word_lists(word_lists);
    app.words.file = words_file.path().map(std::path::Path::to_path_buf);
    let variable = |name| std::env::var(name).ok();
    let colors = lenaview::ui::colors_wanted(variable("NO_COLOR").as_deref(), variable("TERM").as_deref());
    let started = Action::Started { colors, warnings: start.warnings };

    let mut terminal = terminal::enter();
    let mut mark_file = mark_file;
    let by = event_loop(
        &mut terminal,
        &mut app,
        Opening { started, rest: start.rest },
        &mut mark_file,
        &mut words_file,
        start.config.email,
        start.notes.as_ref(),
    );
    terminal::leave();
    let unsaved = app.marks.unsaved();
    let last_save = if unsaved.is_empty() { Ok(()) } else { mark_file.write(&unsaved).map(drop) };
    let edits = &app.words.unsaved;
    let last_words_save = if edits.is_empty() { Ok(()) } else { words_file.write(edits).map(drop) };
    Ended { by, last_save, last_words_save }
}

/// Runs until the user quits (`None`) or a signal ends the session (`Some(signal)`).
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    opening: Opening,
    mark_file: &mut MarkFile,
    words_file: &mut WordsFile,
    start_email: Option<String>,
    notes: Option<&NoteFolder>,
) -> std::io::Result<Option<i32>> {
    let (sender, inputs) = mpsc::channel();
    let panics = sender.clone();
    terminal::on_background_panic(move |why| {
        let _ = panics.send(Input::Action(Action::BackgroundFailed(why)));
    });
    let keys = terminal::spawn_key_reader(sender.clone(), Input::Terminal);
    spawn_signal_watcher(sender.clone())?;
    let mut outside = Outside {
        searches: spawn_searcher(app, sender.clone()),
        inputs: sender,
        read_deadline: None,
        mark_file,
        words_file,
        update: None,
        email: start_email,
        suspend: false,
        notes,
        edit_note: None,
    };
    dispatch(app, opening.started, &mut outside);
    let size = terminal.size()?;
    dispatch(app, Action::Resize { width: size.width, height: size.height }, &mut outside);
    for effect in app::startup_effects(app) {
        carry_out(app, effect, &mut outside);
    }
    if let Some(rest) = opening.rest {
        // A panic there was told already (see `terminal::on_background_panic`).
        let not_loaded = || Action::LibraryNotLoaded("loading the library failed unexpectedly".into());
        in_background(&outside, not_loaded(), move || {
            let loaded = rest.join().unwrap_or_else(|_| not_loaded());
            // What decoding and cataloguing freed, before the index is built beside the catalog.
            crate::allocator::give_back_freed_memory();
            loaded
        });
    }
    let mut changed = true;
    let mut ended_by = None;
    // The SIGCONT of the `fg` after Ctrl-Z: `suspend_process` took the terminal back already, so it is skipped
    // rather than taking it (and redrawing) twice. Were the stop discarded (an orphaned process group, whose
    // shell is gone), the next `kill -CONT` would be the one skipped: a missed redraw, never a lost terminal.
    let mut sigcont_of_own_stop = false;
    loop {
        if changed {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            panic_if_asked_to_by_a_test("LENAVIEW_PANIC_AFTER_FIRST_FRAME");
            // The abstract on the screen was read from its cache file: its pages need not stay resident.
            app.catalog.release_read_abstracts();
        }
        changed = false;
        let first = next_input(&inputs, &mut outside.read_deadline)?;
        // Handle everything already queued before drawing again: fast typing costs one frame, not one per key.
        for input in std::iter::once(first).chain(drain(&inputs)) {
            let action = match input {
                Input::Terminal(event) => action_for_event(app, event),
                Input::Action(action) => Some(action),
                Input::Signal(signal) => {
                    ended_by = Some(signal);
                    Some(Action::Quit)
                }
                Input::Continued if std::mem::take(&mut sigcont_of_own_stop) => None,
                Input::Continued => {
                    terminal::resume(terminal)?;
                    Some(resize_to(terminal)?)
                }
                Input::Foreground(run) => {
                    run_in_foreground(terminal, &keys, run)?;
                    Some(resize_to(terminal)?)
                }
            };
            // Events that mean nothing here (mouse moves, key releases) cost no frame.
            if let Some(action) = action {
                dispatch(app, action, &mut outside);
                changed = true;
            }
            if std::mem::take(&mut outside.suspend) {
                let back = if terminal::suspend_process(terminal, &keys)? {
                    // Its SIGCONT is on its way to the channel, whichever thread the signal reached.
                    sigcont_of_own_stop = true;
                    resize_to(terminal)?
                } else {
                    Action::ShowStatus(
                        "Ctrl-Z: no shell to return to (lenaview was started without one); q quits".into(),
                    )
                };
                dispatch(app, back, &mut outside);
            }
            if let Some(request) = outside.edit_note.take() {
                let edited = note_editor::edit(outside.notes, request, |mut editor| {
                    lend_terminal(terminal, &keys, || editor.status())
                })?;
                dispatch(app, edited, &mut outside);
                dispatch(app, resize_to(terminal)?, &mut outside);
            }
            // Keys typed or pasted after a quit were read with it, but must not act: the user has left.
            if app.should_quit {
                return Ok(ended_by);
            }
        }
    }
}

/// The terminal's size, for the layout: it may have changed while the terminal was lent or the reader stopped.
fn resize_to(terminal: &DefaultTerminal) -> std::io::Result<Action> {
    let size = terminal.size()?;
    Ok(Action::Resize { width: size.width, height: size.height })
}

/// Lends the terminal to a terminal browser until it exits, then takes it back and redraws.
fn run_in_foreground(terminal: &mut DefaultTerminal, keys: &KeyReader, run: ForegroundRun) -> std::io::Result<()> {
    let (outcome, resumed) = lend_terminal(terminal, keys, || run.command.command().status());
    let _ = run.done.send(outcome);
    resumed
}

/// Gives the terminal to `run` (a terminal browser, an editor) until it returns, then takes it back; a Ctrl-C
/// typed meanwhile is the program's, not the reader's.
fn lend_terminal<T>(
    terminal: &mut DefaultTerminal,
    keys: &KeyReader,
    run: impl FnOnce() -> T,
) -> (T, std::io::Result<()>) {
    keys.pause();
    terminal::suspend(terminal);
    TERMINAL_LENT.store(true, Ordering::SeqCst);
    let outcome = run();
    *TERMINAL_RETURNED.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(Instant::now());
    TERMINAL_LENT.store(false, Ordering::SeqCst);
    let resumed = terminal::resume(terminal);
    keys.resume();
    (outcome, resumed)
}

/// The end-to-end tests check that a panic leaves the terminal restored, and that one in the background leaves the
/// reader going: debug builds can be asked to panic by `variable`.
fn panic_if_asked_to_by_a_test(variable: &str) {
    if cfg!(debug_assertions) && std::env::var_os(variable).is_some() {
        panic!("asked to panic by {variable}");
    }
}

/// The next input, or the read timer's action once its deadline comes first.
fn next_input(inputs: &Receiver<Input>, read_deadline: &mut Option<(Instant, PubId)>) -> std::io::Result<Input> {
    // The loop holds a sender itself, so the channel never closes while it waits.
    let Some((at, id)) = *read_deadline else { return inputs.recv().map_err(std::io::Error::other) };
    match inputs.recv_timeout(at.saturating_duration_since(Instant::now())) {
        Ok(input) => Ok(input),
        Err(RecvTimeoutError::Timeout) => {
            *read_deadline = None;
            Ok(Input::Action(Action::MarkReadIfShown(id)))
        }
        Err(RecvTimeoutError::Disconnected) => Err(std::io::Error::other(RecvTimeoutError::Disconnected)),
    }
}

fn drain(inputs: &Receiver<Input>) -> Vec<Input> {
    inputs.try_iter().collect()
}

fn dispatch(app: &mut App, action: Action, outside: &mut Outside<'_>) {
    for effect in app::update(app, action) {
        carry_out(app, effect, outside);
    }
}

fn carry_out(app: &mut App, effect: Effect, outside: &mut Outside<'_>) {
    match effect {
        Effect::Search(job) => outside.searches.submit(SearchRequest {
            generation: job.generation,
            query: job.query,
            scope: job.scope,
            within: job.within,
        }),
        Effect::MarkReadLater(id) => outside.read_deadline = Some((Instant::now() + READ_AFTER, id)),
        Effect::SaveMarks => {
            let unsaved = app.marks.unsaved();
            // As cheap as asking often: nothing changed, nothing to write.
            if !unsaved.is_empty() {
                let written = outside.mark_file.write(&unsaved).map_err(|err| err.to_string());
                let warnings = outside.mark_file.take_warnings();
                dispatch(app, Action::MarksSaved { written, warnings }, outside);
            }
        }
        Effect::SaveWords => {
            if !app.words.unsaved.is_empty() {
                let written = outside.words_file.write(&app.words.unsaved).map_err(|err| err.to_string());
                let warnings = outside.words_file.take_warnings();
                dispatch(app, Action::WordsSaved { written, warnings }, outside);
            }
        }
        Effect::CountWords(job) => in_background(outside, Action::JobFailed(BackgroundJob::WordCount), move || {
            let scores = Arc::new(job.run());
            job.catalog.0.release_read_abstracts();
            Action::WordsCounted(app::words::WordScores { generation: job.generation, scores })
        }),
        Effect::Copy(text) => {
            // Sent as tmux's own settings accept it, and described no more surely than can be known.
            let write = osc52::clipboard_write(&text, osc52::this_terminal());
            let mut out = stdout();
            let sent = out.write_all(write.bytes.as_bytes()).and_then(|()| out.flush());
            let outcome = sent.map(|()| write.outcome).map_err(|err| err.to_string());
            dispatch(app, Action::Copied(outcome), outside);
        }
        Effect::OpenUrl(url) => open_in_browser(url, outside.inputs.clone()),
        Effect::Suspend => outside.suspend = true,
        Effect::EditNote(request) => outside.edit_note = Some(request),
        Effect::UseIndex(index) => {
            outside.searches.replace_index(index.0);
            // Off the UI thread: walking the arenas takes a while at a million papers, and keys should not wait.
            thread::spawn(crate::allocator::give_back_freed_memory);
        }
        Effect::BuildIndex(catalog) => in_background(outside, Action::JobFailed(BackgroundJob::Index), move || {
            panic_if_asked_to_by_a_test("LENAVIEW_PANIC_WHILE_INDEXING");
            // The abstracts wait for a search of everything (`Effect::IndexAbstracts`).
            let index = Arc::new(lenaview::search::Index::without_abstracts(&catalog.0.publications));
            Action::IndexBuilt(app::following::SharedIndex(index))
        }),
        Effect::IndexAbstracts(job) => {
            let indexed = move || {
                let abstracts = job.run();
                job.catalog.release_read_abstracts();
                Action::AbstractsIndexed(app::following::IndexedAbstracts(abstracts))
            };
            in_background(outside, Action::JobFailed(BackgroundJob::AbstractsIndex), indexed)
        }
        Effect::UpdateFollowed => {
            let inputs = outside.inputs.clone();
            let send = move |action| {
                let _ = inputs.send(Input::Action(action));
            };
            match crate::follow_worker::start(Arc::clone(&app.catalog), outside.email.clone(), send) {
                Ok(running) => outside.update = Some(running),
                Err(err) => {
                    let summary = format!("Update failed: cannot start a thread for it: {err}");
                    let finished = Action::UpdateFinished { details: vec![summary.clone()], summary };
                    let _ = outside.inputs.send(Input::Action(finished));
                }
            }
        }
        Effect::WriteExport { format, contents, count } => {
            let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
            let path = export::unused_export_path(&dir, format);
            let failure = export::write_atomically(&path, contents.as_bytes()).err().map(|err| err.to_string());
            dispatch(app, Action::ExportWritten { format, count, path, failure }, outside);
        }
        // A missing session file is a first start, not a problem.
        Effect::ReadSession(path) => match std::fs::read(&path) {
            Ok(bytes) => dispatch(app, Action::RestoreSession(String::from_utf8_lossy(&bytes).into()), outside),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                let message = format!("The last session could not be read from {} ({err})", path.display());
                dispatch(app, Action::ShowStatus(message), outside);
            }
        },
        Effect::WriteSession { path, contents } => {
            if let Err(err) = lenaview::durable::write_atomically(&path, contents.as_bytes()) {
                dispatch(app, Action::SessionNotSaved { path, why: err.to_string() }, outside);
            }
        }
    }
}

/// Runs `job` on a thread of its own and hands its result to the event loop as the action it makes: work that
/// would hold up keys (counting words, building an index) comes back like any other report. Should it panic (told
/// by the panic hook), `if_it_panics` comes back instead, so that nothing waits for it forever.
fn in_background(outside: &Outside, if_it_panics: Action, job: impl FnOnce() -> Action + Send + 'static) {
    let inputs = outside.inputs.clone();
    thread::spawn(move || {
        let action = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)).unwrap_or(if_it_panics);
        let _ = inputs.send(Input::Action(action));
    });
}

/// `$BROWSER` (see `browser`) or the platform's opener, off the UI thread; the URL is already in the status
/// bar, and a failure to open it is reported there and in the message log.
fn open_in_browser(url: String, inputs: Sender<Input>) {
    let variable = std::env::var("BROWSER").ok().filter(|value| !value.trim().is_empty());
    let commands = browser::commands_for(&url, variable.as_deref());
    let foreground = inputs.clone();
    browser::open_in_background(
        commands,
        move |run| foreground.send(Input::Foreground(run)).is_ok(),
        move |failures| {
            let message = browser::failure_message(&url, &failures, variable.is_some());
            let _ = inputs.send(Input::Action(Action::BrowserFailed(message)));
        },
    );
}

fn action_for_event(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => app.keymap.action_for(key, app.mode()),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(_) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUpAt { column, row }),
                MouseEventKind::ScrollDown => Some(Action::ScrollDownAt { column, row }),
                _ => None,
            }
        }
        _ => None,
    }
}

fn spawn_signal_watcher(sender: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGCONT])?;
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGINT && meant_for_the_program_lent_the_terminal() {
                continue;
            }
            let input = if signal == SIGCONT { Input::Continued } else { Input::Signal(signal) };
            if sender.send(input).is_err() {
                break;
            }
        }
    });
    Ok(())
}

fn meant_for_the_program_lent_the_terminal() -> bool {
    let returned = *TERMINAL_RETURNED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    TERMINAL_LENT.load(Ordering::SeqCst) || returned.is_some_and(|at| at.elapsed() < SIGINT_LATE_BY)
}

/// Searches run off the UI thread, narrowing as a query grows; answers come back through the input channel.
fn spawn_searcher(app: &App, inputs: Sender<Input>) -> BackgroundSearch {
    BackgroundSearch::spawn(Arc::clone(&app.index), move |response| {
        let done = Action::SearchDone { generation: response.generation, hits: response.hits };
        let _ = inputs.send(Input::Action(done));
    })
}
