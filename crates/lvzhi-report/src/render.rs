//! Rendering to bytes and files: one member or the whole committee.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use lvzhi_core::{Ledger, Member, MemberIx};
use rayon::prelude::*;

use crate::data::{gather, Period, ReportData};
use crate::docx::{render_docx, DocxLayout};
use crate::error::ReportError;
use crate::score::ScoreSection;
use crate::templates::Templates;
use crate::text::{clean, safe_component};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Self-contained HTML, A4 print styles, inline SVG chart.
    Html,
    /// Markdown (CommonMark with GFM tables).
    Markdown,
    /// Word `.docx`.
    Docx,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Html, Format::Markdown, Format::Docx];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// `html`/`htm`, `md`/`markdown`, `docx`/`word` (ASCII case ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "md" | "markdown" => Ok(Format::Markdown),
            "docx" | "word" => Ok(Format::Docx),
            other => Err(format!("unknown report format `{other}`; expected html, md or docx")),
        }
    }
}

/// Everything that shapes a report besides the data: period, format,
/// templates, Word layout and the printed date.
#[derive(Debug)]
pub struct ReportOptions {
    /// The period covered.
    pub period: Period,
    /// The output format.
    pub format: Format,
    /// Templates for HTML and Markdown.
    pub templates: Templates,
    /// Fonts and margins for Word.
    pub docx: DocxLayout,
    /// The date printed at the end of the report; `None` prints none.
    pub generated_on: Option<NaiveDate>,
}

impl ReportOptions {
    /// The calendar year `year` in `format`, default templates and layout, no printed date.
    pub fn year(year: i32, format: Format) -> ReportOptions {
        ReportOptions {
            period: Period::year(year),
            format,
            templates: Templates::builtin(),
            docx: DocxLayout::default(),
            generated_on: None,
        }
    }
}

/// Progress of a batch, passed to the callback after each report is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Reports written so far (including this one).
    pub done: usize,
    /// Reports to write in all.
    pub total: usize,
    /// The file just written.
    pub path: PathBuf,
}

/// Renders already gathered data to the bytes of a file in `options.format`.
pub fn render_bytes(data: &ReportData, options: &ReportOptions) -> Result<Vec<u8>, ReportError> {
    match options.format {
        Format::Html => options.templates.render_html(data).map(String::into_bytes),
        Format::Markdown => options.templates.render_markdown(data).map(String::into_bytes),
        Format::Docx => render_docx(data, &options.docx),
    }
}

/// Gathers and renders one member's report to bytes.
pub fn render_member(
    ledger: &Ledger,
    member: MemberIx,
    score: Option<ScoreSection>,
    options: &ReportOptions,
) -> Result<Vec<u8>, ReportError> {
    check_member(ledger, member)?;
    let data = gather(ledger, member, options.period, score).with_generated_on(options.generated_on);
    render_bytes(&data, options)
}

fn check_member(ledger: &Ledger, member: MemberIx) -> Result<(), ReportError> {
    if !ledger.detail().has_text() {
        return Err(ReportError::NoText);
    }
    if (member.0 as usize) < ledger.members().len() {
        Ok(())
    } else {
        Err(ReportError::UnknownMember(member.0))
    }
}

/// The file name of a member's report: `{member id}_{name}.{ext}`, each
/// part made safe by [`safe_component`](crate::text::safe_component).
pub fn file_name(member: &Member, format: Format) -> String {
    let id = safe_component(&clean(&member.id.0));
    let name = safe_component(&clean(&member.name));
    format!("{id}_{name}.{}", format.extension())
}

/// File names for `members`, in order, unique even on case-insensitive file
/// systems: when two members' safe names coincide (ids that differ only in
/// characters that were replaced, or in case), later ones get `~2`, `~3` …
pub fn file_names<'a>(members: impl IntoIterator<Item = &'a Member>, format: Format) -> Vec<String> {
    let mut taken: HashSet<String> = HashSet::new();
    members
        .into_iter()
        .map(|m| {
            let base = file_name(m, format);
            let stem = base.strip_suffix(&format!(".{}", format.extension())).unwrap_or(&base).to_string();
            let mut name = base;
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{stem}~{n}.{}", format.extension());
                n += 1;
            }
            name
        })
        .collect()
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    // `name` comes from file_name: one normal component, never a path.
    debug_assert!(Path::new(name).components().count() == 1);
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|source| ReportError::Write { path: path.clone(), source })?;
    Ok(path)
}

fn create_dir(dir: &Path) -> Result<(), ReportError> {
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Write { path: dir.to_path_buf(), source })
}

/// Writes one member's report into `out_dir` (created if missing) and
/// returns its path.
pub fn render_one(
    ledger: &Ledger,
    member: MemberIx,
    score: Option<ScoreSection>,
    options: &ReportOptions,
    out_dir: &Path,
) -> Result<PathBuf, ReportError> {
    let bytes = render_member(ledger, member, score, options)?;
    create_dir(out_dir)?;
    write_file(out_dir, &file_name(ledger.member(member), options.format), &bytes)
}

/// The members a batch covers: those in office on at least one day of the period.
pub fn members_in_period(ledger: &Ledger, period: Period) -> Vec<MemberIx> {
    ledger
        .members()
        .iter()
        .enumerate()
        .filter(|(_, m)| m.days_in_office(period.start, period.end).is_some())
        .map(|(i, _)| MemberIx(u32::try_from(i).expect("a ledger holds at most 2^32 members")))
        .collect()
}

/// Writes the report of every member in office during the period into
/// `out_dir`, one file each, in parallel on all cores. `scores` gives each
/// member's score (or `None` to print facts only); `on_progress` is called
/// after each file (from worker threads, in completion order). Returns the
/// paths in member order. Stops at the first error (files already written
/// stay).
pub fn render_all(
    ledger: &Ledger,
    scores: &(dyn Fn(MemberIx) -> Option<ScoreSection> + Sync),
    options: &ReportOptions,
    out_dir: &Path,
    on_progress: &(dyn Fn(&Progress) + Sync),
) -> Result<Vec<PathBuf>, ReportError> {
    if !ledger.detail().has_text() {
        return Err(ReportError::NoText);
    }
    let members = members_in_period(ledger, options.period);
    let names = file_names(members.iter().map(|&m| ledger.member(m)), options.format);
    create_dir(out_dir)?;
    let done = AtomicUsize::new(0);
    let total = members.len();
    members
        .par_iter()
        .zip(names.par_iter())
        .map(|(&m, name)| {
            let bytes = render_member(ledger, m, scores(m), options)?;
            let path = write_file(out_dir, name, &bytes)?;
            let done = done.fetch_add(1, Ordering::SeqCst) + 1;
            on_progress(&Progress { done, total, path: path.clone() });
            Ok(path)
        })
        .collect()
}
