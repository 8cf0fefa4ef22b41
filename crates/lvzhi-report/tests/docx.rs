//! The Word output opened as what it is: a zip of XML parts.

mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use common::*;
use lvzhi_report::{render_member, render_one, Format, ReportOptions};

fn docx_of(id: &str) -> Vec<u8> {
    let ledger = ledger();
    let m = ix(&ledger, id);
    render_member(&ledger, m, score_of(&ledger, m), &ReportOptions::year(YEAR, Format::Docx)).unwrap()
}

/// Every part of the package, by name, as text.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).unwrap();
            if f.is_dir() {
                return None;
            }
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", f.name()));
            Some((f.name().to_string(), text))
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no part {name}")).1
}

/// A small well-formedness check: every tag opened is closed in order,
/// attribute values are quoted, and no raw `<` or `&` stands in text.
fn assert_well_formed(name: &str, xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#xA;"].contains(&entity),
                "{name}: bare & in text: {entity}"
            );
        }
        let gt = rest[lt..].find('>').unwrap_or_else(|| panic!("{name}: unclosed tag")) + lt;
        let tag = &rest[lt + 1..gt];
        assert!(!tag.contains('<'), "{name}: `<` inside a tag: {tag}");
        if tag.starts_with('?') || tag.starts_with('!') {
        } else if let Some(close) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(close.trim()), "{name}: mismatched </{close}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        assert_eq!(tag.matches('"').count() % 2, 0, "{name}: unbalanced quotes in <{tag}>");
        rest = &rest[gt + 1..];
    }
    assert!(stack.is_empty(), "{name}: unclosed elements {stack:?}");
}

