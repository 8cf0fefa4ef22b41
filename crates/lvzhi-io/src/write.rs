//! Writing tables as CSV (plain, or for Excel) and JSON.

use std::io::Write;

use lvzhi_core::{
    Activity, ActivityDetail, Batch, HandlingUnit, Level, Member, ParticipationRecord, Table, Vocabulary,
};

use crate::columns::{ActivityCol, Column, MemberCol, ParticipationCol};
use crate::error::WriteError;
use crate::value::needs_quote_prefix;

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvFlavour {
    /// UTF-8 (no BOM), English headers, English codes (`excused`, `county`),
    /// `true`/`false`, LF line ends. For programs and version control.
    #[default]
    Standard,
    /// GB18030, Chinese headers, Chinese labels (`请假`, `县级`), `是`/`否`,
    /// CRLF line ends: what an office opens directly in Excel.
    Excel,
}

/// The format of a folder written by [`crate::write_dir`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `*.csv` in the [`CsvFlavour::Standard`] flavour.
    Csv,
    /// `*.csv` in the [`CsvFlavour::Excel`] flavour.
    ExcelCsv,
    /// `*.json`.
    Json,
}

impl Format {
    /// The tables' file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv | Format::ExcelCsv => "csv",
            Format::Json => "json",
        }
    }
}

impl CsvFlavour {
    /// The standard spelling or the Excel one.
    fn pick(self, standard: &'static str, excel: &'static str) -> &'static str {
        match self {
            CsvFlavour::Standard => standard,
            CsvFlavour::Excel => excel,
        }
    }

    pub(crate) fn header<C: Column>(self, c: C) -> &'static str {
        self.pick(c.name(), c.label())
    }

    fn word<V: Vocabulary>(self, v: V) -> &'static str {
        self.pick(v.code(), v.label())
    }

    fn words<V: Vocabulary>(self, vs: impl IntoIterator<Item = V>) -> String {
        vs.into_iter().map(|v| self.word(v)).collect::<Vec<_>>().join(";")
    }

    fn flag(self, b: bool) -> &'static str {
        if b {
            self.pick("true", "是")
        } else {
            self.pick("false", "否")
        }
    }

    /// A donation's subtype.
    fn donation(self, in_kind: bool) -> &'static str {
        if in_kind {
            self.pick("in_kind", "捐物")
        } else {
            self.pick("money", "捐款")
        }
    }
}

/// The cells of one CSV line, by column.
pub(crate) struct Line<C> {
    pub(crate) cells: Vec<String>,
    _columns: std::marker::PhantomData<C>,
}

impl<C: Column> Line<C> {
    fn new() -> Self {
        Line { cells: vec![String::new(); C::ALL.len()], _columns: Default::default() }
    }

    fn set(&mut self, c: C, value: impl ToString) {
        self.cells[c.index()] = value.to_string();
    }

    fn opt(&mut self, c: C, value: Option<impl ToString>) {
        if let Some(v) = value {
            self.set(c, v);
        }
    }
}

/// One CSV cell: neutralised for Excel, then quoted when needed.
fn csv_cell(value: &str, out: &mut String) {
    let prefixed;
    let value = if needs_quote_prefix(value) {
        prefixed = format!("'{value}");
        &prefixed
    } else {
        value
    };
    let needs_quotes = value.contains([',', '"', '\n', '\r'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Writes CSV lines in the flavour's encoding.
pub(crate) struct CsvOut<W: Write> {
    out: W,
    flavour: CsvFlavour,
    file: &'static str,
    buffer: String,
}

impl<W: Write> CsvOut<W> {
    /// Lines to `out`; `file` names it in errors.
    pub(crate) fn new(out: W, flavour: CsvFlavour, file: &'static str) -> Self {
        CsvOut { out, flavour, file, buffer: String::new() }
    }

    /// Flushes the output.
    pub(crate) fn finish(&mut self) -> Result<(), WriteError> {
        self.out.flush().map_err(|source| WriteError::Io { file: self.file.to_string(), source })
    }

    pub(crate) fn line<'s>(&mut self, cells: impl IntoIterator<Item = &'s str>) -> Result<(), WriteError> {
        self.buffer.clear();
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.buffer.push(',');
            }
            csv_cell(cell, &mut self.buffer);
        }
        let result = match self.flavour {
            CsvFlavour::Standard => {
                self.buffer.push('\n');
                self.out.write_all(self.buffer.as_bytes())
            }
            CsvFlavour::Excel => {
                self.buffer.push_str("\r\n");
                let (bytes, _, _) = encoding_rs::GB18030.encode(&self.buffer);
                self.out.write_all(&bytes)
            }
        };
        result.map_err(|source| WriteError::Io { file: self.file.to_string(), source })
    }

    fn table<C: Column, T>(
        &mut self,
        records: &[T],
        line: impl Fn(&T, CsvFlavour) -> Result<Line<C>, WriteError>,
    ) -> Result<(), WriteError> {
        let flavour = self.flavour;
        self.line(C::ALL.iter().map(|c| flavour.header(*c)))?;
        for r in records {
            let l = line(r, flavour)?;
            self.line(l.cells.iter().map(String::as_str))?;
        }
        self.finish()
    }
}

