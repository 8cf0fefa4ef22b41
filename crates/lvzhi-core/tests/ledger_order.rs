//! The ledger's orders (by member, then date; participants in input
//! order) against a plain model, however participations arrive: grouped
//! by activity as a columnar reader hands them over, in any other order,
//! or over several batches.

use chrono::NaiveDate;
use lvzhi_core::*;
use proptest::prelude::*;

fn committee() -> Committee {
    let term = Term {
        number: 1,
        start: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
    };
    Committee::new("政协测试县委员会", Level::County, term)
}

fn volunteering(i: usize, day: u32) -> Activity {
    let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
    Activity::new(
        format!("A{i}"),
        "志愿服务",
        date,
        Level::County,
        ActivityDetail::Volunteering(Volunteering { hours: None }),
    )
}

fn record(a: usize, m: usize) -> ParticipationRecord {
    ParticipationRecord::new(&format!("A{a}"), &format!("M{m}"), ParticipantRole::Participant)
}

/// Members, activity dates, and participations as (activity, member)
/// pairs in arrival order, cut into batches at `cut`.
fn case() -> impl Strategy<Value = (usize, Vec<u32>, Vec<(usize, usize)>, usize)> {
    (1usize..6, prop::collection::vec(0u32..5, 1..7)).prop_flat_map(|(members, days)| {
        let pairs: Vec<(usize, usize)> =
            (0..days.len()).flat_map(|a| (0..members).map(move |m| (a, m))).collect();
        let n = pairs.len();
        (Just(members), Just(days), prop::sample::subsequence(pairs, 0..=n).prop_shuffle(), 0..=n)
    })
}

proptest! {
    #[test]
    fn orders_match_the_model((members, days, pairs, cut) in case(), grouped in any::<bool>()) {
        let (mut pairs, cut) = (pairs.clone(), cut.min(pairs.len()));
        if grouped {
            // As a columnar reader hands a committee over: activity by activity.
            pairs.sort_by_key(|&(a, _)| a);
        }
        let mut ledger = Ledger::new(committee());
        let first = Batch {
            members: (0..members).map(|m| Member::new(format!("M{m}"), "委员", "教育界")).collect(),
            activities: days.iter().enumerate().map(|(i, &d)| volunteering(i, d)).collect(),
            participations: pairs[..cut].iter().map(|&(a, m)| record(a, m)).collect(),
            ..Batch::default()
        };
        ledger.add(first).unwrap();
        let rest = Batch { participations: pairs[cut..].iter().map(|&(a, m)| record(a, m)).collect(), ..Batch::default() };
        ledger.add(rest).unwrap();

        // By member, then (date, activity).
        let mut model = pairs.clone();
        model.sort_by_key(|&(a, m)| (m, days[a], a));
        let held: Vec<(usize, usize)> =
            ledger.participations().iter().map(|p| (p.activity.0 as usize, p.member.0 as usize)).collect();
        prop_assert_eq!(&held, &model);
        for m in 0..members {
            let own: Vec<usize> = ledger.participations_of(MemberIx(m as u32)).iter().map(|p| p.activity.0 as usize).collect();
            let want: Vec<usize> = model.iter().filter(|&&(_, x)| x == m).map(|&(a, _)| a).collect();
            prop_assert_eq!(own, want);
        }
        // Participants in arrival order, numbered from 0.
        for a in 0..days.len() {
            let got: Vec<(usize, u16)> =
                ledger.participants(ActivityIx(a as u32)).map(|p| (p.member.0 as usize, p.position)).collect();
            let want: Vec<(usize, u16)> =
                pairs.iter().filter(|&&(x, _)| x == a).enumerate().map(|(i, &(_, m))| (m, i as u16)).collect();
            prop_assert_eq!(got, want);
        }
    }
}
