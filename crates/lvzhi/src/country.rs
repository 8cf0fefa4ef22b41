//! A whole country's (or province's) year scored at once: every committee
//! of a Parquet folder ([`lvzhi_io::parquet`]) evaluated under one rule set,
//! every member ranked against every other.
//!
//! The folder is read with [`lvzhi_io::parquet::read_ledgers`] at
//! [`Detail::Scoring`] (no activity free text), all committees in parallel;
//! each committee's ledger is checked as any ledger is.
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! use lvzhi::national::{configs, write, Output, Scale};
//! use lvzhi::rules::RuleSet;
//! write(&configs(Scale::County, 1, 2025, 1), dir.path(), Output::Parquet, |_| {}).unwrap();
//! let rules = RuleSet::preset("jinan-2015").unwrap();
//! let scores = lvzhi::country::score_parquet(dir.path(), &rules, lvzhi::Period::year(2025)).unwrap();
//! assert_eq!(scores.len(), 150);
//! assert!(scores.total.windows(2).all(|w| w[0] >= w[1]));
//! assert_eq!(scores.row(0).unwrap().rank, 1);
//! assert_eq!(scores.record_batch().unwrap().num_rows(), 150);
//! ```

use std::path::Path;
use std::sync::Arc;

use lvzhi_core::{Detail, Ledger, MemberId, Period};
use lvzhi_io::arrow::arrow_array::types::Int32Type;
use lvzhi_io::arrow::arrow_array::{
    ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray, UInt32Array,
};
use lvzhi_io::arrow::arrow_schema::{ArrowError, Field, Schema};
use lvzhi_io::arrow::decimal_column;
use lvzhi_io::{CsvFlavour, LoadError, WriteError};
use lvzhi_rules::{evaluate_totals, integer_keys, places, RuleSet, Totals};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

/// Every member's result, best first, as columns: entry `i` of each
/// member column is the `i`-th member's (a national year's 650,000
/// members are kept, and handed to Arrow, column by column, with no
/// allocation per member). [`CountryScores::row`] gives one member's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryScores {
    /// The rule set's id.
    pub rule_set: String,
    /// The period evaluated.
    pub period: Period,
    /// The committees' names, in the folder's order; [`CountryScores::committee`]
    /// refers to them by index.
    pub committees: Vec<String>,
    /// The rule set's categories as (id, name), in its order; one column of
    /// [`CountryScores::subtotals`] each.
    pub categories: Vec<(String, String)>,
    /// The rule set's grades as (id, name), highest first;
    /// [`CountryScores::grade`] refers to them by index.
    pub grades: Vec<(String, String)>,
    /// Per member: 1 + the number of members of the whole folder with a
    /// higher total.
    pub rank: Vec<u32>,
    /// Per member: its id. Members are in office during the period, highest
    /// total first, ties by member id.
    pub member_id: Vec<MemberId>,
    /// Per member: its committee's index in [`CountryScores::committees`].
    pub committee: Vec<u32>,
    /// Per member: the total.
    pub total: Vec<Decimal>,
    /// One column per category of [`CountryScores::categories`], a subtotal
    /// per member in each.
    pub subtotals: Vec<Vec<Decimal>>,
    /// Per member: the index in [`CountryScores::grades`] of the grade given.
    pub grade: Vec<Option<u16>>,
    /// Per member: 1 + the number of members of the same committee with a
    /// higher total.
    pub committee_rank: Vec<u32>,
}

/// One member's line of [`CountryScores`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryRow {
    /// 1 + the number of members of the whole folder with a higher total.
    pub rank: u32,
    /// The member.
    pub member_id: MemberId,
    /// Index in [`CountryScores::committees`].
    pub committee: u32,
    /// The total.
    pub total: Decimal,
    /// Subtotals, one per [`CountryScores::categories`].
    pub subtotals: Vec<Decimal>,
    /// Index in [`CountryScores::grades`] of the grade given.
    pub grade: Option<u16>,
    /// 1 + the number of members of the same committee with a higher total.
    pub committee_rank: u32,
}

