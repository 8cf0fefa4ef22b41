//! A whole country's (or province's) year in one call: a Parquet folder
//! scored and ranked ([`lvzhi::country::score_parquet`]), and the generator
//! that writes such folders ([`lvzhi::national`]).

use std::path::PathBuf;

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
    let batch = py.detach(|| scores.record_batch()).map_err(arrow_error)?;
    arrow_table(py, batch)
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
