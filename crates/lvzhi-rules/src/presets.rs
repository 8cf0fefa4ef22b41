//! The published methods shipped as rule files (`presets/*.toml`).

use serde::Serialize;

use crate::error::RuleError;
use crate::ruleset::RuleSet;

/// Each preset's id and rule file, embedded at build time.
const PRESETS: &[(&str, &str)] = &[
    ("tongcheng-2019", include_str!("../presets/tongcheng-2019.toml")),
    ("minhang", include_str!("../presets/minhang.toml")),
    ("xuanwei", include_str!("../presets/xuanwei.toml")),
    ("yanbian-2022", include_str!("../presets/yanbian-2022.toml")),
    ("jinan-2015", include_str!("../presets/jinan-2015.toml")),
];

/// What a preset is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresetInfo {
    /// The id to load it by.
    pub id: &'static str,
    /// The method's name.
    pub name: String,
    /// The issuing body.
    pub issuer: Option<String>,
}

/// Every preset, in a fixed order.
pub fn presets() -> Vec<PresetInfo> {
    PRESETS
        .iter()
        .filter_map(|(id, text)| {
            let set = RuleSet::from_toml_str(text).ok()?;
            Some(PresetInfo { id, name: set.name().to_string(), issuer: set.method().issuer.clone() })
        })
        .collect()
}

/// A preset's rule file, to show or to copy and edit.
pub fn preset_source(id: &str) -> Option<&'static str> {
    PRESETS.iter().find(|(p, _)| p.eq_ignore_ascii_case(id.trim())).map(|(_, text)| *text)
}

impl RuleSet {
    /// Loads a preset by id (`tongcheng-2019`, `minhang`, `xuanwei`,
    /// `yanbian-2022`, `jinan-2015`).
    pub fn preset(id: &str) -> Result<RuleSet, RuleError> {
        let text = preset_source(id).ok_or_else(|| RuleError::UnknownPreset {
            name: id.to_string(),
            known: PRESETS.iter().map(|(p, _)| *p).collect::<Vec<_>>().join(", "),
        })?;
        RuleSet::from_toml_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_under_its_own_id() {
        for (id, text) in PRESETS {
            let set = RuleSet::from_toml_str(text).unwrap_or_else(|e| panic!("{id}: {e}"));
            assert_eq!(set.id(), *id);
        }
        assert_eq!(presets().len(), PRESETS.len());
        let err = RuleSet::preset("nowhere").unwrap_err();
        assert!(err.to_string().contains("tongcheng-2019"), "{err}");
    }
}
