//! Reading tables from CSV and JSON bytes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use encoding_rs::{DecoderResult, GB18030};
use lvzhi_core::{Batch, Origin, Table};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::columns::{header_key, ActivityCol, Column, MemberCol, ParticipationCol, ROW_NUMBER_HEADERS};
use crate::error::{ImportError, ImportErrors, Location, Problem, Unit};
use crate::record::{self, Row};
use crate::value::{json_type, Cell};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a file: UTF-8 after a BOM; UTF-8 if valid; else GB18030
/// (which includes GBK, what Excel writes on Chinese Windows).
pub(crate) fn decode<'b>(file: &Arc<str>, bytes: &'b [u8]) -> Result<Cow<'b, str>, ImportError> {
    let undecodable = |offset| ImportError::Undecodable { file: file.clone(), offset };
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|e| undecodable(UTF8_BOM.len() + e.valid_up_to()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    match decoder.decode_to_string_without_replacement(bytes, &mut text, true) {
        (DecoderResult::InputEmpty, _) => Ok(Cow::Owned(text)),
        (DecoderResult::Malformed(bad, after), read) => {
            Err(undecodable(read - usize::from(after) - usize::from(bad)))
        }
        (DecoderResult::OutputFull, read) => Err(undecodable(read)),
    }
}

/// Records of one table and where each was read.
pub(crate) struct Records<T> {
    pub(crate) items: Vec<T>,
    pub(crate) origins: Vec<Origin>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records { items: Vec::new(), origins: Vec::new() }
    }
}

impl<T> Records<T> {
    /// Keeps what a row built, and its problems.
    pub(crate) fn take<C: Column>(&mut self, row: Row<C>, built: Option<T>, errors: &mut Vec<ImportError>) {
        if let Some(item) = built {
            self.items.push(item);
            self.origins.push(row.at.origin());
        }
        errors.extend(row.errors);
    }
}

/// Reports a non-empty cell under a header the table does not have, once per header.
pub(crate) fn unknown<C: Column>(row: &mut Row<C>, header: &str, cell: Cell, seen: &mut HashSet<String>) {
    if !cell.is_empty() && !seen.contains(header) && seen.insert(header.to_string()) {
        row.errors.push(ImportError::UnknownColumn {
            at: row.at.clone(),
            header: header.to_string(),
            expected: C::expected(),
        });
    }
}

pub(crate) fn is_row_number(header: &str) -> bool {
    ROW_NUMBER_HEADERS.iter().any(|h| header_key(h) == header_key(header))
}

/// What a CSV column holds.
pub(crate) enum Slot<C> {
    Column(C),
    /// 序号, a pandas index, or a second header for a column (reported once, at the header).
    Ignored,
    Unknown(String),
}

