//! The two date forms a CancerIndex page prints, as ISO dates the rest of lenaview can sort and compare.

/// `30/11/2019` (day first, as the page prints PMC embargo dates) as `2019-11-30`.
pub(super) fn iso_from_day_month_year(text: &str) -> Option<String> {
    let mut parts = text.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    iso(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// `01 September, 2019` (the page footer; the spaces may be non-breaking) as `2019-09-01`.
pub(super) fn iso_from_day_month_name_year(text: &str) -> Option<String> {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',').filter(|word| !word.is_empty());
    let day = words.next()?.parse().ok()?;
    let month = month_number(words.next()?)?;
    let year = words.next()?;
    if year.len() != 4 {
        return None;
    }
    iso(year.parse().ok()?, month, day)
}

fn month_number(name: &str) -> Option<u32> {
    // Full names and abbreviations both occur; "Sept" too.
    crate::formats::months::number(name).map(u32::from)
}

/// Formats a calendar date, refusing ones that do not exist (`31/02/2019`) rather than passing them on.
fn iso(year: i32, month: u32, day: u32) -> Option<String> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) || !(1000..=9999).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmc_dates_are_day_first() {
        assert_eq!(iso_from_day_month_year("30/11/2019").as_deref(), Some("2019-11-30"));
        assert_eq!(iso_from_day_month_year("1/2/2020").as_deref(), Some("2020-02-01"));
        assert_eq!(iso_from_day_month_year("29/02/2020").as_deref(), Some("2020-02-29"));
    }

    #[test]
    fn impossible_or_malformed_dates_are_refused() {
        for text in ["31/02/2019", "29/02/2019", "11/30/2019", "30/11/19", "30/11/2019/1", "30-11-2019", "", "a/b/c"] {
            assert_eq!(iso_from_day_month_year(text), None, "{text}");
        }
        for text in [
            "September, 2019",
            "01 Smarch, 2019",
            "01 Mayday, 2019",
            "01 Decem, 2019",
            "32 May, 2019",
            "01 May",
            "01 May, 19",
        ] {
            assert_eq!(iso_from_day_month_name_year(text), None, "{text}");
        }
    }

    #[test]
    fn footer_dates_accept_non_breaking_spaces_and_abbreviations() {
        assert_eq!(iso_from_day_month_name_year("01\u{a0}September,\u{a0}2019").as_deref(), Some("2019-09-01"));
        assert_eq!(iso_from_day_month_name_year("1 Sept 2019").as_deref(), Some("2019-09-01"));
        assert_eq!(iso_from_day_month_name_year("15 dec, 2018").as_deref(), Some("2018-12-15"));
    }
}
