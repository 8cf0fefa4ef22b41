//! # lvzhi-py
//!
//! The Python extension module `lvzhi._lvzhi`, wrapped by the `lvzhi`
//! package in `python/lvzhi`. It only converts and delegates to the
//! [`lvzhi`] facade: dates are `datetime.date`, points and money
//! `decimal.Decimal`, tables cross as Arrow (PyCapsule interface), errors
//! become the `lvzhi.LvzhiError` hierarchy, and heavy work (import,
//! evaluation, reports, a country's Parquet folder) runs without the GIL.

mod convert;
mod country;
mod errors;
mod ledger;
mod model;
mod report;
mod rules;

use pyo3::prelude::*;

/// The compiled part of `lvzhi`; import `lvzhi` instead.
#[pymodule]
fn _lvzhi(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<model::PyCommittee>()?;
    m.add_class::<model::PyMember>()?;
    m.add_class::<model::PyActivity>()?;
    m.add_class::<model::PyParticipation>()?;
    m.add_class::<ledger::PyLedger>()?;
    m.add_function(wrap_pyfunction!(ledger::sample, m)?)?;
    m.add_class::<rules::PyRuleSet>()?;
    m.add_class::<rules::PyEvaluation>()?;
    m.add_class::<rules::PyScorecard>()?;
    m.add_function(wrap_pyfunction!(rules::presets, m)?)?;
    m.add_function(wrap_pyfunction!(rules::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(report::report, m)?)?;
    m.add_function(wrap_pyfunction!(country::score_parquet, m)?)?;
    m.add_function(wrap_pyfunction!(country::generate_parquet, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
