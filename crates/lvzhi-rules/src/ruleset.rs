//! A rule set: one office's evaluation method, read from a rule file,
//! checked, and compiled into matchers over the core's enums.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use lvzhi_core::vocab::normalize;
use lvzhi_core::{
    ActivityField, ActivityFields, ActivityKind, Fields, LiaisonKind, MeetingKind, ParticipationFields,
    ProposalForm, ResearchKind, Term, TrainingKind, Vocabulary,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{position, Problem, RuleError};
use crate::matcher::{KindMatchers, Matcher, ProposalConditions, ReportConditions};
use crate::raw::{
    RawFile, RawFlag, RawGrade, RawItem, RawMatch, RawMemberSelector, RawMethod, RawRequirement,
};
use crate::vocab::{Cohort, GroupPer, LadderOn, List, Over, Per, PeriodLength, SplitMode};
use lvzhi_core::Period;

/// The `[method]` table: what the rule set is and how totals are formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// ASCII id, e.g. `tongcheng-2019`.
    pub id: String,
    /// Name, e.g. 桐城市政协委员履职考核暂行办法.
    pub name: String,
    /// The issuing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Where the text was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// First day in force; `None`: since always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<NaiveDate>,
    /// Last day in force; `None`: until replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// The period the method is written for.
    pub period: PeriodLength,
    /// Points every member starts with, besides the categories' own.
    pub base: Decimal,
    /// The highest total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Decimal>,
    /// The lowest total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Decimal>,
    /// Decimal places kept by divisions (shares, pro-rating, percentiles).
    pub decimals: u32,
    /// Scale the points earned by members in office for part of the period.
    pub prorate: bool,
    /// Score activities linked by `linked_to` once per member.
    pub score_linked_once: bool,
    /// Peer groups to rank members in.
    pub cohorts: Vec<Cohort>,
}

/// A category (分类) of points, with its own cap and floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInfo {
    /// ASCII id.
    pub id: String,
    /// Name, e.g. 会议出席.
    pub name: String,
    /// Points the category starts with.
    pub base: Decimal,
    /// Cap (封顶) on base plus points earned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Decimal>,
    /// The lowest the category can go after deductions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Decimal>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A group of items of which only the highest line counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInfo {
    /// ASCII id.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Per activity or per period.
    pub per: GroupPer,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A scoring item (计分项目).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemInfo {
    /// ASCII id.
    pub id: String,
    /// Name, e.g. 提案立案.
    pub name: String,
    /// Index of its category in the rule set's categories.
    pub category: u16,
    /// Index of its group, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u16>,
    /// Its cap over the period, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A minimum duty (基本要求).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementInfo {
    /// ASCII id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A flag: a consequence or warning raised on a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagInfo {
    /// ASCII id.
    pub id: String,
    /// Name, e.g. 劝辞.
    pub name: String,
    /// What follows, in the method's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A grade band (等次).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeInfo {
    /// ASCII id.
    pub id: String,
    /// Name, e.g. 优秀.
    pub name: String,
    /// Lowest total of the band (inclusive); `None` for the bottom band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Decimal>,
    /// Totals below this (exclusive) are in the band; `None` for the top band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<Decimal>,
    /// At most this percentage of the members evaluated may hold the grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_percent: Option<Decimal>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Points of an item: fixed, or a ladder by level.
#[derive(Debug, Clone)]
pub(crate) enum Points {
    Fixed(Decimal),
    Ladder { on: LadderOn, steps: [Option<Decimal>; 4] },
}

/// How an item's points are shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    None,
    Equal,
    LeadShare(Decimal),
}

/// A compiled item.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub matcher: usize,
    pub category: usize,
    pub group: Option<usize>,
    pub points: Points,
    pub per: Per,
    pub unit: Decimal,
    pub split: Split,
    pub max_credited: Option<u32>,
    pub from_nth: u32,
    pub max_count: Option<u32>,
    pub cap: Option<Decimal>,
}

/// A compiled requirement.
#[derive(Debug, Clone)]
pub(crate) struct Requirement {
    pub matcher: usize,
    pub min: u32,
    pub applies_roles: u32,
    pub applies_standing: Option<bool>,
    pub prorate: bool,
}

/// What a flag looks at.
#[derive(Debug, Clone)]
pub(crate) enum Condition {
    Count {
        matcher: usize,
        at_least: Option<u32>,
        below: Option<u32>,
        over: Over,
    },
    TotalBelow(Decimal),
    /// Grade ids, and their indexes in this rule set.
    Grade {
        ids: Vec<String>,
        grades: Vec<usize>,
    },
    Unmet(Vec<usize>),
}

/// A compiled flag.
#[derive(Debug, Clone)]
pub(crate) struct FlagRule {
    pub condition: Condition,
    pub consecutive: u32,
    pub times: u32,
    pub at_term_end: bool,
}

impl FlagRule {
    pub fn uses_grade(&self) -> bool {
        matches!(self.condition, Condition::Grade { .. })
    }
}

/// A compiled grade (bands sorted from the highest down).
#[derive(Debug, Clone)]
pub(crate) struct Grade {
    pub min: Option<Decimal>,
    pub below: Option<Decimal>,
    pub quota: Option<Decimal>,
    pub requires: Vec<usize>,
    pub unless_flags: Vec<usize>,
}

/// What a matcher is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    Item(usize),
    Count,
}

/// One office's evaluation method, checked and compiled.
///
/// Read one with [`RuleSet::from_toml_str`] or [`RuleSet::preset`]; the
/// format is described in `docs/rules.md`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    method: Method,
    categories: Vec<CategoryInfo>,
    groups: Vec<GroupInfo>,
    items: Vec<ItemInfo>,
    requirements: Vec<RequirementInfo>,
    flags: Vec<FlagInfo>,
    grades: Vec<GradeInfo>,
    pub(crate) matchers: Vec<Matcher>,
    /// Per activity kind, the matchers it can meet (from `matchers`, which
    /// never change after `build`).
    pub(crate) by_kind: Vec<KindMatchers>,
    pub(crate) uses: Vec<Use>,
    pub(crate) compiled_items: Vec<Item>,
    pub(crate) compiled_requirements: Vec<Requirement>,
    pub(crate) compiled_flags: Vec<FlagRule>,
    pub(crate) compiled_grades: Vec<Grade>,
    /// This build's own number: a ledger keeps the matcher bits a rule set
    /// marked its activities with under it (`Ledger::marks`), and the
    /// engine finds them by it. Clones keep it (their matchers are the
    /// same); every rule file read gets a new one.
    pub(crate) tag: u64,
}

