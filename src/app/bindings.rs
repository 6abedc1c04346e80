//! The key bindings in force: the defaults of [`KEYMAP`] with the user's config applied. Key handling, the
//! help overlay, the menus and the status-bar hints all read this, so the help shows the user's own keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::config::keys::key_name;
use super::config::names::action_name;
use super::keymap::{Context, Hint, KEYMAP, Key, Mode, Rank, contexts, key_label, matches};

/// Where a binding's keys come from: the table, or a line of the config file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Default,
    Config { line: usize },
}

/// A row of the keymap in force: a row of [`KEYMAP`], its keys perhaps changed by the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<Hint>,
    pub origin: Origin,
}

impl Bound {
    /// All its keys as the help shows them: `j/↓`, or `(no key)` once the config took them all.
    pub fn keys_label(&self) -> String {
        if self.keys.is_empty() {
            return "(no key)".to_string();
        }
        self.keys.iter().map(key_label).collect::<Vec<_>>().join("/")
    }

    fn is_essential(&self) -> bool {
        self.hint.is_some_and(|hint| hint.rank == Rank::Essential)
    }
}

/// What settling the config's keys found: a key given to two actions that are looked up together, or an
/// action one cannot do without left with no key (`fatal`), or a default key the config took (a warning).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clash {
    pub line: usize,
    pub message: String,
    pub fatal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

impl Default for Keymap {
    /// The table as it is.
    fn default() -> Self {
        let bindings = KEYMAP
            .iter()
            .map(|row| Bound {
                context: row.context,
                keys: row.keys.to_vec(),
                action: row.action.clone(),
                help: row.help,
                hint: row.hint,
                origin: Origin::Default,
            })
            .collect();
        Keymap { bindings }
    }
}

/// A hint as the status bar shows it: `j/k move`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusHint {
    pub keys: String,
    pub word: &'static str,
    /// The most important rank of the bindings merged into it.
    pub rank: Rank,
}

/// A line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Entry { keys: String, help: &'static str },
    Blank,
}

impl Keymap {
    pub fn bindings(&self) -> &[Bound] {
        &self.bindings
    }

    pub fn in_context(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bindings.iter().filter(move |bound| bound.context == context)
    }

    /// The first key that does `action` in `context`, as the help shows it: for text that names a key.
    pub fn first_key_label(&self, context: Context, action: &Action) -> Option<String> {
        let bound = self.in_context(context).find(|bound| bound.action == *action && !bound.keys.is_empty())?;
        bound.keys.first().map(key_label)
    }

