//! One test per kind of mistake in a rule file: each names the line, the
//! column and what is wrong, and never panics.

use lvzhi_rules::{Problem, RuleError, RuleSet};

/// Lines 1–6: a method and one category; cases append from line 7.
const HEAD: &str = "[method]\nid = \"t\"\nname = \"测试办法\"\n[[category]]\nid = \"c\"\nname = \"类别\"\n";

fn item(body: &str) -> String {
    format!("{HEAD}[[item]]\nid = \"i\"\nname = \"项目\"\ncategory = \"c\"\n{body}\n")
}

/// The first error in `text`: line, column, message.
fn first_error(text: &str) -> (u32, u32, String) {
    let e = RuleSet::from_toml_str(text).expect_err("the file should be refused");
    (e.line().unwrap(), e.column().unwrap(), e.to_string())
}

#[track_caller]
fn assert_error(text: &str, line: u32, column: u32, message: &str) {
    let (l, c, m) = first_error(text);
    assert!(m.contains(message), "message `{m}` lacks `{message}`");
    assert_eq!((l, c), (line, column), "{m}");
    assert!(m.starts_with(&format!("line {line}, column {column}: ")), "{m}");
}

#[test]
fn not_toml() {
    assert_error("[method]\nid = \"t\nname = \"x\"\n", 2, 8, "invalid basic string");
}

#[test]
fn unknown_key() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 1\ncapp = 5"),
        13,
        1,
        "unknown field `capp`",
    );
}

#[test]
fn unknown_key_inside_match() {
    assert_error(
        &item("match = { kind = \"proposal\", stauts = \"filed\" }\npoints = 1"),
        11,
        30,
        "unknown field `stauts`",
    );
}

#[test]
fn missing_method_key() {
    assert_error("[method]\nid = \"t\"\n", 1, 1, "missing field `name`");
}

#[test]
fn unknown_kind() {
    assert_error(
        &item("match = { kind = \"提桉\" }\npoints = 1"),
        11,
        18,
        "`提桉` is not a known activity kind",
    );
}

#[test]
fn unknown_vocabulary_in_a_list() {
    assert_error(
        &item("match = { kind = \"meeting\", attendance = [\"present\", \"迟到\"] }\npoints = 1"),
        11,
        54,
        "`迟到` is not a known attendance",
    );
}

#[test]
fn unknown_subtype() {
    assert_error(
        &item("match = { kind = \"meeting\", subtype = \"全委会\" }\npoints = 1"),
        11,
        39,
        "`全委会` is not a subtype of meeting",
    );
}

#[test]
fn subtype_without_kind() {
    assert_error(&item("match = { subtype = \"plenary\" }\npoints = 1"), 11, 21, "`subtype` needs `kind`");
}

#[test]
fn kind_without_subtypes() {
    assert_error(
        &item("match = { kind = \"award\", subtype = \"x\" }\npoints = 1"),
        11,
        37,
        "`subtype` does not apply to award",
    );
}

#[test]
fn condition_for_another_kind() {
    assert_error(
        &item("match = { kind = \"meeting\", filed = true }\npoints = 1"),
        11,
        37,
        "`filed` does not apply to meeting",
    );
}

#[test]
fn contradictory_conditions() {
    assert_error(
        &item("match = { filed = true, adopted = true }\npoints = 1"),
        11,
        35,
        "`filed` and `adopted` apply to different kinds",
    );
}

#[test]
fn role_that_never_occurs() {
    assert_error(
        &item("match = { kind = \"meeting\", role = \"领衔\" }\npoints = 1"),
        11,
        36,
        "role `lead` never occurs on meeting",
    );
}

#[test]
fn empty_list() {
    assert_error(&item("match = { kind = [] }\npoints = 1"), 11, 18, "`kind` is an empty list");
}

#[test]
fn cap_below_zero() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 10\ncap = -5"),
        13,
        7,
        "cap -5 is below zero",
    );
}

#[test]
fn category_max_below_floor() {
    let text =
        "[method]\nid = \"t\"\nname = \"x\"\n[[category]]\nid = \"c\"\nname = \"类\"\nmax = 10\nfloor = 20\n";
    assert_error(text, 7, 7, "max 10 is below floor 20");
}

#[test]
fn base_outside_range() {
    let text = "[method]\nid = \"t\"\nname = \"x\"\nbase = 130\nmax_total = 120\n";
    assert_error(text, 4, 8, "base 130 lies outside");
}

#[test]
fn unknown_category() {
    let text = format!("{HEAD}[[item]]\nid = \"i\"\nname = \"项目\"\ncategory = \"提案\"\nmatch = {{ kind = \"proposal\" }}\npoints = 1\n");
    assert_error(&text, 10, 12, "unknown category `提案`");
}

#[test]
fn unknown_group() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 1\ngroup = \"g\""),
        13,
        9,
        "unknown group `g`",
    );
}

#[test]
fn duplicate_id() {
    let text = format!("{HEAD}[[category]]\nid = \"c\"\nname = \"又一类\"\n");
    assert_error(&text, 8, 6, "duplicate category id `c`");
}

