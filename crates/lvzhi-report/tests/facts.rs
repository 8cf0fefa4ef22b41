//! The facts gathered from the fixture ledger, field by field.

mod common;

use common::*;
use lvzhi_report::{gather, Period};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn a_full_year_of_a_standing_member() {
    let ledger = ledger();
    let r = gather(&ledger, ix(&ledger, "M001"), Period::year(YEAR), None);
    assert_eq!(r.member.roles_label, "常务委员、委员");
    assert!(!r.member.part_period);
    // The 2023 plenary is outside the period.
    assert_eq!(
        (r.meetings.present, r.meetings.excused, r.meetings.unexcused, r.meetings.required),
        (2, 1, 0, 3)
    );
    assert_eq!(r.meetings.attendance_rate, Some(dec("66.67")));
    assert_eq!(r.meetings.items.len(), 3);
    assert_eq!(r.meetings.by_kind.len(), 3);
    assert_eq!(r.speeches.len(), 1);
    assert_eq!(r.speeches[0].kind.code, "plenary_oral");
    assert_eq!((r.proposals.total, r.proposals.led, r.proposals.filed, r.proposals.key), (1, 1, 1, 1));
    assert_eq!(r.proposals.items[0].handling_units, ["县教育局（主办）"]);
    assert_eq!(
        (r.opinion_reports.submitted, r.opinion_reports.adopted, r.opinion_reports.instructed),
        (2, 1, 1)
    );
    assert_eq!(r.opinion_reports.adoption_rate, Some(dec("50")));
    assert_eq!((r.research.total, r.research.led, r.research.reports), (1, 1, 1));
    assert_eq!(r.research.items[0].role.label, "牵头");
    // Attendance not recorded counts as attended for training hours.
    assert_eq!((r.training.attended, r.training.hours), (2, dec("12.5")));
    assert_eq!((r.liaison.count, r.liaison.hours), (1, dec("3")));
    assert_eq!((r.volunteering.count, r.volunteering.hours), (1, dec("2.5")));
    assert_eq!((r.donations.count, r.donations.total.to_string()), (2, "6234.50".to_string()));
    assert_eq!(r.awards.len(), 1);
    assert_eq!(r.awards[0].level.code, "city");
    assert_eq!(r.other_work.len(), 2);
    assert!(r.violations.is_empty());
    assert_eq!(
        r.narrative.iter().map(|n| n.heading.as_str()).collect::<Vec<_>>(),
        ["自我评价", "存在不足", "下一年打算"]
    );
}

#[test]
fn absences_are_kept_apart_and_do_not_earn_hours() {
    let ledger = ledger();
    let hostile = gather(&ledger, ix(&ledger, HOSTILE_ID), Period::year(YEAR), None);
    assert_eq!((hostile.meetings.excused, hostile.meetings.unexcused), (1, 0));
    assert_eq!(hostile.meetings.attendance_rate, Some(Decimal::ZERO));
    assert_eq!(
        (hostile.training.attended, hostile.training.excused, hostile.training.hours),
        (0, 1, Decimal::ZERO)
    );
    assert_eq!((hostile.proposals.led, hostile.proposals.cosigned, hostile.proposals.filed), (1, 1, 1));

    let absent = gather(&ledger, ix(&ledger, "M004"), Period::year(YEAR), None);
    assert_eq!((absent.meetings.excused, absent.meetings.unexcused), (0, 1));
    assert_eq!(absent.violations.len(), 1);
    assert_eq!(absent.research.items[0].role.label, "参加");

    // "Not required" is neither attendance nor absence.
    let m5 = gather(&ledger, ix(&ledger, "M005"), Period::year(YEAR), None);
    assert_eq!((m5.meetings.present, m5.meetings.not_required, m5.meetings.required), (1, 1, 1));
    assert_eq!(m5.meetings.attendance_rate, Some(Decimal::ONE_HUNDRED));
}

#[test]
fn part_period_members_and_other_periods() {
    let ledger = ledger();
    let li = gather(&ledger, ix(&ledger, "M002"), Period::year(YEAR), None);
    assert!(li.member.part_period);
    assert_eq!(li.member.in_office_from, Some(d(YEAR, 7, 1)));
    assert_eq!(li.meetings.attendance_rate, Some(Decimal::ONE_HUNDRED));
    assert_eq!(li.speeches.len(), 1, "a speaker without a recorded speech kind still spoke");

    let first_half = Period { start: d(YEAR, 1, 1), end: d(YEAR, 6, 30) };
    let wang = gather(&ledger, ix(&ledger, "M001"), first_half, None);
    assert_eq!(wang.period.year, None);
    assert_eq!(wang.meetings.required, 2);
    assert!(wang.donations.items.is_empty() && wang.awards.is_empty());

    let y2023 = gather(&ledger, ix(&ledger, "M001"), Period::year(2023), None);
    assert_eq!((y2023.meetings.present, y2023.proposals.total), (1, 0));
    let gone = gather(&ledger, ix(&ledger, "M007"), Period::year(YEAR), None);
    assert_eq!((gone.member.in_office_from, gone.member.part_period), (None, true));
}
