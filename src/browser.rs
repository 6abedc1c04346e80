//! Opening a link the way `$BROWSER` says, off the UI thread, with failures reported back.
//!
//! `$BROWSER` is a colon-separated list of commands tried in order until one succeeds; each may carry
//! arguments, and `%s` in them stands for the URL (`%%` for a percent sign), else the URL is the last argument.
//! A graphical browser runs with no terminal; a terminal browser (w3m, lynx, ...) needs the terminal, which
//! only the UI thread can lend it.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Sender};
use std::thread;

/// Browsers that draw in the terminal, known by the name of their program.
const TERMINAL_BROWSERS: &[&str] = &["w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl"];

/// One way to open the link: a program and its arguments, the URL already in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserCommand {
    pub program: String,
    pub args: Vec<String>,
}

impl BrowserCommand {
    pub fn needs_the_terminal(&self) -> bool {
        let name = Path::new(&self.program).file_name().and_then(|name| name.to_str()).unwrap_or("");
        TERMINAL_BROWSERS.contains(&name)
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        command
    }
}

/// The commands to try for `url`: those of `$BROWSER` when it names any, else the platform's opener.
pub fn commands_for(url: &str, browser_variable: Option<&str>) -> Vec<BrowserCommand> {
    let from_variable: Vec<BrowserCommand> =
        browser_variable.unwrap_or("").split(':').filter_map(|entry| command_from(entry, url)).collect();
    if !from_variable.is_empty() {
        return from_variable;
    }
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    vec![BrowserCommand { program: opener.into(), args: vec![url.into()] }]
}

/// One entry of `$BROWSER`, split at white space (quotes are not interpreted, as in most readers of it).
fn command_from(entry: &str, url: &str) -> Option<BrowserCommand> {
    let mut words = entry.split_whitespace();
    let program = words.next()?.to_string();
    let mut args: Vec<String> = words.map(str::to_string).collect();
    let has_placeholder = std::iter::once(&program).chain(&args).any(|word| word.contains("%s"));
    if has_placeholder {
        args = args.iter().map(|word| fill_in(word, url)).collect();
    } else {
        args.push(url.to_string());
    }
    Some(BrowserCommand { program: fill_in(&program, url), args })
}

/// `%s` becomes the URL and `%%` a percent sign, in one pass: a `%` inside the URL stays as it is.
fn fill_in(word: &str, url: &str) -> String {
    let mut filled = String::with_capacity(word.len() + url.len());
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('%', Some('s')) => {
                chars.next();
                filled.push_str(url);
            }
            ('%', Some('%')) => {
                chars.next();
                filled.push('%');
            }
            _ => filled.push(c),
        }
    }
    filled
}

/// A terminal browser for the UI thread to run in the foreground, the terminal lent to it; the outcome
/// goes back on `done`.
pub struct ForegroundRun {
    pub command: BrowserCommand,
    pub done: Sender<io::Result<ExitStatus>>,
}

/// What the status bar and the message log say when no browser opened `url`: why each failed, what to do
/// when no browser was named, and the link itself, for the user to copy.
pub fn failure_message(url: &str, failures: &[String], browser_named: bool) -> String {
    let advice = if browser_named { "" } else { "; set $BROWSER to choose a browser" };
    format!("Could not open the link ({}{advice}): {url}", failures.join("; "))
}

