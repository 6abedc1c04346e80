//! A user's machine for tests of the real binary: its own config and data folders, and none of the environment
//! that would reach past them (a config named elsewhere, an email, an API key, a proxy).

#![allow(dead_code)] // Each test binary uses its part.

use std::process::Command;

pub struct Machine {
    pub config: tempfile::TempDir,
    pub data: tempfile::TempDir,
}

/// Variables of the test's own environment that would change what lenaview does.
const OUTSIDE: &[&str] = &[
    "LENAVIEW_CONFIG",
    "LENAVIEW_EMAIL",
    "NCBI_API_KEY",
    "ALL_PROXY",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "all_proxy",
    "https_proxy",
    "http_proxy",
];

impl Machine {
    pub fn new() -> Machine {
        Machine { config: tempfile::tempdir().unwrap(), data: tempfile::tempdir().unwrap() }
    }

    /// `lenaview ARGS` on this machine.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_lenaview"));
        command
            .args(args)
            .env("XDG_CONFIG_HOME", self.config.path())
            .env("XDG_DATA_HOME", self.data.path())
            .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"));
        for name in OUTSIDE {
            command.env_remove(name);
        }
        command
    }

    /// As [`Machine::command`], talking to the E-utilities at `eutils_url` as reader@example.org.
    pub fn command_with_pubmed(&self, eutils_url: &str, args: &[&str]) -> Command {
        let mut command = self.command(args);
        command.env("LENAVIEW_EUTILS_URL", eutils_url).env("LENAVIEW_EMAIL", "reader@example.org");
        command
    }
}
