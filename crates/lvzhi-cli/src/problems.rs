//! Data problems as JSON for `validate --format json`: each with the file,
//! row and column where the library's error names them, and the message.

use lvzhi::io::{ImportError, LoadError, Location};
use serde_json::{json, Value};

/// Every problem of a failed load, one JSON object each:
/// `{"file", "row", "column", "message"}` (row and column `null` when the
/// problem is about a whole file; JSON syntax errors give `line` instead of
/// `row`).
pub fn of_load(e: &LoadError) -> Vec<Value> {
    match e {
        LoadError::Import(errors) => errors.iter().map(of_import).collect(),
        LoadError::Rejected(rejected) => rejected
            .issues
            .iter()
            .map(|i| {
                json!({
                    "file": i.origin.as_ref().map(|o| o.file.to_string()),
                    "row": i.origin.as_ref().map(|o| o.row),
                    "column": i.column,
                    "message": i.error.to_string(),
                })
            })
            .collect(),
    }
}

fn at(location: &Location, column: Option<&str>, e: &ImportError) -> Value {
    json!({ "file": location.file.to_string(), "row": location.row, "column": column, "message": e.to_string() })
}

fn of_import(e: &ImportError) -> Value {
    let file = |file: &str| json!({ "file": file, "row": null, "column": null, "message": e.to_string() });
    match e {
        ImportError::Cell { at: location, header, .. } => at(location, Some(header), e),
        ImportError::UnknownColumn { at: location, header, .. } => at(location, Some(header), e),
        ImportError::DuplicateColumn { at: location, second, .. } => at(location, Some(second), e),
        ImportError::Json { file, line, column, .. } => {
            json!({ "file": file.to_string(), "line": line, "column": column, "message": e.to_string() })
        }
        ImportError::MissingColumn { file: f, column, .. } => {
            json!({ "file": f.to_string(), "row": 1, "column": column, "message": e.to_string() })
        }
        ImportError::Io { file: f, .. }
        | ImportError::Undecodable { file: f, .. }
        | ImportError::Csv { file: f, .. }
        | ImportError::NoHeader { file: f } => file(f),
        ImportError::MissingFile { dir, .. } | ImportError::AmbiguousFile { dir, .. } => {
            file(&dir.display().to_string())
        }
        _ => file(""),
    }
}
