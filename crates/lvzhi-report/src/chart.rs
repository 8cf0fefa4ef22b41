//! A small inline SVG bar chart: the member's points per category beside
//! the sector median. Used by the HTML template; Markdown and Word show the
//! same numbers as a table.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::score::ScoreSection;
use crate::text::escape_xml;

const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 150;
const VALUE_WIDTH: u32 = 70;
const ROW: u32 = 40;
const BAR: u32 = 14;
const TOP: u32 = 28;

/// The chart as SVG markup, or `None` when the score has no category.
/// Every label is escaped; numbers are printed exactly as the decimals hold
/// them, bar lengths are rounded to whole pixels.
pub fn category_chart_svg(score: &ScoreSection) -> Option<String> {
    if score.categories.is_empty() {
        return None;
    }
    let scale_max = score
        .categories
        .iter()
        .flat_map(|c| [Some(c.points), c.sector_median, c.max])
        .flatten()
        .max()
        .filter(|m| *m > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let bar_len = |v: Decimal| -> u32 {
        let v = v.max(Decimal::ZERO);
        (v * Decimal::from(plot) / scale_max).round().to_u32().unwrap_or(0)
    };
    let has_median = score.categories.iter().any(|c| c.sector_median.is_some());
    let height = TOP + ROW * score.categories.len() as u32 + 8;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"分类得分与界别中位数\">\n"
    );
    svg.push_str(&format!(
        "<rect x=\"{LABEL_WIDTH}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#b22222\"/>\
         <text x=\"{}\" y=\"16\" font-size=\"12\">本人得分</text>\n",
        LABEL_WIDTH + 16
    ));
    if has_median {
        svg.push_str(&format!(
            "<rect x=\"{}\" y=\"6\" width=\"12\" height=\"12\" fill=\"#9e9e9e\"/>\
             <text x=\"{}\" y=\"16\" font-size=\"12\">界别中位数</text>\n",
            LABEL_WIDTH + 96,
            LABEL_WIDTH + 112
        ));
    }
    for (i, c) in score.categories.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let label = escape_xml(&c.name);
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{label}</text>\n",
            LABEL_WIDTH - 6,
            y + BAR + 2
        ));
        svg.push_str(&bar(y, bar_len(c.points), "#b22222", c.points));
        if let Some(median) = c.sector_median {
            svg.push_str(&bar(y + BAR + 2, bar_len(median), "#9e9e9e", median));
        }
    }
    svg.push_str("</svg>");
    Some(svg)
}

fn bar(y: u32, len: u32, colour: &str, value: Decimal) -> String {
    format!(
        "<rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{len}\" height=\"{BAR}\" fill=\"{colour}\"/>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>\n",
        LABEL_WIDTH + len + 4,
        y + BAR - 3,
        value.normalize()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::CategoryLine;

    fn cat(name: &str, points: i64, median: Option<i64>) -> CategoryLine {
        CategoryLine {
            name: name.to_string(),
            points: Decimal::from(points),
            max: None,
            sector_median: median.map(Decimal::from),
        }
    }

    #[test]
    fn no_categories_no_chart() {
        assert_eq!(category_chart_svg(&ScoreSection::default()), None);
    }

    #[test]
    fn bars_scale_to_the_largest_value_and_labels_are_escaped() {
        let score = ScoreSection {
            categories: vec![cat("<script>alert(1)</script>", 42, Some(21)), cat("提案", 0, None)],
            ..ScoreSection::default()
        };
        let svg = category_chart_svg(&score).unwrap();
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
        let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!(svg.contains(&format!("width=\"{plot}\" height=\"{BAR}\"")), "{svg}");
        assert!(svg.contains(&format!("width=\"{}\" height=\"{BAR}\"", plot / 2)), "{svg}");
        assert!(svg.contains("width=\"0\""), "{svg}");
        assert!(svg.contains("界别中位数"));
    }
}
