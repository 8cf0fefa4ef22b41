//! The small vocabularies of the rule format itself (`per`, `split`,
//! `cohorts` …), each with an English code and Chinese aliases, and the
//! "one value or a list" helper used by every match key.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IntoDeserializer, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

lvzhi_core::vocab! {
    /// What an item's points are counted per.
    pub enum Per as "counting unit (per)" {
        /// Each matching activity (the default): 每次.
        Occurrence = "occurrence", "每次", "次", "每项", "每篇", "每件";
        /// Each half-day attended (meetings): 每半天.
        HalfDay = "half_day", "每半天", "半天";
        /// Each `unit` hours (training, liaison, volunteering): 每小时.
        Hour = "hour", "每小时", "小时";
        /// Each `unit` yuan (donations): 每元.
        Amount = "amount", "金额", "元", "每元";
        /// Once in the period, however many activities match: 每年一次.
        Once = "once", "每年一次", "一次", "年度一次";
    }
}

lvzhi_core::vocab! {
    /// How an item's points are shared among an activity's participants.
    pub enum SplitMode as "split" {
        /// Every matching participant gets the full points (the default):
        /// fixed points per role are written as one item per role.
        None = "none", "不分", "各得";
        /// Equal shares among the credited participants: 平分.
        Equal = "equal", "平分", "均分";
        /// The lead takes `lead_share` of the points, the others split the
        /// rest equally: 领衔分成.
        LeadShare = "lead_share", "领衔分成", "按比例";
    }
}

lvzhi_core::vocab! {
    /// Where a group keeps only its highest line.
    pub enum GroupPer as "group scope (per)" {
        /// Per activity: of several outcomes of one activity, only the best counts.
        Activity = "activity", "每项活动", "活动";
        /// Per period: of all the group's lines in the period, only the best counts.
        Period = "period", "每期", "每年", "年度";
    }
}

lvzhi_core::vocab! {
    /// The window a flag's count looks at.
    pub enum Over as "window (over)" {
        /// The period evaluated (the default).
        Period = "period", "本期", "年度", "每年";
        /// From the start of the committee's term to the end of the period: 届内.
        Term = "term", "届内", "本届", "任期";
    }
}

lvzhi_core::vocab! {
    /// A peer group members are ranked within.
    pub enum Cohort as "cohort" {
        /// The whole committee: 全体委员.
        Committee = "committee", "全体", "全体委员", "委员会";
        /// The member's sector: 界别.
        Sector = "sector", "界别";
        /// The member's party: 党派.
        Party = "party", "党派";
        /// The member's special committee: 专委会.
        SpecialCommittee = "special_committee", "专委会", "专门委员会";
        /// The member's liaison group: 联络组.
        LiaisonGroup = "liaison_group", "联络组", "片区联络工委";
    }
}

lvzhi_core::vocab! {
    /// Which level a ladder reads.
    pub enum LadderOn as "ladder level (ladder_on)" {
        /// The activity's own level (a commendation's awarding body): 活动级别.
        Level = "level", "活动级别", "级别";
        /// The highest level that adopted a report: 采用级别.
        AdoptedBy = "adopted_by", "采用级别", "采用";
        /// The highest level of leader who instructed on a report: 批示级别.
        InstructedBy = "instructed_by", "批示级别", "批示";
        /// The level a proposal was forwarded to: 转报级别.
        ForwardedTo = "forwarded_to", "转报级别", "转报";
    }
}

lvzhi_core::vocab! {
    /// The length of period a method is written for.
    pub enum PeriodLength as "period length" {
        /// A calendar year: 年度.
        Year = "year", "年度", "年", "每年";
        /// The whole term: 届.
        Term = "term", "届", "届内", "任期";
    }
}

/// One value or a list of values: `kind = "proposal"` and
/// `kind = ["proposal", "opinion_report"]` both read as a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct List<T>(pub Vec<T>);

/// Reads one plain value (string, integer, boolean) as a `T` from inside
/// the deserializer's own visitor, so that an error is reported at the
/// value's position (toml attaches a position only to errors raised during
/// its `deserialize_any`).
struct Element<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for Element<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::deserialize(v.into_deserializer())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::deserialize(v.into_deserializer())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        T::deserialize(v.into_deserializer())
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Element<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or a list of values")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Element(PhantomData).visit_str(v).map(|t| List(vec![t]))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Element(PhantomData).visit_i64(v).map(|t| List(vec![t]))
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Element(PhantomData).visit_bool(v).map(|t| List(vec![t]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(v) = seq.next_element_seed(Element::<T>(PhantomData))? {
                    out.push(v);
                }
                Ok(List(out))
            }
        }

        d.deserialize_any(ListVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::Vocabulary;

    #[test]
    fn parses_codes_and_aliases() {
        assert_eq!(Per::parse("半天").unwrap(), Per::HalfDay);
        assert_eq!(Per::parse("ONCE").unwrap(), Per::Once);
        assert_eq!(SplitMode::parse("平分").unwrap(), SplitMode::Equal);
        assert_eq!(Cohort::parse("界别").unwrap(), Cohort::Sector);
        let err = Per::parse("weekly").unwrap_err().to_string();
        assert!(err.contains("`weekly` is not a known counting unit"), "{err}");
        assert!(err.contains("half_day (每半天)"), "{err}");
    }
}
