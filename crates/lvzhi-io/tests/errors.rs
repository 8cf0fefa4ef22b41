//! Every kind of bad input is refused with a message naming file, row,
//! column and value; every bad cell of a file is reported, not only the first.

mod common;

use common::{copy_fixture, gb18030};
use lvzhi_io::{read_csv, read_dir, read_json, ImportError, ImportErrors, Problem, Table};

const MEMBERS_HEADER: &str = "委员编号,姓名,性别,出生日期,界别,职务\n";
const ACTIVITIES_HEADER: &str = "活动编号,类别,子类,标题,日期,层级,状态,办理单位,半天数,学时,金额,捐物\n";

fn members_err(rows: &str) -> ImportErrors {
    let csv = format!("{MEMBERS_HEADER}{rows}");
    read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap_err()
}

fn activities_err(rows: &str) -> ImportErrors {
    let csv = format!("{ACTIVITIES_HEADER}{rows}");
    read_csv(Table::Activities, "activities.csv", csv.as_bytes()).unwrap_err()
}

fn lines(errors: &ImportErrors) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_vocabulary_value() {
    let err = members_err("M001,王芳,女,1975-03-08,教育界,委员\nM002,李四,男性,1970-01-01,教育界,委员\n");
    assert_eq!(
        lines(&err),
        ["members.csv, row 3, column 性别 (gender): `男性` is not a known gender; \
          expected one of: male (男), female (女)"]
    );
    let ImportError::Cell { at, header, column, problem } = &err.0[0] else { panic!() };
    assert_eq!((at.row, header.as_str(), *column), (3, "性别", "gender"));
    assert!(matches!(**problem, Problem::Unknown(_)));
}

#[test]
fn bad_date() {
    let err = members_err("M001,王芳,女,1975-13-08,教育界,委员\n");
    assert_eq!(
        lines(&err),
        ["members.csv, row 2, column 出生日期 (birth_date): `1975-13-08` is not a date; \
          expected e.g. 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日"]
    );
}

#[test]
fn every_bad_cell_of_every_row_is_reported() {
    let err = members_err(
        "M001,王芳,女性,1975-03-08,教育界,委员\n\
         M002,李四,男,去年,教育界,主任\n\
         M003,张三,男,1980-01-01,教育界,委员\n\
         ,,男,,,\n",
    );
    assert_eq!(
        lines(&err),
        [
            "members.csv, row 2, column 性别 (gender): `女性` is not a known gender; \
             expected one of: male (男), female (女)",
            "members.csv, row 3, column 出生日期 (birth_date): `去年` is not a date; \
             expected e.g. 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日",
            "members.csv, row 3, column 职务 (roles): `主任` is not a known role; expected one of: \
             chair (主席), vice_chair (副主席), secretary_general (秘书长), standing_member (常务委员), member (委员)",
            "members.csv, row 5, column 委员编号 (member_id): empty, but every member needs it",
            "members.csv, row 5, column 姓名 (name): empty, but every member needs it",
            "members.csv, row 5, column 界别 (sector): empty, but every member needs it",
        ]
    );
    assert!(err.to_string().starts_with("6 problem(s) in the data, nothing read:\n  members.csv, row 2"));
}

#[test]
fn unknown_column_with_values() {
    let csv = "委员编号,姓名,界别,备注,\nM1,甲,教育界,,\nM2,乙,教育界,连任,\nM3,丙,教育界,新任,x\n";
    let err = read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap_err();
    let got = lines(&err);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].starts_with("members.csv, row 3, column 备注: unknown column with a value in it; expected one of: member_id (委员编号), name (姓名)"), "{}", got[0]);
    assert!(
        got[1].starts_with("members.csv, row 4, column (unnamed column E): unknown column"),
        "{}",
        got[1]
    );
    // A cell beyond the header row is an unknown column too.
    let csv = "委员编号,姓名,界别\nM1,甲,教育界,多余\n";
    let err = read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap_err();
    assert!(lines(&err)[0].starts_with("members.csv, row 2, column (unnamed column D): unknown column"));
}

