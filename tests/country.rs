//! `country::score_parquet` (columnar read, only the participation columns
//! the rules read, ranking-only evaluation) gives what evaluating fully
//! read ledgers gives, under every preset.

use lvzhi::io::parquet::{read_ledgers, ParquetWriter};
use lvzhi::rules::{presets, RuleSet};
use lvzhi::{Detail, Period};

#[test]
fn score_parquet_equals_scoring_fully_read_ledgers_under_every_preset() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = ParquetWriter::create(dir.path()).unwrap().row_group_rows(5_000);
    for seed in 1..=3 {
        let mut data = lvzhi_gen::county(seed);
        data.committee.name = format!("政协第{seed}县委员会");
        w.write(&data.committee, &data.batch).unwrap();
    }
    w.finish().unwrap();
    let full = read_ledgers(dir.path(), Detail::Full).unwrap();
    let period = Period::year(2025);
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        let columnar = lvzhi::country::score_parquet(dir.path(), &rules, period).unwrap();
        let from_full = lvzhi::country::score_ledgers(&full, &rules, period);
        assert_eq!(columnar, from_full, "{}", info.id);
        assert_eq!(columnar.committees.len(), 3);
        assert!(columnar.len() > 300, "{}", info.id);
    }
}
