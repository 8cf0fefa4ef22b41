//! Who took part in an activity, in which role, and how.

use serde::{Deserialize, Serialize};

use crate::activity::{ActivityId, ActivityKind};
use crate::member::MemberId;
use crate::vocab::vocab;

vocab! {
    /// A member's part in an activity.
    pub enum ParticipantRole as "participant role" {
        /// 领衔 / 牵头 / 主笔: the first proposer, the leader of a research
        /// group, a collective proposal's principal member.
        Lead = "lead", "领衔", "牵头", "主笔", "主笔人", "第一提案人";
        /// 联名 / 附议: a co-signer of a proposal, or a collective
        /// proposal's direct participant.
        Cosigner = "cosigner", "联名", "附议", "参与", "直接参与人";
        /// 作者: the (first) author of a public-opinion report.
        Author = "author", "作者", "报送人";
        /// 合作者: a co-author of a report.
        Coauthor = "coauthor", "合作者", "联合报送";
        /// 发言: a speaker at a meeting.
        Speaker = "speaker", "发言人", "发言";
        /// 出席 / 参加: attending a meeting or training.
        Attendee = "attendee", "参会", "参加", "出席人";
        /// 组织: organising the activity.
        Organizer = "organizer", "组织", "组织者";
        /// 参与: taking part in research, liaison, volunteering, a donation,
        /// or being the subject of an award or violation.
        Participant = "participant", "参加人", "参与人", "当事人";
    }
}

impl ParticipantRole {
    /// Whether this role makes sense for an activity of `kind`.
    pub fn fits(self, kind: ActivityKind) -> bool {
        use ActivityKind as K;
        use ParticipantRole as R;
        match kind {
            K::Proposal => matches!(self, R::Lead | R::Cosigner),
            K::OpinionReport => matches!(self, R::Author | R::Coauthor),
            K::Meeting => matches!(self, R::Attendee | R::Speaker | R::Organizer),
            K::Training => matches!(self, R::Attendee | R::Speaker | R::Organizer),
            K::Research => matches!(self, R::Lead | R::Participant | R::Organizer),
            K::Award | K::Violation | K::DutyReport | K::Donation => matches!(self, R::Participant),
            K::Liaison | K::Volunteering | K::Other => {
                matches!(self, R::Lead | R::Participant | R::Organizer | R::Speaker)
            }
        }
    }
}

vocab! {
    /// Whether a member attended. Excused and unexcused absence are kept
    /// apart: offices treat them very differently.
    pub enum Attendance as "attendance" {
        /// 出席
        Present = "present", "出席", "参加", "到会", "出勤";
        /// 请假 (approved leave)
        Excused = "excused", "请假", "请假获批", "因事请假";
        /// 无故缺席
        Unexcused = "unexcused", "无故缺席", "缺席", "旷会";
        /// 不需参加: not a member of that body
        NotRequired = "not_required", "无需参加", "不需参加", "不适用";
    }
}

vocab! {
    /// A speech a member gave at a meeting.
    pub enum Speech as "speech" {
        /// 大会口头发言
        PlenaryOral = "plenary_oral", "大会口头发言", "口头发言";
        /// 大会书面发言
        PlenaryWritten = "plenary_written", "大会书面发言", "书面发言";
        /// 会议发言 at any other meeting
        Other = "other", "会议发言", "发言";
    }
}

/// A participation as it arrives in a batch, naming member and activity by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationRecord {
    /// The activity.
    pub activity_id: ActivityId,
    /// The member.
    pub member_id: MemberId,
    /// Lead, co-signer, attendee …
    pub role: ParticipantRole,
    /// For meetings and training: present, excused …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// A speech given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
    /// Half-days attended, where the office counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_days: Option<u8>,
    /// Arrived late.
    #[serde(default)]
    pub late: bool,
    /// Left early.
    #[serde(default)]
    pub left_early: bool,
    /// Attended throughout (全程) or only partly; `None` when not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughout: Option<bool>,
}

impl ParticipationRecord {
    /// A record with only member, activity and role.
    pub fn new(activity_id: &str, member_id: &str, role: ParticipantRole) -> Self {
        ParticipationRecord {
            activity_id: activity_id.into(),
            member_id: member_id.into(),
            role,
            attendance: None,
            speech: None,
            half_days: None,
            late: false,
            left_early: false,
            throughout: None,
        }
    }

    /// Sets attendance (builder style).
    pub fn with_attendance(mut self, a: Attendance) -> Self {
        self.attendance = Some(a);
        self
    }
}

/// Compact index of a member inside a [`crate::Ledger`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MemberIx(pub u32);

/// Compact index of an activity inside a [`crate::Ledger`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActivityIx(pub u32);

/// A participation as the ledger holds it: 16 bytes, no strings, so a pass
/// over tens of millions of them stays in cache-friendly memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    /// The activity.
    pub activity: ActivityIx,
    /// The member.
    pub member: MemberIx,
    /// Lead, co-signer …
    pub role: ParticipantRole,
    /// Attendance, if recorded.
    pub attendance: Option<Attendance>,
    /// A speech, if given.
    pub speech: Option<Speech>,
    /// Half-days attended, if counted.
    pub half_days: Option<u8>,
    /// Arrived late.
    pub late: bool,
    /// Left early.
    pub left_early: bool,
    /// Attended throughout, if recorded.
    pub throughout: Option<bool>,
    /// Position among the activity's participants in input order (the
    /// first co-signer is 1 after the lead's 0): "at most n main members"
    /// rules credit the first n.
    pub position: u16,
}

impl Participation {
    /// A participation with only activity, member and role (position 0,
    /// set by the ledger).
    pub fn new(activity: ActivityIx, member: MemberIx, role: ParticipantRole) -> Self {
        Participation {
            activity,
            member,
            role,
            attendance: None,
            speech: None,
            half_days: None,
            late: false,
            left_early: false,
            throughout: None,
            position: 0,
        }
    }
}

impl ParticipationRecord {
    /// The compact form, naming the activity and member by index.
    pub fn indexed(&self, activity: ActivityIx, member: MemberIx) -> Participation {
        Participation {
            activity,
            member,
            role: self.role,
            attendance: self.attendance,
            speech: self.speech,
            half_days: self.half_days,
            late: self.late,
            left_early: self.left_early,
            throughout: self.throughout,
            position: 0,
        }
    }
}

impl Participation {
    /// The record form, naming the activity and member by id.
    pub fn record(&self, activity_id: ActivityId, member_id: MemberId) -> ParticipationRecord {
        ParticipationRecord {
            activity_id,
            member_id,
            role: self.role,
            attendance: self.attendance,
            speech: self.speech,
            half_days: self.half_days,
            late: self.late,
            left_early: self.left_early,
            throughout: self.throughout,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participation_stays_compact() {
        assert!(std::mem::size_of::<Participation>() <= 20, "{}", std::mem::size_of::<Participation>());
    }

    #[test]
    fn roles_fit_kinds() {
        assert!(ParticipantRole::Cosigner.fits(ActivityKind::Proposal));
        assert!(!ParticipantRole::Cosigner.fits(ActivityKind::Meeting));
        assert!(ParticipantRole::Author.fits(ActivityKind::OpinionReport));
        assert!(!ParticipantRole::Attendee.fits(ActivityKind::Proposal));
        assert_eq!("领衔".parse::<ParticipantRole>().unwrap(), ParticipantRole::Lead);
        assert_eq!("联名".parse::<ParticipantRole>().unwrap(), ParticipantRole::Cosigner);
    }
}
