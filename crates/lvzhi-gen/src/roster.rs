//! The members: who they are, where they sit, and the traits that drive
//! their activity (how prolific, how reliable).

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate};
use lvzhi_core::{Gender, Level, Member, MemberId, PersonalData, Role};

use crate::cn::id_number;
use crate::data;
use crate::gen::{Calendar, Ctx};
use crate::rng::{Cumulative, Rng};
use crate::sectors::{self, Kind};
use crate::Config;

/// What the generator knows of a member beyond the record.
pub(crate) struct Person {
    pub(crate) kind: Kind,
    pub(crate) sector: usize,
    pub(crate) committee: Option<usize>,
    pub(crate) group: Option<usize>,
    pub(crate) standing: bool,
    pub(crate) leader: Option<Role>,
    /// Relative weight as a proposer and writer: most of the proposals come
    /// from a few members.
    pub(crate) propensity: u32,
    /// 0 reliable, 1 busy, 2 often absent.
    pub(crate) tier: usize,
    /// In office over `from..=to` (the year, clipped to the membership).
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) joined_this_year: bool,
}

/// A group of members to draw from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pool<'p> {
    All,
    /// Leaders and standing members.
    Standing,
    /// Vice-chairs and the secretary-general.
    Deputies,
    Sector(usize),
    Committee(usize),
    Group(usize),
    List(&'p [u32]),
}

/// The members and the indexes the generator draws from.
pub(crate) struct Roster {
    pub(crate) members: Vec<Member>,
    pub(crate) people: Vec<Person>,
    pub(crate) all: Vec<u32>,
    pub(crate) by_sector: Vec<Vec<u32>>,
    pub(crate) by_committee: Vec<Vec<u32>>,
    pub(crate) by_group: Vec<Vec<u32>>,
    /// Standing committee: leaders and standing members.
    pub(crate) standing: Vec<u32>,
    /// Chair first, then vice-chairs, then the secretary-general.
    pub(crate) leaders: Vec<u32>,
    pub(crate) secretary: u32,
    /// Weights for drawing proposal leads.
    pub(crate) proposers: Cumulative,
    /// Weights for drawing report authors.
    pub(crate) writers: Cumulative,
}

impl Roster {
    pub(crate) fn build(cfg: &Config, ctx: &Ctx, cal: &Calendar, rng: &mut Rng) -> Roster {
        let n = cfg.members as usize;
        let seats = seats(ctx.sectors.iter().map(|s| s.weight), n);
        let surname_weights: Vec<u32> = data::SURNAMES.iter().map(|s| s.1).collect();
        let width = n.to_string().len().max(4);
        let mut used = BTreeSet::new();
        let mut members = Vec::with_capacity(n);
        let mut people = Vec::with_capacity(n);
        let mut by_sector = vec![Vec::new(); ctx.sectors.len()];

        for (si, sector) in ctx.sectors.iter().enumerate() {
            for _ in 0..seats[si] {
                let ix = members.len();
                let kind = sector.kind;
                let female_pm = match kind {
                    Kind::Women => 850,
                    Kind::Education | Kind::Health | Kind::Culture | Kind::Welfare => 450,
                    Kind::Religion => 150,
                    Kind::Cpc | Kind::Invited => 220,
                    _ => 300,
                };
                let gender = if rng.chance(female_pm) { Gender::Female } else { Gender::Male };
                let birth = rng.day(ymd(1960, 1, 1), ymd(1990, 12, 31));
                let name = person_name(rng, &surname_weights, gender, birth.year(), &mut used);
                let ethnicity = if kind == Kind::Ethnic {
                    *rng.pick(&ctx.minorities)
                } else if rng.chance(900) {
                    "汉族"
                } else if rng.chance(800) {
                    *rng.pick(&ctx.minorities)
                } else {
                    *rng.pick(data::MINORITIES)
                };
                let party = sectors::party(kind, &ctx.parties, rng);
                let locale = Locale::of(ctx, rng);
                let (employer, title) = sectors::job(kind, rng);
                let (employer, title) = locale.fill(employer, title, party, rng);
                let mut m = Member::new(format!("{}M{:0width$}", cfg.id_prefix, ix + 1), name, sector.name);
                m.gender = Some(gender);
                m.ethnicity = Some(ethnicity.to_string());
                m.birth_date = Some(birth);
                m.party = Some(party.into());
                m.employer = Some(employer);
                m.title = Some(title);
                m.personal = PersonalData {
                    phone: Some(format!("139{:08}", ix + 1)),
                    id_number: Some(id_number(
                        &ctx.region,
                        birth,
                        rng.range(10, 990),
                        gender == Gender::Male,
                    )),
                };
                members.push(m);
                people.push(Person {
                    kind,
                    sector: si,
                    committee: None,
                    group: None,
                    standing: false,
                    leader: None,
                    propensity: *rng.pick_weighted(&[(0, 200), (1, 400), (3, 250), (8, 100), (20, 50)]),
                    tier: *rng.pick_weighted(&[(0, 800), (1, 150), (2, 50)]),
                    from: cal.start,
                    to: cal.end,
                    joined_this_year: false,
                });
                by_sector[si].push(ix as u32);
            }
        }

        let mut r = Roster {
            members,
            people,
            all: (0..n as u32).collect(),
            by_sector,
            by_committee: vec![Vec::new(); ctx.special.len()],
            by_group: vec![Vec::new(); ctx.groups.len()],
            standing: Vec::new(),
            leaders: Vec::new(),
            secretary: 0,
            proposers: Cumulative::new(std::iter::empty()),
            writers: Cumulative::new(std::iter::empty()),
        };
        r.choose_leaders(cfg, ctx, rng);
        r.choose_standing(n / 6, rng);
        r.seat(ctx, rng);
        r.set_terms(cfg, cal, rng);
        r.proposers = Cumulative::new(r.people.iter().map(|p| p.propensity));
        r.writers = Cumulative::new(r.people.iter().map(|p| p.propensity + 1));
        r
    }

