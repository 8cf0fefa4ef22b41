//! What an evaluation returns: per member a scorecard whose every point is
//! explained by line items and adjustments.
//!
//! Scorecards refer to items, categories, requirements, flags, grades,
//! activities and cohort values by their index in the [`Evaluation`]'s own
//! tables (as a dictionary-encoded column would): line items stay small and
//! allocation-free, and the tables say what each index means.

use std::fmt::Write as _;

use lvzhi_core::{ActivityId, MemberId, MemberIx};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ruleset::{CategoryInfo, FlagInfo, GradeInfo, GroupInfo, ItemInfo, RequirementInfo};
use crate::vocab::Cohort;
use lvzhi_core::Period;

/// Why a line's or a total's points were changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// Not among the first `max_credited` participants credited (e.g. at
    /// most 3 main members of a collective proposal).
    NotCredited {
        /// The item's `max_credited`.
        max_credited: u32,
    },
    /// Linked to another activity of the member (`linked_to`) that scored
    /// more: the pair is scored once.
    Linked {
        /// Index in [`Evaluation::activities`] of the activity kept.
        kept: u32,
    },
    /// Another line of the same group scored higher.
    Group {
        /// Index in [`Evaluation::groups`].
        group: u16,
    },
    /// The item counts once per period.
    Once,
    /// The item counts from the n-th occurrence on.
    FromNth {
        /// The item's `from_nth`.
        n: u32,
    },
    /// The item counts at most n occurrences.
    MaxCount {
        /// The item's `max_count`.
        n: u32,
    },
    /// The item's cap was reached.
    ItemCap {
        /// The cap.
        cap: Decimal,
    },
    /// The category's maximum was reached.
    CategoryCap {
        /// The maximum.
        max: Decimal,
    },
    /// The category's floor was reached.
    CategoryFloor {
        /// The floor.
        floor: Decimal,
    },
    /// The total's maximum.
    TotalCap {
        /// The maximum.
        max: Decimal,
    },
    /// The total's floor.
    TotalFloor {
        /// The floor.
        floor: Decimal,
    },
    /// Points earned scaled up for a member in office for part of the period.
    Prorated {
        /// Days in office within the period.
        days_in_office: u32,
        /// Days of the period.
        days_in_period: u32,
    },
}

/// A change of points, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    /// The reason.
    #[serde(flatten)]
    pub why: Why,
    /// The points added (negative: taken away).
    pub change: Decimal,
}

/// One item applied to one activity: `awarded = raw + Σ adjustments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    /// Index in [`Evaluation::items`].
    pub item: u16,
    /// Index in [`Evaluation::activities`]; `None` for lines not tied to an activity.
    pub activity: Option<u32>,
    /// Points before counting rules and caps (after per-unit points and
    /// co-author shares).
    pub raw: Decimal,
    /// Points that count.
    pub awarded: Decimal,
    /// What changed raw into awarded, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
}

/// A category's points: `subtotal = base + Σ awarded` of its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// Index in [`Evaluation::categories`].
    pub category: u16,
    /// Points the category starts with.
    pub base: Decimal,
    /// Base plus every line's raw points.
    pub raw: Decimal,
    /// Points that count.
    pub subtotal: Decimal,
}

/// Whether a member met a requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementResult {
    /// Index in [`Evaluation::requirements`].
    pub requirement: u16,
    /// Whether it applies to the member (`applies_to`).
    pub applicable: bool,
    /// Matching activities found.
    pub count: u32,
    /// The minimum (after pro-rating).
    pub min: u32,
    /// Met, or not applicable.
    pub met: bool,
}

/// Why a member's grade is below the band of the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum GradeWhy {
    /// A requirement of the grade is unmet.
    Requirement {
        /// Index in [`Evaluation::requirements`].
        requirement: u16,
    },
    /// A flag excludes the grade.
    Flag {
        /// Index in [`Evaluation::flags`].
        flag: u16,
    },
    /// The grade's quota was full.
    Quota {
        /// The quota.
        quota_percent: Decimal,
    },
}

/// A step down from one grade to the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeChange {
    /// Index in [`Evaluation::grades`] of the grade refused.
    pub from: u16,
    /// The grade tried next; `None` when there is none.
    pub to: Option<u16>,
    /// Why.
    #[serde(flatten)]
    pub why: GradeWhy,
}

/// A member's rank among peers (GovTrack-style).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortRank {
    /// Sector, party …
    pub cohort: Cohort,
    /// Index in [`Evaluation::cohort_values`] of the member's sector, party …
    pub value: u32,
    /// 1 + the number of peers with a higher total.
    pub rank: u32,
    /// Whether another peer has the same total.
    pub tied: bool,
    /// The number of peers, the member included.
    pub of: u32,
    /// Percentage of peers with a lower total.
    pub percentile: Decimal,
}

