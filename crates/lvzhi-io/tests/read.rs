//! Reading the office fixtures: Chinese headers and values, encodings,
//! JSON with nested participants, origins.

mod common;

use common::{copy_fixture, date, fixture, fixture_bytes, gb18030};
use lvzhi_core::*;
use lvzhi_io::{load_ledger, read_csv, read_dir, read_json, read_members_csv};
use rust_decimal::Decimal;

fn office_ledger() -> Ledger {
    load_ledger(fixture("office")).unwrap_or_else(|e| panic!("{e}"))
}

fn activity<'l>(ledger: &'l Ledger, id: &str) -> &'l Activity {
    ledger.activity(ledger.activity_ix(&id.into()).unwrap())
}

#[test]
fn office_csv_with_chinese_headers_and_values() {
    let ledger = office_ledger();
    assert_eq!(ledger.committee().name, "政协某县委员会");
    assert_eq!(ledger.members().len(), 6);
    assert_eq!(ledger.activities().len(), 12);
    assert_eq!(ledger.participations().len(), 20);

    let wang = ledger.member(ledger.member_ix(&"M001".into()).unwrap());
    assert_eq!(wang.name, "王芳");
    assert_eq!(wang.gender, Some(Gender::Female));
    assert_eq!(wang.birth_date, Some(date(1975, 3, 8)));
    assert_eq!(wang.roles.iter().collect::<Vec<_>>(), [Role::StandingMember, Role::Member]);
    assert_eq!(wang.personal.id_number.as_deref(), Some("110101197503080021"));
    let li = ledger.member(ledger.member_ix(&"M002".into()).unwrap());
    assert_eq!(li.name, "李建国", "surrounding spaces are trimmed");
    assert_eq!(li.birth_date, Some(date(1968, 5, 2)));
    assert_eq!(li.roles.highest(), Some(Role::ViceChair));
    // Full-width id Ｍ００４ is folded, so participations naming M004 find him.
    let chen = ledger.member(ledger.member_ix(&"M004".into()).unwrap());
    assert_eq!(chen.joined_on, Some(date(2024, 4, 1)));

    let ActivityDetail::Proposal(p) = &activity(&ledger, "A01").detail else { panic!() };
    assert_eq!(p.form, ProposalForm::Joint);
    assert_eq!(p.status, ProposalStatus::Replied);
    assert_eq!(p.session, Some(ProposalSession::Plenary));
    assert_eq!(
        p.handling_units,
        [
            HandlingUnit { name: "县民政局".into(), role: HandlingRole::Lead },
            HandlingUnit { name: "县财政局".into(), role: HandlingRole::Co },
        ]
    );
    assert_eq!(p.reply_category, Some(ReplyCategory::Solved));
    assert!(p.designations.contains(Designation::Key));
    assert_eq!(p.forwarded_to, Some(Level::City));

    let a02 = activity(&ledger, "A02");
    assert_eq!(a02.date, date(2024, 2, 20));
    assert_eq!(a02.linked_to, Some("A01".into()));
    assert!(a02.functions.contains(Function::Supervision) && a02.functions.contains(Function::Deliberation));
    let ActivityDetail::OpinionReport(r) = &a02.detail else { panic!() };
    assert_eq!(r.adopted_by, [Level::City, Level::Provincial], "lowest first");
    assert_eq!(r.instructed_by, [Level::City]);
    assert_eq!(r.adoption_mode, Some(AdoptionMode::Single));

    let a03 = activity(&ledger, "A03");
    assert_eq!((a03.date, a03.end_date), (date(2024, 1, 10), Some(date(2024, 1, 12))));
    assert_eq!(
        a03.detail,
        ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(5) })
    );
    let ActivityDetail::Training(t) = &activity(&ledger, "A04").detail else { panic!() };
    assert_eq!((t.kind, t.hours, t.off_site), (TrainingKind::Thematic, Some(Decimal::new(125, 1)), true));
    let ActivityDetail::Research(r) = &activity(&ledger, "A05").detail else { panic!() };
    assert!(r.report_produced);
    assert_eq!(activity(&ledger, "A06").detail.subtype(), Some("studio"));
    assert_eq!(activity(&ledger, "A07").detail.hours(), Some(Decimal::from(4)));
    let a08 = &activity(&ledger, "A08").detail;
    assert_eq!(a08, &ActivityDetail::Donation(Donation { amount: Decimal::new(100050, 2), in_kind: false }));
    assert_eq!(activity(&ledger, "A09").level, Level::City);
    assert_eq!(activity(&ledger, "A10").detail, ActivityDetail::Violation);
    assert_eq!(activity(&ledger, "A11").detail, ActivityDetail::DutyReport);
    assert_eq!(activity(&ledger, "A12").detail.subtype(), Some("文史资料征集"));
    let kinds: std::collections::HashSet<_> = ledger.activities().iter().map(Activity::kind).collect();
    assert_eq!(kinds.len(), ActivityKind::ALL.len(), "one activity of every kind");

    let a03_ix = ledger.activity_ix(&"A03".into()).unwrap();
    let plenary: Vec<_> = ledger.participants(a03_ix).collect();
    let m = |id: &str| ledger.member_ix(&id.into()).unwrap();
    let of = |id: &str| plenary.iter().find(|p| p.member == m(id)).unwrap();
    assert_eq!(of("M001").attendance, Some(Attendance::Present));
    assert_eq!(of("M001").speech, Some(Speech::PlenaryOral));
    assert_eq!(of("M001").throughout, Some(true));
    assert_eq!(of("M002").attendance, Some(Attendance::Excused));
    assert_eq!(of("M003").attendance, Some(Attendance::Unexcused));
    assert!(of("M005").left_early && of("M005").throughout == Some(false) && !of("M005").late);
}

