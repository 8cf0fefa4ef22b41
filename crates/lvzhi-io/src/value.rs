//! Cells and how their text becomes typed values: the same parsers serve
//! CSV cells and JSON values.

use chrono::NaiveDate;
use lvzhi_core::vocab::normalize;
use lvzhi_core::{HandlingRole, HandlingUnit, Vocabulary};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::Problem;

/// One value as read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    /// A CSV cell, as written (formula neutralisation not yet undone).
    Csv(&'a str),
    /// A JSON value.
    Json(&'a Value),
}

/// Whitespace Excel leaves around values, including the ideographic space.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

impl Cell<'_> {
    /// Nothing in it: an empty or blank cell; JSON null, "", [] or {}.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Csv(s) => trim(s).is_empty(),
            Cell::Json(v) => json_is_empty(v),
        }
    }

    /// The value as shown in messages.
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Csv(s) => trim(s).to_string(),
            Cell::Json(Value::String(s)) => trim(s).to_string(),
            Cell::Json(v) => v.to_string(),
        }
    }
}

pub(crate) fn json_is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => trim(s).is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(expected: &'static str, found: &Value) -> Problem {
    Problem::JsonType { expected, found: json_type(found) }
}

/// Characters that make Excel read a cell as a formula.
fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// Whether a cell must be prefixed with `'` for Excel: it starts like a
/// formula, or it is itself such a prefix followed by a formula start (so
/// that reading back removes exactly what writing added).
pub(crate) fn needs_quote_prefix(s: &str) -> bool {
    match s.chars().next() {
        Some('\'') => needs_quote_prefix(&s[1..]),
        Some(c) => is_formula_start(c),
        None => false,
    }
}

/// Undoes [`needs_quote_prefix`]'s `'`.
pub(crate) fn strip_quote_prefix(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => s,
    }
}

/// Text: a CSV cell trimmed (Excel leaves stray spaces) and its formula
/// neutralisation undone; a JSON string as it is; a JSON number as its digits.
pub(crate) fn text(cell: &Cell) -> Result<String, Problem> {
    match cell {
        Cell::Csv(s) => Ok(strip_quote_prefix(trim(s)).to_string()),
        Cell::Json(Value::String(s)) => Ok(s.clone()),
        Cell::Json(Value::Number(n)) => Ok(n.to_string()),
        Cell::Json(v) => Err(wrong_type("text", v)),
    }
}

/// An id: text with full-width forms folded, so that ids typed in either
/// width match across tables.
pub(crate) fn id(cell: &Cell) -> Result<String, Problem> {
    text(cell).map(|t| normalize(&t))
}

/// A value of a vocabulary, by code, label or alias.
pub(crate) fn vocab<V: Vocabulary>(cell: &Cell) -> Result<V, Problem> {
    parse_vocab(&text(cell)?)
}

fn parse_vocab<V: Vocabulary>(text: &str) -> Result<V, Problem> {
    V::parse(text).map_err(Problem::Unknown)
}

