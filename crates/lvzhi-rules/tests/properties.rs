//! Properties over generated ledgers and rule files: caps hold, more
//! activity never lowers a total, co-author shares sum exactly, results do
//! not depend on input order or thread count, ranking-only results (and
//! their columns) change no score, and no rule file panics.

mod common;

use std::collections::HashMap;

use common::{assert_consistent, assert_totals_match, d, unexplained};
use lvzhi_core::*;
use lvzhi_rules::{evaluate, evaluate_with, preset_source, EvaluateOptions, Evaluation, Period, RuleSet};
use proptest::prelude::*;
use rust_decimal::Decimal;

// ── generated ledgers ─────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct MemberSpec {
    standing: bool,
    sector: u8,
    party: Option<u8>,
    joined_month: Option<u8>,
}

#[derive(Debug, Clone)]
struct ActivitySpec {
    kind: u8,
    sub: u8,
    month: u8,
    day: u8,
    bits: u8,
    amount: u16,
    people: Vec<(u8, u8)>,
}

fn member_spec() -> impl Strategy<Value = MemberSpec> {
    (any::<bool>(), 0u8..3, proptest::option::of(0u8..3), proptest::option::weighted(0.2, 2u8..=12)).prop_map(
        |(standing, sector, party, joined_month)| MemberSpec { standing, sector, party, joined_month },
    )
}

fn activity_spec() -> impl Strategy<Value = ActivitySpec> {
    (
        0u8..10,
        any::<u8>(),
        1u8..=12,
        1u8..=28,
        any::<u8>(),
        0u16..5000,
        prop::collection::vec((any::<u8>(), any::<u8>()), 0..6),
    )
        .prop_map(|(kind, sub, month, day, bits, amount, people)| ActivitySpec {
            kind,
            sub,
            month,
            day,
            bits,
            amount,
            people,
        })
}

fn ledger_spec() -> impl Strategy<Value = (Vec<MemberSpec>, Vec<ActivitySpec>)> {
    (prop::collection::vec(member_spec(), 1..10), prop::collection::vec(activity_spec(), 0..30))
}

const SECTORS: [&str; 3] = ["教育界", "经济界", "农业界"];
const PARTIES: [&str; 3] = ["民盟", "九三学社", "无党派人士"];
const LEVELS: [Level; 4] = [Level::County, Level::City, Level::Provincial, Level::National];

fn members(specs: &[MemberSpec]) -> Vec<Member> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut m = Member::new(format!("M{i:03}"), format!("委员{i}"), SECTORS[s.sector as usize]);
            if s.standing {
                m.roles = [Role::StandingMember].into_iter().collect();
            }
            m.party = s.party.map(|p| PARTIES[p as usize].into());
            m.joined_on = s.joined_month.map(|mo| d(2024, u32::from(mo), 1));
            m
        })
        .collect()
}

