//! Committees, members, activities and participations as Python objects.
//! Vocabulary values are their English codes (`"county"`, `"excused"`);
//! dates are `datetime.date`, hours and amounts `decimal.Decimal`.

use std::path::PathBuf;

use chrono::NaiveDate;
use lvzhi::report::text::escape_xml;
use lvzhi::{Activity, ActivityDetail, Committee, Ledger, Member, Participation, Term};
use pyo3::exceptions::PyAttributeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

use crate::convert::{code, codes, parse};
use crate::errors::import_error;

/// The committee a ledger belongs to.
#[pyclass(frozen, module = "lvzhi", name = "Committee")]
pub struct PyCommittee {
    pub(crate) inner: Committee,
}

impl PyCommittee {
    /// Reads a `committee.json`.
    pub(crate) fn from_json_path(path: PathBuf) -> PyResult<Self> {
        let file = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|source| {
            import_error(lvzhi::io::ImportError::Io { file: file.as_str().into(), source }.into())
        })?;
        lvzhi::io::read_committee(&file, &bytes).map(|inner| PyCommittee { inner }).map_err(import_error)
    }
}

#[pymethods]
impl PyCommittee {
    /// A committee. `level` is a code or a Chinese label (`"county"`, `"县级"` …);
    /// `sectors` defaults to the 34 sectors of the national committee.
    #[new]
    #[pyo3(signature = (name, level, term_number, term_start, term_end, sectors=None, special_committees=None, liaison_groups=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        name: String,
        level: &str,
        term_number: u16,
        term_start: NaiveDate,
        term_end: NaiveDate,
        sectors: Option<Vec<String>>,
        special_committees: Option<Vec<String>>,
        liaison_groups: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let term = Term { number: term_number, start: term_start, end: term_end };
        let mut inner = Committee::new(name, parse(level)?, term);
        if let Some(sectors) = sectors {
            inner.sectors = sectors;
        }
        inner.special_committees = special_committees.unwrap_or_default();
        inner.liaison_groups = liaison_groups.unwrap_or_default();
        Ok(PyCommittee { inner })
    }

    /// Reads a `committee.json`.
    #[staticmethod]
    fn from_json(path: PathBuf) -> PyResult<Self> {
        PyCommittee::from_json_path(path)
    }

    /// Full name, e.g. 政协澜溪县委员会.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// `county`, `city`, `provincial` or `national`.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.code()
    }
    /// The term's ordinal (届).
    #[getter]
    fn term_number(&self) -> u16 {
        self.inner.term.number
    }
    /// First day of the term.
    #[getter]
    fn term_start(&self) -> NaiveDate {
        self.inner.term.start
    }
    /// Last day of the term.
    #[getter]
    fn term_end(&self) -> NaiveDate {
        self.inner.term.end
    }
    /// The sectors (界别).
    #[getter]
    fn sectors(&self) -> Vec<String> {
        self.inner.sectors.clone()
    }
    /// The special committees (专委会).
    #[getter]
    fn special_committees(&self) -> Vec<String> {
        self.inner.special_committees.clone()
    }
    /// The liaison groups (联络组).
    #[getter]
    fn liaison_groups(&self) -> Vec<String> {
        self.inner.liaison_groups.clone()
    }

    fn __repr__(&self) -> String {
        let c = &self.inner;
        format!(
            "Committee({:?}, level={:?}, term={} ({}..{}), {} sectors)",
            c.name,
            c.level.code(),
            c.term.number,
            c.term.start,
            c.term.end,
            c.sectors.len()
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCommittee>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// An HTML table of label/value rows, values escaped.
pub(crate) fn html_rows(caption: &str, rows: &[(&str, String)]) -> String {
    let mut out = format!("<table><caption>{}</caption>", escape_xml(caption));
    for (label, value) in rows {
        out.push_str(&format!(
            "<tr><th style=\"text-align:left\">{label}</th><td>{}</td></tr>",
            escape_xml(value)
        ));
    }
    out.push_str("</table>");
    out
}

fn or_empty<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A member (委员). Phone and ID number are not exposed here (the members
/// table carries them for offices that keep them).
#[pyclass(frozen, module = "lvzhi", name = "Member")]
pub struct PyMember {
    pub(crate) inner: Member,
}

#[pymethods]
impl PyMember {
    /// 委员编号
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id.0
    }
    /// 姓名
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }
    /// `male` or `female`.
    #[getter]
    fn gender(&self) -> Option<&'static str> {
        code(self.inner.gender)
    }
    /// 民族
    #[getter]
    fn ethnicity(&self) -> Option<&str> {
        self.inner.ethnicity.as_deref()
    }
    /// 出生日期
    #[getter]
    fn birth_date(&self) -> Option<NaiveDate> {
        self.inner.birth_date
    }
    /// 党派
    #[getter]
    fn party(&self) -> Option<&str> {
        self.inner.party.as_deref()
    }
    /// 界别
    #[getter]
    fn sector(&self) -> &str {
        &self.inner.sector
    }
    /// 专委会
    #[getter]
    fn committee(&self) -> Option<&str> {
        self.inner.committee.as_deref()
    }
    /// Roles held in the committee, highest first (`standing_member`, `member` …).
    #[getter]
    fn roles(&self) -> Vec<&'static str> {
        codes(self.inner.roles.iter())
    }
    /// Whether the member sits on the standing committee.
    #[getter]
    fn is_standing(&self) -> bool {
        self.inner.roles.is_standing()
    }
    /// 增补日期: joined mid-term, or `None`.
    #[getter]
    fn joined_on(&self) -> Option<NaiveDate> {
        self.inner.joined_on
    }
    /// 退出日期: left mid-term, or `None`.
    #[getter]
    fn left_on(&self) -> Option<NaiveDate> {
        self.inner.left_on
    }
    /// 工作单位
    #[getter]
    fn employer(&self) -> Option<&str> {
        self.inner.employer.as_deref()
    }
    /// 单位职务
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }
    /// 联络组
    #[getter]
    fn liaison_group(&self) -> Option<&str> {
        self.inner.liaison_group.as_deref()
    }

    /// Whether the member held office on `date`.
    fn in_office_on(&self, date: NaiveDate) -> bool {
        self.inner.in_office_on(date)
    }

    fn __repr__(&self) -> String {
        let m = &self.inner;
        format!("Member({:?}, {:?}, sector={:?}, roles={:?})", m.id.0, m.name, m.sector, self.roles())
    }

    fn _repr_html_(&self) -> String {
        let m = &self.inner;
        let labels = |roles: lvzhi::Roles| roles.iter().map(|r| r.label()).collect::<Vec<_>>().join("、");
        html_rows(
            &format!("委员 {} {}", m.id, m.name),
            &[
                ("委员编号", m.id.to_string()),
                ("姓名", m.name.to_string()),
                ("性别", m.gender.map(|g| g.label().to_string()).unwrap_or_default()),
                ("民族", or_empty(&m.ethnicity)),
                ("出生日期", or_empty(&m.birth_date)),
                ("党派", or_empty(&m.party)),
                ("界别", m.sector.to_string()),
                ("专委会", or_empty(&m.committee)),
                ("职务", labels(m.roles)),
                ("增补日期", or_empty(&m.joined_on)),
                ("退出日期", or_empty(&m.left_on)),
                ("工作单位", or_empty(&m.employer)),
                ("单位职务", or_empty(&m.title)),
                ("联络组", or_empty(&m.liaison_group)),
            ],
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyMember>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A duty activity. Fields common to every kind are properties; the
/// fields of its kind (a proposal's `status`, a donation's `amount` …) are
/// in `details` and read as attributes too (`activity.status`).
#[pyclass(frozen, module = "lvzhi", name = "Activity")]
pub struct PyActivity {
    pub(crate) inner: Activity,
}

/// The kind-specific fields of an activity, by their column names.
fn details<'py>(py: Python<'py>, detail: &ActivityDetail) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let hours = |d: &Bound<'py, PyDict>, h: Option<Decimal>| d.set_item("hours", h);
    match detail {
        ActivityDetail::Proposal(p) => {
            d.set_item("number", p.number.as_deref())?;
            d.set_item("collective_body", p.collective_body.as_deref())?;
            d.set_item("status", p.status.code())?;
            d.set_item("session", code(p.session))?;
            let units: Vec<(&str, &str)> =
                p.handling_units.iter().map(|u| (u.name.as_str(), u.role.code())).collect();
            d.set_item("handling_units", units)?;
            d.set_item("reply_category", code(p.reply_category))?;
            d.set_item("satisfaction", code(p.satisfaction))?;
            d.set_item("designations", codes(p.designations.iter()))?;
            d.set_item("forwarded_to", code(p.forwarded_to))?;
        }
        ActivityDetail::OpinionReport(r) => {
            d.set_item("adopted_by", codes(r.adopted_by.iter().copied()))?;
            d.set_item("adoption_mode", code(r.adoption_mode))?;
            d.set_item("instructed_by", codes(r.instructed_by.iter().copied()))?;
            d.set_item("commissioned", r.commissioned)?;
            d.set_item("feedback", r.feedback.as_deref())?;
        }
        ActivityDetail::Meeting(m) => d.set_item("half_days", m.half_days)?,
        ActivityDetail::Training(t) => {
            hours(&d, t.hours)?;
            d.set_item("off_site", t.off_site)?;
        }
        ActivityDetail::Research(r) => d.set_item("report_produced", r.report_produced)?,
        ActivityDetail::Liaison(l) => hours(&d, l.hours)?,
        ActivityDetail::Volunteering(v) => hours(&d, v.hours)?,
        ActivityDetail::Donation(x) => {
            d.set_item("amount", x.amount)?;
            d.set_item("in_kind", x.in_kind)?;
        }
        ActivityDetail::Award
        | ActivityDetail::Violation
        | ActivityDetail::DutyReport
        | ActivityDetail::Other { .. } => {}
    }
    Ok(d)
}

