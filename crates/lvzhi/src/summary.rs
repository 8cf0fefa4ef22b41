//! Per-member counts of activities by kind: the first look an office takes
//! at a year's records.

use lvzhi_core::{ActivityKind, Attendance, Ledger, MemberIx, Vocabulary};

/// One member's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The member.
    pub member: MemberIx,
    /// Activities taken part in, by kind, indexed as [`ActivityKind::ALL`].
    /// A meeting counts when attended (present), not when missed.
    pub by_kind: Vec<u32>,
    /// Meetings missed with leave.
    pub excused: u32,
    /// Meetings missed without leave.
    pub unexcused: u32,
}

/// Counts for every member of a ledger, in member order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySummary {
    /// One row per member.
    pub rows: Vec<SummaryRow>,
}

impl ActivitySummary {
    /// Counts every member's participations in one pass over the ledger.
    pub fn of(ledger: &Ledger) -> Self {
        let rows = (0..ledger.members().len() as u32)
            .map(MemberIx)
            .map(|m| {
                let mut row = SummaryRow {
                    member: m,
                    by_kind: vec![0; ActivityKind::ALL.len()],
                    excused: 0,
                    unexcused: 0,
                };
                for p in ledger.participations_of(m) {
                    match p.attendance {
                        Some(Attendance::Excused) => row.excused += 1,
                        Some(Attendance::Unexcused) => row.unexcused += 1,
                        Some(Attendance::NotRequired) => {}
                        Some(Attendance::Present) | None => {
                            row.by_kind[ledger.activity(p.activity).kind() as usize] += 1
                        }
                    }
                }
                row
            })
            .collect();
        ActivitySummary { rows }
    }

    /// Totals over all members, by kind.
    pub fn totals(&self) -> Vec<u32> {
        let mut t = vec![0; ActivityKind::ALL.len()];
        for r in &self.rows {
            for (x, n) in t.iter_mut().zip(&r.by_kind) {
                *x += n;
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use lvzhi_core::*;

    #[test]
    fn absences_are_not_counted_as_taking_part() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let term = Term { number: 10, start: d, end: d };
        let mut ledger = Ledger::new(Committee::new("政协测试县委员会", Level::County, term));
        let meeting = |id: &str| {
            Activity::new(
                id,
                "常委会议",
                d,
                Level::County,
                ActivityDetail::Meeting(Meeting { kind: MeetingKind::StandingCommittee, half_days: None }),
            )
        };
        let attend =
            |a: &str, att| ParticipationRecord::new(a, "M1", ParticipantRole::Attendee).with_attendance(att);
        ledger
            .add(Batch {
                members: vec![Member::new("M1", "张三", "教育界")],
                activities: vec![meeting("H1"), meeting("H2"), meeting("H3")],
                participations: vec![
                    attend("H1", Attendance::Present),
                    attend("H2", Attendance::Excused),
                    attend("H3", Attendance::Unexcused),
                ],
                ..Batch::default()
            })
            .unwrap();
        let s = ActivitySummary::of(&ledger);
        let row = &s.rows[0];
        assert_eq!(row.by_kind[ActivityKind::Meeting as usize], 1);
        assert_eq!((row.excused, row.unexcused), (1, 1));
        assert_eq!(s.totals()[ActivityKind::Meeting as usize], 1);
    }
}
