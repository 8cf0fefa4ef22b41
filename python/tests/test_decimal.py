"""Points and money are decimal.Decimal from end to end: 0.1 + 0.2 points
are 0.3 points, not 0.30000000000000004."""

import datetime as dt
from decimal import Decimal

import pandas as pd
import polars as pl

import lvzhi

RULES = """
[method]
id = "tenths"
name = "十分位测试办法"

[[category]]
id = "duty"
name = "履职"

[[item]]
id = "tenth"
name = "学习培训"
category = "duty"
match = { kind = "training" }
points = 0.1

[[item]]
id = "fifth"
name = "志愿服务"
category = "duty"
match = { kind = "volunteering" }
points = 0.2
"""


def tiny_ledger():
    committee = lvzhi.Committee("政协某县委员会", "county", 10, dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    members = pd.DataFrame({"member_id": ["M1"], "name": ["王芳"], "sector": ["教育界"]})
    activities = pd.DataFrame(
        {
            "activity_id": ["T1", "V1", "D1"],
            "kind": ["training", "volunteering", "donation"],
            "subtype": ["routine", None, "money"],
            "title": ["学习", "志愿", "捐款"],
            "date": [dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 5, 1)],
            "level": ["county"] * 3,
            "hours": [Decimal("0.1"), Decimal("0.2"), None],
            "amount": [None, None, "0.30"],
        }
    )
    participations = pd.DataFrame(
        {"activity_id": ["T1", "V1", "D1"], "member_id": ["M1"] * 3, "role": ["attendee", "participant", "participant"], "attendance": ["present", None, None]}
    )
    return lvzhi.Ledger.from_frames(committee, members, activities, participations)


def test_a_tenth_and_a_fifth_make_three_tenths():
    ev = lvzhi.evaluate(tiny_ledger(), lvzhi.RuleSet.from_str(RULES), 2025)
    card = ev.scorecard("M1")
    assert isinstance(card.total, Decimal)
    assert card.total == Decimal("0.3")
    assert str(card.total) == "0.3"
    assert card.categories == {"duty": Decimal("0.3")}
    assert [line["awarded"] for line in card.lines] == [Decimal("0.1"), Decimal("0.2")]
    assert 0.1 + 0.2 != 0.3  # what floats would have done
    df = ev.scorecards().to_pandas()
    assert df.total[0] == Decimal("0.3") and df.subtotal_duty[0] == Decimal("0.3")
    assert ev.scorecards().to_polars()["total"].to_list() == [Decimal("0.3")]
    lines = ev.lines().to_pandas()
    assert sum(lines.awarded, Decimal(0)) == Decimal("0.3")


def test_hours_and_amounts_keep_their_digits():
    ledger = tiny_ledger()
    assert ledger.activity("T1").hours == Decimal("0.1")
    assert ledger.activity("D1").amount == Decimal("0.30")
    hours = ledger.activities().to_polars()["hours"].to_list()
    assert hours[:2] == [Decimal("0.1"), Decimal("0.2")]
    assert sum(ledger.activities().to_pandas().hours.dropna(), Decimal(0)) == Decimal("0.3")


def test_polars_decimal_input_is_exact():
    ledger = tiny_ledger()
    acts = ledger.activities().to_polars()
    assert isinstance(acts.schema["amount"], pl.Decimal)
    again = lvzhi.Ledger.from_frames(ledger.committee, ledger.members().to_polars(), acts, ledger.participations().to_polars())
    assert again == ledger
