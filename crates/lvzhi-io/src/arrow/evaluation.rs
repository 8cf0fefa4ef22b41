//! An evaluation's results as Arrow tables: one row per scorecard, per
//! line item, or per member and peer group of a ranking. Points are
//! `decimal128` (never floats), names come from the ledger and the rule
//! set, indexes are resolved to ids.
//!
//! ```
//! use lvzhi_io::arrow::evaluation::{lines, ranking, scorecards};
//! use lvzhi_rules::{evaluate, Cohort, Period, RuleSet};
//!
//! let ledger = lvzhi_io::load_ledger(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap();
//! let ev = evaluate(&ledger, &RuleSet::preset("tongcheng-2019").unwrap(), Period::year(2025));
//! let cards = scorecards(&ledger, &ev).unwrap();
//! assert_eq!(cards.num_rows(), ev.scorecards.len());
//! assert_eq!(cards.schema().field(3).name(), "total");
//! let all: usize = ev.scorecards.iter().map(|c| c.lines.len()).sum();
//! assert_eq!(lines(&ledger, &ev).unwrap().num_rows(), all);
//! assert_eq!(ranking(&ledger, &ev, Cohort::Sector).unwrap().num_rows(), ev.scorecards.len());
//! ```

use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Date32Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::{ArrowError, Field, Schema};
use lvzhi_core::{Ledger, Member, MemberId};
use lvzhi_rules::{Adjustment, Cohort, Evaluation, Scorecard, Why};
use rust_decimal::Decimal;

use super::{days, decimal_array};

/// Columns being built, in order.
#[derive(Default)]
struct Columns {
    fields: Vec<Field>,
    arrays: Vec<ArrayRef>,
}

impl Columns {
    fn push(&mut self, name: &str, array: ArrayRef) {
        self.fields.push(Field::new(name, array.data_type().clone(), true));
        self.arrays.push(array);
    }

    fn text<S: AsRef<str>>(&mut self, name: &str, values: impl IntoIterator<Item = Option<S>>) {
        self.push(name, Arc::new(StringArray::from_iter(values)));
    }

    fn decimal(
        &mut self,
        name: &str,
        values: impl IntoIterator<Item = Option<Decimal>>,
    ) -> Result<(), ArrowError> {
        let values: Vec<Option<Decimal>> = values.into_iter().collect();
        self.push(name, Arc::new(decimal_array(&values)?));
        Ok(())
    }

    fn count(&mut self, name: &str, values: impl IntoIterator<Item = Option<u32>>) {
        self.push(name, Arc::new(UInt32Array::from_iter(values)));
    }

    fn flag(&mut self, name: &str, values: impl IntoIterator<Item = Option<bool>>) {
        self.push(name, Arc::new(BooleanArray::from_iter(values)));
    }

    fn finish(self) -> Result<RecordBatch, ArrowError> {
        RecordBatch::try_new(Arc::new(Schema::new(self.fields)), self.arrays)
    }
}

fn member<'l>(ledger: &'l Ledger, id: &MemberId) -> Option<&'l Member> {
    ledger.member_ix(id).map(|m| ledger.member(m))
}

/// `a;b;c`, or null when empty.
fn joined<'s>(items: impl IntoIterator<Item = &'s str>) -> Option<String> {
    let text = items.into_iter().collect::<Vec<_>>().join(";");
    (!text.is_empty()).then_some(text)
}

