//! Checks a batch against itself and the ledger it is meant for. Every
//! problem is reported, not only the first, so a clerk can fix a file in one go.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::activity::{Activity, ActivityDetail, ActivityId, ActivityKind, ProposalForm};
use crate::batch::{Batch, BatchOrigins, IndexedBatch};
use crate::error::{Issue, Table, ValidationError as E};
use crate::ids::IdIndex;
use crate::ledger::Ledger;
use crate::member::{Member, MemberId};
use crate::participation::{ActivityIx, Attendance, MemberIx, ParticipantRole, Participation};

struct Collector<'a> {
    origins: &'a BatchOrigins,
    issues: Vec<Issue>,
}

impl Collector<'_> {
    // Cold and out of line: the checks run for every one of millions of
    // participations and almost never find anything, so their fast path
    // stays small enough to inline.
    #[cold]
    #[inline(never)]
    fn push(&mut self, table: Table, index: usize, column: Option<&'static str>, error: E) {
        self.issues.push(Issue {
            table,
            index,
            origin: self.origins.get(table, index).cloned(),
            column,
            error,
        });
    }

    /// The issues, by table and row (a row's issues in the order found).
    fn finish(mut self) -> Vec<Issue> {
        self.issues.sort_by_key(|i| (i.table as u8, i.index));
        self.issues
    }
}

/// Every issue in `batch` if it were added to `ledger`; empty when it can be.
pub fn check_batch(ledger: &Ledger, batch: &Batch) -> Vec<Issue> {
    check_resolved(ledger, batch).0
}

/// A member's id, for [`IdIndex`]es over a slice of members.
pub(crate) fn member_id<'a>(members: &'a [Member]) -> impl Fn(u32) -> &'a str + Copy {
    move |i| members[i as usize].id.0.as_str()
}

/// Set in the number an activity index ([`IdIndex`]) gives an activity
/// known by id only ([`IndexedBatch::activities_not_held`]): held
/// activities and those share one index, so that an id is hashed once.
pub(crate) const NOT_HELD: u32 = 1 << 31;

/// An activity's id, held or known by id only (numbered with
/// [`NOT_HELD`]), for [`IdIndex`]es over both.
pub(crate) fn any_activity_id<'a>(
    activities: &'a [Activity],
    not_held: &'a [ActivityId],
) -> impl Fn(u32) -> &'a str + Copy {
    move |i| match i & NOT_HELD {
        0 => activities[i as usize].id.0.as_str(),
        _ => not_held[(i ^ NOT_HELD) as usize].0.as_str(),
    }
}

/// Leads, co-signers and authors of an activity the batch touches, counted
/// without keeping the rows: what [`check_roster`] needs.
#[derive(Clone, Copy, Default)]
struct RosterCount {
    /// The first row of the batch naming the activity.
    first_row: Option<usize>,
    leads: usize,
    cosigners: usize,
    authors: usize,
}

impl RosterCount {
    fn count(&mut self, role: ParticipantRole) {
        match role {
            ParticipantRole::Lead => self.leads += 1,
            ParticipantRole::Cosigner => self.cosigners += 1,
            ParticipantRole::Author => self.authors += 1,
            _ => {}
        }
    }
}

/// The batch's members and activities by id, numbered within the batch:
/// built once while checking that ids are new, then adopted by the ledger
/// (so a batch's ids are hashed once, not once to check and again to index).
pub(crate) struct NewIds {
    pub(crate) members: IdIndex,
    pub(crate) activities: IdIndex,
}

/// A batch's new members and activities, as seen by the participation checks.
struct Records<'l, 'b> {
    ledger: &'l Ledger,
    members: &'b [Member],
    activities: &'b [Activity],
}

impl Records<'_, '_> {
    fn member(&self, ix: MemberIx) -> Option<&Member> {
        match (ix.0 as usize).checked_sub(self.ledger.members().len()) {
            None => Some(self.ledger.member(ix)),
            Some(i) => self.members.get(i),
        }
    }

