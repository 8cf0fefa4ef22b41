//! `lvzhi`: the command line of lvzhi (履职).

mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use lvzhi::summary::ActivitySummary;
use lvzhi::{ActivityKind, Ledger, Vocabulary};

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
        /// 输出目录 / Folder for the outputs.
        #[arg(long, default_value = "out")]
        out: PathBuf,
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
        Command::Demo { data, out } => demo(&data, &out),
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

fn demo(data: &std::path::Path, _out: &std::path::Path) -> Result<(), Failure> {
    let ledger = load(data)?;
    let c = ledger.committee();
    println!("{} 第{}届 ({} – {})", c.name, c.term.number, c.term.start, c.term.end);
    println!(
        "{} 名委员, {} 项履职活动, {} 条参与记录\n",
        ledger.members().len(),
        ledger.activities().len(),
        ledger.participations().len()
    );
    let summary = ActivitySummary::of(&ledger);
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
    Ok(())
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
