//! A ranking-only evaluation gives every score of an explained one.

mod common;

use common::{assert_consistent, unexplained};
use lvzhi_core::{Ledger, Level};
use lvzhi_rules::{evaluate_term, evaluate_with, presets, EvaluateOptions, Evaluation, Period, RuleSet};

fn generated(level: Level, members: u32, seed: u64, intensity: u32) -> Ledger {
    let mut config = lvzhi_gen::Config::new(level, members, 2025, seed);
    config.intensity = intensity;
    lvzhi_gen::generate(&config).into_ledger().unwrap()
}

fn ledgers() -> Vec<Ledger> {
    vec![
        lvzhi_gen::county(1).into_ledger().unwrap(),
        generated(Level::County, 150, 7, 3),
        generated(Level::City, 300, 11, 1),
        generated(Level::Provincial, 400, 13, 2),
    ]
}

fn lean(ledger: &Ledger, rules: &RuleSet, period: Period, history: &[Evaluation]) -> Evaluation {
    evaluate_with(ledger, rules, period, history, &EvaluateOptions::ranking_only())
}

fn full(ledger: &Ledger, rules: &RuleSet, period: Period, history: &[Evaluation]) -> Evaluation {
    evaluate_with(ledger, rules, period, history, &EvaluateOptions::default())
}

#[test]
fn the_default_explains() {
    assert!(EvaluateOptions::default().explains());
    assert!(!EvaluateOptions::ranking_only().explains());
    assert_eq!(EvaluateOptions::default().explain(false), EvaluateOptions::ranking_only());
}

#[test]
fn ranking_only_gives_the_same_scores_on_every_preset() {
    let ledgers = ledgers();
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        for ledger in &ledgers {
            let period = Period::year(2025);
            let explained = full(ledger, &rules, period, &[]);
            assert_eq!(explained, lvzhi_rules::evaluate(ledger, &rules, period), "{}", info.id);
            let ranked = lean(ledger, &rules, period, &[]);
            assert_consistent(&explained);
            assert!(ranked.scorecards.iter().all(|c| c.lines.is_empty() && c.grade_changes.is_empty()));
            assert!(ranked.activities.is_empty());
            // Same totals, subtotals, requirements, flags, bands, grades and
            // ranks, member for member, and the same counts.
            assert_eq!(unexplained(&explained), ranked, "{}", info.id);
        }
    }
}

#[test]
fn ranking_only_gives_the_same_scores_with_history() {
    // 2024 has no activities: requirements go unmet, and flags over two
    // consecutive periods (jinan-2015, xuanwei) look back on it.
    let ledger = generated(Level::County, 200, 3, 2);
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        let periods = [Period::year(2024), Period::year(2025)];
        let explained = evaluate_term(&ledger, &rules, &periods).unwrap();
        let earlier = lean(&ledger, &rules, periods[0], &[]);
        assert_eq!(unexplained(&explained[0]), earlier, "{}", info.id);
        // Either kind of history gives the same flags.
        for history in [&explained[..1], std::slice::from_ref(&earlier)] {
            assert_eq!(unexplained(&explained[1]), lean(&ledger, &rules, periods[1], history), "{}", info.id);
            assert_eq!(explained[1], full(&ledger, &rules, periods[1], history), "{}", info.id);
        }
    }
}
