//! The subcommands: each reads its inputs, calls the library, prints.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Utc};
use lvzhi::io::{CsvFlavour, ImportErrors, Table};
use lvzhi::rules::{Evaluation, Ranking, RuleSet};
use lvzhi::store::{Counts, ImportMeta, Store};
use lvzhi::summary::ActivitySummary;
use lvzhi::{ActivityKind, Batch, Committee, Ledger, MemberId, Period, Vocabulary};
use serde_json::json;

use crate::input;
use crate::output::Out;
use crate::table::TextTable;
use crate::{exit, Failure, Rules, Source};

// ───────────────────────────── demo ─────────────────────────────

/// The README's main job: summary, ranking, grades, flags, every report.
pub fn demo(out: &Out, data: &Path, dir: &Path, preset: &str, year: Option<i32>) -> Result<(), Failure> {
    let ledger = input::load_dir(data)?;
    let c = ledger.committee();
    out.say(format!("{} 第{}届 ({} – {})", c.name, c.term.number, c.term.start, c.term.end));
    out.say(format!(
        "{} 名委员, {} 项履职活动, {} 条参与记录\n",
        ledger.members().len(),
        ledger.activities().len(),
        ledger.participations().len()
    ));
    if out.text() {
        print_summary(&ledger);
    }

    let rules = RuleSet::preset(preset).map_err(|e| (exit::USAGE, e.to_string()))?;
    let year = year
        .or_else(|| ledger.activities().iter().map(|a| a.date.year()).max())
        .ok_or((exit::BAD_INPUT, "the ledger holds no activity to evaluate".to_string()))?;
    let evaluation = lvzhi::rules::evaluate(&ledger, &rules, Period::year(year));
    out.say(format!("\n{year}年度 考评: {} ({})\n", evaluation.rule_set_name, evaluation.rule_set));
    if out.text() {
        print_ranking(&lvzhi::rules::ranking(&ledger, &evaluation), &evaluation);
    }

    let options = lvzhi::report::ReportOptions::year(year, lvzhi::report::Format::Html);
    let reports = dir.join("reports");
    let written = write_reports(out, &ledger, Some(&evaluation), &options, &reports)?;
    out.say(format!("\n{written} 份年度履职报告已写入 {}", reports.display()));
    Ok(())
}

fn print_summary(ledger: &Ledger) {
    let summary = ActivitySummary::of(ledger);
    let mut header: Vec<String> = vec!["编号".into(), "姓名".into(), "界别".into()];
    header.extend(ActivityKind::ALL.iter().map(|k| k.label().to_string()));
    header.extend(["请假".into(), "缺席".into()]);
    let mut t = TextTable::new(header);
    for row in &summary.rows {
        let m = ledger.member(row.member);
        let mut cells = vec![m.id.to_string(), m.name.to_string(), m.sector.to_string()];
        cells.extend(row.by_kind.iter().map(u32::to_string));
        cells.extend([row.excused.to_string(), row.unexcused.to_string()]);
        t.row(cells);
    }
    let mut totals = vec![String::new(), "合计".to_string(), String::new()];
    totals.extend(summary.totals().iter().map(u32::to_string));
    totals.extend([
        summary.rows.iter().map(|r| r.excused).sum::<u32>().to_string(),
        summary.rows.iter().map(|r| r.unexcused).sum::<u32>().to_string(),
    ]);
    t.row(totals);
    print!("{}", t.render());
}

/// The ranking table (the Excel CSV's columns), grade counts and the
/// members flagged.
fn print_ranking(ranking: &Ranking, ev: &Evaluation) {
    let (header, rows) = lvzhi::io::ranking_table(ranking, CsvFlavour::Excel);
    let mut t = TextTable::new(header);
    for row in rows {
        t.row(row);
    }
    print!("{}", t.render());

    println!();
    let counts: Vec<String> =
        ev.grades.iter().zip(&ev.grade_counts).map(|(g, n)| format!("{} {n} 人", g.name)).collect();
    let mut line = counts.join(", ");
    if ev.ungraded > 0 {
        line.push_str(&format!(", 未定等次 {} 人", ev.ungraded));
    }
    println!("等次: {line}");

    let flagged: Vec<_> = ranking.rows.iter().filter(|r| !r.flags.is_empty()).collect();
    if flagged.is_empty() {
        println!("无需关注的委员");
        return;
    }
    println!("需关注 {} 人:", flagged.len());
    for row in flagged {
        println!("  {} {}: {}", row.member_id, row.name, row.flags.join("; "));
    }
}

