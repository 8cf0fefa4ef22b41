//! A compiled `match` table: conditions on the activity, the participation
//! and the member, held as bit masks over the core's enums so that testing a
//! participation touches no string and allocates nothing.

use std::borrow::Cow;

use lvzhi_core::vocab::normalize;
use lvzhi_core::{
    Activity, ActivityDetail, ActivityKind, Attendance, Level, Member, ParticipantRole, Participation, Speech,
};
use rust_decimal::Decimal;

/// Whether `mask` (0 = anything) holds bit `ix`.
#[inline]
pub(crate) fn has(mask: u32, ix: u32) -> bool {
    mask == 0 || (mask >> ix) & 1 == 1
}

/// Conditions that only proposals can meet.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProposalConditions {
    pub statuses: u32,
    pub filed: Option<bool>,
    pub designations: u32,
    pub forwarded: Option<bool>,
    pub forwarded_to: u32,
    pub forwarded_to_at_least: Option<Level>,
    pub sessions: u32,
    pub replies: u32,
    pub satisfaction: u32,
}

/// Conditions that only public-opinion reports can meet.
#[derive(Debug, Clone, Default)]
pub(crate) struct ReportConditions {
    pub adopted: Option<bool>,
    pub adopted_by: u32,
    pub adopted_by_at_least: Option<Level>,
    pub modes: u32,
    pub instructed: Option<bool>,
    pub instructed_by: u32,
    pub instructed_by_at_least: Option<Level>,
    pub commissioned: Option<bool>,
}

/// A compiled `match`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    pub kinds: u32,
    /// Subtype codes (or, for `other`, the normalised office subtype).
    pub subtypes: Vec<Box<str>>,
    pub levels: u32,
    pub level_at_least: Option<Level>,
    pub functions: u32,
    pub proposal: Option<ProposalConditions>,
    pub report: Option<ReportConditions>,
    pub report_produced: Option<bool>,
    pub off_site: Option<bool>,

    pub roles: u32,
    pub attendance: u32,
    pub attended: Option<bool>,
    pub speeches: u32,
    pub spoke: Option<bool>,
    pub throughout: Option<bool>,
    pub late: Option<bool>,
    pub left_early: Option<bool>,
    pub fraction_at_least: Option<Decimal>,
    pub fraction_below: Option<Decimal>,

    pub member_roles: u32,
    pub standing: Option<bool>,
}

fn levels_ok(levels: &[Level], any_of: u32, at_least: Option<Level>) -> bool {
    (any_of == 0 || levels.iter().any(|l| has(any_of, *l as u32)))
        && at_least.is_none_or(|min| levels.iter().any(|l| *l >= min))
}

fn flag_ok(want: Option<bool>, value: bool) -> bool {
    want.is_none_or(|w| w == value)
}

impl Matcher {
    /// The conditions on the activity alone. `subtype` is the activity's
    /// subtype code, normalised for `other` activities.
    pub fn activity_ok(&self, a: &Activity, subtype: Option<&str>) -> bool {
        if !has(self.kinds, a.kind() as u32) {
            return false;
        }
        if !self.subtypes.is_empty() && !subtype.is_some_and(|s| self.subtypes.iter().any(|x| &**x == s)) {
            return false;
        }
        if !has(self.levels, a.level as u32) || self.level_at_least.is_some_and(|min| a.level < min) {
            return false;
        }
        if self.functions != 0 && !a.functions.iter().any(|f| has(self.functions, f as u32)) {
            return false;
        }
        if let Some(c) = &self.proposal {
            let ActivityDetail::Proposal(p) = &a.detail else { return false };
            let forwarded: &[Level] = match &p.forwarded_to {
                Some(l) => std::slice::from_ref(l),
                None => &[],
            };
            let ok = has(c.statuses, p.status as u32)
                && flag_ok(c.filed, p.status.is_filed())
                && (c.designations == 0 || p.designations.iter().any(|d| has(c.designations, d as u32)))
                && flag_ok(c.forwarded, p.forwarded_to.is_some())
                && ((c.forwarded_to == 0 && c.forwarded_to_at_least.is_none())
                    || levels_ok(forwarded, c.forwarded_to, c.forwarded_to_at_least)
                        && !forwarded.is_empty())
                && (c.sessions == 0 || p.session.is_some_and(|s| has(c.sessions, s as u32)))
                && (c.replies == 0 || p.reply_category.is_some_and(|r| has(c.replies, r as u32)))
                && (c.satisfaction == 0 || p.satisfaction.is_some_and(|s| has(c.satisfaction, s as u32)));
            if !ok {
                return false;
            }
        }
        if let Some(c) = &self.report {
            let ActivityDetail::OpinionReport(r) = &a.detail else { return false };
            let adoption_set = c.adopted_by != 0 || c.adopted_by_at_least.is_some();
            let instruction_set = c.instructed_by != 0 || c.instructed_by_at_least.is_some();
            let ok = flag_ok(c.adopted, !r.adopted_by.is_empty())
                && (!adoption_set
                    || !r.adopted_by.is_empty()
                        && levels_ok(&r.adopted_by, c.adopted_by, c.adopted_by_at_least))
                && (c.modes == 0 || r.adoption_mode.is_some_and(|m| has(c.modes, m as u32)))
                && flag_ok(c.instructed, !r.instructed_by.is_empty())
                && (!instruction_set
                    || !r.instructed_by.is_empty()
                        && levels_ok(&r.instructed_by, c.instructed_by, c.instructed_by_at_least))
                && flag_ok(c.commissioned, r.commissioned);
            if !ok {
                return false;
            }
        }
        if let Some(want) = self.report_produced {
            let ActivityDetail::Research(r) = &a.detail else { return false };
            if r.report_produced != want {
                return false;
            }
        }
        if let Some(want) = self.off_site {
            let ActivityDetail::Training(t) = &a.detail else { return false };
            if t.off_site != want {
                return false;
            }
        }
        true
    }

