"""Python and Rust give identical scorecards on the sample: the Rust library
alone (crates/lvzhi-py/examples/scorecards.rs) prints its evaluation as JSON,
and every total, subtotal, line, grade, flag and rank must match."""

import json
import os
import subprocess
from decimal import Decimal

import pytest

import lvzhi
from conftest import ROOT, SAMPLE


@pytest.mark.parametrize("preset", ["tongcheng-2019", "yanbian-2022"])
def test_python_scorecards_equal_rusts(ledger, preset):
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "lvzhi-py", "--example", "scorecards", "--", str(SAMPLE), preset, "2025"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    ).stdout
    rust = json.loads(out)
    ev = lvzhi.evaluate(ledger, lvzhi.RuleSet.preset(preset), 2025)
    assert len(ev) == len(rust["scorecards"]) == 120
    items = [i["id"] for i in rust["items"]]
    categories = [c["id"] for c in rust["categories"]]
    grades = [g["id"] for g in rust["grades"]]
    flags = [f["id"] for f in rust["flags"]]
    table = ev.scorecards().to_pandas().set_index("member_id")
    for expected in rust["scorecards"]:
        card = ev.scorecard(expected["member"])
        assert card.total == Decimal(expected["total"]) == table.loc[card.member_id, "total"]
        assert card.base == Decimal(expected["base"])
        assert card.categories == {categories[c["category"]]: Decimal(c["subtotal"]) for c in expected["categories"]}
        got_lines = [(l["item_id"], l["activity_id"], l["raw"], l["awarded"]) for l in card.lines]
        want_lines = [
            (
                items[l["item"]],
                rust["activities"][l["activity"]] if l.get("activity") is not None else None,
                Decimal(l["raw"]),
                Decimal(l["awarded"]),
            )
            for l in expected["lines"]
        ]
        assert got_lines == want_lines
        assert card.grade_id == (grades[expected["grade"]] if expected.get("grade") is not None else None)
        assert card.flags == [flags[f] for f in expected["flags"]]
        assert {c: (r["rank"], r["of"]) for c, r in card.ranks.items()} == {
            r["cohort"]: (r["rank"], r["of"]) for r in expected["ranks"]
        }