    fn activity(&self, ix: ActivityIx) -> Option<&Activity> {
        match (ix.0 as usize).checked_sub(self.ledger.activities().len()) {
            None => Some(self.ledger.activity(ix)),
            Some(i) => self.activities.get(i),
        }
    }
}

/// One participation to check: its row, its compact form (with a stand-in
/// member index above every real one when the member is unknown), the
/// member id it named, and the records it names (looked up once).
#[derive(Clone, Copy)]
struct Part<'a> {
    row: usize,
    p: Participation,
    member_id: &'a MemberId,
    /// `None` when the member is unknown.
    member: Option<&'a Member>,
    activity: &'a Activity,
}

/// [`check_batch`], also returning the batch's participations resolved to
/// ledger indexes (members and activities of the batch numbered after the
/// ledger's own), so that ids are looked up once; the participations are
/// only meaningful when there is no issue. Also the batch's ids, for the
/// ledger to adopt.
///
/// Cost: one hash lookup per id of the batch and one per participation's
/// (activity, member) pair; no allocation per row.
pub(crate) fn check_resolved(ledger: &Ledger, batch: &Batch) -> (Vec<Issue>, Vec<Participation>, NewIds) {
    let mut c = Collector { origins: &batch.origins, issues: Vec::new() };
    let ids = check_records(&mut c, ledger, &batch.members, &batch.activities, &[]);

    // An id maps to the ledger's record when it has one, else to the batch's
    // (its first record of that id; a duplicate is an issue anyway).
    let (old_members, old_activities) = (ix(ledger.members().len()), ix(ledger.activities().len()));
    let member_ix = |id: &MemberId| {
        ledger
            .member_ix(id)
            .or_else(|| ids.members.get(&id.0, member_id(&batch.members)).map(|i| MemberIx(old_members + i)))
    };
    let activity_ix = |id: &ActivityId| {
        ledger.activity_ix(id).or_else(|| {
            let found = ids.activities.get(&id.0, any_activity_id(&batch.activities, &[]));
            found.map(|i| ActivityIx(old_activities + i))
        })
    };
    // Unknown members get a number of their own (above every index), so
    // that repeated unknown ids still count as duplicates.
    let mut unknown_members: FxHashMap<&MemberId, u32> = FxHashMap::default();
    let records = Records { ledger, members: &batch.members, activities: &batch.activities };
    let mut parts = Vec::with_capacity(batch.participations.len());
    for (i, p) in batch.participations.iter().enumerate() {
        let mx = member_ix(&p.member_id);
        if mx.is_none() {
            c.push(Table::Participations, i, Some("member_id"), E::UnknownMember(p.member_id.clone()));
        }
        let Some((activity, a)) =
            activity_ix(&p.activity_id).and_then(|ix| Some((ix, records.activity(ix)?)))
        else {
            // An activity the ledger knows of but does not hold: its
            // participations are let go, as those not held.
            if ledger.find_activity_not_held(&p.activity_id.0).is_none() {
                c.push(
                    Table::Participations,
                    i,
                    Some("activity_id"),
                    E::UnknownActivity(p.activity_id.clone()),
                );
            }
            continue;
        };
        let member = mx.unwrap_or_else(|| {
            let next = u32::MAX - ix(unknown_members.len());
            MemberIx(*unknown_members.entry(&p.member_id).or_insert(next))
        });
        if !ledger.holds_participations_of(activity) {
            continue;
        }
        parts.push(Part {
            row: i,
            p: p.indexed(activity, member),
            member_id: &p.member_id,
            member: mx.and_then(|m| records.member(m)),
            activity: a,
        });
    }
    check_participations(&mut c, &records, parts.iter().copied(), parts.len());
    let resolved = parts.into_iter().filter(|p| p.member.is_some()).map(|p| p.p).collect();
    (c.finish(), resolved, ids)
}

