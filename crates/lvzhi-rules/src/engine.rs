//! The evaluation: one parallel pass over members, each over its own
//! participations, followed by the steps that compare members (grades,
//! quotas, ranks).
//!
//! Before the pass every activity is tested once against the activity-level
//! conditions of the matchers of its kind, giving a bit set per activity,
//! kept with the activity's day numbers in a packed table; per
//! participation one test of that table skips activities no matcher wants,
//! and only the bits set are looked at, with enum comparisons. The same
//! pass serves explained and ranking-only evaluations: explanations are
//! recorded or not at the few places they are made.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use lvzhi_core::vocab::normalize;
use lvzhi_core::{
    Activity, ActivityDetail, ActivityId, ActivityIx, ActivityKind, Attendance, Ledger, Member, MemberIx,
    ParticipantRole, Participation, Speech, Vocabulary,
};
use rayon::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use rustc_hash::FxHashMap;

use crate::book::RuleSource;
use crate::error::RuleError;
use crate::matcher::has;
use crate::options::EvaluateOptions;
use crate::result::{
    Adjustment, CategoryScore, CohortRank, Evaluation, GradeChange, GradeWhy, LineItem, RequirementResult,
    Scorecard, Totals, Why,
};
use crate::ruleset::{Condition, FlagRule, Points, RuleSet, Split, Use};
use crate::vocab::{Cohort, GroupPer, LadderOn, Over, Per};
use lvzhi_core::Period;

/// Evaluates every member in office during `period` under `rules`.
///
/// Deterministic: the same ledger contents give the same (serialised)
/// evaluation whatever the order records were added in and whatever the
/// number of threads. Uses rayon's current pool.
pub fn evaluate(ledger: &Ledger, rules: &RuleSet, period: Period) -> Evaluation {
    evaluate_with_history(ledger, rules, period, &[])
}

/// Like [`evaluate`], with the evaluations of earlier periods that flags
/// over several periods (`consecutive`, `times`) look back on.
pub fn evaluate_with_history(
    ledger: &Ledger,
    rules: &RuleSet,
    period: Period,
    history: &[Evaluation],
) -> Evaluation {
    evaluate_with(ledger, rules, period, history, &EvaluateOptions::default())
}

/// Like [`evaluate_with_history`], building what `options` ask for: with
/// explanations off ([`EvaluateOptions::ranking_only`]) scorecards carry
/// the same totals, subtotals, requirements, flags, grades and ranks
/// without line items (see [`EvaluateOptions`]), and the pass allocates
/// little per member.
///
/// A ledger read for one rule set (`Ledger::for_scoring_with`) must hold
/// every optional fact of participations and activities `rules` reads
/// ([`RuleSet::fields`]); debug builds check it.
pub fn evaluate_with(
    ledger: &Ledger,
    rules: &RuleSet,
    period: Period,
    history: &[Evaluation],
    options: &EvaluateOptions,
) -> Evaluation {
    check_fields(ledger, rules);
    Context::new(ledger, rules, period, history, options.explains()).run()
}

/// What a ranking needs of [`evaluate_with`]'s ranking-only evaluation
/// (no history), as columns: per member in office during `period`, in
/// the order of [`Evaluation::scorecards`] (member id), the member's
/// index in `ledger`, total, category subtotals and grade, all equal to
/// the scorecards'.
///
/// The same pass over members and the same grading (requirements and the
/// flags grades are refused for included); no scorecard is built per
/// member, and no cohort ranks, flags raised after grading, counts or
/// copies of the rule set's tables (read them from `rules`). A national
/// ranking (`lvzhi::country`) evaluates thousands of committees and keeps
/// their results until all are ranked: this is what it keeps.
pub fn evaluate_totals(ledger: &Ledger, rules: &RuleSet, period: Period) -> Totals {
    check_fields(ledger, rules);
    Context::new(ledger, rules, period, &[], false).for_totals().run_totals()
}

/// A ledger read for one rule set (`Ledger::for_scoring_with`) must hold
/// every optional fact of participations and activities the rules read
/// ([`RuleSet::fields`]) and the participations of every activity they
/// read those of ([`RuleSet::reads_participations_in`]); debug builds
/// check it.
fn check_fields(ledger: &Ledger, rules: &RuleSet) {
    debug_assert!(
        ledger.fields().contains(rules.fields()),
        "the ledger holds {:?}, rule set {} reads {:?}",
        ledger.fields(),
        rules.id(),
        rules.fields()
    );
    debug_assert!(
        ledger.holds_all_participations()
            || ledger.activities().iter().enumerate().all(|(i, a)| {
                ledger.holds_participations_of(lvzhi_core::ActivityIx(i as u32))
                    || !rules.reads_participations_in(a)
            }),
        "the ledger leaves out participations rule set {} reads",
        rules.id()
    );
}

/// Evaluates `periods` in order, each under the rule set in force for it,
/// each period's flags seeing the results of the periods before it.
pub fn evaluate_term<R: RuleSource + ?Sized>(
    ledger: &Ledger,
    rules: &R,
    periods: &[Period],
) -> Result<Vec<Evaluation>, RuleError> {
    let mut out: Vec<Evaluation> = Vec::with_capacity(periods.len());
    for &period in periods {
        let set = rules.rules_for(&period).ok_or(RuleError::NoRuleSet { period })?;
        let evaluation = evaluate_with_history(ledger, set, period, &out);
        out.push(evaluation);
    }
    Ok(out)
}

/// Rounds toward zero to `dp` places: the one rounding rule of the engine.
pub(crate) fn truncate(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::ToZero)
}

/// The shares of an item's points among credited participants. The
/// participant called `first` (the first lead, or the first credited when
/// there is no lead) takes what truncation leaves, so that
/// `first + lead × (leads − 1) + other × others = whole` exactly (with
/// `leads` counting the first when there are leads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shares {
    pub first: Decimal,
    pub lead: Decimal,
    pub other: Decimal,
}

pub(crate) fn split_shares(whole: Decimal, split: Split, leads: u32, others: u32, dp: u32) -> Shares {
    let equal = |k: u32| {
        let each = truncate(whole.checked_div(Decimal::from(k.max(1))).unwrap_or_default(), dp);
        Shares {
            first: whole.saturating_sub(each.saturating_mul(Decimal::from(k.max(1) - 1))),
            lead: each,
            other: each,
        }
    };
    match split {
        Split::None => Shares { first: whole, lead: whole, other: whole },
        Split::Equal => equal(leads + others),
        Split::LeadShare(_) if leads == 0 || others == 0 => equal(leads + others),
        Split::LeadShare(share) => {
            let rest = whole.saturating_mul(Decimal::ONE - share);
            let other = truncate(rest.checked_div(Decimal::from(others)).unwrap_or_default(), dp);
            let lead_part = whole.saturating_sub(other.saturating_mul(Decimal::from(others)));
            let lead = truncate(lead_part.checked_div(Decimal::from(leads)).unwrap_or_default(), dp);
            Shares {
                first: lead_part.saturating_sub(lead.saturating_mul(Decimal::from(leads - 1))),
                lead,
                other,
            }
        }
    }
}

fn is_lead(role: ParticipantRole) -> bool {
    matches!(role, ParticipantRole::Lead | ParticipantRole::Author)
}

/// The fewest activities or members a parallel pass hands one task (fewer
/// in unit tests, so that their small ledgers are split too).
const PAR_MIN: usize = if cfg!(test) { 512 } else { 4096 };

/// Members scored into one output buffer (`Context::each_member`): few
/// enough that a committee of a few hundred is still shared among threads.
const CHUNK: u32 = 64;

/// A date as a day number, so that the pass compares integers.
fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The days a member held office, as day numbers (open ends as the
/// extremes), to test activities without `Member::days_in_office`.
#[derive(Debug, Clone, Copy)]
struct Office {
    from: i32,
    to: i32,
}

impl Office {
    fn of(member: &Member) -> Office {
        Office { from: member.joined_on.map_or(i32::MIN, day), to: member.left_on.map_or(i32::MAX, day) }
    }

    /// Whether the member held office on every day of `[start, end]`: then
    /// on the first day of every activity dated within it, and
    /// [`Office::overlaps`] need not read the activity.
    fn covers(self, start: NaiveDate, end: NaiveDate) -> bool {
        self.from <= day(start) && day(end) <= self.to
    }

    /// Whether the member held office on some day of the activity: the
    /// same test as `member.days_in_office(a.date, a.last_day()).is_some()`.
    fn overlaps(self, a: &Activity) -> bool {
        let first = day(a.date);
        // `a.last_day()`, converted only when it is not the first day.
        let last = a.end_date.map_or(first, day);
        self.from.max(first) <= self.to.min(last)
    }
}

/// A vocabulary's optional values: none, then each in order.
fn optional<V: Vocabulary>() -> impl Iterator<Item = Option<V>> + Clone {
    std::iter::once(None).chain(V::ALL.iter().copied().map(Some))
}

/// Where a participant's part (role, attendance, speech) is in
/// `Context::accepts`, in units of `words`.
fn accepts_at(p: &Participation) -> usize {
    let at = |v: Option<usize>| v.map_or(0, |v| v + 1);
    let (attendances, speeches) = (Attendance::ALL.len() + 1, Speech::ALL.len() + 1);
    (p.role as usize * attendances + at(p.attendance.map(|a| a as usize))) * speeches
        + at(p.speech.map(|s| s as usize))
}

/// `Context::accepts`: per part, at `accepts_at`, the bits of the
/// matchers whose conditions on it it meets.
fn accepts(rules: &RuleSet, words: usize) -> Vec<u64> {
    let parts = ParticipantRole::ALL.len() * (Attendance::ALL.len() + 1) * (Speech::ALL.len() + 1);
    let mut out = vec![0u64; parts * words];
    for &role in ParticipantRole::ALL {
        for attendance in optional::<Attendance>() {
            for speech in optional::<Speech>() {
                let mut p = Participation::new(ActivityIx(0), MemberIx(0), role);
                (p.attendance, p.speech) = (attendance, speech);
                let row = &mut out[accepts_at(&p) * words..][..words];
                for (j, m) in rules.matchers.iter().enumerate() {
                    if m.part_ok(role, attendance, speech) {
                        row[j / 64] |= 1 << (j % 64);
                    }
                }
            }
        }
    }
    out
}

/// The participations of a member's slice dated within `[start, end]`;
/// the slice is in date order.
///
/// The ends are tested first: usually the ledger holds the period and no
/// more, and a binary search would cost a few dependent cache misses per
/// member (the slices are read once, from memory, in a national run).
/// Dates are read from the activities, not the activity table: its rows
/// of activities no matcher names have no days.
fn window<'l>(
    ledger: &Ledger,
    parts: &'l [Participation],
    start: NaiveDate,
    end: NaiveDate,
) -> &'l [Participation] {
    let date = |p: &Participation| ledger.activity(p.activity).date;
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else { return parts };
    let lo = if date(first) >= start { 0 } else { parts.partition_point(|p| date(p) < start) };
    let hi = if date(last) <= end { parts.len() } else { parts.partition_point(|p| date(p) <= end) };
    &parts[lo..hi.max(lo)]
}

