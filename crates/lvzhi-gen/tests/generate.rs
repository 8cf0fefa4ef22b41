//! The generated data is valid, reproducible and looks like a real year.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use lvzhi_core::{
    Activity, ActivityDetail, ActivityKind, AdoptionMode, Attendance, Designation, Ledger, Level,
    LiaisonKind, MeetingKind, ParticipantRole, ProposalForm, ProposalStatus, ResearchKind, Role, Speech,
    TrainingKind, Vocabulary,
};
use lvzhi_gen::{county, generate, nationwide, Config, Dataset};
use rust_decimal::Decimal;

fn ledger(data: &Dataset) -> Ledger {
    let mut ledger = Ledger::new(data.committee.clone());
    if let Err(e) = ledger.add(data.batch.clone()) {
        let shown: String = e.issues.iter().take(20).map(|i| format!("{i}\n")).collect();
        panic!("{} issues, e.g.:\n{shown}", e.issues.len());
    }
    ledger
}

fn meetings_of(data: &Dataset, kind: MeetingKind) -> Vec<&Activity> {
    data.batch
        .activities
        .iter()
        .filter(|a| matches!(&a.detail, ActivityDetail::Meeting(m) if m.kind == kind))
        .collect()
}

fn proposals(data: &Dataset) -> Vec<(&Activity, &lvzhi_core::Proposal)> {
    data.batch
        .activities
        .iter()
        .filter_map(|a| match &a.detail {
            ActivityDetail::Proposal(p) => Some((a, p)),
            _ => None,
        })
        .collect()
}

#[test]
fn county_sample_passes_validation() {
    for seed in 0..8 {
        let data = county(seed);
        let ledger = ledger(&data);
        assert_eq!(ledger.members().len(), 120);
    }
}

#[test]
fn other_levels_pass_validation() {
    for (level, members) in
        [(Level::County, 20), (Level::City, 400), (Level::Provincial, 700), (Level::National, 2169)]
    {
        let data = generate(&Config::new(level, members, 2025, 3));
        assert_eq!(data.batch.members.len(), members as usize);
        assert_eq!(data.committee.level, level);
        ledger(&data);
    }
    // Other years fall in other terms.
    for year in [2022, 2023, 2026, 2031] {
        let data = generate(&Config::new(Level::County, 60, year, 4));
        assert!(data.committee.term.contains(chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap()));
        ledger(&data);
    }
}

#[test]
fn committees_of_a_nationwide_plan_validate_with_unique_ids() {
    let mut ids = BTreeSet::new();
    for config in nationwide(11, 2025).step_by(800) {
        let data = generate(&config);
        ledger(&data);
        for m in &data.batch.members {
            assert!(m.id.0.starts_with(&config.id_prefix));
            assert!(ids.insert(m.id.to_string()), "{}", m.id);
        }
        for a in &data.batch.activities {
            assert!(ids.insert(a.id.to_string()), "{}", a.id);
        }
    }
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let a = county(42);
    let b = county(42);
    assert_eq!(a, b);
    let json = |d: &Dataset| {
        serde_json::to_string(&(&d.committee, &d.batch.members, &d.batch.activities, &d.batch.participations))
            .unwrap()
    };
    assert_eq!(json(&a), json(&b), "byte-identical when written");
    let c = county(43);
    assert_ne!(a, c);
    assert_ne!(a.batch.members, c.batch.members);
    assert_ne!(a.batch.activities, c.batch.activities);
}

