//! `RuleSet::fields`: what a rule set reads of participations' and
//! activities' optional facts, so that a national reader can leave the
//! rest out. Leaving them out must not change a single score.

use lvzhi_core::{
    Activity, ActivityDetail, ActivityField, ActivityFields, ActivityKind, Batch, Fields, Ledger,
    ParticipationFields, Period, Reads, Vocabulary,
};
use lvzhi_rules::{evaluate, presets, RuleSet};

mod common;

/// A one-item rule set whose item matches `condition`, counted `per`.
fn one_item(condition: &str, per: &str) -> RuleSet {
    item_of("meeting", condition, &format!("points = 1\nper = \"{per}\""))
}

/// A one-item rule set whose item matches `kind` and `condition`, scored by `points`.
fn item_of(kind: &str, condition: &str, points: &str) -> RuleSet {
    item_matching(&format!("{{ kind = \"{kind}\"{condition} }}"), points)
}

/// A one-item rule set whose item's `match` is `table`, scored by `points`.
fn item_matching(table: &str, points: &str) -> RuleSet {
    let text = format!(
        r#"
[method]
id = "fields"
name = "字段测试"

[[category]]
id = "all"
name = "全部"

[[item]]
id = "it"
name = "一项"
category = "all"
match = {table}
{points}
"#
    );
    RuleSet::from_toml_str(&text).unwrap()
}

#[test]
fn each_condition_reads_its_fact_and_nothing_else() {
    let none = ParticipationFields::NONE;
    let cases = [
        ("", "occurrence", none),
        (", attendance = \"present\"", "occurrence", none),
        (", spoke = true", "occurrence", ParticipationFields { speech: true, ..none }),
        (", late = true", "occurrence", ParticipationFields { late: true, ..none }),
        (", left_early = false", "occurrence", ParticipationFields { left_early: true, ..none }),
        (", throughout = true", "occurrence", ParticipationFields { throughout: true, ..none }),
        (
            ", attended_fraction_at_least = 0.67",
            "occurrence",
            ParticipationFields { half_days: true, ..none },
        ),
        (", attended_fraction_below = 0.5", "occurrence", ParticipationFields { half_days: true, ..none }),
        ("", "half_day", ParticipationFields { half_days: true, ..none }),
    ];
    for (condition, per, want) in cases {
        assert_eq!(one_item(condition, per).participation_fields(), want, "{condition} per {per}");
    }
}

#[test]
fn each_condition_reads_its_activity_field_and_nothing_else() {
    use ActivityField as F;
    let one = |kind: &str, condition: &str| item_of(kind, condition, "points = 1").activity_fields();
    let only = |f: F| ActivityFields::NONE.with(f);
    assert_eq!(one("meeting", ""), ActivityFields::NONE);
    assert_eq!(one("meeting", ", subtype = \"plenary\", level = \"city\""), ActivityFields::NONE);
    assert_eq!(
        one("proposal", ", filed = true, status = \"replied\""),
        ActivityFields::NONE,
        "status is always held"
    );
    assert_eq!(one("meeting", ", function = \"consultation\""), only(F::Functions));
    assert_eq!(one("proposal", ", designation = \"key\""), only(F::Designation));
    assert_eq!(one("proposal", ", forwarded = true"), only(F::ForwardedTo));
    assert_eq!(one("proposal", ", forwarded_to_at_least = \"province\""), only(F::ForwardedTo));
    assert_eq!(one("proposal", ", session = \"plenary\""), only(F::Session));
    assert_eq!(one("proposal", ", reply_category = \"solved\""), only(F::ReplyCategory));
    assert_eq!(one("proposal", ", satisfaction = \"satisfied\""), only(F::Satisfaction));
    assert_eq!(one("opinion_report", ", adopted = true"), only(F::AdoptedBy));
    assert_eq!(one("opinion_report", ", adopted_by = \"city\""), only(F::AdoptedBy));
    assert_eq!(one("opinion_report", ", adoption_mode = \"single\""), only(F::AdoptionMode));
    assert_eq!(one("opinion_report", ", instructed = true"), only(F::InstructedBy));
    assert_eq!(one("opinion_report", ", commissioned = true"), only(F::Commissioned));
    assert_eq!(one("training", ", off_site = true"), only(F::OffSite));
    assert_eq!(one("research", ", report_produced = true"), only(F::ReportProduced));
    assert_eq!(one("donation", ", subtype = \"in_kind\""), only(F::InKind));
    assert_eq!(one("training", ", subtype = \"thematic\""), ActivityFields::NONE);
    // Counted per hour or half-day, laddered on a level a detail holds.
    assert_eq!(item_of("training", "", "points = 1\nper = \"hour\"").activity_fields(), only(F::Hours));
    let per_half_day = item_of("meeting", "", "points = 1\nper = \"half_day\"").activity_fields();
    assert_eq!(per_half_day, only(F::HalfDays), "read against the meeting's half-days");
    let ladder = "ladder = { city = 1, province = 2 }\nladder_on = \"instructed_by\"";
    assert_eq!(item_of("opinion_report", "", ladder).activity_fields(), only(F::InstructedBy));
    let ladder = "ladder = { city = 1, province = 2 }";
    assert_eq!(
        item_of("award", "", ladder).activity_fields(),
        ActivityFields::NONE,
        "on the activity's level"
    );
}

