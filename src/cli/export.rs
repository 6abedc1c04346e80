use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_name = "FORMAT")]
    pub format: String,

    /// Files to export from instead of the bundled library.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(_args: ExportArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    Err("export is not implemented yet".into())
}
