//! Read → write → read loses nothing, in every format; CSV written for
//! Excel never holds a formula.

mod common;

use common::{date, fixture};
use lvzhi_core::*;
use lvzhi_io::{load_ledger, read_csv, write_csv, write_dir, write_json, CsvFlavour, Format, WriteError};
use rust_decimal::Decimal;

const FORMATS: [Format; 3] = [Format::Csv, Format::ExcelCsv, Format::Json];

fn through(ledger: &Ledger, format: Format) -> (Ledger, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    write_dir(ledger, dir.path(), format).unwrap();
    let back = load_ledger(dir.path()).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    (back, dir)
}

fn files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn office_fixture_round_trips_in_every_format() {
    let ledger = load_ledger(fixture("office")).unwrap();
    for format in FORMATS {
        let (back, dir) = through(&ledger, format);
        assert_eq!(back, ledger, "{format:?}");
        // Writing what was read back gives the same bytes: nothing drifts.
        let (_, again) = through(&back, format);
        assert_eq!(files(dir.path()), files(again.path()), "{format:?}");
    }
}

#[test]
fn excel_flavour_is_gb18030_with_chinese_headers_and_labels() {
    let ledger = load_ledger(fixture("office")).unwrap();
    let (_, dir) = through(&ledger, Format::ExcelCsv);
    let bytes = std::fs::read(dir.path().join("participations.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "GB18030, not UTF-8");
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("活动编号,委员编号,角色,出勤,发言,半天数,迟到,早退,全程"));
    assert!(text.contains("A03,M002,参会,请假,,,否,否,\r\n"), "{text}");
    assert!(text.contains("A03,M003,参会,无故缺席,"), "{text}");
    let bytes = std::fs::read(dir.path().join("activities.csv")).unwrap();
    let (activities, _, _) = encoding_rs::GB18030.decode(&bytes);
    assert!(activities.contains("A01,提案,联名,关于加强农村养老服务的提案,2024-01-15,,县级,参政议政,提案委员会,,答复,20240001,,大会,县民政局(主办);县财政局(会办),解决采纳,满意,重点提案,市级,"), "{activities}");
}

#[test]
fn standard_flavour_is_utf8_with_codes() {
    let ledger = load_ledger(fixture("office")).unwrap();
    let (_, dir) = through(&ledger, Format::Csv);
    let text = std::fs::read_to_string(dir.path().join("activities.csv")).unwrap();
    assert!(text.starts_with(
        "activity_id,kind,subtype,title,date,end_date,level,functions,organizer,linked_to,status,"
    ));
    assert!(text.contains(
        "\nA03,meeting,plenary,十届三次全体会议,2024-01-10,2024-01-12,county,consultation,县政协办公室,"
    ));
    assert!(text.contains(",县民政局(lead);县财政局(co),solved,satisfied,key,city,"), "{text}");
    assert!(text.contains("\nA08,donation,money,抗洪救灾捐款,2024-07-20,,county,,,,"), "{text}");
    assert!(text.contains(",1000.50,false\n"), "{text}");
}

#[test]
fn json_is_core_serde() {
    let ledger = load_ledger(fixture("office")).unwrap();
    let (_, dir) = through(&ledger, Format::Json);
    let batch = ledger.to_batch();
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path().join(name)).unwrap()).unwrap()
    };
    assert_eq!(read("members.json"), serde_json::to_value(&batch.members).unwrap());
    assert_eq!(read("participations.json"), serde_json::to_value(&batch.participations).unwrap());
    assert_eq!(read("committee.json"), serde_json::to_value(ledger.committee()).unwrap());
    assert_eq!(read("activities.json"), serde_json::to_value(&batch.activities).unwrap());
    let activities = read("activities.json");
    let a03 = activities.as_array().unwrap().iter().find(|a| a["id"] == "A03").unwrap();
    assert_eq!(
        (&a03["kind"], &a03["subtype"], &a03["half_days"]),
        (&"meeting".into(), &"plenary".into(), &5.into())
    );
}