/// `__index_level_0__`: how pyarrow carries a pandas index that is not a plain range.
fn is_pandas_index(header: &str) -> bool {
    header
        .strip_prefix("__index_level_")
        .and_then(|rest| rest.strip_suffix("__"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What each header of a table holds. Two headers naming one column are
/// reported at `header_row`, missing required columns too; the flag says
/// whether every required column is there.
pub(crate) fn header_slots<'h, C: Column>(
    header_row: Location,
    headers: impl Iterator<Item = &'h str>,
    errors: &mut Vec<ImportError>,
) -> (Vec<Slot<C>>, bool) {
    let mut slots = Vec::new();
    let mut first_header: Vec<Option<&str>> = vec![None; C::ALL.len()];
    for (i, header) in headers.enumerate() {
        let header = header.trim();
        slots.push(match C::lookup(header) {
            Some(c) => match first_header[c.index()] {
                Some(first) => {
                    errors.push(ImportError::DuplicateColumn {
                        at: header_row.clone(),
                        first: first.to_string(),
                        second: header.to_string(),
                        column: c.name(),
                    });
                    Slot::Ignored
                }
                None => {
                    first_header[c.index()] = Some(header);
                    Slot::Column(c)
                }
            },
            None if is_row_number(header) || is_pandas_index(header) => Slot::Ignored,
            None if header.is_empty() => Slot::Unknown(unnamed(i)),
            None => Slot::Unknown(header.to_string()),
        });
    }
    let mut complete = true;
    for c in C::REQUIRED {
        if first_header[c.index()].is_none() {
            errors.push(ImportError::MissingColumn {
                file: header_row.file.clone(),
                column: c.name(),
                label: c.label(),
            });
            complete = false;
        }
    }
    (slots, complete)
}

/// `A`, `B` … `Z`, `AA`: the spreadsheet letter of 0-based column `i`.
fn column_letter(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Line breaks in `s`: LF, CRLF and a lone CR each count one.
fn line_breaks(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let lone_cr =
        bytes.iter().enumerate().filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n')).count();
    (bytes.iter().filter(|&&b| b == b'\n').count() + lone_cr) as u64
}

fn unnamed(i: usize) -> String {
    format!("(unnamed column {})", column_letter(i))
}

/// Reads every row of a CSV table.
fn csv_table<C: Column, T>(
    file: &Arc<str>,
    text: &str,
    errors: &mut Vec<ImportError>,
    build: impl Fn(&mut Row<C>) -> Option<T>,
) -> Records<T> {
    let mut out = Records::default();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| ImportError::Csv { file: file.clone(), message: e.to_string() };
    let mut headers = csv::StringRecord::new();
    match reader.read_record(&mut headers) {
        Ok(true) => {}
        Ok(false) => {
            errors.push(ImportError::NoHeader { file: file.clone() });
            return out;
        }
        Err(e) => {
            errors.push(csv_error(e));
            return out;
        }
    }
    let header_row = Location { file: file.clone(), row: 1, unit: Unit::Row };
    let (slots, complete) = header_slots::<C>(header_row, headers.iter(), errors);

    // Excel's row numbers: lines (ended by LF, CRLF or CR) before the record,
    // less the line breaks inside quoted cells.
    let inner = |r: &csv::StringRecord| r.iter().map(line_breaks).sum::<u64>();
    let mut inner_breaks = inner(&headers);
    let (mut lines_before, mut counted_to) = (0, 0);
    let mut record = csv::StringRecord::new();
    let mut unknown_seen = HashSet::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                errors.push(csv_error(e));
                break;
            }
        }
        // The reader's position may lie before the line ends (and blank lines)
        // it skipped to reach the record; a record never starts with one.
        let from = record.position().map_or(counted_to, |p| p.byte() as usize).clamp(counted_to, text.len());
        let start = from + text[from..].bytes().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        lines_before += line_breaks(&text[counted_to..start]);
        counted_to = start;
        let at = Location { file: file.clone(), row: 1 + lines_before - inner_breaks, unit: Unit::Row };
        inner_breaks += inner(&record);
        // Blank rows, and rows holding only a row number (a numbered template), hold no record.
        let blank =
            |(i, f): (usize, &str)| matches!(slots.get(i), Some(Slot::Ignored)) || Cell::Csv(f).is_empty();
        if record.iter().enumerate().all(blank) {
            continue;
        }
        let mut row = Row::<C>::new(at);
        for (i, value) in record.iter().enumerate() {
            let cell = Cell::Csv(value);
            match slots.get(i) {
                Some(Slot::Column(c)) => row.set(*c, headers[i].trim(), cell),
                Some(Slot::Ignored) => {}
                Some(Slot::Unknown(header)) => unknown(&mut row, header, cell, &mut unknown_seen),
                None => unknown(&mut row, &unnamed(i), cell, &mut unknown_seen),
            }
        }
        let built = if complete { build(&mut row) } else { None };
        out.take(row, built, errors);
    }
    out
}

