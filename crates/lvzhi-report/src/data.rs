//! The facts of one member's report, gathered from the ledger.
//!
//! [`gather`] is pure: it reads the ledger and returns a [`ReportData`] that
//! serialises to JSON and is all a template sees. Personal data (phone, ID
//! number) is never copied into it.

use chrono::{Datelike, NaiveDate};
use lvzhi_core::{
    Activity, ActivityDetail, ActivityKind, Attendance, Ledger, Member, MemberIx, ParticipantRole,
    Participation, Speech,
};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::score::ScoreSection;
use crate::text::{chinese_number, clean};

pub use lvzhi_core::Period;

/// "2024年度" for a calendar year, else "2024年1月1日至2024年6月30日".
pub fn period_label(period: Period) -> String {
    match period.whole_year() {
        Some(y) => format!("{y}年度"),
        None => format!("{}至{}", chinese_date(period.start), chinese_date(period.end)),
    }
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A vocabulary value as both its stable code (for template logic) and its
/// Chinese label (for printing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coded {
    /// Stable English code, e.g. `excused`.
    pub code: String,
    /// Chinese label, e.g. `请假`.
    pub label: String,
}

impl Coded {
    fn of<V: lvzhi_core::Vocabulary>(v: V) -> Coded {
        Coded { code: v.code().to_string(), label: v.label().to_string() }
    }

    /// A participant role, worded for the kind of activity: 领衔 a
    /// proposal but 牵头 a research group, 参加 rather than 参加人.
    fn role(role: ParticipantRole, kind: ActivityKind) -> Coded {
        use ParticipantRole as R;
        let label = match (role, kind) {
            (R::Lead, ActivityKind::Proposal) => "领衔",
            (R::Lead, _) => "牵头",
            (R::Cosigner, _) => "联名",
            (R::Author, _) => "作者",
            (R::Coauthor, _) => "合作者",
            (R::Speaker, _) => "发言",
            (R::Attendee | R::Participant, _) => "参加",
            (R::Organizer, _) => "组织",
        };
        Coded { code: role.code().to_string(), label: label.to_string() }
    }
}

/// Everything a report template sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportData {
    /// The committee.
    pub committee: CommitteeInfo,
    /// The period covered.
    pub period: PeriodInfo,
    /// The date printed as the report's date, when the caller gives one
    /// (never the clock: output stays reproducible).
    pub generated_on: Option<NaiveDate>,
    /// The member's profile, without personal data.
    pub member: MemberInfo,
    /// Meetings and consultations, with attendance.
    pub meetings: Meetings,
    /// Speeches given at meetings and elsewhere.
    pub speeches: Vec<SpeechLine>,
    /// Proposals led or co-signed.
    pub proposals: Proposals,
    /// Public-opinion reports written.
    pub opinion_reports: OpinionReports,
    /// Research, inspections, study visits, supervision.
    pub research: ResearchWork,
    /// Training, with hours.
    pub training: TrainingWork,
    /// Studio, station and liaison work.
    pub liaison: HoursWork,
    /// Volunteering and public-welfare work.
    pub volunteering: HoursWork,
    /// Donations.
    pub donations: Donations,
    /// Awards and commendations.
    pub awards: Vec<SimpleLine>,
    /// Recorded violations.
    pub violations: Vec<SimpleLine>,
    /// Other duty work (and duty reports submitted).
    pub other_work: Vec<SimpleLine>,
    /// The score, when a rule set was applied.
    pub score: Option<ScoreSection>,
    /// The sections the member writes, in order.
    pub narrative: Vec<NarrativeSection>,
}

/// The committee in the report's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeInfo {
    /// Full name.
    pub name: String,
    /// County, city …
    pub level: Coded,
    /// The term's ordinal.
    pub term: u16,
    /// The term in Chinese, e.g. 第十四届.
    pub term_label: String,
}

/// The period in the report's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodInfo {
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// The year, when the period is one calendar year.
    pub year: Option<i32>,
    /// "2024年度" or the date range.
    pub label: String,
}

