//! The Word (`.docx`) report, built with docx-rs from the same
//! [`ReportData`] as the templates, section by section.
//!
//! Every piece of data goes into a text run, which docx-rs XML-escapes;
//! control characters, which XML cannot carry at all, are removed first.
//! The page is A4 with margins; headings, body and tables have their own
//! styles with Chinese fonts declared, so an office restyles the document in
//! Word or WPS by changing the styles. [`DocxLayout`] sets fonts, sizes and
//! margins from code.

use docx_rs::{
    AlignmentType, BorderType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Shading, Style, StyleType, Table, TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders,
    TableRow, WidthType,
};

use crate::data::{Coded, ReportData};
use crate::error::ReportError;
use crate::text::clean;

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);

/// Fonts, sizes and margins of the Word report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxLayout {
    /// East-Asian font of body text (仿宋 by default).
    pub body_font: String,
    /// East-Asian font of headings and the title (黑体).
    pub heading_font: String,
    /// East-Asian font of table text (宋体).
    pub table_font: String,
    /// Font for Latin letters and digits (Times New Roman).
    pub latin_font: String,
    /// Body size in half-points (24 = 小四, 12 pt).
    pub body_size: usize,
    /// Table text size in half-points (21 = 五号, 10.5 pt).
    pub table_size: usize,
    /// Top, right, bottom, left margins in millimetres.
    pub margins_mm: [u32; 4],
}

impl Default for DocxLayout {
    fn default() -> Self {
        DocxLayout {
            body_font: "仿宋".into(),
            heading_font: "黑体".into(),
            table_font: "宋体".into(),
            latin_font: "Times New Roman".into(),
            body_size: 24,
            table_size: 21,
            margins_mm: [25, 20, 22, 20],
        }
    }
}

fn mm(v: u32) -> i32 {
    // 1 mm = 56.69 twips, rounded.
    i32::try_from((u64::from(v) * 5669 + 50) / 100).unwrap_or(i32::MAX)
}

