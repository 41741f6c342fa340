"""Shared table shape and checks for the Indeed Hiring Lab job postings index sources."""

import io
import re

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema

PROBABLY_NSA = "unstated, probably NSA"
LICENCE = "CC BY 4.0 (cite Indeed Hiring Lab)"
PUBLISHER = "Indeed Hiring Lab"

SCHEMA = Schema(
    columns={
        "snapshot": "str",
        "category": "str",
        "variable": "str",
        "seasonal_adjustment": "str",
        "date": "datetime64[us]",
        "index": "float64",
        "source_file": "str",
    },
    # One line per (snapshot, category, variable, adjustment): two snapshots are never one series.
    key=("snapshot", "category", "variable", "seasonal_adjustment", "date"),
    required=("index", "source_file"),
)

DATE_DIR = re.compile(r"(\d{4}-\d{2}-\d{2})")


def snapshot_date(path: str, source: str) -> str:
    """The date of the folder the file is filed under (snapshot_YYYY-MM-DD, export_YYYY-MM-DD)."""
    m = DATE_DIR.search(path.split("/", 1)[0])
    if not m or "/" not in path:
        raise IngestError(source, f"{path}: expected a dated folder such as snapshot_2024-10-03/.",
                          "file each download under the date it was taken.")
    return m.group(1)


def read_csv(raw: bytes, path: str, source: str, needed: tuple[str, ...]) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    if absent := [c for c in needed if c not in df.columns]:
        raise IngestError(source, f"{path}: no column(s) {', '.join(absent)} (columns: {list(df.columns)}).")
    return df


def finish(df: pd.DataFrame, path: str, source: str) -> pd.DataFrame:
    """Typed dates and values; an unreadable cell is an error naming the file, never a silent NaN."""
    out = df.copy()
    dates = pd.to_datetime(out["date"], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        bad = out.loc[dates.isna(), "date"].iloc[0]
        raise IngestError(source, f"{path}: date {bad!r} is not YYYY-MM-DD.")
    values = pd.to_numeric(out["index"].str.strip(), errors="coerce")
    if values.isna().any():
        bad = out.loc[values.isna(), "index"].iloc[0]
        raise IngestError(source, f"{path}: index value {bad!r} is not a number.")
    out["date"], out["index"] = dates, values
    out["source_file"] = path
    return out[list(SCHEMA.columns)]


def coverage(df: pd.DataFrame) -> dict:
    """Per snapshot: first and last day, the categories and the adjustments it carries."""
    out = {}
    for snap, g in df.groupby("snapshot"):
        out[snap] = {
            "first_date": g["date"].min().date().isoformat(),
            "last_date": g["date"].max().date().isoformat(),
            "categories": int(g["category"].nunique()),
            "seasonal_adjustment": sorted(g["seasonal_adjustment"].unique()),
        }
    span = f"{df['date'].min().date().isoformat()} to {df['date'].max().date().isoformat()}"
    return {"date_range": f"{span}, snapshots {', '.join(out)}", "snapshots": out}
