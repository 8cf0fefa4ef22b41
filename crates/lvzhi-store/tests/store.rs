//! Imports, idempotency, updates with history, "as of", rejection, rule sets.

mod common;

use chrono::NaiveDate;
use common::*;
use lvzhi_core::*;
use lvzhi_store::{ChangeOp, Counts, RecordKey, Store, StoreError, StoredRuleSet};

fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    assert!(s.set_committee(&committee(), &meta("committee.toml", 1, 1)).unwrap());
    s
}

fn count(s: &Store, table: &str) -> i64 {
    s.connection().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn status_of(ledger: &Ledger, id: &str) -> ProposalStatus {
    let a = ledger.activity(ledger.activity_ix(&id.into()).unwrap());
    match &a.detail {
        ActivityDetail::Proposal(p) => p.status,
        other => panic!("not a proposal: {other:?}"),
    }
}

#[test]
fn reimporting_the_same_batch_changes_nothing() {
    let mut s = store();
    let first = s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    assert_eq!(first.tally.inserted, Counts { members: 3, activities: 2, participations: 4 });
    assert_eq!(first.tally.updated.total() + first.tally.unchanged.total(), 0);
    assert_eq!(first.same_content_as, None);
    let changes = count(&s, "changes");

    let again = s.import(&january(), &meta("2024-01.csv", 2, 2)).unwrap();
    assert_eq!(again.tally.inserted.total() + again.tally.updated.total(), 0);
    assert_eq!(again.tally.unchanged, Counts { members: 3, activities: 2, participations: 4 });
    assert_eq!(again.same_content_as, Some(first.import_id));
    assert_eq!(again.content_hash, first.content_hash);
    assert_eq!(count(&s, "members"), 3);
    assert_eq!(count(&s, "participations"), 4);
    assert_eq!(count(&s, "changes"), changes, "an unchanged record leaves no history");
    // Both imports are on record.
    let imports = s.imports().unwrap();
    assert_eq!(imports.iter().filter(|i| i.kind == "batch").count(), 2);
    assert_eq!(imports.last().unwrap().unchanged, 9);
}

#[test]
fn the_store_gives_the_same_ledger_as_memory() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let mut cosigner = Batch::default();
    cosigner.members.push(Member::new("M004", "赵强", "农业界"));
    cosigner.participations.push(ParticipationRecord::new("P001", "M004", ParticipantRole::Cosigner));
    s.import(&cosigner, &meta("2024-02.csv", 2, 10)).unwrap();

    let mem = in_memory(&[january(), cosigner]);
    let stored = s.ledger().unwrap();
    assert_eq!(stored, mem);
    assert_eq!(evaluate(&stored), evaluate(&mem));
    // Participant order (lead first, later co-signers after) survives the store.
    let order = |l: &Ledger| -> Vec<(String, u16)> {
        let p = l.activity_ix(&"P001".into()).unwrap();
        l.participants(p).map(|x| (l.member(x.member).id.to_string(), x.position)).collect()
    };
    assert_eq!(order(&stored), [("M001".to_string(), 0), ("M002".to_string(), 1), ("M004".to_string(), 2)]);
    assert_eq!(order(&stored), order(&mem));
    // The personal data is kept (it is the office's record), redacted in Debug.
    assert_eq!(stored.members()[0].personal.phone.as_deref(), Some("13800000000"));
}

#[test]
fn a_status_change_is_an_update_with_history() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let mut june_meta = meta("2024-06.csv", 7, 1);
    june_meta.changed_by = "提案委 王主任".into();
    let june_report = s.import(&june(), &june_meta).unwrap();
    assert_eq!(june_report.tally.updated, Counts { members: 0, activities: 1, participations: 0 });
    assert_eq!(june_report.tally.inserted, Counts { members: 0, activities: 1, participations: 2 });

    let history = s.history(&RecordKey::activity("P001")).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op, ChangeOp::Insert);
    assert_eq!(history[0].before, None);
    assert_eq!(history[0].changed_at, at(2, 1));
    assert_eq!(history[0].source, "2024-01.csv");
    assert_eq!(history[1].op, ChangeOp::Update);
    assert_eq!(history[1].changed_by, "提案委 王主任");
    assert_eq!(history[1].changed_at, at(7, 1));
    assert_eq!(history[1].import_id, june_report.import_id);
    assert_eq!(history[1].before_as::<Activity>().unwrap(), Some(proposal(ProposalStatus::Filed)));
    assert_eq!(history[1].after_as::<Activity>().unwrap(), proposal(ProposalStatus::Replied));
    assert_eq!(history[1].before.as_ref().unwrap()["status"], "filed");
    assert_eq!(history[1].after["status"], "replied");
    // The queryable column follows the update.
    let status: String = s
        .connection()
        .query_row("SELECT status FROM activities WHERE id = 'P001'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "replied");
    // A participation's history is keyed by activity and member.
    let part = s.history(&RecordKey::participation("H002", "M003")).unwrap();
    assert_eq!(part.len(), 1);
    assert_eq!(part[0].after["attendance"], "unexcused");
    assert!(s.history(&RecordKey::member("M999")).unwrap().is_empty());
}

