//! Opening files: pragmas, versions, refusing what is not ours, durability across reopening.

mod common;

use common::*;
use lvzhi_store::{Store, StoreError, APPLICATION_ID, SCHEMA_VERSION};
use rusqlite::Connection;

fn pragma<T: rusqlite::types::FromSql>(s: &Store, name: &str) -> T {
    s.connection().query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_file_is_wal_full_sync_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path().join("a.lvzhi")).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(pragma::<String>(&s, "journal_mode"), "wal");
    assert_eq!(pragma::<i64>(&s, "synchronous"), 2, "FULL");
    assert_eq!(pragma::<i64>(&s, "foreign_keys"), 1);
    assert_eq!(pragma::<i32>(&s, "application_id"), APPLICATION_ID);
    // Foreign keys hold even for writes around the store's API.
    let err = s
        .connection()
        .execute(
            "INSERT INTO participations (activity_id, member_id, role, late, left_early) \
             VALUES ('nope', 'nobody', 'attendee', 0, 0)",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn records_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.lvzhi");
    let ledger = {
        let mut s = Store::open(&path).unwrap();
        s.set_committee(&committee(), &meta("c", 1, 1)).unwrap();
        s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
        s.import(&june(), &meta("2024-06.csv", 7, 1)).unwrap();
        s.ledger().unwrap()
    };
    let s = Store::open(&path).unwrap();
    assert_eq!(s.ledger().unwrap(), ledger);
    assert_eq!(s.imports().unwrap().len(), 3);
    s.integrity_check().unwrap();
}

#[test]
fn a_store_from_a_newer_lvzhi_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.lvzhi");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew { found, supported }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    let c = Connection::open(&path).unwrap();
    let v: u32 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, SCHEMA_VERSION + 1);
}

#[test]
fn other_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    {
        let c = Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    }
    assert!(matches!(Store::open(&other), Err(StoreError::NotAStore(_))));
    let foreign_app = dir.path().join("app.db");
    {
        let c = Connection::open(&foreign_app).unwrap();
        c.pragma_update(None, "application_id", 7).unwrap();
    }
    assert!(matches!(Store::open(&foreign_app), Err(StoreError::NotAStore(_))));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
    assert!(matches!(Store::open(&text), Err(StoreError::Sqlite(_))));
}
