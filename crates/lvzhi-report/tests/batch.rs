//! The whole committee into one folder, in parallel, with progress.

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use common::*;
use lvzhi_core::Ledger;
use lvzhi_report::{file_name, render_all, Format, Progress, ReportOptions};

fn run(ledger: &Ledger, format: Format, dir: &Path) -> (Vec<std::path::PathBuf>, Vec<Progress>) {
    let seen = Mutex::new(Vec::new());
    let scores = |m| score_of(ledger, m);
    let paths = render_all(ledger, &scores, &ReportOptions::year(YEAR, format), dir, &|p: &Progress| {
        seen.lock().unwrap().push(p.clone())
    })
    .unwrap();
    (paths, seen.into_inner().unwrap())
}

#[test]
fn every_member_in_office_gets_one_file_and_none_collide() {
    let ledger = ledger();
    for format in Format::ALL {
        let dir = tempfile::tempdir().unwrap();
        let (paths, progress) = run(&ledger, format, dir.path());
        // Seven members, one of whom left in 2023.
        assert_eq!(paths.len(), 6, "{format:?}");
        let on_disk: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(on_disk.len(), 6, "{format:?}: a file was overwritten: {on_disk:?}");
        let lower: HashSet<String> =
            paths.iter().map(|p| p.file_name().unwrap().to_str().unwrap().to_lowercase()).collect();
        assert_eq!(lower.len(), 6, "{format:?}: names collide ignoring case: {paths:?}");
        for p in &paths {
            assert_eq!(p.parent().unwrap(), dir.path(), "{} escaped the folder", p.display());
            let name = p.file_name().unwrap().to_str().unwrap();
            assert!(name.ends_with(&format!(".{}", format.extension())), "{name}");
            assert!(!name.contains("..") && !name.contains('/') && !name.contains('\\'), "{name}");
            assert!(!name.chars().any(|c| c.is_control() || "<>:\"|?*".contains(c)), "{name}");
            assert!(std::fs::metadata(p).unwrap().len() > 500, "{name} is nearly empty");
        }
        // Progress: once per file, counting up to the total.
        assert_eq!(progress.len(), 6);
        let mut done: Vec<usize> = progress.iter().map(|p| p.done).collect();
        done.sort();
        assert_eq!(done, (1..=6).collect::<Vec<_>>());
        assert!(progress.iter().all(|p| p.total == 6));
    }
}

#[test]
fn file_names_are_id_then_name_and_unique() {
    let ledger = ledger();
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = run(&ledger, Format::Markdown, dir.path());
    let names: Vec<&str> = paths.iter().map(|p| p.file_name().unwrap().to_str().unwrap()).collect();
    assert!(names.contains(&"M001_王芳.md"), "{names:?}");
    assert!(names.contains(&"M005_王芳.md"), "same name, other id: {names:?}");
    assert!(names.contains(&"m001_王芳~2.md"), "differs from M001 only in case: {names:?}");
    assert!(names.contains(&"M002_李强.md"), "{names:?}");
    let hostile = file_name(ledger.member(ix(&ledger, HOSTILE_ID)), Format::Markdown);
    assert!(hostile.starts_with("etc_M003_"), "{hostile}");
    assert!(names.contains(&hostile.as_str()));
    // The hostile report holds the hostile member's data, not someone else's.
    let text = std::fs::read_to_string(dir.path().join(&hostile)).unwrap();
    assert!(text.contains("../../etc/M003"));
}

#[test]
fn output_folder_is_created_and_reports_have_no_personal_data() {
    let ledger = ledger();
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("2024").join("报告");
    let (paths, _) = run(&ledger, Format::Html, &nested);
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(!text.contains(PHONE) && !text.contains(ID_NUMBER), "{}", p.display());
    }
}

#[test]
fn errors_are_reported_not_swallowed() {
    let ledger = ledger();
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let scores = |_| None;
    let err =
        render_all(&ledger, &scores, &ReportOptions::year(YEAR, Format::Html), &blocker, &|_: &Progress| {})
            .unwrap_err();
    assert!(matches!(err, lvzhi_report::ReportError::Write { .. }), "{err}");
    let missing = lvzhi_report::render_member(
        &ledger,
        lvzhi_core::MemberIx(99),
        None,
        &ReportOptions::year(YEAR, Format::Html),
    );
    assert!(matches!(missing, Err(lvzhi_report::ReportError::UnknownMember(99))));
}

#[test]
fn a_ledger_read_for_scoring_only_writes_no_reports() {
    let full = ledger();
    let mut scoring = Ledger::for_scoring(full.committee().clone());
    scoring.add(full.to_batch()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let options = ReportOptions::year(YEAR, Format::Html);
    let err = render_all(&scoring, &|_| None, &options, dir.path(), &|_: &Progress| {}).unwrap_err();
    assert!(matches!(err, lvzhi_report::ReportError::NoText), "{err}");
    assert!(err.to_string().contains("scoring only"), "{err}");
    let one = lvzhi_report::render_member(&scoring, lvzhi_core::MemberIx(0), None, &options).unwrap_err();
    assert!(matches!(one, lvzhi_report::ReportError::NoText));
    assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0, "nothing written");
}
