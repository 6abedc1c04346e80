//! `lenaview config` and the config file through the real binary, with temporary XDG folders: where the file is
//! read from, the printed default, errors that stop the reader before the terminal is touched, and the email.

#[path = "support/eutils_server.rs"]
mod eutils_server;
#[path = "support/machine.rs"]
mod machine;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use eutils_server::{FakePubMed, Server, papers};

struct Machine(machine::Machine);

impl Machine {
    fn new() -> Machine {
        Machine(machine::Machine::new())
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = self.0.command(args);
        command.stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn default_path(&self) -> PathBuf {
        self.0.config.path().join("lenaview/config.toml")
    }

    fn write_config(&self, text: &str) -> PathBuf {
        let path = self.default_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_text(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn the_printed_default_saved_as_the_config_checks_clean() {
    let machine = Machine::new();
    let printed = machine.run(&["config", "--default"]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    let text = stdout(&printed);
    assert!(text.contains("[keys]\n") && text.contains("star = [\"s\"]") && text.contains("[colors]"), "{text}");
    let path = machine.write_config(&text);
    let checked = machine.run(&["config", "--check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert_eq!(stdout(&checked), format!("{}: fine\n", path_text(&path)));
    assert_eq!(stderr(&checked), "", "no warnings either");
}

#[test]
fn the_flag_wins_over_the_variable_and_the_variable_over_the_default_place() {
    let machine = Machine::new();
    let printed = machine.run(&["config", "--path"]);
    assert_eq!(
        stdout(&printed),
        format!("{} (not there: the defaults are used)\n", path_text(&machine.default_path()))
    );
    let from_variable =
        machine.command(&["config", "--path"]).env("LENAVIEW_CONFIG", "/tmp/from-variable.toml").output();
    assert!(
        stdout(&from_variable.unwrap()).starts_with("/tmp/from-variable.toml (not there: named by LENAVIEW_CONFIG")
    );
    let from_flag = machine
        .command(&["config", "--config", "/tmp/from-flag.toml", "--path"])
        .env("LENAVIEW_CONFIG", "/tmp/from-variable.toml")
        .output();
    assert!(stdout(&from_flag.unwrap()).starts_with("/tmp/from-flag.toml (not there: named by --config"));
}

#[test]
fn a_config_with_errors_stops_the_reader_before_the_terminal_with_every_line_named() {
    let machine = Machine::new();
    let path = machine.write_config("theme = \"sepia\"\n\n[keys]\nstarr = [\"s\"]\n");
    let output = machine.run(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "", "nothing reached the terminal");
    let file = path_text(&path);
    assert_eq!(
        stderr(&output),
        format!(
            "lenaview: {file}:1: theme is one of \"dark\", \"light\"\n\
             lenaview: {file}:4: no action \"starr\" in [keys]\n"
        )
    );
    let checked = machine.run(&["config", "--check"]);
    assert_eq!(checked.status.code(), Some(2));
    assert_eq!(stderr(&checked), stderr(&output));
}

#[test]
fn a_named_config_that_is_not_there_is_an_error_and_a_missing_default_is_not() {
    let machine = Machine::new();
    let output = machine.run(&["config", "--check", "--config", "/nonexistent/lenaview.toml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("lenaview: /nonexistent/lenaview.toml: cannot read (named by --config)"));
    let variable = machine.command(&["config", "--check"]).env("LENAVIEW_CONFIG", "/nonexistent/x.toml").output();
    assert_eq!(variable.unwrap().status.code(), Some(2));
    let fine = machine.run(&["config", "--check"]);
    assert!(fine.status.success(), "{}", stderr(&fine));
}

#[test]
fn a_default_key_taken_over_is_a_warning_on_stderr_for_a_one_shot_command() {
    let machine = Machine::new();
    let path = machine.write_config("[keys]\nstar = [\"s\", \"*\"]\n");
    let output = machine.run(&["config", "--check"]);
    assert!(output.status.success());
    assert_eq!(
        stderr(&output),
        format!(
            "lenaview: warning: {}:2: \"*\" now does star, no longer only_starred (Only starred (on/off)), \
             which has no key left\n",
            path_text(&path)
        )
    );
}

#[test]
fn the_config_email_is_sent_unless_the_environment_names_one() {
    let pubmed = FakePubMed::new(papers(3_000, 1, 1));
    let server = {
        let pubmed = pubmed.clone();
        Server::start(move |_, request| pubmed.answer(request))
    };
    let machine = Machine::new();
    machine.write_config("email = \"config@example.org\"\n");
    let follow = machine.0.config.path().join("lenaview/follow.toml");
    std::fs::write(&follow, "email = \"follow@example.org\"\n\n[[topic]]\npath = \"A\"\nquery = \"a\"\n").unwrap();
    let output = machine.command(&["update"]).env("LENAVIEW_EUTILS_URL", server.url()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(server.requests().iter().all(|request| request.param("email") == Some("config@example.org")));

    let before = server.requests().len();
    let output = machine
        .command(&["update", "--since", "2020-01-01"])
        .env("LENAVIEW_EUTILS_URL", server.url())
        .env("LENAVIEW_EMAIL", "env@example.org")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let later = &server.requests()[before..];
    assert!(!later.is_empty());
    assert!(later.iter().all(|request| request.param("email") == Some("env@example.org")));
}
