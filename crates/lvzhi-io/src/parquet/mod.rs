//! Many committees in one folder of Parquet files: what national-scale
//! data (3,200 committees, 650,000 members, tens of millions of
//! participations) is stored and loaded as.
//!
//! The folder holds `committees.json` (the committees in order, a JSON
//! array of [`Committee`]) and `members.parquet`, `activities.parquet` and
//! `participations.parquet`: the three tables with the Arrow columns of
//! [`crate::arrow::write_record_batch`] (English names, codes), preceded by
//! a `committee_no` column (`uint32`, the committee's position in
//! `committees.json`). Rows are grouped by committee, in committee order.
//! Decimals are stored as `decimal128(38, 4)`.
//!
//! [`ParquetWriter`] appends one committee at a time, so writing a country
//! needs the memory of one committee. [`ParquetReader`] streams the files
//! back one committee at a time; [`CommitteeTables::dataset`] turns a
//! committee's rows into records — participations straight from the typed
//! columns, without going through text cells — and can run on any thread.
//!
//! ```
//! use lvzhi_io::parquet::{ParquetReader, ParquetWriter};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let data = lvzhi_io::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap();
//! let mut w = ParquetWriter::create(dir.path()).unwrap();
//! w.write(&data.committee, &data.batch).unwrap();
//! w.finish().unwrap();
//! let back: Vec<_> = ParquetReader::open(dir.path()).unwrap().map(|c| c.unwrap().dataset().unwrap()).collect();
//! assert_eq!(back.len(), 1);
//! assert_eq!(back[0].batch.participations, data.batch.participations);
//! assert_eq!(back[0].batch.members, data.batch.members);
//! ```

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type, UInt32Type, UInt8Type};
use arrow_array::{
    Array, ArrayAccessor, ArrayRef, Decimal128Array, RecordBatch, StringArray, TypedDictionaryArray,
    UInt32Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use lvzhi_core::{
    ActivityId, Attendance, Batch, BatchOrigins, Committee, Dataset, MemberId, Origin, ParticipantRole,
    ParticipationRecord, Speech, Table,
};
use parquet::arrow::arrow_reader::{
    ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::arrow::{read_record_batches, write_record_batch};
use crate::columns::Column;
use crate::error::{ImportError, ImportErrors, Location, Unit, WriteError};
use crate::read::Records;
use crate::record::{self, Row};
use crate::value::Cell;
use crate::CsvFlavour;

mod pages;
mod scan;
pub use scan::{read_ledgers, scan_ledgers, scan_ledgers_with};

/// The committees file of a Parquet folder.
pub const COMMITTEES_FILE: &str = "committees.json";
/// The column numbering rows by committee.
pub const COMMITTEE_NO: &str = "committee_no";
/// The scale decimals are stored at.
const SCALE: i8 = 4;
const TABLES: [Table; 3] = [Table::Members, Table::Activities, Table::Participations];

fn file_of(table: Table) -> String {
    format!("{}.parquet", table.name())
}

/// Writes committees one after another into a Parquet folder.
pub struct ParquetWriter {
    dir: PathBuf,
    writers: [Option<ArrowWriter<File>>; 3],
    committees: Vec<Committee>,
    group_rows: usize,
}

impl std::fmt::Debug for ParquetWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("dir", &self.dir)
            .field("committees", &self.committees.len())
            .finish()
    }
}

fn write_error(file: &str, e: impl std::error::Error + Send + Sync + 'static) -> WriteError {
    WriteError::Io { file: file.to_string(), source: std::io::Error::other(e) }
}

/// `a` with every decimal at [`SCALE`] (exact; a finer decimal is refused).
fn rescaled(table: Table, column: &str, a: &ArrayRef) -> Result<ArrayRef, WriteError> {
    let DataType::Decimal128(_, scale) = a.data_type() else { return Ok(a.clone()) };
    let scale = *scale;
    if scale > SCALE {
        return Err(WriteError::Unrepresentable {
            table: table.name(),
            id: String::new(),
            column: "decimal",
            value: column.to_string(),
            reason: "more than 4 decimal places",
        });
    }
    let factor = 10i128.pow(u32::from(SCALE.abs_diff(scale)));
    let values: Decimal128Array = a.as_primitive::<Decimal128Type>().unary(|v| v * factor);
    let values = values.with_precision_and_scale(38, SCALE).map_err(|e| write_error(table.name(), e))?;
    Ok(Arc::new(values))
}

