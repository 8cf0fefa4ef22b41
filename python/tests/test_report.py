"""Annual duty reports from Python."""

import datetime as dt
import zipfile
from io import BytesIO

import lvzhi


def test_one_report_as_text(ledger):
    html = lvzhi.report(ledger, 2025, "M0002")
    assert isinstance(html, str) and "<html" in html
    assert "何立鑫" in html
    md = lvzhi.report(ledger, 2025, "M0002", format="markdown")
    assert isinstance(md, str) and "何立鑫" in md and "<html" not in md
    assert lvzhi.report(ledger, 2025, "M0002", format="md") == md


def test_word_is_bytes(ledger):
    docx = lvzhi.report(ledger, 2025, "M0002", format="docx")
    assert isinstance(docx, bytes)
    with zipfile.ZipFile(BytesIO(docx)) as z:
        assert "word/document.xml" in z.namelist()


def test_scores_in_reports(ledger, rules, ev):
    plain = lvzhi.report(ledger, 2025, "M0001", format="markdown")
    scored = lvzhi.report(ledger, 2025, "M0001", format="markdown", rules=rules)
    assert scored != plain
    total = str(ev.scorecard("M0001").total)
    assert total in scored and rules.name in scored
    assert lvzhi.report(ledger, 2025, "M0001", format="markdown", rules=ev) == scored


def test_reports_to_files(ledger, tmp_path):
    path = lvzhi.report(ledger, 2025, "M0003", out=tmp_path / "one", format="md")
    assert path.parent == tmp_path / "one" and path.suffix == ".md" and path.exists()
    paths = lvzhi.report(ledger, (dt.date(2025, 1, 1), dt.date(2025, 12, 31)), out=tmp_path / "all", format="html", generated_on=dt.date(2026, 1, 5))
    assert len(paths) == 120
    assert all(p.suffix == ".html" and p.exists() for p in paths)
    text = paths[0].read_text(encoding="utf-8")
    assert "2026年1月5日" in text
