//! One test per validation rule: the error, the record and column it names,
//! and that a refused batch stores nothing.

use std::sync::Arc;

use chrono::NaiveDate;
use lvzhi_core::*;
use rust_decimal::Decimal;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn committee() -> Committee {
    let mut c = Committee::new(
        "政协测试县委员会",
        Level::County,
        Term { number: 10, start: NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(), end: d(12, 31) },
    );
    c.special_committees = vec!["提案委员会".into()];
    c.liaison_groups = vec!["城关镇联络组".into()];
    c
}

fn plenary(id: &str) -> Activity {
    Activity::new(
        id,
        "十届四次全体会议",
        d(1, 10),
        Level::County,
        ActivityDetail::Meeting(Meeting { kind: MeetingKind::Plenary, half_days: Some(4) }),
    )
}

fn proposal(id: &str, form: ProposalForm, status: ProposalStatus) -> Activity {
    Activity::new(
        id,
        "关于加强农村养老服务的提案",
        d(2, 1),
        Level::County,
        ActivityDetail::Proposal(Proposal {
            number: None,
            form,
            collective_body: None,
            status,
            session: None,
            handling_units: vec![],
            reply_category: None,
            satisfaction: None,
            designations: Designations::default(),
            forwarded_to: None,
        }),
    )
}

fn report(id: &str) -> Activity {
    Activity::new(
        id,
        "关于农村客运班线停运的情况反映",
        d(3, 1),
        Level::County,
        ActivityDetail::OpinionReport(OpinionReport::default()),
    )
}

/// A ledger holding members M1 (教育界) and M2 (经济界, joined 2025-06-01)
/// and the plenary H1.
fn base() -> Ledger {
    let mut l = Ledger::new(committee());
    let mut m2 = Member::new("M2", "李四", "经济界");
    m2.joined_on = Some(d(6, 1));
    let batch = Batch {
        members: vec![Member::new("M1", "张三", "教育界"), m2],
        activities: vec![plenary("H1")],
        ..Batch::default()
    };
    l.add(batch).unwrap();
    l
}

fn part(a: &str, m: &str, role: ParticipantRole) -> ParticipationRecord {
    ParticipationRecord::new(a, m, role)
}

/// `batch` with its participations' ids resolved to indexes against
/// `ledger` and the batch itself (the first record of an id, as the ledger
/// resolves); `None` when an id resolves to nothing.
fn indexed(ledger: &Ledger, batch: &Batch) -> Option<IndexedBatch> {
    let member = |id: &MemberId| {
        ledger.member_ix(id).or_else(|| {
            let i = batch.members.iter().position(|m| &m.id == id)?;
            Some(MemberIx((ledger.members().len() + i) as u32))
        })
    };
    let activity = |id: &ActivityId| {
        ledger.activity_ix(id).or_else(|| {
            let i = batch.activities.iter().position(|a| &a.id == id)?;
            Some(ActivityIx((ledger.activities().len() + i) as u32))
        })
    };
    let participations = batch
        .participations
        .iter()
        .map(|p| Some(p.indexed(activity(&p.activity_id)?, member(&p.member_id)?)))
        .collect::<Option<Vec<_>>>()?;
    Some(IndexedBatch {
        members: batch.members.clone(),
        activities: batch.activities.clone(),
        participations,
        origins: batch.origins.clone(),
        ..IndexedBatch::default()
    })
}

/// Adds `batch` to the base ledger, expects it refused, checks nothing was
/// stored, and returns the issues. The same records with their ids resolved
/// to indexes ([`Ledger::add_indexed`], what columnar readers use) must be
/// refused with the same issues.
fn refused(batch: Batch) -> Vec<Issue> {
    let mut l = base();
    let before = l.clone();
    let as_indexed = indexed(&l, &batch);
    let err = l.add(batch).unwrap_err();
    assert_eq!(l, before, "a refused batch must leave the ledger as it was");
    assert_eq!(l.participations().len(), before.participations().len());
    if let Some(b) = as_indexed {
        let indexed_err = l.add_indexed(b).unwrap_err();
        assert_eq!(indexed_err.issues, err.issues, "the indexed path must raise the same issues");
        assert_eq!(l, before, "a refused indexed batch must leave the ledger as it was");
    }
    err.issues
}

fn only(issues: Vec<Issue>) -> Issue {
    assert_eq!(issues.len(), 1, "{issues:#?}");
    issues.into_iter().next().unwrap()
}