#[test]
fn id_not_ascii() {
    assert_error("[method]\nid = \"桐城\"\nname = \"x\"\n", 2, 6, "id `桐城` must be ASCII");
}

#[test]
fn missing_points() {
    assert_error(&item("match = { kind = \"proposal\" }"), 8, 6, "an item needs `points` or `ladder`");
}

#[test]
fn points_and_ladder() {
    assert_error(
        &item("match = { kind = \"award\" }\npoints = 1\nladder = { national = 10, provincial = 8 }"),
        13,
        10,
        "`points` and `ladder` cannot be used together",
    );
}

#[test]
fn ladder_on_for_another_kind() {
    assert_error(
        &item("match = { kind = \"proposal\" }\nladder = { national = 10 }\nladder_on = \"adopted_by\""),
        13,
        13,
        "`ladder_on` does not apply to proposal",
    );
}

#[test]
fn unknown_ladder_level() {
    assert_error(
        &item("match = { kind = \"award\" }\nladder = { 火星 = 10 }"),
        12,
        12,
        "invalid unquoted key",
    );
    assert_error(
        &item("match = { kind = \"award\" }\nladder = { \"火星\" = 10 }"),
        12,
        12,
        "`火星` is not a known level",
    );
}

#[test]
fn per_unit_that_does_not_fit() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 1\nper = \"half_day\""),
        13,
        7,
        "`per` does not apply to proposal",
    );
}

#[test]
fn unknown_per() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 1\nper = \"每周\""),
        13,
        7,
        "`每周` is not a known counting unit",
    );
}

#[test]
fn unit_not_positive() {
    assert_error(
        &item("match = { kind = \"donation\" }\npoints = 1\nper = \"amount\"\nunit = 0"),
        14,
        8,
        "unit must be greater than zero",
    );
}

#[test]
fn unit_without_per() {
    assert_error(
        &item("match = { kind = \"donation\" }\npoints = 1\nunit = 100"),
        13,
        8,
        "`unit` is only used with per",
    );
}

#[test]
fn share_out_of_range() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 10\nsplit = \"lead_share\"\nlead_share = 1.5"),
        14,
        14,
        "lead_share 1.5 is outside 0..1",
    );
}

#[test]
fn share_without_lead_share_split() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 10\nlead_share = 0.5"),
        13,
        14,
        "`lead_share` is only used with split",
    );
}

#[test]
fn lead_share_split_without_share() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 10\nsplit = \"领衔分成\""),
        13,
        9,
        "needs `lead_share`",
    );
}

#[test]
fn from_nth_zero() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 5\nfrom_nth = 0"),
        13,
        12,
        "from_nth must be greater than zero",
    );
}

#[test]
fn once_with_from_nth() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = 5\nper = \"once\"\nfrom_nth = 2"),
        14,
        12,
        "`per = \"once\"` and `from_nth` cannot be used together",
    );
}

#[test]
fn wrong_type() {
    assert_error(
        &item("match = { kind = \"proposal\" }\npoints = \"十\""),
        12,
        10,
        "invalid value: string \"十\"",
    );
}

#[test]
fn points_too_large() {
    assert_error(&item("match = { kind = \"proposal\" }\npoints = 1e20"), 12, 10, "is too large");
}

#[test]
fn bad_date() {
    assert_error(
        "[method]\nid = \"t\"\nname = \"x\"\neffective_from = \"2019年1月\"\n",
        4,
        18,
        "is not a date",
    );
}

#[test]
fn dates_reversed() {
    let text =
        "[method]\nid = \"t\"\nname = \"x\"\neffective_from = 2020-01-01\neffective_to = \"2019-12-31\"\n";
    assert_error(text, 5, 16, "effective_to is before effective_from");
}

#[test]
fn too_many_decimals() {
    assert_error("[method]\nid = \"t\"\nname = \"x\"\ndecimals = 12\n", 4, 12, "decimals 12 is more than 10");
}

#[test]
fn unknown_cohort() {
    assert_error(
        "[method]\nid = \"t\"\nname = \"x\"\ncohorts = [\"sector\", \"籍贯\"]\n",
        4,
        22,
        "`籍贯` is not a known cohort",
    );
}

const GRADES: &str = "[method]\nid = \"t\"\nname = \"x\"\n";

#[test]
fn overlapping_grade_bands() {
    let text = format!("{GRADES}[[grade]]\nid = \"good\"\nname = \"优秀\"\nmin = 85\n[[grade]]\nid = \"ok\"\nname = \"称职\"\nmin = 60\nbelow = 90\n");
    assert_error(&text, 12, 9, "grade bands `good` and `ok` overlap");
}

#[test]
fn lower_band_without_upper_bound_overlaps() {
    let text = format!("{GRADES}[[grade]]\nid = \"good\"\nname = \"优秀\"\nmin = 85\n[[grade]]\nid = \"ok\"\nname = \"称职\"\nmin = 60\n");
    assert_error(&text, 11, 7, "grade bands `good` and `ok` overlap");
}

