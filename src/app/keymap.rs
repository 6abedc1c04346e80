//! The one table of key bindings: the defaults. The keymap in force ([`super::bindings::Keymap`]) is this
//! table with the user's config applied; key handling, the help overlay and the status-bar hints all read
//! that, so what the help says is what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::formats::export::{CitationStyle, ExportFormat};

use super::action::{Action, CopyField, Menu, Pane};
use super::listing::Filter;
use super::search_line::LineEdit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}

const fn alt(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::ALT }
}

/// Where a binding applies. Lookup tries the most specific context first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Any pane, when no overlay or search line has the keyboard.
    Global,
    /// Moving around: the same keys in every pane.
    Navigation,
    Topics,
    Publications,
    Abstract,
    /// The selected publication, from the list or the abstract.
    Publication,
    /// What the list shows: order and filters, in any pane.
    Listing,
    /// The search line is open and takes typed characters.
    SearchLine,
    /// The tag line (`t`, `T`) is open and takes typed characters.
    TagLine,
    CiteMenu,
    ExportMenu,
    WordMenu,
    Help,
    Messages,
}

impl Context {
    /// Every context, in the order the help overlay shows them.
    pub const ALL: [Context; 14] = [
        Context::Global,
        Context::Navigation,
        Context::Topics,
        Context::Publications,
        Context::Abstract,
        Context::Publication,
        Context::Listing,
        Context::SearchLine,
        Context::TagLine,
        Context::CiteMenu,
        Context::ExportMenu,
        Context::WordMenu,
        Context::Help,
        Context::Messages,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Context::Global => "General",
            Context::Navigation => "Moving",
            Context::Topics => "Topics",
            Context::Publications => "Publications",
            Context::Abstract => "Abstract",
            Context::Publication => "The selected publication",
            Context::Listing => "The list",
            Context::SearchLine => "Search line",
            Context::TagLine => "Tag line (t, T): tags, -tag removes",
            Context::CiteMenu => "Cite menu (y)",
            Context::ExportMenu => "Export menu (e)",
            Context::WordMenu => "Word list menu (+ and -)",
            Context::Help => "This help",
            Context::Messages => "Message log (m)",
        }
    }

    /// The config file's table that sets this context's keys: `keys` for what the panes share, `keys.topics`
    /// and so on for a pane, a menu or an overlay of its own.
    pub fn section(self) -> &'static str {
        match self {
            Context::Global | Context::Navigation | Context::Publication | Context::Listing => "keys",
            Context::Topics => "keys.topics",
            Context::Publications => "keys.publications",
            Context::Abstract => "keys.abstract",
            Context::SearchLine => "keys.search_line",
            Context::TagLine => "keys.tag_line",
            Context::CiteMenu => "keys.cite",
            Context::ExportMenu => "keys.export",
            Context::WordMenu => "keys.word_menu",
            Context::Help => "keys.help_overlay",
            Context::Messages => "keys.log",
        }
    }

    /// Whether this context is looked up while a pane has the keyboard: `[keys]` sets its keys too.
    pub fn is_pane(self) -> bool {
        matches!(
            self,
            Context::Global
                | Context::Navigation
                | Context::Topics
                | Context::Publications
                | Context::Abstract
                | Context::Publication
                | Context::Listing
        )
    }
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    /// A line of help.
    pub help: &'static str,
    /// One word for the status bar, where the binding is worth a hint there.
    pub hint: Option<Hint>,
}

/// A binding's word in the status bar and how much it matters there: when the bar is too narrow for every
/// hint, the least important give way first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub word: &'static str,
    pub rank: Rank,
}

/// How much a hint matters, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Always shown: the way to every other key, and the way out.
    Essential,
    High,
    Medium,
    Low,
}

const fn bind(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { context, keys, action, help, hint: None }
}

const fn hinted(
    context: Context,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    word: &'static str,
    rank: Rank,
) -> Binding {
    Binding { context, keys, action, help, hint: Some(Hint { word, rank }) }
}

use Context::*;

