//! Every subcommand of the built binary doing its job.

mod common;

use common::*;

const SUBCOMMANDS: [&str; 9] =
    ["demo", "import", "validate", "evaluate", "rank", "report", "presets", "export", "generate"];

#[test]
fn every_subcommand_has_help_in_chinese_and_english() {
    let top = lvzhi(&["--help"]).expect(0);
    for sub in SUBCOMMANDS {
        assert!(top.stdout.contains(sub), "{sub} missing from --help:\n{}", top.stdout);
    }
    assert!(top.stdout.contains("退出码 / exit codes"), "{}", top.stdout);
    for (sub, chinese, english) in [
        ("demo", "样例委员会", "bundled sample"),
        ("import", "导入", "Import"),
        ("validate", "校验", "Validate"),
        ("evaluate", "考评", "Evaluate"),
        ("rank", "全国/全省排名", "Parquet folder"),
        ("report", "年度履职报告", "annual duty reports"),
        ("presets", "内置考评办法", "preset"),
        ("export", "导出", "Export"),
        ("generate", "样例数据", "sample committee"),
    ] {
        let help = lvzhi(&[sub, "--help"]).expect(0);
        assert!(
            help.stdout.contains(chinese) && help.stdout.contains(english),
            "{sub} --help:\n{}",
            help.stdout
        );
        assert!(help.stdout.contains("--quiet"), "{sub} --help lacks --quiet");
    }
}

#[test]
fn demo_prints_the_main_job_and_writes_every_report() {
    let tmp = tempfile::tempdir().unwrap();
    let run = lvzhi_in(tmp.path(), &["demo", "--out", "o"]).expect(0);
    for expected in
        ["政协", "名委员", "提案", "合计", "年度 考评", "名次", "总分", "等次:", "份年度履职报告已写入"]
    {
        assert!(run.stdout.contains(expected), "`{expected}` missing:\n{}", run.stdout);
    }
    let reports = std::fs::read_dir(tmp.path().join("o/reports")).unwrap().count();
    assert_eq!(reports, 120);
    // Quiet: the same work, nothing printed.
    let quiet = lvzhi_in(tmp.path(), &["demo", "--out", "q", "--quiet"]).expect(0);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    assert_eq!(std::fs::read_dir(tmp.path().join("q/reports")).unwrap().count(), 120);
}

#[test]
fn import_is_idempotent_and_counts_what_it_did() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s.lvzhi");
    let first = lvzhi(&["import", "--store", s(&store), s(&sample("sample")), "--by", "办公室"]).expect(0);
    assert!(first.stdout.contains("新增 inserted:  120 members, 546 activities"), "{}", first.stdout);
    let again = lvzhi(&["import", "--store", s(&store), s(&sample("sample")), "--format", "json"]).expect(0);
    let v = again.json();
    assert_eq!(v["inserted"]["members"], 0);
    assert_eq!(v["unchanged"]["members"], 120);
    assert_eq!(v["unchanged"]["activities"], 546);
    assert_eq!(v["same_content_as"], 2, "import 1 set the committee, import 2 the records");
    assert_eq!(v["committee_changed"], false);
    // The Excel (GB18030, Chinese headers) and JSON copies are the same records.
    for copy in ["sample-excel", "sample-json"] {
        let v =
            lvzhi(&["import", "--store", s(&store), s(&sample(copy)), "--format", "json"]).expect(0).json();
        assert_eq!(v["unchanged"]["participations"], 2883, "{copy}");
        for tally in ["inserted", "updated"] {
            for table in ["members", "activities", "participations"] {
                assert_eq!(v[tally][table], 0, "{copy}: {tally} {table}");
            }
        }
    }
    // Quiet: nothing printed.
    let quiet = lvzhi(&["import", "--store", s(&store), s(&sample("sample")), "-q"]).expect(0);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
}