#[test]
fn unknown_member() {
    let i = only(refused(Batch {
        participations: vec![part("H1", "M9", ParticipantRole::Attendee).with_attendance(Attendance::Present)],
        ..Batch::default()
    }));
    assert_eq!(i.error, ValidationError::UnknownMember("M9".into()));
    assert_eq!((i.table, i.index, i.column), (Table::Participations, 0, Some("member_id")));
}

#[test]
fn unknown_activity() {
    let i = only(refused(Batch {
        participations: vec![part("X1", "M1", ParticipantRole::Attendee)],
        ..Batch::default()
    }));
    assert_eq!(i.error, ValidationError::UnknownActivity("X1".into()));
    assert_eq!(i.column, Some("activity_id"));
}

#[test]
fn duplicate_member_in_batch_and_against_ledger() {
    let issues = refused(Batch {
        members: vec![
            Member::new("M1", "张三", "教育界"),
            Member::new("M3", "王五", "农业界"),
            Member::new("M3", "王五", "农业界"),
        ],
        ..Batch::default()
    });
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert_eq!(issues[0].error, ValidationError::DuplicateMember("M1".into()));
    assert_eq!(issues[0].index, 0);
    assert_eq!(issues[1].error, ValidationError::DuplicateMember("M3".into()));
    assert_eq!(issues[1].index, 2);
}

#[test]
fn duplicate_activity() {
    let i = only(refused(Batch { activities: vec![plenary("H1")], ..Batch::default() }));
    assert_eq!(i.error, ValidationError::DuplicateActivity("H1".into()));
    assert_eq!((i.table, i.column), (Table::Activities, Some("activity_id")));
}

#[test]
fn cosigner_listed_twice() {
    let issues = refused(Batch {
        activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed)],
        participations: vec![
            part("P1", "M1", ParticipantRole::Lead),
            part("P1", "M2", ParticipantRole::Cosigner),
            part("P1", "M2", ParticipantRole::Cosigner),
        ],
        ..Batch::default()
    });
    // M2 joined in June; the February proposal is also outside M2's membership.
    let dup: Vec<_> =
        issues.iter().filter(|i| matches!(i.error, ValidationError::DuplicateParticipant { .. })).collect();
    assert_eq!(dup.len(), 1, "{issues:#?}");
    assert_eq!(dup[0].index, 2);
}

#[test]
fn participant_already_in_ledger_is_a_duplicate() {
    let mut l = base();
    l.add(Batch {
        participations: vec![part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present)],
        ..Batch::default()
    })
    .unwrap();
    let err = l
        .add(Batch {
            participations: vec![
                part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Excused)
            ],
            ..Batch::default()
        })
        .unwrap_err();
    assert!(matches!(err.issues[0].error, ValidationError::DuplicateParticipant { .. }));
}

#[test]
fn date_outside_membership() {
    let i = only(refused(Batch {
        participations: vec![part("H1", "M2", ParticipantRole::Attendee).with_attendance(Attendance::Present)],
        ..Batch::default()
    }));
    match i.error {
        ValidationError::OutsideMembership { member, activity, date, window } => {
            assert_eq!((member.0.as_str(), activity.0.as_str(), date), ("M2", "H1", d(1, 10)));
            assert_eq!(window, "joined 2025-06-01");
        }
        e => panic!("{e:?}"),
    }
}

#[test]
fn left_before_joined() {
    let mut m = Member::new("M3", "赵六", "教育界");
    m.joined_on = Some(d(5, 1));
    m.left_on = Some(d(4, 1));
    let i = only(refused(Batch { members: vec![m], ..Batch::default() }));
    assert_eq!(i.error, ValidationError::LeftBeforeJoined { joined: d(5, 1), left: d(4, 1) });
    assert_eq!(i.column, Some("left_on"));
}

#[test]
fn empty_required_fields() {
    let issues = refused(Batch { members: vec![Member::new(" ", "", "教育界")], ..Batch::default() });
    let fields: Vec<_> = issues.iter().map(|i| i.column).collect();
    assert_eq!(fields, [Some("member_id"), Some("name")]);
}

#[test]
fn unknown_sector_committee_and_liaison_group() {
    let mut m = Member::new("M3", "赵六", "教育");
    m.committee = Some("不存在委员会".into());
    m.liaison_group = Some("火星联络组".into());
    let issues = refused(Batch { members: vec![m], ..Batch::default() });
    assert_eq!(
        issues.iter().map(|i| i.error.clone()).collect::<Vec<_>>(),
        [
            ValidationError::UnknownSector("教育".into()),
            ValidationError::UnknownSpecialCommittee("不存在委员会".into()),
            ValidationError::UnknownLiaisonGroup("火星联络组".into()),
        ]
    );
}

