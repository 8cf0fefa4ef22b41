//! `lvzhi`: the command line of lvzhi (履职).

mod table;

use std::path::PathBuf;

use chrono::Datelike;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use lvzhi::rules::{Cohort, Evaluation, RuleSet, Scorecard};
use lvzhi::summary::ActivitySummary;
use lvzhi::{ActivityKind, Ledger, Period, Vocabulary};

use table::TextTable;

/// Exit codes scripts can rely on.
mod exit {
    /// Input data or rule files are wrong.
    pub const BAD_INPUT: u8 = 1;
    /// Files could not be read or written.
    pub const IO: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "lvzhi",
    version,
    about = "履职: 政协委员履职记录、考评与年度履职报告 / record, score and report the duty work of CPPCC members"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 在样例委员会上运行主流程 / Run the main job on the bundled sample committee.
    Demo {
        /// 数据目录 / Folder with committee.json and the three tables.
        #[arg(long, default_value = default_sample())]
        data: PathBuf,
        /// 输出目录 / Folder for the outputs (annual reports).
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// 考评办法 / Rule preset to evaluate under (see `lvzhi presets`).
        #[arg(long, default_value = "tongcheng-2019")]
        preset: String,
        /// 年度 / Year to evaluate; defaults to the latest year with activities.
        #[arg(long)]
        year: Option<i32>,
        /// 不显示进度 / No progress bar.
        #[arg(long)]
        quiet: bool,
    },
    /// 校验数据目录 / Validate a data folder: every error with file, row and column.
    Validate {
        /// 数据目录 / Folder with committee.json and the three tables.
        data: PathBuf,
    },
    /// 生成样例数据 / Generate a realistic sample committee (seeded).
    Generate {
        /// 输出目录 / Folder to write.
        #[arg(long)]
        out: PathBuf,
        /// 随机种子 / Seed: the same seed gives the same data.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        /// 委员人数 / Number of members.
        #[arg(long, default_value_t = 120)]
        members: u32,
        /// 文件格式 / csv, excel (GB18030, Chinese headers) or json.
        #[arg(long, default_value = "csv")]
        format: String,
    },
}

/// The sample shipped with the repository, found from the crate's folder
/// so that `cargo run` works from anywhere in the workspace.
fn default_sample() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo { data, out, preset, year, quiet } => demo(&data, &out, &preset, year, quiet),
        Command::Validate { data } => load(&data).map(|l| {
            println!(
                "{}: {} members, {} activities, {} participations — valid",
                data.display(),
                l.members().len(),
                l.activities().len(),
                l.participations().len()
            )
        }),
        Command::Generate { out, seed, members, format } => generate(&out, seed, members, &format),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

type Failure = (u8, String);

fn load(dir: &std::path::Path) -> Result<Ledger, Failure> {
    lvzhi::io::load_ledger(dir).map_err(|e| (exit::BAD_INPUT, e.to_string()))
}

fn demo(
    data: &std::path::Path,
    out: &std::path::Path,
    preset: &str,
    year: Option<i32>,
    quiet: bool,
) -> Result<(), Failure> {
    let ledger = load(data)?;
    let c = ledger.committee();
    println!("{} 第{}届 ({} – {})", c.name, c.term.number, c.term.start, c.term.end);
    println!(
        "{} 名委员, {} 项履职活动, {} 条参与记录\n",
        ledger.members().len(),
        ledger.activities().len(),
        ledger.participations().len()
    );
    print_summary(&ledger);

    let rules = RuleSet::preset(preset).map_err(|e| (exit::BAD_INPUT, e.to_string()))?;
    let year = year
        .or_else(|| ledger.activities().iter().map(|a| a.date.year()).max())
        .ok_or((exit::BAD_INPUT, "the ledger holds no activity to evaluate".to_string()))?;
    let evaluation = lvzhi::rules::evaluate(&ledger, &rules, Period::year(year));
    println!("\n{year}年度 考评: {} ({})\n", evaluation.rule_set_name, evaluation.rule_set);
    print_ranking(&ledger, &evaluation);

    let sections = lvzhi::scores::score_sections(&ledger, &evaluation);
    let options = lvzhi::report::ReportOptions::year(year, lvzhi::report::Format::Html);
    let dir = out.join("reports");
    let bar = progress_bar(ledger.members().len() as u64, quiet);
    let written = lvzhi::report::render_all(
        &ledger,
        &|m| sections.get(&ledger.member(m).id).cloned(),
        &options,
        &dir,
        &|_| bar.inc(1),
    )
    .map_err(|e| (exit::IO, e.to_string()))?;
    bar.finish_and_clear();
    println!("\n{} 份年度履职报告已写入 {}", written.len(), dir.display());
    Ok(())
}

fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {eta}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("年度履职报告");
    bar
}

fn print_summary(ledger: &Ledger) {
    let summary = ActivitySummary::of(ledger);
    let mut header: Vec<String> = vec!["编号".into(), "姓名".into(), "界别".into()];
    header.extend(ActivityKind::ALL.iter().map(|k| k.label().to_string()));
    header.extend(["请假".into(), "缺席".into()]);
    let mut t = TextTable::new(header);
    for row in &summary.rows {
        let m = ledger.member(row.member);
        let mut cells = vec![m.id.0.clone(), m.name.clone(), m.sector.clone()];
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

/// The ranking by total, grade counts, and the members flagged.
fn print_ranking(ledger: &Ledger, ev: &Evaluation) {
    let mut cards: Vec<&Scorecard> = ev.scorecards.iter().collect();
    cards.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.member.cmp(&b.member)));
    let mut header: Vec<String> =
        vec!["名次".into(), "编号".into(), "姓名".into(), "界别".into(), "总分".into()];
    header.extend(ev.categories.iter().map(|c| c.name.clone()));
    header.extend(["等次".into(), "界别内".into()]);
    let mut t = TextTable::new(header);
    let mut rank = 0;
    for (i, card) in cards.iter().enumerate() {
        if i == 0 || cards[i - 1].total != card.total {
            rank = i + 1;
        }
        let m = ledger.member_ix(&card.member).map(|ix| ledger.member(ix));
        let mut cells = vec![
            rank.to_string(),
            card.member.0.clone(),
            m.map_or(String::new(), |m| m.name.clone()),
            m.map_or(String::new(), |m| m.sector.clone()),
            card.total.to_string(),
        ];
        cells.extend(card.categories.iter().map(|c| c.subtotal.to_string()));
        cells.push(ev.grade_of(card).map_or("-".to_string(), |g| g.name.clone()));
        cells
            .push(ev.rank_in(card, Cohort::Sector).map_or(String::new(), |r| format!("{}/{}", r.rank, r.of)));
        t.row(cells);
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

    let flagged: Vec<&&Scorecard> = cards.iter().filter(|c| !c.flags.is_empty()).collect();
    if flagged.is_empty() {
        println!("无需关注的委员");
        return;
    }
    println!("需关注 {} 人:", flagged.len());
    for card in flagged {
        let name = ledger.member_ix(&card.member).map_or("", |ix| ledger.member(ix).name.as_str());
        let flags: Vec<&str> = card.flags.iter().map(|&f| ev.flags[usize::from(f)].name.as_str()).collect();
        println!("  {} {}: {}", card.member, name, flags.join("; "));
    }
}

fn generate(out: &std::path::Path, seed: u64, members: u32, format: &str) -> Result<(), Failure> {
    use lvzhi::io::Format;
    let format = match format {
        "csv" => Format::Csv,
        "excel" => Format::ExcelCsv,
        "json" => Format::Json,
        other => return Err((exit::BAD_INPUT, format!("unknown format `{other}`: use csv, excel or json"))),
    };
    let mut config = lvzhi::gen::Config::county(seed);
    config.members = members.max(20);
    let data = lvzhi::gen::generate(&config);
    lvzhi::io::write_dataset(&data.committee, &data.batch, out, format)
        .map_err(|e| (exit::IO, e.to_string()))?;
    println!(
        "{}: {} members, {} activities, {} participations",
        out.display(),
        data.batch.members.len(),
        data.batch.activities.len(),
        data.batch.participations.len()
    );
    Ok(())
}
