//! The store: opening, importing, and reading back current and past state.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use lvzhi_core::{
    Activity, Batch, BatchRejected, Committee, Ledger, Member, Origin, ParticipationRecord, Table,
};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::codec::{self, fmt_time, truncate, TableRecord};
use crate::error::{Result, StoreError};
use crate::history::{
    Change, ChangeOp, ImportRecord, RecordKey, ACTIVITIES, COMMITTEE, MEMBERS, PARTICIPATIONS, RULE_SETS,
};
use crate::record::Record;
use crate::rules::{self, StoredRuleSet};
use crate::schema;

/// Who makes a change, from what, and when. The time is given rather than
/// read from the clock inside the store so that tests and re-runs are
/// deterministic; [`ImportMeta::new`] takes the current time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportMeta {
    /// Where the records come from: a file name, or a description.
    pub source: String,
    /// Who makes the change (a clerk's name or login).
    pub changed_by: String,
    /// When the change takes effect (UTC; kept to the microsecond).
    pub at: DateTime<Utc>,
}

impl ImportMeta {
    /// A change made now.
    pub fn new(source: impl Into<String>, changed_by: impl Into<String>) -> Self {
        ImportMeta { source: source.into(), changed_by: changed_by.into(), at: Utc::now() }
    }

    /// The same change, dated `at`.
    pub fn at(mut self, at: DateTime<Utc>) -> Self {
        self.at = at;
        self
    }
}

/// Record counts by table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Members.
    pub members: usize,
    /// Activities.
    pub activities: usize,
    /// Participations.
    pub participations: usize,
}

impl Counts {
    /// All three added up.
    pub fn total(&self) -> usize {
        self.members + self.activities + self.participations
    }
}

/// What a batch does to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Records new to the store.
    pub inserted: Counts,
    /// Records whose id was stored with other content: updated, with history.
    pub updated: Counts,
    /// Records already stored exactly as given: skipped.
    pub unchanged: Counts,
}

/// The outcome of a successful [`Store::import`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The import's id in the `imports` table.
    pub import_id: i64,
    /// SHA-256 of the batch's records as JSON, hex.
    pub content_hash: String,
    /// What was inserted, updated and skipped.
    pub tally: Tally,
    /// The first earlier import of the very same records, if any.
    pub same_content_as: Option<i64>,
}

/// A committee's records in an SQLite file.
///
/// Opened in WAL mode with `synchronous=FULL` and foreign keys on. Every
/// write is one transaction: it lands whole or not at all.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// What the store holds now, each record with its row number (`seq`).
struct Stored {
    members: Vec<(i64, Member)>,
    activities: Vec<(i64, Activity)>,
    participations: Vec<(i64, ParticipationRecord)>,
}

impl Stored {
    fn load(conn: &Connection) -> Result<Stored> {
        Ok(Stored {
            members: select_all(conn, codec::SELECT_MEMBERS, codec::read_member)?,
            activities: select_all(conn, codec::SELECT_ACTIVITIES, codec::read_activity)?,
            participations: select_all(conn, codec::SELECT_PARTICIPATIONS, codec::read_participation)?,
        })
    }

    fn to_batch(&self) -> Batch {
        fn records<T: Clone>(v: &[(i64, T)]) -> Vec<T> {
            v.iter().map(|(_, r)| r.clone()).collect()
        }
        Batch {
            members: records(&self.members),
            activities: records(&self.activities),
            participations: records(&self.participations),
            origins: Default::default(),
        }
    }
}

/// What to do with one record of a batch.
#[derive(Debug, Clone, Copy)]
enum Step {
    Insert,
    /// Update the stored record at this index of its `Stored` table.
    Update(usize),
    Unchanged,
}

/// The steps for one table of a batch, and the row numbers of the stored
/// records the batch does not mention (appended after the batch's records
/// for validation).
struct TablePlan {
    steps: Vec<Step>,
    untouched_rows: Vec<i64>,
}

struct Plan {
    members: TablePlan,
    activities: TablePlan,
    participations: TablePlan,
}

impl Plan {
    fn tally(&self) -> Tally {
        fn count(plan: &TablePlan, f: fn(&Step) -> bool) -> usize {
            plan.steps.iter().filter(|s| f(s)).count()
        }
        let counts = |f: fn(&Step) -> bool| Counts {
            members: count(&self.members, f),
            activities: count(&self.activities, f),
            participations: count(&self.participations, f),
        };
        Tally {
            inserted: counts(|s| matches!(s, Step::Insert)),
            updated: counts(|s| matches!(s, Step::Update(_))),
            unchanged: counts(|s| matches!(s, Step::Unchanged)),
        }
    }
}

