//! Fixture builders shared by the preset tests: members, activities and
//! participations made with the core API, added to a ledger as one batch.

#![allow(dead_code)]

use std::str::FromStr;

use chrono::NaiveDate;
use lvzhi_core::*;
use lvzhi_rules::{
    evaluate, evaluate_totals, evaluate_with, EvaluateOptions, Evaluation, Period, RuleSet, Scorecard, Totals,
};
use rust_decimal::Decimal;

/// A decimal from text: `n("12.5")`.
pub fn n(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A proposal with nothing but form and status.
pub fn proposal(id: &str, date: NaiveDate, form: ProposalForm, status: ProposalStatus) -> Activity {
    Activity::new(
        id,
        format!("提案 {id}"),
        date,
        Level::County,
        ActivityDetail::Proposal(Proposal {
            number: None,
            form,
            collective_body: None,
            status,
            session: None,
            handling_units: Vec::new(),
            reply_category: None,
            satisfaction: None,
            designations: Designations::default(),
            forwarded_to: None,
        }),
    )
}

/// Adds a designation to a proposal.
pub fn designated(mut a: Activity, d: Designation) -> Activity {
    if let ActivityDetail::Proposal(p) = &mut a.detail {
        p.designations.insert(d);
    }
    a
}

/// Marks a proposal forwarded to a higher committee.
pub fn forwarded(mut a: Activity, level: Level) -> Activity {
    if let ActivityDetail::Proposal(p) = &mut a.detail {
        p.forwarded_to = Some(level);
    }
    a
}

/// A public-opinion report with its adoptions and instructions.
pub fn report(id: &str, date: NaiveDate, adopted_by: &[Level], instructed_by: &[Level]) -> Activity {
    Activity::new(
        id,
        format!("社情民意 {id}"),
        date,
        Level::County,
        ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: adopted_by.to_vec(),
            instructed_by: instructed_by.to_vec(),
            ..OpinionReport::default()
        }),
    )
}

/// A meeting, with its length in half-days if known.
pub fn meeting(id: &str, date: NaiveDate, kind: MeetingKind, half_days: Option<u8>) -> Activity {
    Activity::new(
        id,
        format!("会议 {id}"),
        date,
        Level::County,
        ActivityDetail::Meeting(Meeting { kind, half_days }),
    )
}

/// A training.
pub fn training(id: &str, date: NaiveDate, off_site: bool) -> Activity {
    Activity::new(
        id,
        format!("培训 {id}"),
        date,
        Level::County,
        ActivityDetail::Training(Training { kind: TrainingKind::Thematic, hours: None, off_site }),
    )
}

/// Research, inspection …
pub fn research(id: &str, date: NaiveDate, kind: ResearchKind) -> Activity {
    Activity::new(
        id,
        format!("调研 {id}"),
        date,
        Level::County,
        ActivityDetail::Research(Research { kind, report_produced: false }),
    )
}

/// Any other activity kind without fields of its own.
pub fn plain(id: &str, date: NaiveDate, detail: ActivityDetail) -> Activity {
    Activity::new(id, format!("活动 {id}"), date, Level::County, detail)
}

/// An `other` activity with the office's own subtype.
pub fn other(id: &str, date: NaiveDate, subtype: &str) -> Activity {
    plain(id, date, ActivityDetail::Other { subtype: subtype.into() })
}

/// Volunteering.
pub fn volunteering(id: &str, date: NaiveDate) -> Activity {
    plain(id, date, ActivityDetail::Volunteering(Volunteering::default()))
}

/// A participant of an activity, before the activity id is known.
#[derive(Debug, Clone)]
pub struct P(ParticipationRecord);

impl P {
    fn new(member: &str, role: ParticipantRole, attendance: Option<Attendance>) -> P {
        let mut r = ParticipationRecord::new("", member, role);
        r.attendance = attendance;
        P(r)
    }