/// The next `RuleSet::tag`.
fn next_tag() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl RuleSet {
    /// Reads a rule file. The first problem found (in file order) is
    /// returned with its line and column.
    pub fn from_toml_str(text: &str) -> Result<RuleSet, RuleError> {
        compile(text).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Every problem in a rule file, in file order; empty when it is valid.
    pub fn check_toml_str(text: &str) -> Vec<RuleError> {
        compile(text).err().unwrap_or_default()
    }

    /// The `[method]` table.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.method.id
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.method.name
    }

    /// Which optional facts of a participation (speech, half-days, late,
    /// left early, throughout) anything in this rule set looks at: its
    /// matchers' conditions and items counted per half-day. A reader
    /// scoring under it may leave the others out
    /// (`Ledger::for_scoring_with`); scores are the same.
    pub fn participation_fields(&self) -> ParticipationFields {
        let mut f = ParticipationFields::NONE;
        for m in &self.matchers {
            f.speech |= m.speeches != 0 || m.spoke.is_some();
            f.half_days |= m.fraction_at_least.is_some() || m.fraction_below.is_some();
            f.late |= m.late.is_some();
            f.left_early |= m.left_early.is_some();
            f.throughout |= m.throughout.is_some();
        }
        f.half_days |= self.compiled_items.iter().any(|i| i.per == Per::HalfDay);
        f
    }

    /// Which optional activity fields anything in this rule set looks at:
    /// its matchers' conditions, ladders, items counted per hour or
    /// half-day, and scoring linked activities once. A reader scoring under
    /// it may leave the others out; scores are the same.
    pub fn activity_fields(&self) -> ActivityFields {
        use crate::matcher::has;
        use ActivityField as F;
        let mut f = ActivityFields::NONE;
        for m in &self.matchers {
            f = f
                .with_if(F::Functions, m.functions != 0)
                .with_if(F::OffSite, m.off_site.is_some())
                .with_if(F::ReportProduced, m.report_produced.is_some())
                // A donation's subtype is money or goods, read from either column.
                .with_if(F::InKind, !m.subtypes.is_empty() && has(m.kinds, ActivityKind::Donation as u32));
            if let Some(c) = &m.proposal {
                f = f
                    .with_if(F::Designation, c.designations != 0)
                    .with_if(
                        F::ForwardedTo,
                        c.forwarded.is_some() || c.forwarded_to != 0 || c.forwarded_to_at_least.is_some(),
                    )
                    .with_if(F::Session, c.sessions != 0)
                    .with_if(F::ReplyCategory, c.replies != 0)
                    .with_if(F::Satisfaction, c.satisfaction != 0);
            }
            if let Some(c) = &m.report {
                f = f
                    .with_if(
                        F::AdoptedBy,
                        c.adopted.is_some() || c.adopted_by != 0 || c.adopted_by_at_least.is_some(),
                    )
                    .with_if(F::AdoptionMode, c.modes != 0)
                    .with_if(
                        F::InstructedBy,
                        c.instructed.is_some() || c.instructed_by != 0 || c.instructed_by_at_least.is_some(),
                    )
                    .with_if(F::Commissioned, c.commissioned.is_some());
            }
        }
        for item in &self.compiled_items {
            f = f.with_if(F::Hours, item.per == Per::Hour);
            if let Points::Ladder { on, .. } = item.points {
                f = match on {
                    LadderOn::Level => f,
                    LadderOn::AdoptedBy => f.with(F::AdoptedBy),
                    LadderOn::InstructedBy => f.with(F::InstructedBy),
                    LadderOn::ForwardedTo => f.with(F::ForwardedTo),
                };
            }
        }
        // Half-days attended are read against the meeting's half-days.
        f.with_if(F::HalfDays, self.participation_fields().half_days)
            .with_if(F::LinkedTo, self.method.score_linked_once)
    }

    /// Everything optional this rule set reads, of participations and
    /// activities: what a reader scoring under it must keep
    /// (`Ledger::for_scoring_with`).
    pub fn fields(&self) -> Fields {
        Fields { participations: self.participation_fields(), activities: self.activity_fields() }
    }

    /// Whether anything in this rule set looks at the participations in
    /// `activity`: whether some matcher's conditions on the activity accept
    /// it (items, requirements and flags all count through matchers). A
    /// reader scoring under this rule set may leave out the participations
    /// of the others (`Ledger::hold_participations_only_of`); scores are
    /// the same.
    pub fn reads_participations_in(&self, activity: &lvzhi_core::Activity) -> bool {
        self.matched_words(activity).any(|w| w != 0)
    }

    /// Whether an activity's matcher bits are one word (at most 64 matchers).
    pub(crate) fn one_word(&self) -> bool {
        self.matchers.len() <= 64
    }

    /// The words of `a`'s matcher bits, in order: the matchers whose
    /// conditions on the activity it meets (matcher `j` at bit `j % 64` of
    /// word `j / 64`), found through the matchers of its kind.
    pub(crate) fn matched_words<'a>(&'a self, a: &'a lvzhi_core::Activity) -> impl Iterator<Item = u64> + 'a {
        let kind = &self.by_kind[a.kind() as usize];
        let subtype = kind.subtype(a);
        (0..kind.always.len()).map(move |w| kind.word(&self.matchers, a, subtype.as_deref(), w))
    }

    /// Categories, in file order.
    pub fn categories(&self) -> &[CategoryInfo] {
        &self.categories
    }

    /// Groups, in file order.
    pub fn groups(&self) -> &[GroupInfo] {
        &self.groups
    }

    /// Items, in file order.
    pub fn items(&self) -> &[ItemInfo] {
        &self.items
    }

    /// Requirements, in file order.
    pub fn requirements(&self) -> &[RequirementInfo] {
        &self.requirements
    }

    /// Flags, in file order.
    pub fn flags(&self) -> &[FlagInfo] {
        &self.flags
    }

    /// Grades, from the highest band down.
    pub fn grades(&self) -> &[GradeInfo] {
        &self.grades
    }

    /// Whether the rule set is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.method.effective_from.is_none_or(|f| f <= date)
            && self.method.effective_to.is_none_or(|t| date <= t)
    }

    /// The periods of `term` this method evaluates: calendar years clipped
    /// to the term, or the term itself.
    pub fn periods_of(&self, term: &Term) -> Vec<Period> {
        match self.method.period {
            PeriodLength::Term => vec![Period::new(term.start, term.end)],
            PeriodLength::Year => (term.start.year()..=term.end.year())
                .map(|y| {
                    let year = Period::year(y);
                    Period::new(year.start.max(term.start), year.end.min(term.end))
                })
                .collect(),
        }
    }
}