#[test]
fn status_contradicting_lifecycle() {
    let mut p = proposal("P1", ProposalForm::Individual, ProposalStatus::NotFiled);
    if let ActivityDetail::Proposal(x) = &mut p.detail {
        x.reply_category = Some(ReplyCategory::Solved);
        x.satisfaction = Some(Satisfaction::Satisfied);
        x.handling_units = vec![HandlingUnit { name: "县民政局".into(), role: HandlingRole::Lead }];
        x.designations = [Designation::Excellent].into_iter().collect();
    }
    let issues = refused(Batch { activities: vec![p], ..Batch::default() });
    let columns: Vec<_> = issues.iter().map(|i| i.column.unwrap()).collect();
    assert_eq!(columns, ["reply_category", "satisfaction", "handling_units", "designation"]);
    assert!(
        issues[0].to_string().contains("status `not_filed` contradicts a reply category"),
        "{}",
        issues[0]
    );
}

#[test]
fn a_replied_proposal_may_carry_everything() {
    let mut l = base();
    let mut p = proposal("P1", ProposalForm::Individual, ProposalStatus::Replied);
    if let ActivityDetail::Proposal(x) = &mut p.detail {
        x.reply_category = Some(ReplyCategory::Solved);
        x.satisfaction = Some(Satisfaction::Satisfied);
        x.handling_units = vec![HandlingUnit { name: "县民政局".into(), role: HandlingRole::Lead }];
        x.designations = [Designation::Excellent].into_iter().collect();
    }
    l.add(Batch {
        activities: vec![p],
        participations: vec![part("P1", "M1", ParticipantRole::Lead)],
        ..Batch::default()
    })
    .unwrap();
}

#[test]
fn negative_hours_and_amounts() {
    let training = Activity::new(
        "T1",
        "新委员培训",
        d(3, 1),
        Level::County,
        ActivityDetail::Training(Training {
            kind: TrainingKind::Induction,
            hours: Some(Decimal::new(-15, 1)),
            off_site: false,
        }),
    );
    let donation = Activity::new(
        "D1",
        "抗洪救灾捐款",
        d(7, 1),
        Level::County,
        ActivityDetail::Donation(Donation { amount: Decimal::new(-500, 0), in_kind: false }),
    );
    let issues = refused(Batch { activities: vec![training, donation], ..Batch::default() });
    assert_eq!(issues[0].error, ValidationError::Negative { field: "hours", value: Decimal::new(-15, 1) });
    assert_eq!(issues[1].error, ValidationError::Negative { field: "amount", value: Decimal::new(-500, 0) });
}

#[test]
fn ends_before_it_starts() {
    let mut a = plenary("H2");
    a.end_date = Some(d(1, 9));
    let i = only(refused(Batch { activities: vec![a], ..Batch::default() }));
    assert_eq!(i.error, ValidationError::EndsBeforeStart { start: d(1, 10), end: d(1, 9) });
}

#[test]
fn unknown_link() {
    let mut r = report("R1");
    r.linked_to = Some("P404".into());
    let i = only(refused(Batch { activities: vec![r], ..Batch::default() }));
    assert_eq!(i.error, ValidationError::UnknownLink("P404".into()));
}

#[test]
fn role_must_fit_kind() {
    let i = only(refused(Batch {
        participations: vec![part("H1", "M1", ParticipantRole::Cosigner).with_attendance(Attendance::Present)],
        ..Batch::default()
    }));
    assert_eq!(
        i.error,
        ValidationError::RoleDoesNotFit { role: ParticipantRole::Cosigner, kind: ActivityKind::Meeting }
    );
}

#[test]
fn proposals_need_exactly_one_lead() {
    let issues = refused(Batch {
        activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed)],
        participations: vec![part("P1", "M1", ParticipantRole::Cosigner)],
        ..Batch::default()
    });
    assert!(
        issues.iter().any(|i| i.error
            == ValidationError::LeadCount { activity: "P1".into(), role: ParticipantRole::Lead, count: 0 }),
        "{issues:#?}"
    );
}