/// Sorts each incoming record into insert, update or unchanged, and adds the
/// stored records it does not mention to `merged`.
fn classify<'a, T, K>(
    incoming: &'a [T],
    stored: &'a [(i64, T)],
    key: impl Fn(&'a T) -> K,
    merged: &mut Vec<T>,
) -> TablePlan
where
    T: PartialEq + Clone,
    K: Hash + Eq,
{
    let index: HashMap<K, usize> = stored.iter().enumerate().map(|(i, (_, r))| (key(r), i)).collect();
    let mut touched = vec![false; stored.len()];
    let steps = incoming
        .iter()
        .map(|r| match index.get(&key(r)) {
            Some(&i) => {
                touched[i] = true;
                if stored[i].1 == *r {
                    Step::Unchanged
                } else {
                    Step::Update(i)
                }
            }
            None => Step::Insert,
        })
        .collect();
    merged.extend_from_slice(incoming);
    let mut untouched_rows = Vec::new();
    for ((seq, r), t) in stored.iter().zip(touched) {
        if !t {
            merged.push(r.clone());
            untouched_rows.push(*seq);
        }
    }
    TablePlan { steps, untouched_rows }
}

/// Plans `batch` against what is stored and validates the result as a whole:
/// the stored records with the batch's updates applied, plus its new records.
fn plan(committee: &Committee, stored: &Stored, batch: &Batch) -> Result<Plan> {
    let mut merged = Batch { origins: batch.origins.clone(), ..Batch::default() };
    let plan = Plan {
        members: classify(&batch.members, &stored.members, |m| m.id.0.as_str(), &mut merged.members),
        activities: classify(
            &batch.activities,
            &stored.activities,
            |a| a.id.0.as_str(),
            &mut merged.activities,
        ),
        participations: classify(
            &batch.participations,
            &stored.participations,
            |p| (p.activity_id.0.as_str(), p.member_id.0.as_str()),
            &mut merged.participations,
        ),
    };
    let untouched = |t: Table| match t {
        Table::Members => (&plan.members.untouched_rows, batch.members.len()),
        Table::Activities => (&plan.activities.untouched_rows, batch.activities.len()),
        Table::Participations => (&plan.participations.untouched_rows, batch.participations.len()),
    };
    validate(committee, &merged, untouched)?;
    Ok(plan)
}

/// Checks `all` as a complete record set for `committee`. Issues about
/// records past the batch's own (`untouched(table)` gives their row numbers
/// and the batch's length) are marked as stored records.
fn validate<'a>(
    committee: &Committee,
    all: &Batch,
    untouched: impl Fn(Table) -> (&'a Vec<i64>, usize),
) -> Result<()> {
    let mut issues = Ledger::new(committee.clone()).check(all);
    if issues.is_empty() {
        return Ok(());
    }
    let file: Arc<str> = Arc::from("(stored)");
    for issue in &mut issues {
        let (rows, batch_len) = untouched(issue.table);
        if let Some(&row) = issue.index.checked_sub(batch_len).and_then(|i| rows.get(i)) {
            issue.origin = Some(Origin { file: file.clone(), row: row as u64 });
        }
    }
    Err(BatchRejected { issues }.into())
}

fn select_all<T>(
    conn: &Connection,
    sql: &str,
    read: impl FnMut(&Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], read)?.collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

fn parse_time(text: &str, table: &'static str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|e| StoreError::Corrupt {
        table,
        key: text.to_string(),
        reason: e.to_string(),
    })
}

fn hash_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let bytes =
        serde_json::to_vec(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    Ok(Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect())
}

fn to_json<T: Record>(record: &T) -> Result<String> {
    let value = record.to_json().map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    Ok(value.to_string())
}

/// Writes the history rows of one write (import).
struct ChangeLog<'a> {
    import_id: i64,
    changed_by: &'a str,
    at: String,
}

