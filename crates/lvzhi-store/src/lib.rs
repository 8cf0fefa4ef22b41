//! # lvzhi-store
//!
//! Keeps a committee's lvzhi records for years in one SQLite file: the
//! committee, members, activities, participations and scoring rule sets,
//! with the history of every change.
//!
//! - Imports are transactional: a batch lands whole or not at all, and
//!   re-importing the same records changes nothing.
//! - A record imported again with other content (a proposal's status moving
//!   from filed to replied) is updated, and the old version is kept, so
//!   [`Store::ledger_as_of`] rebuilds the ledger as it was at any instant.
//! - [`Store::ledger`] gives the same [`lvzhi_core::Ledger`] that in-memory
//!   code builds, so evaluations and reports run on either.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use lvzhi_core::*;
//! use lvzhi_store::{ImportMeta, Store};
//!
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let term = Term { number: 10, start: d(1, 1), end: NaiveDate::from_ymd_opt(2028, 12, 31).unwrap() };
//! let mut store = Store::open_in_memory().unwrap();
//! let meta = ImportMeta::new("2024-01.json", "办公室").at(Utc.with_ymd_and_hms(2024, 1, 31, 9, 0, 0).unwrap());
//! store.set_committee(&Committee::new("政协某县委员会", Level::County, term), &meta).unwrap();
//!
//! let mut batch = Batch::default();
//! batch.members.push(Member::new("M001", "王芳", "教育界"));
//! let report = store.import(&batch, &meta).unwrap();
//! assert_eq!(report.tally.inserted.members, 1);
//! // The same records again: nothing new.
//! assert_eq!(store.import(&batch, &meta).unwrap().tally.unchanged.members, 1);
//! assert_eq!(store.ledger().unwrap().members().len(), 1);
//! ```

mod codec;
pub mod error;
pub mod history;
pub mod record;
pub mod rules;
pub mod schema;
mod store;

pub use error::{Result, StoreError};
pub use history::{Change, ChangeOp, ImportRecord, RecordKey};
pub use record::Record;
pub use rules::StoredRuleSet;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use store::{Counts, ImportMeta, ImportReport, Store, Tally};