#[test]
fn an_activitys_participants_listed_apart_are_counted_together() {
    // P1's two leads, and P2's lead and co-signer, each listed apart with
    // other activities' rows between: counted per activity, reported at
    // the first row that touched it. (M2, who joined in June, was not in
    // office for any of them: each row checked against its own activity.)
    let present = |m: &str| part("H1", m, ParticipantRole::Attendee).with_attendance(Attendance::Present);
    let outside = |a: &str, date| ValidationError::OutsideMembership {
        member: "M2".into(),
        activity: a.into(),
        date,
        window: "joined 2025-06-01".into(),
    };
    let issues = refused(Batch {
        activities: vec![
            proposal("P1", ProposalForm::Joint, ProposalStatus::Filed),
            proposal("P2", ProposalForm::Individual, ProposalStatus::Filed),
        ],
        participations: vec![
            present("M1"),
            part("P1", "M1", ParticipantRole::Lead),
            part("P2", "M1", ParticipantRole::Lead),
            present("M2"),
            part("P1", "M2", ParticipantRole::Lead),
            part("P2", "M2", ParticipantRole::Cosigner),
        ],
        ..Batch::default()
    });
    let found: Vec<_> = issues.iter().map(|i| (i.index, i.error.clone())).collect();
    assert_eq!(
        found,
        [
            (1, ValidationError::LeadCount { activity: "P1".into(), role: ParticipantRole::Lead, count: 2 }),
            (2, ValidationError::IndividualWithCosigners("P2".into())),
            (3, outside("H1", d(1, 10))),
            (4, outside("P1", d(2, 1))),
            (5, outside("P2", d(2, 1))),
        ]
    );
}

#[test]
fn individual_proposal_has_no_cosigners() {
    let mut l = base();
    l.add(Batch { members: vec![Member::new("M3", "王五", "农业界")], ..Batch::default() }).unwrap();
    let err = l
        .add(Batch {
            activities: vec![proposal("P1", ProposalForm::Individual, ProposalStatus::Filed)],
            participations: vec![
                part("P1", "M1", ParticipantRole::Lead),
                part("P1", "M3", ParticipantRole::Cosigner),
            ],
            ..Batch::default()
        })
        .unwrap_err();
    assert_eq!(only(err.issues).error, ValidationError::IndividualWithCosigners("P1".into()));
}

#[test]
fn reports_need_one_author() {
    let mut l = base();
    l.add(Batch { members: vec![Member::new("M3", "王五", "农业界")], ..Batch::default() }).unwrap();
    let err = l
        .add(Batch {
            activities: vec![report("R1")],
            participations: vec![
                part("R1", "M1", ParticipantRole::Author),
                part("R1", "M3", ParticipantRole::Author),
            ],
            ..Batch::default()
        })
        .unwrap_err();
    assert_eq!(
        only(err.issues).error,
        ValidationError::LeadCount { activity: "R1".into(), role: ParticipantRole::Author, count: 2 }
    );
}

#[test]
fn meetings_need_attendance_and_proposals_have_none() {
    let issues = refused(Batch {
        activities: vec![proposal("P1", ProposalForm::Individual, ProposalStatus::Filed)],
        participations: vec![
            part("H1", "M1", ParticipantRole::Attendee),
            part("P1", "M1", ParticipantRole::Lead).with_attendance(Attendance::Present),
        ],
        ..Batch::default()
    });
    assert_eq!(issues[0].error, ValidationError::MissingAttendance);
    assert_eq!(issues[1].error, ValidationError::AttendanceDoesNotApply(ActivityKind::Proposal));
}

#[test]
fn half_days_cannot_exceed_the_meeting() {
    let mut p = part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present);
    p.half_days = Some(5);
    let i = only(refused(Batch { participations: vec![p], ..Batch::default() }));
    assert_eq!(i.error, ValidationError::HalfDaysExceed { attended: 5, of: 4 });
}

#[test]
fn the_absent_give_no_speech() {
    let mut p = part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Unexcused);
    p.speech = Some(Speech::PlenaryWritten);
    p.late = true;
    let issues = refused(Batch { participations: vec![p], ..Batch::default() });
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[0].error, ValidationError::AbsentButActive { what: "a speech" });
}

#[test]
fn every_bad_row_is_reported_with_its_origin() {
    let file: Arc<str> = Arc::from("participations.csv");
    let rows = vec![
        part("H1", "M9", ParticipantRole::Attendee).with_attendance(Attendance::Present),
        part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present),
        part("X1", "M1", ParticipantRole::Attendee),
    ];
    let origins = (0..rows.len()).map(|i| Origin { file: file.clone(), row: i as u64 + 2 }).collect();
    let issues = refused(Batch {
        participations: rows,
        origins: BatchOrigins { participations: origins, ..BatchOrigins::default() },
        ..Batch::default()
    });
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[0].to_string(), "participations.csv, row 2, column member_id: unknown member `M9`");
    assert_eq!(issues[1].to_string(), "participations.csv, row 4, column activity_id: unknown activity `X1`");
}

