//! `lenaview import`: files of any format lenaview reads, merged into one library printed as JSON.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use lenaview::formats::{self, library_json};
use lenaview::model::Library;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import (format detected from content).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the library JSON to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Imports every file before writing anything, so that one bad file leaves no output at all; every bad file is
/// reported, not just the first, so that one run shows everything to fix.
pub fn run(args: ImportArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let mut library = Library::default();
    let mut failed = false;
    for path in &args.files {
        match formats::import_file(path) {
            Ok(imported) => {
                for warning in &imported.warnings {
                    eprintln!("lenaview: {warning}");
                }
                library.extend(imported.library);
            }
            Err(error) => {
                eprintln!("lenaview: {error}");
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
            let mut stdout = io::stdout().lock();
            match stdout.write_all(json.as_bytes()).and_then(|()| stdout.flush()) {
                // A reader that stops early (`| head`) has all it wanted.
                Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {}
                result => result.map_err(|err| format!("cannot write to stdout: {err}"))?,
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` so that readers see the old file or the whole new one, never a part: a temporary file
/// in the same folder (a rename is only atomic within one file system) is written, synced, then renamed over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let temporary = folder.join(format!(".{}.{}.tmp", file_name.to_string_lossy(), std::process::id()));
    let written = File::create_new(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(err) = written.and_then(|()| fs::rename(&temporary, path)) {
        // Best effort: the write already failed, and that is the error worth reporting.
        let _ = fs::remove_file(&temporary);
        return Err(err);
    }
    // The rename itself is only durable once the folder is synced; not every platform can open a folder for that.
    if let Ok(folder) = File::open(folder) {
        let _ = folder.sync_all();
    }
    Ok(())
}
