//! A whole Parquet folder read into one ledger per committee, a few row
//! groups at a time, on every core: what scoring a country's year needs.
//!
//! [`ParquetReader`](super::ParquetReader) streams committee by committee
//! through records with `String` ids, one thread decoding. Here row groups
//! are decoded in parallel, only the columns the [`Detail`] asks for; text
//! stays dictionary-encoded, so every distinct value of a row group (an id,
//! a vocabulary code) is resolved once and each row is a few array
//! lookups; participations go to the ledger as [`IndexedBatch`]es, with no
//! id string per row. `docs/performance.md` has the numbers.
//!
//! The fast path takes only data it is sure of (the types this module's
//! writer writes, ids already in normal form, every value parsing). A
//! committee with anything else is read again the slow way, whose records
//! and problems (file, row, column) are those of every other reader.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type, UInt32Type, UInt8Type};
use arrow_array::{Array, ArrayRef, BooleanArray, Decimal128Array, RecordBatch, StringArray};
use arrow_buffer::NullBuffer;
use arrow_schema::{DataType, SchemaRef};
use lvzhi_core::{
    Activity, ActivityDetail, ActivityField, ActivityId, ActivityIx, ActivityKind, Attendance, Committee,
    Detail, Fields, Function, Gender, IndexedBatch, Issue, Ledger, Level, Member, MemberId, MemberIx, Origin,
    ParticipantRole, Participation, PersonalData, Reads, Role, Speech, Table, Vocabulary,
};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::ProjectionMask;
use parquet::basic::Encoding;
use parquet::file::metadata::ParquetMetaData;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{committees_of, csv_differs, dictionary_schema, file_of, pages, ParquetReader, COMMITTEE_NO};
use crate::columns::{ActivityCol, Column, MemberCol, KIND_COLUMNS};
use crate::error::{ImportError, ImportErrors, LoadError, Location, Unit};
use crate::record::{self, Row};
use crate::value::{self, Cell};

/// Member columns no evaluation reads (personal details), which a
/// [`Detail::Scoring`] read skips.
const PERSONAL: &[MemberCol] = &[
    MemberCol::Gender,
    MemberCol::Ethnicity,
    MemberCol::BirthDate,
    MemberCol::Employer,
    MemberCol::Title,
    MemberCol::Phone,
    MemberCol::IdNumber,
];

/// Activity columns holding free text, which a [`Detail::Scoring`] read skips.
const FREE_TEXT: &[ActivityCol] = &[
    ActivityCol::Title,
    ActivityCol::Organizer,
    ActivityCol::Number,
    ActivityCol::CollectiveBody,
    ActivityCol::HandlingUnits,
    ActivityCol::Feedback,
];

/// Which activities a scan holds ([`Reads::activities_of`] and
/// [`Reads::activities_of_subtype`]); the others it knows by id only.
#[derive(Clone, Copy)]
struct Holds<'a> {
    /// By kind.
    kinds: &'a [bool],
    /// Of a kind held, by subtype.
    subtype: &'a (dyn Fn(ActivityKind, &str) -> bool + Sync),
}

/// Every committee of the Parquet folder `dir` as a ledger holding `detail`,
/// in `committees.json` order; or every problem found, each naming its
/// file, row and column.
///
/// Memory: every ledger at once; [`scan_ledgers`] keeps only what is made
/// of each.
pub fn read_ledgers(dir: impl AsRef<Path>, detail: Detail) -> Result<Vec<Ledger>, LoadError> {
    scan_ledgers(dir, detail, |ledger| ledger)
}

/// Like [`read_ledgers`], handing each committee's ledger to `each` as soon
/// as it is built (on any thread) and keeping only what `each` returns, in
/// `committees.json` order: the memory of the committees of a few row
/// groups, whatever the size of the folder. `each` is called for every
/// committee that reads without problem, even when others have problems.
///
/// The participations file is read a few row groups at a time (four per
/// thread, decoded in parallel); the members and activities
/// files are read along, row group by row group, as far as the committees
/// in hand need. Rows must be grouped by committee in committee order, as
/// [`super::ParquetWriter`] writes them.
pub fn scan_ledgers<T: Send>(
    dir: impl AsRef<Path>,
    detail: Detail,
    each: impl Fn(Ledger) -> T + Sync,
) -> Result<Vec<T>, LoadError> {
    scan_ledgers_with(dir, detail, &Fields::ALL, each)
}

