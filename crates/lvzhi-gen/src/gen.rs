//! The generator's state for one committee and the helpers every part
//! uses: adding activities, enlisting members, taking attendance.

use chrono::{Datelike, Duration, NaiveDate};
use lvzhi_core::{
    Activity, ActivityDetail, ActivityId, ActivityKind, Attendance, Batch, BatchOrigins, Committee, Function,
    Level, ParticipantRole, ParticipationRecord, ProposalStatus, Speech,
};

use crate::cn::numeral;
use crate::data;
use crate::rng::{mix, Rng};
use crate::roster::{Pool, Roster};
use crate::sectors::{self, Kind, Sector};
use crate::{Config, Dataset};

/// Names and lists that depend on the committee, not on its members.
pub(crate) struct Ctx {
    pub(crate) level: Level,
    /// 澜溪县 (全国 for the national committee).
    pub(crate) place: String,
    /// 澜溪: the place without its 县/市/省.
    pub(crate) short: String,
    /// The prefix of local bodies: 县, 市, 省 ("" nationally).
    pub(crate) prefix: &'static str,
    /// 政协澜溪县委员会 / 全国政协: the committee as an organiser.
    pub(crate) cppcc: String,
    /// Its office (办公室, 办公厅), which organises most things.
    pub(crate) office: String,
    pub(crate) sectors: Vec<Sector>,
    /// The democratic parties among the sectors.
    pub(crate) parties: Vec<&'static str>,
    pub(crate) special: &'static [&'static str],
    pub(crate) townships: Vec<&'static str>,
    pub(crate) groups: Vec<String>,
    /// The committees above this one: (level, place name).
    pub(crate) uppers: Vec<(Level, String)>,
    /// Provinces the national committee's members come from.
    pub(crate) provinces: Vec<String>,
    /// The six-digit region code of generated ID numbers.
    pub(crate) region: String,
    /// The one or two local minority groups.
    pub(crate) minorities: Vec<&'static str>,
    /// 十 in 第十届.
    pub(crate) term_cn: String,
    /// Which plenary session of the term this year holds (四 in 第四次会议).
    pub(crate) session: u32,
}

impl Ctx {
    fn new(cfg: &Config, rng: &mut Rng) -> Self {
        let level = cfg.level;
        let place = cfg.place.clone();
        let short = match place.chars().count() {
            n if n > 2 && level != Level::National => place.chars().take(n - 1).collect(),
            _ => place.clone(),
        };
        let prefix = match level {
            Level::County => "县",
            Level::City => "市",
            Level::Provincial => "省",
            Level::National => "",
        };
        let (cppcc, office) = match level {
            Level::National => ("全国政协".to_string(), "全国政协办公厅".to_string()),
            Level::Provincial => (cfg.name.clone(), format!("{}办公厅", cfg.name)),
            _ => (cfg.name.clone(), format!("{}办公室", cfg.name)),
        };
        let sectors = sectors::sectors(level);
        let parties = sectors
            .iter()
            .filter_map(|s| match s.kind {
                Kind::Party(p) => Some(p),
                _ => None,
            })
            .collect();

        let mut towns: Vec<&'static str> = data::TOWNSHIPS[1..].to_vec();
        let k = 7 + rng.below(6);
        rng.shuffle_prefix(&mut towns, k);
        let mut townships = vec![data::TOWNSHIPS[0]];
        townships.extend(towns.into_iter().take(k));

        let n = cfg.members as usize;
        let groups = match level {
            Level::County => townships
                .iter()
                .take((n / 20).clamp(4, townships.len()))
                .map(|t| format!("{t}联络组"))
                .collect(),
            _ => (1..=(n / 40).clamp(4, 20) as u32).map(|i| format!("第{}联络组", numeral(i))).collect(),
        };

        let place_at =
            |salt: u64, suffix: &str| format!("{}{suffix}", data::place((mix(cfg.seed, salt) % 1600) as u32));
        let mut uppers = Vec::new();
        if level < Level::City {
            uppers.push((Level::City, place_at(1, "市")));
        }
        if level < Level::Provincial {
            uppers.push((Level::Provincial, place_at(2, "省")));
        }
        if level < Level::National {
            uppers.push((Level::National, "全国".to_string()));
        }
        let provinces = (0..31u64).map(|i| place_at(100 + i, "省")).collect();

        let province = *rng.pick(data::PROVINCE_CODES);
        let region = format!("{province:02}99{:02}", rng.range(1, 40));
        let mut minorities = data::MINORITIES.to_vec();
        rng.shuffle_prefix(&mut minorities, 2);
        minorities.truncate(1 + rng.below(2));

        let session = (cfg.year - cfg.term.start.year() + 1).max(1) as u32;
        Ctx {
            level,
            place,
            short,
            prefix,
            cppcc,
            office,
            sectors,
            parties,
            special: sectors::special_committees(level),
            townships,
            groups,
            uppers,
            provinces,
            region,
            minorities,
            term_cn: numeral(u32::from(cfg.term.number)),
            session,
        }
    }

