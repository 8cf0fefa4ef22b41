//! Meetings and consultations (会议与协商): the plenary, standing committee
//! meetings, the consultation plan's sessions, forums, chairs' meetings.
//! Only those a meeting concerns are invited; nobody else gets a record.

use chrono::{Datelike, Duration, NaiveDate};
use lvzhi_core::{
    ActivityDetail, Attendance, Function, Gender, Meeting, MeetingKind, ParticipantRole, Speech,
};

use crate::cn::numeral;
use crate::gen::{Absence, Gathering, Gen, Roll};
use crate::roster::Pool;
use crate::sectors::Kind;
use crate::topics::{self, DOMAINS, MICRO};

const ALL_FUNCTIONS: [Function; 4] =
    [Function::Consultation, Function::Supervision, Function::Deliberation, Function::Consensus];

/// A meeting's detail.
fn meeting(kind: MeetingKind, half_days: Option<u8>) -> ActivityDetail {
    ActivityDetail::Meeting(Meeting { kind, half_days })
}

/// A one-day meeting: its invitees (attendees unless given another role),
/// how often they miss it and how many of those present speak.
struct Sitting<'a> {
    kind: MeetingKind,
    title: String,
    date: NaiveDate,
    half_days: Option<u8>,
    functions: &'a [Function],
    /// `None`: the committee's office.
    organizer: Option<&'a str>,
    people: Vec<(u32, ParticipantRole)>,
    absence: Absence,
    roll: Roll,
    /// Speeches (会议发言): between this many of those present.
    speakers: (u32, u32),
}

impl<'a> Sitting<'a> {
    fn new(kind: MeetingKind, title: String, date: NaiveDate, invitees: &[u32]) -> Self {
        Sitting {
            kind,
            title,
            date,
            half_days: None,
            functions: &[Function::Consultation],
            organizer: None,
            people: Gen::as_role(invitees, ParticipantRole::Attendee),
            absence: Absence::MEETING,
            roll: Roll::default(),
            speakers: (0, 0),
        }
    }
}