/// [`scan_ledgers`] whose [`Detail::Scoring`] ledgers hold only what
/// `reads` reads: of the participations' and activities' optional facts,
/// only [`Reads::fields`] (the other columns — a participation's speech,
/// half-days, late, left early, throughout; an activity's functions, link,
/// proposal and report details, hours … — are not decoded, nor checked:
/// [`Ledger::for_scoring_with`]), and only the participations of the
/// activities [`Reads::participations_in`] accepts (the others' ids are
/// resolved, so an unknown id is still found, but they are neither held
/// nor checked further: [`Ledger::hold_participations_only_of`]). Of the
/// activities of kinds `reads` never looks at ([`Reads::activities_of`]:
/// a preset never names liaison work, two fifths of a national year's
/// activities), only the ids are kept (`Ledger::activities_not_held`):
/// checked unique, but nothing else of those rows is read or checked. So
/// too of the subtypes it never looks at of a kind it does
/// ([`Reads::activities_of_subtype`]: of meetings, jinan-2015 looks at
/// plenary and standing-committee sessions only), whose kind-specific
/// columns are read to tell.
/// Under a rule set (`RuleSet` implements [`Reads`]) its scores are the same.
/// A [`Detail::Full`] read reads every column and participation whatever
/// `reads` says, and so does a committee read again the slow way.
pub fn scan_ledgers_with<T: Send>(
    dir: impl AsRef<Path>,
    detail: Detail,
    reads: &impl Reads,
    each: impl Fn(Ledger) -> T + Sync,
) -> Result<Vec<T>, LoadError> {
    let dir = dir.as_ref();
    let fields = if detail.has_text() { Fields::ALL } else { reads.fields() };
    let held = fields.participations;
    let keep_participation = move |name: &str| match name {
        "speech" => held.speech,
        "half_days" => held.half_days,
        "late" => held.late,
        "left_early" => held.left_early,
        "throughout" => held.throughout,
        _ => true,
    };
    let committees = committees_of(dir)?;
    let n = committees.len();
    let keep_activity = move |name: &str| {
        detail.has_text()
            || !FREE_TEXT.iter().any(|c| c.name() == name)
                && ActivityField::named(name).is_none_or(|f| fields.activities.has(f))
    };
    // A scoring read holds the activities of the kinds `reads` looks at;
    // of the others, only their ids.
    let kinds_held: Vec<bool> =
        ActivityKind::ALL.iter().map(|&k| detail.has_text() || reads.activities_of(k)).collect();
    let subtype_held = |k: ActivityKind, s: &str| detail.has_text() || reads.activities_of_subtype(k, s);
    let holds = Holds { kinds: &kinds_held, subtype: &subtype_held };
    let participation_file = TableFile::open(dir, Table::Participations)?;
    let keep_member = move |name: &str| detail.has_text() || !PERSONAL.iter().any(|c| c.name() == name);
    let mut members = Cursor::new(TableFile::open(dir, Table::Members)?, &keep_member);
    let mut activities = Cursor::new(TableFile::open(dir, Table::Activities)?, &keep_activity);

    let mut state: Vec<Pending> = (0..n).map(|_| Pending::default()).collect();
    let mut results: Vec<Option<Outcome<T>>> = (0..n).map(|_| None).collect();
    // Committees left to the slow path, and their first participation row.
    let mut slow: FxHashMap<usize, u64> = FxHashMap::default();
    // The first committee not yet built.
    let mut next = 0usize;
    let groups = participation_file.groups();
    // Four row groups per thread: each window's stages wait for their
    // slowest task, and more tasks per stage even them out (a national
    // year's cores were busy 1.78 of 2 against 1.69 with one per thread,
    // for 60 MB more).
    let window = 4 * rayon::current_num_threads().max(1);
    let windows: Vec<&[usize]> = groups.chunks(window).collect();
    // A window's complete committees: their participations checked and
    // indexed and `each` called, while the next window is decoded (so
    // that neither stage's last, longest task leaves a core idle).
    let finish = |done: Vec<(usize, Pending)>| -> Vec<(usize, u64, Option<Outcome<T>>)> {
        done.into_par_iter()
            .map(|(c, s)| {
                let first_row = s.first_row.unwrap_or(0);
                let Some(mut ledger) = s.ledger.filter(|_| !s.slow) else {
                    return (c, first_row, None);
                };
                let Gathered { parts, stretches } = s.parts;
                let batch = IndexedBatch { participations: parts, ..IndexedBatch::default() };
                let made = match ledger.add_indexed(batch) {
                    Ok(_) => Ok(each(ledger)),
                    Err(rejected) => Err(located(rejected.issues, &participation_file.name, |i| {
                        stretches.file_row(i).unwrap_or(first_row)
                    })),
                };
                (c, first_row, Some(made))
            })
            .collect()
    };
    let mut record = |made: Vec<(usize, u64, Option<Outcome<T>>)>| {
        for (c, first_row, r) in made {
            match r {
                Some(r) => results[c] = Some(r),
                None => {
                    slow.insert(c, first_row);
                }
            }
        }
    };
    let mut done: Vec<(usize, Pending)> = Vec::new();
    for w in 0..=windows.len() {
        // This window's participations (its row groups in parallel), and
        // the members and activities files as far as they hold its
        // committees: as far as the footer's statistics tell, alongside
        // (the cursors' row groups are few and large: on their own they
        // would leave all but one core idle), then checked.
        let ahead = windows.get(w).and_then(|gs| participation_file.last_committee(*gs.last()?));
        let previous = std::mem::take(&mut done);
        let ((decoded, read_ahead), made) = rayon::join(
            || {
                rayon::join(
                    || match windows.get(w) {
                        Some(gs) => gs
                            .par_iter()
                            .map(|&g| participation_file.decode(g, &keep_participation))
                            .collect::<Result<Vec<(Vec<Rows>, u64)>, ImportErrors>>(),
                        None => Ok(Vec::new()),
                    },
                    || match ahead {
                        Some(no) => {
                            let no = (no as usize).min(n.saturating_sub(1));
                            let (m, a) = rayon::join(|| members.advance(no), || activities.advance(no));
                            m.and(a)
                        }
                        None => Ok(()),
                    },
                )
            },
            || finish(previous),
        );
        record(made);
        let decoded = decoded?;
        read_ahead?;
        let last_no = decoded.iter().rev().flat_map(|(b, _)| b.iter().rev()).find_map(last_committee);
        // Committees up to `through` are complete once this window is in;
        // the window's last committee may go on in the next row group.
        let (upto, through) = match (w + 1 < windows.len(), last_no) {
            (true, Some(no)) => (no as usize, (no as usize).checked_sub(1)),
            _ => (n.saturating_sub(1), n.checked_sub(1)),
        };
        if n == 0 {
            break;
        }
        let upto = upto.min(n - 1);
        let (m, a) = rayon::join(|| members.through(upto), || activities.through(upto));
        let (m, a) = (m?, a?);
        // Each new committee's members and activities go into its ledger
        // first, checked and indexed by id, for the participations to be
        // resolved against. A committee whose records have problems is read
        // again the slow way, which reports every problem of it at once.
        let fresh: Vec<usize> =
            (next..=upto).filter(|&c| state[c].ledger.is_none() && !state[c].slow).collect();
        let built: Vec<Option<Ledger>> = fresh
            .par_iter()
            .map(|&c| {
                // No origins: a committee whose records have a problem is
                // read again by the record readers, which name the rows.
                let members = members_of(&m.rows(c)?)?;
                let (activities, activities_not_held) =
                    activities_of(&a.rows_and_details(c)?, detail, holds)?;
                let batch =
                    IndexedBatch { members, activities, activities_not_held, ..IndexedBatch::default() };
                let mut ledger = empty_ledger(committees[c].clone(), detail, fields);
                ledger.add_indexed(batch).ok()?;
                if !detail.has_text() {
                    ledger.hold_participations_read_by(reads);
                }
                Some(ledger)
            })
            .collect();
        for (c, r) in fresh.into_iter().zip(built) {
            match r {
                Some(r) => state[c].ledger = Some(r),
                None => state[c].slow = true,
            }
        }

        // This window's participations, resolved against their committees' ids.
        let ids: Vec<Option<&Ledger>> = state.iter().map(|s| s.ledger.as_ref()).collect();
        let pieces: Vec<Vec<Piece>> = decoded
            .par_iter()
            .map(|(batches, first_row)| resolve(batches, *first_row, &ids, n))
            .collect::<Result<_, ImportErrors>>()?;
        drop((ids, decoded));
        for piece in pieces.into_iter().flatten() {
            if (piece.committee as usize) < next {
                // A committee already built turns up again: rows out of order.
                return Err(bad_no(Table::Participations, piece.first_row, None).into());
            }
            let s = &mut state[piece.committee as usize];
            s.first_row.get_or_insert(piece.first_row);
            match piece.rows {
                _ if s.slow => {}
                Some(rows) => s.parts.append(rows),
                None => s.slow = true,
            }
        }

        // The committees complete, finished alongside the next window.
        let Some(through) = through.filter(|&t| t >= next) else { continue };
        done = (next..=through).map(|c| (c, std::mem::take(&mut state[c]))).collect();
        next = through + 1;
        members.release_before(next);
        activities.release_before(next);
    }

    record(finish(done));

    // Committees the fast path could not take, read again the slow way.
    let which: BTreeSet<usize> = slow.keys().copied().collect();
    let file_rows = match which.is_empty() {
        true => FileRows::default(),
        false => FileRows::of(&[&members.file, &activities.file, &participation_file], n)?,
    };
    for (c, ledger) in slow_path(dir, &which, detail, fields, &file_rows)? {
        let first_row = slow.get(&c).copied().unwrap_or(0);
        let row = |i: usize| first_row + i as u64;
        results[c] = Some(ledger.map(&each).map_err(|i| located(i, &participation_file.name, row)));
    }
    let mut out = Vec::with_capacity(n);
    let mut issues = Vec::new();
    for r in results {
        match r {
            Some(Ok(t)) => out.push(t),
            Some(Err(mut found)) => issues.append(&mut found),
            None => unreachable!("every committee is built by one path or the other"),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(LoadError::Rejected(lvzhi_core::BatchRejected { issues }))
    }
}

/// A committee's outcome: what `each` made of its ledger, or its problems.
type Outcome<T> = Result<T, Vec<Issue>>;

/// What is known of a committee while its rows are read.
#[derive(Default)]
struct Pending {
    /// Its members and activities, checked.
    ledger: Option<Ledger>,
    parts: Gathered,
    /// Its first participation's row in the file.
    first_row: Option<u64>,
    /// The fast path cannot take it.
    slow: bool,
}

/// The last committee number of a batch.
fn last_committee(rb: &Rows) -> Option<u32> {
    committee_nos(rb).and_then(|nos| nos.last().copied())
}

/// A table read along in committee order: the row groups decoded so far
/// and not yet released.
struct Cursor<'k> {
    file: TableFile,
    keep: &'k (dyn Fn(&str) -> bool + Sync),
    next_group: usize,
    batches: std::collections::VecDeque<(Rows, SharedDetails)>,
}

/// The decoded rows of a [`Cursor`], to look committees up in.
struct Held<'c> {
    batches: &'c std::collections::VecDeque<(Rows, SharedDetails)>,
}

impl Held<'_> {
    /// Committee `c`'s rows (batches are checked to be in committee order
    /// when decoded).
    fn rows(&self, c: usize) -> Option<Vec<Rows>> {
        Some(self.rows_and_details(c)?.into_iter().map(|(rb, _)| rb).collect())
    }

    /// [`Held::rows`], each slice with the details built from its batch so far.
    fn rows_and_details(&self, c: usize) -> Option<Vec<(Rows, &SharedDetails)>> {
        let c = u32::try_from(c).ok()?;
        let mut out = Vec::new();
        for (rb, details) in self.batches.iter() {
            let nos = committee_nos(rb)?;
            let (lo, hi) = (nos.partition_point(|&x| x < c), nos.partition_point(|&x| x <= c));
            if hi > lo {
                out.push((rb.slice(lo, hi - lo), details));
            }
        }
        Some(out)
    }
}

impl<'k> Cursor<'k> {
    fn new(file: TableFile, keep: &'k (dyn Fn(&str) -> bool + Sync)) -> Self {
        Cursor { file, keep, next_group: 0, batches: Default::default() }
    }

    /// Decodes row groups until every row of committees up to `c` is in hand.
    fn through(&mut self, c: usize) -> Result<Held<'_>, ImportErrors> {
        self.advance(c)?;
        Ok(Held { batches: &self.batches })
    }

    /// [`Cursor::through`] without looking.
    fn advance(&mut self, c: usize) -> Result<(), ImportErrors> {
        let groups = self.file.groups().len();
        while self.next_group < groups
            && self.batches.back().and_then(|(b, _)| last_committee(b)).is_none_or(|last| last as usize <= c)
        {
            let (batches, first_row) = self.file.decode(self.next_group, self.keep)?;
            for b in batches.into_iter().filter(|b| b.num_rows() > 0) {
                if !committee_nos(&b).is_some_and(|nos| nos.is_sorted()) {
                    return Err(bad_no(self.file.table, first_row, None));
                }
                self.batches.push_back((b, SharedDetails::default()));
            }
            self.next_group += 1;
        }
        Ok(())
    }

    /// Drops the batches holding only committees before `c`.
    fn release_before(&mut self, c: usize) {
        while self
            .batches
            .front()
            .and_then(|(b, _)| last_committee(b))
            .is_some_and(|last| (last as usize) < c)
        {
            self.batches.pop_front();
        }
    }
}

fn empty_ledger(committee: Committee, detail: Detail, fields: Fields) -> Ledger {
    match detail {
        Detail::Full => Ledger::new(committee),
        Detail::Scoring => Ledger::for_scoring_with(committee, fields),
    }
}