impl ChangeLog<'_> {
    fn record<T: Record>(
        &self,
        tx: &Transaction,
        (tbl, record_id, sub_id): (&str, &str, &str),
        before: Option<&T>,
        after: &T,
    ) -> Result<()> {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO changes (import_id, tbl, record_id, sub_id, op, before, after, changed_by, changed_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        let op = if before.is_some() { "update" } else { "insert" };
        stmt.execute(params![
            self.import_id,
            tbl,
            record_id,
            sub_id,
            op,
            before.map(to_json).transpose()?,
            to_json(after)?,
            self.changed_by,
            self.at,
        ])?;
        Ok(())
    }

    /// Upserts the inserted and updated records of one table, with history.
    fn write_table<T: TableRecord>(
        &self,
        tx: &Transaction,
        records: &[T],
        plan: &TablePlan,
        stored: &[(i64, T)],
    ) -> Result<()> {
        let mut stmt = tx.prepare_cached(T::UPSERT)?;
        for (r, step) in records.iter().zip(&plan.steps) {
            let before = match *step {
                Step::Unchanged => continue,
                Step::Insert => None,
                Step::Update(i) => Some(&stored[i].1),
            };
            r.upsert(&mut stmt)?;
            let (record_id, sub_id) = r.key();
            self.record(tx, (T::TABLE, record_id, sub_id), before, r)?;
        }
        Ok(())
    }
}