/// Builds the Word report as the bytes of a `.docx` file.
pub fn render_docx(data: &ReportData, layout: &DocxLayout) -> Result<Vec<u8>, ReportError> {
    let mut w = Writer::new(layout);
    w.write(data);
    let mut xml = w.docx.build();
    // docx-rs numbers paragraphs from a per-thread counter; renumber them so
    // the same data always gives the same bytes, whatever ran before.
    xml.document = renumber_paragraph_ids(&xml.document);
    for footer in &mut xml.footers {
        *footer = renumber_paragraph_ids(footer);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| ReportError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

/// Rewrites every `w14:paraId="…"` in order as 00000001, 00000002 ….
fn renumber_paragraph_ids(xml: &[u8]) -> Vec<u8> {
    const KEY: &[u8] = b"w14:paraId=\"";
    let mut out = Vec::with_capacity(xml.len());
    let mut rest = xml;
    let mut next = 1u32;
    while let Some(at) = rest.windows(KEY.len()).position(|w| w == KEY) {
        let start = at + KEY.len();
        let Some(len) = rest[start..].iter().position(|&b| b == b'"') else { break };
        out.extend_from_slice(&rest[..start]);
        out.extend_from_slice(format!("{next:08X}").as_bytes());
        next += 1;
        rest = &rest[start + len..];
    }
    out.extend_from_slice(rest);
    out
}

struct Writer<'a> {
    docx: Docx,
    layout: &'a DocxLayout,
}

/// Text of an optional value, empty when absent.
fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn label(v: &Option<Coded>) -> String {
    v.as_ref().map(|c| c.label.clone()).unwrap_or_default()
}

fn labels(v: &[Coded]) -> String {
    v.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join("、")
}

fn dec(v: Option<rust_decimal::Decimal>) -> String {
    v.map(|d| d.to_string()).unwrap_or_default()
}

impl<'a> Writer<'a> {
    fn new(layout: &'a DocxLayout) -> Self {
        let fonts = |east: &str| {
            RunFonts::new().east_asia(east).ascii(&layout.latin_font).hi_ansi(&layout.latin_font)
        };
        let [top, right, bottom, left] = layout.margins_mm;
        let heading = |id: &str, name: &str, size: usize, level: usize| {
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .fonts(fonts(&layout.heading_font))
                .size(size)
                .bold()
                .outline_lvl(level)
                .line_spacing(LineSpacing::new().before(240).after(120))
        };
        let footer = Footer::new()
            .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_page_num(PageNum::new()));
        let docx = Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(mm(top))
                    .right(mm(right))
                    .bottom(mm(bottom))
                    .left(mm(left))
                    .header(mm(12))
                    .footer(mm(10)),
            )
            .default_fonts(fonts(&layout.body_font))
            .default_size(layout.body_size)
            .add_style(
                Style::new("Normal", StyleType::Paragraph)
                    .name("Normal")
                    .fonts(fonts(&layout.body_font))
                    .size(layout.body_size)
                    .line_spacing(LineSpacing::new().after(60)),
            )
            .add_style(
                Style::new("Title", StyleType::Paragraph)
                    .name("Title")
                    .based_on("Normal")
                    .fonts(fonts(&layout.heading_font))
                    .size(36)
                    .bold()
                    .align(AlignmentType::Center),
            )
            .add_style(
                Style::new("Subtitle", StyleType::Paragraph)
                    .name("Subtitle")
                    .based_on("Normal")
                    .align(AlignmentType::Center),
            )
            .add_style(heading("Heading1", "heading 1", 28, 0))
            .add_style(heading("Heading2", "heading 2", 24, 1))
            .add_style(
                Style::new("TableText", StyleType::Paragraph)
                    .name("Table Text")
                    .based_on("Normal")
                    .fonts(fonts(&layout.table_font))
                    .size(layout.table_size)
                    .line_spacing(LineSpacing::new().after(0)),
            )
            .add_style(
                Style::new("Placeholder", StyleType::Paragraph)
                    .name("Placeholder")
                    .based_on("Normal")
                    .color("666666"),
            )
            .footer(footer);
        Writer { docx, layout }
    }

    fn paragraph(&mut self, style: &str, text: &str) {
        let p = Paragraph::new().style(style).add_run(Run::new().add_text(clean(text)));
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn heading(&mut self, text: &str) {
        self.paragraph("Heading1", text);
    }

    fn subheading(&mut self, text: &str) {
        self.paragraph("Heading2", text);
    }

    fn body(&mut self, text: &str) {
        self.paragraph("Normal", text);
    }

    fn text_width(&self) -> usize {
        let [_, right, _, left] = self.layout.margins_mm;
        (A4.0 as usize).saturating_sub((mm(right) + mm(left)) as usize)
    }

    /// A bordered table; `relative` gives the columns' relative widths and
    /// each cell says whether it is shaded (a label).
    fn grid(&mut self, relative: &[u32], rows: Vec<Vec<(String, bool)>>) {
        let text_width = self.text_width();
        let total: u32 = relative.iter().sum();
        let widths: Vec<usize> =
            relative.iter().map(|w| text_width * *w as usize / total.max(1) as usize).collect();
        let cell = |(text, shaded): &(String, bool), width: usize| {
            let c = TableCell::new()
                .width(width, WidthType::Dxa)
                .add_paragraph(Paragraph::new().style("TableText").add_run(Run::new().add_text(clean(text))));
            if *shaded {
                c.shading(Shading::new().fill("E7E6E6"))
            } else {
                c
            }
        };
        let rows = rows
            .iter()
            .map(|row| TableRow::new(row.iter().zip(&widths).map(|(c, w)| cell(c, *w)).collect()))
            .collect();
        let table = Table::new(rows).set_grid(widths).width(text_width, WidthType::Dxa);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
    }

    /// A bordered table with a shaded header row; widths are relative.
    fn table(&mut self, header: &[(&str, u32)], rows: Vec<Vec<String>>) {
        let relative: Vec<u32> = header.iter().map(|h| h.1).collect();
        let mut all = vec![header.iter().map(|h| (h.0.to_string(), true)).collect::<Vec<_>>()];
        all.extend(rows.into_iter().map(|r| r.into_iter().map(|t| (t, false)).collect()));
        self.grid(&relative, all);
    }

    /// A dashed box holding the hint, with room to write.
    fn fill_box(&mut self, hint: &str) {
        let dashed = |pos| TableCellBorder::new(pos).border_type(BorderType::Dashed).size(4).color("808080");
        let borders = TableCellBorders::new()
            .set(dashed(TableCellBorderPosition::Top))
            .set(dashed(TableCellBorderPosition::Left))
            .set(dashed(TableCellBorderPosition::Bottom))
            .set(dashed(TableCellBorderPosition::Right));
        let mut cell = TableCell::new()
            .set_borders(borders)
            .add_paragraph(Paragraph::new().style("Placeholder").add_run(Run::new().add_text(clean(hint))));
        for _ in 0..6 {
            cell = cell.add_paragraph(Paragraph::new().style("Normal"));
        }
        let text_width = self.text_width();
        let table = Table::new(vec![TableRow::new(vec![cell.width(text_width, WidthType::Dxa)])])
            .set_grid(vec![text_width])
            .width(text_width, WidthType::Dxa);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
    }

    fn write(&mut self, d: &ReportData) {
        self.paragraph("Title", &format!("{}委员{}履职报告", d.committee.name, d.period.label));
        self.paragraph(
            "Subtitle",
            &format!("{} · {}至{}", d.committee.term_label, cn_date(d.period.start), cn_date(d.period.end)),
        );
        self.profile(d);
        self.meetings(d);
        self.proposals(d);
        self.opinion_reports(d);
        self.research(d);
        self.training(d);
        self.public_welfare(d);
        self.other(d);
        self.score(d);
        for n in &d.narrative {
            self.heading(&n.heading);
            match &n.text {
                Some(text) => text.lines().filter(|l| !l.trim().is_empty()).for_each(|l| self.body(l)),
                None => self.fill_box(&n.placeholder),
            }
        }
        if let Some(date) = d.generated_on {
            let p = Paragraph::new().align(AlignmentType::Right).add_run(Run::new().add_text(cn_date(date)));
            self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
        }
    }

    fn profile(&mut self, d: &ReportData) {
        let m = &d.member;
        self.heading("一、基本情况");
        let pair = |a: &str, b: String, c: &str, d: String| {
            vec![(a.to_string(), true), (b, false), (c.to_string(), true), (d, false)]
        };
        let mut rows = vec![
            pair("姓名", m.name.clone(), "委员编号", m.id.clone()),
            pair("界别", m.sector.clone(), "党派", opt(&m.party)),
            pair("专委会", opt(&m.committee), "职务", m.roles_label.clone()),
            pair("工作单位", opt(&m.employer), "单位职务", opt(&m.title)),
        ];
        if m.part_period {
            let window = match (m.in_office_from, m.in_office_to) {
                (Some(f), Some(t)) => format!("{}至{}", cn_date(f), cn_date(t)),
                _ => "本期不在任".to_string(),
            };
            rows.push(pair("本期在任", window, "", String::new()));
        }
        self.grid(&[2, 4, 2, 4], rows);
    }

    fn meetings(&mut self, d: &ReportData) {
        let mt = &d.meetings;
        self.heading("二、参加会议情况");
        if mt.items.is_empty() {
            self.body("本期无会议记录。");
        } else {
            let rate = mt.attendance_rate.map(|r| format!("，出席率 {r}%")).unwrap_or_default();
            self.body(&format!(
                "应出席会议 {} 次，出席 {} 次，请假 {} 次，无故缺席 {} 次{rate}。",
                mt.required, mt.present, mt.excused, mt.unexcused
            ));
            let rows = mt
                .items
                .iter()
                .map(|m| {
                    let late = if m.late_or_early { "（迟到或早退）" } else { "" };
                    vec![
                        m.date.to_string(),
                        m.title.clone(),
                        m.kind.label.clone(),
                        format!("{}{late}", label(&m.attendance)),
                        label(&m.speech),
                    ]
                })
                .collect();
            self.table(&[("日期", 3), ("会议", 5), ("类别", 2), ("出勤", 2), ("发言", 2)], rows);
        }
        if !d.speeches.is_empty() {
            self.subheading("发言");
            let rows = d
                .speeches
                .iter()
                .map(|s| vec![s.date.to_string(), s.title.clone(), s.kind.label.clone()])
                .collect();
            self.table(&[("日期", 3), ("场合", 6), ("形式", 3)], rows);
        }
    }

    fn proposals(&mut self, d: &ReportData) {
        let p = &d.proposals;
        self.heading("三、提案工作");
        if p.items.is_empty() {
            return self.body("本期无提案记录。");
        }
        let key = if p.key > 0 { format!("，重点提案 {} 件", p.key) } else { String::new() };
        let excellent =
            if p.excellent > 0 { format!("，优秀提案 {} 件", p.excellent) } else { String::new() };
        self.body(&format!(
            "共提交提案 {} 件，其中领衔 {} 件、联名 {} 件；立案 {} 件，已答复 {} 件{key}{excellent}。",
            p.total, p.led, p.cosigned, p.filed, p.replied
        ));
        let rows = p
            .items
            .iter()
            .map(|x| {
                let marks = if x.designations.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", labels(&x.designations))
                };
                vec![
                    opt(&x.number),
                    format!("{}{marks}", x.title),
                    x.role.label.clone(),
                    x.status.label.clone(),
                    label(&x.reply_category),
                    label(&x.satisfaction),
                ]
            })
            .collect();
        self.table(
            &[("案号", 3), ("题目", 6), ("本人", 2), ("状态", 2), ("答复类别", 2), ("满意度", 2)],
            rows,
        );
    }

    fn opinion_reports(&mut self, d: &ReportData) {
        let o = &d.opinion_reports;
        self.heading("四、社情民意信息");
        if o.items.is_empty() {
            return self.body("本期无社情民意信息记录。");
        }
        let rate = o.adoption_rate.map(|r| format!("（采用率 {r}%）")).unwrap_or_default();
        self.body(&format!(
            "报送社情民意信息 {} 篇，被采用 {} 篇{rate}，获领导批示 {} 篇。",
            o.submitted, o.adopted, o.instructed
        ));
        let rows = o
            .items
            .iter()
            .map(|x| {
                let mode = x.adoption_mode.as_ref().map(|m| format!("（{}）", m.label)).unwrap_or_default();
                vec![
                    x.date.to_string(),
                    x.title.clone(),
                    x.role.label.clone(),
                    format!("{}{mode}", labels(&x.adopted_by)),
                    labels(&x.instructed_by),
                ]
            })
            .collect();
        self.table(&[("日期", 3), ("题目", 6), ("本人", 2), ("采用", 3), ("批示", 2)], rows);
    }

    fn research(&mut self, d: &ReportData) {
        let r = &d.research;
        self.heading("五、调研视察");
        if r.items.is_empty() {
            return self.body("本期无调研视察记录。");
        }
        self.body(&format!(
            "参加调研、视察等活动 {} 次，其中牵头 {} 次，形成调研报告 {} 篇。",
            r.total, r.led, r.reports
        ));
        let rows = r
            .items
            .iter()
            .map(|x| {
                let end = x.end_date.map(|e| format!("至{e}")).unwrap_or_default();
                vec![
                    format!("{}{end}", x.date),
                    x.title.clone(),
                    x.kind.label.clone(),
                    x.role.label.clone(),
                    if x.report_produced { "是".into() } else { String::new() },
                ]
            })
            .collect();
        self.table(&[("日期", 4), ("活动", 5), ("类别", 2), ("本人", 2), ("形成报告", 2)], rows);
    }

    fn training(&mut self, d: &ReportData) {
        let t = &d.training;
        self.heading("六、学习培训");
        if t.items.is_empty() {
            return self.body("本期无学习培训记录。");
        }
        let excused = if t.excused > 0 { format!("；请假 {} 次", t.excused) } else { String::new() };
        let missed = if t.unexcused > 0 { format!("；缺席 {} 次", t.unexcused) } else { String::new() };
        self.body(&format!("参加学习培训 {} 次，共 {} 学时{excused}{missed}。", t.attended, t.hours));
        let rows = t
            .items
            .iter()
            .map(|x| {
                vec![
                    x.date.to_string(),
                    x.title.clone(),
                    x.kind.label.clone(),
                    label(&x.attendance),
                    dec(x.hours),
                ]
            })
            .collect();
        self.table(&[("日期", 3), ("培训", 6), ("类别", 2), ("出勤", 2), ("学时", 1)], rows);
    }

    fn public_welfare(&mut self, d: &ReportData) {
        let (l, v, g) = (&d.liaison, &d.volunteering, &d.donations);
        self.heading("七、联系群众与社会公益");
        if l.items.is_empty() && v.items.is_empty() && g.items.is_empty() {
            return self.body("本期无联系群众与社会公益记录。");
        }
        self.body(&format!(
            "委员工作室、联络站及联系群众活动 {} 次（{} 小时）；志愿服务 {} 次（{} 小时）；捐款捐物 {} 次，合计 {} 元。",
            l.count, l.hours, v.count, v.hours, g.count, g.total
        ));
        let mut rows: Vec<Vec<String>> = l
            .items
            .iter()
            .map(|x| vec![x.date.to_string(), x.title.clone(), label(&x.kind), dec(x.hours)])
            .collect();
        rows.extend(
            v.items
                .iter()
                .map(|x| vec![x.date.to_string(), x.title.clone(), "志愿服务".into(), dec(x.hours)]),
        );
        rows.extend(g.items.iter().map(|x| {
            let kind = if x.in_kind { "捐物" } else { "捐款" };
            vec![x.date.to_string(), x.title.clone(), kind.into(), x.amount.to_string()]
        }));
        self.table(&[("日期", 3), ("活动", 6), ("类别", 2), ("小时 / 金额（元）", 3)], rows);
    }

    fn other(&mut self, d: &ReportData) {
        if d.awards.is_empty() && d.other_work.is_empty() && d.violations.is_empty() {
            return;
        }
        self.heading("八、其他履职与表彰");
        let line = |x: &crate::data::SimpleLine, kind: String| {
            vec![x.date.to_string(), x.title.clone(), kind, x.level.label.clone()]
        };
        let mut rows: Vec<Vec<String>> = d.awards.iter().map(|x| line(x, "表彰奖励".into())).collect();
        rows.extend(d.other_work.iter().map(|x| line(x, opt(&x.detail))));
        rows.extend(d.violations.iter().map(|x| line(x, "违纪违规".into())));
        self.table(&[("日期", 3), ("事项", 6), ("类别", 2), ("层级", 2)], rows);
    }

    fn score(&mut self, d: &ReportData) {
        let Some(s) = &d.score else { return };
        self.heading("履职考评");
        let max = s.max_total.map(|m| format!("（满分 {m}）")).unwrap_or_default();
        let grade = s.grade.as_ref().map(|g| format!("，等次：{g}")).unwrap_or_default();
        let rank = s
            .rank_in_sector
            .map(|r| format!("，界别内排名第 {} 名（共 {} 人）", r.rank, r.of))
            .unwrap_or_default();
        self.body(&format!("依据《{}》，本期得分 {}{max}{grade}{rank}。", s.rule_set_name, s.total));
        if !s.categories.is_empty() {
            let rows = s
                .categories
                .iter()
                .map(|c| vec![c.name.clone(), c.points.to_string(), dec(c.max), dec(c.sector_median)])
                .collect();
            self.table(&[("类别", 5), ("得分", 2), ("上限", 2), ("界别中位数", 3)], rows);
        }
        for f in &s.flags {
            self.body(&format!("· {f}"));
        }
    }
}

fn cn_date(d: chrono::NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_ids_are_renumbered() {
        let xml = br#"<w:p w14:paraId="0000002A"><w:p w14:paraId="0000FFFF">"#;
        let out = String::from_utf8(renumber_paragraph_ids(xml)).unwrap();
        assert_eq!(out, r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#);
    }

    #[test]
    fn millimetres_to_twips() {
        assert_eq!(mm(20), 1134);
        assert_eq!(mm(25), 1417);
    }
}
