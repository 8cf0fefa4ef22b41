//! The complete example of docs/rules.md is a valid rule file, and scores
//! as its comments say.

mod common;

use common::*;
use lvzhi_core::{
    ActivityDetail, Attendance, Level, MeetingKind, ProposalForm, ProposalStatus, ResearchKind,
};
use lvzhi_rules::{Period, RuleSet};

const DOC: &str = include_str!("../../../docs/rules.md");

fn example() -> &'static str {
    let section = &DOC[DOC.find("## complete example").expect("section")..];
    let start = section.find("```toml\n").expect("toml block") + "```toml\n".len();
    let end = section[start..].find("```").expect("end of block");
    &section[start..start + end]
}

#[test]
fn the_documented_example_is_valid_and_scores_by_hand() {
    let rules = RuleSet::from_toml_str(example()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rules.id(), "example-2024");
    assert_eq!(rules.items().len(), 16);
    assert_eq!(
        rules.grades().iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
        ["excellent", "good", "pass", "fail"]
    );

    let y = |m, day| d(2024, m, day);
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    f.standing("E1");
    f.member("E2");
    f.add(meeting("H1", y(1, 10), MeetingKind::Plenary, Some(6)), [present("E1").half_days(6)]);
    f.add(
        meeting("S1", y(3, 1), MeetingKind::StandingCommittee, None),
        [attendee("E1", Attendance::Excused)],
    );
    f.add(proposal("J", y(2, 1), ProposalForm::Joint, ProposalStatus::Filed), [lead("E1"), cosigner("E2")]);
    f.add(report("R", y(4, 1), &[Level::Provincial], &[Level::City]), [author("E1")]);
    f.add(plain("DR", y(12, 1), ActivityDetail::DutyReport), [participant("E1")]);
    f.add(research("RS", y(5, 1), ResearchKind::Research), [participant("E1")]);
    let e = evaluated(&f.ledger(), &rules, Period::year(2024));

    // E1: plenary 6 half-days × 5 = 30; standing member on leave −1 → 29.
    // J: 6 points, half to the lead → 3; the first filed proposal gives no +5.
    // R: +2 (once), adopted provincially 6 vs instructed by a city leader 5 →
    // the higher, 6 → 8. Research 2. 29 + 3 + 8 + 2 = 42 → 不合格.
    let e1 = card(&e, "E1");
    assert_eq!(e.subtotal(e1, "meetings"), Some(n("29")));
    assert_eq!(e.subtotal(e1, "reports"), Some(n("8")));
    assert_eq!(e1.total, n("42"));
    assert_eq!(grade(&e, "E1"), Some("fail"));
    assert!(flags(&e, "E1").is_empty());
    // E2: co-signer's 3; did not attend the plenary → duties flag.
    assert_eq!(card(&e, "E2").total, n("3"));
    assert_eq!(flags(&e, "E2"), ["duties"]);
}