impl CountryScores {
    /// How many members are ranked.
    pub fn len(&self) -> usize {
        self.member_id.len()
    }

    /// Whether no member is ranked.
    pub fn is_empty(&self) -> bool {
        self.member_id.is_empty()
    }

    /// The `i`-th member's line (best first), or `None` past the last.
    pub fn row(&self, i: usize) -> Option<CountryRow> {
        Some(CountryRow {
            rank: *self.rank.get(i)?,
            member_id: self.member_id.get(i)?.clone(),
            committee: *self.committee.get(i)?,
            total: *self.total.get(i)?,
            subtotals: self.subtotals.iter().map(|column| column.get(i).copied()).collect::<Option<_>>()?,
            grade: *self.grade.get(i)?,
            committee_rank: *self.committee_rank.get(i)?,
        })
    }

    /// Every member's line, best first.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = CountryRow> + '_ {
        (0..self.len()).map(|i| self.row(i).expect("every column has a value per member"))
    }

    /// The members as one Arrow record batch, best first: `rank`, `member_id`,
    /// `committee` (name, dictionary-encoded), `total`, `subtotal_<category>`
    /// per category, `grade` (name), `grade_id`, `committee_rank`; decimals
    /// as [`lvzhi_io::arrow::decimal_column`] writes them.
    pub fn record_batch(&self) -> Result<RecordBatch, ArrowError> {
        /// A column of the batch, each made from its column of the scores,
        /// in parallel.
        enum Column {
            Rank,
            MemberId,
            Committee,
            Total,
            Subtotal(usize),
            Grade,
            GradeId,
            CommitteeRank,
        }
        let key = |i: usize| {
            i32::try_from(i).map_err(|_| ArrowError::InvalidArgumentError(format!("index {i} too large")))
        };
        let dictionary = |keys: Int32Array, values: Vec<&str>| -> Result<ArrayRef, ArrowError> {
            Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(keys, Arc::new(StringArray::from(values)))?))
        };
        let grades = || -> Result<Int32Array, ArrowError> {
            self.grade.iter().map(|g| g.map(|g| key(usize::from(g))).transpose()).collect()
        };
        let build = |column: &Column| -> Result<(String, ArrayRef), ArrowError> {
            Ok(match column {
                Column::Rank => ("rank".into(), Arc::new(UInt32Array::from(self.rank.clone()))),
                Column::MemberId => (
                    "member_id".into(),
                    Arc::new(self.member_id.iter().map(|id| Some(id.as_str())).collect::<StringArray>()),
                ),
                Column::Committee => {
                    let keys =
                        self.committee.iter().map(|&c| key(c as usize)).collect::<Result<Vec<_>, _>>()?;
                    (
                        "committee".into(),
                        dictionary(keys.into(), self.committees.iter().map(String::as_str).collect())?,
                    )
                }
                Column::Total => ("total".into(), Arc::new(decimal_column(&self.total)?)),
                Column::Subtotal(i) => (
                    format!("subtotal_{}", self.categories[*i].0),
                    Arc::new(decimal_column(&self.subtotals[*i])?),
                ),
                Column::Grade => (
                    "grade".into(),
                    dictionary(grades()?, self.grades.iter().map(|(_, n)| n.as_str()).collect())?,
                ),
                Column::GradeId => (
                    "grade_id".into(),
                    dictionary(grades()?, self.grades.iter().map(|(id, _)| id.as_str()).collect())?,
                ),
                Column::CommitteeRank => {
                    ("committee_rank".into(), Arc::new(UInt32Array::from(self.committee_rank.clone())))
                }
            })
        };
        let mut columns = vec![Column::Rank, Column::MemberId, Column::Committee, Column::Total];
        columns.extend((0..self.categories.len()).map(Column::Subtotal));
        columns.extend([Column::Grade, Column::GradeId, Column::CommitteeRank]);
        let built: Vec<(String, ArrayRef)> = columns.par_iter().map(build).collect::<Result<_, _>>()?;
        let fields: Vec<Field> =
            built.iter().map(|(name, array)| Field::new(name, array.data_type().clone(), true)).collect();
        let arrays = built.into_iter().map(|(_, array)| array).collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
    }

    /// The columns of [`CountryScores::cells`], as CSV headers in
    /// `flavour`: `rank`, `member_id`, `committee`, `total`,
    /// `subtotal_<category>` per category, `grade` (its name),
    /// `committee_rank`; or, for Excel, 名次, 委员编号, 委员会, 总分, each
    /// category's name, 等次, 委员会内名次.
    pub fn header(&self, flavour: CsvFlavour) -> Vec<String> {
        let excel = flavour == CsvFlavour::Excel;
        let pick = |standard: &str, chinese: &str| if excel { chinese } else { standard }.to_string();
        let mut header = vec![
            pick("rank", "名次"),
            pick("member_id", "委员编号"),
            pick("committee", "委员会"),
            pick("total", "总分"),
        ];
        header.extend(self.categories.iter().map(|(id, name)| pick(&format!("subtotal_{id}"), name)));
        header.push(pick("grade", "等次"));
        header.push(pick("committee_rank", "委员会内名次"));
        header
    }

    /// The `i`-th member's cells as text, in the columns of
    /// [`CountryScores::header`] (decimals exact; no grade is an empty
    /// cell). Panics past the last member.
    pub fn cells(&self, i: usize) -> Vec<String> {
        let mut cells = vec![
            self.rank[i].to_string(),
            self.member_id[i].to_string(),
            self.committees.get(self.committee[i] as usize).cloned().unwrap_or_default(),
            self.total[i].to_string(),
        ];
        cells.extend(self.subtotals.iter().map(|column| column[i].to_string()));
        let grade = self.grade[i].and_then(|g| self.grades.get(usize::from(g)));
        cells.push(grade.map(|(_, name)| name.clone()).unwrap_or_default());
        cells.push(self.committee_rank[i].to_string());
        cells
    }

    /// Writes every row as CSV in `flavour` (UTF-8, or GB18030 with Chinese
    /// headers for Excel; cells neutralised as in every lvzhi CSV), best first.
    pub fn write_csv(&self, flavour: CsvFlavour, out: impl std::io::Write) -> Result<(), WriteError> {
        lvzhi_io::write_table_csv(&self.header(flavour), (0..self.len()).map(|i| self.cells(i)), flavour, out)
    }

    /// How many rows have each of [`CountryScores::grades`], in its order,
    /// and how many have none.
    pub fn grade_counts(&self) -> (Vec<usize>, usize) {
        let mut counts = vec![0; self.grades.len()];
        let mut none = 0;
        for grade in &self.grade {
            match grade.and_then(|g| counts.get_mut(usize::from(g))) {
                Some(n) => *n += 1,
                None => none += 1,
            }
        }
        (counts, none)
    }
}