/// The member's profile. Phone and ID number are deliberately absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberInfo {
    /// 委员编号
    pub id: String,
    /// 姓名
    pub name: String,
    /// 性别
    pub gender: Option<Coded>,
    /// 民族
    pub ethnicity: Option<String>,
    /// 党派
    pub party: Option<String>,
    /// 界别
    pub sector: String,
    /// 专委会
    pub committee: Option<String>,
    /// 职务, highest first.
    pub roles: Vec<Coded>,
    /// The roles joined with "、".
    pub roles_label: String,
    /// 工作单位
    pub employer: Option<String>,
    /// 职务 at the employer.
    pub title: Option<String>,
    /// 联络组
    pub liaison_group: Option<String>,
    /// First day in office within the period.
    pub in_office_from: Option<NaiveDate>,
    /// Last day in office within the period.
    pub in_office_to: Option<NaiveDate>,
    /// In office for only part of the period (joined or left mid-way).
    pub part_period: bool,
}

/// Meetings and consultations the member was expected at or attended.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meetings {
    /// 出席
    pub present: u32,
    /// 请假
    pub excused: u32,
    /// 无故缺席
    pub unexcused: u32,
    /// 无需参加 (not counted in the rate)
    pub not_required: u32,
    /// present + excused + unexcused
    pub required: u32,
    /// present ÷ required × 100, rounded half away from zero to two places;
    /// `None` when no meeting was required.
    pub attendance_rate: Option<Decimal>,
    /// Counts by kind of meeting, in order of each kind's first meeting.
    pub by_kind: Vec<AttendanceByKind>,
    /// Every meeting, in date order.
    pub items: Vec<MeetingLine>,
}

/// Attendance at one kind of meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceByKind {
    /// The kind of meeting.
    pub kind: Coded,
    /// 出席
    pub present: u32,
    /// 请假
    pub excused: u32,
    /// 无故缺席
    pub unexcused: u32,
}

/// One meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Plenary, standing committee …
    pub kind: Coded,
    /// Present, excused … (`None` when not recorded).
    pub attendance: Option<Coded>,
    /// A speech given there.
    pub speech: Option<Coded>,
    /// Arrived late or left early.
    pub late_or_early: bool,
}

/// One speech.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeechLine {
    /// Date.
    pub date: NaiveDate,
    /// The meeting or activity.
    pub title: String,
    /// Oral at the plenary, written …
    pub kind: Coded,
}

/// Proposals the member led or co-signed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Proposals {
    /// All proposals.
    pub total: u32,
    /// Led (领衔), including individual proposals.
    pub led: u32,
    /// Co-signed (联名).
    pub cosigned: u32,
    /// Filed (立案) or further.
    pub filed: u32,
    /// Replied to.
    pub replied: u32,
    /// Designated key proposals.
    pub key: u32,
    /// Designated excellent proposals.
    pub excellent: u32,
    /// Every proposal, in date order.
    pub items: Vec<ProposalLine>,
}

/// One proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalLine {
    /// Date submitted.
    pub date: NaiveDate,
    /// 案号
    pub number: Option<String>,
    /// Title.
    pub title: String,
    /// Individual, joint, collective.
    pub form: Coded,
    /// The member's part: lead or co-signer.
    pub role: Coded,
    /// Lifecycle status.
    pub status: Coded,
    /// Filed or further.
    pub filed: bool,
    /// At the plenary or between sessions.
    pub session: Option<Coded>,
    /// Handling units as "name（主办）".
    pub handling_units: Vec<String>,
    /// The reply's category.
    pub reply_category: Option<Coded>,
    /// The proposer's rating.
    pub satisfaction: Option<Coded>,
    /// Key / excellent.
    pub designations: Vec<Coded>,
}

/// Public-opinion reports.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OpinionReports {
    /// Reports written or co-written.
    pub submitted: u32,
    /// Adopted by at least one body.
    pub adopted: u32,
    /// Instructed on by at least one leader.
    pub instructed: u32,
    /// adopted ÷ submitted × 100, two places; `None` when none submitted.
    pub adoption_rate: Option<Decimal>,
    /// Every report, in date order.
    pub items: Vec<OpinionLine>,
}

