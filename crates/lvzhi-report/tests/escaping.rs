//! Hostile names, titles and categories cannot inject markup into any format.

mod common;

use common::*;
use lvzhi_report::{gather, render_bytes, Format, ReportOptions};

fn render(id: &str, format: Format) -> String {
    let ledger = ledger();
    let m = ix(&ledger, id);
    let data = gather(&ledger, m, lvzhi_report::Period::year(YEAR), score_of(&ledger, m));
    String::from_utf8(render_bytes(&data, &ReportOptions::year(YEAR, format)).unwrap()).unwrap()
}

#[test]
fn html_escapes_every_value() {
    let html = render(HOSTILE_ID, Format::Html);
    for bad in ["<script>alert", "<b>加强", "<img src=x", "<iframe", "<b>其他", "<script>x"] {
        assert!(!html.contains(bad), "raw markup {bad:?} in HTML");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;&#x2f;script&gt;"), "name shown as text");
    assert!(html.contains("&amp;amp;"), "entities in data are shown, not interpreted");
    // The only <script and <img in the document would be ours; there are none.
    assert_eq!(html.matches("<script").count(), 0);
    // The chart's category labels are escaped too.
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(svg.contains("[注入](http://evil.example)"), "label shown as text in SVG");
    assert!(!svg.contains("<a "));
}

/// Cells of a Markdown table row, splitting on `|` not escaped by a backslash.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
        if c != '\\' {
            escaped = false;
        }
    }
    count - 1
}

#[test]
fn markdown_tables_keep_their_shape_and_no_markup_gets_through() {
    let md = render(HOSTILE_ID, Format::Markdown);
    let mut header_cells = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            header_cells = None;
            continue;
        }
        let n = cells(line);
        match header_cells {
            None => header_cells = Some(n),
            Some(h) => assert_eq!(n, h, "row has {n} cells, header {h}: {line}"),
        }
    }
    for bad in ["<script", "<b>", "<img", "<iframe", "**粗**", "`代码`", "http://"] {
        assert!(!md.contains(bad), "{bad:?} reached the Markdown:\n{md}");
    }
    // Every `](` that could close a link text is escaped.
    for (i, _) in md.match_indices("](") {
        assert_eq!(&md[i - 1..i], "\\", "unescaped link at {}", &md[i.saturating_sub(20)..i + 10]);
    }
    assert!(md.contains("\\[链接\\](http\\://evil.example)"));
}

#[test]
fn personal_data_never_printed() {
    for format in [Format::Html, Format::Markdown] {
        for id in ["M001", HOSTILE_ID] {
            let out = render(id, format);
            assert!(!out.contains(PHONE) && !out.contains(ID_NUMBER), "{format:?} {id}");
        }
    }
    let json = serde_json::to_string(&gather(
        &ledger(),
        ix(&ledger(), "M001"),
        lvzhi_report::Period::year(YEAR),
        None,
    ))
    .unwrap();
    assert!(!json.contains(PHONE) && !json.contains(ID_NUMBER));
}

#[test]
fn narrative_text_keeps_paragraphs_and_is_escaped() {
    let ledger = ledger();
    let mut data = gather(&ledger, ix(&ledger, "M001"), lvzhi_report::Period::year(YEAR), None);
    data.narrative[0].text = Some("第一段<b>粗</b>。\n\n| 第二段 |\n".into());
    let render = |format| {
        let bytes = render_bytes(&data, &ReportOptions::year(YEAR, format)).unwrap();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let html = render(Format::Html);
    assert!(html.contains("<p>第一段&lt;b&gt;粗&lt;&#x2f;b&gt;。</p>\n<p>| 第二段 |</p>"), "{html}");
    assert!(!html.contains("本年度履职的主要成效"), "the hint gives way to the text");
    assert!(html.contains("履职中存在的不足"), "other sections keep their hint");
    let md = render(Format::Markdown);
    assert!(
        md.contains("## 自我评价\n\n第一段&lt;b&gt;粗&lt;/b&gt;。\n\n\\| 第二段 \\|\n\n## 存在不足"),
        "{md}"
    );
}
