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

pub use dates::Date;
pub use settings::Settings;
pub use topics::{FollowFile, FollowedTopic};
pub use update::{UpdateEvent, UpdateReport, run};
