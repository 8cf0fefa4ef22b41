//! The score part of a report, as plain data.
//!
//! lvzhi-report does not depend on the rule engine: whoever has evaluated a
//! rule set maps its scorecards onto a [`ScoreSection`]. A report printed
//! without a score (many offices print only the facts) passes `None`.
//! Absent optional values serialise as `null`, so templates can test them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A member's score under one rule set, with category subtotals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScoreSection {
    /// The rule set's name, e.g. "某县政协委员履职考评办法（2024）".
    pub rule_set_name: String,
    /// The member's total points.
    pub total: Decimal,
    /// The most points the rule set gives, when it is capped.
    #[serde(default)]
    pub max_total: Option<Decimal>,
    /// Subtotals by category, in the rule set's order.
    #[serde(default)]
    pub categories: Vec<CategoryLine>,
    /// The grade band reached (优秀, 良好 …), when the rule set has bands.
    #[serde(default)]
    pub grade: Option<String>,
    /// Rank within the member's sector, and the number of members ranked.
    #[serde(default)]
    pub rank_in_sector: Option<Rank>,
    /// Notes the rule engine raised (minimum not met, disqualifier …).
    #[serde(default)]
    pub flags: Vec<String>,
}

/// A rank among `of` members (1 is the best).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rank {
    /// The member's place, from 1.
    pub rank: u32,
    /// How many members were ranked.
    pub of: u32,
}

/// One category's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CategoryLine {
    /// The category's name (会议活动, 提案工作 …).
    pub name: String,
    /// The member's points in it.
    pub points: Decimal,
    /// The category's cap (封顶), if any.
    #[serde(default)]
    pub max: Option<Decimal>,
    /// The median of the member's sector in this category, for comparison.
    #[serde(default)]
    pub sector_median: Option<Decimal>,
}
