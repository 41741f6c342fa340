"""Template for a new source (copy to ingest/sources/<name>.py; docs/adding-a-source.md walks through it)."""

# The registry skips modules whose name starts with "_", so this file is never built; tests/test_source_contract.py
# checks that it keeps the contract and that its parse() reads its own EXAMPLE. Every hook is in ingest/hooks.py.

import io

import pandas as pd

from ingest.errors import IngestError, looks_like
from ingest.http import download
from ingest.source import Schema, Source

SOURCE = Source(
    name="example_rates",  # the dataset: data/example_rates.parquet
    title="Example rates by occupation",
    publisher="Example Statistics Office",
    url="https://www.example.gov/data/rates.csv",  # fetched by fetch() below
    licence="Public domain (U.S. Government work)",
    citation="Example Statistics Office, Rates by occupation, rates.csv.",
    raw_dir="raw/example_rates",  # data/raw/example_rates/ keeps the downloads byte for byte
    raw_glob="*/rates.csv",  # one file per vintage folder
    depends=(),  # e.g. ("projections",) to receive that dataset in combine()
)

SCHEMA = Schema(
    columns={"vintage": "str", "soc_code": "str", "rate_pct": "float64"},
    key=("vintage", "soc_code"),
    required=("rate_pct",),
)

EXAMPLE = b"year,soc,rate\n2024,29-1141,4.5\n2024,29-1171,7.25\n"  # what the URL answers (shortened)
COLUMNS = {"year": "vintage", "soc": "soc_code", "rate": "rate_pct"}


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    """One rates.csv -> one row per occupation; a renamed column fails here with the fix."""
    try:
        df = pd.read_csv(io.BytesIO(raw), dtype=str)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError):
        raise IngestError(SOURCE.name, f"{path} is not a CSV; it looks {looks_like(raw)}.",
                          f"download {SOURCE.url} again.") from None
    if missing := sorted(set(COLUMNS) - set(df.columns)):
        raise IngestError(SOURCE.name, f"{path} has no column {', '.join(missing)} (columns: {list(df.columns)}).",
                          "the publisher may have renamed it; update COLUMNS in this module.")
    df = df.rename(columns=COLUMNS)[list(COLUMNS.values())]
    rates = pd.to_numeric(df["rate_pct"], errors="coerce")
    if bad := sorted(df.loc[rates.isna() & df["rate_pct"].notna(), "rate_pct"].unique()):
        raise IngestError(SOURCE.name, f"{path}: rate {bad[0]!r} is not a number.",
                          "check the file; if the publisher marks missing values this way, map them in parse().")
    return df.assign(rate_pct=rates)


def fetch(session) -> dict[str, bytes]:
    """The current file, filed under the year it covers (so older vintages stay)."""
    raw = download(session, SOURCE.url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/<year>/")
    return {f"{parse(raw, path='rates.csv')['vintage'].iloc[0]}/rates.csv": raw}


# Optional hooks: declare only those the source needs (their defaults are in ingest/hooks.py).

REPLAY = {SOURCE.url: EXAMPLE}  # usually a committed file: {SOURCE.url: "2024/rates.csv"}
REPLAY_FAULTS = {"rate-not-a-number": b"year,soc,rate\n2024,29-1141,n/a%\n"}


def combine(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """All vintages in one table (with depends=("projections",) this would take `projections` too)."""
    return pd.concat(frames.values(), ignore_index=True)


def coverage(df: pd.DataFrame) -> dict:
    return {"vintages": sorted(df["vintage"].unique()), "occupations": int(df["soc_code"].nunique())}


# Also available (see docs/adding-a-source.md):
#   def origin_url(rel: str) -> str                       the URL a file came from when fetch() downloads several
#   def load_user_file(path, **options) -> {rel: bytes}   take a file the user brings with --file PATH
#   REPLAY_SKIP = "reason"                                a live source that cannot be replayed, and why
#   APPEND_ONLY = True                                    each download is a new snapshot; shorter ones are refused