/// One public-opinion report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpinionLine {
    /// Date submitted.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Author or co-author.
    pub role: Coded,
    /// Levels that adopted it, lowest first.
    pub adopted_by: Vec<Coded>,
    /// Alone or in a digest.
    pub adoption_mode: Option<Coded>,
    /// Levels of the leaders who gave instructions, lowest first.
    pub instructed_by: Vec<Coded>,
    /// Written on commission.
    pub commissioned: bool,
}

/// Research, inspections, study visits and supervision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResearchWork {
    /// Activities taken part in.
    pub total: u32,
    /// Led (牵头).
    pub led: u32,
    /// Reports produced.
    pub reports: u32,
    /// Counts by kind, in order of each kind's first activity.
    pub by_kind: Vec<KindCount>,
    /// Every activity, in date order.
    pub items: Vec<ResearchLine>,
}

/// How many of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    /// The kind.
    pub kind: Coded,
    /// How many.
    pub count: u32,
}

/// One research activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchLine {
    /// First day.
    pub date: NaiveDate,
    /// Last day, for several days.
    pub end_date: Option<NaiveDate>,
    /// Title.
    pub title: String,
    /// Research, inspection …
    pub kind: Coded,
    /// Lead or participant.
    pub role: Coded,
    /// A report came of it.
    pub report_produced: bool,
}

/// Training.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrainingWork {
    /// Sessions attended (present or attendance not recorded).
    pub attended: u32,
    /// Sessions excused.
    pub excused: u32,
    /// Sessions missed without leave.
    pub unexcused: u32,
    /// Hours of the sessions attended.
    pub hours: Decimal,
    /// Every session, in date order.
    pub items: Vec<TrainingLine>,
}

/// One training session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingLine {
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Induction, routine …
    pub kind: Coded,
    /// Present, excused … (`None` when not recorded).
    pub attendance: Option<Coded>,
    /// Hours of the session.
    pub hours: Option<Decimal>,
}

/// Work counted in sessions and hours (liaison, volunteering).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HoursWork {
    /// Activities taken part in.
    pub count: u32,
    /// Hours, summed over those that record them.
    pub hours: Decimal,
    /// Every activity, in date order.
    pub items: Vec<HoursLine>,
}

/// One liaison or volunteering activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursLine {
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Studio, station … (`None` for volunteering).
    pub kind: Option<Coded>,
    /// The member's part.
    pub role: Coded,
    /// Hours.
    pub hours: Option<Decimal>,
}

/// Donations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Donations {
    /// Number of donations.
    pub count: u32,
    /// Sum in yuan, money and goods at declared value, two places.
    pub total: Decimal,
    /// Every donation, in date order.
    pub items: Vec<DonationLine>,
}

/// One donation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DonationLine {
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Yuan, two places.
    pub amount: Decimal,
    /// Goods rather than money.
    pub in_kind: bool,
}

/// An award, violation or other work: date, title, level, a detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimpleLine {
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// The level of the body concerned.
    pub level: Coded,
    /// The office's subtype, for other work.
    pub detail: Option<String>,
}

/// A section the member writes: printed as a marked place to fill in, or
/// with the text when one is given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativeSection {
    /// Stable key: `self_assessment`, `shortcomings`, `plans`.
    pub key: String,
    /// The heading printed.
    pub heading: String,
    /// What the member wrote, if already known.
    pub text: Option<String>,
    /// The hint printed in the empty place.
    pub placeholder: String,
}

/// The default narrative sections: 自我评价, 存在不足, 下一年打算.
pub fn default_narrative() -> Vec<NarrativeSection> {
    [
        ("self_assessment", "自我评价", "（请委员本人填写：本年度履职的主要成效和体会。）"),
        ("shortcomings", "存在不足", "（请委员本人填写：履职中存在的不足。）"),
        ("plans", "下一年打算", "（请委员本人填写：下一年度的履职计划和打算。）"),
    ]
    .into_iter()
    .map(|(key, heading, placeholder)| NarrativeSection {
        key: key.to_string(),
        heading: heading.to_string(),
        text: None,
        placeholder: placeholder.to_string(),
    })
    .collect()
}

