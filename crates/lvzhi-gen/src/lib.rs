//! # lvzhi-gen
//!
//! A seeded generator of realistic committee data: a committee (政协委员会)
//! with its sectors, special committees and liaison groups, its members,
//! and one year of their duty activities of every kind with who took part.
//! Test data, demos and benchmarks for the rest of lvzhi.
//!
//! The same [`Config`] gives byte-identical data on every machine and run:
//! ChaCha8 seeded from the config, integer-only sampling, no clock, no hash
//! map iteration. Personal data (phone, ID number) is fake but well formed:
//! phones `139000xxxxx`, ID numbers with a valid check character and a region
//! code whose city part (99) no province uses.
//!
//! ```
//! let data = lvzhi_gen::county(7);
//! assert_eq!(data.batch.members.len(), 120);
//! let ledger = data.into_ledger().unwrap();
//! assert!(ledger.activities().len() > 400);
//! ```
//!
//! Scale: one committee at a time. [`nationwide`] lists the configs of
//! every committee of a country (about 3,200 committees and 650,000
//! members); generate and write them one by one, each with its own id
//! prefix, so ids stay unique and memory stays that of one committee.

use chrono::{Datelike, Months, NaiveDate};
pub use lvzhi_core::Dataset;
use lvzhi_core::{Level, Term};

mod cn;
mod data;
mod duties;
mod gen;
mod meetings;
mod plan;
mod proposals;
mod rng;
mod roster;
mod sectors;
mod topics;

pub use plan::{nationwide, Nationwide};

/// What to generate: one committee and one year of its work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The committee's full name, e.g. 政协澜溪县委员会.
    pub name: String,
    /// The place it serves, e.g. 澜溪县 (全国 for the national committee);
    /// employers, townships and titles are named after it.
    pub place: String,
    /// County, city, provincial or national: sets the sector list, special
    /// committees, the size of the leadership and how long the plenary runs.
    pub level: Level,
    /// The term in office; `year` must fall within it.
    pub term: Term,
    /// The calendar year of activities to generate.
    pub year: i32,
    /// How many members (at least 20).
    pub members: u32,
    /// The seed: same config, same data.
    pub seed: u64,
    /// Prepended to every member and activity id, to keep ids unique when
    /// several committees are generated into one store (e.g. `X0001-`).
    pub id_prefix: String,
    /// Rounds of routine duty work in the year (at least 1; 1 is the
    /// default and what every committee does): each further round adds
    /// another year's worth of training, research, liaison, volunteering,
    /// special-committee meetings and other duties, on its own random
    /// stream, while proposals, reports, plenary and standing meetings stay
    /// as they are. About 23 participations per member at 1; 9 rounds give
    /// about 100, which takes the national plan from ~15 to ~65 million.
    pub intensity: u32,
}

impl Config {
    /// A committee at `level` with made-up place names drawn from `seed`,
    /// and the term that contains `year`.
    pub fn new(level: Level, members: u32, year: i32, seed: u64) -> Self {
        let index = (rng::mix(seed, 0x0070_6c61_6365) % 1600) as u32;
        let place = match level {
            Level::County => format!("{}县", data::place(index)),
            Level::City => format!("{}市", data::place(index)),
            Level::Provincial => format!("{}省", data::place(index)),
            Level::National => "全国".to_string(),
        };
        Config::named(level, place, members, year, seed)
    }

    /// As [`Config::new`], with the place given (澜溪县, 岚江市, 江北省, 全国).
    pub fn named(level: Level, place: impl Into<String>, members: u32, year: i32, seed: u64) -> Self {
        let place = place.into();
        let name = match level {
            Level::National => "中国人民政治协商会议全国委员会".to_string(),
            _ => format!("政协{place}委员会"),
        };
        Config {
            name,
            place,
            level,
            term: default_term(level, year),
            year,
            members,
            seed,
            id_prefix: String::new(),
            intensity: 1,
        }
    }

    /// The default sample: a county committee of 120 members in its 10th
    /// term (2022–2026), generating the year 2025.
    pub fn county(seed: u64) -> Self {
        Config::new(Level::County, 120, 2025, seed)
    }
}

/// The term containing `year`: county and city committees elected in 2022
/// (第十届 and 第九届), provincial in 2023 (第十三届), the national one in
/// March 2023 (第十四届), and every five years before and after.
fn default_term(level: Level, year: i32) -> Term {
    let (base_year, base_number, month) = match level {
        Level::County => (2022, 10, 1),
        Level::City => (2022, 9, 1),
        Level::Provincial => (2023, 13, 1),
        Level::National => (2023, 14, 3),
    };
    // A term starting in March covers March to February: the year counts
    // in the term its March to December fall in.
    let k = (year - base_year).div_euclid(5);
    let start = NaiveDate::from_ymd_opt(base_year + 5 * k, month, 1).expect("valid term start");
    let end = start.checked_add_months(Months::new(60)).expect("valid term end").pred_opt().expect("a day");
    let number = u16::try_from(base_number + k).unwrap_or(1).max(1);
    debug_assert!(start.year() <= year && year <= end.year());
    Term { number, start, end }
}

/// The default sample for `seed`: see [`Config::county`].
pub fn county(seed: u64) -> Dataset {
    generate(&Config::county(seed))
}

/// Generates one committee and one year of its work.
///
/// # Panics
/// When `config.members` is below 20, or `config.year` is not (mostly)
/// within `config.term`.
pub fn generate(config: &Config) -> Dataset {
    gen::Gen::new(config).run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_terms_contain_the_year() {
        for level in [Level::County, Level::City, Level::Provincial, Level::National] {
            for year in 2015..2040 {
                let t = default_term(level, year);
                let mid = NaiveDate::from_ymd_opt(year, 6, 30).unwrap();
                assert!(t.contains(mid), "{level} {year}: {t:?}");
            }
        }
        let t = default_term(Level::County, 2025);
        assert_eq!(
            (t.number, t.start.to_string(), t.end.to_string()),
            (10, "2022-01-01".into(), "2026-12-31".into())
        );
        let t = default_term(Level::National, 2025);
        assert_eq!(
            (t.number, t.start.to_string(), t.end.to_string()),
            (14, "2023-03-01".into(), "2028-02-29".into())
        );
    }
}
