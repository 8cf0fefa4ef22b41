//! The shape of a rule file as serde reads it. Every table denies unknown
//! keys; values that need checking beyond their type keep their position
//! (`Spanned`) so that errors can name line and column.

use std::collections::BTreeMap;

use lvzhi_core::{
    ActivityKind, AdoptionMode, Attendance, Designation, Function, Level, ParticipantRole, ProposalSession,
    ProposalStatus, ReplyCategory, Role, Satisfaction, Speech,
};
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned as S;

use crate::vocab::{Cohort, GroupPer, LadderOn, List, Over, Per, PeriodLength, SplitMode};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    pub method: RawMethod,
    #[serde(default)]
    pub category: Vec<RawCategory>,
    #[serde(default)]
    pub group: Vec<RawGroup>,
    #[serde(default)]
    pub item: Vec<RawItem>,
    #[serde(default)]
    pub requirement: Vec<RawRequirement>,
    #[serde(default)]
    pub flag: Vec<RawFlag>,
    #[serde(default)]
    pub grade: Vec<RawGrade>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMethod {
    pub id: S<String>,
    pub name: String,
    pub issuer: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub effective_from: Option<S<toml::Value>>,
    pub effective_to: Option<S<toml::Value>>,
    pub period: Option<PeriodLength>,
    pub base: Option<S<Decimal>>,
    pub max_total: Option<S<Decimal>>,
    pub floor: Option<S<Decimal>>,
    pub decimals: Option<S<u32>>,
    pub prorate: Option<bool>,
    pub score_linked_once: Option<bool>,
    pub cohorts: Option<List<Cohort>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCategory {
    pub id: S<String>,
    pub name: String,
    pub base: Option<S<Decimal>>,
    pub max: Option<S<Decimal>>,
    pub floor: Option<S<Decimal>>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGroup {
    pub id: S<String>,
    pub name: Option<String>,
    pub per: Option<GroupPer>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawItem {
    pub id: S<String>,
    pub name: String,
    pub category: S<String>,
    #[serde(rename = "match")]
    pub matcher: RawMatch,
    pub points: Option<S<Decimal>>,
    pub ladder: Option<S<BTreeMap<Level, Decimal>>>,
    pub ladder_on: Option<S<LadderOn>>,
    pub per: Option<S<Per>>,
    pub unit: Option<S<Decimal>>,
    pub split: Option<S<SplitMode>>,
    pub lead_share: Option<S<Decimal>>,
    pub max_credited: Option<S<u32>>,
    pub from_nth: Option<S<u32>>,
    pub max_count: Option<S<u32>>,
    pub cap: Option<S<Decimal>>,
    pub group: Option<S<String>>,
    pub note: Option<String>,
}

/// What an activity, a participation and a member must be for an item,
/// requirement or flag to count them. Every key is optional; lists mean
/// "any of".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMatch {
    // The activity.
    pub kind: Option<S<List<ActivityKind>>>,
    pub subtype: Option<S<List<String>>>,
    pub level: Option<S<List<Level>>>,
    pub level_at_least: Option<S<Level>>,
    pub function: Option<S<List<Function>>>,
    // Proposals.
    pub status: Option<S<List<ProposalStatus>>>,
    pub filed: Option<S<bool>>,
    pub designation: Option<S<List<Designation>>>,
    pub forwarded: Option<S<bool>>,
    pub forwarded_to: Option<S<List<Level>>>,
    pub forwarded_to_at_least: Option<S<Level>>,
    pub session: Option<S<List<ProposalSession>>>,
    pub reply_category: Option<S<List<ReplyCategory>>>,
    pub satisfaction: Option<S<List<Satisfaction>>>,
    // Public-opinion reports.
    pub adopted: Option<S<bool>>,
    pub adopted_by: Option<S<List<Level>>>,
    pub adopted_by_at_least: Option<S<Level>>,
    pub adoption_mode: Option<S<List<AdoptionMode>>>,
    pub instructed: Option<S<bool>>,
    pub instructed_by: Option<S<List<Level>>>,
    pub instructed_by_at_least: Option<S<Level>>,
    pub commissioned: Option<S<bool>>,
    // Research and training.
    pub report_produced: Option<S<bool>>,
    pub off_site: Option<S<bool>>,
    // The participation.
    pub role: Option<S<List<ParticipantRole>>>,
    pub attendance: Option<S<List<Attendance>>>,
    pub attended: Option<S<bool>>,
    pub speech: Option<S<List<Speech>>>,
    pub spoke: Option<S<bool>>,
    pub throughout: Option<S<bool>>,
    pub late: Option<S<bool>>,
    pub left_early: Option<S<bool>>,
    pub attended_fraction_at_least: Option<S<Decimal>>,
    pub attended_fraction_below: Option<S<Decimal>>,
    // The member.
    pub member_role: Option<S<List<Role>>>,
    pub standing: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMemberSelector {
    pub member_role: Option<S<List<Role>>>,
    pub standing: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRequirement {
    pub id: S<String>,
    pub name: String,
    #[serde(rename = "match")]
    pub matcher: RawMatch,
    pub min: Option<S<u32>>,
    pub applies_to: Option<RawMemberSelector>,
    pub prorate: Option<bool>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFlag {
    pub id: S<String>,
    pub name: String,
    pub consequence: Option<String>,
    pub note: Option<String>,
    pub count: Option<S<RawMatch>>,
    pub at_least: Option<S<u32>>,
    pub below: Option<S<u32>>,
    pub over: Option<S<Over>>,
    pub at_term_end: Option<S<bool>>,
    pub total_below: Option<S<Decimal>>,
    pub grade: Option<S<List<String>>>,
    pub unmet: Option<S<List<String>>>,
    pub consecutive: Option<S<u32>>,
    pub times: Option<S<u32>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGrade {
    pub id: S<String>,
    pub name: String,
    pub min: Option<S<Decimal>>,
    pub below: Option<S<Decimal>>,
    pub quota_percent: Option<S<Decimal>>,
    pub requires: Option<S<List<String>>>,
    pub unless_flags: Option<S<List<String>>>,
    pub note: Option<String>,
}
