//! The three tables as Arrow record batches, in and out: what DataFrame
//! libraries (pandas, polars, pyarrow) exchange through the Arrow C stream
//! interface.
//!
//! Reading goes through the same column names, Chinese aliases and cell
//! parsers as the CSV and JSON readers, so a DataFrame is held to the same
//! contract (`docs/data-format.md`) and every bad cell is reported with the
//! table's name, the row and the column. Rows count from 0, as `df.iloc`
//! does. Columns may hold text (codes, Chinese labels, `2024/3/5` …) or
//! typed values: dates (`date32`, `date64`, midnight timestamps), decimals
//! (`decimal128`), booleans, integers, lists of text for multi-valued
//! columns, and dictionary-encoded (categorical) text. Floats are read by
//! their shortest decimal spelling (`0.1` stays `0.1`), so a column pandas
//! turned into `float64` reads as what the file said. pandas index columns
//! (`__index_level_0__`) are ignored.
//!
//! Writing uses the CSV writer's cells: [`CsvFlavour::Standard`] gives
//! English column names and codes, [`CsvFlavour::Excel`] Chinese headers
//! and labels. Dates are `date32`, hours and amounts `decimal128` (the
//! column's largest scale, never a float), half-days `uint8`, flags
//! `bool`; multi-valued columns are text joined by `;` as in CSV. An empty
//! cell is null: reading a written batch gives the same records back.
//!
//! ```
//! use lvzhi_io::arrow::{read_record_batches, write_record_batch};
//! use lvzhi_io::{read_csv, CsvFlavour, Table};
//!
//! let csv = "委员编号,姓名,性别,界别,出生日期\nM001,王芳,女,教育界,1980/3/5\n";
//! let batch = read_csv(Table::Members, "members.csv", csv.as_bytes()).unwrap();
//! let rb = write_record_batch(Table::Members, &batch, CsvFlavour::Standard).unwrap();
//! assert_eq!(rb.schema().field(0).name(), "member_id");
//! let back = read_record_batches(Table::Members, "members", &rb.schema(), [&rb]).unwrap();
//! assert_eq!(back.members, batch.members);
//! ```

use std::collections::HashSet;
use std::sync::Arc;

pub mod evaluation;

pub use arrow_array;
pub use arrow_schema;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Decimal128Array, RecordBatch, StringArray, UInt8Array,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use lvzhi_core::{Batch, Ledger, Table};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::columns::Column;
use crate::error::{ImportError, ImportErrors, Location, Problem, Unit, WriteError};
use crate::read::{header_slots, unknown, Records, Slot};
use crate::record::{self, Row};
use crate::value::{self, json_is_empty, Cell};
use crate::write::{activity_line, member_line, participation_line, Line};
use crate::CsvFlavour;

/// Reads one table from Arrow record batches sharing `schema`. `name`
/// names the table in messages and in the records' origins (e.g.
/// `members`); rows are numbered from 0 across the batches.
///
/// Returns a batch holding only that table's records, or every problem found.
pub fn read_record_batches<'b>(
    table: Table,
    name: &str,
    schema: &Schema,
    batches: impl IntoIterator<Item = &'b RecordBatch>,
) -> Result<Batch, ImportErrors> {
    let file: Arc<str> = name.into();
    let mut errors = Vec::new();
    let mut batch = Batch::default();
    match table {
        Table::Members => {
            let r = arrow_table(&file, schema, batches, &mut errors, record::member);
            (batch.members, batch.origins.members) = (r.items, r.origins);
        }
        Table::Activities => {
            let r = arrow_table(&file, schema, batches, &mut errors, record::activity);
            (batch.activities, batch.origins.activities) = (r.items, r.origins);
        }
        Table::Participations => {
            let r = arrow_table(&file, schema, batches, &mut errors, |row| record::participation(row, None));
            (batch.participations, batch.origins.participations) = (r.items, r.origins);
        }
    }
    if errors.is_empty() {
        Ok(batch)
    } else {
        Err(ImportErrors(errors))
    }
}

/// What a cell of an unsupported type is called in messages.
type Found = &'static str;

/// What cells of the three tables may hold.
const EXPECTED: &str = "text, a number, a date, true/false or a list of text";

