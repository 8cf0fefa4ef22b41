//! Building members, activities and participations from a row of cells,
//! whether the row came from CSV or JSON. Every bad cell is recorded; a row
//! with any yields no record.

use lvzhi_core::{
    Activity, ActivityDetail, ActivityId, ActivityKind, Donation, Function, Level, Liaison, Meeting, Member,
    MemberId, OpinionReport, ParticipationRecord, PersonalData, Proposal, Research, Role, Training,
    UnknownValue, Volunteering,
};

use crate::columns::{ActivityCol, Column, MemberCol, ParticipationCol, KIND_COLUMNS};
use crate::error::{ImportError, Location, Needer, Problem};
use crate::value::{self, Cell};

/// A cell and the header it was found under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'a> {
    /// The header (CSV) or key (JSON) as written.
    pub header: &'a str,
    /// The value.
    pub cell: Cell<'a>,
}

/// The cells of one row, by column, and the problems found in them.
pub(crate) struct Row<'a, C: Column> {
    pub at: Location,
    cells: Vec<Option<Field<'a>>>,
    pub errors: Vec<ImportError>,
    ok: bool,
    _columns: std::marker::PhantomData<C>,
}

impl<'a, C: Column> Row<'a, C> {
    pub(crate) fn new(at: Location) -> Self {
        Row {
            at,
            cells: vec![None; C::ALL.len()],
            errors: Vec::new(),
            ok: true,
            _columns: Default::default(),
        }
    }

    /// Puts a cell in its column; a second cell for the same column is an error.
    pub(crate) fn set(&mut self, column: C, header: &'a str, cell: Cell<'a>) {
        let slot = &mut self.cells[column.index()];
        if let Some(first) = slot {
            self.errors.push(ImportError::DuplicateColumn {
                at: self.at.clone(),
                first: first.header.to_string(),
                second: header.to_string(),
                column: column.name(),
            });
            self.ok = false;
        } else {
            *slot = Some(Field { header, cell });
        }
    }

    /// The cell of `column`, unless it is empty.
    fn field(&self, column: C) -> Option<Field<'a>> {
        self.cells[column.index()].filter(|f| !f.cell.is_empty())
    }

    /// Records a problem with `column`.
    pub(crate) fn fail(&mut self, column: C, problem: Problem) {
        let header = self.cells[column.index()].map_or(column.name(), |f| f.header.trim());
        self.errors.push(ImportError::Cell {
            at: self.at.clone(),
            header: header.to_string(),
            column: column.name(),
            problem: Box::new(problem),
        });
        self.ok = false;
    }

    /// The parsed value of `column`, `None` when empty or bad (and recorded).
    pub(crate) fn opt<T>(&mut self, column: C, parse: impl Fn(&Cell) -> Result<T, Problem>) -> Option<T> {
        let field = self.field(column)?;
        parse(&field.cell).map_err(|p| self.fail(column, p)).ok()
    }

    /// Like [`Row::opt`], and an empty cell is a problem too.
    pub(crate) fn req<T>(
        &mut self,
        column: C,
        parse: impl Fn(&Cell) -> Result<T, Problem>,
        needer: Needer,
    ) -> Option<T> {
        if self.field(column).is_none() {
            self.fail(column, Problem::Required(needer));
            return None;
        }
        self.opt(column, parse)
    }

    /// Whether no problem was found.
    pub(crate) fn is_ok(&self) -> bool {
        self.ok
    }
}

/// A member from a `members` row.
pub(crate) fn member(row: &mut Row<MemberCol>) -> Option<Member> {
    use MemberCol as M;
    let every = Needer::Every("member");
    let id = row.req(M::MemberId, value::id, every);
    let name = row.req(M::Name, value::text, every);
    let gender = row.opt(M::Gender, value::vocab);
    let ethnicity = row.opt(M::Ethnicity, value::text);
    let birth_date = row.opt(M::BirthDate, value::date);
    let party = row.opt(M::Party, value::text);
    let sector = row.req(M::Sector, value::text, every);
    let committee = row.opt(M::Committee, value::text);
    let roles = row.opt(M::Roles, value::vocab_list::<Role>).unwrap_or_default();
    let joined_on = row.opt(M::JoinedOn, value::date);
    let left_on = row.opt(M::LeftOn, value::date);
    let employer = row.opt(M::Employer, value::text);
    let title = row.opt(M::Title, value::text);
    let liaison_group = row.opt(M::LiaisonGroup, value::text);
    let phone = row.opt(M::Phone, value::text);
    let id_number = row.opt(M::IdNumber, value::text);
    let member = Member {
        id: MemberId::from(id?),
        name: name?.into(),
        gender,
        ethnicity,
        birth_date,
        party: party.map(Into::into),
        sector: sector?.into(),
        committee: committee.map(Into::into),
        roles: roles.into_iter().collect(),
        joined_on,
        left_on,
        employer,
        title,
        liaison_group: liaison_group.map(Into::into),
        personal: PersonalData { phone, id_number },
    };
    row.is_ok().then_some(member)
}

