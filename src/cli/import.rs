//! `lenaview import`: files of any format lenaview reads, merged into one library printed as JSON.

use super::CliError;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use lenaview::formats::export::write_atomically;
use lenaview::formats::library_json;
use lenaview::model::Library;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import (format detected from content).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the library JSON to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Place every page under this topic, e.g. "Treatments/Biological Therapies/Pomalidomide".
    #[arg(long, value_name = "PATH")]
    pub topic: Option<String>,
}

/// Imports every file before writing anything, so that one bad file leaves no output at all; every bad file is
/// reported, not just the first, so that one run shows everything to fix.
pub fn run(args: ImportArgs) -> Result<ExitCode, CliError> {
    let mut library = Library::default();
    let mut failed = false;
    for path in &args.files {
        match super::load::import_reporting(path) {
            Ok(imported) => {
                let mut pages = imported.library;
                if let Some(topic) = &args.topic {
                    super::load::place_under(&mut pages, topic);
                }
                library.extend(pages);
            }
            Err(error) => {
                super::report(error);
                failed = true;
            }
        }
    }
    if failed {
        return Ok(ExitCode::FAILURE);
    }
    let json = library_json::to_string(&library);
    match &args.output {
        Some(output) => {
            write_atomically(output, json.as_bytes())
                .map_err(|err| format!("cannot write {}: {err}", output.display()))?;
        }
        None => {
            super::write_stdout(json.as_bytes()).map_err(|err| format!("cannot write to stdout: {err}"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
