//! Running the built `lvzhi` binary and preparing its inputs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// What a run of the binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }

    /// The stdout as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: not JSON:\n{}", self.stdout))
    }
}

/// Runs `lvzhi` with `args` in `dir`.
pub fn lvzhi_in(dir: &Path, args: &[&str]) -> Run {
    let output = assert_cmd::cargo::cargo_bin_cmd!("lvzhi").current_dir(dir).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `lvzhi` with `args` in a scratch folder.
pub fn lvzhi(args: &[&str]) -> Run {
    lvzhi_in(&std::env::temp_dir(), args)
}

/// The bundled sample (UTF-8 CSV), or one of its copies (`sample-excel`, `sample-json`).
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data").join(name).canonicalize().unwrap()
}

/// `p` as a `&str` argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of the sample in `dir/name`, with `edit(file name, text)` applied to each table file.
pub fn edited_sample(dir: &Path, name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(sample("sample")).unwrap() {
        let entry = entry.unwrap();
        let file = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        std::fs::write(to.join(&file), edit(&file, text)).unwrap();
    }
    to
}

/// A proposal of the sample that was not filed, and its lead, whose total
/// under tongcheng-2019 rises when it is filed.
pub const PROPOSAL: &str = "TA0096";
pub const LEAD: &str = "M0089";

/// The sample with `PROPOSAL` filed.
pub fn sample_with_proposal_filed(dir: &Path) -> PathBuf {
    edited_sample(dir, "filed", |file, text| {
        if file != "activities.csv" {
            return text;
        }
        let lines: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with(&format!("{PROPOSAL},")) {
                    assert!(l.contains(",not_filed,"), "{l}");
                    l.replace(",not_filed,", ",filed,")
                } else {
                    l.to_string()
                }
            })
            .collect();
        lines.join("\n") + "\n"
    })
}

/// A store in `dir` holding the sample, imported on 2026-01-05 (China time).
pub fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("sample.lvzhi");
    lvzhi(&["import", "--store", s(&store), s(&sample("sample")), "--at", "2026-01-05", "-q"]).expect(0);
    store
}
