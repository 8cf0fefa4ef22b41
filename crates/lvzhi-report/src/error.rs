//! Errors of report generation.

use std::path::PathBuf;

/// What can go wrong when rendering or writing reports.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A template failed to parse or render.
    #[error("template `{name}`: {detail}")]
    Template {
        /// The template's file name.
        name: String,
        /// minijinja's message, with the line.
        detail: String,
    },
    /// A template folder or file could not be read.
    #[error("reading templates from {path}: {source}")]
    TemplateDir {
        /// The folder or file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A report could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The Word document could not be assembled.
    #[error("building the Word document: {0}")]
    Docx(String),
    /// The ledger was read for scoring only ([`lvzhi_core::Detail::Scoring`]):
    /// it has no titles, organisers or personal details to print.
    #[error("the ledger was read for scoring only (no titles or personal details); read it in full to write reports")]
    NoText,
    /// A member index outside the ledger.
    #[error("member index {0} is not in the ledger")]
    UnknownMember(u32),
}

impl ReportError {
    pub(crate) fn template(name: &str, err: &minijinja::Error) -> ReportError {
        ReportError::Template { name: name.to_string(), detail: err.to_string() }
    }
}
