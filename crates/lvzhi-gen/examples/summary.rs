//! Prints what a generated committee looks like: counts by kind, meeting
//! kind, proposal status, attendance, and the time it took.
//!
//! `cargo run --release -p lvzhi-gen --example summary -- [seed] [members] [level]`

use std::collections::BTreeMap;
use std::time::Instant;

use lvzhi_core::{ActivityDetail, Level};
use lvzhi_gen::{generate, Config};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let members = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(120);
    let level = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(Level::County);
    let config = Config::new(level, members, 2025, seed);
    let started = Instant::now();
    let data = generate(&config);
    let took = started.elapsed();
    let b = &data.batch;
    println!(
        "{} ({}): {} members, {} activities, {} participations, generated in {took:?}",
        data.committee.name,
        config.place,
        b.members.len(),
        b.activities.len(),
        b.participations.len()
    );

    let mut kinds = BTreeMap::new();
    let mut meetings = BTreeMap::new();
    let mut statuses = BTreeMap::new();
    for a in &b.activities {
        *kinds.entry(a.kind().label()).or_insert(0) += 1;
        match &a.detail {
            ActivityDetail::Meeting(m) => *meetings.entry(m.kind.label()).or_insert(0) += 1,
            ActivityDetail::Proposal(p) => *statuses.entry(p.status.label()).or_insert(0) += 1,
            _ => {}
        }
    }
    let mut attendance = BTreeMap::new();
    for p in &b.participations {
        if let Some(a) = p.attendance {
            *attendance.entry(a.label()).or_insert(0) += 1;
        }
    }
    println!("by kind: {kinds:?}");
    println!("meetings: {meetings:?}");
    println!("proposal status: {statuses:?}");
    println!("attendance: {attendance:?}");
    if std::env::var("SHOW").is_ok() {
        for m in b.members.iter().take(12) {
            println!(
                "{} {} {:?} {} {} {:?} {:?} {:?} {:?}",
                m.id,
                m.name,
                m.roles,
                m.sector,
                m.party.as_deref().unwrap_or(""),
                m.employer,
                m.title,
                m.committee,
                m.liaison_group
            );
        }
        let mut seen = BTreeMap::new();
        for a in &b.activities {
            let c = seen.entry(a.kind()).or_insert(0);
            *c += 1;
            if *c <= 4 || std::env::var("SHOW").is_ok_and(|v| v == "all") {
                println!("{} {} {} {:?} {:?}", a.id, a.date, a.title, a.organizer, a.detail);
            }
        }
    }
}