/// Tries `commands` in order on a thread of its own, until one starts and exits successfully. Terminal
/// browsers are handed to `run_in_foreground`; when every command failed, `report_failure` gets why each did.
pub fn open_in_background(
    commands: Vec<BrowserCommand>,
    run_in_foreground: impl Fn(ForegroundRun) -> bool + Send + 'static,
    report_failure: impl FnOnce(Vec<String>) + Send + 'static,
) {
    thread::spawn(move || {
        let mut failures = Vec::new();
        for command in commands {
            let outcome = if command.needs_the_terminal() {
                let (done, outcome) = mpsc::channel();
                if !run_in_foreground(ForegroundRun { command: command.clone(), done }) {
                    return;
                }
                match outcome.recv() {
                    Ok(outcome) => outcome,
                    // The reader quit before it could lend the terminal.
                    Err(_) => return,
                }
            } else {
                // Its output would scribble over the screen; a launcher reports failure by its exit status.
                command.command().stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).status()
            };
            match outcome {
                Ok(status) if status.success() => return,
                Ok(status) => failures.push(format!("{} {}", command.program, describe(status))),
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    failures.push(format!("{} not found", command.program))
                }
                Err(err) => failures.push(format!("{} could not start ({err})", command.program)),
            }
        }
        report_failure(failures);
    });
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return format!("was killed by signal {signal}");
    }
    match status.code() {
        Some(code) => format!("exited with status {code}"),
        None => format!("ended: {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://pubmed.ncbi.nlm.nih.gov/?term=a%20b";

    fn command(program: &str, args: &[&str]) -> BrowserCommand {
        BrowserCommand { program: program.into(), args: args.iter().map(|arg| arg.to_string()).collect() }
    }

    #[test]
    fn a_plain_browser_gets_the_url_as_its_last_argument() {
        assert_eq!(commands_for(URL, Some("firefox")), vec![command("firefox", &[URL])]);
    }

    #[test]
    fn arguments_are_kept_and_a_placeholder_takes_the_url() {
        assert_eq!(commands_for(URL, Some("firefox --new-window")), vec![command("firefox", &["--new-window", URL])]);
        let expected = command("chromium", &["--app=https://pubmed.ncbi.nlm.nih.gov/?term=a%20b", "--incognito"]);
        assert_eq!(commands_for(URL, Some("chromium --app=%s --incognito")), vec![expected]);
        // The URL's own percent signs are not placeholders, and `%%` is a percent sign.
        assert_eq!(commands_for(URL, Some("echo 100%% %s")), vec![command("echo", &["100%", URL])]);
    }

    #[test]
    fn a_colon_separated_list_is_tried_in_order_and_empty_entries_are_skipped() {
        let commands = commands_for(URL, Some("xdg-open::  w3m -o confirm_qq=0 %s :lynx"));
        assert_eq!(
            commands,
            vec![command("xdg-open", &[URL]), command("w3m", &["-o", "confirm_qq=0", URL]), command("lynx", &[URL]),]
        );
    }

    #[test]
    fn with_no_browser_named_the_platform_opener_is_used() {
        for variable in [None, Some(""), Some(" : ")] {
            let commands = commands_for(URL, variable);
            assert_eq!(commands.len(), 1, "{variable:?}");
            assert!(["xdg-open", "open"].contains(&commands[0].program.as_str()));
            assert_eq!(commands[0].args, vec![URL.to_string()]);
        }
    }

    #[test]
    fn terminal_browsers_are_known_by_their_program_name() {
        assert!(command("w3m", &[]).needs_the_terminal());
        assert!(command("/usr/local/bin/lynx", &[]).needs_the_terminal());
        assert!(command("elinks", &["-remote"]).needs_the_terminal());
        assert!(!command("firefox", &[]).needs_the_terminal());
        assert!(!command("xdg-open", &[]).needs_the_terminal());
        assert!(!command("/opt/w3m-tools/open", &[]).needs_the_terminal());
    }

    #[test]
    fn every_failure_is_reported_with_the_link() {
        let commands =
            vec![command("false", &[]), command("/nonexistent/browser", &[]), command("sh", &["-c", "exit 3"])];
        let (sender, report) = mpsc::channel();
        open_in_background(commands, |_| false, move |failures| sender.send(failures).unwrap());
        let failures = report.recv().unwrap();
        assert_eq!(
            failures,
            ["false exited with status 1", "/nonexistent/browser not found", "sh exited with status 3"]
        );
        assert_eq!(
            failure_message(URL, &failures[..1], true),
            format!("Could not open the link (false exited with status 1): {URL}")
        );
        assert_eq!(
            failure_message(URL, &["xdg-open not found".into()], false),
            format!("Could not open the link (xdg-open not found; set $BROWSER to choose a browser): {URL}")
        );
    }

    #[test]
    fn the_first_browser_that_succeeds_ends_the_search() {
        let commands = vec![command("false", &[]), command("true", &[]), command("/nonexistent/browser", &[])];
        let (sender, report) = mpsc::channel();
        open_in_background(commands, |_| false, move |failures| sender.send(failures).unwrap());
        assert!(report.recv().is_err(), "nothing is reported once a browser succeeded");
    }
}
