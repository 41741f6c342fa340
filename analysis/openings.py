"""JOLTS job openings: health care against total nonfarm, as levels, share, rates and year-over-year change."""

import pandas as pd

HEALTHCARE = "620000"
TOTAL = "000000"
LEVEL = "job openings"
RATE = "job openings rate"


def wide(openings: pd.DataFrame, *, measure: str = LEVEL) -> pd.DataFrame:
    """One row per month with `healthcare` and `total` columns for a measure; months both have only."""
    rows = openings[openings["measure"] == measure]
    table = rows.pivot(index="date", columns="industry_code", values="value")
    if HEALTHCARE not in table or TOTAL not in table:
        return pd.DataFrame(columns=["date", "healthcare", "total"])
    table = table[[HEALTHCARE, TOTAL]].dropna().rename(columns={HEALTHCARE: "healthcare", TOTAL: "total"})
    return table.reset_index().rename_axis(columns=None)


def has_rates(openings: pd.DataFrame) -> bool:
    return not wide(openings, measure=RATE).empty


def healthcare_vs_total(openings: pd.DataFrame) -> pd.DataFrame:
    """Levels (thousands), health care's share of all openings (0..1) and each level's change on a year ago."""
    out = wide(openings, measure=LEVEL).rename(columns={"healthcare": "healthcare_k", "total": "total_k"})
    out["healthcare_share"] = out["healthcare_k"] / out["total_k"]
    year_ago = out.set_index("date")[["healthcare_k", "total_k"]]
    year_ago.index = year_ago.index + pd.DateOffset(years=1)
    prior = out[["date"]].join(year_ago, on="date")
    out["healthcare_yoy_pct"] = (out["healthcare_k"] / prior["healthcare_k"].to_numpy() - 1) * 100
    out["total_yoy_pct"] = (out["total_k"] / prior["total_k"].to_numpy() - 1) * 100
    rates = wide(openings, measure=RATE).rename(columns={"healthcare": "healthcare_rate_pct",
                                                         "total": "total_rate_pct"})
    return out.merge(rates, on="date", how="left") if not rates.empty else out


def since(table: pd.DataFrame, *, start: str | pd.Timestamp) -> pd.DataFrame:
    return table[table["date"] >= pd.Timestamp(start)].reset_index(drop=True)


def latest(table: pd.DataFrame) -> pd.Series:
    return table.sort_values("date").iloc[-1]
