"""lvzhi (履职): record, score and report the duty work of members of
political consultative committees (政协).

Load a committee's records (from a folder of CSV/JSON files, or from
pandas / polars / pyarrow tables), score them under the committee's
published evaluation method, and write each member's annual duty report::

    import lvzhi

    ledger = lvzhi.Ledger.from_dir("data/sample")
    members = ledger.members().to_pandas()

Dates are ``datetime.date``; points and money are ``decimal.Decimal``,
never floats. Tables come back as :class:`ArrowTable` objects with
``to_pandas()``, ``to_polars()`` and ``to_arrow()``. Every error is a
:class:`LvzhiError` whose ``problems`` name the file, row and column (or
the rule file's line).
"""

from ._lvzhi import (
    Activity,
    Committee,
    DataImportError,
    Evaluation,
    Ledger,
    LvzhiError,
    Member,
    Participation,
    Problem,
    ReportError,
    RuleError,
    RuleSet,
    Scorecard,
    ValidationError,
    __version__,
    evaluate,
    generate_parquet,
    presets,
    report,
    sample,
    score_parquet,
)
from ._table import ArrowTable

__all__ = [
    "Activity",
    "ArrowTable",
    "Committee",
    "DataImportError",
    "Evaluation",
    "Ledger",
    "LvzhiError",
    "Member",
    "Participation",
    "Problem",
    "ReportError",
    "RuleError",
    "RuleSet",
    "Scorecard",
    "ValidationError",
    "__version__",
    "evaluate",
    "generate_parquet",
    "presets",
    "report",
    "sample",
    "score_parquet",
]