    /// Chair, vice-chairs (中共 first, then one from each democratic party
    /// and the business federation), secretary-general.
    fn choose_leaders(&mut self, cfg: &Config, ctx: &Ctx, rng: &mut Rng) {
        let vices = match cfg.level {
            Level::County => 3 + rng.below(2),
            Level::City => 5 + rng.below(3),
            Level::Provincial => 8 + rng.below(3),
            Level::National => 23,
        };
        let cpc =
            ctx.sectors.iter().position(|s| s.kind == Kind::Cpc).expect("every level has a 中共 sector");
        let mut cpc_pool = self.by_sector[cpc].clone();
        rng.shuffle(&mut cpc_pool);
        let mut anyone = self.all.clone();
        rng.shuffle(&mut anyone);
        // Others: the largest sectors of parties, non-party people, business.
        let mut others: Vec<usize> = (0..ctx.sectors.len())
            .filter(|&i| matches!(ctx.sectors[i].kind, Kind::Party(_) | Kind::NonParty | Kind::Commerce))
            .collect();
        others.sort_by_key(|&i| std::cmp::Reverse(self.by_sector[i].len()));

        let mut chosen: Vec<(u32, Role)> = Vec::new();
        let free = |pool: &[u32], chosen: &[(u32, Role)]| {
            pool.iter().copied().find(|m| !chosen.iter().any(|c| c.0 == *m))
        };
        let cpc_or_anyone = |chosen: &[(u32, Role)]| {
            free(&cpc_pool, chosen).or_else(|| free(&anyone, chosen)).expect("enough members")
        };
        chosen.push((cpc_or_anyone(&chosen), Role::Chair));
        for _ in 0..vices.div_ceil(3) {
            chosen.push((cpc_or_anyone(&chosen), Role::ViceChair));
        }
        for &s in others.iter().cycle().take(others.len() * 3) {
            if chosen.len() > vices {
                break;
            }
            if let Some(m) = free(&self.by_sector[s], &chosen) {
                chosen.push((m, Role::ViceChair));
            }
        }
        while chosen.len() <= vices {
            chosen.push((cpc_or_anyone(&chosen), Role::ViceChair));
        }
        let secretary = cpc_or_anyone(&chosen);
        chosen.push((secretary, Role::SecretaryGeneral));
        self.secretary = secretary;

        for (m, role) in chosen {
            let p = &mut self.people[m as usize];
            p.leader = Some(role);
            p.standing = true;
            p.propensity = p.propensity.min(1);
            p.tier = 0;
            let member = &mut self.members[m as usize];
            member.roles = [role, Role::Member].into_iter().collect();
            if p.kind == Kind::Cpc {
                member.employer = Some(ctx.cppcc.clone());
                member.title = Some(role.label().to_string());
            }
            // Leaders are older than the average member.
            let birth = rng.day(ymd(1963, 1, 1), ymd(1975, 12, 31));
            let male = member.gender == Some(Gender::Male);
            member.birth_date = Some(birth);
            member.personal.id_number = Some(id_number(&ctx.region, birth, rng.range(10, 990), male));
            self.leaders.push(m);
            self.standing.push(m);
        }
    }

