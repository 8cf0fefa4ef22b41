//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// A fixture folder or file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The bytes of a fixture file.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

/// A copy of a fixture folder in a fresh temporary folder, each file's
/// bytes passed through `transform`.
pub fn copy_fixture(name: &str, transform: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture(name)).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = transform(&file, std::fs::read(&path).unwrap());
        std::fs::write(dir.path().join(file), bytes).unwrap();
    }
    dir
}

/// GB18030 bytes of UTF-8 text, as Excel on Chinese Windows saves CSV.
pub fn gb18030(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap();
    let (out, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    out.into_owned()
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