    /// The committee one level up, if any.
    pub(crate) fn upper(&self) -> Option<&(Level, String)> {
        self.uppers.first()
    }

    /// The plenary session's title: 政协澜溪县第十届委员会第四次会议.
    pub(crate) fn plenary_title(&self) -> String {
        match self.level {
            Level::National => {
                format!("全国政协第{}届全国委员会第{}次会议", self.term_cn, numeral(self.session))
            }
            _ => format!("政协{}第{}届委员会第{}次会议", self.place, self.term_cn, numeral(self.session)),
        }
    }

    /// 政协澜溪县第十届委员会 (for meeting titles).
    pub(crate) fn term_body(&self) -> String {
        match self.level {
            Level::National => format!("全国政协第{}届全国委员会", self.term_cn),
            _ => format!("政协{}第{}届委员会", self.place, self.term_cn),
        }
    }
}

/// The dates the year turns on.
pub(crate) struct Calendar {
    /// First and last day of the generated year (within the term).
    pub(crate) start: NaiveDate,
    pub(crate) end: NaiveDate,
    /// The plenary's first and last day.
    pub(crate) plenary: NaiveDate,
    pub(crate) plenary_end: NaiveDate,
    /// The plenary's length in half-days.
    pub(crate) half_days: u8,
    /// Standing committee meetings: one before the plenary, then every two months.
    pub(crate) standing: Vec<NaiveDate>,
}

impl Calendar {
    fn new(cfg: &Config, rng: &mut Rng) -> Self {
        let ymd = |m, d| NaiveDate::from_ymd_opt(cfg.year, m, d).expect("valid date");
        let start = ymd(1, 1).max(cfg.term.start);
        let end = ymd(12, 31).min(cfg.term.end);
        assert!(
            (end - start).num_days() >= 270,
            "year {} must lie (mostly) within the term {}..{}",
            cfg.year,
            cfg.term.start,
            cfg.term.end
        );
        let (plenary, half_days): (NaiveDate, u8) = match cfg.level {
            Level::National => (ymd(3, 4 + rng.range(0, 1)), 14),
            Level::Provincial => (rng.workday(ymd(1, 12), ymd(1, 24)), 9),
            Level::City if rng.chance(600) => (rng.workday(ymd(1, 10), ymd(1, 20)), 7),
            Level::City => (rng.workday(ymd(2, 14), ymd(2, 24)), 7),
            Level::County if rng.chance(600) => (rng.workday(ymd(1, 10), ymd(1, 20)), 5),
            Level::County => (rng.workday(ymd(2, 14), ymd(2, 24)), 5),
        };
        let plenary = plenary.max(start + Duration::days(8));
        let plenary_end = plenary + Duration::days(i64::from(half_days.div_ceil(2)) - 1);

        let mut standing = Vec::new();
        if plenary - Duration::days(8) >= start {
            standing.push(rng.workday(plenary - Duration::days(8), plenary - Duration::days(3)));
        } else {
            standing.push(rng.workday(plenary_end + Duration::days(20), plenary_end + Duration::days(40)));
        }
        for month in [4, 6, 8, 10, 12] {
            let d = rng.workday(ymd(month, 8), ymd(month, 25));
            if d > *standing.last().expect("one meeting") + Duration::days(14) && d <= end {
                standing.push(d);
            }
        }
        Calendar { start, end, plenary, plenary_end, half_days, standing }
    }

    /// The standing meeting that elects new members (增补), mid-year.
    pub(crate) fn by_election(&self) -> NaiveDate {
        self.standing.get(2).copied().unwrap_or(self.plenary_end + Duration::days(120))
    }

    /// The standing meeting that accepts resignations.
    pub(crate) fn resignations(&self) -> NaiveDate {
        self.standing.get(3).copied().unwrap_or(self.end - Duration::days(100))
    }

