//! Small conversions shared by the classes: periods, vocabulary codes,
//! Arrow tables to and from Python.

use chrono::NaiveDate;
use lvzhi::io::arrow::arrow_array::RecordBatch;
use lvzhi::io::arrow::arrow_schema::SchemaRef;
use lvzhi::io::arrow::read_record_batches;
use lvzhi::io::ImportErrors;
use lvzhi::{Batch, Table, Vocabulary};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use crate::errors::{import_error, raise_one, DataImportError};

/// A vocabulary value's code, or `None`.
pub(crate) fn code<V: Vocabulary>(v: Option<V>) -> Option<&'static str> {
    v.map(Vocabulary::code)
}

/// The codes of vocabulary values, in order.
pub(crate) fn codes<V: Vocabulary>(values: impl IntoIterator<Item = V>) -> Vec<&'static str> {
    values.into_iter().map(Vocabulary::code).collect()
}

/// Parses a vocabulary value (code, Chinese label or alias), as a `ValueError` when unknown.
pub(crate) fn parse<V: Vocabulary>(text: &str) -> PyResult<V> {
    V::parse(text).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A period given as a year (`2025`) or a `(start, end)` pair of dates, both days included.
pub(crate) fn period(obj: &Bound<'_, PyAny>) -> PyResult<(NaiveDate, NaiveDate)> {
    if let Ok(year) = obj.extract::<i32>() {
        let day = |m, d| NaiveDate::from_ymd_opt(year, m, d);
        return match (day(1, 1), day(12, 31)) {
            (Some(start), Some(end)) => Ok((start, end)),
            _ => Err(PyValueError::new_err(format!("{year} is not a year lvzhi can represent"))),
        };
    }
    match obj.extract::<(NaiveDate, NaiveDate)>() {
        Ok((start, end)) if start <= end => Ok((start, end)),
        Ok((start, end)) => {
            Err(PyValueError::new_err(format!("the period ends on {end} before it starts on {start}")))
        }
        Err(_) => Err(PyTypeError::new_err(format!(
            "a period is a year (e.g. 2025) or a (start, end) pair of datetime.date, not {}",
            obj.get_type().name()?
        ))),
    }
}

/// A record batch as a Python `lvzhi.ArrowTable` (see `python/lvzhi/_table.py`):
/// an Arrow C stream with `to_pandas()`, `to_polars()` and `to_arrow()`.
pub(crate) fn arrow_table(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let schema = batch.schema();
    let table = Bound::new(py, PyTable::try_new(vec![batch], schema)?)?;
    py.import("lvzhi._table")?.getattr("ArrowTable")?.call1((table,))
}

/// A table argument as an Arrow stream, or a `TypeError` saying what is expected.
fn frame(table: Table, data: &Bound<'_, PyAny>) -> PyResult<AnyRecordBatch> {
    data.extract::<AnyRecordBatch>().map_err(|_| {
        let found = data.get_type().name().map(|n| n.to_string()).unwrap_or_default();
        PyTypeError::new_err(format!(
            "{}: expected a table with the Arrow PyCapsule interface (a pandas ≥ 2.2 or polars DataFrame, \
             a pyarrow Table …), not {found}",
            table.name()
        ))
    })
}

/// The schema and batches of any Arrow-capable object (pandas, polars,
/// pyarrow …), collected with the GIL held.
fn collect(table: Table, data: AnyRecordBatch) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    let reader = data.into_reader()?;
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<RecordBatch>, _>>().map_err(|e| {
        raise_one::<DataImportError>(format!("{}: cannot read the Arrow stream: {e}", table.name()))
    })?;
    Ok((schema, batches))
}

/// Reads the frames given (members, activities, participations) into one
/// batch, parsing without the GIL; the problems of every frame are raised together.
pub(crate) fn read_frames(
    py: Python<'_>,
    members: Option<&Bound<'_, PyAny>>,
    activities: Option<&Bound<'_, PyAny>>,
    participations: Option<&Bound<'_, PyAny>>,
) -> PyResult<Batch> {
    let mut batch = Batch::default();
    let mut problems = Vec::new();
    for (table, data) in
        [(Table::Members, members), (Table::Activities, activities), (Table::Participations, participations)]
    {
        let Some(data) = data.filter(|d| !d.is_none()) else { continue };
        let (schema, batches) = collect(table, frame(table, data)?)?;
        match py.detach(|| read_record_batches(table, table.name(), &schema, &batches)) {
            Ok(more) => batch.extend(more),
            Err(e) => problems.extend(e.0),
        }
    }
    if problems.is_empty() {
        Ok(batch)
    } else {
        Err(import_error(ImportErrors(problems)))
    }
}