#[test]
fn utf8_with_bom_and_gb18030_read_the_same() {
    let plain = office_ledger();
    let with_bom = copy_fixture("office", |file, bytes| {
        if file.ends_with(".csv") {
            [b"\xEF\xBB\xBF".as_slice(), &bytes].concat()
        } else {
            bytes
        }
    });
    assert_eq!(load_ledger(with_bom.path()).unwrap(), plain);
    let excel =
        copy_fixture("office", |file, bytes| if file.ends_with(".csv") { gb18030(&bytes) } else { bytes });
    assert!(std::str::from_utf8(&std::fs::read(excel.path().join("members.csv")).unwrap()).is_err());
    assert_eq!(load_ledger(excel.path()).unwrap(), plain);
}

#[test]
fn json_with_aliases_and_nested_participants_equals_the_csv() {
    let from_json = load_ledger(fixture("json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_json, office_ledger());
}

#[test]
fn records_carry_file_and_excel_row() {
    let batch = read_members_csv(fixture("office/members.csv")).unwrap();
    let rows: Vec<u64> = batch.origins.members.iter().map(|o| o.row).collect();
    assert_eq!(rows, [2, 3, 4, 5, 6, 7]);
    assert!(batch.origins.members[0].file.ends_with("members.csv"));

    // Blank lines keep Excel's numbering; a line break inside a quoted cell does not add a row.
    let csv = "委员编号,姓名,界别,工作单位\nM1,甲,教育界,\"第一行\n第二行\"\n\n,,,\nM2,乙,教育界,\n";
    let batch = read_csv(Table::Members, "m.csv", csv.as_bytes()).unwrap();
    assert_eq!(batch.members[0].employer.as_deref(), Some("第一行\n第二行"));
    assert_eq!(batch.origins.members.iter().map(|o| o.row).collect::<Vec<_>>(), [2, 5]);

    let dataset = read_dir(fixture("json")).unwrap();
    let nested = &dataset.batch.origins.participations[1];
    let file = fixture("json/activities.json");
    assert_eq!(nested.to_string(), format!("{}, item 1, participants, row 2", file.display()));
}

#[test]
fn ledger_validation_names_file_and_row() {
    let dir = copy_fixture("office", |file, bytes| {
        if file == "participations.csv" {
            // M004 joined on 2024-04-01: the March training is before his time.
            let extra = "A04,M004,参会,出席,,,,,\n";
            [bytes.as_slice(), extra.as_bytes()].concat()
        } else {
            bytes
        }
    });
    let err = load_ledger(dir.path()).unwrap_err();
    let lvzhi_io::LoadError::Rejected(rejected) = &err else { panic!("{err}") };
    assert_eq!(rejected.issues.len(), 1);
    let issue = &rejected.issues[0];
    assert_eq!(issue.origin.as_ref().unwrap().row, 22);
    assert_eq!(issue.column, Some("member_id"));
    let shown = err.to_string();
    assert!(shown.contains("participations.csv, row 22, column member_id:"), "{shown}");
    assert!(shown.contains("outside member `M004`'s membership"), "{shown}");
}

#[test]
fn row_number_and_empty_unknown_columns_are_accepted() {
    // A numbered template: rows 4 and 5 hold only their 序号.
    let csv = "序号,委员编号,姓名,界别,备注\n1,M1,甲,教育界,\n2,M2,乙,教育界,  \n3,,,,\n4,,,,\n";
    let batch = read_csv(Table::Members, "m.csv", csv.as_bytes()).unwrap();
    assert_eq!(batch.members.len(), 2);
    let json = r#"[{"id": "M1", "name": "甲", "sector": "教育界", "备注": null, "序号": 1}]"#;
    assert_eq!(read_json(Table::Members, "m.json", json.as_bytes()).unwrap().members.len(), 1);
}

#[test]
fn english_headers_in_any_case_and_width() {
    let csv = "Member ID,NAME,ｓｅｃｔｏｒ,Gender\nM1,甲,教育界,F\n";
    let m = &read_csv(Table::Members, "m.csv", csv.as_bytes()).unwrap().members[0];
    assert_eq!((m.id.0.as_str(), m.sector.as_str(), m.gender), ("M1", "教育界", Some(Gender::Female)));
}

#[test]
fn committee_json_is_core_serde() {
    let committee =
        lvzhi_io::read_committee("committee.json", &fixture_bytes("office/committee.json")).unwrap();
    assert_eq!(committee.level, Level::County);
    assert_eq!(committee.term.number, 10);
    assert!(committee.has_liaison_group("东片联络组") && !committee.has_liaison_group("西片"));
}

#[test]
fn rows_are_counted_whatever_the_line_ends() {
    for end in ["\n", "\r\n", "\r"] {
        let csv = ["委员编号,姓名,界别,工作单位", "M1,甲,教育界,\"两\r\n行\"", "", "M2,乙,,", ""].join(end);
        let err = read_csv(Table::Members, "m.csv", csv.as_bytes()).unwrap_err();
        assert_eq!(
            err.report(),
            "m.csv, row 4, column 界别 (sector): empty, but every member needs it\n",
            "{end:?}"
        );
    }
}