/// Participation issues name the file row, `row(index)` (the indexed path
/// keeps no origin per participation: 67 million of them would be 1.6 GB).
fn located(mut issues: Vec<Issue>, file: &Arc<str>, row: impl Fn(usize) -> u64) -> Vec<Issue> {
    for i in &mut issues {
        if i.table == Table::Participations && i.origin.is_none() {
            i.origin = Some(Origin { file: file.clone(), row: row(i.index) });
        }
    }
    issues
}

/// A committee's participations as resolved so far, and where each came
/// from in the file: rows of activities whose participations the ledger
/// does not hold are left out, so an index in `parts` is not an offset
/// from the committee's first row.
#[derive(Default)]
struct Gathered {
    parts: Vec<Participation>,
    stretches: Stretches,
}

impl Gathered {
    fn append(&mut self, mut more: Gathered) {
        self.stretches.append(self.parts.len(), more.stretches);
        match self.parts.is_empty() {
            true => self.parts = more.parts,
            false => self.parts.append(&mut more.parts),
        }
    }
}

/// Where runs of consecutive file rows start: (index in the list they
/// number, row in the file), by index. One entry when no row is left out.
#[derive(Default)]
struct Stretches(Vec<(usize, u64)>);

impl Stretches {
    /// `more`, numbered from `first`, after these.
    fn append(&mut self, first: usize, more: Stretches) {
        self.0.extend(more.0.into_iter().map(|(i, row)| (first + i, row)));
    }

    /// The file row of the entry at `index`.
    fn file_row(&self, index: usize) -> Option<u64> {
        let (i, row) = self.0[..self.0.partition_point(|&(i, _)| i <= index)].last()?;
        Some(row + (index - i) as u64)
    }
}

/// The committees in `which` read through [`ParquetReader`]: records with
/// their origins, every problem named.
fn slow_path(
    dir: &Path,
    which: &BTreeSet<usize>,
    detail: Detail,
    fields: Fields,
    rows: &FileRows,
) -> Result<Vec<(usize, Outcome<Ledger>)>, LoadError> {
    let mut out = Vec::new();
    let Some(&last) = which.last() else { return Ok(out) };
    for (i, tables) in ParquetReader::open(dir)?.enumerate().take(last + 1) {
        if !which.contains(&i) {
            continue;
        }
        let data = tables.and_then(|t| t.dataset()).map_err(|e| rows.load_error(i, e.into()))?;
        // The record readers read every column: the ledger holds more
        // than `fields`, which is harmless.
        let mut ledger = empty_ledger(data.committee, detail, fields);
        out.push((i, ledger.add(data.batch).map(|_| ledger).map_err(|r| rows.issues(i, r.issues))));
    }
    Ok(out)
}

/// Where each committee's rows start in each file, so that the problems
/// of the record readers (which name a table and count rows within a
/// committee) name the file and the row in it.
#[derive(Default)]
struct FileRows {
    /// Per file: the table its rows are named by, the file, and each
    /// committee's first row.
    files: Vec<(Table, Arc<str>, Vec<Option<u64>>)>,
}

impl FileRows {
    /// Reads the `committee_no` column of each file (only when some
    /// committee has to be read the slow way).
    fn of(files: &[&TableFile], n: usize) -> Result<FileRows, ImportErrors> {
        let mut out = FileRows::default();
        for file in files {
            let mut first = vec![None; n];
            for g in file.groups() {
                let (batches, mut row) = file.decode(g, &|_| false)?;
                for rb in &batches {
                    for (i, &no) in committee_nos(rb).unwrap_or_default().iter().enumerate() {
                        if let Some(slot) = first.get_mut(no as usize) {
                            slot.get_or_insert(row + i as u64);
                        }
                    }
                    row += rb.num_rows() as u64;
                }
            }
            out.files.push((file.table, file.name.clone(), first));
        }
        Ok(out)
    }

    /// `file` and `row` (counted within committee `c`) as the file and
    /// its row, for a table this knows; `None` otherwise.
    fn rebase(&self, c: usize, file: &str, row: u64) -> Option<(Arc<str>, u64)> {
        let (_, name, first) = self.files.iter().find(|(t, _, _)| t.name() == file)?;
        Some((name.clone(), first.get(c).copied().flatten()? + row))
    }

    fn issues(&self, c: usize, mut issues: Vec<Issue>) -> Vec<Issue> {
        for o in issues.iter_mut().filter_map(|i| i.origin.as_mut()) {
            if let Some((file, row)) = self.rebase(c, &o.file, o.row) {
                *o = Origin { file, row };
            }
        }
        issues
    }

    fn load_error(&self, c: usize, e: LoadError) -> LoadError {
        match e {
            LoadError::Import(mut errors) => {
                for at in errors.0.iter_mut().filter_map(ImportError::location_mut) {
                    if let Some((file, row)) = self.rebase(c, &at.file, at.row) {
                        (at.file, at.row) = (file, row);
                    }
                }
                LoadError::Import(errors)
            }
            LoadError::Rejected(mut rejected) => {
                rejected.issues = self.issues(c, rejected.issues);
                LoadError::Rejected(rejected)
            }
        }
    }
}

/// One table's Parquet file, decoded a row group at a time.
struct TableFile {
    table: Table,
    path: std::path::PathBuf,
    name: Arc<str>,
    /// The footer and the stored Arrow schema; `None` when the folder has no such table.
    meta: Option<(Arc<ParquetMetaData>, SchemaRef)>,
}

impl TableFile {
    fn open(dir: &Path, table: Table) -> Result<TableFile, ImportErrors> {
        let path = dir.join(file_of(table));
        let name: Arc<str> = path.display().to_string().into();
        let meta = match path.exists() {
            false => None,
            true => {
                let file =
                    File::open(&path).map_err(|source| ImportError::Io { file: name.clone(), source })?;
                let b = ParquetRecordBatchReaderBuilder::try_new(file).map_err(|e| fail(&name, e))?;
                Some((b.metadata().clone(), b.schema().clone()))
            }
        };
        Ok(TableFile { table, path, name, meta })
    }

    /// The last committee number of row group `group` by the footer's
    /// statistics (the largest, rows being in committee order), when it has them.
    fn last_committee(&self, group: usize) -> Option<u32> {
        let (meta, _) = self.meta.as_ref()?;
        let rg = meta.row_groups().get(group)?;
        let column = rg.columns().iter().find(|c| c.column_path().string() == COMMITTEE_NO)?;
        match column.statistics()? {
            parquet::file::statistics::Statistics::Int32(s) => u32::try_from(*s.max_opt()?).ok(),
            _ => None,
        }
    }

    fn groups(&self) -> Vec<usize> {
        (0..self.meta.as_ref().map_or(0, |(m, _)| m.num_row_groups())).collect()
    }

    /// Row group `group`'s columns that `keep` names (and `committee_no`),
    /// as one batch, and the file row it starts at. Text columns whose
    /// pages are all dictionary-encoded are read as dictionaries (each
    /// distinct value once), straight from their pages where
    /// [`pages`](super::pages) can; others as plain strings (turning those
    /// into a dictionary would hash every value).
    fn decode(
        &self,
        group: usize,
        keep: &(dyn Fn(&str) -> bool + Sync),
    ) -> Result<(Vec<Rows>, u64), ImportErrors> {
        let Some((meta, stored)) = &self.meta else { return Ok((Vec::new(), 0)) };
        let first_row: i64 = meta.row_groups()[..group].iter().map(|g| g.num_rows()).sum();
        let first_row = u64::try_from(first_row).unwrap_or(0);
        let chunk = meta.row_group(group);
        let schema = dictionary_schema(stored, |i| all_dictionary(chunk.column(i)));
        let fields = schema.fields();
        let columns: Vec<usize> = (0..fields.len())
            .filter(|&i| fields[i].name() == COMMITTEE_NO || keep(fields[i].name()))
            .collect();
        let file =
            File::open(&self.path).map_err(|source| ImportError::Io { file: self.name.clone(), source })?;
        let rows = usize::try_from(chunk.num_rows()).unwrap_or(0);
        if let Some(read) = self.own_pages(&file, group, &schema, &columns, rows)? {
            return Ok((vec![read], first_row));
        }
        let batches = self.arrow_reader(file, group, &schema, columns, rows)?;
        Ok((batches.into_iter().map(|batch| Rows { batch, keyed: Vec::new() }).collect(), first_row))
    }