/// Reads the Parquet folder `dir`, evaluates every committee under `rules`
/// for `period` and ranks every member; or every problem in the data.
///
/// Committees are read, checked and evaluated a few row groups at a time
/// ([`lvzhi_io::parquet::scan_ledgers`]) and their ledgers dropped: memory
/// holds the scores, not the country's records.
pub fn score_parquet(
    dir: impl AsRef<Path>,
    rules: &RuleSet,
    period: Period,
) -> Result<CountryScores, LoadError> {
    // Only the optional columns the rules read are decoded, and only the
    // participations of activities they read are held.
    let evaluated = lvzhi_io::parquet::scan_ledgers_with(dir, Detail::Scoring, rules, |ledger| {
        Evaluated::of(&ledger, rules, period)
    })?;
    Ok(scores(evaluated, rules, period))
}

/// [`score_parquet`] on ledgers already read.
pub fn score_ledgers(ledgers: &[Ledger], rules: &RuleSet, period: Period) -> CountryScores {
    let evaluated = ledgers.par_iter().map(|l| Evaluated::of(l, rules, period)).collect();
    scores(evaluated, rules, period)
}

/// What the ranking keeps of a committee until every committee is
/// evaluated: its name, the columns of [`evaluate_totals`] (totals,
/// subtotals and grades, without the scorecards and line items of a full
/// evaluation: a national year would hold tens of millions of lines) and
/// its members' ids (the ledger is dropped once evaluated).
struct Evaluated {
    name: String,
    totals: Totals,
    /// The id of each member of `totals`, in its order.
    ids: Vec<MemberId>,
    /// Each member's place in the committee: 1 + the members with a higher
    /// total (found here, committee by committee alongside the others,
    /// not in one pass over the country's ranking once all are read).
    places: Vec<u32>,
}

