//! Tongcheng 2019 (shared/domain/rules/tongcheng-2019.md), computed by hand
//! from the document's own table.

mod common;

use common::*;
use lvzhi_core::Level;
use lvzhi_core::{
    ActivityDetail, Attendance, MeetingKind, ProposalForm, ProposalStatus, ResearchKind, Speech,
};
use lvzhi_rules::{evaluate, Cohort, Period, RuleSet, Why};

fn fixture() -> Fixture {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    for id in ["T01", "T03", "T04", "T06", "T07", "T08", "T09"] {
        f.member(id);
    }
    f.member_in("T05", "经济界");
    f.standing("T02");
    f.standing("T10");

    use Attendance::{Excused, Unexcused};
    f.add(
        meeting("H1", y(1, 10), MeetingKind::Plenary, Some(5)),
        [
            present("T01"),
            attendee("T02", Excused),
            attendee("T03", Unexcused),
            present("T04"),
            present("T05"),
            present("T07"),
            present("T08"),
            attendee("T10", Unexcused),
        ],
    );
    f.add(
        meeting("S1", y(2, 1), MeetingKind::StandingCommittee, None),
        [attendee("T02", Excused), attendee("T10", Unexcused)],
    );
    f.add(
        meeting("S2", y(3, 1), MeetingKind::StandingCommittee, None),
        [attendee("T02", Unexcused), attendee("T10", Unexcused)],
    );
    f.add(
        meeting("S3", y(4, 1), MeetingKind::StandingCommittee, None),
        [present("T02").speech(Speech::PlenaryWritten)],
    );

    use ProposalForm::{Collective, Individual, Joint};
    use ProposalStatus::{Filed, Submitted};
    f.add(proposal("P1", y(2, 10), Individual, Filed), [lead("T01")]);
    f.add(proposal("P2", y(2, 20), Individual, Filed), [lead("T01")]);
    f.add(proposal("P3", y(3, 10), Individual, Submitted), [lead("T01")]);
    f.add(proposal("J1", y(3, 15), Joint, Filed), [lead("T02"), cosigner("T03"), cosigner("T04")]);
    f.add(
        proposal("C1", y(3, 20), Collective, Filed),
        [lead("T05"), lead("T06"), lead("T07"), lead("T08"), cosigner("T09")],
    );
    f.add(
        proposal("J2", y(4, 10), Joint, Submitted),
        [lead("T03"), cosigner("T04"), cosigner("T05"), cosigner("T06")],
    );

    f.add(research("R1", y(3, 1), ResearchKind::Research), [participant("T01")]);
    f.add(research("R2", y(3, 5), ResearchKind::Inspection), [participant("T01")]);
    f.add(meeting("F1", y(4, 1), MeetingKind::Forum, None), [present("T01").speech(Speech::Other)]);
    f.add(training("TR1", y(5, 1), false), [present("T01")]);
    f.add(other("O1", y(6, 1), "纪念活动"), [participant("T01")]);
    f.add(report("RP1", y(7, 1), &[Level::County], &[]), [author("T01")]);
    f.add(report("RP2", y(8, 1), &[], &[]), [author("T01")]);
    f
}