    /// Whether the kind and subtypes are the only conditions on the
    /// activity, so that every activity of a kind it names and of a
    /// subtype it names (any, if none) meets the others: those of
    /// [`Matcher::activity_ok`] after the subtypes, each at its "anything"
    /// value. (A condition added there must be added here.)
    pub fn only_kind_and_subtypes(&self) -> bool {
        self.levels == 0
            && self.level_at_least.is_none()
            && self.functions == 0
            && self.proposal.is_none()
            && self.report.is_none()
            && self.report_produced.is_none()
            && self.off_site.is_none()
    }

    /// The conditions on the member alone.
    pub fn member_ok(&self, m: &Member) -> bool {
        (self.member_roles == 0 || m.roles.iter().any(|r| has(self.member_roles, r as u32)))
            && flag_ok(self.standing, m.roles.is_standing())
    }

    /// Whether the participation conditions are only on its part: the
    /// role, attendance and speech (as most are: `attended` is on by
    /// default), so that [`Matcher::part_ok`] decides them.
    pub fn decided_by_part(&self) -> bool {
        self.throughout.is_none()
            && self.late.is_none()
            && self.left_early.is_none()
            && self.fraction_at_least.is_none()
            && self.fraction_below.is_none()
    }

    /// The conditions on a participant's part: role, attendance and speech.
    /// A part meets them or not whatever else the participation says, so
    /// the engine tabulates them once per rule set (`Context::accepts`).
    #[inline]
    pub fn part_ok(
        &self,
        role: ParticipantRole,
        attendance: Option<Attendance>,
        speech: Option<Speech>,
    ) -> bool {
        has(self.roles, role as u32)
            && flag_ok(self.attended, attended(attendance))
            && (self.attendance == 0 || attendance.is_some_and(|x| has(self.attendance, x as u32)))
            && (self.speeches == 0 || speech.is_some_and(|s| has(self.speeches, s as u32)))
            && flag_ok(self.spoke, speech.is_some())
    }

    /// The conditions on the participation (the activity and member having
    /// passed theirs).
    #[inline]
    pub fn participation_ok(&self, p: &Participation, a: &Activity) -> bool {
        if !self.part_ok(p.role, p.attendance, p.speech) {
            return false;
        }
        if self.throughout.is_some_and(|w| p.throughout != Some(w))
            || !flag_ok(self.late, p.late)
            || !flag_ok(self.left_early, p.left_early)
        {
            return false;
        }
        if self.fraction_at_least.is_some() || self.fraction_below.is_some() {
            let (num, den) = attended_fraction(p, a, attended(p.attendance));
            let (num, den) = (Decimal::from(num), Decimal::from(den));
            if self.fraction_at_least.is_some_and(|x| num < x.saturating_mul(den))
                || self.fraction_below.is_some_and(|x| num >= x.saturating_mul(den))
            {
                return false;
            }
        }
        true
    }
}

/// Whether the member attended: present, or attendance not recorded.
fn attended(attendance: Option<Attendance>) -> bool {
    matches!(attendance, None | Some(Attendance::Present))
}

/// Half-days attended over the meeting's half-days, as a fraction. Without
/// both numbers recorded, attending counts as all of it and absence as none.
fn attended_fraction(p: &Participation, a: &Activity, attended: bool) -> (u32, u32) {
    match (&a.detail, p.half_days) {
        (ActivityDetail::Meeting(m), Some(h)) if m.half_days.is_some_and(|d| d > 0) => {
            (u32::from(h), u32::from(m.half_days.unwrap_or(1)))
        }
        _ => (u32::from(attended), 1),
    }
}