/// Reads every row of every batch.
fn arrow_table<'b, C: Column, T>(
    file: &Arc<str>,
    schema: &Schema,
    batches: impl IntoIterator<Item = &'b RecordBatch>,
    errors: &mut Vec<ImportError>,
    build: impl Fn(&mut Row<C>) -> Option<T>,
) -> Records<T> {
    let mut out = Records::default();
    let first_row = Location { file: file.clone(), row: 0, unit: Unit::Row };
    let (slots, complete) =
        header_slots::<C>(first_row, schema.fields().iter().map(|f| f.name().as_str()), errors);
    let mut unknown_seen = HashSet::new();
    let mut offset = 0u64;
    for rb in batches {
        let columns: Vec<Source> = rb.columns().iter().map(|a| Source::new(a.as_ref())).collect();
        for i in 0..rb.num_rows() {
            let values: Vec<Result<Value, Found>> = columns.iter().map(|c| c.value(i)).collect();
            let blank = |(j, v): (usize, &Result<Value, Found>)| {
                matches!(slots.get(j), Some(Slot::Ignored) | None) || matches!(v, Ok(v) if json_is_empty(v))
            };
            if values.iter().enumerate().all(blank) {
                continue;
            }
            let at = Location { file: file.clone(), row: offset + i as u64, unit: Unit::Row };
            let mut row = Row::<C>::new(at);
            let filled = Value::Bool(true);
            for ((slot, value), field) in slots.iter().zip(&values).zip(schema.fields()) {
                match (slot, value) {
                    (Slot::Ignored, _) => {}
                    (Slot::Column(c), Ok(v)) => row.set(*c, field.name().trim(), Cell::Json(v)),
                    (Slot::Column(c), Err(found)) => {
                        row.set(*c, field.name().trim(), Cell::Json(&filled));
                        row.fail(*c, Problem::JsonType { expected: EXPECTED, found });
                    }
                    (Slot::Unknown(name), Ok(v)) => unknown(&mut row, name, Cell::Json(v), &mut unknown_seen),
                    (Slot::Unknown(name), Err(_)) => {
                        unknown(&mut row, name, Cell::Json(&filled), &mut unknown_seen)
                    }
                }
            }
            let built = if complete { build(&mut row) } else { None };
            out.take(row, built, errors);
        }
        offset += rb.num_rows() as u64;
    }
    out
}

/// A column, with a dictionary's keys worked out once.
enum Source<'a> {
    Plain(&'a dyn Array),
    Dictionary { dictionary: &'a dyn Array, keys: Vec<usize>, values: &'a dyn Array },
}

impl<'a> Source<'a> {
    fn new(array: &'a dyn Array) -> Self {
        match array.as_any_dictionary_opt() {
            Some(d) => {
                Source::Dictionary { dictionary: array, keys: d.normalized_keys(), values: d.values() }
            }
            None => Source::Plain(array),
        }
    }

    fn value(&self, i: usize) -> Result<Value, Found> {
        match self {
            Source::Plain(a) => value_at(*a, i),
            Source::Dictionary { dictionary, .. } if dictionary.is_null(i) => Ok(Value::Null),
            Source::Dictionary { keys, values, .. } => value_at(*values, keys[i]),
        }
    }
}

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

/// A float by its shortest decimal spelling; NaN (pandas' missing value) is empty.
fn float(f: f64, shown: String) -> Value {
    if f.is_nan() {
        Value::Null
    } else {
        Value::String(shown)
    }
}

fn date(d: Option<NaiveDate>) -> Result<Value, Found> {
    d.map(|d| Value::String(d.to_string())).ok_or("a date out of range")
}

/// A timestamp at midnight is its day; any other is shown with its time
/// (and refused by the date parser, which names it).
fn timestamp(t: Option<NaiveDateTime>) -> Result<Value, Found> {
    let t = t.ok_or("a timestamp out of range")?;
    Ok(Value::String(if t.time() == NaiveTime::MIN { t.date().to_string() } else { t.to_string() }))
}

fn list(values: ArrayRef) -> Result<Value, Found> {
    (0..values.len()).map(|j| value_at(values.as_ref(), j)).collect::<Result<_, _>>().map(Value::Array)
}