/// A digest of the generated data built from fields this crate chooses
/// (not from serde or Debug, so changes in lvzhi-core's formats do not
/// move it). Pinned: equal on every machine. When the generator changes on
/// purpose, update the constant.
#[test]
fn output_is_pinned() {
    let d = county(2025);
    let mut text = String::new();
    for m in &d.batch.members {
        text += &format!(
            "{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}\n",
            m.id,
            m.name,
            m.sector,
            m.party,
            m.birth_date,
            m.employer,
            m.title,
            m.committee,
            m.liaison_group,
            m.joined_on,
            m.left_on,
            m.personal.phone,
            m.personal.id_number
        );
    }
    for a in &d.batch.activities {
        text += &format!(
            "{}|{}|{}|{:?}|{}|{:?}|{}|{:?}|{:?}|{:?}|{:?}\n",
            a.id,
            a.title,
            a.date,
            a.end_date,
            a.kind().code(),
            a.detail.subtype(),
            a.level.code(),
            a.organizer,
            a.detail.amount().map(|x| x.to_string()),
            a.detail.hours().map(|x| x.to_string()),
            a.linked_to
        );
    }
    for p in &d.batch.participations {
        text += &format!(
            "{}|{}|{}|{:?}|{:?}|{:?}|{}|{}|{:?}\n",
            p.activity_id,
            p.member_id,
            p.role.code(),
            p.attendance.map(|a| a.code()),
            p.speech.map(|s| s.code()),
            p.half_days,
            p.late,
            p.left_early,
            p.throughout
        );
    }
    let hash =
        text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    assert_eq!(format!("{hash:016x}"), "7fc62acd4452fd23", "generator output changed ({} bytes)", text.len());
}

#[test]
fn members_look_like_a_county_committee() {
    let d = county(7);
    let members = &d.batch.members;
    assert_eq!(d.committee.level, Level::County);
    assert_eq!(
        (d.committee.term.number, d.committee.term.start.year(), d.committee.term.end.year()),
        (10, 2022, 2026)
    );
    assert!(
        d.committee.name.starts_with("政协") && d.committee.name.ends_with("县委员会"),
        "{}",
        d.committee.name
    );
    assert_eq!(d.committee.sectors.len(), 24);
    assert!(d.committee.sectors.contains(&"农工党".to_string()));
    assert!(d.committee.special_committees.contains(&"提案委员会".to_string()));
    assert!(d.committee.liaison_groups.len() >= 4);

    let role_count = |r: Role| members.iter().filter(|m| m.roles.highest() == Some(r)).count();
    assert_eq!(role_count(Role::Chair), 1);
    assert!((3..=4).contains(&role_count(Role::ViceChair)));
    assert_eq!(role_count(Role::SecretaryGeneral), 1);
    assert!((18..=22).contains(&role_count(Role::StandingMember)), "{}", role_count(Role::StandingMember));

    for m in members {
        let party = m.party.as_deref().unwrap();
        match m.sector.as_str() {
            "中共" => assert_eq!(party, "中共"),
            "民盟" | "民革" | "民建" | "民进" | "农工党" | "九三学社" | "无党派人士" => {
                assert_eq!(party, m.sector)
            }
            _ => assert!(
                ["中共", "群众", "无党派人士", "民革", "民盟", "民建", "民进", "农工党", "九三学社"]
                    .contains(&party),
                "{party}"
            ),
        }
        let born = m.birth_date.unwrap().year();
        assert!((1960..=1990).contains(&born));
        let len = m.name.chars().count();
        assert!((2..=4).contains(&len), "{}", m.name);
        assert!(m.employer.is_some() && m.title.is_some() && m.ethnicity.is_some() && m.gender.is_some());
        // Fake but well-formed personal data.
        let phone = m.personal.phone.as_deref().unwrap();
        assert!(phone.len() == 11 && phone.starts_with("139") && phone.bytes().all(|b| b.is_ascii_digit()));
        let id = m.personal.id_number.as_deref().unwrap();
        assert_eq!(id.len(), 18);
        assert_eq!(&id[2..4], "99", "a fake county: {id}");
        let b = m.birth_date.unwrap();
        assert_eq!(&id[6..14], format!("{:04}{:02}{:02}", b.year(), b.month(), b.day()));
        let sum: u32 = id[..17]
            .bytes()
            .zip([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(c, w)| u32::from(c - b'0') * w)
            .sum();
        assert_eq!(id.as_bytes()[17], b"10X98765432"[(sum % 11) as usize], "{id}");
        let male = m.gender == Some(lvzhi_core::Gender::Male);
        assert_eq!((id.as_bytes()[16] - b'0') % 2 == 1, male);
    }
    let names: BTreeSet<&str> = members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names.len(), members.len(), "names are distinct");
    let women = members.iter().filter(|m| m.gender == Some(lvzhi_core::Gender::Female)).count();
    assert!((20..=60).contains(&women), "{women}");
    let han = members.iter().filter(|m| m.ethnicity.as_deref() == Some("汉族")).count();
    assert!((90..120).contains(&han), "{han}");
    let joined = members.iter().filter(|m| m.joined_on.is_some_and(|j| j.year() == 2025)).count();
    let left = members.iter().filter(|m| m.left_on.is_some()).count();
    assert!((2..=5).contains(&joined), "{joined}");
    assert!((1..=2).contains(&left), "{left}");
    // Employers read like the sector's.
    let employers: Vec<&str> = members.iter().filter_map(|m| m.employer.as_deref()).collect();
    assert!(employers
        .iter()
        .any(|e| e.contains("县人民医院") || e.contains("中医院") || e.contains("卫生院")));
    assert!(employers.iter().any(|e| e.contains("中学") || e.contains("小学")));
}