pub(crate) fn member_line(m: &Member, f: CsvFlavour) -> Result<Line<MemberCol>, WriteError> {
    use MemberCol as M;
    let mut l = Line::new();
    l.set(M::MemberId, &m.id);
    l.set(M::Name, &m.name);
    l.opt(M::Gender, m.gender.map(|g| f.word(g)));
    l.opt(M::Ethnicity, m.ethnicity.as_ref());
    l.opt(M::BirthDate, m.birth_date);
    l.opt(M::Party, m.party.as_ref());
    l.set(M::Sector, &m.sector);
    l.opt(M::Committee, m.committee.as_ref());
    l.set(M::Roles, f.words(m.roles.iter()));
    l.opt(M::JoinedOn, m.joined_on);
    l.opt(M::LeftOn, m.left_on);
    l.opt(M::Employer, m.employer.as_ref());
    l.opt(M::Title, m.title.as_ref());
    l.opt(M::LiaisonGroup, m.liaison_group.as_ref());
    l.opt(M::Phone, m.personal.phone.as_ref());
    l.opt(M::IdNumber, m.personal.id_number.as_ref());
    Ok(l)
}

/// Characters that separate handling units when read back.
const UNIT_SEPARATORS: [char; 3] = [';', '；', '、'];

fn handling_units(a: &Activity, units: &[HandlingUnit], f: CsvFlavour) -> Result<String, WriteError> {
    let mut parts = Vec::with_capacity(units.len());
    for u in units {
        let reason = if u.name.trim().is_empty() {
            Some("a handling unit needs a name")
        } else if u.name.contains(UNIT_SEPARATORS) {
            Some("a handling unit's name cannot contain ; ； or 、 (they separate units)")
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(WriteError::Unrepresentable {
                table: "activities",
                id: a.id.to_string(),
                column: ActivityCol::HandlingUnits.name(),
                value: u.name.clone(),
                reason,
            });
        }
        parts.push(format!("{}({})", u.name, f.word(u.role)));
    }
    Ok(parts.join(";"))
}

fn levels(f: CsvFlavour, levels: &[Level]) -> String {
    f.words(levels.iter().copied())
}

