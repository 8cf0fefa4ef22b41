//! The lvzhi Rust path of `scripts/compare.py`: scores a Parquet folder
//! written by `lvzhi generate --scale … --parquet` under a preset, ranks
//! every member of the country by total (highest first, ties by member id)
//! and writes `member_id,total,rank` as CSV.
//!
//! ```sh
//! cargo run --release -p lvzhi --example score_parquet -- DIR PRESET YEAR OUT.csv [--records | --hold [--as-scored] [--totals-only]]
//! ```
//!
//! By default this is [`lvzhi::country::score_parquet`]: the tables
//! decoded a few row groups at a time on all cores, ids resolved through
//! the Parquet dictionaries, each committee's ledger checked, evaluated
//! and dropped. With
//! `--records` it is the older path kept for comparison: committees
//! streamed through [`lvzhi::io::parquet::ParquetReader`] as records with
//! `String` ids, then validated and evaluated one by one. With `--hold`
//! every ledger is read first and kept ([`lvzhi::io::parquet::read_ledgers`]),
//! then evaluated in timed phases: evaluation alone, explained,
//! ranking-only and as the national ranking's columns (`evaluate_totals`).
//! `--hold --as-scored` reads the ledgers as the national ranking reads
//! them (`scan_ledgers_with` the rule set: only the participations the
//! rules read), `--hold` alone every participation; `--totals-only`
//! times `evaluate_totals` alone and stops there (for profilers).
//! `--hold` also times one pass over as many bytes as the folder's
//! participations at memory bandwidth, and gives `evaluate_totals` as a
//! multiple of it (the evaluation target).
//! Timings go to stderr as `phase seconds` lines.
//!
//! The system allocator is used: with this machine's transparent huge
//! pages, mimalloc's fresh pages cost more in page zeroing than it saves
//! (25 s against 13 s for the national year when this was written).

use std::io::Write;
use std::time::Instant;

use lvzhi::io::parquet::ParquetReader;
use lvzhi::rules::{evaluate, evaluate_totals, evaluate_with, EvaluateOptions, RuleSet};
use lvzhi::Period;
use rayon::prelude::*;
use rust_decimal::Decimal;

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("{what}: {e}");
    std::process::exit(1)
}

