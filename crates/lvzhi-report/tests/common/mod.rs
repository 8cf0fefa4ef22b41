//! The fixture committee shared by the integration tests: a handful of
//! members (two hostile ones, two with the same name, one who left before
//! the year, one who joined mid-year) and one activity of every kind.

#![allow(dead_code)]

use chrono::NaiveDate;
use lvzhi_core::*;
use lvzhi_report::{CategoryLine, Rank, ScoreSection};
use rust_decimal::Decimal;

pub const YEAR: i32 = 2024;
pub const PHONE: &str = "13912345678";
pub const ID_NUMBER: &str = "110101198001010011";
/// A name that tries HTML, Markdown and spreadsheet-formula injection.
pub const HOSTILE_NAME: &str = "<script>alert(\"x\")</script>|**粗**_[点我](javascript:alert(1))`x`&amp;";
pub const HOSTILE_ID: &str = "../../etc/M003";
pub const HOSTILE_TITLE: &str =
    "关于<b>加强</b>|管理|的提案 [链接](http://evil.example) <img src=x onerror=alert(1)> `代码` *强调*";
pub const FORMULA_NAME: &str = "=HYPERLINK(\"http://evil.example\",\"点\")";

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn member(id: &str, name: &str, sector: &str) -> Member {
    Member::new(id, name, sector)
}

fn act(id: &str, title: &str, date: NaiveDate, level: Level, detail: ActivityDetail) -> Activity {
    Activity::new(id, title, date, level, detail)
}

fn part(a: &str, m: &str, role: ParticipantRole) -> ParticipationRecord {
    ParticipationRecord::new(a, m, role)
}

