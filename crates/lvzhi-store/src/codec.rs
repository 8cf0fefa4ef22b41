//! Records to rows and back, and the text forms of times and codes.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use lvzhi_core::{
    Activity, ActivityDetail, Committee, Function, Functions, Member, ParticipationRecord, PersonalData,
    Role, Roles, Term,
};
use rusqlite::types::Type;
use rusqlite::{params, Row, Statement};
use serde::de::DeserializeOwned;

/// A time as stored: UTC with microseconds and a fixed width, so that text
/// order is time order.
pub(crate) fn fmt_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// `t` cut to the microsecond, the precision stored.
pub(crate) fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap_or(t)
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

/// Reads column `idx` as text and parses it.
pub(crate) fn parsed<T>(row: &Row, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| conversion(idx, e))
}

/// Reads column `idx` as optional text and parses it.
pub(crate) fn parsed_opt<T>(row: &Row, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: Option<String> = row.get(idx)?;
    text.map(|t| t.parse().map_err(|e| conversion(idx, e))).transpose()
}

/// Reads column `idx` as JSON.
pub(crate) fn json<T: DeserializeOwned>(row: &Row, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| conversion(idx, e))
}

/// Reads column `idx`, comma-separated codes, as a list.
fn codes<T>(row: &Row, idx: usize) -> rusqlite::Result<Vec<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(idx)?;
    text.split(',').filter(|s| !s.is_empty()).map(|s| s.parse().map_err(|e| conversion(idx, e))).collect()
}

fn join<T: std::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn date(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn to_json<T: serde::Serialize>(v: &T) -> rusqlite::Result<String> {
    serde_json::to_string(v).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// A record kept in a table of its own, one row per record.
pub(crate) trait TableRecord: crate::record::Record {
    /// The table, as named in `changes.tbl`.
    const TABLE: &'static str;
    /// Inserts the record, or updates the row with its key.
    const UPSERT: &'static str;
    /// Binds the record to [`Self::UPSERT`] and runs it.
    fn upsert(&self, stmt: &mut Statement) -> rusqlite::Result<()>;
    /// `changes.record_id` and `changes.sub_id`.
    fn key(&self) -> (&str, &str);
}

// ---- committee -------------------------------------------------------------

pub(crate) const SELECT_COMMITTEE: &str = "SELECT name, level, term_number, term_start, term_end, sectors, \
     special_committees, liaison_groups FROM committee WHERE id = 1";

pub(crate) fn read_committee(row: &Row) -> rusqlite::Result<Committee> {
    Ok(Committee {
        name: row.get(0)?,
        level: parsed(row, 1)?,
        term: Term { number: row.get(2)?, start: parsed(row, 3)?, end: parsed(row, 4)? },
        sectors: json(row, 5)?,
        special_committees: json(row, 6)?,
        liaison_groups: json(row, 7)?,
    })
}

pub(crate) fn upsert_committee(conn: &rusqlite::Connection, c: &Committee) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO committee (id, name, level, term_number, term_start, term_end, sectors, \
         special_committees, liaison_groups) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, \
         term_number = excluded.term_number, term_start = excluded.term_start, term_end = excluded.term_end, \
         sectors = excluded.sectors, special_committees = excluded.special_committees, \
         liaison_groups = excluded.liaison_groups",
        params![
            c.name,
            c.level.code(),
            c.term.number,
            c.term.start.to_string(),
            c.term.end.to_string(),
            to_json(&c.sectors)?,
            to_json(&c.special_committees)?,
            to_json(&c.liaison_groups)?,
        ],
    )?;
    Ok(())
}

// ---- members ---------------------------------------------------------------

pub(crate) const SELECT_MEMBERS: &str =
    "SELECT seq, id, name, gender, ethnicity, birth_date, party, sector, \
     committee, roles, joined_on, left_on, employer, title, liaison_group, phone, id_number \
     FROM members ORDER BY seq";

pub(crate) fn read_member(row: &Row) -> rusqlite::Result<(i64, Member)> {
    let roles: Vec<Role> = codes(row, 9)?;
    let member = Member {
        id: lvzhi_core::MemberId::from(row.get::<_, String>(1)?),
        name: row.get::<_, String>(2)?.into(),
        gender: parsed_opt(row, 3)?,
        ethnicity: row.get(4)?,
        birth_date: parsed_opt(row, 5)?,
        party: row.get::<_, Option<String>>(6)?.map(Into::into),
        sector: row.get::<_, String>(7)?.into(),
        committee: row.get::<_, Option<String>>(8)?.map(Into::into),
        roles: roles.into_iter().collect::<Roles>(),
        joined_on: parsed_opt(row, 10)?,
        left_on: parsed_opt(row, 11)?,
        employer: row.get(12)?,
        title: row.get(13)?,
        liaison_group: row.get::<_, Option<String>>(14)?.map(Into::into),
        personal: PersonalData { phone: row.get(15)?, id_number: row.get(16)? },
    };
    Ok((row.get(0)?, member))
}

const UPSERT_MEMBER: &str = "INSERT INTO members (id, name, gender, ethnicity, birth_date, party, \
     sector, committee, roles, joined_on, left_on, employer, title, liaison_group, phone, id_number) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) \
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, gender = excluded.gender, \
     ethnicity = excluded.ethnicity, birth_date = excluded.birth_date, party = excluded.party, \
     sector = excluded.sector, committee = excluded.committee, roles = excluded.roles, \
     joined_on = excluded.joined_on, left_on = excluded.left_on, employer = excluded.employer, \
     title = excluded.title, liaison_group = excluded.liaison_group, phone = excluded.phone, \
     id_number = excluded.id_number";

