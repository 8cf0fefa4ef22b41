//! Rule sets, evaluation and scorecards.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use lvzhi::io::arrow::arrow_array::RecordBatch;
use lvzhi::io::arrow::arrow_schema::ArrowError;
use lvzhi::io::arrow::evaluation;
use lvzhi::report::ScoreSection;
use lvzhi::rules::{self, Cohort, Evaluation, RuleSet, Scorecard};
use lvzhi::{Ledger, MemberId, Period};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

use crate::convert::{arrow_table, parse};
use crate::errors::{raise, raise_one, LvzhiError, Problem, RuleError};
use crate::ledger::PyLedger;
use crate::model::html_rows;

fn rule_error(e: rules::RuleError) -> PyErr {
    rule_errors(&[e], "")
}

/// Every mistake of a rule file; `file` (with its `: `) prefixes each message.
fn rule_errors(errors: &[rules::RuleError], file: &str) -> PyErr {
    let problems: Vec<Problem> =
        errors.iter().map(|e| Problem::at_line(format!("{file}{e}"), e.line(), e.column())).collect();
    let headline = match &problems[..] {
        [one] => one.message().to_string(),
        _ => format!("{file}{} problem(s) in the rule file:", problems.len()),
    };
    raise::<RuleError>(&headline, problems)
}

pub(crate) fn arrow_error(e: ArrowError) -> PyErr {
    raise_one::<LvzhiError>(format!("building an Arrow table: {e}"))
}

/// Rules given as a `RuleSet` or a preset id (`"jinan-2015"`).
pub(crate) fn rule_set_of(obj: &Bound<'_, PyAny>) -> PyResult<Arc<RuleSet>> {
    if let Ok(r) = obj.cast::<PyRuleSet>() {
        return Ok(r.get().inner.clone());
    }
    match obj.extract::<String>() {
        Ok(id) => RuleSet::preset(&id).map(Arc::new).map_err(rule_error),
        Err(_) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "rules: a RuleSet or a preset id such as \"jinan-2015\", not {}",
            obj.get_type().name()?
        ))),
    }
}

/// An evaluation method (履职考评办法): categories, items, requirements,
/// flags, grades. From a rule file, a string, or a preset.
#[pyclass(frozen, module = "lvzhi", name = "RuleSet")]
pub struct PyRuleSet {
    pub(crate) inner: Arc<RuleSet>,
}

impl PyRuleSet {
    /// Parses a rule file's text; every mistake is reported, each message
    /// prefixed with `file`.
    fn from_text(text: &str, file: &str) -> PyResult<Self> {
        match RuleSet::from_toml_str(text) {
            Ok(r) => Ok(PyRuleSet { inner: Arc::new(r) }),
            Err(first) => {
                let mut all = RuleSet::check_toml_str(text);
                if all.is_empty() {
                    all.push(first);
                }
                Err(rule_errors(&all, file))
            }
        }
    }
}

