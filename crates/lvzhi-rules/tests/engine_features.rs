//! Features of the format that the presets do not use, on small rule files
//! written for the purpose, with results computed by hand.

mod common;

use common::*;
use lvzhi_core::{
    ActivityDetail, Attendance, Donation, Level, MeetingKind, ProposalForm, ProposalStatus, Role,
    Volunteering,
};
use lvzhi_rules::{evaluate, evaluate_term, Cohort, GradeWhy, Period, RuleSet, Why};
use rust_decimal::Decimal;

fn donation(id: &str, date: chrono::NaiveDate, amount: i64) -> lvzhi_core::Activity {
    plain(id, date, ActivityDetail::Donation(Donation { amount: Decimal::from(amount), in_kind: false }))
}

const UNITS: &str = r#"
[method]
id = "units"
name = "计分单位测试"
base = 10
max_total = 40
floor = 0

[[category]]
id = "duty"
name = "履职"

[[category]]
id = "awards"
name = "表彰"
max = 12

[[category]]
id = "discipline"
name = "纪律"

[[item]]
id = "award"
name = "表彰（按级别）"
category = "awards"
match = { kind = "award" }
ladder = { "全国" = 10, "省" = 8, "市" = 6, "县" = 4 }

[[item]]
id = "report"
name = "信息采用（按采用级别）"
category = "duty"
match = { kind = "opinion_report", role = "author" }
ladder_on = "采用级别"
ladder = { city = 1, national = 20 }

[[item]]
id = "volunteer_hours"
name = "志愿服务每4小时"
category = "duty"
match = { kind = "volunteering" }
points = 1
per = "hour"
unit = 4

[[item]]
id = "donation"
name = "捐款每千元"
category = "duty"
match = { kind = "donation" }
points = 1
per = "元"
unit = 1000
cap = 5

[[item]]
id = "meeting"
name = "出席会议（三分之二以上）"
category = "duty"
match = { kind = "meeting", attended_fraction_at_least = 0.67 }
points = 2

[[item]]
id = "partly_absent"
name = "出席不足三分之二视为缺席"
category = "discipline"
match = { kind = "meeting", attendance = "present", attended_fraction_below = 0.67 }
points = -1

[[item]]
id = "late"
name = "迟到"
category = "discipline"
match = { kind = "meeting", late = true }
points = -0.5

[[item]]
id = "left_early"
name = "早退"
category = "discipline"
match = { kind = "meeting", left_early = true }
points = -0.5

[[item]]
id = "absent"
name = "无故缺席"
category = "discipline"
match = { kind = "meeting", attendance = "unexcused" }
points = -20

[[item]]
id = "proposal"
name = "提案（平分，至多计两件）"
category = "duty"
match = { kind = "proposal" }
points = 10
split = "平分"
max_count = 2
"#;

