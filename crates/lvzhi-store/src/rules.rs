//! Scoring rule sets, kept as the text their authors wrote.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A published scoring method (考评办法) as stored: TOML text with the dates it is
/// in force. The store keeps the text and its history; parsing it is the
/// rules crate's job (`lvzhi_rules::RuleSet::from_toml_str(&stored.toml)`),
/// hence the name: this is not the rules crate's `RuleSet`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredRuleSet {
    /// Stable id, e.g. `tongcheng-2024`.
    pub id: String,
    /// Its title, e.g. 政协桐城市委员会委员履职考评办法.
    pub name: String,
    /// First day in force, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<NaiveDate>,
    /// Last day in force, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// The TOML text, exactly as given.
    pub toml: String,
}

impl StoredRuleSet {
    /// Whether the rule set is in force on `date` (open ends count as in force).
    pub fn in_effect_on(&self, date: NaiveDate) -> bool {
        self.effective_from.is_none_or(|f| f <= date) && self.effective_to.is_none_or(|t| date <= t)
    }

    /// Why the rule set cannot be stored, if it cannot.
    pub(crate) fn problem(&self) -> Option<String> {
        if self.id.trim().is_empty() {
            return Some("the id is empty".into());
        }
        if self.name.trim().is_empty() {
            return Some(format!("rule set `{}` has an empty name", self.id));
        }
        match (self.effective_from, self.effective_to) {
            (Some(f), Some(t)) if t < f => {
                Some(format!("rule set `{}` ends on {t} before it starts on {f}", self.id))
            }
            _ => None,
        }
    }
}

pub(crate) const SELECT_RULE_SETS: &str =
    "SELECT id, name, effective_from, effective_to, toml FROM rule_sets";

pub(crate) fn read_rule_set(row: &rusqlite::Row) -> rusqlite::Result<StoredRuleSet> {
    Ok(StoredRuleSet {
        id: row.get(0)?,
        name: row.get(1)?,
        effective_from: crate::codec::parsed_opt(row, 2)?,
        effective_to: crate::codec::parsed_opt(row, 3)?,
        toml: row.get(4)?,
    })
}

pub(crate) const UPSERT_RULE_SET: &str =
    "INSERT INTO rule_sets (id, name, effective_from, effective_to, toml) \
     VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
     effective_from = excluded.effective_from, effective_to = excluded.effective_to, toml = excluded.toml";
