//! Checks a batch against itself and the ledger it is meant for. Every
//! problem is reported, not only the first, so a clerk can fix a file in one go.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::activity::{Activity, ActivityDetail, ActivityId, ActivityKind, ProposalForm};
use crate::batch::Batch;
use crate::error::{Issue, Table, ValidationError as E};
use crate::ledger::Ledger;
use crate::member::{Member, MemberId};
use crate::participation::{Attendance, ParticipantRole, ParticipationRecord};

struct Collector<'a> {
    batch: &'a Batch,
    issues: Vec<Issue>,
}

impl Collector<'_> {
    fn push(&mut self, table: Table, index: usize, column: Option<&'static str>, error: E) {
        self.issues.push(Issue {
            table,
            index,
            origin: self.batch.origins.get(table, index).cloned(),
            column,
            error,
        });
    }
}

/// Every issue in `batch` if it were added to `ledger`; empty when it can be.
pub fn check_batch(ledger: &Ledger, batch: &Batch) -> Vec<Issue> {
    let mut c = Collector { batch, issues: Vec::new() };

    let mut new_members: HashMap<&MemberId, &Member> = HashMap::new();
    for (i, m) in batch.members.iter().enumerate() {
        check_member(&mut c, ledger, i, m);
        if ledger.member_ix(&m.id).is_some() || new_members.insert(&m.id, m).is_some() {
            c.push(Table::Members, i, Some("member_id"), E::DuplicateMember(m.id.clone()));
        }
    }

    let mut new_activities: HashMap<&ActivityId, &Activity> = HashMap::new();
    for (i, a) in batch.activities.iter().enumerate() {
        if ledger.activity_ix(&a.id).is_some() || new_activities.insert(&a.id, a).is_some() {
            c.push(Table::Activities, i, Some("activity_id"), E::DuplicateActivity(a.id.clone()));
        }
    }
    for (i, a) in batch.activities.iter().enumerate() {
        check_activity(&mut c, i, a);
        if let Some(link) = &a.linked_to {
            if ledger.activity_ix(link).is_none() && !new_activities.contains_key(link) {
                c.push(Table::Activities, i, Some("linked_to"), E::UnknownLink(link.clone()));
            }
        }
    }

    let member = |id: &MemberId| -> Option<&Member> {
        new_members.get(id).copied().or_else(|| ledger.member_ix(id).map(|ix| ledger.member(ix)))
    };
    let activity = |id: &ActivityId| -> Option<&Activity> {
        new_activities.get(id).copied().or_else(|| ledger.activity_ix(id).map(|ix| ledger.activity(ix)))
    };

    // Participants per activity, existing ones first, to check leads and duplicates.
    let mut roster: HashMap<&ActivityId, Vec<(ParticipantRole, Option<usize>)>> = HashMap::new();
    let mut seen: HashSet<(&ActivityId, &MemberId)> = HashSet::new();
    for (i, p) in batch.participations.iter().enumerate() {
        let m = member(&p.member_id);
        let a = activity(&p.activity_id);
        if m.is_none() {
            c.push(Table::Participations, i, Some("member_id"), E::UnknownMember(p.member_id.clone()));
        }
        let Some(a) = a else {
            c.push(Table::Participations, i, Some("activity_id"), E::UnknownActivity(p.activity_id.clone()));
            continue;
        };
        let already = match (ledger.activity_ix(&a.id), ledger.member_ix(&p.member_id)) {
            (Some(ax), Some(mx)) => ledger.participants(ax).any(|q| q.member == mx),
            _ => false,
        };
        if already || !seen.insert((&p.activity_id, &p.member_id)) {
            c.push(
                Table::Participations,
                i,
                Some("member_id"),
                E::DuplicateParticipant { activity: a.id.clone(), member: p.member_id.clone() },
            );
        }
        if let Some(m) = m {
            check_membership(&mut c, i, m, a);
        }
        check_participation(&mut c, i, p, a);
        let entry = roster.entry(&a.id).or_insert_with(|| match ledger.activity_ix(&a.id) {
            Some(ax) => ledger.participants(ax).map(|q| (q.role, None)).collect(),
            None => Vec::new(),
        });
        entry.push((p.role, Some(i)));
    }

    for (id, people) in roster {
        if let Some(a) = activity(id) {
            check_roster(&mut c, a, &people);
        }
    }

    c.issues.sort_by_key(|i| (i.table as u8, i.index));
    c.issues
}