impl ParquetWriter {
    /// Creates the folder (if needed); files are created with the first committee.
    pub fn create(dir: impl AsRef<Path>) -> Result<Self, WriteError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir)
            .map_err(|source| WriteError::Io { file: dir.display().to_string(), source })?;
        Ok(ParquetWriter { dir, writers: [None, None, None], committees: Vec::new(), group_rows: 1 << 17 })
    }

    /// At most `rows` rows per row group (default 131,072: small enough that
    /// a province-sized file has several, and a national one decodes in
    /// parallel in little memory); readers decode
    /// a row group at a time, on as many threads as there are groups in hand.
    pub fn row_group_rows(mut self, rows: usize) -> Self {
        self.group_rows = rows.max(1);
        self
    }

    /// Appends one committee and its records.
    pub fn write(&mut self, committee: &Committee, batch: &Batch) -> Result<(), WriteError> {
        let no = u32::try_from(self.committees.len()).unwrap_or(u32::MAX);
        for (slot, table) in TABLES.into_iter().enumerate() {
            let rb = write_record_batch(table, batch, CsvFlavour::Standard)?;
            let mut fields: Vec<Field> = vec![Field::new(COMMITTEE_NO, DataType::UInt32, false)];
            let mut columns: Vec<ArrayRef> = vec![Arc::new(UInt32Array::from(vec![no; rb.num_rows()]))];
            for (f, a) in rb.schema().fields().iter().zip(rb.columns()) {
                let a = rescaled(table, f.name(), a)?;
                fields.push(Field::new(f.name(), a.data_type().clone(), true));
                columns.push(a);
            }
            let file = file_of(table);
            let rb = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
                .map_err(|e| write_error(&file, e))?;
            let writer = match &mut self.writers[slot] {
                Some(w) => w,
                empty => {
                    let path = self.dir.join(&file);
                    let out = File::create(&path)
                        .map_err(|source| WriteError::Io { file: path.display().to_string(), source })?;
                    let props = WriterProperties::builder()
                        .set_compression(Compression::SNAPPY)
                        .set_max_row_group_row_count(Some(self.group_rows))
                        // Whole row groups dictionary-encoded (the default
                        // 1 MB limit falls back to plain pages for ids,
                        // which readers must then hash back into a
                        // dictionary): a row group's distinct ids fit.
                        .set_dictionary_page_size_limit(64 << 20)
                        .build();
                    empty.insert(
                        ArrowWriter::try_new(out, rb.schema(), Some(props))
                            .map_err(|e| write_error(&file, e))?,
                    )
                }
            };
            writer.write(&rb).map_err(|e| write_error(&file, e))?;
        }
        self.committees.push(committee.clone());
        Ok(())
    }

    /// Closes the files and writes `committees.json`.
    pub fn finish(self) -> Result<usize, WriteError> {
        for (writer, table) in self.writers.into_iter().zip(TABLES) {
            if let Some(w) = writer {
                w.close().map_err(|e| write_error(&file_of(table), e))?;
            }
        }
        let path = self.dir.join(COMMITTEES_FILE);
        let json = serde_json::to_vec(&self.committees).map_err(|e| write_error(COMMITTEES_FILE, e))?;
        std::fs::write(&path, json)
            .map_err(|source| WriteError::Io { file: path.display().to_string(), source })?;
        Ok(self.committees.len())
    }
}

/// One table's rows, streamed committee by committee.
struct Stream {
    reader: Option<ParquetRecordBatchReader>,
    file: Arc<str>,
    /// The current record batch and the first row not yet handed out.
    current: Option<(RecordBatch, usize)>,
}

impl Stream {
    fn open(dir: &Path, table: Table) -> Result<Stream, ImportErrors> {
        let path = dir.join(file_of(table));
        let file: Arc<str> = path.display().to_string().into();
        if !path.exists() {
            return Ok(Stream { reader: None, file, current: None });
        }
        let io = |e: std::io::Error| ImportErrors::from(ImportError::Io { file: file.clone(), source: e });
        let f = File::open(&path).map_err(io)?;
        let pq = |e: parquet::errors::ParquetError| io(std::io::Error::other(e));
        let stored = ParquetRecordBatchReaderBuilder::try_new(f.try_clone().map_err(io)?).map_err(pq)?;
        let options = ArrowReaderOptions::new().with_schema(dictionary_schema(stored.schema(), |_| true));
        let reader = ParquetRecordBatchReaderBuilder::try_new_with_options(f, options)
            .and_then(|b| b.with_batch_size(1 << 16).build())
            .map_err(pq)?;
        Ok(Stream { reader: Some(reader), file, current: None })
    }