impl TableRecord for Member {
    const TABLE: &'static str = crate::history::MEMBERS;
    const UPSERT: &'static str = UPSERT_MEMBER;
    fn key(&self) -> (&str, &str) {
        (&self.id.0, "")
    }
    fn upsert(&self, stmt: &mut Statement) -> rusqlite::Result<()> {
        let m = self;
        stmt.execute(params![
            m.id.as_str(),
            m.name.as_str(),
            m.gender.map(|g| g.code()),
            m.ethnicity,
            date(m.birth_date),
            m.party.as_deref(),
            m.sector.as_str(),
            m.committee.as_deref(),
            join(m.roles.iter()),
            date(m.joined_on),
            date(m.left_on),
            m.employer,
            m.title,
            m.liaison_group.as_deref(),
            m.personal.phone,
            m.personal.id_number,
        ])?;
        Ok(())
    }
}

// ---- activities ------------------------------------------------------------

pub(crate) const SELECT_ACTIVITIES: &str = "SELECT seq, id, title, date, end_date, level, functions, \
     organizer, linked_to, detail, kind FROM activities ORDER BY seq";

pub(crate) fn read_activity(row: &Row) -> rusqlite::Result<(i64, Activity)> {
    let functions: Vec<Function> = codes(row, 6)?;
    let linked: Option<String> = row.get(8)?;
    let activity = Activity {
        id: lvzhi_core::ActivityId::from(row.get::<_, String>(1)?),
        title: row.get(2)?,
        date: parsed(row, 3)?,
        end_date: parsed_opt(row, 4)?,
        level: parsed(row, 5)?,
        functions: functions.into_iter().collect::<Functions>(),
        organizer: row.get(7)?,
        linked_to: linked.map(lvzhi_core::ActivityId::from),
        detail: {
            let kind = parsed(row, 10)?;
            let detail: serde_json::Value = json(row, 9)?;
            crate::record::detail_from_json(kind, &detail).map_err(|e| conversion(9, e))?
        },
    };
    Ok((row.get(0)?, activity))
}

const UPSERT_ACTIVITY: &str = "INSERT INTO activities (id, kind, subtype, title, date, end_date, \
     level, functions, organizer, linked_to, status, detail) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, subtype = excluded.subtype, \
     title = excluded.title, date = excluded.date, end_date = excluded.end_date, level = excluded.level, \
     functions = excluded.functions, organizer = excluded.organizer, linked_to = excluded.linked_to, \
     status = excluded.status, detail = excluded.detail";

impl TableRecord for Activity {
    const TABLE: &'static str = crate::history::ACTIVITIES;
    const UPSERT: &'static str = UPSERT_ACTIVITY;
    fn key(&self) -> (&str, &str) {
        (&self.id.0, "")
    }
    fn upsert(&self, stmt: &mut Statement) -> rusqlite::Result<()> {
        let a = self;
        let status = match &a.detail {
            ActivityDetail::Proposal(p) => Some(p.status.code()),
            _ => None,
        };
        stmt.execute(params![
            a.id.as_str(),
            a.kind().code(),
            a.detail.subtype(),
            a.title,
            a.date.to_string(),
            date(a.end_date),
            a.level.code(),
            join(a.functions.iter()),
            a.organizer,
            a.linked_to.as_ref().map(|l| l.0.as_str()),
            status,
            crate::record::detail_to_json(&a.detail)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?
                .to_string(),
        ])?;
        Ok(())
    }
}

// ---- participations --------------------------------------------------------

pub(crate) const SELECT_PARTICIPATIONS: &str = "SELECT seq, activity_id, member_id, role, attendance, \
     speech, half_days, late, left_early, throughout FROM participations ORDER BY seq";

pub(crate) fn read_participation(row: &Row) -> rusqlite::Result<(i64, ParticipationRecord)> {
    let record = ParticipationRecord {
        activity_id: lvzhi_core::ActivityId::from(row.get::<_, String>(1)?),
        member_id: lvzhi_core::MemberId::from(row.get::<_, String>(2)?),
        role: parsed(row, 3)?,
        attendance: parsed_opt(row, 4)?,
        speech: parsed_opt(row, 5)?,
        half_days: row.get(6)?,
        late: row.get(7)?,
        left_early: row.get(8)?,
        throughout: row.get(9)?,
    };
    Ok((row.get(0)?, record))
}

const UPSERT_PARTICIPATION: &str = "INSERT INTO participations (activity_id, member_id, role, \
     attendance, speech, half_days, late, left_early, throughout) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
     ON CONFLICT (activity_id, member_id) DO UPDATE SET role = excluded.role, \
     attendance = excluded.attendance, speech = excluded.speech, half_days = excluded.half_days, \
     late = excluded.late, left_early = excluded.left_early, throughout = excluded.throughout";

impl TableRecord for ParticipationRecord {
    const TABLE: &'static str = crate::history::PARTICIPATIONS;
    const UPSERT: &'static str = UPSERT_PARTICIPATION;
    fn key(&self) -> (&str, &str) {
        (&self.activity_id.0, &self.member_id.0)
    }
    fn upsert(&self, stmt: &mut Statement) -> rusqlite::Result<()> {
        let p = self;
        stmt.execute(params![
            p.activity_id.as_str(),
            p.member_id.as_str(),
            p.role.code(),
            p.attendance.map(|a| a.code()),
            p.speech.map(|s| s.code()),
            p.half_days,
            p.late,
            p.left_early,
            p.throughout,
        ])?;
        Ok(())
    }
}