#[test]
fn missing_and_duplicate_columns() {
    let err = read_csv(Table::Members, "members.csv", "委员编号,姓名\nM1,甲\n".as_bytes()).unwrap_err();
    assert_eq!(lines(&err), ["members.csv: missing column sector (界别)"]);
    let csv = "编号,委员编号,姓名,界别\nM1,M1,甲,教育界\n";
    let err = read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(lines(&err), ["members.csv, row 1: columns 编号 and 委员编号 both mean member_id"]);
    let err = read_csv(Table::Members, "members.csv", b"").unwrap_err();
    assert_eq!(lines(&err), ["members.csv: empty file; expected a header row"]);
}

#[test]
fn value_in_a_column_that_does_not_apply_to_the_kind() {
    let err = activities_err(
        "H1,会议,全体会议,全会,2024-01-10,县级,已立案,,5,,,\n\
         T1,培训,专题培训,培训,2024-03-05,县级,,,2,,,\n\
         R1,社情民意,调研,信息,2024-03-05,县级,,,,,,\n",
    );
    assert_eq!(
        lines(&err),
        [
            "activities.csv, row 2, column 状态 (status): `已立案` given, but status does not apply to a meeting \
             activity; leave it empty",
            "activities.csv, row 3, column 半天数 (half_days): `2` given, but half_days does not apply to a \
             training activity; leave it empty",
            "activities.csv, row 4, column 子类 (subtype): `调研` given, but subtype does not apply to an \
             opinion_report activity; leave it empty",
        ]
    );
}

#[test]
fn required_by_the_kind() {
    let err = activities_err(
        "P1,提案,,关于某事的提案,2024-01-10,县级,,,,,,\nD1,捐款,,捐款,2024-07-01,县级,,,,,,\n",
    );
    assert_eq!(
        lines(&err),
        [
            "activities.csv, row 2, column 子类 (subtype): empty, but a proposal activity needs it",
            "activities.csv, row 2, column 状态 (status): empty, but a proposal activity needs it",
            "activities.csv, row 3, column 金额 (amount): empty, but a donation activity needs it",
        ]
    );
}

#[test]
fn bad_decimal_count_boolean_and_handling_unit() {
    let err = activities_err(
        "D1,捐款捐物,,捐款,2024-07-01,县级,,,,,一千元,也许\n\
         T1,学习培训,日常培训,学习,2024-03-05,县级,,,,两小时,,\n\
         H1,会议,常委会,常委会,2024-03-05,县级,,,半天,,,\n\
         P1,提案,个人,提案,2024-01-05,县级,已交办,县教育局,,,,\n",
    );
    assert_eq!(
        lines(&err),
        [
            "activities.csv, row 2, column 金额 (amount): `一千元` is not a number",
            "activities.csv, row 2, column 捐物 (in_kind): `也许` is not yes or no; expected one of: true/false, \
             yes/no, 1/0, 是/否, √/×",
            "activities.csv, row 3, column 学时 (hours): `两小时` is not a number",
            "activities.csv, row 4, column 半天数 (half_days): `半天` is not a whole number from 0 to 255",
            "activities.csv, row 5, column 办理单位 (handling_units): `县教育局` is not a handling unit: no role in \
             parentheses; expected name(role), e.g. 县教育局(主办)",
        ]
    );
}

#[test]
fn donation_subtype_and_in_kind_must_agree() {
    let err = activities_err("D1,捐款捐物,捐款,捐赠图书,2024-07-01,县级,,,,,500,是\n");
    assert_eq!(
        lines(&err),
        ["activities.csv, row 2, column 捐物 (in_kind): `是` contradicts subtype `money`"]
    );
}

#[test]
fn undecodable_bytes() {
    let mut bytes = gb18030(MEMBERS_HEADER.as_bytes());
    bytes.extend_from_slice(b"M1,\xFF\xFF,\n");
    let err = read_csv(Table::Members, "members.csv", &bytes).unwrap_err();
    let shown = lines(&err);
    assert_eq!(shown.len(), 1);
    let offset = gb18030(MEMBERS_HEADER.as_bytes()).len() + 3;
    assert!(matches!(err.0[0], ImportError::Undecodable { offset: o, .. } if o == offset), "{shown:?}");
    assert!(shown[0].starts_with(&format!(
        "members.csv: not UTF-8 and not GB18030/GBK (bad bytes at byte offset {offset})"
    )));
}

