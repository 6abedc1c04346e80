use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The fuzzy query; words match independently, in any order.
    pub query: String,

    /// Files to search instead of the bundled library.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,

    /// Print at most N matches.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(_args: SearchArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    Err("search is not implemented yet".into())
}
