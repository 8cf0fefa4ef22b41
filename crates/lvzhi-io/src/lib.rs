//! # lvzhi-io
//!
//! Reads and writes the interchange files of lvzhi (履职): the `members`,
//! `activities` and `participations` tables as CSV or JSON, and the
//! `committee.json` describing the committee. The contract is written down
//! in `docs/data-format.md`.
//!
//! Reading accepts what offices keep in Excel: Chinese headers (`姓名`,
//! `界别`, `出勤` …), Chinese values (`请假`, `领衔`, `县级` …) through the
//! core vocabularies, dates as `2024/3/5` or `2024年3月5日`, files in UTF-8
//! (with or without BOM) or GB18030/GBK. Every bad cell of a file is
//! reported, each naming file, row (as Excel numbers it), column and value;
//! records read carry their [`Origin`](lvzhi_core::Origin) so that the
//! ledger's own validation names file and row too.
//!
//! Writing produces CSV (UTF-8 with English codes, or GB18030 with Chinese
//! headers and labels for Excel) or JSON; reading what was written gives the
//! same ledger back. Evaluation results (the ranking table of
//! [`lvzhi_rules::ranking`]) are written as CSV or JSON by
//! [`write_ranking_csv`] and [`write_ranking_json`].
//!
//! ```
//! use lvzhi_io::{read_csv, Table};
//!
//! let csv = "委员编号,姓名,性别,界别,职务\nM001,王芳,女,教育界,常委；委员\n";
//! let batch = read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap();
//! assert_eq!(batch.members[0].name, "王芳");
//! assert_eq!(batch.origins.members[0].row, 2);
//!
//! let bad = "委员编号,姓名,性别,界别\nM001,王芳,男性,教育界\n";
//! let err = read_csv(Table::Members, "members.csv", bad.as_bytes()).unwrap_err();
//! assert!(err.report().starts_with(
//!     "members.csv, row 2, column 性别 (gender): `男性` is not a known gender; \
//!      expected one of: male (男), female (女)"
//! ));
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
mod columns;
mod error;
#[cfg(feature = "parquet")]
pub mod parquet;
mod read;
mod record;
mod results;
mod value;
mod write;

use std::fs;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use lvzhi_core::Dataset;
use lvzhi_core::{Batch, Committee, Ledger};

pub use error::{ImportError, ImportErrors, LoadError, Location, Needer, Problem, Unit, WriteError};
pub use lvzhi_core::Table;
pub use results::{ranking_table, write_ranking_csv, write_ranking_json, write_table_csv};
pub use write::{write_csv, write_json, CsvFlavour, Format};

use read::Syntax;

/// Reads one table from CSV bytes. `file` names the file in messages and
/// in the records' origins.
///
/// Returns a batch holding only that table's records (with their origins).
pub fn read_csv(table: Table, file: &str, bytes: &[u8]) -> Result<Batch, ImportErrors> {
    read::read_bytes(table, Syntax::Csv, file, bytes)
}

/// Reads one table from JSON bytes: an array of objects. Activities may
/// nest their participants (`participants`), which come back as the
/// batch's participations.
pub fn read_json(table: Table, file: &str, bytes: &[u8]) -> Result<Batch, ImportErrors> {
    read::read_bytes(table, Syntax::Json, file, bytes)
}

fn read_path(path: &Path) -> Result<(Arc<str>, Vec<u8>), ImportError> {
    let file: Arc<str> = path.display().to_string().into();
    match fs::read(path) {
        Ok(bytes) => Ok((file, bytes)),
        Err(source) => Err(ImportError::Io { file, source }),
    }
}

