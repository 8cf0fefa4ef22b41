//! Sectors (界别) by committee level, and what a member of each sector is
//! like: party, employer, job title, which special committee suits them.

use lvzhi_core::Level;

use crate::rng::Rng;

/// What kind of seat a sector is; drives party, employer and affinities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Cpc,
    /// A democratic party, by its short name (民盟 …).
    Party(&'static str),
    NonParty,
    Youth,
    Union,
    Women,
    Commerce,
    Science,
    Overseas,
    Taiwan,
    Culture,
    Education,
    Health,
    Economy,
    Agriculture,
    Tech,
    SocialScience,
    Press,
    Sports,
    Welfare,
    Ethnic,
    Religion,
    Invited,
    Environment,
    Friendship,
    HongKong,
    Macao,
}

/// A sector of a committee with its share of the seats.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sector {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) weight: u32,
}

const fn s(name: &'static str, kind: Kind, weight: u32) -> Sector {
    Sector { name, kind, weight }
}

/// A county committee's own sector list.
const COUNTY: &[Sector] = &[
    s("中共", Kind::Cpc, 15),
    s("民革", Kind::Party("民革"), 3),
    s("民盟", Kind::Party("民盟"), 4),
    s("民建", Kind::Party("民建"), 4),
    s("民进", Kind::Party("民进"), 4),
    s("农工党", Kind::Party("农工党"), 3),
    s("九三学社", Kind::Party("九三学社"), 3),
    s("无党派人士", Kind::NonParty, 4),
    s("共青团和青联", Kind::Youth, 4),
    s("总工会", Kind::Union, 4),
    s("妇联", Kind::Women, 4),
    s("工商联", Kind::Commerce, 6),
    s("科协", Kind::Science, 3),
    s("侨联", Kind::Overseas, 2),
    s("文化艺术界", Kind::Culture, 5),
    s("教育界", Kind::Education, 8),
    s("医药卫生界", Kind::Health, 8),
    s("经济界", Kind::Economy, 12),
    s("农业界", Kind::Agriculture, 10),
    s("科技界", Kind::Tech, 4),
    s("社会福利和社会保障界", Kind::Welfare, 4),
    s("少数民族界", Kind::Ethnic, 3),
    s("宗教界", Kind::Religion, 3),
    s("特邀界", Kind::Invited, 6),
];

/// What a city committee has beyond the county list: one more party and
/// a few more fields (inserted before 特邀界).
const CITY_PARTY: Sector = s("致公党", Kind::Party("致公党"), 2);
const CITY_FIELDS: &[Sector] = &[
    s("社会科学界", Kind::SocialScience, 3),
    s("体育界", Kind::Sports, 2),
    s("新闻出版界", Kind::Press, 2),
    s("环境资源界", Kind::Environment, 3),
];

/// The 14th national committee's 34 sectors (same order as
/// `lvzhi_core::NATIONAL_SECTORS_14`), weighted by its seat counts; also
/// used for provincial committees.
const NATIONAL: &[Sector] = &[
    s("中国共产党", Kind::Cpc, 99),
    s("中国国民党革命委员会", Kind::Party("民革"), 65),
    s("中国民主同盟", Kind::Party("民盟"), 65),
    s("中国民主建国会", Kind::Party("民建"), 65),
    s("中国民主促进会", Kind::Party("民进"), 45),
    s("中国农工民主党", Kind::Party("农工党"), 45),
    s("中国致公党", Kind::Party("致公党"), 30),
    s("九三学社", Kind::Party("九三学社"), 45),
    s("台湾民主自治同盟", Kind::Party("台盟"), 20),
    s("无党派人士", Kind::NonParty, 65),
    s("中国共产主义青年团和中华全国青年联合会", Kind::Youth, 30),
    s("中华全国总工会", Kind::Union, 60),
    s("中华全国妇女联合会", Kind::Women, 67),
    s("中华全国工商业联合会", Kind::Commerce, 62),
    s("中国科学技术协会", Kind::Science, 42),
    s("中华全国台湾同胞联谊会", Kind::Taiwan, 15),
    s("中华全国归国华侨联合会", Kind::Overseas, 28),
    s("文化艺术界", Kind::Culture, 141),
    s("科学技术界", Kind::Tech, 110),
    s("社会科学界", Kind::SocialScience, 69),
    s("经济界", Kind::Economy, 105),
    s("农业界", Kind::Agriculture, 66),
    s("教育界", Kind::Education, 110),
    s("体育界", Kind::Sports, 23),
    s("新闻出版界", Kind::Press, 44),
    s("医药卫生界", Kind::Health, 89),
    s("对外友好界", Kind::Friendship, 41),
    s("社会福利和社会保障界", Kind::Welfare, 34),
    s("少数民族界", Kind::Ethnic, 101),
    s("宗教界", Kind::Religion, 65),
    s("特邀香港人士", Kind::HongKong, 124),
    s("特邀澳门人士", Kind::Macao, 29),
    s("特别邀请人士", Kind::Invited, 167),
    s("环境资源界", Kind::Environment, 85),
];