#[test]
fn every_kind_and_field_is_exercised() {
    let d = county(1);
    let acts = &d.batch.activities;
    let parts = &d.batch.participations;
    let kinds: BTreeSet<ActivityKind> = acts.iter().map(|a| a.kind()).collect();
    assert_eq!(kinds.len(), ActivityKind::ALL.len(), "{kinds:?}");
    for &k in MeetingKind::ALL {
        assert!(!meetings_of(&d, k).is_empty(), "no {k} meeting");
    }
    let statuses: BTreeSet<ProposalStatus> = proposals(&d).iter().map(|p| p.1.status).collect();
    assert_eq!(statuses.len(), ProposalStatus::ALL.len(), "{statuses:?}");
    for a in acts {
        assert!(!a.functions.is_empty(), "{}", a.id);
        assert!(a.organizer.is_some(), "{}", a.id);
        assert_eq!(a.date.year(), 2025);
    }
    let attendance: BTreeSet<Attendance> = parts.iter().filter_map(|p| p.attendance).collect();
    assert!(attendance.contains(&Attendance::Excused) && attendance.contains(&Attendance::Unexcused));
    let roles: BTreeSet<ParticipantRole> = parts.iter().map(|p| p.role).collect();
    assert_eq!(roles.len(), ParticipantRole::ALL.len(), "{roles:?}");
    let speeches: BTreeSet<Speech> = parts.iter().filter_map(|p| p.speech).collect();
    assert_eq!(speeches.len(), Speech::ALL.len());
    assert!(parts.iter().any(|p| p.late) && parts.iter().any(|p| p.left_early));
    assert!(
        parts.iter().any(|p| p.throughout == Some(true)) && parts.iter().any(|p| p.throughout == Some(false))
    );
    assert!(
        parts.iter().any(|p| p.half_days == Some(5))
            && parts.iter().any(|p| p.half_days.is_some_and(|h| h < 5))
    );
    assert!(acts.iter().any(|a| a.end_date.is_some()));
    assert!(acts.iter().any(|a| a.level > Level::County), "some activities at a higher level");

    let mut training = BTreeSet::new();
    let mut research = BTreeSet::new();
    let mut liaison = BTreeSet::new();
    let (mut produced, mut off_site, mut in_kind, mut money) = (BTreeSet::new(), false, false, false);
    let mut amounts = Vec::new();
    let mut others = BTreeSet::new();
    for a in acts {
        match &a.detail {
            ActivityDetail::Training(t) => {
                training.insert(t.kind);
                assert!(t.hours.is_some_and(|h| h > Decimal::ZERO));
                off_site |= t.off_site;
            }
            ActivityDetail::Research(r) => {
                research.insert(r.kind);
                produced.insert(r.report_produced);
                let leads =
                    parts.iter().filter(|p| p.activity_id == a.id && p.role == ParticipantRole::Lead).count();
                assert_eq!(leads, 1, "{}", a.title);
            }
            ActivityDetail::Liaison(l) => {
                liaison.insert(l.kind);
                assert!(l.hours.is_some());
            }
            ActivityDetail::Volunteering(v) => assert!(v.hours.is_some()),
            ActivityDetail::Donation(x) => {
                assert!(x.amount > Decimal::ZERO);
                in_kind |= x.in_kind;
                money |= !x.in_kind;
                amounts.push(x.amount);
            }
            ActivityDetail::Other { subtype } => {
                others.insert(subtype.clone());
            }
            _ => {}
        }
    }
    assert_eq!(training.len(), TrainingKind::ALL.len());
    assert!(off_site);
    assert_eq!(research.len(), ResearchKind::ALL.len());
    assert_eq!(produced.len(), 2);
    assert_eq!(liaison.len(), LiaisonKind::ALL.len());
    assert!(in_kind && money);
    assert!(amounts.iter().any(|x| x.scale() == 2 && x.fract().is_zero()), "an amount like 500.00");
    assert!(amounts.iter().any(|x| x.scale() == 0), "an amount like 2000");
    assert!(amounts.iter().any(|x| !x.fract().is_zero()), "an amount like 12345.67");
    assert!(others.contains("文史资料征集") && others.contains("纪念活动"), "{others:?}");

    let award_levels: BTreeSet<Level> =
        acts.iter().filter(|a| a.kind() == ActivityKind::Award).map(|a| a.level).collect();
    assert!(award_levels.len() >= 3, "{award_levels:?}");
    assert_eq!(acts.iter().filter(|a| a.kind() == ActivityKind::Violation).count(), 1);
}