/// `ledger` with the optional facts outside `fields` emptied, as a reader
/// that skips those columns builds it.
fn without(ledger: &Ledger, fields: Fields) -> Ledger {
    emptied(ledger, fields, fields)
}

/// `ledger` with the facts outside `fields` emptied, saying it holds `declared`.
fn emptied(ledger: &Ledger, fields: Fields, declared: Fields) -> Ledger {
    let mut batch = ledger.to_batch();
    let kept = fields.participations;
    for p in &mut batch.participations {
        if !kept.speech {
            p.speech = None;
        }
        if !kept.half_days {
            p.half_days = None;
        }
        if !kept.late {
            p.late = false;
        }
        if !kept.left_early {
            p.left_early = false;
        }
        if !kept.throughout {
            p.throughout = None;
        }
    }
    for a in &mut batch.activities {
        for f in ActivityFields::ALL.iter().filter(|&f| !fields.activities.has(f)) {
            clear(a, f);
        }
    }
    let mut out = Ledger::for_scoring_with(ledger.committee().clone(), declared);
    out.add(batch).unwrap();
    out
}

/// `a` without `field`, as read from a file without its column.
fn clear(a: &mut Activity, field: ActivityField) {
    use ActivityDetail as D;
    use ActivityField as F;
    match (field, &mut a.detail) {
        (F::Functions, _) => a.functions = Default::default(),
        (F::LinkedTo, _) => a.linked_to = None,
        (F::Session, D::Proposal(p)) => p.session = None,
        (F::ReplyCategory, D::Proposal(p)) => p.reply_category = None,
        (F::Satisfaction, D::Proposal(p)) => p.satisfaction = None,
        (F::Designation, D::Proposal(p)) => p.designations = Default::default(),
        (F::ForwardedTo, D::Proposal(p)) => p.forwarded_to = None,
        (F::AdoptedBy, D::OpinionReport(r)) => r.adopted_by.clear(),
        (F::AdoptionMode, D::OpinionReport(r)) => r.adoption_mode = None,
        (F::InstructedBy, D::OpinionReport(r)) => r.instructed_by.clear(),
        (F::Commissioned, D::OpinionReport(r)) => r.commissioned = false,
        (F::HalfDays, D::Meeting(m)) => m.half_days = None,
        (F::Hours, D::Training(t)) => t.hours = None,
        (F::Hours, D::Liaison(l)) => l.hours = None,
        (F::Hours, D::Volunteering(v)) => v.hours = None,
        (F::OffSite, D::Training(t)) => t.off_site = false,
        (F::ReportProduced, D::Research(r)) => r.report_produced = false,
        // Without the column a donation is in kind only when its subtype
        // says so; without either, money.
        (F::InKind, D::Donation(d)) => d.in_kind = false,
        _ => {}
    }
}