    /// The rows of [`decode`](Self::decode) with its dictionary columns
    /// read by [`pages`](super::pages) and the rest (at least
    /// `committee_no`) by arrow-rs; `None` when there are no such columns
    /// or a page is not one `pages` expects.
    fn own_pages(
        &self,
        file: &File,
        group: usize,
        schema: &SchemaRef,
        columns: &[usize],
        rows: usize,
    ) -> Result<Option<Rows>, ImportErrors> {
        let Some((meta, _)) = &self.meta else { return Ok(None) };
        let chunk = meta.row_group(group);
        let (own, others): (Vec<usize>, Vec<usize>) = columns.iter().partition(|&&i| {
            matches!(schema.field(i).data_type(), DataType::Dictionary(..))
                && pages::readable(chunk.column(i))
        });
        if own.is_empty() || others.is_empty() || rows == 0 {
            return Ok(None);
        }
        let shared =
            Arc::new(file.try_clone().map_err(|source| ImportError::Io { file: self.name.clone(), source })?);
        let mut keyed = Vec::with_capacity(own.len());
        for &i in &own {
            match pages::read(shared.clone(), chunk.column(i), rows) {
                Ok(column) => keyed.push((Arc::from(schema.field(i).name().as_str()), column)),
                Err(_) => return Ok(None),
            }
        }
        let file = file.try_clone().map_err(|source| ImportError::Io { file: self.name.clone(), source })?;
        let mut batches = self.arrow_reader(file, group, schema, others, rows)?;
        match (batches.pop(), batches.is_empty()) {
            (Some(batch), true) if batch.num_rows() == rows => Ok(Some(Rows { batch, keyed })),
            _ => Ok(None),
        }
    }

    /// Columns `columns` of row group `group` read by arrow-rs, in one batch.
    fn arrow_reader(
        &self,
        file: File,
        group: usize,
        schema: &SchemaRef,
        columns: Vec<usize>,
        rows: usize,
    ) -> Result<Vec<RecordBatch>, ImportErrors> {
        let Some((meta, _)) = &self.meta else { return Ok(Vec::new()) };
        let mask = ProjectionMask::roots(meta.file_metadata().schema_descr(), columns);
        let options = ArrowReaderOptions::new().with_schema(schema.clone());
        let metadata =
            ArrowReaderMetadata::try_new(meta.clone(), options).map_err(|e| fail(&self.name, e))?;
        let reader = ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata)
            .with_projection(mask)
            .with_row_groups(vec![group])
            .with_batch_size(rows.max(1))
            .build()
            .map_err(|e| fail(&self.name, e))?;
        reader.map(|rb| rb.map_err(|e| fail(&self.name, e))).collect()
    }
}

fn fail(file: &Arc<str>, e: impl std::fmt::Display) -> ImportErrors {
    ImportError::Io { file: file.clone(), source: std::io::Error::other(e.to_string()) }.into()
}

/// Whether every data page of a column chunk is dictionary-encoded (the
/// test the Parquet format's page encoding statistics exist for).
fn all_dictionary(column: &parquet::file::metadata::ColumnChunkMetaData) -> bool {
    column.dictionary_page_offset().is_some()
        && column.page_encoding_stats_mask().is_some_and(|mask| {
            mask.is_only(Encoding::PLAIN_DICTIONARY) || mask.is_only(Encoding::RLE_DICTIONARY)
        })
}

fn committee_nos(rb: &Rows) -> Option<&[u32]> {
    let a = rb.column_by_name(COMMITTEE_NO)?.as_primitive_opt::<UInt32Type>()?;
    (a.null_count() == 0).then(|| a.values().as_ref())
}

fn bad_no(table: Table, row: u64, no: Option<u32>) -> ImportErrors {
    let what = match no {
        Some(no) => format!("row {row}: committee_no {no} names no committee of committees.json"),
        None => "the committee_no column is missing, not uint32, has empty cells, or is not in \
                 committee order"
            .to_string(),
    };
    ImportError::Io { file: file_of(table).into(), source: std::io::Error::other(what) }.into()
}

/// Runs of equal committee numbers, `nos` sorted: (start, length,
/// number). Each run's end is found by halving: a row group holds a few
/// committees' hundreds of thousands of rows.
fn runs(nos: &[u32]) -> Vec<(usize, usize, u32)> {
    debug_assert!(nos.is_sorted());
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(&no) = nos.get(start) {
        let len = nos[start..].partition_point(|&x| x == no);
        out.push((start, len, no));
        start += len;
    }
    out
}

/// Rows of a table as decoded: arrow-rs's batch (at least `committee_no`)
/// and the text columns [`pages`] read, by name.
#[derive(Clone)]
struct Rows {
    batch: RecordBatch,
    keyed: Vec<(Arc<str>, pages::Keyed)>,
}

impl Rows {
    fn num_rows(&self) -> usize {
        self.batch.num_rows()
    }

    /// Rows `offset..offset + len`, sharing the buffers.
    fn slice(&self, offset: usize, len: usize) -> Rows {
        Rows {
            batch: self.batch.slice(offset, len),
            keyed: self.keyed.iter().map(|(name, k)| (name.clone(), k.slice(offset, len))).collect(),
        }
    }

    /// Every column's name.
    fn names(&self) -> impl Iterator<Item = &str> {
        let batch = self.batch.schema_ref().fields().iter().map(|f| f.name().as_str());
        batch.chain(self.keyed.iter().map(|(name, _)| &**name))
    }

    /// A column arrow-rs read.
    fn column_by_name(&self, name: &str) -> Option<&ArrayRef> {
        self.batch.column_by_name(name)
    }

    /// A column `pages` read.
    fn keyed(&self, name: &str) -> Option<Dict<'_>> {
        let (_, k) = self.keyed.iter().find(|(n, _)| &**n == name)?;
        Some(Dict { keys: Some((&k.keys[..], None)), values: &k.values, may_be_null: k.has_nulls })
    }

    /// Text column `name` as a dictionary: `Some(None)` when the rows have
    /// no such column, `None` when it is not text.
    fn dict(&self, name: &str) -> Option<Option<Dict<'_>>> {
        if let Some(d) = self.keyed(name) {
            return Some(Some(d));
        }
        match self.batch.column_by_name(name) {
            None => Some(None),
            Some(a) => Dict::of(a).map(Some),
        }
    }
}

/// A text column as a dictionary: a key per row, each distinct value once.
/// A plain string column is its own dictionary (row `i`'s key is `i`).
struct Dict<'a> {
    /// Each row's key, and which rows have a value (`None`: all but those
    /// whose key is `values.len()`, as [`pages`] gives them).
    keys: Option<(&'a [i32], Option<&'a NullBuffer>)>,
    values: &'a StringArray,
    /// Whether a row may be empty (`false`: none is).
    may_be_null: bool,
}

impl<'a> Dict<'a> {
    fn of(a: &'a ArrayRef) -> Option<Dict<'a>> {
        match a.data_type() {
            DataType::Utf8 => {
                let values = a.as_string_opt::<i32>()?;
                Some(Dict { keys: None, values, may_be_null: values.null_count() > 0 })
            }
            _ => {
                let d = a.as_dictionary_opt::<Int32Type>()?;
                // Parquet's reader gives nullable columns a validity buffer
                // even when nothing is null.
                let nulls = d.nulls().filter(|n| n.null_count() > 0);
                Some(Dict {
                    keys: Some((&d.keys().values()[..], nulls)),
                    values: d.values().as_string_opt::<i32>()?,
                    may_be_null: nulls.is_some(),
                })
            }
        }
    }

    /// Row `i`'s key, `None` when null.
    #[inline]
    fn key(&self, i: usize) -> Option<usize> {
        match self.keys {
            Some((keys, nulls)) => {
                let key = keys[i] as usize;
                (key < self.values.len() && nulls.is_none_or(|n| n.is_valid(i))).then_some(key)
            }
            None => self.values.is_valid(i).then_some(i),
        }
    }

    /// The keys of rows `start..start + len` into `out`, a null as
    /// `values.len()` (one past every value, for lookup tables with a slot
    /// for empty cells).
    fn keys_into(&self, start: usize, len: usize, out: &mut Vec<u32>) {
        out.clear();
        out.resize(len, 0);
        self.fill(start, out, |o, key| {
            *o = key;
            Some(())
        });
    }

    /// `set(out[j], key)` for the key of each row `start + j`, a null as
    /// `values.len()`: one tight loop over the column's keys, whatever the
    /// column, with no buffer between; `None` as soon as `set` says so.
    fn fill<T>(
        &self,
        start: usize,
        out: &mut [T],
        mut set: impl FnMut(&mut T, u32) -> Option<()>,
    ) -> Option<()> {
        let null = self.values.len() as u32;
        let rows = start..start + out.len();
        match self.keys {
            Some((keys, nulls)) => {
                let keys = &keys[rows];
                match nulls {
                    None => out.iter_mut().zip(keys).try_for_each(|(o, &key)| set(o, key as u32)),
                    Some(valid) => out.iter_mut().zip(keys).zip(start..).try_for_each(|((o, &key), i)| {
                        set(o, if valid.is_valid(i) { key as u32 } else { null })
                    }),
                }
            }
            None => out
                .iter_mut()
                .zip(rows)
                .try_for_each(|(o, i)| set(o, if self.values.is_valid(i) { i as u32 } else { null })),
        }
    }

    fn text(&self, i: usize) -> Option<&'a str> {
        self.key(i).map(|k| self.values.value(k))
    }

    /// Every distinct value parsed once; `None` where it does not parse or
    /// would read differently through the CSV cell parsers.
    fn parsed<T>(&self, parse: impl Fn(&Cell) -> Result<T, crate::error::Problem>) -> Vec<Option<T>> {
        (0..self.values.len())
            .map(|k| {
                let s = self.values.value(k);
                if csv_differs(s) {
                    None
                } else {
                    parse(&Cell::Csv(s)).ok()
                }
            })
            .collect()
    }
}

