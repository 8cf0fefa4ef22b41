//! Evaluation of one large generated committee under two presets, explained
//! and ranking-only.
//!
//! ```sh
//! CARGO_TARGET_DIR=... cargo bench -p lvzhi-rules --bench evaluate
//! ```
//!
//! One provincial committee of 20,000 members at intensity 8 (about 2 million
//! participations, a national year's per-member density), seed 1, 2025.
//! Under `cargo test` (without `--bench`) a 200-member committee is
//! used instead, evaluated once. `LVZHI_RULES_BENCH_MEMBERS=n` sets the size
//! in either mode: with `--test`, one evaluation each, for counting
//! instructions on a busy machine (`perf stat -e instructions:u`, less a run
//! whose filter matches no benchmark).

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lvzhi_core::{Ledger, Level};
use lvzhi_rules::{evaluate_with, EvaluateOptions, Period, RuleSet};

const YEAR: i32 = 2025;
const PRESETS: [&str; 2] = ["jinan-2015", "tongcheng-2019"];

fn ledger() -> Ledger {
    // `cargo bench` passes `--bench`; `cargo test` runs benches without it.
    let test_mode = !std::env::args().any(|a| a == "--bench");
    let members = match std::env::var("LVZHI_RULES_BENCH_MEMBERS") {
        Ok(n) => n.parse().expect("a number of members"),
        Err(_) if test_mode => 200,
        Err(_) => 20_000,
    };
    let mut config = lvzhi_gen::Config::new(Level::Provincial, members, YEAR, 1);
    config.intensity = 8;
    lvzhi_gen::generate(&config).into_ledger().expect("generated data is valid")
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
        for (mode, options) in
            [("explained", EvaluateOptions::default()), ("ranking-only", EvaluateOptions::ranking_only())]
        {
            g.bench_function(format!("{preset} {mode}"), |b| {
                b.iter(|| black_box(evaluate_with(&ledger, &rules, Period::year(YEAR), &[], &options)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