    /// The action for a key press in a mode: the one pure function from keys to actions.
    pub fn action_for(&self, event: KeyEvent, mode: Mode) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        for &context in contexts(mode) {
            if let Some(bound) =
                self.in_context(context).find(|bound| bound.keys.iter().any(|key| matches(key, &event)))
            {
                return Some(bound.action.clone());
            }
        }
        // The key that opened an overlay closes it too, whatever the user bound it to (`help = ["f1"]`).
        let opened_by = match mode {
            Mode::Help => Some(Action::ToggleHelp),
            Mode::Messages => Some(Action::ToggleMessages),
            _ => None,
        };
        if let Some(toggle) = opened_by
            && self
                .in_context(Context::Global)
                .any(|bound| bound.action == toggle && bound.keys.iter().any(|key| matches(key, &event)))
        {
            return Some(toggle);
        }
        let typed = event.modifiers - KeyModifiers::SHIFT;
        match (mode, event.code) {
            (Mode::SearchLine, KeyCode::Char(c)) if typed.is_empty() => Some(Action::SearchInput(c)),
            (Mode::TagLine, KeyCode::Char(c)) if typed.is_empty() => Some(Action::TagInput(c)),
            _ => None,
        }
    }

    /// Status-bar hints for a mode in the order the bar shows them, leaving out actions for which `applies` is
    /// false (`n match` with no search): a hint for a key that would do nothing misleads.
    pub fn ranked_hints(&self, mode: Mode, applies: impl Fn(&Action) -> bool) -> Vec<StatusHint> {
        let mut hints: Vec<StatusHint> = Vec::new();
        // Moving comes first in the bar: it is what a newcomer needs before anything else.
        let mut ordered = contexts(mode).to_vec();
        ordered.sort_by_key(|&context| context != Context::Navigation);
        for context in ordered {
            for bound in self.in_context(context) {
                let (Some(hint), Some(first)) = (bound.hint, bound.keys.first()) else { continue };
                if !applies(&bound.action) {
                    continue;
                }
                let first_key = key_label(first);
                match hints.iter_mut().find(|existing| existing.word == hint.word) {
                    Some(existing) => {
                        existing.keys.push('/');
                        existing.keys.push_str(&first_key);
                        existing.rank = existing.rank.min(hint.rank);
                    }
                    None => hints.push(StatusHint { keys: first_key, word: hint.word, rank: hint.rank }),
                }
            }
        }
        hints
    }

    /// The help overlay's text, section by section.
    pub fn help_lines(&self) -> Vec<HelpLine> {
        let mut lines = Vec::new();
        for context in Context::ALL {
            if !lines.is_empty() {
                lines.push(HelpLine::Blank);
            }
            lines.push(HelpLine::Heading(context.heading()));
            for bound in self.in_context(context) {
                lines.push(HelpLine::Entry { keys: bound.keys_label(), help: bound.help });
            }
        }
        lines
    }

    /// Gives `action` exactly `keys` in every context of `scope` that binds it, as line `line` of the config
    /// asks. Where a context has several rows for it (`q` quits, and Ctrl-c quits "from anywhere"), each row keeps
    /// those of its keys still given, the first takes the new ones, and the others go once they have none.
    /// False when no context of the scope binds the action.
    pub fn rebind(&mut self, scope: impl Fn(Context) -> bool, action: &Action, keys: &[Key], line: usize) -> bool {
        let mut unique: Vec<Key> = Vec::new();
        for key in keys {
            if !unique.contains(key) {
                unique.push(*key);
            }
        }
        let mut found = false;
        for context in Context::ALL.into_iter().filter(|&context| scope(context)) {
            let rows: Vec<usize> = (0..self.bindings.len())
                .filter(|&at| self.bindings[at].context == context && self.bindings[at].action == *action)
                .collect();
            let Some(&first) = rows.first() else { continue };
            found = true;
            let kept_elsewhere: Vec<Key> = rows[1..].iter().flat_map(|&at| self.bindings[at].keys.clone()).collect();
            for &at in &rows {
                let bound = &mut self.bindings[at];
                bound.origin = Origin::Config { line };
                bound.keys = if at == first {
                    unique.iter().filter(|key| !kept_elsewhere.contains(key)).copied().collect()
                } else {
                    bound.keys.iter().filter(|key| unique.contains(key)).copied().collect()
                };
            }
            let mut at = 0;
            self.bindings.retain(|bound| {
                let drop = at != first && rows.contains(&at) && bound.keys.is_empty();
                at += 1;
                !drop
            });
        }
        found
    }

    /// Settles the keys the config gave: a default binding looked up together with a config one gives up the
    /// key they share (a warning), two config bindings sharing a key is an error, and so is leaving an action
    /// one cannot do without (quit, help, closing a menu) with no key. In line order.
    pub fn settle(&mut self) -> Vec<Clash> {
        let mut clashes = Vec::new();
        for mode in Mode::ALL {
            let looked_up = contexts(mode);
            let rows: Vec<usize> =
                (0..self.bindings.len()).filter(|&at| looked_up.contains(&self.bindings[at].context)).collect();
            for &mine in &rows {
                let Origin::Config { line } = self.bindings[mine].origin else { continue };
                for key in self.bindings[mine].keys.clone() {
                    for &other in &rows {
                        if other == mine || !self.bindings[other].keys.contains(&key) {
                            continue;
                        }
                        if let Some(clash) = self.take_key(mine, other, key, line) {
                            clashes.push(clash);
                        }
                    }
                }
            }
        }
        for bound in &self.bindings {
            let typed_in = match bound.context {
                Context::SearchLine => Some("a search"),
                Context::TagLine => Some("the tag line"),
                _ => None,
            };
            if let (Some(typed_in), Origin::Config { line }) = (typed_in, bound.origin) {
                for key in bound.keys.iter().filter(|key| is_typed(key)) {
                    let message = format!(
                        "\"{}\" now does {}: it can no longer be typed in {typed_in}",
                        key_name(key),
                        name_of(&bound.action)
                    );
                    clashes.push(Clash { line, message, fatal: false });
                }
            }
            if let (true, true, Origin::Config { line }) = (bound.keys.is_empty(), bound.is_essential(), bound.origin) {
                let message = format!("{} ({}) needs a key", name_of(&bound.action), bound.help);
                clashes.push(Clash { line, message, fatal: true });
            }
        }
        clashes.sort();
        clashes.dedup();
        clashes
    }

    /// `key` is bound both by the config row `mine` (from `line`) and by `other`, in contexts looked up together.
    fn take_key(&mut self, mine: usize, other: usize, key: Key, line: usize) -> Option<Clash> {
        let (me, them) = (&self.bindings[mine], &self.bindings[other]);
        if me.action == them.action {
            return None;
        }
        let (name, other_name) = (name_of(&me.action), name_of(&them.action));
        let shown = key_name(&key);
        if let Origin::Config { line: other_line } = them.origin {
            // Said the same way from either side, so that the pair is told once.
            let ((first, first_line), (second, second_line)) = if other_line <= line {
                ((other_name, other_line), (name, line))
            } else {
                ((name, line), (other_name, other_line))
            };
            let message = format!(
                "\"{shown}\" is given to both {first} (line {first_line}) and {second} (line {second_line}), which work in the same place"
            );
            return Some(Clash { line: second_line, message, fatal: true });
        }
        let essential = them.is_essential();
        let help = them.help;
        let them = &mut self.bindings[other];
        them.keys.retain(|taken| *taken != key);
        let left = if them.keys.is_empty() { ", which has no key left" } else { "" };
        let message = format!("\"{shown}\" now does {name}, no longer {other_name} ({help}){left}");
        Some(Clash { line, message, fatal: essential && them.keys.is_empty() })
    }
}

/// A key the search line would otherwise take as a typed character.
fn is_typed(key: &Key) -> bool {
    matches!(key.code, KeyCode::Char(_)) && (key.modifiers - KeyModifiers::SHIFT).is_empty()
}

fn name_of(action: &Action) -> &'static str {
    action_name(action).unwrap_or("(unnamed)")
}

#[cfg(test)]
mod tests;
