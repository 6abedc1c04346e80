//! Command-line interface: arguments (clap) and the subcommands that run without the TUI.

mod export;
mod import;
mod search;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// A terminal reader for biomedical research literature.
///
/// Run with no arguments to read the bundled Lenalidomide library, or give library JSON,
/// CancerIndex page text, PubMed (MEDLINE) or RIS files to read those.
#[derive(Debug, Parser)]
#[command(name = "lenaview", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub open: OpenArgs,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Files to open instead of the bundled library (format detected from content).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// State file for read and starred marks (default: $XDG_DATA_HOME/lenaview/state.json).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read page text, MEDLINE, RIS or library JSON files and print one library as JSON.
    Import(import::ImportArgs),
    /// Print the publications whose titles match QUERY, best first (exit 1 when none do).
    Search(search::SearchArgs),
    /// Write publications as BibTeX, RIS, CSV or JSON.
    Export(export::ExportArgs),
}

/// The library to read: the given files merged, or the bundled library when there are none.
/// Warnings (skipped records) go to stderr; the first unreadable file is the error.
pub fn load_library(files: &[PathBuf]) -> Result<lenaview::model::Library, lenaview::formats::Diagnostic> {
    if files.is_empty() {
        return Ok(lenaview::formats::bundled());
    }
    let mut library = lenaview::model::Library::default();
    for file in files {
        let imported = lenaview::formats::import_file(file)?;
        for warning in &imported.warnings {
            eprintln!("lenaview: warning: {warning}");
        }
        library.extend(imported.library);
    }
    Ok(library)
}

pub fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match cli.command {
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Search(args)) => search::run(args),
        Some(Command::Export(args)) => export::run(args),
        None => crate::event_loop::run(cli.open),
    }
}
