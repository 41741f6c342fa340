"""Posting trends by Indeed category: rebase, smoothing, year-over-year, against all postings, weekly points."""

import pandas as pd

from contract.domain import ALL_POSTINGS

LINE = ["snapshot", "category", "variable", "seasonal_adjustment"]  # one line: never mixes snapshots


def lines(postings: pd.DataFrame, *, snapshot: str | None = None, categories: list[str] | None = None,
          variable: str = "total postings", adjustment: str | None = None) -> pd.DataFrame:
    """The rows of the chosen lines, sorted by line and date."""
    keep = postings["variable"] == variable
    if snapshot is not None:
        keep &= postings["snapshot"] == snapshot
    if categories is not None:
        keep &= postings["category"].isin(categories)
    if adjustment is not None:
        keep &= postings["seasonal_adjustment"] == adjustment
    return postings[keep].sort_values([*LINE, "date"]).reset_index(drop=True)


def categories(postings: pd.DataFrame, *, snapshot: str) -> list[str]:
    """The category labels a snapshot carries, read from the data (Indeed renames them between releases)."""
    labels = postings.loc[postings["snapshot"] == snapshot, "category"].unique()
    return sorted(c for c in labels if c != ALL_POSTINGS)


def combined(*indexes: pd.DataFrame) -> pd.DataFrame:
    """Several posting-index datasets (the Hiring Lab repository's and the data portal's) as one frame."""
    return pd.concat(indexes, ignore_index=True)


def snapshots_with_categories(postings: pd.DataFrame) -> list[str]:
    """Snapshots, oldest first, that carry category lines (not only All postings)."""
    return sorted(s for s in postings["snapshot"].unique() if len(categories(postings, snapshot=s)) > 1)


def newest_all_postings(postings: pd.DataFrame) -> pd.Series:
    """The latest seasonally adjusted All postings point (of the newest snapshot on that day)."""
    aggregate = postings[(postings["category"] == ALL_POSTINGS) & (postings["seasonal_adjustment"] == "SA")]
    return aggregate.sort_values(["date", "snapshot"]).iloc[-1]


def category_of(mapping: pd.DataFrame, soc_code: str) -> str | None:
    """The Indeed category a role's posting trend is read from, or None if the mapping has no such role."""
    hit = mapping.loc[mapping["soc_code"] == soc_code, "category"]
    return str(hit.iloc[0]) if not hit.empty else None


def rebase(rows: pd.DataFrame, *, start: str | pd.Timestamp, column: str = "index") -> pd.DataFrame:
    """Each line divided by its value on the first day on or after `start`, times 100; earlier days dropped.

    Adds `rebased` (start = 100) and `base_date`. A line with no day on or after `start` is left out.
    """
    start = pd.Timestamp(start)
    after = rows[rows["date"] >= start]
    first = after.sort_values("date").groupby(LINE, sort=False).head(1)
    base = first[[*LINE, "date", column]].rename(columns={"date": "base_date", column: "_base"})
    out = after.merge(base, on=LINE, how="inner")
    out["rebased"] = out[column] / out["_base"] * 100
    return out.drop(columns="_base").sort_values([*LINE, "date"]).reset_index(drop=True)


def smooth(rows: pd.DataFrame, *, days: int, column: str = "index") -> pd.DataFrame:
    """Trailing mean over `days` calendar days per line (`smoothed`); missing until a full window exists.

    The published index is already a 7-day trailing average, so this smooths a smoothed series.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    parts = []
    for _, g in rows.sort_values([*LINE, "date"]).groupby(LINE, sort=False):
        s = g.set_index("date")[column]
        rolled = s.rolling(f"{days}D", min_periods=days).mean()
        # A gap inside the window would let fewer than `days` values through; require them all.
        counts = s.rolling(f"{days}D").count()
        parts.append(g.assign(smoothed=rolled.where(counts == days).to_numpy()))
    return pd.concat(parts, ignore_index=True) if parts else rows.assign(smoothed=pd.Series(dtype="float64"))


def yoy(rows: pd.DataFrame, *, column: str = "index") -> pd.DataFrame:
    """Percent change on the same calendar day a year earlier (`yoy_pct`); 29 Feb compares with 28 Feb."""
    earlier = rows[[*LINE, "date", column]].copy()
    earlier["date"] = earlier["date"] + pd.DateOffset(years=1)
    earlier = earlier.drop_duplicates([*LINE, "date"], keep="last")  # 28 Feb and 29 Feb both land on 28 Feb
    out = rows.merge(earlier.rename(columns={column: "_year_ago"}), on=[*LINE, "date"], how="left")
    out["yoy_pct"] = (out[column] / out["_year_ago"] - 1) * 100
    return out.drop(columns="_year_ago")


def vs_all(rows: pd.DataFrame, postings: pd.DataFrame, *, column: str = "index") -> pd.DataFrame:
    """Each category's index over the all-postings index of the same snapshot, adjustment and day, x 100.

    `vs_all` above 100 means the category has grown more (or shrunk less) than all postings since the base
    day. Lines whose snapshot has no all-postings index with the same adjustment are left out.
    """
    ref = postings[(postings["category"] == ALL_POSTINGS)][
        ["snapshot", "variable", "seasonal_adjustment", "date", column]
    ].rename(columns={column: "_all"})
    out = rows[rows["category"] != ALL_POSTINGS].merge(
        ref, on=["snapshot", "variable", "seasonal_adjustment", "date"], how="inner")
    out["vs_all"] = out[column] / out["_all"] * 100
    return out.drop(columns="_all")


def weekly(rows: pd.DataFrame) -> pd.DataFrame:
    """One point a week per line (its last day in each week to Saturday, and the line's last day).

    Picks published points rather than averaging them: the index is already a 7-day average, and every
    value drawn stays one the file holds.
    """
    week = rows["date"].dt.to_period("W-SAT")
    last_in_week = rows.groupby([*(rows[c] for c in LINE), week])["date"].transform("max")
    return rows[rows["date"] == last_in_week].reset_index(drop=True)


def latest(rows: pd.DataFrame) -> pd.DataFrame:
    """The last row of each line."""
    return rows.sort_values("date").groupby(LINE, sort=False).tail(1).reset_index(drop=True)


def momentum(postings: pd.DataFrame, *, snapshot: str, adjustment: str = "SA") -> pd.DataFrame:
    """Per category of a snapshot, on its last day: the index, its change on a year earlier, and vs all."""
    rows = lines(postings, snapshot=snapshot, adjustment=adjustment)
    with_yoy = yoy(rows)
    rel = vs_all(rows, postings)[[*LINE, "date", "vs_all"]]
    last = latest(with_yoy[with_yoy["category"] != ALL_POSTINGS])
    out = last.merge(rel, on=[*LINE, "date"], how="left")
    return out[["snapshot", "category", "seasonal_adjustment", "date", "index", "yoy_pct", "vs_all"]]


def projected_by_category(mapping: pd.DataFrame, projections: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """Projected growth of each category's roles: summed employment and change, percent from the sums."""
    one = projections[projections["vintage"] == vintage]
    rows = mapping.merge(one[["soc_code", "employment_base_k", "change_k", "base_year", "target_year"]],
                         on="soc_code", how="inner")
    out = rows.groupby("category", as_index=False).agg(
        roles=("soc_code", "size"), employment_base_k=("employment_base_k", "sum"),
        change_k=("change_k", "sum"), base_year=("base_year", "first"), target_year=("target_year", "first"))
    out["projected_change_pct"] = out["change_k"] / out["employment_base_k"] * 100
    out["vintage"] = vintage
    return out
