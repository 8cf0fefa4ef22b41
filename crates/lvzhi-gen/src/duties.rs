//! The rest of a year's duty work: training, research and inspection,
//! liaison duty, volunteering, donations, awards, discipline, annual duty
//! reports and the office's "other" items.

use chrono::{Datelike, Duration, NaiveDate};
use lvzhi_core::{
    ActivityDetail, Donation, Function, Gender, Level, Liaison, LiaisonKind, ParticipantRole, Research,
    ResearchKind, Role, Speech, Training, TrainingKind, Volunteering,
};
use rust_decimal::Decimal;

use crate::data;
use crate::gen::{Absence, Gathering, Gen, Roll};
use crate::roster::Pool;
use crate::sectors::Kind;
use crate::topics::{self, DOMAINS};

/// Hours in tenths: `hours(25)` is 2.5.
fn hours(tenths: u32) -> Option<Decimal> {
    Some(Decimal::new(i64::from(tenths), 1))
}

const BOOKS: &[&str] =
    &["《乡土中国》", "《平凡的世界》", "《人民政协概论》", "《中国历代政治得失》", "《活着》"];
const LECTURES: &[&str] = &[
    "乡村振兴中的法律问题",
    "基层医疗改革的实践与思考",
    "人工智能与教育变革",
    "非遗保护的地方实践",
    "民营企业合规经营",
];
const ACADEMIES: &[&str] =
    &["浙江大学", "复旦大学", "中国人民大学", "井冈山干部学院", "延安干部学院", "中山大学"];
const ROUTINE: &[&str] = &[
    "学习贯彻全国两会精神专题学习会",
    "委员履职能力提升学习讲座",
    "《政协委员履职工作规则》学习会",
    "“政协讲堂”：数字经济与县域发展",
    "统一战线理论政策学习会",
];
/// Volunteering themes: who volunteers (a sector kind, or anyone) and in
/// which months.
const VOLUNTEERING: &[(&str, Option<Kind>, (u32, u32))] = &[
    ("“送医下乡”义诊活动", Some(Kind::Health), (3, 11)),
    ("“送教下乡”志愿服务", Some(Kind::Education), (3, 11)),
    ("“送法下乡”法律咨询服务", Some(Kind::Invited), (3, 12)),
    ("“送文化下乡”文艺演出", Some(Kind::Culture), (3, 12)),
    ("关爱留守儿童“六一”慰问活动", Some(Kind::Women), (5, 5)),
    ("“政协委员进社区”志愿服务", None, (3, 12)),
    ("“学雷锋”志愿服务活动", None, (3, 3)),
    ("“敬老月”走访慰问活动", None, (10, 10)),
    ("防汛救灾志愿服务", None, (6, 8)),
    ("无偿献血志愿活动", None, (3, 12)),
];

