"""Job postings a user brings (CSV, JSON Lines, Parquet): validated, partitioned by month, matched to SOC."""

# python -m ingest user_postings --file postings.csv --option title=job_title --option date=posted
#     [--option location=city] [--option remote=is_remote] [--option description=body] [--option id=job_id]
#     [--option employer=company]
# The rows are kept under data/user/postings/month=YYYY-MM/<file>.parquet (git-ignored: the user's data may not
# be ours to share); data/user/user_postings.parquet adds the SOC match and the work mode.

import io
import re
from pathlib import Path

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source
from matching import postings_frame

SOURCE = Source(
    name="user_postings",
    title="Your job postings, matched to SOC 2018",
    publisher="The user (their own file); titles matched with O*NET 29.3 alternate titles (CC BY 4.0)",
    url="https://www.onetcenter.org/dictionary/29.3/excel/alternate_titles.html",  # the matcher's titles
    licence="The user's own; not redistributed",
    citation="User-supplied postings; SOC codes by title matching on O*NET 29.3 Alternate Titles "
    "(National Center for O*NET Development, CC BY 4.0).",
    raw_dir="user/postings",
    raw_glob="month=*/*.parquet",
    depends=("onet_titles",),
    output_dir="user",
)

SCHEMA = Schema(
    columns={
        "posting_id": "str",
        "source_file": "str",
        "title": "str",
        "posted_date": "datetime64[us]",
        "month": "datetime64[us]",
        "location": "str",
        "remote_flag": "str",
        "description": "str",
        "employer": "str",
        "soc_code": "str",
        "matched_title": "str",
        "match_method": "str",
        "match_score": "float64",
        "match_confidence": "float64",
        "work_mode": "str",
    },
    key=("posting_id",),
    required=("title", "posted_date", "month", "match_method", "work_mode"),
)

fetch = None  # only ever built from a file the user supplies

FIELDS = postings_frame.FIELDS  # --option names (the browser upload maps the same fields)
STORED = postings_frame.STORED
READERS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet"}


def _read(path: Path, fmt: str) -> pd.DataFrame:
    try:
        if fmt == "csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        if fmt == "jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        return pd.read_parquet(path)
    except Exception as exc:
        raise IngestError(SOURCE.name, f"{path.name} is not readable as {fmt} ({type(exc).__name__}: {exc}).",
                          "check the file, or give --option format=csv|jsonl|parquet.") from None


def normalise_file(path: Path, **options: str) -> pd.DataFrame:
    """Read and validate a user's file with its column mapping; one clean row per posting."""
    fmt = options.pop("format", None) or READERS.get(path.suffix.lower())
    if fmt not in ("csv", "jsonl", "parquet"):
        raise IngestError(SOURCE.name, f"cannot tell the format of {path.name}.",
                          "use a .csv, .jsonl or .parquet file, or --option format=csv|jsonl|parquet.")
    if unknown := sorted(set(options) - set(FIELDS)):
        raise IngestError(SOURCE.name, f"unknown option(s) {unknown}.", f"options are {', '.join(FIELDS)}.")
    if missing := [o for o in postings_frame.REQUIRED if o not in options]:
        raise IngestError(SOURCE.name, f"say which column holds the {' and the '.join(missing)}.",
                          "e.g. --option title=job_title --option date=posted_on.")
    try:  # the same checks as the browser upload, worded for the command line
        return postings_frame.normalise(_read(path, fmt), options, file_name=path.name)
    except postings_frame.PostingsError as exc:
        raise IngestError(SOURCE.name, exc.problem.replace("the file has", f"{path.name} has"),
                          exc.fix.replace("leave the id out", "leave --option id out") or None) from None


def load_user_file(path: Path, **options: str) -> dict[str, bytes]:
    """Validated rows as month partitions named after the file (re-ingesting a file replaces its months)."""
    df = normalise_file(Path(path), **options)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(path).stem)
    files = {}
    for month, part in df.groupby(df["posted_date"].dt.strftime("%Y-%m"), sort=True):
        buf = io.BytesIO()
        part.astype({c: "str" for c in STORED if c != "posted_date"}).to_parquet(buf, index=False)
        files[f"month={month}/{stem}.parquet"] = buf.getvalue()
    return files


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    df = pd.read_parquet(io.BytesIO(raw))
    if "employer" not in df.columns:  # partitions written before the employer field existed
        df["employer"] = None
    if missing := [c for c in STORED if c not in df.columns]:
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {missing}.",
                          "ingest the original file again with --file.")
    return df[STORED]


def enrich(postings: pd.DataFrame, onet_titles: pd.DataFrame, *, workers: int = 1) -> pd.DataFrame:
    """Add the month, the SOC match (unmatched rows stay, with soc_code missing) and the work mode."""
    return postings_frame.enrich(postings, postings_frame.title_index(onet_titles), workers=workers)


def combine(frames: dict[str, pd.DataFrame], onet_titles: pd.DataFrame) -> pd.DataFrame:
    return enrich(pd.concat(frames.values(), ignore_index=True), onet_titles)


def coverage(df: pd.DataFrame) -> dict:
    return {
        "posted_min": df["posted_date"].min().date().isoformat(),
        "posted_max": df["posted_date"].max().date().isoformat(),
        "postings": len(df),
        "matched_share": float((df["match_method"] != "unmatched").mean()),
        "work_mode": {k: int(v) for k, v in df["work_mode"].value_counts().items()},
    }