/// Writes every report of the period with a progress bar; returns how many.
fn write_reports(
    out: &Out,
    ledger: &Ledger,
    evaluation: Option<&Evaluation>,
    options: &lvzhi::report::ReportOptions,
    dir: &Path,
) -> Result<usize, Failure> {
    let sections = evaluation.map(|ev| lvzhi::scores::score_sections(ledger, ev)).unwrap_or_default();
    let members = lvzhi::report::members_in_period(ledger, options.period);
    let bar = out.bar(members.len() as u64, "年度履职报告 / reports");
    let written = lvzhi::report::render_all(
        ledger,
        &|m| sections.get(&ledger.member(m).id).cloned(),
        options,
        dir,
        &|_| bar.inc(1),
    )
    .map_err(report_failure)?;
    bar.finish_and_clear();
    Ok(written.len())
}

fn report_failure(e: lvzhi::report::ReportError) -> Failure {
    use lvzhi::report::ReportError as E;
    let code = match e {
        E::Template { .. } => exit::BAD_INPUT,
        E::UnknownMember(_) => exit::USAGE,
        _ => exit::IO,
    };
    (code, e.to_string())
}

// ───────────────────────────── import ─────────────────────────────

/// Which table a file holds, from its name.
fn table_of(path: &Path) -> Result<Option<Table>, Failure> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    if stem == "committee" {
        return Ok(None);
    }
    let names: [(Table, &[&str]); 3] = [
        (Table::Members, &["members", "委员"]),
        (Table::Activities, &["activities", "活动"]),
        (Table::Participations, &["participations", "参与"]),
    ];
    let found: Vec<Table> =
        names.iter().filter(|(_, words)| words.iter().any(|w| stem.contains(w))).map(|(t, _)| *t).collect();
    match found[..] {
        [table] => Ok(Some(table)),
        _ => Err((
            exit::USAGE,
            format!(
                "{}: cannot tell which table the file holds; name it members…, activities…, \
                 participations… or committee.json",
                path.display()
            ),
        )),
    }
}

fn read_committee(path: &Path) -> Result<Committee, ImportErrors> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|source| lvzhi::io::ImportError::Io { file: file.as_str().into(), source })?;
    lvzhi::io::read_committee(&file, &bytes)
}