    /// Standing members: one from each party and people's organisation
    /// first, then from anywhere.
    fn choose_standing(&mut self, count: usize, rng: &mut Rng) {
        let mut picked = 0;
        let first_of_sector: Vec<u32> = self
            .by_sector
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                let kind = self.people.iter().find(|p| p.sector == *i).map(|p| p.kind);
                matches!(
                    kind,
                    Some(
                        Kind::Party(_)
                            | Kind::NonParty
                            | Kind::Commerce
                            | Kind::Union
                            | Kind::Women
                            | Kind::Youth
                    )
                )
            })
            .filter_map(|(_, pool)| pool.iter().copied().find(|&m| self.people[m as usize].leader.is_none()))
            .collect();
        let mut rest: Vec<u32> = self.all.clone();
        rng.shuffle(&mut rest);
        for m in first_of_sector.into_iter().chain(rest) {
            if picked >= count {
                break;
            }
            let p = &mut self.people[m as usize];
            if p.standing {
                continue;
            }
            p.standing = true;
            p.tier = p.tier.min(1);
            self.members[m as usize].roles = [Role::StandingMember, Role::Member].into_iter().collect();
            self.standing.push(m);
            picked += 1;
        }
        self.standing.sort_unstable();
    }

    /// Special committee (by affinity) and liaison group of each member.
    fn seat(&mut self, ctx: &Ctx, rng: &mut Rng) {
        for m in 0..self.members.len() {
            let p = &mut self.people[m];
            if p.leader.is_none() {
                let fits: Vec<usize> = sectors::committee_affinity(p.kind)
                    .iter()
                    .filter_map(|c| ctx.special.iter().position(|s| s == c))
                    .collect();
                let c = match rng.range(0, 999) {
                    x if x < 750 && !fits.is_empty() => Some(fits[rng.below(fits.len().min(2))]),
                    x if x < 920 => Some(rng.below(ctx.special.len())),
                    _ => None,
                };
                if let Some(c) = c {
                    p.committee = Some(c);
                    self.by_committee[c].push(m as u32);
                    self.members[m].committee = Some(ctx.special[c].into());
                }
            }
            if p.leader != Some(Role::Chair) && rng.chance(950) {
                let g = rng.below(ctx.groups.len());
                p.group = Some(g);
                self.by_group[g].push(m as u32);
                self.members[m].liaison_group = Some(ctx.groups[g].as_str().into());
            }
        }
    }

    /// Membership dates: a few elected mid-year (增补), a few earlier in
    /// the term, one or two resigned mid-year.
    fn set_terms(&mut self, cfg: &Config, cal: &Calendar, rng: &mut Rng) {
        let n = self.members.len();
        let mut ordinary: Vec<u32> =
            self.all.iter().copied().filter(|&m| !self.people[m as usize].standing).collect();
        let joiners = (n * 25 / 1000).max(1);
        let earlier = n * 3 / 100;
        let leavers = ((n + 60) / 90).max(1);
        rng.shuffle_prefix(&mut ordinary, joiners + earlier + leavers);
        let mut it = ordinary.into_iter();
        for m in it.by_ref().take(joiners) {
            let day = cal.by_election();
            self.members[m as usize].joined_on = Some(day);
            let p = &mut self.people[m as usize];
            p.from = day;
            p.joined_this_year = true;
            p.propensity = p.propensity.min(1);
        }
        let first_possible = cfg.term.start + Duration::days(200);
        let last_possible = cal.start - Duration::days(30);
        for m in it.by_ref().take(earlier) {
            if first_possible < last_possible {
                self.members[m as usize].joined_on = Some(rng.day(first_possible, last_possible));
            }
        }
        for (i, m) in it.take(leavers).enumerate() {
            let day = if i == 0 {
                cal.resignations()
            } else {
                rng.day(cal.plenary_end + Duration::days(30), cal.end - Duration::days(60))
            };
            self.members[m as usize].left_on = Some(day);
            self.people[m as usize].to = day;
        }
    }

    /// The members of a pool.
    pub(crate) fn pool<'a>(&'a self, pool: Pool<'a>) -> &'a [u32] {
        match pool {
            Pool::All => &self.all,
            Pool::Standing => &self.standing,
            Pool::Deputies => &self.leaders[1..],
            Pool::Sector(i) => &self.by_sector[i],
            Pool::Committee(i) => &self.by_committee[i],
            Pool::Group(i) => &self.by_group[i],
            Pool::List(list) => list,
        }
    }

    /// Whether the member is in office over the whole of `from..=to`.
    pub(crate) fn in_office(&self, m: u32, from: NaiveDate, to: NaiveDate) -> bool {
        let p = &self.people[m as usize];
        p.from <= from && to <= p.to
    }

    /// A member drawn by weight among those in office on `date`.
    pub(crate) fn draw(&self, weights: &Cumulative, rng: &mut Rng, date: NaiveDate) -> u32 {
        for _ in 0..40 {
            let m = weights.draw(rng) as u32;
            if self.in_office(m, date, date) {
                return m;
            }
        }
        let start = rng.below(self.all.len());
        (0..self.all.len())
            .map(|i| ((start + i) % self.all.len()) as u32)
            .find(|&m| self.in_office(m, date, date))
            .expect("somebody is in office")
    }

    /// `k` distinct members of `pool` in office over `from..=to`, none in
    /// `exclude` (fewer when the pool runs out). Small draws from large
    /// pools use rejection, so the cost does not grow with the pool.
    pub(crate) fn sample(
        &self,
        rng: &mut Rng,
        pool: &[u32],
        k: usize,
        (from, to): (NaiveDate, NaiveDate),
        exclude: &[u32],
    ) -> Vec<u32> {
        let ok = |m: u32| self.in_office(m, from, to) && !exclude.contains(&m);
        if k == 0 || pool.is_empty() {
            return Vec::new();
        }
        if k <= 64 && pool.len() > 8 * k + 16 {
            let mut out = Vec::with_capacity(k);
            for _ in 0..k * 20 {
                let m = pool[rng.below(pool.len())];
                if ok(m) && !out.contains(&m) {
                    out.push(m);
                    if out.len() == k {
                        break;
                    }
                }
            }
            return out;
        }
        let mut eligible: Vec<u32> = pool.iter().copied().filter(|&m| ok(m)).collect();
        rng.shuffle_prefix(&mut eligible, k);
        eligible.truncate(k);
        eligible
    }

    /// The member's id.
    #[allow(dead_code)]
    pub(crate) fn id(&self, m: u32) -> &MemberId {
        &self.members[m as usize].id
    }

    /// Whether the member holds a seat on the standing committee.
    pub(crate) fn is_standing(&self, m: u32) -> bool {
        self.people[m as usize].standing
    }
}

