//! The two layouts CancerIndex pages are saved in, and the lines that mark their parts.
//!
//! Topic pages (like the bundled Lenalidomide page) open with the breadcrumb: `Home > Treatments > Lenalidomide`.
//! Locations and cancer-type pages open with the page title, then the site's name and the breadcrumb on one line
//! (`CancerIndex Home - Guide to Internet Resources for Cancer Home > Locations > Canada`), then statistics, menus
//! and a table of contents around the introduction, then `Latest Research Publications from Canada`.

use super::Line;

const SITE_NAME: &str = "CancerIndex";
pub(super) const LIST_HEADING: &str = "Latest Research Publications";
/// How many lines with text may stand above the breadcrumb: a saved page may open with its title.
const BREADCRUMB_LOOKAHEAD: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// The breadcrumb alone on the first line; everything before the list is the summary.
    BreadcrumbFirst,
    /// A title and the site's name before the breadcrumb; menus and statistics surround the introduction.
    Titled,
}

/// Where the breadcrumb stands, the topic path it names (without "Home") and the layout it implies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Breadcrumb {
    pub index: usize,
    pub path: Vec<String>,
    pub layout: Layout,
}

/// The breadcrumb among the first lines with text; `lines` are trimmed.
pub(super) fn find_breadcrumb(lines: &[Line]) -> Option<Breadcrumb> {
    let with_text = lines.iter().enumerate().filter(|(_, line)| !line.text.is_empty());
    with_text.take(BREADCRUMB_LOOKAHEAD).enumerate().find_map(|(nth, (index, line))| {
        let (path, after_site_name) = breadcrumb(line.text)?;
        let layout = if nth == 0 && !after_site_name { Layout::BreadcrumbFirst } else { Layout::Titled };
        Some(Breadcrumb { index, path, layout })
    })
}

/// Whether a text carries a breadcrumb among its first lines with text.
pub(super) fn has_breadcrumb(text: &str) -> bool {
    let with_text = text.lines().map(str::trim).filter(|line| !line.is_empty());
    with_text.take(BREADCRUMB_LOOKAHEAD).any(|line| breadcrumb(line).is_some())
}

/// `Home > Treatments > Lenalidomide` as the path without "Home" (empty when nothing follows it), and whether the
/// breadcrumb followed the site's name on its line.
pub(super) fn breadcrumb(line: &str) -> Option<(Vec<String>, bool)> {
    if let Some(path) = path_after_home(line) {
        return Some((path, false));
    }
    // The site's name contains "Home" too ("CancerIndex Home - Guide ..."): the breadcrumb is the first "Home >".
    let site_name = line.find(SITE_NAME)?;
    let path = line
        .match_indices("Home")
        .filter(|&(at, _)| at > site_name && line[..at].ends_with(char::is_whitespace))
        .filter_map(|(at, _)| path_after_home(&line[at..]))
        .next()?;
    Some((path, true))
}

fn path_after_home(text: &str) -> Option<Vec<String>> {
    let topics = text.strip_prefix("Home")?.trim_start().strip_prefix('>')?;
    Some(topics.split('>').map(str::trim).filter(|topic| !topic.is_empty()).map(String::from).collect())
}

/// `Latest Research Publications`, or the forms that name the page's subject: `... from Canada`, `... about X`.
pub(super) fn is_list_heading(text: &str) -> bool {
    match text.strip_prefix(LIST_HEADING) {
        Some("") => true,
        Some(rest) => ["from", "about"].iter().any(|word| {
            rest.strip_prefix(' ')
                .and_then(|rest| rest.strip_prefix(word))
                .and_then(|rest| rest.strip_prefix(' '))
                .is_some_and(|subject| !subject.trim().is_empty() && !subject.ends_with('.'))
        }),
        None => false,
    }
}

/// Whether a line before the list is the page's own prose (its introduction) rather than a menu item, a line of the
/// table of contents or a statistic: a sentence of several words.
pub(super) fn is_introduction(text: &str) -> bool {
    const MIN_WORDS: usize = 4;
    let sentence_end = text.trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}']);
    sentence_end.ends_with(['.', '!', '?']) && text.split_whitespace().count() >= MIN_WORDS && !is_statistic(text)
}

