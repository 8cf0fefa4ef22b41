//! Reading what the arguments point at: times, data folders, stores and
//! rule files, with each failure mapped to its exit code.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use lvzhi::io::{ImportError, LoadError};
use lvzhi::rules::{RuleError, RuleSet};
use lvzhi::store::{Store, StoreError};
use lvzhi::Ledger;

use crate::output::Out;
use crate::{exit, Failure, Rules, Source};

/// China Standard Time, UTC+8: a bare date means the end of that day there.
const CHINA: i32 = 8 * 3600;

/// `--as-of` and `--at`: an RFC 3339 instant, or a date meaning the end of
/// that day (23:59:59.999999) in China time, UTC+8.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        format!("`{text}` is neither a date (2024-06-30) nor an RFC 3339 instant (2024-06-30T18:00:00+08:00)")
    })?;
    let end = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
    let china = FixedOffset::east_opt(CHINA).ok_or("bad offset")?;
    china
        .from_local_datetime(&date.and_time(end))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| format!("`{text}` cannot be placed in time"))
}

/// `--format` of `report`: html, markdown (md) or docx (word).
pub fn parse_report_format(text: &str) -> Result<lvzhi::report::Format, String> {
    text.parse()
}

/// Refuses a path that does not exist (exit 3).
pub fn must_exist(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        Ok(())
    } else {
        Err((exit::IO, format!("{}: no such file or folder", path.display())))
    }
}

/// Exit code and message of a failed load: 3 when files could not be read
/// at all, 1 when their content is wrong.
pub fn load_failure(e: &LoadError) -> Failure {
    let unreadable = matches!(e, LoadError::Import(errors)
        if errors.iter().all(|e| matches!(e, ImportError::Io { .. })));
    (if unreadable { exit::IO } else { exit::BAD_INPUT }, e.to_string())
}

/// Exit code and message of a store error: a refused batch is bad data (1),
/// anything else a store error (4).
pub fn store_failure(path: &Path, e: StoreError) -> Failure {
    match e {
        StoreError::Rejected(rejected) => (
            exit::BAD_INPUT,
            format!(
                "{} problem(s) in the data, nothing imported:\n{}",
                rejected.issues.len(),
                indent(&rejected.report())
            ),
        ),
        e => (exit::STORE, format!("{}: {e}", path.display())),
    }
}

/// Each line indented by two spaces.
pub fn indent(lines: &str) -> String {
    lines.lines().map(|l| format!("  {l}\n")).collect()
}

/// Opens an existing store (a missing file is not created here).
pub fn open_store(path: &Path) -> Result<Store, Failure> {
    must_exist(path)?;
    Store::open(path).map_err(|e| store_failure(path, e))
}

/// The ledger a command works on: a data folder, a store now, or a store as
/// of a time.
pub fn ledger(out: &Out, source: &Source) -> Result<Ledger, Failure> {
    let spinner = out.spinner("读取数据 / reading");
    let ledger = match (&source.store, &source.data) {
        (Some(path), _) => {
            let store = open_store(path)?;
            match source.as_of {
                Some(t) => store.ledger_as_of(t),
                None => store.ledger(),
            }
            .map_err(|e| store_failure(path, e))
        }
        (None, Some(dir)) => load_dir(dir),
        (None, None) => Err((exit::USAGE, "give --store or --data".to_string())),
    };
    spinner.finish_and_clear();
    ledger
}

/// A data folder as a ledger.
pub fn load_dir(dir: &Path) -> Result<Ledger, Failure> {
    must_exist(dir)?;
    lvzhi::io::load_ledger(dir).map_err(|e| load_failure(&e))
}

/// The rule set of `--preset` or `--rules`, if either is given.
pub fn rules(args: &Rules) -> Result<Option<RuleSet>, Failure> {
    if let Some(id) = &args.preset {
        return RuleSet::preset(id).map(Some).map_err(|e| (exit::USAGE, e.to_string()));
    }
    let Some(path) = &args.rules else { return Ok(None) };
    let text = read_text(path)?;
    RuleSet::from_toml_str(&text).map(Some).map_err(|_| {
        let lines: String =
            RuleSet::check_toml_str(&text).iter().map(|e| rule_line(path, e) + "\n").collect();
        (exit::BAD_INPUT, lines)
    })
}

/// A rule file's text (exit 3 when unreadable).
pub fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| (exit::IO, format!("{}: cannot read: {e}", path.display())))
}

/// `file:line:column: message`, as compilers print.
pub fn rule_line(path: &Path, e: &RuleError) -> String {
    match (e.line(), e.column()) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}: {}", path.display(), rule_message(e)),
        _ => format!("{}: {e}", path.display()),
    }
}

/// A rule error's message without its position.
pub fn rule_message(e: &RuleError) -> String {
    match e {
        RuleError::Syntax { message, .. } => message.clone(),
        RuleError::Invalid { problem, .. } => problem.to_string(),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_the_end_of_that_day_in_china() {
        let t = parse_time("2024-06-30").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-06-30T15:59:59.999999+00:00");
        let t = parse_time("2024-06-30T08:00:00+08:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-06-30T00:00:00+00:00");
        assert!(parse_time("30/6/2024").unwrap_err().contains("RFC 3339"));
    }
}
