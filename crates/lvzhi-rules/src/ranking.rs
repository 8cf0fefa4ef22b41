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
pub fn places(totals: impl Iterator<Item = Decimal> + Clone) -> Vec<u32> {
    let mut sorted: Vec<Decimal> = totals.clone().collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let place = |t: &Decimal| u32::try_from(sorted.partition_point(|s| s > t) + 1).unwrap_or(u32::MAX);
    totals.map(|t| place(&t)).collect()
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
    }
}
