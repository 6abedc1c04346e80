//! `lenaview add`: keep files in the library folder, loaded beside the bundled library at every start.

use super::CliError;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use lenaview::formats::clean::terminal_safe;
use lenaview::formats::library_folder;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files to add (PubMed MEDLINE, RIS, CancerIndex page text or library JSON); each is checked first.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

pub fn run(args: AddArgs) -> Result<ExitCode, CliError> {
    let dir =
        library_folder::default_dir().ok_or("no data directory ($XDG_DATA_HOME or $HOME) to keep a library in")?;
    let mut failed = false;
    for file in &args.files {
        match library_folder::add(&dir, file) {
            Ok(added) => {
                let line = if added.already_there {
                    format!("{} is already in the library, as {}", file.display(), added.path.display())
                } else {
                    format!("added {} as {}", file.display(), added.path.display())
                };
                println!("{}", terminal_safe(&line));
            }
            Err(err) => {
                super::report(err);
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