/// One activity and its participations, valid for the core by construction.
fn activity(i: usize, s: &ActivitySpec, members: &[Member]) -> (Activity, Vec<ParticipationRecord>) {
    let id = format!("A{i:03}");
    let date = d(2024, u32::from(s.month), u32::from(s.day));
    let bit = |k: u8| s.bits >> k & 1 == 1;
    let levels =
        |from: u8| -> Vec<Level> { (0..4).filter(|k| bit(from + k)).map(|k| LEVELS[k as usize]).collect() };
    let detail = match s.kind {
        0 => {
            let status = [
                ProposalStatus::Submitted,
                ProposalStatus::NotFiled,
                ProposalStatus::Filed,
                ProposalStatus::Closed,
            ][(s.sub >> 2) as usize % 4];
            let form =
                [ProposalForm::Individual, ProposalForm::Joint, ProposalForm::Collective][s.sub as usize % 3];
            let mut p = common::proposal(&id, date, form, status);
            if status.is_filed() && bit(0) {
                p = common::designated(p, Designation::Key);
            }
            if status.is_filed() && bit(1) {
                p = common::designated(p, Designation::Excellent);
            }
            if bit(2) {
                p = common::forwarded(p, LEVELS[(s.sub >> 4) as usize % 4]);
            }
            p.detail
        }
        1 => ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: levels(0),
            instructed_by: levels(4),
            ..OpinionReport::default()
        }),
        2 => ActivityDetail::Meeting(Meeting {
            kind: [
                MeetingKind::Plenary,
                MeetingKind::StandingCommittee,
                MeetingKind::Forum,
                MeetingKind::SpecialCommittee,
            ][s.sub as usize % 4],
            half_days: bit(0).then_some(1 + s.bits % 4),
        }),
        3 => {
            ActivityDetail::Training(Training { kind: TrainingKind::Thematic, hours: None, off_site: bit(0) })
        }
        4 => ActivityDetail::Research(Research {
            kind: [ResearchKind::Research, ResearchKind::Inspection, ResearchKind::Appraisal]
                [s.sub as usize % 3],
            report_produced: bit(0),
        }),
        5 => ActivityDetail::Volunteering(Volunteering { hours: Some(Decimal::from(s.amount % 40)) }),
        6 => ActivityDetail::Donation(Donation {
            amount: Decimal::new(i64::from(s.amount) * 10, 1),
            in_kind: false,
        }),
        7 => ActivityDetail::Award,
        8 => ActivityDetail::DutyReport,
        _ => ActivityDetail::Other {
            subtype: ["纪念活动", "文史资料征集", "政府部门活动"][s.sub as usize % 3].into(),
        },
    };
    let mut a = Activity::new(&id, format!("活动{i}"), date, LEVELS[(s.sub >> 6) as usize % 4], detail);
    if s.kind == 7 {
        a.level = LEVELS[s.sub as usize % 4];
    }

    // Members in office on the day, each once.
    let mut people: Vec<(usize, u8)> = Vec::new();
    for &(m, x) in &s.people {
        let m = m as usize % members.len();
        if members[m].in_office_on(date) && !people.iter().any(|(p, _)| *p == m) {
            people.push((m, x));
        }
    }
    let kind = a.kind();
    let parts = people
        .iter()
        .enumerate()
        .map(|(k, &(m, x))| {
            let role = match (&a.detail, k) {
                (ActivityDetail::Proposal(p), 0)
                | (ActivityDetail::Proposal(p @ Proposal { form: ProposalForm::Collective, .. }), 1) => {
                    let _ = p;
                    ParticipantRole::Lead
                }
                (ActivityDetail::Proposal(_), _) => ParticipantRole::Cosigner,
                (ActivityDetail::OpinionReport(_), 0) => ParticipantRole::Author,
                (ActivityDetail::OpinionReport(_), _) => ParticipantRole::Coauthor,
                _ if matches!(kind, ActivityKind::Meeting | ActivityKind::Training) => {
                    ParticipantRole::Attendee
                }
                _ => ParticipantRole::Participant,
            };
            let mut r = ParticipationRecord::new(&id, &members[m].id.0, role);
            if let ActivityDetail::Meeting(meeting) = &a.detail {
                let attendance =
                    [Attendance::Present, Attendance::Present, Attendance::Excused, Attendance::Unexcused]
                        [x as usize % 4];
                r.attendance = Some(attendance);
                if attendance == Attendance::Present {
                    r.speech = [None, Some(Speech::Other), Some(Speech::PlenaryWritten), None]
                        [(x >> 2) as usize % 4];
                    r.half_days = meeting.half_days.filter(|_| x & 16 != 0).map(|h| 1 + (x >> 5) % h);
                    r.late = x & 32 != 0;
                    r.left_early = x & 64 != 0;
                }
            }
            if kind == ActivityKind::Training {
                r.attendance = Some(Attendance::Present);
                r.throughout = [None, Some(true), Some(false)].get(x as usize % 3).copied().flatten();
            }
            r
        })
        .collect::<Vec<_>>();
    // An individual proposal has its author alone.
    let parts = match &a.detail {
        ActivityDetail::Proposal(p) if p.form == ProposalForm::Individual => {
            parts.into_iter().take(1).collect()
        }
        _ => parts,
    };
    (a, parts)
}

fn batch(specs: &(Vec<MemberSpec>, Vec<ActivitySpec>)) -> Batch {
    let members = members(&specs.0);
    let mut b = Batch { members: members.clone(), ..Batch::default() };
    for (i, s) in specs.1.iter().enumerate() {
        let (a, parts) = activity(i, s, &members);
        b.activities.push(a);
        b.participations.extend(parts);
    }
    b
}

fn ledger_of(b: &Batch) -> Ledger {
    let term = Term { number: 10, start: d(2022, 1, 1), end: d(2026, 12, 31) };
    let mut ledger = Ledger::new(Committee::new("政协测试委员会", Level::County, term));
    if let Err(e) = ledger.add(b.clone()) {
        panic!("generated batch refused:\n{}", e.report());
    }
    ledger
}