#[test]
fn a_good_batch_is_indexed() {
    let mut l = base();
    let added = l
        .add(Batch {
            activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed), report("R1")],
            participations: vec![
                part("P1", "M1", ParticipantRole::Lead),
                part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present),
                part("R1", "M1", ParticipantRole::Author),
            ],
            ..Batch::default()
        })
        .unwrap();
    assert_eq!(added, Added { members: 0, activities: 2, participations: 3 });
    let m1 = l.member_ix(&"M1".into()).unwrap();
    let dates: Vec<_> = l.participations_of(m1).iter().map(|p| l.activity(p.activity).date).collect();
    assert_eq!(dates, [d(1, 10), d(2, 1), d(3, 1)], "a member's participations are in date order");
    assert_eq!(l.activities_of_kind(ActivityKind::Proposal).len(), 1);
    assert_eq!(l.activities_between(d(1, 15), d(12, 31)).len(), 2);
    assert_eq!(l.activities_between(d(12, 31), d(1, 1)).len(), 3, "either order");
    let p1 = l.activity_ix(&"P1".into()).unwrap();
    assert_eq!(l.participants(p1).map(|p| p.member).collect::<Vec<_>>(), [m1]);
}

#[test]
fn positions_continue_across_batches() {
    let mut l = base();
    l.add(Batch {
        members: vec![Member::new("M3", "王五", "农业界")],
        activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed)],
        participations: vec![part("P1", "M1", ParticipantRole::Lead)],
        ..Batch::default()
    })
    .unwrap();
    l.add(Batch { participations: vec![part("P1", "M3", ParticipantRole::Cosigner)], ..Batch::default() })
        .unwrap();
    let p1 = l.activity_ix(&"P1".into()).unwrap();
    let people: Vec<_> =
        l.participants(p1).map(|p| (l.member(p.member).id.to_string(), p.position)).collect();
    assert_eq!(people, [("M1".to_string(), 0), ("M3".to_string(), 1)]);
}

/// No spelling may mean two values of one vocabulary, or parsing would
/// silently pick the first.
#[test]
fn vocabulary_spellings_are_unambiguous() {
    fn check<V: Vocabulary + std::fmt::Debug>() {
        let mut seen = std::collections::HashMap::new();
        for v in V::ALL {
            for s in v.spellings() {
                let key = s.to_ascii_lowercase();
                if let Some(other) = seen.insert(key, *v) {
                    panic!("{}: `{s}` means both {other:?} and {v:?}", V::NAME);
                }
            }
            assert_eq!(V::parse(v.code()).unwrap().code(), v.code());
            assert_eq!(V::parse(v.label()).unwrap().code(), v.code());
        }
    }
    check::<Level>();
    check::<Function>();
    check::<Gender>();
    check::<Role>();
    check::<ActivityKind>();
    check::<ProposalForm>();
    check::<ProposalStatus>();
    check::<ProposalSession>();
    check::<ReplyCategory>();
    check::<Satisfaction>();
    check::<HandlingRole>();
    check::<Designation>();
    check::<AdoptionMode>();
    check::<MeetingKind>();
    check::<TrainingKind>();
    check::<ResearchKind>();
    check::<LiaisonKind>();
    check::<ParticipantRole>();
    check::<Attendance>();
    check::<Speech>();
}

#[test]
fn indexed_batch_builds_the_same_ledger() {
    let batch = Batch {
        members: vec![Member::new("M3", "王五", "农业界")],
        activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed), report("R1")],
        participations: vec![
            part("P1", "M3", ParticipantRole::Lead),
            part("P1", "M1", ParticipantRole::Cosigner),
            part("R1", "M1", ParticipantRole::Author),
            part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present),
            part("H1", "M3", ParticipantRole::Attendee).with_attendance(Attendance::Excused),
        ],
        ..Batch::default()
    };
    let mut by_ids = base();
    let mut by_index = base();
    let indexed_batch = indexed(&by_index, &batch).unwrap();
    let added = by_ids.add(batch).unwrap();
    assert_eq!(by_index.add_indexed(indexed_batch).unwrap(), added);
    assert_eq!(by_index, by_ids);
    assert_eq!(by_index.participations(), by_ids.participations());
    let p1 = by_index.activity_ix(&"P1".into()).unwrap();
    let positions: Vec<u16> = by_index.participants(p1).map(|p| p.position).collect();
    assert_eq!(positions, [0, 1], "the lead first, as input");
}