/// Every field set, values that look like formulas, quotes, commas, line
/// breaks, each vocabulary in play.
fn tricky_ledger() -> Ledger {
    let d = date;
    let term = Term { number: 14, start: d(2023, 1, 1), end: d(2027, 12, 31) };
    let mut committee = Committee::new("政协=某县委员会", Level::County, term);
    committee.sectors.clear();
    let mut batch = Batch::default();

    let mut m1 = Member::new("-M1", "=HYPERLINK(\"http://x\",\"点我\")", "教育界");
    m1.gender = Some(Gender::Male);
    m1.ethnicity = Some("蒙古族".into());
    m1.birth_date = Some(d(1970, 1, 31));
    m1.party = Some("+民盟".into());
    m1.committee = Some("@提案委员会".into());
    m1.roles = [Role::Chair, Role::StandingMember].into_iter().collect();
    m1.joined_on = Some(d(2023, 2, 1));
    m1.left_on = Some(d(2027, 6, 30));
    m1.employer = Some("县一中, \"实验\"校区".into());
    m1.title = Some("'=已转义".into());
    m1.liaison_group = Some("\t城关组".into());
    m1.personal.phone = Some("+86 138 0000 0000".into());
    m1.personal.id_number = Some("11010119700131001X".into());
    let mut m2 = Member::new("M2", "王 芳", "无党派人士");
    m2.roles = Roles::default();
    batch.members.extend([m1, m2]);

    let all_functions: Functions = Function::ALL.iter().copied().collect();
    let mut p = Activity::new(
        "P1",
        "关于\n两行标题的提案",
        d(2024, 1, 15),
        Level::County,
        ActivityDetail::Proposal(Proposal {
            number: Some("-0001".into()),
            form: ProposalForm::Collective,
            collective_body: Some("=民盟县委".into()),
            status: ProposalStatus::Closed,
            session: Some(ProposalSession::BetweenSessions),
            handling_units: vec![
                HandlingUnit { name: "县政府(办公室)".into(), role: HandlingRole::Lead },
                HandlingUnit { name: "县财政局".into(), role: HandlingRole::Separate },
            ],
            reply_category: Some(ReplyCategory::NotPossible),
            satisfaction: Some(Satisfaction::BasicallySatisfied),
            designations: [Designation::Key, Designation::Excellent].into_iter().collect(),
            forwarded_to: Some(Level::National),
        }),
    );
    p.end_date = Some(d(2024, 1, 16));
    p.functions = all_functions;
    p.organizer = Some("提案委, 办公室".into());
    let mut r = Activity::new(
        "R1",
        "@信息",
        d(2024, 2, 1),
        Level::City,
        ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: vec![Level::County, Level::National],
            adoption_mode: Some(AdoptionMode::Digest),
            instructed_by: vec![Level::Provincial],
            commissioned: true,
            feedback: Some("-已反馈".into()),
        }),
    );
    r.linked_to = Some("P1".into());
    let acts = [
        p,
        r,
        Activity::new(
            "H1",
            "常委会",
            d(2024, 3, 1),
            Level::County,
            ActivityDetail::Meeting(Meeting { kind: MeetingKind::Micro, half_days: None }),
        ),
        Activity::new(
            "T1",
            "读书",
            d(2024, 3, 2),
            Level::Provincial,
            ActivityDetail::Training(Training {
                kind: TrainingKind::Reading,
                hours: Some(Decimal::new(25, 2)),
                off_site: false,
            }),
        ),
        Activity::new(
            "S1",
            "民主评议",
            d(2024, 3, 3),
            Level::County,
            ActivityDetail::Research(Research { kind: ResearchKind::Appraisal, report_produced: false }),
        ),
        Activity::new(
            "L1",
            "监督岗",
            d(2024, 3, 4),
            Level::County,
            ActivityDetail::Liaison(Liaison { kind: LiaisonKind::SupervisionPost, hours: None }),
        ),
        Activity::new(
            "V1",
            "志愿",
            d(2024, 3, 5),
            Level::County,
            ActivityDetail::Volunteering(Volunteering { hours: Some(Decimal::new(150, 2)) }),
        ),
        Activity::new(
            "D1",
            "捐物",
            d(2024, 3, 6),
            Level::County,
            ActivityDetail::Donation(Donation { amount: Decimal::new(123456789, 2), in_kind: true }),
        ),
        Activity::new("W1", "=表彰", d(2024, 3, 7), Level::National, ActivityDetail::Award),
        Activity::new("X1", "违纪", d(2024, 3, 8), Level::County, ActivityDetail::Violation),
        Activity::new("Y1", "述职", d(2024, 3, 9), Level::County, ActivityDetail::DutyReport),
        Activity::new(
            "Z1",
            "宣传",
            d(2024, 3, 10),
            Level::County,
            ActivityDetail::Other { subtype: "+宣传报道".into() },
        ),
    ];
    batch.activities.extend(acts);

    let rec = |a: &str, m: &str, role| ParticipationRecord::new(a, m, role);
    let mut present = rec("H1", "-M1", ParticipantRole::Speaker).with_attendance(Attendance::Present);
    present.speech = Some(Speech::PlenaryWritten);
    present.half_days = Some(1);
    present.late = true;
    present.left_early = true;
    present.throughout = Some(false);
    let mut leave = rec("H1", "M2", ParticipantRole::Attendee).with_attendance(Attendance::NotRequired);
    leave.throughout = Some(true);
    batch.participations.extend([
        rec("P1", "-M1", ParticipantRole::Lead),
        rec("P1", "M2", ParticipantRole::Cosigner),
        rec("R1", "M2", ParticipantRole::Author),
        rec("R1", "-M1", ParticipantRole::Coauthor),
        present,
        leave,
        rec("T1", "M2", ParticipantRole::Organizer),
        rec("S1", "-M1", ParticipantRole::Organizer),
        rec("L1", "M2", ParticipantRole::Lead),
        rec("V1", "M2", ParticipantRole::Speaker).with_attendance(Attendance::Excused),
        rec("D1", "M2", ParticipantRole::Participant),
        rec("W1", "M2", ParticipantRole::Participant),
        rec("X1", "M2", ParticipantRole::Participant),
        rec("Y1", "M2", ParticipantRole::Participant),
        rec("Z1", "-M1", ParticipantRole::Participant),
    ]);
    let mut ledger = Ledger::new(committee);
    ledger.add(batch).unwrap_or_else(|e| panic!("{}", e.report()));
    ledger
}

