//! Golden-file tests: the HTML and Markdown of fixture members compared byte
//! for byte with tests/golden/. Regenerate with `LVZHI_BLESS=1 cargo test -p
//! lvzhi-report --test golden` and review the diff.

mod common;

use std::path::PathBuf;

use common::*;
use lvzhi_report::{gather, render_bytes, Format, ReportOptions};

fn check(file: &str, actual: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file);
    if std::env::var_os("LVZHI_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with LVZHI_BLESS=1 to create it", path.display()));
    if expected != actual {
        let got = path.with_extension(format!("{}.actual", path.extension().unwrap().to_str().unwrap()));
        std::fs::write(&got, actual).unwrap();
        panic!(
            "{} differs from the golden file; the output is in {} (LVZHI_BLESS=1 regenerates)",
            path.display(),
            got.display()
        );
    }
}

fn render(id: &str, format: Format, with_score: bool) -> Vec<u8> {
    let ledger = ledger();
    let m = ix(&ledger, id);
    let score = if with_score { score_of(&ledger, m) } else { None };
    let mut options = ReportOptions::year(YEAR, format);
    options.generated_on = Some(d(2025, 1, 5));
    let data = gather(&ledger, m, options.period, score).with_generated_on(options.generated_on);
    render_bytes(&data, &options).unwrap()
}

#[test]
fn golden_html_full_member_with_score() {
    check("M001.html", &render("M001", Format::Html, true));
}

#[test]
fn golden_markdown_full_member_with_score() {
    check("M001.md", &render("M001", Format::Markdown, true));
}

#[test]
fn golden_facts_only_part_year_member() {
    check("M002.html", &render("M002", Format::Html, false));
    check("M002.md", &render("M002", Format::Markdown, false));
}

#[test]
fn golden_hostile_member() {
    check("M003.html", &render(HOSTILE_ID, Format::Html, true));
    check("M003.md", &render(HOSTILE_ID, Format::Markdown, true));
}

#[test]
fn rendering_is_deterministic() {
    for format in [Format::Html, Format::Markdown, Format::Docx] {
        assert_eq!(render("M001", format, true), render("M001", format, true), "{format:?}");
    }
}
