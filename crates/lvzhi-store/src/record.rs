//! The JSON form of each kind of stored record, as the history keeps it.
//!
//! Core's serde is used as it is, except for one thing: an activity's JSON
//! from core is flat, with the kind-specific fields beside the common ones
//! and the kind as `kind`, so a meeting, training, research or liaison
//! activity, whose detail has a `kind` of its own (plenary, induction …),
//! comes out with two `kind` keys and does not read back. The store keeps
//! the detail nested instead: `{"id": …, "kind": "meeting", "detail":
//! {"kind": "plenary", "half_days": 4}}`, the detail being core's JSON of
//! the kind's own struct (`Meeting`, `Proposal` …).

use chrono::NaiveDate;
use lvzhi_core::{
    Activity, ActivityDetail, ActivityId, ActivityKind, Committee, Functions, Level, Member,
    ParticipationRecord,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::rules::RuleSet;

/// A record the store keeps, with its JSON form in the history.
pub trait Record: Sized {
    /// The record as the history keeps it.
    fn to_json(&self) -> serde_json::Result<Value>;
    /// The record back from its history JSON.
    fn from_json(value: &Value) -> serde_json::Result<Self>;
}

macro_rules! serde_record {
    ($($t:ty),*) => {$(
        impl Record for $t {
            fn to_json(&self) -> serde_json::Result<Value> {
                serde_json::to_value(self)
            }
            fn from_json(value: &Value) -> serde_json::Result<Self> {
                Self::deserialize(value)
            }
        }
    )*};
}
serde_record!(Member, ParticipationRecord, Committee, RuleSet);

/// An activity with its detail nested, so that it reads back.
#[derive(Serialize, Deserialize)]
struct ActivityJson {
    id: ActivityId,
    title: String,
    date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    end_date: Option<NaiveDate>,
    level: Level,
    #[serde(default)]
    functions: Functions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    organizer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    linked_to: Option<ActivityId>,
    kind: ActivityKind,
    detail: Value,
}

/// Builds a `$to` from the fields an [`Activity`] and an [`ActivityJson`]
/// share, taken from `$from`, plus the ones given.
macro_rules! move_common {
    ($to:ident from $from:ident, $($field:ident: $value:expr),*) => {
        $to {
            id: $from.id,
            title: $from.title,
            date: $from.date,
            end_date: $from.end_date,
            level: $from.level,
            functions: $from.functions,
            organizer: $from.organizer,
            linked_to: $from.linked_to,
            $($field: $value),*
        }
    };
}

impl Record for Activity {
    fn to_json(&self) -> serde_json::Result<Value> {
        let a = self.clone();
        let (kind, detail) = (a.detail.kind(), detail_to_json(&a.detail)?);
        serde_json::to_value(move_common!(ActivityJson from a, kind: kind, detail: detail))
    }

    fn from_json(value: &Value) -> serde_json::Result<Self> {
        let a = ActivityJson::deserialize(value)?;
        let detail = detail_from_json(a.kind, &a.detail)?;
        Ok(move_common!(Activity from a, detail: detail))
    }
}

/// The kind-specific fields as JSON: core's JSON of the kind's struct, `{}`
/// for the kinds without fields, `{"subtype": …}` for `other`.
pub(crate) fn detail_to_json(detail: &ActivityDetail) -> serde_json::Result<Value> {
    use serde_json::to_value;
    match detail {
        ActivityDetail::Proposal(x) => to_value(x),
        ActivityDetail::OpinionReport(x) => to_value(x),
        ActivityDetail::Meeting(x) => to_value(x),
        ActivityDetail::Training(x) => to_value(x),
        ActivityDetail::Research(x) => to_value(x),
        ActivityDetail::Liaison(x) => to_value(x),
        ActivityDetail::Volunteering(x) => to_value(x),
        ActivityDetail::Donation(x) => to_value(x),
        ActivityDetail::Award | ActivityDetail::Violation | ActivityDetail::DutyReport => Ok(json!({})),
        ActivityDetail::Other { subtype } => Ok(json!({ "subtype": subtype })),
    }
}

/// The detail of an activity of `kind` from [`detail_to_json`]'s form.
pub(crate) fn detail_from_json(kind: ActivityKind, v: &Value) -> serde_json::Result<ActivityDetail> {
    use serde::Deserialize as D;
    #[derive(Deserialize)]
    struct Other {
        subtype: String,
    }
    Ok(match kind {
        ActivityKind::Proposal => ActivityDetail::Proposal(D::deserialize(v)?),
        ActivityKind::OpinionReport => ActivityDetail::OpinionReport(D::deserialize(v)?),
        ActivityKind::Meeting => ActivityDetail::Meeting(D::deserialize(v)?),
        ActivityKind::Training => ActivityDetail::Training(D::deserialize(v)?),
        ActivityKind::Research => ActivityDetail::Research(D::deserialize(v)?),
        ActivityKind::Liaison => ActivityDetail::Liaison(D::deserialize(v)?),
        ActivityKind::Volunteering => ActivityDetail::Volunteering(D::deserialize(v)?),
        ActivityKind::Donation => ActivityDetail::Donation(D::deserialize(v)?),
        ActivityKind::Award => ActivityDetail::Award,
        ActivityKind::Violation => ActivityDetail::Violation,
        ActivityKind::DutyReport => ActivityDetail::DutyReport,
        ActivityKind::Other => ActivityDetail::Other { subtype: Other::deserialize(v)?.subtype },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::{Meeting, MeetingKind};

    #[test]
    fn a_meeting_reads_back_though_core_json_repeats_kind() {
        let a = Activity::new(
            "H1",
            "全体会议",
            NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
            Level::County,
            ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(4) }),
        );
        // Core's flat JSON names `kind` twice and does not read back …
        let flat = serde_json::to_string(&a).unwrap();
        assert!(serde_json::from_str::<Activity>(&flat).is_err(), "core fixed? {flat}");
        // … the store's nested form does.
        let v = a.to_json().unwrap();
        assert_eq!(v["kind"], "meeting");
        assert_eq!(v["detail"]["kind"], "plenary");
        assert_eq!(Activity::from_json(&v).unwrap(), a);
    }
}