/// Every issue in an [`IndexedBatch`] if it were added to `ledger`, and the
/// batch's ids.
pub(crate) fn check_indexed(ledger: &Ledger, batch: &IndexedBatch) -> (Vec<Issue>, NewIds) {
    let mut c = Collector { origins: &batch.origins, issues: Vec::new() };
    let ids = check_records(&mut c, ledger, &batch.members, &batch.activities, &batch.activities_not_held);
    let records = Records { ledger, members: &batch.members, activities: &batch.activities };
    // Indexes out of range are a reader's mistake; named by number.
    let mut out_of_range = Vec::new();
    // Participations of activities whose participations the ledger does
    // not hold are neither held nor checked; rows keep their numbers.
    // (An unknown member is reported wherever it is.)
    let held =
        batch.participations.iter().enumerate().filter(|(_, p)| {
            ledger.holds_participations_of(p.activity) || records.member(p.member).is_none()
        });
    let parts = held.filter_map(|(i, p)| {
        let member = records.member(p.member);
        let activity = records.activity(p.activity);
        if member.is_none() || activity.is_none() {
            out_of_range.push((i, p.member, member.is_none(), p.activity, activity.is_none()));
        }
        let member = member?;
        Some(Part { row: i, p: *p, member_id: &member.id, member: Some(member), activity: activity? })
    });
    check_participations(&mut c, &records, parts, batch.participations.len());
    for (i, member, bad_member, activity, bad_activity) in out_of_range {
        if bad_member {
            let id = MemberId::from(format!("#{}", member.0));
            c.push(Table::Participations, i, Some("member_id"), E::UnknownMember(id));
        }
        if bad_activity {
            let id = ActivityId::from(format!("#{}", activity.0));
            c.push(Table::Participations, i, Some("activity_id"), E::UnknownActivity(id));
        }
    }
    (c.finish(), ids)
}

/// The members' and activities' own checks, their ids unique (those of
/// activities not held too), links known.
fn check_records(
    c: &mut Collector,
    ledger: &Ledger,
    members: &[Member],
    activities: &[Activity],
    not_held: &[ActivityId],
) -> NewIds {
    let mut new_members = IdIndex::default();
    new_members.reserve(members.len(), member_id(members));
    for (i, m) in members.iter().enumerate() {
        check_member(c, ledger, i, m);
        if ledger.member_ix(&m.id).is_some() || !new_members.insert(&m.id.0, ix(i), member_id(members)) {
            c.push(Table::Members, i, Some("member_id"), E::DuplicateMember(m.id.clone()));
        }
    }

    // Held and known by id only, in one index (a fresh ledger has none
    // to look in).
    let known = |id: &str| !ledger.knows_no_activity() && ledger.knows_activity(id);
    let id_of = any_activity_id(activities, not_held);
    let mut new_activities = IdIndex::default();
    new_activities.reserve(activities.len() + not_held.len(), id_of);
    for (i, a) in activities.iter().enumerate() {
        if known(&a.id.0) || !new_activities.insert(&a.id.0, ix(i), id_of) {
            c.push(Table::Activities, i, Some("activity_id"), E::DuplicateActivity(a.id.clone()));
        }
    }
    // Numbered after the batch's activities.
    for (j, id) in not_held.iter().enumerate() {
        let i = activities.len() + j;
        if blank(&id.0) {
            c.push(Table::Activities, i, Some("activity_id"), E::Empty { field: "activity_id" });
        }
        if known(&id.0) || !new_activities.insert(&id.0, NOT_HELD | ix(j), id_of) {
            c.push(Table::Activities, i, Some("activity_id"), E::DuplicateActivity(id.clone()));
        }
    }
    let titles = ledger.detail().has_text();
    for (i, a) in activities.iter().enumerate() {
        check_activity(c, i, a, titles);
        if let Some(link) = &a.linked_to {
            if !known(&link.0) && new_activities.get(&link.0, id_of).is_none() {
                c.push(Table::Activities, i, Some("linked_to"), E::UnknownLink(link.clone()));
            }
        }
    }
    NewIds { members: new_members, activities: new_activities }
}

