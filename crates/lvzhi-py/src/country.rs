//! A whole country's (or province's) year in one call: a Parquet folder
//! scored and ranked ([`lvzhi::country::score_parquet`]), and the generator
//! that writes such folders ([`lvzhi::national`]).

use std::path::PathBuf;
use std::sync::Arc;

use lvzhi::country::CountryScores;
use lvzhi::io::arrow::arrow_array::types::Int32Type;
use lvzhi::io::arrow::arrow_array::{
    ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray, UInt32Array,
};
use lvzhi::io::arrow::arrow_schema::{ArrowError, Field, Schema};
use lvzhi::io::arrow::decimal_array;
use lvzhi::national::{self, Output, Scale};
use lvzhi::Period;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::arrow_table;
use crate::errors::{load_error, write_error};
use crate::rules::{arrow_error, rule_set_of};

/// Scores every committee of a Parquet folder (`committees.json`,
/// `members.parquet`, `activities.parquet`, `participations.parquet`, as
/// `lvzhi generate --parquet` or `generate_parquet` write it) under `rules`
/// (a `RuleSet` or a preset id) for `period`, and ranks every member
/// against every other. Runs on all cores, without the GIL.
///
/// Returns an `ArrowTable`, best first (ties by member id): `rank`,
/// `member_id`, `committee` (name, dictionary-encoded), `total`,
/// `subtotal_<category>` per category, `grade` (name), `grade_id`,
/// `committee_rank`. Bad data raises `DataImportError` or
/// `ValidationError`, each problem naming its file and row.
#[pyfunction]
pub fn score_parquet<'py>(
    py: Python<'py>,
    folder: PathBuf,
    rules: &Bound<'py, PyAny>,
    period: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let rules = rule_set_of(rules)?;
    let (start, end) = crate::convert::period(period)?;
    let scores = py
        .detach(|| lvzhi::country::score_parquet(&folder, &rules, Period::new(start, end)))
        .map_err(load_error)?;
    let batch = py.detach(|| country_table(&scores)).map_err(arrow_error)?;
    arrow_table(py, batch)
}

/// The rows of `scores` as one record batch (see [`score_parquet`]).
fn country_table(scores: &CountryScores) -> Result<RecordBatch, ArrowError> {
    let rows = &scores.rows;
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    let mut push = |name: &str, array: ArrayRef| {
        fields.push(Field::new(name, array.data_type().clone(), true));
        arrays.push(array);
    };
    let key = |i: usize| {
        i32::try_from(i).map_err(|_| ArrowError::InvalidArgumentError(format!("index {i} too large")))
    };
    let dictionary = |keys: Vec<Option<i32>>, values: Vec<&str>| -> Result<ArrayRef, ArrowError> {
        let keys = Int32Array::from(keys);
        Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(keys, Arc::new(StringArray::from(values)))?))
    };
    push("rank", Arc::new(rows.iter().map(|r| Some(r.rank)).collect::<UInt32Array>()));
    push("member_id", Arc::new(rows.iter().map(|r| Some(r.member_id.0.as_str())).collect::<StringArray>()));
    let committees = rows.iter().map(|r| key(r.committee as usize).map(Some)).collect::<Result<_, _>>()?;
    push("committee", dictionary(committees, scores.committees.iter().map(String::as_str).collect())?);
    let totals: Vec<_> = rows.iter().map(|r| Some(r.total)).collect();
    push("total", Arc::new(decimal_array(&totals)?));
    for (i, category) in scores.categories.iter().enumerate() {
        let subtotals: Vec<_> = rows.iter().map(|r| r.subtotals.get(i).copied()).collect();
        push(&format!("subtotal_{category}"), Arc::new(decimal_array(&subtotals)?));
    }
    let grades: Vec<Option<i32>> =
        rows.iter().map(|r| r.grade.map(|g| key(usize::from(g))).transpose()).collect::<Result<_, _>>()?;
    push("grade", dictionary(grades.clone(), scores.grades.iter().map(|(_, name)| name.as_str()).collect())?);
    push("grade_id", dictionary(grades, scores.grades.iter().map(|(id, _)| id.as_str()).collect())?);
    push("committee_rank", Arc::new(rows.iter().map(|r| Some(r.committee_rank)).collect::<UInt32Array>()));
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}

/// Writes generated data as a Parquet folder (what `score_parquet` reads):
/// `scale` is `county` (one committee of 150 members), `province` (104
/// committees, ~21,000 members) or `national` (3,209 committees, ~645,000
/// members); `intensity` adds rounds of routine duty work. The same seed
/// gives the same data. Runs without the GIL; returns how many committees,
/// members, activities and participations were written.
#[pyfunction]
#[pyo3(signature = (folder, scale="county", *, seed=2025, year=2025, intensity=1))]
pub fn generate_parquet<'py>(
    py: Python<'py>,
    folder: PathBuf,
    scale: &str,
    seed: u64,
    year: i32,
    intensity: u32,
) -> PyResult<Bound<'py, PyDict>> {
    let scale: Scale = scale.parse().map_err(PyValueError::new_err)?;
    let written = py
        .detach(|| {
            national::write(
                &national::configs(scale, seed, year, intensity),
                &folder,
                Output::Parquet,
                |_| {},
            )
        })
        .map_err(write_error)?;
    let d = PyDict::new(py);
    d.set_item("committees", written.committees)?;
    d.set_item("members", written.members)?;
    d.set_item("activities", written.activities)?;
    d.set_item("participations", written.participations)?;
    Ok(d)
}
