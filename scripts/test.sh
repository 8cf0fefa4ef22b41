#!/usr/bin/env bash
# Runs every test of lvzhi: the Rust workspace (unit, integration, doc tests),
# then the Python bindings: in a virtual environment (.venv, created on first
# use; LVZHI_VENV overrides) it installs maturin and the test tools from PyPI,
# builds the extension module into it (maturin develop) and runs pytest over
# python/tests, which also executes the example notebook docs/python.ipynb.
# Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace --all-targets
cargo test --workspace --doc

# Python ≥ 3.10 (CI has 3.11); PYTHON overrides.
PYTHON="${PYTHON:-python3}"
VENV="${LVZHI_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" || {
        # Debian without python3-venv: fall back to virtualenv.
        "$PYTHON" -m pip install --user -q virtualenv
        "$PYTHON" -m virtualenv -q "$VENV"
    }
fi
VENV_PY="$VENV/bin/python"
"$VENV_PY" -m pip install -q --disable-pip-version-check \
    "maturin>=1.7,<2" pytest pandas polars pyarrow nbclient nbformat ipykernel matplotlib
# A debug build: quicker to compile, and what the tests need.
VIRTUAL_ENV="$PWD/$VENV" "$VENV/bin/maturin" develop -q
"$VENV_PY" -m pytest python/tests -q
