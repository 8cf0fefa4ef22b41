//! The JSON form of each kind of stored record, as the history keeps it:
//! core's serde form, so history entries read like the JSON files lvzhi
//! writes. The `activities` table also keeps each activity's kind-specific
//! fields apart, in its `detail` column ([`detail_to_json`]).

use lvzhi_core::{Activity, ActivityDetail, ActivityKind, Committee, Member, ParticipationRecord};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::rules::StoredRuleSet;

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
serde_record!(Member, Activity, ParticipationRecord, Committee, StoredRuleSet);

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
    use chrono::NaiveDate;
    use lvzhi_core::{Level, Meeting, MeetingKind};

    #[test]
    fn a_meeting_reads_back_from_history_json() {
        let a = Activity::new(
            "H1",
            "全体会议",
            NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
            Level::County,
            ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(4) }),
        );
        let v = a.to_json().unwrap();
        assert_eq!(v["kind"], "meeting");
        assert_eq!(v["subtype"], "plenary");
        assert_eq!(Activity::from_json(&v).unwrap(), a);
        let detail = detail_to_json(&a.detail).unwrap();
        assert_eq!(detail_from_json(ActivityKind::Meeting, &detail).unwrap(), a.detail);
    }
}
