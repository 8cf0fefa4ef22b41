"""jinan-2015 (济南市政协委员履职量化考核) in idiomatic polars (lazy, one
query), on the Parquet folder `lvzhi generate --scale … --parquet` writes:
the analyst's version that scripts/compare.py times against lvzhi.

Same steps and output as jinan_pandas.py: totals per member, ranked over the
country (highest first, ties by member id), written as member_id,total,rank.
"""

import datetime
import sys

import polars as pl

FILED = ["filed", "assigned", "handled", "replied", "closed"]


def score(folder: str, year: int) -> pl.DataFrame:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    members = pl.scan_parquet(f"{folder}/members.parquet").filter(
        (pl.col("joined_on").is_null() | (pl.col("joined_on") <= end))
        & (pl.col("left_on").is_null() | (pl.col("left_on") >= start))
    ).select("member_id")
    designation = pl.col("designation").fill_null("").str.split(";")
    proposal = pl.col("kind") == "proposal"
    acts = (
        pl.scan_parquet(f"{folder}/activities.parquet")
        .filter(pl.col("date").is_between(start, end))
        .select(
            "activity_id",
            plenary=(pl.col("kind") == "meeting") & (pl.col("subtype") == "plenary"),
            filed=proposal & pl.col("status").is_in(FILED),
            key=proposal & designation.list.contains("key"),
            excellent=proposal & designation.list.contains("excellent"),
            welfare=pl.col("kind") == "volunteering",
        )
        .filter(pl.any_horizontal("plenary", "filed", "key", "excellent", "welfare"))
    )
    lead = pl.col("role") == "lead"
    attended = pl.col("attendance").is_null() | (pl.col("attendance") == "present")
    counts = (
        pl.scan_parquet(f"{folder}/participations.parquet")
        .select("activity_id", "member_id", "role", "attendance")
        .join(acts, on="activity_id")
        .group_by("member_id")
        .agg(
            unexcused=(pl.col("plenary") & (pl.col("attendance") == "unexcused")).sum(),
            excused=(pl.col("plenary") & (pl.col("attendance") == "excused")).sum(),
            filed=(pl.col("filed") & lead).sum(),
            key=(pl.col("key") & lead).sum(),
            excellent=(pl.col("excellent") & lead).sum(),
            welfare=(pl.col("welfare") & attended).sum(),
        )
    )
    c = lambda name: pl.col(name).cast(pl.Int64)
    basic = (70 - 30 * c("unexcused") - 10 * c("excused")).clip(0, 70)
    reward = (
        5 * (c("filed") - 1).clip(lower_bound=0) + 5 * c("key") + 10 * c("excellent") + (2 * c("welfare")).clip(upper_bound=10)
    ).clip(upper_bound=50)
    return (
        members.join(counts, on="member_id", how="left")
        .fill_null(0)
        .select("member_id", total=(basic + reward).clip(upper_bound=120))
        .sort(["total", "member_id"], descending=[True, False])
        .with_row_index("rank", offset=1)
        .select("member_id", "total", "rank")
        .collect()
    )


if __name__ == "__main__":
    folder, year, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    score(folder, year).write_csv(dest)
