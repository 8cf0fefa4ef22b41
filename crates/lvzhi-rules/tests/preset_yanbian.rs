//! Yanbian 2022 (shared/domain/rules/yanbian-2022.md), computed by hand from
//! the document's own table (and the values the preset had to assume).

mod common;

use common::*;
use lvzhi_core::{ActivityDetail, Designation, Level, MeetingKind, ProposalForm, ProposalStatus, Speech};
use lvzhi_rules::{Cohort, Period, RuleSet, Why};

#[test]
fn yanbian_by_hand() {
    let y = |m, day| d(2023, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("Y01").party = Some("民盟".into());
    f.member("Y02");
    f.member("Y03").party = Some("民盟".into());
    f.member("Y04");

    use ProposalForm::{Individual, Joint};
    use ProposalStatus::{Filed, ReferredAsOpinion, Submitted};
    f.add(proposal("A1", y(2, 1), Individual, Submitted), [lead("Y01")]);
    let a2 =
        forwarded(designated(proposal("A2", y(2, 10), Joint, Filed), Designation::Key), Level::Provincial);
    f.add(a2, [lead("Y01"), cosigner("Y02")]);
    f.add(proposal("A3", y(3, 1), Individual, Filed), [lead("Y01")]);
    f.add(report("R1", y(4, 1), &[Level::City], &[Level::City]), [author("Y01"), coauthor("Y02")]);
    f.add(
        report("R2", y(4, 10), &[Level::Provincial, Level::National], &[Level::Provincial]),
        [author("Y01")],
    );
    f.add(plain("DR", y(12, 1), ActivityDetail::DutyReport), [participant("Y01")]);
    f.add(volunteering("V1", y(5, 1)), [participant("Y01")]);
    f.add(volunteering("V2", y(5, 2)), [participant("Y01")]);
    f.add(
        meeting("H1", y(1, 10), MeetingKind::Plenary, Some(5)),
        [present("Y01").speech(Speech::PlenaryOral)],
    );

    // A proposal not filed, turned into a report that was adopted.
    f.add(proposal("B1", y(5, 10), Individual, ReferredAsOpinion), [lead("Y03")]);
    let mut b2 = report("B2", y(5, 20), &[Level::City], &[Level::City]);
    b2.linked_to = Some("B1".into());
    f.add(b2, [author("Y03")]);
    // A filed proposal also sent as a report that was not adopted.
    f.add(proposal("C1", y(6, 1), Individual, Filed), [lead("Y04")]);
    let mut c2 = report("C2", y(6, 2), &[], &[]);
    c2.linked_to = Some("C1".into());
    f.add(c2, [author("Y04")]);

    let rules = RuleSet::preset("yanbian-2022").unwrap();
    assert!(!rules.in_force_on(d(2022, 8, 18)));
    let e = evaluated(&f.ledger(), &rules, Period::year(2023));
    let sub = |m, c| e.subtotal(card(&e, m), c).unwrap();

    // Y01 proposals: submitted (any number) +10 once; filed A2, A3 +10 each;
    // key A2 +10; A2 forwarded to the provincial committee +10.
    // 10 + 20 + 10 + 10 = 50.
    assert_eq!(sub("Y01", "proposals"), n("50"));
    // Reports: submitted +5 once; adopted R1, R2 +10 each; R1 instructed by a
    // prefecture leader +10; R2 instructed by a provincial leader AND adopted
    // by provincial and national bodies: +10 once. 5 + 20 + 10 + 10 = 45.
    assert_eq!(sub("Y01", "reports"), n("45"));
    // Other (assumed values): plenary speech 5, duty report 5, V1 and V2 5 each → 20.
    assert_eq!(sub("Y01", "other"), n("20"));
    assert_eq!(card(&e, "Y01").total, n("115"));
    let y01 = card(&e, "Y01");
    let once: Vec<_> = y01.lines.iter().filter(|l| e.item_of(l).id == "proposal_submitted").collect();
    assert_eq!(once.iter().map(|l| l.awarded).collect::<Vec<_>>(), [n("10"), n("0"), n("0")]);
    assert_eq!(once[1].adjustments[0].why, Why::Once);

    // Y02 co-signed A2 and co-authored R1: only the first proposer / author scores.
    assert_eq!(card(&e, "Y02").total, n("0"));
    assert!(card(&e, "Y02").lines.is_empty());

    // Y03: B1 alone would give +10 (submitted once); B2 gives 5 + 10 adopted +
    // 10 instructed = 25. Linked: scored once, as B2 → 25.
    let y03 = card(&e, "Y03");
    assert_eq!(y03.total, n("25"));
    let b1 = y03.lines.iter().find(|l| e.activity_of(l).unwrap().0 == "B1").unwrap();
    let b2 = e.activities.iter().position(|a| a.0 == "B2").unwrap() as u32;
    assert_eq!((b1.raw, b1.awarded), (n("10"), n("0")));
    assert_eq!(b1.adjustments[0].why, Why::Linked { kept: b2 });
    // Y04: C1 submitted 10 + filed 10 = 20 beats C2's 5 → 20.
    assert_eq!(card(&e, "Y04").total, n("20"));

    // Party ranks: 民盟 has Y01 (115) and Y03 (25).
    let r = e.rank_in(card(&e, "Y03"), Cohort::Party).unwrap();
    assert_eq!(
        (e.cohort_values[r.value as usize].as_str(), r.rank, r.of, r.percentile),
        ("民盟", 2, 2, n("0"))
    );
    assert!(e.rank_in(card(&e, "Y02"), Cohort::Party).is_none());
    assert!(e.grades.is_empty());
}
