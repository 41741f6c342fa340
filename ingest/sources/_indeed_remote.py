"""Shared reader for Indeed Hiring Lab's remote tracker CSVs (postings and searches share the layout)."""

import io

import pandas as pd

from ingest.errors import IngestError
from ingest.http import download

REPO_RAW = "https://raw.githubusercontent.com/hiring-lab/remote-tracker/main/"
PUBLISHER = "Indeed Hiring Lab"
LICENCE = "CC BY 4.0"
RAW_DIR = "raw/indeed_remote_tracker"
CITATION = ("Indeed Hiring Lab, remote tracker (github.com/hiring-lab/remote-tracker), CC BY 4.0; "
            "methodology: https://www.hiringlab.org/wp-content/uploads/2023/06/Hybrid-Remote-Methodology.pdf")


def schema_columns() -> dict[str, str]:
    return {
        "country": "str",  # Indeed's two-letter market code (GB for the United Kingdom)
        "date": "datetime64[ns]",
        "remote_pct": "float64",  # as published: percent, 7-day trailing average
        "remote_share": "float64",  # remote_pct / 100
    }


def read(raw: bytes, *, source: str, value_column: str, path: str) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype={"jobcountry": str, "date": str})
    expected = {"date", "jobcountry", value_column}
    if missing := expected - set(df.columns):
        raise IngestError(source, f"{path} lacks column(s) {', '.join(sorted(missing))}.",
                          "check that the file is Indeed Hiring Lab's remote tracker CSV.")
    out = pd.DataFrame({
        "country": df["jobcountry"].str.strip(),
        "date": pd.to_datetime(df["date"], format="%Y-%m-%d", errors="coerce"),
        "remote_pct": pd.to_numeric(df[value_column], errors="coerce"),
    })
    if out["date"].isna().any() or out["remote_pct"].isna().any():
        raise IngestError(source, f"{path} has rows with an unreadable date or share.")
    if not out["remote_pct"].between(0, 100).all():
        raise IngestError(source, f"{path}: a remote share lies outside 0..100 %.")
    out["remote_share"] = out["remote_pct"] / 100
    return out


def fetch(session, *, source: str, filename: str) -> dict[str, bytes]:
    return {filename: download(session, REPO_RAW + filename, source=source, raw_hint=f"data/{RAW_DIR}/")}


def coverage(df: pd.DataFrame) -> dict:
    return {
        "countries": sorted(df["country"].unique()),
        "start": df["date"].min().date().isoformat(),
        "end": df["date"].max().date().isoformat(),
        "date_range": f"{df['date'].min().date().isoformat()} to {df['date'].max().date().isoformat()}",
        "days_per_country": {c: int(n) for c, n in df.groupby("country").size().items()},
    }
