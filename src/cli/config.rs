//! The config file on disk: where it is read from (`--config`, else `LENAVIEW_CONFIG`, else the config folder's
//! `config.toml`), reading it, and `lenaview config`.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use lenaview::app::config::{self, Loaded, default_file::default_file};
use lenaview::app::palette::ThemeName;
use lenaview::formats::Diagnostic;

use super::{CliError, report, say, write_stdout};

#[derive(Debug, Args)]
#[command(after_help = "\
The config file is $XDG_CONFIG_HOME/lenaview/config.toml (~/.config/lenaview/config.toml), or the file that
--config or LENAVIEW_CONFIG names (--config wins). It sets keys, colours (theme = \"light\" for a light
terminal), the list's order and the search scope at start, and the email sent to PubMed.")]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print a commented config with every setting at its default (save it as the config file to edit it).
    #[arg(long)]
    pub default: bool,
    /// Print where the config file is read from, and whether it is there.
    #[arg(long)]
    pub path: bool,
    /// Read the config file and say what is wrong with it, if anything (exit 2 when it has errors).
    #[arg(long)]
    pub check: bool,
}

/// Where the config is read from, and whether the user named it (then it must be there).
pub struct Location {
    pub path: PathBuf,
    pub named_by: Option<&'static str>,
}

/// `--config` wins over `LENAVIEW_CONFIG`, which wins over the config folder's `config.toml`.
pub fn locate(flag: Option<&Path>) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location { path: path.to_path_buf(), named_by: Some("--config") });
    }
    if let Some(path) = std::env::var_os("LENAVIEW_CONFIG").filter(|value| !value.is_empty()) {
        return Some(Location { path: PathBuf::from(path), named_by: Some("LENAVIEW_CONFIG") });
    }
    let path = lenaview::durable::paths::config_dir()?.join("config.toml");
    Some(Location { path, named_by: None })
}

/// The config in force: the file's, or the defaults when there is no file at the default place. `light` is
/// `--light`. A file with errors is refused, every error named with its line.
pub fn load(flag: Option<&Path>, light: bool) -> Result<Loaded, CliError> {
    let defaults = || Loaded { config: config::Config::with_theme(theme(light)), warnings: Vec::new() };
    let Some(location) = locate(flag) else { return Ok(defaults()) };
    let name = location.path.display().to_string();
    let bytes = match std::fs::read(&location.path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == ErrorKind::NotFound && location.named_by.is_none() => return Ok(defaults()),
        Err(err) => {
            let by = location.named_by.map_or(String::new(), |by| format!(" (named by {by})"));
            return Err(CliError::Config(vec![Diagnostic::error(&name, 0, format!("cannot read{by}: {err}"))]));
        }
    };
    config::parse(&name, &bytes, light).map_err(CliError::Config)
}

fn theme(light: bool) -> ThemeName {
    if light { ThemeName::Light } else { ThemeName::Dark }
}

pub fn run(args: ConfigArgs, flag: Option<&Path>) -> Result<ExitCode, CliError> {
    if args.default {
        write_stdout(default_file().as_bytes())?;
    } else if args.path {
        match locate(flag) {
            Some(location) => {
                let missing = match location.named_by {
                    _ if location.path.exists() => String::new(),
                    Some(by) => format!(" (not there: named by {by}, so lenaview will not start)"),
                    None => " (not there: the defaults are used)".to_string(),
                };
                say(format!("{}{missing}", location.path.display()));
            }
            None => say("no config folder ($XDG_CONFIG_HOME or $HOME): the defaults are used"),
        }
    } else {
        let loaded = load(flag, false)?;
        for warning in &loaded.warnings {
            report(format!("warning: {warning}"));
        }
        let source = locate(flag).map_or("the defaults".to_string(), |location| location.path.display().to_string());
        say(format!("{source}: fine"));
    }
    Ok(ExitCode::SUCCESS)
}
