"""Indeed remote tracker: share of job postings that mention remote or hybrid work, by country, daily."""

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source
from ingest.sources import _indeed_remote as indeed

FILE = "remote_postings.csv"

SOURCE = Source(
    name="remote_postings_share",
    title="Share of job postings mentioning remote or hybrid work (Indeed remote tracker)",
    publisher=indeed.PUBLISHER,
    url=indeed.REPO_RAW + FILE,
    licence=indeed.LICENCE,
    citation=indeed.CITATION,
    raw_dir=indeed.RAW_DIR,
    raw_glob=FILE,
)

SCHEMA = Schema(columns=indeed.schema_columns(), key=("country", "date"), required=("remote_share",))


def parse(raw: bytes, *, path: str = FILE) -> pd.DataFrame:
    df = indeed.read(raw, source=SOURCE.name, value_column="remote_share_postings", path=path)
    if df.duplicated(["country", "date"]).any():
        raise IngestError(SOURCE.name, f"{path} repeats a (country, date); the postings file never did.")
    return df


def fetch(session) -> dict[str, bytes]:
    return indeed.fetch(session, source=SOURCE.name, filename=FILE)


# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {SOURCE.url: FILE}


coverage = indeed.coverage
