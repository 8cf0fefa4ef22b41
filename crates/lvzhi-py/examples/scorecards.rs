//! Prints an evaluation as JSON, computed by the Rust library alone: what
//! `python/tests/test_parity.py` compares the Python bindings with.
//!
//! `cargo run -p lvzhi-py --example scorecards -- data/sample tongcheng-2019 2025`

use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, preset, year] = &args[..] else {
        return Err("usage: scorecards DIR PRESET YEAR".into());
    };
    let ledger = lvzhi::io::load_ledger(dir)?;
    let rules = lvzhi::rules::RuleSet::preset(preset)?;
    let evaluation = lvzhi::rules::evaluate(&ledger, &rules, lvzhi::Period::year(year.parse()?));
    println!("{}", serde_json::to_string(&evaluation)?);
    Ok(())
}