// ── generated rule files ──────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct RuleSpec {
    base: u8,
    max_total: Option<u8>,
    category_max: [Option<u8>; 2],
    cap: Option<u8>,
    from_nth: u8,
    max_count: Option<u8>,
    split: u8,
    share: u8,
    points: [u16; 4],
    once: bool,
    group_per_period: bool,
    deduction: Option<(u8, u8)>,
    prorate: bool,
    decimals: u8,
}

fn rule_spec(deductions: bool) -> impl Strategy<Value = RuleSpec> {
    (
        (
            0u8..60,
            proptest::option::of(0u8..100),
            [proptest::option::of(0u8..40), proptest::option::of(0u8..40)],
        ),
        (proptest::option::of(0u8..30), 1u8..4, proptest::option::of(1u8..4), 0u8..3, 0u8..=100),
        ([1u16..2000, 1u16..2000, 1u16..2000, 1u16..2000], any::<bool>(), any::<bool>()),
        (
            proptest::option::of((1u8..40, 0u8..30))
                .prop_filter("deductions", move |x| deductions || x.is_none()),
            any::<bool>(),
            0u8..4,
        ),
    )
        .prop_map(
            |(
                (base, max_total, category_max),
                (cap, from_nth, max_count, split, share),
                (points, once, gpp),
                (deduction, prorate, decimals),
            )| RuleSpec {
                base,
                max_total,
                category_max,
                cap,
                from_nth,
                max_count,
                split,
                share,
                points,
                once,
                group_per_period: gpp,
                deduction,
                prorate,
                decimals,
            },
        )
}

fn cents(x: u16) -> Decimal {
    Decimal::new(i64::from(x), 2)
}

fn rules_text(s: &RuleSpec) -> String {
    let opt = |key: &str, v: Option<String>| v.map(|v| format!("{key} = {v}\n")).unwrap_or_default();
    let mut t = format!(
        "[method]\nid = \"generated\"\nname = \"生成的办法\"\nbase = {}\ndecimals = {}\nprorate = {}\n",
        s.base, s.decimals, s.prorate
    );
    t += &opt("max_total", s.max_total.map(|m| (u16::from(s.base) + u16::from(m)).to_string()));
    t += "cohorts = [\"committee\", \"sector\", \"party\"]\n";
    for (id, max) in [("a", s.category_max[0]), ("b", s.category_max[1])] {
        t += &format!("[[category]]\nid = \"{id}\"\nname = \"类{id}\"\n");
        t += &opt("max", max.map(|m| m.to_string()));
    }
    t += "[[category]]\nid = \"c\"\nname = \"扣分\"\n";
    if let Some((_, floor)) = s.deduction {
        t += &format!("floor = -{floor}\n");
    }
    t += &format!(
        "[[group]]\nid = \"g\"\nper = \"{}\"\n",
        if s.group_per_period { "period" } else { "activity" }
    );
    let split = ["split = \"none\"", "split = \"equal\"", "split = \"lead_share\""][s.split as usize];
    t += &format!(
        "[[item]]\nid = \"proposal\"\nname = \"提案\"\ncategory = \"a\"\nmatch = {{ kind = \"proposal\" }}\npoints = {}\n{split}\nfrom_nth = {}\n",
        cents(s.points[0]),
        s.from_nth
    );
    if s.split == 2 {
        t += &format!("lead_share = {}\n", Decimal::new(i64::from(s.share), 2));
    }
    t += &opt("cap", s.cap.map(|c| c.to_string()));
    t += &format!(
        "[[item]]\nid = \"adopted\"\nname = \"采用\"\ncategory = \"b\"\nmatch = {{ kind = \"opinion_report\" }}\nladder_on = \"adopted_by\"\nladder = {{ city = {}, national = {} }}\ngroup = \"g\"\n",
        cents(s.points[1]),
        cents(s.points[1]) * Decimal::from(3)
    );
    t += &format!(
        "[[item]]\nid = \"instructed\"\nname = \"批示\"\ncategory = \"b\"\nmatch = {{ kind = \"opinion_report\", instructed = true }}\npoints = {}\ngroup = \"g\"\n",
        cents(s.points[2])
    );
    t += &format!(
        "[[item]]\nid = \"meeting\"\nname = \"会议\"\ncategory = \"a\"\nmatch = {{ kind = \"meeting\" }}\npoints = {}\nper = \"half_day\"\n",
        cents(s.points[3])
    );
    t += &opt("max_count", s.max_count.map(|m| m.to_string()));
    t += &format!(
        "[[item]]\nid = \"research\"\nname = \"调研\"\ncategory = \"b\"\nmatch = {{ kind = \"research\" }}\npoints = 3\nper = \"{}\"\n",
        if s.once { "once" } else { "occurrence" }
    );
    t += "[[item]]\nid = \"hours\"\nname = \"志愿\"\ncategory = \"b\"\nmatch = { kind = \"volunteering\" }\npoints = 1\nper = \"hour\"\nunit = 2\n";
    t += "[[item]]\nid = \"money\"\nname = \"捐款\"\ncategory = \"a\"\nmatch = { kind = \"donation\" }\npoints = 1\nper = \"amount\"\nunit = 100\ncap = 7\n";
    t += "[[item]]\nid = \"award\"\nname = \"表彰\"\ncategory = \"b\"\nmatch = { kind = \"award\" }\nladder = { county = 1, provincial = 4 }\n";
    if let Some((points, _)) = s.deduction {
        t += &format!(
            "[[item]]\nid = \"absent\"\nname = \"缺席\"\ncategory = \"c\"\nmatch = {{ kind = \"meeting\", attendance = \"unexcused\" }}\npoints = -{points}\n"
        );
    }
    t += "[[grade]]\nid = \"top\"\nname = \"优秀\"\nmin = 40\nquota_percent = 30\n[[grade]]\nid = \"rest\"\nname = \"合格\"\nbelow = 40\n";
    t
}

