//! Command-line interface: arguments (clap) and the subcommands that run without the TUI.

mod add;
pub mod config;
mod docs;
mod export;
mod follow;
mod generate;
mod import;
mod load;
mod open;
mod search;
mod update;

pub use load::{add_notes, load_library, load_library_warning};

use std::fmt::Display;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use lenaview::formats::Diagnostic;
use lenaview::formats::clean::terminal_safe;

/// A terminal reader for biomedical research literature.
///
/// Run with no arguments to read the bundled Lenalidomide library, or give library JSON,
/// CancerIndex page text, PubMed (MEDLINE) or RIS files to read those.
#[derive(Debug, Parser)]
#[command(name = "lenaview", version, about, subcommand_precedence_over_arg = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub open: OpenArgs,

    /// Parse every file instead of reading parsed files from the cache ($XDG_CACHE_HOME/lenaview/parsed),
    /// and write no cache; also LENAVIEW_NO_CACHE=1.
    #[arg(long, global = true)]
    pub no_cache: bool,

    /// Read this config file instead of $XDG_CONFIG_HOME/lenaview/config.toml; also LENAVIEW_CONFIG=FILE.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Files to open instead of the bundled library (format detected from content).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// State file for read and starred marks (default: $XDG_DATA_HOME/lenaview/state.json).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// Place the files' publications under this topic, e.g. "Treatments/Biological Therapies/Pomalidomide".
    #[arg(long, value_name = "PATH")]
    pub topic: Option<String>,

    /// Colours for a light terminal (as theme = "light" in the config file); NO_COLOR still turns colour off.
    #[arg(long)]
    pub light: bool,
}

impl OpenArgs {
    /// What the reader's arguments hold when a subcommand follows them, said for the user: files and options
    /// go after the subcommand's name.
    fn given_before_subcommand(&self) -> Option<String> {
        let misplaced = match (self.files.first(), &self.state, &self.topic) {
            (Some(file), _, _) => format!("the file '{}'", file.display()),
            (None, Some(_), _) => "--state".to_string(),
            (None, None, Some(_)) => "--topic".to_string(),
            (None, None, None) if self.light => "--light".to_string(),
            (None, None, None) => return None,
        };
        Some(format!("{misplaced} comes before the subcommand: give files and reader options after it"))
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read page text, MEDLINE, RIS or library JSON files and print one library as JSON.
    Import(import::ImportArgs),
    /// Print the publications whose titles match QUERY, best first (exit 1 when none do).
    Search(search::SearchArgs),
    /// Write publications as BibTeX, RIS, CSV, library JSON or CSL JSON.
    Export(export::ExportArgs),
    /// Keep files in the library folder ($XDG_DATA_HOME/lenaview/library), opened at every start.
    Add(add::AddArgs),
    /// Print a synthetic library JSON of any size (for trying lenaview and its search at scale).
    Generate(generate::GenerateArgs),
    /// Make a topic follow a PubMed query; `lenaview update` then fetches what PubMed adds.
    Follow(follow::FollowArgs),
    /// Stop following a topic (its fetched papers stay in the library).
    Unfollow(follow::UnfollowArgs),
    /// List the followed topics: queries, last update, counts.
    Following(follow::FollowingArgs),
    /// Fetch what PubMed added to the followed topics since their last update.
    Update(update::UpdateArgs),
    /// Print the completion script for a shell (bash, zsh, fish, elvish or powershell).
    Completions(docs::CompletionsArgs),
    /// Print the man page (roff), or write one page per command to a folder with --dir.
    Man(docs::ManArgs),
    /// Print the default config file (--default), where it is read from (--path), or check it (--check).
    Config(config::ConfigArgs),
}

/// Why a command failed, as `main` prints it after "lenaview: ".
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file or setting that could not be used, named with its line.
    #[error(transparent)]
    Input(#[from] Diagnostic),
    /// A usage or environment problem, said in words for the user.
    #[error("{0}")]
    Said(String),
    /// Reading, writing or the terminal failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// The config file has errors, each named with its line: nothing starts on it.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Config(Vec<Diagnostic>),
}

/// The exit status for a config that cannot be used, as for a usage error.
const BAD_CONFIG: u8 = 2;

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Config(_) => ExitCode::from(BAD_CONFIG),
            _ => ExitCode::FAILURE,
        }
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Said(message)
    }
}

impl From<&str> for CliError {
    fn from(message: &str) -> Self {
        CliError::Said(message.to_string())
    }
}

/// Says something on stderr, after the program's name. Messages quote file names and data, which may hold
/// control characters: these are shown inert, never sent to the terminal as they are.
pub fn report(message: impl Display) {
    eprintln!("lenaview: {}", terminal_safe(&message.to_string()));
}

/// A line of a command's text output on stdout, which quotes data (topic paths, queries, titles) and so is
/// made as inert as what goes to stderr.
pub fn say(line: impl Display) {
    println!("{}", terminal_safe(&line.to_string()));
}

/// Writes to stdout; a reader that stopped early (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result,
    }
}

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    if cli.command.is_some()
        && let Some(misplaced) = cli.open.given_before_subcommand()
    {
        // Clap takes these as the reader's own arguments; the subcommand would silently go without them.
        use clap::CommandFactory;
        Cli::command().error(clap::error::ErrorKind::ArgumentConflict, misplaced).exit();
    }
    if cli.no_cache {
        load::turn_cache_off();
    }
    match cli.command {
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Search(args)) => search::run(args),
        Some(Command::Export(args)) => export::run(args),
        Some(Command::Add(args)) => add::run(args),
        Some(Command::Generate(args)) => generate::run(args),
        Some(Command::Follow(args)) => follow::follow(args),
        Some(Command::Unfollow(args)) => follow::unfollow(args),
        Some(Command::Following(args)) => follow::following(args),
        Some(Command::Update(args)) => update::run_update(args, cli.config.as_deref()),
        Some(Command::Completions(args)) => docs::completions(args),
        Some(Command::Man(args)) => docs::man(args),
        Some(Command::Config(args)) => config::run(args, cli.config.as_deref()),
        None => open::run(cli.open, cli.config.as_deref()),
    }
}
