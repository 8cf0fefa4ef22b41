//! Load, build, evaluate, rank and report at county, province and national size.
//!
//! ```sh
//! cargo bench -p lvzhi --bench national                  # county and province
//! LVZHI_BENCH_NATIONAL=DIR cargo bench -p lvzhi --bench national   # and a national Parquet folder
//! LVZHI_BENCH_BIG=1 cargo bench -p lvzhi --bench national          # and one 100,000-member committee
//! ```
//!
//! County and province data are generated (seed 1, 2025) into a temporary
//! Parquet folder first. The national size reads the folder named by
//! `LVZHI_BENCH_NATIONAL` (written by `lvzhi generate --scale national
//! --parquet`), one iteration per sample, ten samples. Under `cargo test`
//! (without `--bench`) only the county size runs, once.

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use lvzhi::io::parquet::{read_ledgers, ParquetReader};
use lvzhi::national::{configs, write, Output, Scale};
use lvzhi::report::{render_member, Format, ReportOptions};
use lvzhi::rules::{evaluate, evaluate_with, EvaluateOptions, RuleSet};
use lvzhi::{Detail, Ledger, MemberIx, Period};
use rayon::prelude::*;
use rust_decimal::Decimal;

const YEAR: i32 = 2025;
const PRESETS: [&str; 2] = ["jinan-2015", "tongcheng-2019"];

/// The columnar read (`parquet::read_ledgers`): what everything here evaluates.
fn load(dir: &Path) -> Vec<Ledger> {
    read_ledgers(dir, Detail::Full).expect("a valid Parquet folder")
}

/// The record read it replaced: committees streamed as `String`-keyed records.
fn load_records(dir: &Path) -> Vec<Ledger> {
    ParquetReader::open(dir)
        .expect("a Parquet folder")
        .par_bridge()
        .map(|t| t.expect("readable").dataset().expect("valid rows").into_ledger().expect("valid data"))
        .collect()
}

fn totals(ledgers: &[Ledger], rules: &RuleSet, options: &EvaluateOptions) -> Vec<(String, Decimal)> {
    ledgers
        .par_iter()
        .flat_map_iter(|l| {
            let ev = evaluate_with(l, rules, Period::year(YEAR), &[], options);
            ev.scorecards.into_iter().map(|c| (c.member.to_string(), c.total))
        })
        .collect()
}

fn rank(mut all: Vec<(String, Decimal)>) -> Vec<(String, Decimal)> {
    all.par_sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all
}

fn sizes() -> Vec<(&'static str, tempfile::TempDir)> {
    // `cargo bench` passes `--bench`; `cargo test` runs benches without it.
    let test_mode = !std::env::args().any(|a| a == "--bench");
    let mut scales = vec![("county", Scale::County)];
    if !test_mode {
        scales.push(("province", Scale::Province));
    }
    scales
        .into_iter()
        .map(|(name, scale)| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            write(&configs(scale, 1, YEAR, 1), dir.path(), Output::Parquet, |_| {}).expect("written");
            (name, dir)
        })
        .collect()
}

fn bench_size(c: &mut Criterion, name: &str, dir: &Path, national: bool) {
    let ledgers = load(dir);
    let participations: usize = ledgers.iter().map(|l| l.participations().len()).sum();
    let mut g = c.benchmark_group(format!("{name} ({participations} participations)"));
    if national {
        g.sample_size(10);
    }
    g.throughput(Throughput::Elements(participations as u64));
    g.bench_function("load parquet + validate + index (columnar)", |b| b.iter(|| black_box(load(dir))));
    g.bench_function("load parquet + validate + index (records)", |b| {
        b.iter(|| black_box(load_records(dir)))
    });
    let explained = EvaluateOptions::default();
    let ranking = EvaluateOptions::ranking_only();
    for preset in PRESETS {
        let rules = RuleSet::preset(preset).expect("a preset");
        g.bench_with_input(BenchmarkId::new("evaluate, explained", preset), &rules, |b, rules| {
            b.iter(|| black_box(totals(&ledgers, rules, &explained)))
        });
        g.bench_with_input(BenchmarkId::new("evaluate, ranking only", preset), &rules, |b, rules| {
            b.iter(|| black_box(totals(&ledgers, rules, &ranking)))
        });
    }
    let rules = RuleSet::preset(PRESETS[0]).expect("a preset");
    let all = totals(&ledgers, &rules, &ranking);
    g.bench_function("rank", |b| b.iter(|| black_box(rank(all.clone()))));
    g.bench_function("end to end: country::score_parquet jinan-2015", |b| {
        b.iter(|| black_box(lvzhi::country::score_parquet(dir, &rules, Period::year(YEAR)).expect("valid")))
    });
    g.finish();
}

/// HTML reports of the first 100 members of the first committee, with scores.
fn bench_reports(c: &mut Criterion, dir: &Path) {
    let ledger = load(dir).swap_remove(0);
    let rules = RuleSet::preset("tongcheng-2019").expect("a preset");
    let ev = evaluate(&ledger, &rules, Period::year(YEAR));
    let sections = lvzhi::scores::score_sections(&ledger, &ev);
    let options = ReportOptions::year(YEAR, Format::Html);
    let n = ledger.members().len().min(100);
    let mut g = c.benchmark_group("report");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("html, 100 members, one thread", |b| {
        b.iter(|| {
            for i in 0..n {
                let m = MemberIx(i as u32);
                let score = sections.get(&ledger.member(m).id).cloned();
                black_box(render_member(&ledger, m, score, &options).expect("rendered"));
            }
        })
    });
    g.finish();
}

/// One committee of 100,000 members (~5.6 million participations, built
/// in memory): validating and indexing it, and evaluating it.
fn bench_big_committee(c: &mut Criterion) {
    let data = lvzhi::gen::generate(&lvzhi::gen::Config::new(lvzhi::Level::Provincial, 100_000, YEAR, 1));
    let n = data.batch.participations.len();
    let mut g = c.benchmark_group(format!("one committee of 100,000 members ({n} participations)"));
    g.sample_size(10).throughput(Throughput::Elements(n as u64));
    g.bench_function("validate + index (Ledger::add)", |b| {
        b.iter_batched(
            || data.clone(),
            |d| black_box(d.into_ledger().expect("valid")),
            criterion::BatchSize::LargeInput,
        )
    });
    let ledger = data.into_ledger().expect("valid");
    let rules = RuleSet::preset("tongcheng-2019").expect("a preset");
    g.bench_function("evaluate tongcheng-2019", |b| {
        b.iter(|| black_box(evaluate(&ledger, &rules, Period::year(YEAR))))
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    if std::env::var_os("LVZHI_BENCH_BIG").is_some() {
        bench_big_committee(c);
    }
    let sizes = sizes();
    bench_reports(c, sizes[0].1.path());
    for (name, dir) in &sizes {
        bench_size(c, name, dir.path(), false);
    }
    if let Ok(dir) = std::env::var("LVZHI_BENCH_NATIONAL") {
        bench_size(c, "national", Path::new(&dir), true);
    }
}

criterion_group!(national, benches);
criterion_main!(national);
