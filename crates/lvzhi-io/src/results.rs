//! Evaluation results out: the ranking table ([`lvzhi_rules::Ranking`]) as
//! CSV (UTF-8 for programs, or GB18030 with Chinese headers for Excel) and
//! as JSON.
//!
//! The CSV columns, in order (standard header / Excel header):
//!
//! | standard | Excel | value |
//! |---|---|---|
//! | `rank` | 名次 | place in the whole list (ties share a place) |
//! | `member_id` | 委员编号 | |
//! | `name` | 姓名 | |
//! | `sector` | 界别 | |
//! | `total` | 总分 | exact decimal |
//! | per category: `subtotal_<id>` | its name | the category's subtotal |
//! | `grade` | 等次 | the grade's name (优秀 …), empty if none |
//! | per cohort: `rank_<cohort>`, `of_<cohort>` | `<界别>排名`, `<界别>人数` | rank among peers, number of peers |
//! | `flags` | 关注事项 | flag ids (standard) or names (Excel), `;`-separated |
//!
//! The standard names match the columns of the Arrow scorecard table.
//!
//! Rank and peer count are two columns, not `3/20`, which Excel would turn
//! into a date. Cells are written as every lvzhi CSV is: a cell starting
//! with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
//! so that Excel never runs it as a formula (a negative total reads `'-5`).
//!
//! ```
//! # use lvzhi_core::*;
//! # use chrono::NaiveDate;
//! # let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! # let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
//! # let mut ledger = Ledger::new(Committee::new("政协某县委员会", Level::County, term));
//! # let mut batch = Batch::default();
//! # batch.members.push(Member::new("M001", "王芳", "教育界"));
//! # ledger.add(batch).unwrap();
//! let rules = lvzhi_rules::RuleSet::preset("tongcheng-2019").unwrap();
//! let evaluation = lvzhi_rules::evaluate(&ledger, &rules, Period::year(2024));
//! let ranking = lvzhi_rules::ranking(&ledger, &evaluation);
//! let mut csv = Vec::new();
//! lvzhi_io::write_ranking_csv(&ranking, lvzhi_io::CsvFlavour::Standard, &mut csv).unwrap();
//! let text = String::from_utf8(csv).unwrap();
//! assert!(text.starts_with("rank,member_id,name,sector,total,"));
//! assert!(text.lines().nth(1).unwrap().starts_with("1,M001,王芳,教育界,"));
//! ```

use std::io::Write;

use lvzhi_rules::{Ranking, RankingRow};

use crate::columns::MemberCol;
use crate::error::WriteError;
use crate::write::{CsvFlavour, CsvOut};

const FILE: &str = "ranking";

/// The ranking's header and cells as text, in the CSV's columns for
/// `flavour` (see the module's table): what CSV files and screen tables
/// print.
pub fn ranking_table(ranking: &Ranking, flavour: CsvFlavour) -> (Vec<String>, Vec<Vec<String>>) {
    let excel = flavour == CsvFlavour::Excel;
    let pick = |standard: &str, chinese: &str| if excel { chinese.to_string() } else { standard.to_string() };
    let mut header = vec![
        pick("rank", "名次"),
        flavour.header(MemberCol::MemberId).to_string(),
        flavour.header(MemberCol::Name).to_string(),
        flavour.header(MemberCol::Sector).to_string(),
        pick("total", "总分"),
    ];
    header.extend(ranking.categories.iter().map(|c| pick(&format!("subtotal_{}", c.id), &c.name)));
    header.push(pick("grade", "等次"));
    for cohort in &ranking.cohorts {
        header.push(pick(&format!("rank_{}", cohort.code()), &format!("{}排名", cohort.label())));
        header.push(pick(&format!("of_{}", cohort.code()), &format!("{}人数", cohort.label())));
    }
    header.push(pick("flags", "关注事项"));
    (header, ranking.rows.iter().map(|row| cells(row, excel)).collect())
}

fn cells(row: &RankingRow, excel: bool) -> Vec<String> {
    let mut cells = vec![
        row.rank.to_string(),
        row.member_id.0.to_string(),
        row.name.clone(),
        row.sector.clone(),
        row.total.to_string(),
    ];
    cells.extend(row.categories.iter().map(ToString::to_string));
    cells.push(row.grade.clone().unwrap_or_default());
    for r in &row.ranks {
        match r {
            Some(r) => cells.extend([r.rank.to_string(), r.of.to_string()]),
            None => cells.extend([String::new(), String::new()]),
        }
    }
    cells.push(if excel { row.flags.join(";") } else { row.flag_ids.join(";") });
    cells
}

