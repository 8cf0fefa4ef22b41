//! `parquet::read_ledgers` (columnar, all cores) reads what the record
//! readers read, and names the same problems.
#![cfg(feature = "parquet")]

use lvzhi_core::*;
use lvzhi_io::parquet::{read_ledgers, scan_ledgers, ParquetWriter};
use lvzhi_io::LoadError;
use lvzhi_rules::{evaluate, RuleSet};

fn sample() -> Dataset {
    lvzhi_io::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")).unwrap()
}

/// A folder holding `datasets` as its committees.
fn folder(datasets: &[&Dataset]) -> tempfile::TempDir {
    folder_in_groups(datasets, 1 << 20)
}

fn folder_in_groups(datasets: &[&Dataset], rows: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut w = ParquetWriter::create(dir.path()).unwrap().row_group_rows(rows);
    for d in datasets {
        w.write(&d.committee, &d.batch).unwrap();
    }
    w.finish().unwrap();
    dir
}

/// Writes `table`'s file again as another writer would: each batch through
/// `edit`, with `props` (statistics, row groups …).
fn rewrite(
    dir: &std::path::Path,
    table: &str,
    props: Option<parquet::file::properties::WriterProperties>,
    edit: impl Fn(arrow_array::RecordBatch) -> arrow_array::RecordBatch,
) {
    let path = dir.join(format!("{table}.parquet"));
    let file = std::fs::File::open(&path).unwrap();
    let builder = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    // One batch per row group, so that `edit` sees rows by their place in it.
    let builder = builder.with_batch_size(1 << 20);
    let batches: Vec<_> = builder.build().unwrap().map(|rb| edit(rb.unwrap())).collect();
    let out = std::fs::File::create(&path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(out, batches[0].schema(), props).unwrap();
    for b in &batches {
        w.write(b).unwrap();
    }
    w.close().unwrap();
}

#[test]
fn every_committee_reads_as_its_records_do() {
    let data = sample();
    let mut other = sample();
    other.committee.name = "政协另一县委员会".into();
    // The same ids in three committees: each must resolve within its own.
    let dir = folder(&[&data, &other, &data]);
    let ledgers = read_ledgers(dir.path(), Detail::Full).unwrap();
    let want = data.clone().into_ledger().unwrap();
    assert_eq!(ledgers.len(), 3);
    for (i, l) in ledgers.iter().enumerate() {
        assert_eq!(l.detail(), Detail::Full);
        assert_eq!(l.members(), want.members(), "committee {i}");
        assert_eq!(l.activities(), want.activities(), "committee {i}");
        assert_eq!(l.participations(), want.participations(), "committee {i}");
    }
    assert_eq!(ledgers[0], want);
    assert_eq!(ledgers[1].committee().name, "政协另一县委员会");
}

#[test]
fn ids_the_cell_parsers_would_read_otherwise_read_as_they_would() {
    // A participation's member id with a blank after it, and another's in
    // full-width letters: the cell parsers read both as the member's id,
    // and so does the scan (such text matches no record as it is, and the
    // committee is read the slow way).
    let data = sample();
    let dir = folder(&[&data, &data]);
    let n = data.batch.participations.len();
    let (blank, wide) = (n + 3, n + 5);
    rewrite(dir.path(), "participations", None, |rb| {
        use arrow_array::{cast::AsArray, types::Int32Type, Array, RecordBatch, StringArray};
        let at = rb.schema().index_of("member_id").unwrap();
        let column = rb.column(at);
        let text = |i: usize| match column.as_dictionary_opt::<Int32Type>() {
            Some(d) => d.values().as_string::<i32>().value(d.keys().value(i) as usize).to_string(),
            None => column.as_string::<i32>().value(i).to_string(),
        };
        let edited: StringArray = (0..column.len())
            .map(|i| match i {
                _ if i == blank => Some(format!("{} ", text(i))),
                _ if i == wide => Some(
                    text(i)
                        .chars()
                        .map(|c| match c {
                            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                            c => c,
                        })
                        .collect(),
                ),
                _ => Some(text(i)),
            })
            .collect();
        let mut columns = rb.columns().to_vec();
        columns[at] = std::sync::Arc::new(edited);
        let names = rb.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
        RecordBatch::try_from_iter(names.into_iter().zip(columns)).unwrap()
    });
    let want = data.clone().into_ledger().unwrap();
    for l in read_ledgers(dir.path(), Detail::Full).unwrap() {
        assert_eq!(l.participations(), want.participations());
    }
}

#[test]
fn committees_split_across_row_groups_read_whole() {
    let data = sample();
    let want = data.clone().into_ledger().unwrap();
    let five = [&data; 5];
    // Row groups of 1,000 rows: every committee spans several, and a
    // group holds the end of one committee and the start of the next.
    for threads in [1, 2, 3] {
        let dir = folder_in_groups(&five, 1000);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let counts = pool
            .install(|| scan_ledgers(dir.path(), Detail::Full, |l| (l == want, l.participations().len())))
            .unwrap();
        assert_eq!(counts, vec![(true, want.participations().len()); 5], "{threads} threads");
    }
}

#[test]
fn a_scoring_read_has_no_titles_and_scores_the_same() {
    let data = sample();
    let dir = folder(&[&data]);
    let scoring = read_ledgers(dir.path(), Detail::Scoring).unwrap().remove(0);
    let full = data.into_ledger().unwrap();
    assert_eq!(scoring.detail(), Detail::Scoring);
    assert!(scoring.activities().iter().all(|a| a.title.is_empty() && a.organizer.is_none()));
    assert!(scoring.members().iter().all(|m| m.personal.phone.is_none() && m.employer.is_none()));
    assert!(full.members().iter().any(|m| m.personal.phone.is_some()), "the sample has phones to leave out");
    let names =
        |l: &Ledger| l.members().iter().map(|m| (m.name.clone(), m.sector.clone())).collect::<Vec<_>>();
    assert_eq!(names(&scoring), names(&full));
    assert_eq!(scoring.participations(), full.participations());
    for preset in ["tongcheng-2019", "jinan-2015", "minhang"] {
        let rules = RuleSet::preset(preset).unwrap();
        let (a, b) =
            (evaluate(&scoring, &rules, Period::year(2025)), evaluate(&full, &rules, Period::year(2025)));
        assert_eq!(a, b, "{preset}");
    }
}

#[test]
fn problems_name_the_file_and_row() {
    let good = sample();
    let mut bad = sample();
    // A participant listed twice: the second listing is the problem.
    let dup = bad.batch.participations[5].clone();
    bad.batch.participations.push(dup);
    let dir = folder(&[&good, &bad]);
    let Err(LoadError::Rejected(rejected)) = read_ledgers(dir.path(), Detail::Scoring) else {
        panic!("a duplicate participant must be refused")
    };
    let issue = &rejected.issues[0];
    assert!(matches!(issue.error, ValidationError::DuplicateParticipant { .. }), "{issue:?}");
    let origin = issue.origin.as_ref().unwrap();
    assert!(origin.file.ends_with("participations.parquet"), "{origin}");
    // Rows count from 0 over the whole file: the good committee's rows come first.
    let row = good.batch.participations.len() + bad.batch.participations.len() - 1;
    assert_eq!(origin.row, row as u64);
}

#[test]
fn an_unknown_member_is_named_as_by_the_record_readers() {
    // The fast path cannot resolve the id, so the committee is read again
    // through the record readers; the problem still names the file row.
    let good = sample();
    let mut bad = sample();
    bad.batch.participations[3].member_id = "NOBODY".into();
    let dir = folder(&[&good, &bad]);
    let Err(LoadError::Rejected(rejected)) = read_ledgers(dir.path(), Detail::Scoring) else {
        panic!("an unknown member must be refused")
    };
    assert_eq!(rejected.issues.len(), 1, "{:?}", rejected.issues);
    let issue = &rejected.issues[0];
    assert_eq!(issue.error, ValidationError::UnknownMember("NOBODY".into()));
    let origin = issue.origin.as_ref().expect("a file row");
    assert!(origin.file.ends_with("participations.parquet"), "{origin}");
    assert_eq!(origin.row, (good.batch.participations.len() + 3) as u64);
}

#[test]
fn a_folder_without_committees_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let e = read_ledgers(dir.path(), Detail::Scoring).unwrap_err().to_string();
    assert!(e.contains("committees.json"), "{e}");
}