/// Reads folders and table files into one committee (if given) and batch.
fn read_inputs(paths: &[PathBuf]) -> Result<(Option<Committee>, Batch), Failure> {
    let mut committee = None;
    let mut batch = Batch::default();
    let mut errors = Vec::new();
    for path in paths {
        input::must_exist(path)?;
        let read = if path.is_dir() {
            lvzhi::io::read_dir(path).map(|d| {
                committee = Some(d.committee);
                d.batch
            })
        } else if let Some(table) = table_of(path)? {
            lvzhi::io::read_file(table, path)
        } else {
            read_committee(path).map(|c| {
                committee = Some(c);
                Batch::default()
            })
        };
        match read {
            Ok(more) => batch.extend(more),
            Err(ImportErrors(e)) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(input::load_failure(&ImportErrors(errors).into()));
    }
    Ok((committee, batch))
}

fn counts_json(c: &Counts) -> serde_json::Value {
    json!({ "members": c.members, "activities": c.activities, "participations": c.participations })
}

fn counts_text(c: &Counts) -> String {
    format!("{} members, {} activities, {} participations", c.members, c.activities, c.participations)
}

/// Reads the inputs and imports them into the store in one transaction.
pub fn import(
    out: &Out,
    store_path: &Path,
    paths: &[PathBuf],
    by: Option<String>,
    at: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let spinner = out.spinner("导入 / importing");
    let (committee, batch) = read_inputs(paths)?;
    let by = by.or_else(|| std::env::var("USER").ok()).unwrap_or_else(|| "lvzhi".to_string());
    let source: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut meta = ImportMeta::new(source.join(", "), by);
    if let Some(at) = at {
        meta = meta.at(at);
    }
    let fail = |e| input::store_failure(store_path, e);
    let no_committee = || {
        let hint = "import a folder with committee.json (or give committee.json among the files) first";
        (exit::BAD_INPUT, format!("{}: the store has no committee yet; {hint}", store_path.display()))
    };
    if committee.is_none() && !store_path.exists() {
        return Err(no_committee());
    }
    let mut store = Store::open(store_path).map_err(fail)?;
    let committee_changed = match &committee {
        Some(c) => store.set_committee(c, &meta).map_err(fail)?,
        None if store.committee().map_err(fail)?.is_none() => return Err(no_committee()),
        None => false,
    };
    let report = store.import(&batch, &meta).map_err(fail)?;
    spinner.finish_and_clear();
    let t = &report.tally;
    out.json(&json!({
        "store": store_path.display().to_string(),
        "import_id": report.import_id,
        "at": meta.at.to_rfc3339(),
        "content_hash": report.content_hash,
        "committee_changed": committee_changed,
        "inserted": counts_json(&t.inserted),
        "updated": counts_json(&t.updated),
        "unchanged": counts_json(&t.unchanged),
        "same_content_as": report.same_content_as,
    }));
    if committee_changed {
        out.say("委员会信息已更新 / committee set");
    }
    out.say(format!("新增 inserted:  {}", counts_text(&t.inserted)));
    out.say(format!("更新 updated:   {}", counts_text(&t.updated)));
    out.say(format!("未变 unchanged: {}", counts_text(&t.unchanged)));
    if let Some(first) = report.same_content_as {
        out.say(format!("(the same records as import #{first})"));
    }
    Ok(())
}

// ───────────────────────────── validate ─────────────────────────────

/// Checks a data folder, a rule file, or both; prints every problem.
pub fn validate(out: &Out, data: Option<&Path>, rules: Option<&Path>) -> Result<(), Failure> {
    let mut report = serde_json::Map::new();
    let mut failures: Vec<Failure> = Vec::new();
    if let Some(dir) = data {
        input::must_exist(dir)?;
        match lvzhi::io::load_ledger(dir) {
            Ok(l) => {
                out.say(format!("{} — valid", ledger_line(dir, &l)));
                report.insert(
                    "data".into(),
                    json!({ "path": dir.display().to_string(), "valid": true,
                            "members": l.members().len(), "activities": l.activities().len(),
                            "participations": l.participations().len(), "errors": [] }),
                );
            }
            Err(e) => {
                let problems = crate::problems::of_load(&e);
                report.insert(
                    "data".into(),
                    json!({ "path": dir.display().to_string(), "valid": false, "errors": problems }),
                );
                failures.push(input::load_failure(&e));
            }
        }
    }
    if let Some(path) = rules {
        let text = input::read_text(path)?;
        let errors = RuleSet::check_toml_str(&text);
        let errors_json: Vec<serde_json::Value> = errors
            .iter()
            .map(|e| json!({ "line": e.line(), "column": e.column(), "message": input::rule_message(e) }))
            .collect();
        let mut entry = json!({ "path": path.display().to_string(), "valid": errors.is_empty(),
                                "errors": errors_json });
        if errors.is_empty() {
            if let Ok(set) = RuleSet::from_toml_str(&text) {
                entry["id"] = json!(set.id());
                entry["name"] = json!(set.name());
                out.say(format!("{}: {} ({}) — valid", path.display(), set.name(), set.id()));
            }
        } else {
            let lines: String = errors.iter().map(|e| input::rule_line(path, e) + "\n").collect();
            failures.push((exit::BAD_INPUT, lines));
        }
        report.insert("rules".into(), entry);
    }
    out.json(&serde_json::Value::Object(report));
    match failures.len() {
        0 => Ok(()),
        _ => {
            let code = failures.iter().map(|f| f.0).max().unwrap_or(exit::BAD_INPUT);
            Err((code, failures.into_iter().map(|f| f.1.trim_end().to_string() + "\n").collect()))
        }
    }
}

// ───────────────────────────── evaluate ─────────────────────────────

/// The options of `evaluate` besides where the records and rules come from.
pub struct EvaluateOptions {
    /// The year.
    pub year: i32,
    /// Where to write the ranking (.csv or .json).
    pub out: Option<PathBuf>,
    /// Excel-friendly CSV.
    pub excel: bool,
    /// Explain one member instead of the table.
    pub explain: Option<String>,
}

fn required_rules(args: &Rules) -> Result<RuleSet, Failure> {
    input::rules(args)?.ok_or((exit::USAGE, "give --preset ID or --rules FILE (see `lvzhi presets`)".into()))
}

/// Evaluates the year and prints the ranking, or one member's explanation.
pub fn evaluate(out: &Out, source: &Source, rules: &Rules, options: &EvaluateOptions) -> Result<(), Failure> {
    let rules = required_rules(rules)?;
    if let Some(path) = &options.out {
        ranking_flavour(path, options.excel)?;
    }
    let ledger = input::ledger(out, source)?;
    let spinner = out.spinner("考评 / evaluating");
    let evaluation = lvzhi::rules::evaluate(&ledger, &rules, Period::year(options.year));
    let ranking = lvzhi::rules::ranking(&ledger, &evaluation);
    spinner.finish_and_clear();

    if let Some(id) = &options.explain {
        let member = MemberId::from(id.as_str());
        let (Some(text), Some(card)) = (evaluation.explain(&member), evaluation.scorecard(&member)) else {
            return Err((exit::USAGE, format!("member `{id}` has no scorecard for {}", options.year)));
        };
        if out.json {
            out.json(&serde_json::to_value(card).unwrap_or_default());
        } else {
            print!("{text}");
        }
        return Ok(());
    }

    if let Some(path) = &options.out {
        write_ranking(&ranking, path, options.excel)?;
    }
    if out.json {
        out.json(&serde_json::to_value(&ranking).unwrap_or_default());
    } else if out.text() {
        println!("{}年度 考评: {} ({})\n", options.year, evaluation.rule_set_name, evaluation.rule_set);
        print_ranking(&ranking, &evaluation);
    }
    if let Some(path) = &options.out {
        out.say(format!("\n排名已写入 / ranking written to {}", path.display()));
    }
    Ok(())
}

/// `None` for JSON, else the CSV flavour; refuses other extensions.
fn ranking_flavour(path: &Path, excel: bool) -> Result<Option<CsvFlavour>, Failure> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match (ext.as_str(), excel) {
        ("csv", false) => Ok(Some(CsvFlavour::Standard)),
        ("csv", true) => Ok(Some(CsvFlavour::Excel)),
        ("json", false) => Ok(None),
        ("json", true) => Err((exit::USAGE, "--excel writes CSV: name the file *.csv".into())),
        _ => Err((exit::USAGE, format!("{}: name the output *.csv or *.json", path.display()))),
    }
}

