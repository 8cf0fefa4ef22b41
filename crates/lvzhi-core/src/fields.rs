//! Which optional facts of participations and activities a ledger holds.
//!
//! A reader scoring under one rule set may leave out the columns the rule
//! set never looks at: at national scale most of a scoring read's time is
//! decoding and checking columns, and most kind-specific columns (a
//! proposal's reply category, a report's adoption mode, a training's
//! hours …) matter to few methods. Ids, kinds, subtypes, dates, levels and
//! the fields a kind requires (a proposal's status, a donation's amount)
//! are always held; a ledger that leaves a column out neither holds nor
//! checks it.

/// Which of a participation's optional facts are held: a speech, half-days
/// attended, late arrival, early leaving, attending throughout. Activity,
/// member, role and attendance are always held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParticipationFields {
    /// [`Participation::speech`](crate::Participation::speech).
    pub speech: bool,
    /// [`Participation::half_days`](crate::Participation::half_days).
    pub half_days: bool,
    /// [`Participation::late`](crate::Participation::late).
    pub late: bool,
    /// [`Participation::left_early`](crate::Participation::left_early).
    pub left_early: bool,
    /// [`Participation::throughout`](crate::Participation::throughout).
    pub throughout: bool,
}

impl ParticipationFields {
    /// Every optional fact.
    pub const ALL: ParticipationFields =
        ParticipationFields { speech: true, half_days: true, late: true, left_early: true, throughout: true };
    /// None of them.
    pub const NONE: ParticipationFields = ParticipationFields {
        speech: false,
        half_days: false,
        late: false,
        left_early: false,
        throughout: false,
    };

    /// Whether every fact `other` holds is held here too.
    pub fn contains(self, other: ParticipationFields) -> bool {
        let [a, b] = [self, other].map(|f| [f.speech, f.half_days, f.late, f.left_early, f.throughout]);
        a.iter().zip(b).all(|(&held, wanted)| held || !wanted)
    }
}

/// An optional field of activities, named as its column and its
/// serialised field are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityField {
    /// [`Activity::functions`](crate::Activity::functions).
    Functions,
    /// [`Activity::linked_to`](crate::Activity::linked_to).
    LinkedTo,
    /// A proposal's session.
    Session,
    /// A proposal's reply category.
    ReplyCategory,
    /// A proposal's satisfaction rating.
    Satisfaction,
    /// A proposal's key or excellent designations.
    Designation,
    /// The level a proposal was forwarded to.
    ForwardedTo,
    /// The levels that adopted a public-opinion report.
    AdoptedBy,
    /// How a report was adopted.
    AdoptionMode,
    /// The levels whose leaders instructed on a report.
    InstructedBy,
    /// Whether a report was commissioned.
    Commissioned,
    /// A meeting's half-days.
    HalfDays,
    /// Hours of training, liaison or volunteering.
    Hours,
    /// Whether a training was away from home.
    OffSite,
    /// Whether research produced a report.
    ReportProduced,
    /// Whether a donation was in kind (its subtype says so too).
    InKind,
}

impl ActivityField {
    /// Every optional field.
    pub const ALL: [ActivityField; 16] = {
        use ActivityField as F;
        [
            F::Functions,
            F::LinkedTo,
            F::Session,
            F::ReplyCategory,
            F::Satisfaction,
            F::Designation,
            F::ForwardedTo,
            F::AdoptedBy,
            F::AdoptionMode,
            F::InstructedBy,
            F::Commissioned,
            F::HalfDays,
            F::Hours,
            F::OffSite,
            F::ReportProduced,
            F::InKind,
        ]
    };

    /// The column's name.
    pub fn name(self) -> &'static str {
        use ActivityField as F;
        match self {
            F::Functions => "functions",
            F::LinkedTo => "linked_to",
            F::Session => "session",
            F::ReplyCategory => "reply_category",
            F::Satisfaction => "satisfaction",
            F::Designation => "designation",
            F::ForwardedTo => "forwarded_to",
            F::AdoptedBy => "adopted_by",
            F::AdoptionMode => "adoption_mode",
            F::InstructedBy => "instructed_by",
            F::Commissioned => "commissioned",
            F::HalfDays => "half_days",
            F::Hours => "hours",
            F::OffSite => "off_site",
            F::ReportProduced => "report_produced",
            F::InKind => "in_kind",
        }
    }

    /// The field whose column is `name`.
    pub fn named(name: &str) -> Option<ActivityField> {
        ActivityField::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A set of [`ActivityField`]s.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActivityFields(u32);

impl ActivityFields {
    /// Every optional field.
    pub const ALL: ActivityFields = ActivityFields((1 << ActivityField::ALL.len()) - 1);
    /// None of them.
    pub const NONE: ActivityFields = ActivityFields(0);

    /// This set and `field`.
    #[must_use]
    pub fn with(self, field: ActivityField) -> ActivityFields {
        ActivityFields(self.0 | 1 << field as u32)
    }

    /// This set and `field` when `wanted`.
    #[must_use]
    pub fn with_if(self, field: ActivityField, wanted: bool) -> ActivityFields {
        if wanted {
            self.with(field)
        } else {
            self
        }
    }

    /// Whether `field` is held.
    pub fn has(self, field: ActivityField) -> bool {
        self.0 >> field as u32 & 1 == 1
    }

    /// Whether every field `other` holds is held here too.
    pub fn contains(self, other: ActivityFields) -> bool {
        other.0 & !self.0 == 0
    }

    /// The fields held, in [`ActivityField::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = ActivityField> {
        ActivityField::ALL.into_iter().filter(move |&f| self.has(f))
    }
}