#[test]
fn committees_out_of_order_are_an_error_not_a_loss() {
    use arrow_array::{RecordBatch, UInt32Array};
    let data = sample();
    let dir = folder_in_groups(&[&data, &data], 1000);
    // Rewrite participations.parquet with its committee numbers reversed.
    rewrite(dir.path(), "participations", None, |rb| {
        let nos = rb.column(0).as_any().downcast_ref::<UInt32Array>().unwrap();
        let flipped = UInt32Array::from_iter_values(nos.values().iter().map(|n| 1 - n));
        let mut columns = rb.columns().to_vec();
        columns[0] = std::sync::Arc::new(flipped);
        RecordBatch::try_new(rb.schema(), columns).unwrap()
    });
    let e = read_ledgers(dir.path(), Detail::Scoring).unwrap_err().to_string();
    assert!(e.contains("committee order"), "{e}");
}

#[test]
fn a_member_problem_and_a_participation_problem_are_reported_together() {
    // A committee whose records have a problem is read again the slow way,
    // which still reports its participations' problems, by file row.
    let good = sample();
    let mut bad = sample();
    bad.batch.members[2].sector = "没有这个界别".into();
    let dup = bad.batch.participations[5].clone();
    bad.batch.participations.push(dup);
    let dir = folder(&[&good, &bad]);
    let Err(LoadError::Rejected(rejected)) = read_ledgers(dir.path(), Detail::Scoring) else {
        panic!("an unknown sector must be refused")
    };
    let errors: Vec<&ValidationError> = rejected.issues.iter().map(|i| &i.error).collect();
    assert_eq!(rejected.issues.len(), 2, "{errors:?}");
    let sector = &rejected.issues[0];
    assert_eq!(sector.error, ValidationError::UnknownSector("没有这个界别".into()));
    // Rows count over the whole file, as for participations.
    let origin = sector.origin.as_ref().expect("a file row");
    assert!(origin.file.ends_with("members.parquet"), "{origin}");
    assert_eq!(origin.row, (good.batch.members.len() + 2) as u64);
    let duplicate = &rejected.issues[1];
    assert!(matches!(duplicate.error, ValidationError::DuplicateParticipant { .. }), "{duplicate:?}");
    let origin = duplicate.origin.as_ref().expect("a file row");
    assert!(origin.file.ends_with("participations.parquet"), "{origin}");
    let row = good.batch.participations.len() + bad.batch.participations.len() - 1;
    assert_eq!(origin.row, row as u64);
}