    /// A working day in `from..=to`, both clipped to the year.
    pub(crate) fn workday(&self, rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let from = from.clamp(self.start, self.end);
        let to = to.clamp(from, self.end);
        rng.workday(from, to)
    }

    /// A working day in months `from..=to` of the year, after the plenary.
    pub(crate) fn in_months(&self, rng: &mut Rng, from: u32, to: u32) -> NaiveDate {
        let year = self.start.year();
        let a = NaiveDate::from_ymd_opt(year, from, 1).expect("month");
        let b = NaiveDate::from_ymd_opt(year, to, 28).expect("month");
        self.workday(rng, a.max(self.plenary_end + Duration::days(3)), b)
    }
}

/// How often an invitee misses a gathering, per mille, for the most
/// reliable members; less reliable ones miss it several times as often.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Absence {
    pub(crate) excused: u32,
    pub(crate) unexcused: u32,
}

impl Absence {
    pub(crate) const MEETING: Absence = Absence { excused: 30, unexcused: 3 };
    pub(crate) const BUSY: Absence = Absence { excused: 70, unexcused: 8 };
    pub(crate) const OPTIONAL: Absence = Absence { excused: 120, unexcused: 15 };
    pub(crate) const FIELD: Absence = Absence { excused: 40, unexcused: 0 };
}

/// What a roll call records for those present.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Roll {
    /// Half-days to record (the meeting's length); a few attend fewer.
    pub(crate) half_days: Option<u8>,
    /// Record whether they attended throughout (全程).
    pub(crate) throughout: bool,
}

/// An activity that members attend: added with the roll taken.
pub(crate) struct Gathering<'a> {
    pub(crate) title: String,
    pub(crate) dates: (NaiveDate, Option<NaiveDate>),
    pub(crate) detail: ActivityDetail,
    pub(crate) functions: &'a [Function],
    pub(crate) organizer: &'a str,
    pub(crate) people: Vec<(u32, ParticipantRole)>,
    pub(crate) absence: Absence,
    pub(crate) roll: Roll,
}

/// What the generator remembers of a proposal for later parts.
pub(crate) struct ProposalInfo {
    /// Index in the activities.
    pub(crate) ix: usize,
    pub(crate) lead: u32,
    pub(crate) people: Vec<u32>,
    pub(crate) date: NaiveDate,
    pub(crate) status: ProposalStatus,
    pub(crate) domain: usize,
    pub(crate) plenary: bool,
}

/// One committee being generated.
pub(crate) struct Gen<'a> {
    pub(crate) cfg: &'a Config,
    pub(crate) rng: Rng,
    pub(crate) ctx: Ctx,
    pub(crate) cal: Calendar,
    pub(crate) roster: Roster,
    pub(crate) activities: Vec<Activity>,
    pub(crate) parts: Vec<ParticipationRecord>,
    /// The member of each participation record.
    pub(crate) who: Vec<u32>,
    counters: [u32; 12],
    pub(crate) proposals: Vec<ProposalInfo>,
    /// Members absent without leave from the plenary.
    pub(crate) plenary_unexcused: Vec<u32>,
}

impl<'a> Gen<'a> {
    pub(crate) fn new(cfg: &'a Config) -> Self {
        assert!(cfg.members >= 20, "a committee needs at least 20 members, not {}", cfg.members);
        let mut rng = Rng::new(cfg.seed, "committee");
        let ctx = Ctx::new(cfg, &mut rng);
        let cal = Calendar::new(cfg, &mut rng);
        let roster = Roster::build(cfg, &ctx, &cal, &mut Rng::new(cfg.seed, "members"));
        Gen {
            cfg,
            rng,
            ctx,
            cal,
            roster,
            activities: Vec::new(),
            parts: Vec::new(),
            who: Vec::new(),
            counters: [0; 12],
            proposals: Vec::new(),
            plenary_unexcused: Vec::new(),
        }
    }

