//! The ledger: loaded from a folder, from DataFrames or generated; its
//! tables as Arrow; lookups.

use std::path::PathBuf;
use std::sync::Arc;

use lvzhi::io::arrow::ledger_record_batch;
use lvzhi::io::{CsvFlavour, Format};
use lvzhi::{ActivityId, Dataset, Ledger, Level, MemberId, Table};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;

use crate::convert::{arrow_table, read_frames};
use crate::errors::{load_error, validation_error, write_error};
use crate::model::{PyActivity, PyCommittee, PyMember, PyParticipation};

/// A committee's members, activities and participations, validated.
/// Immutable: `with_frames` returns a new ledger with more records.
#[pyclass(frozen, module = "lvzhi", name = "Ledger")]
pub struct PyLedger {
    pub(crate) inner: Arc<Ledger>,
}

/// A committee given as a `Committee` or the path of a `committee.json`.
fn committee_of(obj: &Bound<'_, PyAny>) -> PyResult<lvzhi::Committee> {
    if let Ok(c) = obj.cast::<PyCommittee>() {
        return Ok(c.get().inner.clone());
    }
    let path: PathBuf = obj.extract()?;
    let c = PyCommittee::from_json_path(path)?;
    Ok(c.inner)
}

fn flavour(chinese: bool) -> CsvFlavour {
    if chinese {
        CsvFlavour::Excel
    } else {
        CsvFlavour::Standard
    }
}

impl PyLedger {
    fn new(ledger: Ledger) -> Self {
        PyLedger { inner: Arc::new(ledger) }
    }

    fn table<'py>(&self, py: Python<'py>, table: Table, chinese: bool) -> PyResult<Bound<'py, PyAny>> {
        let ledger = &self.inner;
        let batch =
            py.detach(|| ledger_record_batch(ledger, table, flavour(chinese))).map_err(write_error)?;
        arrow_table(py, batch)
    }

    /// The member with this id, or a `KeyError`.
    pub(crate) fn member_ix(&self, id: &str) -> PyResult<lvzhi::MemberIx> {
        self.inner
            .member_ix(&MemberId::from(id))
            .ok_or_else(|| PyKeyError::new_err(format!("no member `{id}`")))
    }

    fn activity_ix(&self, id: &str) -> PyResult<lvzhi::ActivityIx> {
        self.inner
            .activity_ix(&ActivityId::from(id))
            .ok_or_else(|| PyKeyError::new_err(format!("no activity `{id}`")))
    }
}

