//! The change history: which record changed, from what to what, by whom and when.

use chrono::{DateTime, Utc};
use lvzhi_core::{ActivityId, MemberId};

use crate::record::Record;

/// Names one stored record, for [`crate::Store::history`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RecordKey {
    /// The committee (one per store).
    Committee,
    /// A member.
    Member(MemberId),
    /// An activity.
    Activity(ActivityId),
    /// A member's participation in an activity.
    Participation {
        /// The activity.
        activity: ActivityId,
        /// The member.
        member: MemberId,
    },
    /// A rule set, by its id.
    RuleSet(String),
}

impl RecordKey {
    /// The member with this id.
    pub fn member(id: &str) -> Self {
        RecordKey::Member(id.into())
    }

    /// The activity with this id.
    pub fn activity(id: &str) -> Self {
        RecordKey::Activity(id.into())
    }

    /// The participation of `member` in `activity`.
    pub fn participation(activity: &str, member: &str) -> Self {
        RecordKey::Participation { activity: activity.into(), member: member.into() }
    }

    /// Table, record id and sub-id as kept in the `changes` table.
    pub(crate) fn parts(&self) -> (&'static str, &str, &str) {
        match self {
            RecordKey::Committee => (COMMITTEE, "", ""),
            RecordKey::Member(id) => (MEMBERS, &id.0, ""),
            RecordKey::Activity(id) => (ACTIVITIES, &id.0, ""),
            RecordKey::Participation { activity, member } => (PARTICIPATIONS, &activity.0, &member.0),
            RecordKey::RuleSet(id) => (RULE_SETS, id, ""),
        }
    }
}

pub(crate) const COMMITTEE: &str = "committee";
pub(crate) const MEMBERS: &str = "members";
pub(crate) const ACTIVITIES: &str = "activities";
pub(crate) const PARTICIPATIONS: &str = "participations";
pub(crate) const RULE_SETS: &str = "rule_sets";

/// Whether a change created a record or changed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// The record was stored for the first time.
    Insert,
    /// The record existed and was changed.
    Update,
}

/// One change of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Sequence number of the change in the store; later changes have larger ones.
    pub id: i64,
    /// The import (batch, committee or rule-set write) that made it.
    pub import_id: i64,
    /// The import's source (a file name).
    pub source: String,
    /// Insert or update.
    pub op: ChangeOp,
    /// The record before, as core's JSON; `None` for an insert.
    pub before: Option<serde_json::Value>,
    /// The record after, as core's JSON.
    pub after: serde_json::Value,
    /// Who made the change.
    pub changed_by: String,
    /// When (UTC, to the microsecond).
    pub changed_at: DateTime<Utc>,
}

impl Change {
    /// The record after the change, typed (`Activity`, `Member` …).
    pub fn after_as<T: Record>(&self) -> Result<T, serde_json::Error> {
        T::from_json(&self.after)
    }

    /// The record before the change, typed; `None` for an insert.
    pub fn before_as<T: Record>(&self) -> Result<Option<T>, serde_json::Error> {
        self.before.as_ref().map(T::from_json).transpose()
    }
}

/// One write to the store: a batch import, or a committee or rule-set change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    /// Its id, in the order of writing.
    pub id: i64,
    /// `batch`, `committee` or `rule_set`.
    pub kind: String,
    /// Where the records came from (a file name).
    pub source: String,
    /// SHA-256 of the records' JSON, in hex.
    pub content_hash: String,
    /// Who wrote it.
    pub changed_by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Records inserted.
    pub inserted: u64,
    /// Records updated.
    pub updated: u64,
    /// Records given that were already stored as they are.
    pub unchanged: u64,
}