#[test]
fn import_takes_single_table_files_once_the_committee_is_known() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s.lvzhi");
    let dir = sample("sample");
    let committee = dir.join("committee.json");
    let members = dir.join("members.csv");
    let v = lvzhi(&["import", "--store", s(&store), s(&committee), s(&members), "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(v["committee_changed"], true);
    assert_eq!(v["inserted"]["members"], 120);
    let more = [dir.join("activities.csv"), dir.join("participations.csv")];
    let more = [s(&more[0]), s(&more[1])];
    let v = lvzhi(&["import", "--store", s(&store), more[0], more[1], "--format", "json"]).expect(0).json();
    assert_eq!(v["inserted"]["activities"], 546);
    assert_eq!(v["committee_changed"], false);
}

#[test]
fn validate_accepts_the_sample_and_the_presets() {
    let run = lvzhi(&["validate", s(&sample("sample"))]).expect(0);
    assert!(
        run.stdout.contains("120 members, 546 activities") && run.stdout.contains("valid"),
        "{}",
        run.stdout
    );
    let preset = sample("../crates/lvzhi-rules/presets/jinan-2015.toml");
    let v = lvzhi(&["validate", s(&sample("sample-excel")), "--rules", s(&preset), "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(v["data"]["valid"], true);
    assert_eq!(v["data"]["members"], 120);
    assert_eq!(v["rules"]["valid"], true);
    assert_eq!(v["rules"]["id"], "jinan-2015");
    assert_eq!(lvzhi(&["validate", s(&sample("sample-json")), "-q"]).expect(0).stdout, "");
}

#[test]
fn evaluate_prints_the_ranking_and_writes_csv_excel_csv_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let data = s(&sample("sample")).to_string();
    let base = ["evaluate", "--data", &data, "--preset", "tongcheng-2019", "--year", "2025"];
    let run = lvzhi(&base).expect(0);
    assert!(run.stdout.contains("桐城市政协委员履职考核暂行办法"), "{}", run.stdout);
    let header = run.stdout.lines().find(|l| l.starts_with("名次")).unwrap();
    for column in ["委员编号", "姓名", "界别", "总分", "会议出席", "提案", "等次", "界别排名", "关注事项"]
    {
        assert!(header.contains(column), "{header}");
    }

    let csv = tmp.path().join("ranking.csv");
    let quiet = lvzhi(&[&base[..], &["--out", s(&csv), "-q"]].concat()).expect(0);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("rank,member_id,name,sector,total,subtotal_attendance,"), "{}", lines[0]);
    assert_eq!(lines.len(), 121);
    assert!(lines[1].starts_with("1,"));

    let json = tmp.path().join("ranking.json");
    lvzhi(&[&base[..], &["--out", s(&json), "-q"]].concat()).expect(0);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(v["rule_set"], "tongcheng-2019");
    assert_eq!(v["rows"].as_array().unwrap().len(), 120);
    assert!(v["rows"][0]["total"].is_string(), "points are exact decimals, written as text");

    let stdout = lvzhi(&[&base[..], &["--format", "json"]].concat()).expect(0).json();
    assert_eq!(stdout, v, "--format json prints what --out FILE.json writes");
}

#[test]
fn excel_csv_is_gb18030_with_chinese_headers_and_formulas_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    // A member whose name (as typed into a spreadsheet) starts like a formula.
    let data = edited_sample(tmp.path(), "data", |file, text| {
        if file == "members.csv" {
            text.replacen("M0001,张庆彬,", "M0001,=SUM(A1:A9),", 1)
        } else {
            text
        }
    });
    let out = tmp.path().join("排名.csv");
    let args = ["evaluate", "--data", s(&data), "--preset", "tongcheng-2019", "--year", "2025"];
    lvzhi(&[&args[..], &["--out", s(&out), "--excel", "-q"]].concat()).expect(0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "expected GB18030, found UTF-8");
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("名次,委员编号,姓名,界别,总分,会议出席,"), "{text}");
    assert!(text.contains("\r\n"));
    assert!(text.contains(",M0001,'=SUM(A1:A9),"), "not neutralised:\n{text}");
    assert!(!text.lines().any(|l| l.split(',').any(|c| c.starts_with('='))));
}

#[test]
fn evaluate_explains_a_member() {
    let data = s(&sample("sample")).to_string();
    let base =
        ["evaluate", "--data", &data, "--preset", "tongcheng-2019", "--year", "2025", "--explain", LEAD];
    let run = lvzhi(&base).expect(0);
    assert!(run.stdout.starts_with(&format!("{LEAD} · tongcheng-2019 · 2025: total ")), "{}", run.stdout);
    assert!(run.stdout.contains(PROPOSAL), "{}", run.stdout);
    let card = lvzhi(&[&base[..], &["--format", "json"]].concat()).expect(0).json();
    assert_eq!(card["member"], LEAD);
}

/// The total of the lead of `PROPOSAL` printed by `evaluate --explain … --format json`.
fn lead_total(source: &[&str]) -> String {
    let args = [
        &["evaluate"],
        source,
        &["--preset", "tongcheng-2019", "--year", "2025", "--explain", LEAD, "--format", "json"],
    ];
    lvzhi(&args.concat()).expect(0).json()["total"].as_str().unwrap().to_string()
}

