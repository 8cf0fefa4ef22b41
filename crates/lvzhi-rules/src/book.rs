//! Several rule sets side by side: the one in force for a period is chosen
//! by date.

use chrono::NaiveDate;

use crate::error::RuleError;
use crate::ruleset::RuleSet;
use lvzhi_core::Period;

/// Anything that says which rule set applies to a period.
pub trait RuleSource {
    /// The rule set for `period`, if any.
    fn rules_for(&self, period: &Period) -> Option<&RuleSet>;
}

/// A single rule set applies to every period, whatever its dates.
impl RuleSource for RuleSet {
    fn rules_for(&self, _period: &Period) -> Option<&RuleSet> {
        Some(self)
    }
}

/// An office's rule sets over time (a method is revised every term or year).
#[derive(Debug, Clone, Default)]
pub struct RuleBook {
    sets: Vec<RuleSet>,
}

impl RuleBook {
    /// A book of rule sets; their ids must differ.
    pub fn new(sets: Vec<RuleSet>) -> Result<RuleBook, RuleError> {
        for (i, s) in sets.iter().enumerate() {
            if sets[..i].iter().any(|t| t.id() == s.id()) {
                return Err(RuleError::DuplicateRuleSet(s.id().to_string()));
            }
        }
        Ok(RuleBook { sets })
    }

    /// The rule sets, in the order given.
    pub fn rule_sets(&self) -> &[RuleSet] {
        &self.sets
    }

    /// A rule set by id.
    pub fn get(&self, id: &str) -> Option<&RuleSet> {
        self.sets.iter().find(|s| s.id() == id)
    }

    /// The rule set in force on `date`: of those whose dates include it, the
    /// one that took effect last (one without `effective_from` counts as the
    /// oldest; on a tie, the one given later).
    pub fn in_force_on(&self, date: NaiveDate) -> Option<&RuleSet> {
        self.sets
            .iter()
            .filter(|s| s.in_force_on(date))
            .enumerate()
            .max_by_key(|(i, s)| (s.method().effective_from, *i))
            .map(|(_, s)| s)
    }

    /// The rule set for a period: the one in force on its last day, since a
    /// year is evaluated under the method in force when it closes.
    pub fn for_period(&self, period: &Period) -> Option<&RuleSet> {
        self.in_force_on(period.end)
    }
}

impl RuleSource for RuleBook {
    fn rules_for(&self, period: &Period) -> Option<&RuleSet> {
        self.for_period(period)
    }
}