fn json(e: &Evaluation) -> String {
    serde_json::to_string(e).unwrap()
}

fn presets() -> Vec<RuleSet> {
    ["tongcheng-2019", "minhang", "xuanwei", "yanbian-2022", "jinan-2015"]
        .iter()
        .map(|p| RuleSet::preset(p).unwrap())
        .collect()
}

/// Every cap and floor of the rule set holds on every scorecard.
fn assert_caps_hold(e: &Evaluation, rules: &RuleSet) {
    assert_consistent(e);
    for c in &e.scorecards {
        let mut used: HashMap<u16, Decimal> = HashMap::new();
        for l in &c.lines {
            *used.entry(l.item).or_default() += l.awarded.abs();
        }
        for (i, u) in used {
            if let Some(cap) = e.items[usize::from(i)].cap {
                assert!(u <= cap, "{}: item {} used {u} > cap {cap}", c.member, e.items[usize::from(i)].id);
            }
        }
        for cat in &c.categories {
            let info = &e.categories[usize::from(cat.category)];
            assert!(
                info.max.is_none_or(|m| cat.subtotal <= m),
                "{}: {} {} > max",
                c.member,
                info.id,
                cat.subtotal
            );
            assert!(
                info.floor.is_none_or(|f| cat.subtotal >= f),
                "{}: {} {} < floor",
                c.member,
                info.id,
                cat.subtotal
            );
        }
        let m = rules.method();
        assert!(m.max_total.is_none_or(|x| c.total <= x), "{}: total {} over max", c.member, c.total);
        assert!(m.floor.is_none_or(|x| c.total >= x), "{}: total {} under floor", c.member, c.total);
    }
}