#[pymethods]
impl PyLedger {
    /// An empty ledger of `committee`.
    #[new]
    fn py_new(committee: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyLedger::new(Ledger::new(committee_of(committee)?)))
    }

    /// Reads a folder: `committee.json` and the members, activities and
    /// participations as CSV (UTF-8 or GB18030, English or Chinese
    /// headers) or JSON. Raises `DataImportError` naming every bad cell
    /// (file, row, column) or `ValidationError` when the records contradict
    /// each other. Runs without the GIL.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        py.detach(|| lvzhi::io::load_ledger(&path)).map(PyLedger::new).map_err(load_error)
    }

    /// A ledger from DataFrames: any object with the Arrow PyCapsule
    /// interface (pandas, polars, pyarrow …), with the columns of the CSV
    /// files (English or Chinese headers, codes or Chinese values; dates as
    /// dates or text, amounts as decimals or text). `committee` is a
    /// `Committee` or the path of a `committee.json`. Rows in messages count
    /// from 0, as `df.iloc` does.
    #[staticmethod]
    #[pyo3(signature = (committee, members, activities=None, participations=None))]
    fn from_frames(
        py: Python<'_>,
        committee: &Bound<'_, PyAny>,
        members: &Bound<'_, PyAny>,
        activities: Option<&Bound<'_, PyAny>>,
        participations: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let committee = committee_of(committee)?;
        let batch = read_frames(py, Some(members), activities, participations)?;
        py.detach(|| Dataset { committee, batch }.into_ledger()).map(PyLedger::new).map_err(validation_error)
    }

    /// A new ledger holding this one's records and those of the frames
    /// given: all of them, or (raising `ValidationError`) none.
    #[pyo3(signature = (members=None, activities=None, participations=None))]
    fn with_frames(
        &self,
        py: Python<'_>,
        members: Option<&Bound<'_, PyAny>>,
        activities: Option<&Bound<'_, PyAny>>,
        participations: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let batch = read_frames(py, members, activities, participations)?;
        let mut ledger = (*self.inner).clone();
        py.detach(|| ledger.add(batch)).map_err(validation_error)?;
        Ok(PyLedger::new(ledger))
    }

    /// Writes the ledger to a folder: `format` is `csv` (UTF-8, English
    /// codes), `excel` (GB18030 CSV with Chinese headers and labels) or `json`.
    #[pyo3(signature = (path, format="csv"))]
    fn to_dir(&self, py: Python<'_>, path: PathBuf, format: &str) -> PyResult<()> {
        let format = match format {
            "csv" => Format::Csv,
            "excel" => Format::ExcelCsv,
            "json" => Format::Json,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown format `{other}`; expected csv, excel or json"
                )))
            }
        };
        let ledger = &self.inner;
        py.detach(|| lvzhi::io::write_dir(ledger, &path, format)).map_err(write_error)
    }

    /// The committee.
    #[getter]
    fn committee(&self) -> PyCommittee {
        PyCommittee { inner: self.inner.committee().clone() }
    }

    /// The members table (columns of `members.csv`). `chinese=True` gives
    /// Chinese headers and labels, as offices see them in Excel.
    #[pyo3(signature = (*, chinese=false))]
    fn members<'py>(&self, py: Python<'py>, chinese: bool) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Table::Members, chinese)
    }

    /// The activities table (columns of `activities.csv`), in date order.
    #[pyo3(signature = (*, chinese=false))]
    fn activities<'py>(&self, py: Python<'py>, chinese: bool) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Table::Activities, chinese)
    }

    /// The participations table (columns of `participations.csv`).
    #[pyo3(signature = (*, chinese=false))]
    fn participations<'py>(&self, py: Python<'py>, chinese: bool) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, Table::Participations, chinese)
    }

    /// The member with this id (`KeyError` if none).
    fn member(&self, id: &str) -> PyResult<PyMember> {
        let ix = self.member_ix(id)?;
        Ok(PyMember { inner: self.inner.member(ix).clone() })
    }

    /// The activity with this id (`KeyError` if none).
    fn activity(&self, id: &str) -> PyResult<PyActivity> {
        let ix = self.activity_ix(id)?;
        Ok(PyActivity { inner: self.inner.activity(ix).clone() })
    }

    /// Every member id, in the order the members were added.
    fn member_ids(&self) -> Vec<String> {
        self.inner.members().iter().map(|m| m.id.to_string()).collect()
    }

    /// A member's participations, in date order.
    fn participations_of(&self, member_id: &str) -> PyResult<Vec<PyParticipation>> {
        let ix = self.member_ix(member_id)?;
        Ok(self.inner.participations_of(ix).iter().map(|p| PyParticipation::new(&self.inner, p)).collect())
    }

    /// The activities a member took part in, in date order.
    fn activities_of(&self, member_id: &str) -> PyResult<Vec<PyActivity>> {
        let ix = self.member_ix(member_id)?;
        let ledger = &self.inner;
        Ok(ledger
            .participations_of(ix)
            .iter()
            .map(|p| PyActivity { inner: ledger.activity(p.activity).clone() })
            .collect())
    }

    /// An activity's participants, in input order (the lead first).
    fn participants(&self, activity_id: &str) -> PyResult<Vec<PyParticipation>> {
        let ix = self.activity_ix(activity_id)?;
        Ok(self.inner.participants(ix).map(|p| PyParticipation::new(&self.inner, p)).collect())
    }

    /// How many members.
    fn __len__(&self) -> usize {
        self.inner.members().len()
    }

    /// Whether a member with this id is in the ledger.
    fn __contains__(&self, member_id: &str) -> bool {
        self.inner.member_ix(&MemberId::from(member_id)).is_some()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyLedger>().is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "Ledger({:?}: {} members, {} activities, {} participations)",
            l.committee().name,
            l.members().len(),
            l.activities().len(),
            l.participations().len()
        )
    }
}

/// The seeded sample: a county committee (`members` members) and a year of
/// its duty work. `sample()` is the committee in `data/sample`.
#[pyfunction]
#[pyo3(signature = (seed=2025, members=120, year=2025))]
pub fn sample(py: Python<'_>, seed: u64, members: u32, year: i32) -> PyResult<PyLedger> {
    if members < 20 {
        return Err(PyValueError::new_err("a sample committee has at least 20 members"));
    }
    let config = lvzhi::gen::Config::new(Level::County, members, year, seed);
    py.detach(|| lvzhi::gen::generate(&config).into_ledger()).map(PyLedger::new).map_err(validation_error)
}