impl Evaluated {
    fn of(ledger: &Ledger, rules: &RuleSet, period: Period) -> Evaluated {
        let totals = evaluate_totals(ledger, rules, period);
        let ids = totals.members().iter().map(|&m| ledger.member(m).id.clone()).collect();
        let places = places(totals.totals().iter().copied());
        Evaluated { name: ledger.committee().name.clone(), totals, ids, places }
    }
}

/// Every committee's totals as one ranking.
fn scores(evaluated: Vec<Evaluated>, rules: &RuleSet, period: Period) -> CountryScores {
    // An empty folder's scores name no category or grade, as when they
    // were read from the first committee's evaluation.
    let read_any = !evaluated.is_empty();
    let named = |pairs: Vec<(String, String)>| if read_any { pairs } else { Vec::new() };
    let categories = named(rules.categories().iter().map(|c| (c.id.clone(), c.name.clone())).collect());
    let mut committees = Vec::with_capacity(evaluated.len());
    let mut columns = Vec::with_capacity(evaluated.len());
    for e in evaluated {
        committees.push(e.name);
        columns.push((e.totals, e.ids, e.places));
    }
    // Every member of the folder, in its order: ordered by their totals and
    // ids first, and each column then gathered in that order.
    let totals: Vec<Decimal> =
        columns.par_iter().flat_map_iter(|(t, ..)| t.totals().iter().copied()).collect();
    let ids: Vec<&MemberId> = columns.par_iter().flat_map_iter(|(_, ids, _)| ids).collect();
    let at: Vec<(u32, u32)> = (columns.par_iter().enumerate())
        .flat_map_iter(|(c, (_, ids, _))| (0..ids.len()).map(move |i| (c as u32, i as u32)))
        .collect();
    let order = best_first(&totals, &ids);
    // Member `k` of the folder: its committee's totals and places, and its index in them.
    let find = |k: usize| {
        let (c, i) = at[k];
        let (totals, _, places) = &columns[c as usize];
        (totals, places, i as usize)
    };
    let total = gather(&order, |k| totals[k]);
    CountryScores {
        rule_set: rules.method().id.clone(),
        period,
        rank: ranks(&total),
        member_id: gather(&order, |k| ids[k].clone()),
        committee: gather(&order, |k| at[k].0),
        subtotals: (0..categories.len())
            .map(|j| {
                gather(&order, |k| {
                    let (totals, _, i) = find(k);
                    totals.subtotals(i)[j]
                })
            })
            .collect(),
        grade: gather(&order, |k| {
            let (totals, _, i) = find(k);
            totals.grades()[i]
        }),
        committee_rank: gather(&order, |k| {
            let (_, places, i) = find(k);
            places[i]
        }),
        total,
        categories,
        grades: named(rules.grades().iter().map(|g| (g.id.clone(), g.name.clone())).collect()),
        committees,
    }
}

/// `value` of each member of `order`, in parallel.
fn gather<T: Send>(order: &[u32], value: impl Fn(usize) -> T + Sync) -> Vec<T> {
    order.par_iter().map(|&k| value(k as usize)).collect()
}