fn attend(a: &str, m: &str, att: Attendance) -> ParticipationRecord {
    ParticipationRecord::new(a, m, ParticipantRole::Attendee).with_attendance(att)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn meeting(kind: MeetingKind) -> ActivityDetail {
    ActivityDetail::Meeting(Meeting { kind, half_days: None })
}

fn proposal(number: &str, form: ProposalForm, status: ProposalStatus) -> Proposal {
    Proposal {
        number: Some(number.to_string()),
        form,
        collective_body: None,
        status,
        session: Some(ProposalSession::Plenary),
        handling_units: Vec::new(),
        reply_category: None,
        satisfaction: None,
        designations: Designations::default(),
        forwarded_to: None,
    }
}

pub fn ledger() -> Ledger {
    let term = Term { number: 10, start: d(2022, 1, 1), end: d(2026, 12, 31) };
    let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
    let mut b = Batch::default();

    let mut wang = member("M001", "王芳", "教育界");
    wang.gender = Some(Gender::Female);
    wang.party = Some("民进".into());
    wang.committee = Some("教科卫体委员会".into());
    wang.roles = [Role::Member, Role::StandingMember].into_iter().collect();
    wang.employer = Some("某县第一中学".into());
    wang.title = Some("校长".into());
    wang.personal = PersonalData { phone: Some(PHONE.into()), id_number: Some(ID_NUMBER.into()) };
    b.members.push(wang);

    let mut li = member("M002", "李强", "经济界");
    li.joined_on = Some(d(YEAR, 7, 1));
    li.party = Some("无党派人士".into());
    b.members.push(li);

    let mut hostile = member(HOSTILE_ID, HOSTILE_NAME, "教育界");
    hostile.employer = Some("<iframe src=//evil>".into());
    hostile.personal.phone = Some(PHONE.into());
    b.members.push(hostile);

    b.members.push(member("M004", FORMULA_NAME, "经济界"));
    b.members.push(member("M005", "王芳", "经济界"));
    // Differs from M001 only in case: must not overwrite M001's file on a
    // case-insensitive file system.
    b.members.push(member("m001", "王芳", "教育界"));

    let mut gone = member("M007", "赵离", "教育界");
    gone.left_on = Some(d(2023, 6, 30));
    b.members.push(gone);

    let county = Level::County;
    b.activities.push(act("H0", "十届二次全体会议", d(2023, 1, 10), county, meeting(MeetingKind::Plenary)));
    b.activities.push(act("H1", "十届三次全体会议", d(YEAR, 1, 10), county, meeting(MeetingKind::Plenary)));
    b.activities.push(act(
        "H2",
        "第十二次常委会会议",
        d(YEAR, 3, 15),
        county,
        meeting(MeetingKind::StandingCommittee),
    ));
    b.activities.push(act(
        "H3",
        "优化营商环境专题协商会",
        d(YEAR, 9, 20),
        county,
        meeting(MeetingKind::ThematicConsultation),
    ));

    let mut p1 = proposal("20240001", ProposalForm::Joint, ProposalStatus::Closed);
    p1.handling_units = vec![HandlingUnit { name: "县教育局".into(), role: HandlingRole::Lead }];
    p1.reply_category = Some(ReplyCategory::Solved);
    p1.satisfaction = Some(Satisfaction::Satisfied);
    p1.designations = [Designation::Key].into_iter().collect();
    b.activities.push(act(
        "P1",
        "关于加强农村寄宿制学校建设的提案",
        d(YEAR, 1, 12),
        county,
        ActivityDetail::Proposal(p1),
    ));
    b.activities.push(act(
        "P2",
        HOSTILE_TITLE,
        d(YEAR, 1, 13),
        county,
        ActivityDetail::Proposal(proposal("20240002", ProposalForm::Individual, ProposalStatus::NotFiled)),
    ));
    b.activities.push(act(
        "O1",
        "关于规范校外培训收费的建议",
        d(YEAR, 4, 2),
        county,
        ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: vec![Level::City, Level::Provincial],
            adoption_mode: Some(AdoptionMode::Single),
            instructed_by: vec![Level::City],
            commissioned: false,
            feedback: None,
        }),
    ));
    b.activities.push(act(
        "O2",
        "群众反映乡村公交班次少",
        d(YEAR, 6, 18),
        county,
        ActivityDetail::OpinionReport(OpinionReport::default()),
    ));
    b.activities.push(act(
        "T1",
        "新委员履职培训",
        d(YEAR, 2, 20),
        county,
        ActivityDetail::Training(Training {
            kind: TrainingKind::Induction,
            hours: Some(dec("8")),
            off_site: false,
        }),
    ));
    b.activities.push(act(
        "T2",
        "委员读书活动",
        d(YEAR, 5, 8),
        county,
        ActivityDetail::Training(Training {
            kind: TrainingKind::Reading,
            hours: Some(dec("4.5")),
            off_site: false,
        }),
    ));
    let mut r1 = act(
        "R1",
        "县域义务教育均衡发展调研",
        d(YEAR, 5, 20),
        county,
        ActivityDetail::Research(Research { kind: ResearchKind::Research, report_produced: true }),
    );
    r1.end_date = Some(d(YEAR, 5, 22));
    b.activities.push(r1);
    b.activities.push(act(
        "L1",
        "委员工作室接待日",
        d(YEAR, 6, 5),
        county,
        ActivityDetail::Liaison(Liaison { kind: LiaisonKind::Studio, hours: Some(dec("3")) }),
    ));
    b.activities.push(act(
        "V1",
        "敬老院志愿服务",
        d(YEAR, 8, 1),
        county,
        ActivityDetail::Volunteering(Volunteering { hours: Some(dec("2.5")) }),
    ));
    b.activities.push(act(
        "D1",
        "助学捐款",
        d(YEAR, 9, 1),
        county,
        ActivityDetail::Donation(Donation { amount: dec("5000"), in_kind: false }),
    ));
    b.activities.push(act(
        "D2",
        "捐赠图书",
        d(YEAR, 9, 10),
        county,
        ActivityDetail::Donation(Donation { amount: dec("1234.5"), in_kind: true }),
    ));
    b.activities.push(act("A1", "优秀政协委员", d(YEAR, 12, 1), Level::City, ActivityDetail::Award));
    b.activities.push(act("X1", "无故缺席全体会议", d(YEAR, 1, 11), county, ActivityDetail::Violation));
    b.activities.push(act("DR1", "2024年度履职报告", d(YEAR, 12, 20), county, ActivityDetail::DutyReport));
    b.activities.push(act(
        "OT1",
        "征集文史资料",
        d(YEAR, 10, 8),
        county,
        ActivityDetail::Other { subtype: "文史资料征集".into() },
    ));

    use Attendance::*;
    use ParticipantRole as R;
    b.participations.extend([
        attend("H0", "M001", Present),
        attend("H0", "M007", Present),
        ParticipationRecord { speech: Some(Speech::PlenaryOral), ..attend("H1", "M001", Present) },
        attend("H1", HOSTILE_ID, Excused),
        attend("H1", "M004", Unexcused),
        attend("H1", "M005", Present),
        attend("H1", "m001", Present),
        attend("H2", "M001", Excused),
        attend("H2", "M005", NotRequired),
        attend("H3", "M001", Present),
        ParticipationRecord::new("H3", "M002", R::Speaker).with_attendance(Present),
        part("P1", "M001", R::Lead),
        part("P1", HOSTILE_ID, R::Cosigner),
        part("P2", HOSTILE_ID, R::Lead),
        part("O1", "M001", R::Author),
        part("O2", "M001", R::Author),
        attend("T1", "M001", Present),
        attend("T1", HOSTILE_ID, Excused),
        ParticipationRecord::new("T2", "M001", R::Attendee),
        part("R1", "M001", R::Lead),
        part("R1", "M004", R::Participant),
        part("L1", "M001", R::Lead),
        part("V1", "M001", R::Participant),
        part("V1", "M002", R::Participant),
        part("D1", "M001", R::Participant),
        part("D2", "M001", R::Participant),
        part("A1", "M001", R::Participant),
        part("X1", "M004", R::Participant),
        part("DR1", "M001", R::Participant),
        part("OT1", "M001", R::Participant),
    ]);
    ledger.add(b).expect("the fixture is valid");
    ledger
}

