//! What can go wrong with a store.

use chrono::{DateTime, Utc};
use lvzhi_core::BatchRejected;

/// An error from the store. Whatever the error, a failed write has written
/// nothing: every write runs in one transaction that is rolled back.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused or failed (I/O, locking, a constraint, a corrupt file).
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The records do not pass validation; every issue is listed and nothing
    /// was stored. Issues about records already in the store (which an
    /// update made invalid) carry the origin `(stored)` with the record's
    /// row number in its table.
    #[error(transparent)]
    Rejected(#[from] BatchRejected),
    /// The file was written by a newer lvzhi whose schema this one does not know.
    #[error(
        "the store has schema version {found}, newer than the {supported} this program knows; \
         use a newer lvzhi (nothing was changed)"
    )]
    SchemaTooNew {
        /// The file's version (`PRAGMA user_version`).
        found: u32,
        /// The newest version this program migrates to.
        supported: u32,
    },
    /// The file is an SQLite database of something else.
    #[error("not an lvzhi store: {0}")]
    NotAStore(String),
    /// Records cannot be kept or read before the committee is set.
    #[error("the store has no committee (as of that time); set the committee first")]
    NoCommittee,
    /// A write dated before the store's last write: history must run forward
    /// so that "as of" answers are well defined.
    #[error(
        "the change is dated {at}, before the store's last change at {latest}; history only moves forward"
    )]
    TimeGoesBackwards {
        /// The time given for the change.
        at: DateTime<Utc>,
        /// The time of the latest change already stored.
        latest: DateTime<Utc>,
    },
    /// A stored record no longer reads back (hand-edited or damaged file).
    #[error("stored {table} record `{key}` is unreadable: {reason}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// The record's key.
        key: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A rule set that cannot be stored (empty id or name, dates reversed).
    #[error("invalid rule set: {0}")]
    InvalidRuleSet(String),
    /// `PRAGMA integrity_check` found damage.
    #[error("integrity check failed: {0}")]
    Integrity(String),
}

/// Short for `Result<T, StoreError>`.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
