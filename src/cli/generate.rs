//! `lenaview generate`: a deterministic synthetic library, to try lenaview (and its search) at scale.

use super::CliError;
use std::process::ExitCode;

use clap::Args;
use lenaview::formats::library_json;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many publications.
    #[arg(long, default_value_t = 100_000)]
    pub count: usize,

    /// The same seed gives the same library.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(args: GenerateArgs) -> Result<ExitCode, CliError> {
    let library = lenaview::synthetic::library(args.count, args.seed);
    super::write_stdout(library_json::to_string(&library).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
