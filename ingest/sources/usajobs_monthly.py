"""Federal announcements by series and month of open date, with numeric openings and the remote share."""

import numpy as np
import pandas as pd

from aggregation import postings_monthly
from ingest.source import Schema, Source
from ingest.sources import usajobs_series_soc

SOURCE = Source(
    name="usajobs_monthly",
    title="USAJOBS announcements by occupational series and month",
    publisher="This project, from USAJOBS Historic JOA records (OPM)",
    url="https://data.usajobs.gov/api/historicjoa",
    licence="Public domain (U.S. Government work); derived table MIT (this project)",
    citation="Counts of USAJOBS Historic JOA announcements by month of positionOpenDate and series "
    "(jobCategories), computed by this project; series -> SOC from data/reference/usajobs/series_soc.csv.",
    raw_dir="reference/usajobs",
    raw_glob="series_soc.csv",
    depends=("usajobs_postings", "opm_series", "usajobs_series_soc"),
)

SCHEMA = Schema(
    columns={
        "series_code": "str", "month": "datetime64[us]", "series_title": "str",
        "announcements": "int64", "announcements_first_series": "int64",
        "remote_announcements": "int64", "remote_share": "float64",
        "announcements_with_numeric_openings": "int64", "numeric_openings": "int64",
        "soc_code": "str", "projections_soc_code": "str",
    },
    key=("series_code", "month"),
    required=("announcements", "remote_share"),
)

fetch = None  # derived


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    return usajobs_series_soc.parse(raw, path=path)


def series_long(postings: pd.DataFrame) -> pd.DataFrame:
    """One row per announcement and listed series: a multi-series announcement counts once in each series."""
    long = postings.assign(role=postings["series_all"].str.split(";")).explode("role")
    long = long[long["role"].notna() & (long["role"] != "")]
    return pd.DataFrame({
        "control_number": long["control_number"].to_numpy(),
        "role": long["role"].to_numpy(),
        "is_first_series": (long["role"] == long["series"]).to_numpy(),
        "posted_date": long["open_date"].to_numpy(),
        "work_mode": np.where(long["is_remote"], "remote", "on-site"),
        "total_openings": long["total_openings"].to_numpy(),
    })


def combine(frames: dict[str, pd.DataFrame], usajobs_postings: pd.DataFrame, opm_series: pd.DataFrame,
            usajobs_series_soc: pd.DataFrame) -> pd.DataFrame:
    long = series_long(usajobs_postings)
    counts = postings_monthly.run_duckdb(long[["role", "posted_date", "work_mode"]])
    long["month"] = long["posted_date"].dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    extra = long.groupby(["role", "month"]).agg(
        announcements_first_series=("is_first_series", "sum"),
        announcements_with_numeric_openings=("total_openings", "count"),
        numeric_openings=("total_openings", "sum"),
    ).reset_index()
    out = counts.merge(extra, on=["role", "month"], how="left", validate="one_to_one")
    primary = usajobs_series_soc[usajobs_series_soc["is_primary"]].set_index("series_code")
    out = out.rename(columns={"role": "series_code", "postings": "announcements",
                              "remote_postings": "remote_announcements"})
    out["series_title"] = out["series_code"].map(opm_series.set_index("series_code")["series_title"])
    out["series_title"] = out["series_title"].fillna("(series not in OPM's list)")
    out["soc_code"] = out["series_code"].map(primary["soc_code"])
    out["projections_soc_code"] = out["series_code"].map(primary["projections_soc_code"])
    return out


def coverage(df: pd.DataFrame) -> dict:
    return {"month_min": df["month"].min().date().isoformat(),
            "month_max": df["month"].max().date().isoformat(),
            "series": int(df["series_code"].nunique()),
            "rule": "an announcement listing several series counts once in each; announcements_first_series "
                    "counts it only under the first listed one"}