#[test]
fn docx_has_word_structure() {
    let bytes = docx_of("M001");
    let parts = parts(&bytes);
    for name in
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "docProps/core.xml"]
    {
        assert_well_formed(name, part(&parts, name));
    }
    for (name, xml) in &parts {
        assert_well_formed(name, xml);
    }
    let doc = part(&parts, "word/document.xml");
    // A4 portrait with 20 mm side margins, 25 mm top.
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "page size");
    assert!(doc.contains(r#"w:top="1417""#) && doc.contains(r#"w:left="1134""#), "margins");
    // Headings are real heading styles, facts are real tables.
    assert!(doc.contains(r#"<w:pStyle w:val="Title" />"#));
    assert_eq!(
        doc.matches(r#"<w:pStyle w:val="Heading1" />"#).count(),
        8 + 1 + 3,
        "sections + score + narrative"
    );
    assert!(doc.matches("<w:tbl>").count() >= 10, "tables");
    assert!(doc.contains("<w:tblBorders>"), "bordered tables");
    for fact in [
        "王芳",
        "常务委员、委员",
        "出席率 66.67%",
        "关于加强农村寄宿制学校建设的提案（重点提案）",
        "12.5",
        "6234.50",
        "自我评价",
    ] {
        assert!(doc.contains(fact), "document.xml lacks {fact}");
    }
    assert!(doc.contains("（请委员本人填写"), "narrative placeholders");
    let styles = part(&parts, "word/styles.xml");
    assert!(
        styles.contains(r#"w:eastAsia="黑体""#) && styles.contains(r#"w:eastAsia="仿宋""#),
        "Chinese fonts"
    );
    assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains(r#"<w:outlineLvl w:val="0" />"#));
    let footer = parts.iter().find(|(n, _)| n.starts_with("word/footer")).expect("a footer part");
    assert!(footer.1.contains("PAGE"), "page numbers in the footer");
    // Deterministic metadata.
    let core = part(&parts, "docProps/core.xml");
    assert!(core.contains("1970-01-01T00:00:00Z"), "{core}");
}

#[test]
fn docx_never_carries_personal_data() {
    for id in ["M001", HOSTILE_ID] {
        for (name, xml) in parts(&docx_of(id)) {
            assert!(!xml.contains(PHONE) && !xml.contains(ID_NUMBER), "{id}: personal data in {name}");
        }
    }
}

#[test]
fn docx_escapes_hostile_text() {
    let parts = parts(&docx_of(HOSTILE_ID));
    let doc = part(&parts, "word/document.xml");
    assert_well_formed("word/document.xml", doc);
    assert!(
        !doc.contains("<script") && !doc.contains("<img") && !doc.contains("<iframe") && !doc.contains("<b>")
    );
    assert!(doc.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "name kept as text");
    assert!(doc.contains("关于&lt;b&gt;加强&lt;/b&gt;|管理|的提案"), "title kept as text");
    assert!(doc.contains("&amp;amp;"), "an entity in data is text, not an entity");

    // A formula-looking name is plain text in a run, never a field.
    let ledger = ledger();
    let m = ix(&ledger, "M004");
    let bytes = render_member(&ledger, m, None, &ReportOptions::year(YEAR, Format::Docx)).unwrap();
    let doc = part(&parts_of(&bytes), "word/document.xml").to_string();
    assert!(doc.contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;点&quot;)"));
    assert!(!doc.contains("<w:fldSimple") && !doc.contains("<w:instrText"), "no fields in the body");
}

fn parts_of(bytes: &[u8]) -> Vec<(String, String)> {
    parts(bytes)
}

#[test]
fn docx_bytes_are_reproducible() {
    // Render other documents in between: docx-rs numbers paragraphs per thread.
    let first = docx_of("M001");
    let _ = docx_of(HOSTILE_ID);
    assert_eq!(first, docx_of("M001"));
    let mut zip = zip::ZipArchive::new(Cursor::new(&first)).unwrap();
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().expect("a timestamp");
        assert_eq!((t.year(), t.month(), t.day()), (1980, 1, 1), "{} has a clock timestamp", f.name());
    }
}

#[test]
fn converts_to_pdf_with_libreoffice_when_installed() {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find(|c| on_path(c)) else {
        // Written to stderr directly, not with eprintln!, so that the test
        // harness does not capture it: the skip shows in a plain `cargo test`.
        let note = "\nSKIPPED converts_to_pdf_with_libreoffice_when_installed: \
                    neither soffice nor libreoffice is on PATH\n";
        std::io::Write::write_all(&mut std::io::stderr(), note.as_bytes()).unwrap();
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ledger = ledger();
    let m = ix(&ledger, "M001");
    let docx =
        render_one(&ledger, m, score_of(&ledger, m), &ReportOptions::year(YEAR, Format::Docx), dir.path())
            .unwrap();
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.path().display());
    let out = Command::new(soffice)
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("run LibreOffice");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = docx.with_extension("pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
        panic!("no PDF at {}: {e}; LibreOffice said {}", pdf.display(), String::from_utf8_lossy(&out.stdout))
    });
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(bytes.len() > 10_000, "suspiciously small PDF: {} bytes", bytes.len());
}

fn on_path(cmd: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| Path::new(&dir).join(cmd).is_file()))
}

#[test]
fn docx_narrative_text_replaces_the_box() {
    let ledger = ledger();
    let mut data = lvzhi_report::gather(&ledger, ix(&ledger, "M001"), lvzhi_report::Period::year(YEAR), None);
    data.narrative[2].text = Some("一、继续关注教育。\n二、多下基层。".into());
    let bytes = lvzhi_report::render_docx(&data, &lvzhi_report::DocxLayout::default()).unwrap();
    let parts = parts(&bytes);
    let doc = part(&parts, "word/document.xml");
    assert!(doc.contains(">一、继续关注教育。</w:t>") && doc.contains(">二、多下基层。</w:t>"));
    assert!(!doc.contains("下一年度的履职计划和打算"), "hint replaced by the text");
    assert_eq!(doc.matches(r#"w:val="dashed""#).count(), 2 * 4, "two boxes left, four dashed sides each");
}