#[test]
fn files_without_statistics_read_the_same() {
    // The reader decodes members and activities ahead as far as the
    // participations' footer statistics say; files without statistics
    // (other writers) are read without looking ahead, to the same ledgers.
    use parquet::file::properties::{EnabledStatistics, WriterProperties};
    let data = sample();
    let want = data.clone().into_ledger().unwrap();
    let dir = folder_in_groups(&[&data; 4], 1000);
    for table in ["members", "activities", "participations"] {
        let props = WriterProperties::builder()
            .set_statistics_enabled(EnabledStatistics::None)
            .set_max_row_group_row_count(Some(700))
            .build();
        rewrite(dir.path(), table, Some(props), |rb| rb);
    }
    let ledgers = read_ledgers(dir.path(), Detail::Full).unwrap();
    assert_eq!(ledgers.len(), 4);
    for l in &ledgers {
        assert_eq!(l, &want);
    }
}

#[test]
fn a_member_cell_that_does_not_parse_is_named_as_by_the_record_readers() {
    // The typed member path leaves a value it cannot parse to the record
    // readers, whose problem names the file, row and column.
    use arrow_array::{Array, RecordBatch, StringArray};
    let data = sample();
    let dir = folder(&[&data, &data]);
    rewrite(dir.path(), "members", None, |rb| {
        let at = rb.schema().index_of("gender").unwrap();
        let genders = rb.column(at).as_any().downcast_ref::<StringArray>().unwrap();
        // The second committee's fourth member.
        let edited: StringArray = (0..genders.len())
            .map(|i| match i == data.batch.members.len() + 3 {
                true => Some("外星"),
                false => genders.is_valid(i).then(|| genders.value(i)),
            })
            .collect();
        let mut columns = rb.columns().to_vec();
        columns[at] = std::sync::Arc::new(edited);
        RecordBatch::try_new(rb.schema(), columns).unwrap()
    });
    let e = read_ledgers(dir.path(), Detail::Full).unwrap_err().to_string();
    let LoadError::Import(errors) = read_ledgers(dir.path(), Detail::Full).unwrap_err() else {
        panic!("an import error")
    };
    let [lvzhi_io::ImportError::Cell { at, header, .. }] = &errors.0[..] else { panic!("{errors:?}") };
    assert_eq!(header, "gender");
    assert!(at.file.ends_with("members.parquet"), "{at:?}");
    assert_eq!(at.row, (data.batch.members.len() + 3) as u64, "the row in the file");
    assert!(e.contains("外星"), "{e}");
}

