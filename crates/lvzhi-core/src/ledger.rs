//! The in-memory ledger: members, activities and participations with the
//! indexes a year-end run needs.
//!
//! Layout: members and activities are vectors addressed by compact `u32`
//! indexes; participations are 16-byte records kept sorted by member (then
//! activity date), with offset tables for "all of a member's
//! participations" and "all participants of an activity". An evaluation is
//! one pass over contiguous memory; no string is touched per participation.

use chrono::{Datelike, NaiveDate};

use crate::activity::{Activity, ActivityId, ActivityKind};
use crate::batch::{Batch, BatchOrigins, IndexedBatch};
use crate::committee::Committee;
use crate::error::BatchRejected;
use crate::fields::{Fields, ParticipationFields, Reads};
use crate::ids::IdIndex;
use crate::member::{Member, MemberId};
use crate::participation::{ActivityIx, MemberIx, Participation};
use crate::validate::{
    any_activity_id, check_batch, check_indexed, check_resolved, member_id, ordered, NewIds, NOT_HELD,
};
use crate::vocab::Vocabulary;

/// Counts of what a batch added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Added {
    /// Members added.
    pub members: usize,
    /// Activities added.
    pub activities: usize,
    /// Participations added.
    pub participations: usize,
}

/// How much of each record a ledger holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Everything: what reports, exports and the store need.
    #[default]
    Full,
    /// Everything an evaluation reads, without activities' free text
    /// (titles, organisers, proposal numbers, collective bodies, handling
    /// units, feedback) and members' personal details (gender, ethnicity,
    /// birth date, employer, title, phone, id number). A national year has
    /// millions of activities whose text scoring never looks at; a reader
    /// can skip those columns. Such a ledger does not check that titles are
    /// present (it has none) and cannot write reports.
    Scoring,
}

impl Detail {
    /// Whether activities carry their free text.
    pub fn has_text(self) -> bool {
        self == Detail::Full
    }
}

/// Members, activities and participations of one committee.
#[derive(Debug, Clone)]
pub struct Ledger {
    committee: Committee,
    detail: Detail,
    fields: Fields,
    /// Whether the participations of activity `i` are held, for the
    /// activities held when [`Ledger::hold_participations_only_of`] was
    /// called (later ones are); `None`: every activity's.
    held: Option<Vec<bool>>,
    /// The words a reader marked every activity with when it chose what
    /// to hold ([`Ledger::hold_participations_read_by`]), under its tag.
    marks: Option<(u64, Vec<u64>)>,
    members: Vec<Member>,
    member_ix: IdIndex,
    activities: Vec<Activity>,
    /// Ids of activities known but not held
    /// ([`IndexedBatch::activities_not_held`]), in the order added.
    not_held: Vec<ActivityId>,
    /// Both, those not held numbered with [`NOT_HELD`].
    activity_ix: IdIndex,
    /// Sorted by (member, activity date, activity index).
    participations: Vec<Participation>,
    /// `participations[member_offsets[m]..member_offsets[m + 1]]` are member m's.
    member_offsets: Vec<u32>,
    /// Positions into `participations`, grouped by activity, in `position` order.
    by_activity: Vec<u32>,
    activity_offsets: Vec<u32>,
    /// Activity indexes sorted by (date, index).
    by_date: Vec<ActivityIx>,
    /// Per kind, activity indexes sorted by (date, index).
    by_kind: Vec<Vec<ActivityIx>>,
}

impl Ledger {
    /// An empty ledger for `committee`.
    pub fn new(committee: Committee) -> Self {
        Ledger {
            committee,
            detail: Detail::Full,
            fields: Fields::ALL,
            held: None,
            marks: None,
            members: Vec::new(),
            member_ix: IdIndex::default(),
            activities: Vec::new(),
            not_held: Vec::new(),
            activity_ix: IdIndex::default(),
            participations: Vec::new(),
            member_offsets: vec![0],
            by_activity: Vec::new(),
            activity_offsets: vec![0],
            by_date: Vec::new(),
            by_kind: vec![Vec::new(); ActivityKind::ALL.len()],
        }
    }