    fn fail(&self, e: impl std::error::Error + Send + Sync + 'static) -> ImportErrors {
        ImportError::Io { file: self.file.clone(), source: std::io::Error::other(e) }.into()
    }

    /// The rows of committee `no` (slices of the file's record batches).
    fn take(&mut self, no: u32) -> Result<Vec<RecordBatch>, ImportErrors> {
        let mut out = Vec::new();
        loop {
            if self.current.is_none() {
                match self.reader.as_mut().and_then(Iterator::next) {
                    None => return Ok(out),
                    Some(rb) => self.current = Some((rb.map_err(|e| self.fail(e))?, 0)),
                }
            }
            let Some((rb, start)) = &mut self.current else { return Ok(out) };
            let Some(nos) = rb.column_by_name(COMMITTEE_NO).and_then(|c| c.as_primitive_opt::<UInt32Type>())
            else {
                return Err(self.fail(std::io::Error::other(format!("no {COMMITTEE_NO} column of uint32"))));
            };
            let values = &nos.values()[*start..];
            let run = values.iter().take_while(|&&n| n == no).count();
            if run > 0 {
                out.push(rb.slice(*start, run));
            }
            *start += run;
            if *start < rb.num_rows() {
                return Ok(out);
            }
            self.current = None;
        }
    }
}

/// The committees of a Parquet folder, in order.
fn committees_of(dir: &Path) -> Result<Vec<Committee>, ImportErrors> {
    let path = dir.join(COMMITTEES_FILE);
    let file: Arc<str> = path.display().to_string().into();
    let bytes = std::fs::read(&path).map_err(|source| ImportError::Io { file: file.clone(), source })?;
    Ok(serde_json::from_slice(&bytes)
        .map_err(|e| ImportError::Io { file, source: std::io::Error::other(e) })?)
}

/// The stored schema with text columns read dictionary-encoded: no copy of
/// every string, and each distinct value can be looked at once.
///
/// `dictionary(i)` says whether column `i` is to be read as a dictionary.
fn dictionary_schema(stored: &SchemaRef, dictionary: impl Fn(usize) -> bool) -> SchemaRef {
    let fields: Vec<Field> = stored
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| match f.data_type() {
            DataType::Utf8 if dictionary(i) => Field::new(
                f.name(),
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
                f.is_nullable(),
            ),
            _ => f.as_ref().clone(),
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Reads a Parquet folder one committee at a time.
pub struct ParquetReader {
    committees: std::vec::IntoIter<Committee>,
    next: u32,
    streams: [Stream; 3],
}

impl std::fmt::Debug for ParquetReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetReader").field("next", &self.next).finish()
    }
}

impl ParquetReader {
    /// Opens `committees.json` and the three tables of `dir`.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, ImportErrors> {
        let dir = dir.as_ref();
        let committees = committees_of(dir)?;
        let streams = [
            Stream::open(dir, Table::Members)?,
            Stream::open(dir, Table::Activities)?,
            Stream::open(dir, Table::Participations)?,
        ];
        Ok(ParquetReader { committees: committees.into_iter(), next: 0, streams })
    }

    /// How many committees are left.
    pub fn remaining(&self) -> usize {
        self.committees.len()
    }
}

impl Iterator for ParquetReader {
    type Item = Result<CommitteeTables, ImportErrors>;

    fn next(&mut self) -> Option<Self::Item> {
        let committee = self.committees.next()?;
        let no = self.next;
        self.next += 1;
        let mut tables: [Vec<RecordBatch>; 3] = Default::default();
        for (stream, rows) in self.streams.iter_mut().zip(&mut tables) {
            match stream.take(no) {
                Ok(r) => *rows = r,
                Err(e) => return Some(Err(e)),
            }
        }
        let [members, activities, participations] = tables;
        Some(Ok(CommitteeTables { committee, members, activities, participations }))
    }
}

/// One committee's rows as read, not yet turned into records.
#[derive(Debug, Clone)]
pub struct CommitteeTables {
    /// The committee.
    pub committee: Committee,
    /// Its members' rows.
    pub members: Vec<RecordBatch>,
    /// Its activities' rows.
    pub activities: Vec<RecordBatch>,
    /// Its participations' rows.
    pub participations: Vec<RecordBatch>,
}