/// Each place of `totals`, best first: that of the first of its equal
/// totals. One pass, as they are in order already (`places` would sort them).
fn ranks(totals: &[Decimal]) -> Vec<u32> {
    let mut place = 1;
    (0..totals.len())
        .map(|i| {
            if i > 0 && totals[i] != totals[i - 1] {
                place = u32::try_from(i + 1).unwrap_or(u32::MAX);
            }
            place
        })
        .collect()
}

/// The order of members highest total first, ties by member id (equal
/// ids in the given order), given each one's total and id. Totals are
/// compared as integers at the largest scale among them when they fit in
/// one (a national year's 650,000 members are compared millions of times,
/// and comparing decimals of different scales is what took the time).
fn best_first(totals: &[Decimal], ids: &[&MemberId]) -> Vec<u32> {
    let n = u32::try_from(totals.len()).expect("at most 2^32 members");
    let Some(keys) = integer_keys(totals) else {
        let mut order: Vec<u32> = (0..n).collect();
        order.par_sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            totals[b].cmp(&totals[a]).then_with(|| ids[a].cmp(ids[b]))
        });
        return order;
    };
    // Grouped by total (a national year's 650,000 members share a few
    // hundred totals), keeping the folder's order, then each group put in
    // id order on its own. A group lists its members in id order already,
    // or in a few runs that are (the folder's committees by id, each
    // committee's members by id), which a stable merge sort takes in one
    // pass or a few merges. Ids are compared by their first bytes as an
    // integer, and read whole only when equal there.
    let prefixes: Vec<u128> = ids.par_iter().map(|id| id_prefix(id)).collect();
    let by_id = |&a: &u32, &b: &u32| {
        let (a, b) = (a as usize, b as usize);
        prefixes[a].cmp(&prefixes[b]).then_with(|| ids[a].cmp(ids[b]))
    };
    let (mut order, starts) = by_total(&keys);
    let mut groups: Vec<&mut [u32]> = Vec::with_capacity(starts.len());
    let mut rest = order.as_mut_slice();
    for w in starts.windows(2) {
        let (group, tail) = rest.split_at_mut((w[1] - w[0]) as usize);
        groups.push(group);
        rest = tail;
    }
    groups.into_par_iter().for_each(|g| g.sort_by(by_id));
    order
}

/// The indexes of `keys`, highest key first, in index order among equal
/// keys; and where each key's run starts in that order (and its end).
fn by_total(keys: &[i128]) -> (Vec<u32>, Vec<u32>) {
    // The distinct keys counted (a few hundred), then sorted; each one's
    // count then becomes the next slot of its run.
    let mut next: FxHashMap<i128, u32> = FxHashMap::default();
    for &k in keys {
        *next.entry(k).or_default() += 1;
    }
    let mut distinct: Vec<(i128, u32)> = next.iter().map(|(&k, &n)| (k, n)).collect();
    distinct.sort_unstable_by_key(|&(k, _)| std::cmp::Reverse(k));
    let mut starts = Vec::with_capacity(distinct.len() + 1);
    let mut at = 0u32;
    for (k, n) in distinct {
        starts.push(at);
        next.insert(k, at);
        at += n;
    }
    starts.push(at);
    let mut order = vec![0u32; keys.len()];
    for (i, k) in (0u32..).zip(keys) {
        let slot = next.get_mut(k).expect("every key was counted");
        order[*slot as usize] = i;
        *slot += 1;
    }
    (order, starts)
}

