//! `lenaview follow`, `unfollow` and `following`: which topics follow which PubMed queries (follow.toml).

use super::CliError;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde_json::json;

use lenaview::follow::settings::default_store_dir;
use lenaview::follow::state;
use lenaview::follow::store::Store;
use lenaview::follow::topics::{self, FollowedTopic};

#[derive(Debug, Args)]
pub struct FollowArgs {
    /// Where the topic's papers go in the tree, e.g. "Treatments/Biological Therapies/Pomalidomide".
    pub path: String,
    /// The PubMed query, in PubMed's own syntax, e.g. "pomalidomide[tiab]". `lenaview update` fetches
    /// what it finds that PubMed added since the topic's last update.
    pub query: String,
}

#[derive(Debug, Args)]
pub struct UnfollowArgs {
    /// The followed topic's path, as `lenaview following` lists it. Its fetched papers stay in the library.
    pub path: String,
}

#[derive(Debug, Args)]
pub struct FollowingArgs {
    /// Print a JSON array (path, query, last_update, last_new, last_found, stored) instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn config_path() -> Result<PathBuf, String> {
    topics::default_path().ok_or_else(|| "no config directory ($XDG_CONFIG_HOME or $HOME) for follow.toml".to_string())
}

pub fn store_dir() -> Result<PathBuf, String> {
    default_store_dir().ok_or_else(|| "no data directory ($XDG_DATA_HOME or $HOME) to keep fetched records in".into())
}

pub fn follow(args: FollowArgs) -> Result<ExitCode, CliError> {
    let config = config_path()?;
    let topic = FollowedTopic::new(&args.path, &args.query)?;
    let added = topics::follow(&config, topic.clone())?;
    let verb = if added { "following" } else { "now following" };
    super::say(format!("{verb} {}: {} (in {})", topic.path, topic.query, config.display()));
    super::say("run `lenaview update` to fetch its papers");
    Ok(ExitCode::SUCCESS)
}

pub fn unfollow(args: UnfollowArgs) -> Result<ExitCode, CliError> {
    let config = config_path()?;
    let removed = topics::unfollow(&config, &args.path)?;
    super::say(format!("no longer following {} ({})", removed.path, removed.query));
    let stored = store_dir().ok().and_then(|dir| Store::new(&dir).topic_pmids(&removed.path).ok()).unwrap_or_default();
    if !stored.is_empty() {
        super::say(format!("its {} fetched papers stay in the library", stored.len()));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn following(args: FollowingArgs) -> Result<ExitCode, CliError> {
    let config = config_path()?;
    let file = topics::load(&config)?;
    let dir = store_dir()?;
    let update_state = state::load(&dir)?;
    let store = Store::new(&dir);
    let rows: Vec<serde_json::Value> = file
        .topics
        .iter()
        .map(|topic| {
            let topic_state = update_state.topic(&topic.path).cloned().unwrap_or_default();
            let stored = store.topic_pmids(&topic.path).map(|pmids| pmids.len()).unwrap_or(0);
            json!({
                "path": topic.path,
                "query": topic.query,
                "last_update": topic_state.last_update,
                "last_new": topic_state.last_new,
                "last_found": topic_state.last_found,
                "stored": stored,
            })
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        super::say(format!("no topics followed ({}); `lenaview follow PATH QUERY` adds one", config.display()));
    }
    for row in &rows {
        super::say(row["path"].as_str().unwrap_or_default());
        super::say(format!("    query: {}", row["query"].as_str().unwrap_or_default()));
        match row["last_update"].as_str() {
            Some(date) => super::say(format!(
                "    last update: {date}, {} new of {} found; {} papers fetched in all",
                row["last_new"], row["last_found"], row["stored"]
            )),
            None => super::say(format!("    last update: never; {} papers fetched", row["stored"])),
        }
    }
    Ok(ExitCode::SUCCESS)
}
