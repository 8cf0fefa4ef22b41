//! Evaluation under two presets, explained and ranking-only: of one large
//! generated committee, and of many county committees evaluated side by
//! side as a national run does (where each evaluation's fixed costs count
//! as much as its per-participation ones).
//!
//! ```sh
//! CARGO_TARGET_DIR=... cargo bench -p lvzhi-rules --bench evaluate
//! ```
//!
//! One provincial committee of 20,000 members at intensity 8 (about 2 million
//! participations, a national year's per-member density), seed 1, 2025; and
//! the first 100 county committees of the national plan (seed 1, about 200
//! members each), also at intensity 8, explained, ranking-only and as
//! `evaluate_totals` (what the national ranking calls per committee). Under `cargo test` (without
//! `--bench`) a 200-member committee and 2 county committees are used
//! instead, evaluated once. `LVZHI_RULES_BENCH_MEMBERS=n` and
//! `LVZHI_RULES_BENCH_COMMITTEES=n` set the sizes in either mode: with
//! `--test`, one evaluation each, for counting instructions on a busy
//! machine (`perf stat -e instructions:u`, less a run whose filter matches
//! no benchmark).

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lvzhi_core::{Ledger, Level};
use lvzhi_rules::{evaluate_totals, evaluate_with, EvaluateOptions, Period, RuleSet};
use rayon::prelude::*;

const YEAR: i32 = 2025;
const PRESETS: [&str; 2] = ["jinan-2015", "tongcheng-2019"];

/// `cargo bench` passes `--bench`; `cargo test` runs benches without it.
fn test_mode() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

fn size(var: &str, test: usize, bench: usize) -> usize {
    match std::env::var(var) {
        Ok(n) => n.parse().expect("a number"),
        Err(_) if test_mode() => test,
        Err(_) => bench,
    }
}

fn ledger() -> Ledger {
    let members = size("LVZHI_RULES_BENCH_MEMBERS", 200, 20_000) as u32;
    let mut config = lvzhi_gen::Config::new(Level::Provincial, members, YEAR, 1);
    config.intensity = 8;
    lvzhi_gen::generate(&config).into_ledger().expect("generated data is valid")
}

fn county_ledgers() -> Vec<Ledger> {
    let n = size("LVZHI_RULES_BENCH_COMMITTEES", 2, 100);
    let configs: Vec<lvzhi_gen::Config> = lvzhi_gen::nationwide(1, YEAR)
        .filter(|c| c.level == Level::County)
        .take(n)
        .map(|mut c| {
            c.intensity = 8;
            c
        })
        .collect();
    configs
        .par_iter()
        .map(|c| lvzhi_gen::generate(c).into_ledger().expect("generated data is valid"))
        .collect()
}

fn modes() -> [(&'static str, EvaluateOptions); 2] {
    [("explained", EvaluateOptions::default()), ("ranking-only", EvaluateOptions::ranking_only())]
}

fn bench(c: &mut Criterion) {
    let ledger = ledger();
    let parts = ledger.participations().len();
    let mut g =
        c.benchmark_group(format!("evaluate ({} members, {parts} participations)", ledger.members().len()));
    g.throughput(Throughput::Elements(parts as u64));
    g.sample_size(10);
    for preset in PRESETS {
        let rules = RuleSet::preset(preset).expect("a preset");
        for (mode, options) in modes() {
            g.bench_function(format!("{preset} {mode}"), |b| {
                b.iter(|| black_box(evaluate_with(&ledger, &rules, Period::year(YEAR), &[], &options)))
            });
        }
    }
    g.finish();
    drop(ledger);

    let ledgers = county_ledgers();
    let members: usize = ledgers.iter().map(|l| l.members().len()).sum();
    let parts: usize = ledgers.iter().map(|l| l.participations().len()).sum();
    let mut g = c.benchmark_group(format!(
        "evaluate {} committees ({members} members, {parts} participations)",
        ledgers.len()
    ));
    g.throughput(Throughput::Elements(parts as u64));
    g.sample_size(10);
    for preset in PRESETS {
        let rules = RuleSet::preset(preset).expect("a preset");
        for (mode, options) in modes() {
            g.bench_function(format!("{preset} {mode}"), |b| {
                b.iter(|| {
                    ledgers
                        .par_iter()
                        .map(|l| evaluate_with(l, &rules, Period::year(YEAR), &[], &options).scorecards.len())
                        .sum::<usize>()
                })
            });
        }
        // What the national ranking calls per committee.
        g.bench_function(format!("{preset} totals"), |b| {
            b.iter(|| {
                ledgers
                    .par_iter()
                    .map(|l| evaluate_totals(l, &rules, Period::year(YEAR)).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