/// Participations whose activity is known: each pair once, members in
/// office, fields fitting the activity, and the leads and authors of every
/// activity touched.
fn check_participations<'a>(
    c: &mut Collector,
    records: &Records,
    parts: impl Iterator<Item = Part<'a>>,
    count: usize,
) {
    let ledger = records.ledger;
    let old_activities = ledger.activities().len();
    let old_members = ledger.members().len();
    let mut seen = Pairs::new(records, count);
    let mut roster: Vec<Option<RosterCount>> = vec![None; old_activities + records.activities.len()];
    // A ledger holding records but no participations yet (a columnar
    // reader's committee) has no participant to be listed again.
    let ledger_has_parts = !ledger.participations().is_empty();
    for part in parts {
        let (i, p, a) = (part.row, &part.p, part.activity);
        let existing = (p.activity.0 as usize) < old_activities;
        let already = ledger_has_parts
            && part.member.is_some()
            && existing
            && (p.member.0 as usize) < old_members
            && ledger.participants(p.activity).any(|q| q.member == p.member);
        if already || !seen.insert(p.activity.0, p.member.0) {
            c.push(
                Table::Participations,
                i,
                Some("member_id"),
                E::DuplicateParticipant { activity: a.id.clone(), member: part.member_id.clone() },
            );
        }
        if let Some(m) = part.member {
            check_membership(c, i, m, a);
        }
        check_participation(c, i, p, a);
        let entry = roster[p.activity.0 as usize].get_or_insert_with(|| {
            let mut r = RosterCount::default();
            if existing && ledger_has_parts {
                ledger.participants(p.activity).for_each(|q| r.count(q.role));
            }
            r
        });
        entry.first_row.get_or_insert(i);
        entry.count(p.role);
    }

    for (slot, r) in roster.iter().enumerate() {
        if let (Some(r), Some(a)) = (r, records.activity(ActivityIx(ix(slot)))) {
            check_roster(c, a, r);
        }
    }
}

fn ix(n: usize) -> u32 {
    u32::try_from(n).expect("a ledger holds at most 2^32 records of a kind")
}

/// Whether `s` is empty or only blanks. Asked of every member's and
/// activity's id, and every member's name and sector: text that does not
/// start with a blank is answered from its first character, where `trim`
/// would read both ends.
#[inline]
fn blank(s: &str) -> bool {
    match s.chars().next() {
        Some(c) if !c.is_whitespace() => false,
        _ => s.trim().is_empty(),
    }
}

fn check_member(c: &mut Collector, ledger: &Ledger, i: usize, m: &Member) {
    let t = Table::Members;
    if blank(&m.id.0) {
        c.push(t, i, Some("member_id"), E::Empty { field: "member_id" });
    }
    if blank(&m.name) {
        c.push(t, i, Some("name"), E::Empty { field: "name" });
    }
    if blank(&m.sector) {
        c.push(t, i, Some("sector"), E::Empty { field: "sector" });
    } else if !ledger.committee().has_sector(&m.sector) {
        c.push(t, i, Some("sector"), E::UnknownSector(m.sector.to_string()));
    }
    if let Some(sc) = &m.committee {
        if !ledger.committee().has_special_committee(sc) {
            c.push(t, i, Some("committee"), E::UnknownSpecialCommittee(sc.to_string()));
        }
    }
    if let Some(g) = &m.liaison_group {
        if !ledger.committee().has_liaison_group(g) {
            c.push(t, i, Some("liaison_group"), E::UnknownLiaisonGroup(g.to_string()));
        }
    }
    if let (Some(joined), Some(left)) = (m.joined_on, m.left_on) {
        if left < joined {
            c.push(t, i, Some("left_on"), E::LeftBeforeJoined { joined, left });
        }
    }
}