impl std::fmt::Debug for ActivityFields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<ActivityField> for ActivityFields {
    fn from_iter<I: IntoIterator<Item = ActivityField>>(fields: I) -> Self {
        fields.into_iter().fold(ActivityFields::NONE, ActivityFields::with)
    }
}

/// The optional facts a ledger holds (all, unless made for one rule set by
/// [`Ledger::for_scoring_with`](crate::Ledger::for_scoring_with)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fields {
    /// Of participations.
    pub participations: ParticipationFields,
    /// Of activities.
    pub activities: ActivityFields,
}

impl Fields {
    /// Everything.
    pub const ALL: Fields =
        Fields { participations: ParticipationFields::ALL, activities: ActivityFields::ALL };
    /// Only what is always held.
    pub const NONE: Fields =
        Fields { participations: ParticipationFields::NONE, activities: ActivityFields::NONE };

    /// Whether everything `other` holds is held here too.
    pub fn contains(self, other: Fields) -> bool {
        self.participations.contains(other.participations) && self.activities.contains(other.activities)
    }
}

impl From<ParticipationFields> for Fields {
    /// These participation facts, and every activity field.
    fn from(participations: ParticipationFields) -> Fields {
        Fields { participations, activities: ActivityFields::ALL }
    }
}

/// What a reader scoring under one rule set reads of a committee's
/// records: which optional facts ([`Reads::fields`]) and the participations
/// of which activities ([`Reads::participations_in`]). A rule set says
/// (`lvzhi_rules::RuleSet` implements it); [`Fields`] and
/// [`ParticipationFields`] read every activity's participations.
pub trait Reads: Sync {
    /// The optional facts of participations and activities read.
    fn fields(&self) -> Fields;

    /// Whether the participations in `activity` are read: a scoring ledger
    /// may leave out the others
    /// ([`Ledger::hold_participations_only_of`](crate::Ledger::hold_participations_only_of)).
    fn participations_in(&self, activity: &crate::Activity) -> bool {
        let _ = activity;
        true
    }

    /// Whether the reader looks at activities of `kind` at all: their
    /// facts, their participations, or links to them. A scoring read may
    /// know the others by id only
    /// ([`IndexedBatch::activities_not_held`](crate::IndexedBatch::activities_not_held)).
    /// It must be true of the kind of every activity whose participations
    /// are read ([`Reads::participations_in`]).
    fn activities_of(&self, kind: crate::ActivityKind) -> bool {
        let _ = kind;
        true
    }

    /// Whether the reader looks at the activities of `kind` whose subtype
    /// is `subtype` (the code [`ActivityDetail::subtype`](crate::ActivityDetail::subtype)
    /// gives; for `other`, the office's own text): of a kind it looks at,
    /// it may still never look at some subtypes (of meetings, say, only
    /// plenary sessions), and a scoring read may know those by id only
    /// too. Never true where [`Reads::activities_of`] is false (the
    /// default answers that); it must be true of every activity whose
    /// participations are read.
    fn activities_of_subtype(&self, kind: crate::ActivityKind, subtype: &str) -> bool {
        let _ = subtype;
        self.activities_of(kind)
    }

    /// What the reader finds in `activity`, as one word, nonzero exactly
    /// when it reads the activity's participations. A ledger holding only
    /// those ([`Ledger::hold_participations_read_by`](crate::Ledger::hold_participations_read_by))
    /// keeps every activity's word under the reader's [`Reads::tag`], for
    /// the reader to find again ([`Ledger::marks`](crate::Ledger::marks))
    /// instead of looking at every activity a second time.
    fn mark(&self, activity: &crate::Activity) -> u64 {
        u64::from(self.participations_in(activity))
    }

    /// Names what [`Reads::mark`] gives: readers of one tag mark every
    /// activity alike. `None` (the default): the marks are not kept.
    fn tag(&self) -> Option<u64> {
        None
    }
}

impl Reads for Fields {
    fn fields(&self) -> Fields {
        *self
    }
}

impl Reads for ParticipationFields {
    fn fields(&self) -> Fields {
        Fields::from(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_fields_are_a_set() {
        let some: ActivityFields = [ActivityField::Hours, ActivityField::LinkedTo].into_iter().collect();
        assert!(some.has(ActivityField::Hours) && some.has(ActivityField::LinkedTo));
        assert!(!some.has(ActivityField::InKind));
        assert_eq!(some.iter().collect::<Vec<_>>(), [ActivityField::LinkedTo, ActivityField::Hours]);
        assert!(ActivityFields::ALL.contains(some) && !some.contains(ActivityFields::ALL));
        assert!(some.contains(ActivityFields::NONE) && !ActivityFields::NONE.contains(some));
        assert_eq!(ActivityFields::ALL.iter().count(), ActivityField::ALL.len());
        assert_eq!(format!("{some:?}"), "{LinkedTo, Hours}");
    }

    #[test]
    fn fields_are_named_as_their_columns() {
        for f in ActivityField::ALL {
            assert_eq!(ActivityField::named(f.name()), Some(f));
        }
        assert_eq!(ActivityField::named("status"), None, "always held");
    }

    #[test]
    fn fields_contain_both_parts() {
        let lean = Fields { participations: ParticipationFields::NONE, activities: ActivityFields::ALL };
        assert!(Fields::ALL.contains(lean) && !lean.contains(Fields::ALL));
        assert!(lean.contains(Fields::NONE));
        assert_eq!(Fields::from(ParticipationFields::NONE), lean);
    }
}
