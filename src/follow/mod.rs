//! Following topics on PubMed: a topic follows a PubMed query (`follow.toml`), and an update fetches what
//! PubMed added since the last one through NCBI's E-utilities, keeping the records as PubMed sent them in the
//! data folder, where start-up loads them under the topic.
//!
//! The layer sits on [`crate::model`], [`crate::durable`] and [`crate::formats`], and nothing above it.
//! The entry point for the command line and the TUI is [`update::run`].

pub mod dates;
pub mod eutils;
pub mod settings;
pub mod state;
pub mod store;
pub mod topics;
pub mod update;

use crate::formats::Diagnostic;

pub use dates::Date;
pub use settings::Settings;
pub use topics::{FollowFile, FollowedTopic};
pub use update::{UpdateEvent, UpdateReport, run};

/// The user's followed topics and the settings to update them with: `follow.toml` (or the bundled topic when
/// there is none), the data folder, and the environment (`LENAVIEW_EUTILS_URL`, `LENAVIEW_EMAIL`,
/// `NCBI_API_KEY`). A damaged follow.toml is an error naming its line. `configured_email` is the config file's
/// `email`: `LENAVIEW_EMAIL` wins over it, and it over follow.toml's.
pub fn user_setup(configured_email: Option<String>) -> Result<(Settings, Vec<FollowedTopic>), Diagnostic> {
    let no_folder = |what: &str| {
        Diagnostic::error("lenaview", 0, format!("no {what} folder ($XDG_{}_HOME or $HOME)", what.to_uppercase()))
    };
    let config = topics::default_path().ok_or_else(|| no_folder("config"))?;
    let store = settings::default_store_dir().ok_or_else(|| no_folder("data"))?;
    let file = topics::load(&config)?;
    Ok((Settings::from_env(store, configured_email.or(file.email)), file.topics))
}