/// One cell as the JSON value the shared cell parsers read.
fn value_at(a: &dyn Array, i: usize) -> Result<Value, Found> {
    use DataType as D;
    if a.is_null(i) {
        return Ok(Value::Null);
    }
    Ok(match a.data_type() {
        D::Null => Value::Null,
        D::Utf8 => text(a.as_string::<i32>().value(i)),
        D::LargeUtf8 => text(a.as_string::<i64>().value(i)),
        D::Utf8View => text(a.as_string_view().value(i)),
        D::Boolean => Value::Bool(a.as_boolean().value(i)),
        D::Int8 => a.as_primitive::<Int8Type>().value(i).into(),
        D::Int16 => a.as_primitive::<Int16Type>().value(i).into(),
        D::Int32 => a.as_primitive::<Int32Type>().value(i).into(),
        D::Int64 => a.as_primitive::<Int64Type>().value(i).into(),
        D::UInt8 => a.as_primitive::<UInt8Type>().value(i).into(),
        D::UInt16 => a.as_primitive::<UInt16Type>().value(i).into(),
        D::UInt32 => a.as_primitive::<UInt32Type>().value(i).into(),
        D::UInt64 => a.as_primitive::<UInt64Type>().value(i).into(),
        D::Float32 => {
            let f = a.as_primitive::<Float32Type>().value(i);
            float(f64::from(f), f.to_string())
        }
        D::Float64 => {
            let f = a.as_primitive::<Float64Type>().value(i);
            float(f, f.to_string())
        }
        D::Decimal128(..) => Value::String(a.as_primitive::<Decimal128Type>().value_as_string(i)),
        D::Decimal256(..) => Value::String(a.as_primitive::<Decimal256Type>().value_as_string(i)),
        D::Date32 => date(a.as_primitive::<Date32Type>().value_as_date(i))?,
        D::Date64 => date(a.as_primitive::<Date64Type>().value_as_date(i))?,
        D::Timestamp(unit, _) => timestamp(match unit {
            TimeUnit::Second => a.as_primitive::<TimestampSecondType>().value_as_datetime(i),
            TimeUnit::Millisecond => a.as_primitive::<TimestampMillisecondType>().value_as_datetime(i),
            TimeUnit::Microsecond => a.as_primitive::<TimestampMicrosecondType>().value_as_datetime(i),
            TimeUnit::Nanosecond => a.as_primitive::<TimestampNanosecondType>().value_as_datetime(i),
        })?,
        D::List(_) => list(a.as_list::<i32>().value(i))?,
        D::LargeList(_) => list(a.as_list::<i64>().value(i))?,
        D::FixedSizeList(..) => list(a.as_fixed_size_list().value(i))?,
        D::Struct(fields) => {
            let s = a.as_struct();
            let mut object = Map::new();
            for (field, column) in fields.iter().zip(s.columns()) {
                object.insert(field.name().clone(), value_at(column.as_ref(), i)?);
            }
            Value::Object(object)
        }
        D::Dictionary(..) => {
            let d = a.as_any_dictionary();
            value_at(d.values().as_ref(), d.normalized_keys()[i])?
        }
        D::Binary | D::LargeBinary | D::BinaryView | D::FixedSizeBinary(_) => return Err("binary data"),
        D::Time32(_) | D::Time64(_) => return Err("a time of day"),
        D::Duration(_) => return Err("a duration"),
        D::Interval(_) => return Err("an interval"),
        D::Map(..) => return Err("a map"),
        _ => return Err("an Arrow type lvzhi does not read"),
    })
}

/// The Arrow type of a column, by its canonical name: everything not listed is text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    Text,
    Date,
    Decimal,
    Count,
    Flag,
}

fn typed(column: &str) -> Typed {
    match column {
        "birth_date" | "joined_on" | "left_on" | "date" | "end_date" => Typed::Date,
        "hours" | "amount" => Typed::Decimal,
        "half_days" => Typed::Count,
        "commissioned" | "off_site" | "report_produced" | "in_kind" | "late" | "left_early"
        | "throughout" => Typed::Flag,
        _ => Typed::Text,
    }
}

