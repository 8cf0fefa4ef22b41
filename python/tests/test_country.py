"""A whole province (or country) in one call: `lvzhi.score_parquet` on a
Parquet folder written by `lvzhi.generate_parquet`, checked against scoring
each committee on its own through `Ledger.from_frames` and `evaluate`."""

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import lvzhi


def committee_of(c: dict) -> lvzhi.Committee:
    """A `Committee` from an entry of `committees.json`."""
    term = c["term"]
    return lvzhi.Committee(
        c["name"],
        c["level"],
        term["number"],
        dt.date.fromisoformat(term["start"]),
        dt.date.fromisoformat(term["end"]),
        c["sectors"],
        c["special_committees"],
        c["liaison_groups"],
    )


def one_by_one(folder, rules, year) -> pd.DataFrame:
    """Every committee of the folder scored on its own (the way before score_parquet)."""
    committees = json.loads((folder / "committees.json").read_text(encoding="utf-8"))
    tables = [pq.read_table(folder / f"{t}.parquet") for t in ("members", "activities", "participations")]
    frames = []
    for no, c in enumerate(committees):
        mine = [t.filter(pc.field("committee_no") == no).drop_columns(["committee_no"]) for t in tables]
        ledger = lvzhi.Ledger.from_frames(committee_of(c), *mine)
        cards = lvzhi.evaluate(ledger, rules, year).scorecards().to_pandas()
        frames.append(cards.assign(committee=c["name"]))
    return pd.concat(frames, ignore_index=True)


def test_generate_a_province(province):
    committees = json.loads((province / "committees.json").read_text(encoding="utf-8"))
    assert len(committees) == 104
    assert {p.name for p in province.iterdir()} >= {"members.parquet", "activities.parquet", "participations.parquet"}


def test_a_province_scores_as_its_committees_do_one_by_one(province):
    rules = lvzhi.RuleSet.preset("jinan-2015")
    scores = lvzhi.score_parquet(province, rules, 2025).to_pandas()
    alone = one_by_one(province, rules, 2025)
    assert len(scores) == len(alone) > 20_000
    both = scores.merge(alone, on="member_id", suffixes=("", "_alone"), validate="one_to_one")
    assert (both.total == both.total_alone).all()
    assert all(isinstance(t, Decimal) for t in both.total.head())
    for c in rules.categories:
        column = f"subtotal_{c['id']}"
        assert (both[column] == both[f"{column}_alone"]).all(), column
    assert (both.grade.astype(object) == both.grade_alone).all()
    assert (both.committee.astype(str) == both.committee_alone).all()
    assert both.committee.nunique() == 104


def test_ranks_count_the_higher_totals(province):
    scores = lvzhi.score_parquet(province, "jinan-2015", 2025).to_pandas()
    # best first, ties by member id
    assert scores.equals(scores.sort_values(["total", "member_id"], ascending=[False, True]))
    totals = scores.total.astype(float)  # the totals are multiples of 0.5 here: exact as floats
    assert (scores["rank"] == totals.rank(method="min", ascending=False).astype(int)).all()
    assert (scores.committee_rank == totals.groupby(scores.committee, observed=True).rank(method="min", ascending=False).astype(int)).all()
    higher = {t: (scores.total > t).sum() for t in scores.total.unique()}
    assert (scores["rank"] == scores.total.map(higher) + 1).all()
    assert scores["rank"].iloc[0] == 1 and scores.total.iloc[0] == scores.total.max()


def test_the_table_in_each_library(province):
    table = lvzhi.score_parquet(province, lvzhi.RuleSet.preset("tongcheng-2019"), (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert isinstance(table, lvzhi.ArrowTable)
    categories = [f"subtotal_{c['id']}" for c in lvzhi.RuleSet.preset("tongcheng-2019").categories]
    assert table.column_names == ["rank", "member_id", "committee", "total", *categories, "grade", "grade_id", "committee_rank"]
    arrow = table.to_arrow()
    assert pa.types.is_dictionary(arrow.schema.field("committee").type)
    assert pa.types.is_decimal(arrow.schema.field("total").type)
    assert arrow.schema.field("total").type == lvzhi.evaluate(lvzhi.sample(), lvzhi.RuleSet.preset("tongcheng-2019"), 2025).scorecards().to_arrow().schema.field("total").type
    assert not any(pa.types.is_floating(f.type) for f in arrow.schema)
    frame = table.to_polars()
    assert isinstance(frame.schema["total"], pl.Decimal)
    by_grade = frame.group_by("grade").len()
    assert by_grade["len"].sum() == len(table)
    # the same as the year given as an int
    assert lvzhi.score_parquet(province, "tongcheng-2019", 2025).to_arrow().equals(arrow)


def rewrite(path, column, row, value):
    """The Parquet file at `path` with one cell changed, as a clerk's slip would."""
    table = pq.read_table(path)
    i = table.schema.get_field_index(column)
    cells = table.column(i).to_pylist()
    cells[row] = value
    field = table.schema.field(i)
    if pa.types.is_dictionary(field.type):
        array = pa.array(cells, type=field.type.value_type).dictionary_encode()
    else:
        array = pa.array(cells, type=field.type)
    pq.write_table(table.set_column(i, field.with_type(array.type), array), path)


@pytest.fixture
def county(tmp_path):
    folder = tmp_path / "county"
    written = lvzhi.generate_parquet(folder, "county", seed=3)
    assert written["committees"] == 1 and written["members"] == 150
    return folder


def test_a_participant_listed_twice_names_the_file_and_row(county):
    path = county / "participations.parquet"
    table = pq.read_table(path)
    pq.write_table(pa.concat_tables([table, table.slice(5, 1)]), path)  # row 5 again, at the end
    with pytest.raises(lvzhi.ValidationError) as info:
        lvzhi.score_parquet(county, "jinan-2015", 2025)
    problem = info.value.problems[0]
    assert problem.file.endswith("participations.parquet") and problem.row == len(table), problem
    assert "is listed twice" in str(info.value)


def test_a_bad_cell_names_the_file_row_and_column(county):
    rewrite(county / "participations.parquet", "attendance", 9, "maybe")
    with pytest.raises(lvzhi.DataImportError) as info:
        lvzhi.score_parquet(county, "jinan-2015", 2025)
    problem = info.value.problems[0]
    assert "participations" in problem.file and (problem.row, problem.column) == (9, "attendance"), problem
    assert "`maybe` is not a known attendance" in str(info.value)


def test_an_unknown_member_is_refused(county):
    rewrite(county / "participations.parquet", "member_id", 17, "NOBODY")
    with pytest.raises(lvzhi.ValidationError) as info:
        lvzhi.score_parquet(county, "jinan-2015", 2025)
    problem = info.value.problems[0]
    assert problem.file.endswith("participations.parquet")
    assert problem.row == 17
    assert "unknown member `NOBODY`" in str(info.value)


def test_a_missing_folder_and_wrong_arguments(tmp_path, county):
    with pytest.raises(lvzhi.DataImportError, match="committees.json"):
        lvzhi.score_parquet(tmp_path / "nowhere", "jinan-2015", 2025)
    with pytest.raises(lvzhi.RuleError, match="unknown preset `nowhere`"):
        lvzhi.score_parquet(county, "nowhere", 2025)
    with pytest.raises(TypeError, match="a RuleSet or a preset id"):
        lvzhi.score_parquet(county, 42, 2025)
    with pytest.raises(TypeError, match="a year"):
        lvzhi.score_parquet(county, "jinan-2015", "2025")
    with pytest.raises(ValueError, match="unknown scale `city`"):
        lvzhi.generate_parquet(tmp_path / "x", "city")