/// Ids must be plain ASCII so that they survive every file format.
fn good_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The largest number of points (or cap, base …) a rule file may state.
fn sane_limit() -> Decimal {
    Decimal::from(1_000_000_000u32)
}

fn kind_bit(k: ActivityKind) -> u32 {
    1 << k as u32
}

fn kinds_mask(kinds: &[ActivityKind]) -> u32 {
    kinds.iter().fold(0, |m, k| m | kind_bit(*k))
}

fn kinds_text(mask: u32) -> String {
    ActivityKind::ALL
        .iter()
        .filter(|k| mask & kind_bit(**k) != 0)
        .map(|k| k.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn mask<V: Vocabulary + PartialEq>(values: &[V]) -> u32 {
    values.iter().fold(0, |m, v| m | 1 << V::ALL.iter().position(|x| x == v).unwrap_or(0))
}

fn vocab_list<V: Vocabulary>() -> String {
    V::ALL.iter().map(|v| format!("{} ({})", v.code(), v.label())).collect::<Vec<_>>().join(", ")
}

/// The subtype code `text` names for `kind`: `None` when the kind has no
/// subtypes, `Some(None)` when `text` is not one of them.
fn subtype_code(kind: ActivityKind, text: &str) -> Option<Option<String>> {
    fn code<V: Vocabulary>(text: &str) -> Option<String> {
        V::parse(text).ok().map(|v| v.code().to_string())
    }
    Some(match kind {
        ActivityKind::Proposal => code::<ProposalForm>(text),
        ActivityKind::Meeting => code::<MeetingKind>(text),
        ActivityKind::Training => code::<TrainingKind>(text),
        ActivityKind::Research => code::<ResearchKind>(text),
        ActivityKind::Liaison => code::<LiaisonKind>(text),
        ActivityKind::Donation => match normalize(text).to_ascii_lowercase().as_str() {
            "money" | "捐款" | "现金" => Some("money".into()),
            "in_kind" | "捐物" | "实物" => Some("in_kind".into()),
            _ => None,
        },
        ActivityKind::Other => Some(normalize(text)).filter(|s| !s.is_empty()),
        _ => return None,
    })
}

fn subtype_expected(kind: ActivityKind) -> Option<String> {
    Some(match kind {
        ActivityKind::Proposal => vocab_list::<ProposalForm>(),
        ActivityKind::Meeting => vocab_list::<MeetingKind>(),
        ActivityKind::Training => vocab_list::<TrainingKind>(),
        ActivityKind::Research => vocab_list::<ResearchKind>(),
        ActivityKind::Liaison => vocab_list::<LiaisonKind>(),
        ActivityKind::Donation => "money (捐款), in_kind (捐物)".into(),
        ActivityKind::Other => "any text (the office's own subtype)".into(),
        _ => return None,
    })
}

const ALL_KINDS: u32 = (1 << 12) - 1;

fn attended_kinds() -> u32 {
    use ActivityKind as K;
    kinds_mask(&[K::Meeting, K::Training, K::Research, K::Liaison, K::Volunteering, K::Other])
}

/// Collects problems with their byte offsets while compiling.
struct Checker {
    problems: Vec<(usize, Problem)>,
}

impl Checker {
    fn at<T>(&mut self, s: &Spanned<T>, p: Problem) {
        self.problems.push((s.span().start, p));
    }

    fn id(&mut self, s: &Spanned<String>) -> String {
        if !good_id(s.get_ref()) {
            self.at(s, Problem::BadId(s.get_ref().clone()));
        }
        s.get_ref().clone()
    }

    fn decimal(&mut self, s: &Option<Spanned<Decimal>>) -> Option<Decimal> {
        let s = s.as_ref()?;
        let v = *s.get_ref();
        if v.abs() > sane_limit() {
            self.at(s, Problem::TooLarge(v));
        }
        Some(v)
    }

    fn non_negative(&mut self, s: &Option<Spanned<Decimal>>, what: &'static str) -> Option<Decimal> {
        let v = self.decimal(s)?;
        if v < Decimal::ZERO {
            if let Some(s) = s {
                self.at(s, Problem::Negative { what, value: v });
            }
        }
        Some(v)
    }

    fn positive_count(&mut self, s: &Option<Spanned<u32>>, what: &'static str) -> Option<u32> {
        let s = s.as_ref()?;
        if *s.get_ref() == 0 {
            self.at(s, Problem::NotPositive { what });
        }
        Some(*s.get_ref())
    }

    fn date(&mut self, s: &Option<Spanned<toml::Value>>) -> Option<NaiveDate> {
        let s = s.as_ref()?;
        let parsed = match s.get_ref() {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date.and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            }),
            toml::Value::String(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.at(s, Problem::BadDate(s.get_ref().to_string()));
        }
        parsed
    }

    /// Checks `base` within `[floor, max]` and `max >= floor`.
    fn range(
        &mut self,
        base: (Decimal, Option<&Spanned<Decimal>>),
        max: (Option<Decimal>, Option<&Spanned<Decimal>>),
        floor: Option<Decimal>,
    ) {
        if let (Some(m), Some(f), Some(at)) = (max.0, floor, max.1) {
            if m < f {
                self.at(at, Problem::MaxBelowFloor { max: m, floor: f });
                return;
            }
        }
        let (b, at) = base;
        if max.0.is_some_and(|m| b > m) || floor.is_some_and(|f| b < f) {
            match at.or(max.1) {
                Some(at) => self.at(at, Problem::BaseOutOfRange { base: b }),
                None => self.problems.push((0, Problem::BaseOutOfRange { base: b })),
            }
        }
    }

    /// Registers ids, reporting duplicates and bad spellings.
    fn ids<'a>(
        &mut self,
        what: &'static str,
        ids: impl Iterator<Item = &'a Spanned<String>>,
    ) -> HashMap<String, usize> {
        let mut map = HashMap::new();
        for (i, s) in ids.enumerate() {
            let id = self.id(s);
            if map.insert(id.clone(), i).is_some() {
                self.at(s, Problem::DuplicateId { what, id });
            }
        }
        map
    }

    fn reference(
        &mut self,
        what: &'static str,
        map: &HashMap<String, usize>,
        s: &Spanned<String>,
    ) -> Option<usize> {
        let found = map.get(s.get_ref()).copied();
        if found.is_none() {
            self.at(s, Problem::UnknownReference { what, id: s.get_ref().clone() });
        }
        found
    }

    fn references(
        &mut self,
        what: &'static str,
        map: &HashMap<String, usize>,
        s: &Option<Spanned<List<String>>>,
    ) -> Vec<usize> {
        let Some(s) = s else { return Vec::new() };
        let mut out = Vec::new();
        for id in &s.get_ref().0 {
            match map.get(id) {
                Some(&i) => out.push(i),
                None => self.at(s, Problem::UnknownReference { what, id: id.clone() }),
            }
        }
        out
    }

    fn list<'a, T>(&mut self, s: &'a Option<Spanned<List<T>>>, key: &'static str) -> Option<&'a [T]> {
        let s = s.as_ref()?;
        if s.get_ref().0.is_empty() {
            self.at(s, Problem::EmptyList(key));
        }
        Some(&s.get_ref().0)
    }

    fn compile_match(&mut self, m: &RawMatch) -> Matcher {
        let mut out = Matcher::default();
        // (key, kinds it applies to, offset) for every condition given.
        let mut applies: Vec<(&'static str, u32, usize)> = Vec::new();
        let off = |s: &dyn SpanOf| s.offset();

        let kinds = self.list(&m.kind, "kind").map(kinds_mask);
        out.kinds = kinds.unwrap_or(0);

        if let Some(list) = self.list(&m.subtype, "subtype") {
            let s = m.subtype.as_ref().map_or(0, |s| s.span().start);
            match kinds {
                None => self.problems.push((s, Problem::SubtypeWithoutKind)),
                Some(kmask) => {
                    for text in list {
                        let mut found = false;
                        let mut any_subtypes = false;
                        for k in ActivityKind::ALL.iter().filter(|k| kmask & kind_bit(**k) != 0) {
                            if let Some(code) = subtype_code(*k, text) {
                                any_subtypes = true;
                                if let Some(code) = code {
                                    found = true;
                                    if !out.subtypes.iter().any(|x| **x == *code) {
                                        out.subtypes.push(code.into_boxed_str());
                                    }
                                }
                            }
                        }
                        if !found {
                            let expected: Vec<String> = ActivityKind::ALL
                                .iter()
                                .filter(|k| kmask & kind_bit(**k) != 0)
                                .filter_map(|k| subtype_expected(*k))
                                .collect();
                            let problem = if any_subtypes {
                                Problem::UnknownSubtype {
                                    value: text.clone(),
                                    kinds: kinds_text(kmask),
                                    expected: expected.join("; "),
                                }
                            } else {
                                Problem::DoesNotApply { key: "subtype", kinds: kinds_text(kmask) }
                            };
                            self.problems.push((s, problem));
                        }
                    }
                }
            }
        }

        if let Some(l) = self.list(&m.level, "level") {
            out.levels = mask(l);
        }
        out.level_at_least = m.level_at_least.as_ref().map(|s| *s.get_ref());
        if let Some(l) = self.list(&m.function, "function") {
            out.functions = mask(l);
        }

        let proposal = kind_bit(ActivityKind::Proposal);
        let mut p = ProposalConditions::default();
        let mut any_p = false;
        if let Some(l) = self.list(&m.status, "status") {
            p.statuses = mask(l);
            applies.push(("status", proposal, off(&m.status)));
        }
        macro_rules! flag {
            ($field:ident, $target:expr, $kinds:expr, $any:expr) => {
                if let Some(s) = &m.$field {
                    $target = Some(*s.get_ref());
                    applies.push((stringify!($field), $kinds, s.span().start));
                    $any = true;
                }
            };
        }
        macro_rules! masked {
            ($field:ident, $target:expr, $kinds:expr, $any:expr) => {
                if let Some(l) = self.list(&m.$field, stringify!($field)) {
                    $target = mask(l);
                    applies.push((stringify!($field), $kinds, off(&m.$field)));
                    $any = true;
                }
            };
        }
        any_p |= p.statuses != 0;
        flag!(filed, p.filed, proposal, any_p);
        masked!(designation, p.designations, proposal, any_p);
        flag!(forwarded, p.forwarded, proposal, any_p);
        masked!(forwarded_to, p.forwarded_to, proposal, any_p);
        flag!(forwarded_to_at_least, p.forwarded_to_at_least, proposal, any_p);
        masked!(session, p.sessions, proposal, any_p);
        masked!(reply_category, p.replies, proposal, any_p);
        masked!(satisfaction, p.satisfaction, proposal, any_p);
        if any_p {
            out.proposal = Some(p);
        }

        let report = kind_bit(ActivityKind::OpinionReport);
        let mut r = ReportConditions::default();
        let mut any_r = false;
        flag!(adopted, r.adopted, report, any_r);
        masked!(adopted_by, r.adopted_by, report, any_r);
        flag!(adopted_by_at_least, r.adopted_by_at_least, report, any_r);
        masked!(adoption_mode, r.modes, report, any_r);
        flag!(instructed, r.instructed, report, any_r);
        masked!(instructed_by, r.instructed_by, report, any_r);
        flag!(instructed_by_at_least, r.instructed_by_at_least, report, any_r);
        flag!(commissioned, r.commissioned, report, any_r);
        if any_r {
            out.report = Some(r);
        }

        let mut unused = false;
        flag!(report_produced, out.report_produced, kind_bit(ActivityKind::Research), unused);
        flag!(off_site, out.off_site, kind_bit(ActivityKind::Training), unused);

        let attended = attended_kinds();
        let meeting = kind_bit(ActivityKind::Meeting);
        masked!(attendance, out.attendance, attended, unused);
        flag!(attended, out.attended, attended, unused);
        masked!(speech, out.speeches, meeting | kind_bit(ActivityKind::Training), unused);
        flag!(spoke, out.spoke, meeting | kind_bit(ActivityKind::Training), unused);
        flag!(throughout, out.throughout, attended, unused);
        flag!(late, out.late, attended, unused);
        flag!(left_early, out.left_early, attended, unused);
        for (s, target, key) in [
            (&m.attended_fraction_at_least, &mut out.fraction_at_least, "attended_fraction_at_least"),
            (&m.attended_fraction_below, &mut out.fraction_below, "attended_fraction_below"),
        ] {
            if let Some(s) = s {
                let v = *s.get_ref();
                if v < Decimal::ZERO || v > Decimal::ONE {
                    self.at(s, Problem::OutOfUnitRange { key, value: v });
                }
                *target = Some(v);
                applies.push((key, meeting, s.span().start));
            }
        }
        let _ = unused;

        if let Some(roles) = self.list(&m.role, "role") {
            out.roles = mask(roles);
            if let Some(kmask) = kinds {
                for role in roles {
                    let fits = ActivityKind::ALL.iter().any(|k| kmask & kind_bit(*k) != 0 && role.fits(*k));
                    if !fits {
                        self.problems.push((
                            off(&m.role),
                            Problem::RoleDoesNotFit { role: role.code().into(), kinds: kinds_text(kmask) },
                        ));
                    }
                }
            }
        }
        if let Some(l) = self.list(&m.member_role, "member_role") {
            out.member_roles = mask(l);
        }
        out.standing = m.standing.as_ref().map(|s| *s.get_ref());

        // Absences never earn points unless asked for.
        if out.attendance == 0 && out.attended.is_none() {
            out.attended = Some(true);
        }

        // Conditions must fit the kinds matched, and each other.
        match kinds {
            Some(kmask) => {
                for (key, fits, at) in &applies {
                    if kmask & fits == 0 {
                        self.problems.push((*at, Problem::DoesNotApply { key, kinds: kinds_text(kmask) }));
                    }
                }
            }
            None => {
                let mut common = ALL_KINDS;
                let mut first: Option<&'static str> = None;
                for (key, fits, at) in &applies {
                    if common & fits == 0 {
                        self.problems.push((*at, Problem::Contradictory { a: first.unwrap_or(key), b: key }));
                        break;
                    }
                    if common & fits != common {
                        first = Some(key);
                    }
                    common &= fits;
                }
            }
        }
        out
    }
}

/// Byte offset of an optional spanned value (0 when absent).
trait SpanOf {
    fn offset(&self) -> usize;
}

impl<T> SpanOf for Option<Spanned<T>> {
    fn offset(&self) -> usize {
        self.as_ref().map_or(0, |s| s.span().start)
    }
}

fn syntax_error(text: &str, e: &toml::de::Error) -> RuleError {
    let (line, column) = position(text, e.span().map_or(0, |s| s.start));
    RuleError::Syntax { line, column, message: e.message().trim().to_string() }
}

/// Parses and checks a rule file; every problem in file order on failure.
pub(crate) fn compile(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| vec![syntax_error(text, &e)])?;
    let mut c = Checker { problems: Vec::new() };
    let set = build(&mut c, &raw);
    if c.problems.is_empty() {
        return Ok(set);
    }
    c.problems.sort_by_key(|(at, _)| *at);
    Err(c
        .problems
        .into_iter()
        .map(|(at, problem)| {
            let (line, column) = position(text, at);
            RuleError::Invalid { line, column, problem }
        })
        .collect())
}

