//! The terminal session: set-up, the event loop, and giving the terminal back however the session ends
//! (q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, or a panic). Effects that `update` asks for are carried out here.

use std::io::{Write, stdout};
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Duration;

use lenaview::app::{self, Action, App, Effect};
use lenaview::formats::export::{self, ExportFormat, osc52};
use lenaview::marks::MarkStore;
use lenaview::search::{BackgroundSearch, SearchRequest};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind};
use ratatui::crossterm::execute;

use crate::cli::{OpenArgs, load_library};

/// How long an abstract stays open before its publication counts as read.
const READ_AFTER: Duration = Duration::from_millis(1500);

/// Everything the loop waits for, from one channel so it can block instead of polling.
enum Input {
    Terminal(Event),
    /// Search results, timers, and reports of effects finished elsewhere.
    Action(Action),
    Signal,
}

/// What the loop needs to carry out effects.
struct Outside {
    searches: BackgroundSearch,
    inputs: Sender<Input>,
    /// A failed save is reported once, not on every mark.
    save_failure_reported: bool,
    /// The update of followed topics, while one runs; dropping it stops the update between requests.
    update: Option<crate::follow_worker::RunningUpdate>,
}

pub fn run(args: OpenArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // Load before touching the terminal, so a bad file is reported on a normal screen.
    let library = load_library(&args.files, args.topic.as_deref())?;
    let (marks, warnings) = match args.state.clone().or_else(MarkStore::default_path) {
        Some(path) => MarkStore::open(path),
        None => (MarkStore::in_memory(), vec!["no data directory: marks last for this session only".into()]),
    };
    for warning in &warnings {
        crate::cli::report(format!("warning: {warning}"));
    }
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    // The search index is built once the first frame is up: it is most of the start-up's work.
    let mut app = App::before_indexing(library, marks, width, height);
    app.colors = std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    app.status = warnings.first().cloned();

    // ratatui::init chains its own panic hook (restore the screen) in front of this one.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        default_hook(info);
    }));
    let mut terminal = ratatui::init();
    let _ = execute!(stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    if let Err(err) = app.marks.save() {
        crate::cli::report(format!("warning: {err}"));
    }
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let (sender, inputs) = mpsc::channel();
    spawn_terminal_reader(sender.clone());
    spawn_signal_watcher(sender.clone())?;
    let mut outside = Outside {
        searches: spawn_searcher(app, sender.clone()),
        inputs: sender,
        save_failure_reported: false,
        update: None,
    };
    let size = terminal.size()?;
    dispatch(app, Action::Resize { width: size.width, height: size.height }, &mut outside);
    for effect in app::startup_effects(app) {
        carry_out(app, effect, &mut outside);
    }
    let mut changed = true;
    loop {
        if changed {
            terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
            panic_if_asked_to_by_a_test();
        }
        changed = false;
        let first = inputs.recv()?;
        // Handle everything already queued before drawing again: fast typing costs one frame, not one per key.
        for input in std::iter::once(first).chain(drain(&inputs)) {
            let action = match input {
                Input::Terminal(event) => action_for_event(app, event),
                Input::Action(action) => Some(action),
                Input::Signal => Some(Action::Quit),
            };
            // Events that mean nothing here (mouse moves, key releases) cost no frame.
            if let Some(action) = action {
                dispatch(app, action, &mut outside);
                changed = true;
            }
        }
        if app.should_quit {
            return Ok(());
        }
    }
}

/// The end-to-end tests check that a panic leaves the terminal restored; debug builds can be asked to panic.
fn panic_if_asked_to_by_a_test() {
    if cfg!(debug_assertions) && std::env::var_os("LENAVIEW_PANIC_AFTER_FIRST_FRAME").is_some() {
        panic!("asked to panic by LENAVIEW_PANIC_AFTER_FIRST_FRAME");
    }
}

fn drain(inputs: &Receiver<Input>) -> Vec<Input> {
    inputs.try_iter().collect()
}

fn dispatch(app: &mut App, action: Action, outside: &mut Outside) {
    for effect in app::update(app, action) {
        carry_out(app, effect, outside);
    }
}