fn check_member(c: &mut Collector, ledger: &Ledger, i: usize, m: &Member) {
    let t = Table::Members;
    if m.id.0.trim().is_empty() {
        c.push(t, i, Some("member_id"), E::Empty { field: "member_id" });
    }
    if m.name.trim().is_empty() {
        c.push(t, i, Some("name"), E::Empty { field: "name" });
    }
    if m.sector.trim().is_empty() {
        c.push(t, i, Some("sector"), E::Empty { field: "sector" });
    } else if !ledger.committee().has_sector(&m.sector) {
        c.push(t, i, Some("sector"), E::UnknownSector(m.sector.clone()));
    }
    if let Some(sc) = &m.committee {
        if !ledger.committee().has_special_committee(sc) {
            c.push(t, i, Some("committee"), E::UnknownSpecialCommittee(sc.clone()));
        }
    }
    if let Some(g) = &m.liaison_group {
        if !ledger.committee().has_liaison_group(g) {
            c.push(t, i, Some("liaison_group"), E::UnknownLiaisonGroup(g.clone()));
        }
    }
    if let (Some(joined), Some(left)) = (m.joined_on, m.left_on) {
        if left < joined {
            c.push(t, i, Some("left_on"), E::LeftBeforeJoined { joined, left });
        }
    }
}

fn check_activity(c: &mut Collector, i: usize, a: &Activity) {
    let t = Table::Activities;
    if a.id.0.trim().is_empty() {
        c.push(t, i, Some("activity_id"), E::Empty { field: "activity_id" });
    }
    if a.title.trim().is_empty() {
        c.push(t, i, Some("title"), E::Empty { field: "title" });
    }
    if let Some(end) = a.end_date {
        if end < a.date {
            c.push(t, i, Some("end_date"), E::EndsBeforeStart { start: a.date, end });
        }
    }
    if let Some(h) = a.detail.hours() {
        if h < Decimal::ZERO {
            c.push(t, i, Some("hours"), E::Negative { field: "hours", value: h });
        }
    }
    if let Some(amount) = a.detail.amount() {
        if amount < Decimal::ZERO {
            c.push(t, i, Some("amount"), E::Negative { field: "amount", value: amount });
        }
    }
    match &a.detail {
        ActivityDetail::Proposal(p) => {
            let s = p.status;
            if p.reply_category.is_some() && !s.is_replied() {
                c.push(t, i, Some("reply_category"), E::Lifecycle { status: s, what: "a reply category" });
            }
            if p.satisfaction.is_some() && !s.is_replied() {
                c.push(t, i, Some("satisfaction"), E::Lifecycle { status: s, what: "a satisfaction rating" });
            }
            if !p.handling_units.is_empty() && !s.is_assigned() {
                c.push(t, i, Some("handling_units"), E::Lifecycle { status: s, what: "handling units" });
            }
            if !p.designations.is_empty() && !s.is_filed() {
                c.push(
                    t,
                    i,
                    Some("designation"),
                    E::Lifecycle { status: s, what: "a key or excellent designation" },
                );
            }
        }
        ActivityDetail::Meeting(m) if m.half_days == Some(0) => {
            c.push(t, i, Some("half_days"), E::Empty { field: "half_days" });
        }
        ActivityDetail::Other { subtype } if subtype.trim().is_empty() => {
            c.push(t, i, Some("subtype"), E::Empty { field: "subtype" });
        }
        _ => {}
    }
}

