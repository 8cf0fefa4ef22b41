"""Loading a committee's records and looking around in them, as an analyst
does in the first cells of a notebook."""

import datetime as dt
from decimal import Decimal

import pytest

import lvzhi
from conftest import ROOT, SAMPLE


def test_the_sample_folder_loads(ledger):
    assert len(ledger) == 120
    assert "M0001" in ledger and "M9999" not in ledger
    assert repr(ledger).startswith('Ledger("政协')
    assert "120 members" in repr(ledger)
    assert ledger.member_ids()[:2] == ["M0001", "M0002"]


def test_the_three_sample_formats_give_the_same_ledger(ledger):
    # GB18030 CSV with Chinese headers and labels, and JSON
    assert lvzhi.Ledger.from_dir(ROOT / "data" / "sample-excel") == ledger
    assert lvzhi.Ledger.from_dir(str(ROOT / "data" / "sample-json")) == ledger


def test_sample_generates_the_bundled_committee(ledger):
    assert lvzhi.sample() == ledger
    assert lvzhi.sample(seed=2025, members=120, year=2025) == ledger
    other = lvzhi.sample(seed=7, members=30)
    assert len(other) == 30 and other != ledger
    with pytest.raises(ValueError, match="at least 20"):
        lvzhi.sample(members=5)


def test_committee(ledger):
    c = ledger.committee
    assert c.level == "county"
    assert c.term_number == 10
    assert (c.term_start, c.term_end) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    assert len(c.sectors) == 24 and "中共" in c.sectors
    assert isinstance(c.special_committees, list) and isinstance(c.liaison_groups, list)
    assert c.name.startswith("政协") and c.name in repr(c)
    assert lvzhi.Committee.from_json(SAMPLE / "committee.json") == c


def test_a_committee_built_by_hand():
    c = lvzhi.Committee("政协某县委员会", "县级", 10, dt.date(2022, 1, 1), dt.date(2026, 12, 31), sectors=["教育界"])
    assert c.level == "county" and c.sectors == ["教育界"]
    default = lvzhi.Committee("全国政协", "national", 14, dt.date(2023, 3, 1), dt.date(2028, 2, 29))
    assert len(default.sectors) == 34
    with pytest.raises(ValueError, match="not a known level"):
        lvzhi.Committee("x", "乡级", 1, dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    empty = lvzhi.Ledger(c)
    assert len(empty) == 0 and empty.committee == c


def test_members(ledger):
    m = ledger.member("M0002")
    assert isinstance(m, lvzhi.Member)
    assert (m.id, m.name, m.sector) == ("M0002", "何立鑫", "中共")
    assert m.roles == ["chair", "member"] and m.is_standing
    assert m.gender in ("male", "female")
    assert isinstance(m.birth_date, dt.date)
    assert m.title == "主席" and m.employer
    assert m.in_office_on(dt.date(2025, 6, 1))
    assert repr(m) == 'Member("M0002", "何立鑫", sector="中共", roles=["chair", "member"])'
    html = m._repr_html_()
    assert "<table>" in html and "何立鑫" in html and "主席" in html
    for hidden in ("phone", "id_number"):
        assert not hasattr(m, hidden)
    assert "139" not in html, "no phone number in notebook output"
    with pytest.raises(KeyError, match="M9999"):
        ledger.member("M9999")


def test_activities_of_each_kind(ledger):
    frame = ledger.activities().to_pandas()
    kinds = set(frame.kind)
    assert {"proposal", "meeting", "training", "donation", "opinion_report"} <= kinds
    for kind in kinds:
        a = ledger.activity(frame[frame.kind == kind].activity_id.iloc[0])
        assert isinstance(a, lvzhi.Activity) and a.kind == kind
        assert isinstance(a.date, dt.date) and a.level in ("county", "city", "provincial", "national")
        for name, value in a.details.items():
            assert getattr(a, name) == value
    donation = ledger.activity(frame[frame.kind == "donation"].activity_id.iloc[0])
    assert isinstance(donation.amount, Decimal) and donation.subtype in ("money", "in_kind")
    proposal = ledger.activity(frame[frame.kind == "proposal"].activity_id.iloc[0])
    assert proposal.status in ("submitted", "filed", "assigned", "handled", "replied", "closed", "not_filed", "merged", "referred_as_opinion")
    assert all(isinstance(u, tuple) and len(u) == 2 for u in proposal.handling_units)
    with pytest.raises(AttributeError, match="a proposal activity has no field `amount`"):
        proposal.amount
    assert repr(proposal).startswith(f'Activity("{proposal.id}", kind="proposal"')
    with pytest.raises(KeyError):
        ledger.activity("nope")


def test_participations_and_lookups(ledger):
    mine = ledger.participations_of("M0001")
    assert mine and all(isinstance(p, lvzhi.Participation) and p.member_id == "M0001" for p in mine)
    acts = ledger.activities_of("M0001")
    assert [a.id for a in acts] == [p.activity_id for p in mine]
    assert [a.date for a in acts] == sorted(a.date for a in acts)
    people = ledger.participants(mine[0].activity_id)
    assert any(p.member_id == "M0001" for p in people)
    meeting = next(p for p in mine if p.attendance is not None)
    assert meeting.attendance in ("present", "excused", "unexcused", "not_required")
    assert repr(meeting).startswith(f'Participation("{meeting.activity_id}", "M0001"')
    assert isinstance(meeting.late, bool)


def test_tables_have_the_csv_columns(ledger):
    members = ledger.members()
    assert isinstance(members, lvzhi.ArrowTable)
    assert members.num_rows == len(members) == 120
    assert members.column_names[:3] == ["member_id", "name", "gender"]
    assert "ArrowTable(120 rows × 16 columns: member_id" in repr(members)
    assert "<table" in members._repr_html_()
    acts = ledger.activities()
    assert len(acts) == 546 and "amount" in acts.column_names
    parts = ledger.participations()
    assert len(parts) == 2883 and parts.column_names[:3] == ["activity_id", "member_id", "role"]
    chinese = ledger.members(chinese=True)
    assert chinese.column_names[:3] == ["委员编号", "姓名", "性别"]
    assert set(chinese.to_pandas()["性别"]) <= {"男", "女"}


@pytest.mark.parametrize("fmt", ["csv", "excel", "json"])
def test_to_dir_and_back(ledger, tmp_path, fmt):
    ledger.to_dir(tmp_path / fmt, format=fmt)
    assert lvzhi.Ledger.from_dir(tmp_path / fmt) == ledger
    with pytest.raises(ValueError, match="unknown format"):
        ledger.to_dir(tmp_path / "x", format="xlsx")
