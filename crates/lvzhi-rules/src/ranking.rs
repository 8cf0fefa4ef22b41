//! An evaluation as a ranking table: one row per member, best total first,
//! with the member's name and sector, the total, each category's subtotal,
//! the grade, the rank in each cohort and the flags raised.
//!
//! This is the row model every tabular output shares (the command line's
//! screen table, CSV, JSON): writers format it, none recomputes it.

use lvzhi_core::{Ledger, MemberId, Period};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::result::{Evaluation, Scorecard};
use crate::vocab::Cohort;

/// A column of category subtotals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankingCategory {
    /// The category's ASCII id.
    pub id: String,
    /// Its name, e.g. 会议出席.
    pub name: String,
    /// Its maximum, when capped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Decimal>,
}

/// A member's place among the peers of one cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankIn {
    /// The member's sector, party … in that cohort.
    pub value: String,
    /// 1 + the number of peers with a higher total.
    pub rank: u32,
    /// The number of peers, the member included.
    pub of: u32,
}

/// One member's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankingRow {
    /// Place in the whole list: 1 + the number of members with a higher
    /// total (equal totals share a place: 1, 2, 2, 4).
    pub rank: u32,
    /// The member's id.
    pub member_id: MemberId,
    /// The member's name (empty if the ledger does not know the member).
    pub name: String,
    /// The member's sector (界别).
    pub sector: String,
    /// The total.
    pub total: Decimal,
    /// Subtotals, one per [`Ranking::categories`], in that order.
    pub categories: Vec<Decimal>,
    /// The grade's id, if graded.
    pub grade_id: Option<String>,
    /// The grade's name (优秀 …), if graded.
    pub grade: Option<String>,
    /// Rank in each of [`Ranking::cohorts`], in that order; `None` where
    /// the member has no value for the cohort (no party …).
    pub ranks: Vec<Option<RankIn>>,
    /// The ids of the flags raised.
    pub flag_ids: Vec<String>,
    /// The names of the flags raised.
    pub flags: Vec<String>,
}

/// An evaluation's ranking table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    /// The rule set's id.
    pub rule_set: String,
    /// The rule set's name.
    pub rule_set_name: String,
    /// The period evaluated.
    pub period: Period,
    /// The category columns, in the rule set's order.
    pub categories: Vec<RankingCategory>,
    /// The cohorts ranked in, in a fixed order (committee, sector, party,
    /// special committee, liaison group).
    pub cohorts: Vec<Cohort>,
    /// One row per scorecard, highest total first, then by member id.
    pub rows: Vec<RankingRow>,
}

/// Each total's place: 1 + the number of higher totals (equal totals share
/// a place: 1, 2, 2, 4), in the order given.
pub fn places(totals: impl Iterator<Item = Decimal>) -> Vec<u32> {
    let totals: Vec<Decimal> = totals.collect();
    let mut order: Vec<u32> = (0..to_u32(totals.len())).collect();
    let keys = integer_keys(&totals);
    // The totals best first, then each one's place from its neighbour's.
    let same = |a: u32, b: u32| match &keys {
        Some(k) => k[a as usize] == k[b as usize],
        None => totals[a as usize] == totals[b as usize],
    };
    match &keys {
        Some(k) => order.sort_unstable_by(|&a, &b| k[b as usize].cmp(&k[a as usize])),
        None => order.sort_unstable_by(|&a, &b| totals[b as usize].cmp(&totals[a as usize])),
    }
    let mut out = vec![0; totals.len()];
    let mut place = 1;
    for (i, &k) in order.iter().enumerate() {
        if i > 0 && !same(order[i - 1], k) {
            place = to_u32(i + 1);
        }
        out[k as usize] = place;
    }
    out
}