/// Percentage `part ÷ whole × 100` rounded half away from zero to two
/// places, trailing zeros removed; `None` when `whole` is zero.
pub fn percentage(part: u32, whole: u32) -> Option<Decimal> {
    (whole > 0).then(|| {
        (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .normalize()
    })
}

fn money(d: Decimal) -> Decimal {
    let mut d = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    d.rescale(2);
    d
}

fn absent(p: &Participation) -> bool {
    matches!(p.attendance, Some(Attendance::Excused | Attendance::Unexcused | Attendance::NotRequired))
}

/// Gathers the facts of `member`'s report over `period` from `ledger`.
///
/// Activities count when their (first) date falls within the period. Text
/// from the ledger is cleaned of control characters; nothing is escaped here
/// (escaping belongs to each output format).
///
/// # Panics
/// When `member` is not an index of `ledger` (see
/// [`render_member`](crate::render_member), which checks).
pub fn gather(ledger: &Ledger, member: MemberIx, period: Period, score: Option<ScoreSection>) -> ReportData {
    let m = ledger.member(member);
    let c = ledger.committee();
    let mut data = ReportData {
        committee: CommitteeInfo {
            name: clean(&c.name),
            level: Coded::of(c.level),
            term: c.term.number,
            term_label: format!("第{}届", chinese_number(u32::from(c.term.number))),
        },
        period: PeriodInfo {
            start: period.start,
            end: period.end,
            year: period.whole_year(),
            label: period_label(period),
        },
        generated_on: None,
        member: member_info(m, period),
        meetings: Meetings::default(),
        speeches: Vec::new(),
        proposals: Proposals::default(),
        opinion_reports: OpinionReports::default(),
        research: ResearchWork::default(),
        training: TrainingWork::default(),
        liaison: HoursWork::default(),
        volunteering: HoursWork::default(),
        donations: Donations::default(),
        awards: Vec::new(),
        violations: Vec::new(),
        other_work: Vec::new(),
        score,
        narrative: default_narrative(),
    };
    for p in ledger.participations_of(member) {
        let a = ledger.activity(p.activity);
        if period.contains(a.date) {
            data.add(a, p);
        }
    }
    data.finish();
    data
}

fn member_info(m: &Member, period: Period) -> MemberInfo {
    let window = m.days_in_office(period.start, period.end);
    let roles: Vec<Coded> = m.roles.iter().map(Coded::of).collect();
    let opt = |s: Option<&str>| s.map(clean);
    MemberInfo {
        id: clean(&m.id.0),
        name: clean(&m.name),
        gender: m.gender.map(Coded::of),
        ethnicity: opt(m.ethnicity.as_deref()),
        party: opt(m.party.as_deref()),
        sector: clean(&m.sector),
        committee: opt(m.committee.as_deref()),
        roles_label: roles.iter().map(|r| r.label.as_str()).collect::<Vec<_>>().join("、"),
        roles,
        employer: opt(m.employer.as_deref()),
        title: opt(m.title.as_deref()),
        liaison_group: opt(m.liaison_group.as_deref()),
        in_office_from: window.map(|w| w.0),
        in_office_to: window.map(|w| w.1),
        part_period: window != Some((period.start, period.end)),
    }
}

impl ReportData {
    /// Sets the date printed on the report.
    pub fn with_generated_on(mut self, date: Option<NaiveDate>) -> Self {
        self.generated_on = date;
        self
    }

    fn add(&mut self, a: &Activity, p: &Participation) {
        let title = clean(&a.title);
        let speech = p
            .speech
            .map(Coded::of)
            .or_else(|| (p.role == ParticipantRole::Speaker).then(|| Coded::of(Speech::Other)));
        if let Some(kind) = &speech {
            self.speeches.push(SpeechLine { date: a.date, title: title.clone(), kind: kind.clone() });
        }
        match &a.detail {
            ActivityDetail::Meeting(meeting) => {
                match p.attendance {
                    Some(Attendance::Present) => self.meetings.present += 1,
                    Some(Attendance::Excused) => self.meetings.excused += 1,
                    Some(Attendance::Unexcused) => self.meetings.unexcused += 1,
                    Some(Attendance::NotRequired) => self.meetings.not_required += 1,
                    None => {}
                }
                self.meetings.items.push(MeetingLine {
                    date: a.date,
                    title,
                    kind: Coded::of(meeting.kind),
                    attendance: p.attendance.map(Coded::of),
                    speech,
                    late_or_early: p.late || p.left_early,
                });
            }
            ActivityDetail::Proposal(pr) => {
                let w = &mut self.proposals;
                w.total += 1;
                if p.role == ParticipantRole::Lead {
                    w.led += 1;
                } else {
                    w.cosigned += 1;
                }
                w.filed += u32::from(pr.status.is_filed());
                w.replied += u32::from(pr.status.is_replied());
                w.key += u32::from(pr.designations.contains(lvzhi_core::Designation::Key));
                w.excellent += u32::from(pr.designations.contains(lvzhi_core::Designation::Excellent));
                w.items.push(ProposalLine {
                    date: a.date,
                    number: pr.number.as_deref().map(clean),
                    title,
                    form: Coded::of(pr.form),
                    role: Coded::role(p.role, a.kind()),
                    status: Coded::of(pr.status),
                    filed: pr.status.is_filed(),
                    session: pr.session.map(Coded::of),
                    handling_units: pr
                        .handling_units
                        .iter()
                        .map(|u| format!("{}（{}）", clean(&u.name), u.role.label()))
                        .collect(),
                    reply_category: pr.reply_category.map(Coded::of),
                    satisfaction: pr.satisfaction.map(Coded::of),
                    designations: pr.designations.iter().map(Coded::of).collect(),
                });
            }
            ActivityDetail::OpinionReport(r) => {
                let w = &mut self.opinion_reports;
                w.submitted += 1;
                w.adopted += u32::from(!r.adopted_by.is_empty());
                w.instructed += u32::from(!r.instructed_by.is_empty());
                w.items.push(OpinionLine {
                    date: a.date,
                    title,
                    role: Coded::role(p.role, a.kind()),
                    adopted_by: r.adopted_by.iter().copied().map(Coded::of).collect(),
                    adoption_mode: r.adoption_mode.map(Coded::of),
                    instructed_by: r.instructed_by.iter().copied().map(Coded::of).collect(),
                    commissioned: r.commissioned,
                });
            }
            ActivityDetail::Training(t) => {
                let w = &mut self.training;
                match p.attendance {
                    Some(Attendance::Excused) => w.excused += 1,
                    Some(Attendance::Unexcused) => w.unexcused += 1,
                    Some(Attendance::NotRequired) => {}
                    Some(Attendance::Present) | None => {
                        w.attended += 1;
                        w.hours += t.hours.unwrap_or_default();
                    }
                }
                w.items.push(TrainingLine {
                    date: a.date,
                    title,
                    kind: Coded::of(t.kind),
                    attendance: p.attendance.map(Coded::of),
                    hours: t.hours.map(|h| h.normalize()),
                });
            }
            _ if absent(p) => {}
            ActivityDetail::Research(r) => {
                let w = &mut self.research;
                w.total += 1;
                w.led += u32::from(p.role == ParticipantRole::Lead);
                w.reports += u32::from(r.report_produced);
                w.items.push(ResearchLine {
                    date: a.date,
                    end_date: a.end_date,
                    title,
                    kind: Coded::of(r.kind),
                    role: Coded::role(p.role, a.kind()),
                    report_produced: r.report_produced,
                });
            }
            ActivityDetail::Liaison(l) => {
                self.liaison.push(a, title, Some(Coded::of(l.kind)), p.role, l.hours);
            }
            ActivityDetail::Volunteering(v) => {
                self.volunteering.push(a, title, None, p.role, v.hours);
            }
            ActivityDetail::Donation(d) => {
                self.donations.count += 1;
                self.donations.total += d.amount;
                self.donations.items.push(DonationLine {
                    date: a.date,
                    title,
                    amount: money(d.amount),
                    in_kind: d.in_kind,
                });
            }
            ActivityDetail::Award => self.awards.push(simple(a, title, None)),
            ActivityDetail::Violation => self.violations.push(simple(a, title, None)),
            ActivityDetail::DutyReport => {
                let detail = Some(ActivityKind::DutyReport.label().to_string());
                self.other_work.push(simple(a, title, detail));
            }
            ActivityDetail::Other { subtype } => self.other_work.push(simple(a, title, Some(clean(subtype)))),
        }
    }

    fn finish(&mut self) {
        let mt = &mut self.meetings;
        mt.required = mt.present + mt.excused + mt.unexcused;
        mt.attendance_rate = percentage(mt.present, mt.required);
        mt.by_kind = attendance_by_kind(&mt.items);
        let op = &mut self.opinion_reports;
        op.adoption_rate = percentage(op.adopted, op.submitted);
        self.research.by_kind = count_by_kind(self.research.items.iter().map(|r| &r.kind));
        self.training.hours = self.training.hours.normalize();
        self.liaison.hours = self.liaison.hours.normalize();
        self.volunteering.hours = self.volunteering.hours.normalize();
        self.donations.total = money(self.donations.total);
    }
}

impl HoursWork {
    fn push(
        &mut self,
        a: &Activity,
        title: String,
        kind: Option<Coded>,
        role: ParticipantRole,
        hours: Option<Decimal>,
    ) {
        self.count += 1;
        self.hours += hours.unwrap_or_default();
        self.items.push(HoursLine {
            date: a.date,
            title,
            kind,
            role: Coded::role(role, a.kind()),
            hours: hours.map(|h| h.normalize()),
        });
    }
}

fn simple(a: &Activity, title: String, detail: Option<String>) -> SimpleLine {
    SimpleLine { date: a.date, title, level: Coded::of(a.level), detail }
}

/// Counts per kind, in the order each kind first appears (items are in date order).
fn count_by_kind<'a>(kinds: impl Iterator<Item = &'a Coded>) -> Vec<KindCount> {
    let mut out: Vec<KindCount> = Vec::new();
    for k in kinds {
        match out.iter_mut().find(|c| c.kind == *k) {
            Some(c) => c.count += 1,
            None => out.push(KindCount { kind: k.clone(), count: 1 }),
        }
    }
    out
}

