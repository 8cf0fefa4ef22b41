"""Shared fixtures: the bundled sample committee, a preset and its evaluation."""

from pathlib import Path

import pytest

import lvzhi

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def ledger() -> lvzhi.Ledger:
    return lvzhi.Ledger.from_dir(SAMPLE)


@pytest.fixture(scope="session")
def rules() -> lvzhi.RuleSet:
    return lvzhi.RuleSet.preset("tongcheng-2019")


@pytest.fixture(scope="session")
def ev(ledger, rules) -> lvzhi.Evaluation:
    return lvzhi.evaluate(ledger, rules, 2025)


@pytest.fixture(scope="session")
def province(tmp_path_factory) -> Path:
    """A generated province as a Parquet folder: 104 committees, ~21,000 members."""
    folder = tmp_path_factory.mktemp("province")
    lvzhi.generate_parquet(folder, "province", seed=7, year=2025)
    return folder
