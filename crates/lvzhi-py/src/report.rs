//! Annual duty reports (年度履职报告).

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use lvzhi::report::{
    render_all, render_member, render_one, DocxLayout, Format, Period, ReportOptions, Templates,
};
use lvzhi::MemberIx;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use pyo3::IntoPyObjectExt;

use crate::errors::report_error;
use crate::ledger::PyLedger;
use crate::rules::score_sections;

/// Writes annual duty reports, without the GIL.
///
/// - `member_id` given, no `out`: returns the report (`str` for `html` and
///   `markdown`, `bytes` for `docx`).
/// - `member_id` given, `out` a folder: writes the file there and returns its path.
/// - no `member_id`, `out` a folder: writes the report of every member in
///   office during the period, in parallel, and returns the paths.
///
/// `period` is a year or a `(start, end)` pair of dates; `format` is
/// `html`, `markdown` (`md`) or `docx` (`word`). With `rules`, each report
/// carries the member's score, grade, category subtotals and sector rank
/// (`rules` is a `RuleSet`, evaluated over the period, or an `Evaluation`).
#[pyfunction]
#[pyo3(signature = (ledger, period, member_id=None, *, format="html", out=None, rules=None, generated_on=None))]
#[allow(clippy::too_many_arguments)]
pub fn report<'py>(
    py: Python<'py>,
    ledger: &PyLedger,
    period: &Bound<'py, PyAny>,
    member_id: Option<&str>,
    format: &str,
    out: Option<PathBuf>,
    rules: Option<&Bound<'py, PyAny>>,
    generated_on: Option<NaiveDate>,
) -> PyResult<Bound<'py, PyAny>> {
    let (start, end) = crate::convert::period(period)?;
    let period = Period::new(start, end);
    let format: Format = format.parse().map_err(PyValueError::new_err)?;
    let member = member_id.map(|id| ledger.member_ix(id)).transpose()?;
    let options = ReportOptions {
        period,
        format,
        templates: Templates::builtin(),
        docx: DocxLayout::default(),
        generated_on,
    };
    let ledger = &ledger.inner;
    let scores = match rules {
        Some(rules) => score_sections(py, ledger, rules, period)?,
        None => HashMap::new(),
    };
    let score = |m: MemberIx| scores.get(&ledger.member(m).id).cloned();
    match (member, out) {
        (Some(m), None) => {
            let bytes = py.detach(|| render_member(ledger, m, score(m), &options)).map_err(report_error)?;
            match format {
                Format::Docx => PyBytes::new(py, &bytes).into_bound_py_any(py),
                _ => PyString::new(py, &String::from_utf8_lossy(&bytes)).into_bound_py_any(py),
            }
        }
        (Some(m), Some(dir)) => {
            let path = py.detach(|| render_one(ledger, m, score(m), &options, &dir)).map_err(report_error)?;
            path.into_bound_py_any(py)
        }
        (None, Some(dir)) => {
            let paths =
                py.detach(|| render_all(ledger, &score, &options, &dir, &|_| {})).map_err(report_error)?;
            paths.into_bound_py_any(py)
        }
        (None, None) => {
            Err(PyValueError::new_err("give a member_id, or out= a folder for every member's report"))
        }
    }
}