pub fn ix(ledger: &Ledger, id: &str) -> MemberIx {
    ledger.member_ix(&id.into()).unwrap()
}

fn category(name: &str, points: &str, max: Option<&str>, median: Option<&str>) -> CategoryLine {
    CategoryLine { name: name.into(), points: dec(points), max: max.map(dec), sector_median: median.map(dec) }
}

/// A score for M001, with one hostile category name.
pub fn score_wang() -> ScoreSection {
    ScoreSection {
        rule_set_name: "某县政协委员履职考评办法（2024）".into(),
        total: dec("86.5"),
        max_total: Some(dec("100")),
        categories: vec![
            category("会议活动", "28", Some("30"), Some("24")),
            category("提案工作", "20", Some("25"), Some("10")),
            category("社情民意", "22.5", Some("25"), Some("8.5")),
            category("<b>其他</b>|履职", "16", Some("20"), None),
        ],
        grade: Some("优秀".into()),
        rank_in_sector: Some(Rank { rank: 1, of: 3 }),
        flags: vec!["已提交年度履职报告".into()],
    }
}

/// A score for the hostile member whose rule-set name and flag are hostile too.
pub fn score_hostile() -> ScoreSection {
    ScoreSection {
        rule_set_name: "<script>x</script>办法".into(),
        total: dec("41"),
        max_total: None,
        categories: vec![category("[注入](http://evil.example)", "41", None, Some("50"))],
        grade: Some("基本合格".into()),
        rank_in_sector: Some(Rank { rank: 3, of: 3 }),
        flags: vec!["<img src=x>未达到最低要求".into()],
    }
}

/// The scores the batch tests use.
pub fn score_of(ledger: &Ledger, m: MemberIx) -> Option<ScoreSection> {
    match ledger.member(m).id.0.as_str() {
        "M001" => Some(score_wang()),
        HOSTILE_ID => Some(score_hostile()),
        _ => None,
    }
}
