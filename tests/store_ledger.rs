//! The same evaluation and report functions work on a store as on an
//! in-memory ledger: the bundled sample imported into a store evaluates,
//! ranks and reports byte for byte as when loaded from its files; and a
//! store evaluated "as of" a time before a proposal's status changed gives
//! the old score.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use lvzhi::report::{members_in_period, render_member, Format, ReportOptions};
use lvzhi::rules::{evaluate, ranking, Evaluation, RuleSet};
use lvzhi::store::{ImportMeta, RecordKey, Store};
use lvzhi::{ActivityDetail, Batch, Dataset, Ledger, MemberId, Period, ProposalStatus};

const YEAR: i32 = 2025;
/// A proposal of the sample that was not filed, and its lead, whose total
/// under tongcheng-2019 rises when it is filed (below the category's cap).
const PROPOSAL: &str = "TA0096";
const LEAD: &str = "M0089";

fn sample() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    lvzhi::io::read_dir(dir).unwrap_or_else(|e| panic!("{e}"))
}

fn at(month: u32, day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, month, day, 9, 0, 0).unwrap()
}

fn tongcheng(ledger: &Ledger) -> Evaluation {
    evaluate(ledger, &RuleSet::preset("tongcheng-2019").unwrap(), Period::year(YEAR))
}

/// A store in `dir` holding the sample, imported at `t`.
fn store_with_sample(dir: &Path, data: &Dataset, t: DateTime<Utc>) -> (Store, PathBuf) {
    let path = dir.join("sample.lvzhi");
    let mut store = Store::open(&path).unwrap();
    let meta = ImportMeta::new("data/sample", "办公室").at(t);
    store.set_committee(&data.committee, &meta).unwrap();
    store.import(&data.batch, &meta).unwrap();
    (store, path)
}

#[test]
fn evaluation_ranking_and_reports_on_a_store_match_the_in_memory_ledger() {
    let data = sample();
    let memory = data.clone().into_ledger().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (store, path) = store_with_sample(tmp.path(), &data, at(1, 5));
    drop(store);
    // Reopened from the file: nothing kept in memory between the two.
    let stored = Store::open(&path).unwrap().ledger().unwrap();
    assert!(stored == memory, "the store's ledger differs from the files'");

    let (a, b) = (tongcheng(&memory), tongcheng(&stored));
    assert_eq!(a, b, "evaluations differ");
    assert!(a.scorecards.len() > 100);
    assert_eq!(ranking(&memory, &a), ranking(&stored, &b));

    let (sections_a, sections_b) =
        (lvzhi::scores::score_sections(&memory, &a), lvzhi::scores::score_sections(&stored, &b));
    let members = members_in_period(&memory, Period::year(YEAR));
    assert_eq!(members, members_in_period(&stored, Period::year(YEAR)));
    for format in [Format::Markdown, Format::Html] {
        let options = ReportOptions::year(YEAR, format);
        for &m in &members {
            let id = &memory.member(m).id;
            let from_memory = render_member(&memory, m, sections_a.get(id).cloned(), &options).unwrap();
            let ix = stored.member_ix(id).unwrap();
            let from_store = render_member(&stored, ix, sections_b.get(id).cloned(), &options).unwrap();
            assert!(from_memory == from_store, "{id}'s {format:?} report differs");
        }
    }
}

/// The sample's proposal `PROPOSAL`, now filed.
fn filed(data: &Dataset) -> Batch {
    let mut activity = data.batch.activities.iter().find(|a| a.id.0 == PROPOSAL).unwrap().clone();
    let ActivityDetail::Proposal(p) = &mut activity.detail else { panic!("{PROPOSAL} is not a proposal") };
    assert_eq!(p.status, ProposalStatus::NotFiled);
    p.status = ProposalStatus::Filed;
    let mut batch = Batch::default();
    batch.activities.push(activity);
    batch
}

#[test]
fn evaluating_as_of_before_a_status_change_gives_the_old_score() {
    let data = sample();
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = store_with_sample(tmp.path(), &data, at(1, 5));
    let change = filed(&data);
    let report = store.import(&change, &ImportMeta::new("提案委 2026-03", "提案委 李").at(at(3, 1))).unwrap();
    assert_eq!(report.tally.updated.activities, 1);

    let lead = MemberId(LEAD.into());
    let total = |ev: &Evaluation| ev.scorecard(&lead).unwrap().total;
    // What the office saw in January, and what it sees after the change, in memory.
    let old = total(&tongcheng(&data.clone().into_ledger().unwrap()));
    let mut changed = data.clone();
    changed.batch.activities.retain(|a| a.id.0 != PROPOSAL);
    changed.batch.extend(change);
    let new = total(&tongcheng(&changed.into_ledger().unwrap()));
    assert!(new > old, "filing {PROPOSAL} should raise {LEAD}'s total ({old} → {new})");

    let as_of = |t| total(&tongcheng(&store.ledger_as_of(t).unwrap()));
    assert_eq!(as_of(at(2, 28)), old, "as of February: before the change");
    assert_eq!(as_of(at(3, 1) - Duration::microseconds(1)), old, "a microsecond before the change");
    assert_eq!(as_of(at(3, 1)), new, "the instant of the change includes it");
    assert_eq!(total(&tongcheng(&store.ledger().unwrap())), new);

    let history = store.history(&RecordKey::activity(PROPOSAL)).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].changed_by, "提案委 李");
}
