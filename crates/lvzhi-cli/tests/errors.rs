//! Bad arguments (exit 2), bad data and rule files (exit 1, naming file,
//! row and column or line and column), unreadable files (exit 3) and store
//! errors (exit 4), each with its message on stderr and nothing on stdout.

mod common;

use common::*;

#[test]
fn bad_arguments_exit_2() {
    let data = s(&sample("sample")).to_string();
    let tmp = tempfile::tempdir().unwrap();
    let store = s(&tmp.path().join("s.lvzhi")).to_string();
    for args in [
        vec!["frobnicate"],
        vec![],
        vec!["validate"],
        vec!["import", "--store", &store],
        vec!["evaluate", "--data", &data, "--year", "2025"],
        vec!["evaluate", "--data", &data, "--preset", "minhang"],
        vec!["evaluate", "--data", &data, "--store", &store, "--preset", "minhang", "--year", "2025"],
        vec!["evaluate", "--data", &data, "--as-of", "2025-01-01", "--preset", "minhang", "--year", "2025"],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--rules", "x.toml", "--year", "2025"],
        vec!["evaluate", "--data", &data, "--preset", "nowhere", "--year", "2025"],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--year", "twenty"],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--year", "2025", "--explain", "M9999"],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--year", "2025", "--out", "x.txt"],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--year", "2025", "--excel"],
        vec![
            "evaluate",
            "--data",
            &data,
            "--preset",
            "minhang",
            "--year",
            "2025",
            "--explain",
            "M0001",
            "--out",
            "x.csv",
        ],
        vec!["evaluate", "--data", &data, "--preset", "minhang", "--year", "2025", "--format", "yaml"],
        vec!["export", "--store", &store, "--out", "x", "--as-of", "last tuesday"],
        vec!["export", "--store", &store, "--out", "x", "--format", "pdf"],
        vec!["report", "--data", &data, "--year", "2025", "--out", "x", "--format", "pdf"],
        vec!["report", "--data", &data, "--year", "2025", "--out", "x", "--member", "M9999"],
        vec!["presets", "show", "nowhere"],
    ] {
        let run = lvzhi_in(tmp.path(), &args).expect(2);
        assert!(!run.stderr.trim().is_empty(), "{args:?}: no message");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert!(!tmp.path().join("s.lvzhi").exists(), "a failed command created the store");
}

#[test]
fn a_bad_data_cell_is_named_by_file_row_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    // Row 3 of members.csv (the second member) gets a gender that is no gender.
    let data = edited_sample(tmp.path(), "data", |file, text| {
        if file != "members.csv" {
            return text;
        }
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let cells: Vec<&str> = lines[2].split(',').collect();
        assert!(cells[2] == "male" || cells[2] == "female", "{}", lines[2]);
        lines[2] = lines[2].replacen(&format!(",{},", cells[2]), ",男性,", 1);
        lines.join("\n") + "\n"
    });
    let run = lvzhi(&["validate", s(&data)]).expect(1);
    assert!(run.stderr.contains("members.csv, row 3, column gender"), "{}", run.stderr);
    assert_eq!(run.stdout, "");

    let v = lvzhi(&["validate", s(&data), "--format", "json"]).expect(1).json();
    assert_eq!(v["data"]["valid"], false);
    let error = &v["data"]["errors"][0];
    assert!(error["file"].as_str().unwrap().ends_with("members.csv"), "{error}");
    assert_eq!((error["row"].as_u64(), error["column"].as_str()), (Some(3), Some("gender")));

    // Importing it is refused the same way, and the store keeps nothing.
    let store = tmp.path().join("s.lvzhi");
    let run = lvzhi(&["import", "--store", s(&store), s(&data)]).expect(1);
    assert!(run.stderr.contains("members.csv, row 3, column gender"), "{}", run.stderr);
    // … as are evaluating and reporting on it.
    let args = ["evaluate", "--data", s(&data), "--preset", "minhang", "--year", "2025"];
    assert!(lvzhi(&args).expect(1).stderr.contains("row 3"));
}

#[test]
fn records_the_ledger_refuses_are_named_by_file_and_row() {
    let tmp = tempfile::tempdir().unwrap();
    // A participation of a member who does not exist.
    let data = edited_sample(tmp.path(), "data", |file, text| {
        if file == "participations.csv" {
            text + "HY0001,M9999,attendee,present,,,false,false,\n"
        } else {
            text
        }
    });
    let lines = std::fs::read_to_string(data.join("participations.csv")).unwrap().lines().count();
    let run = lvzhi(&["validate", s(&data)]).expect(1);
    let expected = format!("participations.csv, row {lines}, column member_id: unknown member `M9999`");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    let store = sample_store(tmp.path());
    let run = lvzhi(&["import", "--store", s(&store), s(&data)]).expect(1);
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(run.stderr.contains("nothing imported"), "{}", run.stderr);
}

