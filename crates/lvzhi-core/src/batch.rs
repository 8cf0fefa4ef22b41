//! A batch of records to add to a ledger at once: all of it or none.

use crate::activity::{Activity, ActivityId};
use crate::error::{Origin, Table};
use crate::member::Member;
use crate::participation::{Participation, ParticipationRecord};

/// Members, activities and participations to add together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// New members.
    pub members: Vec<Member>,
    /// New activities.
    pub activities: Vec<Activity>,
    /// New participations; they may name members and activities of this
    /// batch or already in the ledger.
    pub participations: Vec<ParticipationRecord>,
    /// Where each record came from, when read from files. Either empty or
    /// as long as the matching table.
    pub origins: BatchOrigins,
}

/// File and row of each record of a [`Batch`], table by table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BatchOrigins {
    /// One per member, or none.
    pub members: Vec<Origin>,
    /// One per activity, or none.
    pub activities: Vec<Origin>,
    /// One per participation, or none.
    pub participations: Vec<Origin>,
}

impl BatchOrigins {
    /// The origin of record `index` of `table`, if known.
    pub fn get(&self, table: Table, index: usize) -> Option<&Origin> {
        match table {
            Table::Members => self.members.get(index),
            Table::Activities => self.activities.get(index),
            Table::Participations => self.participations.get(index),
        }
    }
}

impl Batch {
    /// Whether the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty() && self.activities.is_empty() && self.participations.is_empty()
    }

    /// Appends another batch (and its origins) to this one.
    pub fn extend(&mut self, other: Batch) {
        fn pad(origins: &mut Vec<Origin>, len: usize, more: Vec<Origin>, more_len: usize) {
            // Origins are all-or-nothing per table; keep them aligned when
            // only one side carries them by dropping them altogether.
            if origins.len() == len && more.len() == more_len {
                origins.extend(more);
            } else {
                origins.clear();
            }
        }
        pad(&mut self.origins.members, self.members.len(), other.origins.members, other.members.len());
        pad(
            &mut self.origins.activities,
            self.activities.len(),
            other.origins.activities,
            other.activities.len(),
        );
        pad(
            &mut self.origins.participations,
            self.participations.len(),
            other.origins.participations,
            other.participations.len(),
        );
        self.members.extend(other.members);
        self.activities.extend(other.activities);
        self.participations.extend(other.participations);
    }
}

/// Members, activities and participations to add together, the
/// participations already naming their activity and member by index: what a
/// columnar reader builds from a column of ids, resolving each distinct id
/// once instead of once per row.
///
/// Indexes count from the ledger's own records: the batch's n-th member is
/// `ledger.members().len() + n`, and likewise for activities. Checked as a
/// [`Batch`] is, with the same issues (an index out of range is named
/// `#index` as an unknown member or activity).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexedBatch {
    /// New members.
    pub members: Vec<Member>,
    /// New activities.
    pub activities: Vec<Activity>,
    /// New participations, in input order; their `position` is set by the
    /// ledger.
    pub participations: Vec<Participation>,
    /// Ids of new activities the ledger is to know of without holding
    /// them: what a scoring read keeps of the activities of kinds its rule
    /// set never looks at ([`Reads::activities_of`](crate::Reads::activities_of);
    /// liaison work is two fifths of a national year's activities). They
    /// are checked only to be new and unique (issues name them as
    /// activities numbered after `activities`); a held activity may link
    /// to them, and participations naming them are let go unchecked, as
    /// those of activities whose participations are not held.
    pub activities_not_held: Vec<ActivityId>,
    /// Where each record came from, as for a [`Batch`].
    pub origins: BatchOrigins,
}

/// A committee and a batch of its records: what a folder of files or the
/// sample generator yields.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The committee.
    pub committee: crate::Committee,
    /// Its members, activities and participations.
    pub batch: Batch,
}

impl Dataset {
    /// A ledger of the committee holding the whole batch, or every issue
    /// that stops it.
    pub fn into_ledger(self) -> Result<crate::Ledger, crate::BatchRejected> {
        let mut ledger = crate::Ledger::new(self.committee);
        ledger.add(self.batch)?;
        Ok(ledger)
    }
}
