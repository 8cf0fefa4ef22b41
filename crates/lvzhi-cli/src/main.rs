//! `lvzhi`: the command line of lvzhi (履职).
//!
//! Every subcommand is documented in `docs/cli.md`. This file holds the
//! arguments and the exit codes; the work is done by the library through
//! the modules below, which only read arguments, call it and print.

mod commands;
mod input;
mod output;
mod problems;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes scripts can rely on (`docs/cli.md`).
pub mod exit {
    /// Input data or rule files are wrong (every problem is listed on stderr).
    pub const BAD_INPUT: u8 = 1;
    /// Bad arguments: clap's own code, also used for an unknown preset,
    /// member or date.
    pub const USAGE: u8 = 2;
    /// Files or folders could not be read or written.
    pub const IO: u8 = 3;
    /// The store refused or failed (not a store, newer schema, no
    /// committee, history moving backwards, SQLite errors).
    pub const STORE: u8 = 4;
}

/// A failed command: the exit code and the message for stderr.
pub type Failure = (u8, String);

#[derive(Parser)]
#[command(
    name = "lvzhi",
    version,
    about = "履职: 政协委员履职记录、考评与年度履职报告 / record, score and report the duty work of CPPCC members",
    after_help = "退出码 / exit codes: 0 成功 ok · 1 数据或规则文件有误 bad data or rule file · \
                  2 参数有误 bad arguments · 3 读写失败 I/O · 4 数据库错误 store error"
)]
struct Cli {
    /// 安静模式: 不显示进度和提示, 只输出所要求的数据 / Quiet: no progress bars or messages, only the data asked for.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum Print {
    /// 表格和文字 / Tables and text for people.
    #[default]
    Text,
    /// JSON (stdout), for scripts.
    Json,
}

/// Where the records come from: a store (now, or as of a time) or a data folder.
#[derive(Args, Debug)]
pub struct Source {
    /// 数据库文件 / SQLite store (see `lvzhi import`).
    #[arg(long, required_unless_present = "data", conflicts_with = "data")]
    pub store: Option<PathBuf>,
    /// 截至某时 / Records as they stood then: a date (end of that day, China time UTC+8) or an RFC 3339 instant.
    #[arg(long, conflicts_with = "data", value_parser = input::parse_time)]
    pub as_of: Option<chrono::DateTime<chrono::Utc>>,
    /// 数据目录 / Folder with committee.json and the tables (CSV or JSON).
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// Which evaluation method to score under.
#[derive(Args, Debug)]
pub struct Rules {
    /// 内置考评办法 / Preset rule set (see `lvzhi presets`).
    #[arg(long, conflicts_with = "rules")]
    pub preset: Option<String>,
    /// 考评办法文件 / Rule file (TOML, docs/rules.md).
    #[arg(long)]
    pub rules: Option<PathBuf>,
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
    },
    /// 导入数据到数据库 / Import a data folder or table files into a store (idempotent).
    Import {
        /// 数据库文件 (不存在则创建) / SQLite store, created if missing.
        #[arg(long)]
        store: PathBuf,
        /// 数据目录或表文件 / A data folder, or table files named members…, activities…, participations… (and committee.json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 录入人 / Who imports (kept in the history); defaults to $USER.
        #[arg(long)]
        by: Option<String>,
        /// 导入时间 / When the import takes effect: a date (end of that day, UTC+8) or an RFC 3339 instant; default now.
        #[arg(long, value_parser = input::parse_time)]
        at: Option<chrono::DateTime<chrono::Utc>>,
        /// 输出格式 / Output: text or json.
        #[arg(long, value_enum, default_value_t)]
        format: Print,
    },
    /// 校验数据目录或考评办法文件 / Validate a data folder (file, row, column) or a rule file (line:column).
    Validate {
        /// 数据目录 / Folder with committee.json and the tables.
        #[arg(required_unless_present = "rules")]
        data: Option<PathBuf>,
        /// 考评办法文件 / Rule file (TOML) to check.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// 输出格式 / Output: text or json.
        #[arg(long, value_enum, default_value_t)]
        format: Print,
    },
    /// 考评并排名 / Evaluate a year under a rule set: ranking table, CSV/JSON out, explanations.
    Evaluate {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        rules: Rules,
        /// 年度 / Year to evaluate.
        #[arg(long)]
        year: i32,
        /// 输出文件 / Write the ranking to FILE.csv or FILE.json.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Excel 格式 CSV (GB18030, 中文表头) / Excel-friendly CSV: GB18030, Chinese headers.
        #[arg(long, requires = "out")]
        excel: bool,
        /// 解释某委员得分 / Print every point of one member's score instead of the table.
        #[arg(long, value_name = "MEMBER_ID", conflicts_with = "out")]
        explain: Option<String>,
        /// 输出格式 / Output: text or json.
        #[arg(long, value_enum, default_value_t)]
        format: Print,
    },
    /// 全国/全省排名 / Score every committee of a Parquet folder (`generate --parquet`) and rank all members together.
    Rank {
        /// Parquet 数据目录 / Folder with committees.json and members/activities/participations.parquet.
        data: PathBuf,
        #[command(flatten)]
        rules: Rules,
        /// 年度 / Year to evaluate.
        #[arg(long)]
        year: i32,
        /// 输出文件 / Write every member's row to FILE.csv.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Excel 格式 CSV (GB18030, 中文表头) / Excel-friendly CSV: GB18030, Chinese headers.
        #[arg(long, requires = "out")]
        excel: bool,
        /// 显示前 N 名 / Rows shown on screen.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// 输出格式 / Output: text or json.
        #[arg(long, value_enum, default_value_t)]
        format: Print,
    },
    /// 生成年度履职报告 / Write annual duty reports for one member or all.
    Report {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        rules: Rules,
        /// 委员编号 / Only this member.
        #[arg(long)]
        member: Option<String>,
        /// 年度 / Year of the report.
        #[arg(long)]
        year: i32,
        /// 报告格式 / html, markdown or docx.
        #[arg(long, default_value = "html", value_parser = input::parse_report_format)]
        format: lvzhi::report::Format,
        /// 模板目录 / Folder of *.j2 templates overriding the defaults.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// 输出目录 / Folder to write the reports into.
        #[arg(long)]
        out: PathBuf,
    },
    /// 内置考评办法 / List the preset rule sets, or show one's TOML.
    Presets {
        #[command(subcommand)]
        action: Option<PresetsAction>,
        /// 输出格式 / Output: text or json.
        #[arg(long, value_enum, default_value_t)]
        format: Print,
    },
    /// 从数据库导出 / Export a store's records (now or as of a time) to a data folder.
    Export {
        /// 数据库文件 / SQLite store.
        #[arg(long)]
        store: PathBuf,
        /// 输出目录 / Folder to write.
        #[arg(long)]
        out: PathBuf,
        /// 文件格式 / csv, excel (GB18030, Chinese headers) or json.
        #[arg(long, value_enum, default_value_t)]
        format: FileFormat,
        /// 截至某时 / Records as they stood then: a date (end of that day, UTC+8) or an RFC 3339 instant.
        #[arg(long, value_parser = input::parse_time)]
        as_of: Option<chrono::DateTime<chrono::Utc>>,
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
        #[arg(long, value_enum, default_value_t)]
        format: FileFormat,
        /// 规模 / county (150 members), province (~21,000 in 104 committees) or
        /// national (~645,000 in 3,209 committees), one committee at a time;
        /// without it, one county committee of --members.
        #[arg(long)]
        scale: Option<String>,
        /// Parquet instead of --format, with --scale: one folder of
        /// committees.json and three .parquet files for all committees.
        #[arg(long, requires = "scale")]
        parquet: bool,
        /// 年度 / The year generated, with --scale.
        #[arg(long, default_value_t = 2025, requires = "scale")]
        year: i32,
        /// 履职强度 / Rounds of routine duty work, with --scale: 1 gives ~23
        /// participations per member, 9 about 100 (national: ~65 million).
        #[arg(long, default_value_t = 1, requires = "scale")]
        intensity: u32,
    },
}

