//! `RuleSet::participation_fields`: what a rule set reads of a
//! participation's optional facts, so that a national reader can leave the
//! rest out. Leaving them out must not change a single score.

use lvzhi_core::{Ledger, ParticipationFields, Period};
use lvzhi_rules::{evaluate, presets, RuleSet};

/// A one-item rule set whose item matches `condition`, counted `per`.
fn one_item(condition: &str, per: &str) -> RuleSet {
    let text = format!(
        r#"
[method]
id = "fields"
name = "字段测试"

[[category]]
id = "all"
name = "全部"

[[item]]
id = "it"
name = "一项"
category = "all"
match = {{ kind = "meeting"{condition} }}
points = 1
per = "{per}"
"#
    );
    RuleSet::from_toml_str(&text).unwrap()
}

#[test]
fn each_condition_reads_its_fact_and_nothing_else() {
    let none = ParticipationFields::NONE;
    let cases = [
        ("", "occurrence", none),
        (", attendance = \"present\"", "occurrence", none),
        (", spoke = true", "occurrence", ParticipationFields { speech: true, ..none }),
        (", late = true", "occurrence", ParticipationFields { late: true, ..none }),
        (", left_early = false", "occurrence", ParticipationFields { left_early: true, ..none }),
        (", throughout = true", "occurrence", ParticipationFields { throughout: true, ..none }),
        (
            ", attended_fraction_at_least = 0.67",
            "occurrence",
            ParticipationFields { half_days: true, ..none },
        ),
        (", attended_fraction_below = 0.5", "occurrence", ParticipationFields { half_days: true, ..none }),
        ("", "half_day", ParticipationFields { half_days: true, ..none }),
    ];
    for (condition, per, want) in cases {
        assert_eq!(one_item(condition, per).participation_fields(), want, "{condition} per {per}");
    }
}

/// `ledger` with the participation facts outside `fields` emptied, as a
/// reader that skips those columns builds it.
fn without(ledger: &Ledger, fields: ParticipationFields) -> Ledger {
    emptied(ledger, fields, fields)
}

/// `ledger` with the facts outside `fields` emptied, saying it holds `declared`.
fn emptied(ledger: &Ledger, fields: ParticipationFields, declared: ParticipationFields) -> Ledger {
    let mut batch = ledger.to_batch();
    for p in &mut batch.participations {
        if !fields.speech {
            p.speech = None;
        }
        if !fields.half_days {
            p.half_days = None;
        }
        if !fields.late {
            p.late = false;
        }
        if !fields.left_early {
            p.left_early = false;
        }
        if !fields.throughout {
            p.throughout = None;
        }
    }
    let mut out = Ledger::for_scoring_with(ledger.committee().clone(), declared);
    out.add(batch).unwrap();
    out
}

#[test]
fn every_preset_scores_the_same_without_the_facts_it_does_not_read() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let period = Period::year(2025);
    let mut skipped_any = false;
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        let fields = rules.participation_fields();
        skipped_any |= fields != ParticipationFields::ALL;
        let lean = without(&ledger, fields);
        assert_eq!(lean.participation_fields(), fields);
        let (full, lean) = (evaluate(&ledger, &rules, period), evaluate(&lean, &rules, period));
        assert_eq!(full.scorecards.len(), lean.scorecards.len(), "{}", info.id);
        for (a, b) in full.scorecards.iter().zip(&lean.scorecards) {
            assert_eq!((&a.member, a.total, a.grade), (&b.member, b.total, b.grade), "{}", info.id);
            let subtotals =
                |c: &lvzhi_rules::Scorecard| c.categories.iter().map(|x| x.subtotal).collect::<Vec<_>>();
            assert_eq!(subtotals(a), subtotals(b), "{} {}", info.id, a.member);
        }
    }
    assert!(skipped_any, "some preset reads less than every fact");
}

#[test]
fn a_rule_set_reading_a_fact_scores_differently_without_it() {
    // The converse: the facts a rule set reads do change its scores, so
    // the test above would notice a fact wrongly left out.
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let rules = one_item(", spoke = true", "occurrence");
    assert!(rules.participation_fields().speech);
    let period = Period::year(2025);
    let total = |l: &Ledger| {
        evaluate(l, &rules, period).scorecards.iter().map(|c| c.total).sum::<rust_decimal::Decimal>()
    };
    assert!(total(&ledger) > rust_decimal::Decimal::ZERO, "the sample has speeches");
    // (A ledger saying so would be refused: see the next test.)
    let no_speech = ParticipationFields { speech: false, ..ParticipationFields::ALL };
    let lean = emptied(&ledger, no_speech, ParticipationFields::ALL);
    assert_eq!(total(&lean), rust_decimal::Decimal::ZERO);
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "reads")]
fn a_ledger_without_a_fact_the_rules_read_is_refused_in_debug_builds() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let lean = without(&ledger, ParticipationFields::NONE);
    evaluate(&lean, &one_item(", spoke = true", "occurrence"), Period::year(2025));
}
