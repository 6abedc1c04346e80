//! `lenaview update`: fetch what PubMed added to followed topics, with progress on stderr and a summary.

use super::CliError;
use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::Args;

use lenaview::follow::topics::{FollowedTopic, split_path};
use lenaview::follow::{Date, UpdateEvent, run};

#[derive(Debug, Args)]
#[command(after_help = "\
Each followed topic (see `lenaview following`) gets what PubMed added since its last update; a topic's first
update brings its newest 200 papers. Papers already in the library are never fetched again, and new ones arrive
unread under the topic. Fetched records are kept as PubMed sent them in $XDG_DATA_HOME/lenaview/followed/.

Requests go to NCBI's E-utilities (LENAVIEW_EUTILS_URL overrides the address), at most 3 a second, or 10 with
an API key in NCBI_API_KEY. LENAVIEW_EMAIL (else `email` in config.toml, else in follow.toml) is sent so NCBI can reach you before
blocking. HTTPS_PROXY and NO_PROXY are honoured. Exits non-zero when a topic failed, naming it and why.")]
pub struct UpdateArgs {
    /// Only these followed topics (paths as `lenaview following` lists them); all when none are given.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// At most N of the newest PubMed results per topic (default: 200 on a first update).
    #[arg(long, value_name = "N")]
    pub max: Option<usize>,

    /// Look for papers PubMed added from DATE (YYYY-MM-DD) on, instead of since the last update.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("'{text}' is not a date like 2024-05-31"))
}

pub fn run_update(args: UpdateArgs, config_flag: Option<&std::path::Path>) -> Result<ExitCode, CliError> {
    let config = super::config::load(config_flag, false)?;
    for warning in &config.warnings {
        super::report(format!("warning: {warning}"));
    }
    let (mut settings, followed) = lenaview::follow::user_setup(config.config.email)?;
    let chosen = choose(&followed, &args.paths)?;
    if chosen.is_empty() {
        super::say("no topics followed; `lenaview follow PATH QUERY` adds one");
        return Ok(ExitCode::SUCCESS);
    }
    settings.max_new = args.max;
    settings.since = args.since;
    // Only the PMIDs are read: the cache need not decode a single abstract.
    super::load::leave_out_abstracts();
    let library = super::load_library(&[], None)?;
    let known: HashSet<String> = library
        .pages
        .iter()
        .flat_map(|page| &page.publications)
        .filter_map(|publication| publication.pmid.as_deref().map(str::to_string))
        .collect();
    let name_of = lenaview::follow::topics::topic_name;
    let report = run(&settings, &chosen, &known, &AtomicBool::new(false), &mut |event| match event {
        UpdateEvent::Found { topic, found, to_fetch } => {
            super::report(format!("{}: PubMed found {found}, {to_fetch} new to fetch", name_of(&topic)));
        }
        UpdateEvent::Progress { topic, fetched, to_fetch } => {
            super::report(format!("{}: {fetched} of {to_fetch} fetched", name_of(&topic)));
        }
        UpdateEvent::Notice { topic, message } => super::report(format!("{}: {message}", name_of(&topic))),
        UpdateEvent::TopicFailed { topic, reason } => super::report(format!("{} failed: {reason}", name_of(&topic))),
        UpdateEvent::AlsoListed { topic, pmids } => {
            let count = match pmids.len() {
                1 => "1 paper already in the library is".to_string(),
                many => format!("{many} papers already in the library are"),
            };
            super::report(format!("{}: {count} listed here too", name_of(&topic)));
        }
        UpdateEvent::BatchStored { .. } | UpdateEvent::TopicDone { .. } => {}
    });
    for outcome in &report.topics {
        let name = outcome.topic.name();
        match &outcome.result {
            Ok(new) => super::say(format!("{name}: {new} new")),
            // Why is on stderr already, as the failure happened.
            Err(_) => super::say(format!("{name}: failed")),
        }
    }
    Ok(if report.any_failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The followed topics named by `paths` (all of them when there are none); a path not followed is an error.
fn choose(followed: &[FollowedTopic], paths: &[String]) -> Result<Vec<FollowedTopic>, String> {
    if paths.is_empty() {
        return Ok(followed.to_vec());
    }
    paths
        .iter()
        .map(|path| {
            let wanted = split_path(path);
            followed
                .iter()
                .find(|topic| topic.path_parts() == wanted)
                .cloned()
                .ok_or_else(|| format!("'{path}' is not followed (`lenaview following` lists the followed topics)"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_choose_followed_topics_or_name_the_one_that_is_not() {
        let followed = [FollowedTopic::new("A/B", "b").unwrap(), FollowedTopic::new("A/C", "c").unwrap()];
        assert_eq!(choose(&followed, &[]).unwrap().len(), 2);
        assert_eq!(choose(&followed, &[" A / C ".into()]).unwrap()[0].query, "c");
        assert!(choose(&followed, &["A/D".into()]).unwrap_err().contains("'A/D' is not followed"));
    }
}