/// Shuffles members, activities and participations, keeping each activity's
/// participants in their relative order (the order says who is lead and
/// which main members come first).
fn shuffled(b: &Batch, seed: u64) -> Batch {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    fn shuffle<T>(v: &mut [T], next: &mut impl FnMut(usize) -> usize) {
        for i in (1..v.len()).rev() {
            v.swap(i, next(i + 1));
        }
    }
    let mut out = b.clone();
    shuffle(&mut out.members, &mut next);
    shuffle(&mut out.activities, &mut next);
    // Shuffle which activity each slot belongs to; the k-th slot of an
    // activity takes its k-th participant.
    let mut slots: Vec<&ActivityId> = b.participations.iter().map(|p| &p.activity_id).collect();
    shuffle(&mut slots, &mut next);
    let mut by_activity: HashMap<&ActivityId, Vec<&ParticipationRecord>> = HashMap::new();
    for p in &b.participations {
        by_activity.entry(&p.activity_id).or_default().push(p);
    }
    let mut taken: HashMap<&ActivityId, usize> = HashMap::new();
    out.participations = slots
        .into_iter()
        .map(|a| {
            let k = taken.entry(a).or_default();
            *k += 1;
            by_activity[a][*k - 1].clone()
        })
        .collect();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn caps_and_floors_are_never_exceeded(spec in ledger_spec(), rules in rule_spec(true)) {
        let ledger = ledger_of(&batch(&spec));
        let generated = RuleSet::from_toml_str(&rules_text(&rules)).unwrap();
        assert_caps_hold(&evaluate(&ledger, &generated, Period::year(2024)), &generated);
        for preset in presets() {
            assert_caps_hold(&evaluate(&ledger, &preset, Period::year(2024)), &preset);
        }
    }

    #[test]
    fn another_activity_never_lowers_a_total(spec in ledger_spec(), extra in activity_spec(), rules in rule_spec(false)) {
        let rules = RuleSet::from_toml_str(&rules_text(&rules)).unwrap();
        let before_batch = batch(&spec);
        let before = evaluate(&ledger_of(&before_batch), &rules, Period::year(2024));
        let mut after_batch = before_batch.clone();
        let (mut a, parts) = activity(spec.1.len(), &extra, &after_batch.members);
        a.id = ActivityId("EXTRA".into());
        after_batch.activities.push(a);
        after_batch.participations.extend(parts.into_iter().map(|mut p| { p.activity_id = "EXTRA".into(); p }));
        let after = evaluate(&ledger_of(&after_batch), &rules, Period::year(2024));
        for c in &before.scorecards {
            let later = after.scorecard(&c.member).unwrap();
            prop_assert!(later.total >= c.total, "{}: {} → {}", c.member, c.total, later.total);
        }
    }

    #[test]
    fn co_author_shares_sum_exactly(
        spec in ledger_spec(),
        points in 1i64..100_000,
        share in 0u32..=100,
        equal in any::<bool>(),
        decimals in 0u32..4,
    ) {
        let split = if equal { "split = \"equal\"".to_string() } else { format!("split = \"lead_share\"\nlead_share = {}", Decimal::new(i64::from(share), 2)) };
        let whole = Decimal::new(points, 2);
        let text = format!(
            "[method]\nid = \"s\"\nname = \"分成\"\ndecimals = {decimals}\n[[category]]\nid = \"p\"\nname = \"提案\"\n[[item]]\nid = \"p\"\nname = \"提案\"\ncategory = \"p\"\nmatch = {{ kind = [\"proposal\", \"opinion_report\"] }}\npoints = {whole}\n{split}\n"
        );
        let rules = RuleSet::from_toml_str(&text).unwrap();
        let ledger = ledger_of(&batch(&spec));
        let e = evaluate(&ledger, &rules, Period::year(2024));
        let mut sums: HashMap<u32, Decimal> = HashMap::new();
        for c in &e.scorecards {
            for l in &c.lines {
                *sums.entry(l.activity.unwrap()).or_default() += l.raw;
            }
        }
        for (a, sum) in sums {
            prop_assert_eq!(sum, whole, "activity {}", e.activities[a as usize]);
        }
    }

    #[test]
    fn output_does_not_depend_on_input_order(spec in ledger_spec(), rules in rule_spec(true), seed in any::<u64>()) {
        let b = batch(&spec);
        let (one, two) = (ledger_of(&b), ledger_of(&shuffled(&b, seed)));
        let mut sets = presets();
        sets.push(RuleSet::from_toml_str(&rules_text(&rules)).unwrap());
        for rules in &sets {
            let period = Period::year(2024);
            prop_assert_eq!(json(&evaluate(&one, rules, period)), json(&evaluate(&two, rules, period)));
        }
    }

    #[test]
    fn output_does_not_depend_on_thread_count(spec in ledger_spec(), rules in rule_spec(true)) {
        let ledger = ledger_of(&batch(&spec));
        let rules = RuleSet::from_toml_str(&rules_text(&rules)).unwrap();
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| json(&evaluate(&ledger, &rules, Period::year(2024))))
        };
        prop_assert_eq!(run(1), run(2));
    }

    #[test]
    fn ranking_only_changes_no_score(spec in ledger_spec(), rules in rule_spec(true)) {
        let ledger = ledger_of(&batch(&spec));
        let mut sets = presets();
        sets.push(RuleSet::from_toml_str(&rules_text(&rules)).unwrap());
        for rules in &sets {
            let period = Period::year(2024);
            let explained = evaluate(&ledger, rules, period);
            let ranked = evaluate_with(&ledger, rules, period, &[], &EvaluateOptions::ranking_only());
            prop_assert_eq!(unexplained(&explained), ranked);
            // And the columns of `evaluate_totals` are those scorecards'.
            assert_totals_match(&ledger, rules, period);
        }
    }

    #[test]
    fn garbage_never_panics(text in "\\PC{0,300}") {
        let _ = RuleSet::from_toml_str(&text);
        let _ = RuleSet::check_toml_str(&text);
    }

    #[test]
    fn mutated_presets_never_panic(
        preset in 0usize..5,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, "[-=\\[\\]{}\"#,.0-9a-z_ 一\\n]{0,3}"), 1..4),
        spec in ledger_spec(),
    ) {
        let id = ["tongcheng-2019", "minhang", "xuanwei", "yanbian-2022", "jinan-2015"][preset];
        let mut text: Vec<char> = preset_source(id).unwrap().chars().collect();
        for (at, op, piece) in edits {
            let i = at.index(text.len() + 1);
            let piece: Vec<char> = piece.chars().collect();
            match op {
                0 => { text.splice(i..i, piece); }
                1 => { let end = (i + piece.len().max(1)).min(text.len()); text.splice(i..end, []); }
                _ => { let end = (i + piece.len()).min(text.len()); text.splice(i..end, piece); }
            }
        }
        let text: String = text.into_iter().collect();
        if let Ok(rules) = RuleSet::from_toml_str(&text) {
            let ledger = ledger_of(&batch(&spec));
            assert_consistent(&evaluate(&ledger, &rules, Period::year(2024)));
        }
    }
}

