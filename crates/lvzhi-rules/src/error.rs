//! What can be wrong with a rule file, and where.

use lvzhi_core::UnknownValue;
use rust_decimal::Decimal;

use lvzhi_core::Period;

/// An error reading or using rules. Errors in a rule file name the line and
/// column (both 1-based; columns count characters, not bytes).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RuleError {
    /// The file is not valid TOML, or does not have the shape of a rule file
    /// (an unknown key, a missing key, a value of the wrong type or an
    /// unknown vocabulary value).
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: u32,
        /// 1-based column, in characters.
        column: u32,
        /// What is wrong.
        message: String,
    },
    /// The file is well-formed but says something impossible.
    #[error("line {line}, column {column}: {problem}")]
    Invalid {
        /// 1-based line.
        line: u32,
        /// 1-based column, in characters.
        column: u32,
        /// What is wrong.
        problem: Problem,
    },
    /// No preset has this name.
    #[error("unknown preset `{name}`; the presets are: {known}")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The preset ids, comma-separated.
        known: String,
    },
    /// A rule book given two rule sets with the same id.
    #[error("two rule sets share the id `{0}`")]
    DuplicateRuleSet(String),
    /// No rule set of a book is in force for a period.
    #[error("no rule set is in force on {}, the last day of period {period}", period.end)]
    NoRuleSet {
        /// The period.
        period: Period,
    },
}

impl RuleError {
    /// The 1-based line of an error in a rule file.
    pub fn line(&self) -> Option<u32> {
        match self {
            RuleError::Syntax { line, .. } | RuleError::Invalid { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The 1-based column (in characters) of an error in a rule file.
    pub fn column(&self) -> Option<u32> {
        match self {
            RuleError::Syntax { column, .. } | RuleError::Invalid { column, .. } => Some(*column),
            _ => None,
        }
    }
}

/// Something a well-formed rule file says that cannot be right.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A vocabulary value not known (in a place serde could not check).
    #[error(transparent)]
    UnknownValue(#[from] UnknownValue),
    /// A subtype that none of the matched kinds has.
    #[error("`{value}` is not a subtype of {kinds}; expected one of: {expected}")]
    UnknownSubtype {
        /// The subtype as written.
        value: String,
        /// The kinds matched.
        kinds: String,
        /// The subtypes those kinds have.
        expected: String,
    },
    /// `subtype` without `kind`.
    #[error("`subtype` needs `kind`: subtypes belong to a kind of activity")]
    SubtypeWithoutKind,
    /// A condition that none of the matched kinds can meet.
    #[error("`{key}` does not apply to {kinds} activities")]
    DoesNotApply {
        /// The condition's key.
        key: &'static str,
        /// The kinds matched.
        kinds: String,
    },
    /// Conditions that belong to different kinds of activity.
    #[error("`{a}` and `{b}` apply to different kinds of activity; no activity can meet both")]
    Contradictory {
        /// One key.
        a: &'static str,
        /// The other.
        b: &'static str,
    },
    /// A cap, unit, count or similar that must not be negative.
    #[error("{what} {value} is below zero")]
    Negative {
        /// What the value is.
        what: &'static str,
        /// The value.
        value: Decimal,
    },
    /// A value that must be above zero.
    #[error("{what} must be greater than zero")]
    NotPositive {
        /// What the value is.
        what: &'static str,
    },
    /// A maximum below a floor.
    #[error("max {max} is below floor {floor}")]
    MaxBelowFloor {
        /// The maximum.
        max: Decimal,
        /// The floor.
        floor: Decimal,
    },
    /// Starting points outside the allowed range.
    #[error("base {base} lies outside the range allowed by floor and max")]
    BaseOutOfRange {
        /// The base.
        base: Decimal,
    },
    /// An id used twice.
    #[error("duplicate {what} id `{id}`")]
    DuplicateId {
        /// Item, category …
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A reference to something not defined.
    #[error("unknown {what} `{id}`")]
    UnknownReference {
        /// Category, group, requirement …
        what: &'static str,
        /// The id referred to.
        id: String,
    },
    /// An id that is not plain ASCII.
    #[error("id `{0}` must be ASCII letters, digits, `-`, `_` or `.`; put Chinese text in `name`")]
    BadId(String),
    /// A share or fraction outside 0..=1.
    #[error("{key} {value} is outside 0..1")]
    OutOfUnitRange {
        /// The key (`lead_share`, `attended_fraction_below` …).
        key: &'static str,
        /// The value.
        value: Decimal,
    },
    /// A quota over 100%.
    #[error("quota_percent {0} is over 100%")]
    QuotaOver100(Decimal),
    /// Two grade bands covering the same totals.
    #[error("grade bands `{upper}` and `{lower}` overlap")]
    OverlappingGrades {
        /// The higher band.
        upper: String,
        /// The lower band.
        lower: String,
    },
    /// Totals between two bands that no band covers.
    #[error("grade bands leave a gap: `{lower}` ends below {below} but `{upper}` starts at {min}")]
    GapInGrades {
        /// The higher band.
        upper: String,
        /// The lower band.
        lower: String,
        /// Where the lower one ends (exclusive).
        below: Decimal,
        /// Where the higher one starts.
        min: Decimal,
    },
    /// A band whose `below` is not above its `min`.
    #[error("grade band is empty: below {below} is not above min {min}")]
    EmptyGrade {
        /// Its min.
        min: Decimal,
        /// Its below.
        below: Decimal,
    },
    /// Two keys that cannot be used together.
    #[error("`{a}` and `{b}` cannot be used together")]
    Conflict {
        /// One key.
        a: &'static str,
        /// The other.
        b: &'static str,
    },
    /// A key required in this context is missing.
    #[error("{0}")]
    Missing(&'static str),
    /// A date that cannot be read.
    #[error("`{0}` is not a date; write YYYY-MM-DD")]
    BadDate(String),
    /// `effective_to` before `effective_from`.
    #[error("effective_to is before effective_from")]
    DatesReversed,
    /// A grade condition on a flag that itself looks at grades.
    #[error("grade `{grade}` cannot depend on flag `{flag}`, which itself depends on grades")]
    GradeCycle {
        /// The grade.
        grade: String,
        /// The flag.
        flag: String,
    },
    /// A key that only makes sense with another.
    #[error("`{key}` is only used with {with}")]
    OnlyWith {
        /// The key given.
        key: &'static str,
        /// What it needs.
        with: &'static str,
    },
    /// An empty list, which would match nothing.
    #[error("`{0}` is an empty list; leave the key out to accept anything")]
    EmptyList(&'static str),
    /// A participant role that never occurs on the matched kinds.
    #[error("role `{role}` never occurs on {kinds} activities")]
    RoleDoesNotFit {
        /// The role.
        role: String,
        /// The kinds matched.
        kinds: String,
    },
    /// Too many decimal places asked for.
    #[error("decimals {0} is more than 10")]
    TooManyDecimals(u32),
    /// A number too large to be a sensible number of points.
    #[error("{0} is too large (at most 1000000000)")]
    TooLarge(Decimal),
}

/// Line and column (1-based, columns in characters) of byte `offset` in `text`.
pub(crate) fn position(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nname = \"桐城\" x\n";
        assert_eq!(position(text, 0), (1, 1));
        assert_eq!(position(text, 6), (2, 1));
        // After `name = "桐城" ` : 7 ASCII chars + quote + 2 CJK (6 bytes) + quote + space.
        let x = text.find('x').unwrap();
        assert_eq!(position(text, x), (2, 13));
        assert_eq!(position(text, 9999), (3, 1));
    }
}