/// A value the CSV writer wrote that does not read back (never, for a valid record).
fn unreadable(table: Table, column: &'static str, value: &str, problem: Problem) -> WriteError {
    WriteError::Unrepresentable {
        table: table.name(),
        id: String::new(),
        column,
        value: value.to_string(),
        reason: if matches!(problem, Problem::Decimal(_)) { "not a decimal" } else { "not a typed value" },
    }
}

/// Days from 1970-01-01, Arrow's `date32`.
fn days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from((d - epoch).num_days()).unwrap_or(i32::MAX)
}

/// Decimals at one scale (the largest any of them has): exact, as `decimal128(38, scale)`.
pub fn decimal_array(values: &[Option<Decimal>]) -> Result<Decimal128Array, arrow_schema::ArrowError> {
    let scale = values.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
    let mantissas = values.iter().map(|v| v.map(|d| mantissa_at(d, scale)));
    Decimal128Array::from_iter(mantissas).with_precision_and_scale(38, scale as i8)
}

/// [`decimal_array`] of values none of which is missing (no validity buffer).
pub fn decimal_column(values: &[Decimal]) -> Result<Decimal128Array, arrow_schema::ArrowError> {
    let scale = values.iter().map(|d| d.scale()).max().unwrap_or(0);
    let mantissas: Vec<i128> = values.iter().map(|&d| mantissa_at(d, scale)).collect();
    Decimal128Array::new(mantissas.into(), None).with_precision_and_scale(38, scale as i8)
}

/// `d`'s mantissa at `scale` (not below its own).
fn mantissa_at(mut d: Decimal, scale: u32) -> i128 {
    d.rescale(scale);
    d.mantissa()
}

/// Parses written cells back (empty is null).
fn parse_cells<T>(
    table: Table,
    column: &'static str,
    cells: &[&str],
    parse: fn(&Cell) -> Result<T, Problem>,
) -> Result<Vec<Option<T>>, WriteError> {
    cells
        .iter()
        .map(|s| match s.is_empty() {
            true => Ok(None),
            false => parse(&Cell::Csv(s)).map(Some).map_err(|p| unreadable(table, column, s, p)),
        })
        .collect()
}

/// One column of written cells as a typed Arrow array.
fn typed_array(table: Table, column: &'static str, cells: &[&str]) -> Result<ArrayRef, WriteError> {
    Ok(match typed(column) {
        Typed::Text => Arc::new(StringArray::from_iter(cells.iter().map(|s| (!s.is_empty()).then_some(*s)))),
        Typed::Date => Arc::new(Date32Array::from_iter(
            parse_cells(table, column, cells, value::date)?.into_iter().map(|d| d.map(days)),
        )),
        Typed::Count => Arc::new(UInt8Array::from_iter(parse_cells(table, column, cells, value::count)?)),
        Typed::Flag => Arc::new(BooleanArray::from_iter(parse_cells(table, column, cells, value::boolean)?)),
        Typed::Decimal => {
            Arc::new(decimal_array(&parse_cells(table, column, cells, value::decimal)?).map_err(|e| {
                WriteError::Unrepresentable {
                    table: table.name(),
                    id: String::new(),
                    column,
                    value: e.to_string(),
                    reason: "not a decimal128",
                }
            })?)
        }
    })
}

/// The written lines of one table as a record batch.
fn lines_batch<C: Column>(
    table: Table,
    lines: &[Line<C>],
    flavour: CsvFlavour,
) -> Result<RecordBatch, WriteError> {
    let mut fields = Vec::with_capacity(C::ALL.len());
    let mut arrays = Vec::with_capacity(C::ALL.len());
    for c in C::ALL {
        let cells: Vec<&str> = lines.iter().map(|l| l.cells[c.index()].as_str()).collect();
        let array = typed_array(table, c.name(), &cells)?;
        fields.push(Field::new(flavour.header(*c), array.data_type().clone(), true));
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| WriteError::Io { file: table.name().to_string(), source: std::io::Error::other(e) })
}

fn write_lines<C: Column, T>(
    table: Table,
    records: &[T],
    line: fn(&T, CsvFlavour) -> Result<Line<C>, WriteError>,
    flavour: CsvFlavour,
) -> Result<RecordBatch, WriteError> {
    let lines = records.iter().map(|r| line(r, flavour)).collect::<Result<Vec<_>, _>>()?;
    lines_batch(table, &lines, flavour)
}