/// One member's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The member.
    pub member: MemberId,
    /// Days in office within the period.
    pub days_in_office: u32,
    /// Days of the period.
    pub days_in_period: u32,
    /// The method's base points.
    pub base: Decimal,
    /// `base + Σ category subtotals + Σ adjustments`.
    pub total: Decimal,
    /// Per category, in the rule set's order.
    pub categories: Vec<CategoryScore>,
    /// Every item applied, in activity date order.
    pub lines: Vec<LineItem>,
    /// Changes to the total (cap, floor, pro-rating).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// Per requirement, in the rule set's order.
    pub requirements: Vec<RequirementResult>,
    /// Indexes in [`Evaluation::flags`] of the flags raised.
    pub flags: Vec<u16>,
    /// Index in [`Evaluation::grades`] of the band the total falls in.
    pub band: Option<u16>,
    /// Index in [`Evaluation::grades`] of the grade given.
    pub grade: Option<u16>,
    /// Why the grade is below the band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grade_changes: Vec<GradeChange>,
    /// Rank in each cohort of the method.
    pub ranks: Vec<CohortRank>,
}

/// The result of evaluating a ledger under a rule set for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    /// The period.
    pub period: Period,
    /// The rule set's id.
    pub rule_set: String,
    /// The rule set's name.
    pub rule_set_name: String,
    /// The highest total the rule set gives, when capped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Decimal>,
    /// The rule set's categories.
    pub categories: Vec<CategoryInfo>,
    /// The rule set's groups.
    pub groups: Vec<GroupInfo>,
    /// The rule set's items.
    pub items: Vec<ItemInfo>,
    /// The rule set's requirements.
    pub requirements: Vec<RequirementInfo>,
    /// The rule set's flags.
    pub flags: Vec<FlagInfo>,
    /// The rule set's grades, from the highest down.
    pub grades: Vec<GradeInfo>,
    /// Sectors, parties … that ranks refer to, sorted.
    pub cohort_values: Vec<String>,
    /// Activities that line items refer to, in date order.
    pub activities: Vec<ActivityId>,
    /// One per member in office during the period, sorted by member id.
    pub scorecards: Vec<Scorecard>,
    /// Members holding each grade.
    pub grade_counts: Vec<u32>,
    /// Members without a grade.
    pub ungraded: u32,
    /// Members holding each flag.
    pub flag_counts: Vec<u32>,
}

impl Evaluation {
    /// The scorecard of a member.
    pub fn scorecard(&self, member: &MemberId) -> Option<&Scorecard> {
        self.scorecards.binary_search_by(|s| s.member.cmp(member)).ok().map(|i| &self.scorecards[i])
    }

    /// The item a line applies.
    pub fn item_of(&self, line: &LineItem) -> &ItemInfo {
        &self.items[usize::from(line.item)]
    }

    /// The activity a line scores.
    pub fn activity_of(&self, line: &LineItem) -> Option<&ActivityId> {
        line.activity.map(|a| &self.activities[a as usize])
    }

    /// The grade a scorecard holds.
    pub fn grade_of(&self, card: &Scorecard) -> Option<&GradeInfo> {
        card.grade.map(|g| &self.grades[usize::from(g)])
    }

    /// A category's subtotal, by category id.
    pub fn subtotal(&self, card: &Scorecard, category: &str) -> Option<Decimal> {
        let i = self.categories.iter().position(|c| c.id == category)?;
        card.categories.iter().find(|c| usize::from(c.category) == i).map(|c| c.subtotal)
    }

    /// The ids of the flags a scorecard holds.
    pub fn flag_ids(&self, card: &Scorecard) -> Vec<&str> {
        card.flags.iter().map(|&f| self.flags[usize::from(f)].id.as_str()).collect()
    }

    /// Whether a requirement, by id, is met.
    pub fn requirement_met(&self, card: &Scorecard, requirement: &str) -> Option<bool> {
        let i = self.requirements.iter().position(|r| r.id == requirement)?;
        card.requirements.iter().find(|r| usize::from(r.requirement) == i).map(|r| r.met)
    }