#[test]
fn indexed_batch_names_an_index_out_of_range() {
    let mut l = base();
    let p = Participation {
        attendance: Some(Attendance::Present),
        ..Participation::new(ActivityIx(0), MemberIx(7), ParticipantRole::Attendee)
    };
    let err = l.add_indexed(IndexedBatch { participations: vec![p], ..IndexedBatch::default() }).unwrap_err();
    let i = only(err.issues);
    assert_eq!(i.error, ValidationError::UnknownMember("#7".into()));
    assert_eq!((i.table, i.index, i.column), (Table::Participations, 0, Some("member_id")));
}

#[test]
fn scoring_ledger_holds_activities_without_titles() {
    let untitled =
        || Batch { activities: vec![Activity { title: String::new(), ..report("R1") }], ..Batch::default() };
    let mut full = Ledger::new(committee());
    let i = only(full.add(untitled()).unwrap_err().issues);
    assert_eq!(i.error, ValidationError::Empty { field: "title" });
    let mut scoring = Ledger::for_scoring(committee());
    assert_eq!(scoring.detail(), Detail::Scoring);
    scoring.add(untitled()).unwrap();
    // Everything else is still checked.
    let err = scoring
        .add(Batch { activities: vec![Activity { title: String::new(), ..report("") }], ..Batch::default() })
        .unwrap_err();
    assert_eq!(only(err.issues).error, ValidationError::Empty { field: "activity_id" });
}

#[test]
fn records_first_then_participations_build_the_same_ledger() {
    // What the columnar reader does: a committee's members and activities
    // in one batch (activities out of date order), its participations later.
    let mut late = plenary("H2");
    late.date = d(11, 20);
    let records = Batch {
        members: vec![Member::new("M3", "王五", "农业界")],
        activities: vec![late, proposal("P1", ProposalForm::Joint, ProposalStatus::Filed), report("R1")],
        ..Batch::default()
    };
    let participations = vec![
        part("H2", "M3", ParticipantRole::Attendee).with_attendance(Attendance::Present),
        part("P1", "M3", ParticipantRole::Lead),
        part("R1", "M1", ParticipantRole::Author),
        part("H1", "M3", ParticipantRole::Attendee).with_attendance(Attendance::Excused),
    ];
    let mut whole = base();
    whole.add(Batch { participations: participations.clone(), ..records.clone() }).unwrap();
    let mut in_two = base();
    in_two.add(records).unwrap();
    in_two.add(Batch { participations, ..Batch::default() }).unwrap();
    assert_eq!(in_two, whole);
    assert_eq!(in_two.participations(), whole.participations());
    for kind in ActivityKind::ALL {
        assert_eq!(in_two.activities_of_kind(*kind), whole.activities_of_kind(*kind), "{kind:?}");
    }
    let everything = in_two.activities_between(d(1, 1), d(12, 31));
    assert_eq!(everything, whole.activities_between(d(1, 1), d(12, 31)));
    let dates: Vec<_> = everything.iter().map(|&a| in_two.activity(a).date).collect();
    assert!(dates.is_sorted(), "{dates:?}");
    assert_eq!(in_two.activities_of_kind(ActivityKind::Meeting).len(), 2);
    let m3 = in_two.member_ix(&"M3".into()).unwrap();
    let dates: Vec<_> =
        in_two.participations_of(m3).iter().map(|p| in_two.activity(p.activity).date).collect();
    assert_eq!(dates, [d(1, 10), d(2, 1), d(11, 20)]);
}

#[test]
fn participations_a_ledger_does_not_hold_are_not_checked_but_counted_as_rows() {
    // A ledger holding only proposals' participations (as a reader scoring
    // under a rule set that reads nothing else builds it).
    let mut l = base();
    l.add(Batch {
        activities: vec![proposal("P1", ProposalForm::Joint, ProposalStatus::Filed)],
        ..Batch::default()
    })
    .unwrap();
    l.hold_participations_only_of(|a| a.kind() == ActivityKind::Proposal);
    assert!(!l.holds_all_participations());
    let (plenary_ix, proposal_ix) =
        (l.activity_ix(&"H1".into()).unwrap(), l.activity_ix(&"P1".into()).unwrap());
    assert!(!l.holds_participations_of(plenary_ix) && l.holds_participations_of(proposal_ix));
    let attended = |m: &str| part("H1", m, ParticipantRole::Attendee).with_attendance(Attendance::Present);
    let batch = Batch {
        participations: vec![
            // Not held: listed twice, and a lead at a meeting, pass unseen.
            attended("M1"),
            attended("M1"),
            part("H1", "M2", ParticipantRole::Lead),
            part("P1", "M1", ParticipantRole::Lead),
            part("P1", "M1", ParticipantRole::Cosigner),
        ],
        ..Batch::default()
    };
    for by_index in [false, true] {
        let mut l = l.clone();
        let err = match by_index {
            false => l.add(batch.clone()),
            true => l.add_indexed(indexed(&l, &batch).unwrap()),
        }
        .unwrap_err();
        let issue = only(err.issues);
        assert!(matches!(issue.error, ValidationError::DuplicateParticipant { .. }), "{issue:?}");
        assert_eq!(issue.index, 4, "rows not held still count");
    }
    // Without the proposal's duplicate, only the proposal's lead is held.
    let mut fine = batch.clone();
    fine.participations.pop();
    let before = l.clone();
    let mut by_records = l.clone();
    by_records.add(fine.clone()).unwrap();
    l.add_indexed(indexed(&l, &fine).unwrap()).unwrap();
    for l in [&l, &by_records] {
        assert_eq!(l.participations().len(), 1);
        assert_eq!(l.participants(proposal_ix).count(), 1);
        assert_eq!(l.participants(plenary_ix).count(), 0);
    }
    // An unknown member is reported wherever it is.
    let mut unknown = fine;
    unknown.participations[0] = attended("NOBODY");
    let i = only(before.clone().add(unknown).unwrap_err().issues);
    assert_eq!((i.error, i.index), (ValidationError::UnknownMember("NOBODY".into()), 0));
}