    /// Generates everything and hands it over.
    pub(crate) fn run(mut self) -> Dataset {
        self.section("proposals", Gen::proposals);
        self.section("reports", Gen::reports);
        self.section("meetings", Gen::meetings);
        self.section("training", Gen::training);
        self.section("research", Gen::research);
        self.section("liaison", Gen::liaison);
        self.section("volunteering", Gen::volunteering);
        self.section("donations", Gen::donations);
        self.section("awards", Gen::awards);
        self.section("discipline", Gen::violations);
        self.section("duty reports", Gen::duty_reports);
        self.section("other", Gen::other);
        // Further rounds of routine work, after everything else so that a
        // single round (the default) draws exactly what it always did.
        for round in 2..=self.cfg.intensity {
            self.section(&format!("training#{round}"), Gen::training);
            self.section(&format!("research#{round}"), Gen::research);
            self.section(&format!("liaison#{round}"), Gen::liaison);
            self.section(&format!("volunteering#{round}"), Gen::volunteering);
            self.section(&format!("special committees#{round}"), Gen::special_committee_meetings);
            self.section(&format!("other#{round}"), Gen::other);
        }

        let committee = Committee {
            name: self.cfg.name.clone(),
            level: self.cfg.level,
            term: self.cfg.term.clone(),
            sectors: self.ctx.sectors.iter().map(|s| s.name.to_string()).collect(),
            special_committees: self.ctx.special.iter().map(|s| s.to_string()).collect(),
            liaison_groups: self.ctx.groups.clone(),
        };
        let batch = Batch {
            members: self.roster.members,
            activities: self.activities,
            participations: self.parts,
            origins: BatchOrigins::default(),
        };
        Dataset { committee, batch }
    }

    /// Runs one part of the generator on its own random stream.
    fn section(&mut self, label: &str, part: fn(&mut Self)) {
        self.rng = Rng::new(self.cfg.seed, label);
        part(self);
    }

    /// Adds an activity at the committee's level; returns its id.
    pub(crate) fn add(
        &mut self,
        title: String,
        (date, end): (NaiveDate, Option<NaiveDate>),
        detail: ActivityDetail,
        functions: &[Function],
        organizer: &str,
    ) -> ActivityId {
        let kind = detail.kind();
        let counter = &mut self.counters[kind as usize];
        *counter += 1;
        let id = ActivityId::from(format!("{}{}{:04}", self.cfg.id_prefix, kind_code(kind), counter));
        let mut functions: Vec<Function> = functions.to_vec();
        if functions.is_empty() {
            functions.push(Function::Consensus);
        }
        self.activities.push(Activity {
            id: id.clone(),
            title,
            date,
            end_date: end.filter(|e| *e > date),
            level: self.ctx.level,
            functions: functions.into_iter().collect(),
            organizer: Some(organizer.to_string()),
            linked_to: None,
            detail,
        });
        id
    }

    /// The activity added last.
    pub(crate) fn last_activity(&mut self) -> &mut Activity {
        self.activities.last_mut().expect("an activity was added")
    }

    /// Records a member's part in an activity without attendance; returns
    /// the record's index.
    pub(crate) fn enlist(&mut self, activity: &ActivityId, member: u32, role: ParticipantRole) -> usize {
        self.parts.push(ParticipationRecord {
            activity_id: activity.clone(),
            member_id: self.roster.members[member as usize].id.clone(),
            ..ParticipationRecord::new("", "", role)
        });
        self.who.push(member);
        self.parts.len() - 1
    }

    /// Records the invitees of a gathering with their attendance: leads,
    /// organisers and speakers are present; attendees and participants may
    /// be excused or absent without leave. Returns the records of those present.
    pub(crate) fn roll_call(
        &mut self,
        activity: &ActivityId,
        people: &[(u32, ParticipantRole)],
        absence: Absence,
        roll: Roll,
    ) -> Vec<usize> {
        const EXCUSED: [u32; 3] = [1, 4, 8];
        const UNEXCUSED: [u32; 3] = [1, 5, 30];
        let mut present = Vec::with_capacity(people.len());
        for &(m, role) in people {
            let i = self.enlist(activity, m, role);
            let tier = self.roster.people[m as usize].tier;
            let may_miss = matches!(role, ParticipantRole::Attendee | ParticipantRole::Participant);
            let x = self.rng.range(0, 999);
            let excused = (absence.excused * EXCUSED[tier]).min(600);
            let unexcused = (absence.unexcused * UNEXCUSED[tier]).min(300);
            let attendance = match x {
                _ if !may_miss => Attendance::Present,
                x if x < unexcused => Attendance::Unexcused,
                x if x < unexcused + excused => Attendance::Excused,
                _ => Attendance::Present,
            };
            let p = &mut self.parts[i];
            p.attendance = Some(attendance);
            if attendance != Attendance::Present {
                continue;
            }
            present.push(i);
            let partial = self.rng.chance(40);
            let late = self.rng.chance(500);
            let missed = match roll.half_days {
                Some(h) if partial && h > 1 => 1 + u8::from(h > 3 && self.rng.chance(500)),
                _ => 0,
            };
            let p = &mut self.parts[i];
            if partial {
                p.late = late;
                p.left_early = !late;
            }
            p.half_days = roll.half_days.map(|h| h - missed);
            if roll.throughout {
                p.throughout = Some(!partial);
            }
        }
        present
    }