#[test]
fn every_preset_scores_the_same_without_the_facts_it_does_not_read() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let period = Period::year(2025);
    let (mut skipped_participation, mut skipped_activity) = (false, false);
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        let fields = rules.fields();
        skipped_participation |= fields.participations != ParticipationFields::ALL;
        skipped_activity |= fields.activities != ActivityFields::ALL;
        let lean = without(&ledger, fields);
        assert_eq!(lean.fields(), fields);
        assert_eq!(lean.participation_fields(), rules.participation_fields());
        let (full, lean) = (evaluate(&ledger, &rules, period), evaluate(&lean, &rules, period));
        assert_eq!(full.scorecards.len(), lean.scorecards.len(), "{}", info.id);
        for (a, b) in full.scorecards.iter().zip(&lean.scorecards) {
            assert_eq!((&a.member, a.total, a.grade), (&b.member, b.total, b.grade), "{}", info.id);
            let subtotals =
                |c: &lvzhi_rules::Scorecard| c.categories.iter().map(|x| x.subtotal).collect::<Vec<_>>();
            assert_eq!(subtotals(a), subtotals(b), "{} {}", info.id, a.member);
        }
    }
    assert!(skipped_participation, "some preset reads less than every participation fact");
    assert!(skipped_activity, "some preset reads less than every activity field");
}

#[test]
fn a_rule_set_reading_an_activity_field_scores_differently_without_it() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let rules = item_of("opinion_report", ", adopted = true", "points = 1");
    assert_eq!(rules.activity_fields(), ActivityFields::NONE.with(ActivityField::AdoptedBy));
    let period = Period::year(2025);
    let total = |l: &Ledger| {
        evaluate(l, &rules, period).scorecards.iter().map(|c| c.total).sum::<rust_decimal::Decimal>()
    };
    assert!(total(&ledger) > rust_decimal::Decimal::ZERO, "the sample has adopted reports");
    // (A ledger saying so would be refused, as below.)
    let lean = emptied(&ledger, Fields::NONE, Fields::ALL);
    assert_eq!(total(&lean), rust_decimal::Decimal::ZERO);
}

#[test]
fn a_rule_set_reading_a_fact_scores_differently_without_it() {
    // The converse: the facts a rule set reads do change its scores, so
    // the test above would notice a fact wrongly left out.
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let rules = one_item(", spoke = true", "occurrence");
    assert!(rules.participation_fields().speech);
    let period = Period::year(2025);
    let total = |l: &Ledger| {
        evaluate(l, &rules, period).scorecards.iter().map(|c| c.total).sum::<rust_decimal::Decimal>()
    };
    assert!(total(&ledger) > rust_decimal::Decimal::ZERO, "the sample has speeches");
    // (A ledger saying so would be refused: see the next test.)
    let no_speech = ParticipationFields { speech: false, ..ParticipationFields::ALL };
    let lean = emptied(&ledger, no_speech.into(), Fields::ALL);
    assert_eq!(total(&lean), rust_decimal::Decimal::ZERO);
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "reads")]
fn a_ledger_without_a_fact_the_rules_read_is_refused_in_debug_builds() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let lean = without(&ledger, ParticipationFields::NONE.into());
    evaluate(&lean, &one_item(", spoke = true", "occurrence"), Period::year(2025));
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "reads")]
fn a_ledger_without_an_activity_field_the_rules_read_is_refused_in_debug_builds() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let lean = without(&ledger, Fields { activities: ActivityFields::NONE, ..Fields::ALL });
    evaluate(&lean, &item_of("opinion_report", ", adopted = true", "points = 1"), Period::year(2025));
}

/// `ledger` as a reader scoring under `rules` builds it: its records first,
/// then only the participations of the activities `rules` reads those of.
fn only_read(ledger: &Ledger, rules: &RuleSet) -> Ledger {
    let Batch { members, activities, participations, .. } = ledger.to_batch();
    let mut out = Ledger::for_scoring(ledger.committee().clone());
    out.add(Batch { members, activities, ..Batch::default() }).unwrap();
    out.hold_participations_only_of(|a| rules.reads_participations_in(a));
    out.add(Batch { participations, ..Batch::default() }).unwrap();
    out
}