/// Writes the ranking as CSV in `flavour`: UTF-8 with English headers, or
/// GB18030 with Chinese headers and CRLF line ends for Excel.
pub fn write_ranking_csv(ranking: &Ranking, flavour: CsvFlavour, out: impl Write) -> Result<(), WriteError> {
    let (header, rows) = ranking_table(ranking, flavour);
    write_table_csv(&header, rows, flavour, out)
}

/// Writes any results table (a header, then rows of cells already
/// formatted) as CSV in `flavour`, each cell neutralised for Excel as every
/// lvzhi CSV is; rows are written as they come, so a table of a whole
/// country need not be held as text.
pub fn write_table_csv(
    header: &[String],
    rows: impl IntoIterator<Item = Vec<String>>,
    flavour: CsvFlavour,
    out: impl Write,
) -> Result<(), WriteError> {
    let mut csv = CsvOut::new(out, flavour, FILE);
    csv.line(header.iter().map(String::as_str))?;
    for row in rows {
        csv.line(row.iter().map(String::as_str))?;
    }
    csv.finish()
}

/// Writes the ranking as pretty JSON: rule set, period, category columns,
/// cohorts and rows (decimals as strings, never floats).
pub fn write_ranking_json(ranking: &Ranking, mut out: impl Write) -> Result<(), WriteError> {
    serde_json::to_writer_pretty(&mut out, ranking)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|source| WriteError::Io { file: FILE.to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::{MemberId, Period};
    use lvzhi_rules::{Cohort, RankIn, RankingCategory};
    use rust_decimal::Decimal;

    fn ranking() -> Ranking {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let row = |rank, id: &str, name: &str, total: &str, flags: Vec<String>| RankingRow {
            rank,
            member_id: MemberId(id.into()),
            name: name.into(),
            sector: "教育界".into(),
            total: d(total),
            categories: vec![d(total)],
            grade_id: Some("good".into()),
            grade: Some("优秀".into()),
            ranks: vec![Some(RankIn { value: "教育界".into(), rank, of: 2 })],
            flag_ids: flags.iter().map(|f| format!("id-{f}")).collect(),
            flags,
        };
        Ranking {
            rule_set: "t".into(),
            rule_set_name: "测试".into(),
            period: Period::year(2024),
            categories: vec![RankingCategory { id: "proposals".into(), name: "提案".into(), max: None }],
            cohorts: vec![Cohort::Sector],
            rows: vec![
                row(1, "M1", "=HYPERLINK(\"x\")", "12.5", vec![]),
                row(2, "M2", "王芳", "-3", vec!["约谈".into(), "@警示".into()]),
            ],
        }
    }

    #[test]
    fn standard_csv_has_english_headers_and_neutralised_formulas() {
        let mut out = Vec::new();
        write_ranking_csv(&ranking(), CsvFlavour::Standard, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "rank,member_id,name,sector,total,subtotal_proposals,grade,rank_sector,of_sector,flags"
        );
        assert_eq!(lines[1], "1,M1,\"'=HYPERLINK(\"\"x\"\")\",教育界,12.5,12.5,优秀,1,2,");
        assert_eq!(lines[2], "2,M2,王芳,教育界,'-3,'-3,优秀,2,2,id-约谈;id-@警示");
    }

    #[test]
    fn excel_csv_is_gb18030_with_chinese_headers() {
        let mut out = Vec::new();
        write_ranking_csv(&ranking(), CsvFlavour::Excel, &mut out).unwrap();
        assert!(std::str::from_utf8(&out).is_err());
        let (text, _, bad) = encoding_rs::GB18030.decode(&out);
        assert!(!bad);
        assert!(
            text.starts_with("名次,委员编号,姓名,界别,总分,提案,等次,界别排名,界别人数,关注事项\r\n"),
            "{text}"
        );
        assert!(text.contains("\"'=HYPERLINK("), "{text}");
        assert!(text.contains(",'-3,'-3,优秀,2,2,约谈;@警示\r\n"), "{text}");
    }

    #[test]
    fn json_keeps_decimals_as_text() {
        let mut out = Vec::new();
        write_ranking_json(&ranking(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["rows"][0]["total"], "12.5");
        assert_eq!(v["rows"][1]["ranks"][0]["rank"], 2);
        assert_eq!(v["cohorts"][0], "sector");
        assert_eq!(v["categories"][0]["name"], "提案");
    }
}
