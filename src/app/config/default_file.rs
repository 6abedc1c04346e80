//! `lenaview config --default`: every setting at its default, commented, so that saved as the config file it
//! changes nothing and shows what can be changed.

use std::fmt::Write;

use crate::app::bindings::Keymap;
use crate::app::keymap::Context;
use crate::app::palette::{ColorRole, Palette, ThemeName, color_name};

use super::Config;
use super::keys::key_name;
use super::names::{action_name, scope_name, scopes, sort_orders};
use crate::app::session::sort_name;

const HEADER: &str = "\
# lenaview's config file: $XDG_CONFIG_HOME/lenaview/config.toml (~/.config/lenaview/config.toml),
# or the file --config or LENAVIEW_CONFIG names. `lenaview config --default` printed this: every setting
# at its default. An unknown setting or a bad value is an error naming its line, and lenaview does not start.
";

/// The default config file, commented.
pub fn default_file() -> String {
    let config = Config::default();
    let mut out = String::from(HEADER);
    let quoted = |names: Vec<&str>| names.iter().map(|name| format!("\"{name}\"")).collect::<Vec<_>>().join(", ");
    let themes = quoted(ThemeName::ALL.map(ThemeName::name).to_vec());
    let orders = quoted(sort_orders().into_iter().map(sort_name).collect());
    let scope_names = quoted(scopes().into_iter().map(scope_name).collect());
    let _ = write!(
        out,
        "
# The colours to start from: {themes}; --light on the command line picks \"light\".
theme = \"{}\"
# The list's order at start: {orders}.
# S cycles it; the order saved when lenaview last quit comes back instead, when there is one.
sort = \"{}\"
# What the search line looks through at start: {scope_names}.
# Tab cycles it.
scope = \"{}\"
# Sent to NCBI with every PubMed request, so that they can reach you rather than block lenaview.
# LENAVIEW_EMAIL wins over it, and it over `email` in follow.toml.
# email = \"you@example.org\"
",
        config.theme.name(),
        sort_name(config.sort),
        scope_name(config.scope),
    );
    colors(&mut out);
    keys(&mut out, &config.keymap);
    out
}

fn colors(out: &mut String) {
    let (dark, light) = (Palette::built_in(ThemeName::Dark), Palette::built_in(ThemeName::Light));
    out.push_str(
        "
# Colours of the screen's parts, over the theme's: a name (\"blue\", \"dark_gray\", \"light_cyan\"), \"default\"
# (the terminal's own), \"#rrggbb\" or 0-255. Commented out, each line shows the dark theme's colour and,
# after it, the light one's. NO_COLOR in the environment turns every colour off.
[colors]
",
    );
    for role in ColorRole::ALL {
        let (dark, light) = (color_name(dark.get(role)), color_name(light.get(role)));
        let setting = format!("# {} = \"{dark}\"", role.name());
        let _ = writeln!(out, "{setting:<40}# light: \"{light}\"");
    }
}

fn keys(out: &mut String, keymap: &Keymap) {
    out.push_str(
        "
# Keys: each action takes a list, such as [\"s\", \"*\"]: \"j\", \"G\", \"ctrl-d\", \"alt-backspace\", \"shift-tab\",
# \"space\", \"enter\", \"esc\", \"pgdown\", \"f5\". An empty list leaves an action without a key (quit, help
# and closing a menu must keep one). [keys] sets the keys of every pane; [keys.topics], [keys.publications]
# and [keys.abstract] those of one pane, and the other tables those of the search line, a menu or an overlay.
# A key given to two actions that work in the same place is an error; a default key you give to another
# action leaves its old action (a warning in the message log says so).
",
    );
    let mut sections: Vec<&str> = Vec::new();
    for context in Context::ALL {
        if !sections.contains(&context.section()) {
            sections.push(context.section());
        }
    }
    for section in sections {
        let _ = writeln!(out, "\n[{section}]");
        let rows = || keymap.bindings().iter().filter(move |bound| bound.context.section() == section);
        let mut written: Vec<&str> = Vec::new();
        for bound in rows() {
            let Some(name) = action_name(&bound.action) else { continue };
            if written.contains(&name) {
                continue;
            }
            written.push(name);
            // Rows of one action (q, and Ctrl-c "from anywhere") are set by one line.
            let keys: Vec<String> = rows()
                .filter(|other| other.action == bound.action)
                .flat_map(|other| other.keys.iter().map(|key| toml_string(&key_name(key))))
                .collect();
            let _ = writeln!(out, "# {}\n{name} = [{}]", bound.help, keys.join(", "));
        }
    }
}

/// A TOML basic string: the key names hold `"` and `\` as themselves.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}
