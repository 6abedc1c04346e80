//! What a newcomer types first: --help and --version, for the command and each subcommand.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_DATA_HOME", "/nonexistent/lenaview-tests")
        .output()
        .unwrap();
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn version_names_the_program_and_its_version() {
    let (ok, text) = run(&["--version"]);
    assert!(ok);
    assert_eq!(text.trim(), format!("lenaview {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_every_subcommand_and_each_has_its_own_help() {
    let (ok, text) = run(&["--help"]);
    assert!(ok);
    for subcommand in ["import", "search", "export", "add"] {
        assert!(text.contains(subcommand), "--help mentions {subcommand}:\n{text}");
        let (ok, own) = run(&[subcommand, "--help"]);
        assert!(ok, "{subcommand} --help");
        assert!(own.contains(&format!("lenaview {subcommand}")), "{own}");
    }
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_lenaview")).arg("/nonexistent/page.txt").output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("lenaview: /nonexistent/page.txt: cannot read"), "{stderr}");
}

#[test]
fn completions_and_the_man_page_come_from_the_real_binary() {
    for shell in ["bash", "zsh", "fish"] {
        let (ok, script) = run(&["completions", shell]);
        assert!(ok, "completions {shell}");
        for subcommand in ["import", "search", "export", "follow", "update", "completions", "man"] {
            assert!(script.contains(subcommand), "{shell} completes {subcommand}");
        }
        assert!(script.contains("csl"), "{shell} completes --format csl");
    }
    let (ok, _) = run(&["completions", "tcsh"]);
    assert!(!ok, "an unknown shell is an error");

    let (ok, page) = run(&["man"]);
    assert!(ok);
    assert!(page.contains(".TH lenaview 1") && page.contains(".SH SUBCOMMANDS"), "{page}");
    let directory = tempfile::tempdir().unwrap();
    let (ok, _) = run(&["man", "--dir", directory.path().to_str().unwrap()]);
    assert!(ok);
    assert!(directory.path().join("lenaview.1").is_file());
    assert!(directory.path().join("lenaview-export.1").is_file());
}

#[test]
fn options_for_every_command_may_come_before_the_subcommand() {
    let (ok, before) = run(&["--no-cache", "search", "lenalidomide"]);
    assert!(ok);
    let (_, after) = run(&["search", "--no-cache", "lenalidomide"]);
    assert!(!before.is_empty());
    assert_eq!(before, after);
}

/// The reader's own arguments before a subcommand would otherwise be dropped without a word.
#[test]
fn files_before_a_subcommand_are_a_usage_error_not_dropped() {
    for args in [&["page.txt", "search", "x"][..], &["--state", "s.json", "search", "x"], &["--topic", "T", "export"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_lenaview")).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("comes before the subcommand"), "{args:?}: {stderr}");
    }
}