#[pymethods]
impl PyRuleSet {
    /// Reads a rule file (TOML, see docs/rules.md). Raises `RuleError`
    /// naming the line and column of every mistake.
    #[staticmethod]
    fn from_file(path: PathBuf) -> PyResult<Self> {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| raise_one::<RuleError>(format!("{}: cannot read: {e}", path.display())))?;
        PyRuleSet::from_text(&text, &format!("{}: ", path.display()))
    }

    /// Parses the text of a rule file.
    #[staticmethod]
    fn from_str(text: &str) -> PyResult<Self> {
        PyRuleSet::from_text(text, "")
    }

    /// A published method shipped with lvzhi, by id (see `lvzhi.presets()`).
    #[staticmethod]
    fn preset(name: &str) -> PyResult<Self> {
        RuleSet::preset(name).map(|r| PyRuleSet { inner: Arc::new(r) }).map_err(rule_error)
    }

    /// The text of a preset's rule file, to read or to copy and edit.
    #[staticmethod]
    fn preset_source(name: &str) -> PyResult<&'static str> {
        match rules::preset_source(name) {
            Some(text) => Ok(text),
            None => Err(RuleSet::preset(name)
                .err()
                .map_or_else(|| PyKeyError::new_err(name.to_string()), rule_error)),
        }
    }

    /// The method's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// The method's name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }
    /// The issuing body.
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.inner.method().issuer.as_deref()
    }
    /// The highest total, when capped.
    #[getter]
    fn max_total(&self) -> Option<Decimal> {
        self.inner.method().max_total
    }
    /// Categories: `id`, `name`, `max` (points, `Decimal`).
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let rows = self.inner.categories().iter().map(|c| (c.id.as_str(), c.name.as_str(), c.max));
        id_name_points(py, rows, "max")
    }
    /// Grades from the highest down: `id`, `name`, `min` (points).
    #[getter]
    fn grades<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let rows = self.inner.grades().iter().map(|g| (g.id.as_str(), g.name.as_str(), g.min));
        id_name_points(py, rows, "min")
    }
    /// The ids of the items (scoring rules).
    #[getter]
    fn items(&self) -> Vec<String> {
        self.inner.items().iter().map(|i| i.id.clone()).collect()
    }
    /// The cohorts members are ranked in (`committee`, `sector` …).
    #[getter]
    fn cohorts(&self) -> Vec<&'static str> {
        self.inner.method().cohorts.iter().map(|c| c.code()).collect()
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        let grades: Vec<&str> = r.grades().iter().map(|g| g.name.as_str()).collect();
        format!(
            "RuleSet({:?}, {:?}, {} categories, {} items, grades {})",
            r.id(),
            r.name(),
            r.categories().len(),
            r.items().len(),
            if grades.is_empty() { "none".to_string() } else { grades.join("/") }
        )
    }

    fn _repr_html_(&self) -> String {
        let r = &self.inner;
        let mut rows: Vec<(&str, String)> = vec![("办法", r.name().to_string())];
        if let Some(issuer) = &r.method().issuer {
            rows.push(("制定机关", issuer.clone()));
        }
        let categories = r.categories().iter().map(|c| match c.max {
            Some(max) => format!("{}（≤{max}）", c.name),
            None => c.name.clone(),
        });
        rows.push(("类别", categories.collect::<Vec<_>>().join("、")));
        rows.push(("评分项", r.items().len().to_string()));
        let grades = r.grades().iter().map(|g| match g.min {
            Some(min) => format!("{}（≥{min}）", g.name),
            None => g.name.clone(),
        });
        rows.push(("等次", grades.collect::<Vec<_>>().join("、")));
        html_rows(&format!("考评办法 {}", r.id()), &rows)
    }
}

/// `{"id", "name", points_key: Decimal or None}` for each row.
fn id_name_points<'py, 'r>(
    py: Python<'py>,
    rows: impl Iterator<Item = (&'r str, &'r str, Option<Decimal>)>,
    points_key: &str,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    rows.map(|(id, name, points)| {
        let d = PyDict::new(py);
        d.set_item("id", id)?;
        d.set_item("name", name)?;
        d.set_item(points_key, points)?;
        Ok(d)
    })
    .collect()
}

/// The presets shipped with lvzhi: `id`, `name`, `issuer` of each.
#[pyfunction]
pub fn presets(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    rules::presets()
        .into_iter()
        .map(|p| {
            let d = PyDict::new(py);
            d.set_item("id", p.id)?;
            d.set_item("name", p.name)?;
            d.set_item("issuer", p.issuer)?;
            Ok(d)
        })
        .collect()
}

/// The result of scoring a ledger under a rule set for a period.
#[pyclass(frozen, module = "lvzhi", name = "Evaluation")]
pub struct PyEvaluation {
    pub(crate) inner: Arc<Evaluation>,
    pub(crate) ledger: Arc<Ledger>,
}

/// Scores every member in office during `period` (a year, or a
/// `(start, end)` pair of dates) under `rules`. Runs in parallel, without the GIL.
#[pyfunction]
pub fn evaluate(
    py: Python<'_>,
    ledger: &PyLedger,
    rules: &PyRuleSet,
    period: &Bound<'_, PyAny>,
) -> PyResult<PyEvaluation> {
    let (start, end) = crate::convert::period(period)?;
    let (l, r) = (ledger.inner.clone(), rules.inner.clone());
    let inner = py.detach(|| rules::evaluate(&l, &r, Period::new(start, end)));
    Ok(PyEvaluation { inner: Arc::new(inner), ledger: l })
}

impl PyEvaluation {
    fn card_index(&self, member_id: &str) -> PyResult<usize> {
        let id = MemberId::from(member_id);
        self.inner.scorecards.binary_search_by(|s| s.member.cmp(&id)).map_err(|_| {
            PyKeyError::new_err(format!(
                "no scorecard for `{member_id}` (not a member in office during the period?)"
            ))
        })
    }

    fn table<'py>(
        &self,
        py: Python<'py>,
        build: impl FnOnce(&Ledger, &Evaluation) -> Result<RecordBatch, ArrowError> + Send,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (ledger, ev) = (&self.ledger, &self.inner);
        let batch = py.detach(|| build(ledger, ev)).map_err(arrow_error)?;
        arrow_table(py, batch)
    }

    /// The report score sections of every member, by member id.
    pub(crate) fn score_sections(&self) -> HashMap<MemberId, ScoreSection> {
        lvzhi::scores::score_sections(&self.ledger, &self.inner)
    }
}

