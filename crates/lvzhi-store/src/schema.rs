//! The schema, its versions and the migrations between them.
//!
//! The version lives in `PRAGMA user_version`; `PRAGMA application_id`
//! marks the file as an lvzhi store. Migration *n* (1-based) takes a store
//! from version *n − 1* to *n*; each runs in its own transaction together
//! with the version bump, so a store is always at a whole version.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Result, StoreError};

/// `PRAGMA application_id` of an lvzhi store: "LVZH" in ASCII.
pub const APPLICATION_ID: i32 = 0x4C56_5A48;

/// The migrations, oldest first. Never edit one that has shipped: add a new one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the committee, its records, the imports that brought them and the
    // history of every change.
    r#"
    CREATE TABLE imports (
        id            INTEGER PRIMARY KEY,
        kind          TEXT NOT NULL,            -- batch | committee | rule_set
        source        TEXT NOT NULL,            -- file name or other description
        content_hash  TEXT NOT NULL,            -- SHA-256 of the records' JSON, hex
        changed_by    TEXT NOT NULL,
        at            TEXT NOT NULL,            -- UTC, 2024-01-31T08:00:00.000000Z
        inserted      INTEGER NOT NULL,
        updated       INTEGER NOT NULL,
        unchanged     INTEGER NOT NULL
    );
    CREATE INDEX imports_hash ON imports (content_hash);

    CREATE TABLE committee (
        id                  INTEGER PRIMARY KEY CHECK (id = 1),
        name                TEXT NOT NULL,
        level               TEXT NOT NULL,
        term_number         INTEGER NOT NULL,
        term_start          TEXT NOT NULL,
        term_end            TEXT NOT NULL,
        sectors             TEXT NOT NULL,      -- JSON array of strings
        special_committees  TEXT NOT NULL,      -- JSON array of strings
        liaison_groups      TEXT NOT NULL       -- JSON array of strings
    );

    CREATE TABLE members (
        seq            INTEGER PRIMARY KEY,     -- insertion order
        id             TEXT NOT NULL UNIQUE,
        name           TEXT NOT NULL,
        gender         TEXT,
        ethnicity      TEXT,
        birth_date     TEXT,
        party          TEXT,
        sector         TEXT NOT NULL,
        committee      TEXT,
        roles          TEXT NOT NULL,           -- comma-separated codes
        joined_on      TEXT,
        left_on        TEXT,
        employer       TEXT,
        title          TEXT,
        liaison_group  TEXT,
        phone          TEXT,                    -- personal data
        id_number      TEXT                     -- personal data
    );
    CREATE INDEX members_sector ON members (sector);

    CREATE TABLE activities (
        seq        INTEGER PRIMARY KEY,         -- insertion order
        id         TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL,
        subtype    TEXT,
        title      TEXT NOT NULL,
        date       TEXT NOT NULL,
        end_date   TEXT,
        level      TEXT NOT NULL,
        functions  TEXT NOT NULL,               -- comma-separated codes
        organizer  TEXT,
        linked_to  TEXT REFERENCES activities (id) DEFERRABLE INITIALLY DEFERRED,
        status     TEXT,                        -- a proposal's status, for queries
        detail     TEXT NOT NULL                -- JSON of the kind's fields, tagged by `kind`
    );
    CREATE INDEX activities_date ON activities (date);
    CREATE INDEX activities_kind ON activities (kind, date);

    CREATE TABLE participations (
        seq          INTEGER PRIMARY KEY,       -- insertion order: lead first
        activity_id  TEXT NOT NULL REFERENCES activities (id) DEFERRABLE INITIALLY DEFERRED,
        member_id    TEXT NOT NULL REFERENCES members (id) DEFERRABLE INITIALLY DEFERRED,
        role         TEXT NOT NULL,
        attendance   TEXT,
        speech       TEXT,
        half_days    INTEGER,
        late         INTEGER NOT NULL,
        left_early   INTEGER NOT NULL,
        throughout   INTEGER,
        UNIQUE (activity_id, member_id)
    );
    CREATE INDEX participations_member ON participations (member_id);

    CREATE TABLE changes (
        id          INTEGER PRIMARY KEY,
        import_id   INTEGER NOT NULL REFERENCES imports (id),
        tbl         TEXT NOT NULL,              -- committee | members | activities | participations | rule_sets
        record_id   TEXT NOT NULL,              -- member, activity or rule set id; activity id of a participation
        sub_id      TEXT NOT NULL DEFAULT '',   -- member id of a participation
        op          TEXT NOT NULL CHECK (op IN ('insert', 'update')),
        before      TEXT,                       -- JSON, NULL on insert
        after       TEXT NOT NULL,              -- JSON
        changed_by  TEXT NOT NULL,
        changed_at  TEXT NOT NULL
    );
    CREATE INDEX changes_record ON changes (tbl, record_id, sub_id, id);
    "#,
    // 2: scoring rule sets (the TOML text; parsing it is lvzhi-rules' job) and
    // an index for "as of" queries.
    r#"
    CREATE TABLE rule_sets (
        seq             INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        name            TEXT NOT NULL,
        effective_from  TEXT,
        effective_to    TEXT,
        toml            TEXT NOT NULL
    );
    CREATE INDEX changes_at ON changes (changed_at);
    "#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The store's schema version.
pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses files that are not lvzhi stores or are newer than this build,
/// before anything is written to them.
pub(crate) fn check_file(conn: &Connection) -> Result<()> {
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let found = version(conn)?;
    if app != 0 && app != APPLICATION_ID {
        return Err(StoreError::NotAStore(format!("application_id is {app:#x}")));
    }
    if app == 0 {
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if objects > 0 || found != 0 {
            return Err(StoreError::NotAStore("an SQLite database of something else".into()));
        }
    }
    if found > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    Ok(())
}

/// Runs the migrations that take the store up to `target`, one transaction each.
pub(crate) fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    for step in 1..=target.min(SCHEMA_VERSION) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another process may have migrated while this one waited for the lock.
        if version(&tx)? >= step {
            continue;
        }
        tx.execute_batch(MIGRATIONS[step as usize - 1])?;
        tx.pragma_update(None, "user_version", step)?;
        if step == 1 {
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        tx.commit()?;
    }
    Ok(())
}
