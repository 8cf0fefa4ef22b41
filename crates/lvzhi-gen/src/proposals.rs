//! Proposals (提案) and public-opinion reports (社情民意信息).

use chrono::{Duration, NaiveDate};
use lvzhi_core::{
    ActivityDetail, AdoptionMode, Designation, Function, HandlingRole, HandlingUnit, Level, OpinionReport,
    ParticipantRole, Proposal, ProposalForm, ProposalSession, ProposalStatus, ReplyCategory, Satisfaction,
};

use crate::gen::{Gen, ProposalInfo};
use crate::roster::Pool;
use crate::sectors::Kind;
use crate::topics::{self, DOMAINS};

/// What review decided (立案 and the three ways of not filing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Review {
    Filed,
    NotFiled,
    Merged,
    Referred,
}

impl Gen<'_> {
    /// About 1.5 proposals a member, most from a few prolific members; 70%
    /// at the plenary, the rest between sessions. Real proportions: ≈92%
    /// filed, ≈3% merged, ≈5% not filed (some referred as opinions); filed
    /// ones progress with age towards replied and closed.
    pub(crate) fn proposals(&mut self) {
        let n = self.cfg.members as usize;
        let total = n * (140 + self.rng.below(21)) / 100;
        let at_plenary = total * 70 / 100;
        let cal = &self.cal;
        let mut dates: Vec<(NaiveDate, bool)> = Vec::with_capacity(total);
        for i in 0..total {
            let plenary = i < at_plenary;
            let date = if plenary {
                self.rng.day((cal.plenary - Duration::days(12)).max(cal.start), cal.plenary_end)
            } else {
                cal.workday(&mut self.rng, cal.plenary_end + Duration::days(10), cal.end - Duration::days(3))
            };
            dates.push((date, plenary));
        }
        // The last between-session proposals: one still under review at year
        // end, one just filed.
        if total - at_plenary >= 2 {
            dates[total - 1].0 = cal.end - Duration::days(self.rng.range(0, 5).into());
            dates[total - 2].0 = cal.end - Duration::days(self.rng.range(11, 18).into());
        }
        dates.sort();
        let cutoff = cal.end - Duration::days(10);

        let reviewed = dates.iter().filter(|d| d.0 <= cutoff).count();
        let share = |pm: usize| ((reviewed * pm + 500) / 1000).max(1);
        let mut deck = vec![Review::Filed; reviewed];
        let (merged, not_filed, referred) = (share(30), share(30), share(20));
        for (i, r) in deck.iter_mut().take(merged + not_filed + referred).enumerate() {
            *r = if i < merged {
                Review::Merged
            } else if i < merged + not_filed {
                Review::NotFiled
            } else {
                Review::Referred
            };
        }
        self.rng.shuffle_prefix(&mut deck, reviewed);
        let mut deck = deck.into_iter();

        let bodies = self.collective_bodies();
        let width = total.to_string().len().max(3);
        for (seq, &(date, plenary)) in dates.iter().enumerate() {
            let status =
                if date > cutoff { ProposalStatus::Submitted } else { self.progress(deck.next(), date) };
            self.proposal(seq + 1, width, date, plenary, status, &bodies);
        }
        self.designate();
    }

    /// Where a proposal stands at year end, given review and its age.
    fn progress(&mut self, review: Option<Review>, date: NaiveDate) -> ProposalStatus {
        use ProposalStatus as S;
        match review {
            Some(Review::NotFiled) => return S::NotFiled,
            Some(Review::Merged) => return S::Merged,
            Some(Review::Referred) => return S::ReferredAsOpinion,
            _ => {}
        }
        let age = (self.cal.end - date).num_days();
        let stages: &[(S, u32)] = match age {
            a if a < 20 => &[(S::Filed, 1)],
            a if a < 50 => &[(S::Assigned, 6), (S::Handled, 4)],
            a if a < 110 => &[(S::Handled, 5), (S::Replied, 4), (S::Closed, 1)],
            _ => &[(S::Closed, 70), (S::Replied, 22), (S::Handled, 8)],
        };
        *self.rng.pick_weighted(stages)
    }

    /// Parties, people's organisations and special committees that submit
    /// collective proposals, with their members.
    fn collective_bodies(&self) -> Vec<(String, Vec<u32>)> {
        let ctx = &self.ctx;
        let org = |short: &str| match ctx.level {
            Level::National => format!("全国{short}"),
            _ => format!("{}{short}", ctx.prefix),
        };
        let mut bodies = Vec::new();
        for (i, s) in ctx.sectors.iter().enumerate() {
            let name = match s.kind {
                Kind::Party(p) if ctx.level == Level::National => format!("{p}中央"),
                Kind::Party(p) => format!("{p}{}委员会", ctx.place),
                Kind::Commerce => org("工商联"),
                Kind::Women => org("妇联"),
                Kind::Science => org("科协"),
                _ => continue,
            };
            bodies.push((name, self.roster.by_sector[i].clone()));
        }
        for (i, c) in ctx.special.iter().enumerate() {
            bodies.push((c.to_string(), self.roster.by_committee[i].clone()));
        }
        bodies.retain(|b| b.1.len() >= 3);
        bodies
    }

    fn proposal(
        &mut self,
        seq: usize,
        width: usize,
        date: NaiveDate,
        plenary: bool,
        status: ProposalStatus,
        bodies: &[(String, Vec<u32>)],
    ) {
        let domain_ix = self.rng.below(DOMAINS.len());
        let domain = &DOMAINS[domain_ix];
        let action = *self.rng.pick(domain.actions);
        let title = format!("关于{action}的{}", if self.rng.chance(500) { "提案" } else { "建议" });
        let day = (date, date);

        let mut form = *self.rng.pick_weighted(&[
            (ProposalForm::Individual, 55),
            (ProposalForm::Joint, 35),
            (ProposalForm::Collective, 10),
        ]);
        let mut collective_body = None;
        let mut people: Vec<(u32, ParticipantRole)> = Vec::new();
        if form == ProposalForm::Collective && !bodies.is_empty() {
            let (name, pool) = &bodies[self.rng.below(bodies.len())];
            let k = self.rng.range(1, 3) as usize;
            let leads = self.sample(Pool::List(pool), k, day, &[]);
            let k = self.rng.range(0, 6) as usize;
            let cosigners = self.sample(Pool::List(pool), k, day, &leads);
            if !leads.is_empty() {
                collective_body = Some(name.clone());
                people.extend(Gen::as_role(&leads, ParticipantRole::Lead));
                people.extend(Gen::as_role(&cosigners, ParticipantRole::Cosigner));
            }
        }
        if people.is_empty() {
            if form == ProposalForm::Collective {
                form = ProposalForm::Joint;
            }
            let lead = self.roster.draw(&self.roster.proposers, &mut self.rng, date);
            people.push((lead, ParticipantRole::Lead));
            if form == ProposalForm::Joint {
                let k = match self.rng.range(0, 99) {
                    x if x < 60 => self.rng.range(2, 4),
                    x if x < 90 => self.rng.range(5, 8),
                    _ => self.rng.range(9, 20),
                } as usize;
                // Co-signers come half from the lead's own sector, half from anywhere.
                let sector = self.roster.people[lead as usize].sector;
                let mut cos = self.sample(Pool::Sector(sector), k / 2, day, &[lead]);
                cos.push(lead);
                let more = self.sample(Pool::All, k - (cos.len() - 1), day, &cos);
                cos.pop();
                cos.extend(more);
                people.extend(Gen::as_role(&cos, ParticipantRole::Cosigner));
            }
        }

        let mut handling_units = Vec::new();
        if status.is_assigned() {
            let mut units: Vec<&str> = domain.units.to_vec();
            self.rng.shuffle(&mut units);
            let level = self.ctx.level;
            if self.rng.chance(80) && units.len() >= 2 {
                for u in &units[..2] {
                    handling_units
                        .push(HandlingUnit { name: topics::unit(level, u), role: HandlingRole::Separate });
                }
            } else {
                let co = self.rng.below(3).min(units.len() - 1);
                for (i, u) in units.iter().take(1 + co).enumerate() {
                    let role = if i == 0 { HandlingRole::Lead } else { HandlingRole::Co };
                    handling_units.push(HandlingUnit { name: topics::unit(level, u), role });
                }
            }
        }
        let reply_category = status.is_replied().then(|| {
            *self.rng.pick_weighted(&[
                (ReplyCategory::Solved, 40),
                (ReplyCategory::InProgress, 22),
                (ReplyCategory::Planned, 18),
                (ReplyCategory::ForReference, 17),
                (ReplyCategory::NotPossible, 3),
            ])
        });
        let satisfaction = match status {
            ProposalStatus::Closed => Some(
                *self
                    .rng
                    .pick_weighted(&[(Satisfaction::Satisfied, 85), (Satisfaction::BasicallySatisfied, 15)]),
            ),
            ProposalStatus::Replied if self.rng.chance(600) => Some(*self.rng.pick_weighted(&[
                (Satisfaction::Satisfied, 65),
                (Satisfaction::BasicallySatisfied, 25),
                (Satisfaction::Unsatisfied, 10),
            ])),
            _ => None,
        };

        let mut functions = vec![Function::Deliberation];
        functions.extend(domain.extra_function());
        if self.rng.chance(300) {
            functions.push(Function::Consultation);
        }
        let detail = ActivityDetail::Proposal(Proposal {
            number: Some(format!("{}{seq:0width$}", self.cfg.year)),
            form,
            collective_body,
            status,
            session: Some(if plenary { ProposalSession::Plenary } else { ProposalSession::BetweenSessions }),
            handling_units,
            reply_category,
            satisfaction,
            designations: Default::default(),
            forwarded_to: None,
        });
        let organizer = self.first_committee(&["提案委员会"]);
        let id = self.add(title, (date, None), detail, &functions, organizer);
        for &(m, role) in &people {
            self.enlist(&id, m, role);
        }
        self.proposals.push(ProposalInfo {
            ix: self.activities.len() - 1,
            lead: people[0].0,
            people: people.iter().map(|p| p.0).collect(),
            date,
            status,
            domain: domain_ix,
            plenary,
        });
    }

    /// Key proposals (重点提案, picked early in the year among the filed
    /// plenary ones, mostly joint or collective), excellent ones (优秀提案,
    /// ≈9% of the filed, mostly solved ones; at least one key proposal is
    /// also excellent), and a few forwarded to the committee above.
    fn designate(&mut self) {
        let n = self.cfg.members as usize;
        let form_of = |g: &Gen, i: usize| match &g.activities[g.proposals[i].ix].detail {
            ActivityDetail::Proposal(p) => (p.form, p.reply_category),
            _ => unreachable!("proposal infos point at proposals"),
        };
        let filed_plenary: Vec<usize> = (0..self.proposals.len())
            .filter(|&i| self.proposals[i].plenary && self.proposals[i].status.is_filed())
            .collect();
        let (mut group, mut single): (Vec<usize>, Vec<usize>) =
            filed_plenary.iter().partition(|&&i| form_of(self, i).0 != ProposalForm::Individual);
        self.rng.shuffle(&mut group);
        self.rng.shuffle(&mut single);
        let keys_wanted = (n / 40).clamp(3, 20);
        let from_group = (keys_wanted * 2 / 3).min(group.len());
        let keys: Vec<usize> = group
            .iter()
            .take(from_group)
            .chain(single.iter().take(keys_wanted - from_group))
            .copied()
            .collect();
        for &i in &keys {
            self.designation(i, Designation::Key);
        }

        let mut replied: Vec<usize> =
            (0..self.proposals.len()).filter(|&i| self.proposals[i].status.is_replied()).collect();
        self.rng.shuffle(&mut replied);
        replied.sort_by_key(|&i| match form_of(self, i).1 {
            Some(ReplyCategory::Solved) => 0,
            Some(ReplyCategory::InProgress | ReplyCategory::Planned) => 1,
            _ => 2,
        });
        let filed = self.proposals.iter().filter(|p| p.status.is_filed()).count();
        let excellent = (filed * 9 / 100).max(1);
        let mut chosen: Vec<usize> = replied.iter().take(excellent).copied().collect();
        if let Some(&k) = keys.iter().find(|&&k| self.proposals[k].status.is_replied()) {
            if !chosen.contains(&k) {
                chosen.pop();
                chosen.push(k);
            }
        }
        for i in chosen {
            self.designation(i, Designation::Excellent);
        }

        if let Some(&(upper, _)) = self.ctx.upper() {
            let mut pool = filed_plenary;
            self.rng.shuffle(&mut pool);
            for i in pool.into_iter().take((n / 60).clamp(1, 50)) {
                if let ActivityDetail::Proposal(p) = &mut self.activities[self.proposals[i].ix].detail {
                    p.forwarded_to = Some(upper);
                }
            }
        }
    }

    fn designation(&mut self, i: usize, d: Designation) {
        if let ActivityDetail::Proposal(p) = &mut self.activities[self.proposals[i].ix].detail {
            p.designations.insert(d);
        }
    }

    /// About 0.9 reports a member. Adoption is rare and rarer higher up;
    /// leaders' instructions rarer still; a few proposals that were referred
    /// as opinions come back as reports linked to them.
    pub(crate) fn reports(&mut self) {
        let n = self.cfg.members as usize;
        let total = n * (80 + self.rng.below(21)) / 100;
        let (from, to) = (self.cal.start + Duration::days(7), self.cal.end - Duration::days(3));
        let mut dates: Vec<NaiveDate> =
            (0..total).map(|_| self.cal.workday(&mut self.rng, from, to)).collect();
        dates.sort();
        let first = self.activities.len();
        for date in dates {
            let author = self.roster.draw(&self.roster.writers, &mut self.rng, date);
            let domain = &DOMAINS[self.rng.below(DOMAINS.len())];
            let situation = *self.rng.pick(domain.situations);
            let action = *self.rng.pick(domain.actions);
            let title = match self.rng.below(4) {
                0 => format!("关于{situation}的反映"),
                1 => format!("建议{action}"),
                2 => format!("群众反映{situation}有待改善"),
                _ => format!("关于{action}的几点建议"),
            };
            let report = self.adoption();
            let mut functions = vec![Function::Deliberation];
            functions.extend(domain.extra_function());
            if self.rng.chance(300) {
                functions.push(Function::Supervision);
            }
            let id = self.add(
                title,
                (date, None),
                ActivityDetail::OpinionReport(report),
                &functions,
                &self.ctx.office.clone(),
            );
            self.enlist(&id, author, ParticipantRole::Author);
            if self.rng.chance(250) {
                let sector = self.roster.people[author as usize].sector;
                let k = self.rng.range(1, 2) as usize;
                let co = self.sample(Pool::Sector(sector), k, (date, date), &[author]);
                for m in co {
                    self.enlist(&id, m, ParticipantRole::Coauthor);
                }
            }
        }
        self.ensure_outcomes(first);
        self.linked_reports();
    }

    /// Who adopted a report and who gave instructions on it.
    fn adoption(&mut self) -> OpinionReport {
        let mut chain = vec![self.ctx.level];
        chain.extend(self.ctx.uppers.iter().map(|u| u.0));
        let mut report = OpinionReport { commissioned: self.rng.chance(50), ..Default::default() };
        for (i, &level) in chain.iter().enumerate() {
            let odds = [250, 300, 200, 80][i.min(3)] + if report.commissioned { 200 } else { 0 };
            if !self.rng.chance(odds) {
                break;
            }
            report.adopted_by.push(level);
        }
        let depth = report.adopted_by.len();
        if depth >= 1 && self.rng.chance(120) {
            report.instructed_by.push(chain[0]);
        }
        if depth >= 2 && self.rng.chance(200) {
            report.instructed_by.push(chain[1]);
        }
        if depth > 0 {
            report.adoption_mode =
                Some(if self.rng.chance(550) { AdoptionMode::Single } else { AdoptionMode::Digest });
            report.feedback = Some(self.feedback(&report));
        }
        report
    }

    fn feedback(&mut self, report: &OpinionReport) -> String {
        let ctx = &self.ctx;
        if !report.instructed_by.is_empty() {
            return "有关领导已作出批示，已转相关部门研究办理".to_string();
        }
        match (report.adopted_by.len(), ctx.uppers.first()) {
            (d, Some((_, upper))) if d >= 2 => format!("已被{upper}政协采用并报送"),
            _ => format!("已编入《社情民意》第{}期，报送领导参阅", self.rng.range(1, 40)),
        }
    }

    /// Makes sure the year has an adopted report alone and in a digest, one
    /// adopted a level up and one instructed on (a small committee might
    /// draw none).
    fn ensure_outcomes(&mut self, first: usize) {
        let level = self.ctx.level;
        let upper = self.ctx.upper().map(|u| u.0);
        let reports: Vec<usize> = (first..self.activities.len()).collect();
        let fix = |g: &mut Gen, nth: usize, f: &dyn Fn(&mut OpinionReport)| {
            if let Some(&i) = reports.get(nth) {
                if let ActivityDetail::OpinionReport(r) = &mut g.activities[i].detail {
                    f(r);
                    if r.feedback.is_none() {
                        r.feedback = Some("已采用".to_string());
                    }
                }
            }
        };
        let has = |g: &Gen, test: &dyn Fn(&OpinionReport) -> bool| {
            reports
                .iter()
                .any(|&i| matches!(&g.activities[i].detail, ActivityDetail::OpinionReport(r) if test(r)))
        };
        if !has(self, &|r| r.adoption_mode == Some(AdoptionMode::Single)) {
            fix(self, 0, &|r| {
                r.adopted_by = vec![level];
                r.adoption_mode = Some(AdoptionMode::Single);
            });
        }
        if !has(self, &|r| r.adoption_mode == Some(AdoptionMode::Digest)) {
            fix(self, 1, &|r| {
                r.adopted_by = vec![level];
                r.adoption_mode = Some(AdoptionMode::Digest);
            });
        }
        if let Some(up) = upper {
            if !has(self, &|r| r.adopted_by.contains(&up)) {
                fix(self, 2, &|r| {
                    r.adopted_by = vec![level, up];
                    r.adoption_mode = Some(AdoptionMode::Single);
                });
            }
        }
        if !has(self, &|r| !r.instructed_by.is_empty()) {
            fix(self, 3, &|r| {
                r.adopted_by = vec![level];
                r.adoption_mode = Some(AdoptionMode::Single);
                r.instructed_by = vec![level];
            });
        }
    }

    /// Proposals referred as opinions (or, lacking those, not filed) that
    /// their lead rewrote as a public-opinion report.
    fn linked_reports(&mut self) {
        let mut picks: Vec<usize> = (0..self.proposals.len())
            .filter(|&i| self.proposals[i].status == ProposalStatus::ReferredAsOpinion)
            .collect();
        if picks.is_empty() {
            picks = (0..self.proposals.len())
                .filter(|&i| self.proposals[i].status == ProposalStatus::NotFiled)
                .collect();
        }
        for i in picks.into_iter().take(2) {
            let (lead, date, domain, proposal_id) = {
                let p = &self.proposals[i];
                (p.lead, p.date, p.domain, self.activities[p.ix].id.clone())
            };
            let last = self.roster.people[lead as usize].to.min(self.cal.end);
            let day = (date + Duration::days(self.rng.range(15, 40).into())).min(last).max(date);
            let situation = *self.rng.pick(DOMAINS[domain].situations);
            let id = self.add(
                format!("关于{situation}的情况反映"),
                (day, None),
                ActivityDetail::OpinionReport(OpinionReport::default()),
                &[Function::Deliberation],
                &self.ctx.office.clone(),
            );
            self.last_activity().linked_to = Some(proposal_id);
            self.enlist(&id, lead, ParticipantRole::Author);
        }
    }
}