/// The sector list of a committee at `level`.
pub(crate) fn sectors(level: Level) -> Vec<Sector> {
    match level {
        Level::County => COUNTY.to_vec(),
        Level::City => {
            let mut list = COUNTY.to_vec();
            let after_parties = list.iter().position(|s| s.name == "九三学社").unwrap_or(0);
            list.insert(after_parties, CITY_PARTY);
            let invited = list.len() - 1;
            list.splice(invited..invited, CITY_FIELDS.iter().copied());
            list
        }
        Level::Provincial | Level::National => NATIONAL.to_vec(),
    }
}

/// The special committees (专委会) of a committee at `level`.
pub(crate) fn special_committees(level: Level) -> &'static [&'static str] {
    match level {
        Level::County => &[
            "提案委员会",
            "经济委员会",
            "农业和农村委员会",
            "教科卫体委员会",
            "社会和法制委员会",
            "文化文史和学习委员会",
        ],
        Level::City => &[
            "提案委员会",
            "经济委员会",
            "农业和农村委员会",
            "人口资源环境委员会",
            "教科卫体委员会",
            "社会和法制委员会",
            "民族宗教委员会",
            "文化文史和学习委员会",
        ],
        Level::Provincial | Level::National => &[
            "提案委员会",
            "经济委员会",
            "农业和农村委员会",
            "人口资源环境委员会",
            "教科卫体委员会",
            "社会和法制委员会",
            "民族和宗教委员会",
            "港澳台侨委员会",
            "外事委员会",
            "文化文史和学习委员会",
        ],
    }
}

/// Special committees a member of this kind of sector tends to sit on, best first.
pub(crate) fn committee_affinity(kind: Kind) -> &'static [&'static str] {
    use Kind::*;
    match kind {
        Cpc => &["提案委员会", "经济委员会", "社会和法制委员会"],
        Party(_) => &["提案委员会", "教科卫体委员会", "经济委员会"],
        NonParty => &["提案委员会", "教科卫体委员会"],
        Youth | Union | Women | Welfare => &["社会和法制委员会"],
        Commerce | Economy => &["经济委员会"],
        Science | Tech => &["教科卫体委员会", "经济委员会"],
        Overseas | Taiwan | HongKong | Macao | Friendship => &["港澳台侨委员会", "外事委员会", "经济委员会"],
        Culture | Press | SocialScience => &["文化文史和学习委员会"],
        Education | Health | Sports => &["教科卫体委员会"],
        Agriculture => &["农业和农村委员会"],
        Ethnic | Religion => &["民族和宗教委员会", "民族宗教委员会", "社会和法制委员会"],
        Invited => &["社会和法制委员会", "提案委员会"],
        Environment => &["人口资源环境委员会", "农业和农村委员会"],
    }
}