fn write_ranking(ranking: &Ranking, path: &Path, excel: bool) -> Result<(), Failure> {
    let io = |e: &dyn std::fmt::Display| (exit::IO, format!("{}: {e}", path.display()));
    let file = std::fs::File::create(path).map_err(|e| io(&e))?;
    let file = std::io::BufWriter::new(file);
    match ranking_flavour(path, excel)? {
        Some(flavour) => lvzhi::io::write_ranking_csv(ranking, flavour, file),
        None => lvzhi::io::write_ranking_json(ranking, file),
    }
    .map_err(|e| io(&e))
}

// ───────────────────────────── rank ─────────────────────────────

/// The options of `rank` besides the folder and the rules.
pub struct RankOptions {
    /// The year.
    pub year: i32,
    /// Where to write every member's row (.csv).
    pub out: Option<PathBuf>,
    /// Excel-friendly CSV.
    pub excel: bool,
    /// Rows shown on screen.
    pub top: usize,
}

/// Scores every committee of a Parquet folder and ranks all members
/// together; the whole table to a CSV file, the first rows on screen.
pub fn rank(out: &Out, dir: &Path, rules: &Rules, options: &RankOptions) -> Result<(), Failure> {
    let rules = required_rules(rules)?;
    let flavour = match &options.out {
        Some(path) => match ranking_flavour(path, options.excel)? {
            Some(flavour) => Some(flavour),
            None => return Err((exit::USAGE, format!("{}: rank writes CSV: name it *.csv", path.display()))),
        },
        None => None,
    };
    input::must_exist(dir)?;
    let spinner = out.spinner("读取并考评 / reading and evaluating");
    let scores = lvzhi::country::score_parquet(dir, &rules, Period::year(options.year));
    spinner.finish_and_clear();
    let scores = scores.map_err(|e| input::load_failure(&e))?;

    if let (Some(path), Some(flavour)) = (&options.out, flavour) {
        let io = |e: &dyn std::fmt::Display| (exit::IO, format!("{}: {e}", path.display()));
        let file = std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| io(&e))?);
        scores.write_csv(flavour, file).map_err(|e| io(&e))?;
    }
    let (counts, ungraded) = scores.grade_counts();
    let top = 0..options.top.min(scores.len());
    if out.json {
        let header = scores.header(CsvFlavour::Standard);
        let rows: Vec<serde_json::Value> = top
            .map(|i| header.iter().zip(scores.cells(i)).map(|(h, c)| (h.clone(), json!(c))).collect())
            .collect();
        let grades: Vec<serde_json::Value> = scores
            .grades
            .iter()
            .zip(&counts)
            .map(|((id, name), n)| json!({ "id": id, "name": name, "members": n }))
            .collect();
        out.json(&json!({
            "rule_set": scores.rule_set,
            "year": options.year,
            "committees": scores.committees.len(),
            "members": scores.len(),
            "grades": grades,
            "ungraded": ungraded,
            "top": rows,
        }));
    } else if out.text() {
        println!(
            "{}年度 考评: {}, {} 个委员会, {} 名委员\n",
            options.year,
            scores.rule_set,
            scores.committees.len(),
            scores.len()
        );
        let mut t = TextTable::new(scores.header(CsvFlavour::Excel));
        for i in top {
            t.row(scores.cells(i));
        }
        print!("{}", t.render());
        let mut line: Vec<String> =
            scores.grades.iter().zip(&counts).map(|((_, name), n)| format!("{name} {n} 人")).collect();
        if ungraded > 0 {
            line.push(format!("未定等次 {ungraded} 人"));
        }
        println!("\n等次: {}", line.join(", "));
    }
    if let Some(path) = &options.out {
        out.say(format!("\n全部排名已写入 / every member's row written to {}", path.display()));
    }
    Ok(())
}