#[test]
fn ladders_units_fractions_and_totals_by_hand() {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    for id in ["A1", "A2", "A3"] {
        f.member(id);
    }
    let mut aw1 = plain("AW1", y(1, 5), ActivityDetail::Award);
    aw1.level = Level::National;
    f.add(aw1, [participant("A1")]);
    f.add(plain("AW2", y(1, 6), ActivityDetail::Award), [participant("A1")]);
    f.add(report("RP1", y(2, 1), &[Level::Provincial], &[]), [author("A1")]);
    f.add(report("RP2", y(2, 2), &[Level::City, Level::National], &[]), [author("A1")]);
    f.add(report("RP3", y(2, 3), &[], &[]), [author("A1")]);
    let hours = ActivityDetail::Volunteering(Volunteering { hours: Some(Decimal::from(10)) });
    f.add(plain("V1", y(3, 1), hours), [participant("A1")]);
    f.add(donation("D1", y(3, 2), 5500), [participant("A1")]);
    f.add(donation("D2", y(3, 3), 2000), [participant("A1")]);
    f.add(meeting("M1", y(4, 1), MeetingKind::Forum, Some(6)), [present("A1").half_days(4)]);
    f.add(meeting("M2", y(4, 2), MeetingKind::Forum, Some(2)), [present("A1").late()]);
    f.add(meeting("M3", y(4, 3), MeetingKind::Forum, None), [present("A1").left_early()]);
    f.add(meeting("M4", y(4, 4), MeetingKind::Forum, None), [attendee("A2", Attendance::Unexcused)]);
    use ProposalForm::{Individual, Joint};
    use ProposalStatus::Submitted;
    f.add(proposal("Q1", y(5, 1), Joint, Submitted), [lead("A1"), cosigner("A2"), cosigner("A3")]);
    f.add(proposal("Q2", y(5, 2), Individual, Submitted), [lead("A1")]);
    f.add(proposal("Q3", y(5, 3), Joint, Submitted), [lead("A1"), cosigner("A2")]);

    let rules = RuleSet::from_toml_str(UNITS).unwrap();
    let e = evaluated(&f.ledger(), &rules, Period::year(2024));
    let a1 = card(&e, "A1");
    // Awards by level: national 10 + county 4 = 14, category max 12 → 12.
    assert_eq!(e.subtotal(a1, "awards"), Some(n("12")));
    // Reports: adopted by the province → the highest rung at or below it is
    // the city's 1; adopted nationally → 20; not adopted → no line. 21.
    assert_eq!(e.item_points(a1, "report"), n("21"));
    assert_eq!(a1.lines.iter().filter(|l| e.item_of(l).id == "report").count(), 2);
    // Volunteering 10 hours / 4 → 2 whole units → 2.
    assert_eq!(e.item_points(a1, "volunteer_hours"), n("2"));
    // Donations: 5500 → 5 units, 2000 → 2 units, item cap 5 → 5.
    assert_eq!(e.item_points(a1, "donation"), n("5"));
    // Meetings: M1 4 of 6 half-days = 0.666… < 0.67 → −1 instead of +2;
    // M2 +2 − 0.5 late; M3 +2 − 0.5 early. +4 and −2.
    assert_eq!(e.item_points(a1, "meeting"), n("4"));
    assert_eq!(e.subtotal(a1, "discipline"), Some(n("-2")));
    // Proposals, 10 split equally: Q1 3 ways → 3.33 each, the lead 3.34;
    // Q2 10; Q3 2 ways → 5. At most two count, the best: 10 + 5 = 15.
    assert_eq!(e.item_points(a1, "proposal"), n("15"));
    let q1 = a1.lines.iter().find(|l| e.activity_of(l).unwrap().0 == "Q1").unwrap();
    assert_eq!(
        (q1.raw, q1.awarded, q1.adjustments[0].why.clone()),
        (n("3.34"), n("0"), Why::MaxCount { n: 2 })
    );
    // duty 21 + 2 + 5 + 4 + 15 = 47; 10 + 47 + 12 − 2 = 67 → max_total 40.
    assert_eq!(e.subtotal(a1, "duty"), Some(n("47")));
    assert_eq!(a1.total, n("40"));
    assert_eq!(a1.adjustments[0].why, Why::TotalCap { max: n("40") });
    assert_eq!(a1.adjustments[0].change, n("-27"));
    // A2: Q1 3.33 + Q3 5 = 8.33; M4 unexcused −20 → 10 + 8.33 − 20 = −1.67,
    // raised to the floor 0.
    let a2 = card(&e, "A2");
    assert_eq!(a2.total, n("0"));
    assert_eq!(
        (a2.adjustments[0].why.clone(), a2.adjustments[0].change),
        (Why::TotalFloor { floor: n("0") }, n("1.67"))
    );
    // A3: 10 + 3.33.
    assert_eq!(card(&e, "A3").total, n("13.33"));
}

const GRADES: &str = r#"
[method]
id = "grades"
name = "等次测试"
cohorts = ["committee", "special_committee"]

[[category]]
id = "all"
name = "全部"

[[item]]
id = "points"
name = "每元一分"
category = "all"
match = { kind = "donation" }
points = 1
per = "amount"

[[requirement]]
id = "meetings"
name = "出席会议至少2次（按在职时间折算）"
match = { kind = "meeting" }
min = 2
prorate = true

[[requirement]]
id = "chair_report"
name = "主席、副主席提交述职报告"
match = { kind = "duty_report" }
applies_to = { member_role = ["chair", "vice_chair"] }

[[flag]]
id = "unexcused"
name = "有无故缺席"
count = { kind = "meeting", attendance = "unexcused" }
at_least = 1

[[flag]]
id = "twice_poor"
name = "届内两次基本合格以下"
consequence = "责令辞去委员"
grade = ["basic", "fail"]
times = 2

[[grade]]
id = "excellent"
name = "优秀"
min = 90
quota_percent = 20
unless_flags = ["unexcused"]

[[grade]]
id = "good"
name = "良好"
min = 80
below = 90

[[grade]]
id = "pass"
name = "合格"
min = 70
below = 80
requires = ["meetings", "chair_report"]