fn check_membership(c: &mut Collector, i: usize, m: &Member, a: &Activity) {
    // A multi-day activity counts when any of its days falls in office.
    if m.days_in_office(a.date, a.last_day()).is_none() {
        let window = match (m.joined_on, m.left_on) {
            (Some(j), Some(l)) => format!("joined {j}, left {l}"),
            (Some(j), None) => format!("joined {j}"),
            (None, Some(l)) => format!("left {l}"),
            (None, None) => "whole term".to_string(),
        };
        c.push(
            Table::Participations,
            i,
            Some("member_id"),
            E::OutsideMembership { member: m.id.clone(), activity: a.id.clone(), date: a.date, window },
        );
    }
}

fn check_participation(c: &mut Collector, i: usize, p: &ParticipationRecord, a: &Activity) {
    let t = Table::Participations;
    let kind = a.kind();
    if !p.role.fits(kind) {
        c.push(t, i, Some("role"), E::RoleDoesNotFit { role: p.role, kind });
    }
    let attended_kinds = matches!(
        kind,
        ActivityKind::Meeting
            | ActivityKind::Training
            | ActivityKind::Research
            | ActivityKind::Liaison
            | ActivityKind::Volunteering
            | ActivityKind::Other
    );
    match p.attendance {
        None if kind == ActivityKind::Meeting => c.push(t, i, Some("attendance"), E::MissingAttendance),
        Some(_) if !attended_kinds => c.push(t, i, Some("attendance"), E::AttendanceDoesNotApply(kind)),
        _ => {}
    }
    let absent =
        matches!(p.attendance, Some(Attendance::Excused | Attendance::Unexcused | Attendance::NotRequired));
    if absent {
        if p.speech.is_some() {
            c.push(t, i, Some("speech"), E::AbsentButActive { what: "a speech" });
        }
        if p.half_days.is_some_and(|h| h > 0) {
            c.push(t, i, Some("half_days"), E::AbsentButActive { what: "half-days attended" });
        }
        if p.late || p.left_early {
            c.push(t, i, Some("late"), E::AbsentButActive { what: "late arrival or early leaving" });
        }
    }
    if let (Some(attended), ActivityDetail::Meeting(m)) = (p.half_days, &a.detail) {
        if let Some(of) = m.half_days {
            if attended > of {
                c.push(t, i, Some("half_days"), E::HalfDaysExceed { attended, of });
            }
        }
    }
}

/// Leads and authors: a proposal has exactly one lead (a collective one at
/// least one: its main members), a report exactly one author, and an
/// individual proposal nobody else.
fn check_roster(c: &mut Collector, a: &Activity, people: &[(ParticipantRole, Option<usize>)]) {
    let count = |r: ParticipantRole| people.iter().filter(|(role, _)| *role == r).count();
    // Report against the first row of this batch that touched the activity.
    let Some(row) = people.iter().find_map(|(_, i)| *i) else { return };
    let t = Table::Participations;
    match &a.detail {
        ActivityDetail::Proposal(p) => {
            let leads = count(ParticipantRole::Lead);
            let wrong = match p.form {
                ProposalForm::Collective => leads == 0,
                _ => leads != 1,
            };
            if wrong {
                c.push(
                    t,
                    row,
                    Some("role"),
                    E::LeadCount { activity: a.id.clone(), role: ParticipantRole::Lead, count: leads },
                );
            }
            if p.form == ProposalForm::Individual && count(ParticipantRole::Cosigner) > 0 {
                c.push(t, row, Some("role"), E::IndividualWithCosigners(a.id.clone()));
            }
        }
        ActivityDetail::OpinionReport(_) => {
            let authors = count(ParticipantRole::Author);
            if authors != 1 {
                c.push(
                    t,
                    row,
                    Some("role"),
                    E::LeadCount { activity: a.id.clone(), role: ParticipantRole::Author, count: authors },
                );
            }
        }
        _ => {}
    }
}

/// The date range `[start, end]` as a pair, checked.
pub(crate) fn ordered(start: NaiveDate, end: NaiveDate) -> (NaiveDate, NaiveDate) {
    if start <= end {
        (start, end)
    } else {
        (end, start)
    }
}
