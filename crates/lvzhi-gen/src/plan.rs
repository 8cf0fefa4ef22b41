//! Every committee of a country, one config at a time.

use lvzhi_core::Level;

use crate::rng::mix;
use crate::{data, generate, Config, Dataset};

/// How many committees of each level [`nationwide`] lists: one national,
/// 31 provincial, 333 city and 2,844 county-level committees.
const COUNTS: [(Level, u32); 4] =
    [(Level::National, 1), (Level::Provincial, 31), (Level::City, 333), (Level::County, 2844)];

/// The configs of every committee of a country for `year`, national first,
/// about 650,000 members in all. Each has its own seed (derived from `seed`
/// and its position), place name and id prefix (`N0000-`, `P0001-`,
/// `C0001-`, `X0001-`), so their data can be written one after another into
/// one store without clashing ids. Lazy: nothing is generated until asked.
///
/// ```
/// let mut all = lvzhi_gen::nationwide(1, 2025);
/// assert_eq!(all.len(), 3209);
/// let national = all.next().unwrap();
/// assert_eq!(national.members, 2169);
/// assert_eq!(national.id_prefix, "N0000-");
/// ```
pub fn nationwide(seed: u64, year: i32) -> Nationwide {
    Nationwide { seed, year, next: 0 }
}

/// The iterator [`nationwide`] returns.
#[derive(Debug, Clone)]
pub struct Nationwide {
    seed: u64,
    year: i32,
    next: u32,
}

impl Nationwide {
    /// The committees' data, each generated when the iterator reaches it,
    /// so only one committee is in memory at a time.
    pub fn datasets(self) -> impl Iterator<Item = Dataset> {
        self.map(|config| generate(&config))
    }

    fn total() -> u32 {
        COUNTS.iter().map(|c| c.1).sum()
    }

    /// The config of committee `i` (0-based, national first).
    fn config(&self, i: u32) -> Config {
        let mut rest = i;
        let (level, index) = COUNTS
            .iter()
            .find_map(|&(level, count)| {
                if rest < count {
                    Some((level, rest))
                } else {
                    rest -= count;
                    None
                }
            })
            .expect("index within the plan");
        let seed = mix(self.seed, u64::from(i) + 1);
        let spread = (mix(seed, 0x7369_7a65) % 1000) as u32;
        let (members, tag, place) = match level {
            Level::National => (2169, 'N', "全国".to_string()),
            Level::Provincial => (550 + spread * 400 / 1000, 'P', format!("{}省", data::place(1000 + index))),
            Level::City => (300 + spread * 250 / 1000, 'C', format!("{}市", data::place(1100 + index))),
            // Names 0..1600 as 县, then 区 for the rest.
            Level::County if index < 1600 => {
                (115 + spread * 110 / 1000, 'X', format!("{}县", data::place(index)))
            }
            Level::County => (115 + spread * 110 / 1000, 'X', format!("{}区", data::place(index - 1600))),
        };
        let mut config = Config::named(level, place, members, self.year, seed);
        config.id_prefix =
            if level == Level::National { "N0000-".to_string() } else { format!("{tag}{:04}-", index + 1) };
        config
    }
}

impl Iterator for Nationwide {
    type Item = Config;

    fn next(&mut self) -> Option<Config> {
        if self.next >= Nationwide::total() {
            return None;
        }
        let config = self.config(self.next);
        self.next += 1;
        Some(config)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (Nationwide::total() - self.next) as usize;
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<Config> {
        self.next = self.next.saturating_add(u32::try_from(n).unwrap_or(u32::MAX)).min(Nationwide::total());
        self.next()
    }
}

impl ExactSizeIterator for Nationwide {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn plan_adds_up_to_a_country() {
        let configs: Vec<Config> = nationwide(9, 2025).collect();
        assert_eq!(configs.len(), 3209);
        let members: u64 = configs.iter().map(|c| u64::from(c.members)).sum();
        assert!((600_000..=700_000).contains(&members), "{members}");
        let prefixes: BTreeSet<&str> = configs.iter().map(|c| c.id_prefix.as_str()).collect();
        assert_eq!(prefixes.len(), configs.len(), "id prefixes are unique");
        let names: BTreeSet<&str> = configs.iter().map(|c| c.name.as_str()).collect();
        assert!(names.len() > 3150, "names are mostly distinct: {}", names.len());
        assert_eq!(nationwide(9, 2025).nth(40).unwrap(), configs[40]);
    }
}