pub static KEYMAP: &[Binding] = &[
    hinted(Global, &[ch('/')], Action::StartSearch, "Search titles (fuzzy, live)", "search", Rank::High),
    hinted(Global, &[plain(KeyCode::Tab)], Action::FocusNext, "Focus the next pane", "pane", Rank::Low),
    bind(Global, &[plain(KeyCode::BackTab)], Action::FocusPrev, "Focus the previous pane"),
    bind(Global, &[plain(KeyCode::Esc)], Action::Back, "Go back a pane"),
    hinted(Global, &[ch('?')], Action::ToggleHelp, "Show or hide this help", "help", Rank::Essential),
    hinted(Global, &[ch('q')], Action::Quit, "Quit", "quit", Rank::Essential),
    bind(Global, &[ctrl('c')], Action::Quit, "Quit, from anywhere"),
    bind(Global, &[ctrl('z')], Action::Suspend, "Suspend to the shell (fg resumes)"),
    bind(Global, &[ch('R')], Action::UpdateFollowed, "Update followed topics from PubMed"),
    hinted(
        Global,
        &[ch('m')],
        Action::ToggleMessages,
        "Show the message log (warnings, links, exports)",
        "log",
        Rank::Low,
    ),
    bind(Global, &[ch('W')], Action::ShowWordLists, "Show the word lists (in the message log)"),
    hinted(Navigation, &[ch('j'), plain(KeyCode::Down)], Action::Down, "Move down", "move", Rank::High),
    hinted(Navigation, &[ch('k'), plain(KeyCode::Up)], Action::Up, "Move up", "move", Rank::High),
    bind(Navigation, &[ch('h'), plain(KeyCode::Left)], Action::Left, "Collapse topic, or focus the pane to the left"),
    bind(Navigation, &[ch('l'), plain(KeyCode::Right)], Action::Right, "Expand topic, or focus the pane to the right"),
    bind(Navigation, &[plain(KeyCode::PageUp), ch('b')], Action::PageUp, "Page up"),
    bind(Navigation, &[plain(KeyCode::PageDown), ch(' ')], Action::PageDown, "Page down"),
    bind(Navigation, &[ctrl('u')], Action::HalfPageUp, "Half a page up"),
    bind(Navigation, &[ctrl('d')], Action::HalfPageDown, "Half a page down"),
    bind(Navigation, &[ch('g'), plain(KeyCode::Home)], Action::Top, "Go to the top"),
    bind(Navigation, &[ch('G'), plain(KeyCode::End)], Action::Bottom, "Go to the bottom"),
    hinted(
        Topics,
        &[plain(KeyCode::Enter)],
        Action::Open,
        "Expand or collapse the topic and list its publications",
        "open",
        Rank::Medium,
    ),
    hinted(Publications, &[plain(KeyCode::Enter)], Action::Open, "Read the abstract", "read", Rank::Medium),
    hinted(Abstract, &[ch('n')], Action::NextMatch, "Next search match in the abstract", "match", Rank::High),
    bind(Abstract, &[ch('N')], Action::PrevMatch, "Previous search match in the abstract"),
    bind(Abstract, &[ch(']')], Action::NextSection, "Next section of the abstract"),
    bind(Abstract, &[ch('[')], Action::PrevSection, "Previous section of the abstract (or the top)"),
    hinted(Publication, &[ch('s')], Action::ToggleStar, "Star or unstar", "star", Rank::Medium),
    bind(Publication, &[ch('u')], Action::ToggleRead, "Mark read or unread"),
    hinted(
        Publication,
        &[ch('y')],
        Action::OpenCiteMenu,
        "Copy the citation (plain, BibTeX, RIS)",
        "cite",
        Rank::Medium,
    ),
    hinted(Publication, &[ch('o')], Action::OpenInBrowser, "Open on PubMed in the browser", "open", Rank::Low),
    bind(Publication, &[ch('E')], Action::EditNote, "Edit the note (in $VISUAL or $EDITOR)"),
    bind(Publication, &[ch('+')], Action::AddWord, "Add the match (n/N) or the search to a word list"),
    bind(Publication, &[ch('-')], Action::RemoveWord, "Take the match (n/N) or the search out of its list"),
    bind(Listing, &[ch('S')], Action::CycleSort, "Sort: page order, newest, journal, author, title, words"),
    bind(Listing, &[ch('f')], Action::ToggleFilter(Filter::FreeFullText), "Only free full text (on/off)"),
    bind(Listing, &[ch('*')], Action::ToggleFilter(Filter::Starred), "Only starred (on/off)"),
    bind(Listing, &[ch('U')], Action::ToggleFilter(Filter::Unread), "Only unread (on/off)"),
    bind(Listing, &[ch('w')], Action::ToggleFilter(Filter::Arrived), "Only what the last update brought (on/off)"),
    bind(Listing, &[ch('e')], Action::OpenExportMenu, "Export the list to a file"),
    bind(Publication, &[ch('t')], Action::StartTagging, "Add or remove tags (-tag removes)"),
    bind(Listing, &[ch('T')], Action::StartTaggingList, "Add or remove tags on every listed publication"),
    bind(Listing, &[ch('.')], Action::NextUnread, "Next unread publication in the list"),
    bind(Listing, &[ch('A')], Action::MarkAllRead, "Mark every listed publication read (z undoes it)"),
    bind(Listing, &[ch('z')], Action::UndoMarkAll, "Undo the last A: unread again what it marked"),
    hinted(CiteMenu, &[ch('p')], Action::Cite(CitationStyle::Plain), "Plain text reference", "plain", Rank::High),
    hinted(CiteMenu, &[ch('b')], Action::Cite(CitationStyle::Bibtex), "BibTeX", "BibTeX", Rank::High),
    hinted(CiteMenu, &[ch('r')], Action::Cite(CitationStyle::Ris), "RIS", "RIS", Rank::High),
    hinted(CiteMenu, &[ch('d')], Action::CopyField(CopyField::Doi), "The DOI", "DOI", Rank::Medium),
    hinted(CiteMenu, &[ch('i')], Action::CopyField(CopyField::Pmid), "The PMID", "PMID", Rank::Medium),
    hinted(CiteMenu, &[ch('l')], Action::CopyField(CopyField::Link), "The link (PubMed, else DOI)", "link", Rank::Low),
    hinted(
        CiteMenu,
        &[ch('a')],
        Action::CopyField(CopyField::Abstract),
        "The abstract, as text",
        "abstract",
        Rank::Low,
    ),
    hinted(CiteMenu, &[plain(KeyCode::Esc), ch('q')], Action::CloseMenu, "Close the menu", "cancel", Rank::Essential),
    bind(CiteMenu, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(ExportMenu, &[ch('b')], Action::Export(ExportFormat::Bibtex), "BibTeX (.bib)", "BibTeX", Rank::High),
    hinted(ExportMenu, &[ch('r')], Action::Export(ExportFormat::Ris), "RIS (.ris)", "RIS", Rank::High),
    hinted(ExportMenu, &[ch('c')], Action::Export(ExportFormat::Csv), "CSV (.csv)", "CSV", Rank::High),
    hinted(ExportMenu, &[ch('j')], Action::Export(ExportFormat::Json), "Library JSON (.json)", "JSON", Rank::High),
    hinted(
        ExportMenu,
        &[ch('s')],
        Action::Export(ExportFormat::Csl),
        "CSL JSON, for pandoc and Zotero (.csl.json)",
        "CSL",
        Rank::Medium,
    ),
    hinted(ExportMenu, &[plain(KeyCode::Esc), ch('q')], Action::CloseMenu, "Close the menu", "cancel", Rank::Essential),
    bind(ExportMenu, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(WordMenu, &[ch('1')], Action::ChooseWordList(0), "The first list shown", "list", Rank::High),
    bind(WordMenu, &[ch('2')], Action::ChooseWordList(1), "The second list shown"),
    bind(WordMenu, &[ch('3')], Action::ChooseWordList(2), "The third list shown"),
    bind(WordMenu, &[ch('4')], Action::ChooseWordList(3), "The fourth list shown"),
    bind(WordMenu, &[ch('5')], Action::ChooseWordList(4), "The fifth list shown"),
    bind(WordMenu, &[ch('6')], Action::ChooseWordList(5), "The sixth list shown"),
    bind(WordMenu, &[ch('7')], Action::ChooseWordList(6), "The seventh list shown"),
    bind(WordMenu, &[ch('8')], Action::ChooseWordList(7), "The eighth list shown"),
    bind(WordMenu, &[ch('9')], Action::ChooseWordList(8), "The ninth list shown"),
    hinted(WordMenu, &[plain(KeyCode::Esc), ch('q')], Action::CloseMenu, "Close the menu", "cancel", Rank::Essential),
    bind(WordMenu, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(
        SearchLine,
        &[plain(KeyCode::Enter)],
        Action::SearchAccept,
        "Keep the filter and return to the list",
        "keep",
        Rank::High,
    ),
    hinted(SearchLine, &[plain(KeyCode::Esc)], Action::SearchClear, "Clear the search", "clear", Rank::Essential),
    bind(SearchLine, &[plain(KeyCode::Backspace)], Action::SearchEdit(LineEdit::DeleteBack), "Delete a character"),
    bind(
        SearchLine,
        &[plain(KeyCode::Delete)],
        Action::SearchEdit(LineEdit::DeleteForward),
        "Delete the character under the cursor",
    ),
    bind(SearchLine, &[ctrl('w')], Action::SearchEdit(LineEdit::DeleteBigWord), "Delete back to the previous space"),
    bind(
        SearchLine,
        &[alt(KeyCode::Backspace)],
        Action::SearchEdit(LineEdit::DeleteWord),
        "Delete back to the start of the word",
    ),
    bind(SearchLine, &[ctrl('u')], Action::SearchEdit(LineEdit::DeleteToStart), "Delete back to the start"),
    bind(SearchLine, &[plain(KeyCode::Left)], Action::SearchEdit(LineEdit::Left), "Move the cursor left"),
    bind(SearchLine, &[plain(KeyCode::Right)], Action::SearchEdit(LineEdit::Right), "Move the cursor right"),
    bind(SearchLine, &[plain(KeyCode::Home), ctrl('a')], Action::SearchEdit(LineEdit::Home), "Cursor to the start"),
    bind(SearchLine, &[plain(KeyCode::End), ctrl('e')], Action::SearchEdit(LineEdit::End), "Cursor to the end"),
    hinted(
        SearchLine,
        &[plain(KeyCode::Tab)],
        Action::SearchCycleScope,
        "Search titles / +authors+journal / everything",
        "scope",
        Rank::Medium,
    ),
    bind(SearchLine, &[plain(KeyCode::Up), ctrl('p')], Action::Up, "Move up the results"),
    bind(SearchLine, &[plain(KeyCode::Down), ctrl('n')], Action::Down, "Move down the results"),
    bind(SearchLine, &[ctrl('c')], Action::Quit, "Quit"),
    bind(SearchLine, &[ctrl('z')], Action::Suspend, "Suspend to the shell"),
    hinted(TagLine, &[plain(KeyCode::Enter)], Action::TagAccept, "Apply the tags and close", "apply", Rank::High),
    hinted(TagLine, &[plain(KeyCode::Esc)], Action::TagCancel, "Close, changing nothing", "cancel", Rank::Essential),
    hinted(
        TagLine,
        &[plain(KeyCode::Tab)],
        Action::TagComplete,
        "Complete the tag; again: the next",
        "complete",
        Rank::High,
    ),
    bind(TagLine, &[plain(KeyCode::Backspace)], Action::TagEdit(LineEdit::DeleteBack), "Delete a character"),
    bind(TagLine, &[ctrl('w')], Action::TagEdit(LineEdit::DeleteBigWord), "Delete a word"),
    bind(TagLine, &[ctrl('u')], Action::TagEdit(LineEdit::DeleteToStart), "Delete everything typed"),
    bind(TagLine, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(
        Help,
        &[plain(KeyCode::Esc), ch('?'), ch('q')],
        Action::ToggleHelp,
        "Close this help",
        "close",
        Rank::Essential,
    ),
    bind(Help, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(Help, &[ch('j'), plain(KeyCode::Down)], Action::Down, "Scroll the help down", "scroll", Rank::High),
    hinted(Help, &[ch('k'), plain(KeyCode::Up)], Action::Up, "Scroll the help up", "scroll", Rank::High),
    hinted(Help, &[plain(KeyCode::PageUp), ch('b')], Action::PageUp, "A page up", "page", Rank::Medium),
    hinted(Help, &[plain(KeyCode::PageDown), ch(' ')], Action::PageDown, "A page down", "page", Rank::Medium),
    bind(Help, &[ch('g'), plain(KeyCode::Home)], Action::Top, "To the top"),
    bind(Help, &[ch('G'), plain(KeyCode::End)], Action::Bottom, "To the end"),
    hinted(
        Messages,
        &[plain(KeyCode::Esc), ch('m'), ch('q')],
        Action::ToggleMessages,
        "Close the log",
        "close",
        Rank::Essential,
    ),
    bind(Messages, &[ctrl('c')], Action::Quit, "Quit"),
    hinted(Messages, &[ch('j'), plain(KeyCode::Down)], Action::Down, "Scroll the log down", "scroll", Rank::High),
    hinted(Messages, &[ch('k'), plain(KeyCode::Up)], Action::Up, "Scroll the log up", "scroll", Rank::High),
    hinted(Messages, &[plain(KeyCode::PageUp), ch('b')], Action::PageUp, "A page up", "page", Rank::Medium),
    hinted(Messages, &[plain(KeyCode::PageDown), ch(' ')], Action::PageDown, "A page down", "page", Rank::Medium),
    bind(Messages, &[ch('g'), plain(KeyCode::Home)], Action::Top, "To the oldest message"),
    bind(Messages, &[ch('G'), plain(KeyCode::End)], Action::Bottom, "To the newest message"),
];

/// What has the keyboard right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Help,
    Messages,
    Menu(Menu),
    SearchLine,
    TagLine,
    Pane(Pane),
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::Help,
        Mode::Messages,
        Mode::Menu(Menu::Cite),
        Mode::Menu(Menu::Export),
        Mode::Menu(Menu::Words),
        Mode::SearchLine,
        Mode::TagLine,
        Mode::Pane(Pane::Topics),
        Mode::Pane(Pane::Publications),
        Mode::Pane(Pane::Abstract),
    ];
}

/// The contexts consulted for a mode, most specific first.
pub fn contexts(mode: Mode) -> &'static [Context] {
    match mode {
        Mode::Help => &[Help],
        Mode::Messages => &[Messages],
        Mode::Menu(Menu::Cite) => &[CiteMenu],
        Mode::Menu(Menu::Export) => &[ExportMenu],
        Mode::Menu(Menu::Words) => &[WordMenu],
        Mode::SearchLine => &[SearchLine],
        Mode::TagLine => &[TagLine],
        Mode::Pane(Pane::Topics) => &[Topics, Navigation, Listing, Global],
        Mode::Pane(Pane::Publications) => &[Publications, Publication, Navigation, Listing, Global],
        Mode::Pane(Pane::Abstract) => &[Abstract, Publication, Navigation, Listing, Global],
    }
}

pub(crate) fn matches(key: &Key, event: &KeyEvent) -> bool {
    // Terminals report Shift with upper-case letters and Shift-Tab inconsistently: the code already says it.
    let modifiers = match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    key.code == event.code && key.modifiers == modifiers
}

/// A key as the help shows it: `j`, `↓`, `Ctrl-d`, `PgDn`, `Space`.
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Insert => "Insert".into(),
        KeyCode::F(number) => format!("F{number}"),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        label.push_str("Ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        label.push_str("Alt-");
    }
    label + &name
}