#[test]
fn evaluate_as_of_a_date_before_a_change_gives_the_old_score() {
    let tmp = tempfile::tempdir().unwrap();
    let store = sample_store(tmp.path());
    let filed = sample_with_proposal_filed(tmp.path());
    let v = lvzhi(&[
        "import",
        "--store",
        s(&store),
        s(&filed),
        "--at",
        "2026-03-01T10:00:00+08:00",
        "--format",
        "json",
    ])
    .expect(0)
    .json();
    assert_eq!(v["updated"]["activities"], 1);

    let old = lead_total(&["--data", s(&sample("sample"))]);
    let new = lead_total(&["--data", s(&filed)]);
    assert_ne!(old, new);
    assert_eq!(lead_total(&["--store", s(&store)]), new);
    assert_eq!(lead_total(&["--store", s(&store), "--as-of", "2026-02-28"]), old);
    assert_eq!(lead_total(&["--store", s(&store), "--as-of", "2026-03-01T09:59:59+08:00"]), old);
    // A date means the end of that day in China time: the change at 10:00 is in.
    assert_eq!(lead_total(&["--store", s(&store), "--as-of", "2026-03-01"]), new);
}

#[test]
fn report_writes_one_member_or_all() {
    let tmp = tempfile::tempdir().unwrap();
    let store = sample_store(tmp.path());
    let one = tmp.path().join("one");
    let run = lvzhi(&[
        "report",
        "--store",
        s(&store),
        "--member",
        LEAD,
        "--year",
        "2025",
        "--preset",
        "tongcheng-2019",
        "--format",
        "markdown",
        "--out",
        s(&one),
    ])
    .expect(0);
    assert!(run.stdout.contains("report written to"), "{}", run.stdout);
    let files: Vec<_> = std::fs::read_dir(&one).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(files[0].to_string_lossy().contains(LEAD) && text.contains("桐城市政协委员履职考核暂行办法"));

    let all = tmp.path().join("all");
    let data = s(&sample("sample")).to_string();
    let quiet =
        lvzhi(&["report", "--data", &data, "--year", "2025", "--format", "docx", "--out", s(&all), "-q"]);
    let quiet = quiet.expect(0);
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    let docx: Vec<_> = std::fs::read_dir(&all).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(docx.len(), 120);
    assert!(docx.iter().all(|p| p.extension().unwrap() == "docx"));

    // Templates from a folder override the defaults.
    let templates = tmp.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("report.md.j2"), "# {{ member.name }} 自定义模板\n").unwrap();
    let custom = tmp.path().join("custom");
    lvzhi(&[
        "report",
        "--data",
        &data,
        "--member",
        LEAD,
        "--year",
        "2025",
        "--format",
        "md",
        "--templates",
        s(&templates),
        "--out",
        s(&custom),
        "-q",
    ])
    .expect(0);
    let file = std::fs::read_dir(&custom).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.starts_with("# ") && text.contains("自定义模板"), "{text}");
}

#[test]
fn presets_lists_and_shows() {
    let run = lvzhi(&["presets"]).expect(0);
    for id in ["tongcheng-2019", "minhang", "xuanwei", "yanbian-2022", "jinan-2015"] {
        assert!(run.stdout.contains(id), "{}", run.stdout);
    }
    assert!(run.stdout.contains("政协桐城市委员会"), "issuer missing:\n{}", run.stdout);
    let v = lvzhi(&["presets", "--format", "json"]).expect(0).json();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert_eq!(list[0]["id"], "tongcheng-2019");
    assert!(list[0]["name"].as_str().unwrap().contains("桐城"));
    let show = lvzhi(&["presets", "show", "minhang"]).expect(0);
    assert!(show.stdout.contains("[method]") && show.stdout.contains("id = \"minhang\""), "{}", show.stdout);
}

