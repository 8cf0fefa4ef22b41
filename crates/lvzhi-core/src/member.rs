//! Members (委员) of a committee.

use compact_str::CompactString;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vocab::vocab;

crate::ids::text_id! {
    /// A member's id, stable within a committee and term (委员编号).
    MemberId
}

vocab! {
    /// 性别
    pub enum Gender as "gender" {
        /// 男
        Male = "male", "男", "m";
        /// 女
        Female = "female", "女", "f";
    }
}

vocab! {
    /// A member's office in the committee (职务). Ordered from the highest
    /// office down, so the smallest role a member holds is the one that
    /// "only the highest role counts" rules use.
    pub enum Role as "role" {
        /// 主席
        Chair = "chair", "主席";
        /// 副主席
        ViceChair = "vice_chair", "副主席";
        /// 秘书长
        SecretaryGeneral = "secretary_general", "秘书长";
        /// 常务委员 (常委)
        StandingMember = "standing_member", "常务委员", "常委";
        /// 委员
        Member = "member", "委员";
    }
}

/// The set of [`Role`]s a member holds.
pub type Roles = crate::vocab::Set<Role>;

impl Roles {
    /// The highest role held, if any.
    pub fn highest(self) -> Option<Role> {
        self.iter().next()
    }

    /// Whether the member sits on the standing committee: standing members,
    /// and the chair, vice-chairs and secretary-general who sit there ex officio.
    pub fn is_standing(self) -> bool {
        self.iter().any(|r| r != Role::Member)
    }
}

/// Personal data that must never reach a report or a log unless asked for.
/// `Debug` redacts it.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PersonalData {
    /// 手机
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 身份证号
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
}

impl fmt::Debug for PersonalData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = |o: &Option<String>| if o.is_some() { "<redacted>" } else { "<none>" };
        f.debug_struct("PersonalData")
            .field("phone", &mark(&self.phone))
            .field("id_number", &mark(&self.id_number))
            .finish()
    }
}

/// A member of the committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// 委员编号
    pub id: MemberId,
    /// 姓名
    pub name: CompactString,
    /// 性别
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// 民族
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    /// 出生日期
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// 党派 (中共, 民革 …, 无党派人士, 群众)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<CompactString>,
    /// 界别: the seat the member holds.
    pub sector: CompactString,
    /// 专委会 the member sits on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<CompactString>,
    /// 职务 in the committee.
    #[serde(default)]
    pub roles: Roles,
    /// Joined mid-term (增补); `None` means from the start of the term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_on: Option<NaiveDate>,
    /// Left mid-term (辞去, 撤销); `None` means still in office.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left_on: Option<NaiveDate>,
    /// 工作单位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<String>,
    /// 职务 at the employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// 联络组
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liaison_group: Option<CompactString>,
    /// Phone and ID number.
    #[serde(default)]
    pub personal: PersonalData,
}

impl Member {
    /// A member with only the required fields set.
    pub fn new(id: impl Into<String>, name: impl Into<String>, sector: impl Into<String>) -> Self {
        Member {
            id: MemberId::from(id.into()),
            name: CompactString::from(name.into()),
            gender: None,
            ethnicity: None,
            birth_date: None,
            party: None,
            sector: CompactString::from(sector.into()),
            committee: None,
            roles: [Role::Member].into_iter().collect(),
            joined_on: None,
            left_on: None,
            employer: None,
            title: None,
            liaison_group: None,
            personal: PersonalData::default(),
        }
    }

    /// Whether the member held office on `date`.
    pub fn in_office_on(&self, date: NaiveDate) -> bool {
        self.joined_on.is_none_or(|j| j <= date) && self.left_on.is_none_or(|l| date <= l)
    }

    /// The days of `[start, end]` the member was in office, as a sub-range.
    pub fn days_in_office(&self, start: NaiveDate, end: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.joined_on.map_or(start, |j| j.max(start));
        let to = self.left_on.map_or(end, |l| l.min(end));
        (from <= to).then_some((from, to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn personal_data_is_redacted_in_debug() {
        let mut m = Member::new("M1", "张三", "教育界");
        m.personal.phone = Some("13800000000".into());
        m.personal.id_number = Some("110101199001011234".into());
        let shown = format!("{m:?}");
        assert!(!shown.contains("13800000000"), "{shown}");
        assert!(!shown.contains("110101199001011234"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn ids_of_any_length_read_and_write_as_text() {
        // Ids up to 24 bytes are kept inline, longer ones on the heap: both
        // are the same text everywhere (JSON, display, order, lookups).
        let short = MemberId::from("GD-0001");
        let long = MemberId::from("广东省政协第十三届委员会-委员-000123");
        assert!(long.as_str().len() > 24);
        for id in [&short, &long] {
            let json = serde_json::to_string(id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.as_str()));
            assert_eq!(&serde_json::from_str::<MemberId>(&json).unwrap(), id);
            assert_eq!(id.to_string(), id.as_str());
            assert_eq!(MemberId::from(id.to_string()), *id);
        }
        assert!(short < long, "ids order as their text does");
    }

    #[test]
    fn highest_role_and_standing() {
        let roles: Roles = [Role::Member, Role::StandingMember].into_iter().collect();
        assert_eq!(roles.highest(), Some(Role::StandingMember));
        assert!(roles.is_standing());
        let plain: Roles = [Role::Member].into_iter().collect();
        assert!(!plain.is_standing());
        assert_eq!("常委".parse::<Role>().unwrap(), Role::StandingMember);
    }

    #[test]
    fn membership_window() {
        let mut m = Member::new("M1", "李四", "经济界");
        m.joined_on = Some(d(2024, 4, 1));
        m.left_on = Some(d(2024, 9, 30));
        assert!(!m.in_office_on(d(2024, 3, 31)));
        assert!(m.in_office_on(d(2024, 4, 1)));
        assert!(m.in_office_on(d(2024, 9, 30)));
        assert!(!m.in_office_on(d(2024, 10, 1)));
        assert_eq!(m.days_in_office(d(2024, 1, 1), d(2024, 12, 31)), Some((d(2024, 4, 1), d(2024, 9, 30))));
        assert_eq!(m.days_in_office(d(2025, 1, 1), d(2025, 12, 31)), None);
    }
}