fn build(c: &mut Checker, raw: &RawFile) -> RuleSet {
    let method = build_method(c, &raw.method);

    let category_ids = c.ids("category", raw.category.iter().map(|x| &x.id));
    let group_ids = c.ids("group", raw.group.iter().map(|x| &x.id));
    let _item_ids = c.ids("item", raw.item.iter().map(|x| &x.id));
    let requirement_ids = c.ids("requirement", raw.requirement.iter().map(|x| &x.id));
    let flag_ids = c.ids("flag", raw.flag.iter().map(|x| &x.id));
    let grade_ids = c.ids("grade", raw.grade.iter().map(|x| &x.id));

    let categories = raw
        .category
        .iter()
        .map(|cat| {
            let base = c.decimal(&cat.base).unwrap_or_default();
            let max = c.non_negative(&cat.max, "max");
            let floor = c.decimal(&cat.floor);
            c.range((base, cat.base.as_ref()), (max, cat.max.as_ref()), floor);
            CategoryInfo {
                id: cat.id.get_ref().clone(),
                name: cat.name.clone(),
                base,
                max,
                floor,
                note: cat.note.clone(),
            }
        })
        .collect();

    let groups: Vec<GroupInfo> = raw
        .group
        .iter()
        .map(|g| GroupInfo {
            id: g.id.get_ref().clone(),
            name: g.name.clone(),
            per: g.per.unwrap_or(GroupPer::Activity),
            note: g.note.clone(),
        })
        .collect();

    let mut matchers = Vec::new();
    let mut uses = Vec::new();
    let mut items = Vec::new();
    let mut compiled_items = Vec::new();
    for (index, it) in raw.item.iter().enumerate() {
        let category = c.reference("category", &category_ids, &it.category);
        let group = it.group.as_ref().and_then(|g| c.reference("group", &group_ids, g));
        let matcher = c.compile_match(&it.matcher);
        let item = build_item(c, it, &matcher, matchers.len(), category.unwrap_or(0), group);
        items.push(ItemInfo {
            id: it.id.get_ref().clone(),
            name: it.name.clone(),
            category: u16::try_from(category.unwrap_or(0)).unwrap_or(u16::MAX),
            group: group.map(|g| u16::try_from(g).unwrap_or(u16::MAX)),
            cap: item.cap,
            note: it.note.clone(),
        });
        matchers.push(matcher);
        uses.push(Use::Item(index));
        compiled_items.push(item);
    }

    let mut requirements = Vec::new();
    let mut compiled_requirements = Vec::new();
    for r in &raw.requirement {
        compiled_requirements.push(build_requirement(c, r, &mut matchers, &mut uses));
        requirements.push(RequirementInfo {
            id: r.id.get_ref().clone(),
            name: r.name.clone(),
            note: r.note.clone(),
        });
    }

    // Grades sorted from the highest band down.
    let order = grade_order(c, &raw.grade);
    let sorted_grade_ids: HashMap<String, usize> =
        order.iter().enumerate().map(|(pos, &i)| (raw.grade[i].id.get_ref().clone(), pos)).collect();
    let _ = &grade_ids;

    let mut flags = Vec::new();
    let mut compiled_flags = Vec::new();
    for f in &raw.flag {
        compiled_flags.push(build_flag(c, f, &requirement_ids, &sorted_grade_ids, &mut matchers, &mut uses));
        flags.push(FlagInfo {
            id: f.id.get_ref().clone(),
            name: f.name.clone(),
            consequence: f.consequence.clone(),
            note: f.note.clone(),
        });
    }

    let mut grades = Vec::new();
    let mut compiled_grades = Vec::new();
    for &i in &order {
        let g = &raw.grade[i];
        let quota = c.non_negative(&g.quota_percent, "quota_percent");
        if let (Some(q), Some(at)) = (quota, &g.quota_percent) {
            if q > Decimal::ONE_HUNDRED {
                c.at(at, Problem::QuotaOver100(q));
            }
        }
        let requires = c.references("requirement", &requirement_ids, &g.requires);
        let unless_flags = c.references("flag", &flag_ids, &g.unless_flags);
        for &f in &unless_flags {
            if compiled_flags.get(f).is_some_and(FlagRule::uses_grade) {
                if let Some(at) = &g.unless_flags {
                    c.at(
                        at,
                        Problem::GradeCycle {
                            grade: g.id.get_ref().clone(),
                            flag: raw.flag[f].id.get_ref().clone(),
                        },
                    );
                }
            }
        }
        let min = g.min.as_ref().map(|s| *s.get_ref());
        let below = g.below.as_ref().map(|s| *s.get_ref());
        grades.push(GradeInfo {
            id: g.id.get_ref().clone(),
            name: g.name.clone(),
            min,
            below,
            quota_percent: quota,
            note: g.note.clone(),
        });
        compiled_grades.push(Grade { min, below, quota, requires, unless_flags });
    }

    RuleSet {
        method,
        categories,
        groups,
        items,
        requirements,
        flags,
        grades,
        by_kind: KindMatchers::of(&matchers, ActivityKind::ALL.len()),
        matchers,
        uses,
        compiled_items,
        compiled_requirements,
        compiled_flags,
        compiled_grades,
        tag: next_tag(),
    }
}

