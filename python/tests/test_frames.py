"""DataFrames in and out: pandas, polars and pyarrow through the Arrow
PyCapsule interface, typed columns both ways, no float anywhere."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import lvzhi
from conftest import SAMPLE

COMMITTEE = SAMPLE / "committee.json"


def frames(ledger, to, chinese=False):
    return [to(t) for t in (ledger.members(chinese=chinese), ledger.activities(chinese=chinese), ledger.participations(chinese=chinese))]


@pytest.mark.parametrize(
    "to",
    [lambda t: t.to_pandas(), lambda t: t.to_polars(), lambda t: t.to_arrow(), pa.table, pl.DataFrame, lambda t: t],
    ids=["pandas", "polars", "pyarrow", "pa.table", "pl.DataFrame", "ArrowTable"],
)
def test_round_trip_through_each_library(ledger, to):
    members, activities, participations = frames(ledger, to)
    again = lvzhi.Ledger.from_frames(ledger.committee, members, activities, participations)
    assert again == ledger


def test_round_trip_with_chinese_headers_and_labels(ledger):
    back = lvzhi.Ledger.from_frames(COMMITTEE, *frames(ledger, lambda t: t.to_pandas(), chinese=True))
    assert back == ledger


def test_types_out_are_dates_and_decimals_never_floats(ledger):
    acts = ledger.activities().to_arrow()
    assert acts.schema.field("date").type == pa.date32()
    assert pa.types.is_decimal(acts.schema.field("amount").type)
    assert pa.types.is_decimal(acts.schema.field("hours").type)
    assert acts.schema.field("half_days").type == pa.uint8()
    assert acts.schema.field("off_site").type == pa.bool_()
    assert not any(pa.types.is_floating(f.type) for f in acts.schema)
    df = ledger.activities().to_pandas()
    donations = df[df.kind == "donation"]
    assert all(isinstance(x, Decimal) for x in donations.amount)
    assert all(isinstance(x, dt.date) for x in df.date)
    pdf = ledger.activities().to_polars()
    assert isinstance(pdf.schema["amount"], pl.Decimal)
    assert pdf.schema["date"] == pl.Date
    # the exact amounts of the CSV file
    csv_amounts = pd.read_csv(SAMPLE / "activities.csv", dtype=str).dropna(subset=["amount"])
    assert sorted(Decimal(x) for x in csv_amounts.amount) == sorted(donations.amount)


def test_frames_typed_by_hand_in_pandas(ledger):
    committee = ledger.committee
    members = pd.DataFrame(
        {
            "委员编号": ["N001", "N002"],
            "姓名": ["王芳", "李四"],
            "性别": ["女", "男"],
            "界别": [committee.sectors[0], committee.sectors[1]],
            "职务": ["常委;委员", "委员"],
            "出生日期": [dt.date(1975, 3, 5), None],
            "joined_on": pd.to_datetime(["2025-04-01", None]),  # datetime64: midnight
        }
    )
    activities = pd.DataFrame(
        {
            "activity_id": ["X1", "X2"],
            "kind": ["捐款捐物", "会议"],
            "subtype": ["捐款", "全体会议"],
            "title": ["助学捐款", "全体会议"],
            "date": ["2025/5/1", "2025年6月1日"],
            "level": ["县级", "county"],
            "amount": [Decimal("1000.10"), None],
            "half_days": [None, 4.0],  # float64 with NaN, as pandas makes it
        }
    )
    participations = pl.DataFrame(
        {"activity_id": ["X1", "X2", "X2"], "member_id": ["N001", "N001", "N002"], "role": ["参与人", "参会", "参会"], "出勤": [None, "出席", "请假"]}
    )
    small = lvzhi.Ledger.from_frames(committee, members, activities, participations)
    assert len(small) == 2
    wang = small.member("N001")
    assert wang.roles == ["standing_member", "member"] and wang.birth_date == dt.date(1975, 3, 5)
    assert small.member("N001").joined_on == dt.date(2025, 4, 1) and small.member("N002").joined_on is None
    assert small.activity("X1").amount == Decimal("1000.10")
    assert small.activity("X2").half_days == 4
    assert [p.attendance for p in small.participants("X2")] == ["present", "excused"]


def test_a_filtered_frame_keeps_its_index_out(ledger):
    members = ledger.members().to_pandas()
    some = members[members.sector == members.sector.iloc[0]]  # index no longer 0..n
    small = lvzhi.Ledger.from_frames(ledger.committee, some)
    assert len(small) == len(some)


def test_categorical_and_large_string_columns(ledger):
    members = ledger.members().to_pandas().astype({"sector": "category", "gender": "category"})
    assert lvzhi.Ledger.from_frames(ledger.committee, members).member_ids() == ledger.member_ids()
    members = ledger.members().to_polars().with_columns(pl.col("sector").cast(pl.Categorical))
    assert len(lvzhi.Ledger.from_frames(ledger.committee, members)) == 120


def test_with_frames_adds_records(ledger):
    extra = pd.DataFrame({"activity_id": ["Z9"], "kind": ["other"], "subtype": ["文史资料征集"], "title": ["文史资料"], "date": [dt.date(2025, 7, 1)], "level": ["county"]})
    who = pd.DataFrame({"activity_id": ["Z9"], "member_id": ["M0001"], "role": ["participant"]})
    more = ledger.with_frames(activities=extra, participations=who)
    assert len(more.activities()) == len(ledger.activities()) + 1
    assert len(ledger.activities()) == 546, "the original ledger is unchanged"
    assert more.activity("Z9").subtype == "文史资料征集"


def test_evaluation_tables_in_each_library(ev):
    cards = ev.scorecards()
    pdf, plf, arrow = cards.to_pandas(), cards.to_polars(), cards.to_arrow()
    assert len(pdf) == len(plf) == arrow.num_rows == len(ev) == 120
    assert all(isinstance(x, Decimal) for x in pdf.total)
    assert isinstance(plf.schema["total"], pl.Decimal)
    assert pa.types.is_decimal(arrow.schema.field("total").type)
    assert list(pdf.total) == [ev.scorecard(m).total for m in pdf.member_id]


def test_to_arrow_leaves_pandas_unimported():
    # A notebook that asks for Arrow (or polars) data should not pay for
    # importing pandas: pyarrow.table() would import it to ask whether its
    # argument is a DataFrame.
    code = (
        "import sys, lvzhi\n"
        "t = lvzhi.sample().members().to_arrow()\n"
        "assert t.num_rows > 0 and t.schema.field('member_id') is not None\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr
