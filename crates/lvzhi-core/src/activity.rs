//! Duty activities (履职活动): each kind with its own typed fields.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::committee::{Functions, Level};
use crate::vocab::vocab;

crate::ids::text_id! {
    /// An activity's id, unique within a ledger.
    ActivityId
}

vocab! {
    /// The kind of a duty activity; each has its own detail type.
    pub enum ActivityKind as "activity kind" {
        /// 提案
        Proposal = "proposal", "提案";
        /// 社情民意信息
        OpinionReport = "opinion_report", "社情民意信息", "社情民意", "信息";
        /// 会议与协商
        Meeting = "meeting", "会议", "会议协商", "协商";
        /// 学习培训
        Training = "training", "学习培训", "培训", "学习";
        /// 调研 / 视察 / 考察 / 民主监督 / 民主评议
        Research = "research", "调研视察", "调研", "视察", "考察";
        /// 委员工作室 / 联络站 / 联系群众
        Liaison = "liaison", "联络服务", "联络", "委员工作室", "联系群众";
        /// 志愿服务 / 公益活动
        Volunteering = "volunteering", "志愿服务", "公益活动", "公益";
        /// 捐款捐物
        Donation = "donation", "捐款捐物", "捐赠", "捐款";
        /// 表彰奖励
        Award = "award", "表彰奖励", "表彰", "奖励";
        /// 违纪违规
        Violation = "violation", "违纪违规", "违纪";
        /// 年度履职报告 / 述职报告 submitted by the member
        DutyReport = "duty_report", "履职报告", "述职报告", "年度履职报告";
        /// 其他履职 (文史资料征集, 纪念活动, 宣传报道 …)
        Other = "other", "其他";
    }
}

vocab! {
    /// Who wrote a proposal.
    pub enum ProposalForm as "proposal form" {
        /// 个人提案
        Individual = "individual", "个人", "个人提案";
        /// 联名提案: one lead, co-signers
        Joint = "joint", "联名", "联名提案";
        /// 集体提案: a party group, sector, people's organisation or special committee
        Collective = "collective", "集体", "集体提案";
    }
}

vocab! {
    /// Where a proposal stands in its lifecycle. Ordered along the lifecycle
    /// for the filed path; `NotFiled`, `Merged` and `ReferredAsOpinion` are
    /// end states beside it.
    pub enum ProposalStatus as "proposal status" {
        /// 提交
        Submitted = "submitted", "提交", "已提交", "审查";
        /// 不予立案
        NotFiled = "not_filed", "不予立案", "不立案";
        /// 并案
        Merged = "merged", "并案", "并案处理";
        /// 转为意见建议
        ReferredAsOpinion = "referred_as_opinion", "转为意见建议", "转意见建议";
        /// 立案
        Filed = "filed", "立案", "已立案";
        /// 交办
        Assigned = "assigned", "交办", "已交办";
        /// 办理
        Handled = "handled", "办理", "办理中";
        /// 答复
        Replied = "replied", "答复", "已答复";
        /// 办结
        Closed = "closed", "办结", "已办结";
    }
}

impl ProposalStatus {
    /// 立案: filed, whatever happened after.
    pub fn is_filed(self) -> bool {
        self >= ProposalStatus::Filed
    }

    /// The handling units have answered.
    pub fn is_replied(self) -> bool {
        self >= ProposalStatus::Replied
    }

    /// Handling units have been assigned.
    pub fn is_assigned(self) -> bool {
        self >= ProposalStatus::Assigned
    }
}

vocab! {
    /// When a proposal was submitted.
    pub enum ProposalSession as "proposal session" {
        /// 大会提案: at the plenary
        Plenary = "plenary", "大会", "大会提案", "大会期间";
        /// 平时提案: between sessions
        BetweenSessions = "between_sessions", "平时", "平时提案", "闭会期间";
    }
}

vocab! {
    /// How a handling unit's reply classifies the proposal.
    pub enum ReplyCategory as "reply category" {
        /// A 解决采纳: solved or adopted
        Solved = "solved", "解决采纳", "A", "已解决", "采纳";
        /// B 正在解决: being solved
        InProgress = "in_progress", "正在解决", "B";
        /// B 列入计划: planned
        Planned = "planned", "列入计划", "计划解决";
        /// C 留作参考: kept for reference
        ForReference = "for_reference", "留作参考", "C", "参考";
        /// D 因条件限制无法解决: cannot be solved
        NotPossible = "not_possible", "无法解决", "D", "暂不能解决";
    }
}

vocab! {
    /// The proposer's rating of the handling.
    pub enum Satisfaction as "satisfaction" {
        /// 满意
        Satisfied = "satisfied", "满意";
        /// 基本满意
        BasicallySatisfied = "basically_satisfied", "基本满意";
        /// 不满意 (handled again)
        Unsatisfied = "unsatisfied", "不满意";
    }
}

vocab! {
    /// A handling unit's part in handling a proposal.
    pub enum HandlingRole as "handling role" {
        /// 主办
        Lead = "lead", "主办";
        /// 会办 / 协办
        Co = "co", "会办", "协办";
        /// 分办
        Separate = "separate", "分办";
    }
}

vocab! {
    /// A designation a proposal can carry.
    pub enum Designation as "designation" {
        /// 重点提案
        Key = "key", "重点提案", "重点";
        /// 优秀提案
        Excellent = "excellent", "优秀提案", "优秀";
    }
}

/// The designations a proposal carries.
pub type Designations = crate::vocab::Set<Designation>;

/// A unit (government department …) handling a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandlingUnit {
    /// The unit's name.
    pub name: String,
    /// 主办, 会办 or 分办.
    pub role: HandlingRole,
}

/// 提案
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// The number the proposal office gave it (案号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Individual, joint or collective.
    #[serde(rename = "subtype", alias = "form")]
    pub form: ProposalForm,
    /// For a collective proposal: the body that submitted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collective_body: Option<String>,
    /// Lifecycle status.
    pub status: ProposalStatus,
    /// At the plenary or between sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<ProposalSession>,
    /// Units assigned to handle it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handling_units: Vec<HandlingUnit>,
    /// The reply's category, once replied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_category: Option<ReplyCategory>,
    /// The proposer's rating, once replied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Satisfaction>,
    /// Key / excellent.
    #[serde(default)]
    pub designations: Designations,
    /// Forwarded to a higher committee (e.g. to the provincial or national committee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarded_to: Option<Level>,
}

vocab! {
    /// Whether a report was adopted on its own or merged into a digest.
    pub enum AdoptionMode as "adoption mode" {
        /// 单篇采用
        Single = "single", "单篇采用", "单篇";
        /// 综合采用
        Digest = "digest", "综合采用", "综合";
    }
}

/// 社情民意信息
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OpinionReport {
    /// Levels of the bodies that adopted it (采用), lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adopted_by: Vec<Level>,
    /// Alone or in a digest, when adopted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adoption_mode: Option<AdoptionMode>,
    /// Levels of the leaders who gave instructions on it (批示), lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instructed_by: Vec<Level>,
    /// Written on commission (约稿) of a higher body.
    #[serde(default)]
    pub commissioned: bool,
    /// Feedback given to the author (反馈).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

impl OpinionReport {
    /// The highest level that adopted it.
    pub fn highest_adoption(&self) -> Option<Level> {
        self.adopted_by.iter().copied().max()
    }
    /// The highest level of leader who gave an instruction.
    pub fn highest_instruction(&self) -> Option<Level> {
        self.instructed_by.iter().copied().max()
    }
}

vocab! {
    /// The kind of meeting or consultation.
    pub enum MeetingKind as "meeting kind" {
        /// 全体会议
        Plenary = "plenary", "全体会议", "全会", "大会";
        /// 常委会会议
        StandingCommittee = "standing_committee", "常委会会议", "常委会", "常委会议";
        /// 专题议政性常委会
        ThematicStanding = "thematic_standing", "专题议政性常委会", "专题议政常委会", "专题议政会";
        /// 专题协商会
        ThematicConsultation = "thematic_consultation", "专题协商会", "专题协商";
        /// 对口协商
        Counterpart = "counterpart", "对口协商", "对口协商会";
        /// 界别协商
        Sector = "sector", "界别协商", "界别活动";
        /// 提案办理协商
        ProposalHandling = "proposal_handling", "提案办理协商", "提案办理协商会";
        /// 协商座谈会
        Forum = "forum", "协商座谈会", "座谈会", "座谈";
        /// 网络议政 / 远程协商
        Online = "online", "网络议政", "远程协商";
        /// 小微协商 / 有事好商量
        Micro = "micro", "小微协商", "有事好商量";
        /// 主席会议
        Chairs = "chairs", "主席会议";
        /// 专委会 or liaison group meeting
        SpecialCommittee = "special_committee", "专委会会议", "专委会活动";
        /// 其他会议
        Other = "other", "其他会议", "其他";
    }
}

/// 会议与协商
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Plenary, standing committee …
    #[serde(rename = "subtype")]
    pub kind: MeetingKind,
    /// How many half-days the meeting lasted, where the office records it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_days: Option<u8>,
}

vocab! {
    /// The kind of training.
    pub enum TrainingKind as "training kind" {
        /// 新委员培训
        Induction = "induction", "新委员培训", "履职培训";
        /// 日常培训
        Routine = "routine", "日常培训", "日常学习";
        /// 专题培训 (including off-site concentrated training 外出集中学习培训)
        Thematic = "thematic", "专题培训", "集中培训", "外出集中学习培训";
        /// 读书活动
        Reading = "reading", "读书活动", "委员读书";
        /// 委员讲堂
        Lecture = "lecture", "委员讲堂", "讲座";
    }
}

/// 学习培训
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    /// Induction, routine …
    #[serde(rename = "subtype")]
    pub kind: TrainingKind,
    /// Length in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Decimal>,
    /// Held away from the committee's seat (外出).
    #[serde(default)]
    pub off_site: bool,
}

vocab! {
    /// Research, inspection and similar fact-finding work.
    pub enum ResearchKind as "research kind" {
        /// 调研
        Research = "research", "调研";
        /// 视察
        Inspection = "inspection", "视察";
        /// 考察
        StudyVisit = "study_visit", "考察";
        /// 民主监督 (专项监督, 监督员)
        Supervision = "supervision", "民主监督", "专项监督";
        /// 民主评议
        Appraisal = "appraisal", "民主评议";
    }
}

/// 调研 / 视察 / 考察
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Research {
    /// Research, inspection …
    #[serde(rename = "subtype")]
    pub kind: ResearchKind,
    /// A report (调研报告) came of it.
    #[serde(default)]
    pub report_produced: bool,
}

vocab! {
    /// Liaison and studio work.
    pub enum LiaisonKind as "liaison kind" {
        /// 委员工作室 duty day
        Studio = "studio", "委员工作室", "工作室";
        /// 委员联络站 duty day
        Station = "station", "委员联络站", "联络站";
        /// 联系界别群众
        SectorLiaison = "sector_liaison", "联系界别群众", "联系群众";
        /// 民主监督岗 / 特约监督员 duty
        SupervisionPost = "supervision_post", "民主监督岗", "特约监督员";
    }
}

/// 委员工作室, 联络站, 联系群众
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Liaison {
    /// Studio, station …
    #[serde(rename = "subtype")]
    pub kind: LiaisonKind,
    /// Hours on duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Decimal>,
}

/// 志愿服务 / 公益活动
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Volunteering {
    /// Hours of service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Decimal>,
}

/// 捐款捐物
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Donation {
    /// Amount in yuan (goods at their declared value).
    pub amount: Decimal,
    /// Goods rather than money (捐物).
    #[serde(default)]
    pub in_kind: bool,
}

