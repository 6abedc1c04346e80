//! Where lenaview keeps its files on this system, decided in one place: `dirs` honours `$XDG_DATA_HOME`,
//! `$XDG_CONFIG_HOME` and `$XDG_CACHE_HOME` (else `$HOME`'s defaults), and lenaview's files sit in a `lenaview`
//! folder there.
//! `None` when the system has no such folder (no `$HOME`): callers say so, or keep things for the session only.

use std::path::PathBuf;

/// `$XDG_DATA_HOME/lenaview` (`~/.local/share/lenaview`): marks, the session, the library folder, fetched records.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|data| data.join("lenaview"))
}

/// `$XDG_CONFIG_HOME/lenaview` (`~/.config/lenaview`): the hand-edited `config.toml` and `follow.toml`.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|config| config.join("lenaview"))
}

/// `$XDG_CACHE_HOME/lenaview` (`~/.cache/lenaview`): what can be rebuilt from the files above, so may be deleted.
pub fn cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|cache| cache.join("lenaview"))
}