/// A JSON object's entries in file order, repeated keys kept.
#[derive(Debug, Default)]
pub(crate) struct Entries(pub Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object (one record)")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entries, M::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

/// A JSON parse error, located.
pub(crate) fn json_error(file: &Arc<str>, e: &serde_json::Error) -> ImportError {
    ImportError::Json { file: file.clone(), line: e.line(), column: e.column(), message: e.to_string() }
}

fn is_key(key: &str, names: &[&str]) -> bool {
    let key = header_key(key);
    names.iter().any(|n| header_key(n) == key)
}

const PERSONAL_KEYS: &[&str] = &["personal", "个人信息"];
const PARTICIPANTS_KEYS: &[&str] = &["participants", "参与委员", "参加委员", "参与人员"];

/// What a JSON key means in a table.
#[derive(Debug, Clone, Copy)]
enum Key<C> {
    Column(C),
    /// `personal`: an object holding `phone` and `id_number` (members).
    Personal,
    /// `participants`: the participants of an activity.
    Participants,
    RowNumber,
    Unknown,
}

/// The meaning of each distinct key of a file (worked out once), and the
/// unknown keys already reported.
struct Keys<C> {
    meanings: HashMap<String, Key<C>>,
    reported: HashSet<String>,
}

impl<C: Column> Keys<C> {
    fn new() -> Self {
        Keys { meanings: HashMap::new(), reported: HashSet::new() }
    }

    fn meaning(&mut self, key: &str) -> Key<C> {
        if let Some(meaning) = self.meanings.get(key) {
            return *meaning;
        }
        let meaning = match C::lookup(key) {
            Some(c) => Key::Column(c),
            None if is_key(key, PERSONAL_KEYS) => Key::Personal,
            None if is_key(key, PARTICIPANTS_KEYS) => Key::Participants,
            None if is_row_number(key) => Key::RowNumber,
            None => Key::Unknown,
        };
        self.meanings.insert(key.to_string(), meaning);
        meaning
    }

    /// Puts an entry in its column, or reports it as unknown.
    fn place<'a>(&mut self, row: &mut Row<'a, C>, key: &'a str, value: &'a Value) {
        match self.meaning(key) {
            Key::Column(c) => row.set(c, key, Cell::Json(value)),
            Key::RowNumber => {}
            Key::Personal | Key::Participants | Key::Unknown => {
                unknown(row, key, Cell::Json(value), &mut self.reported)
            }
        }
    }
}

fn json_batch(table: Table, file: &Arc<str>, text: &str, errors: &mut Vec<ImportError>) -> Batch {
    let mut batch = Batch::default();
    let items: Vec<Entries> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(e) => {
            errors.push(json_error(file, &e));
            return batch;
        }
    };
    let mut members = Records::default();
    let mut activities = Records::default();
    let mut participations = Records::default();
    let (mut member_keys, mut activity_keys) = (Keys::<MemberCol>::new(), Keys::<ActivityCol>::new());
    let mut participation_keys = Keys::<ParticipationCol>::new();
    for (n, Entries(entries)) in items.iter().enumerate() {
        let at = Location { file: file.clone(), row: n as u64 + 1, unit: Unit::Item };
        match table {
            Table::Members => {
                let mut row = Row::<MemberCol>::new(at);
                for (key, value) in entries {
                    match (member_keys.meaning(key), value) {
                        (Key::Personal, Value::Object(inner)) => {
                            for (k, v) in inner {
                                member_keys.place(&mut row, k, v);
                            }
                        }
                        _ => member_keys.place(&mut row, key, value),
                    }
                }
                let built = record::member(&mut row);
                members.take(row, built, errors);
            }
            Table::Activities => {
                let mut row = Row::<ActivityCol>::new(at.clone());
                let mut nested = None;
                for (key, value) in entries {
                    if let Key::Participants = activity_keys.meaning(key) {
                        nested = Some(value);
                    } else {
                        activity_keys.place(&mut row, key, value);
                    }
                }
                let built = record::activity(&mut row);
                let parent = built.as_ref().map(|a| a.id.clone());
                activities.take(row, built, errors);
                let (Some(parent), Some(nested)) = (parent, nested) else { continue };
                let Value::Array(people) = nested else {
                    errors.push(not_json(at, "a list of participants", nested));
                    continue;
                };
                for (p, person) in people.iter().enumerate() {
                    let at = Location {
                        file: file.clone(),
                        row: p as u64 + 1,
                        unit: Unit::Participant { item: at.row },
                    };
                    let Value::Object(fields) = person else {
                        errors.push(not_json(at, "an object", person));
                        continue;
                    };
                    let mut row = Row::<ParticipationCol>::new(at);
                    for (key, value) in fields {
                        participation_keys.place(&mut row, key, value);
                    }
                    let built = record::participation(&mut row, Some(&parent));
                    participations.take(row, built, errors);
                }
            }
            Table::Participations => {
                let mut row = Row::<ParticipationCol>::new(at);
                for (key, value) in entries {
                    participation_keys.place(&mut row, key, value);
                }
                let built = record::participation(&mut row, None);
                participations.take(row, built, errors);
            }
        }
    }
    batch.members = members.items;
    batch.origins.members = members.origins;
    batch.activities = activities.items;
    batch.origins.activities = activities.origins;
    batch.participations = participations.items;
    batch.origins.participations = participations.origins;
    batch
}

