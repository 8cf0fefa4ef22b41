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

/// The ranking table of `evaluation`, names and sectors from `ledger`.
pub fn ranking(ledger: &Ledger, evaluation: &Evaluation) -> Ranking {
    let mut cohorts: Vec<Cohort> =
        evaluation.scorecards.iter().flat_map(|c| c.ranks.iter().map(|r| r.cohort)).collect();
    cohorts.sort();
    cohorts.dedup();

    let mut cards: Vec<&Scorecard> = evaluation.scorecards.iter().collect();
    cards.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.member.cmp(&b.member)));

    let mut rank = 0;
    let rows = cards
        .iter()
        .enumerate()
        .map(|(i, card)| {
            if i == 0 || cards[i - 1].total != card.total {
                rank = u32::try_from(i + 1).unwrap_or(u32::MAX);
            }
            row(ledger, evaluation, &cohorts, card, rank)
        })
        .collect();
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
        name: member.map_or_else(String::new, |m| m.name.clone()),
        sector: member.map_or_else(String::new, |m| m.sector.clone()),
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
    use crate::{evaluate, RuleSet};
    use chrono::NaiveDate;
    use lvzhi_core::*;

    const RULES: &str = r#"
        [method]
        id = "t"
        name = "测试办法"
        cohorts = ["sector"]
        [[category]]
        id = "proposals"
        name = "提案"
        [[category]]
        id = "meetings"
        name = "会议"
        [[item]]
        id = "lead"
        name = "领衔提案"
        category = "proposals"
        match = { kind = "提案", role = "领衔" }
        points = 5
        [[flag]]
        id = "low"
        name = "低于5分"
        total_below = 5
        [[grade]]
        id = "good"
        name = "优秀"
        min = 5
        [[grade]]
        id = "ok"
        name = "合格"
        below = 5
    "#;

    fn ledger() -> Ledger {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
        let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
        let mut batch = Batch::default();
        for (id, name, sector) in [
            ("M1", "王芳", "教育界"),
            ("M2", "李强", "教育界"),
            ("M3", "张伟", "经济界"),
            ("M4", "赵敏", "经济界"),
        ] {
            batch.members.push(Member::new(id, name, sector));
        }
        // M2 and M3 lead one proposal each, M4 two; M1 none.
        for (pid, member) in [("P1", "M2"), ("P2", "M3"), ("P3", "M4"), ("P4", "M4")] {
            batch.activities.push(Activity::new(
                pid,
                "提案",
                d(3, 1),
                Level::County,
                ActivityDetail::Proposal(Proposal {
                    number: None,
                    form: ProposalForm::Individual,
                    collective_body: None,
                    status: ProposalStatus::Filed,
                    session: None,
                    handling_units: vec![],
                    reply_category: None,
                    satisfaction: None,
                    designations: Designations::default(),
                    forwarded_to: None,
                }),
            ));
            batch.participations.push(ParticipationRecord::new(pid, member, ParticipantRole::Lead));
        }
        ledger.add(batch).unwrap();
        ledger
    }

    #[test]
    fn rows_run_from_the_best_total_with_shared_places_for_ties() {
        let ledger = ledger();
        let rules = RuleSet::from_toml_str(RULES).unwrap_or_else(|e| panic!("{e}"));
        let ev = evaluate(&ledger, &rules, Period::year(2024));
        let r = ranking(&ledger, &ev);
        assert_eq!(r.rule_set_name, "测试办法");
        assert_eq!(r.categories.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["proposals", "meetings"]);
        assert_eq!(r.cohorts, [Cohort::Sector]);
        let order: Vec<(&str, u32, String)> =
            r.rows.iter().map(|row| (row.member_id.0.as_str(), row.rank, row.total.to_string())).collect();
        assert_eq!(
            order,
            [("M4", 1, "10".into()), ("M2", 2, "5".into()), ("M3", 2, "5".into()), ("M1", 4, "0".into())]
        );
        let m3 = &r.rows[2];
        assert_eq!((m3.name.as_str(), m3.sector.as_str()), ("张伟", "经济界"));
        assert_eq!(m3.categories, [Decimal::from(5), Decimal::ZERO]);
        assert_eq!(m3.grade.as_deref(), Some("优秀"));
        assert_eq!(m3.ranks, [Some(RankIn { value: "经济界".into(), rank: 2, of: 2 })]);
        assert!(m3.flags.is_empty());
        let m1 = &r.rows[3];
        assert_eq!(m1.grade_id.as_deref(), Some("ok"));
        assert_eq!(m1.flag_ids, ["low"]);
        assert_eq!(m1.flags, ["低于5分"]);
    }
}
