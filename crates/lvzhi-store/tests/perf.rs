//! Import speed: 100,000 participations in one batch. Run in release:
//! `cargo test -p lvzhi-store --release --test perf -- --ignored --nocapture`.

mod common;

use std::time::Instant;

use common::{committee, day, meta};
use lvzhi_core::*;
use lvzhi_store::Store;

fn big_batch(members: usize, meetings: usize) -> Batch {
    let mut b = Batch {
        members: (0..members)
            .map(|i| Member::new(format!("M{i:05}"), format!("委员{i}"), "教育界"))
            .collect(),
        ..Batch::default()
    };
    for k in 0..meetings {
        let id = format!("H{k:04}");
        b.activities.push(Activity::new(
            id.clone(),
            format!("会议{k}"),
            day(1, 1) + chrono::Days::new(k as u64),
            Level::County,
            ActivityDetail::Meeting(Meeting { kind: MeetingKind::Forum, half_days: Some(1) }),
        ));
        for i in 0..members {
            let m = format!("M{i:05}");
            let a = if (i + k) % 11 == 0 { Attendance::Unexcused } else { Attendance::Present };
            b.participations
                .push(ParticipationRecord::new(&id, &m, ParticipantRole::Attendee).with_attendance(a));
        }
    }
    b
}

#[test]
#[ignore = "a timing run; use --release"]
fn import_100k_participations() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("perf.lvzhi")).unwrap();
    s.set_committee(&committee(), &meta("c", 1, 1)).unwrap();
    let batch = big_batch(1_000, 100);

    let t = Instant::now();
    let first = s.import(&batch, &meta("big.csv", 2, 1)).unwrap();
    let import = t.elapsed();
    assert_eq!(first.tally.inserted.participations, 100_000);

    let t = Instant::now();
    let again = s.import(&batch, &meta("big.csv", 2, 2)).unwrap();
    let reimport = t.elapsed();
    assert_eq!(again.tally.unchanged.participations, 100_000);

    let t = Instant::now();
    let ledger = s.ledger().unwrap();
    let load = t.elapsed();
    let t = Instant::now();
    let as_of = s.ledger_as_of(meta("x", 3, 1).at).unwrap();
    let rebuild = t.elapsed();
    assert_eq!(ledger, as_of);
    eprintln!(
        "100k participations: import {import:?}, re-import {reimport:?}, ledger() {load:?}, ledger_as_of() {rebuild:?}"
    );
}