/// The fields that depend on the activity's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ActivityDetail {
    /// 提案
    Proposal(Proposal),
    /// 社情民意信息
    OpinionReport(OpinionReport),
    /// 会议与协商
    Meeting(Meeting),
    /// 学习培训
    Training(Training),
    /// 调研视察
    Research(Research),
    /// 联络服务
    Liaison(Liaison),
    /// 志愿服务
    Volunteering(Volunteering),
    /// 捐款捐物
    Donation(Donation),
    /// 表彰奖励: the activity's level is the awarding body's.
    Award,
    /// 违纪违规
    Violation,
    /// 年度履职报告 submitted
    DutyReport,
    /// 其他履职, with the office's own subtype.
    Other {
        /// e.g. 文史资料征集, 纪念活动, 宣传报道.
        subtype: String,
    },
}

impl ActivityDetail {
    /// The kind this detail belongs to.
    pub fn kind(&self) -> ActivityKind {
        match self {
            ActivityDetail::Proposal(_) => ActivityKind::Proposal,
            ActivityDetail::OpinionReport(_) => ActivityKind::OpinionReport,
            ActivityDetail::Meeting(_) => ActivityKind::Meeting,
            ActivityDetail::Training(_) => ActivityKind::Training,
            ActivityDetail::Research(_) => ActivityKind::Research,
            ActivityDetail::Liaison(_) => ActivityKind::Liaison,
            ActivityDetail::Volunteering(_) => ActivityKind::Volunteering,
            ActivityDetail::Donation(_) => ActivityKind::Donation,
            ActivityDetail::Award => ActivityKind::Award,
            ActivityDetail::Violation => ActivityKind::Violation,
            ActivityDetail::DutyReport => ActivityKind::DutyReport,
            ActivityDetail::Other { .. } => ActivityKind::Other,
        }
    }

    /// The kind-specific subtype as a code (proposal form, meeting kind,
    /// training kind, research kind, liaison kind, or the office's own
    /// subtype for `Other`); what rule files match on as `subtype`.
    pub fn subtype(&self) -> Option<&str> {
        match self {
            ActivityDetail::Proposal(p) => Some(p.form.code()),
            ActivityDetail::Meeting(m) => Some(m.kind.code()),
            ActivityDetail::Training(t) => Some(t.kind.code()),
            ActivityDetail::Research(r) => Some(r.kind.code()),
            ActivityDetail::Liaison(l) => Some(l.kind.code()),
            ActivityDetail::Donation(d) => Some(if d.in_kind { "in_kind" } else { "money" }),
            ActivityDetail::Other { subtype } => Some(subtype),
            _ => None,
        }
    }

    /// Hours, for the kinds that record them.
    pub fn hours(&self) -> Option<Decimal> {
        match self {
            ActivityDetail::Training(t) => t.hours,
            ActivityDetail::Liaison(l) => l.hours,
            ActivityDetail::Volunteering(v) => v.hours,
            _ => None,
        }
    }

    /// Amount in yuan, for donations.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            ActivityDetail::Donation(d) => Some(d.amount),
            _ => None,
        }
    }
}

/// A duty activity: what happened, when, at which level, serving which
/// functions. Who took part is recorded in participations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Unique id.
    pub id: ActivityId,
    /// Title or topic.
    pub title: String,
    /// The day it happened (or was submitted).
    pub date: NaiveDate,
    /// The last day, for activities over several days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
    /// The level of the committee that organised or received it.
    pub level: Level,
    /// The functions it serves.
    #[serde(default)]
    pub functions: Functions,
    /// Who organised it (谁组织谁记录): the office, a special committee …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer: Option<String>,
    /// Another activity this one derives from (a proposal converted into a
    /// public-opinion report): methods that forbid double counting score the
    /// pair once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_to: Option<ActivityId>,
    /// The kind and its fields.
    #[serde(flatten)]
    pub detail: ActivityDetail,
}

