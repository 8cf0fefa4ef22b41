//! The exception hierarchy, and the conversion of every Rust error into it.
//! Each exception carries `problems`: one [`Problem`] per thing wrong, with
//! file, row, column (data) or line and column (rule files).

use lvzhi::io::{ImportError, ImportErrors, LoadError, WriteError};
use lvzhi::report::ReportError as RustReportError;
use lvzhi::BatchRejected;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;
use pyo3::PyTypeInfo;

create_exception!(lvzhi, LvzhiError, PyException, "Base of every error lvzhi raises.");
create_exception!(
    lvzhi,
    ValidationError,
    LvzhiError,
    "Records the ledger refused (nothing was stored). `issues` (also `problems`) lists each with file, row and column."
);
create_exception!(
    lvzhi,
    DataImportError,
    LvzhiError,
    "A file or table could not be read. `problems` lists every bad cell with file, row and column."
);
create_exception!(
    lvzhi,
    RuleError,
    LvzhiError,
    "A rule file is wrong. `problems` lists each mistake with its line and column."
);
create_exception!(lvzhi, ReportError, LvzhiError, "A report could not be rendered or written.");

/// One thing wrong, located as precisely as the source allows.
#[pyclass(frozen, module = "lvzhi", get_all)]
pub struct Problem {
    /// The file (or table name, for DataFrames), when known.
    file: Option<String>,
    /// The row: as Excel numbers it for CSV, the item for JSON, from 0 for DataFrames.
    row: Option<u64>,
    /// The column at fault (canonical name), when one is.
    column: Option<String>,
    /// The line of a rule file.
    line: Option<u32>,
    /// The whole message, location included.
    message: String,
}

#[pymethods]
impl Problem {
    fn __repr__(&self) -> String {
        format!("Problem({:?})", self.message)
    }

    fn __str__(&self) -> String {
        self.message.clone()
    }
}

impl Problem {
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    fn new(message: String) -> Self {
        Problem { file: None, row: None, column: None, line: None, message }
    }

    pub(crate) fn at_line(message: String, line: Option<u32>, column: Option<u32>) -> Self {
        Problem { line, column: column.map(|c| c.to_string()), ..Problem::new(message) }
    }
}

/// At most this many problems are listed in an exception's message; `problems` has all.
const SHOWN: usize = 20;

/// An exception of type `E` whose message lists `problems` under `headline`.
pub(crate) fn raise<E: PyTypeInfo>(headline: &str, problems: Vec<Problem>) -> PyErr {
    let mut message = headline.to_string();
    let lone = matches!(&problems[..], [p] if p.message == headline);
    for p in problems.iter().take(if lone { 0 } else { SHOWN }) {
        message.push_str("\n  ");
        message.push_str(&p.message);
    }
    if problems.len() > SHOWN {
        message.push_str(&format!("\n  … and {} more (see .problems)", problems.len() - SHOWN));
    }
    let err = PyErr::new::<E, _>(message);
    Python::attach(|py| {
        let list = PyList::new(py, problems).and_then(|list| {
            let value = err.value(py);
            value.setattr("problems", &list)?;
            if E::type_object(py).is(ValidationError::type_object(py)) {
                value.setattr("issues", &list)?;
            }
            Ok(())
        });
        list.err().unwrap_or(err)
    })
}

fn import_problem(e: &ImportError) -> Problem {
    let mut p = Problem::new(e.to_string());
    match e {
        ImportError::Cell { at, column, .. } => {
            (p.file, p.row, p.column) = (Some(at.file.to_string()), Some(at.row), Some(column.to_string()))
        }
        ImportError::UnknownColumn { at, header, .. } => {
            (p.file, p.row, p.column) = (Some(at.file.to_string()), Some(at.row), Some(header.clone()))
        }
        ImportError::DuplicateColumn { at, column, .. } => {
            (p.file, p.column) = (Some(at.file.to_string()), Some(column.to_string()))
        }
        ImportError::MissingColumn { file, column, .. } => {
            (p.file, p.column) = (Some(file.to_string()), Some(column.to_string()))
        }
        ImportError::Io { file, .. }
        | ImportError::Undecodable { file, .. }
        | ImportError::Csv { file, .. }
        | ImportError::NoHeader { file } => p.file = Some(file.to_string()),
        ImportError::Json { file, line, .. } => {
            (p.file, p.line) = (Some(file.to_string()), u32::try_from(*line).ok())
        }
        ImportError::MissingFile { dir, .. } | ImportError::AmbiguousFile { dir, .. } => {
            p.file = Some(dir.display().to_string())
        }
        _ => {}
    }
    p
}

/// Problems reading files or frames.
pub(crate) fn import_error(e: ImportErrors) -> PyErr {
    let headline = format!("{} problem(s) in the data, nothing read:", e.len());
    raise::<DataImportError>(&headline, e.iter().map(import_problem).collect())
}

/// Records the ledger refused.
pub(crate) fn validation_error(e: BatchRejected) -> PyErr {
    let problems = e
        .issues
        .iter()
        .map(|issue| Problem {
            file: Some(issue.origin.as_ref().map_or(issue.table.name().to_string(), |o| o.file.to_string())),
            row: issue.origin.as_ref().map(|o| o.row),
            column: issue.column.map(str::to_string),
            line: None,
            message: issue.to_string(),
        })
        .collect::<Vec<_>>();
    let headline = format!("{} problem(s) in the data, nothing stored:", problems.len());
    raise::<ValidationError>(&headline, problems)
}

/// A folder that could not be read, or whose records were refused.
pub(crate) fn load_error(e: LoadError) -> PyErr {
    match e {
        LoadError::Import(e) => import_error(e),
        LoadError::Rejected(e) => validation_error(e),
    }
}

/// Files that could not be written.
pub(crate) fn write_error(e: WriteError) -> PyErr {
    raise_one::<LvzhiError>(e.to_string())
}

/// An exception with one problem: its message.
pub(crate) fn raise_one<E: PyTypeInfo>(message: String) -> PyErr {
    raise::<E>(&message.clone(), vec![Problem::new(message)])
}

/// A report that could not be rendered or written.
pub(crate) fn report_error(e: RustReportError) -> PyErr {
    raise_one::<ReportError>(e.to_string())
}

/// Adds the exceptions and `Problem` to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("LvzhiError", py.get_type::<LvzhiError>())?;
    m.add("ValidationError", py.get_type::<ValidationError>())?;
    m.add("DataImportError", py.get_type::<DataImportError>())?;
    m.add("RuleError", py.get_type::<RuleError>())?;
    m.add("ReportError", py.get_type::<ReportError>())?;
    m.add_class::<Problem>()
}
