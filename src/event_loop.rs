//! The terminal session: set-up, the event loop, and giving the terminal back however the session ends
//! (q, Ctrl-C, SIGTERM/SIGHUP/SIGINT, or a panic).

use std::io::stdout;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use lenaview::app::{self, Action, App, Effect, SearchJob};
use lenaview::search::{Hit, Index};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind};
use ratatui::crossterm::execute;

use crate::cli::{OpenArgs, load_library};

/// Everything the loop waits for, from one channel so it can block instead of polling.
enum Input {
    Terminal(Event),
    SearchDone { generation: u64, hits: Vec<Hit> },
    Signal,
}

pub fn run(args: OpenArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    // Load before touching the terminal, so a bad file is reported on a normal screen.
    let library = load_library(&args.files)?;
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(library, width, height);
    app.colors = std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());

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
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> Result<(), Box<dyn std::error::Error>> {
    let (sender, inputs) = mpsc::channel();
    spawn_terminal_reader(sender.clone());
    spawn_signal_watcher(sender.clone())?;
    let searcher = spawn_searcher(Arc::clone(&app.index), sender);
    let size = terminal.size()?;
    dispatch(app, Action::Resize { width: size.width, height: size.height }, &searcher);
    loop {
        terminal.draw(|frame| frame.render_widget(&*app, frame.area()))?;
        let first = inputs.recv()?;
        // Handle everything already queued before drawing again: fast typing costs one frame, not one per key.
        for input in std::iter::once(first).chain(drain(&inputs)) {
            let action = match input {
                Input::Terminal(event) => action_for_event(app, event),
                Input::SearchDone { generation, hits } => Some(Action::SearchDone { generation, hits }),
                Input::Signal => Some(Action::Quit),
            };
            if let Some(action) = action {
                dispatch(app, action, &searcher);
            }
        }
        if app.should_quit {
            return Ok(());
        }
    }
}

fn drain(inputs: &Receiver<Input>) -> Vec<Input> {
    inputs.try_iter().collect()
}

fn dispatch(app: &mut App, action: Action, searcher: &Sender<SearchJob>) {
    for effect in app::update(app, action) {
        match effect {
            Effect::Search(job) => {
                let _ = searcher.send(job);
            }
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

/// Runs searches off the UI thread; of the jobs queued while one runs, only the newest is worth doing.
fn spawn_searcher(index: Arc<Index>, results: Sender<Input>) -> Sender<SearchJob> {
    let (jobs, queue) = mpsc::channel::<SearchJob>();
    thread::spawn(move || {
        while let Ok(mut job) = queue.recv() {
            while let Ok(newer) = queue.try_recv() {
                job = newer;
            }
            let hits = index.search(&job.query, job.scope, &job.within);
            if results.send(Input::SearchDone { generation: job.generation, hits }).is_err() {
                break;
            }
        }
    });
    jobs
}
