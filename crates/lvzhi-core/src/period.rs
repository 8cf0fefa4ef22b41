//! The period an evaluation covers.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A span of days, both ends included: usually a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl Period {
    /// The days from `start` to `end` (given in either order).
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        if start <= end {
            Period { start, end }
        } else {
            Period { start: end, end: start }
        }
    }

    /// The calendar year `year`, 1 January to 31 December.
    ///
    /// # Panics
    /// For years outside chrono's range (about ±262,000).
    pub fn year(year: i32) -> Period {
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("year within chrono's range");
        Period { start: day(1, 1), end: day(12, 31) }
    }

    /// Whether `date` falls within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// The number of days, both ends included.
    pub fn days(&self) -> u32 {
        u32::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    /// Whether this period starts the day after `previous` ends.
    pub fn follows(&self, previous: &Period) -> bool {
        previous.end.succ_opt() == Some(self.start)
    }

    /// Whether the period is exactly one calendar year.
    pub fn is_calendar_year(&self) -> bool {
        self.whole_year().is_some()
    }

    /// The year, when the period is exactly one calendar year.
    pub fn whole_year(&self) -> Option<i32> {
        let y = self.start.year();
        (*self == Period::year(y)).then_some(y)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_calendar_year() {
            write!(f, "{}", self.start.year())
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_days() {
        let p = Period::year(2024);
        assert_eq!(p.days(), 366);
        assert_eq!(p.to_string(), "2024");
        assert!(Period::year(2025).follows(&p));
        assert!(!Period::year(2026).follows(&p));
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let q = Period::new(d(6, 30), d(6, 1));
        assert_eq!(q.start, d(6, 1));
        assert_eq!(q.days(), 30);
        assert_eq!(q.to_string(), "2024-06-01..2024-06-30");
    }
}