// ───────────────────────────── report ─────────────────────────────

/// The options of `report` besides where the records and rules come from.
pub struct ReportArgs {
    /// Only this member.
    pub member: Option<String>,
    /// The year.
    pub year: i32,
    /// The file format.
    pub format: lvzhi::report::Format,
    /// Template overrides.
    pub templates: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
}

/// Writes one member's report or every member's.
pub fn report(out: &Out, source: &Source, rules: &Rules, args: &ReportArgs) -> Result<(), Failure> {
    let rules = input::rules(rules)?;
    let mut options = lvzhi::report::ReportOptions::year(args.year, args.format);
    if let Some(dir) = &args.templates {
        input::must_exist(dir)?;
        options.templates = lvzhi::report::Templates::from_dir(dir).map_err(report_failure)?;
    }
    let ledger = input::ledger(out, source)?;
    let evaluation = rules.map(|r| lvzhi::rules::evaluate(&ledger, &r, options.period));
    match &args.member {
        Some(id) => {
            let id = MemberId::from(id.as_str());
            let ix =
                ledger.member_ix(&id).ok_or((exit::USAGE, format!("no member `{id}` in the records")))?;
            let section =
                evaluation.as_ref().and_then(|ev| lvzhi::scores::score_sections(&ledger, ev).remove(&id));
            let path = lvzhi::report::render_one(&ledger, ix, section, &options, &args.out)
                .map_err(report_failure)?;
            out.say(format!("年度履职报告已写入 / report written to {}", path.display()));
        }
        None => {
            let n = write_reports(out, &ledger, evaluation.as_ref(), &options, &args.out)?;
            out.say(format!("{n} 份年度履职报告已写入 / reports written to {}", args.out.display()));
        }
    }
    Ok(())
}