#[test]
fn a_scoring_read_of_some_participation_facts_leaves_the_others_empty() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let full = data.clone().into_ledger().unwrap();
    let dir = folder(&[&data]);
    let fields = ParticipationFields { speech: true, ..ParticipationFields::NONE };
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &fields, |l| l).unwrap().remove(0);
    assert_eq!(lean.participation_fields(), fields);
    assert_eq!(full.participation_fields(), ParticipationFields::ALL);
    let others =
        |p: &Participation| p.half_days.is_some() || p.late || p.left_early || p.throughout.is_some();
    assert!(full.participations().iter().any(others), "the sample records half-days, lateness …");
    assert!(!lean.participations().iter().any(others));
    // What is kept is as read in full.
    let speeches = |l: &Ledger| {
        let mut v: Vec<_> = l.participations().iter().map(|p| (p.activity, p.member, p.speech)).collect();
        v.sort_by_key(|&(a, m, _)| (a.0, m.0));
        v
    };
    assert_eq!(speeches(&lean), speeches(&full));
    assert!(full.participations().iter().any(|p| p.speech.is_some()));
    // A full read reads every column whatever the fields.
    let all =
        scan_ledgers_with(dir.path(), Detail::Full, &ParticipationFields::NONE, |l| l).unwrap().remove(0);
    assert_eq!(all.participations(), full.participations());
}

#[test]
fn a_scoring_read_of_some_activity_fields_leaves_the_others_empty() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let full = data.clone().into_ledger().unwrap();
    let dir = folder(&[&data]);
    let kept: ActivityFields = [ActivityField::Designation, ActivityField::Hours].into_iter().collect();
    let fields = Fields { participations: ParticipationFields::ALL, activities: kept };
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &fields, |l| l).unwrap().remove(0);
    assert_eq!(lean.fields(), fields);
    assert_eq!(full.fields(), Fields::ALL);
    let by_id = |l: &Ledger| {
        let mut v: Vec<Activity> = l.activities().to_vec();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    let (full_acts, lean_acts) = (by_id(&full), by_id(&lean));
    // What the sample records and this read leaves out …
    let adopted =
        |a: &Activity| matches!(&a.detail, ActivityDetail::OpinionReport(r) if !r.adopted_by.is_empty());
    let session = |a: &Activity| matches!(&a.detail, ActivityDetail::Proposal(p) if p.session.is_some());
    let functions = |a: &Activity| !a.functions.is_empty();
    for left_out in [adopted, session, functions] {
        assert!(full_acts.iter().any(left_out), "the sample records it");
        assert!(!lean_acts.iter().any(left_out), "a lean read leaves it empty");
    }
    // … and what it keeps, as read in full, with everything always held.
    let designations = |a: &Activity| match &a.detail {
        ActivityDetail::Proposal(p) => Some(p.designations),
        _ => None,
    };
    let hours = |a: &Activity| a.detail.hours();
    assert!(full_acts.iter().any(|a| designations(a).is_some_and(|d| !d.is_empty())));
    assert!(full_acts.iter().any(|a| hours(a).is_some()));
    for (f, l) in full_acts.iter().zip(&lean_acts) {
        assert_eq!(
            (&f.id, f.date, f.end_date, f.level, f.kind()),
            (&l.id, l.date, l.end_date, l.level, l.kind())
        );
        assert_eq!(f.detail.subtype(), l.detail.subtype(), "{}", f.id);
        assert_eq!((designations(f), hours(f)), (designations(l), hours(l)), "{}", f.id);
    }
    assert_eq!(lean.participations(), full.participations());
}