#[test]
fn tricky_values_round_trip_in_every_format() {
    let ledger = tricky_ledger();
    for format in FORMATS {
        let (back, _dir) = through(&ledger, format);
        assert_eq!(back, ledger, "{format:?}");
    }
}

/// Every field of every CSV file in `dir`, decoded.
fn csv_fields(dir: &std::path::Path) -> Vec<String> {
    let mut fields = Vec::new();
    for (name, bytes) in files(dir) {
        if !name.ends_with(".csv") {
            continue;
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t.to_string(),
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        };
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        for record in reader.records() {
            fields.extend(record.unwrap().iter().map(str::to_string));
        }
    }
    fields
}

#[test]
fn csv_never_holds_a_formula() {
    let ledger = tricky_ledger();
    for format in [Format::Csv, Format::ExcelCsv] {
        let dir = tempfile::tempdir().unwrap();
        write_dir(&ledger, dir.path(), format).unwrap();
        let fields = csv_fields(dir.path());
        for f in &fields {
            assert!(!f.starts_with(['=', '+', '-', '@', '\t', '\r']), "{format:?}: {f:?}");
        }
        for expected in [
            "'=HYPERLINK(\"http://x\",\"点我\")",
            "'-M1",
            "'+86 138 0000 0000",
            "'@提案委员会",
            "'\t城关组",
            "''=已转义",
            "'=民盟县委",
            "'+宣传报道",
        ] {
            assert!(fields.iter().any(|f| f == expected), "{format:?}: {expected:?} not in {fields:?}");
        }
    }
}

#[test]
fn a_unit_name_with_the_list_separator_is_refused() {
    let mut batch = Batch::default();
    batch.activities.push(Activity::new(
        "P1",
        "提案",
        date(2024, 1, 1),
        Level::County,
        ActivityDetail::Proposal(Proposal {
            number: None,
            form: ProposalForm::Individual,
            collective_body: None,
            status: ProposalStatus::Assigned,
            session: None,
            handling_units: vec![HandlingUnit {
                name: "县教育局;县财政局".into(), role: HandlingRole::Lead
            }],
            reply_category: None,
            satisfaction: None,
            designations: Designations::default(),
            forwarded_to: None,
        }),
    ));
    let err = write_csv(Table::Activities, &batch, CsvFlavour::Standard, Vec::new()).unwrap_err();
    assert!(matches!(err, WriteError::Unrepresentable { column: "handling_units", .. }), "{err}");
    assert!(err
        .to_string()
        .starts_with("activities `P1`, column handling_units: `县教育局;县财政局` cannot be written"));
    // JSON holds it.
    let mut json = Vec::new();
    write_json(Table::Activities, &batch, &mut json).unwrap();
    let back = lvzhi_io::read_json(Table::Activities, "a.json", &json).unwrap();
    assert_eq!(back.activities, batch.activities);
}

#[test]
fn write_csv_of_a_batch_reads_back() {
    let batch = tricky_ledger().to_batch();
    for flavour in [CsvFlavour::Standard, CsvFlavour::Excel] {
        for table in [Table::Members, Table::Activities, Table::Participations] {
            let mut bytes = Vec::new();
            write_csv(table, &batch, flavour, &mut bytes).unwrap();
            let back = read_csv(table, "t.csv", &bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back.members, if table == Table::Members { batch.members.clone() } else { vec![] });
            assert_eq!(
                back.activities.len(),
                if table == Table::Activities { batch.activities.len() } else { 0 }
            );
            if table == Table::Participations {
                assert_eq!(back.participations, batch.participations);
            }
        }
    }
}

#[test]
fn write_dir_refuses_a_folder_holding_the_other_format() {
    let ledger = tricky_ledger();
    let dir = tempfile::tempdir().unwrap();
    write_dir(&ledger, dir.path(), Format::Json).unwrap();
    let err = write_dir(&ledger, dir.path(), Format::Csv).unwrap_err();
    assert!(matches!(err, WriteError::OtherFormatPresent { .. }), "{err}");
    assert!(err.to_string().contains("members.json exists"), "{err}");
    // Same format again overwrites.
    write_dir(&ledger, dir.path(), Format::Json).unwrap();
    assert_eq!(load_ledger(dir.path()).unwrap(), ledger);
}