    /// The committee.
    pub fn committee(&self) -> &Committee {
        &self.committee
    }

    /// Every issue `batch` would raise; empty when [`Ledger::add`] would accept it.
    pub fn check(&self, batch: &Batch) -> Vec<crate::Issue> {
        check_batch(self, batch)
    }

    /// An empty ledger for `committee` holding only what scoring reads
    /// ([`Detail::Scoring`]).
    pub fn for_scoring(committee: Committee) -> Self {
        Ledger { detail: Detail::Scoring, ..Ledger::new(committee) }
    }

    /// [`Ledger::for_scoring`] holding only `fields` of the participations'
    /// and activities' optional facts (the others are left empty): what a
    /// reader scoring under one rule set keeps (`RuleSet::fields`).
    /// Participation fields alone leave every activity field held. Scores
    /// under a rule set that reads more would be wrong; [`Ledger::fields`]
    /// says what is held.
    pub fn for_scoring_with(committee: Committee, fields: impl Into<Fields>) -> Self {
        Ledger { fields: fields.into(), ..Ledger::for_scoring(committee) }
    }

    /// How much of each record the ledger holds.
    pub fn detail(&self) -> Detail {
        self.detail
    }

    /// Which of the participations' and activities' optional facts the
    /// ledger holds (all, unless made by [`Ledger::for_scoring_with`]).
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// Which of the participations' optional facts the ledger holds.
    pub fn participation_fields(&self) -> ParticipationFields {
        self.fields.participations
    }

    /// Holds, of the participations of the activities held now, only those
    /// of the activities `read` accepts: the others are let go, and when
    /// added later neither held nor checked (they are still counted as
    /// rows: problems name the rows as given). Activities added later have
    /// all their participations held.
    ///
    /// What a reader scoring under one rule set does (`RuleSet`'s
    /// `reads_participations_in`): a national year's routine duty work is
    /// most of its participations, and a rule set that scores none of it
    /// need not check, index or evaluate them. Scores under that rule set
    /// are the same; anything else that looks at participations (reports,
    /// attendance counts, another rule set) sees only those held.
    pub fn hold_participations_only_of(&mut self, read: impl Fn(&Activity) -> bool) {
        self.hold(self.activities.iter().map(read).collect());
        self.marks = None;
    }

    /// [`Ledger::hold_participations_only_of`] the activities whose
    /// participations `reads` reads, keeping the word it marks each
    /// activity with ([`Reads::mark`]) when it has a tag: an evaluation
    /// under that reader finds them in [`Ledger::marks`] instead of
    /// looking at every activity again.
    pub fn hold_participations_read_by(&mut self, reads: &(impl Reads + ?Sized)) {
        let words: Vec<u64> = self.activities.iter().map(|a| reads.mark(a)).collect();
        self.hold(words.iter().map(|&w| w != 0).collect());
        self.marks = reads.tag().map(|tag| (tag, words));
    }

    /// The words the reader of `tag` marked every activity with
    /// ([`Ledger::hold_participations_read_by`]), in activity order; `None`
    /// when another reader (or none) chose what is held, or activities
    /// were added since.
    pub fn marks(&self, tag: u64) -> Option<&[u64]> {
        match &self.marks {
            Some((t, words)) if *t == tag && words.len() == self.activities.len() => Some(words),
            _ => None,
        }
    }

    fn hold(&mut self, held: Vec<bool>) {
        self.held = (!held.iter().all(|&h| h)).then_some(held);
        if self.held.is_some() && !self.participations.is_empty() {
            let held = &self.held;
            self.participations.retain(|p| holds(held, p.activity));
            self.reindex();
        }
    }

    /// Whether the ledger holds the participations of activity `a` (all,
    /// unless [`Ledger::hold_participations_only_of`] said otherwise).
    #[inline]
    pub fn holds_participations_of(&self, a: ActivityIx) -> bool {
        holds(&self.held, a)
    }

