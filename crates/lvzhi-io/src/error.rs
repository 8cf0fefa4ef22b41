//! What can go wrong reading and writing files, said so that a clerk can find
//! the cell: file, row (as Excel numbers it), column and value.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use lvzhi_core::{ActivityKind, BatchRejected, Origin, UnknownValue};

/// Where a record was read: a CSV row, a JSON item, or a participant nested
/// in a JSON activity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file, as the caller named it.
    pub file: Arc<str>,
    /// CSV: the row as Excel shows it (the header is row 1). JSON: the
    /// 1-based item number (of the `participants` array, for a nested one).
    pub row: u64,
    /// What `row` counts.
    pub unit: Unit,
}

/// What [`Location::row`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A CSV row.
    Row,
    /// An item of a JSON array.
    Item,
    /// A participant of the `participants` array of JSON activity `item`.
    Participant {
        /// The activity's 1-based item number.
        item: u64,
    },
}

impl Location {
    /// The [`Origin`] records read here carry: JSON participants nested in
    /// activity 3 of `activities.json` come from file
    /// `activities.json, item 3, participants`.
    pub fn origin(&self) -> Origin {
        let file = match self.unit {
            Unit::Row | Unit::Item => self.file.clone(),
            Unit::Participant { item } => format!("{}, item {item}, participants", self.file).into(),
        };
        Origin { file, row: self.row }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::Row => write!(f, "{}, row {}", self.file, self.row),
            Unit::Item => write!(f, "{}, item {}", self.file, self.row),
            Unit::Participant { item } => write!(f, "{}, item {item}, participant {}", self.file, self.row),
        }
    }
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// Not a value of the column's vocabulary.
    #[error("{0}")]
    Unknown(UnknownValue),
    /// Not a date.
    #[error("`{0}` is not a date; expected e.g. 2024-03-05, 2024/3/5, 2024.3.5 or 2024年3月5日")]
    Date(String),
    /// Not a decimal number.
    #[error("`{0}` is not a number")]
    Decimal(String),
    /// Not a small whole number.
    #[error("`{0}` is not a whole number from 0 to 255")]
    Count(String),
    /// Not yes or no.
    #[error("`{0}` is not yes or no; expected one of: true/false, yes/no, 1/0, 是/否, √/×")]
    Bool(String),
    /// A handling unit without a role, or with an unknown one.
    #[error("`{value}` is not a handling unit: {reason}; expected name(role), e.g. 县教育局(主办)")]
    HandlingUnit {
        /// The item as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A required value is missing.
    #[error("empty, but {0} needs it")]
    Required(Needer),
    /// A value in a column the row's kind does not have.
    #[error("`{value}` given, but {column} does not apply to {} activity; leave it empty", a(*kind))]
    DoesNotApply {
        /// The value.
        value: String,
        /// The canonical column.
        column: &'static str,
        /// The row's kind.
        kind: ActivityKind,
    },
    /// A value contradicting another column.
    #[error("`{value}` contradicts {other}")]
    Conflict {
        /// The value.
        value: String,
        /// What it contradicts.
        other: String,
    },
    /// JSON: a value of the wrong type.
    #[error("found {found}, expected {expected}")]
    JsonType {
        /// What was expected ("text", "a list" …).
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
}

/// Who needs a required value: every record, or a kind of activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needer {
    /// Every record of the table.
    Every(&'static str),
    /// Activities of this kind.
    Kind(ActivityKind),
}

impl fmt::Display for Needer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Needer::Every(what) => write!(f, "every {what}"),
            Needer::Kind(kind) => write!(f, "{} activity", a(*kind)),
        }
    }
}

/// `a meeting`, `an opinion_report`.
fn a(kind: ActivityKind) -> String {
    let article = if kind.code().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {kind}")
}

/// `性别 (gender)`, or `gender` when the file spells it canonically.
fn column_name(header: &str, column: &str) -> String {
    if header == column || header.is_empty() {
        column.to_string()
    } else {
        format!("{header} ({column})")
    }
}