fn attendance_by_kind(items: &[MeetingLine]) -> Vec<AttendanceByKind> {
    let mut out: Vec<AttendanceByKind> = Vec::new();
    for item in items {
        let row = match out.iter().position(|r| r.kind == item.kind) {
            Some(i) => &mut out[i],
            None => {
                out.push(AttendanceByKind { kind: item.kind.clone(), present: 0, excused: 0, unexcused: 0 });
                out.last_mut().expect("just pushed")
            }
        };
        match item.attendance.as_ref().map(|c| c.code.as_str()) {
            Some("present") => row.present += 1,
            Some("excused") => row.excused += 1,
            Some("unexcused") => row.unexcused += 1,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_away_from_zero() {
        assert_eq!(percentage(2, 3), Some(Decimal::new(6667, 2)));
        assert_eq!(percentage(1, 8), Some(Decimal::new(1250, 2).normalize()));
        assert_eq!(percentage(3, 3), Some(Decimal::ONE_HUNDRED));
        assert_eq!(percentage(3, 3).unwrap().to_string(), "100");
        assert_eq!(percentage(0, 0), None);
    }

    #[test]
    fn money_has_two_places() {
        assert_eq!(money(Decimal::new(5000, 0)).to_string(), "5000.00");
        assert_eq!(money(Decimal::new(12345, 3)).to_string(), "12.35");
    }

    #[test]
    fn period_labels() {
        assert_eq!(period_label(Period::year(2024)), "2024年度");
        let half = Period {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2024, 6, 30).unwrap(),
        };
        assert_eq!(half.whole_year(), None);
        assert_eq!(period_label(half), "2024年1月1日至2024年6月30日");
    }
}
