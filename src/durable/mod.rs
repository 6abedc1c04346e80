//! Files that users care about (marks, followed topics, fetched records, the library folder), kept so that a
//! crash, a kill, a full disk or a second lenaview process never loses or half-writes them.
//!
//! The lowest layer with the model: it knows files, not publications.

mod aside;
mod atomic;
mod lock;
pub mod paths;

pub use aside::move_aside;
pub(crate) use atomic::{create_hidden_beside, create_hidden_ending, sync_directory};
pub use atomic::{write_atomically, write_atomically_in_parts, write_atomically_with};
pub use lock::{Locked, SAVE_LOCK_PATIENCE, SaveLock, lock_exclusive, lock_exclusive_within};
