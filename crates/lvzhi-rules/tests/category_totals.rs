//! Unexplained evaluations add up a category's lines as integers and cap
//! the sums (`category_totals` in the engine), and count the matches of
//! items whose every match is worth the same instead of making lines of
//! them (their `from_nth`, `max_count` and item cap then applied to the
//! count); explained evaluations apply those rules and cap line by line
//! in decimals.
//! Both must give the same subtotals, totals and everything after them,
//! whatever the points' scales, signs, caps and floors, including when
//! the sums are too large for the integers and the line-by-line path is
//! taken unexplained too.

mod common;

use std::sync::OnceLock;

use common::unexplained;
use lvzhi_core::{Ledger, Level};
use lvzhi_rules::{evaluate, evaluate_with, EvaluateOptions, Period, RuleSet, Why};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Two generated county committees: a year of every kind of activity.
fn ledgers() -> &'static [Ledger] {
    static LEDGERS: OnceLock<Vec<Ledger>> = OnceLock::new();
    LEDGERS.get_or_init(|| {
        [(3, 1), (5, 3)]
            .into_iter()
            .map(|(seed, intensity)| {
                let mut config = lvzhi_gen::Config::new(Level::County, 40, 2025, seed);
                config.intensity = intensity;
                lvzhi_gen::generate(&config).into_ledger().unwrap()
            })
            .collect()
    })
}

/// Points of one scale: mostly a few decimals, sometimes the 28 places
/// that push sums beyond what the integer path takes.
fn points() -> impl Strategy<Value = Decimal> {
    (1i64..3000, prop_oneof![4 => 0u32..4, 1 => Just(28u32)]).prop_map(|(m, scale)| Decimal::new(m, scale))
}

#[derive(Debug, Clone)]
struct Category {
    floor: Option<u16>,
    max: Option<u16>,
    /// Base as a share of the room between floor (or 0) and max (or +50).
    base: u8,
}

fn category() -> impl Strategy<Value = Category> {
    (proptest::option::of(0u16..40), proptest::option::of(0u16..60), 0u8..=100)
        .prop_map(|(floor, max, base)| Category { floor, max, base })
}

fn category_text(id: &str, c: &Category) -> String {
    let low = -i64::from(c.floor.unwrap_or(0));
    let high = c.max.map_or(50, i64::from);
    let base = Decimal::from(low) + Decimal::from(high - low) * Decimal::new(i64::from(c.base), 2);
    let mut t = format!("[[category]]\nid = \"{id}\"\nname = \"类{id}\"\nbase = {base}\n");
    if let Some(f) = c.floor {
        t += &format!("floor = -{f}\n");
    }
    if let Some(m) = c.max {
        t += &format!("max = {m}\n");
    }
    t
}

/// An item whose matches are dropped or cut by counting rules and a cap:
/// `from_nth`, `max_count` and the cap in tenths of a point (so that its
/// scale may be above the points').
#[derive(Debug, Clone, Copy)]
struct Counting {
    from_nth: u8,
    max_count: Option<u8>,
    cap_tenths: Option<u16>,
    negative: bool,
}

fn counting() -> impl Strategy<Value = Counting> {
    (1u8..5, proptest::option::of(1u8..6), proptest::option::of(0u16..200), any::<bool>()).prop_map(
        |(from_nth, max_count, cap_tenths, negative)| Counting { from_nth, max_count, cap_tenths, negative },
    )
}