#[pymethods]
impl PyActivity {
    /// 活动编号
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id.0
    }
    /// `proposal`, `meeting`, `training` …
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().code()
    }
    /// The subtype: a proposal's form, a meeting's or training's kind, `money`/`in_kind` …
    #[getter]
    fn subtype(&self) -> Option<&str> {
        self.inner.detail.subtype()
    }
    /// 标题 / 案由
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }
    /// 日期
    #[getter]
    fn date(&self) -> NaiveDate {
        self.inner.date
    }
    /// 结束日期
    #[getter]
    fn end_date(&self) -> Option<NaiveDate> {
        self.inner.end_date
    }
    /// The level of the body that held or acted on it.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.code()
    }
    /// The committee functions it serves.
    #[getter]
    fn functions(&self) -> Vec<&'static str> {
        codes(self.inner.functions.iter())
    }
    /// 组织单位
    #[getter]
    fn organizer(&self) -> Option<&str> {
        self.inner.organizer.as_deref()
    }
    /// 关联活动
    #[getter]
    fn linked_to(&self) -> Option<&str> {
        self.inner.linked_to.as_ref().map(|a| a.0.as_str())
    }

    /// The fields of this kind, by column name (hours and amounts as `Decimal`).
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        details(py, &self.inner.detail)
    }

    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        match details(py, &self.inner.detail)?.get_item(name)? {
            Some(value) => Ok(value.unbind()),
            None => Err(PyAttributeError::new_err(format!(
                "a {} activity has no field `{name}`",
                self.inner.kind().code()
            ))),
        }
    }

    fn __repr__(&self) -> String {
        let a = &self.inner;
        format!("Activity({:?}, kind={:?}, {:?}, {})", a.id.0, a.kind().code(), a.title, a.date)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyActivity>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A member's part in an activity.
#[pyclass(frozen, module = "lvzhi", name = "Participation", get_all)]
pub struct PyParticipation {
    /// The activity.
    activity_id: String,
    /// The member.
    member_id: String,
    /// `lead`, `cosigner`, `attendee` …
    role: &'static str,
    /// `present`, `excused`, `unexcused`, `not_required`, or `None`.
    attendance: Option<&'static str>,
    /// A speech given, or `None`.
    speech: Option<&'static str>,
    /// Half-days attended, where counted.
    half_days: Option<u8>,
    /// Arrived late.
    late: bool,
    /// Left early.
    left_early: bool,
    /// Attended throughout, where recorded.
    throughout: Option<bool>,
}

impl PyParticipation {
    pub(crate) fn new(ledger: &Ledger, p: &Participation) -> Self {
        PyParticipation {
            activity_id: ledger.activity(p.activity).id.to_string(),
            member_id: ledger.member(p.member).id.to_string(),
            role: p.role.code(),
            attendance: code(p.attendance),
            speech: code(p.speech),
            half_days: p.half_days,
            late: p.late,
            left_early: p.left_early,
            throughout: p.throughout,
        }
    }
}

#[pymethods]
impl PyParticipation {
    fn __repr__(&self) -> String {
        let attendance = self.attendance.map(|a| format!(", attendance={a:?}")).unwrap_or_default();
        format!(
            "Participation({:?}, {:?}, role={:?}{attendance})",
            self.activity_id, self.member_id, self.role
        )
    }
}
