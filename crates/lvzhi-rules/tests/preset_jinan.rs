//! Jinan 2015 (shared/domain/rules/jinan-2015.md), computed by hand from
//! the reported point table.

mod common;

use common::*;
use lvzhi_core::{Attendance, Designation, MeetingKind, ProposalForm, ProposalStatus, ResearchKind};
use lvzhi_rules::{
    evaluate, evaluate_term, preset_source, GradeWhy, Period, RuleBook, RuleError, RuleSet, Why,
};

fn fixture() -> Fixture {
    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2021, 1, 1), d(2025, 12, 31));
    for id in ["J01", "J02", "J03", "J05"] {
        f.member(id);
    }
    f.standing("J04");
    use Attendance::{Excused, Unexcused};

    f.add(meeting("H23", d(2023, 1, 15), MeetingKind::Plenary, Some(4)), [attendee("J02", Unexcused)]);

    f.add(
        meeting("H24", y(1, 15), MeetingKind::Plenary, Some(4)),
        [
            present("J01"),
            attendee("J02", Unexcused),
            attendee("J03", Excused),
            present("J04"),
            attendee("J05", Unexcused),
        ],
    );
    f.add(meeting("H24b", y(1, 16), MeetingKind::Plenary, Some(2)), [attendee("J05", Unexcused)]);
    f.add(meeting("H24c", y(1, 17), MeetingKind::Plenary, Some(2)), [attendee("J05", Unexcused)]);

    use ProposalForm::{Individual, Joint};
    use ProposalStatus::{Filed, Submitted};
    f.add(proposal("P1", y(2, 1), Individual, Filed), [lead("J01")]);
    f.add(designated(proposal("P2", y(2, 2), Individual, Filed), Designation::Key), [lead("J01")]);
    let p3 = designated(
        designated(proposal("P3", y(3, 1), Individual, Filed), Designation::Key),
        Designation::Excellent,
    );
    f.add(p3, [lead("J01")]);
    f.add(proposal("P4", y(3, 2), Individual, Submitted), [lead("J01")]);
    for i in 1..=6 {
        f.add(volunteering(&format!("V{i}"), y(4, i)), [participant("J01")]);
    }
    f.add(research("R1", y(5, 1), ResearchKind::Inspection), [participant("J01")]);

    f.add(proposal("P5", y(2, 5), Joint, Filed), [lead("J02"), cosigner("J03")]);
    f.add(research("R2", y(5, 2), ResearchKind::Research), [participant("J02"), participant("J03")]);

    f.add(meeting("S1", y(3, 10), MeetingKind::StandingCommittee, None), [present("J04")]);
    f.add(meeting("S2", y(6, 10), MeetingKind::StandingCommittee, None), [present("J04")]);
    f.add(meeting("S3", y(9, 10), MeetingKind::StandingCommittee, None), [attendee("J04", Excused)]);
    f.add(proposal("P6", y(2, 6), Individual, Filed), [lead("J04")]);
    f.add(designated(proposal("P7", y(2, 7), Individual, Filed), Designation::Excellent), [lead("J04")]);
    f.add(proposal("P8", y(2, 8), Individual, Filed), [lead("J04")]);
    f.add(research("R3", y(5, 3), ResearchKind::StudyVisit), [participant("J04")]);
    f
}