/// An activity from an `activities` row.
pub(crate) fn activity(row: &mut Row<ActivityCol>) -> Option<Activity> {
    use ActivityCol as A;
    let every = Needer::Every("activity");
    let id = row.req(A::ActivityId, value::id, every);
    let kind = row.req(A::Kind, value::vocab::<ActivityKind>, every);
    let title = row.req(A::Title, value::text, every);
    let date = row.req(A::Date, value::date, every);
    let end_date = row.opt(A::EndDate, value::date);
    let level = row.req(A::Level, value::vocab, every);
    let functions = row.opt(A::Functions, value::vocab_list::<Function>).unwrap_or_default();
    let organizer = row.opt(A::Organizer, value::text);
    let linked_to = row.opt(A::LinkedTo, value::id);
    let detail = kind.and_then(|k| detail(row, k));
    let activity = Activity {
        id: ActivityId::from(id?),
        title: title?,
        date: date?,
        end_date,
        level: level?,
        functions: functions.into_iter().collect(),
        organizer,
        linked_to: linked_to.map(ActivityId::from),
        detail: detail?,
    };
    row.is_ok().then_some(activity)
}

/// Whether `column` (one of [`KIND_COLUMNS`]) belongs to activities of `kind`.
pub(crate) fn applies(kind: ActivityKind, column: ActivityCol) -> bool {
    use ActivityCol as A;
    use ActivityKind as K;
    match kind {
        K::Proposal => matches!(
            column,
            A::Subtype
                | A::Status
                | A::Number
                | A::CollectiveBody
                | A::Session
                | A::HandlingUnits
                | A::ReplyCategory
                | A::Satisfaction
                | A::Designation
                | A::ForwardedTo
        ),
        K::OpinionReport => {
            matches!(column, A::AdoptedBy | A::AdoptionMode | A::InstructedBy | A::Commissioned | A::Feedback)
        }
        K::Meeting => matches!(column, A::Subtype | A::HalfDays),
        K::Training => matches!(column, A::Subtype | A::Hours | A::OffSite),
        K::Research => matches!(column, A::Subtype | A::ReportProduced),
        K::Liaison => matches!(column, A::Subtype | A::Hours),
        K::Volunteering => matches!(column, A::Hours),
        K::Donation => matches!(column, A::Subtype | A::Amount | A::InKind),
        K::Other => matches!(column, A::Subtype),
        K::Award | K::Violation | K::DutyReport => false,
    }
}

/// The `subtype` of a donation: money or goods.
pub(crate) fn donation_in_kind(cell: &Cell) -> Result<bool, Problem> {
    let text = value::text(cell)?;
    match crate::columns::header_key(&text).as_str() {
        "money" | "捐款" | "现金" | "资金" => Ok(false),
        "inkind" | "捐物" | "实物" => Ok(true),
        _ => Err(Problem::Unknown(UnknownValue {
            vocabulary: "donation form",
            value: text,
            expected: "money (捐款), in_kind (捐物)".into(),
        })),
    }
}

/// Levels, lowest first, as the model keeps them.
fn levels(cell: &Cell) -> Result<Vec<Level>, Problem> {
    let mut levels = value::vocab_list::<Level>(cell)?;
    levels.sort();
    Ok(levels)
}