/// What a reader scoring under this rule set must read.
impl lvzhi_core::Reads for RuleSet {
    fn fields(&self) -> Fields {
        RuleSet::fields(self)
    }

    fn participations_in(&self, activity: &lvzhi_core::Activity) -> bool {
        self.reads_participations_in(activity)
    }

    /// The kinds some matcher names; every kind when linked activities
    /// score once, since a family may be joined through an activity of a
    /// kind no item scores.
    fn activities_of(&self, kind: ActivityKind) -> bool {
        !self.by_kind[kind as usize].none() || self.method.score_linked_once
    }

    /// The subtypes some matcher of the kind may accept: every subtype
    /// when one of them names none; every subtype of every kind when
    /// linked activities score once.
    fn activities_of_subtype(&self, kind: ActivityKind, subtype: &str) -> bool {
        self.method.score_linked_once || self.by_kind[kind as usize].may_accept(kind, subtype)
    }

    /// The activity's matcher bits, which the engine would otherwise find
    /// again (`RuleSet::matched_words`); kept only for rule sets of at most
    /// 64 matchers (every preset), whose bits are one word.
    fn mark(&self, activity: &lvzhi_core::Activity) -> u64 {
        match self.one_word() {
            true => self.matched_words(activity).next().unwrap_or(0),
            false => u64::from(self.reads_participations_in(activity)),
        }
    }