#[pymethods]
impl PyEvaluation {
    /// The rule set's id.
    #[getter]
    fn rule_set(&self) -> &str {
        &self.inner.rule_set
    }
    /// The rule set's name.
    #[getter]
    fn rule_set_name(&self) -> &str {
        &self.inner.rule_set_name
    }
    /// The period, as `(start, end)` dates.
    #[getter]
    fn period(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        (self.inner.period.start, self.inner.period.end)
    }

    /// One row per member: total, grade, flags, category subtotals
    /// (`subtotal_<category>`), requirements met (`met_<requirement>`) and
    /// ranks (`rank_<cohort>`, `of_<cohort>`, `percentile_<cohort>`).
    fn scorecards<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, evaluation::scorecards)
    }

    /// One row per line item: which item gave which member how many points
    /// for which activity (`raw`, `awarded`, `adjustments`).
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.table(py, evaluation::lines)
    }

    /// Members ranked within their peer group of `cohort` (`committee`,
    /// `sector`, `party`, `special_committee`, `liaison_group`, or the
    /// Chinese 界别 …), ordered by peer group then rank.
    #[pyo3(signature = (cohort="committee"))]
    fn ranking<'py>(&self, py: Python<'py>, cohort: &str) -> PyResult<Bound<'py, PyAny>> {
        let cohort: Cohort = parse(cohort)?;
        let ranked = evaluation::cohorts(&self.inner);
        if !self.inner.scorecards.is_empty() && !ranked.contains(&cohort) {
            return Err(PyValueError::new_err(format!(
                "`{}` does not rank members by {cohort}; it ranks by: {}",
                self.inner.rule_set,
                ranked.iter().map(|c| c.code()).collect::<Vec<_>>().join(", ")
            )));
        }
        self.table(py, |l, e| evaluation::ranking(l, e, cohort))
    }

    /// The scorecard of one member (`KeyError` if the member was not scored).
    fn scorecard(&self, member_id: &str) -> PyResult<PyScorecard> {
        let index = self.card_index(member_id)?;
        Ok(PyScorecard { evaluation: self.inner.clone(), ledger: self.ledger.clone(), index })
    }

    /// Every point of a member's score, explained line by line.
    fn explain(&self, member_id: &str) -> PyResult<String> {
        self.card_index(member_id)?;
        Ok(self.inner.explain(&MemberId::from(member_id)).unwrap_or_default())
    }

    /// How many members hold each grade (by grade name; `None` for ungraded).
    fn grade_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (g, n) in self.inner.grades.iter().zip(&self.inner.grade_counts) {
            d.set_item(&g.name, n)?;
        }
        if self.inner.ungraded > 0 {
            d.set_item(py.None(), self.inner.ungraded)?;
        }
        Ok(d)
    }

    /// How many members were scored.
    fn __len__(&self) -> usize {
        self.inner.scorecards.len()
    }

    fn __repr__(&self) -> String {
        let e = &self.inner;
        format!("Evaluation({:?}, {}: {} scorecards)", e.rule_set, e.period, e.scorecards.len())
    }
}

/// One member's result: total, category subtotals, every line item, grade,
/// flags and ranks. Points are `decimal.Decimal`.
#[pyclass(frozen, module = "lvzhi", name = "Scorecard")]
pub struct PyScorecard {
    evaluation: Arc<Evaluation>,
    ledger: Arc<Ledger>,
    index: usize,
}

impl PyScorecard {
    fn card(&self) -> &Scorecard {
        &self.evaluation.scorecards[self.index]
    }

    fn member(&self) -> Option<&lvzhi::Member> {
        self.ledger.member_ix(&self.card().member).map(|m| self.ledger.member(m))
    }
}