/// Every preset evaluates `lean(sample, rules)` exactly as the whole
/// sample ledger, scorecard by scorecard and line by line; at least two
/// presets leave something out (`left_out(lean, sample)`).
fn every_preset_scores_the_same_on(
    lean: impl Fn(&Ledger, &RuleSet) -> Ledger,
    left_out: impl Fn(&Ledger, &Ledger) -> bool,
) {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let period = Period::year(2025);
    let mut fewer = 0;
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        let lean = lean(&ledger, &rules);
        fewer += usize::from(left_out(&lean, &ledger));
        assert_eq!(evaluate(&lean, &rules, period), evaluate(&ledger, &rules, period), "{}", info.id);
    }
    assert!(fewer >= 2, "presets that leave something out: {fewer}");
}

#[test]
fn every_preset_scores_the_same_with_only_the_participations_it_reads() {
    every_preset_scores_the_same_on(only_read, |lean, all| {
        lean.participations().len() < all.participations().len()
    });
}

#[test]
fn every_preset_scores_the_same_holding_only_the_kinds_of_activity_it_reads() {
    let kinds_read = |ledger: &Ledger, rules: &RuleSet| {
        let lean = common::kinds_held(ledger, rules, |a| rules.activities_of(a.kind()));
        assert_eq!(lean.activities().len() + lean.activities_not_held().len(), ledger.activities().len());
        lean
    };
    every_preset_scores_the_same_on(kinds_read, |lean, _| !lean.activities_not_held().is_empty());
}

/// Whether `rules` look at `a` at all, as a scan asks: by kind, then by
/// subtype.
fn looked_at(rules: &RuleSet, a: &Activity) -> bool {
    rules.activities_of(a.kind())
        && a.detail.subtype().is_none_or(|s| rules.activities_of_subtype(a.kind(), s))
}

#[test]
fn every_preset_scores_the_same_holding_only_the_subtypes_of_activity_it_reads() {
    let subtypes_read =
        |ledger: &Ledger, rules: &RuleSet| common::kinds_held(ledger, rules, |a| looked_at(rules, a));
    // Presets that know some activities of a kind they hold by id only.
    let within_a_kind = |lean: &Ledger, all: &Ledger| {
        lean.activities_not_held().iter().any(|id| {
            let kind = all.activity(all.activity_ix(id).unwrap()).kind();
            !lean.activities_of_kind(kind).is_empty()
        })
    };
    every_preset_scores_the_same_on(subtypes_read, within_a_kind);
}

#[test]
fn a_rule_set_looks_at_the_kinds_its_matchers_name_or_every_kind_when_links_score_once() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        // Every activity whose participations it reads is of a kind it looks at.
        for a in ledger.activities().iter().filter(|a| rules.reads_participations_in(a)) {
            assert!(rules.activities_of(a.kind()), "{} {:?}", info.id, a.kind());
        }
        let all = ActivityKind::ALL.iter().all(|&k| rules.activities_of(k));
        assert_eq!(all, rules.method().score_linked_once, "{}", info.id);
    }
    // jinan-2015 names no liaison work or training: of those, it looks at none.
    let jinan = RuleSet::preset("jinan-2015").unwrap();
    assert!(!jinan.activities_of(ActivityKind::Liaison) && !jinan.activities_of(ActivityKind::Training));
    assert!(jinan.activities_of(ActivityKind::Proposal) && jinan.activities_of(ActivityKind::Volunteering));
    // A family joined through an activity of a kind no item scores still
    // counts once: a rule set scoring linked activities once looks at all.
    let once = RuleSet::preset("yanbian-2022").unwrap();
    assert!(once.method().score_linked_once && once.activities_of(ActivityKind::Liaison));
}