#[test]
fn a_bad_rule_file_is_named_by_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("办法.toml");
    std::fs::write(
        &rules,
        "[method]\nid = \"x\"\nname = \"测试\"\n\n[[category]]\nid = \"a\"\nname = \"提案\"\nmaxx = 10\n",
    )
    .unwrap();
    let run = lvzhi(&["validate", "--rules", s(&rules)]).expect(1);
    let expected = format!("{}:8:1: unknown field `maxx`", rules.display());
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    let v = lvzhi(&["validate", "--rules", s(&rules), "--format", "json"]).expect(1).json();
    assert_eq!(v["rules"]["valid"], false);
    assert_eq!(
        (v["rules"]["errors"][0]["line"].as_u64(), v["rules"]["errors"][0]["column"].as_u64()),
        (Some(8), Some(1))
    );

    let data = s(&sample("sample")).to_string();
    let run = lvzhi(&["evaluate", "--data", &data, "--rules", s(&rules), "--year", "2025"]).expect(1);
    assert!(run.stderr.contains(&expected), "{}", run.stderr);

    // Well-formed TOML saying something impossible: line and column of the value.
    std::fs::write(
        &rules,
        "[method]\nid = \"x\"\nname = \"测试\"\n\n[[category]]\nid = \"a\"\nname = \"提案\"\nmax = -5\n",
    )
    .unwrap();
    let run = lvzhi(&["validate", "--rules", s(&rules)]).expect(1);
    assert!(run.stderr.contains(&format!("{}:8:", rules.display())), "{}", run.stderr);
}

#[test]
fn a_bad_template_is_bad_input() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("report.md.j2"), "{% if %}\n").unwrap();
    let data = s(&sample("sample")).to_string();
    let args = [
        "report",
        "--data",
        &data,
        "--year",
        "2025",
        "--format",
        "md",
        "--templates",
        s(tmp.path()),
        "--out",
        "x",
    ];
    let run = lvzhi_in(tmp.path(), &args).expect(1);
    assert!(run.stderr.contains("report.md.j2"), "{}", run.stderr);
}

#[test]
fn missing_files_exit_3() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("nowhere");
    let n = s(&nowhere).to_string();
    let store = s(&tmp.path().join("s.lvzhi")).to_string();
    for args in [
        vec!["validate", &n],
        vec!["validate", "--rules", &n],
        vec!["evaluate", "--data", &n, "--preset", "minhang", "--year", "2025"],
        vec!["evaluate", "--store", &n, "--preset", "minhang", "--year", "2025"],
        vec!["export", "--store", &n, "--out", "x"],
        vec!["import", "--store", &store, &n],
    ] {
        let run = lvzhi(&args).expect(3);
        assert!(run.stderr.contains("nowhere"), "{args:?}: {}", run.stderr);
    }
    // An output that cannot be written.
    let data = s(&sample("sample")).to_string();
    let out = format!("{n}/deeper/ranking.csv");
    let run = lvzhi(&["evaluate", "--data", &data, "--preset", "minhang", "--year", "2025", "--out", &out]);
    run.expect(3);
}

#[test]
fn store_errors_exit_4() {
    let tmp = tempfile::tempdir().unwrap();
    // Not an lvzhi store.
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库 — not a database, just some text long enough to be read as a header")
        .unwrap();
    let data = s(&sample("sample")).to_string();
    let run = lvzhi(&["import", "--store", s(&text), &data]).expect(4);
    assert!(run.stderr.contains("notes.txt"), "{}", run.stderr);
    lvzhi(&["evaluate", "--store", s(&text), "--preset", "minhang", "--year", "2025"]).expect(4);

    // History only moves forward.
    let store = sample_store(tmp.path());
    let run = lvzhi(&["import", "--store", s(&store), &data, "--at", "2025-12-31"]).expect(4);
    assert!(run.stderr.contains("history only moves forward"), "{}", run.stderr);
    // Before the first import there is nothing to rebuild.
    let run = lvzhi(&[
        "evaluate",
        "--store",
        s(&store),
        "--as-of",
        "2025-12-31",
        "--preset",
        "minhang",
        "--year",
        "2025",
    ]);
    assert!(run.expect(4).stderr.contains("no committee"));
}

#[test]
fn tables_without_a_committee_cannot_start_a_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s.lvzhi");
    let members = sample("sample").join("members.csv");
    let run = lvzhi(&["import", "--store", s(&store), s(&members)]).expect(1);
    assert!(run.stderr.contains("committee.json"), "{}", run.stderr);
    assert!(!store.exists(), "an empty store was left behind");
    // A file whose table cannot be told from its name.
    let odd = tmp.path().join("data.csv");
    std::fs::copy(&members, &odd).unwrap();
    lvzhi(&["import", "--store", s(&store), s(&odd)]).expect(2);
}
