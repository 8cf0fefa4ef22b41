//! `evaluate_totals` (the ranking-only result as columns) gives what the
//! ranking-only scorecards of `evaluate_with` give: the same members in
//! the same order, the same totals, subtotals and grades, under every
//! preset, under a rule set whose grades are refused for requirements,
//! flags and quotas, and at the edges (no member in office, members
//! without participations, a member leaving mid-period, members not
//! added in id order).

mod common;

use common::*;
use lvzhi_core::{Attendance, Ledger, Level, MeetingKind, ResearchKind};
use lvzhi_rules::{evaluate, evaluate_totals, presets, GradeWhy, Period, RuleSet};

/// Generated committees: two counties of the default intensity and a busier one.
fn ledgers() -> Vec<Ledger> {
    let mut out: Vec<Ledger> =
        [1, 2].into_iter().map(|seed| lvzhi_gen::county(seed).into_ledger().unwrap()).collect();
    let mut config = lvzhi_gen::Config::new(Level::County, 60, 2025, 7);
    config.intensity = 3;
    out.push(lvzhi_gen::generate(&config).into_ledger().unwrap());
    out
}

#[test]
fn totals_equal_ranking_only_scorecards_under_every_preset() {
    let ledgers = ledgers();
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        for ledger in &ledgers {
            let totals = assert_totals_match(ledger, &rules, Period::year(2025));
            assert!(totals.len() > 30, "{}: {} members", info.id, totals.len());
        }
    }
}

/// Grades refused for unmet requirements (one of them pro-rated, one
/// only for standing members), for flags of the period, of the term and
/// of unmet requirements, and for full quotas; a grade flag the grades
/// may not read.
const GRADED: &str = r#"
[method]
id = "graded"
name = "等次测试"
base = 50
prorate = true
decimals = 2

[[category]]
id = "meetings"
name = "会议"
max = 30
floor = -30

[[category]]
id = "proposals"
name = "提案"
max = 20

[[item]]
id = "present"
name = "出席会议"
category = "meetings"
match = { kind = "meeting", attendance = "present" }
points = 1.5

[[item]]
id = "unexcused"
name = "无故缺席"
category = "meetings"
match = { kind = "meeting", attendance = "unexcused" }
points = -4

[[item]]
id = "proposal"
name = "提案"
category = "proposals"
match = { kind = "proposal" }
points = 3

[[requirement]]
id = "plenary"
name = "出席全体会议"
match = { kind = "meeting", subtype = "plenary", attendance = "present" }
min = 1
prorate = true

[[requirement]]
id = "research"
name = "常委参加调研"
match = { kind = "research" }
min = 1
applies_to = { standing = true }

[[flag]]
id = "absent"
name = "有无故缺席"
count = { kind = "meeting", attendance = "unexcused" }
at_least = 1

[[flag]]
id = "absent_term"
name = "届内无故缺席两次"
count = { kind = "meeting", attendance = "unexcused" }
over = "term"
at_least = 2

[[flag]]
id = "duties"
name = "未出席全体会议"
unmet = ["plenary"]

[[flag]]
id = "low"
name = "低于45分"
total_below = 45

[[flag]]
id = "failed"
name = "不合格"
grade = "fail"

[[grade]]
id = "top"
name = "优秀"
min = 70
quota_percent = 10
unless_flags = ["absent"]
requires = ["plenary", "research"]

[[grade]]
id = "good"
name = "良好"
min = 55
below = 70
quota_percent = 30
unless_flags = ["absent_term", "duties"]
requires = ["plenary"]

[[grade]]
id = "pass"
name = "合格"
min = 45
below = 55
unless_flags = ["low"]

[[grade]]
id = "fail"
name = "不合格"
below = 45
"#;

#[test]
fn totals_grade_as_scorecards_do_with_requirements_flags_and_quotas() {
    let rules = RuleSet::from_toml_str(GRADED).unwrap_or_else(|e| panic!("{e}"));
    let (mut requirement, mut flag, mut quota) = (false, false, false);
    for ledger in ledgers() {
        let period = Period::year(2025);
        assert_totals_match(&ledger, &rules, period);
        // The grades above were refused for every reason somewhere.
        for card in &evaluate(&ledger, &rules, period).scorecards {
            for change in &card.grade_changes {
                match change.why {
                    GradeWhy::Requirement { .. } => requirement = true,
                    GradeWhy::Flag { .. } => flag = true,
                    GradeWhy::Quota { .. } => quota = true,
                }
            }
        }
    }
    assert!(
        requirement && flag && quota,
        "refused for a requirement {requirement}, a flag {flag}, a quota {quota}"
    );
}