/// The matchers activities of one kind can meet, by what testing them
/// takes; computed once per rule set (`RuleSet::by_kind`, indexed by
/// `ActivityKind as usize`), so that an evaluation's pass over activities
/// tests each only against the matchers its kind needs tested. Matcher
/// bits: matcher `j` at bit `j % 64` of word `j / 64`.
#[derive(Debug, Clone, Default)]
pub(crate) struct KindMatchers {
    /// The matchers whose only activity condition is the kind: every
    /// activity of the kind meets them.
    pub always: Vec<u64>,
    /// Whether any matcher of the kind has further conditions.
    pub tests: bool,
    /// Whether a matcher of the kind names no subtype: it may accept
    /// activities of every subtype.
    pub every_subtype: bool,
    /// The matchers with further conditions, none on the subtype.
    pub unnamed: Vec<u64>,
    /// Each subtype matchers with further conditions name, with those
    /// matchers: one that names subtypes can only accept an activity of
    /// one of them, found here once per activity rather than per matcher.
    pub named: Vec<(Box<str>, Vec<u64>)>,
    /// Of the matchers with further conditions, those with none but the
    /// subtypes ([`Matcher::only_kind_and_subtypes`]): accepting every
    /// activity of a subtype they name, they need no further test.
    pub sure: Vec<u64>,
}

impl KindMatchers {
    /// Whether no matcher names the kind: its activities have no bits.
    pub fn none(&self) -> bool {
        !self.tests && self.always.iter().all(|&w| w == 0)
    }

    /// Whether some matcher may accept an activity of this kind (`kind`)
    /// whose subtype is `subtype` (as `ActivityDetail::subtype` gives it):
    /// one that names no subtype, or one that names this one.
    pub fn may_accept(&self, kind: ActivityKind, subtype: &str) -> bool {
        let named = |s: &str| self.named.iter().any(|(x, _)| **x == *s);
        // An office's own subtype of `other` is named normalised.
        self.every_subtype || named(subtype) || kind == ActivityKind::Other && named(&normalize(subtype))
    }

    /// What `Matcher::activity_ok` takes as the subtype of `a` (an
    /// activity of this kind), when a matcher of the kind names subtypes.
    pub fn subtype<'a>(&self, a: &'a Activity) -> Option<Cow<'a, str>> {
        match &a.detail {
            _ if self.named.is_empty() => None,
            ActivityDetail::Other { subtype } => Some(Cow::Owned(normalize(subtype))),
            d => d.subtype().map(Cow::Borrowed),
        }
    }

    /// Word `w` of the matcher bits of `a` (an activity of this kind,
    /// `subtype` from [`KindMatchers::subtype`]): the matchers whose
    /// activity conditions it meets, as `Matcher::activity_ok` says.
    #[inline]
    pub fn word(&self, matchers: &[Matcher], a: &Activity, subtype: Option<&str>, w: usize) -> u64 {
        let mut bits = self.always[w];
        if !self.tests {
            return bits;
        }
        let named = subtype.and_then(|s| self.named.iter().find(|(x, _)| **x == *s)).map_or(0, |(_, b)| b[w]);
        let candidates = self.unnamed[w] | named;
        bits |= candidates & self.sure[w];
        let mut rest = candidates & !self.sure[w];
        while rest != 0 {
            let j = w * 64 + rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if matchers[j].activity_ok(a, subtype) {
                bits |= 1 << (j % 64);
            }
        }
        bits
    }

    /// Per activity kind (`kinds` of them), the matchers of that kind.
    pub fn of(matchers: &[Matcher], kinds: usize) -> Vec<KindMatchers> {
        let words = matchers.len().div_ceil(64).max(1);
        let empty = KindMatchers {
            always: vec![0; words],
            unnamed: vec![0; words],
            sure: vec![0; words],
            ..Self::default()
        };
        let mut by_kind = vec![empty; kinds];
        for (j, m) in matchers.iter().enumerate() {
            let (word, bit) = (j / 64, 1u64 << (j % 64));
            for (k, list) in by_kind.iter_mut().enumerate() {
                if !has(m.kinds, k as u32) {
                    continue;
                }
                let further = !m.only_kind_and_subtypes();
                list.every_subtype |= m.subtypes.is_empty();
                if m.subtypes.is_empty() && !further {
                    list.always[word] |= bit;
                    continue;
                }
                list.tests = true;
                if !further {
                    list.sure[word] |= bit;
                }
                if m.subtypes.is_empty() {
                    list.unnamed[word] |= bit;
                }
                for s in &m.subtypes {
                    match list.named.iter_mut().find(|(x, _)| x == s) {
                        Some((_, bits)) => bits[word] |= bit,
                        None => {
                            let mut bits = vec![0; words];
                            bits[word] |= bit;
                            list.named.push((s.clone(), bits));
                        }
                    }
                }
            }
        }
        by_kind
    }
}