    /// Whether the ledger holds every activity's participations (it does
    /// not when it knows of activities it does not hold).
    #[inline]
    pub fn holds_all_participations(&self) -> bool {
        self.held.is_none() && self.not_held.is_empty()
    }

    /// Adds a batch: all of it, or, when any record is wrong, nothing, with
    /// every problem found.
    pub fn add(&mut self, batch: Batch) -> Result<Added, BatchRejected> {
        let (issues, participations, ids) = check_resolved(self, &batch);
        if !issues.is_empty() {
            return Err(BatchRejected { issues });
        }
        Ok(self.insert(batch.members, batch.activities, Vec::new(), participations, ids))
    }

    /// Adds a batch whose participations name members and activities by
    /// index: all of it or nothing, checked as [`Ledger::add`] checks.
    pub fn add_indexed(&mut self, batch: IndexedBatch) -> Result<Added, BatchRejected> {
        let (issues, ids) = check_indexed(self, &batch);
        if !issues.is_empty() {
            return Err(BatchRejected { issues });
        }
        let mut participations = batch.participations;
        if self.held.is_some() {
            participations.retain(|p| self.holds_participations_of(p.activity));
        }
        let (members, activities, not_held) = (batch.members, batch.activities, batch.activities_not_held);
        Ok(self.insert(members, activities, not_held, participations, ids))
    }

    /// Adds checked records; participations in input order, indexes
    /// resolved; `ids` the batch's own, numbered within the batch.
    fn insert(
        &mut self,
        members: Vec<Member>,
        activities: Vec<Activity>,
        not_held: Vec<ActivityId>,
        mut participations: Vec<Participation>,
        ids: NewIds,
    ) -> Added {
        let added = Added {
            members: members.len(),
            activities: activities.len(),
            participations: participations.len(),
        };
        // Participants already held keep their positions; new ones follow
        // in input order.
        let old_activities = self.activities.len();
        let mut next_position: Vec<u16> = (0..old_activities)
            .map(|a| self.participant_count(ActivityIx(to_u32(a))).min(usize::from(u16::MAX)) as u16)
            .collect();
        next_position.resize(old_activities + activities.len(), 0);
        let first_member = self.members.len();
        let first_activity = self.activities.len();
        append(&mut self.members, members);
        append(&mut self.activities, activities);
        // Checked: every id is new.
        let first_not_held = self.not_held.len();
        append(&mut self.not_held, not_held);
        let new = to_u32(first_member)..to_u32(self.members.len());
        self.member_ix.extend(ids.members, first_member == 0, new, member_id(&self.members));
        let fits = self.activities.len() <= NOT_HELD as usize && self.not_held.len() <= NOT_HELD as usize;
        assert!(fits, "a ledger holds at most 2^31 activities, and knows at most 2^31 more by id");
        let new_held = to_u32(first_activity)..to_u32(self.activities.len());
        let new_not_held = (to_u32(first_not_held)..to_u32(self.not_held.len())).map(|j| NOT_HELD | j);
        let fresh = first_activity == 0 && first_not_held == 0;
        let id_of = any_activity_id(&self.activities, &self.not_held);
        self.activity_ix.extend(ids.activities, fresh, new_held.chain(new_not_held), id_of);
        for p in &mut participations {
            let next = &mut next_position[p.activity.0 as usize];
            p.position = *next;
            *next = next.saturating_add(1);
        }
        append(&mut self.participations, participations);
        self.reindex();
        added
    }

    fn participant_count(&self, a: ActivityIx) -> usize {
        self.activity_range(a).len()
    }

