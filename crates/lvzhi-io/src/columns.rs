//! The columns of the three tables: canonical names, Chinese headers and
//! the other spellings accepted when reading.

use lvzhi_core::vocab::normalize;

/// A table's column set.
pub(crate) trait Column: Copy + Eq + 'static {
    /// Every column, in file order.
    const ALL: &'static [Self];
    /// Columns a file must have.
    const REQUIRED: &'static [Self];
    /// The canonical (English) name, used as the header of files we write.
    fn name(self) -> &'static str;
    /// Other accepted headers; the first is the Chinese header written for Excel.
    fn aliases(self) -> &'static [&'static str];
    /// Position in [`Column::ALL`].
    fn index(self) -> usize;

    /// The Chinese header.
    fn label(self) -> &'static str {
        self.aliases()[0]
    }

    /// The column a header (or JSON key) names, if any.
    fn lookup(header: &str) -> Option<Self> {
        let wanted = header_key(header);
        Self::ALL
            .iter()
            .copied()
            .find(|c| header_key(c.name()) == wanted || c.aliases().iter().any(|a| header_key(a) == wanted))
    }

    /// `name (label)` for every column: what an unknown header is told.
    fn expected() -> String {
        Self::ALL.iter().map(|c| format!("{} ({})", c.name(), c.label())).collect::<Vec<_>>().join(", ")
    }
}

/// Headers that only number the rows (序号): accepted and not read.
pub(crate) const ROW_NUMBER_HEADERS: &[&str] = &["序号", "行号"];