    /// Adds a gathering and takes the roll; returns its id and the records
    /// of those present.
    pub(crate) fn convene(&mut self, g: Gathering) -> (ActivityId, Vec<usize>) {
        let id = self.add(g.title, g.dates, g.detail, g.functions, g.organizer);
        let present = self.roll_call(&id, &g.people, g.absence, g.roll);
        (id, present)
    }

    /// Turns `k` of the present records into speeches.
    pub(crate) fn speak(&mut self, present: &[usize], k: usize, speech: Speech) {
        let mut free: Vec<usize> =
            present.iter().copied().filter(|&i| self.parts[i].speech.is_none()).collect();
        self.rng.shuffle_prefix(&mut free, k);
        for &i in free.iter().take(k) {
            let p = &mut self.parts[i];
            p.speech = Some(speech);
            if p.role == ParticipantRole::Attendee {
                p.role = ParticipantRole::Speaker;
            }
        }
    }

    /// `k` members of `pool` in office over `from..=to`, none in `exclude`.
    pub(crate) fn sample(
        &mut self,
        pool: Pool<'_>,
        k: usize,
        span: (NaiveDate, NaiveDate),
        exclude: &[u32],
    ) -> Vec<u32> {
        let members = self.roster.pool(pool);
        self.roster.sample(&mut self.rng, members, k, span, exclude)
    }

    /// A special committee's members as a pool (empty when the committee has none of that name).
    pub(crate) fn committee(&self, name: &str) -> Pool<'static> {
        match self.ctx.special.iter().position(|s| *s == name) {
            Some(i) => Pool::Committee(i),
            None => Pool::List(&[]),
        }
    }

    /// The members of `pool` in office over `from..=to`, in pool order.
    pub(crate) fn in_office(&self, pool: &[u32], (from, to): (NaiveDate, NaiveDate)) -> Vec<u32> {
        pool.iter().copied().filter(|&m| self.roster.in_office(m, from, to)).collect()
    }

    /// The members of a special committee, by name.
    pub(crate) fn committee_pool(&self, name: &str) -> &[u32] {
        match self.ctx.special.iter().position(|s| *s == name) {
            Some(i) => &self.roster.by_committee[i],
            None => &[],
        }
    }

    /// The first of `names` that is one of this committee's special committees.
    pub(crate) fn first_committee(&self, names: &[&str]) -> &'static str {
        names
            .iter()
            .find_map(|n| self.ctx.special.iter().find(|s| *s == n))
            .copied()
            .unwrap_or(self.ctx.special[0])
    }

    /// The members of the sectors of the given kinds.
    pub(crate) fn kinds_pool(&self, kinds: &[Kind]) -> Vec<u32> {
        let mut pool = Vec::new();
        for (i, s) in self.ctx.sectors.iter().enumerate() {
            if kinds.contains(&s.kind) {
                pool.extend_from_slice(&self.roster.by_sector[i]);
            }
        }
        pool
    }

    /// `(member, role)` pairs with one role.
    pub(crate) fn as_role(members: &[u32], role: ParticipantRole) -> Vec<(u32, ParticipantRole)> {
        members.iter().map(|&m| (m, role)).collect()
    }

    /// The member's name.
    pub(crate) fn name(&self, m: u32) -> &str {
        &self.roster.members[m as usize].name
    }
}

/// The id code of each kind: pinyin initials, as offices number their files.
fn kind_code(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Proposal => "TA",
        ActivityKind::OpinionReport => "SQ",
        ActivityKind::Meeting => "HY",
        ActivityKind::Training => "PX",
        ActivityKind::Research => "DY",
        ActivityKind::Liaison => "LL",
        ActivityKind::Volunteering => "ZY",
        ActivityKind::Donation => "JZ",
        ActivityKind::Award => "BZ",
        ActivityKind::Violation => "WJ",
        ActivityKind::DutyReport => "LZ",
        ActivityKind::Other => "QT",
    }
}
