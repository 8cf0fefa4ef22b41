//! The ranking rows of an evaluation: order, shared places, names from the
//! ledger, category columns, grades, cohort ranks and flags.

mod common;

use common::*;
use lvzhi_core::{ProposalForm, ProposalStatus};
use lvzhi_rules::{ranking, Cohort, Period, RankIn, RuleSet};
use rust_decimal::Decimal;

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

#[test]
fn rows_run_from_the_best_total_with_shared_places_for_ties() {
    let mut f = Fixture::new(d(2024, 1, 1), d(2028, 12, 31));
    f.member_in("M1", "教育界");
    f.member_in("M2", "教育界");
    f.member_in("M3", "经济界").name = "张伟".into();
    f.member_in("M4", "经济界");
    // M2 and M3 lead one proposal each, M4 two; M1 none.
    for (id, member) in [("P1", "M2"), ("P2", "M3"), ("P3", "M4"), ("P4", "M4")] {
        f.add(proposal(id, d(2024, 3, 1), ProposalForm::Individual, ProposalStatus::Filed), [lead(member)]);
    }
    let ledger = f.ledger();
    let rules = RuleSet::from_toml_str(RULES).unwrap_or_else(|e| panic!("{e}"));
    let ev = evaluated(&ledger, &rules, Period::year(2024));
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
