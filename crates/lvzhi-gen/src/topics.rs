//! Subjects of duty work: policy domains with the government departments
//! that handle them, the proposals' actions ("加快推进县域医共体建设") and the
//! situations that research and reports look into ("农村留守老人照护情况").

use lvzhi_core::{Function, Level};

use crate::sectors::Kind;

/// A policy domain.
pub(crate) struct Domain {
    /// Special committees that follow it, best first.
    pub(crate) committees: &'static [&'static str],
    /// Sectors whose members care about it.
    pub(crate) kinds: &'static [Kind],
    /// Handling units, by their county-level name without the 县 prefix.
    pub(crate) units: &'static [&'static str],
    /// What a proposal asks for.
    pub(crate) actions: &'static [&'static str],
    /// What research, inspection and reports look into.
    pub(crate) situations: &'static [&'static str],
    /// Whether work in the domain is mostly democratic supervision.
    pub(crate) supervision: bool,
}

pub(crate) const DOMAINS: &[Domain] = &[
    Domain {
        committees: &["教科卫体委员会"],
        kinds: &[Kind::Health],
        units: &["卫生健康局", "医疗保障局", "财政局"],
        actions: &[
            "加快推进县域医共体建设",
            "提升乡镇卫生院服务能力",
            "加强乡村医生队伍建设",
            "完善家庭医生签约服务",
            "推进医养结合发展",
            "加强基层中医药服务能力建设",
            "规范民营医疗机构管理",
        ],
        situations: &[
            "乡镇卫生院人才流失情况",
            "村卫生室运行情况",
            "县域医共体建设推进情况",
            "家庭医生签约服务落实情况",
            "基层医疗机构药品配备情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["教科卫体委员会"],
        kinds: &[Kind::Education],
        units: &["教育局", "人力资源和社会保障局", "财政局"],
        actions: &[
            "推进城乡义务教育优质均衡发展",
            "加强乡村教师队伍建设",
            "加强中小学生心理健康教育",
            "改善农村寄宿制学校办学条件",
            "推进职业教育产教融合",
            "规范校外培训机构管理",
            "加强校园周边安全管理",
        ],
        situations: &[
            "农村小规模学校办学情况",
            "中小学生心理健康状况",
            "乡村教师流动情况",
            "“双减”政策落实情况",
            "农村留守儿童教育情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["社会和法制委员会"],
        kinds: &[Kind::Welfare, Kind::Health],
        units: &["民政局", "卫生健康局", "人力资源和社会保障局"],
        actions: &[
            "加强农村留守老人关爱服务",
            "发展社区居家养老服务",
            "推进农村互助养老",
            "完善困难群众救助帮扶机制",
            "加强未成年人保护工作",
            "推进残疾人康复服务",
        ],
        situations: &[
            "农村留守老人照护情况",
            "养老机构运营情况",
            "特困人员集中供养情况",
            "残疾人就业帮扶情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["农业和农村委员会"],
        kinds: &[Kind::Agriculture],
        units: &["农业农村局", "自然资源局", "水利局", "财政局"],
        actions: &[
            "推进高标准农田建设",
            "培育壮大新型农业经营主体",
            "发展壮大村级集体经济",
            "加强农产品区域公用品牌建设",
            "推进农村人居环境整治提升",
            "加快发展特色农业产业",
            "健全农业社会化服务体系",
        ],
        situations: &[
            "高标准农田建后管护情况",
            "村级集体经济发展情况",
            "农村人居环境整治情况",
            "撂荒耕地整治情况",
            "农产品冷链物流建设情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["经济委员会"],
        kinds: &[Kind::Economy, Kind::Commerce],
        units: &["发展和改革局", "工业和信息化局", "市场监督管理局", "商务局", "财政局"],
        actions: &[
            "持续优化营商环境",
            "支持民营经济高质量发展",
            "推进县域商业体系建设",
            "加快工业园区提质升级",
            "发展农村电子商务",
            "破解中小微企业融资难题",
            "推动消费扩容提质",
        ],
        situations: &[
            "中小微企业融资情况",
            "工业园区企业用工情况",
            "营商环境建设情况",
            "农村电商发展情况",
            "涉企收费清理情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["经济委员会", "人口资源环境委员会"],
        kinds: &[Kind::Economy, Kind::Invited],
        units: &["住房和城乡建设局", "交通运输局", "自然资源局"],
        actions: &[
            "推进城镇老旧小区改造",
            "加强城区停车设施建设",
            "完善农村公路养护机制",
            "推进城乡公交一体化",
            "加强城市排水防涝设施建设",
            "推进既有住宅加装电梯",
        ],
        situations: &["城镇老旧小区改造推进情况", "城区停车难问题", "农村公路管护情况", "城乡公交运行情况"],
        supervision: false,
    },
    Domain {
        committees: &["人口资源环境委员会", "农业和农村委员会"],
        kinds: &[Kind::Environment, Kind::Agriculture, Kind::Science],
        units: &["生态环境局", "林业局", "水利局"],
        actions: &[
            "压实河湖长制责任",
            "推进农村生活污水治理",
            "加强农业面源污染防治",
            "推进生态产品价值实现",
            "加强森林防火工作",
            "推进秸秆综合利用",
        ],
        situations: &[
            "农村生活污水处理设施运行情况",
            "河道采砂管理情况",
            "秸秆禁烧和综合利用情况",
            "饮用水水源地保护情况",
        ],
        supervision: true,
    },
    Domain {
        committees: &["文化文史和学习委员会"],
        kinds: &[Kind::Culture, Kind::Press],
        units: &["文化广电和旅游局"],
        actions: &[
            "推进全域旅游发展",
            "加强传统村落保护利用",
            "推动非物质文化遗产活态传承",
            "丰富农村公共文化服务供给",
            "加强红色文化资源保护利用",
            "推动文旅融合发展",
        ],
        situations: &["传统村落保护情况", "乡村旅游发展情况", "农家书屋使用情况", "非物质文化遗产传承情况"],
        supervision: false,
    },
    Domain {
        committees: &["社会和法制委员会"],
        kinds: &[Kind::Invited, Kind::Welfare],
        units: &["公安局", "司法局", "应急管理局", "市场监督管理局"],
        actions: &[
            "加强电信网络诈骗防范宣传",
            "完善矛盾纠纷多元化解机制",
            "加强道路交通安全管理",
            "推进平安乡村建设",
            "加强校园食品安全监管",
            "提升基层应急救援能力",
        ],
        situations: &[
            "电信网络诈骗防范情况",
            "农村道路交通安全情况",
            "基层矛盾纠纷调处情况",
            "校园食品安全情况",
        ],
        supervision: true,
    },
    Domain {
        committees: &["社会和法制委员会", "经济委员会"],
        kinds: &[Kind::Welfare, Kind::Youth, Kind::Union],
        units: &["人力资源和社会保障局", "医疗保障局"],
        actions: &[
            "促进高校毕业生返乡就业创业",
            "保障新就业形态劳动者权益",
            "扩大城乡居民医保参保覆盖面",
            "加强农民工欠薪治理",
            "推进技能人才培养",
        ],
        situations: &[
            "返乡创业人员扶持情况",
            "灵活就业人员参保情况",
            "农民工工资支付情况",
            "新就业形态劳动者权益保障情况",
        ],
        supervision: false,
    },
    Domain {
        committees: &["教科卫体委员会", "经济委员会"],
        kinds: &[Kind::Tech, Kind::Science],
        units: &["科学技术局", "工业和信息化局"],
        actions: &["加强企业科技创新主体培育", "推进科技特派员制度", "加快数字乡村建设", "加强科普阵地建设"],
        situations: &["企业研发投入情况", "科技特派员服务情况", "数字乡村建设情况"],
        supervision: false,
    },
];

impl Domain {
    /// The functions work in this domain serves, besides the activity's own.
    pub(crate) fn extra_function(&self) -> Option<Function> {
        self.supervision.then_some(Function::Supervision)
    }
}

/// Handling units: county-level name, provincial name, national name.
const UNITS: &[(&str, &str, &str)] = &[
    ("教育局", "教育厅", "教育部"),
    ("卫生健康局", "卫生健康委员会", "国家卫生健康委员会"),
    ("医疗保障局", "医疗保障局", "国家医疗保障局"),
    ("民政局", "民政厅", "民政部"),
    ("人力资源和社会保障局", "人力资源和社会保障厅", "人力资源和社会保障部"),
    ("农业农村局", "农业农村厅", "农业农村部"),
    ("自然资源局", "自然资源厅", "自然资源部"),
    ("水利局", "水利厅", "水利部"),
    ("发展和改革局", "发展和改革委员会", "国家发展和改革委员会"),
    ("工业和信息化局", "工业和信息化厅", "工业和信息化部"),
    ("市场监督管理局", "市场监督管理局", "国家市场监督管理总局"),
    ("商务局", "商务厅", "商务部"),
    ("住房和城乡建设局", "住房和城乡建设厅", "住房和城乡建设部"),
    ("交通运输局", "交通运输厅", "交通运输部"),
    ("生态环境局", "生态环境厅", "生态环境部"),
    ("林业局", "林业局", "国家林业和草原局"),
    ("文化广电和旅游局", "文化和旅游厅", "文化和旅游部"),
    ("公安局", "公安厅", "公安部"),
    ("司法局", "司法厅", "司法部"),
    ("应急管理局", "应急管理厅", "应急管理部"),
    ("财政局", "财政厅", "财政部"),
    ("科学技术局", "科学技术厅", "科学技术部"),
];

/// A handling unit's name at a committee's level: 县教育局, 市教育局, 省教育厅, 教育部.
pub(crate) fn unit(level: Level, county_name: &str) -> String {
    let (_, provincial, national) =
        UNITS.iter().find(|u| u.0 == county_name).copied().unwrap_or((county_name, county_name, county_name));
    match level {
        Level::County => format!("县{county_name}"),
        Level::City => format!("市{county_name}"),
        Level::Provincial => format!("省{provincial}"),
        Level::National => national.to_string(),
    }
}

/// Township-level micro-consultation subjects (有事好商量).
pub(crate) const MICRO: &[&str] = &[
    "农贸市场改造提升",
    "老旧小区加装电梯",
    "集镇停车秩序整治",
    "村组道路路灯安装",
    "集镇生活垃圾清运",
    "农村饮水安全保障",
    "小区物业管理",
    "河道沿岸环境整治",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_unit_is_known_at_every_level() {
        for d in DOMAINS {
            assert!(!d.actions.is_empty() && !d.situations.is_empty() && !d.units.is_empty());
            for u in d.units {
                assert!(UNITS.iter().any(|x| x.0 == *u), "{u}");
            }
        }
        assert_eq!(unit(Level::County, "教育局"), "县教育局");
        assert_eq!(unit(Level::Provincial, "教育局"), "省教育厅");
        assert_eq!(unit(Level::National, "卫生健康局"), "国家卫生健康委员会");
    }
}
