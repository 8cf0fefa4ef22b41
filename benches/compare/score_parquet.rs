//! The lvzhi Rust path of `scripts/compare.py`: loads a Parquet folder
//! written by `lvzhi generate --scale … --parquet`, builds each committee's
//! ledger, evaluates it under a preset, ranks every member of the country
//! by total (highest first, ties by member id) and writes
//! `member_id,total,rank` as CSV.
//!
//! ```sh
//! cargo run --release -p lvzhi --example score_parquet -- DIR PRESET YEAR OUT.csv [--hold]
//! ```
//!
//! Committees are streamed: read (one thread), then turned into records,
//! validated into a ledger and evaluated on rayon's pool, and dropped, so
//! memory holds a few committees' ledgers and evaluations besides the
//! totals. With `--hold` every ledger is built first and kept, then all
//! are evaluated in one timed phase ("evaluation alone").
//! Timings go to stderr as `phase seconds` lines.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lvzhi::io::parquet::ParquetReader;
use lvzhi::rules::{evaluate, RuleSet};
use lvzhi::{Ledger, Period};
use rayon::prelude::*;
use rust_decimal::Decimal;

/// glibc's malloc spends a quarter of loading time on the many small
/// strings of a national load; mimalloc far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Totals = Vec<(String, Decimal)>;

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}

fn totals(ledger: &Ledger, rules: &RuleSet, period: Period) -> Totals {
    let ev = evaluate(ledger, rules, period);
    ev.scorecards.into_iter().map(|c| (c.member.0, c.total)).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        fail("usage", "score_parquet DIR PRESET YEAR OUT.csv [--hold]");
    }
    let hold = args.iter().any(|a| a == "--hold");
    let rules = RuleSet::preset(&args[1]).unwrap_or_else(|e| fail("preset", e));
    let year: i32 = args[2].parse().unwrap_or_else(|e| fail("year", e));
    let period = Period::year(year);
    let start = Instant::now();
    let reader = ParquetReader::open(&args[0]).unwrap_or_else(|e| fail("open", e));
    let (build_time, eval_time) = (Mutex::new(Duration::ZERO), Mutex::new(Duration::ZERO));
    let build = |tables: Result<lvzhi::io::parquet::CommitteeTables, _>| -> Ledger {
        let t = Instant::now();
        let data = tables.and_then(|t| t.dataset()).unwrap_or_else(|e| fail("read", e));
        let ledger = data.into_ledger().unwrap_or_else(|e| fail("validate", e));
        *build_time.lock().unwrap() += t.elapsed();
        ledger
    };
    let mut all: Totals = if hold {
        let ledgers: Vec<Ledger> = reader.par_bridge().map(build).collect();
        eprintln!("load {:.3}", start.elapsed().as_secs_f64());
        let t = Instant::now();
        let out = ledgers.par_iter().flat_map_iter(|l| totals(l, &rules, period)).collect();
        eprintln!("evaluate {:.3}", t.elapsed().as_secs_f64());
        out
    } else {
        let out = reader
            .par_bridge()
            .flat_map_iter(|tables| {
                let ledger = build(tables);
                let t = Instant::now();
                let out = totals(&ledger, &rules, period);
                *eval_time.lock().unwrap() += t.elapsed();
                out
            })
            .collect();
        eprintln!("load+evaluate {:.3}", start.elapsed().as_secs_f64());
        eprintln!("load_thread_seconds {:.3}", build_time.lock().unwrap().as_secs_f64());
        eprintln!("evaluate_thread_seconds {:.3}", eval_time.lock().unwrap().as_secs_f64());
        out
    };
    let t = Instant::now();
    all.par_sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    eprintln!("rank {:.3}", t.elapsed().as_secs_f64());
    let file = std::fs::File::create(&args[3]).unwrap_or_else(|e| fail("output", e));
    let mut out = std::io::BufWriter::new(file);
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "member_id,total,rank")?;
        for (i, (id, total)) in all.iter().enumerate() {
            writeln!(out, "{id},{},{}", total.normalize(), i + 1)?;
        }
        out.flush()
    };
    write().unwrap_or_else(|e| fail("output", e));
    eprintln!("members {}", all.len());
    eprintln!("total {:.3}", start.elapsed().as_secs_f64());
}