/// Reads the participations of proposals only; looks at other kinds'
/// activities when `other_kinds` says so.
struct Proposals {
    other_kinds: bool,
}

/// Holds every activity, and the participations of proposals.
const PROPOSALS: Proposals = Proposals { other_kinds: true };
/// Holds proposals and their participations, and knows the other
/// activities by id only.
const PROPOSALS_ONLY: Proposals = Proposals { other_kinds: false };

impl Reads for Proposals {
    fn fields(&self) -> Fields {
        Fields::ALL
    }

    fn participations_in(&self, a: &Activity) -> bool {
        a.kind() == ActivityKind::Proposal
    }

    fn activities_of(&self, kind: ActivityKind) -> bool {
        self.other_kinds || kind == ActivityKind::Proposal
    }
}

/// Each participation of `data` as (activity id, member id, role), sorted,
/// of the activities `keep` accepts.
fn listed(data: &Dataset, keep: impl Fn(&Activity) -> bool) -> Vec<(String, String, ParticipantRole)> {
    let kind: std::collections::HashMap<&str, &Activity> =
        data.batch.activities.iter().map(|a| (a.id.0.as_str(), a)).collect();
    let mut v: Vec<_> = (data.batch.participations.iter())
        .filter(|p| keep(kind[p.activity_id.0.as_str()]))
        .map(|p| (p.activity_id.to_string(), p.member_id.to_string(), p.role))
        .collect();
    v.sort();
    v
}

fn held(l: &Ledger) -> Vec<(String, String, ParticipantRole)> {
    let mut v: Vec<_> = (l.participations().iter())
        .map(|p| (l.activity(p.activity).id.to_string(), l.member(p.member).id.to_string(), p.role))
        .collect();
    v.sort();
    v
}

#[test]
fn a_scoring_read_holds_only_the_participations_read() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let dir = folder_in_groups(&[&data, &data], 1000);
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS, |l| l).unwrap();
    let proposals = listed(&data, |a| a.kind() == ActivityKind::Proposal);
    assert!(!proposals.is_empty() && proposals.len() < data.batch.participations.len() / 2);
    for l in &lean {
        assert!(!l.holds_all_participations());
        assert_eq!(held(l), proposals);
        for (i, a) in l.activities().iter().enumerate() {
            let ix = ActivityIx(i as u32);
            assert_eq!(l.holds_participations_of(ix), a.kind() == ActivityKind::Proposal, "{}", a.id);
            if a.kind() != ActivityKind::Proposal {
                assert_eq!(l.participants(ix).count(), 0, "{}", a.id);
            }
        }
    }
    // A full read holds every participation whatever `reads` says.
    let all = scan_ledgers_with(dir.path(), Detail::Full, &PROPOSALS, |l| l).unwrap();
    assert!(all[0].holds_all_participations());
    assert_eq!(held(&all[0]), listed(&data, |_| true));
}

