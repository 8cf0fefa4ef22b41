//! Ids to indexes without a second copy of every id: a hash table of
//! indexes, each hashed and compared through the record it points at. A
//! national year has millions of activity ids; a map keyed by cloned ids
//! would allocate and later free each of them once more.

use std::hash::BuildHasher;

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;

/// A record's id type: its text, kept inline up to 24 bytes (a national
/// year has 7 million ids; as `String`s each was allocated and freed).
macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub compact_str::CompactString);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.into())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s.into())
            }
        }

        impl $name {
            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
pub(crate) use text_id;

/// Indexes of records, found by the records' ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    table: HashTable<u32>,
}

fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl IdIndex {
    pub(crate) fn reserve<'a>(&mut self, more: usize, id_of: impl Fn(u32) -> &'a str) {
        self.table.reserve(more, |&ix| hash(id_of(ix)));
    }

    /// The index of the record whose id is `id`; `id_of` gives a record's id.
    pub(crate) fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        // A fresh ledger's index is empty while its first batch is checked
        // against it: no id to hash then.
        if self.table.is_empty() {
            return None;
        }
        self.table.find(hash(id), |&ix| id_of(ix) == id).copied()
    }

    /// Adds the records numbered `new`, whose ids are new, given `batch`:
    /// their own index, numbered within the batch. Into an index of no
    /// records before them (`fresh`) `batch` moves as it is (its numbers
    /// are then the records').
    pub(crate) fn extend<'a>(
        &mut self,
        batch: IdIndex,
        fresh: bool,
        new: impl Iterator<Item = u32>,
        id_of: impl Fn(u32) -> &'a str,
    ) {
        if fresh {
            *self = batch;
            return;
        }
        self.reserve(new.size_hint().0, &id_of);
        for ix in new {
            self.insert(id_of(ix), ix, &id_of);
        }
    }

    /// Adds `ix` under `id`, unless a record with that id is already there.
    pub(crate) fn insert<'a>(&mut self, id: &str, ix: u32, id_of: impl Fn(u32) -> &'a str) -> bool {
        match self.table.entry(hash(id), |&i| id_of(i) == id, |&i| hash(id_of(i))) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(ix);
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_the_records_ids() {
        let ids = ["A1", "B2", "C3", "A1"];
        let mut index = IdIndex::default();
        let id_of = |i: u32| ids[i as usize];
        assert!(index.insert("A1", 0, id_of));
        assert!(index.insert("B2", 1, id_of));
        assert!(index.insert("C3", 2, id_of));
        assert!(!index.insert("A1", 3, id_of), "a second A1 is refused");
        assert_eq!(index.get("B2", id_of), Some(1));
        assert_eq!(index.get("A1", id_of), Some(0));
        assert_eq!(index.get("Z9", id_of), None);
        assert_eq!(IdIndex::default().get("A1", id_of), None, "an empty index has nothing");
    }
}