/// The activity table of `ledger`: per activity the first word of its
/// matcher bits (matchers 0..64 whose activity conditions it meets) and,
/// for rule sets of more than 64 matchers, its further `words - 1` words
/// (`Context::more_bits`). The per-member pass over tens of millions of
/// participations then reads 8 bytes per participation, and the ~200-byte
/// `Activity` only for participations a matcher accepts, of members not
/// in office all along.
///
/// A ledger that held its participations by these rules' marks
/// (`Ledger::hold_participations_read_by`, as a national scan does) has
/// every activity's first word already: it is borrowed. Otherwise only
/// activities of the kinds some matcher names are looked at, through the
/// ledger's lists by kind: in a national year about half the activities
/// are of kinds a preset never names (liaison work is the largest), and
/// reading each ~200-byte activity from memory is most of what its bits
/// cost. Large lists are built in blocks on several threads.
fn table<'l>(rules: &RuleSet, ledger: &'l Ledger, words: usize) -> (Cow<'l, [u64]>, Vec<u64>) {
    let acts = ledger.activities();
    if let Some(marks) = ledger.marks(rules.tag).filter(|_| words == 1) {
        debug_assert!(
            acts.iter().zip(marks).all(|(a, &m)| rules.matched_words(a).next() == Some(m)),
            "a ledger's marks under this rule set are its matcher bits"
        );
        return (Cow::Borrowed(marks), Vec::new());
    }
    let named = ActivityKind::ALL.iter().filter(|&&k| !rules.by_kind[k as usize].none());
    let blocks: Vec<&[ActivityIx]> =
        named.flat_map(|&k| ledger.activities_of_kind(k).chunks(PAR_MIN)).collect();
    let built: Vec<(Vec<u64>, Vec<u64>)> = blocks
        .par_iter()
        .map(|block| rows(rules, block.iter().map(|a| ledger.activity(*a)), words))
        .collect();
    let more = words - 1;
    let mut table = vec![0; acts.len()];
    let mut more_bits = vec![0; acts.len() * more];
    for (block, (rows, further)) in blocks.iter().zip(built) {
        for (k, (a, row)) in block.iter().zip(rows).enumerate() {
            let a = a.0 as usize;
            table[a] = row;
            more_bits[a * more..(a + 1) * more].copy_from_slice(&further[k * more..(k + 1) * more]);
        }
    }
    debug_assert!(
        acts.iter()
            .all(|a| !rules.by_kind[a.kind() as usize].none() || rules.matched_words(a).all(|w| w == 0)),
        "a matcher accepts an activity of a kind none names"
    );
    (Cow::Owned(table), more_bits)
}

/// The first words of matcher bits of `acts` and, for rule sets of more
/// than 64 matchers, their further `words - 1` words each
/// (`Context::more_bits`).
fn rows<'a>(
    rules: &RuleSet,
    acts: impl ExactSizeIterator<Item = &'a Activity>,
    words: usize,
) -> (Vec<u64>, Vec<u64>) {
    let mut rows = Vec::with_capacity(acts.len());
    let mut more = Vec::with_capacity(acts.len() * (words - 1));
    for a in acts {
        let mut matched = rules.matched_words(a);
        rows.push(matched.next().unwrap_or(0));
        if words > 1 {
            more.extend(matched);
        }
        debug_assert!(
            (0..rules.matchers.len()).all(|j| {
                let subtype = match &a.detail {
                    ActivityDetail::Other { subtype } => Some(Cow::Owned(normalize(subtype))),
                    d => d.subtype().map(Cow::Borrowed),
                };
                let bits =
                    if j < 64 { rows[rows.len() - 1] } else { more[more.len() - (words - 1) + j / 64 - 1] };
                (bits >> (j % 64) & 1 == 1) == rules.matchers[j].activity_ok(a, subtype.as_deref())
            }),
            "the matchers by kind answer otherwise than every matcher tested"
        );
    }
    (rows, more)
}

/// Activities joined by `linked_to`: each activity's family root, and
/// whether it belongs to a family of two or more.
struct Families {
    root: Vec<u32>,
    member_of_family: Vec<bool>,
}

impl Families {
    fn new(ledger: &Ledger) -> Families {
        let acts = ledger.activities();
        let link: Vec<Option<u32>> = acts
            .iter()
            .map(|a| a.linked_to.as_ref().and_then(|id| ledger.activity_ix(id)).map(|ix| ix.0))
            .collect();
        let mut root: Vec<u32> = (0..acts.len() as u32).collect();
        let mut member_of_family = vec![false; acts.len()];
        let mut path: Vec<u32> = Vec::new();
        for start in 0..acts.len() {
            if link[start].is_none() {
                continue;
            }
            path.clear();
            let mut at = start as u32;
            let r = loop {
                if let Some(pos) = path.iter().position(|&x| x == at) {
                    // A cycle: its earliest activity is the root, whoever asks.
                    let key = |x: &u32| (acts[*x as usize].date, &acts[*x as usize].id);
                    break path[pos..].iter().copied().min_by_key(key).unwrap_or(at);
                }
                path.push(at);
                match link[at as usize] {
                    Some(next) => at = next,
                    None => break at,
                }
            };
            root[start] = r;
            member_of_family[start] = true;
            member_of_family[r as usize] = true;
        }
        Families { root, member_of_family }
    }
}

/// An earlier evaluation as flags look back on it.
struct Past<'a> {
    evaluation: &'a Evaluation,
    /// Scorecard position per member index (`u32::MAX`: none).
    position: Vec<u32>,
    /// This rule set's requirement → the earlier evaluation's, by id.
    requirements: Vec<Option<usize>>,
    /// In the chain of periods running back without a gap from this one.
    in_chain: bool,
    /// Overlapping the committee's term.
    in_term: bool,
}

impl Past<'_> {
    fn card(&self, m: MemberIx) -> Option<&Scorecard> {
        let p = *self.position.get(m.0 as usize)?;
        self.evaluation.scorecards.get(p as usize)
    }
}

/// One line in the making.
#[derive(Debug, Clone)]
struct Occurrence {
    item: usize,
    activity: u32,
    rank: u32,
    raw: Decimal,
    awarded: Decimal,
    alive: bool,
    adjustments: Vec<Adjustment>,
}

impl Occurrence {
    /// Drops the line: it counts nothing, and says why when `explain`
    /// (unexplained, the line allocates nothing).
    fn zero(&mut self, why: Why, explain: bool) {
        if self.alive {
            self.alive = false;
            if explain {
                self.adjustments.push(Adjustment { why, change: Decimal::ZERO - self.awarded });
            }
            self.awarded = Decimal::ZERO;
        }
    }

    /// Changes what the line counts, saying why when `explain`.
    fn set(&mut self, awarded: Decimal, why: Why, explain: bool) {
        if awarded != self.awarded {
            if explain {
                self.adjustments.push(Adjustment { why, change: awarded.saturating_sub(self.awarded) });
            }
            self.awarded = awarded;
        }
    }
}

/// `split_shares` of an item (whose split and decimals it fixes) by the
/// exact bits of the whole and the numbers of leads and others: a pure
/// function, whose divisions cost more than a look-up, and a committee's
/// shared activities take few distinct arguments (10 points among a lead
/// and 1 to 20 co-signers …).
type SharesMemo = FxHashMap<(usize, [u8; 16], u32, u32), Shares>;

/// Per-thread buffers, reused member after member.
struct Scratch {
    member_bits: Vec<u64>,
    occurrences: Vec<Occurrence>,
    counts: Vec<u32>,
    /// Per item, matches counted instead of made lines (`Context::counted`).
    tally: Vec<u32>,
    /// Per category, the sums of `Context::category_totals`.
    sums: Vec<(i128, i128, i128)>,
    seen: Vec<u32>,
    ranked: Vec<(usize, std::cmp::Reverse<Decimal>, usize)>,
    used: Vec<Decimal>,
    best: Vec<Option<usize>>,
    running: Vec<Decimal>,
    raw: Vec<Decimal>,
    family: Vec<(u32, u32, u32, Decimal)>,
    losers: Vec<(u32, u32)>,
    shares: SharesMemo,
    /// The member's category scores, requirement results and flags, as
    /// `Context::score_member` leaves them for the output to take.
    categories: Vec<CategoryScore>,
    requirements: Vec<RequirementResult>,
    flags: Vec<u16>,
}

impl Scratch {
    fn new(rules: &RuleSet, words: usize) -> Scratch {
        let items = rules.compiled_items.len();
        Scratch {
            member_bits: vec![0; words],
            occurrences: Vec::new(),
            counts: vec![0; rules.matchers.len()],
            tally: vec![0; items],
            sums: Vec::with_capacity(rules.categories().len()),
            seen: vec![0; items],
            ranked: Vec::new(),
            used: vec![Decimal::ZERO; items],
            best: vec![None; rules.groups().len()],
            running: vec![Decimal::ZERO; rules.categories().len()],
            raw: Vec::with_capacity(rules.categories().len()),
            family: Vec::new(),
            losers: Vec::new(),
            shares: SharesMemo::default(),
            categories: Vec::with_capacity(rules.categories().len()),
            requirements: Vec::with_capacity(rules.requirements().len()),
            flags: Vec::new(),
        }
    }
}

/// Which of the steps between lines and category caps the rule set uses.
#[derive(Debug, Clone, Copy)]
struct Steps {
    groups_per_activity: bool,
    counting_rules: bool,
    groups_per_period: bool,
    item_caps: bool,
}

impl Steps {
    fn of(rules: &RuleSet) -> Steps {
        let items = &rules.compiled_items;
        let grouped =
            |per: GroupPer| items.iter().any(|i| i.group.is_some_and(|g| rules.groups()[g].per == per));
        Steps {
            groups_per_activity: grouped(GroupPer::Activity),
            counting_rules: items
                .iter()
                .any(|i| i.from_nth > 1 || i.per == Per::Once || i.max_count.is_some()),
            groups_per_period: grouped(GroupPer::Period),
            item_caps: items.iter().any(|i| i.cap.is_some()),
        }
    }
}

/// `d` as an integer at `scale` (at least its own), if that fits an `i128`.
/// Inlined: called for every line of every member, mostly at its own scale.
#[inline]
fn at_scale(d: Decimal, scale: u32) -> Option<i128> {
    let m = d.mantissa();
    match scale.checked_sub(d.scale())? {
        0 => Some(m),
        // The common case, one 64 × 64-bit multiplication: 10^18 and a
        // mantissa within an i64 fit an i128.
        up @ 1..=18 => match i64::try_from(m) {
            Ok(m) => Some(i128::from(m) * 10i128.pow(up)),
            Err(_) => m.checked_mul(10i128.pow(up)),
        },
        up => m.checked_mul(10i128.checked_pow(up)?),
    }
}