/// Where a member's employer is: the committee's place, or for the national
/// committee one of the provinces.
struct Locale<'a> {
    /// 县 / 市 / 省, or the province's name nationally.
    prefix: String,
    /// 澜溪县 or the province.
    full: String,
    /// 澜溪.
    short: String,
    ctx: &'a Ctx,
}

impl<'a> Locale<'a> {
    fn of(ctx: &'a Ctx, rng: &mut Rng) -> Self {
        if ctx.level == Level::National {
            let p = rng.pick(&ctx.provinces).clone();
            let short: String = p.chars().take(2).collect();
            Locale { prefix: p.clone(), full: p, short, ctx }
        } else {
            Locale { prefix: ctx.prefix.to_string(), full: ctx.place.clone(), short: ctx.short.clone(), ctx }
        }
    }

    /// Fills an employer template and a title (see `sectors::job`).
    fn fill(&self, employer: &str, title: &str, party: &str, rng: &mut Rng) -> (String, String) {
        let township = *rng.pick(&self.ctx.townships);
        let town_word = township.chars().last().map(String::from).unwrap_or_default();
        let employer = employer
            .replace("{PL}", &self.full)
            .replace("{L}", &self.prefix)
            .replace("{P}", &self.short)
            .replace("{T}", township)
            .replace("{V}", &format!("{}村", rng.pick(data::VILLAGES)).replace("村村", "村"))
            .replace("{B}", rng.pick::<&str>(data::BRANDS))
            .replace("{I}", rng.pick::<&str>(data::TRADES))
            .replace("{C}", rng.pick::<&str>(data::CROPS))
            .replace("{Y}", party);
        let employer = employer.replace("村村", "村");
        (employer, title.replace("{H}", &town_word))
    }
}