impl Store {
    /// Opens the store at `path`, creating it if need be and migrating an
    /// older schema to the current one. A store written by a newer lvzhi is
    /// refused ([`StoreError::SchemaTooNew`]) without being touched.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::setup(Connection::open(path)?, schema::SCHEMA_VERSION)
    }

    /// A store in memory, gone when dropped (tests, one-off runs).
    pub fn open_in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, schema::SCHEMA_VERSION)
    }

    /// Opens the store migrated only up to `version` (to test migrations).
    #[cfg(test)]
    pub(crate) fn open_at_version(path: impl AsRef<Path>, version: u32) -> Result<Store> {
        Self::setup(Connection::open(path)?, version)
    }

    fn setup(mut conn: Connection, version: u32) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(30))?;
        schema::check_file(&conn)?;
        // WAL: readers never block the writer and a killed writer leaves the
        // last commit intact. In memory the mode stays "memory".
        let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        // FULL: each commit is fsynced, so an import reported done survives a
        // power cut too (NORMAL may lose the last commits then). Imports are
        // few and large, so the extra sync per transaction costs nothing.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate_to(&mut conn, version)?;
        Ok(Store { conn })
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// The SQLite connection, for read-only queries (the columns are
    /// documented in `docs/store.md`). Writing through it bypasses validation
    /// and history: don't.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The committee, if set.
    pub fn committee(&self) -> Result<Option<Committee>> {
        Ok(self.conn.query_row(codec::SELECT_COMMITTEE, [], codec::read_committee).optional()?)
    }

    /// Sets or changes the committee. A change must keep every stored record
    /// valid (a sector cannot be dropped while members sit in it). Returns
    /// whether anything changed.
    pub fn set_committee(&mut self, committee: &Committee, meta: &ImportMeta) -> Result<bool> {
        let at = truncate(meta.at);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_time(&tx, at)?;
        let before = tx.query_row(codec::SELECT_COMMITTEE, [], codec::read_committee).optional()?;
        if before.as_ref() == Some(committee) {
            return Ok(false);
        }
        let stored = Stored::load(&tx)?;
        let rows = [
            stored_rows(&stored.members),
            stored_rows(&stored.activities),
            stored_rows(&stored.participations),
        ];
        validate(committee, &stored.to_batch(), |t| (&rows[t as usize], 0))?;
        codec::upsert_committee(&tx, committee)?;
        let log = single_write(&tx, "committee", meta, at, committee, before.is_some())?;
        log.record(&tx, (COMMITTEE, "", ""), before.as_ref(), committee)?;
        tx.commit()?;
        Ok(true)
    }

    /// Validates `batch` against the store without writing: what
    /// [`Store::import`] would do, or every issue that would stop it.
    pub fn check(&self, batch: &Batch) -> Result<Tally> {
        let tx = self.conn.unchecked_transaction()?;
        let committee = current_committee(&tx)?;
        let stored = Stored::load(&tx)?;
        Ok(plan(&committee, &stored, batch)?.tally())
    }

    /// Imports a batch in one transaction: all of it or, on any error,
    /// nothing.
    ///
    /// Records stored exactly as given are skipped, so importing the same
    /// file twice changes nothing. A record whose id is stored with other
    /// content (a proposal now replied) is updated, and its old and new
    /// versions go into the history. The stored records with the batch
    /// applied must pass the same validation as [`Ledger::add`]; otherwise
    /// [`StoreError::Rejected`] lists every issue.
    pub fn import(&mut self, batch: &Batch, meta: &ImportMeta) -> Result<ImportReport> {
        let at = truncate(meta.at);
        let content_hash = hash_json(&(&batch.members, &batch.activities, &batch.participations))?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_time(&tx, at)?;
        let committee = current_committee(&tx)?;
        let stored = Stored::load(&tx)?;
        let plan = plan(&committee, &stored, batch)?;
        let tally = plan.tally();
        let same_content_as: Option<i64> = tx.query_row(
            "SELECT min(id) FROM imports WHERE kind = 'batch' AND content_hash = ?1",
            [&content_hash],
            |r| r.get(0),
        )?;
        let import_id = insert_import(
            &tx,
            "batch",
            meta,
            at,
            &content_hash,
            [tally.inserted.total(), tally.updated.total(), tally.unchanged.total()],
        )?;
        let log = ChangeLog { import_id, changed_by: &meta.changed_by, at: fmt_time(at) };
        log.write_table(&tx, &batch.members, &plan.members, &stored.members)?;
        log.write_table(&tx, &batch.activities, &plan.activities, &stored.activities)?;
        log.write_table(&tx, &batch.participations, &plan.participations, &stored.participations)?;
        tx.commit()?;
        Ok(ImportReport { import_id, content_hash, tally, same_content_as })
    }

    /// The current records as a [`Ledger`]: evaluations and reports run on it
    /// exactly as on one built in memory.
    pub fn ledger(&self) -> Result<Ledger> {
        let tx = self.conn.unchecked_transaction()?;
        let committee = current_committee(&tx)?;
        let stored = Stored::load(&tx)?;
        rebuild(committee, stored.to_batch(), "current")
    }

    /// The records as they stood at instant `at`, rebuilt from the history:
    /// the committee and every record in their latest version written at or
    /// before `at`. Reproduces an evaluation as of that time.
    pub fn ledger_as_of(&self, at: DateTime<Utc>) -> Result<Ledger> {
        let tx = self.conn.unchecked_transaction()?;
        let t = fmt_time(truncate(at));
        let committee =
            versions_as_of::<Committee>(&tx, COMMITTEE, &t)?.pop().ok_or(StoreError::NoCommittee)?;
        let batch = Batch {
            members: versions_as_of(&tx, MEMBERS, &t)?,
            activities: versions_as_of(&tx, ACTIVITIES, &t)?,
            participations: versions_as_of(&tx, PARTICIPATIONS, &t)?,
            origins: Default::default(),
        };
        rebuild(committee, batch, &t)
    }

    /// Every change of one record, oldest first; empty for an unknown record.
    pub fn history(&self, key: &RecordKey) -> Result<Vec<Change>> {
        let (tbl, record_id, sub_id) = key.parts();
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.import_id, i.source, c.op, c.before, c.after, c.changed_by, c.changed_at \
             FROM changes c JOIN imports i ON i.id = c.import_id \
             WHERE c.tbl = ?1 AND c.record_id = ?2 AND c.sub_id = ?3 ORDER BY c.id",
        )?;
        let rows = stmt.query_map([tbl, record_id, sub_id], |r| {
            let op: String = r.get(3)?;
            let before: Option<String> = r.get(4)?;
            let before = before.map(|_| codec::json(r, 4)).transpose()?;
            Ok((
                Change {
                    id: r.get(0)?,
                    import_id: r.get(1)?,
                    source: r.get(2)?,
                    op: if op == "update" { ChangeOp::Update } else { ChangeOp::Insert },
                    before,
                    after: codec::json(r, 5)?,
                    changed_by: r.get(6)?,
                    changed_at: DateTime::<Utc>::MIN_UTC,
                },
                r.get::<_, String>(7)?,
            ))
        })?;
        let mut changes = Vec::new();
        for row in rows {
            let (mut change, at) = row?;
            change.changed_at = parse_time(&at, "changes")?;
            changes.push(change);
        }
        Ok(changes)
    }

    /// Every write to the store, oldest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let rows = select_all(
            &self.conn,
            "SELECT id, kind, source, content_hash, changed_by, at, inserted, updated, unchanged \
             FROM imports ORDER BY id",
            |r| {
                Ok((
                    ImportRecord {
                        id: r.get(0)?,
                        kind: r.get(1)?,
                        source: r.get(2)?,
                        content_hash: r.get(3)?,
                        changed_by: r.get(4)?,
                        at: DateTime::<Utc>::MIN_UTC,
                        inserted: r.get(6)?,
                        updated: r.get(7)?,
                        unchanged: r.get(8)?,
                    },
                    r.get::<_, String>(5)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(mut rec, at)| {
                rec.at = parse_time(&at, "imports")?;
                Ok(rec)
            })
            .collect()
    }

    /// Stores a rule set, or a new version of one with the same id (the old
    /// text stays in the history). Returns whether anything changed.
    pub fn put_rule_set(&mut self, rule_set: &StoredRuleSet, meta: &ImportMeta) -> Result<bool> {
        if let Some(problem) = rule_set.problem() {
            return Err(StoreError::InvalidRuleSet(problem));
        }
        let at = truncate(meta.at);
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        check_time(&tx, at)?;
        let before = tx
            .query_row(
                &format!("{} WHERE id = ?1", rules::SELECT_RULE_SETS),
                [&rule_set.id],
                rules::read_rule_set,
            )
            .optional()?;
        if before.as_ref() == Some(rule_set) {
            return Ok(false);
        }
        let r = rule_set;
        tx.execute(
            rules::UPSERT_RULE_SET,
            params![
                r.id,
                r.name,
                r.effective_from.map(|d| d.to_string()),
                r.effective_to.map(|d| d.to_string()),
                r.toml
            ],
        )?;
        let log = single_write(&tx, "rule_set", meta, at, rule_set, before.is_some())?;
        log.record(&tx, (RULE_SETS, &rule_set.id, ""), before.as_ref(), rule_set)?;
        tx.commit()?;
        Ok(true)
    }

    /// The rule set with this id.
    pub fn rule_set(&self, id: &str) -> Result<Option<StoredRuleSet>> {
        let sql = format!("{} WHERE id = ?1", rules::SELECT_RULE_SETS);
        Ok(self.conn.query_row(&sql, [id], rules::read_rule_set).optional()?)
    }

    /// Every rule set, in the order first stored.
    pub fn rule_sets(&self) -> Result<Vec<StoredRuleSet>> {
        select_all(&self.conn, &format!("{} ORDER BY seq", rules::SELECT_RULE_SETS), rules::read_rule_set)
    }

    /// The rule sets as they stood at instant `at`, in the order first stored.
    pub fn rule_sets_as_of(&self, at: DateTime<Utc>) -> Result<Vec<StoredRuleSet>> {
        versions_as_of(&self.conn, RULE_SETS, &fmt_time(truncate(at)))
    }

    /// Runs SQLite's `integrity_check` and `foreign_key_check`.
    pub fn integrity_check(&self) -> Result<()> {
        let lines: Vec<String> = select_all(&self.conn, "PRAGMA integrity_check", |r| r.get(0))?;
        if lines != ["ok"] {
            return Err(StoreError::Integrity(lines.join("; ")));
        }
        let dangling: Vec<String> =
            select_all(&self.conn, "PRAGMA foreign_key_check", |r| r.get::<_, String>(0))?;
        if !dangling.is_empty() {
            return Err(StoreError::Integrity(format!("dangling references in {}", dangling.join(", "))));
        }
        Ok(())
    }
}