    fn tag(&self) -> Option<u64> {
        self.one_word().then_some(self.tag)
    }
}

fn build_method(c: &mut Checker, m: &RawMethod) -> Method {
    let id = c.id(&m.id);
    let from = c.date(&m.effective_from);
    let to = c.date(&m.effective_to);
    if let (Some(f), Some(t), Some(at)) = (from, to, &m.effective_to) {
        if t < f {
            c.at(at, Problem::DatesReversed);
        }
    }
    let base = c.decimal(&m.base).unwrap_or_default();
    let max_total = c.decimal(&m.max_total);
    let floor = c.decimal(&m.floor);
    c.range((base, m.base.as_ref()), (max_total, m.max_total.as_ref()), floor);
    let decimals = m.decimals.as_ref().map_or(2, |s| *s.get_ref());
    if let Some(s) = &m.decimals {
        if decimals > 10 {
            c.at(s, Problem::TooManyDecimals(decimals));
        }
    }
    let mut cohorts: Vec<Cohort> = Vec::new();
    for k in m.cohorts.as_ref().map_or(&[Cohort::Committee, Cohort::Sector][..], |l| &l.0) {
        if !cohorts.contains(k) {
            cohorts.push(*k);
        }
    }
    Method {
        id,
        name: m.name.clone(),
        issuer: m.issuer.clone(),
        source: m.source.clone(),
        note: m.note.clone(),
        effective_from: from,
        effective_to: to,
        period: m.period.unwrap_or(PeriodLength::Year),
        base,
        max_total,
        floor,
        decimals: decimals.min(10),
        prorate: m.prorate.unwrap_or(false),
        score_linked_once: m.score_linked_once.unwrap_or(false),
        cohorts,
    }
}

