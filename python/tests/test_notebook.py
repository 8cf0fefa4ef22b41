"""The example notebook runs from top to bottom on the bundled sample."""

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def test_the_example_notebook_runs():
    nb = nbformat.read(ROOT / "docs" / "python.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "docs")}})
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in outputs)
    assert "Ledger(" in text and "is not a known gender" in text
    html = "".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "总分" in html, "the scorecard shows as HTML"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the grades chart is drawn"