#[test]
fn a_rule_set_looks_at_the_subtypes_its_matchers_name_or_every_subtype_of_a_kind_one_names_whole() {
    use ActivityKind::{Meeting, Other, Proposal, Research};
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    for info in presets() {
        let rules = RuleSet::preset(info.id).unwrap();
        for a in ledger.activities() {
            let (kind, subtype) = (a.kind(), a.detail.subtype().unwrap_or(""));
            // Every activity whose participations it reads is looked at,
            // and none of a kind it does not look at.
            if rules.reads_participations_in(a) {
                assert!(rules.activities_of_subtype(kind, subtype), "{} {kind:?} {subtype}", info.id);
            }
            if !rules.activities_of(kind) {
                assert!(!rules.activities_of_subtype(kind, subtype), "{} {kind:?} {subtype}", info.id);
            }
        }
    }
    // jinan-2015 looks at plenary and standing-committee meetings only
    // (attendance, a requirement), at research, inspection and study
    // visits (a requirement), and at proposals of every form.
    let jinan = RuleSet::preset("jinan-2015").unwrap();
    let looks =
        |kind, subtypes: &[&str]| subtypes.iter().map(|s| jinan.activities_of_subtype(kind, s)).collect();
    let meetings: Vec<bool> =
        looks(Meeting, &["plenary", "standing_committee", "special_committee", "forum"]);
    assert_eq!(meetings, [true, true, false, false]);
    let research: Vec<bool> = looks(Research, &["research", "inspection", "supervision", "appraisal"]);
    assert_eq!(research, [true, true, false, false]);
    let proposals: Vec<bool> = looks(Proposal, &["individual", "joint", "collective"]);
    assert_eq!(proposals, [true, true, true]);
    // tongcheng-2019 names two of the office's own subtypes of `other`,
    // as written (the same after blanks and full-width forms are
    // normalised), and a meeting item with no subtype: every meeting.
    let tongcheng = RuleSet::preset("tongcheng-2019").unwrap();
    assert!(tongcheng.activities_of_subtype(Other, "纪念活动"));
    assert!(tongcheng.activities_of_subtype(Other, "\u{3000}文史资料征集 "));
    assert!(!tongcheng.activities_of_subtype(Other, "书画笔会"));
    assert!(tongcheng.activities_of_subtype(Meeting, "special_committee"));
    // A rule set scoring linked activities once looks at every subtype.
    let once = RuleSet::preset("yanbian-2022").unwrap();
    assert!(
        once.activities_of_subtype(Meeting, "special_committee") && once.activities_of_subtype(Other, "x")
    );
}

#[test]
fn a_rule_set_reads_the_participations_of_the_activities_its_matchers_accept() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    // jinan-2015 scores plenary attendance, proposals and volunteering
    // (公益活动), and requires standing-committee meetings, proposals or
    // reports, and research or inspection; nothing else.
    let rules = RuleSet::preset("jinan-2015").unwrap();
    let reads = |kind: ActivityKind, subtype: Option<&str>| {
        let a = (ledger.activities().iter())
            .find(|a| a.kind() == kind && subtype.is_none_or(|s| a.detail.subtype() == Some(s)))
            .unwrap_or_else(|| panic!("the sample has a {kind:?} {subtype:?}"));
        rules.reads_participations_in(a)
    };
    assert!(reads(ActivityKind::Meeting, Some("plenary")));
    assert!(reads(ActivityKind::Meeting, Some("standing_committee")));
    assert!(reads(ActivityKind::Proposal, None));
    assert!(reads(ActivityKind::OpinionReport, None));
    assert!(reads(ActivityKind::Volunteering, None));
    assert!(reads(ActivityKind::Research, Some("research")));
    assert!(!reads(ActivityKind::Meeting, Some("special_committee")));
    assert!(!reads(ActivityKind::Training, None));
    assert!(!reads(ActivityKind::Liaison, None));
    // A rule set matching any activity reads every one's participations.
    let any = item_matching("{}", "points = 1");
    assert!(ledger.activities().iter().all(|a| any.reads_participations_in(a)));
    assert!(only_read(&ledger, &any).holds_all_participations());
}

#[test]
#[cfg(debug_assertions)]
#[should_panic(expected = "leaves out participations")]
fn a_ledger_without_participations_the_rules_read_is_refused_in_debug_builds() {
    let ledger = lvzhi_gen::county(2025).into_ledger().unwrap();
    let proposals_only = item_of("proposal", "", "points = 1");
    let lean = only_read(&ledger, &proposals_only);
    evaluate(&lean, &RuleSet::preset("jinan-2015").unwrap(), Period::year(2025));
}