#[test]
fn meetings_invite_whom_they_concern() {
    let d = county(3);
    let members: BTreeMap<&str, &lvzhi_core::Member> =
        d.batch.members.iter().map(|m| (m.id.0.as_str(), m)).collect();
    let parts_of =
        |a: &Activity| d.batch.participations.iter().filter(|p| p.activity_id == a.id).collect::<Vec<_>>();

    let plenary = meetings_of(&d, MeetingKind::Plenary);
    assert_eq!(plenary.len(), 1);
    let p = plenary[0];
    assert!(p.date.month() <= 2, "plenary in January or February: {}", p.date);
    assert!(p.title.contains("第十届委员会第四次会议"), "{}", p.title);
    let roll = parts_of(p);
    let count = |a: Attendance| roll.iter().filter(|r| r.attendance == Some(a)).count();
    assert!(roll.len() >= 110, "nearly everyone is expected: {}", roll.len());
    assert!(count(Attendance::Present) * 100 >= roll.len() * 90);
    assert!((1..=2).contains(&count(Attendance::Unexcused)));
    assert!(count(Attendance::Excused) >= 1);
    assert!(roll.iter().any(|r| r.speech == Some(Speech::PlenaryOral)));
    assert!(roll.iter().any(|r| r.speech == Some(Speech::PlenaryWritten)));

    let standing = meetings_of(&d, MeetingKind::StandingCommittee);
    assert!(standing.len() >= 6, "{}", standing.len());
    for m in &standing {
        for r in parts_of(m) {
            assert!(members[r.member_id.0.as_str()].roles.is_standing(), "{} at {}", r.member_id, m.title);
        }
    }
    assert!(meetings_of(&d, MeetingKind::ThematicStanding).len() >= 2);
    assert!(meetings_of(&d, MeetingKind::ThematicConsultation).len() >= 3);

    // Stricter than validation: in office on every day of every activity.
    let acts: BTreeMap<&str, &Activity> = d.batch.activities.iter().map(|a| (a.id.0.as_str(), a)).collect();
    for r in &d.batch.participations {
        let a = acts[r.activity_id.0.as_str()];
        let m = members[r.member_id.0.as_str()];
        assert!(m.in_office_on(a.date) && m.in_office_on(a.last_day()), "{} on {}", m.id, a.id);
    }
    // Attendance overall: mostly present, excused more often than unexcused.
    let rec: Vec<Attendance> = d.batch.participations.iter().filter_map(|p| p.attendance).collect();
    let share = |a: Attendance| rec.iter().filter(|&&x| x == a).count() * 1000 / rec.len();
    assert!(share(Attendance::Present) > 800, "{}", share(Attendance::Present));
    assert!(share(Attendance::Excused) > share(Attendance::Unexcused));
}

