"""Indeed data portal exports of one category's postings index, each kept as its own snapshot."""

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Source
from ingest.sources import _indeed

SOURCE = Source(
    name="postings_index_portal",
    title="Indeed Job Postings Index, US, data portal export by category (1 Feb 2020 = 100)",
    publisher=_indeed.PUBLISHER,
    url="https://data.indeed.com/#/postings",
    licence=_indeed.LICENCE,
    citation="Indeed Hiring Lab, data portal (data.indeed.com), postings index by sector, "
    "export of the date shown.",
    raw_dir="raw/indeed_data_portal",
    raw_glob="export_*/*.csv",
)
SCHEMA = _indeed.SCHEMA
NEEDED = ("dateString", "countryCode", "sectorName", "postingType", "value")

# The portal is a web app with no stable download URL: exports come in as user files
# (`python -m ingest postings_index_portal --file export.csv`), and the committed one rebuilds offline.
fetch = None


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    """One export -> rows of its snapshot; the portal does not say whether it is seasonally adjusted."""
    snap = _indeed.snapshot_date(path, SOURCE.name)
    df = _indeed.read_csv(raw, path, SOURCE.name, NEEDED)
    if other := set(df["countryCode"]) - {"US"}:
        raise IngestError(SOURCE.name, f"{path}: rows for countries other than the US: {sorted(other)}.")
    out = pd.DataFrame({
        "snapshot": f"portal {snap}",
        "category": df["sectorName"].str.strip(),
        "variable": df["postingType"].str.strip().str.lower() + " postings",  # TOTAL -> "total postings"
        # Against the SA tracker series it swings with the seasons, like the aggregate's NSA index.
        "seasonal_adjustment": _indeed.PROBABLY_NSA,
        "date": df["dateString"],
        "index": df["value"],
    })
    return _indeed.finish(out, path, SOURCE.name)


def load_user_file(path: Path, **options) -> dict[str, bytes]:
    """A new export, filed under today's date (or `--option date=YYYY-MM-DD`, the day it was exported)."""
    if unknown := set(options) - {"date"}:
        raise IngestError(SOURCE.name, f"unknown option(s) {sorted(unknown)}.",
                          "only date=YYYY-MM-DD is taken.")
    day = options.get("date") or datetime.now(UTC).date().isoformat()
    return {f"export_{day}/{path.name}": path.read_bytes()}


coverage = _indeed.coverage