/// A plausible party (党派) for a member of a sector of this kind.
/// `parties` are the democratic parties the committee has.
pub(crate) fn party(kind: Kind, parties: &[&'static str], rng: &mut Rng) -> &'static str {
    use Kind::*;
    // Shares per mille: 中共, 群众, a democratic party, 无党派人士.
    let (cpc, masses, democratic) = match kind {
        Cpc => return "中共",
        Party(p) => return p,
        NonParty => return "无党派人士",
        Religion => (0, 900, 0),
        Union => (700, 300, 0),
        Agriculture | Ethnic => (600, 350, 50),
        Invited => (800, 100, 0),
        Welfare => (600, 300, 100),
        Youth | Women => (550, 350, 100),
        Economy => (500, 300, 150),
        Education => (500, 150, 300),
        Health => (450, 150, 350),
        Science | Tech => (450, 200, 250),
        Commerce => (250, 450, 250),
        Overseas | Taiwan | HongKong | Macao | Friendship => (200, 600, 200),
        Culture | Press | SocialScience | Sports | Environment => (400, 300, 250),
    };
    let x = rng.range(0, 999);
    if x < cpc {
        "中共"
    } else if x < cpc + masses {
        "群众"
    } else if x < cpc + masses + democratic && !parties.is_empty() {
        favoured_party(kind, parties, rng)
    } else {
        "无党派人士"
    }
}

/// The democratic party members of a field tend to join (民进 for teachers,
/// 农工党 for doctors …), when the committee has it.
fn favoured_party(kind: Kind, parties: &[&'static str], rng: &mut Rng) -> &'static str {
    use Kind::*;
    let favourite = match kind {
        Education | Culture | Press => Some("民进"),
        Health => Some("农工党"),
        Science | Tech => Some("九三学社"),
        Economy | Commerce => Some("民建"),
        Overseas | Friendship => Some("致公党"),
        Taiwan => Some("台盟"),
        SocialScience => Some("民盟"),
        _ => None,
    };
    match favourite {
        Some(f) if parties.contains(&f) && rng.chance(600) => f,
        _ => parties[rng.below(parties.len())],
    }
}

/// The field a democratic party's or non-party member works in.
fn profession(kind: Kind, rng: &mut Rng) -> Kind {
    use Kind::*;
    let fields: &[Kind] = match kind {
        Party("民革") => &[Invited, Economy, Culture],
        Party("民盟") => &[Education, Culture, SocialScience],
        Party("民建") => &[Economy, Commerce],
        Party("民进") => &[Education, Culture, Press],
        Party("农工党") => &[Health],
        Party("致公党") => &[Overseas, Economy],
        Party("九三学社") => &[Tech, Science, Health],
        Party("台盟") => &[Taiwan, Economy],
        _ => &[Health, Education, Tech, Invited, Economy],
    };
    *rng.pick(fields)
}

/// Employer templates and job titles by sector kind. Tokens: `{L}` the
/// level's prefix (县, 市, 省, or the member's province for the national
/// committee), `{P}` the place's short name, `{T}` a township, `{V}` a
/// village, `{B}` a brand, `{I}` a trade, `{C}` a farming line, `{H}` the
/// township's own word (镇 or 乡).
type Jobs = &'static [(&'static str, &'static [&'static str])];

fn jobs(kind: Kind) -> Jobs {
    use Kind::*;
    match kind {
        Cpc => &[
            ("{L}委办公室", &["主任", "副主任"]),
            ("{L}委组织部", &["副部长"]),
            ("{L}委统战部", &["部长", "副部长"]),
            ("{L}委宣传部", &["副部长"]),
            ("{L}发展和改革局", &["局长"]),
            ("{L}财政局", &["局长", "副局长"]),
            ("{T}党委", &["书记"]),
            ("{T}人民政府", &["{H}长"]),
            ("{L}人大常委会", &["副主任"]),
            ("{L}人民政府办公室", &["主任"]),
        ],
        NonParty => &[("{L}人民医院", &["主任医师"]), ("{P}{B}会计师事务所", &["所长"])],
        Party(_) => &[],
        Youth => &[
            ("团{L}委", &["书记", "副书记"]),
            ("{L}青年企业家协会", &["会长"]),
            ("{P}{B}电子商务有限公司", &["总经理", "创始人"]),
            ("{T}{V}村", &["党支部书记"]),
        ],
        Union => &[
            ("{L}总工会", &["主席", "副主席"]),
            ("{P}{B}机械制造有限公司", &["工会主席", "车间主任", "高级技师"]),
            ("国网{L}供电公司", &["班组长"]),
        ],
        Women => &[
            ("{L}妇联", &["主席", "副主席"]),
            ("{L}妇女创业协会", &["会长"]),
            ("{T}{V}村", &["妇联主席", "党支部书记"]),
            ("{P}{B}服饰有限公司", &["董事长"]),
        ],
        Commerce => &[
            ("{L}工商联", &["副主席"]),
            ("{P}{B}{I}有限公司", &["董事长", "总经理"]),
            ("{P}{B}{I}有限公司", &["董事长"]),
            ("{P}{B}商贸有限公司", &["总经理"]),
        ],
        Science => &[
            ("{L}科协", &["主席", "副主席"]),
            ("{L}农业技术推广中心", &["高级农艺师", "主任"]),
            ("{L}气象局", &["局长"]),
        ],
        Overseas => &[("{L}侨联", &["主席", "副主席"]), ("{P}{B}进出口有限公司", &["总经理"])],
        Taiwan => &[("{L}台联", &["会长"]), ("{P}{B}台资企业协会", &["会长"])],
        Culture => &[
            ("{L}文化馆", &["馆长", "副馆长"]),
            ("{L}文联", &["主席", "副主席"]),
            ("{L}书法家协会", &["主席"]),
            ("{L}融媒体中心", &["主任", "记者"]),
            ("{L}非物质文化遗产保护中心", &["主任"]),
            ("{L}图书馆", &["馆长"]),
        ],
        Education => &[
            ("{L}第一中学", &["校长", "副校长", "教师"]),
            ("{L}第二中学", &["校长", "教师"]),
            ("{L}实验小学", &["校长", "教师"]),
            ("{T}中心小学", &["校长", "教师"]),
            ("{L}职业技术学校", &["校长", "副校长"]),
            ("{L}第一幼儿园", &["园长"]),
            ("{L}教育局", &["副局长"]),
        ],
        Health => &[
            ("{L}人民医院", &["院长", "副院长", "主任医师", "护士长"]),
            ("{L}中医院", &["院长", "副主任医师"]),
            ("{L}妇幼保健院", &["院长"]),
            ("{T}卫生院", &["院长"]),
            ("{L}疾病预防控制中心", &["主任"]),
            ("{P}{B}大药房连锁有限公司", &["总经理"]),
        ],
        Economy => &[
            ("{L}农村商业银行", &["行长", "副行长"]),
            ("国网{L}供电公司", &["总经理"]),
            ("{P}城市建设投资集团有限公司", &["董事长", "总经理"]),
            ("{P}{B}{I}有限公司", &["董事长", "总经理"]),
            ("{P}{B}{I}有限公司", &["董事长"]),
            ("{L}税务局", &["副局长"]),
            ("{L}统计局", &["局长"]),
        ],
        Agriculture => &[
            ("{T}{V}村", &["党支部书记", "村委会主任"]),
            ("{T}{B}{C}专业合作社", &["理事长"]),
            ("{T}{B}{C}专业合作社", &["理事长"]),
            ("{L}农业农村局", &["副局长"]),
            ("{T}{B}家庭农场", &["场主"]),
            ("{L}林业局", &["副局长"]),
        ],
        Tech => &[
            ("{P}{B}电子科技有限公司", &["总工程师", "董事长"]),
            ("{L}科学技术局", &["局长"]),
            ("{L}农业科学研究所", &["所长", "研究员"]),
            ("{L}工业园区管委会", &["副主任"]),
        ],
        SocialScience => &[
            ("{L}委党校", &["教授", "副校长"]),
            ("{L}社会科学界联合会", &["主席"]),
            ("{L}地方志编纂中心", &["主任"]),
        ],
        Press => &[("{L}融媒体中心", &["总编辑", "记者"]), ("{P}日报社", &["社长"])],
        Sports => &[("{L}体育运动学校", &["校长", "教练员"]), ("{L}体育中心", &["主任"])],
        Welfare => &[
            ("{L}民政局", &["副局长"]),
            ("{L}残疾人联合会", &["理事长"]),
            ("{L}社会福利院", &["院长"]),
            ("{L}人力资源和社会保障局", &["副局长"]),
            ("{L}慈善总会", &["会长"]),
            ("{L}医疗保障局", &["局长"]),
        ],
        Ethnic => &[
            ("{L}民族宗教事务局", &["局长", "副局长"]),
            ("{T}{V}村", &["党支部书记"]),
            ("{L}民族中学", &["校长"]),
        ],
        Religion => &[
            ("{L}佛教协会", &["会长", "副会长"]),
            ("{L}道教协会", &["会长"]),
            ("{L}基督教两会", &["主席"]),
            ("{L}伊斯兰教协会", &["会长"]),
        ],
        Invited => &[
            ("{L}人民法院", &["副院长"]),
            ("{L}人民检察院", &["副检察长"]),
            ("{L}公安局", &["副局长"]),
            ("{L}律师协会", &["会长"]),
            ("{P}{B}律师事务所", &["主任", "律师"]),
            ("{L}司法局", &["局长"]),
            ("{L}退役军人事务局", &["局长"]),
        ],
        Environment => &[
            ("{L}生态环境局", &["副局长"]),
            ("{L}自然资源局", &["副局长"]),
            ("{P}{B}环保科技有限公司", &["总经理"]),
        ],
        Friendship => &[("{L}人民对外友好协会", &["会长"]), ("{P}{B}国际贸易有限公司", &["总经理"])],
        HongKong => &[("香港{B}集团有限公司", &["董事局主席", "董事"])],
        Macao => &[("澳门{B}实业有限公司", &["董事长"])],
    }
}

/// An employer template and a job title for a member of this kind of sector.
/// Democratic-party members mostly work in their party's favoured fields and
/// sometimes for the party's own committee (`{party}{PL}委员会`).
pub(crate) fn job(kind: Kind, rng: &mut Rng) -> (&'static str, &'static str) {
    let kind = match kind {
        Kind::Party(_) if rng.chance(250) => {
            return ("{Y}{PL}委员会", *rng.pick(&["主任委员", "副主任委员"]))
        }
        Kind::Party(_) => profession(kind, rng),
        Kind::NonParty if rng.chance(600) => profession(kind, rng),
        k => k,
    };
    let (employer, titles) = *rng.pick(jobs(kind));
    (employer, *rng.pick(titles))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lvzhi_core::NATIONAL_SECTORS_14;

    #[test]
    fn national_list_matches_core() {
        let names: Vec<&str> = NATIONAL.iter().map(|s| s.name).collect();
        assert_eq!(names, NATIONAL_SECTORS_14);
    }

    #[test]
    fn city_list_extends_the_county_list() {
        let city: Vec<&str> = sectors(Level::City).iter().map(|s| s.name).collect();
        assert_eq!(city.len(), COUNTY.len() + 1 + CITY_FIELDS.len());
        assert_eq!(city[6], "致公党");
        assert_eq!(city.last(), Some(&"特邀界"));
    }

    #[test]
    fn every_kind_has_jobs_and_a_committee() {
        let mut rng = Rng::new(3, "jobs");
        for level in [Level::County, Level::City, Level::National] {
            for s in &sectors(level) {
                for _ in 0..20 {
                    let (employer, title) = job(s.kind, &mut rng);
                    assert!(!employer.is_empty() && !title.is_empty(), "{}", s.name);
                }
                assert!(!committee_affinity(s.kind).is_empty());
            }
        }
    }
}
