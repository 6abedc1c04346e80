//! The config file, `config.toml`: the user's keys, colours, the list's order and the search scope at start,
//! and the email sent to PubMed. Pure: the binary reads the file and hands its bytes here.
//!
//! The file is hand-edited, so nothing in it is ignored: an unknown setting, a bad value or a key that is no
//! key is an error naming its line, and lenaview does not start on one.

pub mod default_file;
pub mod keys;
pub mod names;

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::formats::{Diagnostic, line_of};
use crate::search::Scope;

use super::bindings::Keymap;
use super::keymap::{Context, KEYMAP, Key};
use super::listing::SortOrder;
use super::palette::{ColorRole, Palette, ThemeName, parse_color};
use super::session::sort_name;
use keys::parse_key;
use names::{action_name, scope_name, scopes, sort_orders};

/// Everything the config file sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: ThemeName,
    pub palette: Palette,
    /// The list's order at start, when no saved session says otherwise.
    pub sort: SortOrder,
    pub scope: Scope,
    /// Sent to NCBI with PubMed requests; `LENAVIEW_EMAIL` wins over it, and it over follow.toml's `email`.
    pub email: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config::with_theme(ThemeName::default())
    }
}

impl Config {
    pub fn with_theme(theme: ThemeName) -> Config {
        Config {
            keymap: Keymap::default(),
            theme,
            palette: Palette::built_in(theme),
            sort: SortOrder::default(),
            scope: Scope::default(),
            email: None,
        }
    }
}

/// A config read without errors, and what it did that the user should hear of (a default key it took over).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub warnings: Vec<Diagnostic>,
}

const SETTINGS: &str = "theme, sort, scope, email, [colors], [keys]";

/// Reads a config file's bytes; `name` is how messages call the file. `light` is `--light` on the command
/// line, which wins over the file's `theme`. Every error, in line order.
pub fn parse(name: &str, bytes: &[u8], light: bool) -> Result<Loaded, Vec<Diagnostic>> {
    let text = Diagnostic::utf8_text(name, bytes).map_err(|error| vec![error])?;
    let root = DeTable::parse(text).map_err(|err| vec![Diagnostic::toml(name, text, &err)])?;
    let mut reader = Reader { name, text, errors: Vec::new() };
    let mut config = reader.config(root.get_ref(), light);
    let mut warnings = Vec::new();
    for clash in config.keymap.settle() {
        let diagnostic = if clash.fatal { Diagnostic::error } else { Diagnostic::warning };
        let diagnostic = diagnostic(name, clash.line, clash.message);
        if clash.fatal { reader.errors.push(diagnostic) } else { warnings.push(diagnostic) }
    }
    if reader.errors.is_empty() {
        Ok(Loaded { config, warnings })
    } else {
        reader.errors.sort_by_key(|error| error.line);
        Err(reader.errors)
    }
}

type Entry<'i> = (&'i Spanned<Cow<'i, str>>, &'i Spanned<DeValue<'i>>);