fn build_item(
    c: &mut Checker,
    it: &RawItem,
    matcher: &Matcher,
    matcher_index: usize,
    category: usize,
    group: Option<usize>,
) -> Item {
    let kinds = matcher.kinds;
    let given = |k: ActivityKind| kinds == 0 || kinds & kind_bit(k) != 0;

    let points = match (&it.points, &it.ladder) {
        (Some(_), Some(ladder)) => {
            c.at(ladder, Problem::Conflict { a: "points", b: "ladder" });
            Points::Fixed(Decimal::ZERO)
        }
        (Some(_), None) => {
            if let Some(on) = &it.ladder_on {
                c.at(on, Problem::OnlyWith { key: "ladder_on", with: "`ladder`" });
            }
            Points::Fixed(c.decimal(&it.points).unwrap_or_default())
        }
        (None, Some(ladder)) => {
            let on = it.ladder_on.as_ref().map_or(LadderOn::Level, |s| *s.get_ref());
            let needs = match on {
                LadderOn::Level => None,
                LadderOn::AdoptedBy | LadderOn::InstructedBy => Some(ActivityKind::OpinionReport),
                LadderOn::ForwardedTo => Some(ActivityKind::Proposal),
            };
            if let (Some(k), Some(at)) = (needs, &it.ladder_on) {
                if !given(k) {
                    c.at(at, Problem::DoesNotApply { key: "ladder_on", kinds: kinds_text(kinds) });
                }
            }
            let mut steps = [None; 4];
            for (level, v) in ladder.get_ref() {
                if v.abs() > sane_limit() {
                    c.at(ladder, Problem::TooLarge(*v));
                }
                steps[*level as usize] = Some(*v);
            }
            if ladder.get_ref().is_empty() {
                c.at(ladder, Problem::EmptyList("ladder"));
            }
            Points::Ladder { on, steps }
        }
        (None, None) => {
            c.at(&it.id, Problem::Missing("an item needs `points` or `ladder`"));
            Points::Fixed(Decimal::ZERO)
        }
    };

    let per = it.per.as_ref().map_or(Per::Occurrence, |s| *s.get_ref());
    if let Some(at) = &it.per {
        let fits = match per {
            Per::HalfDay => given(ActivityKind::Meeting),
            Per::Hour => {
                given(ActivityKind::Training)
                    || given(ActivityKind::Liaison)
                    || given(ActivityKind::Volunteering)
            }
            Per::Amount => given(ActivityKind::Donation),
            Per::Occurrence | Per::Once => true,
        };
        if !fits {
            c.at(at, Problem::DoesNotApply { key: "per", kinds: kinds_text(kinds) });
        }
    }
    let unit = c.decimal(&it.unit).unwrap_or(Decimal::ONE);
    if let Some(at) = &it.unit {
        if !matches!(per, Per::HalfDay | Per::Hour | Per::Amount) {
            c.at(at, Problem::OnlyWith { key: "unit", with: "per = \"half_day\", \"hour\" or \"amount\"" });
        } else if unit <= Decimal::ZERO {
            c.at(at, Problem::NotPositive { what: "unit" });
        }
    }

    let split_mode = it.split.as_ref().map_or(SplitMode::None, |s| *s.get_ref());
    let split = match (split_mode, &it.lead_share) {
        (SplitMode::LeadShare, Some(s)) => {
            let v = *s.get_ref();
            if v < Decimal::ZERO || v > Decimal::ONE {
                c.at(s, Problem::OutOfUnitRange { key: "lead_share", value: v });
            }
            Split::LeadShare(v)
        }
        (SplitMode::LeadShare, None) => {
            if let Some(at) = &it.split {
                c.at(at, Problem::Missing("split = \"lead_share\" needs `lead_share`, e.g. 0.5"));
            }
            Split::LeadShare(Decimal::ONE)
        }
        (mode, share) => {
            if let Some(at) = share {
                c.at(at, Problem::OnlyWith { key: "lead_share", with: "split = \"lead_share\"" });
            }
            if mode == SplitMode::Equal {
                Split::Equal
            } else {
                Split::None
            }
        }
    };

    let max_credited = c.positive_count(&it.max_credited, "max_credited");
    let from_nth = c.positive_count(&it.from_nth, "from_nth");
    let max_count = c.positive_count(&it.max_count, "max_count");
    if per == Per::Once {
        for (key, s) in [("from_nth", &it.from_nth), ("max_count", &it.max_count)] {
            if let Some(at) = s {
                c.at(at, Problem::Conflict { a: "per = \"once\"", b: key });
            }
        }
    }
    let cap = c.non_negative(&it.cap, "cap");

    Item {
        matcher: matcher_index,
        category,
        group,
        points,
        per,
        unit,
        split,
        max_credited,
        from_nth: from_nth.unwrap_or(1),
        max_count,
        cap,
    }
}

fn member_selector(c: &mut Checker, sel: &Option<RawMemberSelector>) -> (u32, Option<bool>) {
    let Some(sel) = sel else { return (0, None) };
    let roles = c.list(&sel.member_role, "member_role").map_or(0, mask);
    (roles, sel.standing.as_ref().map(|s| *s.get_ref()))
}

fn build_requirement(
    c: &mut Checker,
    r: &RawRequirement,
    matchers: &mut Vec<Matcher>,
    uses: &mut Vec<Use>,
) -> Requirement {
    let m = c.compile_match(&r.matcher);
    let matcher = matchers.len();
    matchers.push(m);
    uses.push(Use::Count);
    let min = r.min.as_ref().map_or(1, |s| *s.get_ref());
    let (applies_roles, applies_standing) = member_selector(c, &r.applies_to);
    Requirement { matcher, min, applies_roles, applies_standing, prorate: r.prorate.unwrap_or(false) }
}