[[grade]]
id = "basic"
name = "基本合格"
min = 60
below = 70

[[grade]]
id = "fail"
name = "不合格"
below = 60
"#;

fn graded_fixture() -> Fixture {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    let totals = [
        ("G01", 95),
        ("G02", 92),
        ("G03", 92),
        ("G04", 91),
        ("G05", 85),
        ("G06", 75),
        ("G07", 75),
        ("G08", 65),
        ("G09", 50),
        ("G10", 88),
    ];
    for (i, (id, amount)) in totals.iter().enumerate() {
        f.member(id).committee = Some(if i % 2 == 0 { "经济委员会" } else { "提案委员会" }.into());
        f.add(donation(&format!("D{id}"), y(6, 1), *amount), [participant(id)]);
    }
    f.batch.members[5].roles = [Role::ViceChair].into_iter().collect();
    f.add(plain("DR", y(11, 1), ActivityDetail::DutyReport), [participant("G06")]);
    f.add(meeting("C1", y(3, 1), MeetingKind::SpecialCommittee, None), [present("G06"), present("G07")]);
    f.add(
        meeting("C2", y(9, 1), MeetingKind::SpecialCommittee, None),
        [present("G06"), attendee("G04", Attendance::Unexcused)],
    );
    // G11 joined on 2 July: 183 of 366 days.
    f.member("G11").joined_on = Some(y(7, 2));
    f.add(donation("DG11", y(8, 1), 72), [participant("G11")]);
    f.add(meeting("C3", y(10, 1), MeetingKind::SpecialCommittee, None), [present("G11")]);
    // In 2023 only G09 did anything: 10 points.
    f.add(donation("D2023", d(2023, 6, 1), 10), [participant("G09")]);
    f
}

#[test]
fn bands_conditions_and_quotas_by_hand() {
    let rules = RuleSet::from_toml_str(GRADES).unwrap();
    let e = evaluated(&graded_fixture().ledger(), &rules, Period::year(2024));
    let g = |m| grade(&e, m).unwrap();
    // 11 members evaluated: at most 20% → 2.2 → 2 may be 优秀.
    // In the band: G01 95, G02 92, G03 92, G04 91. G04 was absent without
    // leave → not 优秀 → 良好. Of the rest, G01 fits; G02 and G03 tie at 92
    // and both would make 3 > 2, so both go down to 良好.
    assert_eq!(g("G01"), "excellent");
    for m in ["G02", "G03", "G04", "G05", "G10"] {
        assert_eq!(g(m), "good", "{m}");
    }
    let g02 = card(&e, "G02");
    assert_eq!(g02.grade_changes[0].why, GradeWhy::Quota { quota_percent: n("20") });
    let unexcused = e.flags.iter().position(|f| f.id == "unexcused").unwrap() as u16;
    assert_eq!(card(&e, "G04").grade_changes[0].why, GradeWhy::Flag { flag: unexcused });
    // G06 (vice-chair): 75, two meetings, duty report → 合格.
    assert_eq!(g("G06"), "pass");
    // G07: 75 but one meeting < 2 → 基本合格.
    assert_eq!(g("G07"), "basic");
    assert_eq!(card(&e, "G07").grade_changes[0].from, 2);
    // G11 in office 183 of 366 days: 2 × 183 / 366 = 1 meeting needed; 72 → 合格.
    let g11 = card(&e, "G11");
    assert_eq!((g11.days_in_office, g11.days_in_period), (183, 366));
    let meetings = &g11.requirements[0];
    assert_eq!((meetings.count, meetings.min, meetings.met), (1, 1, true));
    assert_eq!(g("G11"), "pass");
    // The chair requirement does not apply to G07.
    assert!(!card(&e, "G07").requirements[1].applicable);
    assert_eq!(g("G08"), "basic");
    assert_eq!(g("G09"), "fail");
    assert_eq!(e.grade_counts, vec![1, 5, 2, 2, 1]);
    assert_eq!(e.ungraded, 0);

    // Ranks in special committees: 经济委员会 holds G01 95, G03 92, G05 85,
    // G07 75, G09 50 (5 members): G05 is third, 2 below → 40.
    let r = e.rank_in(card(&e, "G05"), Cohort::SpecialCommittee).unwrap();
    assert_eq!(
        (e.cohort_values[r.value as usize].as_str(), r.rank, r.of, r.percentile),
        ("经济委员会", 3, 5, n("40"))
    );
    assert!(e.rank_in(card(&e, "G11"), Cohort::SpecialCommittee).is_none());
}