/// `titles`: whether the ledger holds activities' free text (a ledger read
/// for scoring does not, see [`crate::Detail`]).
fn check_activity(c: &mut Collector, i: usize, a: &Activity, titles: bool) {
    let t = Table::Activities;
    if blank(&a.id.0) {
        c.push(t, i, Some("activity_id"), E::Empty { field: "activity_id" });
    }
    if titles && blank(&a.title) {
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
        ActivityDetail::Other { subtype } if blank(subtype) => {
            c.push(t, i, Some("subtype"), E::Empty { field: "subtype" });
        }
        _ => {}
    }
}

#[inline]
fn check_membership(c: &mut Collector, i: usize, m: &Member, a: &Activity) {
    // A multi-day activity counts when any of its days falls in office.
    if m.days_in_office(a.date, a.last_day()).is_none() {
        outside_membership(c, i, m, a);
    }
}

#[cold]
#[inline(never)]
fn outside_membership(c: &mut Collector, i: usize, m: &Member, a: &Activity) {
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

// Always inlined: called for every participation (millions in a national
// year), and its checks are a few comparisons that almost never fail.
#[inline(always)]
fn check_participation(c: &mut Collector, i: usize, p: &Participation, a: &Activity) {
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
fn check_roster(c: &mut Collector, a: &Activity, people: &RosterCount) {
    // Report against the first row of this batch that touched the activity.
    let Some(row) = people.first_row else { return };
    let t = Table::Participations;
    match &a.detail {
        ActivityDetail::Proposal(p) => {
            let leads = people.leads;
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
            if p.form == ProposalForm::Individual && people.cosigners > 0 {
                c.push(t, row, Some("role"), E::IndividualWithCosigners(a.id.clone()));
            }
        }
        ActivityDetail::OpinionReport(_) => {
            let authors = people.authors;
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

/// The (activity, member) pairs seen: a bit per pair when members ×
/// activities is small enough (a committee's few hundred members and few
/// thousand activities: tens of kilobytes, no hashing per participation),
/// a hash set otherwise. Unknown members' stand-in numbers (above every
/// index) always go to the set.
enum Pairs {
    Bits { bits: Vec<u64>, members: usize, set: FxHashSet<(u32, u32)> },
    Set(FxHashSet<(u32, u32)>),
}

impl Pairs {
    /// At most this many bits (8 MB).
    const MAX_BITS: usize = 1 << 26;

    fn new(records: &Records, count: usize) -> Pairs {
        let members = records.ledger.members().len() + records.members.len();
        let activities = records.ledger.activities().len() + records.activities.len();
        match members.checked_mul(activities) {
            Some(n) if n <= Self::MAX_BITS => {
                Pairs::Bits { bits: vec![0; n.div_ceil(64)], members, set: FxHashSet::default() }
            }
            _ => {
                let mut set = FxHashSet::default();
                set.reserve(count);
                Pairs::Set(set)
            }
        }
    }

    /// Whether the pair is new (and now seen).
    fn insert(&mut self, activity: u32, member: u32) -> bool {
        match self {
            Pairs::Bits { bits, members, set } if (member as usize) < *members => {
                let i = activity as usize * *members + member as usize;
                let (word, bit) = (i / 64, 1u64 << (i % 64));
                match bits.get_mut(word) {
                    Some(w) => {
                        let new = *w & bit == 0;
                        *w |= bit;
                        new
                    }
                    None => set.insert((activity, member)),
                }
            }
            Pairs::Bits { set, .. } | Pairs::Set(set) => set.insert((activity, member)),
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn blank_is_trimmed_empty() {
        for s in ["", " ", "\u{3000}", " \t\n", "a", " a", "a ", "委员", "\u{3000}委", "\u{feff}", "\u{85}x"]
        {
            assert_eq!(super::blank(s), s.trim().is_empty(), "{s:?}");
        }
    }
}