/// A `participants` value of the wrong JSON type.
fn not_json(at: Location, expected: &'static str, found: &Value) -> ImportError {
    ImportError::Cell {
        at,
        header: "participants".into(),
        column: "participants",
        problem: Box::new(Problem::JsonType { expected, found: json_type(found) }),
    }
}

fn csv_batch(table: Table, file: &Arc<str>, text: &str, errors: &mut Vec<ImportError>) -> Batch {
    let mut batch = Batch::default();
    match table {
        Table::Members => {
            let r = csv_table(file, text, errors, record::member);
            (batch.members, batch.origins.members) = (r.items, r.origins);
        }
        Table::Activities => {
            let r = csv_table(file, text, errors, record::activity);
            (batch.activities, batch.origins.activities) = (r.items, r.origins);
        }
        Table::Participations => {
            let r = csv_table(file, text, errors, |row| record::participation(row, None));
            (batch.participations, batch.origins.participations) = (r.items, r.origins);
        }
    }
    batch
}

/// The two formats a table is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    Csv,
    Json,
}

/// Reads one table from bytes; `file` names it in messages and origins.
pub(crate) fn read_bytes(
    table: Table,
    syntax: Syntax,
    file: &str,
    bytes: &[u8],
) -> Result<Batch, ImportErrors> {
    let file: Arc<str> = file.into();
    let text = decode(&file, bytes)?;
    let mut errors = Vec::new();
    let batch = match syntax {
        Syntax::Csv => csv_batch(table, &file, &text, &mut errors),
        Syntax::Json => json_batch(table, &file, &text, &mut errors),
    };
    if errors.is_empty() {
        Ok(batch)
    } else {
        Err(ImportErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn decodes_utf8_bom_and_gb18030() {
        let file: Arc<str> = "t.csv".into();
        assert_eq!(decode(&file, "姓名".as_bytes()).unwrap(), "姓名");
        assert_eq!(decode(&file, b"\xEF\xBB\xBF\xE5\xA7\x93").unwrap(), "姓");
        let (gbk, _, _) = GB18030.encode("王芳,请假");
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(decode(&file, &gbk).unwrap(), "王芳,请假");
        let err = decode(&file, b"ok,\xFF\xFE").unwrap_err();
        assert!(matches!(err, ImportError::Undecodable { offset: 3, .. }), "{err}");
        let err = decode(&file, b"\xEF\xBB\xBFok\xC3").unwrap_err();
        assert!(matches!(err, ImportError::Undecodable { offset: 5, .. }), "{err}");
    }
}