#[test]
fn export_writes_the_store_now_or_as_of_a_date() {
    let tmp = tempfile::tempdir().unwrap();
    let store = sample_store(tmp.path());
    let filed = sample_with_proposal_filed(tmp.path());
    lvzhi(&["import", "--store", s(&store), s(&filed), "--at", "2026-03-01", "-q"]).expect(0);

    let now = tmp.path().join("now");
    let run = lvzhi(&["export", "--store", s(&store), "--out", s(&now), "--format", "json"]).expect(0);
    assert!(run.stdout.contains("120 members, 546 activities"), "{}", run.stdout);
    assert!(now.join("activities.json").is_file());
    lvzhi(&["validate", s(&now), "-q"]).expect(0);
    assert_eq!(lead_total(&["--data", s(&now)]), lead_total(&["--data", s(&filed)]));

    let then = tmp.path().join("then");
    lvzhi(&["export", "--store", s(&store), "--out", s(&then), "--as-of", "2026-02-01", "-q"]).expect(0);
    let csv = std::fs::read_to_string(then.join("activities.csv")).unwrap();
    assert!(csv.lines().any(|l| l.starts_with(PROPOSAL) && l.contains(",not_filed,")));
    assert_eq!(lead_total(&["--data", s(&then)]), lead_total(&["--data", s(&sample("sample"))]));

    let excel = tmp.path().join("excel");
    lvzhi(&["export", "--store", s(&store), "--out", s(&excel), "--format", "excel", "-q"]).expect(0);
    let bytes = std::fs::read(excel.join("members.csv")).unwrap();
    assert!(encoding_rs::GB18030.decode(&bytes).0.starts_with("委员编号,姓名"));
}

#[test]
fn generate_writes_a_committee_that_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("gen");
    let run = lvzhi(&["generate", "--out", s(&out), "--seed", "7", "--members", "30"]).expect(0);
    assert!(run.stdout.contains("30 members"), "{}", run.stdout);
    lvzhi(&["validate", s(&out)]).expect(0);
}

#[test]
fn rank_scores_a_parquet_folder_as_evaluate_scores_the_same_committee() {
    let tmp = tempfile::tempdir().unwrap();
    let (pq, csv) = (tmp.path().join("pq"), tmp.path().join("csv"));
    lvzhi(&["generate", "--scale", "county", "--parquet", "--seed", "3", "--out", s(&pq), "-q"]).expect(0);
    lvzhi(&["generate", "--scale", "county", "--seed", "3", "--out", s(&csv), "-q"]).expect(0);
    let year = ["--preset", "jinan-2015", "--year", "2025"];

    let ranked = tmp.path().join("rank.csv");
    let run = lvzhi(&[&["rank", s(&pq)][..], &year, &["--out", s(&ranked), "--top", "3"]].concat()).expect(0);
    assert!(run.stdout.contains("1 个委员会, 150 名委员"), "{}", run.stdout);
    assert!(run.stdout.contains("委员会内名次"), "{}", run.stdout);
    let evaluated = tmp.path().join("evaluate.csv");
    lvzhi(&[&["evaluate", "--data", s(&csv)][..], &year, &["--out", s(&evaluated), "-q"]].concat()).expect(0);

    // member id → (rank, total), from each file's columns by name.
    let read = |path: &std::path::Path| -> std::collections::BTreeMap<String, (String, String)> {
        let text = std::fs::read_to_string(path).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let (id, rank, total) = (col("member_id"), col("rank"), col("total"));
        lines
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[id].to_string(), (cells[rank].to_string(), cells[total].to_string()))
            })
            .collect()
    };
    let (by_rank, by_evaluate) = (read(&ranked), read(&evaluated));
    assert_eq!(by_rank.len(), 150);
    assert_eq!(by_rank, by_evaluate, "the same committee, the same totals and places");
    let header = std::fs::read_to_string(&ranked).unwrap();
    assert!(header.starts_with("rank,member_id,committee,total,subtotal_"), "{header}");

    let json =
        lvzhi(&[&["rank", s(&pq)][..], &year, &["--top", "2", "--format", "json"]].concat()).expect(0).json();
    assert_eq!(json["members"], 150);
    assert_eq!(json["top"].as_array().unwrap().len(), 2);
    assert_eq!(json["top"][0]["rank"], "1");

    let excel = tmp.path().join("排名.csv");
    lvzhi(&[&["rank", s(&pq)][..], &year, &["--out", s(&excel), "--excel", "-q"]].concat()).expect(0);
    let bytes = std::fs::read(&excel).unwrap();
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert!(text.starts_with("名次,委员编号,委员会,总分,基本分,奖励分,等次,委员会内名次\r\n"), "{text}");

    // CSV only; a missing folder is an I/O error naming it.
    let bad = lvzhi(&[&["rank", s(&pq)][..], &year, &["--out", "x.json"]].concat()).expect(2);
    assert!(bad.stderr.contains("*.csv"), "{}", bad.stderr);
    let missing = lvzhi(&[&["rank", s(&tmp.path().join("nowhere"))][..], &year].concat()).expect(3);
    assert!(missing.stderr.contains("nowhere"), "{}", missing.stderr);
}
