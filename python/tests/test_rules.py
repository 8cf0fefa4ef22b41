"""Rule sets, evaluation, scorecards and rankings."""

import datetime as dt
from decimal import Decimal

import pytest

import lvzhi
from conftest import ROOT


def test_presets():
    ids = [p["id"] for p in lvzhi.presets()]
    assert ids == ["tongcheng-2019", "minhang", "xuanwei", "yanbian-2022", "jinan-2015"]
    for p in lvzhi.presets():
        r = lvzhi.RuleSet.preset(p["id"])
        assert (r.id, r.name, r.issuer) == (p["id"], p["name"], p["issuer"])
        assert lvzhi.RuleSet.from_str(lvzhi.RuleSet.preset_source(p["id"])).id == r.id


def test_rule_set(rules, tmp_path):
    assert rules.id == "tongcheng-2019"
    assert [c["id"] for c in rules.categories] == ["attendance", "proposals", "activities", "reports"]
    assert rules.categories[0]["max"] == Decimal(50)
    assert [g["name"] for g in rules.grades] == ["合格", "不合格"]
    assert len(rules.items) == 18 and rules.cohorts == ["committee", "sector"]
    assert rules.max_total == Decimal(100)
    assert repr(rules) == 'RuleSet("tongcheng-2019", "桐城市政协委员履职考核暂行办法", 4 categories, 18 items, grades 合格/不合格)'
    html = rules._repr_html_()
    assert "会议出席（≤50）" in html and "合格" in html
    path = tmp_path / "mine.toml"
    path.write_text(lvzhi.RuleSet.preset_source("minhang"), encoding="utf-8")
    assert lvzhi.RuleSet.from_file(path).id == "minhang"
    assert lvzhi.RuleSet.from_file(str(path)).name == lvzhi.RuleSet.preset("minhang").name


def test_evaluation(ev, ledger):
    assert (ev.rule_set, ev.period) == ("tongcheng-2019", (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert ev.rule_set_name == "桐城市政协委员履职考核暂行办法"
    assert len(ev) == 120 and repr(ev) == 'Evaluation("tongcheng-2019", 2025: 120 scorecards)'
    counts = ev.grade_counts()
    assert sum(counts.values()) == 120 and set(counts) <= {"合格", "不合格", None}
    # the same year given as dates
    again = lvzhi.evaluate(ledger, lvzhi.RuleSet.preset("tongcheng-2019"), (dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert again.scorecards().to_arrow().equals(ev.scorecards().to_arrow())
    half = lvzhi.evaluate(ledger, lvzhi.RuleSet.preset("tongcheng-2019"), (dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert half.period == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def test_scorecards_table(ev):
    df = ev.scorecards().to_pandas()
    assert list(df.columns[:6]) == ["member_id", "name", "sector", "total", "base", "grade"]
    for column in ["subtotal_attendance", "subtotal_proposals", "rank_committee", "of_sector", "percentile_sector"]:
        assert column in df.columns
    row = df.iloc[0]
    assert row.total == row.base + sum(row[c] for c in df.columns if c.startswith("subtotal_"))
    assert sorted(df.member_id) == list(df.member_id)


def test_lines_table_explains_every_point(ev):
    lines = ev.lines().to_pandas()
    per_member = lines.groupby("member_id").awarded.apply(lambda s: sum(s, Decimal(0)))
    for m in per_member.index:
        card = ev.scorecard(m)
        assert per_member[m] == sum((line["awarded"] for line in card.lines), Decimal(0))
        # a category's subtotal is its base plus its lines (tongcheng has no bases)
        assert sum(card.categories.values()) == per_member[m]
    assert set(lines.columns) >= {"item_id", "item", "category_id", "category", "activity_id", "date", "title", "raw", "awarded", "adjustments"}
    capped = lines.dropna(subset=["adjustments"])
    assert len(capped) > 0 and capped.adjustments.str.contains("_").all()
    assert all(isinstance(d, dt.date) for d in lines.date.dropna())


def test_ranking(ev):
    committee = ev.ranking().to_pandas()
    assert len(committee) == 120 and committee["rank"].iloc[0] == 1
    assert list(committee["rank"]) == sorted(committee["rank"])
    assert (committee.cohort == "committee").all()
    by_sector = ev.ranking("界别").to_polars()
    assert by_sector["cohort"].unique().to_list() == ["sector"]
    first = by_sector.filter(by_sector["rank"] == 1)
    assert first["peer_group"].n_unique() == by_sector["peer_group"].n_unique()
    with pytest.raises(ValueError, match="does not rank members by party; it ranks by: committee, sector"):
        ev.ranking("party")
    with pytest.raises(ValueError, match="not a known cohort"):
        ev.ranking("班级")


def test_scorecard_object(ev, ledger):
    card = ev.scorecard("M0001")
    assert isinstance(card, lvzhi.Scorecard)
    assert card.member_id == "M0001" and card.name == ledger.member("M0001").name
    assert isinstance(card.total, Decimal) and isinstance(card.base, Decimal)
    assert card.total == card.base + sum(card.categories.values())
    assert list(card.categories) == ["attendance", "proposals", "activities", "reports"]
    assert card.grade in ("合格", "不合格") and card.grade_id in ("pass", "fail")
    assert isinstance(card.flags, list) and isinstance(card.requirements, dict)
    assert set(card.ranks) == {"committee", "sector"}
    sector = card.ranks["sector"]
    assert sector["peer_group"] == ledger.member("M0001").sector and 1 <= sector["rank"] <= sector["of"]
    assert isinstance(sector["percentile"], Decimal)
    assert card.days_in_office == 365
    line = card.lines[0]
    assert set(line) == {"item_id", "item", "category_id", "activity_id", "raw", "awarded", "adjustments"}
    text = card.explain()
    assert text.startswith("M0001 · tongcheng-2019") and text == ev.explain("M0001")
    assert repr(card).startswith('Scorecard("M0001"')
    html = card._repr_html_()
    assert "总分" in html and "会议出席" in html and "<table>" in html
    with pytest.raises(KeyError, match="no scorecard"):
        ev.scorecard("M9999")
    with pytest.raises(KeyError):
        ev.explain("M9999")


def test_every_preset_evaluates_the_sample(ledger):
    for p in lvzhi.presets():
        ev = lvzhi.evaluate(ledger, lvzhi.RuleSet.preset(p["id"]), 2025)
        assert len(ev.scorecards()) == 120
        assert len(ev.lines()) > 0