/// One problem found reading a file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// The file.
        file: Arc<str>,
        /// The cause.
        source: std::io::Error,
    },
    /// The bytes are neither UTF-8 nor GB18030.
    #[error(
        "{file}: not UTF-8 and not GB18030/GBK (bad bytes at byte offset {offset}); \
         save it as \"CSV UTF-8\" or Excel's \"CSV (逗号分隔)\""
    )]
    Undecodable {
        /// The file.
        file: Arc<str>,
        /// Byte offset of the first bad sequence.
        offset: usize,
    },
    /// Malformed CSV.
    #[error("{file}: malformed CSV: {message}")]
    Csv {
        /// The file.
        file: Arc<str>,
        /// The parser's message.
        message: String,
    },
    /// Malformed JSON (or JSON of the wrong shape).
    #[error("{file}: malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// The file.
        file: Arc<str>,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// A CSV file without even a header row.
    #[error("{file}: empty file; expected a header row")]
    NoHeader {
        /// The file.
        file: Arc<str>,
    },
    /// A required column is missing from the header.
    #[error("{file}: missing column {column} ({label})")]
    MissingColumn {
        /// The file.
        file: Arc<str>,
        /// The canonical name.
        column: &'static str,
        /// The Chinese header.
        label: &'static str,
    },
    /// A column (or JSON key) this table does not have, holding values.
    #[error("{at}, column {header}: unknown column with a value in it; expected one of: {expected}")]
    UnknownColumn {
        /// The first row where it holds a value.
        at: Location,
        /// The header as written.
        header: String,
        /// The columns this table has.
        expected: String,
    },
    /// Two headers naming the same column.
    #[error("{at}: columns {first} and {second} both mean {column}")]
    DuplicateColumn {
        /// The header row (CSV) or the item (JSON).
        at: Location,
        /// The first header.
        first: String,
        /// The second header.
        second: String,
        /// The canonical column.
        column: &'static str,
    },
    /// A bad value.
    #[error("{at}, column {}: {problem}", column_name(header, column))]
    Cell {
        /// Where.
        at: Location,
        /// The header as written in the file (the canonical name when the
        /// file has no such column).
        header: String,
        /// The canonical column name.
        column: &'static str,
        /// What is wrong.
        problem: Box<Problem>,
    },
    /// A folder without a file the dataset needs.
    #[error("{dir}: no {wanted}")]
    MissingFile {
        /// The folder.
        dir: PathBuf,
        /// What was looked for, e.g. `members.csv or members.json`.
        wanted: String,
    },
    /// A folder with a table in two formats.
    #[error("{dir}: both {first} and {second}; keep one")]
    AmbiguousFile {
        /// The folder.
        dir: PathBuf,
        /// One file.
        first: String,
        /// The other.
        second: String,
    },
}

/// Every problem found reading one or more files. Nothing is returned when
/// any is found.
#[derive(Debug, thiserror::Error)]
pub struct ImportErrors(pub Vec<ImportError>);

impl ImportError {
    /// Where in a file the problem is, for the variants that say (the
    /// Parquet scan renames rows counted within a committee).
    #[cfg(feature = "parquet")]
    pub(crate) fn location_mut(&mut self) -> Option<&mut Location> {
        match self {
            ImportError::UnknownColumn { at, .. }
            | ImportError::DuplicateColumn { at, .. }
            | ImportError::Cell { at, .. } => Some(at),
            _ => None,
        }
    }
}

impl ImportErrors {
    /// The problems as lines, one each.
    pub fn report(&self) -> String {
        self.0.iter().map(|e| format!("{e}\n")).collect()
    }

    /// The problems.
    pub fn iter(&self) -> std::slice::Iter<'_, ImportError> {
        self.0.iter()
    }

    /// How many problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none (never, for an error returned by a reader).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// At most this many problems are shown by `Display`; [`ImportErrors::report`] has all.
const SHOWN: usize = 50;

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s) in the data, nothing read:", self.0.len())?;
        for e in self.0.iter().take(SHOWN) {
            write!(f, "\n  {e}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "\n  … and {} more", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl From<ImportError> for ImportErrors {
    fn from(e: ImportError) -> Self {
        ImportErrors(vec![e])
    }
}

/// Loading a folder into a ledger failed.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The files could not be read.
    #[error(transparent)]
    Import(#[from] ImportErrors),
    /// The records were read but the ledger refused them (each issue names
    /// file, row and column).
    #[error("{} problem(s) in the data, nothing loaded:\n{}", .0.issues.len(), indent(&.0.report()))]
    Rejected(#[from] BatchRejected),
}

fn indent(lines: &str) -> String {
    lines.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// Writing files failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// A file could not be written.
    #[error("{file}: cannot write: {source}")]
    Io {
        /// The file.
        file: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A value the format cannot hold without changing its meaning (a
    /// handling unit's name containing the list separator `;`).
    #[error("{table} `{id}`, column {column}: `{value}` cannot be written: {reason}")]
    Unrepresentable {
        /// The table.
        table: &'static str,
        /// The record's id.
        id: String,
        /// The column.
        column: &'static str,
        /// The value.
        value: String,
        /// Why.
        reason: &'static str,
    },
    /// The folder already holds the same table in another format, which
    /// reading the folder back would refuse as ambiguous.
    #[error("{existing} exists; remove it or write to another folder")]
    OtherFormatPresent {
        /// The file in the way.
        existing: String,
    },
}