impl Gen<'_> {
    /// Holds a sitting; returns the records of those present.
    fn sit(&mut self, s: Sitting) -> Vec<usize> {
        if s.people.is_empty() {
            return Vec::new();
        }
        let office = self.ctx.office.clone();
        let (_, present) = self.convene(Gathering {
            title: s.title,
            dates: (s.date, None),
            detail: meeting(s.kind, s.half_days),
            functions: s.functions,
            organizer: s.organizer.unwrap_or(&office),
            people: s.people,
            absence: s.absence,
            roll: s.roll,
        });
        let k = self.rng.range(s.speakers.0, s.speakers.1) as usize;
        self.speak(&present, k, Speech::Other);
        present
    }

    pub(crate) fn meetings(&mut self) {
        self.plenary();
        self.standing_meetings();
        self.plan_sessions();
        self.sector_consultations();
        self.proposal_handling();
        self.forums();
        self.micro_consultations();
        self.chairs_meetings();
        self.special_committee_meetings();
        self.other_meetings();
    }

    /// Marks a record absent, clearing what only the present have.
    fn mark_absent(&mut self, record: usize, attendance: Attendance) {
        let p = &mut self.parts[record];
        p.attendance = Some(attendance);
        p.speech = None;
        p.half_days = None;
        p.late = false;
        p.left_early = false;
        p.throughout = None;
        if p.role == ParticipantRole::Speaker {
            p.role = ParticipantRole::Attendee;
        }
    }

    /// Distinct policy domains, in random order (repeating when more are asked).
    pub(crate) fn domains(&mut self, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..DOMAINS.len()).collect();
        self.rng.shuffle(&mut all);
        (0..k).map(|i| all[i % all.len()]).collect()
    }

    /// 全体会议: everyone in office is expected; a few are excused, one or
    /// two absent without leave; half-days attended and whether throughout
    /// are recorded; plenary speeches, oral and written.
    fn plenary(&mut self) {
        let (start, end) = (self.cal.plenary, self.cal.plenary_end);
        let n = self.cfg.members as usize;
        let invitees = self.in_office(&self.roster.all, (start, end));
        let half = self.cal.half_days;
        let office = self.ctx.office.clone();
        let (id, mut present) = self.convene(Gathering {
            title: self.ctx.plenary_title(),
            dates: (start, Some(end)),
            detail: meeting(MeetingKind::Plenary, Some(half)),
            functions: &ALL_FUNCTIONS,
            organizer: &office,
            people: Gen::as_role(&invitees, ParticipantRole::Attendee),
            absence: Absence { excused: 15, unexcused: 0 },
            roll: Roll { half_days: Some(half), throughout: true },
        });

        // One or two unexcused absences, most likely among the unreliable.
        let mut candidates: Vec<usize> = present.iter().copied().filter(|&i| self.is_ordinary(i)).collect();
        self.rng.shuffle(&mut candidates);
        candidates.sort_by_key(|&i| std::cmp::Reverse(self.tier_of(i)));
        let unexcused = 1 + usize::from(n >= 100 && self.rng.chance(500));
        for &i in candidates.iter().take(unexcused) {
            self.mark_absent(i, Attendance::Unexcused);
            let m = self.who[i];
            self.plenary_unexcused.push(m);
        }
        let excused_any =
            self.parts.iter().rev().take(invitees.len()).any(|p| p.attendance == Some(Attendance::Excused));
        if !excused_any {
            if let Some(&i) = candidates.get(unexcused) {
                self.mark_absent(i, Attendance::Excused);
            }
        }
        present.retain(|&i| self.parts[i].attendance == Some(Attendance::Present));
        self.speak(&present, (n / 20).clamp(3, 12), Speech::PlenaryOral);
        self.speak(&present, (n / 8).clamp(5, 40), Speech::PlenaryWritten);
        let _ = id;
    }

    fn is_ordinary(&self, record: usize) -> bool {
        self.roster.people[self.who[record] as usize].leader.is_none()
    }

    fn tier_of(&self, record: usize) -> usize {
        self.roster.people[self.who[record] as usize].tier
    }

    /// 常委会会议, about every two months; only the standing committee.
    fn standing_meetings(&mut self) {
        let dates = self.cal.standing.clone();
        let per_year = dates.len().max(6);
        for (i, date) in dates.into_iter().enumerate() {
            let number = (self.ctx.session as usize - 1) * per_year + i + 1;
            let invitees = self.in_office(&self.roster.standing, (date, date));
            let title = format!("{}常务委员会第{}次会议", self.ctx.term_body(), numeral(number as u32));
            self.sit(Sitting {
                half_days: Some(1),
                functions: &[Function::Consultation, Function::Deliberation],
                speakers: (2, 4),
                ..Sitting::new(MeetingKind::StandingCommittee, title, date, &invitees)
            });
        }
    }

    /// The annual consultation plan: thematic standing sessions (2+),
    /// thematic consultations (3+), counterpart consultations, online
    /// deliberation; about a fifth of the topics are supervision.
    fn plan_sessions(&mut self) {
        let n = self.cfg.members as usize;
        let thematic_standing = 2 + n / 1000;
        let thematic = 3 + n / 500 + self.rng.below(2);
        let counterpart = 3 + n / 300;
        let online = 2;
        let domains = self.domains(thematic_standing + thematic + counterpart + online);
        let mut topics = domains.into_iter();
        let months = [(5, 6), (9, 11), (3, 5), (6, 8), (10, 11), (4, 10)];
        for (i, d) in topics.by_ref().take(thematic_standing).enumerate() {
            let (a, b) = months[i % 2];
            let date = self.cal.in_months(&mut self.rng, a, b);
            let action = *self.rng.pick(DOMAINS[d].actions);
            let committee = self.first_committee(DOMAINS[d].committees);
            let mut people = self.in_office(&self.roster.standing, (date, date));
            let k = self.rng.range(5, 10) as usize;
            let extra = self.sample(self.committee(committee), k, (date, date), &people);
            people.extend(extra);
            let mut functions = vec![Function::Consultation, Function::Deliberation];
            functions.extend(DOMAINS[d].extra_function());
            let title = format!("“{action}”专题议政性常委会议");
            self.sit(Sitting {
                half_days: Some(2),
                functions: &functions,
                roll: Roll { half_days: Some(2), throughout: false },
                speakers: (4, 6),
                ..Sitting::new(MeetingKind::ThematicStanding, title, date, &people)
            });
        }
        for (i, d) in topics.by_ref().take(thematic).enumerate() {
            let (a, b) = months[2 + i % 4];
            let date = self.cal.in_months(&mut self.rng, a, b);
            let action = *self.rng.pick(DOMAINS[d].actions);
            let committee = self.first_committee(DOMAINS[d].committees);
            let people = self.panel(d, date, (8, 14), (4, 8));
            // Every third thematic consultation is a supervision one.
            let mut functions = vec![Function::Consultation];
            if i % 3 == 2 || DOMAINS[d].supervision {
                functions.push(Function::Supervision);
            }
            let title = format!("“{action}”专题协商会");
            self.sit(Sitting {
                half_days: Some(1),
                functions: &functions,
                organizer: Some(committee),
                speakers: (4, 7),
                ..Sitting::new(MeetingKind::ThematicConsultation, title, date, &people)
            });
        }
        for d in topics.by_ref().take(counterpart) {
            let date = self.cal.in_months(&mut self.rng, 3, 11);
            let domain = &DOMAINS[d];
            let action = *self.rng.pick(domain.actions);
            let unit = topics::unit(self.ctx.level, domain.units[0]);
            let committee = self.first_committee(domain.committees);
            let people = self.panel(d, date, (6, 10), (0, 1));
            let title = format!("与{unit}就“{action}”开展对口协商");
            self.sit(Sitting {
                functions: &[Function::Consultation, Function::Supervision],
                organizer: Some(committee),
                absence: Absence::BUSY,
                speakers: (2, 4),
                ..Sitting::new(MeetingKind::Counterpart, title, date, &people)
            });
        }
        for (i, d) in topics.take(online).enumerate() {
            let date = self.cal.in_months(&mut self.rng, 4 + 4 * i as u32, 6 + 4 * i as u32);
            let action = *self.rng.pick(DOMAINS[d].actions);
            let k = (n / 4).max(10);
            let people = self.sample(Pool::All, k, (date, date), &[]);
            let title = if i % 2 == 0 {
                format!("网络议政：{action}")
            } else {
                format!("“{action}”远程协商会")
            };
            self.sit(Sitting {
                functions: &[Function::Deliberation, Function::Consultation],
                absence: Absence::OPTIONAL,
                speakers: (5, 10),
                ..Sitting::new(MeetingKind::Online, title, date, &people)
            });
        }
    }

    /// A consultation panel: members of the domain's special committee and
    /// sectors, some standing members and one or two leaders.
    fn panel(
        &mut self,
        domain: usize,
        date: NaiveDate,
        members: (u32, u32),
        standing: (u32, u32),
    ) -> Vec<u32> {
        let day = (date, date);
        let committee = self.first_committee(DOMAINS[domain].committees);
        let k = self.rng.range(members.0, members.1) as usize;
        let mut people = self.sample(self.committee(committee), k, day, &[]);
        // Members of the sectors concerned.
        let k = self.rng.range(1, 3) as usize;
        let more = self.sample(Pool::List(&self.kinds_pool(DOMAINS[domain].kinds)), k, day, &people);
        people.extend(more);
        let k = self.rng.range(standing.0, standing.1) as usize;
        let more = self.sample(Pool::Standing, k, day, &people);
        people.extend(more);
        let k = self.rng.range(1, 2) as usize;
        let leaders = self.sample(Pool::Deputies, k, day, &people);
        people.extend(leaders);
        people
    }

    /// 界别协商: two sectors together, one member convening.
    fn sector_consultations(&mut self) {
        let count = 3 + self.cfg.members as usize / 300;
        let sectors: Vec<usize> =
            (0..self.ctx.sectors.len()).filter(|&i| self.roster.by_sector[i].len() >= 2).collect();
        if sectors.len() < 2 {
            return;
        }
        for (i, d) in self.domains(count).into_iter().enumerate() {
            let date = self.cal.in_months(&mut self.rng, 3 + (i as u32 % 3) * 3, 5 + (i as u32 % 3) * 3);
            // The first sector is one the topic concerns, when there is one.
            let concerned: Vec<usize> = sectors
                .iter()
                .copied()
                .filter(|&i| DOMAINS[d].kinds.contains(&self.ctx.sectors[i].kind))
                .collect();
            let pick = if concerned.is_empty() { &sectors } else { &concerned };
            let a = pick[self.rng.below(pick.len())];
            let b = sectors[(sectors.iter().position(|&s| s == a).unwrap_or(0)
                + 1
                + self.rng.below(sectors.len() - 1))
                % sectors.len()];
            let mut people = self.in_office(&self.roster.by_sector[a], (date, date));
            people.extend(self.in_office(&self.roster.by_sector[b], (date, date)));
            if people.is_empty() {
                continue;
            }
            let action = *self.rng.pick(DOMAINS[d].actions);
            let (na, nb) = (self.ctx.sectors[a].name, self.ctx.sectors[b].name);
            let title = format!("{na}、{nb}界别联组协商会：{action}");
            let mut sitting = Sitting {
                functions: &[Function::Consultation, Function::Consensus],
                absence: Absence::BUSY,
                speakers: (2, 4),
                ..Sitting::new(MeetingKind::Sector, title, date, &people)
            };
            sitting.people[0].1 = ParticipantRole::Organizer;
            self.sit(sitting);
        }
    }

    /// 提案办理协商: key proposals discussed with their handling units, the
    /// proposers and the proposal committee.
    fn proposal_handling(&mut self) {
        let mut picks: Vec<usize> = (0..self.proposals.len())
            .filter(|&i| match &self.activities[self.proposals[i].ix].detail {
                ActivityDetail::Proposal(p) => p.designations.contains(lvzhi_core::Designation::Key),
                _ => false,
            })
            .collect();
        if picks.is_empty() {
            picks = (0..self.proposals.len()).filter(|&i| self.proposals[i].status.is_filed()).collect();
        }
        let committee = self.first_committee(&["提案委员会"]);
        for (k, i) in picks.into_iter().take(3).enumerate() {
            let earliest = self.proposals[i].date + Duration::days(45);
            let month = 5 + 2 * k as u32;
            let date = self.cal.in_months(&mut self.rng, month, month + 1).max(earliest);
            let date = self.cal.workday(&mut self.rng, date, date + Duration::days(6));
            let lead = self.proposals[i].lead;
            let mut people: Vec<u32> = self.proposals[i]
                .people
                .iter()
                .copied()
                .filter(|&m| self.roster.in_office(m, date, date))
                .collect();
            let k = self.rng.range(4, 6) as usize;
            let more = self.sample(self.committee(committee), k, (date, date), &people);
            people.extend(more);
            let leader = self.sample(Pool::Deputies, 1, (date, date), &people);
            people.extend(leader);
            let title = format!("重点提案《{}》办理协商会", self.activities[self.proposals[i].ix].title);
            let present = self.sit(Sitting {
                half_days: Some(1),
                functions: &[Function::Consultation, Function::Supervision],
                organizer: Some(committee),
                ..Sitting::new(MeetingKind::ProposalHandling, title, date, &people)
            });
            // The lead proposer speaks first.
            let lead_record = present.iter().copied().find(|&r| self.who[r] == lead);
            if let Some(r) = lead_record {
                self.speak(&[r], 1, Speech::Other);
            }
        }
    }

    /// 协商座谈会 with groups of members.
    fn forums(&mut self) {
        let short = self.ctx.short.clone();
        type Fits = fn(Kind, Gender, i32) -> bool;
        let themes: Vec<(String, Fits)> = vec![
            ("民营企业家协商座谈会".into(), |k, _, _| matches!(k, Kind::Commerce | Kind::Economy)),
            ("党外知识分子座谈会".into(), |k, _, _| matches!(k, Kind::Party(_) | Kind::NonParty)),
            ("少数民族界和宗教界委员座谈会".into(), |k, _, _| {
                matches!(k, Kind::Ethnic | Kind::Religion)
            }),
            (format!("“我为{short}发展献一策”委员座谈会"), |_, _, _| true),
            ("青年委员座谈会".into(), |_, _, born| born >= 1982),
            ("女委员座谈会".into(), |_, g, _| g == Gender::Female),
        ];
        let count = 3 + self.rng.below(2) + self.cfg.members as usize / 400;
        let mut order: Vec<usize> = (0..themes.len()).collect();
        self.rng.shuffle(&mut order);
        for i in 0..count {
            let (title, fits) = &themes[order[i % order.len()]];
            let date = self.cal.in_months(&mut self.rng, 3, 12);
            let pool: Vec<u32> = self
                .roster
                .all
                .iter()
                .copied()
                .filter(|&m| {
                    let (p, mem) = (&self.roster.people[m as usize], &self.roster.members[m as usize]);
                    let born = mem.birth_date.map_or(1970, |b| b.year());
                    fits(p.kind, mem.gender.unwrap_or(Gender::Male), born)
                })
                .collect();
            let k = self.rng.range(10, 18) as usize;
            let people = self.sample(Pool::List(&pool), k, (date, date), &[]);
            if people.is_empty() {
                continue;
            }
            self.sit(Sitting {
                functions: &[Function::Consultation, Function::Consensus],
                absence: Absence::BUSY,
                speakers: (4, 8),
                ..Sitting::new(MeetingKind::Forum, title.clone(), date, &people)
            });
        }
    }

    /// 小微协商 (有事好商量) in townships, by the liaison groups.
    fn micro_consultations(&mut self) {
        let groups = self.ctx.groups.len();
        let count = groups + self.cfg.members as usize / 100;
        for i in 0..count {
            let g = i % groups;
            let date = self.cal.in_months(&mut self.rng, 3, 12);
            let k = self.rng.range(3, 8) as usize;
            let people = self.sample(Pool::Group(g), k, (date, date), &[]);
            if people.is_empty() {
                continue;
            }
            let group = self.ctx.groups[g].clone();
            let place = group.strip_suffix("联络组").unwrap_or(&group).to_string();
            let topic = *self.rng.pick(MICRO);
            let title = format!("{place}“有事好商量”协商议事会：{topic}");
            self.sit(Sitting {
                functions: &[Function::Consultation, Function::Consensus],
                organizer: Some(&group),
                absence: Absence::BUSY,
                ..Sitting::new(MeetingKind::Micro, title, date, &people)
            });
        }
    }

    /// 主席会议, monthly but in the plenary's month; the secretary-general
    /// organises.
    fn chairs_meetings(&mut self) {
        let year = self.cal.start.year();
        let mut number = (self.ctx.session - 1) * 11;
        for month in 1..=12u32 {
            if month == self.cal.plenary.month() {
                continue;
            }
            let a = NaiveDate::from_ymd_opt(year, month, 5).expect("date");
            let b = NaiveDate::from_ymd_opt(year, month, 25).expect("date");
            if a < self.cal.start || b > self.cal.end {
                continue;
            }
            let date = self.cal.workday(&mut self.rng, a, b);
            number += 1;
            let leaders = self.in_office(&self.roster.leaders, (date, date));
            let title = format!("{}第{}次主席会议", self.ctx.term_body(), numeral(number));
            let mut sitting = Sitting::new(MeetingKind::Chairs, title, date, &leaders);
            let secretary = self.roster.secretary;
            for p in sitting.people.iter_mut().filter(|p| p.0 == secretary) {
                p.1 = ParticipantRole::Organizer;
            }
            self.sit(sitting);
        }
    }

    /// Each special committee meets twice: plenary of its members and a
    /// mid-year work meeting.
    pub(crate) fn special_committee_meetings(&mut self) {
        let year = self.cfg.year;
        for c in 0..self.ctx.special.len() {
            let name = self.ctx.special[c];
            for (i, (a, b)) in [(3, 5), (9, 11)].into_iter().enumerate() {
                let date = self.cal.in_months(&mut self.rng, a, b);
                let people = self.in_office(&self.roster.by_committee[c], (date, date));
                let title = if i == 0 {
                    format!("{name}{year}年度工作会议")
                } else {
                    format!("{name}全体委员会议")
                };
                self.sit(Sitting {
                    functions: &[Function::Deliberation],
                    organizer: Some(name),
                    absence: Absence::BUSY,
                    speakers: (2, 2),
                    ..Sitting::new(MeetingKind::SpecialCommittee, title, date, &people)
                });
            }
        }
    }

    /// Meetings of other bodies members sit in on (列席).
    fn other_meetings(&mut self) {
        let prefix = if self.ctx.prefix.is_empty() { "国务院" } else { self.ctx.prefix };
        let titles = [format!("列席{prefix}委经济工作会议"), format!("列席{prefix}人大常委会会议")];
        let titles = if self.ctx.prefix.is_empty() {
            ["列席国务院常务会议（受邀）".to_string(), "列席全国人大常委会会议".to_string()]
        } else {
            titles
        };
        for (i, title) in titles.into_iter().enumerate() {
            let date = self.cal.in_months(&mut self.rng, 6 + 5 * i as u32, 7 + 5 * i as u32);
            let k = self.rng.range(3, 8) as usize;
            let people = self.sample(Pool::Standing, k, (date, date), &[]);
            self.sit(Sitting {
                half_days: Some(1),
                functions: &[Function::Supervision],
                ..Sitting::new(MeetingKind::Other, title, date, &people)
            });
        }
    }
}