#[test]
fn participations_not_read_are_not_checked_and_rows_keep_their_numbers() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let kind = |p: &ParticipationRecord| {
        data.batch.activities.iter().find(|a| a.id == p.activity_id).map(|a| a.kind()).unwrap()
    };
    let meeting = data.batch.participations.iter().find(|p| kind(p) == ActivityKind::Meeting).unwrap();
    let proposal = (data.batch.participations.iter())
        .find(|p| kind(p) == ActivityKind::Proposal && p.role != ParticipantRole::Lead)
        .unwrap();
    // A meeting's participant listed twice: not read, so not a problem here
    // (a full read refuses it).
    let mut bad = sample();
    bad.batch.participations.push(meeting.clone());
    let dir = folder(&[&bad]);
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS, |l| l).unwrap();
    assert_eq!(held(&lean[0]), listed(&data, |a| a.kind() == ActivityKind::Proposal));
    assert!(read_ledgers(dir.path(), Detail::Scoring).is_err());
    // A proposal's co-signer listed twice, after the meeting's: refused,
    // named by its row in the file, the rows not read counted.
    bad.batch.participations.push(proposal.clone());
    let dir = folder(&[&bad]);
    let Err(LoadError::Rejected(rejected)) =
        scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS, |l| l)
    else {
        panic!("a proposal's duplicate participant must be refused")
    };
    assert_eq!(rejected.issues.len(), 1, "{:?}", rejected.issues);
    assert!(matches!(rejected.issues[0].error, ValidationError::DuplicateParticipant { .. }));
    let row = rejected.issues[0].origin.as_ref().expect("a file row").row;
    assert_eq!(row, (bad.batch.participations.len() - 1) as u64);
}

/// The ids of `data`'s activities that `keep` accepts, sorted.
fn ids_of(data: &Dataset, keep: impl Fn(&Activity) -> bool) -> Vec<String> {
    let mut v: Vec<String> =
        data.batch.activities.iter().filter(|a| keep(a)).map(|a| a.id.to_string()).collect();
    v.sort();
    v
}

/// The ids of the activities a ledger holds and of those it knows by id
/// only, each sorted.
fn held_and_known(l: &Ledger) -> (Vec<String>, Vec<String>) {
    let mut held: Vec<String> = l.activities().iter().map(|a| a.id.to_string()).collect();
    let mut known: Vec<String> = l.activities_not_held().iter().map(|id| id.to_string()).collect();
    held.sort();
    known.sort();
    (held, known)
}

#[test]
fn a_scoring_read_knows_the_activities_of_kinds_not_looked_at_by_id_only() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let dir = folder_in_groups(&[&data, &data], 1000);
    let ids = |keep: &dyn Fn(&Activity) -> bool| ids_of(&data, keep);
    let proposal = |a: &Activity| a.kind() == ActivityKind::Proposal;
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS_ONLY, |l| l).unwrap();
    for l in &lean {
        let (held, known) = held_and_known(l);
        assert_eq!(held, ids(&proposal));
        assert_eq!(known, ids(&|a| !proposal(a)));
        assert!(!known.is_empty() && !l.holds_all_participations());
        assert_eq!(self::held(l), listed(&data, proposal));
    }
    // A full read holds every activity whatever `reads` says.
    let all = scan_ledgers_with(dir.path(), Detail::Full, &PROPOSALS_ONLY, |l| l).unwrap();
    assert!(all[0].activities_not_held().is_empty());
    assert_eq!(all[0].activities().len(), data.batch.activities.len());
}

/// Reads individual proposals only, told apart by subtype, and their
/// participations.
struct IndividualProposals;

fn individual(a: &Activity) -> bool {
    matches!(&a.detail, ActivityDetail::Proposal(p) if p.form == ProposalForm::Individual)
}

impl Reads for IndividualProposals {
    fn fields(&self) -> Fields {
        Fields::ALL
    }

    fn participations_in(&self, a: &Activity) -> bool {
        individual(a)
    }

    fn activities_of(&self, kind: ActivityKind) -> bool {
        kind == ActivityKind::Proposal
    }

    fn activities_of_subtype(&self, kind: ActivityKind, subtype: &str) -> bool {
        kind == ActivityKind::Proposal && subtype == ProposalForm::Individual.code()
    }
}

