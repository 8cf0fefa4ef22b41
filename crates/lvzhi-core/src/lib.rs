//! # lvzhi-core
//!
//! The domain model of lvzhi (履职): the members of a political consultative
//! committee (政协), their duty activities, validation, and the in-memory
//! [`Ledger`] that a year-end evaluation runs over.
//!
//! Pure: no I/O, no Python. Files are read and written by `lvzhi-io`.
//!
//! ```
//! use chrono::NaiveDate;
//! use lvzhi_core::*;
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
//! let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
//!
//! let mut batch = Batch::default();
//! batch.members.push(Member::new("M001", "王芳", "教育界"));
//! batch.activities.push(Activity::new(
//!     "H001", "十届三次全体会议", d(1, 10), Level::County,
//!     ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(5) }),
//! ));
//! batch.participations.push(
//!     ParticipationRecord::new("H001", "M001", ParticipantRole::Attendee)
//!         .with_attendance(Attendance::Excused),
//! );
//! ledger.add(batch).unwrap();
//!
//! let m = ledger.member_ix(&"M001".into()).unwrap();
//! assert_eq!(ledger.participations_of(m)[0].attendance, Some(Attendance::Excused));
//! ```

pub mod activity;
pub mod batch;
pub mod committee;
pub mod error;
pub mod fields;
mod ids;
pub mod ledger;
pub mod member;
pub mod participation;
pub mod period;
mod validate;
pub mod vocab;

pub use activity::{
    Activity, ActivityDetail, ActivityId, ActivityKind, AdoptionMode, Designation, Designations, Donation,
    HandlingRole, HandlingUnit, Liaison, LiaisonKind, Meeting, MeetingKind, OpinionReport, Proposal,
    ProposalForm, ProposalSession, ProposalStatus, ReplyCategory, Research, ResearchKind, Satisfaction,
    Training, TrainingKind, Volunteering,
};
pub use batch::{Batch, BatchOrigins, Dataset, IndexedBatch};
pub use committee::{Committee, Function, Functions, Level, Term, NATIONAL_SECTORS_14};
pub use error::{BatchRejected, Issue, Origin, Table, ValidationError};
pub use fields::{ActivityField, ActivityFields, Fields, ParticipationFields, Reads};
pub use ledger::{Added, Detail, Ledger};
pub use member::{Gender, Member, MemberId, PersonalData, Role, Roles};
pub use participation::{
    ActivityIx, Attendance, MemberIx, ParticipantRole, Participation, ParticipationRecord, Speech,
};
pub use period::Period;
pub use vocab::{UnknownValue, Vocabulary};
