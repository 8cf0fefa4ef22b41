//! What a rule set computes once for every evaluation under it (the
//! matchers each activity kind needs tested, `RuleSet::by_kind`) gives
//! what testing every matcher would: with more than 64 matchers (further
//! words of matcher bits), under rule sets and committees evaluated in
//! any order, and for a clone of a rule set. (Debug builds also check, per
//! activity, the matchers chosen by kind against every matcher.)

use std::collections::BTreeMap;

use lvzhi_core::{Ledger, Level};
use lvzhi_rules::{evaluate, evaluate_totals, Evaluation, Period, RuleSet};

/// Match conditions of every sort by kind: kind alone (several kinds, any
/// kind), subtypes (of `other` too), levels, proposal and report
/// conditions, research and training facts, with roles, attendance and
/// speeches.
const MATCHES: [&str; 14] = [
    r#"{ kind = "meeting", subtype = "plenary", attendance = "present" }"#,
    r#"{ kind = "meeting", subtype = ["standing_committee", "thematic_standing"] }"#,
    r#"{ kind = ["proposal", "opinion_report"] }"#,
    r#"{ kind = "proposal", role = "lead", filed = true }"#,
    r#"{ kind = "proposal", subtype = ["individual", "joint"], designation = "key" }"#,
    r#"{ kind = "opinion_report", role = "author", adopted = true }"#,
    r#"{ kind = "volunteering" }"#,
    r#"{ kind = "research", subtype = ["research", "inspection"] }"#,
    r#"{ kind = "training", off_site = true }"#,
    r#"{ kind = "other", subtype = "纪念活动" }"#,
    r#"{ kind = "other", subtype = "文史资料征集" }"#,
    r#"{ kind = "meeting", level = ["county", "city"] }"#,
    r#"{ role = "lead" }"#,
    r#"{ kind = "meeting", speech = ["plenary_oral", "other"] }"#,
];

/// A rule set of `items` items, item `i` matching `MATCHES[i % 14]` for
/// `1 + i % 14` points, in one category without a maximum.
fn rules(items: usize) -> RuleSet {
    let mut text = String::from(
        "[method]\nid = \"many\"\nname = \"多项\"\n\n[[category]]\nid = \"all\"\nname = \"全部\"\n",
    );
    for i in 0..items {
        let m = MATCHES[i % MATCHES.len()];
        let points = 1 + i % MATCHES.len();
        text += &format!(
            "\n[[item]]\nid = \"i{i}\"\nname = \"项{i}\"\ncategory = \"all\"\nmatch = {m}\npoints = {points}\n"
        );
    }
    RuleSet::from_toml_str(&text).unwrap()
}

/// A line as (member, activity, points awarded).
type Line = (String, Option<u32>, String);

/// The lines of `e` by item, as (its match: item modulo 14, its copy:
/// item divided by 13).
fn lines_by_match(e: &Evaluation) -> BTreeMap<(usize, usize), Vec<Line>> {
    let mut out: BTreeMap<(usize, usize), Vec<_>> = BTreeMap::new();
    for c in &e.scorecards {
        for l in &c.lines {
            let item = usize::from(l.item);
            let key = (item % MATCHES.len(), item / MATCHES.len());
            out.entry(key).or_default().push((c.member.to_string(), l.activity, l.awarded.to_string()));
        }
    }
    out
}

fn ledgers() -> Vec<Ledger> {
    let mut config = lvzhi_gen::Config::new(Level::County, 40, 2025, 3);
    config.intensity = 2;
    vec![lvzhi_gen::county(5).into_ledger().unwrap(), lvzhi_gen::generate(&config).into_ledger().unwrap()]
}

#[test]
fn matchers_beyond_64_match_as_the_first_14_do() {
    let (few, many) = (rules(MATCHES.len()), rules(MATCHES.len() * 6));
    for ledger in ledgers() {
        let period = Period::year(2025);
        let alone = lines_by_match(&evaluate(&ledger, &few, period));
        let together = lines_by_match(&evaluate(&ledger, &many, period));
        for (&(m, copy), lines) in &together {
            assert_eq!(Some(lines), alone.get(&(m, 0)), "match {m}, copy {copy}: {}", MATCHES[m]);
        }
        // Every condition matches something, in every copy (items 65 to 84 included).
        for (m, text) in MATCHES.iter().enumerate() {
            for copy in 0..6 {
                assert!(together.contains_key(&(m, copy)), "match {m}, copy {copy}: {text}");
            }
        }
    }
}

#[test]
fn rule_sets_and_committees_in_any_order_score_as_each_alone() {
    let ledgers = ledgers();
    let period = Period::year(2025);
    let presets = ["jinan-2015", "tongcheng-2019", "minhang"];
    // Each committee under a rule set read for it alone.
    let alone: Vec<Vec<_>> = presets
        .iter()
        .map(|p| ledgers.iter().map(|l| evaluate_totals(l, &RuleSet::preset(p).unwrap(), period)).collect())
        .collect();
    let shared: Vec<RuleSet> = presets.iter().map(|p| RuleSet::preset(p).unwrap()).collect();
    let cloned: Vec<RuleSet> = shared.to_vec();
    // Interleaved, forwards and backwards, the same rule sets evaluating
    // every committee, and clones of them.
    let mut order: Vec<(usize, usize)> =
        (0..presets.len()).flat_map(|r| (0..ledgers.len()).map(move |l| (r, l))).collect();
    for pass in 0..2 {
        for &(r, l) in &order {
            let name = (presets[r], pass);
            assert_eq!(evaluate_totals(&ledgers[l], &shared[r], period), alone[r][l], "{name:?}");
            assert_eq!(evaluate_totals(&ledgers[l], &cloned[r], period), alone[r][l], "{name:?}");
        }
        order.reverse();
        order.sort_by_key(|&(_, l)| l);
    }
    assert!(alone.iter().flatten().all(|t| t.len() > 30));
}