#[test]
fn the_ledger_as_of_a_date_reproduces_the_evaluation_then() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let march_eval = evaluate(&s.ledger().unwrap());
    s.import(&june(), &meta("2024-06.csv", 7, 1)).unwrap();

    // Before any record: the committee only.
    let empty = s.ledger_as_of(at(1, 15)).unwrap();
    assert!(empty.members().is_empty() && empty.activities().is_empty());
    // Before the committee was set: nothing to rebuild.
    assert!(matches!(
        s.ledger_as_of(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2023, 12, 31, 0, 0, 0).unwrap()),
        Err(StoreError::NoCommittee)
    ));

    // As of March: the proposal is filed, June's meeting not yet held.
    let march = s.ledger_as_of(at(3, 1)).unwrap();
    assert_eq!(status_of(&march, "P001"), ProposalStatus::Filed);
    assert!(march.activity_ix(&"H002".into()).is_none());
    assert_eq!(march, in_memory(&[january()]));
    assert_eq!(evaluate(&march), march_eval);
    assert_eq!(march_eval[0], ("M001".to_string(), 0, 1, 0));

    // The instant of an import includes it; a microsecond before does not.
    let at_june = s.ledger_as_of(at(7, 1)).unwrap();
    assert_eq!(status_of(&at_june, "P001"), ProposalStatus::Replied);
    let before_june = s.ledger_as_of(at(7, 1) - chrono::Duration::microseconds(1)).unwrap();
    assert_eq!(status_of(&before_june, "P001"), ProposalStatus::Filed);

    // As of now: the current state, and the evaluation changes accordingly.
    let now = s.ledger_as_of(at(12, 31)).unwrap();
    assert_eq!(now, s.ledger().unwrap());
    let eval = evaluate(&now);
    assert_eq!(eval[0], ("M001".to_string(), 1, 2, 0));
    assert_eq!(eval[1], ("M002".to_string(), 1, 0, 0));
    assert_eq!(eval[2], ("M003".to_string(), 0, 0, 1));
    assert_ne!(eval, march_eval);
}

#[test]
fn a_bad_batch_writes_nothing_and_lists_every_issue() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let before = (count(&s, "imports"), count(&s, "changes"), s.ledger().unwrap());

    let mut bad = june();
    bad.members.push(Member::new("M005", "孙丽", "不存在界"));
    bad.participations.push(attended("H002", "M404", Attendance::Present));
    let file: std::sync::Arc<str> = "participations.csv".into();
    bad.origins.participations = (2..5).map(|row| Origin { file: file.clone(), row }).collect();
    let err = s.import(&bad, &meta("bad.csv", 7, 1)).unwrap_err();
    let StoreError::Rejected(rejected) = err else { panic!("{err}") };
    // Issues point at the file and row the record came from.
    let unknown = rejected.issues.iter().find(|i| i.table == Table::Participations).unwrap();
    assert_eq!(unknown.to_string(), "participations.csv, row 4, column member_id: unknown member `M404`");
    let errors: Vec<_> = rejected.issues.iter().map(|i| i.error.clone()).collect();
    assert!(errors.contains(&ValidationError::UnknownSector("不存在界".into())), "{errors:?}");
    assert!(errors.contains(&ValidationError::UnknownMember("M404".into())), "{errors:?}");
    assert_eq!(rejected.issues.len(), 2, "{}", rejected.report());

    // Not even the valid part (the proposal's update, the new meeting) landed.
    assert_eq!((count(&s, "imports"), count(&s, "changes"), s.ledger().unwrap()), before);
    assert_eq!(status_of(&s.ledger().unwrap(), "P001"), ProposalStatus::Filed);
}

#[test]
fn an_update_that_breaks_stored_records_is_refused() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    // M002 "left" before the plenary that is on record as excused.
    let mut leaving = members()[1].clone();
    leaving.left_on = Some(day(1, 5));
    let batch = Batch { members: vec![leaving], ..Batch::default() };
    let StoreError::Rejected(rejected) = s.import(&batch, &meta("left.csv", 3, 1)).unwrap_err() else {
        panic!("expected a rejection")
    };
    assert_eq!(rejected.issues.len(), 2, "{}", rejected.report());
    for issue in &rejected.issues {
        assert!(matches!(issue.error, ValidationError::OutsideMembership { .. }), "{issue}");
        assert_eq!(issue.table, Table::Participations);
        let origin = issue.origin.as_ref().unwrap();
        assert_eq!(&*origin.file, "(stored)");
        assert!(issue.to_string().starts_with("(stored), row "), "{issue}");
    }
    assert_eq!(s.ledger().unwrap().members()[1].left_on, None);

    // A proposal update must also satisfy the lifecycle rules as a whole.
    let mut wrong = proposal(ProposalStatus::Filed);
    if let ActivityDetail::Proposal(p) = &mut wrong.detail {
        p.satisfaction = Some(Satisfaction::Unsatisfied);
    }
    let batch = Batch { activities: vec![wrong], ..Batch::default() };
    assert!(matches!(s.import(&batch, &meta("x.csv", 3, 2)), Err(StoreError::Rejected(_))));
}