/// The totals as integers at the largest scale among them (1.5 and 2 as
/// 15 and 20), which order and compare as the decimals do at a fraction
/// of the cost (a decimal comparison aligns scales each time); `None`
/// when one does not fit.
pub fn integer_keys(totals: &[Decimal]) -> Option<Vec<i128>> {
    let scale = totals.iter().map(Decimal::scale).max().unwrap_or(0);
    totals.iter().map(|d| d.mantissa().checked_mul(10i128.checked_pow(scale - d.scale())?)).collect()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The ranking table of `evaluation`, names and sectors from `ledger`.
pub fn ranking(ledger: &Ledger, evaluation: &Evaluation) -> Ranking {
    let mut cohorts: Vec<Cohort> =
        evaluation.scorecards.iter().flat_map(|c| c.ranks.iter().map(|r| r.cohort)).collect();
    cohorts.sort();
    cohorts.dedup();

    let mut cards: Vec<&Scorecard> = evaluation.scorecards.iter().collect();
    cards.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.member.cmp(&b.member)));

    let ranks = places(cards.iter().map(|c| c.total));
    let rows =
        cards.iter().zip(ranks).map(|(card, rank)| row(ledger, evaluation, &cohorts, card, rank)).collect();
    Ranking {
        rule_set: evaluation.rule_set.clone(),
        rule_set_name: evaluation.rule_set_name.clone(),
        period: evaluation.period,
        categories: evaluation
            .categories
            .iter()
            .map(|c| RankingCategory { id: c.id.clone(), name: c.name.clone(), max: c.max })
            .collect(),
        cohorts,
        rows,
    }
}

fn row(ledger: &Ledger, ev: &Evaluation, cohorts: &[Cohort], card: &Scorecard, rank: u32) -> RankingRow {
    let member = ledger.member_ix(&card.member).map(|ix| ledger.member(ix));
    let mut categories = vec![Decimal::ZERO; ev.categories.len()];
    for c in &card.categories {
        categories[usize::from(c.category)] = c.subtotal;
    }
    let grade = ev.grade_of(card);
    let flags = card.flags.iter().map(|&f| &ev.flags[usize::from(f)]);
    RankingRow {
        rank,
        member_id: card.member.clone(),
        name: member.map_or_else(String::new, |m| m.name.to_string()),
        sector: member.map_or_else(String::new, |m| m.sector.to_string()),
        total: card.total,
        categories,
        grade_id: grade.map(|g| g.id.clone()),
        grade: grade.map(|g| g.name.clone()),
        ranks: cohorts
            .iter()
            .map(|&cohort| {
                ev.rank_in(card, cohort).map(|r| RankIn {
                    value: ev.cohort_values[r.value as usize].clone(),
                    rank: r.rank,
                    of: r.of,
                })
            })
            .collect(),
        flag_ids: flags.clone().map(|f| f.id.clone()).collect(),
        flags: flags.map(|f| f.name.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_totals_share_a_place() {
        let d = |n: i64| Decimal::from(n);
        assert_eq!(places([d(5), d(9), d(5), d(1)].into_iter()), [2, 1, 2, 4]);
        assert_eq!(places([d(9), d(5), d(5), d(1)].into_iter()), [1, 2, 2, 4]);
        assert!(places(std::iter::empty()).is_empty());
        // Equal at different scales; and totals too large for integer keys.
        let e = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(places([e("1.50"), e("2"), e("1.5"), e("-0.25")].into_iter()), [2, 1, 2, 4]);
        assert_eq!(integer_keys(&[e("1.50"), e("2"), e("-0.25")]), Some(vec![150, 200, -25]));
        let huge = [e("79228162514264337593543950335"), e("0.0000000000000000000000000001"), e("0")];
        assert_eq!(integer_keys(&huge), None);
        assert_eq!(places(huge.into_iter()), [1, 2, 3]);
    }

    proptest::proptest! {
        /// A place is 1 + the number of strictly higher totals, whatever
        /// their scales, and whether or not they fit integer keys.
        #[test]
        fn a_place_is_one_more_than_the_totals_above(
            totals in proptest::collection::vec((-500i64..500, 0u32..4, 0u8..40), 0..60)
        ) {
            // Now and then a total of 25 more digits, or of 15 decimals:
            // both in one list do not fit integer keys.
            let totals: Vec<Decimal> = totals
                .into_iter()
                .map(|(m, scale, odd)| match odd {
                    0 => Decimal::from_i128_with_scale(i128::from(m) * 10i128.pow(25), 0),
                    1 => Decimal::new(m, 15),
                    _ => Decimal::new(m, scale),
                })
                .collect();
            let want: Vec<u32> =
                totals.iter().map(|t| 1 + totals.iter().filter(|u| *u > t).count() as u32).collect();
            proptest::prop_assert_eq!(places(totals.iter().copied()), want);
        }
    }
}