/// An id's first 16 bytes as a big-endian integer, zero-padded: ids in
/// order have prefixes in order (not strictly: ids that share their first
/// 16 bytes, or differ only by trailing NULs, have equal prefixes).
fn id_prefix(id: &MemberId) -> u128 {
    let bytes = id.as_str().as_bytes();
    let mut buf = [0u8; 16];
    let n = bytes.len().min(16);
    buf[..n].copy_from_slice(&bytes[..n]);
    u128::from_be_bytes(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, total: &str) -> CountryRow {
        CountryRow {
            rank: 0,
            member_id: MemberId(id.into()),
            committee: 0,
            total: total.parse().unwrap(),
            subtotals: Vec::new(),
            grade: None,
            committee_rank: 0,
        }
    }

    /// `rows` in the order `best_first` gives.
    fn ranked(rows: &[CountryRow]) -> Vec<CountryRow> {
        let totals: Vec<Decimal> = rows.iter().map(|r| r.total).collect();
        let ids: Vec<&MemberId> = rows.iter().map(|r| &r.member_id).collect();
        best_first(&totals, &ids).into_iter().map(|i| rows[i as usize].clone()).collect()
    }

    fn by_decimals(mut rows: Vec<CountryRow>) -> Vec<CountryRow> {
        rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.member_id.cmp(&b.member_id)));
        rows
    }

    /// The scores as `scores` made them from ranking-only scorecards before
    /// it read the columns of `evaluate_totals`: rows, names and CSV text.
    #[test]
    fn scores_are_the_ranking_only_scorecards_ranked() {
        use lvzhi_rules::{evaluate_with, places, presets, EvaluateOptions};
        // Member ids unique across committees, as ties are ranked by id.
        let ledger = |seed: u64| {
            let mut config = lvzhi_gen::Config::county(seed);
            config.id_prefix = format!("X{seed}-");
            lvzhi_gen::generate(&config).into_ledger().unwrap()
        };
        let ledgers = [ledger(1), ledger(2)];
        let period = Period::year(2025);
        for info in presets() {
            let rules = RuleSet::preset(info.id).unwrap();
            let options = EvaluateOptions::ranking_only();
            let evaluations: Vec<_> =
                ledgers.iter().map(|l| evaluate_with(l, &rules, period, &[], &options)).collect();
            let mut rows: Vec<CountryRow> = Vec::new();
            for (committee, e) in evaluations.iter().enumerate() {
                let places = places(e.scorecards.iter().map(|c| c.total));
                rows.extend(e.scorecards.iter().zip(places).map(|(card, committee_rank)| CountryRow {
                    rank: 0,
                    member_id: card.member.clone(),
                    committee: committee as u32,
                    total: card.total,
                    subtotals: card.categories.iter().map(|c| c.subtotal).collect(),
                    grade: card.grade,
                    committee_rank,
                }));
            }
            let mut rows = by_decimals(rows);
            let ranks = places(rows.iter().map(|r| r.total));
            for (row, rank) in rows.iter_mut().zip(ranks) {
                row.rank = rank;
            }
            let first = &evaluations[0];
            let categories: Vec<(String, String)> =
                first.categories.iter().map(|c| (c.id.clone(), c.name.clone())).collect();
            let want = CountryScores {
                rule_set: info.id.to_string(),
                period,
                committees: ledgers.iter().map(|l| l.committee().name.clone()).collect(),
                grades: first.grades.iter().map(|g| (g.id.clone(), g.name.clone())).collect(),
                rank: rows.iter().map(|r| r.rank).collect(),
                member_id: rows.iter().map(|r| r.member_id.clone()).collect(),
                committee: rows.iter().map(|r| r.committee).collect(),
                total: rows.iter().map(|r| r.total).collect(),
                subtotals: (0..categories.len())
                    .map(|j| rows.iter().map(|r| r.subtotals[j]).collect())
                    .collect(),
                grade: rows.iter().map(|r| r.grade).collect(),
                committee_rank: rows.iter().map(|r| r.committee_rank).collect(),
                categories,
            };
            let got = score_ledgers(&ledgers, &rules, period);
            assert_eq!(got, want, "{}", info.id);
            assert_eq!(got.rows().collect::<Vec<_>>(), rows, "{}", info.id);
            assert_eq!(got.row(rows.len()), None);
            // Equal decimals of other scales would print otherwise.
            let csv = |s: &CountryScores| {
                let mut out = Vec::new();
                s.write_csv(CsvFlavour::Standard, &mut out).unwrap();
                out
            };
            assert_eq!(csv(&got), csv(&want), "{}", info.id);
        }
    }

    #[test]
    fn the_record_batch_is_the_rows_column_by_column() {
        use lvzhi_io::arrow::arrow_array::{cast::AsArray, types::Decimal128Type, Array};
        let mut config = lvzhi_gen::Config::county(7);
        config.id_prefix = "R-".into();
        let ledger = lvzhi_gen::generate(&config).into_ledger().unwrap();
        let rules = RuleSet::preset("tongcheng-2019").unwrap();
        let scores = score_ledgers(std::slice::from_ref(&ledger), &rules, Period::year(2025));
        let batch = scores.record_batch().unwrap();
        let mut names =
            vec!["rank", "member_id", "committee", "total"].into_iter().map(String::from).collect::<Vec<_>>();
        names.extend(scores.categories.iter().map(|(id, _)| format!("subtotal_{id}")));
        names.extend(["grade", "grade_id", "committee_rank"].map(String::from));
        let schema = batch.schema();
        assert_eq!(schema.fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>(), names);
        let decimals = |name: &str| -> Vec<Decimal> {
            let a = batch.column_by_name(name).unwrap().as_primitive::<Decimal128Type>();
            (0..a.len()).map(|i| Decimal::from_i128_with_scale(a.value(i), a.scale() as u32)).collect()
        };
        let text = |name: &str, i: usize| -> Option<String> {
            let a = batch.column_by_name(name).unwrap();
            let a = a.as_dictionary::<Int32Type>();
            a.is_valid(i).then(|| a.values().as_string::<i32>().value(a.keys().value(i) as usize).to_string())
        };
        assert_eq!(decimals("total"), scores.total);
        for (c, (id, _)) in scores.categories.iter().enumerate() {
            assert_eq!(decimals(&format!("subtotal_{id}")), scores.subtotals[c]);
        }
        let ranks = batch
            .column_by_name("committee_rank")
            .unwrap()
            .as_primitive::<lvzhi_io::arrow::arrow_array::types::UInt32Type>();
        let ids = batch.column_by_name("member_id").unwrap().as_string::<i32>();
        let ranks_in_folder = batch
            .column_by_name("rank")
            .unwrap()
            .as_primitive::<lvzhi_io::arrow::arrow_array::types::UInt32Type>();
        for (i, r) in scores.rows().enumerate() {
            assert_eq!(ranks_in_folder.value(i), r.rank);
            assert_eq!(ids.value(i), r.member_id.as_str());
            assert_eq!(ranks.value(i), r.committee_rank);
            assert_eq!(text("committee", i).as_deref(), Some(ledger.committee().name.as_str()));
            let grade = r.grade.map(|g| &scores.grades[usize::from(g)]);
            assert_eq!(text("grade", i), grade.map(|(_, name)| name.clone()));
            assert_eq!(text("grade_id", i), grade.map(|(id, _)| id.clone()));
        }
        assert!(scores.grade.iter().any(Option::is_some), "the sample grades members");
    }

    #[test]
    fn no_committee_names_no_category_or_grade() {
        let rules = RuleSet::preset("jinan-2015").unwrap();
        let scores = score_ledgers(&[], &rules, Period::year(2025));
        assert_eq!(scores.rule_set, "jinan-2015");
        assert!(scores.is_empty() && scores.committees.is_empty() && scores.subtotals.is_empty());
        assert!(scores.categories.is_empty() && scores.grades.is_empty());
    }

    #[test]
    fn best_first_orders_as_decimals_do_whatever_the_scales() {
        let totals = ["1.5", "1.50", "2", "0.25", "-1", "2.000", "0", "-0.5", "10", "1.5"];
        let rows: Vec<CountryRow> =
            totals.iter().enumerate().map(|(i, t)| row(&format!("M{}", 9 - i), t)).collect();
        let sorted = ranked(&rows);
        assert_eq!(sorted, by_decimals(rows));
        let ids: Vec<&str> = sorted.iter().take(3).map(|r| r.member_id.0.as_str()).collect();
        assert_eq!(ids, ["M1", "M4", "M7"], "10, then 2.000 and 2 by member id");
    }

    #[test]
    fn best_first_breaks_ties_by_whole_ids() {
        // Equal totals: ids that differ only after their 16th byte, that are
        // prefixes of one another (also by a trailing NUL), non-ASCII ids
        // and short ones, in scrambled order.
        let ids = [
            "C0001-M0000000000002",
            "C0001-M0000000000001",
            "C0001-M00000000000",
            "C0001-M00000000000\0",
            "C0001-M0000000000",
            "委员-2",
            "委员-10",
            "B",
            "",
            "C0001-M0000000000001-X",
        ];
        let rows: Vec<CountryRow> =
            ids.iter().enumerate().map(|(i, id)| row(id, if i % 3 == 0 { "5" } else { "5.0" })).collect();
        let mut rows = rows;
        rows.push(row("A", "6"));
        let sorted = ranked(&rows);
        assert_eq!(sorted, by_decimals(rows));
        assert_eq!(sorted[0].member_id.0, "A");
        assert_eq!(sorted[1].member_id.0, "");
    }

    proptest::proptest! {
        /// Totals of a few values at several scales (most members tie),
        /// ids of one to three characters (some repeated), listed in id
        /// order (grouped by total alone) or not (sorted).
        #[test]
        fn best_first_is_the_order_of_total_then_id(
            members in proptest::collection::vec((0..6i64, 0..3u32, "[AB\\x00委]{0,3}"), 0..200),
            in_id_order in proptest::bool::ANY,
        ) {
            let mut rows: Vec<CountryRow> = members
                .iter()
                .map(|(v, scale, id)| {
                    let mut total = Decimal::from(*v);
                    total.rescale(*scale);
                    row(id, &total.to_string())
                })
                .collect();
            if in_id_order {
                rows.sort_by(|a, b| a.member_id.cmp(&b.member_id));
            }
            let pairs = |rows: Vec<CountryRow>| -> Vec<(MemberId, Decimal)> {
                rows.into_iter().map(|r| (r.member_id, r.total)).collect()
            };
            proptest::prop_assert_eq!(pairs(ranked(&rows)), pairs(by_decimals(rows)));
        }
    }

    #[test]
    fn members_in_id_order_keep_it_among_equal_totals() {
        // The same id twice (two committees may both have an M1): in the
        // folder's order, as the stable order of total then id has them.
        let mut rows = vec![row("M1", "3"), row("M1", "5"), row("M1", "3.0"), row("M2", "5")];
        rows[0].committee = 0;
        rows[2].committee = 1;
        let sorted = ranked(&rows);
        assert_eq!(sorted, by_decimals(rows));
        assert_eq!((sorted[2].committee, sorted[3].committee), (0, 1));
    }

    #[test]
    fn best_first_falls_back_to_decimals_when_a_total_does_not_fit_as_an_integer() {
        // 28 decimal places beside a 20-digit whole number: no common
        // integer scale fits in 128 bits.
        let mut rows = vec![
            row("A", "0.0000000000000000000000000001"),
            row("B", "12345678901234567890"),
            row("C", "-3"),
            row("D", "12345678901234567890"),
            row("B", "12345678901234567890.0"),
        ];
        rows[4].committee = 1;
        let sorted = ranked(&rows);
        assert_eq!(sorted, by_decimals(rows));
        assert_eq!(sorted[0].member_id.0, "B");
        assert_eq!((sorted[0].committee, sorted[1].committee), (0, 1), "equal ids in the given order");
    }
}
