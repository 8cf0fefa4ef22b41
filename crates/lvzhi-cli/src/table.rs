//! Plain-text tables aligned by display width, so that Chinese (two
//! columns per character) and ASCII line up in a terminal.

use unicode_width::UnicodeWidthStr;

/// A table: a header and rows of cells; numeric-looking cells align right.
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with these column headers.
    pub fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Self {
        TextTable { header: header.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table as text, one line per row, a rule under the header.
    pub fn render(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .filter_map(|r| r.get(c))
                    .map(|s| s.width())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| {
            let mut out = String::new();
            for (c, w) in widths.iter().enumerate() {
                let cell = cells.get(c).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(w - cell.width());
                let numeric =
                    !cell.is_empty() && cell.chars().all(|ch| ch.is_ascii_digit() || ".-%".contains(ch));
                if c > 0 {
                    out.push_str("  ");
                }
                if numeric {
                    out.push_str(&pad);
                    out.push_str(cell);
                } else {
                    out.push_str(cell);
                    out.push_str(&pad);
                }
            }
            out.trim_end().to_string() + "\n"
        };
        let mut out = line(&self.header);
        out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)));
        out.push('\n');
        for r in &self.rows {
            out.push_str(&line(r));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_chinese_by_display_width() {
        let mut t = TextTable::new(["编号", "姓名", "提案"]);
        t.row(["M001", "欧阳修文", "12"]);
        t.row(["M002", "王芳", "3"]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "编号  姓名      提案");
        assert_eq!(lines[2], "M001  欧阳修文    12");
        assert_eq!(lines[3], "M002  王芳         3");
    }
}