    /// With a speech.
    pub fn speech(mut self, s: Speech) -> P {
        self.0.speech = Some(s);
        self
    }

    /// With half-days attended.
    pub fn half_days(mut self, h: u8) -> P {
        self.0.half_days = Some(h);
        self
    }

    /// Arrived late.
    pub fn late(mut self) -> P {
        self.0.late = true;
        self
    }

    /// Left early.
    pub fn left_early(mut self) -> P {
        self.0.left_early = true;
        self
    }

    /// Attended throughout, or only partly.
    pub fn throughout(mut self, t: bool) -> P {
        self.0.throughout = Some(t);
        self
    }
}

/// 领衔 on a proposal.
pub fn lead(m: &str) -> P {
    P::new(m, ParticipantRole::Lead, None)
}

/// 联名 on a proposal.
pub fn cosigner(m: &str) -> P {
    P::new(m, ParticipantRole::Cosigner, None)
}

/// Author of a report.
pub fn author(m: &str) -> P {
    P::new(m, ParticipantRole::Author, None)
}

/// Co-author of a report.
pub fn coauthor(m: &str) -> P {
    P::new(m, ParticipantRole::Coauthor, None)
}

/// Attending a meeting or training with the given attendance.
pub fn attendee(m: &str, a: Attendance) -> P {
    P::new(m, ParticipantRole::Attendee, Some(a))
}

/// Present at a meeting or training.
pub fn present(m: &str) -> P {
    attendee(m, Attendance::Present)
}

/// Taking part in research, volunteering, an award …
pub fn participant(m: &str) -> P {
    P::new(m, ParticipantRole::Participant, None)
}

/// Collects a batch.
pub struct Fixture {
    pub batch: Batch,
    pub term: Term,
}

impl Fixture {
    /// A fixture for a committee whose term runs from `start` to `end`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Fixture {
        Fixture { batch: Batch::default(), term: Term { number: 10, start, end } }
    }

    /// A plain member (委员) of 教育界.
    pub fn member(&mut self, id: &str) -> &mut Member {
        self.member_in(id, "教育界")
    }

    /// A member of a sector.
    pub fn member_in(&mut self, id: &str, sector: &str) -> &mut Member {
        self.batch.members.push(Member::new(id, format!("委员{id}"), sector));
        self.batch.members.last_mut().unwrap()
    }

    /// A standing member (常委).
    pub fn standing(&mut self, id: &str) -> &mut Member {
        let m = self.member(id);
        m.roles = [Role::StandingMember].into_iter().collect();
        m
    }

    /// An activity and its participants, in the order given.
    pub fn add(&mut self, a: Activity, people: impl IntoIterator<Item = P>) -> &mut Fixture {
        for P(mut r) in people {
            r.activity_id = a.id.clone();
            self.batch.participations.push(r);
        }
        self.batch.activities.push(a);
        self
    }

    /// The ledger (panics with every issue if the fixture is invalid).
    pub fn ledger(&self) -> Ledger {
        let mut ledger = Ledger::new(Committee::new("政协测试委员会", Level::County, self.term.clone()));
        if let Err(e) = ledger.add(self.batch.clone()) {
            panic!("fixture refused:\n{}", e.report());
        }
        ledger
    }
}

/// `ledger` as a national scan builds it for `rules`: the activities
/// `held` accepts held (a scan asks `Reads::activities_of` and
/// `Reads::activities_of_subtype`), the others known by id only, and of
/// the participations only those the rules read.
pub fn kinds_held(ledger: &Ledger, rules: &RuleSet, held: impl Fn(&Activity) -> bool) -> Ledger {
    let Batch { members, activities, participations, .. } = ledger.to_batch();
    let (activities, not_held): (Vec<Activity>, Vec<Activity>) = activities.into_iter().partition(&held);
    let mut out = Ledger::for_scoring(ledger.committee().clone());
    let activities_not_held = not_held.into_iter().map(|a| a.id).collect();
    out.add_indexed(IndexedBatch { members, activities, activities_not_held, ..IndexedBatch::default() })
        .unwrap();
    out.hold_participations_read_by(rules);
    out.add(Batch { participations, ..Batch::default() }).unwrap();
    out
}