#[test]
fn jinan_2024_by_hand() {
    let rules = RuleSet::preset("jinan-2015").unwrap();
    let ledger = fixture().ledger();
    let e = evaluated(&ledger, &rules, Period::year(2024));
    let sub = |m, c| e.subtotal(card(&e, m), c).unwrap();

    // J01: basic 70 (no deduction).
    // reward: filed proposals as first proposer P1, P2, P3 → the first gives
    // nothing, then +5 +5 = 10; key P2 +5, P3 +5 = 10; excellent P3 +10;
    // welfare 6 × 2 = 12, capped at 10. 10 + 10 + 10 + 10 = 40.
    // 70 + 40 = 110 ≥ 85, the three musts met → 优秀.
    assert_eq!(sub("J01", "basic"), n("70"));
    assert_eq!(sub("J01", "reward"), n("40"));
    assert_eq!(card(&e, "J01").total, n("110"));
    assert_eq!(grade(&e, "J01"), Some("excellent"));
    let j01 = card(&e, "J01");
    assert_eq!(e.item_points(j01, "further_filed_proposal"), n("10"));
    assert_eq!(e.item_points(j01, "public_welfare"), n("10"));
    let first = j01.lines.iter().find(|l| e.activity_of(l).unwrap().0 == "P1").unwrap();
    assert_eq!((first.raw, first.awarded), (n("5"), n("0")));
    assert_eq!(first.adjustments[0].why, Why::FromNth { n: 2 });
    let v6 = j01.lines.iter().find(|l| e.activity_of(l).unwrap().0 == "V6").unwrap();
    assert_eq!(v6.adjustments[0].why, Why::ItemCap { cap: n("10") });

    // J02: unexcused plenary −30 → 40; P5 is the first filed proposal → 0.
    // 40 < 60 → 不称职, talk with the convener.
    assert_eq!(card(&e, "J02").total, n("40"));
    assert_eq!(grade(&e, "J02"), Some("not_competent"));
    assert_eq!(flags(&e, "J02"), ["talk_convener"]);

    // J03: approved leave −10 → 60, in the 称职 band, but the plenary must is
    // unmet (leave is not attendance) → 不称职. 60 is not under 60: no talk.
    let j03 = card(&e, "J03");
    assert_eq!(j03.total, n("60"));
    assert_eq!(e.grades[j03.band.unwrap() as usize].id, "competent");
    assert_eq!(grade(&e, "J03"), Some("not_competent"));
    assert_eq!(e.requirement_met(j03, "plenary"), Some(false));
    assert_eq!(e.requirement_met(j03, "proposal_or_report"), Some(true));
    assert!(flags(&e, "J03").is_empty());

    // J04 (standing): plenary attended; P6 first (0), P7 +5, P8 +5, P7 excellent
    // +10 → reward 20; 70 + 20 = 90, band 优秀. Standing-committee meetings: 2
    // attended, 1 on leave → 2 < 3: the must is unmet, so neither 优秀 nor 称职.
    let j04 = card(&e, "J04");
    assert_eq!(j04.total, n("90"));
    assert_eq!(grade(&e, "J04"), Some("not_competent"));
    let standing = e.requirements.iter().position(|r| r.id == "standing").unwrap() as u16;
    assert_eq!(j04.requirements[standing as usize].count, 2);
    let steps: Vec<_> = j04.grade_changes.iter().map(|c| (c.from, c.to, c.why.clone())).collect();
    assert_eq!(
        steps,
        [
            (0, Some(1), GradeWhy::Requirement { requirement: standing }),
            (1, Some(2), GradeWhy::Requirement { requirement: standing }),
        ]
    );
    // A plain member does not need standing-committee meetings.
    let j01_standing = &card(&e, "J01").requirements[standing as usize];
    assert!(!j01_standing.applicable && j01_standing.met);

    // J05: three unexcused plenary sittings, −30 each = −90, but the basic
    // points stop at 0: −30, −30, then −10.
    let j05 = card(&e, "J05");
    assert_eq!(j05.total, n("0"));
    let awarded: Vec<_> = j05.lines.iter().map(|l| l.awarded).collect();
    assert_eq!(awarded, [n("-30"), n("-30"), n("-10")]);
    assert_eq!(j05.lines[2].adjustments[0].why, Why::CategoryFloor { floor: n("0") });

    assert_eq!(e.grade_counts, vec![1, 0, 4]);
}

#[test]
fn jinan_under_60_two_years_running() {
    let rules = RuleSet::preset("jinan-2015").unwrap();
    let ledger = fixture().ledger();
    let book = RuleBook::new(vec![rules.clone()]).unwrap();
    let years = [Period::year(2023), Period::year(2024)];
    let term = evaluate_term(&ledger, &book, &years).unwrap();

    // 2023: J02 missed the plenary without leave → 70 − 30 = 40.
    assert_eq!(card(&term[0], "J02").total, n("40"));
    assert_eq!(flags(&term[0], "J02"), ["talk_convener"]);
    // J05 did nothing in 2023 and keeps the basic 70.
    assert_eq!(card(&term[0], "J05").total, n("70"));
    // 2024: J02 under 60 again → also talk with the city committee; J05 under
    // 60 for the first time → only the convener.
    assert_eq!(flags(&term[1], "J02"), ["talk_convener", "talk_city"]);
    assert_eq!(flags(&term[1], "J05"), ["talk_convener"]);
    // Without 2023's result, 2024 alone cannot see two years running.
    let alone = evaluate(&ledger, &rules, Period::year(2024));
    assert_eq!(flags(&alone, "J02"), ["talk_convener"]);
    // A gap between the periods breaks "running".
    let gap = evaluate_term(&ledger, &rules, &[Period::year(2022), Period::year(2024)]).unwrap();
    assert_eq!(flags(&gap[1], "J02"), ["talk_convener"]);
}

#[test]
fn a_rule_book_picks_the_method_in_force() {
    let old = RuleSet::preset("jinan-2015").unwrap();
    let text = preset_source("jinan-2015")
        .unwrap()
        .replace("id = \"jinan-2015\"", "id = \"jinan-2024\"")
        .replace("effective_from = 2015-01-01", "effective_from = 2024-06-01")
        .replace(
            "match = { kind = \"proposal\", role = \"lead\", designation = \"key\" }\npoints = 5",
            "match = { kind = \"proposal\", role = \"lead\", designation = \"key\" }\npoints = 6",
        );
    let new = RuleSet::from_toml_str(&text).unwrap();
    let book = RuleBook::new(vec![old.clone(), new]).unwrap();
    let ledger = fixture().ledger();
    let term = evaluate_term(&ledger, &book, &[Period::year(2023), Period::year(2024)]).unwrap();
    assert_eq!(term[0].rule_set, "jinan-2015");
    // In force on 2024-12-31: the 2024 revision.
    assert_eq!(term[1].rule_set, "jinan-2024");
    // J01 under the revision: key proposals P2, P3 +6 each → reward 42 → 112.
    assert_eq!(card(&term[1], "J01").total, n("112"));

    assert!(
        matches!(RuleBook::new(vec![old.clone(), old.clone()]), Err(RuleError::DuplicateRuleSet(id)) if id == "jinan-2015")
    );
    let none = evaluate_term(&ledger, &book, &[Period::year(2014)]).unwrap_err();
    assert_eq!(none, RuleError::NoRuleSet { period: Period::year(2014) });
}