/// A `Date32` value (days since 1970-01-01) as a date: what
/// `value_as_date` gives, by arithmetic (it goes through a date-time, at
/// three times the cost, for each of a national year's 7 million dates).
fn day(days: i32) -> Option<NaiveDate> {
    const UNIX_EPOCH_FROM_CE: i32 = 719_163;
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(UNIX_EPOCH_FROM_CE)?)
}

/// [`day`] remembered for the last 1,024 distinct days by their low bits:
/// a committee's activities fall on a few hundred days, and each
/// conversion costs some sixty instructions.
struct Days(Vec<(i32, Option<NaiveDate>)>);

impl Days {
    fn new() -> Days {
        Days(vec![(i32::MIN, day(i32::MIN)); 1024])
    }

    fn get(&mut self, days: i32) -> Option<NaiveDate> {
        let slot = &mut self.0[(days & 1023) as usize];
        if slot.0 != days {
            *slot = (days, day(days));
        }
        slot.1
    }
}

/// An id the cell parsers would keep as it is: not empty, ASCII, no blanks
/// or quote around it (so full-width folding and trimming change nothing).
fn plain_id(s: &str) -> bool {
    !s.is_empty() && s.is_ascii() && !csv_differs(s)
}

/// A committee's activities from typed columns, or `None` (read the slow
/// way) when a column or value is not one this path is sure of.
///
/// The kind-specific part ([`ActivityDetail`]) is built by the same
/// [`record::detail`] as every other reader, once per distinct combination
/// of kind-column values (a row group holds a few hundred): rows repeat
/// those far more than they differ.
///
/// Activities `holds` says no to are given by id only, in the second list:
/// nothing else of their rows is read, but for their kind-specific columns
/// when the kind is held and the subtype is not.
fn activities_of(
    batches: &[(Rows, &SharedDetails)],
    detail: Detail,
    holds: Holds,
) -> Option<(Vec<Activity>, Vec<ActivityId>)> {
    let rows = batches.iter().map(|(rb, _)| rb.num_rows()).sum();
    let mut out = Vec::with_capacity(rows);
    let mut not_held = Vec::new();
    let mut days = Days::new();
    for (rb, shared) in batches {
        for name in rb.names() {
            if name != COMMITTEE_NO && ActivityCol::ALL.iter().all(|c| c.name() != name) {
                return None;
            }
        }
        let id = rb.dict("activity_id")??;
        let kind = rb.dict("kind")??;
        let level = rb.dict("level")??;
        let functions = rb.dict("functions")?;
        let linked_to = rb.dict("linked_to")?;
        let date = rb.column_by_name("date")?.as_primitive_opt::<Date32Type>()?;
        let end_date = match rb.column_by_name("end_date") {
            Some(a) => Some(a.as_primitive_opt::<Date32Type>()?),
            None => None,
        };
        let (title, organizer) =
            if detail.has_text() { (Some(rb.dict("title")??), rb.dict("organizer")?) } else { (None, None) };
        let kinds = kind.parsed(value::vocab::<ActivityKind>);
        let levels = level.parsed(value::vocab::<Level>);
        let function_sets = functions.as_ref().map(|f| f.parsed(value::vocab_list::<Function>));
        let mut details = DetailCache::new(rb, shared)?;
        for i in 0..rb.num_rows() {
            let id = id.text(i).filter(|s| plain_id(s))?;
            let kind = kinds[kind.key(i)?]?;
            if !holds.kinds[kind as usize] {
                not_held.push(ActivityId(id.into()));
                continue;
            }
            let kind_detail = details.get(i, kind)?;
            if kind_detail.subtype().is_some_and(|s| !(holds.subtype)(kind, s)) {
                not_held.push(ActivityId(id.into()));
                continue;
            }
            let title = match &title {
                Some(t) => text(t.text(i)).filter(|s: &String| !s.is_empty())?,
                None => String::new(),
            };
            let organizer = match organizer.as_ref().and_then(|o| o.text(i)) {
                None | Some("") => None,
                Some(s) => Some(text(Some(s))?),
            };
            let linked_to = match linked_to.as_ref().and_then(|l| l.text(i)) {
                None => None,
                Some(s) => Some(ActivityId(Some(s).filter(|s| plain_id(s))?.into())),
            };
            let functions = match (&functions, &function_sets) {
                (Some(f), Some(sets)) => match f.key(i) {
                    Some(k) => sets[k].as_ref()?.iter().copied().collect(),
                    None => Default::default(),
                },
                _ => Default::default(),
            };
            out.push(Activity {
                id: ActivityId(id.into()),
                title,
                date: date.is_valid(i).then(|| days.get(date.value(i))).flatten()?,
                end_date: match end_date {
                    Some(e) if e.is_valid(i) => Some(days.get(e.value(i))?),
                    _ => None,
                },
                level: levels[level.key(i)?]?,
                functions,
                organizer,
                linked_to,
                detail: kind_detail,
            });
        }
    }
    Some((out, not_held))
}

/// A committee's members from typed columns, or `None` (read the slow
/// way, which names every problem) when a column or value is not one this
/// path is sure of. Vocabularies are parsed once per dictionary value and
/// dates taken as dates: the members of a national year are 650,000 rows.
fn members_of(batches: &[Rows]) -> Option<Vec<Member>> {
    let rows = batches.iter().map(Rows::num_rows).sum();
    let mut out = Vec::with_capacity(rows);
    for rb in batches {
        for name in rb.names() {
            if name != COMMITTEE_NO && MemberCol::ALL.iter().all(|c| c.name() != name) {
                return None;
            }
        }
        let column = |c: MemberCol| rb.dict(c.name());
        let date = |c: MemberCol| match rb.column_by_name(c.name()) {
            None => Some(None),
            Some(a) => a.as_primitive_opt::<Date32Type>().map(Some),
        };
        let id = column(MemberCol::MemberId)??;
        let name = column(MemberCol::Name)??;
        let sector = column(MemberCol::Sector)??;
        let texts: Vec<Option<Dict>> = [
            MemberCol::Ethnicity,
            MemberCol::Party,
            MemberCol::Committee,
            MemberCol::Employer,
            MemberCol::Title,
            MemberCol::LiaisonGroup,
            MemberCol::Phone,
            MemberCol::IdNumber,
        ]
        .into_iter()
        .map(column)
        .collect::<Option<Vec<_>>>()?;
        let [ethnicity, party, committee, employer, title, liaison_group, phone, id_number]: [Option<Dict>;
            8] = texts.try_into().ok()?;
        let (gender, roles) = (column(MemberCol::Gender)?, column(MemberCol::Roles)?);
        let genders = gender.as_ref().map(|g| g.parsed(value::vocab::<Gender>));
        let role_sets = roles.as_ref().map(|r| r.parsed(value::vocab_list::<Role>));
        let (birth_date, joined_on, left_on) =
            (date(MemberCol::BirthDate)?, date(MemberCol::JoinedOn)?, date(MemberCol::LeftOn)?);
        // An empty cell is no value (as in a CSV file); `None` overall when
        // the text would read differently through the cell parsers.
        let opt = |d: &Option<Dict>, i: usize| optional_text(d.as_ref(), i);
        let date_at =
            |a: Option<&arrow_array::PrimitiveArray<Date32Type>>, i: usize| -> Option<Option<NaiveDate>> {
                match a {
                    Some(a) if a.is_valid(i) => day(a.value(i)).map(Some),
                    _ => Some(None),
                }
            };
        for i in 0..rb.num_rows() {
            let required = |d: &Dict| optional_text(Some(d), i).flatten();
            out.push(Member {
                id: MemberId(id.text(i).filter(|s| plain_id(s))?.into()),
                name: required(&name)?,
                gender: match (&gender, &genders) {
                    (Some(g), Some(parsed)) => match g.key(i) {
                        Some(k) if !g.values.value(k).is_empty() => Some(parsed[k]?),
                        _ => None,
                    },
                    _ => None,
                },
                ethnicity: opt(&ethnicity, i)?,
                birth_date: date_at(birth_date, i)?,
                party: optional_text(party.as_ref(), i)?,
                sector: required(&sector)?,
                committee: optional_text(committee.as_ref(), i)?,
                roles: match (&roles, &role_sets) {
                    (Some(r), Some(sets)) => match r.key(i) {
                        Some(k) if !r.values.value(k).is_empty() => {
                            sets[k].as_ref()?.iter().copied().collect()
                        }
                        _ => Default::default(),
                    },
                    _ => Default::default(),
                },
                joined_on: date_at(joined_on, i)?,
                left_on: date_at(left_on, i)?,
                employer: opt(&employer, i)?,
                title: opt(&title, i)?,
                liaison_group: optional_text(liaison_group.as_ref(), i)?,
                personal: PersonalData { phone: opt(&phone, i)?, id_number: opt(&id_number, i)? },
            });
        }
    }
    Some(out)
}