/// A rule set's constants as integers at one scale, for
/// `Context::category_totals`.
struct Fixed {
    /// Per category: base, maximum, floor.
    categories: Vec<(i128, Option<i128>, Option<i128>)>,
    /// The sum of their absolute values.
    bound: i128,
    /// `Context::counted`'s items: points and cap.
    counted: Vec<Option<Counted>>,
}

/// An item of `Context::counted` at `Fixed`'s scale.
#[derive(Debug, Clone, Copy)]
struct Counted {
    points: i128,
    /// The item's cap (`None`: none), at least 0: a negative cap leaves
    /// no room at all.
    cap: Option<i128>,
    /// Matches dropped first (`from_nth − 1`).
    skip: u32,
    max_count: Option<u32>,
}

impl Counted {
    /// What `n` matches of the item add to its category, as the lines'
    /// (raw, awarded) sums: every match's points raw; awarded, the matches
    /// left by `from_nth` and `max_count` (all worth the same, so which
    /// ones does not matter), their size cut to the cap, which the line
    /// path fills in date order.
    fn sums(&self, n: u32) -> Option<(i128, i128)> {
        let raw = self.points.checked_mul(i128::from(n))?;
        let kept = n.saturating_sub(self.skip).min(self.max_count.unwrap_or(u32::MAX));
        let mut awarded = self.points.checked_mul(i128::from(kept))?;
        if let Some(cap) = self.cap {
            awarded = awarded.clamp(-cap, cap);
        }
        Some((raw, awarded))
    }
}

impl Fixed {
    fn at(rules: &RuleSet, counted: &[Option<Decimal>], scale: u32) -> Option<Fixed> {
        let int = |d: Decimal| at_scale(d, scale);
        let mut bound = 0i128;
        let mut within = |v: i128| {
            bound = bound.checked_add(v.checked_abs()?)?;
            Some(v)
        };
        let mut categories = Vec::with_capacity(rules.categories().len());
        for c in rules.categories() {
            let mut limit = |d: Option<Decimal>| match d {
                Some(d) => within(int(d)?).map(Some),
                None => Some(None),
            };
            let (max, floor) = (limit(c.max)?, limit(c.floor)?);
            categories.push((within(int(c.base)?)?, max, floor));
        }
        let counted = (counted.iter().zip(&rules.compiled_items))
            .map(|(p, item)| {
                let cap = match item.cap {
                    Some(c) => Some(int(c)?.max(0)),
                    None => None,
                };
                let (skip, max_count) = (item.from_nth.max(1) - 1, item.max_count);
                Some(Counted { points: int((*p)?)?, cap, skip, max_count })
            })
            .collect();
        Some(Fixed { categories, bound, counted })
    }
}

/// How `Context::lines` treats a participation a matcher accepts by
/// activity and member.
#[derive(Debug, Clone, Copy)]
struct How {
    /// Whether the matcher's participation conditions are only on the
    /// participant's part (`Matcher::decided_by_part`): a participation
    /// `Context::accepts` passes meets them.
    decided: bool,
    then: Then,
}

/// What a match is for.
#[derive(Debug, Clone, Copy)]
enum Then {
    /// A match of an item in `Context::counted`: counted, when `lines`
    /// tallies, else a line.
    Tally(usize),
    /// A match of item `i`: a line.
    Line(usize),
    /// A match of a requirement's or flag's matcher: counted per matcher.
    Count,
}

/// What `Context::score_member` returns besides what it leaves in `Scratch`.
struct Scored {
    /// Days in office within the period, days of the period.
    days: (u32, u32),
    /// The total, normalised.
    total: Decimal,
    /// The changes made to the total (explained evaluations only).
    adjustments: Vec<Adjustment>,
}

/// A member's result before members are compared.
struct Card {
    member: MemberIx,
    card: Scorecard,
}

/// What grading reads and sets of the members' results, whether they are
/// scorecards (`[Card]`, for an `Evaluation`) or columns (`Columns`, for
/// `Totals`): one grading for both. `i` is a member's place in them.
trait Graded {
    fn len(&self) -> usize;
    fn member(&self, i: usize) -> MemberIx;
    fn total(&self, i: usize) -> Decimal;
    /// Whether requirement `r` is met (or does not apply).
    fn met(&self, i: usize, r: usize) -> bool;
    /// Whether flag `f` was raised before grading.
    fn flagged(&self, i: usize, f: usize) -> bool;
    fn grade(&self, i: usize) -> Option<u16>;
    fn set_band(&mut self, i: usize, band: Option<u16>);
    fn set_grade(&mut self, i: usize, grade: Option<u16>);
    /// Records a step down, in explained evaluations.
    fn step_down(&mut self, i: usize, change: GradeChange);
}

impl Graded for [Card] {
    fn len(&self) -> usize {
        <[Card]>::len(self)
    }
    fn member(&self, i: usize) -> MemberIx {
        self[i].member
    }
    fn total(&self, i: usize) -> Decimal {
        self[i].card.total
    }
    fn met(&self, i: usize, r: usize) -> bool {
        self[i].card.requirements[r].met
    }
    fn flagged(&self, i: usize, f: usize) -> bool {
        self[i].card.flags.contains(&(f as u16))
    }
    fn grade(&self, i: usize) -> Option<u16> {
        self[i].card.grade
    }
    fn set_band(&mut self, i: usize, band: Option<u16>) {
        self[i].card.band = band;
    }
    fn set_grade(&mut self, i: usize, grade: Option<u16>) {
        self[i].card.grade = grade;
    }
    fn step_down(&mut self, i: usize, change: GradeChange) {
        self[i].card.grade_changes.push(change);
    }
}

/// [`Totals`] in the making: per member in office, in ledger order, what
/// ranking and grading read, each column one allocation for all members
/// (a scorecard makes several per member).
struct Columns {
    categories: usize,
    requirements: usize,
    flags: usize,
    members: Vec<MemberIx>,
    totals: Vec<Decimal>,
    /// Members × categories.
    subtotals: Vec<Decimal>,
    /// Members × requirements: whether met (grades require some).
    met: Vec<bool>,
    /// Members × flags: whether raised (grades are refused for some).
    flagged: Vec<bool>,
    grades: Vec<Option<u16>>,
}

impl Columns {
    /// Empty columns with room for `members`.
    fn new(rules: &RuleSet, members: usize) -> Columns {
        let (categories, requirements, flags) =
            (rules.categories().len(), rules.requirements().len(), rules.flags().len());
        Columns {
            categories,
            requirements,
            flags,
            members: Vec::with_capacity(members),
            totals: Vec::with_capacity(members),
            subtotals: Vec::with_capacity(members * categories),
            met: Vec::with_capacity(members * requirements),
            flagged: Vec::with_capacity(members * flags),
            grades: Vec::with_capacity(members),
        }
    }

    /// Takes a member's results from what `Context::score_member` left in `s`.
    fn push(&mut self, m: MemberIx, s: &Scratch, scored: Scored) {
        self.members.push(m);
        self.totals.push(scored.total);
        self.subtotals.extend(s.categories.iter().map(|c| c.subtotal));
        self.met.extend(s.requirements.iter().map(|r| r.met));
        self.flagged.extend((0..self.flags).map(|f| s.flags.contains(&(f as u16))));
        self.grades.push(None);
    }

    fn append(&mut self, mut other: Columns) {
        self.members.append(&mut other.members);
        self.totals.append(&mut other.totals);
        self.subtotals.append(&mut other.subtotals);
        self.met.append(&mut other.met);
        self.flagged.append(&mut other.flagged);
        self.grades.append(&mut other.grades);
    }

    /// The columns in member id order, as `Evaluation::scorecards` are.
    fn into_totals(self, ledger: &Ledger) -> Totals {
        let id = |m: &MemberIx| &ledger.member(*m).id;
        let k = self.categories;
        // Ledgers usually hold members in id order already.
        if self.members.is_sorted_by(|a, b| id(a) <= id(b)) {
            return Totals {
                members: self.members,
                totals: self.totals,
                subtotals: self.subtotals,
                categories: k,
                grades: self.grades,
            };
        }
        let mut order: Vec<usize> = (0..self.members.len()).collect();
        order.par_sort_unstable_by(|&a, &b| id(&self.members[a]).cmp(id(&self.members[b])));
        Totals {
            members: order.iter().map(|&i| self.members[i]).collect(),
            totals: order.iter().map(|&i| self.totals[i]).collect(),
            subtotals: order.iter().flat_map(|&i| &self.subtotals[i * k..(i + 1) * k]).copied().collect(),
            categories: k,
            grades: order.iter().map(|&i| self.grades[i]).collect(),
        }
    }
}

impl Graded for Columns {
    fn len(&self) -> usize {
        self.members.len()
    }
    fn member(&self, i: usize) -> MemberIx {
        self.members[i]
    }
    fn total(&self, i: usize) -> Decimal {
        self.totals[i]
    }
    fn met(&self, i: usize, r: usize) -> bool {
        self.met[i * self.requirements + r]
    }
    fn flagged(&self, i: usize, f: usize) -> bool {
        self.flagged[i * self.flags + f]
    }
    fn grade(&self, i: usize) -> Option<u16> {
        self.grades[i]
    }
    // A ranking reads no band.
    fn set_band(&mut self, _: usize, _: Option<u16>) {}
    fn set_grade(&mut self, i: usize, grade: Option<u16>) {
        self.grades[i] = grade;
    }
    // Columns are never explained.
    fn step_down(&mut self, _: usize, _: GradeChange) {}
}

struct Context<'a> {
    ledger: &'a Ledger,
    rules: &'a RuleSet,
    period: Period,
    term: (NaiveDate, NaiveDate),
    /// Words of matcher bits per activity.
    words: usize,
    /// Per activity, the first word of matcher bits (`table`).
    bits: Cow<'a, [u64]>,
    /// Per activity, the further `words - 1` words of matcher bits (empty
    /// for rule sets of at most 64 matchers, as every preset is).
    more_bits: Vec<u64>,
    /// Per activity some item's matcher accepts, its place in (date, id)
    /// order (`u32::MAX` for the rest, which never make a line); made when
    /// the first line is (`Context::rank`): unexplained, items whose
    /// matches are all worth the same make none.
    rank: OnceLock<Vec<u32>>,
    families: Option<Families>,
    /// Per part a participant can take (role, attendance, speech:
    /// `accepts_at`), `words` words of bits: the matchers whose conditions
    /// on it that part meets. A member's participations mostly differ only
    /// in these (present, excused, absent, a speech …), and most matchers
    /// test nothing else: one `and` leaves `lines` only the matches to take.
    accepts: Vec<u64>,
    /// Per matcher, how `lines` tests and uses a participation it accepts
    /// by activity and member: one look-up per match.
    how: Vec<How>,
    /// Unexplained, per item: its points when every match of it is worth
    /// the same, whatever else the member did (fixed points per
    /// occurrence, no share, group or ladder, linked activities not scored
    /// once). Such matches are counted rather than made lines: unexplained,
    /// only the sum of a category's lines matters (`category_totals`), and
    /// of matches all worth the same, the counting rules (`from_nth`,
    /// `max_count`) and the item's cap leave a sum that does not depend on
    /// which ones they drop or cut (`Counted::sums`).
    counted: Vec<Option<Decimal>>,
    /// The scale of most unexplained sums: the largest of the categories'
    /// bases, maxima and floors, of every item's points and, when items
    /// are shared, of `decimals`.
    fixed_scale: u32,
    /// The rule set's constants at `fixed_scale` (`None`: beyond 2^96).
    fixed: Option<Fixed>,
    steps: Steps,
    past: Vec<Past<'a>>,
    /// Whether scorecards carry line items, adjustments and grade changes.
    explain: bool,
    /// Per flag, whether the output reads it before grading: every flag for
    /// scorecards; for `Totals` only those that refuse a grade (a flag
    /// counted over the term reads every participation of it again).
    flags_wanted: Vec<bool>,
}

