"""Indeed Hiring Lab job postings index (US aggregate and by occupational category), one line per snapshot."""

from datetime import UTC, datetime

import pandas as pd

from contract.domain import ALL_POSTINGS
from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Source
from ingest.sources import _indeed

SOURCE = Source(
    name="postings_index",
    title="Indeed Job Postings Index, US: all postings and by occupational category (1 Feb 2020 = 100)",
    publisher=_indeed.PUBLISHER,
    url="https://raw.githubusercontent.com/hiring-lab/job_postings_tracker/master/US/",
    licence=_indeed.LICENCE,
    citation="Indeed Hiring Lab, Job Postings Tracker (github.com/hiring-lab/job_postings_tracker), "
    "US aggregate and sector indices, snapshot of the date shown.",
    raw_dir="raw/indeed_job_postings_tracker",
    raw_glob="snapshot_*/US/*.csv",
)
SCHEMA = _indeed.SCHEMA
FILES = ("aggregate_job_postings_US.csv", "job_postings_by_sector_US.csv")
INDEX_PREFIX = "indeed_job_postings_index"


def _adjustment(column: str) -> str:
    """`…_SA` / `…_NSA`; the bare column of the sector file is seasonally adjusted (tracker README)."""
    suffix = column[len(INDEX_PREFIX):].strip("_").upper()
    return suffix or "SA"


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    """One tracker file -> long rows; labels are read from the file, since Indeed renames categories."""
    snap = _indeed.snapshot_date(path, SOURCE.name)
    df = _indeed.read_csv(raw, path, SOURCE.name, ("date",))
    value_cols = [c for c in df.columns if c.startswith(INDEX_PREFIX)]
    if not value_cols:
        raise IngestError(SOURCE.name, f"{path}: no {INDEX_PREFIX}* column (columns: {list(df.columns)}).")
    if "jobcountry" in df.columns and (other := set(df["jobcountry"]) - {"US"}):
        raise IngestError(SOURCE.name, f"{path}: rows for countries other than the US: {sorted(other)}.")
    category = df["display_name"].str.strip() if "display_name" in df.columns else ALL_POSTINGS
    variable = df["variable"].str.strip() if "variable" in df.columns else "total postings"
    frames = [
        pd.DataFrame({
            "snapshot": f"tracker {snap}",
            "category": category,
            "variable": variable,
            "seasonal_adjustment": _adjustment(col),
            "date": df["date"],
            "index": df[col],
        })
        for col in value_cols
    ]
    return _indeed.finish(pd.concat(frames, ignore_index=True), path, SOURCE.name)


def fetch(session) -> dict[str, bytes]:
    """Today's files, filed as a new snapshot beside the old ones: history revisions stay visible."""
    snap = datetime.now(UTC).date().isoformat()
    return {
        f"snapshot_{snap}/US/{name}": download(session, SOURCE.url + name, source=SOURCE.name,
                                               raw_hint=f"data/{SOURCE.raw_dir}/snapshot_{snap}/US/")
        for name in FILES
    }


# Each snapshot holds the whole history so far: one with fewer rows than the newest kept one was cut short.
APPEND_ONLY = True

# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {SOURCE.url + "aggregate_job_postings_US.csv": "snapshot_2026-08-19/US/aggregate_job_postings_US.csv",
          SOURCE.url + "job_postings_by_sector_US.csv": "snapshot_2024-10-03/US/job_postings_by_sector_US.csv"}


def origin_url(rel: str) -> str:
    """The raw file's own URL, for ORIGINS.json."""
    return SOURCE.url + rel.rsplit("/", 1)[-1]


coverage = _indeed.coverage
