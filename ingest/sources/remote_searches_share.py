"""Indeed remote tracker: share of job searches for remote or hybrid work, by country, de-duplicated."""

import pandas as pd

from ingest.source import Schema, Source
from ingest.sources import _indeed_remote as indeed

FILE = "remote_searches.csv"

SOURCE = Source(
    name="remote_searches_share",
    title="Share of job searches for remote or hybrid work (Indeed remote tracker)",
    publisher=indeed.PUBLISHER,
    url=indeed.REPO_RAW + FILE,
    licence=indeed.LICENCE,
    citation=indeed.CITATION,
    raw_dir=indeed.RAW_DIR,
    raw_glob=FILE,
)

SCHEMA = Schema(columns=indeed.schema_columns(), key=("country", "date"), required=("remote_share",))


def dedupe(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Drop exact repeats (the file lists most dates twice); drop a country whose repeats disagree, since
    nothing says which of two different values is right (in the 2026-05 file: JP, 2,646 dates)."""
    exact = df.drop_duplicates(["country", "date", "remote_pct"])
    clash = exact.duplicated(["country", "date"], keep=False)
    dropped = sorted(exact.loc[clash, "country"].unique())
    return exact[~exact["country"].isin(dropped)].reset_index(drop=True), dropped


def parse(raw: bytes, *, path: str = FILE) -> pd.DataFrame:
    df = indeed.read(raw, source=SOURCE.name, value_column="remote_share_searches", path=path)
    return dedupe(df)[0]


def fetch(session) -> dict[str, bytes]:
    return indeed.fetch(session, source=SOURCE.name, filename=FILE)


# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {SOURCE.url: FILE}


coverage = indeed.coverage
