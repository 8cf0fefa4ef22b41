//! Xuanwei (shared/domain/rules/xuanwei.md), computed by hand from the
//! document's own table, over a whole term.

mod common;

use common::*;
use lvzhi_core::{Attendance, MeetingKind, ProposalForm, ProposalStatus, ResearchKind, Speech};
use lvzhi_rules::{evaluate_term, Period, RuleSet};

fn fixture() -> Fixture {
    let mut f = Fixture::new(d(2022, 1, 1), d(2026, 12, 31));
    for id in ["X01", "X02", "X03"] {
        f.member(id);
    }
    for year in 2022..=2026 {
        let x02 = if year == 2023 || year == 2025 {
            attendee("X02", Attendance::Unexcused)
        } else {
            present("X02")
        };
        let x01 = if year == 2024 { present("X01").speech(Speech::PlenaryWritten) } else { present("X01") };
        f.add(
            meeting(&format!("H{year}"), d(year, 1, 10), MeetingKind::Plenary, Some(5)),
            [x01, x02, present("X03")],
        );
        f.add(
            proposal(
                &format!("XP{year}"),
                d(year, 6, 1),
                ProposalForm::Individual,
                ProposalStatus::Submitted,
            ),
            [lead("X01")],
        );
    }
    for year in [2022, 2025] {
        f.add(
            proposal(&format!("XQ{year}"), d(year, 6, 2), ProposalForm::Individual, ProposalStatus::Filed),
            [lead("X03")],
        );
    }
    let y = |m, day| d(2024, m, day);
    f.add(
        meeting("S24", y(3, 1), MeetingKind::StandingCommittee, None),
        [present("X01").speech(Speech::Other)],
    );
    f.add(training("TR24", y(4, 1), false), [present("X01")]);
    f.add(research("R24", y(5, 1), ResearchKind::Research), [participant("X01")]);
    f.add(research("I24", y(5, 2), ResearchKind::Inspection), [participant("X01")]);
    f.add(research("A24", y(5, 3), ResearchKind::Appraisal), [participant("X01")]);
    f.add(research("SV24", y(5, 4), ResearchKind::StudyVisit), [participant("X01")]);
    f
}

#[test]
fn xuanwei_points_by_hand() {
    let rules = RuleSet::preset("xuanwei").unwrap();
    let e = evaluated(&fixture().ledger(), &rules, Period::year(2024));
    // X01 in 2024: plenary 2 + written speech 2 + standing committee 1 +
    // speech there 2 + training 1 + research 2 + inspection 2 + appraisal 2
    // = 14 (the study visit is not in the table).
    let x01 = card(&e, "X01");
    assert_eq!(x01.total, n("14"));
    assert_eq!(e.subtotal(x01, "meetings"), Some(n("3")));
    assert_eq!(e.subtotal(x01, "speeches"), Some(n("4")));
    assert_eq!(e.subtotal(x01, "research"), Some(n("6")));
    assert!(!x01.lines.iter().any(|l| e.activity_of(l).unwrap().0 == "SV24"));
    // X02 and X03 attended the plenary: 2 each.
    assert_eq!(card(&e, "X02").total, n("2"));
    assert_eq!(card(&e, "X03").total, n("2"));
    // Evaluated alone, 2024 cannot see 2023: no "two years running".
    assert_eq!(flags(&e, "X03"), Vec::<&str>::new());
}

#[test]
fn xuanwei_term_consequences_by_hand() {
    let rules = RuleSet::preset("xuanwei").unwrap();
    let years: Vec<Period> = rules.periods_of(&fixture().term);
    assert_eq!(years, (2022..=2026).map(Period::year).collect::<Vec<_>>());
    let term = evaluate_term(&fixture().ledger(), &rules, &years).unwrap();
    let per_year = |m: &str| -> Vec<Vec<&str>> { term.iter().map(|e| flags(e, m)).collect() };

    // X02: unexcused at the plenary in 2023 (1 in the term → criticism) and
    // 2025 (2 → revocation); no proposal in any year: two years running from
    // 2023 on; 0 < 3 proposals in the term, judged in 2026 (the term's end).
    assert_eq!(
        per_year("X02"),
        vec![
            vec![],
            vec!["criticism", "no_proposal_two_years"],
            vec!["criticism", "no_proposal_two_years"],
            vec!["criticism", "revoke", "no_proposal_two_years"],
            vec!["criticism", "revoke", "no_proposal_two_years", "few_proposals_in_term"],
        ]
    );
    // X03: proposals in 2022 and 2025 only → 2023 and 2024 without one: flagged
    // in 2024; 2 < 3 in the term → flagged in 2026.
    assert_eq!(
        per_year("X03"),
        vec![vec![], vec![], vec!["no_proposal_two_years"], vec![], vec!["few_proposals_in_term"]]
    );
    // X01: a proposal every year, 5 in the term, never absent.
    assert!(per_year("X01").iter().all(Vec::is_empty));
    assert_eq!(term[4].flag_counts, vec![1, 1, 1, 2]);
}
