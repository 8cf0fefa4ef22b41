//! # lvzhi-report
//!
//! Annual member duty reports (年度履职报告 / 述职报告): the factual part an
//! office pre-fills from its records, with marked places for the member's
//! own narrative (自我评价, 存在不足, 下一年打算).
//!
//! Two steps, kept apart:
//! 1. [`gather`] reads the [`Ledger`](lvzhi_core::Ledger) and returns a
//!    serialisable [`ReportData`]: counts, lists, the attendance rate as an
//!    exact decimal percentage, training hours, donations … and the optional
//!    [`ScoreSection`] the caller maps from a rule engine's scorecard. Pure.
//! 2. A renderer turns it into HTML or Markdown (through [`Templates`],
//!    minijinja files an office can copy and edit) or Word (`.docx`, built
//!    section by section with docx-rs; see [`DocxLayout`]).
//!
//! [`render_one`] writes one member's file, [`render_all`] the whole
//! committee's in parallel with a progress callback. Data never becomes
//! markup or a path: templates escape by file type, Word text goes through
//! text runs, file names are sanitised ([`file_name`]). Phone and ID
//! number never enter [`ReportData`].
//!
//! ```
//! use chrono::NaiveDate;
//! use lvzhi_core::*;
//! use lvzhi_report::{gather, Format, Period, ReportOptions, render_bytes};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
//! let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
//! let mut batch = Batch::default();
//! batch.members.push(Member::new("M001", "王芳", "教育界"));
//! batch.activities.push(Activity::new(
//!     "H001", "十届三次全体会议", d(1, 10), Level::County,
//!     ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(5) }),
//! ));
//! batch.participations.push(
//!     ParticipationRecord::new("H001", "M001", ParticipantRole::Attendee).with_attendance(Attendance::Present),
//! );
//! ledger.add(batch).unwrap();
//!
//! let m = ledger.member_ix(&"M001".into()).unwrap();
//! let data = gather(&ledger, m, Period::year(2024), None);
//! assert_eq!(data.meetings.attendance_rate.unwrap().to_string(), "100");
//! let md = render_bytes(&data, &ReportOptions::year(2024, Format::Markdown)).unwrap();
//! assert!(String::from_utf8(md).unwrap().contains("出席率 100%"));
//! ```

mod chart;
mod data;
mod docx;
mod error;
mod render;
mod score;
mod templates;
pub mod text;

pub use chart::category_chart_svg;
pub use data::{
    default_narrative, gather, percentage, period_label, AttendanceByKind, Coded, CommitteeInfo,
    DonationLine, Donations, HoursLine, HoursWork, KindCount, MeetingLine, Meetings, MemberInfo,
    NarrativeSection, OpinionLine, OpinionReports, Period, PeriodInfo, ProposalLine, Proposals, ReportData,
    ResearchLine, ResearchWork, SimpleLine, SpeechLine, TrainingLine, TrainingWork,
};
pub use docx::{render_docx, DocxLayout};
pub use error::ReportError;
pub use render::{
    file_name, file_names, members_in_period, render_all, render_bytes, render_member, render_one, Format,
    Progress, ReportOptions,
};
pub use score::{CategoryLine, Rank, ScoreSection};
pub use templates::{Templates, DEFAULTS, HTML_TEMPLATE, MARKDOWN_TEMPLATE};