#[test]
fn a_grade_twice_in_the_term() {
    let rules = RuleSet::from_toml_str(GRADES).unwrap();
    let term =
        evaluate_term(&graded_fixture().ledger(), &rules, &[Period::year(2023), Period::year(2024)]).unwrap();
    // 2023: everyone but G09 scored 0 and G09 10 → all 不合格; first time, no flag.
    assert_eq!(term[0].grade_counts, vec![0, 0, 0, 0, 10]);
    assert_eq!(term[0].flag_counts, vec![0, 0]);
    // G11 had not joined in 2023.
    assert!(term[0].scorecard(&"G11".into()).is_none());
    // 2024: G07, G08 (基本合格) and G09 (不合格) are at that level a second time.
    assert_eq!(flags(&term[1], "G07"), ["twice_poor"]);
    assert_eq!(flags(&term[1], "G08"), ["twice_poor"]);
    assert_eq!(flags(&term[1], "G09"), ["twice_poor"]);
    assert_eq!(flags(&term[1], "G04"), ["unexcused"]);
    assert!(flags(&term[1], "G01").is_empty());
    assert_eq!(term[1].flag_counts, vec![1, 3]);
}

const PRORATE: &str = r#"
[method]
id = "prorate"
name = "折算测试"
base = 60
max_total = 100
prorate = true

[[category]]
id = "all"
name = "全部"

[[item]]
id = "points"
name = "每元一分"
category = "all"
match = { kind = "donation" }
points = 1
per = "amount"
"#;

#[test]
fn prorating_part_year_members_by_hand() {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("P1").joined_on = Some(y(7, 2));
    f.member("P2").joined_on = Some(y(10, 1));
    f.member("P3");
    f.member("P4").left_on = Some(d(2023, 12, 31));
    f.add(donation("D1", y(8, 1), 30), [participant("P1")]);
    f.add(donation("D2", y(11, 1), 7), [participant("P2")]);
    f.add(donation("D3", y(11, 1), 7), [participant("P3")]);
    let rules = RuleSet::from_toml_str(PRORATE).unwrap();
    let e = evaluated(&f.ledger(), &rules, Period::year(2024));
    // P1: 183 of 366 days; earned 30 × 366 / 183 = 60 → 60 + 60 = 120 → 100.
    let p1 = card(&e, "P1");
    assert_eq!(p1.total, n("100"));
    let whys: Vec<_> = p1.adjustments.iter().map(|a| (a.why.clone(), a.change)).collect();
    assert_eq!(
        whys,
        [
            (Why::Prorated { days_in_office: 183, days_in_period: 366 }, n("30")),
            (Why::TotalCap { max: n("100") }, n("-20")),
        ]
    );
    // P2: 92 days; 7 × 366 / 92 = 27.847… → 27.84 (truncated) → 87.84.
    assert_eq!(card(&e, "P2").total, n("87.84"));
    // P3, in office all year: 67, not scaled.
    assert_eq!(card(&e, "P3").total, n("67"));
    // P4 left before 2024: no scorecard.
    assert!(e.scorecard(&"P4".into()).is_none());
    assert_eq!(e.scorecards.len(), 3);
}

const LINKED: &str = r#"
[method]
id = "linked"
name = "不重复计分测试"
score_linked_once = true

[[category]]
id = "all"
name = "全部"

[[item]]
id = "proposal"
name = "提案"
category = "all"
match = { kind = "proposal", role = "lead" }
points = 10

[[item]]
id = "report"
name = "信息"
category = "all"
match = { kind = "opinion_report", role = "author" }
points = 4
"#;

#[test]
fn linked_cycles_are_scored_once() {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("L1");
    f.member("L2");
    let mut a = proposal("LA", y(3, 1), ProposalForm::Individual, ProposalStatus::Submitted);
    a.linked_to = Some("LB".into());
    let mut b = report("LB", y(3, 2), &[], &[]);
    b.linked_to = Some("LA".into());
    let mut c = report("LC", y(3, 3), &[], &[]);
    c.linked_to = Some("LB".into());
    f.add(a, [lead("L1")]);
    f.add(b, [author("L1")]);
    f.add(c, [author("L2")]);
    let rules = RuleSet::from_toml_str(LINKED).unwrap();
    let e = evaluated(&f.ledger(), &rules, Period::year(2024));
    // L1: LA 10 and LB 4 link to each other → once, as LA → 10.
    assert_eq!(card(&e, "L1").total, n("10"));
    // L2 took part in LC only: nothing to count twice → 4.
    assert_eq!(card(&e, "L2").total, n("4"));
}