/// Seats per sector in proportion to the weights (largest remainder).
fn seats(weights: impl Iterator<Item = u32>, n: usize) -> Vec<usize> {
    let weights: Vec<u64> = weights.map(u64::from).collect();
    let total: u64 = weights.iter().sum();
    let n64 = n as u64;
    let mut seats: Vec<usize> = weights.iter().map(|w| (w * n64 / total) as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(weights[i] * n64 % total), i));
    let short = n - seats.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        seats[i] += 1;
    }
    seats
}

/// A Chinese name: a surname by frequency, a one- or two-character given
/// name (one character more often for older people), never a famous name
/// and, while possible, not one already used in the committee.
fn person_name(
    rng: &mut Rng,
    surname_weights: &[u32],
    gender: Gender,
    born: i32,
    used: &mut BTreeSet<String>,
) -> String {
    let (first, second) = match gender {
        Gender::Male => (data::MALE_FIRST, data::MALE_SECOND),
        Gender::Female => (data::FEMALE_FIRST, data::FEMALE_SECOND),
    };
    let single_pm = if born < 1975 { 300 } else { 150 };
    let mut name = String::new();
    for _ in 0..12 {
        let surname = data::SURNAMES[rng.weighted(surname_weights)].0;
        let given = if rng.chance(single_pm) {
            rng.pick(second).to_string()
        } else {
            let (a, b) = (*rng.pick(first), *rng.pick(second));
            if a == b {
                continue;
            }
            format!("{a}{b}")
        };
        if given.contains(surname) {
            continue;
        }
        name = format!("{surname}{given}");
        if !data::FAMOUS.contains(&name.as_str()) && used.insert(name.clone()) {
            return name;
        }
    }
    if name.is_empty() || data::FAMOUS.contains(&name.as_str()) {
        name = format!("{}{}", data::SURNAMES[0].0, rng.pick(second));
    }
    name
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_add_up() {
        let s = seats([15, 3, 4, 4].into_iter(), 120);
        assert_eq!(s.iter().sum::<usize>(), 120);
        assert_eq!(seats([1, 1, 1].into_iter(), 2), vec![1, 1, 0]);
    }

    #[test]
    fn names_are_chinese_and_not_famous() {
        let weights: Vec<u32> = data::SURNAMES.iter().map(|s| s.1).collect();
        let mut rng = Rng::new(5, "names");
        let mut used = BTreeSet::new();
        for i in 0..2000 {
            let g = if i % 3 == 0 { Gender::Female } else { Gender::Male };
            let name = person_name(&mut rng, &weights, g, 1970 + i % 20, &mut used);
            let len = name.chars().count();
            assert!((2..=4).contains(&len), "{name}");
            assert!(!data::FAMOUS.contains(&name.as_str()), "{name}");
        }
        assert!(used.len() > 1900);
    }
}