fn stored_rows<T>(records: &[(i64, T)]) -> Vec<i64> {
    records.iter().map(|(seq, _)| *seq).collect()
}

fn current_committee(conn: &Connection) -> Result<Committee> {
    conn.query_row(codec::SELECT_COMMITTEE, [], codec::read_committee)
        .optional()?
        .ok_or(StoreError::NoCommittee)
}

/// Refuses a write dated before the latest one.
fn check_time(conn: &Connection, at: DateTime<Utc>) -> Result<()> {
    let latest: Option<String> = conn.query_row("SELECT max(at) FROM imports", [], |r| r.get(0))?;
    match latest {
        Some(latest) if fmt_time(at) < latest => {
            Err(StoreError::TimeGoesBackwards { at, latest: parse_time(&latest, "imports")? })
        }
        _ => Ok(()),
    }
}

fn insert_import(
    tx: &Transaction,
    kind: &str,
    meta: &ImportMeta,
    at: DateTime<Utc>,
    content_hash: &str,
    [inserted, updated, unchanged]: [usize; 3],
) -> Result<i64> {
    tx.execute(
        "INSERT INTO imports (kind, source, content_hash, changed_by, at, inserted, updated, unchanged) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            kind,
            meta.source,
            content_hash,
            meta.changed_by,
            fmt_time(at),
            inserted as i64,
            updated as i64,
            unchanged as i64
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records the import of a single record (committee, rule set).
fn single_write<'m, T: Serialize>(
    tx: &Transaction,
    kind: &str,
    meta: &'m ImportMeta,
    at: DateTime<Utc>,
    record: &T,
    update: bool,
) -> Result<ChangeLog<'m>> {
    let counts = if update { [0, 1, 0] } else { [1, 0, 0] };
    let import_id = insert_import(tx, kind, meta, at, &hash_json(record)?, counts)?;
    Ok(ChangeLog { import_id, changed_by: &meta.changed_by, at: fmt_time(at) })
}