#[test]
fn gap_between_grade_bands() {
    let text = format!("{GRADES}[[grade]]\nid = \"good\"\nname = \"优秀\"\nmin = 85\n[[grade]]\nid = \"ok\"\nname = \"称职\"\nmin = 60\nbelow = 84\n");
    assert_error(&text, 12, 9, "gap: `ok` ends below 84 but `good` starts at 85");
}

#[test]
fn empty_grade_band() {
    let text = format!("{GRADES}[[grade]]\nid = \"ok\"\nname = \"称职\"\nmin = 60\nbelow = 60\n");
    assert_error(&text, 8, 9, "grade band is empty");
}

#[test]
fn two_bottom_bands() {
    let text = format!("{GRADES}[[grade]]\nid = \"a\"\nname = \"甲\"\nbelow = 60\n[[grade]]\nid = \"b\"\nname = \"乙\"\nbelow = 50\n");
    assert_error(&text, 9, 6, "grade bands `a` and `b` overlap");
}

#[test]
fn quota_over_100() {
    let text = format!("{GRADES}[[grade]]\nid = \"good\"\nname = \"优秀\"\nmin = 85\nquota_percent = 120\n");
    assert_error(&text, 8, 17, "quota_percent 120 is over 100%");
}

#[test]
fn unknown_requirement_in_grade() {
    let text = format!("{GRADES}[[grade]]\nid = \"good\"\nname = \"优秀\"\nrequires = [\"三个一\"]\n");
    assert_error(&text, 7, 12, "unknown requirement `三个一`");
}

#[test]
fn grade_depending_on_a_grade_flag() {
    let text = format!(
        "{GRADES}[[flag]]\nid = \"twice\"\nname = \"两次不称职\"\ngrade = \"bad\"\ntimes = 2\n[[grade]]\nid = \"good\"\nname = \"称职\"\nmin = 60\nunless_flags = [\"twice\"]\n[[grade]]\nid = \"bad\"\nname = \"不称职\"\nbelow = 60\n"
    );
    assert_error(&text, 13, 16, "grade `good` cannot depend on flag `twice`");
}

#[test]
fn flag_without_condition() {
    assert_error(
        &format!("{GRADES}[[flag]]\nid = \"f\"\nname = \"提醒\"\n"),
        5,
        6,
        "a flag needs one condition",
    );
}

#[test]
fn flag_with_two_conditions() {
    assert_error(
        &format!("{GRADES}[[flag]]\nid = \"f\"\nname = \"提醒\"\ntotal_below = 60\nunmet = [\"x\"]\n"),
        5,
        6,
        "`total_below` and `unmet` cannot be used together",
    );
}

#[test]
fn count_without_threshold() {
    assert_error(
        &format!("{GRADES}[[flag]]\nid = \"f\"\nname = \"缺席\"\ncount = {{ kind = \"meeting\" }}\n"),
        7,
        9,
        "`count` needs `at_least` or `below`",
    );
}

#[test]
fn threshold_without_count() {
    assert_error(
        &format!("{GRADES}[[flag]]\nid = \"f\"\nname = \"低分\"\ntotal_below = 60\nat_least = 2\n"),
        8,
        12,
        "`at_least` is only used with `count`",
    );
}

#[test]
fn consecutive_and_times() {
    assert_error(
        &format!(
            "{GRADES}[[flag]]\nid = \"f\"\nname = \"低分\"\ntotal_below = 60\nconsecutive = 2\ntimes = 2\n"
        ),
        9,
        9,
        "`consecutive` and `times` cannot be used together",
    );
}

#[test]
fn term_count_over_several_periods() {
    assert_error(
        &format!("{GRADES}[[flag]]\nid = \"f\"\nname = \"缺席\"\ncount = {{ kind = \"meeting\", attendance = \"unexcused\" }}\nat_least = 3\nover = \"term\"\nconsecutive = 2\n"),
        9,
        8,
        "`over = \"term\"` and `consecutive` cannot be used together",
    );
}

#[test]
fn fraction_out_of_range() {
    assert_error(
        &item("match = { kind = \"meeting\", attended_fraction_below = 2 }\npoints = -1"),
        11,
        55,
        "attended_fraction_below 2 is outside 0..1",
    );
}

#[test]
fn every_problem_is_listed_in_file_order() {
    let text = item("match = { kind = \"proposal\" }\npoints = 10\ncap = -5\nfrom_nth = 0");
    let all = RuleSet::check_toml_str(&text);
    let found: Vec<(Option<u32>, String)> = all.iter().map(|e| (e.line(), e.to_string())).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, Some(13));
    assert_eq!(found[1].0, Some(14));
    assert!(matches!(&all[0], RuleError::Invalid { problem: Problem::Negative { what: "cap", .. }, .. }));
    assert!(RuleSet::check_toml_str(&item("match = { kind = \"proposal\" }\npoints = 10")).is_empty());
}

#[test]
fn errors_after_chinese_text_count_characters() {
    // `name = "测试办法"` then a stray key on the same line after the CJK text.
    let text = "[method]\nid = \"t\"\nname = \"测试办法\" x = 1\n";
    let (line, column, _) = first_error(text);
    assert_eq!((line, column), (3, 15));
}