fn rules_text(
    cats: &[Category; 2],
    p: &[Decimal; 6],
    cap: Option<u8>,
    max_total: Option<u8>,
    counting: Option<Counting>,
) -> String {
    let mut t = "[method]\nid = \"totals\"\nname = \"分类合计\"\nbase = 0\ndecimals = 2\n".to_string();
    if let Some(m) = max_total {
        t += &format!("max_total = {m}\n");
    }
    t += &category_text("a", &cats[0]);
    t += &category_text("b", &cats[1]);
    let item = |id: &str, cat: &str, m: &str, points: String, extra: &str| {
        format!("[[item]]\nid = \"{id}\"\nname = \"{id}\"\ncategory = \"{cat}\"\nmatch = {m}\npoints = {points}\n{extra}")
    };
    // Counted: fixed points per occurrence, nothing else.
    t += &item("training", "a", "{ kind = \"training\" }", p[0].to_string(), "");
    t += &item("research", "a", "{ kind = \"research\" }", p[1].to_string(), "");
    t += &item("absent", "a", "{ kind = \"meeting\", attendance = \"unexcused\" }", format!("-{}", p[2]), "");
    t += &item("meeting", "b", "{ kind = \"meeting\" }", format!("-{}", p[3]), "");
    // Lines: per half-day, shared, capped.
    t += &item("half_days", "b", "{ kind = \"meeting\" }", p[4].to_string(), "per = \"half_day\"\n");
    t += &item(
        "proposal",
        "b",
        "{ kind = \"proposal\" }",
        p[5].to_string(),
        "split = \"lead_share\"\nlead_share = 0.5\n",
    );
    if let Some(c) = cap {
        t += &item("volunteering", "a", "{ kind = \"volunteering\" }", "3".into(), &format!("cap = {c}\n"));
    }
    if let Some(c) = counting {
        let mut extra = format!("from_nth = {}\n", c.from_nth);
        if let Some(n) = c.max_count {
            extra += &format!("max_count = {n}\n");
        }
        if let Some(tenths) = c.cap_tenths {
            extra += &format!("cap = {}\n", Decimal::new(i64::from(tenths), 1));
        }
        let points = if c.negative { format!("-{}", p[1]) } else { p[0].to_string() };
        t += &item("liaison", "b", "{ kind = \"liaison\" }", points, &extra);
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn integer_totals_match_line_by_line_caps(
        cats in [category(), category()],
        p in [points(), points(), points(), points(), points(), points()],
        cap in proptest::option::of(0u8..20),
        max_total in proptest::option::of(0u8..120),
        counting in proptest::option::of(counting()),
    ) {
        let text = rules_text(&cats, &p, cap, max_total, counting);
        let rules = RuleSet::from_toml_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        for ledger in ledgers() {
            let period = Period::year(2025);
            let explained = evaluate(ledger, &rules, period);
            let ranked = evaluate_with(ledger, &rules, period, &[], &EvaluateOptions::ranking_only());
            prop_assert_eq!(unexplained(&explained), ranked, "{}", text);
        }
    }
}

#[test]
fn sums_beyond_the_integers_are_capped_line_by_line() {
    // 28 decimal places against a maximum of 60: 60 × 10^28 is beyond
    // 2^96, so every member's categories take the decimal path.
    let tiny = Decimal::new(1, 28);
    let cats = [
        Category { floor: Some(10), max: Some(60), base: 50 },
        Category { floor: None, max: Some(5), base: 0 },
    ];
    let text = rules_text(
        &cats,
        &[tiny, Decimal::from(7), tiny, tiny, Decimal::new(15, 1), tiny],
        Some(5),
        None,
        None,
    );
    let rules = RuleSet::from_toml_str(&text).unwrap();
    for ledger in ledgers() {
        let explained = evaluate(ledger, &rules, Period::year(2025));
        let ranked = evaluate_with(ledger, &rules, Period::year(2025), &[], &EvaluateOptions::ranking_only());
        assert_eq!(unexplained(&explained), ranked);
        // Research (7 each) fills category a to its maximum for someone.
        assert!(ranked.scorecards.iter().any(|c| c.categories[0].subtotal == Decimal::from(60)));
    }
}

#[test]
fn counted_matches_are_dropped_and_cut_as_lines_are() {
    // Each rule binds for some member (checked on the explained lines), so
    // a count that ignored it would give another total.
    let cats = [Category { floor: None, max: None, base: 0 }, Category { floor: None, max: None, base: 50 }];
    let p = [Decimal::new(15, 1), Decimal::from(2), Decimal::ONE, Decimal::ONE, Decimal::ONE, Decimal::ONE];
    let cases = [
        (Counting { from_nth: 3, max_count: None, cap_tenths: None, negative: false }, "from_nth"),
        (Counting { from_nth: 1, max_count: Some(2), cap_tenths: None, negative: true }, "max_count"),
        (Counting { from_nth: 2, max_count: None, cap_tenths: Some(45), negative: false }, "cap"),
        (Counting { from_nth: 1, max_count: Some(4), cap_tenths: Some(35), negative: true }, "cap"),
    ];
    let by = |why: &Why, rule: &str| match why {
        Why::FromNth { .. } => rule == "from_nth",
        Why::MaxCount { .. } => rule == "max_count",
        Why::ItemCap { .. } => rule == "cap",
        _ => false,
    };
    for (counting, why) in cases {
        let text = rules_text(&cats, &p, None, None, Some(counting));
        let rules = RuleSet::from_toml_str(&text).unwrap();
        let liaison = rules.items().iter().position(|i| i.id == "liaison").unwrap();
        for ledger in ledgers() {
            let explained = evaluate(ledger, &rules, Period::year(2025));
            let ranked =
                evaluate_with(ledger, &rules, Period::year(2025), &[], &EvaluateOptions::ranking_only());
            assert_eq!(unexplained(&explained), ranked, "{counting:?}");
            let binds = explained
                .scorecards
                .iter()
                .flat_map(|c| &c.lines)
                .any(|l| usize::from(l.item) == liaison && l.adjustments.iter().any(|a| by(&a.why, why)));
            assert!(binds, "{counting:?}: no liaison line dropped or cut by {why}");
        }
    }
}