/// The latest version at or before `t` of every record of `tbl`, in the
/// order the records were first stored.
fn versions_as_of<T: Record>(conn: &Connection, tbl: &'static str, t: &str) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.after, c.record_id, c.sub_id FROM \
           (SELECT min(id) AS first, max(id) AS last FROM changes \
            WHERE tbl = ?1 AND changed_at <= ?2 GROUP BY record_id, sub_id) g \
         JOIN changes c ON c.id = g.last ORDER BY g.first",
    )?;
    let mut rows = stmt.query(params![tbl, t])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let after: String = row.get(0)?;
        let record =
            serde_json::from_str(&after).and_then(|v| T::from_json(&v)).map_err(|e| StoreError::Corrupt {
                table: "changes",
                key: format!(
                    "{tbl} {} {}",
                    row.get::<_, String>(1).unwrap_or_default(),
                    row.get::<_, String>(2).unwrap_or_default()
                ),
                reason: e.to_string(),
            })?;
        out.push(record);
    }
    Ok(out)
}

/// A ledger of `batch`, which the store validated when writing it.
fn rebuild(committee: Committee, batch: Batch, when: &str) -> Result<Ledger> {
    let mut ledger = Ledger::new(committee);
    ledger.add(batch).map_err(|e| StoreError::Corrupt {
        table: "store",
        key: when.to_string(),
        reason: format!("the records no longer validate: {e}"),
    })?;
    Ok(ledger)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use lvzhi_core::{Level, ParticipantRole, Term};

    use super::*;

    fn meta(day: u32) -> ImportMeta {
        ImportMeta::new("test", "tester").at(Utc.with_ymd_and_hms(2024, 3, day, 0, 0, 0).unwrap())
    }

    #[test]
    fn a_version_1_store_is_migrated_with_its_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.lvzhi");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let committee = Committee::new(
            "政协某县委员会",
            Level::County,
            Term { number: 10, start: d(2022, 1, 1), end: d(2026, 12, 31) },
        );
        let mut batch = Batch::default();
        batch.members.push(Member::new("M001", "王芳", "教育界"));
        batch.activities.push(Activity::new(
            "Y1",
            "2023年度履职报告",
            d(2024, 1, 20),
            Level::County,
            lvzhi_core::ActivityDetail::DutyReport,
        ));
        batch.participations.push(ParticipationRecord::new("Y1", "M001", ParticipantRole::Participant));
        let rules = StoredRuleSet {
            id: "r".into(),
            name: "办法".into(),
            effective_from: None,
            effective_to: None,
            toml: String::new(),
        };
        let before = {
            let mut v1 = Store::open_at_version(&path, 1).unwrap();
            assert_eq!(v1.schema_version().unwrap(), 1);
            v1.set_committee(&committee, &meta(1)).unwrap();
            v1.import(&batch, &meta(2)).unwrap();
            // Version 1 has no rule sets yet.
            assert!(matches!(v1.put_rule_set(&rules, &meta(3)), Err(StoreError::Sqlite(_))));
            v1.ledger().unwrap()
        };
        let mut v2 = Store::open(&path).unwrap();
        assert_eq!(v2.schema_version().unwrap(), schema::SCHEMA_VERSION);
        assert_eq!(schema::SCHEMA_VERSION, 2);
        assert_eq!(v2.ledger().unwrap(), before);
        assert_eq!(v2.ledger_as_of(meta(2).at).unwrap(), before);
        assert!(v2.put_rule_set(&rules, &meta(3)).unwrap());
        v2.integrity_check().unwrap();
    }
}
