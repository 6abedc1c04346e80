//! Character references: numeric ones and the named entities that bibliographic exports use (HTML's
//! Latin-1, Greek, punctuation and mathematical names). An unknown name is left as text.

/// HTML names for U+00A0..=U+00FF, in code point order.
const LATIN_1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not", "shy",
    "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1", "ordm",
    "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
    "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN",
    "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc",
    "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml",
    "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Greek letter names from alpha (U+03B1) on; capitalised, they name U+0391 on (which has no final sigma).
const GREEK: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi",
    "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];

const OTHERS: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("rarr", '→'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("minus", '−'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("equiv", '≡'),
    ("infin", '∞'),
    ("radic", '√'),
    ("sum", '∑'),
    ("prod", '∏'),
    ("part", '∂'),
    ("isin", '∈'),
    ("sim", '∼'),
    ("prop", '∝'),
];

/// The character a reference's body names: `amp`, `#38`, `#x26`. `None` when it names nothing.
pub fn lookup(body: &str) -> Option<char> {
    if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    if let Some(at) = LATIN_1.iter().position(|name| *name == body) {
        return char::from_u32(0xA0 + at as u32);
    }
    if let Some(at) = GREEK.iter().position(|name| *name == body) {
        return char::from_u32(0x3B1 + at as u32);
    }
    if let Some(at) = GREEK.iter().position(|name| *name != "sigmaf" && capitalised(name) == body) {
        return char::from_u32(0x391 + at as u32);
    }
    OTHERS.iter().find(|(name, _)| *name == body).map(|(_, c)| *c)
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers() {
        assert_eq!(lookup("amp"), Some('&'));
        assert_eq!(lookup("eacute"), Some('é'));
        assert_eq!(lookup("yuml"), Some('ÿ'));
        assert_eq!(lookup("nbsp"), Some('\u{a0}'));
        assert_eq!(lookup("alpha"), Some('α'));
        assert_eq!(lookup("Omega"), Some('Ω'));
        assert_eq!(lookup("sigmaf"), Some('ς'));
        assert_eq!(lookup("Sigma"), Some('Σ'));
        assert_eq!(lookup("ndash"), Some('–'));
        assert_eq!(lookup("#946"), Some('β'));
        assert_eq!(lookup("#x3B2"), Some('β'));
        assert_eq!(lookup("#X3b2"), Some('β'));
        assert_eq!(lookup("#xD800"), None, "a surrogate is no character");
        assert_eq!(lookup("#"), None);
        assert_eq!(lookup("bogus"), None);
        assert_eq!(lookup("Sigmaf"), None);
    }
}