#[pymethods]
impl PyScorecard {
    /// The member's id.
    #[getter]
    fn member_id(&self) -> &str {
        &self.card().member.0
    }
    /// The member's name.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.member().map(|m| m.name.as_str())
    }
    /// The total points.
    #[getter]
    fn total(&self) -> Decimal {
        self.card().total
    }
    /// The method's base points.
    #[getter]
    fn base(&self) -> Decimal {
        self.card().base
    }
    /// Subtotals by category id, in the rule set's order.
    #[getter]
    fn categories<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for c in &self.card().categories {
            d.set_item(&self.evaluation.categories[usize::from(c.category)].id, c.subtotal)?;
        }
        Ok(d)
    }
    /// Every line item: `item_id`, `item`, `category_id`, `activity_id`,
    /// `raw`, `awarded` and `adjustments` (a list of `(reason, change)`).
    #[getter]
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let ev = &self.evaluation;
        self.card()
            .lines
            .iter()
            .map(|l| {
                let item = ev.item_of(l);
                let d = PyDict::new(py);
                d.set_item("item_id", &item.id)?;
                d.set_item("item", &item.name)?;
                d.set_item("category_id", &ev.categories[usize::from(item.category)].id)?;
                d.set_item("activity_id", ev.activity_of(l).map(|a| a.0.as_str()))?;
                d.set_item("raw", l.raw)?;
                d.set_item("awarded", l.awarded)?;
                let adjustments: Vec<(String, Decimal)> = l
                    .adjustments
                    .iter()
                    .map(|a| (evaluation::why_code(&a.why).to_string(), a.change))
                    .collect();
                d.set_item("adjustments", adjustments)?;
                Ok(d)
            })
            .collect()
    }
    /// The grade's name (优秀, 合格 …), or `None`.
    #[getter]
    fn grade(&self) -> Option<&str> {
        self.evaluation.grade_of(self.card()).map(|g| g.name.as_str())
    }
    /// The grade's id, or `None`.
    #[getter]
    fn grade_id(&self) -> Option<&str> {
        self.evaluation.grade_of(self.card()).map(|g| g.id.as_str())
    }
    /// The ids of the flags raised.
    #[getter]
    fn flags(&self) -> Vec<&str> {
        self.evaluation.flag_ids(self.card())
    }
    /// Whether each requirement (by id) is met.
    #[getter]
    fn requirements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for r in &self.card().requirements {
            d.set_item(&self.evaluation.requirements[usize::from(r.requirement)].id, r.met)?;
        }
        Ok(d)
    }
    /// Ranks by cohort: `{"sector": {"peer_group": "教育界", "rank": 3, "of": 12, "tied": False, "percentile": Decimal}}`.
    #[getter]
    fn ranks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for r in &self.card().ranks {
            let rank = PyDict::new(py);
            rank.set_item("peer_group", &self.evaluation.cohort_values[r.value as usize])?;
            rank.set_item("rank", r.rank)?;
            rank.set_item("of", r.of)?;
            rank.set_item("tied", r.tied)?;
            rank.set_item("percentile", r.percentile)?;
            d.set_item(r.cohort.code(), rank)?;
        }
        Ok(d)
    }
    /// Days in office within the period.
    #[getter]
    fn days_in_office(&self) -> u32 {
        self.card().days_in_office
    }

    /// Every point explained, as text.
    fn explain(&self) -> String {
        self.evaluation.explain(&self.card().member).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "Scorecard({:?}, {:?}, total={}, grade={}, {} lines)",
            self.member_id(),
            self.name().unwrap_or(""),
            self.card().total,
            self.grade().map_or("None".to_string(), |g| format!("{g:?}")),
            self.card().lines.len()
        )
    }

    fn _repr_html_(&self) -> String {
        let ev = &self.evaluation;
        let card = self.card();
        let mut rows: Vec<(&str, String)> =
            vec![("总分", card.total.to_string()), ("等次", self.grade().unwrap_or("—").to_string())];
        let categories: Vec<(String, String)> = card
            .categories
            .iter()
            .map(|c| {
                let info = &ev.categories[usize::from(c.category)];
                let max = info.max.map(|m| format!(" / {m}")).unwrap_or_default();
                (info.name.clone(), format!("{}{max}", c.subtotal))
            })
            .collect();
        rows.extend(categories.iter().map(|(n, v)| (n.as_str(), v.clone())));
        let flags: Vec<&str> = card.flags.iter().map(|&f| ev.flags[usize::from(f)].name.as_str()).collect();
        if !flags.is_empty() {
            rows.push(("提示", flags.join("、")));
        }
        for r in &card.ranks {
            rows.push((
                r.cohort.label(),
                format!("{} / {}（{}）", r.rank, r.of, ev.cohort_values[r.value as usize]),
            ));
        }
        rows.push(("计分条目", card.lines.len().to_string()));
        html_rows(&format!("{} {} · {}", card.member, self.name().unwrap_or(""), ev.rule_set_name), &rows)
    }
}

/// Score sections for reports from `rules`: a `RuleSet` (evaluated over the
/// period) or an `Evaluation` already made.
pub(crate) fn score_sections(
    py: Python<'_>,
    ledger: &Arc<Ledger>,
    rules: &Bound<'_, PyAny>,
    period: Period,
) -> PyResult<HashMap<MemberId, ScoreSection>> {
    if let Ok(ev) = rules.cast::<PyEvaluation>() {
        return Ok(ev.get().score_sections());
    }
    let set = rules
        .cast::<PyRuleSet>()
        .map_err(|_| pyo3::exceptions::PyTypeError::new_err("rules: a RuleSet or an Evaluation"))?;
    let set = set.get().inner.clone();
    Ok(py.detach(|| {
        let ev = rules::evaluate(ledger, &set, period);
        lvzhi::scores::score_sections(ledger, &ev)
    }))
}
