//! Validation errors: what is wrong with a record, and where it came from.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::activity::{ActivityId, ActivityKind, ProposalStatus};
use crate::member::MemberId;
use crate::participation::ParticipantRole;

/// Where a record came from: a file and a 1-based row (the header is row 1
/// in CSV, so the first data row is row 2, as Excel shows it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file's path or name.
    pub file: Arc<str>,
    /// The row (CSV) or the 1-based item number (JSON).
    pub row: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, row {}", self.file, self.row)
    }
}

/// Which table a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// `members`
    Members,
    /// `activities`
    Activities,
    /// `participations`
    Participations,
}

impl Table {
    /// The table's name in files.
    pub fn name(self) -> &'static str {
        match self {
            Table::Members => "members",
            Table::Activities => "activities",
            Table::Participations => "participations",
        }
    }
}

/// One thing wrong with the data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValidationError {
    /// A required field is empty.
    #[error("{field} is empty")]
    Empty {
        /// The field.
        field: &'static str,
    },
    /// Two members with the same id.
    #[error("duplicate member id `{0}`")]
    DuplicateMember(MemberId),
    /// Two activities with the same id.
    #[error("duplicate activity id `{0}`")]
    DuplicateActivity(ActivityId),
    /// A participation names a member the ledger does not hold.
    #[error("unknown member `{0}`")]
    UnknownMember(MemberId),
    /// A participation names an activity the ledger does not hold.
    #[error("unknown activity `{0}`")]
    UnknownActivity(ActivityId),
    /// A link to an activity the ledger does not hold.
    #[error("linked activity `{0}` is unknown")]
    UnknownLink(ActivityId),
    /// The same member listed twice on one activity (a co-signer twice).
    #[error("member `{member}` is listed twice on activity `{activity}`")]
    DuplicateParticipant {
        /// The activity.
        activity: ActivityId,
        /// The member.
        member: MemberId,
    },
    /// A member took part in an activity while not in office.
    #[error("activity `{activity}` on {date} is outside member `{member}`'s membership ({window})")]
    OutsideMembership {
        /// The member.
        member: MemberId,
        /// The activity.
        activity: ActivityId,
        /// The activity's date.
        date: NaiveDate,
        /// The membership, e.g. "joined 2024-04-01".
        window: String,
    },
    /// A member's leaving date before the joining date.
    #[error("left on {left} before joining on {joined}")]
    LeftBeforeJoined {
        /// 增补 date.
        joined: NaiveDate,
        /// 辞去 date.
        left: NaiveDate,
    },
    /// An activity ending before it starts.
    #[error("ends on {end} before it starts on {start}")]
    EndsBeforeStart {
        /// Start.
        start: NaiveDate,
        /// End.
        end: NaiveDate,
    },
    /// A proposal's fields contradict its status.
    #[error("status `{status}` contradicts {what}")]
    Lifecycle {
        /// The status given.
        status: ProposalStatus,
        /// What contradicts it.
        what: &'static str,
    },
    /// Hours, amounts or counts below zero.
    #[error("{field} is negative ({value})")]
    Negative {
        /// The field.
        field: &'static str,
        /// The value.
        value: Decimal,
    },
    /// A sector the committee does not have.
    #[error("sector `{0}` is not one of the committee's sectors")]
    UnknownSector(String),
    /// A special committee the committee does not have.
    #[error("special committee `{0}` is not one of the committee's")]
    UnknownSpecialCommittee(String),
    /// A liaison group the committee does not have.
    #[error("liaison group `{0}` is not one of the committee's")]
    UnknownLiaisonGroup(String),
    /// A role that makes no sense for the activity's kind (a co-signer of a meeting).
    #[error("role `{role}` does not fit a {kind} activity")]
    RoleDoesNotFit {
        /// The role.
        role: ParticipantRole,
        /// The activity's kind.
        kind: ActivityKind,
    },
    /// A proposal or report with a wrong number of leads (none or several).
    #[error("activity `{activity}` has {count} {role} participants; it needs exactly one")]
    LeadCount {
        /// The activity.
        activity: ActivityId,
        /// Lead or author.
        role: ParticipantRole,
        /// How many it has.
        count: usize,
    },
    /// An individual proposal with co-signers.
    #[error("individual proposal `{0}` has co-signers; make it joint")]
    IndividualWithCosigners(ActivityId),
    /// A meeting participation without attendance.
    #[error("attendance is required for a meeting")]
    MissingAttendance,
    /// Attendance recorded on a kind that has none (proposal, report …).
    #[error("attendance does not apply to a {0} activity")]
    AttendanceDoesNotApply(ActivityKind),
    /// More half-days attended than the meeting lasted.
    #[error("attended {attended} half-days of a meeting lasting {of}")]
    HalfDaysExceed {
        /// Attended.
        attended: u8,
        /// The meeting's length.
        of: u8,
    },
    /// Half-days, lateness or a speech recorded for someone who was absent.
    #[error("{what} recorded for a member who was absent")]
    AbsentButActive {
        /// What was recorded.
        what: &'static str,
    },
}

/// A [`ValidationError`] with the record it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// The table.
    pub table: Table,
    /// 0-based index of the record within its table in the batch.
    pub index: usize,
    /// File and row, when the batch came from a file.
    pub origin: Option<Origin>,
    /// The column at fault, when one is.
    pub column: Option<&'static str>,
    /// What is wrong.
    pub error: ValidationError,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.origin {
            Some(o) => write!(f, "{o}")?,
            None => write!(f, "{} record {}", self.table.name(), self.index + 1)?,
        }
        if let Some(c) = self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.error)
    }
}

/// A batch that was refused: every issue found, none stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("batch refused, nothing stored: {} problem(s); first: {}", .issues.len(), .issues[0])]
pub struct BatchRejected {
    /// Every issue, in table then record order.
    pub issues: Vec<Issue>,
}

impl BatchRejected {
    /// The issues as lines, one each.
    pub fn report(&self) -> String {
        self.issues.iter().map(|i| format!("{i}\n")).collect()
    }
}
