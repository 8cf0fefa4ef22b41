"""Tables lvzhi returns: Arrow data for pandas, polars and pyarrow."""

from __future__ import annotations

from typing import Any


class ArrowTable:
    """A table computed by lvzhi (members, scorecards, rankings …).

    It speaks the Arrow PyCapsule interface, so ``pyarrow.table(t)``,
    ``polars.DataFrame(t)`` and any other Arrow-aware library take it
    directly, without copying row by row. Dates are Arrow ``date32``
    (``datetime.date`` in pandas), points and money ``decimal128``
    (``decimal.Decimal`` in pandas, ``Decimal`` in polars): never floats.
    """

    __slots__ = ("_table",)

    def __init__(self, table: Any) -> None:
        self._table = table

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._table.__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> Any:
        return self._table.__arrow_c_schema__()

    @property
    def column_names(self) -> list[str]:
        """The columns, in order."""
        return list(self._table.column_names)

    @property
    def num_rows(self) -> int:
        """How many rows."""
        return int(self._table.num_rows)

    def __len__(self) -> int:
        return self.num_rows

    def to_arrow(self) -> Any:
        """The table as a ``pyarrow.Table`` (needs pyarrow)."""
        try:
            import pyarrow
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_arrow() and to_pandas() need pyarrow: pip install pyarrow") from e
        # `pyarrow.table(t)` first asks whether `t` is a pandas DataFrame,
        # which imports pandas (0.3–0.4 s) in a session that may never use
        # it; reading the Arrow stream (pyarrow 15 on) does not.
        from_stream = getattr(pyarrow.RecordBatchReader, "from_stream", None)
        if from_stream is None:  # pragma: no cover - pyarrow 14
            return pyarrow.table(self)
        return from_stream(self).read_all()

    def to_pandas(self, **kwargs: Any) -> Any:
        """The table as a ``pandas.DataFrame`` (through pyarrow): dates as
        ``datetime.date``, points and money as ``decimal.Decimal``.
        Keyword arguments go to ``pyarrow.Table.to_pandas``."""
        return self.to_arrow().to_pandas(**kwargs)

    def to_polars(self) -> Any:
        """The table as a ``polars.DataFrame`` (decimals as ``pl.Decimal``)."""
        try:
            import polars
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_polars() needs polars: pip install polars") from e
        return polars.DataFrame(self)

    def __repr__(self) -> str:
        names = self.column_names
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        return f"ArrowTable({self.num_rows} rows × {len(names)} columns: {shown})"

    def _repr_html_(self) -> str:
        try:
            frame = self.to_pandas()
        except ImportError:
            import html

            return f"<pre>{html.escape(repr(self))}</pre>"
        return frame.head(20)._repr_html_()
