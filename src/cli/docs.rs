//! Shell completions and the man page, generated from the clap definitions that `--help` prints, so that
//! neither can fall out of step with the options lenaview really takes.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_name = "SHELL")]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write lenaview.1 and a lenaview-COMMAND.1 for every subcommand into DIR (e.g. ~/.local/share/man/man1),
    /// the pages the main page refers to, instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> Result<ExitCode, CliError> {
    super::write_stdout(&completion_script(args.shell))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(args: ManArgs) -> Result<ExitCode, CliError> {
    match args.dir {
        Some(dir) => {
            clap_mangen::generate_to(documented_command(), &dir)
                .map_err(|err| format!("cannot write man pages to {}: {err}", dir.display()))?;
            super::report(format!("wrote man pages to {}", dir.display()));
        }
        None => super::write_stdout(&man_page()?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The command tree without clap's `help` subcommand, which has no page of its own (`generate_to` drops it too).
fn documented_command() -> clap::Command {
    Cli::command().disable_help_subcommand(true)
}

/// Built in memory: clap_complete panics when its writer fails, and `lenaview completions bash | head` must not.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "lenaview", &mut script);
    script
}

pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(documented_command()).render(&mut page)?;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subcommand_names() -> Vec<String> {
        Cli::command().get_subcommands().map(|command| command.get_name().to_string()).collect()
    }

    #[test]
    fn every_shell_script_names_every_subcommand() {
        let names = subcommand_names();
        assert!(names.len() >= 10 && names.contains(&"completions".to_string()), "{names:?}");
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let script = String::from_utf8(completion_script(shell)).unwrap();
            assert!(script.contains("lenaview"), "{shell}: {script}");
            for name in &names {
                assert!(script.contains(name.as_str()), "{shell} script lacks {name}");
            }
        }
    }

    #[test]
    fn the_man_page_names_every_subcommand() {
        let page = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(page.contains(".TH lenaview 1"), "{page}");
        for name in subcommand_names().iter().filter(|name| *name != "help") {
            assert!(page.contains(&format!("lenaview\\-{name}(1)")), "man page lacks {name}:\n{page}");
        }
        assert!(!page.contains("lenaview\\-help(1)"), "a page that --dir does not write");
    }

    #[test]
    fn the_man_folder_has_a_page_for_every_page_the_main_page_names() {
        let directory = tempfile::tempdir().unwrap();
        clap_mangen::generate_to(documented_command(), directory.path()).unwrap();
        let main = std::fs::read_to_string(directory.path().join("lenaview.1")).unwrap();
        for name in subcommand_names().iter().filter(|name| *name != "help") {
            assert!(main.contains(&format!("lenaview\\-{name}(1)")), "{name}");
            let page = std::fs::read_to_string(directory.path().join(format!("lenaview-{name}.1"))).unwrap();
            assert!(page.contains(".SH SYNOPSIS"), "{name}: {page}");
        }
        let export = std::fs::read_to_string(directory.path().join("lenaview-export.1")).unwrap();
        assert!(export.contains("\\-\\-format"), "{export}");
    }
}