#[test]
fn a_family_joined_through_an_activity_no_item_scores_is_scored_once_by_a_scoring_read() {
    use lvzhi_core::{ActivityKind, Reads};
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("L1");
    // A proposal and a report, each linked to a training no item scores.
    let mut a = proposal("LA", y(3, 1), ProposalForm::Individual, ProposalStatus::Submitted);
    a.linked_to = Some("LT".into());
    let mut b = report("LB", y(3, 2), &[], &[]);
    b.linked_to = Some("LT".into());
    f.add(training("LT", y(2, 1), false), [present("L1")]);
    f.add(a, [lead("L1")]);
    f.add(b, [author("L1")]);
    let rules = RuleSet::from_toml_str(LINKED).unwrap();
    let (ledger, period) = (f.ledger(), Period::year(2024));
    // One family: scored once, as LA → 10.
    assert_eq!(card(&evaluated(&ledger, &rules, period), "L1").total, n("10"));
    // A scoring read holds the training, so the family holds together …
    assert!(rules.activities_of(ActivityKind::Training));
    let read = kinds_held(&ledger, &rules, |a| rules.activities_of(a.kind()));
    assert!(read.activities_not_held().is_empty());
    assert_eq!(evaluate(&read, &rules, period), evaluate(&ledger, &rules, period));
    // … which it would not without it: LA and LB would score 14.
    let without = kinds_held(&ledger, &rules, |a| a.kind() != ActivityKind::Training);
    assert_eq!(without.activities_not_held(), [lvzhi_core::ActivityId::from("LT")]);
    assert_eq!(card(&evaluated(&without, &rules, period), "L1").total, n("14"));
}

#[test]
fn line_items_serialise_with_their_reasons() {
    let rules = RuleSet::from_toml_str(LINKED).unwrap();
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("L1");
    f.add(proposal("LA", d(2024, 3, 1), ProposalForm::Individual, ProposalStatus::Submitted), [lead("L1")]);
    let mut b = report("LB", d(2024, 3, 2), &[], &[]);
    b.linked_to = Some("LA".into());
    f.add(b, [author("L1")]);
    let e = evaluate(&f.ledger(), &rules, Period::year(2024));
    let json = serde_json::to_string(&card(&e, "L1").lines).unwrap();
    assert_eq!(
        json,
        r#"[{"item":0,"activity":0,"raw":"10","awarded":"10"},{"item":1,"activity":1,"raw":"4","awarded":"0","adjustments":[{"why":"linked","kept":0,"change":"-4"}]}]"#
    );
    let back: lvzhi_rules::Evaluation = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    let text = e.explain(&"L1".into()).unwrap();
    assert!(text.contains("report 信息 [LB] raw 4 → 0; linked, scored once as LA -4"), "{text}");
}

#[test]
fn absurd_amounts_saturate_instead_of_panicking() {
    let text = r#"
[method]
id = "huge"
name = "极大金额"
floor = 0

[[category]]
id = "all"
name = "全部"
floor = -5

[[item]]
id = "money"
name = "捐款"
category = "all"
match = { kind = "donation" }
points = 1000000000
per = "amount"

[[item]]
id = "fine"
name = "处分"
category = "all"
match = { kind = "donation", subtype = "in_kind" }
points = -1000000000
per = "amount"
"#;
    let rules = RuleSet::from_toml_str(text).unwrap();
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("H1");
    f.member("H2");
    for i in 0..3 {
        f.add(donation(&format!("D{i}"), d(2024, 1, 1 + i), 1), [participant("H1")]);
    }
    let mut huge = donation("DX", d(2024, 2, 1), 0);
    huge.detail = ActivityDetail::Donation(Donation { amount: Decimal::MAX, in_kind: false });
    f.add(huge, [participant("H1")]);
    let mut gift = donation("DY", d(2024, 2, 2), 0);
    gift.detail = ActivityDetail::Donation(Donation { amount: Decimal::MAX, in_kind: true });
    f.add(gift, [participant("H2")]);
    // Sums saturate, so the lines no longer add up exactly: no consistency check.
    let e = evaluate(&f.ledger(), &rules, Period::year(2024));
    // Saturated at the largest decimal rather than overflowing.
    assert_eq!(card(&e, "H1").total, Decimal::MAX);
    // H2's gift in kind matches both items: +MAX and −MAX cancel.
    assert_eq!(card(&e, "H2").total, n("0"));
}
