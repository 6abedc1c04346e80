//! What an update needs to know, gathered once: where E-utilities are, who is asking, how fast it may ask,
//! how long to wait, and where fetched records go. Tests build one by hand with a fast clock and short time-outs.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::dates::Date;
use super::eutils::rate::{Clock, SystemClock};

pub const DEFAULT_EUTILS_URL: &str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/";
/// NCBI's limits: "no more than 3 requests per second" without an API key, 10 with one.
pub const INTERVAL_WITHOUT_KEY: Duration = Duration::from_millis(334);
pub const INTERVAL_WITH_KEY: Duration = Duration::from_millis(100);

#[derive(Clone)]
pub struct Settings {
    /// Ends with `/`; `esearch.fcgi` and `efetch.fcgi` are joined to it.
    pub base_url: String,
    /// Sent as `tool=`, as NCBI asks, so they can contact the developers rather than block users.
    pub tool: String,
    pub email: Option<String>,
    pub api_key: Option<String>,
    /// The least time between two requests, across every topic of an update.
    pub request_interval: Duration,
    pub connect_timeout: Duration,
    /// How long a response (headers, then body) may take before the request fails.
    pub read_timeout: Duration,
    /// Further tries after a 429, a 5xx or a response cut off, each waiting longer (or as `Retry-After` says).
    pub retries: u32,
    pub first_retry_wait: Duration,
    /// No `Retry-After` makes an update wait longer than this for one request.
    pub longest_retry_wait: Duration,
    /// PMIDs per EFetch request: NCBI suggests at most a few hundred per GET; lenaview POSTs them.
    pub batch_size: usize,
    /// How many of the newest papers a topic's first update brings, when `max_new` does not say.
    pub first_update_max: usize,
    /// At most this many new papers per topic in this update.
    pub max_new: Option<usize>,
    /// Look for papers added from this date on, instead of since the topic's last update.
    pub since: Option<Date>,
    /// The last day of the date range searched.
    pub today: Date,
    /// `$XDG_DATA_HOME/lenaview/followed`: the fetched records and the update state.
    pub store_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("base_url", &self.base_url)
            .field("email", &self.email)
            .field("api_key", &self.api_key.as_ref().map(|_| "(set)"))
            .field("request_interval", &self.request_interval)
            .field("store_dir", &self.store_dir)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// NCBI's endpoint and limits, overridden by `LENAVIEW_EUTILS_URL`, `LENAVIEW_EMAIL` (else `email` from
    /// follow.toml) and `NCBI_API_KEY`.
    pub fn from_env(store_dir: PathBuf, configured_email: Option<String>) -> Settings {
        let env = |name: &str| std::env::var(name).ok().map(|value| value.trim().to_string()).filter(|v| !v.is_empty());
        let api_key = env("NCBI_API_KEY");
        let mut base_url = env("LENAVIEW_EUTILS_URL").unwrap_or_else(|| DEFAULT_EUTILS_URL.to_string());
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Settings {
            base_url,
            tool: "lenaview".to_string(),
            email: env("LENAVIEW_EMAIL").or(configured_email.filter(|email| !email.trim().is_empty())),
            request_interval: if api_key.is_some() { INTERVAL_WITH_KEY } else { INTERVAL_WITHOUT_KEY },
            api_key,
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(60),
            retries: 4,
            first_retry_wait: Duration::from_secs(1),
            longest_retry_wait: Duration::from_secs(60),
            batch_size: 200,
            first_update_max: 200,
            max_new: None,
            since: None,
            today: Date::today(),
            store_dir,
            clock: Arc::new(SystemClock),
        }
    }

    /// `eutils.ncbi.nlm.nih.gov`, for messages such as "cannot reach eutils.ncbi.nlm.nih.gov: …".
    pub fn host(&self) -> &str {
        let without_scheme = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, rest)| rest);
        without_scheme.split('/').next().unwrap_or(without_scheme)
    }
}

/// `$XDG_DATA_HOME/lenaview/followed` (`~/.local/share/lenaview/followed`).
pub fn default_store_dir() -> Option<PathBuf> {
    crate::durable::paths::data_dir().map(|data| data.join("followed"))
}