pub(crate) fn activity_line(a: &Activity, f: CsvFlavour) -> Result<Line<ActivityCol>, WriteError> {
    use ActivityCol as A;
    let mut l = Line::new();
    l.set(A::ActivityId, &a.id);
    l.set(A::Kind, f.word(a.kind()));
    l.set(A::Title, &a.title);
    l.set(A::Date, a.date);
    l.opt(A::EndDate, a.end_date);
    l.set(A::Level, f.word(a.level));
    l.set(A::Functions, f.words(a.functions.iter()));
    l.opt(A::Organizer, a.organizer.as_ref());
    l.opt(A::LinkedTo, a.linked_to.as_ref());
    match &a.detail {
        ActivityDetail::Proposal(p) => {
            l.set(A::Subtype, f.word(p.form));
            l.set(A::Status, f.word(p.status));
            l.opt(A::Number, p.number.as_ref());
            l.opt(A::CollectiveBody, p.collective_body.as_ref());
            l.opt(A::Session, p.session.map(|s| f.word(s)));
            l.set(A::HandlingUnits, handling_units(a, &p.handling_units, f)?);
            l.opt(A::ReplyCategory, p.reply_category.map(|r| f.word(r)));
            l.opt(A::Satisfaction, p.satisfaction.map(|s| f.word(s)));
            l.set(A::Designation, f.words(p.designations.iter()));
            l.opt(A::ForwardedTo, p.forwarded_to.map(|level| f.word(level)));
        }
        ActivityDetail::OpinionReport(r) => {
            l.set(A::AdoptedBy, levels(f, &r.adopted_by));
            l.opt(A::AdoptionMode, r.adoption_mode.map(|m| f.word(m)));
            l.set(A::InstructedBy, levels(f, &r.instructed_by));
            l.set(A::Commissioned, f.flag(r.commissioned));
            l.opt(A::Feedback, r.feedback.as_ref());
        }
        ActivityDetail::Meeting(m) => {
            l.set(A::Subtype, f.word(m.kind));
            l.opt(A::HalfDays, m.half_days);
        }
        ActivityDetail::Training(t) => {
            l.set(A::Subtype, f.word(t.kind));
            l.opt(A::Hours, t.hours);
            l.set(A::OffSite, f.flag(t.off_site));
        }
        ActivityDetail::Research(r) => {
            l.set(A::Subtype, f.word(r.kind));
            l.set(A::ReportProduced, f.flag(r.report_produced));
        }
        ActivityDetail::Liaison(x) => {
            l.set(A::Subtype, f.word(x.kind));
            l.opt(A::Hours, x.hours);
        }
        ActivityDetail::Volunteering(v) => l.opt(A::Hours, v.hours),
        ActivityDetail::Donation(d) => {
            l.set(A::Subtype, f.donation(d.in_kind));
            l.set(A::Amount, d.amount);
            l.set(A::InKind, f.flag(d.in_kind));
        }
        ActivityDetail::Other { subtype } => l.set(A::Subtype, subtype),
        ActivityDetail::Award | ActivityDetail::Violation | ActivityDetail::DutyReport => {}
    }
    Ok(l)
}

pub(crate) fn participation_line(
    p: &ParticipationRecord,
    f: CsvFlavour,
) -> Result<Line<ParticipationCol>, WriteError> {
    use ParticipationCol as P;
    let mut l = Line::new();
    l.set(P::ActivityId, &p.activity_id);
    l.set(P::MemberId, &p.member_id);
    l.set(P::Role, f.word(p.role));
    l.opt(P::Attendance, p.attendance.map(|a| f.word(a)));
    l.opt(P::Speech, p.speech.map(|s| f.word(s)));
    l.opt(P::HalfDays, p.half_days);
    l.set(P::Late, f.flag(p.late));
    l.set(P::LeftEarly, f.flag(p.left_early));
    l.opt(P::Throughout, p.throughout.map(|t| f.flag(t)));
    Ok(l)
}

/// Writes one table of `batch` as CSV.
///
/// Every cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
/// is prefixed with `'` so that Excel never runs it as a formula (readers of
/// this crate remove the prefix again).
pub fn write_csv(
    table: Table,
    batch: &Batch,
    flavour: CsvFlavour,
    out: impl Write,
) -> Result<(), WriteError> {
    let file = match table {
        Table::Members => "members.csv",
        Table::Activities => "activities.csv",
        Table::Participations => "participations.csv",
    };
    let mut csv = CsvOut::new(out, flavour, file);
    match table {
        Table::Members => csv.table(&batch.members, member_line),
        Table::Activities => csv.table(&batch.activities, activity_line),
        Table::Participations => csv.table(&batch.participations, participation_line),
    }
}

/// Writes one table of `batch` as a JSON array (pretty-printed), exactly as
/// core's serde writes the records. Participations are not nested in activities.
pub fn write_json(table: Table, batch: &Batch, mut out: impl Write) -> Result<(), WriteError> {
    let file = format!("{}.json", table.name());
    let result = match table {
        Table::Members => serde_json::to_writer_pretty(&mut out, &batch.members),
        Table::Activities => serde_json::to_writer_pretty(&mut out, &batch.activities),
        Table::Participations => serde_json::to_writer_pretty(&mut out, &batch.participations),
    };
    result
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|source| WriteError::Io { file, source })
}