impl<'a> Context<'a> {
    fn new(
        ledger: &'a Ledger,
        rules: &'a RuleSet,
        period: Period,
        history: &'a [Evaluation],
        explain: bool,
    ) -> Self {
        let words = rules.matchers.len().div_ceil(64).max(1);
        let (bits, more_bits) = table(rules, ledger, words);

        let families = rules.method().score_linked_once.then(|| Families::new(ledger));
        let term = (ledger.committee().term.start, ledger.committee().term.end);
        let past = Self::past(ledger, rules, period, term, history);
        let steps = Steps::of(rules);
        let counted = rules
            .compiled_items
            .iter()
            .map(|i| match i.points {
                Points::Fixed(points)
                    if !explain
                        && families.is_none()
                        && i.per == Per::Occurrence
                        && i.split == Split::None
                        && i.max_credited.is_none()
                        && i.group.is_none() =>
                {
                    Some(points)
                }
                _ => None,
            })
            .collect::<Vec<_>>();

        // Item caps too: a counted item's sum is cut to its cap.
        let constants = rules.categories().iter().flat_map(|c| [Some(c.base), c.max, c.floor]);
        let constants = constants.chain(rules.compiled_items.iter().map(|i| i.cap));
        let points = rules.compiled_items.iter().flat_map(|i| match &i.points {
            Points::Fixed(x) => vec![Some(*x)],
            Points::Ladder { steps, .. } => steps.to_vec(),
        });
        // Shares are cut to `decimals` places.
        let shares = rules.compiled_items.iter().any(|i| i.split != Split::None);
        let decimals = if shares { rules.method().decimals } else { 0 };
        let fixed_scale = constants.chain(points).flatten().map(|d| d.scale()).fold(decimals, u32::max);
        let fixed = Fixed::at(rules, &counted, fixed_scale);
        Context {
            ledger,
            rules,
            period,
            term,
            words,
            bits,
            more_bits,
            rank: OnceLock::new(),
            families,
            accepts: accepts(rules, words),
            how: rules
                .matchers
                .iter()
                .zip(&rules.uses)
                .map(|(m, u)| How {
                    decided: m.decided_by_part(),
                    then: match *u {
                        Use::Item(i) if counted[i].is_some() => Then::Tally(i),
                        Use::Item(i) => Then::Line(i),
                        Use::Count => Then::Count,
                    },
                })
                .collect(),
            counted,
            fixed_scale,
            fixed,
            steps,
            past,
            explain,
            flags_wanted: vec![true; rules.compiled_flags.len()],
        }
    }

    /// Per activity some item's matcher accepts, its place in (date, id)
    /// order, the order lines are put in; `u32::MAX` for the rest.
    ///
    /// Only activities some item's matcher accepts can make a line (those
    /// only requirements and flags count make none), so only they need a
    /// place: the others' are never read. The ledger keeps activities in
    /// (date, index) order: only each day's are put in id order (usually
    /// they already are, which the sort notices at one comparison each).
    fn rank(&self) -> &[u32] {
        self.rank.get_or_init(|| {
            let (words, more) = (self.words, self.words - 1);
            let mut lined = vec![0u64; words];
            for (j, u) in self.rules.uses.iter().enumerate() {
                if matches!(u, Use::Item(_)) {
                    lined[j / 64] |= 1 << (j % 64);
                }
            }
            let makes_lines = |a: usize| {
                self.bits[a] & lined[0] != 0
                    || words > 1 && (1..words).any(|w| self.more_bits[a * more + w - 1] & lined[w] != 0)
            };
            let acts = self.ledger.activities();
            let mut order: Vec<u32> = Vec::with_capacity(acts.len());
            for &a in self.ledger.activities_between(NaiveDate::MIN, NaiveDate::MAX) {
                if makes_lines(a.0 as usize) {
                    order.push(a.0);
                }
            }
            for day in order.chunk_by_mut(|&a, &b| acts[a as usize].date == acts[b as usize].date) {
                day.sort_unstable_by(|&a, &b| acts[a as usize].id.cmp(&acts[b as usize].id));
            }
            let mut rank = vec![u32::MAX; acts.len()];
            for (r, &a) in order.iter().enumerate() {
                rank[a as usize] = r as u32;
            }
            rank
        })
    }

    /// Computes, before grading, only the flags grades read.
    fn for_totals(mut self) -> Self {
        self.flags_wanted.fill(false);
        for g in &self.rules.compiled_grades {
            for &f in &g.unless_flags {
                self.flags_wanted[f] = true;
            }
        }
        self
    }

