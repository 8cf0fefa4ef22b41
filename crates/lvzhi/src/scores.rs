//! An evaluation's scorecards as the score sections of annual reports:
//! category subtotals beside the sector's median, grade, rank in sector,
//! flags by name.

use std::collections::HashMap;

use lvzhi_core::{Ledger, MemberId};
use lvzhi_report::{CategoryLine, Rank, ScoreSection};
use lvzhi_rules::{Cohort, Evaluation};
use rust_decimal::Decimal;

/// The score section of every scored member's report.
pub fn score_sections(ledger: &Ledger, evaluation: &Evaluation) -> HashMap<MemberId, ScoreSection> {
    let sector_of = |id: &MemberId| ledger.member_ix(id).map(|m| ledger.member(m).sector.as_str());

    // Every category's subtotals, per sector, for the medians.
    let mut by_sector: HashMap<&str, Vec<Vec<Decimal>>> = HashMap::new();
    for card in &evaluation.scorecards {
        let Some(sector) = sector_of(&card.member) else { continue };
        let columns =
            by_sector.entry(sector).or_insert_with(|| vec![Vec::new(); evaluation.categories.len()]);
        for c in &card.categories {
            columns[usize::from(c.category)].push(c.subtotal);
        }
    }
    let medians: HashMap<&str, Vec<Option<Decimal>>> =
        by_sector.into_iter().map(|(s, columns)| (s, columns.into_iter().map(median).collect())).collect();

    evaluation
        .scorecards
        .iter()
        .map(|card| {
            let sector_medians = sector_of(&card.member).and_then(|s| medians.get(s));
            let categories = card
                .categories
                .iter()
                .map(|c| {
                    let info = &evaluation.categories[usize::from(c.category)];
                    CategoryLine {
                        name: info.name.clone(),
                        points: c.subtotal,
                        max: info.max,
                        sector_median: sector_medians.and_then(|m| m[usize::from(c.category)]),
                    }
                })
                .collect();
            let section = ScoreSection {
                rule_set_name: evaluation.rule_set_name.clone(),
                total: card.total,
                max_total: evaluation.max_total,
                categories,
                grade: evaluation.grade_of(card).map(|g| g.name.clone()),
                rank_in_sector: evaluation
                    .rank_in(card, Cohort::Sector)
                    .map(|r| Rank { rank: r.rank, of: r.of }),
                flags: card.flags.iter().map(|&f| evaluation.flags[usize::from(f)].name.clone()).collect(),
            };
            (card.member.clone(), section)
        })
        .collect()
}

/// The median, exact: the mean of the two middle values for an even count.
fn median(mut values: Vec<Decimal>) -> Option<Decimal> {
    if values.is_empty() {
        return None;
    }
    values.sort();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / Decimal::TWO })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_is_exact() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![d("3"), d("1"), d("2")]), Some(d("2")));
        assert_eq!(median(vec![d("0.1"), d("0.2")]), Some(d("0.15")));
    }
}
