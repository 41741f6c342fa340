"""Which SOC roles each Indeed postings category stands for: this project's documented mapping, checked."""

import io

import pandas as pd

from ingest import soc
from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="indeed_category_soc",
    title="Indeed postings categories mapped to SOC roles",
    publisher="This project, from Indeed Hiring Lab's category example titles and BLS SOC codes",
    url="https://github.com/hiring-lab/job_postings_tracker/blob/master/sector-job-title-examples.csv",
    licence="Mapping: MIT (this project); Indeed category labels CC BY 4.0 (Indeed Hiring Lab)",
    citation="Healthcare labour-market trends dashboard, data/reference/indeed/indeed_category_soc.csv.",
    raw_dir="reference/indeed",
    raw_glob="*.csv",
    depends=("roles",),
)

SCHEMA = Schema(
    columns={"category": "str", "soc_code": "str", "title": "str", "match": "str", "basis": "str"},
    # One category per role: a role's page shows exactly one posting trend.
    key=("soc_code",),
    required=("category", "title", "match", "basis"),
)
COLUMNS = set(SCHEMA.columns)
MATCHES = {"example", "judgement"}  # named in Indeed's example titles, or this project's reading

fetch = None  # derived: a reference list kept in the repository


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    if missing := COLUMNS - set(df.columns):
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {', '.join(sorted(missing))}.")
    if bad := [c for c in df["soc_code"] if not soc.is_code(c)]:
        raise IngestError(SOURCE.name, f"{path} has malformed SOC code(s) {bad[:3]}.")
    if odd := sorted(set(df["match"]) - MATCHES):
        raise IngestError(SOURCE.name, f"{path}: match must be one of {sorted(MATCHES)}, found {odd}.")
    return df[list(SCHEMA.columns)]


def combine(frames: dict[str, pd.DataFrame], roles: pd.DataFrame) -> pd.DataFrame:
    """Every mapped code must be a known role, with the title the roles table gives it."""
    df = pd.concat(frames.values(), ignore_index=True)
    known = roles.set_index("soc_code")["title"]
    if unknown := sorted(set(df["soc_code"]) - set(known.index)):
        raise IngestError(SOURCE.name, f"mapping names codes no projections vintage has: {unknown}.",
                          "fix data/reference/indeed/indeed_category_soc.csv.")
    wrong = df[df["title"] != df["soc_code"].map(known)]
    if not wrong.empty:
        row = wrong.iloc[0]
        raise IngestError(SOURCE.name, f"{row.soc_code} is titled {row.title!r}, roles say "
                          f"{known[row.soc_code]!r}.", "copy the title from data/roles.parquet.")
    return df


def coverage(df: pd.DataFrame) -> dict:
    return {"categories": df.groupby("category").size().to_dict(), "roles": len(df)}