/// `base()` with M1 at the plenary meeting H1 and lead of proposal `id`.
fn attended_and_proposed(id: &str) -> Ledger {
    let mut l = base();
    l.add(Batch {
        activities: vec![proposal(id, ProposalForm::Individual, ProposalStatus::Filed)],
        participations: vec![
            part("H1", "M1", ParticipantRole::Attendee).with_attendance(Attendance::Present),
            part(id, "M1", ParticipantRole::Lead),
        ],
        ..Batch::default()
    })
    .unwrap();
    l
}

#[test]
fn holding_only_some_participations_lets_go_of_those_already_held() {
    let mut l = attended_and_proposed("P1");
    l.hold_participations_only_of(|a| a.kind() == ActivityKind::Proposal);
    assert_eq!(l.participations().len(), 1);
    assert_eq!(l.participations_of(MemberIx(0)).len(), 1);
    // Reading every activity's is holding all.
    let mut all = base();
    all.hold_participations_only_of(|_| true);
    assert!(all.holds_all_participations());
}

/// A reader that marks proposals with their number of characters of id,
/// and reads nothing else: a tagged reader's marks are kept.
struct ProposalReader(Option<u64>);

impl lvzhi_core::Reads for ProposalReader {
    fn fields(&self) -> lvzhi_core::Fields {
        lvzhi_core::Fields::ALL
    }

    fn participations_in(&self, a: &lvzhi_core::Activity) -> bool {
        a.kind() == ActivityKind::Proposal
    }

    fn mark(&self, a: &lvzhi_core::Activity) -> u64 {
        if self.participations_in(a) {
            a.id.as_str().len() as u64
        } else {
            0
        }
    }

    fn tag(&self) -> Option<u64> {
        self.0
    }
}

#[test]
fn a_tagged_readers_marks_are_kept_until_an_activity_is_added() {
    let mut l = attended_and_proposed("P12");
    let mut untagged = l.clone();
    untagged.hold_participations_read_by(&ProposalReader(None));
    assert_eq!(untagged.marks(7), None);
    l.hold_participations_read_by(&ProposalReader(Some(7)));
    // Held as `participations_in` says; the marks in activity order.
    assert_eq!(l.participations().len(), 1);
    let marks: Vec<u64> = l.activities().iter().map(|a| if a.id.as_str() == "P12" { 3 } else { 0 }).collect();
    assert_eq!(l.marks(7), Some(&marks[..]));
    assert_eq!(l.marks(8), None, "another reader's tag");
    // Holding by a plain test forgets them.
    let mut plain = l.clone();
    plain.hold_participations_only_of(|a| a.kind() == ActivityKind::Proposal);
    assert_eq!(plain.marks(7), None);
    // An activity added since has no mark: none are given.
    l.add(Batch {
        activities: vec![proposal("P2", ProposalForm::Individual, ProposalStatus::Filed)],
        ..Batch::default()
    })
    .unwrap();
    assert_eq!(l.marks(7), None);
}

/// `base()` knowing of the liaison visit L1 and the training T1 by id only
/// (as a scoring read whose rule set never looks at those kinds builds it),
/// holding the proposal P1, which links to L1.
fn knowing_of_some() -> Ledger {
    let mut l = base();
    let mut p1 = proposal("P1", ProposalForm::Individual, ProposalStatus::Filed);
    p1.linked_to = Some("L1".into());
    let batch = IndexedBatch {
        activities: vec![p1],
        activities_not_held: vec!["L1".into(), "T1".into()],
        ..IndexedBatch::default()
    };
    l.add_indexed(batch).unwrap();
    l
}

