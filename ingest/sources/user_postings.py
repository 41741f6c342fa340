"""Job postings a user brings (CSV, JSON Lines, Parquet): validated, partitioned by month, matched to SOC."""

# python -m ingest user_postings --file postings.csv --option title=job_title --option date=posted
#     [--option location=city] [--option remote=is_remote] [--option description=body] [--option id=job_id]
# The rows are kept under data/user/postings/month=YYYY-MM/<file>.parquet (git-ignored: the user's data may not
# be ours to share); data/user/user_postings.parquet adds the SOC match and the work mode.

import io
import re
from pathlib import Path

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source
from ingest.sources._work_mode import classify_frame
from matching.titles import build_index, match_titles

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

FIELDS = ("title", "date", "location", "remote", "description", "id")  # --option names
REQUIRED_OPTIONS = ("title", "date")
STORED = ["posting_id", "source_file", "title", "posted_date", "location", "remote_flag", "description"]
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


def _text(series: pd.Series) -> pd.Series:
    out = series.astype("object").where(series.notna(), None)
    return out.map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())


def normalise_file(path: Path, **options: str) -> pd.DataFrame:
    """Read and validate a user's file with its column mapping; one clean row per posting."""
    fmt = options.pop("format", None) or READERS.get(path.suffix.lower())
    if fmt not in ("csv", "jsonl", "parquet"):
        raise IngestError(SOURCE.name, f"cannot tell the format of {path.name}.",
                          "use a .csv, .jsonl or .parquet file, or --option format=csv|jsonl|parquet.")
    if unknown := sorted(set(options) - set(FIELDS)):
        raise IngestError(SOURCE.name, f"unknown option(s) {unknown}.", f"options are {', '.join(FIELDS)}.")
    if missing := [o for o in REQUIRED_OPTIONS if o not in options]:
        raise IngestError(SOURCE.name, f"say which column holds the {' and the '.join(missing)}.",
                          "e.g. --option title=job_title --option date=posted_on.")
    df = _read(path, fmt)
    if absent := [f"{k}={v}" for k, v in options.items() if v not in df.columns]:
        raise IngestError(SOURCE.name, f"{path.name} has no column for {', '.join(absent)}; "
                                       f"its columns are {list(df.columns)[:20]}.")
    if df.empty:
        raise IngestError(SOURCE.name, f"{path.name} has no rows.")
    title = _text(df[options["title"]])
    if (bad := title.isna()).any():
        raise IngestError(SOURCE.name, f"{int(bad.sum())} row(s) have no title "
                                       f"(first at row {bad.idxmax() + 1}).",
                          "fill or drop them.")
    dates = pd.to_datetime(df[options["date"]], errors="coerce", format="mixed", utc=True)
    if (bad := dates.isna()).any():
        first = df[options["date"]].iloc[int(bad.to_numpy().argmax())]
        raise IngestError(SOURCE.name, f"{int(bad.sum())} row(s) have no readable date (e.g. {first!r}).",
                          "use ISO dates such as 2024-03-01.")
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", path.stem)
    ids = _text(df[options["id"]]) if "id" in options else pd.Series(range(1, len(df) + 1)).astype(str)
    out = pd.DataFrame({
        "posting_id": (stem + ":" + ids.astype(str)).to_numpy(),
        "source_file": path.name,
        "title": title.to_numpy(),
        "posted_date": dates.dt.tz_localize(None).dt.floor("D").astype("datetime64[us]").to_numpy(),
        "location": _text(df[options["location"]]).to_numpy() if "location" in options else None,
        "remote_flag": _text(df[options["remote"]]).to_numpy() if "remote" in options else None,
        "description": _text(df[options["description"]]).to_numpy() if "description" in options else None,
    })
    if (dup := out["posting_id"].duplicated()).any():
        first = out.loc[dup, "posting_id"].iloc[0]
        raise IngestError(SOURCE.name, f"{int(dup.sum())} duplicate id(s), e.g. {first}.",
                          "choose an id column that is unique, or leave --option id out.")
    return out


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
    if missing := [c for c in STORED if c not in df.columns]:
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {missing}.",
                          "ingest the original file again with --file.")
    return df[STORED]


def enrich(postings: pd.DataFrame, onet_titles: pd.DataFrame, *, workers: int = 1) -> pd.DataFrame:
    """Add the month, the SOC match (unmatched rows stay, with soc_code missing) and the work mode."""
    index = build_index(onet_titles[onet_titles["title_kind"] != "reported"])
    matches = match_titles(postings["title"], index, workers=workers).drop(columns="title_norm")
    out = postings.merge(matches, on="title", how="left", validate="many_to_one")
    out["month"] = out["posted_date"].dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    out["work_mode"] = classify_frame(out)
    return out


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
