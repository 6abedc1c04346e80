//! Calendar dates for E-utilities date ranges (`2024/05/31`) and the state file (`2024-05-31`), without a
//! date crate: PubMed only needs whole days, counted from 1970 to split a range in halves.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `2024-05-31` or `2024/05/31` (PubMed's form); a date that does not exist is refused.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split(['-', '/']);
        let year = parts.next()?.parse::<i32>().ok()?;
        let month = parts.next()?.parse::<u32>().ok()?;
        let day = parts.next()?.parse::<u32>().ok()?;
        let date = Date { year, month, day };
        let valid = parts.next().is_none() && (1000..=9999).contains(&year) && Date::from_days(date.days()) == date;
        valid.then_some(date)
    }

    /// Today in UTC (PubMed's dates are US Eastern; a day of overlap is harmless because known PMIDs are skipped).
    pub fn today() -> Date {
        let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or(0);
        Date::from_days((seconds / 86_400) as i64)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// The form E-utilities expect in `mindate`/`maxdate`.
    pub fn eutils(self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

/// ISO 8601, as the state file and `lenaview following` show it.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_across_leap_years_and_centuries() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().days(), 11_017);
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::parse("2024-02-28").unwrap().add_days(1).to_string(), "2024-02-29");
        assert_eq!(Date::parse("2023-12-31").unwrap().add_days(1).eutils(), "2024/01/01");
    }

    #[test]
    fn only_real_dates_parse() {
        assert_eq!(Date::parse("2024/05/31"), Some(Date { year: 2024, month: 5, day: 31 }));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("2024-05"), None);
        assert_eq!(Date::parse("2024-05-01-02"), None);
        assert_eq!(Date::parse("yesterday"), None);
    }
}
