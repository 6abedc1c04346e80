//! The `lenaview` command: the command line, the terminal and the event loop. The only place that does terminal I/O.

mod allocator;
mod browser;
mod cli;
mod event_loop;
mod follow_worker;
mod note_editor;
mod terminal;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // One line each, so every error of a config file says "lenaview:" before its file and line.
            for line in err.to_string().lines() {
                cli::report(line);
            }
            err.exit_code()
        }
    }
}