fn build_flag(
    c: &mut Checker,
    f: &RawFlag,
    requirement_ids: &HashMap<String, usize>,
    grade_ids: &HashMap<String, usize>,
    matchers: &mut Vec<Matcher>,
    uses: &mut Vec<Use>,
) -> FlagRule {
    let given: Vec<&'static str> = [
        ("count", f.count.is_some()),
        ("total_below", f.total_below.is_some()),
        ("grade", f.grade.is_some()),
        ("unmet", f.unmet.is_some()),
    ]
    .into_iter()
    .filter_map(|(k, on)| on.then_some(k))
    .collect();
    if given.is_empty() {
        c.at(
            &f.id,
            Problem::Missing("a flag needs one condition: `count`, `total_below`, `grade` or `unmet`"),
        );
    } else if given.len() > 1 {
        c.at(&f.id, Problem::Conflict { a: given[0], b: given[1] });
    }
    if f.count.is_none() {
        for (key, at) in
            [("at_least", f.at_least.offset()), ("below", f.below.offset()), ("over", f.over.offset())]
        {
            if at > 0 {
                c.problems.push((at, Problem::OnlyWith { key, with: "`count`" }));
            }
        }
    }
    let over = f.over.as_ref().map_or(Over::Period, |s| *s.get_ref());
    let consecutive = c.positive_count(&f.consecutive, "consecutive").unwrap_or(1);
    let times = c.positive_count(&f.times, "times").unwrap_or(1);
    if let (Some(_), Some(at)) = (&f.consecutive, &f.times) {
        c.at(at, Problem::Conflict { a: "consecutive", b: "times" });
    }
    if over == Over::Term && (consecutive > 1 || times > 1) {
        if let Some(at) = &f.over {
            c.at(
                at,
                Problem::Conflict {
                    a: "over = \"term\"",
                    b: if consecutive > 1 { "consecutive" } else { "times" },
                },
            );
        }
    }

    let condition = if let Some(count) = &f.count {
        let m = c.compile_match(count.get_ref());
        let matcher = matchers.len();
        matchers.push(m);
        uses.push(Use::Count);
        let at_least = f.at_least.as_ref().map(|s| *s.get_ref());
        let below = f.below.as_ref().map(|s| *s.get_ref());
        match (&f.at_least, &f.below) {
            (None, None) => c.at(count, Problem::Missing("`count` needs `at_least` or `below`")),
            (Some(_), Some(b)) => c.at(b, Problem::Conflict { a: "at_least", b: "below" }),
            _ => {}
        }
        Condition::Count { matcher, at_least, below, over }
    } else if let Some(t) = &f.total_below {
        Condition::TotalBelow(c.decimal(&Some(t.clone())).unwrap_or_default())
    } else if let Some(g) = &f.grade {
        let grades = c.references("grade", grade_ids, &f.grade);
        Condition::Grade { ids: g.get_ref().0.clone(), grades }
    } else {
        Condition::Unmet(c.references("requirement", requirement_ids, &f.unmet))
    };
    FlagRule {
        condition,
        consecutive,
        times,
        at_term_end: f.at_term_end.as_ref().is_some_and(|s| *s.get_ref()),
    }
}

/// The grades' indexes sorted from the highest band down, checking that the
/// bands neither overlap nor leave gaps.
fn grade_order(c: &mut Checker, grades: &[RawGrade]) -> Vec<usize> {
    let min = |g: &RawGrade| g.min.as_ref().map(|s| *s.get_ref());
    let mut order: Vec<usize> = (0..grades.len()).collect();
    // Highest min first; the band without a min (the bottom) last.
    order.sort_by(|&a, &b| match (min(&grades[a]), min(&grades[b])) {
        (Some(x), Some(y)) => y.cmp(&x).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    for g in grades {
        if let (Some(m), Some(b)) = (&g.min, &g.below) {
            if b.get_ref() <= m.get_ref() {
                c.at(b, Problem::EmptyGrade { min: *m.get_ref(), below: *b.get_ref() });
            }
        }
    }
    for pair in order.windows(2) {
        let (upper, lower) = (&grades[pair[0]], &grades[pair[1]]);
        let names = || (upper.id.get_ref().clone(), lower.id.get_ref().clone());
        let Some(umin) = &upper.min else {
            // Two bands without a min both reach down forever.
            let (upper, lower) = names();
            c.at(&grades[pair[1]].id, Problem::OverlappingGrades { upper, lower });
            continue;
        };
        match &lower.below {
            None => {
                let (upper, lower_id) = names();
                let at = lower.min.as_ref().map_or(lower.id.span().start, |s| s.span().start);
                c.problems.push((at, Problem::OverlappingGrades { upper, lower: lower_id }));
            }
            Some(below) if below.get_ref() > umin.get_ref() => {
                let (upper, lower) = names();
                c.at(below, Problem::OverlappingGrades { upper, lower });
            }
            Some(below) if below.get_ref() < umin.get_ref() => {
                let (upper, lower) = names();
                c.at(
                    below,
                    Problem::GapInGrades { upper, lower, below: *below.get_ref(), min: *umin.get_ref() },
                );
            }
            Some(_) => {}
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::{Level, ParticipantRole};

    #[test]
    fn subtypes_resolve_per_kind() {
        assert_eq!(subtype_code(ActivityKind::Meeting, "全会"), Some(Some("plenary".into())));
        assert_eq!(subtype_code(ActivityKind::Meeting, "nonsense"), Some(None));
        assert_eq!(subtype_code(ActivityKind::Other, " 文史资料征集 "), Some(Some("文史资料征集".into())));
        assert_eq!(subtype_code(ActivityKind::Donation, "捐物"), Some(Some("in_kind".into())));
        assert_eq!(subtype_code(ActivityKind::Award, "x"), None);
    }

    #[test]
    fn ids_are_ascii() {
        assert!(good_id("tongcheng-2019"));
        assert!(good_id("a.b_c"));
        assert!(!good_id("桐城"));
        assert!(!good_id(""));
        assert!(!good_id("a b"));
    }

    #[test]
    fn masks_follow_declaration_order() {
        assert_eq!(mask(&[Level::County]), 1);
        assert_eq!(mask(&[Level::National, Level::City]), 0b1010);
        assert_eq!(mask(&[ParticipantRole::Cosigner]), 1 << ParticipantRole::Cosigner as u32);
    }
}