/// One row per scorecard (member in office during the period), by member id:
///
/// `member_id`, `name`, `sector`, `total`, `base`, `grade` (name),
/// `grade_id`, `band_id` (the band the total falls in, before requirements,
/// flags and quotas), `flags` (ids, `;`-joined), `days_in_office`,
/// `days_in_period`; then `subtotal_<category id>` per category,
/// `met_<requirement id>` per requirement, and `rank_<cohort>`,
/// `of_<cohort>`, `percentile_<cohort>` per cohort ranked (`committee`,
/// `sector` …).
pub fn scorecards(ledger: &Ledger, ev: &Evaluation) -> Result<RecordBatch, ArrowError> {
    let cards = &ev.scorecards;
    let grade = |g: Option<u16>| g.map(|g| &ev.grades[usize::from(g)]);
    let mut c = Columns::default();
    c.text("member_id", cards.iter().map(|s| Some(s.member.0.as_str())));
    c.text("name", cards.iter().map(|s| member(ledger, &s.member).map(|m| m.name.as_str())));
    c.text("sector", cards.iter().map(|s| member(ledger, &s.member).map(|m| m.sector.as_str())));
    c.decimal("total", cards.iter().map(|s| Some(s.total)))?;
    c.decimal("base", cards.iter().map(|s| Some(s.base)))?;
    c.text("grade", cards.iter().map(|s| grade(s.grade).map(|g| g.name.as_str())));
    c.text("grade_id", cards.iter().map(|s| grade(s.grade).map(|g| g.id.as_str())));
    c.text("band_id", cards.iter().map(|s| grade(s.band).map(|g| g.id.as_str())));
    c.text("flags", cards.iter().map(|s| joined(ev.flag_ids(s))));
    c.count("days_in_office", cards.iter().map(|s| Some(s.days_in_office)));
    c.count("days_in_period", cards.iter().map(|s| Some(s.days_in_period)));
    for (i, info) in ev.categories.iter().enumerate() {
        let subtotal =
            |s: &Scorecard| s.categories.iter().find(|x| usize::from(x.category) == i).map(|x| x.subtotal);
        c.decimal(&format!("subtotal_{}", info.id), cards.iter().map(subtotal))?;
    }
    for (i, info) in ev.requirements.iter().enumerate() {
        let met =
            |s: &Scorecard| s.requirements.iter().find(|r| usize::from(r.requirement) == i).map(|r| r.met);
        c.flag(&format!("met_{}", info.id), cards.iter().map(met));
    }
    for cohort in cohorts(ev) {
        let rank = |s: &Scorecard| ev.rank_in(s, cohort).cloned();
        c.count(&format!("rank_{cohort}"), cards.iter().map(|s| rank(s).map(|r| r.rank)));
        c.count(&format!("of_{cohort}"), cards.iter().map(|s| rank(s).map(|r| r.of)));
        c.decimal(&format!("percentile_{cohort}"), cards.iter().map(|s| rank(s).map(|r| r.percentile)))?;
    }
    c.finish()
}

/// The cohorts the evaluation ranked members in, in the method's order.
pub fn cohorts(ev: &Evaluation) -> Vec<Cohort> {
    ev.scorecards.first().map(|s| s.ranks.iter().map(|r| r.cohort).collect()).unwrap_or_default()
}

/// `item_cap -2.5`: an adjustment's reason (its code) and change.
fn adjustment(a: &Adjustment) -> String {
    format!("{} {}", why_code(&a.why), a.change)
}

/// The code of an adjustment's reason: `item_cap`, `category_cap`, `once` …
pub fn why_code(why: &Why) -> &'static str {
    match why {
        Why::NotCredited { .. } => "not_credited",
        Why::Linked { .. } => "linked",
        Why::Group { .. } => "group",
        Why::Once => "once",
        Why::FromNth { .. } => "from_nth",
        Why::MaxCount { .. } => "max_count",
        Why::ItemCap { .. } => "item_cap",
        Why::CategoryCap { .. } => "category_cap",
        Why::CategoryFloor { .. } => "category_floor",
        Why::TotalCap { .. } => "total_cap",
        Why::TotalFloor { .. } => "total_floor",
        Why::Prorated { .. } => "prorated",
    }
}

/// One row per line item (an item applied to an activity), member by
/// member, in each member's activity date order:
///
/// `member_id`, `item_id`, `item` (name), `category_id`, `category`
/// (name), `activity_id`, `date`, `title`, `raw`, `awarded`, and
/// `adjustments` (`item_cap -2.5;category_cap -1`: what turned raw into
/// awarded, in order).
pub fn lines(ledger: &Ledger, ev: &Evaluation) -> Result<RecordBatch, ArrowError> {
    let rows: Vec<(&Scorecard, &lvzhi_rules::LineItem)> =
        ev.scorecards.iter().flat_map(|s| s.lines.iter().map(move |l| (s, l))).collect();
    let activity = |l: &lvzhi_rules::LineItem| {
        ev.activity_of(l).and_then(|id| ledger.activity_ix(id)).map(|a| ledger.activity(a))
    };
    let category = |l: &lvzhi_rules::LineItem| &ev.categories[usize::from(ev.item_of(l).category)];
    let mut c = Columns::default();
    c.text("member_id", rows.iter().map(|(s, _)| Some(s.member.0.as_str())));
    c.text("item_id", rows.iter().map(|(_, l)| Some(ev.item_of(l).id.as_str())));
    c.text("item", rows.iter().map(|(_, l)| Some(ev.item_of(l).name.as_str())));
    c.text("category_id", rows.iter().map(|(_, l)| Some(category(l).id.as_str())));
    c.text("category", rows.iter().map(|(_, l)| Some(category(l).name.as_str())));
    c.text("activity_id", rows.iter().map(|(_, l)| ev.activity_of(l).map(|a| a.0.as_str())));
    c.push(
        "date",
        Arc::new(Date32Array::from_iter(rows.iter().map(|(_, l)| activity(l).map(|a| days(a.date))))),
    );
    c.text("title", rows.iter().map(|(_, l)| activity(l).map(|a| a.title.as_str())));
    c.decimal("raw", rows.iter().map(|(_, l)| Some(l.raw)))?;
    c.decimal("awarded", rows.iter().map(|(_, l)| Some(l.awarded)))?;
    let adjustments = |l: &lvzhi_rules::LineItem| {
        let text = l.adjustments.iter().map(adjustment).collect::<Vec<_>>().join(";");
        (!text.is_empty()).then_some(text)
    };
    c.text("adjustments", rows.iter().map(|(_, l)| adjustments(l)));
    c.finish()
}