#[test]
fn proposals_follow_the_real_distributions() {
    for seed in [1, 2, 3] {
        let d = county(seed);
        let props = proposals(&d);
        let n = props.len();
        assert!((150..=205).contains(&n), "about 1.5 a member: {n}");
        let share =
            |f: &dyn Fn(ProposalStatus) -> bool| props.iter().filter(|p| f(p.1.status)).count() * 1000 / n;
        assert!((850..=960).contains(&share(&|s| s.is_filed())), "filed {}", share(&|s| s.is_filed()));
        assert!((10..=60).contains(&share(&|s| s == ProposalStatus::Merged)));
        assert!((30..=80).contains(&share(&|s| matches!(
            s,
            ProposalStatus::NotFiled | ProposalStatus::ReferredAsOpinion
        ))));

        let filed: Vec<_> = props.iter().filter(|p| p.1.status.is_filed()).collect();
        let excellent = filed.iter().filter(|p| p.1.designations.contains(Designation::Excellent)).count();
        let per_mille = excellent * 1000 / filed.len();
        assert!((70..=110).contains(&per_mille), "excellent: {per_mille}‰ of filed");
        assert!(filed.iter().filter(|p| p.1.designations.contains(Designation::Key)).count() >= 3);
        assert!(filed.iter().any(|p| p.1.designations.contains(Designation::Key)
            && p.1.designations.contains(Designation::Excellent)));
        assert!(props.iter().any(|p| p.1.forwarded_to == Some(Level::City)));
        for (a, p) in &props {
            assert_eq!(p.reply_category.is_some(), p.status.is_replied(), "{}", a.id);
            assert!(p.satisfaction.is_none() || p.status.is_replied());
            assert_eq!(!p.handling_units.is_empty(), p.status.is_assigned(), "{}", a.id);
            assert!(a.title.starts_with("关于"));
        }
        let sessions: BTreeSet<_> = props.iter().filter_map(|p| p.1.session).collect();
        assert_eq!(sessions.len(), 2);

        // Forms and who signs them.
        let forms: BTreeSet<ProposalForm> = props.iter().map(|p| p.1.form).collect();
        assert_eq!(forms.len(), 3);
        for (a, p) in &props {
            let signers: Vec<_> = d.batch.participations.iter().filter(|r| r.activity_id == a.id).collect();
            assert_eq!(signers[0].role, ParticipantRole::Lead, "lead listed first");
            let leads = signers.iter().filter(|r| r.role == ParticipantRole::Lead).count();
            match p.form {
                ProposalForm::Individual => assert_eq!(signers.len(), 1),
                ProposalForm::Joint => {
                    assert_eq!(leads, 1);
                    assert!((2..=20).contains(&(signers.len() - 1)), "{} co-signers", signers.len() - 1);
                }
                ProposalForm::Collective => {
                    assert!((1..=3).contains(&leads));
                    assert!(p.collective_body.is_some());
                    assert!(signers[..leads].iter().all(|r| r.role == ParticipantRole::Lead));
                }
            }
        }

        // Skewed: a few members lead most proposals; many lead none.
        let mut per_member: BTreeMap<&str, usize> = BTreeMap::new();
        for (a, _) in &props {
            let lead = d.batch.participations.iter().find(|r| r.activity_id == a.id).unwrap();
            *per_member.entry(lead.member_id.0.as_str()).or_default() += 1;
        }
        let mut counts: Vec<usize> = per_member.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top_tenth: usize = counts.iter().take(12).sum();
        assert!(top_tenth * 100 >= n * 35, "top 10% lead {top_tenth} of {n}");
        assert!(120 - per_member.len() >= 18, "{} members lead none", 120 - per_member.len());
    }
}