/// `Population in 2012: 34.7m`, `Risk of getting cancer before age 75:29.1%`: a label and a figure.
fn is_statistic(text: &str) -> bool {
    text.rsplit_once(':').is_some_and(|(_, figure)| figure.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(topics: &[&str]) -> Vec<String> {
        topics.iter().map(|topic| topic.to_string()).collect()
    }

    #[test]
    fn breadcrumbs_leave_out_home() {
        assert_eq!(
            breadcrumb("Home > Treatments > Lenalidomide"),
            Some((path(&["Treatments", "Lenalidomide"]), false))
        );
        assert_eq!(breadcrumb("Home>Treatments"), Some((path(&["Treatments"]), false)));
        assert_eq!(breadcrumb("Home > "), Some((vec![], false)));
        assert_eq!(breadcrumb("Homeopathy > Remedies"), None);
        assert_eq!(breadcrumb("Treatments > Lenalidomide"), None);
    }

    #[test]
    fn a_breadcrumb_may_follow_the_site_name() {
        let line = "CancerIndex Home - Guide to Internet Resources for Cancer Home > Locations > Canada";
        assert_eq!(breadcrumb(line), Some((path(&["Locations", "Canada"]), true)));
        assert_eq!(breadcrumb("CancerIndex Home>Cancers>Myeloma"), Some((path(&["Cancers", "Myeloma"]), true)));
        assert_eq!(breadcrumb("CancerIndex Home - Guide to Internet Resources for Cancer"), None);
        assert_eq!(breadcrumb("Go Home > now, says CancerIndex"), None, "the site's name comes first");
        assert_eq!(breadcrumb("Sweet Home > Alabama"), None, "no site name, no breadcrumb mid-line");
    }

    #[test]
    fn the_breadcrumb_is_found_below_a_title() {
        let lines: Vec<Line> = ["", "Canada", "CancerIndex Home - Guide Home > Locations > Canada", "More"]
            .iter()
            .enumerate()
            .map(|(index, text)| Line { number: index + 1, text })
            .collect();
        let found = find_breadcrumb(&lines).expect("a breadcrumb");
        assert_eq!((found.index, found.layout), (2, Layout::Titled));
        assert_eq!(find_breadcrumb(&lines[2..]).map(|found| found.layout), Some(Layout::Titled));
        let bare = [Line { number: 1, text: "Home > Treatments" }];
        assert_eq!(find_breadcrumb(&bare).map(|found| found.layout), Some(Layout::BreadcrumbFirst));
        let too_deep: Vec<Line> = (0..6).map(|number| Line { number, text: "title" }).collect();
        assert_eq!(find_breadcrumb(&[too_deep.as_slice(), &bare].concat()), None);
    }

    #[test]
    fn list_headings_may_name_their_subject() {
        for heading in
            [LIST_HEADING, "Latest Research Publications from Canada", "Latest Research Publications about X"]
        {
            assert!(is_list_heading(heading), "{heading}");
        }
        for other in [
            "Latest Research Publications from ",
            "Latest Research Publications in myeloma.",
            "Latest Research Publications about myeloma were reviewed.",
            "Latest Research",
            "Web Resources: Lenalidomide",
        ] {
            assert!(!is_list_heading(other), "{other}");
        }
    }

    #[test]
    fn the_introduction_is_prose_and_menus_and_statistics_are_not() {
        assert!(is_introduction("Multiple myeloma is a cancer of plasma cells."));
        assert!(is_introduction("What causes it? Nobody knows (yet).\u{201d}"));
        for other in [
            "Menu: Canadian Cancer Resources Directory",
            "National Organisations: Canada (19 links)",
            "Population in 2012: 34.7m",
            "People newly diagnosed with cancer / yr: 182,200.",
            "Canada",
        ] {
            assert!(!is_introduction(other), "{other}");
        }
    }
}