impl Gen<'_> {
    /// Induction for the year's new members, routine study sessions for
    /// everyone, thematic courses (one away from home), reading, lectures.
    pub(crate) fn training(&mut self) {
        let year = self.cfg.year;
        let n = self.cfg.members as usize;
        let office = self.ctx.office.clone();
        let study = self.first_committee(&["文化文史和学习委员会"]);

        let new: Vec<u32> = self
            .roster
            .all
            .iter()
            .copied()
            .filter(|&m| self.roster.people[m as usize].joined_this_year)
            .collect();
        if !new.is_empty() {
            let start = self.cal.by_election() + Duration::days(10);
            let date = self.cal.workday(&mut self.rng, start, start + Duration::days(14));
            let mut people = Gen::as_role(&self.in_office(&new, (date, date)), ParticipantRole::Attendee);
            people.push((self.roster.secretary, ParticipantRole::Speaker));
            let h = *self.rng.pick(&[80, 120]);
            self.train(
                format!("{year}年新任委员履职培训班"),
                (date, None),
                TrainingKind::Induction,
                h,
                people,
                &office,
            );
        }
        let routine = 4 + self.rng.below(2);
        for i in 0..routine {
            let month = 3 + (i as u32 * 9) / routine as u32;
            let date = self.cal.in_months(&mut self.rng, month, month + 1);
            let people =
                Gen::as_role(&self.in_office(&self.roster.all, (date, date)), ParticipantRole::Attendee);
            let h = *self.rng.pick(&[20, 25, 30]);
            self.train(
                ROUTINE[i % ROUTINE.len()].to_string(),
                (date, None),
                TrainingKind::Routine,
                h,
                people,
                study,
            );
        }

        // Off-site: five days at an academy, attended throughout or not.
        let date = self.cal.in_months(&mut self.rng, 4, 10);
        let end = date + Duration::days(4);
        let k = (n / 4).clamp(10, 60);
        let people = self.sample(Pool::All, k, (date, end), &[]);
        let academy = *self.rng.pick(ACADEMIES);
        let detail = ActivityDetail::Training(Training {
            kind: TrainingKind::Thematic,
            hours: hours(400),
            off_site: true,
        });
        self.convene(Gathering {
            title: format!("赴{academy}委员履职能力提升专题培训班"),
            dates: (date, Some(end)),
            detail,
            functions: &[Function::Consensus],
            organizer: &office,
            people: Gen::as_role(&people, ParticipantRole::Attendee),
            absence: Absence::FIELD,
            roll: Roll { half_days: None, throughout: true },
        });
        let date = self.cal.in_months(&mut self.rng, 6, 11);
        let people =
            Gen::as_role(&self.sample(Pool::All, n / 3, (date, date), &[]), ParticipantRole::Attendee);
        let topic = *self.rng.pick(&["乡村振兴", "法治建设", "数字经济", "生态文明建设"]);
        self.train(
            format!("{year}年度委员专题培训班（{topic}）"),
            (date, None),
            TrainingKind::Thematic,
            60,
            people,
            &office,
        );

        let (first_book, first_lecture) = (self.rng.below(BOOKS.len()), self.rng.below(LECTURES.len()));
        for i in 0..2 {
            let date = self.cal.in_months(&mut self.rng, 4 + 5 * i, 6 + 5 * i);
            let k = (n / 4).clamp(10, 80);
            let people =
                Gen::as_role(&self.sample(Pool::All, k, (date, date), &[]), ParticipantRole::Attendee);
            let book = BOOKS[(first_book + i as usize) % BOOKS.len()];
            self.train(
                format!("委员读书活动：共读{book}"),
                (date, None),
                TrainingKind::Reading,
                20,
                people,
                study,
            );

            let date = self.cal.in_months(&mut self.rng, 5 + 4 * i, 6 + 4 * i);
            let k = (n / 3).clamp(10, 120);
            let audience = self.sample(Pool::All, k + 1, (date, date), &[]);
            if let Some((&speaker, rest)) = audience.split_first() {
                let mut people = vec![(speaker, ParticipantRole::Speaker)];
                people.extend(Gen::as_role(rest, ParticipantRole::Attendee));
                let topic = LECTURES[(first_lecture + i as usize) % LECTURES.len()];
                self.train(
                    format!("委员讲堂：{topic}"),
                    (date, None),
                    TrainingKind::Lecture,
                    20,
                    people,
                    study,
                );
            }
        }
    }

    fn train(
        &mut self,
        title: String,
        dates: (NaiveDate, Option<NaiveDate>),
        kind: TrainingKind,
        tenths: u32,
        people: Vec<(u32, ParticipantRole)>,
        organizer: &str,
    ) {
        if people.is_empty() {
            return;
        }
        let detail = ActivityDetail::Training(Training { kind, hours: hours(tenths), off_site: false });
        self.convene(Gathering {
            title,
            dates,
            detail,
            functions: &[Function::Consensus],
            organizer,
            people,
            absence: Absence::BUSY,
            roll: Roll::default(),
        });
    }

    /// Research, inspections, study visits, supervision and appraisal, each
    /// with a lead, sometimes an organising member, and participants; one
    /// research project joins the committee above (at its level).
    pub(crate) fn research(&mut self) {
        let n = self.cfg.members as usize;
        let plan = [
            (ResearchKind::Research, (n / 15).clamp(4, 80), 700),
            (ResearchKind::Inspection, (n / 30).clamp(3, 40), 400),
            (ResearchKind::StudyVisit, (n / 60).clamp(2, 20), 500),
            (ResearchKind::Supervision, (n / 40).clamp(3, 30), 600),
            (ResearchKind::Appraisal, (n / 100).clamp(1, 10), 1000),
        ];
        let whole = match self.ctx.level {
            Level::National => "全国".to_string(),
            _ => format!("全{}", self.ctx.prefix),
        };
        for (kind, count, report_pm) in plan {
            for (i, d) in self.domains(count).into_iter().enumerate() {
                let domain = &DOMAINS[d];
                let situation = *self.rng.pick(domain.situations);
                let action = *self.rng.pick(domain.actions);
                let unit = topics::unit(self.ctx.level, self.rng.pick::<&str>(domain.units));
                let committee = self.first_committee(domain.committees);
                let date = self.cal.in_months(&mut self.rng, 3, 11);
                let days = match kind {
                    ResearchKind::Research => self.rng.range(0, 2),
                    ResearchKind::StudyVisit => self.rng.range(2, 4),
                    ResearchKind::Supervision => self.rng.range(0, 1),
                    _ => 0,
                };
                let end = (date + Duration::days(days.into())).min(self.cal.end);
                let (title, functions): (String, &[Function]) = match kind {
                    ResearchKind::Research => (format!("关于{situation}的调研"), &[Function::Deliberation]),
                    ResearchKind::Inspection => (
                        format!("视察{whole}{situation}").replace("全县县域", "全县"),
                        &[Function::Supervision, Function::Deliberation],
                    ),
                    ResearchKind::StudyVisit => {
                        let place = data::place(self.rng.range(0, 1599));
                        (format!("赴{place}县考察{action}工作"), &[Function::Deliberation])
                    }
                    ResearchKind::Supervision => (format!("{action}专项民主监督"), &[Function::Supervision]),
                    ResearchKind::Appraisal => (format!("对{unit}开展民主评议"), &[Function::Supervision]),
                };
                let joint = kind == ResearchKind::Research && i == 0 && self.ctx.upper().is_some();
                let (title, organizer) = match self.ctx.upper() {
                    Some((_, upper)) if joint => {
                        (format!("{upper}政协联动调研：{title}"), format!("政协{upper}委员会"))
                    }
                    _ => (title, committee.to_string()),
                };
                let people = self.research_team(committee, (date, end));
                if people.is_empty() {
                    continue;
                }
                let detail =
                    ActivityDetail::Research(Research { kind, report_produced: self.rng.chance(report_pm) });
                self.convene(Gathering {
                    title,
                    dates: (date, Some(end)),
                    detail,
                    functions,
                    organizer: &organizer,
                    people,
                    absence: Absence::FIELD,
                    roll: Roll { half_days: None, throughout: days > 1 },
                });
                if joint {
                    self.last_activity().level = self.ctx.upper().map_or(self.ctx.level, |u| u.0);
                }
            }
        }
    }

    /// A lead (a vice-chair or a standing member of the committee), maybe an
    /// organising member, and participants mostly from the committee.
    fn research_team(
        &mut self,
        committee: &str,
        span: (NaiveDate, NaiveDate),
    ) -> Vec<(u32, ParticipantRole)> {
        let pool = self.committee(committee);
        let standing: Vec<u32> =
            self.roster.pool(pool).iter().copied().filter(|&m| self.roster.is_standing(m)).collect();
        let lead = if self.rng.chance(500) || standing.is_empty() {
            self.sample(Pool::Deputies, 1, span, &[])
        } else {
            self.sample(Pool::List(&standing), 1, span, &[])
        };
        let Some(&lead) = lead.first() else { return Vec::new() };
        let mut people = vec![(lead, ParticipantRole::Lead)];
        let mut taken = vec![lead];
        if self.rng.chance(300) {
            if let Some(&o) = self.sample(Pool::List(&standing), 1, span, &taken).first() {
                people.push((o, ParticipantRole::Organizer));
                taken.push(o);
            }
        }
        let k = self.rng.range(4, 10) as usize;
        let members = self.sample(pool, k, span, &taken);
        taken.extend(&members);
        let k = self.rng.range(1, 4) as usize;
        let others = self.sample(Pool::All, k, span, &taken);
        people.extend(Gen::as_role(&members, ParticipantRole::Participant));
        people.extend(Gen::as_role(&others, ParticipantRole::Participant));
        people
    }

    /// Duty at liaison stations (one per group, every other month),
    /// members' studios, visits to the sector's public, supervision posts.
    pub(crate) fn liaison(&mut self) {
        let n = self.cfg.members as usize;
        let year = self.cfg.year;
        for g in 0..self.ctx.groups.len() {
            let group = self.ctx.groups[g].clone();
            let station = format!("{}委员联络站", group.strip_suffix("联络组").unwrap_or(&group));
            for month in (2..=12).step_by(2) {
                let date = self.cal.in_months(&mut self.rng, month, month);
                let k = self.rng.range(2, 3) as usize;
                let people = self.sample(Pool::Group(g), k, (date, date), &[]);
                let h = *self.rng.pick(&[30, 40]);
                let title = format!("{station}{month}月委员接待日");
                self.duty(title, date, LiaisonKind::Station, h, &people, &group, &[Function::Consensus]);
            }
        }
        let owners: Vec<u32> = {
            let pool: Vec<u32> = self
                .roster
                .all
                .iter()
                .copied()
                .filter(|&m| self.roster.people[m as usize].propensity >= 3)
                .collect();
            let span = (self.cal.start, self.cal.end);
            self.sample(Pool::List(&pool), (n / 30).clamp(2, 100), span, &[])
        };
        for owner in owners {
            let name = self.name(owner).to_string();
            let sector = self.roster.people[owner as usize].sector;
            for month in (1..=12).step_by(2) {
                let date = self.cal.in_months(&mut self.rng, month.max(2), month.max(2) + 1);
                let k = self.rng.range(0, 2) as usize;
                let helpers = self.sample(Pool::Sector(sector), k, (date, date), &[owner]);
                let mut people = vec![owner];
                people.extend(helpers);
                let h = *self.rng.pick(&[25, 30, 40]);
                let title = format!("{name}委员工作室{year}年{month}月接待群众");
                let office = self.ctx.office.clone();
                self.duty(
                    title,
                    date,
                    LiaisonKind::Studio,
                    h,
                    &people,
                    &office,
                    &[Function::Consensus, Function::Deliberation],
                );
            }
        }
        for s in 0..self.ctx.sectors.len() {
            if self.roster.by_sector[s].len() < 3 || !self.rng.chance(500) {
                continue;
            }
            let date = self.cal.in_months(&mut self.rng, 3, 11);
            let k = self.rng.range(3, 6) as usize;
            let people = self.sample(Pool::Sector(s), k, (date, date), &[]);
            let title = format!("{}委员联系界别群众走访活动", self.ctx.sectors[s].name);
            let office = self.ctx.office.clone();
            self.duty(title, date, LiaisonKind::SectorLiaison, 40, &people, &office, &[Function::Consensus]);
        }
        for d in self.domains(2 + n / 200) {
            let date = self.cal.in_months(&mut self.rng, 3, 11);
            let k = self.rng.range(1, 3) as usize;
            let people = self.sample(Pool::All, k, (date, date), &[]);
            let unit = topics::unit(self.ctx.level, DOMAINS[d].units[0]);
            let office = self.ctx.office.clone();
            let title = format!("特约监督员参加{unit}行风监督检查");
            self.duty(
                title,
                date,
                LiaisonKind::SupervisionPost,
                30,
                &people,
                &office,
                &[Function::Supervision],
            );
        }
    }

    /// A liaison duty: the first member leads, the rest take part.
    #[allow(clippy::too_many_arguments)]
    fn duty(
        &mut self,
        title: String,
        date: NaiveDate,
        kind: LiaisonKind,
        tenths: u32,
        people: &[u32],
        organizer: &str,
        functions: &[Function],
    ) {
        if people.is_empty() {
            return;
        }
        let detail = ActivityDetail::Liaison(Liaison { kind, hours: hours(tenths) });
        let id = self.add(title, (date, None), detail, functions, organizer);
        for (i, &m) in people.iter().enumerate() {
            let role = if i == 0 { ParticipantRole::Lead } else { ParticipantRole::Participant };
            self.enlist(&id, m, role);
        }
    }

    /// Volunteering in the townships, by members of the fitting sectors.
    pub(crate) fn volunteering(&mut self) {
        let count = (self.cfg.members as usize / 12).clamp(4, 200);
        for i in 0..count {
            let (theme, kind, (from, to)) = VOLUNTEERING[(i + self.rng.below(3)) % VOLUNTEERING.len()];
            let date = self.cal.in_months(&mut self.rng, from, to);
            let town = *self.rng.pick(&self.ctx.townships);
            let fitting = kind.map(|k| self.kinds_pool(&[k])).unwrap_or_default();
            let pool = if kind.is_some() { Pool::List(&fitting) } else { Pool::All };
            let k = self.rng.range(4, 12) as usize;
            let mut people = self.sample(pool, k, (date, date), &[]);
            if people.len() < 3 {
                let more = self.sample(Pool::All, 4, (date, date), &people);
                people.extend(more);
            }
            let tenths = self.rng.range(4, 16) * 5;
            let detail = ActivityDetail::Volunteering(Volunteering { hours: hours(tenths) });
            let office = self.ctx.office.clone();
            let id =
                self.add(format!("{town}{theme}"), (date, None), detail, &[Function::Consensus], &office);
            for (j, &m) in people.iter().enumerate() {
                let role = if j == 0 { ParticipantRole::Organizer } else { ParticipantRole::Participant };
                self.enlist(&id, m, role);
            }
        }
    }

    /// Donations, one record per donor: business people give more; goods
    /// are valued to the fen.
    pub(crate) fn donations(&mut self) {
        let prefix = if self.ctx.prefix.is_empty() { "中华" } else { self.ctx.prefix };
        let mut gifts = 0;
        for m in 0..self.roster.members.len() as u32 {
            let p = &self.roster.people[m as usize];
            let business = matches!(p.kind, Kind::Commerce | Kind::Economy);
            if !self.rng.chance(if business { 500 } else { 150 }) {
                continue;
            }
            let (from, to) = (p.from, p.to);
            let date = self.cal.workday(&mut self.rng, from, to);
            let town = *self.rng.pick(&self.ctx.townships);
            let in_kind = self.rng.chance(200) || (gifts == 5 && !business);
            let (title, amount) = if in_kind {
                let title = match self.rng.below(3) {
                    0 => format!("为{town}中心小学捐赠图书和学习用品"),
                    1 => format!("向{town}敬老院捐赠过冬物资"),
                    _ => "捐赠防汛救灾物资".to_string(),
                };
                (title, Decimal::new(i64::from(self.rng.range(50_000, 5_000_000)), 2))
            } else {
                let yuan: i64 = if business {
                    *self.rng.pick(&[2000, 5000, 10000, 20000, 50000, 100000])
                } else {
                    *self.rng.pick(&[200, 300, 500, 1000, 2000])
                };
                let title = match self.rng.below(3) {
                    0 => format!("向{prefix}慈善总会“慈心一日捐”活动捐款"),
                    1 => format!("向{prefix}红十字会捐款支持防汛救灾"),
                    _ => format!("资助{town}困难学生完成学业"),
                };
                // Offices write amounts both ways: 500.00 and 2000.
                let amount =
                    if self.rng.chance(500) { Decimal::new(yuan * 100, 2) } else { Decimal::from(yuan) };
                (title, amount)
            };
            gifts += 1;
            let office = self.ctx.office.clone();
            let detail = ActivityDetail::Donation(Donation { amount, in_kind });
            let id = self.add(title, (date, None), detail, &[Function::Consensus], &office);
            self.enlist(&id, m, ParticipantRole::Participant);
        }
    }

    /// The committee's own awards for last year's work, and honours from
    /// the bodies above (each activity at the awarding body's level).
    pub(crate) fn awards(&mut self) {
        let n = self.cfg.members as usize;
        let prev = self.cfg.year - 1;
        let date = self.cal.plenary_end;
        let mut best: Vec<u32> = self.in_office(&self.roster.all, (date, date));
        self.rng.shuffle(&mut best);
        best.sort_by_key(|&m| std::cmp::Reverse(self.roster.people[m as usize].propensity));
        let cppcc = self.ctx.cppcc.clone();
        let own = (n / 20).max(2);
        self.award(
            format!("{prev}年度优秀政协委员"),
            date,
            self.ctx.level,
            &best[..own.min(best.len())],
            &cppcc,
        );
        let writers: Vec<u32> = best.iter().copied().skip(own).take(2 + n / 100).collect();
        self.award(format!("{prev}年度优秀社情民意信息工作者"), date, self.ctx.level, &writers, &cppcc);

        let year = self.cfg.year;
        let uppers = self.ctx.uppers.clone();
        for (depth, (level, name)) in uppers.into_iter().enumerate() {
            type Fits = fn(&Gen, u32) -> bool;
            let union = if level == Level::National {
                "中华全国总工会".to_string()
            } else {
                format!("{name}总工会")
            };
            let honours: Vec<(String, String, (u32, u32), Fits)> = match depth {
                0 => vec![
                    (
                        format!("荣获{name}“三八红旗手”称号"),
                        format!("{name}妇联"),
                        (3, 8),
                        |g, m| g.roster.members[m as usize].gender == Some(Gender::Female),
                    ),
                    (
                        format!("荣获{name}优秀教师称号"),
                        format!("{name}人民政府"),
                        (9, 10),
                        |g, m| g.roster.people[m as usize].kind == Kind::Education,
                    ),
                ],
                1 => vec![(format!("荣获{name}五一劳动奖章"), union, (4, 28), |_, _| true)],
                _ if self.rng.chance(300) => {
                    vec![(format!("荣获{name}五一劳动奖章"), union, (4, 28), |_, _| true)]
                }
                _ => vec![],
            };
            for (title, body, (month, day), fits) in honours {
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day).filter(|d| *d >= self.cal.start)
                else {
                    continue;
                };
                let pool: Vec<u32> = self
                    .in_office(&self.roster.all, (date, date))
                    .into_iter()
                    .filter(|&m| fits(self, m))
                    .collect();
                let k = self.rng.range(1, 2) as usize + n / 500;
                let winners = self.sample(Pool::List(&pool), k, (date, date), &[]);
                self.award(title, date, level, &winners, &body);
            }
        }
    }

    fn award(&mut self, title: String, date: NaiveDate, level: Level, winners: &[u32], organizer: &str) {
        if winners.is_empty() {
            return;
        }
        let id = self.add(title, (date, None), ActivityDetail::Award, &[Function::Consensus], organizer);
        self.last_activity().level = level;
        for &m in winners {
            self.enlist(&id, m, ParticipantRole::Participant);
        }
    }

    /// One violation: a member absent from the plenary without leave is
    /// criticised in writing (通报批评).
    pub(crate) fn violations(&mut self) {
        let count = 1 + self.cfg.members as usize / 1000;
        let mut culprits = self.plenary_unexcused.clone();
        if culprits.is_empty() {
            culprits = self
                .roster
                .all
                .iter()
                .copied()
                .filter(|&m| self.roster.people[m as usize].leader.is_none())
                .collect();
        }
        let plenary = self.ctx.plenary_title();
        for &m in culprits.iter().take(count) {
            let p = &self.roster.people[m as usize];
            let (from, to) = ((self.cal.plenary_end + Duration::days(20)).max(p.from), p.to);
            if from > to {
                continue;
            }
            let date = self.cal.workday(&mut self.rng, from, (from + Duration::days(20)).min(to));
            let office = self.ctx.office.clone();
            let title = format!("无故缺席{plenary}，予以书面通报批评");
            let id =
                self.add(title, (date, None), ActivityDetail::Violation, &[Function::Supervision], &office);
            self.enlist(&id, m, ParticipantRole::Participant);
        }
    }

    /// 年度履职报告: most standing members, a few others, in December.
    pub(crate) fn duty_reports(&mut self) {
        let year = self.cfg.year;
        let end = self.cal.end;
        let from = NaiveDate::from_ymd_opt(year, 12, 1).expect("date").min(end - Duration::days(20));
        for m in 0..self.roster.members.len() as u32 {
            let standing = self.roster.is_standing(m);
            let chair = self.roster.people[m as usize].leader == Some(Role::Chair);
            if chair || !self.rng.chance(if standing { 850 } else { 100 }) {
                continue;
            }
            let date = self.cal.workday(&mut self.rng, from, end - Duration::days(3));
            if !self.roster.in_office(m, date, date) {
                continue;
            }
            let office = self.ctx.office.clone();
            let id = self.add(
                format!("{year}年度履职报告"),
                (date, None),
                ActivityDetail::DutyReport,
                &[Function::Deliberation],
                &office,
            );
            self.enlist(&id, m, ParticipantRole::Participant);
        }
    }

    /// 文史资料征集, a commemoration with speeches, media coverage, a
    /// calligraphy and painting gathering.
    pub(crate) fn other(&mut self) {
        let n = self.cfg.members as usize;
        let year = self.cfg.year;
        let short = self.ctx.short.clone();
        let culture_committee = self.first_committee(&["文化文史和学习委员会"]);
        let culture = self.kinds_pool(&[Kind::Culture, Kind::SocialScience, Kind::Press]);
        let mut pool = culture.clone();
        pool.extend_from_slice(self.committee_pool(culture_committee));
        pool.sort_unstable();
        pool.dedup();
        for volume in 0..1 + n / 200 {
            let date = self.cal.in_months(&mut self.rng, 3, 11);
            let k = self.rng.range(4, 9) as usize;
            let team = self.sample(Pool::List(&pool), k, (date, date), &[]);
            let title = format!("《{short}文史》第{}辑史料征集", self.ctx.session as usize * 2 + volume);
            self.other_item(
                title,
                (date, None),
                "文史资料征集",
                &team,
                culture_committee,
                ParticipantRole::Lead,
            );
        }

        let date = self.cal.workday(
            &mut self.rng,
            NaiveDate::from_ymd_opt(year, 9, 15).expect("date"),
            NaiveDate::from_ymd_opt(year, 9, 26).expect("date"),
        );
        let k = (n / 4).clamp(10, 200);
        let people = self.sample(Pool::All, k, (date, date), &[]);
        if !people.is_empty() {
            let mut roles = Gen::as_role(&people, ParticipantRole::Participant);
            for r in roles.iter_mut().take(3) {
                r.1 = ParticipantRole::Speaker;
            }
            let office = self.ctx.office.clone();
            let detail = ActivityDetail::Other { subtype: "纪念活动".to_string() };
            let title = format!("纪念人民政协成立{}周年座谈会", year - 1949);
            let (_, present) = self.convene(Gathering {
                title,
                dates: (date, None),
                detail,
                functions: &[Function::Consensus],
                organizer: &office,
                people: roles,
                absence: Absence::BUSY,
                roll: Roll::default(),
            });
            for i in present {
                if self.parts[i].role == ParticipantRole::Speaker {
                    self.parts[i].speech = Some(Speech::Other);
                }
            }
        }

        let media = if self.ctx.prefix.is_empty() {
            "人民政协报".to_string()
        } else {
            format!("{}融媒体中心", self.ctx.prefix)
        };
        for _ in 0..2 + n / 150 {
            let date = self.cal.in_months(&mut self.rng, 3, 12);
            let Some(&m) = self.sample(Pool::All, 1, (date, date), &[]).first() else {
                continue;
            };
            let title = format!("{media}专题报道{}委员履职事迹", self.name(m));
            self.other_item(
                title,
                (date, None),
                "宣传报道",
                &[m],
                &media.clone(),
                ParticipantRole::Participant,
            );
        }

        let a = (self.cal.start + Duration::days(14)).max(self.cal.plenary_end + Duration::days(1));
        let date = self.cal.workday(&mut self.rng, a, a + Duration::days(20));
        let k = self.rng.range(4, 10) as usize;
        let artists = self.sample(Pool::List(&culture), k, (date, date), &[]);
        let title = if date.month() <= 2 {
            "迎新春书画笔会".to_string()
        } else {
            "“翰墨颂华章”委员书画笔会".to_string()
        };
        self.other_item(
            title,
            (date, None),
            "书画笔会",
            &artists,
            culture_committee,
            ParticipantRole::Organizer,
        );
    }

    /// An "other" item: the first member in `first_role`, the rest taking part.
    fn other_item(
        &mut self,
        title: String,
        dates: (NaiveDate, Option<NaiveDate>),
        subtype: &str,
        people: &[u32],
        organizer: &str,
        first_role: ParticipantRole,
    ) {
        if people.is_empty() {
            return;
        }
        let detail = ActivityDetail::Other { subtype: subtype.to_string() };
        let id = self.add(title, dates, detail, &[Function::Consensus], organizer);
        for (i, &m) in people.iter().enumerate() {
            let role = if i == 0 && people.len() > 1 { first_role } else { ParticipantRole::Participant };
            self.enlist(&id, m, role);
        }
    }
}
