#!/usr/bin/env bash
# Runs every test of lvzhi: the Rust workspace (unit, integration, doc tests).
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc
