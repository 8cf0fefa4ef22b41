//! The template example in docs/reports.md renders against the fixture.

mod common;

use common::*;
use lvzhi_report::{gather, Period, Templates};

#[test]
fn the_documented_template_example_works() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/reports.md")).unwrap();
    let start = doc.find("```jinja\n").expect("a jinja example in docs/reports.md") + "```jinja\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.html.j2"), example).unwrap();
    let templates = Templates::from_dir(dir.path()).unwrap();

    let ledger = ledger();
    let html =
        templates.render_html(&gather(&ledger, ix(&ledger, "M004"), Period::year(YEAR), None)).unwrap();
    assert!(html.contains("政协某县委员会办公室 制"), "{html}");
    assert!(html.contains("缺席 1 次，出席率 0%"), "{html}");
    assert!(html.contains("缺席：2024年1月10日 十届三次全体会议"), "{html}");
    let html =
        templates.render_html(&gather(&ledger, ix(&ledger, "M001"), Period::year(YEAR), None)).unwrap();
    assert!(!html.contains("缺席："), "{html}");
}