#[test]
fn duplicates_within_a_batch_are_refused_even_when_stored() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let twice = Batch { members: vec![members()[0].clone(), members()[0].clone()], ..Batch::default() };
    let StoreError::Rejected(r) = s.import(&twice, &meta("twice.csv", 3, 1)).unwrap_err() else { panic!() };
    assert_eq!(r.issues[0].error, ValidationError::DuplicateMember("M001".into()));
    assert_eq!(r.issues[0].index, 1);
}

#[test]
fn check_previews_without_writing() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    let tally = s.check(&june()).unwrap();
    assert_eq!(tally.updated.activities, 1);
    assert_eq!(tally.inserted.participations, 2);
    assert_eq!(s.history(&RecordKey::activity("P001")).unwrap().len(), 1);
    assert!(s.ledger().unwrap().activity_ix(&"H002".into()).is_none());
}

#[test]
fn history_only_moves_forward() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 3, 1)).unwrap();
    let err = s.import(&june(), &meta("2024-06.csv", 2, 1)).unwrap_err();
    assert!(matches!(err, StoreError::TimeGoesBackwards { .. }), "{err}");
    // The same instant is fine.
    s.import(&june(), &meta("2024-06.csv", 3, 1)).unwrap();
}

#[test]
fn imports_need_a_committee() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(matches!(s.import(&january(), &meta("a.csv", 2, 1)), Err(StoreError::NoCommittee)));
    assert!(matches!(s.ledger(), Err(StoreError::NoCommittee)));
    assert_eq!(s.committee().unwrap(), None);
}

#[test]
fn a_committee_change_must_keep_the_records_valid() {
    let mut s = store();
    s.import(&january(), &meta("2024-01.csv", 2, 1)).unwrap();
    assert!(!s.set_committee(&committee(), &meta("same.toml", 2, 2)).unwrap(), "unchanged");

    let mut narrower = committee();
    narrower.sectors.retain(|x| x != "经济界");
    let StoreError::Rejected(r) = s.set_committee(&narrower, &meta("c.toml", 3, 1)).unwrap_err() else {
        panic!()
    };
    assert_eq!(r.issues[0].error, ValidationError::UnknownSector("经济界".into()));
    assert_eq!(s.committee().unwrap(), Some(committee()));

    let mut renamed = committee();
    renamed.name = "政协某区委员会".into();
    assert!(s.set_committee(&renamed, &meta("c.toml", 4, 1)).unwrap());
    assert_eq!(s.ledger().unwrap().committee().name, "政协某区委员会");
    assert_eq!(s.ledger_as_of(at(3, 1)).unwrap().committee().name, "政协某县委员会");
    assert_eq!(s.history(&RecordKey::Committee).unwrap().len(), 2);
}

#[test]
fn rule_sets_keep_their_text_and_versions() {
    let mut s = store();
    let mut rules = StoredRuleSet {
        id: "county-2024".into(),
        name: "委员履职考评办法（试行）".into(),
        effective_from: Some(day(1, 1)),
        effective_to: Some(day(12, 31)),
        toml: "[meeting.plenary]\npresent = 5\n".into(),
    };
    assert!(s.put_rule_set(&rules, &meta("rules.toml", 1, 2)).unwrap());
    assert!(!s.put_rule_set(&rules, &meta("rules.toml", 1, 3)).unwrap());
    let first = rules.clone();
    rules.toml.push_str("unexcused = -5\n");
    assert!(s.put_rule_set(&rules, &meta("rules.toml", 5, 1)).unwrap());

    assert_eq!(s.rule_set("county-2024").unwrap(), Some(rules.clone()));
    assert_eq!(s.rule_sets().unwrap(), [rules.clone()]);
    assert_eq!(s.rule_sets_as_of(at(3, 1)).unwrap(), [first]);
    assert!(s.rule_sets_as_of(at(1, 1)).unwrap().is_empty());
    assert!(rules.in_effect_on(day(6, 1)));
    assert!(!rules.in_effect_on(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()));
    assert_eq!(s.history(&RecordKey::RuleSet("county-2024".into())).unwrap().len(), 2);

    let mut bad = rules.clone();
    bad.effective_to = Some(day(1, 1));
    bad.effective_from = Some(day(2, 1));
    assert!(matches!(s.put_rule_set(&bad, &meta("r", 6, 1)), Err(StoreError::InvalidRuleSet(_))));
    bad.id = " ".into();
    assert!(matches!(s.put_rule_set(&bad, &meta("r", 6, 1)), Err(StoreError::InvalidRuleSet(_))));
}