    /// Earlier evaluations, latest first, prepared for look-ups.
    fn past(
        ledger: &Ledger,
        rules: &RuleSet,
        period: Period,
        term: (NaiveDate, NaiveDate),
        history: &'a [Evaluation],
    ) -> Vec<Past<'a>> {
        let looks_back = rules.compiled_flags.iter().any(|f| f.consecutive > 1 || f.times > 1);
        if !looks_back {
            return Vec::new();
        }
        let mut earlier: Vec<&Evaluation> = history.iter().filter(|e| e.period.end < period.start).collect();
        earlier.sort_by_key(|e| std::cmp::Reverse(e.period.start));
        let mut chain_end = period;
        let mut chained = true;
        earlier
            .into_iter()
            .map(|e| {
                chained = chained && chain_end.follows(&e.period);
                chain_end = e.period;
                let position = ledger
                    .members()
                    .par_iter()
                    .map(|m| {
                        e.scorecards.binary_search_by(|s| s.member.cmp(&m.id)).map_or(u32::MAX, |p| p as u32)
                    })
                    .collect();
                let requirements = rules
                    .requirements()
                    .iter()
                    .map(|r| e.requirements.iter().position(|x| x.id == r.id))
                    .collect();
                let in_term = e.period.end >= term.0 && e.period.start <= term.1;
                Past { evaluation: e, position, requirements, in_chain: chained, in_term }
            })
            .collect()
    }

    /// Scores every member in office, in parallel, giving each to `add`
    /// with the output buffer of its chunk of `CHUNK` members (made by
    /// `new` with room for them); the buffers in member order. Each rayon
    /// task keeps its scratch buffers from chunk to chunk.
    fn each_member<A: Send>(
        &self,
        new: impl Fn(usize) -> A + Sync + Send,
        add: impl Fn(&mut A, MemberIx, &mut Scratch, Scored) + Sync + Send,
    ) -> Vec<A> {
        let n = self.ledger.members().len() as u32;
        (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(
                || Scratch::new(self.rules, self.words),
                |s, chunk| {
                    let members = chunk * CHUNK..n.min((chunk + 1) * CHUNK);
                    let mut out = new(members.len());
                    for m in members.map(MemberIx) {
                        if let Some(scored) = self.score_member(m, s) {
                            add(&mut out, m, s, scored);
                        }
                    }
                    out
                },
            )
            .collect()
    }

    fn run(self) -> Evaluation {
        let parts = self
            .each_member(Vec::with_capacity, |cards, m, s, scored| cards.push(self.scorecard(m, s, scored)));
        let mut cards: Vec<Card> = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for part in parts {
            cards.extend(part);
        }
        self.grade(&mut cards[..]);
        self.grade_flags(&mut cards);
        let cohort_values = self.rank_members(&mut cards);
        self.finish(cards, cohort_values)
    }

    /// Word `w` of an activity's matcher bits.
    fn word(&self, activity: usize, w: usize) -> u64 {
        if w == 0 {
            self.bits[activity]
        } else {
            self.more_bits[activity * (self.words - 1) + w - 1]
        }
    }

    /// Whether matcher `j` accepts the activity and the member.
    fn bit(&self, activity: u32, member_bits: &[u64], j: usize) -> bool {
        (self.word(activity as usize, j / 64) & member_bits[j / 64]) >> (j % 64) & 1 == 1
    }

    /// Whether any matcher beyond the first 64 accepts both the activity and
    /// the member (with `Row::bits`, whether any does: false for many
    /// participations, which this test skips).
    fn any_further_bit(&self, activity: usize, member_bits: &[u64]) -> bool {
        self.words > 1 && (1..self.words).any(|w| self.word(activity, w) & member_bits[w] != 0)
    }

    /// Matching participations of a member dated within `[start, end]`.
    fn count(
        &self,
        m: MemberIx,
        member: &Member,
        member_bits: &[u64],
        start: NaiveDate,
        end: NaiveDate,
        j: usize,
    ) -> u32 {
        let matcher = &self.rules.matchers[j];
        let office = Office::of(member);
        let always = office.covers(start, end);
        let parts = window(self.ledger, self.ledger.participations_of(m), start, end);
        let hits = parts.iter().filter(|p| {
            self.bit(p.activity.0, member_bits, j) && {
                let a = self.ledger.activity(p.activity);
                (always || office.overlaps(a)) && matcher.participation_ok(p, a)
            }
        });
        u32::try_from(hits.count()).unwrap_or(u32::MAX)
    }

    /// Scores member `m` if in office during the period: returns the total
    /// and leaves in `s` the category scores, requirement results, flags
    /// (those `Context::flags_wanted` names) and, explained, the lines,
    /// for the output (`Context::scorecard`, `Columns::push`) to take.
    fn score_member(&self, m: MemberIx, s: &mut Scratch) -> Option<Scored> {
        let member = self.ledger.member(m);
        let (from, to) = member.days_in_office(self.period.start, self.period.end)?;
        let days_in_office = u32::try_from((to - from).num_days() + 1).unwrap_or(0);
        let days = (days_in_office, self.period.days());
        if self.explain {
            self.lines(m, member, s, false);
            self.category_caps(s);
        } else {
            self.lines(m, member, s, true);
            // Sums too large for exact integer arithmetic (never in practice)
            // take the line-by-line path.
            if self.category_totals(s).is_none() {
                self.lines(m, member, s, false);
                self.category_caps(s);
            }
        }
        let (total, adjustments) = self.total(&s.categories, days);
        let total = total.normalize();
        self.requirements(member, s, days);
        self.flags(m, member, s, total);
        Some(Scored { days, total, adjustments })
    }

    /// Collects a member's lines (and requirement counts) and applies every
    /// step before the category caps. With `tally`, matches of the items in
    /// `counted` are only counted, per item, in `Scratch::tally`.
    fn lines(&self, m: MemberIx, member: &Member, s: &mut Scratch, tally: bool) {
        let rules = self.rules;
        s.member_bits.fill(0);
        for (j, matcher) in rules.matchers.iter().enumerate() {
            if matcher.member_ok(member) {
                s.member_bits[j / 64] |= 1 << (j % 64);
            }
        }
        s.occurrences.clear();
        s.counts.fill(0);
        s.tally.fill(0);
        let office = Office::of(member);
        // Most members held office all period: their participations' dates
        // need not be read.
        let always = office.covers(self.period.start, self.period.end);
        let parts = window(self.ledger, self.ledger.participations_of(m), self.period.start, self.period.end);
        let (bits, mine) = (&self.bits[..], s.member_bits[0]);
        for p in parts {
            let ix = p.activity.0 as usize;
            let accepts = &self.accepts[accepts_at(p) * self.words..][..self.words];
            let first = bits[ix] & mine & accepts[0];
            if first == 0 && !self.any_further_bit(ix, &s.member_bits)
                || !always && !office.overlaps(self.ledger.activity(p.activity))
            {
                continue;
            }
            // The first word apart: most rule sets have no other.
            self.take_matches(p, 0, first, s, tally);
            for (w, &accept) in accepts.iter().enumerate().skip(1) {
                self.take_matches(p, w, self.word(ix, w) & s.member_bits[w] & accept, s, tally);
            }
        }

        s.occurrences.sort_unstable_by_key(|o| (o.rank, o.item));
        if let Some(f) = &self.families {
            self.score_linked_once(s, f);
        }
        // A step no item of the rule set uses would change no line: skipped.
        let steps = &self.steps;
        if steps.groups_per_activity {
            self.group_per_activity(s);
        }
        if steps.counting_rules {
            self.counting_rules(s);
        }
        if steps.groups_per_period {
            self.group_per_period(s);
        }
        if steps.item_caps {
            self.item_caps(s);
        }
    }

    /// For `lines`: of the matchers of word `w` whose bits are set in
    /// `bits` (those accepting participation `p`'s activity, member and
    /// part), each also accepting `p` makes a line, a tally or a count.
    #[inline(always)]
    fn take_matches(&self, p: &Participation, w: usize, mut bits: u64, s: &mut Scratch, tally: bool) {
        while bits != 0 {
            let j = w * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let how = self.how[j];
            if !how.decided && !self.rules.matchers[j].participation_ok(p, self.ledger.activity(p.activity)) {
                continue;
            }
            match how.then {
                Then::Tally(i) if tally => s.tally[i] += 1,
                Then::Tally(i) | Then::Line(i) => {
                    if let Some(o) = self.occurrence(i, p, self.ledger.activity(p.activity), &mut s.shares) {
                        s.occurrences.push(o);
                    }
                }
                Then::Count => s.counts[j] += 1,
            }
        }
    }

    /// A member's total from the category scores, and (explained) the
    /// changes made to it.
    fn total(
        &self,
        categories: &[CategoryScore],
        (days_in_office, days_in_period): (u32, u32),
    ) -> (Decimal, Vec<Adjustment>) {
        let method = self.rules.method();
        let mut adjustments = Vec::new();
        // Changes to the total are recorded only to explain it.
        let mut adjust = |why: Why, change: Decimal| {
            if self.explain {
                adjustments.push(Adjustment { why, change });
            }
        };
        let mut total = categories.iter().fold(method.base, |t, c| t.saturating_add(c.subtotal));
        let cap_total = |total: &mut Decimal, adjust: &mut dyn FnMut(Why, Decimal)| {
            if let Some(max) = method.max_total {
                if *total > max {
                    adjust(Why::TotalCap { max }, max.saturating_sub(*total));
                    *total = max;
                }
            }
        };
        cap_total(&mut total, &mut adjust);
        if let Some(floor) = method.floor {
            if total < floor {
                adjust(Why::TotalFloor { floor }, floor.saturating_sub(total));
                total = floor;
            }
        }
        if method.prorate && days_in_office < days_in_period {
            let starting = categories.iter().fold(method.base, |t, c| t.saturating_add(c.base));
            let earned = total.saturating_sub(starting);
            if earned > Decimal::ZERO {
                let scaled = earned.saturating_mul(Decimal::from(days_in_period));
                let scaled = truncate(
                    scaled.checked_div(Decimal::from(days_in_office)).unwrap_or(earned),
                    method.decimals,
                );
                if scaled != earned {
                    adjust(Why::Prorated { days_in_office, days_in_period }, scaled - earned);
                    total = total.saturating_add(scaled - earned);
                }
                cap_total(&mut total, &mut adjust);
            }
        }
        (total, adjustments)
    }

    /// A member's requirement results, into `Scratch::requirements`.
    fn requirements(&self, member: &Member, s: &mut Scratch, (days_in_office, days_in_period): (u32, u32)) {
        let counts = &s.counts;
        s.requirements.clear();
        s.requirements.extend(self.rules.compiled_requirements.iter().enumerate().map(|(i, r)| {
            let applicable = (r.applies_roles == 0
                || member.roles.iter().any(|x| has(r.applies_roles, x as u32)))
                && r.applies_standing.is_none_or(|w| w == member.roles.is_standing());
            let min = if r.prorate && days_in_office < days_in_period {
                let scaled = u64::from(r.min) * u64::from(days_in_office);
                u32::try_from(scaled.div_ceil(u64::from(days_in_period.max(1)))).unwrap_or(r.min)
            } else {
                r.min
            };
            let count = counts[r.matcher];
            RequirementResult {
                requirement: i as u16,
                applicable,
                count,
                min,
                met: !applicable || count >= min,
            }
        }));
    }

    /// The flags raised on a member before grades are given (those that
    /// look at grades wait for them: `grade_flags`), into `Scratch::flags`
    /// in index order.
    fn flags(&self, m: MemberIx, member: &Member, s: &mut Scratch, total: Decimal) {
        s.flags.clear();
        for (i, f) in self.rules.compiled_flags.iter().enumerate() {
            if !self.flags_wanted[i] || f.uses_grade() || (f.at_term_end && self.period.end < self.term.1) {
                continue;
            }
            let counts = &s.counts;
            let bits = &s.member_bits;
            let now = match &f.condition {
                Condition::Count { matcher, at_least, below, over } => {
                    let c = match over {
                        Over::Period => counts[*matcher],
                        Over::Term => self.count(m, member, bits, self.term.0, self.period.end, *matcher),
                    };
                    at_least.is_some_and(|n| c >= n) || below.is_some_and(|n| c < n)
                }
                Condition::TotalBelow(x) => total < *x,
                Condition::Unmet(rs) => rs.iter().any(|&r| !s.requirements[r].met),
                Condition::Grade { .. } => false,
            };
            if now && self.held_long_enough(f, m, |past, card| self.held_in(f, past, card, m, member, bits)) {
                s.flags.push(i as u16);
            }
        }
    }

    /// A member's scorecard, from what `score_member` left in `s`.
    fn scorecard(&self, m: MemberIx, s: &mut Scratch, scored: Scored) -> Card {
        let method = self.rules.method();
        // Unexplained, the lines are dropped and the buffer kept for the next member.
        let explained = if self.explain { s.occurrences.len() } else { 0 };
        let lines: Vec<LineItem> = s
            .occurrences
            .drain(..)
            .take(explained)
            .map(|o| LineItem {
                item: o.item as u16,
                activity: Some(o.activity),
                raw: o.raw.normalize(),
                awarded: o.awarded.normalize(),
                adjustments: o
                    .adjustments
                    .into_iter()
                    .map(|a| Adjustment { why: a.why, change: a.change.normalize() })
                    .collect(),
            })
            .collect();
        let (days_in_office, days_in_period) = scored.days;
        let card = Scorecard {
            member: self.ledger.member(m).id.clone(),
            days_in_office,
            days_in_period,
            base: method.base.normalize(),
            total: scored.total,
            categories: s.categories.clone(),
            lines,
            adjustments: scored.adjustments,
            requirements: s.requirements.clone(),
            flags: s.flags.clone(),
            band: None,
            grade: None,
            grade_changes: Vec::new(),
            // One rank per cohort: allocated once, at its size.
            ranks: Vec::with_capacity(method.cohorts.len()),
        };
        Card { member: m, card }
    }

    /// Whether a flag's condition held in an earlier period.
    fn held_in(
        &self,
        f: &FlagRule,
        past: &Past,
        card: &Scorecard,
        m: MemberIx,
        member: &Member,
        bits: &[u64],
    ) -> bool {
        match &f.condition {
            Condition::Count { matcher, at_least, below, .. } => {
                let c = self.count(
                    m,
                    member,
                    bits,
                    past.evaluation.period.start,
                    past.evaluation.period.end,
                    *matcher,
                );
                at_least.is_some_and(|n| c >= n) || below.is_some_and(|n| c < n)
            }
            Condition::TotalBelow(x) => card.total < *x,
            Condition::Unmet(rs) => rs.iter().any(|&r| {
                past.requirements[r]
                    .and_then(|pr| card.requirements.iter().find(|x| usize::from(x.requirement) == pr))
                    .is_some_and(|x| !x.met)
            }),
            Condition::Grade { ids, .. } => card
                .grade
                .is_some_and(|g| ids.iter().any(|id| past.evaluation.grades[usize::from(g)].id == *id)),
        }
    }

    /// Given that the condition holds now: whether it also held in the
    /// `consecutive − 1` periods just before, or in `times − 1` earlier
    /// periods of the term.
    fn held_long_enough(&self, f: &FlagRule, m: MemberIx, held: impl Fn(&Past, &Scorecard) -> bool) -> bool {
        if f.consecutive > 1 {
            let needed = (f.consecutive - 1) as usize;
            let chain: Vec<&Past> = self.past.iter().take_while(|p| p.in_chain).take(needed).collect();
            return chain.len() == needed && chain.iter().all(|p| p.card(m).is_some_and(|c| held(p, c)));
        }
        if f.times > 1 {
            let before =
                self.past.iter().filter(|p| p.in_term).filter(|p| p.card(m).is_some_and(|c| held(p, c)));
            return before.count() + 1 >= f.times as usize;
        }
        true
    }

    fn occurrence(
        &self,
        i: usize,
        p: &Participation,
        a: &Activity,
        memo: &mut SharesMemo,
    ) -> Option<Occurrence> {
        let item = &self.rules.compiled_items[i];
        let points = match &item.points {
            Points::Fixed(x) => *x,
            Points::Ladder { on, steps } => {
                let level = match (on, &a.detail) {
                    (LadderOn::Level, _) => Some(a.level),
                    (LadderOn::AdoptedBy, ActivityDetail::OpinionReport(r)) => r.highest_adoption(),
                    (LadderOn::InstructedBy, ActivityDetail::OpinionReport(r)) => r.highest_instruction(),
                    (LadderOn::ForwardedTo, ActivityDetail::Proposal(p)) => p.forwarded_to,
                    _ => None,
                }?;
                steps[..=level as usize].iter().rev().find_map(|x| *x)?
            }
        };
        let whole_units = |quantity: Decimal| {
            quantity.checked_div(item.unit).map_or(Decimal::ZERO, |u| u.floor()).max(Decimal::ZERO)
        };
        let units = match item.per {
            Per::Occurrence | Per::Once => Decimal::ONE,
            Per::HalfDay => whole_units(Decimal::from(half_days(p, a))),
            Per::Hour => whole_units(a.detail.hours().unwrap_or_default()),
            Per::Amount => whole_units(a.detail.amount().unwrap_or_default()),
        };
        let whole = points.saturating_mul(units);
        let (raw, credited) = self.share(i, p, whole, memo);
        let rank = self.rank()[p.activity.0 as usize];
        debug_assert!(rank != u32::MAX, "a line's activity has a rank");
        let mut o = Occurrence {
            item: i,
            activity: p.activity.0,
            rank,
            raw,
            awarded: raw,
            alive: true,
            adjustments: Vec::new(),
        };
        if !credited {
            o.zero(Why::NotCredited { max_credited: item.max_credited.unwrap_or(0) }, self.explain);
        }
        Some(o)
    }

    /// A participant's share of `whole`, and whether they are credited at all.
    fn share(&self, i: usize, p: &Participation, whole: Decimal, memo: &mut SharesMemo) -> (Decimal, bool) {
        let item = &self.rules.compiled_items[i];
        if item.split == Split::None && item.max_credited.is_none() {
            return (whole, true);
        }
        let roles = self.rules.matchers[item.matcher].roles;
        let limit = item.max_credited.unwrap_or(u32::MAX);
        let (mut credited, mut leads) = (0u32, 0u32);
        let (mut first, mut first_lead, mut me) = (None, None, false);
        for q in self.ledger.participants(p.activity) {
            if !has(roles, q.role as u32) {
                continue;
            }
            if credited == limit {
                break;
            }
            credited += 1;
            first.get_or_insert(q.member);
            if is_lead(q.role) {
                leads += 1;
                first_lead.get_or_insert(q.member);
            }
            me |= q.member == p.member;
        }
        if !me {
            return (whole, false);
        }
        let others = credited - leads;
        let shares = *memo
            .entry((i, whole.serialize(), leads, others))
            .or_insert_with(|| split_shares(whole, item.split, leads, others, self.rules.method().decimals));
        let share = if first_lead.or(first) == Some(p.member) {
            shares.first
        } else if is_lead(p.role) {
            shares.lead
        } else {
            shares.other
        };
        (share, true)
    }

    /// Of activities linked together, the one worth most to the member counts.
    fn score_linked_once(&self, s: &mut Scratch, f: &Families) {
        s.family.clear();
        for o in s.occurrences.iter().filter(|o| o.alive && f.member_of_family[o.activity as usize]) {
            match s.family.last_mut() {
                Some(last) if last.2 == o.activity => last.3 = last.3.saturating_add(o.awarded),
                _ => s.family.push((f.root[o.activity as usize], o.rank, o.activity, o.awarded)),
            }
        }
        if s.family.len() < 2 {
            return;
        }
        s.family.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.3.cmp(&a.3)).then(a.1.cmp(&b.1)));
        s.losers.clear();
        for (k, entry) in s.family.iter().enumerate() {
            if k > 0 && s.family[k - 1].0 == entry.0 {
                let winner =
                    s.family[..k].iter().rev().take_while(|e| e.0 == entry.0).last().map_or(entry.2, |e| e.2);
                s.losers.push((entry.2, winner));
            }
        }
        for o in s.occurrences.iter_mut() {
            if let Some(&(_, kept)) = s.losers.iter().find(|(a, _)| *a == o.activity) {
                o.zero(Why::Linked { kept }, self.explain);
            }
        }
    }

    fn group_of(&self, o: &Occurrence, per: GroupPer) -> Option<usize> {
        let g = self.rules.compiled_items[o.item].group?;
        (self.rules.groups()[g].per == per).then_some(g)
    }

    /// Of one activity's lines in a per-activity group, only the highest counts.
    fn group_per_activity(&self, s: &mut Scratch) {
        let occ = &mut s.occurrences;
        let mut start = 0;
        while start < occ.len() {
            let end = start + occ[start..].iter().take_while(|o| o.activity == occ[start].activity).count();
            for x in start..end {
                let Some(g) = self.group_of(&occ[x], GroupPer::Activity) else { continue };
                if !occ[x].alive {
                    continue;
                }
                let beaten = (start..end).any(|y| {
                    y != x
                        && occ[y].alive
                        && self.group_of(&occ[y], GroupPer::Activity) == Some(g)
                        && (occ[y].awarded > occ[x].awarded || (occ[y].awarded == occ[x].awarded && y < x))
                });
                if beaten {
                    occ[x].zero(Why::Group { group: g as u16 }, self.explain);
                }
            }
            start = end;
        }
    }

    /// `from_nth` drops the first occurrences in date order; then `per =
    /// "once"` keeps the one occurrence worth most and `max_count = n` the n
    /// worth most (the earlier on a tie), so that a further activity never
    /// lowers a total.
    fn counting_rules(&self, s: &mut Scratch) {
        let items = &self.rules.compiled_items;
        s.seen.fill(0);
        s.ranked.clear();
        for (x, o) in s.occurrences.iter_mut().enumerate().filter(|(_, o)| o.alive) {
            let item = &items[o.item];
            s.seen[o.item] += 1;
            if s.seen[o.item] < item.from_nth {
                o.zero(Why::FromNth { n: item.from_nth }, self.explain);
            } else if item.per == Per::Once || item.max_count.is_some() {
                s.ranked.push((o.item, std::cmp::Reverse(o.awarded), x));
            }
        }
        s.ranked.sort_unstable();
        s.seen.fill(0);
        for &(i, _, x) in &s.ranked {
            s.seen[i] += 1;
            let item = &items[i];
            if item.per == Per::Once && s.seen[i] > 1 {
                s.occurrences[x].zero(Why::Once, self.explain);
            } else if let Some(n) = item.max_count.filter(|&n| s.seen[i] > n) {
                s.occurrences[x].zero(Why::MaxCount { n }, self.explain);
            }
        }
    }

    /// Of a per-period group's lines, only the single highest counts.
    fn group_per_period(&self, s: &mut Scratch) {
        s.best.fill(None);
        for (x, o) in s.occurrences.iter().enumerate().filter(|(_, o)| o.alive) {
            if let Some(g) = self.group_of(o, GroupPer::Period) {
                if s.best[g].is_none_or(|b| o.awarded > s.occurrences[b].awarded) {
                    s.best[g] = Some(x);
                }
            }
        }
        for x in 0..s.occurrences.len() {
            if let Some(g) = self.group_of(&s.occurrences[x], GroupPer::Period) {
                if s.best[g] != Some(x) {
                    s.occurrences[x].zero(Why::Group { group: g as u16 }, self.explain);
                }
            }
        }
    }

    /// Item caps limit the size of an item's points over the period, in date order.
    fn item_caps(&self, s: &mut Scratch) {
        s.used.fill(Decimal::ZERO);
        for o in s.occurrences.iter_mut().filter(|o| o.alive) {
            let Some(cap) = self.rules.compiled_items[o.item].cap else { continue };
            let room = cap.saturating_sub(s.used[o.item]).max(Decimal::ZERO);
            if o.awarded.abs() > room {
                let capped = if o.awarded < Decimal::ZERO { -room } else { room };
                o.set(capped, Why::ItemCap { cap }, self.explain);
            }
            s.used[o.item] = s.used[o.item].saturating_add(o.awarded.abs());
        }
    }

    /// Unexplained, the category subtotals without each line's share of
    /// them: added in date order, each cut to the room left, a category's
    /// positive lines stop at its maximum, so in exact arithmetic the
    /// subtotal after them is `min(base + their sum, max)` (`base` when
    /// the base is above the maximum), and likewise its negative lines'
    /// sum is cut at the floor, in whatever order they are added.
    ///
    /// The sums are taken as integers at the largest scale of anything
    /// summed. When everything summed, in absolute value, stays below
    /// 2^96 at that scale, every decimal addition of the line-by-line path
    /// ([`Self::category_caps`]) is exact too, so both give the same
    /// values; otherwise `None`, and that path decides. The scores go to
    /// `Scratch::categories`.
    fn category_totals(&self, s: &mut Scratch) -> Option<()> {
        let items = &self.rules.compiled_items;
        let lines = s.occurrences.iter().flat_map(|o| [o.raw, o.awarded]);
        let scale = lines.map(|d| d.scale()).fold(self.fixed_scale, u32::max);
        let other;
        let fixed = if scale == self.fixed_scale {
            self.fixed.as_ref()?
        } else {
            other = Fixed::at(self.rules, &self.counted, scale)?;
            &other
        };
        let int = |d: Decimal| at_scale(d, scale);

        // Per category: base + Σ raw, Σ positive awarded, Σ negative awarded.
        let sums = &mut s.sums;
        sums.clear();
        sums.extend(fixed.categories.iter().map(|c| (c.0, 0, 0)));
        let mut bound = fixed.bound;
        let mut within = |v: i128| {
            bound = bound.checked_add(v.checked_abs()?)?;
            Some(v)
        };
        let mut add = |c: usize, raw: i128, awarded: i128| {
            let sum = &mut sums[c];
            sum.0 += raw;
            if awarded > 0 {
                sum.1 += awarded;
            } else {
                sum.2 += awarded;
            }
        };
        for o in &s.occurrences {
            add(items[o.item].category, within(int(o.raw)?)?, within(int(o.awarded)?)?);
        }
        for (i, &n) in s.tally.iter().enumerate().filter(|(_, &n)| n > 0) {
            let (raw, awarded) = fixed.counted[i]?.sums(n)?;
            add(items[i].category, within(raw)?, within(awarded)?);
        }
        if bound >= 1 << 96 {
            return None;
        }

        let decimal = |v: i128| Decimal::try_from_i128_with_scale(v, scale).ok().map(|d| d.normalize());
        let cats = self.rules.categories();
        let out = &mut s.categories;
        out.clear();
        for (i, ((c, &(base, max, floor)), &(raw, positive, negative))) in
            cats.iter().zip(&fixed.categories).zip(sums.iter()).enumerate()
        {
            let mut subtotal = base + positive;
            if let (Some(max), true) = (max, positive > 0) {
                subtotal = base.max(subtotal.min(max));
            }
            let after_positive = subtotal;
            subtotal += negative;
            if let (Some(floor), true) = (floor, negative < 0) {
                subtotal = after_positive.min(subtotal.max(floor));
            }
            out.push(CategoryScore {
                category: i as u16,
                base: c.base.normalize(),
                raw: decimal(raw)?,
                subtotal: decimal(subtotal)?,
            });
        }
        Some(())
    }

    /// Category maxima cap what is earned (in date order); deductions are
    /// then taken down to the floor. The scores go to `Scratch::categories`.
    fn category_caps(&self, s: &mut Scratch) {
        let cats = self.rules.categories();
        for (r, c) in s.running.iter_mut().zip(cats) {
            *r = c.base;
        }
        for positive in [true, false] {
            for o in s.occurrences.iter_mut().filter(|o| o.alive) {
                if (o.awarded > Decimal::ZERO) != positive || o.awarded.is_zero() {
                    continue;
                }
                let c = self.rules.compiled_items[o.item].category;
                let running = s.running[c];
                if positive {
                    if let Some(max) = cats[c].max {
                        let room = max.saturating_sub(running).max(Decimal::ZERO);
                        if o.awarded > room {
                            o.set(room, Why::CategoryCap { max }, self.explain);
                        }
                    }
                } else if let Some(floor) = cats[c].floor {
                    let room = floor.saturating_sub(running).min(Decimal::ZERO);
                    if o.awarded < room {
                        o.set(room, Why::CategoryFloor { floor }, self.explain);
                    }
                }
                s.running[c] = s.running[c].saturating_add(o.awarded);
            }
        }
        let raw = &mut s.raw;
        raw.clear();
        raw.extend(cats.iter().map(|c| c.base));
        for o in &s.occurrences {
            let c = self.rules.compiled_items[o.item].category;
            raw[c] = raw[c].saturating_add(o.raw);
        }
        s.categories.clear();
        s.categories.extend(cats.iter().enumerate().map(|(i, c)| CategoryScore {
            category: i as u16,
            base: c.base.normalize(),
            raw: raw[i].normalize(),
            subtotal: s.running[i].normalize(),
        }));
    }

    /// Bands, then grade conditions, then quotas.
    fn grade<G: Graded + ?Sized>(&self, cards: &mut G) {
        let grades = &self.rules.compiled_grades;
        if grades.is_empty() {
            return;
        }
        for i in 0..cards.len() {
            let total = cards.total(i);
            let band = grades
                .iter()
                .position(|g| g.min.is_none_or(|m| total >= m) && g.below.is_none_or(|b| total < b));
            cards.set_band(i, band.map(|b| b as u16));
            let grade = self.descend(cards, i, band, None);
            cards.set_grade(i, grade);
        }
        let evaluated = Decimal::from(cards.len());
        for (g, grade) in grades.iter().enumerate() {
            let Some(quota) = grade.quota else { continue };
            let allowed = (evaluated * quota / Decimal::ONE_HUNDRED).floor();
            let mut holders: Vec<usize> =
                (0..cards.len()).filter(|&i| cards.grade(i) == Some(g as u16)).collect();
            if Decimal::from(holders.len()) <= allowed {
                continue;
            }
            holders.sort_by(|&a, &b| {
                let id = |i: usize| &self.ledger.member(cards.member(i)).id;
                cards.total(b).cmp(&cards.total(a)).then_with(|| id(a).cmp(id(b)))
            });
            // Whole groups of equal totals are kept while they fit.
            let mut kept = 0;
            while kept < holders.len() {
                let t = cards.total(holders[kept]);
                let tie = holders[kept..].iter().take_while(|&&i| cards.total(i) == t).count();
                if Decimal::from(kept + tie) > allowed {
                    break;
                }
                kept += tie;
            }
            for &i in &holders[kept..] {
                let grade = self.descend(cards, i, Some(g), Some(GradeWhy::Quota { quota_percent: quota }));
                cards.set_grade(i, grade);
            }
        }
    }

    /// The first grade from `start` down whose conditions member `i` meets,
    /// recording each step down. `refused` refuses `start` itself for that reason.
    fn descend<G: Graded + ?Sized>(
        &self,
        cards: &mut G,
        i: usize,
        start: Option<usize>,
        refused: Option<GradeWhy>,
    ) -> Option<u16> {
        let grades = &self.rules.compiled_grades;
        let mut g = start?;
        let mut why = refused;
        loop {
            if why.is_none() {
                let grade = &grades[g];
                why = grade
                    .requires
                    .iter()
                    .find(|&&r| !cards.met(i, r))
                    .map(|&r| GradeWhy::Requirement { requirement: r as u16 })
                    .or_else(|| {
                        grade
                            .unless_flags
                            .iter()
                            .find(|&&f| cards.flagged(i, f))
                            .map(|&f| GradeWhy::Flag { flag: f as u16 })
                    });
            }
            let Some(reason) = why.take() else { return Some(g as u16) };
            let next = (g + 1 < grades.len()).then_some(g + 1);
            if self.explain {
                cards.step_down(i, GradeChange { from: g as u16, to: next.map(|x| x as u16), why: reason });
            }
            g = next?;
        }
    }

    /// Flags that look at grades, once grades are final.
    fn grade_flags(&self, cards: &mut [Card]) {
        let flags = &self.rules.compiled_flags;
        if !flags.iter().any(FlagRule::uses_grade) {
            return;
        }
        cards.par_iter_mut().for_each(|c| {
            for (i, f) in flags.iter().enumerate() {
                let Condition::Grade { grades, ids } = &f.condition else { continue };
                if f.at_term_end && self.period.end < self.term.1 {
                    continue;
                }
                let now = c.card.grade.is_some_and(|g| grades.contains(&usize::from(g)));
                let held = |past: &Past, card: &Scorecard| {
                    card.grade.is_some_and(|g| {
                        ids.iter().any(|id| past.evaluation.grades[usize::from(g)].id == *id)
                    })
                };
                if now && self.held_long_enough(f, c.member, held) {
                    c.card.flags.push(i as u16);
                }
            }
            c.card.flags.sort_unstable();
        });
    }

    /// `Totals`: the same pass and grading as `run`, the results kept as
    /// columns; no grade flags, cohort ranks or counts.
    fn run_totals(self) -> Totals {
        let parts =
            self.each_member(|n| Columns::new(self.rules, n), |cols, m, s, scored| cols.push(m, s, scored));
        let mut columns = Columns::new(self.rules, parts.iter().map(|p| p.members.len()).sum());
        for part in parts {
            columns.append(part);
        }
        self.grade(&mut columns);
        columns.into_totals(self.ledger)
    }

    /// Ranks within each cohort; returns the table of cohort values.
    fn rank_members(&self, cards: &mut [Card]) -> Vec<String> {
        let cohorts = &self.rules.method().cohorts;
        let value = |cohort: Cohort, m: &'a Member| -> Option<&'a str> {
            match cohort {
                Cohort::Committee => Some(self.ledger.committee().name.as_str()),
                Cohort::Sector => Some(m.sector.as_str()),
                Cohort::Party => m.party.as_deref(),
                Cohort::SpecialCommittee => m.committee.as_deref(),
                Cohort::LiaisonGroup => m.liaison_group.as_deref(),
            }
        };
        // Each member's values are interned once (a hash look-up each), so
        // that strings are compared only to sort the few distinct values.
        let per = cohorts.len();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut seen: Vec<&str> = Vec::new();
        let mut interned = vec![u32::MAX; cards.len() * per];
        for (i, c) in cards.iter().enumerate() {
            let m = self.ledger.member(c.member);
            for (k, &cohort) in cohorts.iter().enumerate() {
                let Some(v) = value(cohort, m) else { continue };
                let next = seen.len() as u32;
                interned[i * per + k] = *ids.entry(v).or_insert_with(|| {
                    seen.push(v);
                    next
                });
            }
        }
        let mut order: Vec<u32> = (0..seen.len() as u32).collect();
        order.sort_unstable_by_key(|&x| seen[x as usize]);
        let mut place = vec![0u32; seen.len()];
        for (at, &x) in order.iter().enumerate() {
            place[x as usize] = at as u32;
        }
        let table: Vec<&str> = order.iter().map(|&x| seen[x as usize]).collect();
        // Totals are ranked once, so that each cohort's sort compares
        // integers: `level` 0 for the highest total, equal for equal totals.
        let mut by_total: Vec<usize> = (0..cards.len()).collect();
        by_total.sort_unstable_by(|&a, &b| cards[b].card.total.cmp(&cards[a].card.total));
        let mut level = vec![0u32; cards.len()];
        for w in by_total.windows(2) {
            level[w[1]] = level[w[0]] + u32::from(cards[w[1]].card.total != cards[w[0]].card.total);
        }
        for (k, &cohort) in cohorts.iter().enumerate() {
            let mut keyed: Vec<(u32, u32, usize)> = (0..cards.len())
                .filter_map(|i| {
                    let id = interned[i * per + k];
                    (id != u32::MAX).then(|| (place[id as usize], level[i], i))
                })
                .collect();
            keyed.sort_unstable();
            let mut group_start = 0;
            while group_start < keyed.len() {
                let v = keyed[group_start].0;
                let of = keyed[group_start..].iter().take_while(|k| k.0 == v).count();
                let mut at = group_start;
                while at < group_start + of {
                    let total = keyed[at].1;
                    let ties = keyed[at..group_start + of].iter().take_while(|k| k.1 == total).count();
                    let above = at - group_start;
                    let below = of - above - ties;
                    let percentile = truncate(
                        Decimal::from(below * 100) / Decimal::from(of),
                        self.rules.method().decimals,
                    )
                    .normalize();
                    for k in &keyed[at..at + ties] {
                        cards[k.2].card.ranks.push(CohortRank {
                            cohort,
                            value: v,
                            rank: (above + 1) as u32,
                            tied: ties > 1,
                            of: of as u32,
                            percentile,
                        });
                    }
                    at += ties;
                }
                group_start += of;
            }
        }
        table.into_iter().map(str::to_string).collect()
    }

    /// The activities table, the final order of scorecards, and the counts.
    fn finish(self, mut cards: Vec<Card>, cohort_values: Vec<String>) -> Evaluation {
        // Unexplained, no line refers to an activity.
        let activities = if self.explain { self.activity_table(&mut cards) } else { Vec::new() };

        let mut scorecards: Vec<Scorecard> = cards.into_iter().map(|c| c.card).collect();
        // Ledgers usually hold members in id order already; checking is one
        // comparison per member, sorting many more.
        if !scorecards.is_sorted_by(|a, b| a.member <= b.member) {
            scorecards.par_sort_unstable_by(|a, b| a.member.cmp(&b.member));
        }

        let rules = self.rules;
        let mut grade_counts = vec![0u32; rules.grades().len()];
        let mut flag_counts = vec![0u32; rules.flags().len()];
        let mut ungraded = 0;
        for s in &scorecards {
            match s.grade {
                Some(g) => grade_counts[usize::from(g)] += 1,
                None => ungraded += 1,
            }
            for &f in &s.flags {
                flag_counts[usize::from(f)] += 1;
            }
        }
        Evaluation {
            period: self.period,
            rule_set: rules.id().to_string(),
            rule_set_name: rules.name().to_string(),
            max_total: rules.method().max_total,
            categories: rules.categories().to_vec(),
            groups: rules.groups().to_vec(),
            items: rules.items().to_vec(),
            requirements: rules.requirements().to_vec(),
            flags: rules.flags().to_vec(),
            grades: rules.grades().to_vec(),
            cohort_values,
            activities,
            scorecards,
            grade_counts,
            ungraded,
            flag_counts,
        }
    }

    /// Activities that lines refer to, in (date, id) order, and the lines'
    /// references turned from ledger indexes into places in that table.
    fn activity_table(&self, cards: &mut [Card]) -> Vec<ActivityId> {
        let acts = self.ledger.activities().len();
        let mut referenced = vec![false; acts];
        for c in cards.iter() {
            for l in &c.card.lines {
                if let Some(a) = l.activity {
                    referenced[a as usize] = true;
                }
            }
        }
        let mut listed: Vec<u32> = (0..acts as u32).filter(|&a| referenced[a as usize]).collect();
        let rank = self.rank();
        listed.sort_unstable_by_key(|&a| rank[a as usize]);
        let all = self.ledger.activities();
        let mut new_index = vec![u32::MAX; acts];
        for (i, &a) in listed.iter().enumerate() {
            new_index[a as usize] = i as u32;
        }
        cards.par_iter_mut().for_each(|c| {
            for l in &mut c.card.lines {
                l.activity = l.activity.map(|a| new_index[a as usize]);
                for adj in &mut l.adjustments {
                    if let Why::Linked { kept } = &mut adj.why {
                        *kept = new_index[*kept as usize];
                    }
                }
            }
        });
        listed.iter().map(|&a| all[a as usize].id.clone()).collect()
    }
}