#[test]
fn reports_are_rarely_adopted_and_some_come_from_proposals() {
    let d = county(5);
    let reports: Vec<(&Activity, &lvzhi_core::OpinionReport)> = d
        .batch
        .activities
        .iter()
        .filter_map(|a| match &a.detail {
            ActivityDetail::OpinionReport(r) => Some((a, r)),
            _ => None,
        })
        .collect();
    let n = reports.len();
    assert!((90..=125).contains(&n), "{n}");
    let adopted = reports.iter().filter(|r| !r.1.adopted_by.is_empty()).count();
    let instructed = reports.iter().filter(|r| !r.1.instructed_by.is_empty()).count();
    assert!(adopted > 0 && adopted * 100 < n * 45, "{adopted} of {n}");
    assert!(instructed > 0 && instructed < adopted);
    assert!(reports.iter().any(|r| r.1.adopted_by.contains(&Level::City)));
    assert!(reports.iter().any(|r| r.1.adoption_mode == Some(AdoptionMode::Single)));
    assert!(reports.iter().any(|r| r.1.adoption_mode == Some(AdoptionMode::Digest)));
    for (_, r) in &reports {
        assert!(r.instructed_by.iter().all(|l| *l <= Level::City));
        assert_eq!(r.adoption_mode.is_some(), !r.adopted_by.is_empty());
    }
    assert!(d.batch.participations.iter().any(|p| p.role == ParticipantRole::Coauthor));
    let linked: Vec<_> = reports.iter().filter(|r| r.0.linked_to.is_some()).collect();
    assert!((1..=2).contains(&linked.len()));
    for (a, _) in linked {
        let target = d.batch.activities.iter().find(|x| Some(&x.id) == a.linked_to.as_ref()).unwrap();
        assert_eq!(target.kind(), ActivityKind::Proposal);
        assert!(a.date >= target.date);
    }
}

#[test]
fn standing_members_submit_duty_reports() {
    let d = county(9);
    let standing: BTreeSet<&str> =
        d.batch.members.iter().filter(|m| m.roles.is_standing()).map(|m| m.id.0.as_str()).collect();
    let reporters: BTreeSet<&str> = d
        .batch
        .activities
        .iter()
        .filter(|a| a.kind() == ActivityKind::DutyReport)
        .flat_map(|a| d.batch.participations.iter().filter(move |p| p.activity_id == a.id))
        .map(|p| p.member_id.0.as_str())
        .collect();
    let standing_reporters = reporters.intersection(&standing).count();
    assert!(standing_reporters * 100 >= standing.len() * 65, "{standing_reporters} of {}", standing.len());
}

#[test]
fn large_committees_generate_in_linear_time() {
    let small = generate(&Config::new(Level::City, 500, 2025, 1));
    let large = generate(&Config::new(Level::City, 5000, 2025, 1));
    let ratio = large.batch.participations.len() as f64 / small.batch.participations.len() as f64;
    assert!((6.0..14.0).contains(&ratio), "participations grow with members: {ratio}");
    ledger(&large);
}

/// Intensity adds rounds of routine work and nothing else: the first round
/// is the default data, proposals, reports and plenaries stay, and the
/// whole is still valid.
#[test]
fn intensity_adds_routine_work_only() {
    let base = Config::county(3);
    assert_eq!(base.intensity, 1);
    let mut busy = base.clone();
    busy.intensity = 3;
    let (one, three) = (generate(&base), generate(&busy));
    ledger(&three);
    let n = one.batch.activities.len();
    assert_eq!(three.batch.activities[..n], one.batch.activities[..], "the first round is the default data");
    let per_member = |d: &Dataset| d.batch.participations.len() as f64 / d.batch.members.len() as f64;
    assert!(per_member(&three) > 2.0 * per_member(&one), "{} vs {}", per_member(&three), per_member(&one));
    let count =
        |d: &Dataset, kind: ActivityKind| d.batch.activities.iter().filter(|a| a.kind() == kind).count();
    for kind in [ActivityKind::Proposal, ActivityKind::OpinionReport, ActivityKind::Award] {
        assert_eq!(count(&three, kind), count(&one, kind), "{kind}");
    }
    assert_eq!(
        meetings_of(&three, MeetingKind::Plenary).len(),
        meetings_of(&one, MeetingKind::Plenary).len()
    );
    for kind in [ActivityKind::Training, ActivityKind::Research, ActivityKind::Liaison] {
        assert!(count(&three, kind) > 2 * count(&one, kind), "{kind}");
    }
}