#[test]
fn json_cells_are_named_by_item_and_key() {
    let json = r#"[
        {"id": "M1", "name": "甲", "sector": "教育界", "gender": "男性"},
        {"委员编号": "M2", "姓名": "乙", "界别": "教育界", "出生日期": "1990-02-30", "职务": {"x": 1}},
        {"id": "M3", "name": "丙", "sector": "教育界", "remark": "连任"}
    ]"#;
    let err = read_json(Table::Members, "members.json", json.as_bytes()).unwrap_err();
    assert_eq!(
        lines(&err),
        [
            "members.json, item 1, column gender: `男性` is not a known gender; expected one of: male (男), female (女)",
            "members.json, item 2, column 出生日期 (birth_date): `1990-02-30` is not a date; \
             expected e.g. 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日",
            "members.json, item 2, column 职务 (roles): found an object, expected text",
            "members.json, item 3, column remark: unknown column with a value in it; expected one of: \
             member_id (委员编号), name (姓名), gender (性别), ethnicity (民族), birth_date (出生日期), party (党派), \
             sector (界别), committee (专委会), roles (职务), joined_on (增补日期), left_on (退出日期), employer (工作单位), \
             title (单位职务), liaison_group (联络组), phone (手机), id_number (身份证号)",
        ]
    );
}

#[test]
fn json_nested_participants_and_syntax() {
    let json = r#"[{"id": "A1", "kind": "meeting", "subtype": "plenary", "title": "全会", "date": "2024-01-10",
        "level": "county", "participants": [
            {"member_id": "M1", "role": "attendee", "attendance": "出席"},
            {"member_id": "M2", "role": "attendee", "attendance": "迟到", "activity_id": "A2"},
            "M3"
        ]}]"#;
    let err = read_json(Table::Activities, "activities.json", json.as_bytes()).unwrap_err();
    let got = lines(&err);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(
        got[0],
        "activities.json, item 1, participant 2, column activity_id: `A2` contradicts the enclosing activity's id `A1`"
    );
    assert!(got[1].starts_with(
        "activities.json, item 1, participant 2, column attendance: `迟到` is not a known attendance"
    ));
    assert_eq!(
        got[2],
        "activities.json, item 1, participant 3, column participants: found text, expected an object"
    );

    let err = read_json(Table::Members, "members.json", b"[{\"id\": \"M1\",}]").unwrap_err();
    assert!(
        lines(&err)[0].starts_with("members.json: malformed JSON at line 1, column 14:"),
        "{}",
        lines(&err)[0]
    );
    let err = read_json(Table::Members, "members.json", b"{\"id\": \"M1\"}").unwrap_err();
    assert!(lines(&err)[0].contains("expected a sequence"), "{}", lines(&err)[0]);
}

#[test]
fn read_dir_reports_the_problems_of_every_file() {
    let dir = copy_fixture("office", |file, bytes| {
        let text = String::from_utf8(bytes).unwrap();
        match file {
            "members.csv" => text.replace("1975/3/8", "1975/3/80").into_bytes(),
            "participations.csv" => text.replace("无故缺席", "缺勤").into_bytes(),
            _ => text.into_bytes(),
        }
    });
    let err = read_dir(dir.path()).unwrap_err();
    let got = lines(&err);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0].contains("members.csv, row 2, column 出生日期 (birth_date): `1975/3/80`"), "{}", got[0]);
    assert!(got[1].contains("participations.csv, row 9, column 出勤 (attendance): `缺勤`"), "{}", got[1]);

    std::fs::write(dir.path().join("members.json"), "[]").unwrap();
    std::fs::remove_file(dir.path().join("committee.json")).unwrap();
    let got = lines(&read_dir(dir.path()).unwrap_err());
    assert!(got[0].ends_with(": no committee.json"), "{got:?}");
    assert!(got[1].ends_with(": both members.csv and members.json; keep one"), "{got:?}");
}