/// Evaluates a ledger and checks that its points add up.
pub fn evaluated(ledger: &Ledger, rules: &RuleSet, period: Period) -> Evaluation {
    let e = evaluate(ledger, rules, period);
    assert_consistent(&e);
    e
}

/// A member's scorecard (panics if absent).
pub fn card<'e>(e: &'e Evaluation, member: &str) -> &'e Scorecard {
    e.scorecard(&member.into()).unwrap_or_else(|| panic!("no scorecard for {member}"))
}

/// A member's grade id.
pub fn grade<'e>(e: &'e Evaluation, member: &str) -> Option<&'e str> {
    e.grade_of(card(e, member)).map(|g| g.id.as_str())
}

/// A member's flag ids.
pub fn flags<'e>(e: &'e Evaluation, member: &str) -> Vec<&'e str> {
    e.flag_ids(card(e, member))
}

/// Checks that every point of every scorecard adds up: lines, categories,
/// total.
pub fn assert_consistent(e: &Evaluation) {
    for c in &e.scorecards {
        for l in &c.lines {
            let changes: Decimal = l.adjustments.iter().map(|a| a.change).sum();
            assert_eq!(l.raw + changes, l.awarded, "{}: line {l:?}", c.member);
        }
        for cat in &c.categories {
            let lines: Decimal =
                c.lines.iter().filter(|l| e.item_of(l).category == cat.category).map(|l| l.awarded).sum();
            assert_eq!(cat.base + lines, cat.subtotal, "{}: category {cat:?}", c.member);
        }
        let subtotals: Decimal = c.categories.iter().map(|x| x.subtotal).sum();
        let changes: Decimal = c.adjustments.iter().map(|a| a.change).sum();
        assert_eq!(c.base + subtotals + changes, c.total, "{}: total", c.member);
    }
}

/// An explained evaluation with its explanations taken out: what a
/// ranking-only evaluation (`EvaluateOptions::ranking_only`) must equal.
pub fn unexplained(e: &Evaluation) -> Evaluation {
    let mut e = e.clone();
    e.activities.clear();
    for c in &mut e.scorecards {
        c.lines.clear();
        c.adjustments.clear();
        c.grade_changes.clear();
    }
    e
}

/// Checks that `evaluate_totals` gives what the ranking-only scorecards of
/// `evaluate_with` give: the same members in the same order, and each
/// one's total, subtotals (compared as text, so that the scales match
/// too: a ranking prints them) and grade; returns the totals.
pub fn assert_totals_match(ledger: &Ledger, rules: &RuleSet, period: Period) -> Totals {
    let e = evaluate_with(ledger, rules, period, &[], &EvaluateOptions::ranking_only());
    let t = evaluate_totals(ledger, rules, period);
    let ids: Vec<&MemberId> = t.members().iter().map(|&m| &ledger.member(m).id).collect();
    let cards: Vec<&MemberId> = e.scorecards.iter().map(|c| &c.member).collect();
    assert_eq!(ids, cards, "{}: members", rules.id());
    assert_eq!((t.len(), t.totals().len(), t.grades().len()), (cards.len(), cards.len(), cards.len()));
    fn text(ds: impl Iterator<Item = Decimal>) -> Vec<String> {
        ds.map(|d| d.to_string()).collect()
    }
    for (i, c) in e.scorecards.iter().enumerate() {
        let got = (t.totals()[i].to_string(), text(t.subtotals(i).iter().copied()), t.grades()[i]);
        let want = (c.total.to_string(), text(c.categories.iter().map(|x| x.subtotal)), c.grade);
        assert_eq!(got, want, "{}: {}", rules.id(), c.member);
    }
    t
}