#[test]
fn activities_known_by_id_only_are_known_but_not_held() {
    let l = knowing_of_some();
    assert_eq!(l.activities().len(), 2, "H1 and P1 are held");
    assert_eq!(l.activities_not_held(), [ActivityId::from("L1"), ActivityId::from("T1")]);
    assert_eq!(l.find_activity_not_held("T1"), Some(1));
    assert_eq!((l.find_activity("L1"), l.find_activity_not_held("P1")), (None, None));
    assert!(l.knows_activity("L1") && l.knows_activity("P1") && !l.knows_activity("X9"));
    assert!(!l.holds_all_participations(), "the participations of L1 and T1 are not held");
    // Their participations are let go unchecked (a lead at a liaison visit,
    // twice), P1's are held and checked, and an unknown id is still refused.
    let mut added = l.clone();
    let batch = Batch {
        participations: vec![
            part("L1", "M1", ParticipantRole::Lead),
            part("L1", "M1", ParticipantRole::Lead),
            part("P1", "M1", ParticipantRole::Lead),
        ],
        ..Batch::default()
    };
    assert_eq!(added.add(batch.clone()).unwrap().participations, 1);
    assert_eq!(added.participations().len(), 1);
    assert_eq!(added.activity(added.participations()[0].activity).id, ActivityId::from("P1"));
    let mut unknown = batch;
    unknown.participations[1] = part("X9", "M1", ParticipantRole::Participant);
    let i = only(l.clone().add(unknown).unwrap_err().issues);
    assert_eq!(
        (i.error, i.index, i.column),
        (ValidationError::UnknownActivity("X9".into()), 1, Some("activity_id"))
    );
    // An unknown member is reported wherever it is.
    let nobody = Batch {
        participations: vec![part("T1", "NOBODY", ParticipantRole::Participant)],
        ..Batch::default()
    };
    let i = only(l.clone().add(nobody).unwrap_err().issues);
    assert_eq!(i.error, ValidationError::UnknownMember("NOBODY".into()));
}

#[test]
fn activities_known_by_id_only_have_unique_ids_and_links_may_name_them() {
    let l = knowing_of_some();
    let refused = |batch: IndexedBatch| {
        let mut l = l.clone();
        let issues = l.add_indexed(batch).unwrap_err().issues;
        assert_eq!(l.activities().len() + l.activities_not_held().len(), 4, "nothing stored");
        issues
    };
    let ids = |ids: &[&str]| ids.iter().map(|&s| ActivityId::from(s)).collect::<Vec<_>>();
    // Against the ledger's, held or not, and within the batch, held or
    // not; numbered after the batch's activities.
    let issues = refused(IndexedBatch {
        activities: vec![report("R1")],
        activities_not_held: ids(&["H1", "T1", "R1", "N1", "N1", " "]),
        ..IndexedBatch::default()
    });
    let found: Vec<_> = issues.iter().map(|i| (i.index, i.error.clone())).collect();
    let dup = |s: &str| ValidationError::DuplicateActivity(s.into());
    assert_eq!(
        found,
        [
            (1, dup("H1")),
            (2, dup("T1")),
            (3, dup("R1")),
            (5, dup("N1")),
            (6, ValidationError::Empty { field: "activity_id" })
        ]
    );
    assert!(issues.iter().all(|i| i.table == Table::Activities && i.column == Some("activity_id")));
    // A held activity already known only by id is a duplicate too.
    let i = only(refused(IndexedBatch { activities: vec![report("L1")], ..IndexedBatch::default() }));
    assert_eq!((i.error, i.index), (dup("L1"), 0));
    // Links may name activities known by id only, in the ledger or the batch.
    let mut linked = report("R2");
    linked.linked_to = Some("N2".into());
    let mut l2 = l.clone();
    let batch = IndexedBatch {
        activities: vec![linked.clone()],
        activities_not_held: ids(&["N2"]),
        ..IndexedBatch::default()
    };
    l2.add_indexed(batch).unwrap();
    assert!(l2.knows_activity("N2") && l2.find_activity("R2").is_some());
    linked.linked_to = Some("N3".into());
    let i = only(refused(IndexedBatch { activities: vec![linked], ..IndexedBatch::default() }));
    assert_eq!((i.error, i.column), (ValidationError::UnknownLink("N3".into()), Some("linked_to")));
}