/// How headers are compared: full-width folded, case, spaces, `_`, `-` and
/// required-field stars ignored.
pub(crate) fn header_key(header: &str) -> String {
    normalize(header)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '*'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Declares a column enum.
macro_rules! columns {
    (
        $(#[$meta:meta])*
        $name:ident required [$($req:ident),*] {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal [$($alias:literal),+] ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl Column for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            const REQUIRED: &'static [Self] = &[$(Self::$req),*];
            fn name(self) -> &'static str {
                match self { $(Self::$variant => $code,)+ }
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $(Self::$variant => &[$($alias),+],)+ }
            }
            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

columns! {
    /// `members`
    MemberCol required [MemberId, Name, Sector] {
        MemberId = "member_id" ["委员编号", "编号", "委员号", "id"],
        Name = "name" ["姓名", "委员姓名"],
        Gender = "gender" ["性别"],
        Ethnicity = "ethnicity" ["民族"],
        BirthDate = "birth_date" ["出生日期", "生日"],
        Party = "party" ["党派", "政治面貌"],
        Sector = "sector" ["界别", "所属界别"],
        Committee = "committee" ["专委会", "专门委员会", "所属专委会"],
        Roles = "roles" ["职务", "政协职务"],
        JoinedOn = "joined_on" ["增补日期", "加入日期", "任职日期"],
        LeftOn = "left_on" ["退出日期", "离任日期"],
        Employer = "employer" ["工作单位", "单位"],
        Title = "title" ["单位职务", "职称", "工作职务"],
        LiaisonGroup = "liaison_group" ["联络组", "片区联络工委", "所属联络组"],
        Phone = "phone" ["手机", "电话", "手机号", "联系电话"],
        IdNumber = "id_number" ["身份证号", "身份证号码"],
    }
}

columns! {
    /// `activities`
    ActivityCol required [ActivityId, Kind, Title, Date, Level] {
        ActivityId = "activity_id" ["活动编号", "编号", "id"],
        Kind = "kind" ["类别", "类型", "活动类别", "活动类型"],
        Subtype = "subtype" ["子类", "子类别", "子类型", "form"],
        Title = "title" ["标题", "题目", "名称", "活动名称", "案由"],
        Date = "date" ["日期", "活动日期", "开始日期", "提交日期"],
        EndDate = "end_date" ["结束日期"],
        Level = "level" ["层级", "级别"],
        Functions = "functions" ["职能"],
        Organizer = "organizer" ["组织单位", "组织者"],
        LinkedTo = "linked_to" ["关联活动", "关联编号"],
        Status = "status" ["状态", "办理状态", "提案状态"],
        Number = "number" ["案号", "提案号"],
        CollectiveBody = "collective_body" ["提案集体", "集体提案单位"],
        Session = "session" ["提交时段", "会期"],
        HandlingUnits = "handling_units" ["办理单位", "承办单位"],
        ReplyCategory = "reply_category" ["答复类别", "答复类型"],
        Satisfaction = "satisfaction" ["满意度", "满意程度"],
        Designation = "designation" ["提案标识", "标识", "designations"],
        ForwardedTo = "forwarded_to" ["转报", "转报层级"],
        AdoptedBy = "adopted_by" ["采用", "采用层级", "采用情况"],
        AdoptionMode = "adoption_mode" ["采用方式"],
        InstructedBy = "instructed_by" ["批示", "批示层级", "批示情况"],
        Commissioned = "commissioned" ["约稿"],
        Feedback = "feedback" ["反馈", "反馈情况"],
        HalfDays = "half_days" ["半天数", "会期半天数"],
        Hours = "hours" ["学时", "时长", "小时数", "时数"],
        OffSite = "off_site" ["外出", "异地"],
        ReportProduced = "report_produced" ["形成报告", "调研报告"],
        Amount = "amount" ["金额", "金额(元)", "捐赠金额"],
        InKind = "in_kind" ["捐物", "实物"],
    }
}

columns! {
    /// `participations`
    ParticipationCol required [ActivityId, MemberId, Role] {
        ActivityId = "activity_id" ["活动编号"],
        MemberId = "member_id" ["委员编号"],
        Role = "role" ["角色", "参与角色", "身份"],
        Attendance = "attendance" ["出勤", "出席情况", "出勤情况", "考勤"],
        Speech = "speech" ["发言", "发言情况"],
        HalfDays = "half_days" ["半天数", "出席半天数"],
        Late = "late" ["迟到"],
        LeftEarly = "left_early" ["早退"],
        Throughout = "throughout" ["全程", "是否全程"],
    }
}

/// The kind-specific columns of `activities`, in file order.
pub(crate) const KIND_COLUMNS: &[ActivityCol] = {
    use ActivityCol as A;
    &[
        A::Subtype,
        A::Status,
        A::Number,
        A::CollectiveBody,
        A::Session,
        A::HandlingUnits,
        A::ReplyCategory,
        A::Satisfaction,
        A::Designation,
        A::ForwardedTo,
        A::AdoptedBy,
        A::AdoptionMode,
        A::InstructedBy,
        A::Commissioned,
        A::Feedback,
        A::HalfDays,
        A::Hours,
        A::OffSite,
        A::ReportProduced,
        A::Amount,
        A::InKind,
    ]
};

#[cfg(test)]
mod tests {
    use super::*;

    fn unambiguous<C: Column + std::fmt::Debug>() {
        let mut seen = std::collections::HashMap::new();
        for c in C::ALL {
            assert_eq!(C::ALL[c.index()], *c);
            for spelling in std::iter::once(c.name()).chain(c.aliases().iter().copied()) {
                if let Some(other) = seen.insert(header_key(spelling), *c) {
                    panic!("`{spelling}` names both {other:?} and {c:?}");
                }
                assert_eq!(C::lookup(spelling), Some(*c));
            }
        }
        for r in C::REQUIRED {
            assert!(C::ALL.contains(r));
        }
    }

    #[test]
    fn headers_are_unambiguous_within_a_table() {
        unambiguous::<MemberCol>();
        unambiguous::<ActivityCol>();
        unambiguous::<ParticipationCol>();
    }

    #[test]
    fn header_matching_ignores_case_spaces_and_full_width() {
        assert_eq!(MemberCol::lookup(" Member ID "), Some(MemberCol::MemberId));
        assert_eq!(MemberCol::lookup("ＭＥＭＢＥＲ＿ＩＤ"), Some(MemberCol::MemberId));
        assert_eq!(MemberCol::lookup("\u{3000}姓名*"), Some(MemberCol::Name));
        assert_eq!(ActivityCol::lookup("金额（元）"), Some(ActivityCol::Amount));
        assert_eq!(ActivityCol::lookup("备注"), None);
        assert_eq!(ParticipationCol::lookup("编号"), None, "编号 is ambiguous in participations");
    }

    #[test]
    fn kind_columns_are_subtype_and_the_tail_of_activities() {
        let tail = &ActivityCol::ALL[ActivityCol::Status.index()..];
        assert_eq!(KIND_COLUMNS[0], ActivityCol::Subtype);
        assert_eq!(&KIND_COLUMNS[1..], tail);
    }
}

#[cfg(test)]
mod doc {
    //! `docs/data-format.md` says what the code does.
    use super::*;
    use lvzhi_core::*;

    const DOC: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/data-format.md"));

    /// The markdown table of a table's columns, as the doc shows it.
    fn columns_table<C: Column>() -> String {
        let mut out = String::from("| column | Chinese header | also accepted |\n|---|---|---|\n");
        for c in C::ALL {
            let required = if C::REQUIRED.contains(c) { " (required)" } else { "" };
            let also = c.aliases()[1..].join(", ");
            out += &format!("| `{}`{required} | {} | {also} |\n", c.name(), c.label());
        }
        out
    }

    #[test]
    fn column_tables_match_the_code() {
        for table in [
            columns_table::<MemberCol>(),
            columns_table::<ActivityCol>(),
            columns_table::<ParticipationCol>(),
        ] {
            assert!(DOC.contains(&table), "docs/data-format.md lacks this table:\n{table}");
        }
    }

    fn values_listed<V: Vocabulary>() {
        assert!(DOC.contains(&format!("### {}\n", V::NAME)), "no section for {}", V::NAME);
        for v in V::ALL {
            let row = format!("| `{}` | {} | {} |\n", v.code(), v.label(), v.spellings()[2..].join(", "));
            assert!(DOC.contains(&row), "docs/data-format.md lacks this {} row:\n{row}", V::NAME);
        }
    }

    #[test]
    fn every_vocabulary_value_is_documented() {
        values_listed::<Gender>();
        values_listed::<Role>();
        values_listed::<ActivityKind>();
        values_listed::<Level>();
        values_listed::<Function>();
        values_listed::<ProposalForm>();
        values_listed::<ProposalStatus>();
        values_listed::<ProposalSession>();
        values_listed::<ReplyCategory>();
        values_listed::<Satisfaction>();
        values_listed::<HandlingRole>();
        values_listed::<Designation>();
        values_listed::<AdoptionMode>();
        values_listed::<MeetingKind>();
        values_listed::<TrainingKind>();
        values_listed::<ResearchKind>();
        values_listed::<LiaisonKind>();
        values_listed::<ParticipantRole>();
        values_listed::<Attendance>();
        values_listed::<Speech>();
    }

    /// The fenced blocks of `lang` in the doc.
    fn blocks(lang: &str) -> Vec<&'static str> {
        let fence = format!("```{lang}\n");
        DOC.split(fence.as_str()).skip(1).map(|b| b.split("```").next().unwrap()).collect()
    }

    #[test]
    fn examples_read() {
        let csv = blocks("csv");
        assert_eq!(csv.len(), 3);
        for (block, table) in csv.iter().zip([Table::Members, Table::Activities, Table::Participations]) {
            let batch =
                crate::read_csv(table, "example.csv", block.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
            assert!(!batch.is_empty());
        }
        let json = blocks("json");
        assert_eq!(json.len(), 2);
        crate::read_committee("committee.json", json[0].as_bytes()).unwrap();
        let batch = crate::read_json(Table::Activities, "activities.json", json[1].as_bytes()).unwrap();
        assert_eq!((batch.activities.len(), batch.participations.len()), (2, 2));
    }

    #[test]
    fn kind_matrix_matches_the_code() {
        use crate::record::applies;
        // Columns listed as "–" for a kind in the doc's matrix must not apply, and the others must.
        let matrix = DOC.split("### Kind-specific columns").nth(1).unwrap();
        let mut lines = matrix.lines().skip_while(|l| !l.starts_with("| column |"));
        let header = lines.next().unwrap();
        let kinds: Vec<&str> = header.split('|').map(str::trim).skip(2).filter(|s| !s.is_empty()).collect();
        let rows: Vec<&str> = lines.skip(1).take_while(|l| l.starts_with('|')).collect();
        let mut covered = Vec::new();
        for line in rows {
            let cells: Vec<&str> = line.split('|').map(str::trim).skip(1).collect();
            let names: Vec<&str> = cells[0].split('`').skip(1).step_by(2).collect();
            for name in names {
                let column = ActivityCol::lookup(name).unwrap();
                covered.push(column);
                for (kinds_cell, value) in kinds.iter().zip(&cells[1..]) {
                    for kind in kinds_cell.split(", ") {
                        let kind = ActivityKind::parse(kind).unwrap();
                        assert_eq!(applies(kind, column), *value != "–", "{name} for {kind}");
                    }
                }
            }
        }
        assert!(KIND_COLUMNS.iter().all(|c| covered.contains(c)), "{covered:?}");
        assert_eq!(kinds.iter().flat_map(|k| k.split(", ")).count(), ActivityKind::ALL.len());
    }
}