#[test]
fn tongcheng_totals_and_grades_by_hand() {
    let rules = RuleSet::preset("tongcheng-2019").unwrap();
    let e = evaluated(&fixture().ledger(), &rules, Period::year(2024));
    let total = |m| card(&e, m).total;
    let sub = |m, c| e.subtotal(card(&e, m), c).unwrap();

    // T01: attendance 50 (plenary present).
    // proposals: P1 10 + 15 = 25, P2 10 + 15, P3 10 → raw 60, capped at 25.
    // activities: R1 2 + R2 2 + F1 forum 2 + F1 speech 2 + TR1 2 = 10, O1 2 → capped at 10.
    // reports: RP1 10 + 5 adopted = 15, RP2 10 → raw 25, capped at 15.
    // 50 + 25 + 10 + 15 = 100.
    assert_eq!(sub("T01", "attendance"), n("50"));
    assert_eq!(sub("T01", "proposals"), n("25"));
    assert_eq!(sub("T01", "activities"), n("10"));
    assert_eq!(sub("T01", "reports"), n("15"));
    assert_eq!(total("T01"), n("100"));
    let t01 = card(&e, "T01");
    let proposals = e.categories.iter().position(|c| c.id == "proposals").unwrap() as u16;
    let raw: rust_decimal::Decimal =
        t01.lines.iter().filter(|l| e.item_of(l).category == proposals).map(|l| l.raw).sum();
    assert_eq!(raw, n("60"));
    // P2's lines (the cap was reached by P1) say why they give nothing.
    let p2: Vec<_> = t01.lines.iter().filter(|l| e.activity_of(l).unwrap().0 == "P2").collect();
    assert_eq!(p2.len(), 2);
    for l in p2 {
        assert_eq!(l.awarded, n("0"));
        assert_eq!(l.adjustments[0].why, Why::CategoryCap { max: n("25") });
    }

    // T02 (standing): plenary on approved leave 30; standing committee S1 leave −2,
    // S2 unexcused −5 → attendance 30 − 2 − 5 = 23.
    // J1 joint, lead: submitted 10 → half 5; filed 15 → half 7.5 → proposals 12.5.
    // S3 written speech at a standing committee meeting 5.
    // 23 + 12.5 + 5 = 40.5.
    assert_eq!(sub("T02", "attendance"), n("23"));
    assert_eq!(sub("T02", "proposals"), n("12.5"));
    assert_eq!(total("T02"), n("40.5"));

    // T03: plenary unexcused 0. J1 co-signer: (10 − 5) / 2 = 2.5 and (15 − 7.5) / 2 = 3.75.
    // J2 lead, 3 co-signers, submitted only: co-signers 5 / 3 = 1.666… → 1.66 each,
    // the lead 10 − 3 × 1.66 = 5.02. 6.25 + 5.02 = 11.27.
    assert_eq!(total("T03"), n("11.27"));
    // T04: plenary 50 + J1 6.25 + J2 1.66 = 57.91.
    assert_eq!(total("T04"), n("57.91"));
    // The shares of J2 sum to the whole 10: 5.02 + 3 × 1.66.
    let j2: rust_decimal::Decimal = e
        .scorecards
        .iter()
        .flat_map(|c| &c.lines)
        .filter(|l| e.activity_of(l).unwrap().0 == "J2")
        .map(|l| l.raw)
        .sum();
    assert_eq!(j2, n("10"));

    // Collective C1, main members T05, T06, T07, T08: the first three get
    // 10 + 15 = 25 each; T08 is not credited; T09 (direct participant) nothing.
    // T05: plenary 50 + C1 25 + J2 1.66 → proposals capped at 25 → 75.
    assert_eq!(total("T05"), n("75"));
    // T06: C1 25 (+ J2 1.66, capped) → 25.
    assert_eq!(total("T06"), n("25"));
    // T07: plenary 50 + C1 25 = 75.
    assert_eq!(total("T07"), n("75"));
    // T08: plenary 50; C1 lines raw 10 and 15, awarded 0.
    assert_eq!(total("T08"), n("50"));
    let t08 = card(&e, "T08");
    let c1: Vec<_> = t08.lines.iter().filter(|l| e.activity_of(l).unwrap().0 == "C1").collect();
    assert_eq!(c1.iter().map(|l| l.raw).sum::<rust_decimal::Decimal>(), n("25"));
    assert!(c1
        .iter()
        .all(|l| l.awarded.is_zero() && l.adjustments[0].why == Why::NotCredited { max_credited: 3 }));
    assert_eq!(total("T09"), n("0"));
    assert!(card(&e, "T09").lines.is_empty());

    // T10 (standing): plenary unexcused 0, S1 and S2 unexcused −5 each, but the
    // attendance category cannot go below 0: both deductions are cut to 0.
    assert_eq!(total("T10"), n("0"));
    let t10 = card(&e, "T10");
    let deductions: Vec<_> = t10.lines.iter().filter(|l| l.raw == n("-5")).collect();
    assert_eq!(deductions.len(), 2);
    assert!(deductions
        .iter()
        .all(|l| l.awarded.is_zero() && l.adjustments[0].why == Why::CategoryFloor { floor: n("0") }));

    // Pass mark 60: T01 (100), T05 (75), T07 (75) pass.
    for m in ["T01", "T05", "T07"] {
        assert_eq!(grade(&e, m), Some("pass"), "{m}");
    }
    for m in ["T02", "T03", "T04", "T06", "T08", "T09", "T10"] {
        assert_eq!(grade(&e, m), Some("fail"), "{m}");
    }
    assert_eq!(e.grade_counts, vec![3, 7]);

    // Ranks in the committee (10 members): 100 > 75 = 75 > 57.91 > 50 > 40.5 > 25 > 11.27 > 0 = 0.
    let rank = |m, c| e.rank_in(card(&e, m), c).unwrap().clone();
    let r = rank("T01", Cohort::Committee);
    assert_eq!((r.rank, r.tied, r.of, r.percentile), (1, false, 10, n("90")));
    let r = rank("T05", Cohort::Committee);
    assert_eq!((r.rank, r.tied, r.of, r.percentile), (2, true, 10, n("70")));
    let r = rank("T04", Cohort::Committee);
    assert_eq!((r.rank, r.tied, r.percentile), (4, false, n("60")));
    let r = rank("T10", Cohort::Committee);
    assert_eq!((r.rank, r.tied, r.percentile), (9, true, n("0")));
    // In 教育界 (9 members, T05 is in 经济界): T07 is second of 9, 7 below → 77.77.
    let r = rank("T07", Cohort::Sector);
    assert_eq!(e.cohort_values[r.value as usize], "教育界");
    assert_eq!((r.rank, r.tied, r.of, r.percentile), (2, false, 9, n("77.77")));
    let r = rank("T05", Cohort::Sector);
    assert_eq!((r.rank, r.of, r.percentile), (1, 1, n("0")));
}

#[test]
fn tongcheng_archive_collection_and_explanations() {
    let rules = RuleSet::preset("tongcheng-2019").unwrap();
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("A1");
    f.add(other("O2", d(2024, 9, 1), "  文史资料征集 "), [participant("A1")]);
    f.add(plain("V1", d(2024, 9, 2), ActivityDetail::DutyReport), [participant("A1")]);
    let e = evaluate(&f.ledger(), &rules, Period::year(2024));
    // Archive collection 2; the duty report is not in Tongcheng's table.
    assert_eq!(card(&e, "A1").total, n("2"));
    let text = e.explain(&"A1".into()).unwrap();
    assert!(text.contains("archives 文史资料征集 [O2] raw 2 → 2"), "{text}");
    assert!(text.contains("grade fail 不合格"), "{text}");
    // The rule set in force from 2019-01-10 only.
    assert!(!rules.in_force_on(d(2019, 1, 9)));
    assert!(rules.in_force_on(d(2019, 1, 10)));
}