/// One table of `batch` as a record batch, with the columns of its CSV file
/// in file order: English names and codes ([`CsvFlavour::Standard`]) or
/// Chinese headers and labels ([`CsvFlavour::Excel`]).
pub fn write_record_batch(
    table: Table,
    batch: &Batch,
    flavour: CsvFlavour,
) -> Result<RecordBatch, WriteError> {
    match table {
        Table::Members => write_lines(table, &batch.members, member_line, flavour),
        Table::Activities => write_lines(table, &batch.activities, activity_line, flavour),
        Table::Participations => write_lines(table, &batch.participations, participation_line, flavour),
    }
}

/// One table of a ledger ([`Ledger::to_batch`]'s order) as a record batch.
pub fn ledger_record_batch(
    ledger: &Ledger,
    table: Table,
    flavour: CsvFlavour,
) -> Result<RecordBatch, WriteError> {
    write_record_batch(table, &ledger.to_batch(), flavour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Float64Array, Int64Array, ListArray, TimestampNanosecondArray};

    fn sample() -> Batch {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample");
        crate::read_dir(dir).unwrap().batch
    }

    fn read(table: Table, rb: &RecordBatch) -> Result<Batch, ImportErrors> {
        read_record_batches(table, table.name(), &rb.schema(), [rb])
    }

    #[test]
    fn the_sample_round_trips_in_both_flavours() {
        let batch = sample();
        for flavour in [CsvFlavour::Standard, CsvFlavour::Excel] {
            for table in [Table::Members, Table::Activities, Table::Participations] {
                let rb = write_record_batch(table, &batch, flavour).unwrap();
                let back = read(table, &rb).unwrap_or_else(|e| panic!("{table:?} {flavour:?}: {e}"));
                match table {
                    Table::Members => assert_eq!(back.members, batch.members),
                    Table::Activities => assert_eq!(back.activities, batch.activities),
                    Table::Participations => assert_eq!(back.participations, batch.participations),
                }
            }
        }
    }

    #[test]
    fn written_columns_are_typed() {
        let batch = sample();
        let rb = write_record_batch(Table::Activities, &batch, CsvFlavour::Standard).unwrap();
        let schema = rb.schema();
        let ty = |name: &str| schema.field_with_name(name).unwrap().data_type().clone();
        assert_eq!(ty("date"), DataType::Date32);
        assert_eq!(ty("half_days"), DataType::UInt8);
        assert!(matches!(ty("amount"), DataType::Decimal128(38, _)), "{:?}", ty("amount"));
        assert_eq!(ty("off_site"), DataType::Boolean);
        assert_eq!(ty("kind"), DataType::Utf8);
        let excel = write_record_batch(Table::Activities, &batch, CsvFlavour::Excel).unwrap();
        assert_eq!(excel.schema().field(1).name(), "类别");
        let kinds = excel.column(1).as_string::<i32>();
        assert!(kinds.iter().flatten().all(|k| !k.is_ascii()), "Chinese labels");
    }

    #[test]
    fn decimals_keep_every_digit() {
        let a = decimal_array(&[Some(Decimal::new(1, 1)), None, Some(Decimal::new(12345, 0))]).unwrap();
        assert_eq!(a.scale(), 1);
        assert_eq!(a.value_as_string(0), "0.1");
        assert_eq!(a.value_as_string(2), "12345.0");
        assert!(a.is_null(1));
    }

    #[test]
    fn a_decimal_column_is_the_decimal_array_of_its_values() {
        let values = [Decimal::new(-25, 2), Decimal::new(3, 0), Decimal::new(12345, 1)];
        let a = decimal_column(&values).unwrap();
        let b = decimal_array(&values.map(Some)).unwrap();
        assert_eq!(a.scale(), 2);
        assert_eq!(a.null_count(), 0);
        assert_eq!(a.values(), b.values());
        assert_eq!(a.value_as_string(0), "-0.25");
        assert_eq!(a.value_as_string(2), "1234.50");
        assert_eq!(decimal_column(&[]).unwrap().len(), 0);
    }

    fn batch_of(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(columns).unwrap()
    }

    fn strings(values: &[Option<&str>]) -> ArrayRef {
        Arc::new(StringArray::from(values.to_vec()))
    }

    #[test]
    fn typed_and_pandas_shaped_input_reads() {
        use arrow_array::builder::{ListBuilder, StringBuilder};
        let mut roles = ListBuilder::new(StringBuilder::new());
        roles.values().append_value("常委");
        roles.values().append_value("委员");
        roles.append(true);
        roles.append(false);
        let roles: ListArray = roles.finish();
        let midnight = 1_709_596_800_000_000_000i64; // 2024-03-05T00:00:00
        let rb = batch_of(vec![
            ("委员编号", strings(&[Some("M001"), Some("M002")])),
            ("姓名", strings(&[Some("王芳"), Some("李四")])),
            ("界别", strings(&[Some("教育界"), Some("经济界")])),
            ("职务", Arc::new(roles)),
            ("joined_on", Arc::new(TimestampNanosecondArray::from(vec![Some(midnight), None]))),
            ("__index_level_0__", Arc::new(Int64Array::from(vec![7, 9]))),
        ]);
        let batch = read(Table::Members, &rb).unwrap();
        assert_eq!(batch.members.len(), 2);
        assert!(batch.members[0].roles.is_standing());
        assert_eq!(batch.members[0].joined_on, NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(batch.origins.members[1].row, 1);

        let rb = batch_of(vec![
            ("activity_id", strings(&[Some("D1")])),
            ("kind", strings(&[Some("捐款捐物")])),
            ("title", strings(&[Some("助学")])),
            ("date", strings(&[Some("2024年3月5日")])),
            ("level", strings(&[Some("县级")])),
            ("amount", Arc::new(Float64Array::from(vec![1000.1]))),
        ]);
        let batch = read(Table::Activities, &rb).unwrap();
        let lvzhi_core::ActivityDetail::Donation(d) = &batch.activities[0].detail else { panic!() };
        assert_eq!(d.amount.to_string(), "1000.1");
    }

    #[test]
    fn every_bad_cell_is_named_by_row_and_column() {
        let rb = batch_of(vec![
            ("member_id", strings(&[Some("M001"), Some("M002"), None])),
            ("name", strings(&[Some("王芳"), Some("李四"), Some("张三")])),
            ("性别", strings(&[Some("女"), Some("男性"), None])),
            ("sector", strings(&[Some("教育界"), Some("经济界"), Some("农业界")])),
            ("备注", strings(&[None, None, Some("x")])),
        ]);
        let err = read(Table::Members, &rb).unwrap_err();
        let report = err.report();
        assert!(
            report.contains("members, row 1, column 性别 (gender): `男性` is not a known gender"),
            "{report}"
        );
        assert!(
            report.contains("members, row 2, column member_id: empty, but every member needs it"),
            "{report}"
        );
        assert!(report.contains("members, row 2, column 备注: unknown column"), "{report}");
        assert_eq!(err.len(), 3, "{report}");

        let rb = batch_of(vec![("member_id", strings(&[Some("M1")]))]);
        let report = read(Table::Members, &rb).unwrap_err().report();
        assert!(report.contains("members: missing column name (姓名)"), "{report}");
    }

    #[test]
    fn times_and_binary_are_refused_with_the_type() {
        let noon = 1_709_640_000_000_000_000i64; // 2024-03-05T12:00:00
        let rb = batch_of(vec![
            ("member_id", strings(&[Some("M001")])),
            ("name", strings(&[Some("王芳")])),
            ("sector", strings(&[Some("教育界")])),
            ("birth_date", Arc::new(TimestampNanosecondArray::from(vec![noon]))),
            ("ethnicity", Arc::new(arrow_array::BinaryArray::from(vec![&b"x"[..]]))),
        ]);
        let report = read(Table::Members, &rb).unwrap_err().report();
        assert!(report.contains("row 0, column birth_date: `2024-03-05 12:00:00` is not a date"), "{report}");
        assert!(report.contains("column ethnicity: found binary data, expected text"), "{report}");
    }
}