/// The batches without their `committee_no` column, and their schema.
fn without_no(batches: &[RecordBatch]) -> Result<(SchemaRef, Vec<RecordBatch>), ImportErrors> {
    let Some(first) = batches.first() else {
        return Ok((Arc::new(Schema::empty()), Vec::new()));
    };
    let keep: Vec<usize> =
        (0..first.num_columns()).filter(|&i| first.schema().field(i).name() != COMMITTEE_NO).collect();
    let out = batches.iter().map(|rb| rb.project(&keep)).collect::<Result<Vec<_>, _>>().map_err(|e| {
        ImportErrors::from(ImportError::Io { file: "parquet".into(), source: std::io::Error::other(e) })
    })?;
    Ok((out[0].schema(), out))
}

fn read_table(table: Table, batches: &[RecordBatch]) -> Result<Batch, ImportErrors> {
    let (schema, batches) = without_no(batches)?;
    if batches.is_empty() {
        return Ok(Batch::default());
    }
    read_record_batches(table, table.name(), &schema, &batches)
}

impl CommitteeTables {
    /// The committee and its records, each table read straight from its
    /// typed columns when they are those this module writes, and otherwise
    /// (and for any bad cell) through the Arrow reader's cell parsers, which
    /// name the row and column of each problem.
    pub fn dataset(self) -> Result<Dataset, ImportErrors> {
        let members = fast_table(Table::Members, &self.members, record::member).map_or_else(
            || read_table(Table::Members, &self.members),
            |(members, origins)| {
                let origins = BatchOrigins { members: origins, ..Default::default() };
                Ok(Batch { members, origins, ..Default::default() })
            },
        );
        let activities = fast_table(Table::Activities, &self.activities, record::activity).map_or_else(
            || read_table(Table::Activities, &self.activities),
            |(activities, origins)| {
                let origins = BatchOrigins { activities: origins, ..Default::default() };
                Ok(Batch { activities, origins, ..Default::default() })
            },
        );
        let participations = match fast_participations(&self.participations) {
            Some(p) => Ok(Batch { participations: p, ..Batch::default() }),
            None => read_table(Table::Participations, &self.participations),
        };
        let mut errors = Vec::new();
        let mut batch = Batch::default();
        for part in [members, activities, participations] {
            match part {
                Ok(b) => batch.extend(b),
                Err(e) => errors.extend(e.0),
            }
        }
        if errors.is_empty() {
            Ok(Dataset { committee: self.committee, batch })
        } else {
            Err(ImportErrors(errors))
        }
    }
}

