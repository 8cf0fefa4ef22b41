"""jinan-2015 through lvzhi's Python bindings (`import lvzhi`), on the
Parquet folder `lvzhi generate --scale … --parquet` writes: the lvzhi
Python path of scripts/compare.py.

What an analyst writes: one call, `lvzhi.score_parquet(folder,
"jinan-2015", year)`, which reads, checks, evaluates and ranks every
committee on all cores without the GIL and returns the members best first
(ties by member id); the rank written is the row's position, as the other
implementations write it (member_id,total,rank).

With `--frames`, the earlier path instead: pyarrow reads the three tables;
each committee's rows (contiguous, by `committee_no`) go to
`lvzhi.Ledger.from_frames` as zero-copy Arrow slices; `lvzhi.evaluate`
scores them (two threads keep both cores busy); the totals are ranked in
pyarrow.
"""

import datetime
import json
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

import lvzhi

PRESET = "jinan-2015"


def score(folder: str, year: int) -> pa.Table:
    """The whole folder in one call."""
    scores = lvzhi.score_parquet(folder, PRESET, year).to_arrow()
    ranked = scores.select(["member_id", "total"])
    return ranked.append_column("rank", positions(len(ranked)))


def positions(n: int) -> pa.Array:
    """1..n as an Arrow array, sharing numpy's buffer: `pa.array(ndarray)`
    would first import pandas (0.3 s, more than the conversion) to ask
    whether the array is a pandas object."""
    return pa.Array.from_buffers(pa.int64(), n, [None, pa.py_buffer(np.arange(1, n + 1, dtype=np.int64))])


def committee(c: dict) -> "lvzhi.Committee":
    term = c["term"]
    return lvzhi.Committee(
        c["name"],
        c["level"],
        term["number"],
        datetime.date.fromisoformat(term["start"]),
        datetime.date.fromisoformat(term["end"]),
        c["sectors"],
        c["special_committees"],
        c["liaison_groups"],
    )


def slices(table: pa.Table, n: int) -> list[pa.Table]:
    """The rows of each committee 0..n, without the committee_no column."""
    nos = table.column("committee_no").to_numpy()
    bounds = np.searchsorted(nos, np.arange(n + 1), side="left")
    rest = table.drop_columns(["committee_no"])
    return [rest.slice(bounds[i], bounds[i + 1] - bounds[i]) for i in range(n)]


def read(path: str) -> pa.Table:
    """A table with its text kept dictionary-encoded as stored (a fraction of the memory)."""
    import pyarrow.parquet as pq  # only the `--frames` path reads Parquet itself

    schema = pq.read_schema(path)
    text = [f.name for f in schema if pa.types.is_string(f.type)]
    return pq.read_table(path, read_dictionary=text)


def score_frames(folder: str, year: int) -> pa.Table:
    """Committee by committee through `Ledger.from_frames` (`--frames`)."""
    committees = json.load(open(f"{folder}/committees.json", encoding="utf-8"))
    n = len(committees)
    tables = [slices(read(f"{folder}/{t}.parquet"), n) for t in ("members", "activities", "participations")]
    rules = lvzhi.RuleSet.preset(PRESET)

    def one(i: int) -> pa.Table:
        ledger = lvzhi.Ledger.from_frames(committee(committees[i]), tables[0][i], tables[1][i], tables[2][i])
        cards = lvzhi.evaluate(ledger, rules, year).scorecards()
        return pa.table(cards).select(["member_id", "total"])

    with ThreadPoolExecutor(max_workers=2) as pool:
        totals = pa.concat_tables(pool.map(one, range(n)))
    import pyarrow.compute as pc

    order = pc.sort_indices(totals, sort_keys=[("total", "descending"), ("member_id", "ascending")])
    ranked = totals.take(order)
    return ranked.append_column("rank", positions(len(ranked)))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--frames"]
    folder, year, dest = args[0], int(args[1]), args[2]
    run = score_frames if "--frames" in sys.argv[1:] else score
    pacsv.write_csv(run(folder, year), dest)