fn carry_out(app: &mut App, effect: Effect, outside: &mut Outside) {
    match effect {
        Effect::Search(job) => outside.searches.submit(SearchRequest {
            generation: job.generation,
            query: job.query,
            scope: job.scope,
            within: job.within,
        }),
        Effect::MarkReadLater(id) => {
            let inputs = outside.inputs.clone();
            thread::spawn(move || {
                thread::sleep(READ_AFTER);
                let _ = inputs.send(Input::Action(Action::MarkReadIfShown(id)));
            });
        }
        Effect::SaveMarks => {
            let result = app.marks.save();
            let mut problems = app.marks.take_warnings();
            if let Err(err) = result
                && !outside.save_failure_reported
            {
                outside.save_failure_reported = true;
                problems.push(err);
            }
            if let Some(problem) = problems.pop() {
                app.status = Some(problem);
            }
        }
        Effect::Copy(text) => {
            let mut sequence = osc52::copy_sequence(&text);
            if std::env::var_os("TMUX").is_some() {
                sequence = osc52::wrap_for_tmux(&sequence);
            }
            let mut out = stdout();
            let _ = out.write_all(sequence.as_bytes()).and_then(|()| out.flush());
        }
        Effect::OpenUrl(url) => open_in_browser(url, outside.inputs.clone()),
        Effect::UseIndex(index) => outside.searches.replace_index(index.0),
        Effect::BuildIndex(catalog) => {
            let inputs = outside.inputs.clone();
            thread::spawn(move || {
                let index = Arc::new(lenaview::search::Index::new(&catalog.0.publications));
                let _ = inputs.send(Input::Action(Action::IndexBuilt(app::following::SharedIndex(index))));
            });
        }
        Effect::UpdateFollowed => {
            let inputs = outside.inputs.clone();
            let send = move |action| {
                let _ = inputs.send(Input::Action(action));
            };
            match crate::follow_worker::start(Arc::clone(&app.catalog), send) {
                Ok(running) => outside.update = Some(running),
                Err(err) => {
                    let summary = format!("Update failed: cannot start a thread for it: {err}");
                    let finished = Action::UpdateFinished { details: vec![summary.clone()], summary };
                    let _ = outside.inputs.send(Input::Action(finished));
                }
            }
        }
        Effect::WriteExport { format, contents, count } => {
            app.status = Some(write_export(format, &contents, count));
        }
    }
}

fn write_export(format: ExportFormat, contents: &str, count: usize) -> String {
    let dir = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let path = export::unused_export_path(&dir, format);
    match export::write_atomically(&path, contents.as_bytes()) {
        Ok(()) => format!("Exported {count} publications as {} to {}", format.name(), path.display()),
        Err(err) => format!("Export failed: {}: {err}", path.display()),
    }
}

/// `$BROWSER` when set, else the platform's opener. The URL is already in the status bar, for terminals
/// with no browser at hand; a failure to start one says so there.
fn open_in_browser(url: String, inputs: Sender<Input>) {
    let browser = std::env::var("BROWSER").ok().filter(|value| !value.trim().is_empty());
    let opener = browser.unwrap_or_else(|| if cfg!(target_os = "macos") { "open" } else { "xdg-open" }.to_string());
    let spawned =
        Command::new(&opener).arg(&url).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
    match spawned {
        // Reap the browser launcher when it exits, off the UI thread.
        Ok(mut child) => {
            thread::spawn(move || child.wait());
        }
        Err(err) => {
            let message = format!("Could not start {opener} ({err}); the link is {url}");
            let _ = inputs.send(Input::Action(Action::ShowStatus(message)));
        }
    }
}

fn action_for_event(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => app::keymap::action_for(key, app.mode()),
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
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

fn spawn_terminal_reader(sender: Sender<Input>) {
    thread::spawn(move || {
        while let Ok(event) = event::read() {
            if sender.send(Input::Terminal(event)).is_err() {
                break;
            }
        }
    });
}

fn spawn_signal_watcher(sender: Sender<Input>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = sender.send(Input::Signal);
        }
    });
    Ok(())
}

/// Searches run off the UI thread, narrowing as a query grows; answers come back through the input channel.
fn spawn_searcher(app: &App, inputs: Sender<Input>) -> BackgroundSearch {
    BackgroundSearch::spawn(Arc::clone(&app.index), move |response| {
        let done = Action::SearchDone { generation: response.generation, hits: response.hits };
        let _ = inputs.send(Input::Action(done));
    })
}