#[test]
fn totals_of_no_member_in_office_are_empty() {
    let rules = RuleSet::preset("jinan-2015").unwrap();
    // A committee without members.
    let empty = Fixture::new(d(2022, 1, 1), d(2026, 12, 31)).ledger();
    let totals = assert_totals_match(&empty, &rules, Period::year(2025));
    assert!(totals.is_empty());
    // Members who all left before the period, one with participations.
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("A1").left_on = Some(d(2024, 6, 30));
    f.member("A2").left_on = Some(d(2024, 12, 31));
    f.add(meeting("H1", d(2024, 3, 1), MeetingKind::Plenary, Some(2)), [present("A1"), present("A2")]);
    let ledger = f.ledger();
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        assert!(assert_totals_match(&ledger, &rules, Period::year(2025)).is_empty(), "{}", info.id);
    }
}

/// Members added out of id order, one without any participation, one
/// joining and one leaving mid-year (pro-rated in `GRADED`).
fn edges() -> Ledger {
    let y = |m, day| d(2025, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("M9");
    f.standing("M1");
    f.member("M5").left_on = Some(y(6, 30));
    f.member("M3").joined_on = Some(y(4, 1));
    f.member("M7");
    f.add(
        meeting("H1", y(1, 10), MeetingKind::Plenary, Some(2)),
        [present("M1"), present("M5"), present("M9")],
    );
    f.add(
        meeting("S1", y(3, 2), MeetingKind::StandingCommittee, None),
        [present("M1"), attendee("M9", Attendance::Unexcused)],
    );
    f.add(meeting("H2", y(9, 1), MeetingKind::Plenary, Some(2)), [present("M3"), present("M1")]);
    f.add(research("R1", y(5, 5), ResearchKind::Research), [participant("M1"), participant("M5")]);
    for (i, m) in ["M1", "M5", "M5", "M3", "M9"].into_iter().enumerate() {
        let filed = lvzhi_core::ProposalStatus::Filed;
        f.add(
            proposal(&format!("P{i}"), y(2 + i as u32, 3), lvzhi_core::ProposalForm::Individual, filed),
            [lead(m)],
        );
    }
    f.ledger()
}

#[test]
fn totals_cover_members_without_participations_leaving_midyear_and_out_of_id_order() {
    let ledger = edges();
    // The ledger keeps members as added: the columns are put in id order.
    assert_eq!(ledger.members()[0].id.0, "M9");
    let mut sets: Vec<RuleSet> = presets().iter().map(|p| RuleSet::preset(p.id).unwrap()).collect();
    sets.push(RuleSet::from_toml_str(GRADED).unwrap());
    for rules in &sets {
        let totals = assert_totals_match(&ledger, rules, Period::year(2025));
        let ids: Vec<&str> = totals.members().iter().map(|&m| ledger.member(m).id.0.as_str()).collect();
        assert_eq!(ids, ["M1", "M3", "M5", "M7", "M9"], "{}", rules.id());
    }
    // Under `GRADED`, M5 (in office 181 of 365 days) earned 1.5 + 2 × 3,
    // pro-rated to 7.5 × 365 ÷ 181 = 15.12 (cut to 2 places), good; M7
    // (nothing) keeps the base of 50 but attended no plenary: pass.
    let graded = RuleSet::from_toml_str(GRADED).unwrap();
    let totals = evaluate_totals(&ledger, &graded, Period::year(2025));
    assert_eq!((totals.totals()[2], totals.subtotals(2)), (n("65.12"), &[n("1.5"), n("6")][..]));
    assert_eq!(totals.grades()[2], Some(1));
    assert_eq!((totals.totals()[3], totals.subtotals(3)), (n("50"), &[n("0"), n("0")][..]));
    assert_eq!(totals.grades()[3], Some(2));
}
