//! RIS dates (`PY`, `Y1`, `DA`) as the printed date lenaview shows ("2019 Aug 22") and a year.
//!
//! The RIS form is `YYYY/MM/DD/other`, with any part left empty (`2019///`, `2019/10//undefined`), and `other`
//! the whole printed date when it holds the year (`2018///Fall 2018`);
//! writers also use `2019-08-22`, and EndNote puts only the month in `DA` (`Jun`) beside `PY  - 2011`.

use crate::formats::medline::first_year;

use crate::formats::months::ABBREVIATIONS as MONTHS;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PrintedDate {
    pub year: Option<i32>,
    pub printed: String,
    /// How much the date says: 1 a year, 2 a month, 3 a day; a better source wins when dates disagree in detail.
    detail: u8,
}

/// The year and printed date from a record's date fields, most detailed first among those of the same year.
pub(super) fn best(values: &[&str]) -> Option<PrintedDate> {
    let dates: Vec<PrintedDate> = values.iter().filter_map(|value| parse(value)).collect();
    let year = dates.iter().find_map(|date| date.year);
    let mut best =
        dates.iter().filter(|date| date.year.is_some() && date.year == year).max_by_key(|date| date.detail)?.clone();
    // EndNote: `PY  - 2011` with `DA  - Jun` means June 2011.
    if best.detail == 1
        && let (Some(year), Some(month)) = (year, dates.iter().find(|date| date.year.is_none()))
    {
        best = PrintedDate { year: Some(year), printed: format!("{year} {}", month.printed), detail: 2 };
    }
    Some(best)
}

fn parse(value: &str) -> Option<PrintedDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    structured(value).or_else(|| Some(PrintedDate { year: first_year(value), printed: value.to_string(), detail: 1 }))
}

/// `2019/08/22/other` or `2019-08-22`; `None` for free text such as `Fall 2018` or `Jun`.
fn structured(value: &str) -> Option<PrintedDate> {
    let separator = if value.contains('/') { '/' } else { '-' };
    let mut parts = value.splitn(4, separator).map(str::trim);
    let year_text = parts.next()?;
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let month =
        parts.next().and_then(|month| month.parse::<usize>().ok()).and_then(|month| MONTHS.get(month.checked_sub(1)?));
    let day = parts.next().and_then(|day| day.parse::<u8>().ok()).filter(|day| (1..=31).contains(day));
    let other = parts.next().filter(|other| !other.is_empty() && !other.eq_ignore_ascii_case("undefined"));
    let (printed, detail) = match (month, day) {
        (Some(month), Some(day)) => (format!("{year} {month} {day}"), 3),
        (Some(month), None) => (format!("{year} {month}"), 2),
        (None, _) => match other {
            // `2018///Fall 2018`: the printed date is all there, as lenaview's RIS export writes it.
            Some(printed) if printed.contains(year_text) => (printed.to_string(), 2),
            Some(season) => (format!("{year} {season}"), 2),
            None => (year.to_string(), 1),
        },
    };
    Some(PrintedDate { year: Some(year), printed, detail })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(values: &[&str]) -> Option<(Option<i32>, String)> {
        best(values).map(|date| (date.year, date.printed))
    }

    #[test]
    fn ris_dates_print_like_pubmed() {
        assert_eq!(printed(&["2019///"]), Some((Some(2019), "2019".into())));
        assert_eq!(printed(&["2019/08/22"]), Some((Some(2019), "2019 Aug 22".into())));
        assert_eq!(printed(&["2019/10//undefined"]), Some((Some(2019), "2019 Oct".into())));
        assert_eq!(printed(&["2018///Fall"]), Some((Some(2018), "2018 Fall".into())));
        assert_eq!(printed(&["2014-08-15"]), Some((Some(2014), "2014 Aug 15".into())));
        assert_eq!(printed(&["Fall 2018"]), Some((Some(2018), "Fall 2018".into())));
        assert_eq!(printed(&["2018///Fall 2018"]), Some((Some(2018), "Fall 2018".into())));
        assert_eq!(printed(&["2018///Winter 2018-2019"]), Some((Some(2018), "Winter 2018-2019".into())));
    }

    #[test]
    fn the_most_detailed_date_of_the_first_year_wins() {
        assert_eq!(printed(&["2019", "", "2019/08/22/"]), Some((Some(2019), "2019 Aug 22".into())));
        assert_eq!(printed(&["2019", "2018/01/02"]), Some((Some(2019), "2019".into())));
        assert_eq!(printed(&["2011", "Jun"]), Some((Some(2011), "2011 Jun".into())));
    }

    #[test]
    fn no_year_means_no_date() {
        assert_eq!(printed(&["Jun"]), None);
        assert_eq!(printed(&["", "  "]), None);
        assert_eq!(printed(&[]), None);
        assert_eq!(printed(&["2019/13/40"]), Some((Some(2019), "2019".into())));
    }
}