    /// A scorecard's rank in one cohort.
    pub fn rank_in<'c>(&self, card: &'c Scorecard, cohort: Cohort) -> Option<&'c CohortRank> {
        card.ranks.iter().find(|r| r.cohort == cohort)
    }

    /// The awarded points of a member's lines for one item, by item id.
    pub fn item_points(&self, card: &Scorecard, item: &str) -> Decimal {
        card.lines.iter().filter(|l| self.item_of(l).id == item).map(|l| l.awarded).sum()
    }

    /// A member's scorecard as text: every line with its reasons, the
    /// categories, requirements, flags, grade and ranks.
    pub fn explain(&self, member: &MemberId) -> Option<String> {
        let card = self.scorecard(member)?;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} · {} · {}: total {} (base {})",
            card.member, self.rule_set, self.period, card.total, card.base
        );
        for cat in &card.categories {
            let info = &self.categories[usize::from(cat.category)];
            let _ = write!(out, "  {} {}: {}", info.id, info.name, cat.subtotal);
            if let Some(max) = info.max {
                let _ = write!(out, " (max {max})");
            }
            out.push('\n');
            for line in card.lines.iter().filter(|l| self.item_of(l).category == cat.category) {
                let item = self.item_of(line);
                let activity = self.activity_of(line).map_or("-", |a| a.0.as_str());
                let _ = write!(
                    out,
                    "    {} {} [{}] raw {} → {}",
                    item.id, item.name, activity, line.raw, line.awarded
                );
                for adj in &line.adjustments {
                    let _ = write!(out, "; {} {}", self.why_text(&adj.why), adj.change);
                }
                out.push('\n');
            }
        }
        for adj in &card.adjustments {
            let _ = writeln!(out, "  total: {} {}", self.why_text(&adj.why), adj.change);
        }
        for r in &card.requirements {
            let info = &self.requirements[usize::from(r.requirement)];
            let state = match (r.applicable, r.met) {
                (false, _) => "not applicable",
                (true, true) => "met",
                (true, false) => "NOT MET",
            };
            let _ = writeln!(
                out,
                "  requirement {} {}: {} of {} — {}",
                info.id, info.name, r.count, r.min, state
            );
        }
        for &f in &card.flags {
            let info = &self.flags[usize::from(f)];
            let _ = writeln!(
                out,
                "  flag {} {}{}",
                info.id,
                info.name,
                info.consequence.as_deref().map(|c| format!(" → {c}")).unwrap_or_default()
            );
        }
        match self.grade_of(card) {
            Some(g) => {
                let _ = writeln!(out, "  grade {} {}", g.id, g.name);
            }
            None if !self.grades.is_empty() => out.push_str("  grade: none\n"),
            None => {}
        }
        for change in &card.grade_changes {
            let from = &self.grades[usize::from(change.from)].id;
            let reason = match &change.why {
                GradeWhy::Requirement { requirement } => {
                    format!("requirement {} unmet", self.requirements[usize::from(*requirement)].id)
                }
                GradeWhy::Flag { flag } => format!("flag {}", self.flags[usize::from(*flag)].id),
                GradeWhy::Quota { quota_percent } => format!("quota {quota_percent}% full"),
            };
            let _ = writeln!(out, "    not {from}: {reason}");
        }
        for r in &card.ranks {
            let _ = writeln!(
                out,
                "  rank in {} {}: {} of {}{}, percentile {}",
                r.cohort,
                self.cohort_values[r.value as usize],
                r.rank,
                r.of,
                if r.tied { " (tied)" } else { "" },
                r.percentile
            );
        }
        Some(out)
    }

    fn why_text(&self, why: &Why) -> String {
        match why {
            Why::NotCredited { max_credited } => format!("only the first {max_credited} credited"),
            Why::Linked { kept } => format!("linked, scored once as {}", self.activities[*kept as usize]),
            Why::Group { group } => {
                format!("group {}: only the highest counts", self.groups[usize::from(*group)].id)
            }
            Why::Once => "counted once".into(),
            Why::FromNth { n } => format!("counted from occurrence {n}"),
            Why::MaxCount { n } => format!("at most {n} counted"),
            Why::ItemCap { cap } => format!("item cap {cap}"),
            Why::CategoryCap { max } => format!("category max {max}"),
            Why::CategoryFloor { floor } => format!("category floor {floor}"),
            Why::TotalCap { max } => format!("total max {max}"),
            Why::TotalFloor { floor } => format!("total floor {floor}"),
            Why::Prorated { days_in_office, days_in_period } => {
                format!("pro-rated ({days_in_office} of {days_in_period} days in office)")
            }
        }
    }
}

/// A ranking-only evaluation as columns ([`crate::evaluate_totals`]): per
/// member in office during the period, in member id order (the order and
/// the members of [`Evaluation::scorecards`]), the member's index in the
/// ledger, total, category subtotals and grade, each column one
/// allocation for all members. What ranking many committees keeps of each
/// (one [`Scorecard`] is several allocations and the rule set's tables are
/// copied into every [`Evaluation`]); category and grade indexes refer to
/// the rule set's [`RuleSet::categories`](crate::RuleSet::categories) and
/// [`RuleSet::grades`](crate::RuleSet::grades).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Totals {
    pub(crate) members: Vec<MemberIx>,
    pub(crate) totals: Vec<Decimal>,
    /// Members × categories, a member's subtotals together.
    pub(crate) subtotals: Vec<Decimal>,
    pub(crate) categories: usize,
    pub(crate) grades: Vec<Option<u16>>,
}

impl Totals {
    /// The number of members in office.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no member was in office.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Each member's index in the ledger evaluated (its id is
    /// `ledger.member(ix).id`), in member id order.
    pub fn members(&self) -> &[MemberIx] {
        &self.members
    }

    /// Each member's total, as [`Scorecard::total`].
    pub fn totals(&self) -> &[Decimal] {
        &self.totals
    }

    /// The `i`-th member's category subtotals, one per category of the
    /// rule set in its order, as [`CategoryScore::subtotal`]. Panics if `i`
    /// is out of range (unless the rule set has no category).
    pub fn subtotals(&self, i: usize) -> &[Decimal] {
        &self.subtotals[i * self.categories..(i + 1) * self.categories]
    }

    /// Each member's grade as [`Scorecard::grade`]: an index in the rule
    /// set's grades, `None` when the member has none.
    pub fn grades(&self) -> &[Option<u16>] {
        &self.grades
    }
}