#[test]
fn generated_ledgers_exercise_the_rules() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner =
        TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let rules = presets();
    let (mut lines, mut adjusted, mut flagged, mut participations) = (0, 0, 0, 0);
    for _ in 0..20 {
        let spec = ledger_spec().new_tree(&mut runner).unwrap().current();
        let b = batch(&spec);
        participations += b.participations.len();
        let ledger = ledger_of(&b);
        for r in &rules {
            let e = evaluate(&ledger, r, Period::year(2024));
            lines += e.scorecards.iter().map(|c| c.lines.len()).sum::<usize>();
            adjusted +=
                e.scorecards.iter().flat_map(|c| &c.lines).filter(|l| !l.adjustments.is_empty()).count();
            flagged += e.flag_counts.iter().sum::<u32>();
        }
    }
    // Twenty generated ledgers give hundreds of participations, and the
    // presets score, adjust and flag many of them.
    assert!(participations > 200, "{participations}");
    assert!(lines > 300 && adjusted > 30 && flagged > 20, "{lines} {adjusted} {flagged}");
}

#[test]
fn shuffling_keeps_each_activitys_order() {
    let b = Batch {
        participations: ["A", "B", "A", "C", "A", "B"]
            .iter()
            .zip(["1", "2", "3", "4", "5", "6"])
            .map(|(a, m)| ParticipationRecord::new(a, m, ParticipantRole::Cosigner))
            .collect(),
        ..Batch::default()
    };
    let mut changed = false;
    for seed in 1..20 {
        let s = shuffled(&b, seed);
        let of = |x: &Batch, a: &str| -> Vec<String> {
            x.participations
                .iter()
                .filter(|p| p.activity_id.0 == a)
                .map(|p| p.member_id.to_string())
                .collect()
        };
        for a in ["A", "B", "C"] {
            assert_eq!(of(&s, a), of(&b, a));
        }
        changed |= s.participations != b.participations;
    }
    assert!(changed);
}

#[test]
fn generated_rules_are_valid() {
    let spec = RuleSpec {
        base: 10,
        max_total: Some(50),
        category_max: [Some(20), None],
        cap: Some(5),
        from_nth: 2,
        max_count: Some(3),
        split: 2,
        share: 50,
        points: [1000, 200, 300, 150],
        once: true,
        group_per_period: true,
        deduction: Some((5, 10)),
        prorate: true,
        decimals: 2,
    };
    let rules = RuleSet::from_toml_str(&rules_text(&spec)).unwrap();
    assert_eq!(rules.items().len(), 9);
    assert_eq!(rules.method().max_total, Some(Decimal::from(60)));
}
