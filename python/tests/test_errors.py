"""Every exception type, and that its message and problems say where."""

import datetime as dt
import shutil

import pandas as pd
import pytest

import lvzhi
from conftest import SAMPLE

EXCEPTIONS = [lvzhi.ValidationError, lvzhi.DataImportError, lvzhi.RuleError, lvzhi.ReportError]


def test_one_hierarchy():
    for e in EXCEPTIONS:
        assert issubclass(e, lvzhi.LvzhiError) and issubclass(e, Exception)
        assert e.__module__ == "lvzhi" and e.__doc__
    assert lvzhi.DataImportError is not ImportError and not issubclass(lvzhi.DataImportError, ImportError)


def test_a_bad_cell_in_a_frame_names_row_and_column(ledger):
    members = ledger.members().to_pandas()
    members.loc[3, "gender"] = "男性"
    # dates as text, as a clerk's sheet has them: one that does not exist
    members["birth_date"] = members.birth_date.map(lambda d: d and d.isoformat())
    members.loc[5, "birth_date"] = "1970-02-30"
    with pytest.raises(lvzhi.DataImportError) as info:
        lvzhi.Ledger.from_frames(ledger.committee, members)
    e = info.value
    assert "2 problem(s) in the data, nothing read" in str(e)
    assert "members, row 3, column gender: `男性` is not a known gender" in str(e)
    assert [(p.file, p.row, p.column) for p in e.problems] == [("members", 3, "gender"), ("members", 5, "birth_date")]
    assert all(isinstance(p, lvzhi.Problem) for p in e.problems)
    assert "is not a date" in str(e.problems[1]) and repr(e.problems[1]).startswith("Problem(")
    assert isinstance(e, lvzhi.LvzhiError)


def test_missing_and_unknown_columns(ledger):
    members = ledger.members().to_pandas().drop(columns=["name"]).assign(备注="x")
    with pytest.raises(lvzhi.DataImportError) as info:
        lvzhi.Ledger.from_frames(ledger.committee, members)
    text = str(info.value)
    assert "members: missing column name (姓名)" in text
    assert "column 备注: unknown column with a value in it" in text


def test_problems_of_every_frame_come_together(ledger):
    members = ledger.members().to_pandas()
    members.loc[0, "sector"] = None
    acts = ledger.activities().to_pandas()
    acts.loc[1, "level"] = "乡级"
    with pytest.raises(lvzhi.DataImportError) as info:
        lvzhi.Ledger.from_frames(ledger.committee, members, acts)
    assert {p.file for p in info.value.problems} == {"members", "activities"}


def test_records_that_contradict_each_other(ledger):
    parts = ledger.participations().to_pandas()
    parts.loc[7, "member_id"] = "M9999"
    members = ledger.members().to_pandas()
    members.loc[1, "member_id"] = "M0001"
    with pytest.raises(lvzhi.ValidationError) as info:
        lvzhi.Ledger.from_frames(ledger.committee, members, ledger.activities(), parts)
    e = info.value
    assert "nothing stored" in str(e)
    assert e.issues is e.problems or e.issues == e.problems
    messages = [p.message for p in e.issues]
    assert any("members, row 1, column member_id: duplicate member id `M0001`" in m for m in messages), messages
    assert any("participations, row 7" in m and "unknown member `M9999`" in m for m in messages), messages
    dup = next(p for p in e.issues if "duplicate" in p.message)
    assert (dup.file, dup.row) == ("members", 1)


def test_a_bad_folder_names_file_row_and_column(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(SAMPLE, bad)
    text = (bad / "members.csv").read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace(",male,", ",男性,", 1)
    (bad / "members.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(lvzhi.DataImportError) as info:
        lvzhi.Ledger.from_dir(bad)
    p = info.value.problems[0]
    assert p.file.endswith("members.csv") and p.row == 3 and p.column == "gender"
    with pytest.raises(lvzhi.DataImportError, match="no committee.json"):
        lvzhi.Ledger.from_dir(tmp_path / "nowhere")
    with pytest.raises(lvzhi.DataImportError, match="cannot read"):
        lvzhi.Committee.from_json(tmp_path / "nowhere.json")


def test_rule_files_name_line_and_column(tmp_path):
    text = '[method]\nid = "x"\nname = "办法"\n\n[[category]]\nid = "c"\nname = "类"\n\n[[item]]\nid = "i"\nname = "项"\ncategory = "c"\nmatch = { kind = "会议", subtype = "全委会" }\npoints = 1\n'
    with pytest.raises(lvzhi.RuleError) as info:
        lvzhi.RuleSet.from_str(text)
    p = info.value.problems[0]
    assert p.line == 13 and p.column is not None
    assert "`全委会` is not a subtype of meeting" in str(info.value)
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(lvzhi.RuleError, match=r"rules\.toml: line 13"):
        lvzhi.RuleSet.from_file(path)
    with pytest.raises(lvzhi.RuleError, match="cannot read"):
        lvzhi.RuleSet.from_file(tmp_path / "missing.toml")
    with pytest.raises(lvzhi.RuleError, match="unknown preset `nowhere`; the presets are: tongcheng-2019"):
        lvzhi.RuleSet.preset("nowhere")
    with pytest.raises(lvzhi.RuleError, match="unknown preset"):
        lvzhi.RuleSet.preset_source("nowhere")


def test_several_rule_mistakes_are_all_listed():
    text = '[method]\nid = "x"\nname = "办法"\nbogus = 1\n\n[[category]]\nid = "c"\nname = "类"\nmax = "many"\n'
    with pytest.raises(lvzhi.RuleError) as info:
        lvzhi.RuleSet.from_str(text)
    assert len(info.value.problems) >= 1
    assert all(p.line is not None for p in info.value.problems)


def test_report_errors(ledger, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(lvzhi.ReportError, match="writing"):
        lvzhi.report(ledger, 2025, "M0001", out=blocker / "sub")
    with pytest.raises(ValueError, match="unknown report format"):
        lvzhi.report(ledger, 2025, "M0001", format="pdf")
    with pytest.raises(ValueError, match="give a member_id"):
        lvzhi.report(ledger, 2025)
    with pytest.raises(KeyError):
        lvzhi.report(ledger, 2025, "M9999")


def test_writing_over_another_format_is_refused(ledger, tmp_path):
    ledger.to_dir(tmp_path, format="json")
    with pytest.raises(lvzhi.LvzhiError, match="members.json exists"):
        ledger.to_dir(tmp_path, format="csv")


def test_periods_are_checked(ledger, rules):
    with pytest.raises(TypeError, match="a year"):
        lvzhi.evaluate(ledger, rules, "2025")
    with pytest.raises(ValueError, match="before it starts"):
        lvzhi.evaluate(ledger, rules, (dt.date(2025, 12, 31), dt.date(2025, 1, 1)))


def test_wrong_objects_are_type_errors(ledger):
    with pytest.raises(TypeError, match="members: expected a table with the Arrow PyCapsule interface .* not dict"):
        lvzhi.Ledger.from_frames(ledger.committee, {"member_id": ["M1"]})
    with pytest.raises(TypeError):
        lvzhi.report(ledger, 2025, "M0001", rules="tongcheng-2019")
    members = pd.DataFrame({"member_id": [b"M1"], "name": ["王"], "sector": ["中共"]})
    with pytest.raises(lvzhi.DataImportError, match="found binary data"):
        lvzhi.Ledger.from_frames(ledger.committee, members)
