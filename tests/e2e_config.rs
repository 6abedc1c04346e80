//! The config file in a real pseudo-terminal: the reader answers to rebound keys, and a config with errors
//! never takes the terminal.

mod pty;

use portable_pty::CommandBuilder;
use pty::{Session, contains};

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new(config: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), config).unwrap();
        Workspace { dir }
    }

    fn start(&self, env: &[(&str, &str)]) -> Session {
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_lenaview"));
        command.arg(format!("--state={}", self.dir.path().join("state.json").display()));
        command.arg(format!("--config={}", self.dir.path().join("config.toml").display()));
        Session::spawn(command, env, Some(self.dir.path()))
    }

    fn state(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("state.json")).unwrap_or_default()
    }
}

#[test]
fn rebound_keys_star_open_the_help_and_quit() {
    let workspace = Workspace::new("[keys]\nstar = [\"x\"]\nhelp = [\"f1\"]\nquit = [\"ctrl-q\"]\n");
    let mut session = workspace.start(&[]);
    session.wait_for_text("F1 help");
    session.type_keys(b"s");
    session.type_keys(b"x");
    session.wait_for_text("Starred");
    session.type_keys(b"\x1bOP");
    session.wait_for_text("Show or hide this help");
    // The help's own keys are its table's, [keys.help_overlay]: `?` still closes it.
    session.type_keys(b"?");
    session.wait_for("the help to close", |screen| !screen.contents().contains("Show or hide this help"));
    session.type_keys(b"q");
    session.type_keys(b"x");
    session.wait_for_text("Unstarred");
    assert!(session.is_running(), "q no longer quits");
    session.type_keys(b"x");
    session.wait_for("the star again", |screen| screen.contents().contains("Starred"));
    session.type_keys(b"\x11");
    assert!(session.wait_for_exit().success());
    assert!(workspace.state().contains("\"starred\": true"), "{}", workspace.state());
}

#[test]
fn a_config_with_errors_exits_2_without_taking_the_terminal() {
    let workspace = Workspace::new("[colors]\nborder = \"bleu\"\n");
    let mut session = workspace.start(&[]);
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 2);
    assert!(!contains(&session.raw, b"\x1b[?1049h"), "the alternate screen was never entered");
    assert!(
        session.screen_text().contains("config.toml:2: border: \"bleu\" is not a colour"),
        "{}",
        session.screen_text()
    );
}
