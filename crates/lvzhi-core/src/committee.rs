//! The committee a ledger belongs to: its level, term, sectors, special
//! committees and liaison groups.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vocab::vocab;

vocab! {
    /// The level of a committee, or of the body that acted on something
    /// (adopted a report, gave an instruction, awarded a commendation).
    /// Ordered from the lowest to the highest so that `>=` reads "at least".
    pub enum Level as "level" {
        /// 县级: county, county-level city, district.
        County = "county", "县级", "县", "区", "县区", "区县", "县市区";
        /// 市级: city or prefecture.
        City = "city", "市级", "市", "地市", "州", "地市级", "市州";
        /// 省级: province, autonomous region, municipality.
        Provincial = "provincial", "省级", "省", "province", "自治区";
        /// 全国: the national committee, or the central level.
        National = "national", "全国", "中央", "国家", "全国政协";
    }
}

vocab! {
    /// The four functions of a committee (since 2019); activities are tagged
    /// with the ones they serve.
    pub enum Function as "function" {
        /// 政治协商
        Consultation = "consultation", "政治协商", "协商";
        /// 民主监督
        Supervision = "supervision", "民主监督", "监督";
        /// 参政议政
        Deliberation = "deliberation", "参政议政", "议政";
        /// 凝聚共识
        Consensus = "consensus", "凝聚共识", "共识";
    }
}

/// A set of [`Function`]s.
pub type Functions = crate::vocab::Set<Function>;

/// A term of office (届), normally five years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// The ordinal, e.g. 14 for 第十四届.
    pub number: u16,
    /// First day of the term.
    pub start: NaiveDate,
    /// Last day of the term.
    pub end: NaiveDate,
}

impl Term {
    /// Whether `date` falls within the term.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// The committee whose members a ledger holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Committee {
    /// Full name, e.g. 政协桐城市委员会.
    pub name: String,
    /// National, provincial, city or county.
    pub level: Level,
    /// The term in office.
    pub term: Term,
    /// The sectors (界别) of this committee. Members must sit in one of them;
    /// an empty list accepts any sector.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// The special committees (专委会). Empty accepts any.
    #[serde(default)]
    pub special_committees: Vec<String>,
    /// Liaison groups (联络组 / 片区联络工委). Empty accepts any.
    #[serde(default)]
    pub liaison_groups: Vec<String>,
}

impl Committee {
    /// A committee with the default (14th national) sector list and no
    /// restriction on special committees or liaison groups.
    pub fn new(name: impl Into<String>, level: Level, term: Term) -> Self {
        Committee {
            name: name.into(),
            level,
            term,
            sectors: NATIONAL_SECTORS_14.iter().map(|s| s.to_string()).collect(),
            special_committees: Vec::new(),
            liaison_groups: Vec::new(),
        }
    }

    /// Whether `sector` is one of this committee's sectors.
    pub fn has_sector(&self, sector: &str) -> bool {
        self.sectors.is_empty() || self.sectors.iter().any(|s| s == sector)
    }

    /// Whether `name` is one of this committee's special committees.
    pub fn has_special_committee(&self, name: &str) -> bool {
        self.special_committees.is_empty() || self.special_committees.iter().any(|s| s == name)
    }

    /// Whether `name` is one of this committee's liaison groups.
    pub fn has_liaison_group(&self, name: &str) -> bool {
        self.liaison_groups.is_empty() || self.liaison_groups.iter().any(|s| s == name)
    }
}

/// The 34 sectors of the 14th national committee: a default for committees
/// that have not declared their own.
pub const NATIONAL_SECTORS_14: [&str; 34] = [
    "中国共产党",
    "中国国民党革命委员会",
    "中国民主同盟",
    "中国民主建国会",
    "中国民主促进会",
    "中国农工民主党",
    "中国致公党",
    "九三学社",
    "台湾民主自治同盟",
    "无党派人士",
    "中国共产主义青年团和中华全国青年联合会",
    "中华全国总工会",
    "中华全国妇女联合会",
    "中华全国工商业联合会",
    "中国科学技术协会",
    "中华全国台湾同胞联谊会",
    "中华全国归国华侨联合会",
    "文化艺术界",
    "科学技术界",
    "社会科学界",
    "经济界",
    "农业界",
    "教育界",
    "体育界",
    "新闻出版界",
    "医药卫生界",
    "对外友好界",
    "社会福利和社会保障界",
    "少数民族界",
    "宗教界",
    "特邀香港人士",
    "特邀澳门人士",
    "特别邀请人士",
    "环境资源界",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_low_to_high() {
        assert!(Level::National > Level::Provincial);
        assert!(Level::Provincial > Level::City);
        assert!(Level::City > Level::County);
        assert_eq!("省".parse::<Level>().unwrap(), Level::Provincial);
    }

    #[test]
    fn function_set_round_trips() {
        let set: Functions = [Function::Supervision, Function::Consultation].into_iter().collect();
        assert!(set.contains(Function::Supervision));
        assert!(!set.contains(Function::Consensus));
        assert_eq!(set.iter().collect::<Vec<_>>(), [Function::Consultation, Function::Supervision]);
        let json = serde_json::to_string(&set).unwrap();
        assert_eq!(json, r#"["consultation","supervision"]"#);
        assert_eq!(serde_json::from_str::<Functions>(&json).unwrap(), set);
    }

    #[test]
    fn default_sectors_are_the_34_national_ones() {
        let c = Committee::new(
            "全国政协",
            Level::National,
            Term {
                number: 14,
                start: NaiveDate::from_ymd_opt(2023, 3, 1).unwrap(),
                end: NaiveDate::from_ymd_opt(2028, 2, 28).unwrap(),
            },
        );
        assert_eq!(c.sectors.len(), 34);
        assert!(c.has_sector("教育界"));
        assert!(!c.has_sector("教育"));
    }
}