/// Row `i`'s text: `Some(None)` when empty (no value, as in a CSV file),
/// `None` when the cell parsers would read it differently.
fn optional_text<T: for<'s> From<&'s str>>(d: Option<&Dict>, i: usize) -> Option<Option<T>> {
    match d.and_then(|d| d.text(i)) {
        None | Some("") => Some(None),
        s => text(s).map(Some),
    }
}

/// Text as the cell parsers read it, or `None` when they would change it:
/// a `String`, or a member's short text kept inline (`CompactString`).
fn text<T: for<'s> From<&'s str>>(s: Option<&str>) -> Option<T> {
    let s = s?;
    (!csv_differs(s)).then(|| T::from(s))
}

/// A kind-specific column as read.
enum KindColumn<'a> {
    Text(Dict<'a>),
    Flag(&'a BooleanArray),
    Count(&'a arrow_array::PrimitiveArray<UInt8Type>),
    Decimal(&'a Decimal128Array),
}

impl KindColumn<'_> {
    /// What identifies row `i`'s value among the row group's: the value
    /// for text and flags; for numbers only whether there is one (numbers
    /// vary from row to row and are set on the built detail, [`numbers`]).
    fn key(&self, i: usize) -> u64 {
        const NULL: u64 = u64::MAX;
        match self {
            KindColumn::Text(d) => d.key(i).map_or(NULL, |k| k as u64),
            KindColumn::Flag(a) if a.is_valid(i) => u64::from(a.value(i)),
            KindColumn::Flag(_) => NULL,
            KindColumn::Count(a) => u64::from(a.is_null(i)),
            KindColumn::Decimal(a) => u64::from(a.is_null(i)),
        }
    }

    /// [`KindColumn::key`] of rows `0..rows` into `out`, column-wise, in
    /// the few bits the packed key gives the column: a null text is the
    /// dictionary's length, a null flag 2.
    fn keys_into(&self, rows: usize, out: &mut Vec<u32>) {
        out.clear();
        match self {
            KindColumn::Text(d) => d.keys_into(0, rows, out),
            KindColumn::Flag(a) => {
                out.extend((0..rows).map(|i| if a.is_valid(i) { u32::from(a.value(i)) } else { 2 }))
            }
            KindColumn::Count(a) => out.extend((0..rows).map(|i| u32::from(a.is_null(i)))),
            KindColumn::Decimal(a) => out.extend((0..rows).map(|i| u32::from(a.is_null(i)))),
        }
    }

    /// Row `i`'s value as the text a CSV cell would hold.
    fn text(&self, i: usize) -> Option<String> {
        match self {
            KindColumn::Text(d) => d.text(i).map(str::to_string),
            KindColumn::Flag(a) => (!a.is_null(i)).then(|| a.value(i).to_string()),
            KindColumn::Count(a) => (!a.is_null(i)).then(|| a.value(i).to_string()),
            KindColumn::Decimal(a) => (!a.is_null(i)).then(|| a.value_as_string(i)),
        }
    }
}

/// Sets row `i`'s numbers (half-days, hours, amount) on a detail built
/// for a row with numbers in the same columns; `None` when a number does
/// not fit the model.
fn numbers<'c, 'a: 'c>(
    mut detail: ActivityDetail,
    columns: impl Iterator<Item = &'c (ActivityCol, KindColumn<'a>)>,
    i: usize,
) -> Option<ActivityDetail> {
    for (c, column) in columns {
        match (c, column, &mut detail) {
            (ActivityCol::HalfDays, KindColumn::Count(a), ActivityDetail::Meeting(m)) if a.is_valid(i) => {
                m.half_days = Some(a.value(i));
            }
            (ActivityCol::Hours | ActivityCol::Amount, KindColumn::Decimal(a), d) if a.is_valid(i) => {
                let scale = u32::try_from(a.scale()).ok()?;
                let value = rust_decimal::Decimal::try_from_i128_with_scale(a.value(i), scale).ok()?;
                match d {
                    ActivityDetail::Training(t) => t.hours = Some(value),
                    ActivityDetail::Liaison(l) => l.hours = Some(value),
                    ActivityDetail::Volunteering(v) => v.hours = Some(value),
                    ActivityDetail::Donation(d) => d.amount = value,
                    _ => return None,
                }
            }
            _ => {}
        }
    }
    Some(detail)
}

/// Kind details built from a decoded batch, by packed key.
type SharedDetails = std::sync::RwLock<FxHashMap<u128, Option<ActivityDetail>>>;

/// Details already built in this row group, by kind and kind-column values.
struct DetailCache<'a> {
    columns: Vec<(ActivityCol, KindColumn<'a>)>,
    /// The details of the whole decoded batch, shared by the committees
    /// cut from it (their keys are the batch's dictionary keys); `None`
    /// when keys are rows of a plain column, which no other slice shares.
    shared: Option<&'a SharedDetails>,
    /// Bits of each column's key in a packed key, when all fit in 128.
    packed: Option<Vec<u32>>,
    /// Then each row's columns' keys packed (the kind goes above them),
    /// computed column by column for the whole slice.
    row_keys: Vec<u128>,
    /// The bits of `row_keys`.
    column_bits: u32,
    built: FxHashMap<u128, Option<ActivityDetail>>,
    built_wide: FxHashMap<Vec<u64>, Option<ActivityDetail>>,
    key: Vec<u64>,
}

impl<'a> DetailCache<'a> {
    fn new(rb: &'a Rows, shared: &'a SharedDetails) -> Option<DetailCache<'a>> {
        let mut columns = Vec::new();
        for &c in KIND_COLUMNS {
            if let Some(d) = rb.keyed(c.name()) {
                columns.push((c, KindColumn::Text(d)));
                continue;
            }
            let Some(a) = rb.column_by_name(c.name()) else { continue };
            let column = match a.data_type() {
                DataType::Dictionary(..) => KindColumn::Text(Dict::of(a)?),
                DataType::Boolean => KindColumn::Flag(a.as_boolean_opt()?),
                DataType::UInt8 => KindColumn::Count(a.as_primitive_opt()?),
                DataType::Decimal128(..) => KindColumn::Decimal(a.as_primitive_opt()?),
                _ => return None,
            };
            columns.push((c, column));
        }
        // A key is the kind and each column's key; packed into one u128
        // (one hash of 16 bytes per row) when the dictionaries are small,
        // as vocabularies are.
        let bits: Vec<u32> = std::iter::once(4)
            .chain(columns.iter().map(|(_, c)| match c {
                // Keys 0..len, and len+1 values with null (u64::MAX, folded below).
                KindColumn::Text(d) => u64::BITS - (d.values.len() as u64 + 1).leading_zeros(),
                KindColumn::Flag(_) => 2,
                KindColumn::Count(_) | KindColumn::Decimal(_) => 1,
            }))
            .collect();
        let packed = (bits.iter().sum::<u32>() <= 128).then_some(bits);
        let by_dictionary =
            columns.iter().all(|(_, c)| !matches!(c, KindColumn::Text(d) if d.keys.is_none()));
        let (mut row_keys, mut column_bits) = (Vec::new(), 0);
        if let Some(bits) = &packed {
            row_keys = vec![0u128; rb.num_rows()];
            let mut keys = Vec::new();
            for ((_, column), &b) in columns.iter().zip(&bits[1..]) {
                column.keys_into(rb.num_rows(), &mut keys);
                for (packed, &k) in row_keys.iter_mut().zip(&keys) {
                    *packed = (*packed << b) | u128::from(k);
                }
                column_bits += b;
            }
        }
        Some(DetailCache {
            shared: (packed.is_some() && by_dictionary).then_some(shared),
            columns,
            packed,
            row_keys,
            column_bits,
            built: FxHashMap::default(),
            built_wide: FxHashMap::default(),
            key: Vec::new(),
        })
    }

    /// The number columns, whose values are set per row ([`numbers`]).
    fn number_columns(&self) -> impl Iterator<Item = &(ActivityCol, KindColumn<'a>)> {
        self.columns.iter().filter(|(_, c)| matches!(c, KindColumn::Count(_) | KindColumn::Decimal(_)))
    }

    fn get(&mut self, i: usize, kind: ActivityKind) -> Option<ActivityDetail> {
        let packed = self.packed.as_ref().map(|_| ((kind as u128) << self.column_bits) | self.row_keys[i]);
        if packed.is_none() {
            self.key.clear();
            self.key.push(kind as u64);
            self.key.extend(self.columns.iter().map(|(_, c)| c.key(i)));
        }
        let found = match packed {
            Some(k) => self.built.get(&k),
            None => self.built_wide.get(&self.key),
        };
        if let Some(d) = found {
            return numbers(d.clone()?, self.number_columns(), i);
        }
        let from_batch = match (self.shared, packed) {
            (Some(shared), Some(k)) => shared.read().ok().and_then(|m| m.get(&k).cloned()),
            _ => None,
        };
        if let (Some(d), Some(k)) = (from_batch, packed) {
            self.built.insert(k, d.clone());
            return numbers(d?, self.number_columns(), i);
        }
        let texts: Vec<Option<String>> = self.columns.iter().map(|(_, c)| c.text(i)).collect();
        let at = Location { file: file_of(Table::Activities).into(), row: i as u64, unit: Unit::Row };
        let mut row = Row::<ActivityCol>::new(at);
        let mut plain = true;
        for ((c, _), t) in self.columns.iter().zip(&texts) {
            if let Some(t) = t {
                plain &= !csv_differs(t);
                row.set(*c, c.name(), Cell::Csv(t));
            }
        }
        let built = record::detail(&mut row, kind).filter(|_| plain && row.is_ok());
        match packed {
            Some(k) => {
                if let Some(mut shared) = self.shared.and_then(|s| s.write().ok()) {
                    shared.insert(k, built.clone());
                }
                self.built.insert(k, built.clone())
            }
            None => self.built_wide.insert(self.key.clone(), built.clone()),
        };
        built
    }
}