/// The records path: (member id, total) of every member, unranked.
fn by_records(dir: &str, rules: &RuleSet, period: Period) -> Vec<(String, Decimal)> {
    let reader = ParquetReader::open(dir).unwrap_or_else(|e| fail("open", e));
    reader
        .par_bridge()
        .flat_map_iter(|tables| {
            let data = tables.and_then(|t| t.dataset()).unwrap_or_else(|e| fail("read", e));
            let ledger = data.into_ledger().unwrap_or_else(|e| fail("validate", e));
            let ev = evaluate(&ledger, rules, period);
            ev.scorecards.into_iter().map(|c| (c.member.to_string(), c.total)).collect::<Vec<_>>()
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        fail(
            "usage",
            "score_parquet DIR PRESET YEAR OUT.csv [--records | --hold [--as-scored] [--totals-only]]",
        );
    }
    let rules = RuleSet::preset(&args[1]).unwrap_or_else(|e| fail("preset", e));
    let year: i32 = args[2].parse().unwrap_or_else(|e| fail("year", e));
    let period = Period::year(year);
    let start = Instant::now();
    let ranked: Vec<(String, Decimal)> = if args.iter().any(|a| a == "--hold") {
        let ledgers = match args.iter().any(|a| a == "--as-scored") {
            true => lvzhi::io::parquet::scan_ledgers_with(&args[0], lvzhi::Detail::Scoring, &rules, |l| l),
            false => lvzhi::io::parquet::read_ledgers(&args[0], lvzhi::Detail::Scoring),
        }
        .unwrap_or_else(|e| fail("read", e));
        let held: usize = ledgers.iter().map(|l| l.participations().len()).sum();
        eprintln!("participations held {held}");
        eprintln!("load {:.3}", start.elapsed().as_secs_f64());
        let pass = bandwidth_pass(&args[0]);
        // `--totals-only`: the national ranking's evaluation and nothing else,
        // so that a profiler toggled on `evaluate_totals` sees only it.
        let totals_only = args.iter().any(|a| a == "--totals-only");
        let phases =
            [("explained", EvaluateOptions::default()), ("ranking-only", EvaluateOptions::ranking_only())];
        for (name, options) in phases.into_iter().filter(|_| !totals_only) {
            let t = Instant::now();
            let n: usize = ledgers
                .par_iter()
                .map(|l| evaluate_with(l, &rules, period, &[], &options).scorecards.len())
                .sum();
            eprintln!("evaluate {name} {:.3} ({n} scorecards)", t.elapsed().as_secs_f64());
        }
        // What the national ranking evaluates: the columns, no scorecards.
        let t = Instant::now();
        let n: usize = ledgers.par_iter().map(|l| evaluate_totals(l, &rules, period).len()).sum();
        let took = t.elapsed().as_secs_f64();
        eprintln!("evaluate totals {took:.3} ({n} members; {:.1}× the pass)", took / pass);
        if totals_only {
            std::process::exit(0);
        }
        let t = Instant::now();
        let scores = lvzhi::country::score_ledgers(&ledgers, &rules, period);
        eprintln!("evaluate ranking-only + rank {:.3}", t.elapsed().as_secs_f64());
        scores.member_id.iter().map(ToString::to_string).zip(scores.total).collect()
    } else if args.iter().any(|a| a == "--records") {
        let mut all = by_records(&args[0], &rules, period);
        all.par_sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all
    } else {
        // What a service does with the scores: written from the rows as they are.
        let scores =
            lvzhi::country::score_parquet(&args[0], &rules, period).unwrap_or_else(|e| fail("read", e));
        eprintln!("load+evaluate+rank {:.3}", start.elapsed().as_secs_f64());
        write(&args[3], scores.member_id.iter().map(|id| id.as_str()).zip(&scores.total));
        eprintln!("members {}", scores.len());
        eprintln!("total {:.3}", start.elapsed().as_secs_f64());
        return;
    };
    eprintln!("load+evaluate+rank {:.3}", start.elapsed().as_secs_f64());
    write(&args[3], ranked.iter().map(|(id, total)| (id.as_str(), total)));
    eprintln!("members {}", ranked.len());
    eprintln!("total {:.3}", start.elapsed().as_secs_f64());
}

/// The yardstick of the evaluation target ("within 5× of one pass over
/// the data at memory bandwidth"): the best of three single-threaded sums
/// of a buffer as large as every participation of the folder at 16 bytes
/// each (what `numpy.sum` over the same bytes measured before). Printed
/// as `pass SECONDS (MB)`.
fn bandwidth_pass(dir: &str) -> f64 {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let path = std::path::Path::new(dir).join("participations.parquet");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| fail("participations.parquet", e));
    let reader = SerializedFileReader::new(file).unwrap_or_else(|e| fail("participations.parquet", e));
    let rows = usize::try_from(reader.metadata().file_metadata().num_rows()).unwrap_or(0);
    let words = vec![1u64; rows * 2];
    let best = (0..3)
        .map(|_| {
            let t = Instant::now();
            let sum = words.iter().fold(0u64, |s, &w| s.wrapping_add(w));
            std::hint::black_box(sum);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    eprintln!("pass {best:.3} ({} MB)", words.len() * 8 / 1_000_000);
    best
}

/// Writes `member_id,total,rank` (the rank is the row's position), best
/// first: the text made in blocks of rows on all cores (650,000 rows'
/// decimals took 45 ms on one), then written in order.
fn write<'a>(path: &str, ranked: impl Iterator<Item = (&'a str, &'a Decimal)>) {
    let rows: Vec<(&str, &Decimal)> = ranked.collect();
    const BLOCK: usize = 16_384;
    let blocks: Vec<Vec<u8>> = rows
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, block)| {
            let mut text = Vec::with_capacity(block.len() * 24);
            for (i, (id, total)) in block.iter().enumerate() {
                // Writing to a Vec cannot fail.
                let _ = writeln!(text, "{id},{},{}", total.normalize(), b * BLOCK + i + 1);
            }
            text
        })
        .collect();
    let csv = || -> std::io::Result<()> {
        let mut out = std::fs::File::create(path)?;
        out.write_all(b"member_id,total,rank\n")?;
        blocks.iter().try_for_each(|text| out.write_all(text))
    };
    csv().unwrap_or_else(|e| fail("output", e));
}
