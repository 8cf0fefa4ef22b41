//! Minhang (shared/domain/rules/minhang.md), computed by hand from the
//! document's own table.

mod common;

use common::*;
use lvzhi_core::{Attendance, Designation, MeetingKind, ProposalForm, ProposalStatus, ResearchKind};
use lvzhi_rules::{Cohort, Period, RuleSet, Why};

#[test]
fn minhang_by_hand() {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.member("M01").liaison_group = Some("七宝片区".into());
    f.member("M02");
    f.member("M03");

    f.add(
        meeting("H1", y(1, 10), MeetingKind::Plenary, Some(5)),
        [present("M01").half_days(4), present("M02")],
    );
    f.add(
        meeting("S1", y(2, 1), MeetingKind::StandingCommittee, None),
        [present("M01"), attendee("M02", Attendance::Excused)],
    );
    f.add(meeting("SC1", y(2, 10), MeetingKind::SpecialCommittee, None), [present("M01")]);
    f.add(research("I1", y(3, 1), ResearchKind::Inspection), [participant("M01")]);
    f.add(other("G1", y(3, 10), "政府部门活动"), [participant("M01")]);
    f.add(meeting("TC1", y(3, 20), MeetingKind::ThematicConsultation, None), [present("M01")]);
    f.add(training("TR1", y(4, 1), true), [present("M01").throughout(true)]);
    f.add(training("TR2", y(4, 10), true), [present("M01").throughout(false)]);
    f.add(training("TR3", y(4, 20), true), [present("M01")]);
    f.add(training("TR4", y(4, 30), false), [present("M01").throughout(true)]);

    use ProposalForm::{Individual, Joint};
    use ProposalStatus::Filed;
    f.add(proposal("P1", y(5, 1), Individual, Filed), [lead("M01")]);
    let p2 = designated(
        designated(proposal("P2", y(5, 10), Individual, Filed), Designation::Key),
        Designation::Excellent,
    );
    f.add(p2, [lead("M01")]);
    f.add(
        designated(proposal("P3", y(5, 20), Joint, Filed), Designation::Key),
        [lead("M03"), cosigner("M01"), cosigner("M02")],
    );
    f.add(report("RP1", y(6, 1), &[], &[]), [author("M01")]);

    let rules = RuleSet::preset("minhang").unwrap();
    let e = evaluated(&f.ledger(), &rules, Period::year(2024));
    let sub = |m, c| e.subtotal(card(&e, m), c).unwrap();

    // M01 meetings: plenary 4 half-days × 5 = 20; S1, SC1, I1, G1 5 each = 20
    // (TC1, a thematic consultation, is not in the table) → 40.
    assert_eq!(sub("M01", "meetings"), n("40"));
    // Training: TR1 throughout 10 (its "partly" 5 gives way), TR2 partly 5,
    // TR3 not recorded as throughout 5, TR4 not off-site 0 → 20.
    assert_eq!(sub("M01", "training"), n("20"));
    // Proposals: the filed-proposal points count once a year, highest role:
    // P1 principal 15 (P2 principal 15 counted once already, P3 participant 3
    // lower) → 15. Honours per proposal, not stacked: P2 key 15 over excellent
    // 10 → 15; P3 key participant 3. 15 + 15 + 3 = 33.
    assert_eq!(sub("M01", "proposals"), n("33"));
    // 40 + 20 + 33 = 93; every minimum duty met.
    let m01 = card(&e, "M01");
    assert_eq!(m01.total, n("93"));
    assert!(m01.requirements.iter().all(|r| r.met));
    assert!(flags(&e, "M01").is_empty());
    let why = |act: &str, item: &str| {
        let l =
            m01.lines.iter().find(|l| e.activity_of(l).unwrap().0 == act && e.item_of(l).id == item).unwrap();
        (l.awarded, l.adjustments.first().map(|a| a.why.clone()))
    };
    let group = |id: &str| e.groups.iter().position(|g| g.id == id).unwrap() as u16;
    assert_eq!(why("P2", "proposal_principal"), (n("0"), Some(Why::Once)));
    assert_eq!(
        why("P3", "proposal_participant"),
        (n("0"), Some(Why::Group { group: group("proposal_year") }))
    );
    assert_eq!(why("P2", "excellent_principal"), (n("0"), Some(Why::Group { group: group("honours") })));
    assert_eq!(why("TR1", "training_partly"), (n("0"), Some(Why::Group { group: group("training") })));

    // M02: plenary present, no half-days recorded → the whole meeting, 5 × 5 =
    // 25; S1 on leave scores nothing; P3 participant 3 + key participant 3.
    // 25 + 6 = 31. No other activity and no report → minimum duties unmet.
    assert_eq!(card(&e, "M02").total, n("31"));
    assert_eq!(flags(&e, "M02"), ["minimum_duties"]);
    let m02 = card(&e, "M02");
    assert_eq!(e.requirement_met(m02, "activities"), Some(false));
    assert_eq!(e.requirement_met(m02, "report"), Some(false));
    assert_eq!(e.requirement_met(m02, "proposal"), Some(true));

    // M03: P3 principal 15 + key principal 15 = 30; no plenary → flagged.
    assert_eq!(card(&e, "M03").total, n("30"));
    assert_eq!(flags(&e, "M03"), ["minimum_duties"]);
    assert_eq!(e.flag_counts, vec![2]);
    // No grades in Minhang's method.
    assert!(e.grades.is_empty() && card(&e, "M01").grade.is_none());

    // Liaison-group ranks only for members who have a group.
    let r = e.rank_in(card(&e, "M01"), Cohort::LiaisonGroup).unwrap();
    assert_eq!((e.cohort_values[r.value as usize].as_str(), r.rank, r.of), ("七宝片区", 1, 1));
    assert!(e.rank_in(card(&e, "M02"), Cohort::LiaisonGroup).is_none());
}