/// A row group's participations of one committee, resolved; `rows` is
/// `None` when the fast path cannot take them.
struct Piece {
    committee: u32,
    /// Its first row in the file.
    first_row: u64,
    rows: Option<Gathered>,
}

/// The participations of one row group, committee by committee, their ids
/// resolved through the row group's dictionaries against `ids` (each
/// distinct id looked up once per committee).
fn resolve(
    batches: &[Rows],
    first_row: u64,
    ids: &[Option<&Ledger>],
    n: usize,
) -> Result<Vec<Piece>, ImportErrors> {
    let mut out = Vec::new();
    let mut offset = first_row;
    for rb in batches {
        let nos = committee_nos(rb)
            .filter(|nos| nos.is_sorted())
            .ok_or_else(|| bad_no(Table::Participations, offset, None))?;
        let columns = ParticipationColumns::of(rb);
        let mut caches = Caches::default();
        for (start, len, no) in runs(nos) {
            if no as usize >= n {
                return Err(bad_no(Table::Participations, offset + start as u64, Some(no)));
            }
            let first_row = offset + start as u64;
            let rows = match (&columns, ids[no as usize]) {
                (Some(c), Some(ids)) => c.gathered(start, len, first_row, no, ids, &mut caches),
                _ => None,
            };
            out.push(Piece { committee: no, first_row, rows });
        }
        offset += rb.num_rows() as u64;
    }
    Ok(out)
}

/// The participation columns of a row group, vocabularies parsed once.
struct ParticipationColumns<'a> {
    activity: Dict<'a>,
    member: Dict<'a>,
    role: Dict<'a>,
    /// By key, and `None` for an empty cell (a role is required).
    roles: Vec<Option<ParticipantRole>>,
    attendance: Option<Dict<'a>>,
    attendances: Vec<Option<Option<Attendance>>>,
    speech: Option<Dict<'a>>,
    speeches: Vec<Option<Option<Speech>>>,
    half_days: Option<&'a arrow_array::PrimitiveArray<UInt8Type>>,
    late: Option<&'a BooleanArray>,
    left_early: Option<&'a BooleanArray>,
    throughout: Option<&'a BooleanArray>,
}

/// An optional vocabulary column's values parsed, by key, and one more
/// slot for an empty cell: `Some(None)`; `None` where a value does not parse.
fn parsed<V: Vocabulary>(d: &Option<Dict>) -> Vec<Option<Option<V>>> {
    let Some(d) = d else { return Vec::new() };
    let mut table: Vec<Option<Option<V>>> =
        d.parsed(value::vocab::<V>).into_iter().map(|v| v.map(Some)).collect();
    table.push(Some(None));
    table
}

impl<'a> ParticipationColumns<'a> {
    fn of(rb: &'a Rows) -> Option<Self> {
        let flag = |name: &str| match rb.column_by_name(name) {
            None => Some(None),
            Some(a) => a.as_boolean_opt().map(Some),
        };
        let role = rb.dict("role")??;
        let attendance = rb.dict("attendance")?;
        let speech = rb.dict("speech")?;
        Some(ParticipationColumns {
            activity: rb.dict("activity_id")??,
            member: rb.dict("member_id")??,
            roles: role.parsed(value::vocab::<ParticipantRole>).into_iter().chain([None]).collect(),
            role,
            attendances: parsed(&attendance),
            attendance,
            speeches: parsed(&speech),
            speech,
            half_days: match rb.column_by_name("half_days") {
                None => None,
                Some(a) => Some(a.as_primitive_opt::<UInt8Type>()?),
            },
            late: flag("late")?,
            left_early: flag("left_early")?,
            throughout: flag("throughout")?,
        })
    }

    /// Rows `start..start + len`, all of committee `no` and starting at
    /// file row `first_row`: every one of them when `ledger` holds every
    /// participation, else only those of the activities whose participations
    /// it holds. The others' ids are resolved all the same and their cells
    /// checked (an unknown id or a value that does not parse sends the
    /// committee to the record readers, which report it), but no
    /// participation is built for them.
    fn gathered(
        &self,
        start: usize,
        len: usize,
        first_row: u64,
        no: u32,
        ledger: &Ledger,
        caches: &mut Caches,
    ) -> Option<Gathered> {
        if ledger.holds_all_participations() {
            let parts = self.rows(start, len, no, ledger, caches)?;
            return Some(Gathered { parts, stretches: Stretches(vec![(0, first_row)]) });
        }
        let tag = no + 1;
        let Caches { activities, members, scratch: [acts, mems] } = caches;
        let find_activity = next_activity(ledger);
        acts.resize(len, 0);
        ids(&self.activity, start, acts, tag, activities, find_activity, |o, a| *o = a)?;
        let find_member = |s: &str| Some(ledger.find_member(s)?.0);
        mems.resize(len, 0);
        ids(&self.member, start, mems, tag, members, find_member, |o, m| *o = m)?;
        // Every row's vocabulary cells checked, without building anything.
        every_row_reads(&self.role, &self.roles, start, len)?;
        if let Some(d) = &self.attendance {
            every_row_reads(d, &self.attendances, start, len)?;
        }
        if let Some(d) = &self.speech {
            every_row_reads(d, &self.speeches, start, len)?;
        }
        // The held rows come in runs (a file lists an activity's
        // participants together; whether they are held is asked once per
        // activity's run): each run built column by column.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut j = 0;
        for rows in acts.chunk_by(|a, b| a == b) {
            let (a, end) = (rows[0], j + rows.len());
            if a != LET_GO && ledger.holds_participations_of(ActivityIx(a)) {
                match runs.last_mut() {
                    Some((_, last)) if *last == j => *last = end,
                    _ => runs.push((j, end)),
                }
            }
            j = end;
        }
        let blank = Participation::new(ActivityIx(0), MemberIx(0), ParticipantRole::Participant);
        let mut parts = vec![blank; runs.iter().map(|(a, b)| b - a).sum()];
        let mut stretches = Vec::with_capacity(runs.len());
        let mut at = 0;
        for (a, b) in runs {
            let out = &mut parts[at..at + (b - a)];
            for ((p, &act), &member) in out.iter_mut().zip(&acts[a..b]).zip(&mems[a..b]) {
                (p.activity, p.member) = (ActivityIx(act), MemberIx(member));
            }
            self.cells(start + a, out)?;
            stretches.push((at, first_row + a as u64));
            at += b - a;
        }
        Some(Gathered { parts, stretches: Stretches(stretches) })
    }

    /// Rows `start..start + len`, all of committee `no`: filled column by
    /// column, each a tight loop over the column's keys through a lookup
    /// table (parsed once per distinct value), not row by row through every
    /// column's `Option`s: this runs for each of a national year's 67
    /// million participations.
    fn rows(
        &self,
        start: usize,
        len: usize,
        no: u32,
        ledger: &Ledger,
        caches: &mut Caches,
    ) -> Option<Vec<Participation>> {
        let blank = Participation::new(ActivityIx(0), MemberIx(0), ParticipantRole::Participant);
        let mut out = vec![blank; len];
        let Caches { activities, members, .. } = caches;
        // Ids: each distinct key looked up once per committee. Cache entries
        // are tagged committee + 1: the same id text may name different
        // records in different committees.
        let tag = no + 1;
        let find_activity = next_activity(ledger);
        ids(&self.activity, start, &mut out, tag, activities, find_activity, |p, a| {
            p.activity = ActivityIx(a)
        })?;
        let find_member = |s: &str| Some(ledger.find_member(s)?.0);
        ids(&self.member, start, &mut out, tag, members, find_member, |p, m| p.member = MemberIx(m))?;
        self.cells(start, &mut out)?;
        Some(out)
    }