/// The items of a list: a JSON array, or text separated by `;`, `；`, `、`
/// (and `,`, `，` when `commas`).
fn items(cell: &Cell, commas: bool) -> Result<Vec<String>, Problem> {
    let split = |s: &str| -> Vec<String> {
        s.split(|c| matches!(c, ';' | '；' | '、') || (commas && matches!(c, ',' | '，')))
            .map(trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    match cell {
        Cell::Json(Value::Array(values)) => {
            values.iter().filter(|v| !json_is_empty(v)).map(|v| text(&Cell::Json(v))).collect()
        }
        cell => Ok(split(&text(cell)?)),
    }
}

/// A list of vocabulary values, in the order given, without repeats.
pub(crate) fn vocab_list<V: Vocabulary + PartialEq>(cell: &Cell) -> Result<Vec<V>, Problem> {
    let mut out = Vec::new();
    for item in items(cell, true)? {
        let v = parse_vocab(&item)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// Handling units: `县教育局(主办);县财政局(会办)`, or in JSON a list of
/// `{"name", "role"}` objects or of such strings.
pub(crate) fn handling_units(cell: &Cell) -> Result<Vec<HandlingUnit>, Problem> {
    if let Cell::Json(Value::Array(values)) = cell {
        return values.iter().filter(|v| !json_is_empty(v)).map(json_handling_unit).collect();
    }
    items(cell, false)?.iter().map(|item| handling_unit(item)).collect()
}

fn handling_unit(item: &str) -> Result<HandlingUnit, Problem> {
    let bad = |reason: String| Problem::HandlingUnit { value: item.to_string(), reason };
    let Some(body) = item.strip_suffix(')').or_else(|| item.strip_suffix('）')) else {
        return Err(bad("no role in parentheses".into()));
    };
    let Some(open) = body.rfind(['(', '（']) else {
        return Err(bad("no opening parenthesis".into()));
    };
    let name = trim(&body[..open]);
    let role_text = &body[open..];
    let role_text = &role_text[role_text.chars().next().map_or(0, char::len_utf8)..];
    if name.is_empty() {
        return Err(bad("no name".into()));
    }
    let role = HandlingRole::parse(role_text).map_err(|e| bad(e.to_string()))?;
    Ok(HandlingUnit { name: name.to_string(), role })
}

fn json_handling_unit(v: &Value) -> Result<HandlingUnit, Problem> {
    match v {
        Value::String(s) => handling_unit(trim(s)),
        Value::Object(o) => {
            let bad = |reason: &str| Problem::HandlingUnit { value: v.to_string(), reason: reason.into() };
            let (mut name, mut role) = (None, None);
            for (k, field) in o {
                match crate::columns::header_key(k).as_str() {
                    "name" | "名称" | "单位" => name = Some(text(&Cell::Json(field))?),
                    "role" | "角色" | "方式" => role = Some(vocab::<HandlingRole>(&Cell::Json(field))?),
                    _ => return Err(bad("unknown key (expected name and role)")),
                }
            }
            match (name, role) {
                (Some(name), Some(role)) if !name.is_empty() => Ok(HandlingUnit { name, role }),
                _ => Err(bad("needs a name and a role")),
            }
        }
        v => Err(wrong_type("a handling unit", v)),
    }
}

/// A date: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, with an
/// optional midnight time (`2024/3/5 0:00`) as Excel sometimes adds.
pub(crate) fn date(cell: &Cell) -> Result<NaiveDate, Problem> {
    let raw = text(cell)?;
    parse_date(&raw).ok_or(Problem::Date(raw))
}

fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = normalize(raw);
    let s = match s.split_once(' ') {
        Some((day, time)) if is_midnight(trim(time)) => day,
        Some(_) => return None,
        None => s.as_str(),
    };
    let parts: Vec<&str> = if s.contains('年') {
        let s = s.strip_suffix(['日', '号']).unwrap_or(s);
        s.split(['年', '月']).collect()
    } else if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        vec![&s[..4], &s[4..6], &s[6..]]
    } else {
        let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        s.split(sep).collect()
    };
    let [y, m, d] = parts[..] else { return None };
    let digits =
        |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4 || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

fn is_midnight(time: &str) -> bool {
    time.split(':').all(|p| !p.is_empty() && p.bytes().all(|b| b == b'0')) && time.contains(':')
}

/// A yes/no value.
pub(crate) fn boolean(cell: &Cell) -> Result<bool, Problem> {
    match cell {
        Cell::Json(Value::Bool(b)) => return Ok(*b),
        Cell::Json(v @ (Value::Array(_) | Value::Object(_))) => return Err(wrong_type("true/false", v)),
        _ => {}
    }
    let raw = text(cell)?;
    match normalize(&raw).to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "是" | "√" | "✓" | "✔" => Ok(true),
        "false" | "no" | "n" | "0" | "否" | "×" | "✗" | "✘" => Ok(false),
        _ => Err(Problem::Bool(raw)),
    }
}

/// A decimal number; thousands separators, a leading ¥/￥ and a trailing 元
/// are accepted. Never goes through a float.
pub(crate) fn decimal(cell: &Cell) -> Result<Decimal, Problem> {
    let raw = text(cell)?;
    let s = normalize(&raw);
    let s = s.trim_start_matches(['¥', '￥']).trim_end_matches('元').trim();
    let digits: String = s.chars().filter(|&c| c != ',').collect();
    let grouped_ok = !s.contains(',') || thousands_grouped(s);
    match digits.parse::<Decimal>() {
        Ok(d) if grouped_ok && !digits.is_empty() => Ok(d),
        _ => Err(Problem::Decimal(raw)),
    }
}

/// `1,234,567.8`: commas only between groups of three digits.
fn thousands_grouped(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("").trim_start_matches('-');
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// A whole number from 0 to 255 (`2.0` is accepted as 2).
pub(crate) fn count(cell: &Cell) -> Result<u8, Problem> {
    let raw = text(cell)?;
    let d: Option<Decimal> = normalize(&raw).parse().ok();
    d.filter(|d| d.fract().is_zero()).and_then(|d| d.to_u8()).ok_or(Problem::Count(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(s: &str) -> Cell<'_> {
        Cell::Csv(s)
    }

    #[test]
    fn dates_in_office_spellings() {
        let want = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for s in [
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "2024年3月5日",
            "2024年03月05号",
            "20240305",
            " ２０２４－０３－０５ ",
            "2024/3/5 0:00",
            "2024-03-05 00:00:00",
        ] {
            assert_eq!(date(&csv(s)), Ok(want), "{s}");
        }
        for s in ["2024-13-01", "2024-02-30", "24-3-5", "2024/3", "March 5", "2024-03-05 09:30", "2024-3-5-1"]
        {
            assert_eq!(date(&csv(s)), Err(Problem::Date(s.to_string())), "{s}");
        }
    }

    #[test]
    fn booleans() {
        for s in ["true", "YES", "1", "是", "√", "y"] {
            assert_eq!(boolean(&csv(s)), Ok(true), "{s}");
        }
        for s in ["false", "No", "0", "否", "×"] {
            assert_eq!(boolean(&csv(s)), Ok(false), "{s}");
        }
        assert_eq!(boolean(&csv("也许")), Err(Problem::Bool("也许".into())));
        assert_eq!(boolean(&Cell::Json(&Value::Bool(true))), Ok(true));
    }

    #[test]
    fn decimals_never_go_through_floats() {
        let d = |s: &str| decimal(&csv(s));
        assert_eq!(d("0.1").unwrap().to_string(), "0.1");
        assert_eq!(d("1,000.50").unwrap().to_string(), "1000.50");
        assert_eq!(d("￥2000元").unwrap().to_string(), "2000");
        assert_eq!(d("-3.5").unwrap().to_string(), "-3.5");
        for bad in ["abc", "1,00", "1.2.3", "元", "1e3x"] {
            assert_eq!(d(bad), Err(Problem::Decimal(bad.into())), "{bad}");
        }
        assert_eq!(decimal(&Cell::Json(&serde_json::json!(2.5))).unwrap().to_string(), "2.5");
    }

    #[test]
    fn counts() {
        assert_eq!(count(&csv("4")), Ok(4));
        assert_eq!(count(&csv("2.0")), Ok(2));
        assert_eq!(count(&csv("２")), Ok(2));
        for bad in ["256", "-1", "1.5", "两"] {
            assert_eq!(count(&csv(bad)), Err(Problem::Count(bad.into())), "{bad}");
        }
    }

    #[test]
    fn handling_units_with_roles() {
        let units = handling_units(&csv("县教育局(主办);县财政局（会办）； 县政府(办公室)(lead)")).unwrap();
        let got: Vec<_> = units.iter().map(|u| (u.name.as_str(), u.role)).collect();
        assert_eq!(
            got,
            [
                ("县教育局", HandlingRole::Lead),
                ("县财政局", HandlingRole::Co),
                ("县政府(办公室)", HandlingRole::Lead)
            ]
        );
        assert!(matches!(handling_units(&csv("县教育局")), Err(Problem::HandlingUnit { .. })));
        assert!(matches!(handling_units(&csv("县教育局(牵头)")), Err(Problem::HandlingUnit { .. })));
        assert!(matches!(handling_units(&csv("(主办)")), Err(Problem::HandlingUnit { .. })));
        let json = serde_json::json!([{"name": "县民政局", "role": "分办"}, "县卫健委(协办)"]);
        let units = handling_units(&Cell::Json(&json)).unwrap();
        assert_eq!(units[0], HandlingUnit { name: "县民政局".into(), role: HandlingRole::Separate });
        assert_eq!(units[1], HandlingUnit { name: "县卫健委".into(), role: HandlingRole::Co });
    }

    #[test]
    fn formula_prefix_round_trips() {
        for s in ["=SUM(A1)", "+86 138", "-5", "@cmd", "\tx", "'=x", "''+y", "'plain", "plain", ""] {
            let written = if needs_quote_prefix(s) { format!("'{s}") } else { s.to_string() };
            assert!(!written.starts_with(is_formula_start), "{written:?}");
            assert_eq!(strip_quote_prefix(&written), s, "{s:?}");
        }
    }

    #[test]
    fn lists_split_on_chinese_separators() {
        let roles = vocab_list::<lvzhi_core::Role>(&csv("常委；委员、常委")).unwrap();
        assert_eq!(roles, [lvzhi_core::Role::StandingMember, lvzhi_core::Role::Member]);
    }
}
