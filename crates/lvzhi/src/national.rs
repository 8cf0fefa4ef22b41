//! Generated data at three sizes — one county, one province, the whole
//! country — written one committee at a time, so memory stays that of a
//! few committees whatever the size.
//!
//! | scale | committees | members | participations (intensity 1) |
//! |---|---|---|---|
//! | county | 1 | 150 | ~3,500 |
//! | province | 104 (1 provincial, 11 city, 92 county) | ~21,000 | ~0.5 million |
//! | national | 3,209 | ~645,000 | ~15 million (~65 million at intensity 9) |
//!
//! [`lvzhi_gen::Config::intensity`] adds rounds of routine duty work.
//!
//! ```
//! use lvzhi::national::{configs, Scale};
//! assert_eq!(configs(Scale::County, 1, 2025, 1).len(), 1);
//! assert_eq!(configs(Scale::Province, 1, 2025, 1).len(), 104);
//! ```

use std::path::Path;

use lvzhi_core::Level;
use lvzhi_gen::{generate, nationwide, Config, Dataset};
use lvzhi_io::parquet::ParquetWriter;
use lvzhi_io::{Format, WriteError};
use rayon::prelude::*;

/// How much of the country to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One county committee of 150 members.
    County,
    /// One province: its provincial committee, 11 city and 92 county committees.
    Province,
    /// Every committee of the country.
    National,
}

impl std::str::FromStr for Scale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "county" => Ok(Scale::County),
            "province" => Ok(Scale::Province),
            "national" => Ok(Scale::National),
            other => Err(format!("unknown scale `{other}`: use county, province or national")),
        }
    }
}

/// The committees of `scale` for `year`, each with `intensity` rounds of routine work.
pub fn configs(scale: Scale, seed: u64, year: i32, intensity: u32) -> Vec<Config> {
    let mut out: Vec<Config> = match scale {
        Scale::County => {
            let mut c = Config::new(Level::County, 150, year, seed);
            c.id_prefix = "X0001-".to_string();
            vec![c]
        }
        Scale::Province => {
            let (mut cities, mut counties) = (0, 0);
            nationwide(seed, year)
                .filter(|c| match c.level {
                    Level::Provincial => c.id_prefix == "P0001-",
                    Level::City => {
                        cities += 1;
                        cities <= 11
                    }
                    Level::County => {
                        counties += 1;
                        counties <= 92
                    }
                    Level::National => false,
                })
                .collect()
        }
        Scale::National => nationwide(seed, year).collect(),
    };
    for c in &mut out {
        c.intensity = intensity.max(1);
    }
    out
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Committees.
    pub committees: usize,
    /// Members.
    pub members: usize,
    /// Activities.
    pub activities: usize,
    /// Participations.
    pub participations: usize,
}

/// How to store generated data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// One folder of Parquet files for all committees ([`lvzhi_io::parquet`]).
    Parquet,
    /// CSV or JSON files, one folder per committee.
    Files(Format),
}

/// How many committees are generated at once (in parallel) before being written.
const CHUNK: usize = 16;

/// Generates `configs` (in parallel, a few at a time) and writes them in
/// order into `dir`: Parquet as one folder of three files
/// ([`lvzhi_io::parquet`]); CSV or JSON as one sub-folder per committee,
/// named after its id prefix (directly in `dir` when there is only one).
/// `progress` is called after each committee written.
pub fn write(
    configs: &[Config],
    dir: &Path,
    output: Output,
    mut progress: impl FnMut(&Written),
) -> Result<Written, WriteError> {
    let mut written = Written::default();
    let (mut pq, format) = match output {
        Output::Parquet => (Some(ParquetWriter::create(dir)?), Format::Csv),
        Output::Files(format) => (None, format),
    };
    for chunk in configs.chunks(CHUNK) {
        let data: Vec<Dataset> = chunk.par_iter().map(generate).collect();
        for (config, d) in chunk.iter().zip(data) {
            match &mut pq {
                Some(w) => w.write(&d.committee, &d.batch)?,
                None if configs.len() == 1 => lvzhi_io::write_dataset(&d.committee, &d.batch, dir, format)?,
                None => {
                    let sub = dir.join(config.id_prefix.trim_end_matches('-'));
                    lvzhi_io::write_dataset(&d.committee, &d.batch, &sub, format)?
                }
            }
            written.committees += 1;
            written.members += d.batch.members.len();
            written.activities += d.batch.activities.len();
            written.participations += d.batch.participations.len();
            progress(&written);
        }
    }
    if let Some(w) = pq {
        w.finish()?;
    }
    Ok(written)
}
