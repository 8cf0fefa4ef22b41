//! # lvzhi (履职)
//!
//! Records what members (委员) of political consultative committees (政协)
//! do in office, scores it under the committee's own published evaluation
//! method, and writes each member's annual duty report.
//!
//! This is the crate Rust services depend on: it re-exports the workspace's
//! parts under one roof.
//!
//! | module | crate | what |
//! |---|---|---|
//! | [`core`] (and the root) | `lvzhi-core` | model, validation, ledger |
//! | [`io`] | `lvzhi-io` | CSV / JSON in and out |
//! | [`rules`] | `lvzhi-rules` | rule files, evaluation, scorecards, presets |
//! | [`gen`] | `lvzhi-gen` | seeded sample data |
//! | [`report`] | `lvzhi-report` | annual reports: HTML, Markdown, Word |
//! | [`store`] | `lvzhi-store` | SQLite ledger with history |
//!
//! ```
//! let ledger = lvzhi::gen::county(1).into_ledger().unwrap();
//! let summary = lvzhi::summary::ActivitySummary::of(&ledger);
//! assert_eq!(summary.rows.len(), ledger.members().len());
//! ```

pub use lvzhi_core as core;
pub use lvzhi_core::*;
pub use lvzhi_gen as gen;
pub use lvzhi_io as io;
pub use lvzhi_report as report;
pub use lvzhi_rules as rules;
pub use lvzhi_store as store;

pub mod country;
pub mod national;
pub mod scores;
pub mod summary;