    /// Every column but the ids of rows `start..start + out.len()` into
    /// `out`; `None` where a cell does not parse.
    fn cells(&self, start: usize, out: &mut [Participation]) -> Option<()> {
        let len = out.len();
        self.role.fill(start, out, |p, k| {
            p.role = self.roles[k as usize]?;
            Some(())
        })?;
        if let Some(d) = &self.attendance {
            d.fill(start, out, |p, k| {
                p.attendance = self.attendances[k as usize]?;
                Some(())
            })?;
        }
        if let Some(d) = &self.speech {
            d.fill(start, out, |p, k| {
                p.speech = self.speeches[k as usize]?;
                Some(())
            })?;
        }
        if let Some(a) = self.half_days.map(|a| a.slice(start, len)) {
            match a.null_count() {
                0 => out.iter_mut().zip(a.values().iter()).for_each(|(p, &v)| p.half_days = Some(v)),
                _ => {
                    for (j, (p, &v)) in out.iter_mut().zip(a.values().iter()).enumerate() {
                        p.half_days = a.is_valid(j).then_some(v);
                    }
                }
            }
        }
        let flags =
            |a: Option<&BooleanArray>, out: &mut [Participation], set: fn(&mut Participation, bool)| {
                let Some(a) = a.map(|a| a.slice(start, len)) else { return };
                match a.null_count() {
                    0 => out.iter_mut().zip(a.values().iter()).for_each(|(p, v)| set(p, v)),
                    _ => {
                        for (j, (p, v)) in out.iter_mut().zip(a.values().iter()).enumerate() {
                            if a.is_valid(j) {
                                set(p, v);
                            }
                        }
                    }
                }
            };
        flags(self.late, out, |p, v| p.late = v);
        flags(self.left_early, out, |p, v| p.left_early = v);
        flags(self.throughout, out, |p, v| p.throughout = Some(v));
        Some(())
    }
}

/// Whether every row of `start..start + len` reads through `table` (by
/// key, the empty cell's entry last): answered from the table alone when
/// every value and the empty cell read (or no row is empty), else row by
/// row. A row group's vocabulary columns hold a few values that all read.
fn every_row_reads<T>(d: &Dict, table: &[Option<T>], start: usize, len: usize) -> Option<()> {
    let (values, empty) = table.split_at_checked(d.values.len())?;
    let empty_reads = empty.first().is_some_and(Option::is_some);
    if values.iter().all(Option::is_some) && (empty_reads || !d.may_be_null) {
        return Some(());
    }
    let mut each_row = vec![(); len];
    d.fill(start, &mut each_row, |_, k| table.get(k as usize)?.as_ref().map(drop))
}

/// What [`next_activity`] finds for an activity the ledger knows of but
/// does not hold (`Ledger::activities_not_held`): its participations are
/// let go.
const LET_GO: u32 = u32::MAX;

/// Finds activities by id, trying first the one after the last found
/// (held, then not held): a file lists a committee's participations
/// activity by activity, in the activities' order, so one or two
/// comparisons of ids usually replace a hash lookup.
fn next_activity(ledger: &Ledger) -> impl Fn(&str) -> Option<u32> + '_ {
    let next = std::cell::Cell::new(0u32);
    let next_not_held = std::cell::Cell::new(0usize);
    let not_held = ledger.activities_not_held();
    move |s: &str| {
        let guess = next.get();
        let found = match ledger.activities().get(guess as usize) {
            Some(a) if a.id.0 == s => Some(guess),
            _ => None,
        };
        let other = next_not_held.get();
        let found = match found {
            Some(a) => a,
            None if not_held.get(other).is_some_and(|id| id.0 == s) => {
                next_not_held.set(other + 1);
                return Some(LET_GO);
            }
            None => match ledger.find_activity(s) {
                Some(a) => a.0,
                None => {
                    next_not_held.set(ledger.find_activity_not_held(s)? + 1);
                    return Some(LET_GO);
                }
            },
        };
        next.set(found + 1);
        Some(found)
    }
}

/// Sets each participation's index from an id column through `cache`
/// (by dictionary key: the index found for committee `tag - 1`, tagged
/// with `tag`), looking each distinct key up once; `None` when an id is
/// unknown or not in normal form.
fn ids<T>(
    dict: &Dict,
    start: usize,
    out: &mut [T],
    tag: u32,
    cache: &mut Vec<(u32, u32)>,
    find: impl Fn(&str) -> Option<u32>,
    set: impl Fn(&mut T, u32),
) -> Option<()> {
    // Out of line: a key is looked up once and then found in the cache
    // for every other row, so the loop stays small enough to inline.
    #[cold]
    #[inline(never)]
    fn miss(dict: &Dict, k: u32, find: &dyn Fn(&str) -> Option<u32>) -> Option<u32> {
        let s = (k < dict.values.len() as u32).then(|| dict.values.value(k as usize))?;
        // Found, `s` is a record's id exactly, and every record this path
        // builds has an id in normal form: text the cell parsers would read
        // otherwise (" M1") matches no record and goes the slow way.
        let found = find(s);
        debug_assert!(found.is_none() || plain_id(s), "{s:?}");
        found
    }
    cache.resize(dict.values.len() + 1, (0, 0));
    dict.fill(start, out, |p, k| {
        let slot = &mut cache[k as usize];
        if slot.0 != tag {
            *slot = (tag, miss(dict, k, &find)?);
        }
        set(p, slot.1);
        Some(())
    })
}

/// What [`ParticipationColumns::rows`] reuses from one committee to the
/// next of a row group: the id caches.
#[derive(Default)]
struct Caches {
    /// By dictionary key: (committee + 1, index).
    activities: Vec<(u32, u32)>,
    members: Vec<(u32, u32)>,
    /// Buffers for [`ParticipationColumns::gathered`]: activity indexes
    /// and member indexes, by row.
    scratch: [Vec<u32>; 2],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_the_dates_arrow_gives() {
        let days: Vec<i32> = [-719_162, -1, 0, 1, 10_957, 20_089, 2_932_896, i32::MIN, i32::MAX]
            .into_iter()
            .chain((-800..800).map(|d| d * 97))
            .collect();
        let array = arrow_array::PrimitiveArray::<Date32Type>::from(days.clone());
        for (i, &d) in days.iter().enumerate() {
            assert_eq!(day(d), array.value_as_date(i), "{d}");
        }
        assert_eq!(day(0), NaiveDate::from_ymd_opt(1970, 1, 1));
        // Remembered, the same dates, in any order and with collisions.
        let mut remembered = Days::new();
        for &d in days.iter().chain(days.iter().rev()).chain(&[1024, 0, 2048, i32::MIN, 1024]) {
            assert_eq!(remembered.get(d), day(d), "{d}");
        }
    }

    #[test]
    fn the_next_activity_guess_finds_what_the_index_finds() {
        let data = crate::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap();
        let full = data.into_ledger().unwrap();
        // Runs of activities known by id only between held ones, as a
        // file lists kinds a scoring read does not hold.
        let (mut held, mut not_held) = (Vec::new(), Vec::new());
        for (i, a) in full.activities().iter().enumerate() {
            match i % 7 {
                2..=4 => not_held.push(a.id.clone()),
                _ => held.push(a.clone()),
            }
        }
        let mut lean = Ledger::new(full.committee().clone());
        let batch =
            IndexedBatch { activities: held, activities_not_held: not_held, ..IndexedBatch::default() };
        lean.add_indexed(batch).unwrap();
        assert!(lean.activities_not_held().len() > 10 && lean.activities().len() > 20);
        let ids: Vec<&str> = full.activities().iter().map(|a| a.id.0.as_str()).collect();
        for ledger in [&full, &lean] {
            let find = next_activity(ledger);
            // In order, backwards, skipping, again from the start, unknown.
            let skipping = ids.iter().step_by(3);
            let asked =
                ids.iter().chain(ids.iter().rev()).chain(skipping).chain(&ids[..2]).chain(&["NONE", ""]);
            for id in asked {
                let want = match (ledger.find_activity(id), ledger.find_activity_not_held(id)) {
                    (Some(a), _) => Some(a.0),
                    (None, Some(_)) => Some(LET_GO),
                    (None, None) => None,
                };
                assert_eq!(find(id), want, "{id}");
            }
        }
    }

    #[test]
    fn runs_are_the_stretches_of_equal_numbers() {
        assert_eq!(runs(&[]), vec![]);
        assert_eq!(runs(&[7]), vec![(0, 1, 7)]);
        assert_eq!(runs(&[0, 0, 0, 2, 5, 5, 9]), vec![(0, 3, 0), (3, 1, 2), (4, 2, 5), (6, 1, 9)]);
        let long: Vec<u32> = (0..10_000u32).map(|i| i / 3_000).collect();
        assert_eq!(runs(&long), vec![(0, 3000, 0), (3000, 3000, 1), (6000, 3000, 2), (9000, 1000, 3)]);
    }

    #[test]
    fn stretches_give_each_gathered_participation_its_file_row() {
        // Two pieces of one committee: rows 100.. with offsets 0, 1, 2, 5, 9
        // kept, then rows 500.. with every row kept.
        let mut g = Gathered::default();
        let blank = Participation::new(ActivityIx(0), MemberIx(0), ParticipantRole::Participant);
        let kept = [0, 1, 2, 5, 9];
        let stretches = Stretches(vec![(0, 100), (3, 105), (4, 109)]);
        g.append(Gathered { parts: vec![blank; kept.len()], stretches });
        g.append(Gathered { parts: vec![blank; 3], stretches: Stretches(vec![(0, 500)]) });
        let rows: Vec<Option<u64>> = (0..9).map(|i| g.stretches.file_row(i)).collect();
        let want = [100, 101, 102, 105, 109, 500, 501, 502, 503].map(Some);
        assert_eq!(rows, want);
        assert_eq!(g.parts.len(), 8);
        assert_eq!(Stretches::default().file_row(0), None);
    }
}
