//! Fixtures shared by the store's tests: a county committee, three members,
//! a joint proposal whose status changes between two imports, and meetings
//! with attendance.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use lvzhi_core::*;
use lvzhi_store::ImportMeta;

pub fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, d).unwrap()
}

/// Noon UTC on a day of 2024.
pub fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, m, d, 12, 0, 0).unwrap()
}

pub fn meta(source: &str, m: u32, d: u32) -> ImportMeta {
    ImportMeta::new(source, "提案委 李科员").at(at(m, d))
}

pub fn committee() -> Committee {
    let term = Term {
        number: 10,
        start: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    };
    Committee::new("政协某县委员会", Level::County, term)
}

pub fn members() -> Vec<Member> {
    let mut wang = Member::new("M001", "王芳", "教育界");
    wang.personal.phone = Some("13800000000".into());
    let li = Member::new("M002", "李明", "经济界");
    let mut zhang = Member::new("M003", "张伟", "医药卫生界");
    zhang.joined_on = Some(day(4, 1));
    vec![wang, li, zhang]
}

pub fn proposal(status: ProposalStatus) -> Activity {
    let replied = status.is_replied();
    Activity::new(
        "P001",
        "关于加强农村养老服务的提案",
        day(1, 12),
        Level::County,
        ActivityDetail::Proposal(Proposal {
            number: Some("20240001".into()),
            form: ProposalForm::Joint,
            collective_body: None,
            status,
            session: Some(ProposalSession::Plenary),
            handling_units: if status.is_assigned() {
                vec![HandlingUnit { name: "民政局".into(), role: HandlingRole::Lead }]
            } else {
                Vec::new()
            },
            reply_category: replied.then_some(ReplyCategory::Solved),
            satisfaction: replied.then_some(Satisfaction::Satisfied),
            designations: Designations::default(),
            forwarded_to: None,
        }),
    )
}

pub fn meeting(id: &str, title: &str, date: NaiveDate, kind: MeetingKind) -> Activity {
    Activity::new(
        id,
        title,
        date,
        Level::County,
        ActivityDetail::Meeting(Meeting { kind, half_days: Some(4) }),
    )
}

pub fn attended(activity: &str, member: &str, a: Attendance) -> ParticipationRecord {
    ParticipationRecord::new(activity, member, ParticipantRole::Attendee).with_attendance(a)
}

/// January's file: the members, the proposal as filed, the plenary.
pub fn january() -> Batch {
    Batch {
        members: members(),
        activities: vec![
            proposal(ProposalStatus::Filed),
            meeting("H001", "十届三次全体会议", day(1, 10), MeetingKind::Plenary),
        ],
        participations: vec![
            ParticipationRecord::new("P001", "M001", ParticipantRole::Lead),
            ParticipationRecord::new("P001", "M002", ParticipantRole::Cosigner),
            attended("H001", "M001", Attendance::Present),
            attended("H001", "M002", Attendance::Excused),
        ],
        origins: BatchOrigins::default(),
    }
}

/// June's file: the proposal replied, a standing-committee meeting.
pub fn june() -> Batch {
    Batch {
        members: Vec::new(),
        activities: vec![
            proposal(ProposalStatus::Replied),
            meeting("H002", "十届常委会第十次会议", day(6, 15), MeetingKind::StandingCommittee),
        ],
        participations: vec![
            attended("H002", "M001", Attendance::Present),
            attended("H002", "M003", Attendance::Unexcused),
        ],
        origins: BatchOrigins::default(),
    }
}

/// A toy evaluation run on a ledger, as scoring code would: per member,
/// (replied proposals led or signed, meetings present, unexcused absences).
pub fn evaluate(ledger: &Ledger) -> Vec<(String, usize, usize, usize)> {
    ledger
        .members()
        .iter()
        .map(|m| {
            let ix = ledger.member_ix(&m.id).unwrap();
            let parts = ledger.participations_of(ix);
            let replied = parts
                .iter()
                .filter(|p| {
                    matches!(&ledger.activity(p.activity).detail, ActivityDetail::Proposal(x) if x.status.is_replied())
                })
                .count();
            let present = parts.iter().filter(|p| p.attendance == Some(Attendance::Present)).count();
            let unexcused = parts.iter().filter(|p| p.attendance == Some(Attendance::Unexcused)).count();
            (m.id.to_string(), replied, present, unexcused)
        })
        .collect()
}

/// The in-memory ledger of the given batches, added in order.
pub fn in_memory(batches: &[Batch]) -> Ledger {
    let mut ledger = Ledger::new(committee());
    for b in batches {
        ledger.add(b.clone()).unwrap();
    }
    ledger
}