/// A column of the types [`ParquetWriter`] writes, read as CSV-like text.
enum Text<'a> {
    Str(StrCol<'a>),
    Date(&'a arrow_array::Date32Array),
    Flag(&'a arrow_array::BooleanArray),
    Count(&'a arrow_array::UInt8Array),
    Decimal(&'a Decimal128Array),
}

/// Text the CSV cell parsers would read differently from the Arrow reader
/// (which keeps strings as they are): blanks around it or a leading `'`.
///
/// Called for every id and text cell of a national year (millions): each
/// end is tested from its bytes when it is ASCII (as ids are) or a CJK
/// ideograph (as names and units mostly are: three bytes led by
/// 0xE4–0xE9, which no blank has), and decoded as a character otherwise.
fn csv_differs(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    // The ASCII characters `char::is_whitespace` accepts.
    let blank = |b: u8| matches!(b, b' ' | b'\t'..=b'\r');
    let cjk = |b: u8| (0xE4..=0xE9).contains(&b);
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
    let starts = match first {
        b if b.is_ascii() => blank(b) || b == b'\'',
        b if cjk(b) => false,
        _ => edge(s.chars().next()),
    };
    let ends = match last {
        b if b.is_ascii() => blank(b),
        _ if bytes.len() >= 3 && cjk(bytes[bytes.len() - 3]) => false,
        _ => edge(s.chars().next_back()),
    };
    starts || ends
}

/// One table's records straight from its typed columns, each cell handed to
/// the record builders as the text a CSV file would hold (no JSON value per
/// cell). `None` — read the slow way — when a column is not one this module
/// writes, has another type, or a cell's text could read differently; the
/// records and their problems are otherwise those of the Arrow reader.
fn fast_table<C: Column, T>(
    table: Table,
    batches: &[RecordBatch],
    build: impl Fn(&mut Row<C>) -> Option<T>,
) -> Option<(Vec<T>, Vec<Origin>)> {
    let file: Arc<str> = table.name().into();
    let mut out = Records::default();
    let mut errors = Vec::new();
    let mut offset = 0u64;
    for rb in batches {
        let mut columns: Vec<(C, &str, Text)> = Vec::new();
        for (field, a) in rb.schema_ref().fields().iter().zip(rb.columns()) {
            if field.name() == COMMITTEE_NO {
                continue;
            }
            let c = C::ALL.iter().copied().find(|c| c.name() == field.name())?;
            let text = match a.data_type() {
                DataType::Utf8 | DataType::Dictionary(..) => Text::Str(StrCol::of(a)?),
                DataType::Date32 => Text::Date(a.as_primitive_opt()?),
                DataType::Boolean => Text::Flag(a.as_boolean_opt()?),
                DataType::UInt8 => Text::Count(a.as_primitive_opt()?),
                DataType::Decimal128(..) => Text::Decimal(a.as_primitive_opt()?),
                _ => return None,
            };
            columns.push((c, c.name(), text));
        }
        if C::REQUIRED.iter().any(|r| !columns.iter().any(|(c, _, _)| c == r)) {
            return None;
        }
        for i in 0..rb.num_rows() {
            // Owned text of typed cells, alive while the row is built.
            let scratch: Vec<Option<String>> = columns
                .iter()
                .map(|(_, _, t)| match t {
                    Text::Date(a) if !a.is_null(i) => a.value_as_date(i).map(|d| d.to_string()),
                    Text::Count(a) if !a.is_null(i) => Some(a.value(i).to_string()),
                    Text::Decimal(a) if !a.is_null(i) => Some(a.value_as_string(i)),
                    _ => None,
                })
                .collect();
            let at = Location { file: file.clone(), row: offset + i as u64, unit: Unit::Row };
            let mut row = Row::<C>::new(at);
            for ((c, name, t), owned) in columns.iter().zip(&scratch) {
                let text: &str = match t {
                    Text::Str(a) if a.get(i).is_some() => {
                        let s = a.get(i).unwrap_or_default();
                        if csv_differs(s) {
                            return None;
                        }
                        s
                    }
                    Text::Flag(a) if !a.is_null(i) => {
                        if a.value(i) {
                            "true"
                        } else {
                            "false"
                        }
                    }
                    _ => match owned {
                        Some(s) => s,
                        None => continue,
                    },
                };
                row.set(*c, name, Cell::Csv(text));
            }
            let built = build(&mut row);
            out.take(row, built, &mut errors);
        }
        offset += rb.num_rows() as u64;
    }
    // Problems are told the slow way, with the Arrow reader's wording.
    errors.is_empty().then_some((out.items, out.origins))
}

/// A text column: plain, or dictionary-encoded as read from Parquet.
enum StrCol<'a> {
    Plain(&'a StringArray),
    Dict(TypedDictionaryArray<'a, Int32Type, StringArray>),
}

impl<'a> StrCol<'a> {
    fn of(a: &'a ArrayRef) -> Option<StrCol<'a>> {
        match a.data_type() {
            DataType::Utf8 => a.as_string_opt::<i32>().map(StrCol::Plain),
            _ => a.as_dictionary_opt::<Int32Type>()?.downcast_dict::<StringArray>().map(StrCol::Dict),
        }
    }

    /// Row `i`, or `None` when null.
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            StrCol::Plain(a) => (!a.is_null(i)).then(|| a.value(i)),
            StrCol::Dict(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

fn fast_participations(batches: &[RecordBatch]) -> Option<Vec<ParticipationRecord>> {
    let rows = batches.iter().map(RecordBatch::num_rows).sum();
    let mut out = Vec::with_capacity(rows);
    for rb in batches {
        let text = |name: &str| rb.column_by_name(name).and_then(StrCol::of);
        let flag = |name: &str| rb.column_by_name(name).and_then(|c| c.as_boolean_opt());
        let (activity, member, role) = (text("activity_id")?, text("member_id")?, text("role")?);
        let (attendance, speech) = (text("attendance")?, text("speech")?);
        let half_days = rb.column_by_name("half_days")?.as_primitive_opt::<UInt8Type>()?;
        let (late, left_early, throughout) = (flag("late")?, flag("left_early")?, flag("throughout")?);
        for i in 0..rb.num_rows() {
            let (a, m, r) = (activity.get(i)?, member.get(i)?, role.get(i)?);
            // Ids the cell parsers would trim, fold (full-width forms) or refuse take the slow path.
            if a.is_empty()
                || m.is_empty()
                || !a.is_ascii()
                || !m.is_ascii()
                || csv_differs(a)
                || csv_differs(m)
            {
                return None;
            }
            let attendance: Option<Attendance> = match attendance.get(i) {
                Some(s) => Some(s.parse().ok()?),
                None => None,
            };
            let speech: Option<Speech> = match speech.get(i) {
                Some(s) => Some(s.parse().ok()?),
                None => None,
            };
            out.push(ParticipationRecord {
                activity_id: ActivityId(a.into()),
                member_id: MemberId(m.into()),
                role: r.parse::<ParticipantRole>().ok()?,
                attendance,
                speech,
                half_days: (!half_days.is_null(i)).then(|| half_days.value(i)),
                late: !late.is_null(i) && late.value(i),
                left_early: !left_early.is_null(i) && left_early.value(i),
                throughout: (!throughout.is_null(i)).then(|| throughout.value(i)),
            });
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte tests for ASCII and CJK ends say what the character test
    /// says, for every character at either end, beside ASCII, CJK and
    /// other characters.
    #[test]
    fn csv_differs_as_the_characters_say() {
        let by_chars = |s: &str| {
            let edge =
                |c: Option<char>| c.is_some_and(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
            edge(s.chars().next()) || edge(s.chars().next_back()) || s.starts_with('\'')
        };
        assert!(!csv_differs(""));
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let beside =
                [format!("{c}a"), format!("a{c}"), format!("{c}委"), format!("委{c}"), format!("é{c}")];
            for s in std::iter::once(c.to_string()).chain(beside).chain([format!("{c}é"), format!("{c}{c}")])
            {
                assert_eq!(csv_differs(&s), by_chars(&s), "{s:?}");
            }
        }
    }

    /// The fast paths read what the Arrow reader reads, origins included.
    #[test]
    fn fast_paths_agree_with_the_arrow_reader() {
        let data = crate::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut w = ParquetWriter::create(dir.path()).unwrap();
        w.write(&data.committee, &data.batch).unwrap();
        w.finish().unwrap();
        let tables = ParquetReader::open(dir.path()).unwrap().next().unwrap().unwrap();
        let (members, member_origins) = fast_table(Table::Members, &tables.members, record::member).unwrap();
        let (activities, activity_origins) =
            fast_table(Table::Activities, &tables.activities, record::activity).unwrap();
        let participations = fast_participations(&tables.participations).unwrap();
        let slow = [
            read_table(Table::Members, &tables.members).unwrap(),
            read_table(Table::Activities, &tables.activities).unwrap(),
            read_table(Table::Participations, &tables.participations).unwrap(),
        ];
        assert_eq!(members, slow[0].members);
        assert_eq!(member_origins, slow[0].origins.members);
        assert_eq!(activities, slow[1].activities);
        assert_eq!(activity_origins, slow[1].origins.activities);
        assert_eq!(participations, slow[2].participations);
        assert_eq!(members, data.batch.members);
        assert_eq!(activities.len(), data.batch.activities.len());
    }

    /// Text the CSV parsers would change sends a table the slow way.
    #[test]
    fn padded_or_quoted_text_takes_the_slow_path() {
        assert!(csv_differs(" M1") && csv_differs("M1\u{3000}") && csv_differs("'=1"));
        assert!(!csv_differs("关于加强科普阵地建设的建议（试行）"));
        let ids = arrow_array::StringArray::from(vec!["Ｍ1"]);
        let text = |v: &str| Arc::new(StringArray::from(vec![Some(v)])) as ArrayRef;
        let none = Arc::new(StringArray::from(vec![None::<&str>])) as ArrayRef;
        let flag = Arc::new(arrow_array::BooleanArray::from(vec![false])) as ArrayRef;
        let rb = RecordBatch::try_from_iter([
            ("activity_id", text("A1")),
            ("member_id", Arc::new(ids) as ArrayRef),
            ("role", text("lead")),
            ("attendance", none.clone()),
            ("speech", none),
            ("half_days", Arc::new(arrow_array::UInt8Array::from(vec![None])) as ArrayRef),
            ("late", flag.clone()),
            ("left_early", flag.clone()),
            ("throughout", flag),
        ])
        .unwrap();
        assert!(fast_participations(std::slice::from_ref(&rb)).is_none(), "full-width id");
        let slow = read_table(Table::Participations, &[rb]).unwrap();
        assert_eq!(slow.participations[0].member_id.0, "M1");
    }
}