    /// Where an activity's participants sit in `by_activity`; empty for an
    /// activity added since the last reindex.
    fn activity_range(&self, a: ActivityIx) -> std::ops::Range<usize> {
        let i = a.0 as usize;
        match (self.activity_offsets.get(i), self.activity_offsets.get(i + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// Rebuilds the orders and offsets: counting sorts by member and by
    /// activity (linear), then a sort of each member's and each activity's
    /// few records.
    fn reindex(&mut self) {
        let acts = &self.activities;
        // Activities are only ever appended: as many as at the last reindex
        // means the same, and their date orders stand (a reader adding a
        // committee's participations after its activities sorts once).
        let same_activities = self.by_date.len() == acts.len();
        let by_date = match same_activities {
            true => std::mem::take(&mut self.by_date),
            false => {
                // Ordered from the days alone: a sort that looked up each
                // compared activity's date would read a ~200-byte activity
                // from memory per comparison (files list a committee's
                // activities by kind, not by date).
                let days: Vec<i32> = acts.iter().map(|a| a.date.num_days_from_ce()).collect();
                date_order(&days).into_iter().map(ActivityIx).collect()
            }
        };
        // Grouped by activity, each group in position order. A reader's
        // fresh committee arrives that way (activity by activity, in
        // activity order), and its order is the grouping; otherwise a
        // stable counting sort of the participations' indexes (a group is
        // out of position order only after adding to an activity already
        // held).
        let parts = &self.participations;
        self.activity_offsets = offsets(acts.len(), parts.iter().map(|p| p.activity.0));
        self.member_offsets = offsets(self.members.len(), parts.iter().map(|p| p.member.0));
        let grouped =
            parts.windows(2).all(|w| (w[0].activity.0, w[0].position) < (w[1].activity.0, w[1].position));
        let (by_member, by_activity) = if grouped {
            self.by_member(&by_date, |k| k)
        } else {
            let mut order = scatter(parts.len(), &self.activity_offsets, |i| parts[i as usize].activity.0);
            for w in self.activity_offsets.windows(2) {
                let run = &mut order[w[0] as usize..w[1] as usize];
                if !run.is_sorted_by_key(|&i| parts[i as usize].position) {
                    run.sort_by_key(|&i| parts[i as usize].position);
                }
            }
            self.by_member(&by_date, |k| order[k] as usize)
        };
        self.participations = by_member;
        self.by_activity = by_activity;

        if !same_activities {
            // Kinds read in storage order, then looked up in date order: a
            // byte each, where the activities would be read out of order.
            let kinds: Vec<u8> = acts.iter().map(|a| a.kind() as u8).collect();
            let mut sizes = vec![0usize; ActivityKind::ALL.len()];
            for &k in &kinds {
                sizes[usize::from(k)] += 1;
            }
            let mut by_kind: Vec<Vec<ActivityIx>> = sizes.into_iter().map(Vec::with_capacity).collect();
            for &a in &by_date {
                by_kind[usize::from(kinds[a.0 as usize])].push(a);
            }
            self.by_kind = by_kind;
        }
        self.by_date = by_date;
    }

    /// The participations by member, then (date, activity), and the
    /// position of each in that order, in activity order: given offsets
    /// for both and the participations' indexes in activity order
    /// (`grouped(k)` for the k-th). Members' runs are filled activity by
    /// activity in date order, so each comes out sorted (a member takes
    /// part in an activity once) without a sort.
    fn by_member(
        &self,
        by_date: &[ActivityIx],
        grouped: impl Fn(usize) -> usize,
    ) -> (Vec<Participation>, Vec<u32>) {
        let parts = &self.participations;
        let mut next = self.member_offsets.clone();
        let mut by_member = parts.clone();
        let mut by_activity = vec![0u32; parts.len()];
        for &a in by_date {
            let a = a.0 as usize;
            for k in self.activity_offsets[a] as usize..self.activity_offsets[a + 1] as usize {
                let p = parts[grouped(k)];
                let slot = &mut next[p.member.0 as usize];
                by_member[*slot as usize] = p;
                by_activity[k] = *slot;
                *slot += 1;
            }
        }
        (by_member, by_activity)
    }

    /// All members, addressed by [`MemberIx`].
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// One member.
    pub fn member(&self, ix: MemberIx) -> &Member {
        &self.members[ix.0 as usize]
    }

    /// The index of the member with this id.
    pub fn member_ix(&self, id: &MemberId) -> Option<MemberIx> {
        self.find_member(&id.0)
    }

    /// [`Ledger::member_ix`] for an id as text (no `MemberId` to build).
    pub fn find_member(&self, id: &str) -> Option<MemberIx> {
        self.member_ix.get(id, member_id(&self.members)).map(MemberIx)
    }

    /// All activities, addressed by [`ActivityIx`].
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// One activity.
    pub fn activity(&self, ix: ActivityIx) -> &Activity {
        &self.activities[ix.0 as usize]
    }

    /// The index of the activity with this id.
    pub fn activity_ix(&self, id: &ActivityId) -> Option<ActivityIx> {
        self.find_activity(&id.0)
    }

    /// [`Ledger::activity_ix`] for an id as text.
    pub fn find_activity(&self, id: &str) -> Option<ActivityIx> {
        self.find_any_activity(id).filter(|&i| i & NOT_HELD == 0).map(ActivityIx)
    }

    /// The number of a held activity or, with [`NOT_HELD`] set, of one
    /// known by id only.
    fn find_any_activity(&self, id: &str) -> Option<u32> {
        self.activity_ix.get(id, any_activity_id(&self.activities, &self.not_held))
    }

    /// Ids of the activities the ledger knows of but does not hold
    /// ([`IndexedBatch::activities_not_held`]), in the order added.
    pub fn activities_not_held(&self) -> &[ActivityId] {
        &self.not_held
    }

    /// Where `id` is in [`Ledger::activities_not_held`].
    pub fn find_activity_not_held(&self, id: &str) -> Option<usize> {
        self.find_any_activity(id).filter(|&i| i & NOT_HELD != 0).map(|i| (i ^ NOT_HELD) as usize)
    }

    /// Whether the ledger knows of an activity of this id, held or not.
    pub fn knows_activity(&self, id: &str) -> bool {
        self.find_any_activity(id).is_some()
    }

    /// Whether the ledger knows of no activity at all, held or not.
    pub(crate) fn knows_no_activity(&self) -> bool {
        self.activities.is_empty() && self.not_held.is_empty()
    }

    /// All participations, sorted by member then activity date.
    pub fn participations(&self) -> &[Participation] {
        &self.participations
    }

    /// A member's participations, in date order.
    pub fn participations_of(&self, m: MemberIx) -> &[Participation] {
        let i = m.0 as usize;
        &self.participations[self.member_offsets[i] as usize..self.member_offsets[i + 1] as usize]
    }

    /// An activity's participants, in input order (lead first for proposals).
    pub fn participants(&self, a: ActivityIx) -> impl Iterator<Item = &Participation> + '_ {
        self.by_activity[self.activity_range(a)].iter().map(|&p| &self.participations[p as usize])
    }

    /// Activities of one kind, in date order.
    pub fn activities_of_kind(&self, kind: ActivityKind) -> &[ActivityIx] {
        &self.by_kind[kind as usize]
    }

    /// Activities dated within `[start, end]` (either order), in date order.
    pub fn activities_between(&self, start: NaiveDate, end: NaiveDate) -> &[ActivityIx] {
        let (start, end) = ordered(start, end);
        let acts = &self.activities;
        let lo = self.by_date.partition_point(|a| acts[a.0 as usize].date < start);
        let hi = self.by_date.partition_point(|a| acts[a.0 as usize].date <= end);
        &self.by_date[lo..hi]
    }

    /// Everything in the ledger as one batch (members, activities in date
    /// order, participations grouped by activity): what writers export and
    /// what re-reading must reproduce.
    pub fn to_batch(&self) -> Batch {
        let participations = self
            .by_date
            .iter()
            .flat_map(|&a| self.participants(a))
            .map(|p| p.record(self.activity(p.activity).id.clone(), self.member(p.member).id.clone()))
            .collect();
        Batch {
            members: self.members.clone(),
            activities: self.by_date.iter().map(|&a| self.activity(a).clone()).collect(),
            participations,
            origins: BatchOrigins::default(),
        }
    }
}

/// Equal ledgers hold the same committee, members, activities and participations,
/// whatever order they were added in.
impl PartialEq for Ledger {
    fn eq(&self, other: &Self) -> bool {
        fn sorted<T: Clone, K: Ord>(v: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
            let mut v = v.to_vec();
            v.sort_by_key(key);
            v
        }
        let (a, b) = (self.to_batch(), other.to_batch());
        self.committee == other.committee
            && sorted(&a.members, |m| m.id.clone()) == sorted(&b.members, |m| m.id.clone())
            && sorted(&a.activities, |x| x.id.clone()) == sorted(&b.activities, |x| x.id.clone())
            && sorted(&a.participations, |p| (p.activity_id.clone(), p.member_id.clone()))
                == sorted(&b.participations, |p| (p.activity_id.clone(), p.member_id.clone()))
    }
}

#[inline]
fn holds(held: &Option<Vec<bool>>, a: ActivityIx) -> bool {
    held.as_ref().is_none_or(|h| h.get(a.0 as usize).copied().unwrap_or(true))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a ledger holds at most 2^32 records of a kind")
}

/// `more` appended to `v`; moved whole into an empty `v` (a ledger read
/// in one batch copies nothing).
fn append<T>(v: &mut Vec<T>, mut more: Vec<T>) {
    if v.is_empty() {
        *v = more;
    } else {
        v.append(&mut more);
    }
}

/// The indexes `0..n` grouped by `group` (stable), given the groups' CSR offsets.
fn scatter(n: usize, offsets: &[u32], group: impl Fn(u32) -> u32) -> Vec<u32> {
    let mut next: Vec<u32> = offsets.to_vec();
    let mut out = vec![0; n];
    for i in 0..to_u32(n) {
        let slot = &mut next[group(i) as usize];
        out[*slot as usize] = i;
        *slot += 1;
    }
    out
}

/// The indexes of `days` in (day, index) order. A committee's activities
/// span a year or a term, a few days to each activity: counted by day
/// (linear, and in index order within a day); a wider span is sorted.
fn date_order(days: &[i32]) -> Vec<u32> {
    if days.is_sorted() {
        return (0..to_u32(days.len())).collect();
    }
    let (lo, hi) = days.iter().fold((i32::MAX, i32::MIN), |(lo, hi), &d| (lo.min(d), hi.max(d)));
    let span = usize::try_from(i64::from(hi) - i64::from(lo) + 1).unwrap_or(usize::MAX);
    if span <= 4 * days.len() + 4096 {
        let day = |i: u32| days[i as usize].abs_diff(lo);
        let starts = offsets(span, (0..to_u32(days.len())).map(day));
        return scatter(days.len(), &starts, day);
    }
    let mut keyed: Vec<(i32, u32)> = days.iter().zip(0..).map(|(&d, i)| (d, i)).collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// CSR offsets for `n` groups from the group of each item (in any order).
fn offsets(n: usize, groups: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut counts = vec![0u32; n + 1];
    for g in groups {
        counts[g as usize + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::date_order;
    use proptest::prelude::*;

    fn sorted(days: &[i32]) -> Vec<u32> {
        let mut order: Vec<u32> = (0..days.len() as u32).collect();
        order.sort_by_key(|&i| (days[i as usize], i));
        order
    }

    proptest! {
        /// Days of a term (counted), of any span (sorted), already in
        /// order, and at the ends of the range of dates.
        #[test]
        fn date_order_is_the_order_of_day_then_index(
            near in proptest::collection::vec(730_000..732_000i32, 0..300),
            far in proptest::collection::vec(any::<i32>(), 0..50),
            ends in proptest::collection::vec(prop_oneof![Just(i32::MIN), Just(i32::MAX), Just(0)], 0..6),
        ) {
            let mut with_ends = near.clone();
            with_ends.extend(&ends);
            let mut in_order = near.clone();
            in_order.sort();
            for days in [&near, &far, &with_ends, &in_order] {
                prop_assert_eq!(date_order(days), sorted(days));
            }
        }
    }
}