fn is_json(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Reads one table from a file: JSON when its name ends in `.json`, CSV
/// otherwise. Messages name the file by `path`.
pub fn read_file(table: Table, path: impl AsRef<Path>) -> Result<Batch, ImportErrors> {
    let path = path.as_ref();
    let (file, bytes) = read_path(path)?;
    let syntax = if is_json(path) { Syntax::Json } else { Syntax::Csv };
    read::read_bytes(table, syntax, &file, &bytes)
}

/// Reads a `members` CSV file.
pub fn read_members_csv(path: impl AsRef<Path>) -> Result<Batch, ImportErrors> {
    read_csv_file(Table::Members, path.as_ref())
}

/// Reads an `activities` CSV file.
pub fn read_activities_csv(path: impl AsRef<Path>) -> Result<Batch, ImportErrors> {
    read_csv_file(Table::Activities, path.as_ref())
}

/// Reads a `participations` CSV file.
pub fn read_participations_csv(path: impl AsRef<Path>) -> Result<Batch, ImportErrors> {
    read_csv_file(Table::Participations, path.as_ref())
}

fn read_csv_file(table: Table, path: &Path) -> Result<Batch, ImportErrors> {
    let (file, bytes) = read_path(path)?;
    read_csv(table, &file, &bytes)
}

/// Reads a `committee.json` (the serde form of [`Committee`]).
pub fn read_committee(file: &str, bytes: &[u8]) -> Result<Committee, ImportErrors> {
    let file: Arc<str> = file.into();
    let text = read::decode(&file, bytes)?;
    serde_json::from_str(&text).map_err(|e| read::json_error(&file, &e).into())
}

/// The name of a table's file in a folder.
fn table_file(table: Table, extension: &str) -> String {
    format!("{}.{extension}", table.name())
}

const TABLES: [Table; 3] = [Table::Members, Table::Activities, Table::Participations];
const COMMITTEE_FILE: &str = "committee.json";

/// Reads a folder: `committee.json`, `members.csv` or `members.json`, and,
/// when present, `activities.csv`/`.json` and `participations.csv`/`.json`
/// (participants may also be nested in `activities.json`). Each table may be
/// in either format, not both. Problems of every file are reported together.
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Dataset, ImportErrors> {
    let dir = dir.as_ref();
    let mut errors = Vec::new();
    let committee = match read_path(&dir.join(COMMITTEE_FILE)) {
        Ok((file, bytes)) => read_committee(&file, &bytes).map_err(|e| errors.extend(e.0)).ok(),
        Err(ImportError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            errors.push(ImportError::MissingFile { dir: dir.to_path_buf(), wanted: COMMITTEE_FILE.into() });
            None
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let mut batch = Batch::default();
    for table in TABLES {
        let [csv, json] = ["csv", "json"].map(|ext| dir.join(table_file(table, ext)));
        let path = match (csv.is_file(), json.is_file()) {
            (true, true) => {
                errors.push(ImportError::AmbiguousFile {
                    dir: dir.to_path_buf(),
                    first: table_file(table, "csv"),
                    second: table_file(table, "json"),
                });
                continue;
            }
            (true, false) => csv,
            (false, true) => json,
            (false, false) if table == Table::Members => {
                let wanted = format!("{} or {}", table_file(table, "csv"), table_file(table, "json"));
                errors.push(ImportError::MissingFile { dir: dir.to_path_buf(), wanted });
                continue;
            }
            (false, false) => continue,
        };
        match read_file(table, &path) {
            Ok(more) => batch.extend(more),
            Err(e) => errors.extend(e.0),
        }
    }
    match committee {
        Some(committee) if errors.is_empty() => Ok(Dataset { committee, batch }),
        _ => Err(ImportErrors(errors)),
    }
}

/// Reads a folder ([`read_dir`]) into a new ledger. Problems reading the
/// files, or records the ledger refuses, are all reported.
pub fn load_ledger(dir: impl AsRef<Path>) -> Result<Ledger, LoadError> {
    Ok(read_dir(dir)?.into_ledger()?)
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { file: path.display().to_string(), source }
}

/// Writes a committee and a batch to a folder (created if missing):
/// `committee.json` and the three tables in `format`. Refuses when the
/// folder holds a table in the other format (reading it back would be
/// ambiguous).
pub fn write_dataset(
    committee: &Committee,
    batch: &Batch,
    dir: impl AsRef<Path>,
    format: Format,
) -> Result<(), WriteError> {
    let dir = dir.as_ref();
    let other = if format == Format::Json { "csv" } else { "json" };
    for table in TABLES {
        let stale = dir.join(table_file(table, other));
        if stale.exists() {
            return Err(WriteError::OtherFormatPresent { existing: stale.display().to_string() });
        }
    }
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    let path = dir.join(COMMITTEE_FILE);
    let text = serde_json::to_string_pretty(committee).map_err(|e| io_error(&path)(e.into()))?;
    fs::write(&path, text + "\n").map_err(io_error(&path))?;
    for table in TABLES {
        let path: PathBuf = dir.join(table_file(table, format.extension()));
        let out = BufWriter::new(fs::File::create(&path).map_err(io_error(&path))?);
        let written = match format {
            Format::Csv => write_csv(table, batch, CsvFlavour::Standard, out),
            Format::ExcelCsv => write_csv(table, batch, CsvFlavour::Excel, out),
            Format::Json => write_json(table, batch, out),
        };
        written.map_err(|e| match e {
            WriteError::Io { source, .. } => io_error(&path)(source),
            e => e,
        })?;
    }
    Ok(())
}

/// Writes a ledger to a folder ([`write_dataset`] of [`Ledger::to_batch`]):
/// [`load_ledger`] on the folder gives an equal ledger back.
pub fn write_dir(ledger: &Ledger, dir: impl AsRef<Path>, format: Format) -> Result<(), WriteError> {
    write_dataset(ledger.committee(), &ledger.to_batch(), dir, format)
}
