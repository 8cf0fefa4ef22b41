//! The bundled sample committee (data/sample*) read from every format the
//! offices use gives one and the same ledger, and is what the seeded
//! generator makes (so `scripts/make-sample.sh` reproduces it exactly).

use std::path::{Path, PathBuf};

use lvzhi::io::{load_ledger, write_dataset, Format};
use lvzhi::{ActivityKind, Attendance, Ledger, ProposalStatus, Vocabulary};

const SEED: u64 = 2025;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data").join(name)
}

fn sample() -> Ledger {
    load_ledger(data("sample")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn utf8_gb18030_and_json_copies_give_identical_ledgers() {
    let utf8 = sample();
    let excel = load_ledger(data("sample-excel")).unwrap_or_else(|e| panic!("{e}"));
    let json = load_ledger(data("sample-json")).unwrap_or_else(|e| panic!("{e}"));
    assert!(utf8 == excel, "GB18030 / Chinese-header copy differs from the UTF-8 one");
    assert!(utf8 == json, "JSON copy differs from the CSV one");
}

#[test]
fn the_excel_copy_really_is_gb18030_with_chinese_headers() {
    let bytes = std::fs::read(data("sample-excel/members.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "expected GB18030 bytes, found valid UTF-8");
    let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
    assert!(!bad);
    assert!(text.lines().next().unwrap().contains("姓名"), "{}", text.lines().next().unwrap());
}

#[test]
fn the_sample_is_a_realistic_county_year() {
    let l = sample();
    assert_eq!(l.committee().level, lvzhi::Level::County);
    assert!((100..=150).contains(&l.members().len()), "{}", l.members().len());
    for kind in ActivityKind::ALL {
        assert!(!l.activities_of_kind(*kind).is_empty(), "no {kind} in the sample");
    }
    let attendance: Vec<_> = l.participations().iter().filter_map(|p| p.attendance).collect();
    for a in [Attendance::Present, Attendance::Excused, Attendance::Unexcused] {
        assert!(attendance.contains(&a), "no {a} attendance in the sample");
    }
    let statuses: Vec<_> = l
        .activities()
        .iter()
        .filter_map(|a| match &a.detail {
            lvzhi::ActivityDetail::Proposal(p) => Some(p.status),
            _ => None,
        })
        .collect();
    for s in [ProposalStatus::Filed, ProposalStatus::NotFiled, ProposalStatus::Merged, ProposalStatus::Closed]
    {
        assert!(statuses.contains(&s), "no {s} proposal in the sample");
    }
}

#[test]
fn the_committed_sample_is_what_the_generator_makes() {
    let generated = lvzhi::gen::county(SEED);
    for (dir, format) in
        [("sample", Format::Csv), ("sample-excel", Format::ExcelCsv), ("sample-json", Format::Json)]
    {
        let tmp = tempfile::tempdir().unwrap();
        write_dataset(&generated.committee, &generated.batch, tmp.path(), format).unwrap();
        for entry in std::fs::read_dir(tmp.path()).unwrap() {
            let entry = entry.unwrap();
            let committed = data(dir).join(entry.file_name());
            let want = std::fs::read(entry.path()).unwrap();
            let have = std::fs::read(&committed).unwrap_or_else(|e| panic!("{}: {e}", committed.display()));
            assert!(
                want == have,
                "{} differs from the generator's output: run scripts/make-sample.sh",
                committed.display()
            );
        }
    }
}