#[test]
fn every_activity_kind_round_trips_through_the_columns() {
    use rust_decimal::Decimal;
    let mut s = store();
    let d = day(3, 1);
    let mut research = Activity::new(
        "R1",
        "养老调研",
        d,
        Level::City,
        ActivityDetail::Research(Research { kind: ResearchKind::Inspection, report_produced: true }),
    );
    research.end_date = Some(day(3, 3));
    research.functions = [Function::Supervision, Function::Consultation].into_iter().collect();
    research.organizer = Some("社法委".into());
    let mut report = Activity::new(
        "S1",
        "关于村级养老的建议",
        d,
        Level::County,
        ActivityDetail::OpinionReport(OpinionReport {
            adopted_by: vec![Level::City, Level::Provincial],
            adoption_mode: Some(AdoptionMode::Single),
            instructed_by: vec![Level::City],
            commissioned: true,
            feedback: Some("已转民政局".into()),
        }),
    );
    report.linked_to = Some("R1".into());
    let activities = vec![
        research,
        report,
        Activity::new(
            "T1",
            "新委员培训",
            d,
            Level::County,
            ActivityDetail::Training(Training {
                kind: TrainingKind::Induction,
                hours: Some(Decimal::new(350, 2)),
                off_site: true,
            }),
        ),
        Activity::new(
            "L1",
            "工作室值班",
            d,
            Level::County,
            ActivityDetail::Liaison(Liaison { kind: LiaisonKind::Studio, hours: Some(Decimal::new(2, 0)) }),
        ),
        Activity::new(
            "V1",
            "义诊",
            d,
            Level::County,
            ActivityDetail::Volunteering(Volunteering { hours: None }),
        ),
        Activity::new(
            "D1",
            "助学捐款",
            d,
            Level::County,
            ActivityDetail::Donation(Donation { amount: Decimal::new(500_050, 2), in_kind: false }),
        ),
        Activity::new("A1", "优秀委员", d, Level::City, ActivityDetail::Award),
        Activity::new("X1", "违纪", d, Level::County, ActivityDetail::Violation),
        Activity::new("Y1", "年度履职报告", d, Level::County, ActivityDetail::DutyReport),
        Activity::new(
            "O1",
            "文史征集",
            d,
            Level::County,
            ActivityDetail::Other { subtype: "文史资料征集".into() },
        ),
    ];
    let mut m = Member::new("M001", "王芳", "教育界");
    m.gender = Some(Gender::Female);
    m.ethnicity = Some("回族".into());
    m.birth_date = Some(NaiveDate::from_ymd_opt(1975, 5, 4).unwrap());
    m.party = Some("民进".into());
    m.committee = Some("提案委员会".into());
    m.roles = [Role::Member, Role::StandingMember].into_iter().collect();
    m.employer = Some("县一中".into());
    m.title = Some("校长".into());
    m.liaison_group = Some("第一联络组".into());
    m.personal.id_number = Some("110101197505041234".into());
    let mut speaker = ParticipationRecord::new("T1", "M001", ParticipantRole::Speaker);
    speaker.attendance = Some(Attendance::Present);
    speaker.speech = Some(Speech::Other);
    speaker.half_days = Some(1);
    speaker.late = true;
    speaker.throughout = Some(false);
    let batch = Batch {
        members: vec![m],
        activities,
        participations: vec![speaker, ParticipationRecord::new("S1", "M001", ParticipantRole::Author)],
        origins: BatchOrigins::default(),
    };
    s.import(&batch, &meta("all.json", 3, 5)).unwrap();
    let back = s.ledger().unwrap().to_batch();
    let sorted = |mut v: Vec<Activity>| {
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    assert_eq!(sorted(back.activities), sorted(batch.activities.clone()));
    assert_eq!(back.members, batch.members);
    assert_eq!(s.ledger_as_of(at(3, 5)).unwrap(), s.ledger().unwrap());
    // Money stays exact.
    let amount: String = s
        .connection()
        .query_row("SELECT json_extract(detail, '$.amount') FROM activities WHERE id = 'D1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(amount, "5000.50");
    // Re-import: all unchanged (no float or scale drift through the columns).
    assert_eq!(s.import(&batch, &meta("all.json", 3, 6)).unwrap().tally.unchanged.total(), 13);
}