/// One row per member ranked in `cohort`, by peer group then rank (ties by
/// member id): `cohort`, `peer_group` (the sector, party … or the whole
/// committee), `rank`, `of`, `tied`, `percentile`, `member_id`, `name`,
/// `total`, `grade`. Members the method does not rank in that cohort are
/// left out (none, when the method does not rank it at all).
pub fn ranking(ledger: &Ledger, ev: &Evaluation, cohort: Cohort) -> Result<RecordBatch, ArrowError> {
    let mut rows: Vec<(&Scorecard, &lvzhi_rules::CohortRank)> =
        ev.scorecards.iter().filter_map(|s| ev.rank_in(s, cohort).map(|r| (s, r))).collect();
    let group = |r: &lvzhi_rules::CohortRank| ev.cohort_values[r.value as usize].as_str();
    rows.sort_by(|(a, x), (b, y)| (group(x), x.rank, &a.member).cmp(&(group(y), y.rank, &b.member)));
    let mut c = Columns::default();
    c.text("cohort", rows.iter().map(|_| Some(cohort.code())));
    c.text("peer_group", rows.iter().map(|(_, r)| Some(group(r))));
    c.count("rank", rows.iter().map(|(_, r)| Some(r.rank)));
    c.count("of", rows.iter().map(|(_, r)| Some(r.of)));
    c.flag("tied", rows.iter().map(|(_, r)| Some(r.tied)));
    c.decimal("percentile", rows.iter().map(|(_, r)| Some(r.percentile)))?;
    c.text("member_id", rows.iter().map(|(s, _)| Some(s.member.0.as_str())));
    c.text("name", rows.iter().map(|(s, _)| member(ledger, &s.member).map(|m| m.name.as_str())));
    c.decimal("total", rows.iter().map(|(s, _)| Some(s.total)))?;
    c.text("grade", rows.iter().map(|(s, _)| ev.grade_of(s).map(|g| g.name.as_str())));
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Decimal128Type;
    use lvzhi_rules::{evaluate, Period, RuleSet};

    fn sample() -> (Ledger, Evaluation) {
        let ledger = crate::load_ledger(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap();
        let ev = evaluate(&ledger, &RuleSet::preset("tongcheng-2019").unwrap(), Period::year(2025));
        (ledger, ev)
    }

    fn decimals(rb: &RecordBatch, column: &str) -> Vec<String> {
        let a = rb.column_by_name(column).unwrap().as_primitive::<Decimal128Type>();
        (0..a.len()).map(|i| a.value_as_string(i)).collect()
    }

    #[test]
    fn scorecards_carry_every_total_and_subtotal_exactly() {
        let (ledger, ev) = sample();
        let rb = scorecards(&ledger, &ev).unwrap();
        let totals = decimals(&rb, "total");
        for (card, shown) in ev.scorecards.iter().zip(&totals) {
            assert_eq!(shown.parse::<Decimal>().unwrap(), card.total, "{}", card.member);
        }
        for info in &ev.categories {
            let column = decimals(&rb, &format!("subtotal_{}", info.id));
            for (card, shown) in ev.scorecards.iter().zip(&column) {
                assert_eq!(Some(shown.parse::<Decimal>().unwrap()), ev.subtotal(card, &info.id));
            }
        }
        assert!(rb.column_by_name("rank_committee").is_some());
        assert!(rb.column_by_name("rank_sector").is_some());
    }

    #[test]
    fn lines_sum_to_each_members_categories() {
        let (ledger, ev) = sample();
        let rb = lines(&ledger, &ev).unwrap();
        let members = rb.column_by_name("member_id").unwrap().as_string::<i32>();
        let awarded = decimals(&rb, "awarded");
        let card = &ev.scorecards[0];
        let sum: Decimal = (0..rb.num_rows())
            .filter(|&i| members.value(i) == card.member.0)
            .map(|i| awarded[i].parse::<Decimal>().unwrap())
            .sum();
        assert_eq!(sum, card.lines.iter().map(|l| l.awarded).sum::<Decimal>());
    }

    #[test]
    fn rankings_are_ordered_within_peer_groups() {
        let (ledger, ev) = sample();
        let rb = ranking(&ledger, &ev, Cohort::Committee).unwrap();
        let ranks = rb.column_by_name("rank").unwrap().as_primitive::<arrow_array::types::UInt32Type>();
        assert_eq!(ranks.value(0), 1);
        assert!(ranks.values().windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(ranking(&ledger, &ev, Cohort::Party).unwrap().num_rows(), 0, "tongcheng ranks no parties");
    }
}
