//! Golden files of annual reports on the bundled sample committee: two
//! members (the one with most proposals, and one who joined mid-year or the
//! lowest scorer) in HTML and Markdown, scored under tongcheng-2019.
//! Regenerate with `LVZHI_BLESS=1 cargo test -p lvzhi --test sample_reports`.

use std::path::{Path, PathBuf};

use lvzhi::report::{render_member, Format, ReportOptions};
use lvzhi::rules::{evaluate, RuleSet};
use lvzhi::{MemberId, Period};

const YEAR: i32 = 2025;
const MEMBERS: [&str; 2] = ["M0013", "M0074"];

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden").join(name)
}

#[test]
fn sample_reports_match_their_golden_files() {
    let ledger =
        lvzhi::io::load_ledger(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample")).unwrap();
    let rules = RuleSet::preset("tongcheng-2019").unwrap();
    let evaluation = evaluate(&ledger, &rules, Period::year(YEAR));
    let sections = lvzhi::scores::score_sections(&ledger, &evaluation);
    let bless = std::env::var_os("LVZHI_BLESS").is_some();
    let mut stale = Vec::new();
    for id in MEMBERS {
        let id = MemberId::from(id);
        let m = ledger.member_ix(&id).unwrap();
        for (format, ext) in [(Format::Html, "html"), (Format::Markdown, "md")] {
            let bytes =
                render_member(&ledger, m, sections.get(&id).cloned(), &ReportOptions::year(YEAR, format))
                    .unwrap();
            let text = String::from_utf8(bytes).unwrap();
            // Personal data never reaches a report.
            let member = ledger.member(m);
            for secret in [&member.personal.phone, &member.personal.id_number].into_iter().flatten() {
                assert!(!text.contains(secret.as_str()), "{id}: personal data in the {ext} report");
            }
            let path = golden(&format!("{id}.{ext}"));
            if bless {
                std::fs::write(&path, &text).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                std::fs::write(path.with_extension(format!("{ext}.actual")), &text).unwrap();
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(stale.is_empty(), "reports differ from their golden files (see *.actual): {stale:?}");
}