/// The kind-specific part of an activity; columns that do not apply must be empty.
pub(crate) fn detail(row: &mut Row<ActivityCol>, kind: ActivityKind) -> Option<ActivityDetail> {
    use ActivityCol as A;
    use ActivityKind as K;
    for &column in KIND_COLUMNS {
        if !applies(kind, column) {
            if let Some(f) = row.field(column) {
                let value = f.cell.shown();
                row.fail(column, Problem::DoesNotApply { value, column: column.name(), kind });
            }
        }
    }
    let need = Needer::Kind(kind);
    let read_hours = |row: &mut Row<ActivityCol>| row.opt(A::Hours, value::decimal);
    let flag = |row: &mut Row<ActivityCol>, c| row.opt(c, value::boolean).unwrap_or(false);
    Some(match kind {
        K::Proposal => {
            let form = row.req(A::Subtype, value::vocab, need);
            let status = row.req(A::Status, value::vocab, need);
            let number = row.opt(A::Number, value::text);
            let collective_body = row.opt(A::CollectiveBody, value::text);
            let session = row.opt(A::Session, value::vocab);
            let handling_units = row.opt(A::HandlingUnits, value::handling_units).unwrap_or_default();
            let reply_category = row.opt(A::ReplyCategory, value::vocab);
            let satisfaction = row.opt(A::Satisfaction, value::vocab);
            let designations = row.opt(A::Designation, value::vocab_list).unwrap_or_default();
            let forwarded_to = row.opt(A::ForwardedTo, value::vocab);
            ActivityDetail::Proposal(Proposal {
                number,
                form: form?,
                collective_body,
                status: status?,
                session,
                handling_units,
                reply_category,
                satisfaction,
                designations: designations.into_iter().collect(),
                forwarded_to,
            })
        }
        K::OpinionReport => ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: row.opt(A::AdoptedBy, levels).unwrap_or_default(),
            adoption_mode: row.opt(A::AdoptionMode, value::vocab),
            instructed_by: row.opt(A::InstructedBy, levels).unwrap_or_default(),
            commissioned: flag(row, A::Commissioned),
            feedback: row.opt(A::Feedback, value::text),
        }),
        K::Meeting => {
            let kind = row.req(A::Subtype, value::vocab, need);
            let half_days = row.opt(A::HalfDays, value::count);
            ActivityDetail::Meeting(Meeting { kind: kind?, half_days })
        }
        K::Training => {
            let kind = row.req(A::Subtype, value::vocab, need);
            let hours = read_hours(row);
            let off_site = flag(row, A::OffSite);
            ActivityDetail::Training(Training { kind: kind?, hours, off_site })
        }
        K::Research => {
            let kind = row.req(A::Subtype, value::vocab, need);
            let report_produced = flag(row, A::ReportProduced);
            ActivityDetail::Research(Research { kind: kind?, report_produced })
        }
        K::Liaison => {
            let kind = row.req(A::Subtype, value::vocab, need);
            ActivityDetail::Liaison(Liaison { kind: kind?, hours: read_hours(row) })
        }
        K::Volunteering => ActivityDetail::Volunteering(Volunteering { hours: read_hours(row) }),
        K::Donation => {
            let form = row.opt(A::Subtype, donation_in_kind);
            let amount = row.req(A::Amount, value::decimal, need);
            let in_kind = row.opt(A::InKind, value::boolean);
            if let (Some(form), Some(flag)) = (form, in_kind) {
                if form != flag {
                    let value = row.field(A::InKind).map(|f| f.cell.shown()).unwrap_or_default();
                    let other = format!("subtype `{}`", if form { "in_kind" } else { "money" });
                    row.fail(A::InKind, Problem::Conflict { value, other });
                }
            }
            ActivityDetail::Donation(Donation { amount: amount?, in_kind: in_kind.or(form).unwrap_or(false) })
        }
        K::Award => ActivityDetail::Award,
        K::Violation => ActivityDetail::Violation,
        K::DutyReport => ActivityDetail::DutyReport,
        K::Other => ActivityDetail::Other { subtype: row.req(A::Subtype, value::text, need)? },
    })
}

/// A participation from a `participations` row, or from a participant
/// nested in a JSON activity whose id is `parent`.
pub(crate) fn participation(
    row: &mut Row<ParticipationCol>,
    parent: Option<&ActivityId>,
) -> Option<ParticipationRecord> {
    use ParticipationCol as P;
    let every = Needer::Every("participation");
    let activity_id = match parent {
        None => row.req(P::ActivityId, value::id, every).map(ActivityId::from),
        Some(parent) => {
            if let Some(given) = row.opt(P::ActivityId, value::id) {
                if given != parent.0 {
                    let other = format!("the enclosing activity's id `{parent}`");
                    row.fail(P::ActivityId, Problem::Conflict { value: given, other });
                }
            }
            Some(parent.clone())
        }
    };
    let member_id = row.req(P::MemberId, value::id, every);
    let role = row.req(P::Role, value::vocab, every);
    let attendance = row.opt(P::Attendance, value::vocab);
    let speech = row.opt(P::Speech, value::vocab);
    let half_days = row.opt(P::HalfDays, value::count);
    let late = row.opt(P::Late, value::boolean);
    let left_early = row.opt(P::LeftEarly, value::boolean);
    let throughout = row.opt(P::Throughout, value::boolean);
    let record = ParticipationRecord {
        activity_id: activity_id?,
        member_id: MemberId::from(member_id?),
        role: role?,
        attendance,
        speech,
        half_days,
        late: late.unwrap_or(false),
        left_early: left_early.unwrap_or(false),
        throughout,
    };
    row.is_ok().then_some(record)
}
