"""jinan-2015 (济南市政协委员履职量化考核) in idiomatic pandas, on the Parquet
folder `lvzhi generate --scale … --parquet` writes: the analyst's version
that scripts/compare.py times against lvzhi.

Reads the three tables (only the columns the method needs, Arrow-backed
strings so that tens of millions of ids fit in memory), keeps the activities
of the year the method scores, joins, counts per member with groupby, applies
the method's points, caps and floors, ranks every member of the country
(highest total first, ties by member id) and writes member_id,total,rank.

Totals only: no line items, grades or requirements (the Rust path computes
those too; see docs/performance.md).
"""

import sys

import numpy as np
import pandas as pd

FILED = ["filed", "assigned", "handled", "replied", "closed"]


def score(folder: str, year: int) -> pd.DataFrame:
    start, end = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    read = lambda t, cols: pd.read_parquet(f"{folder}/{t}.parquet", columns=cols, dtype_backend="pyarrow")
    members = read("members", ["member_id", "joined_on", "left_on"])
    acts = read("activities", ["activity_id", "kind", "subtype", "date", "status", "designation"])
    parts = read("participations", ["activity_id", "member_id", "role", "attendance"])

    joined = pd.to_datetime(members.joined_on.astype("datetime64[ms]"))
    left = pd.to_datetime(members.left_on.astype("datetime64[ms]"))
    members = members[(joined.isna() | (joined <= end)) & (left.isna() | (left >= start))]

    date = acts.date.astype("datetime64[ms]")
    acts = acts[(date >= start) & (date <= end)]
    plenary = (acts.kind == "meeting") & (acts.subtype == "plenary")
    proposal = acts.kind == "proposal"
    designation = acts.designation.fillna("")
    acts = acts.assign(
        plenary=plenary,
        filed=proposal & acts.status.isin(FILED),
        key=proposal & designation.str.contains(r"(?:^|;)key(?:;|$)"),
        excellent=proposal & designation.str.contains(r"(?:^|;)excellent(?:;|$)"),
        welfare=acts.kind == "volunteering",
    )
    relevant = acts[acts.plenary | acts.filed | acts.key | acts.excellent | acts.welfare]
    j = parts.merge(relevant[["activity_id", "plenary", "filed", "key", "excellent", "welfare"]], on="activity_id")

    lead = j.role == "lead"
    attended = j.attendance.isna() | (j.attendance == "present")
    counts = pd.DataFrame(
        {
            "member_id": j.member_id,
            "unexcused": j.plenary & (j.attendance == "unexcused"),
            "excused": j.plenary & (j.attendance == "excused"),
            "filed": j.filed & lead,
            "key": j.key & lead,
            "excellent": j.excellent & lead,
            "welfare": j.welfare & attended,
        }
    ).groupby("member_id").sum()

    m = members[["member_id"]].merge(counts, left_on="member_id", right_index=True, how="left").fillna(0)
    basic = (70 - 30 * m.unexcused - 10 * m.excused).clip(0, 70)
    reward = (
        5 * (m.filed - 1).clip(lower=0) + 5 * m.key + 10 * m.excellent + (2 * m.welfare).clip(upper=10)
    ).clip(upper=50)
    out = pd.DataFrame({"member_id": m.member_id, "total": (basic + reward).clip(upper=120).astype("int64")})
    out = out.sort_values(["total", "member_id"], ascending=[False, True], ignore_index=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


if __name__ == "__main__":
    folder, year, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    score(folder, year).to_csv(dest, index=False)