impl Activity {
    /// An activity with no end date, functions, organiser or link.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        date: NaiveDate,
        level: Level,
        detail: ActivityDetail,
    ) -> Self {
        Activity {
            id: ActivityId::from(id.into()),
            title: title.into(),
            date,
            end_date: None,
            level,
            functions: Functions::NONE,
            organizer: None,
            linked_to: None,
            detail,
        }
    }

    /// The activity's kind.
    pub fn kind(&self) -> ActivityKind {
        self.detail.kind()
    }

    /// The last day of the activity.
    pub fn last_day(&self) -> NaiveDate {
        self.end_date.unwrap_or(self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_predicates() {
        assert!(ProposalStatus::Closed.is_filed());
        assert!(ProposalStatus::Filed.is_filed());
        assert!(!ProposalStatus::Merged.is_filed());
        assert!(!ProposalStatus::NotFiled.is_filed());
        assert!(!ProposalStatus::Submitted.is_filed());
        assert!(ProposalStatus::Replied.is_replied());
        assert!(!ProposalStatus::Handled.is_replied());
        assert_eq!("立案".parse::<ProposalStatus>().unwrap(), ProposalStatus::Filed);
        assert_eq!("A".parse::<ReplyCategory>().unwrap(), ReplyCategory::Solved);
    }

    #[test]
    fn every_kind_round_trips_through_json() {
        let day = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let details = [
            ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(4) }),
            ActivityDetail::Training(Training {
                kind: TrainingKind::Reading,
                hours: Some(Decimal::new(15, 1)),
                off_site: true,
            }),
            ActivityDetail::Research(Research { kind: ResearchKind::Inspection, report_produced: true }),
            ActivityDetail::Liaison(Liaison { kind: LiaisonKind::Studio, hours: None }),
            ActivityDetail::Volunteering(Volunteering { hours: Some(Decimal::new(3, 0)) }),
            ActivityDetail::Donation(Donation { amount: Decimal::new(123456, 2), in_kind: false }),
            ActivityDetail::OpinionReport(OpinionReport {
                adopted_by: vec![Level::City, Level::Provincial],
                adoption_mode: Some(AdoptionMode::Digest),
                instructed_by: vec![Level::City],
                commissioned: true,
                feedback: Some("已转有关部门".into()),
            }),
            ActivityDetail::Award,
            ActivityDetail::Violation,
            ActivityDetail::DutyReport,
            ActivityDetail::Other { subtype: "文史资料征集".into() },
        ];
        for detail in details {
            let a = Activity::new("X", "标题", day, Level::County, detail);
            let json = serde_json::to_string(&a).unwrap();
            let back: Activity = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(back, a, "{json}");
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            // A donation's subtype is derived from `in_kind`, not stored.
            if a.kind() != ActivityKind::Donation {
                assert_eq!(value["subtype"].as_str(), a.detail.subtype(), "{json}");
            }
        }
    }

    #[test]
    fn activity_json_is_flat_with_kind_tag() {
        let a = Activity::new(
            "A1",
            "关于加强农村养老服务的提案",
            NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
            Level::County,
            ActivityDetail::Proposal(Proposal {
                number: Some("20240001".into()),
                form: ProposalForm::Joint,
                collective_body: None,
                status: ProposalStatus::Replied,
                session: Some(ProposalSession::Plenary),
                handling_units: vec![HandlingUnit { name: "民政局".into(), role: HandlingRole::Lead }],
                reply_category: Some(ReplyCategory::Solved),
                satisfaction: Some(Satisfaction::Satisfied),
                designations: [Designation::Key].into_iter().collect(),
                forwarded_to: None,
            }),
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["kind"], "proposal");
        assert_eq!(json["status"], "replied");
        assert_eq!(json["subtype"], "joint");
        assert_eq!(json["designations"][0], "key");
        let back: Activity = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.detail.subtype(), Some("joint"));
    }
}
