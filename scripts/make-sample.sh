#!/usr/bin/env bash
# Regenerates the bundled sample committee in data/ from the seeded
# generator: UTF-8 CSV, Excel-style GB18030 CSV with Chinese headers, JSON.
# tests/sample.rs checks the committed files match.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf data/sample data/sample-excel data/sample-json
cargo run -q -p lvzhi-cli -- generate --seed 2025 --format csv --out data/sample
cargo run -q -p lvzhi-cli -- generate --seed 2025 --format excel --out data/sample-excel
cargo run -q -p lvzhi-cli -- generate --seed 2025 --format json --out data/sample-json