#[derive(Subcommand)]
enum PresetsAction {
    /// 显示某办法的 TOML / Print a preset's rule file.
    Show {
        /// 办法编号 / Preset id, e.g. tongcheng-2019.
        id: String,
    },
}

/// The format of data files written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Default)]
pub enum FileFormat {
    /// UTF-8 CSV, English headers and codes.
    #[default]
    Csv,
    /// GB18030 CSV, Chinese headers and labels, for Excel.
    Excel,
    /// JSON.
    Json,
}

impl FileFormat {
    fn io(self) -> lvzhi::io::Format {
        match self {
            FileFormat::Csv => lvzhi::io::Format::Csv,
            FileFormat::Excel => lvzhi::io::Format::ExcelCsv,
            FileFormat::Json => lvzhi::io::Format::Json,
        }
    }
}

/// The sample shipped with the repository, found from the crate's folder
/// so that `cargo run` works from anywhere in the workspace.
fn default_sample() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = cli.quiet;
    let out = |format: Print| output::Out { quiet, json: format == Print::Json };
    let text = out(Print::Text);
    let result = match cli.command {
        Command::Demo { data, out, preset, year } => commands::demo(&text, &data, &out, &preset, year),
        Command::Import { store, paths, by, at, format } => {
            commands::import(&out(format), &store, &paths, by, at)
        }
        Command::Validate { data, rules, format } => {
            commands::validate(&out(format), data.as_deref(), rules.as_deref())
        }
        Command::Evaluate { source, rules, year, out: file, excel, explain, format } => {
            let options = commands::EvaluateOptions { year, out: file, excel, explain };
            commands::evaluate(&out(format), &source, &rules, &options)
        }
        Command::Rank { data, rules, year, out: file, excel, top, format } => {
            let options = commands::RankOptions { year, out: file, excel, top };
            commands::rank(&out(format), &data, &rules, &options)
        }
        Command::Report { source, rules, member, year, format, templates, out: dir } => {
            let options = commands::ReportArgs { member, year, format, templates, out: dir };
            commands::report(&text, &source, &rules, &options)
        }
        Command::Presets { action: None, format } => commands::presets(&out(format)),
        Command::Presets { action: Some(PresetsAction::Show { id }), .. } => commands::preset_show(&id),
        Command::Export { store, out: dir, format, as_of } => {
            commands::export(&text, &store, &dir, format.io(), as_of)
        }
        Command::Generate { out: dir, seed, members, format, scale, parquet, year, intensity } => match scale
        {
            Some(scale) => {
                let output = match parquet {
                    true => lvzhi::national::Output::Parquet,
                    false => lvzhi::national::Output::Files(format.io()),
                };
                commands::generate_scale(&text, &dir, seed, &scale, year, intensity, output)
            }
            None => commands::generate(&text, &dir, seed, members, format.io()),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((code, message)) => {
            eprintln!("{}", message.trim_end());
            ExitCode::from(code)
        }
    }
}