#[test]
fn a_scoring_read_knows_the_activities_of_subtypes_not_looked_at_by_id_only() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let dir = folder_in_groups(&[&data, &data], 1000);
    let ids = |keep: &dyn Fn(&Activity) -> bool| ids_of(&data, keep);
    let other_proposals = ids(&|a| a.kind() == ActivityKind::Proposal && !individual(a));
    assert!(!other_proposals.is_empty() && !ids(&individual).is_empty());
    let lean = scan_ledgers_with(dir.path(), Detail::Scoring, &IndividualProposals, |l| l).unwrap();
    assert_eq!(lean.len(), 2);
    for l in &lean {
        let (held, known) = held_and_known(l);
        assert_eq!(held, ids(&individual));
        // Joint and collective proposals too, though their kind is held.
        assert_eq!(known, ids(&|a| !individual(a)));
        assert_eq!(self::held(l), listed(&data, individual));
    }
}

#[test]
fn activities_known_by_id_only_still_have_unique_ids_and_unknown_ones_are_refused() {
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    // A meeting's participation naming an activity nobody listed.
    let (error, row, meeting_row) =
        refused_in_a_meeting_row(&PROPOSALS_ONLY, |p| p.activity_id = "NOWHERE".into());
    assert_eq!((error, row), (ValidationError::UnknownActivity("NOWHERE".into()), meeting_row));
    // A liaison visit under a proposal's id: a duplicate, though the read
    // holds no liaison work.
    let mut bad = sample();
    let proposal_id =
        data.batch.activities.iter().find(|a| a.kind() == ActivityKind::Proposal).unwrap().id.clone();
    let mut twin = data.batch.activities.iter().find(|a| a.kind() == ActivityKind::Liaison).unwrap().clone();
    twin.id = proposal_id.clone();
    bad.batch.activities.push(twin);
    let dir = folder(&[&bad]);
    let Err(LoadError::Rejected(rejected)) =
        scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS_ONLY, |l| l)
    else {
        panic!("a duplicate id among activities not held must be refused")
    };
    let errors: Vec<_> = rejected.issues.iter().map(|i| &i.error).collect();
    assert_eq!(errors, [&ValidationError::DuplicateActivity(proposal_id)]);
}

/// The one problem a scoring read under `reads` finds in a folder of the
/// sample and a copy of it whose first participation in a meeting (a row
/// neither reader reads) `spoil` edits, the file row it names, and that
/// participation's row in the file.
fn refused_in_a_meeting_row(
    reads: &impl Reads,
    spoil: impl FnOnce(&mut ParticipationRecord),
) -> (ValidationError, u64, u64) {
    let data = sample();
    let meeting = first_of_kind(&data, ActivityKind::Meeting);
    let mut bad = sample();
    spoil(&mut bad.batch.participations[meeting]);
    let dir = folder(&[&data, &bad]);
    let got = lvzhi_io::parquet::scan_ledgers_with(dir.path(), Detail::Scoring, reads, |l| l);
    let Err(LoadError::Rejected(rejected)) = got else { panic!("a spoilt row not read must be refused") };
    let [issue] = &rejected.issues[..] else { panic!("one problem: {:?}", rejected.issues) };
    let row = issue.origin.as_ref().expect("a file row").row;
    (issue.error.clone(), row, (data.batch.participations.len() + meeting) as u64)
}

/// The index of `data`'s first participation in an activity of `kind`.
fn first_of_kind(data: &Dataset, kind: ActivityKind) -> usize {
    let kind_of = |p: &ParticipationRecord| {
        data.batch.activities.iter().find(|a| a.id == p.activity_id).map(|a| a.kind()).unwrap()
    };
    data.batch.participations.iter().position(|p| kind_of(p) == kind).unwrap()
}