// ───────────────────────────── presets ─────────────────────────────

/// Lists the presets.
pub fn presets(out: &Out) -> Result<(), Failure> {
    let presets = lvzhi::rules::presets();
    out.json(&serde_json::to_value(&presets).unwrap_or_default());
    if out.text() {
        let mut t = TextTable::new(["编号 id", "名称 name", "发布机关 issuer"]);
        for p in &presets {
            t.row([p.id.to_string(), p.name.clone(), p.issuer.clone().unwrap_or_default()]);
        }
        print!("{}", t.render());
    }
    Ok(())
}

/// Prints a preset's rule file.
pub fn preset_show(id: &str) -> Result<(), Failure> {
    let text = lvzhi::rules::preset_source(id).ok_or_else(|| {
        let known: Vec<&str> = lvzhi::rules::presets().iter().map(|p| p.id).collect();
        (exit::USAGE, format!("unknown preset `{id}`; the presets are: {}", known.join(", ")))
    })?;
    print!("{text}");
    Ok(())
}

// ───────────────────────────── export / generate ─────────────────────────────

/// Writes a store's records (now or as of a time) to a folder.
pub fn export(
    out: &Out,
    store: &Path,
    dir: &Path,
    format: lvzhi::io::Format,
    as_of: Option<DateTime<Utc>>,
) -> Result<(), Failure> {
    let source = Source { store: Some(store.to_path_buf()), as_of, data: None };
    let ledger = input::ledger(out, &source)?;
    lvzhi::io::write_dir(&ledger, dir, format).map_err(|e| (exit::IO, e.to_string()))?;
    out.say(ledger_line(dir, &ledger));
    Ok(())
}

/// Writes a generated sample committee.
pub fn generate(
    out: &Out,
    dir: &Path,
    seed: u64,
    members: u32,
    format: lvzhi::io::Format,
) -> Result<(), Failure> {
    let mut config = lvzhi::gen::Config::county(seed);
    config.members = members.max(20);
    let data = lvzhi::gen::generate(&config);
    lvzhi::io::write_dataset(&data.committee, &data.batch, dir, format)
        .map_err(|e| (exit::IO, e.to_string()))?;
    let b = &data.batch;
    out.say(records_line(dir, [b.members.len(), b.activities.len(), b.participations.len()]));
    Ok(())
}

/// `DIR: 120 members, 546 activities, 2883 participations`.
fn records_line(dir: &Path, [members, activities, participations]: [usize; 3]) -> String {
    format!("{}: {members} members, {activities} activities, {participations} participations", dir.display())
}

fn ledger_line(dir: &Path, l: &Ledger) -> String {
    records_line(dir, [l.members().len(), l.activities().len(), l.participations().len()])
}

/// `lvzhi generate --scale`: a county, a province or the whole country,
/// generated and written one committee at a time.
pub fn generate_scale(
    out: &Out,
    dir: &Path,
    seed: u64,
    scale: &str,
    year: i32,
    intensity: u32,
    output: lvzhi::national::Output,
) -> Result<(), Failure> {
    use lvzhi::national::{configs, write, Scale};
    let scale: Scale = scale.parse().map_err(|e| (exit::USAGE, e))?;
    let configs = configs(scale, seed, year, intensity);
    let written = write(&configs, dir, output, |_| {}).map_err(|e| (exit::IO, e.to_string()))?;
    out.say(format!(
        "{}: {} committees, {} members, {} activities, {} participations",
        dir.display(),
        written.committees,
        written.members,
        written.activities,
        written.participations
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_told_by_file_name() {
        assert_eq!(table_of(Path::new("x/2024-members.csv")).unwrap(), Some(Table::Members));
        assert_eq!(table_of(Path::new("活动.json")).unwrap(), Some(Table::Activities));
        assert_eq!(table_of(Path::new("Participations.CSV")).unwrap(), Some(Table::Participations));
        assert_eq!(table_of(Path::new("committee.json")).unwrap(), None);
        assert_eq!(table_of(Path::new("data.csv")).unwrap_err().0, exit::USAGE);
    }
}