/// Half-days a member attended: as recorded, or else the whole meeting when
/// present (one half-day if its length is not recorded), none when absent.
fn half_days(p: &Participation, a: &Activity) -> u32 {
    if let Some(h) = p.half_days {
        return u32::from(h);
    }
    if !matches!(p.attendance, None | Some(Attendance::Present)) {
        return 0;
    }
    match &a.detail {
        ActivityDetail::Meeting(m) => u32::from(m.half_days.unwrap_or(1)),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Context::accepts`, found through `accepts_at`, holds for every part
    /// a participant can take (each role, attendance and speech, recorded
    /// or not) exactly the matchers that accept a participation taking it,
    /// as `Matcher::participation_ok` tests it, for every matcher that
    /// tests nothing else; and no matcher that rejects the part.
    #[test]
    fn accepts_holds_what_each_matcher_says_of_a_part() {
        let meeting = Activity::new(
            "A1",
            "全体会议",
            NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            lvzhi_core::Level::County,
            ActivityDetail::Meeting(lvzhi_core::Meeting {
                kind: lvzhi_core::MeetingKind::Plenary,
                half_days: None,
            }),
        );
        for preset in crate::presets::presets() {
            let (preset, rules) = (preset.id, RuleSet::preset(preset.id).unwrap());
            let words = rules.matchers.len().div_ceil(64).max(1);
            let table = accepts(&rules, words);
            let mut decided = 0;
            for &role in ParticipantRole::ALL {
                for attendance in optional::<Attendance>() {
                    for speech in optional::<Speech>() {
                        let mut p = Participation::new(ActivityIx(0), MemberIx(0), role);
                        (p.attendance, p.speech) = (attendance, speech);
                        let row = &table[accepts_at(&p) * words..][..words];
                        for (j, m) in rules.matchers.iter().enumerate() {
                            let bit = row[j / 64] >> (j % 64) & 1 == 1;
                            let ok = m.participation_ok(&p, &meeting);
                            if m.decided_by_part() {
                                assert_eq!(bit, ok, "{preset} matcher {j}: {p:?}");
                                decided += 1;
                            } else {
                                assert!(bit || !ok, "{preset} matcher {j}: {p:?}");
                            }
                        }
                    }
                }
            }
            assert!(decided > 0, "{preset}");
        }
    }

    /// The activity table is built from the ledger's lists by kind, a
    /// list of more than `PAR_MIN` activities in blocks on several
    /// threads, or borrowed from the marks of a ledger held by the rule
    /// set: either way every activity has the matcher bits that testing
    /// each activity in one pass gives, and the (date, id) ranks are those
    /// of the activities items can match.
    #[test]
    fn table_has_the_bits_of_one_pass() {
        let mut config = lvzhi_gen::Config::new(lvzhi_core::Level::Provincial, 1000, 2025, 4);
        config.intensity = 8;
        // Ids as generated, and behind a long prefix of Chinese text: each
        // day's activities ranked in id order either way.
        for id_prefix in ["", "安徽省政协-"] {
            config.id_prefix = id_prefix.to_string();
            table_has_the_bits_of_one_pass_in(&lvzhi_gen::generate(&config).into_ledger().unwrap());
        }
    }

    fn table_has_the_bits_of_one_pass_in(ledger: &Ledger) {
        let acts = ledger.activities();
        for preset in ["jinan-2015", "tongcheng-2019"] {
            let rules = RuleSet::preset(preset).unwrap();
            let named = ActivityKind::ALL.iter().filter(|&&k| !rules.by_kind[k as usize].none());
            let largest = named.map(|&k| ledger.activities_of_kind(k).len()).max().unwrap();
            assert!(largest > PAR_MIN, "{preset}: {largest} activities of a kind");
            let unnamed = acts.iter().filter(|a| rules.by_kind[a.kind() as usize].none()).count();
            assert!(unnamed > 0, "{preset}: every kind is named");
            let mut held = ledger.clone();
            held.hold_participations_read_by(&rules);
            let (bits, more) = rows(&rules, acts.iter(), 1);
            assert!(more.is_empty());
            // Ranked: the activities some item's matcher accepts, in (date, id) order.
            let items = rules.uses.iter().enumerate().filter(|(_, u)| matches!(u, Use::Item(_)));
            let lined = items.fold(0u64, |bits, (j, _)| bits | 1 << j);
            let mut ranked: Vec<usize> = (0..acts.len()).filter(|&a| bits[a] & lined != 0).collect();
            ranked.sort_by(|&a, &b| (acts[a].date, &acts[a].id).cmp(&(acts[b].date, &acts[b].id)));
            assert!(ranked.len() > 1 && ranked.len() < acts.len(), "{preset}: {} ranked", ranked.len());
            let same_day_out_of_order =
                ranked.windows(2).any(|w| acts[w[0]].date == acts[w[1]].date && w[0] > w[1]);
            assert!(same_day_out_of_order, "{preset}: a day's activities are in id order as stored");
            let mut rank = vec![u32::MAX; acts.len()];
            for (r, &a) in ranked.iter().enumerate() {
                rank[a] = r as u32;
            }
            for l in [ledger, &held] {
                let context = Context::new(l, &rules, Period::year(2025), &[], false);
                assert_eq!(matches!(context.bits, Cow::Borrowed(_)), std::ptr::eq(l, &held), "{preset}");
                assert_eq!(context.bits[..], bits[..], "{preset}");
                assert_eq!(context.rank(), &rank[..], "{preset}");
            }
            // Another build of the same rule file has another tag: the marks
            // are not its own, and it tests the activities itself.
            let again = RuleSet::preset(preset).unwrap();
            let context = Context::new(&held, &again, Period::year(2025), &[], false);
            assert!(matches!(context.bits, Cow::Owned(_)), "{preset}");
            assert_eq!(context.bits[..], bits[..], "{preset}");
        }
    }

    #[test]
    fn lead_takes_half_and_the_remainder() {
        let s = split_shares(Decimal::from(10), Split::LeadShare(Decimal::new(5, 1)), 1, 3, 2);
        // 5 / 3 = 1.666… → 1.66 each; the lead: 10 − 3 × 1.66 = 5.02.
        assert_eq!(s.other, Decimal::new(166, 2));
        assert_eq!(s.first, Decimal::new(502, 2));
        let e = split_shares(Decimal::from(10), Split::Equal, 1, 2, 2);
        assert_eq!(
            (e.first, e.lead, e.other),
            (Decimal::new(334, 2), Decimal::new(333, 2), Decimal::new(333, 2))
        );
    }

    #[test]
    fn sums_beyond_96_bits_leave_the_integer_path() {
        let ledger = lvzhi_gen::county(1).into_ledger().unwrap();
        let text = |points: &str| {
            format!(
                "[method]\nid = \"t\"\nname = \"t\"\nbase = 0\n\
                 [[category]]\nid = \"a\"\nname = \"a\"\nmax = 60\n\
                 [[item]]\nid = \"training\"\nname = \"t\"\ncategory = \"a\"\n\
                 match = {{ kind = \"training\" }}\npoints = {points}\n"
            )
        };
        // 60 at 28 decimal places is 6 × 10^29, beyond 2^96.
        for (points, fits) in [("2", true), ("0.0000000000000000000000000001", false)] {
            let rules = RuleSet::from_toml_str(&text(points)).unwrap();
            let cx = Context::new(&ledger, &rules, Period::year(2025), &[], false);
            let mut s = Scratch::new(&rules, cx.words);
            // Stops at the first member who trained, their lines in `s`.
            let trained = (0..ledger.members().len() as u32).map(MemberIx).any(|m| {
                cx.lines(m, ledger.member(m), &mut s, true);
                s.tally[0] > 0
            });
            assert!(trained);
            assert_eq!(cx.category_totals(&mut s).is_some(), fits, "{points}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn shares_sum_exactly(
            cents in -100_000i64..100_000,
            share in 0u32..=100,
            leads in 0u32..4,
            others in 0u32..12,
            dp in 0u32..4,
            mode in 0u8..3,
        ) {
            prop_assume!(leads + others > 0);
            let whole = Decimal::new(cents, 2);
            let split = match mode {
                0 => Split::None,
                1 => Split::Equal,
                _ => Split::LeadShare(Decimal::new(i64::from(share), 2)),
            };
            let s = split_shares(whole, split, leads, others, dp);
            if split != Split::None {
                let sum = if leads > 0 {
                    s.first + s.lead * Decimal::from(leads - 1) + s.other * Decimal::from(others)
                } else {
                    s.first + s.other * Decimal::from(others - 1)
                };
                prop_assert_eq!(sum, whole);
            }
        }
    }
}