struct Reader<'a> {
    name: &'a str,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = line_of(self.text, span.start);
        self.errors.push(Diagnostic::error(self.name, line, message));
    }

    fn config(&mut self, root: &DeTable<'_>, light: bool) -> Config {
        let theme_entry = root.iter().find(|(key, _)| key.get_ref() == "theme");
        let file_theme = theme_entry.and_then(|(_, value)| self.one_of(value, "theme", &ThemeName::ALL, |t| t.name()));
        let theme = if light { ThemeName::Light } else { file_theme.unwrap_or_default() };
        let mut config = Config::with_theme(theme);
        for (key, value) in root.iter() {
            match key.get_ref().as_ref() {
                "theme" => {}
                "sort" => {
                    if let Some(order) = self.one_of(value, "sort", &sort_orders(), sort_name) {
                        config.sort = order;
                    }
                }
                "scope" => {
                    if let Some(scope) = self.one_of(value, "scope", &scopes(), scope_name) {
                        config.scope = scope;
                    }
                }
                "email" => match value.get_ref() {
                    DeValue::String(email) => {
                        config.email = Some(email.trim().to_string()).filter(|email| !email.is_empty());
                    }
                    _ => self.error(value.span(), "email: write it as a string, email = \"you@example.org\""),
                },
                "colors" => {
                    if let Some(table) = self.table(key, value) {
                        self.colors(table, &mut config.palette);
                    }
                }
                "keys" => {
                    if let Some(table) = self.table(key, value) {
                        self.keys(table, &mut config.keymap);
                    }
                }
                other => self.error(key.span(), format!("unknown setting \"{other}\" (the settings are {SETTINGS})")),
            }
        }
        config
    }

    fn table<'t, 'i>(
        &mut self,
        key: &Spanned<Cow<'i, str>>,
        value: &'t Spanned<DeValue<'i>>,
    ) -> Option<&'t DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.error(key.span(), format!("{} is a table: write it as [{}]", key.get_ref(), key.get_ref()));
                None
            }
        }
    }

    /// The one of `choices` whose name the string `value` is.
    fn one_of<T: Copy>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        setting: &str,
        choices: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let known = choices.iter().map(|&choice| format!("\"{}\"", name(choice))).collect::<Vec<_>>().join(", ");
        let chosen = match value.get_ref() {
            DeValue::String(text) => choices.iter().copied().find(|&choice| name(choice) == text.as_ref()),
            _ => None,
        };
        if chosen.is_none() {
            self.error(value.span(), format!("{setting} is one of {known}"));
        }
        chosen
    }

    fn colors(&mut self, table: &DeTable<'_>, palette: &mut Palette) {
        for (key, value) in table.iter() {
            let Some(role) = ColorRole::ALL.into_iter().find(|role| role.name() == key.get_ref()) else {
                let known = ColorRole::ALL.map(ColorRole::name).join(", ");
                self.error(key.span(), format!("unknown colour \"{}\" in [colors] (they are {known})", key.get_ref()));
                continue;
            };
            match value.get_ref() {
                DeValue::String(text) => match parse_color(text) {
                    Ok(color) => palette.set(role, color),
                    Err(problem) => self.error(value.span(), format!("{}: {problem}", role.name())),
                },
                _ => self.error(value.span(), format!("{}: write the colour as a string, \"blue\"", role.name())),
            }
        }
    }

    /// `[keys]` and its tables. The shared table first, so a pane's own table wins where both set an action.
    fn keys(&mut self, table: &DeTable<'_>, keymap: &mut Keymap) {
        let (sections, bindings): (Vec<Entry>, Vec<Entry>) =
            table.iter().partition(|(_, value)| matches!(value.get_ref(), DeValue::Table(_)));
        for (key, value) in bindings {
            self.binding("keys", Context::is_pane, key, value, keymap);
        }
        for (key, value) in sections {
            let section = format!("keys.{}", key.get_ref());
            let Some(context) = Context::ALL.into_iter().find(|context| context.section() == section) else {
                let known: Vec<&str> =
                    Context::ALL.iter().map(|context| context.section()).filter(|s| *s != "keys").collect();
                self.error(
                    key.span(),
                    format!("unknown table [{section}] (there are [keys], [{}])", known.join("], [")),
                );
                continue;
            };
            let DeValue::Table(entries) = value.get_ref() else { continue };
            for (key, value) in entries.iter() {
                self.binding(&section, |other| other == context, key, value, keymap);
            }
        }
    }

    fn binding(
        &mut self,
        section: &str,
        scope: impl Fn(Context) -> bool + Copy,
        key: &Spanned<Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        keymap: &mut Keymap,
    ) {
        let name = key.get_ref().as_ref();
        let Some(row) = KEYMAP.iter().find(|row| scope(row.context) && action_name(&row.action) == Some(name)) else {
            let elsewhere: Vec<&str> = KEYMAP
                .iter()
                .filter(|row| action_name(&row.action) == Some(name))
                .map(|row| row.context.section())
                .collect();
            let hint = match elsewhere.first() {
                Some(other) => format!("; it is set in [{other}]"),
                None => String::new(),
            };
            self.error(key.span(), format!("no action \"{name}\" in [{section}]{hint}"));
            return;
        };
        let Some(keys) = self.key_list(name, value) else { return };
        let line = line_of(self.text, key.span().start);
        keymap.rebind(scope, &row.action, &keys, line);
    }

    /// `["s", "*"]`, or one key as a plain string.
    fn key_list(&mut self, name: &str, value: &Spanned<DeValue<'_>>) -> Option<Vec<Key>> {
        let items: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            DeValue::String(_) => vec![value],
            _ => {
                self.error(value.span(), format!("{name}: write its keys as a list of strings, [\"s\", \"ctrl-s\"]"));
                return None;
            }
        };
        let mut keys = Vec::new();
        let mut fine = true;
        for item in items {
            let parsed = match item.get_ref() {
                DeValue::String(text) => parse_key(text),
                _ => Err("a key is a string, such as \"j\" or \"ctrl-d\"".to_string()),
            };
            match parsed {
                Ok(key) => keys.push(key),
                Err(problem) => {
                    self.error(item.span(), format!("{name}: {problem}"));
                    fine = false;
                }
            }
        }
        fine.then_some(keys)
    }
}

#[cfg(test)]
mod tests;
