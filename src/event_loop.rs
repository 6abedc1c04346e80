//! The terminal session: set-up, the event loop, and restoring the terminal however it ends.

use std::process::ExitCode;

use crate::cli::OpenArgs;

pub fn run(_args: OpenArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    Err("the reader is not implemented yet".into())
}