#[test]
fn participations_not_read_still_have_their_ids_and_cells_checked() {
    // Rows of activities a rule set does not read are not built, but an
    // unknown id or a cell that does not parse in them is still refused,
    // named by its row in the file, as a full read names it.
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let meeting = first_of_kind(&data, ActivityKind::Meeting);
    let (error, row, meeting_row) = refused_in_a_meeting_row(&PROPOSALS, |p| p.member_id = "NOBODY".into());
    assert_eq!((error, row), (ValidationError::UnknownMember("NOBODY".into()), meeting_row));

    let dir = folder(&[&data, &data]);
    rewrite(dir.path(), "participations", None, |rb| {
        use arrow_array::{cast::AsArray, types::Int32Type, Array, RecordBatch, StringArray};
        let at = rb.schema().index_of("attendance").unwrap();
        let column = rb.column(at);
        // Our writer's column is dictionary-encoded; written back plain.
        let text = |i: usize| match column.as_dictionary_opt::<Int32Type>() {
            Some(d) => d.is_valid(i).then(|| d.values().as_string::<i32>().value(d.keys().value(i) as usize)),
            None => column.is_valid(i).then(|| column.as_string::<i32>().value(i)),
        };
        let edited: StringArray = (0..column.len())
            .map(|i| match i == data.batch.participations.len() + meeting {
                true => Some("外星"),
                false => text(i),
            })
            .collect();
        let mut columns = rb.columns().to_vec();
        columns[at] = std::sync::Arc::new(edited);
        // The schema changes with the column: each column's own type.
        let names = rb.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
        RecordBatch::try_from_iter(names.into_iter().zip(columns)).unwrap()
    });
    let got = scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS, |l| l.participations().len());
    let Err(LoadError::Import(errors)) = got else {
        panic!("an attendance that does not parse, in a row not read, must be refused: {got:?}")
    };
    let [lvzhi_io::ImportError::Cell { at, header, .. }] = &errors.0[..] else { panic!("{errors:?}") };
    assert_eq!(header, "attendance");
    assert!(at.file.ends_with("participations.parquet"), "{at:?}");
    assert_eq!(at.row, (data.batch.participations.len() + meeting) as u64, "the row in the file");
}

#[test]
fn an_empty_role_in_a_row_not_read_is_refused_from_a_dictionary_column() {
    // The role column as our writer and most others write it: every page
    // dictionary-encoded, so read from its pages with an empty cell as one
    // past the dictionary. A role is required, even in a row not read.
    use arrow_array::{cast::AsArray, Array, RecordBatch, StringArray};
    use lvzhi_io::parquet::scan_ledgers_with;
    let data = sample();
    let meeting = first_of_kind(&data, ActivityKind::Meeting);
    let dir = folder(&[&data, &data]);
    let empty = data.batch.participations.len() + meeting;
    rewrite(dir.path(), "participations", None, |rb| {
        let at = rb.schema().index_of("role").unwrap();
        let roles = rb.column(at).as_string::<i32>();
        assert_eq!(roles.null_count(), 0);
        let edited: StringArray = (0..roles.len()).map(|i| (i != empty).then(|| roles.value(i))).collect();
        let mut columns = rb.columns().to_vec();
        columns[at] = std::sync::Arc::new(edited);
        let names = rb.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
        RecordBatch::try_from_iter(names.into_iter().zip(columns)).unwrap()
    });
    let meta = {
        let file = std::fs::File::open(dir.path().join("participations.parquet")).unwrap();
        parquet::file::reader::FileReader::metadata(
            &parquet::file::reader::SerializedFileReader::new(file).unwrap(),
        )
        .clone()
    };
    let role = meta.row_group(0).columns().iter().find(|c| c.column_path().string() == "role").unwrap();
    assert!(role.dictionary_page_offset().is_some(), "the rewritten role column is dictionary-encoded");
    let got = scan_ledgers_with(dir.path(), Detail::Scoring, &PROPOSALS, |l| l.participations().len());
    let Err(LoadError::Import(errors)) = got else {
        panic!("an empty role, in a row not read, must be refused: {got:?}")
    };
    let [lvzhi_io::ImportError::Cell { at, header, .. }] = &errors.0[..] else { panic!("{errors:?}") };
    assert_eq!(header, "role");
    assert_eq!(at.row, empty as u64, "the row in the file");
}
