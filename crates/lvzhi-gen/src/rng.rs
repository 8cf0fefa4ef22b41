//! Portable seeded randomness: ChaCha8 and only integer sampling, so the
//! same seed draws the same values on every platform (no `usize`-width
//! dependent ranges, no floating-point maths).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Mixes two 64-bit values into a well-spread seed (splitmix64 finaliser).
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of a label: names a random stream.
pub(crate) fn fnv(label: &str) -> u64 {
    label.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A seeded random stream.
pub(crate) struct Rng(ChaCha8Rng);

impl Rng {
    /// The stream `label` of `seed`: each part of the generator draws from its
    /// own stream, so changing one part does not reshuffle the others.
    pub(crate) fn new(seed: u64, label: &str) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(mix(seed, fnv(label))))
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let n = u32::try_from(n).expect("ranges stay below 2^32");
        if n <= 1 {
            0
        } else {
            self.0.gen_range(0..n) as usize
        }
    }

    /// A value in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            lo
        } else {
            self.0.gen_range(lo..=hi)
        }
    }

    /// True with probability `per_mille` / 1000.
    pub(crate) fn chance(&mut self, per_mille: u32) -> bool {
        self.0.gen_range(0..1000u32) < per_mille
    }

    /// A raw 64-bit value.
    #[cfg(test)]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0.gen()
    }

    /// One item, uniformly.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given integer weights.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        if total == 0 {
            return self.below(weights.len());
        }
        let mut x = self.0.gen_range(0..total);
        for (i, &w) in weights.iter().enumerate() {
            if x < u64::from(w) {
                return i;
            }
            x -= u64::from(w);
        }
        weights.len() - 1
    }

    /// One of `(item, weight)` pairs, drawn by weight.
    pub(crate) fn pick_weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let weights: Vec<u32> = items.iter().map(|(_, w)| *w).collect();
        &items[self.weighted(&weights)].0
    }

    /// Fisher–Yates shuffle of the first `k` places (all when `k >= len`).
    pub(crate) fn shuffle_prefix<T>(&mut self, v: &mut [T], k: usize) {
        let n = v.len();
        for i in 0..k.min(n.saturating_sub(1)) {
            let j = i + self.below(n - i);
            v.swap(i, j);
        }
    }

    /// Fisher–Yates shuffle of the whole slice.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        self.shuffle_prefix(v, v.len());
    }

    /// A day in `from..=to`.
    pub(crate) fn day(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u32;
        from + Duration::days(i64::from(self.range(0, span)))
    }

    /// A working day (Monday to Friday) in `from..=to` when the range has one.
    pub(crate) fn workday(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let d = self.day(from, to);
        let shifted = match d.weekday() {
            Weekday::Sat => [d + Duration::days(2), d - Duration::days(1)],
            Weekday::Sun => [d + Duration::days(1), d - Duration::days(2)],
            _ => return d,
        };
        shifted.into_iter().find(|s| from <= *s && *s <= to).unwrap_or(d)
    }
}

/// Cumulative weights over members, for O(log n) weighted draws.
pub(crate) struct Cumulative(Vec<u64>);

impl Cumulative {
    /// From per-item weights.
    pub(crate) fn new(weights: impl Iterator<Item = u32>) -> Self {
        let mut total = 0u64;
        Cumulative(
            weights
                .map(|w| {
                    total += u64::from(w);
                    total
                })
                .collect(),
        )
    }

    /// An index drawn by weight (uniform when all weights are zero).
    pub(crate) fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0);
        if total == 0 {
            return rng.below(self.0.len());
        }
        let x = rng.0.gen_range(0..total);
        self.0.partition_point(|&c| c <= x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_stable_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, "x").next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(7, "x").next_u64(), Rng::new(7, "y").next_u64());
        assert_ne!(Rng::new(7, "x").next_u64(), Rng::new(8, "x").next_u64());
    }

    #[test]
    fn workdays_avoid_weekends() {
        let mut rng = Rng::new(1, "w");
        let from = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(2025, 3, 31).unwrap();
        for _ in 0..200 {
            let d = rng.workday(from, to);
            assert!(!matches!(d.weekday(), Weekday::Sat | Weekday::Sun), "{d}");
            assert!(from <= d && d <= to);
        }
    }

    #[test]
    fn cumulative_never_draws_zero_weight() {
        let c = Cumulative::new([0, 3, 0, 1].into_iter());
        let mut rng = Rng::new(2, "c");
        for _ in 0..500 {
            let i = c.draw(&mut rng);
            assert!(i == 1 || i == 3, "{i}");
        }
    }
}
