"""JOLTS job openings, health care and social assistance and total nonfarm: BLS API, FRED CSV as fallback."""

import io
import logging
from datetime import UTC, datetime

import pandas as pd

from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source
from ingest.sources import _bls_api

SOURCE = Source(
    name="job_openings",
    title="JOLTS job openings: health care and social assistance vs total nonfarm (level and rate, SA)",
    publisher="U.S. Bureau of Labor Statistics, Job Openings and Labor Turnover Survey (JOLTS); "
    "fallback via FRED, Federal Reserve Bank of St. Louis",
    url=_bls_api.API_URL,
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Job Openings and Labor Turnover Survey, series "
    "JTS620000000000000JOL/JOR and JTS000000000000000JOL/JOR (FRED: JTS6200JOL, JTSJOL).",
    raw_dir="raw/jolts",
    raw_glob="*/*",  # fred/<FRED id>.csv and bls_api/from_<year>.json; ORIGINS.json sits above them
)

SCHEMA = Schema(
    columns={
        "series_id": "str",
        "date": "datetime64[us]",
        "industry_code": "str",
        "industry": "str",
        "measure": "str",
        "unit": "str",
        "seasonal_adjustment": "str",
        "value": "float64",
        "footnote_codes": "str",
        "source": "str",
    },
    key=("series_id", "date"),
    required=("industry", "measure", "unit", "value", "source"),
)

INDUSTRIES = {"620000": "Health care and social assistance", "000000": "Total nonfarm"}
MEASURES = {"L": ("job openings", "thousands"), "R": ("job openings rate", "percent")}
# BLS's 21-character IDs (the 14-character ones of the old flat files are retired) and their FRED twins.
SERIES = {
    "JTS620000000000000JOL": "JTS6200JOL",
    "JTS000000000000000JOL": "JTSJOL",
    "JTS620000000000000JOR": "JTS6200JOR",
    "JTS000000000000000JOR": "JTSJOR",
}
FRED_TO_BLS = {fred: bls for bls, fred in SERIES.items()}
FRED_URL = "https://fred.stlouisfed.org/graph/fredgraph.csv?id={}"
START_YEAR = 2000  # JOLTS begins in December 2000

log = logging.getLogger(__name__)


def describe(series_id: str) -> dict:
    """Industry, measure and unit from the ID: JT S 620000 00 00000 00 JO L."""
    if len(series_id) != 21 or not series_id.startswith("JT") or series_id[18:20] != "JO":
        raise IngestError(SOURCE.name, f"{series_id!r} is not a 21-character JOLTS job openings series ID.")
    industry_code, level = series_id[3:9], series_id[20]
    if industry_code not in INDUSTRIES or level not in MEASURES:
        raise IngestError(SOURCE.name, f"{series_id}: industry {industry_code} or measure {level} "
                          "is not handled.")
    measure, unit = MEASURES[level]
    return {"series_id": series_id, "industry_code": industry_code, "industry": INDUSTRIES[industry_code],
            "measure": measure, "unit": unit,
            "seasonal_adjustment": "SA" if series_id[2] == "S" else "NSA"}


def _parse_fred(raw: bytes, path: str) -> pd.DataFrame:
    fred_id = path.rsplit("/", 1)[-1].removesuffix(".csv")
    if fred_id not in FRED_TO_BLS:
        raise IngestError(SOURCE.name, f"{path}: unknown FRED series {fred_id!r}.",
                          f"expected one of {', '.join(FRED_TO_BLS)}.")
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    date_col = "observation_date" if "observation_date" in df.columns else "DATE"  # FRED's old header
    if date_col not in df.columns or fred_id not in df.columns:
        raise IngestError(SOURCE.name, f"{path}: expected columns observation_date and {fred_id}, got "
                          f"{list(df.columns)}.")
    df = df[df[fred_id].str.strip() != "."]  # FRED's mark for a missing month
    values = pd.to_numeric(df[fred_id], errors="coerce").astype("float64")
    if values.isna().any():
        bad = df.loc[values.isna(), fred_id].tolist()[:3]
        raise IngestError(SOURCE.name, f"{path}: {fred_id} has non-numeric values {bad}.")
    return pd.DataFrame({
        "series_id": FRED_TO_BLS[fred_id],
        "date": pd.to_datetime(df[date_col], format="%Y-%m-%d"),
        "value": values,
        "footnote_codes": None,
        "source": f"FRED {fred_id}",
    })


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    if path.startswith("fred/"):
        return _parse_fred(raw, path)
    if path.startswith("bls_api/"):
        df = _bls_api.parse(raw, source=SOURCE.name)
        return df.assign(source="BLS API")
    raise IngestError(SOURCE.name, f"unexpected raw file {path}.", "keep only fred/*.csv and bls_api/*.json.")


def combine(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each series from one origin only, never spliced: the one reaching the latest month, BLS on a tie."""
    rows = pd.concat(frames.values(), ignore_index=True)
    rows["origin"] = rows["source"].where(rows["source"] == "BLS API", "FRED")
    picked = []
    for series_id, g in rows.groupby("series_id"):
        last = g.groupby("origin")["date"].max()
        best = last[last == last.max()].index
        origin = "BLS API" if "BLS API" in best else best[0]
        picked.append(g[g["origin"] == origin].assign(**describe(series_id)))
    return pd.concat(picked, ignore_index=True).drop(columns="origin")


def _no_observations(raw: bytes, fred_id: str) -> bool:
    """FRED's answer for a series with nothing in range: the header line alone."""
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    return len(lines) == 1 and lines[0].strip() in (f"observation_date,{fred_id}", f"DATE,{fred_id}")


def _fetch_fred(session) -> dict[str, bytes]:
    """The four CSVs; a series FRED has no observations for is left out (its kept file, if any, stays), the
    others are checked like any download."""
    out = {}
    for fred_id in SERIES.values():
        raw = download(session, FRED_URL.format(fred_id), source=SOURCE.name,
                       raw_hint=f"data/{SOURCE.raw_dir}/fred/")
        if _no_observations(raw, fred_id):
            log.warning("%s: FRED has no observations for %s; keeping what data/%s holds.", SOURCE.name,
                        fred_id, SOURCE.raw_dir)
            continue
        out[f"fred/{fred_id}.csv"] = raw
    if not out:
        raise IngestError(SOURCE.name, f"FRED returned no observations for any of {', '.join(SERIES.values())} "
                          f"({FRED_URL.format('...')}).", "run again later; the kept files are unchanged.")
    return out


def fetch(session) -> dict[str, bytes]:
    """The BLS API first; if it refuses (limits, errors sent as HTTP 200, shortened ranges), FRED's CSVs."""
    this_year = datetime.now(UTC).year
    try:
        return _bls_api.fetch(session, list(SERIES), START_YEAR, this_year, source=SOURCE.name,
                              key=_bls_api.api_key())
    except IngestError as exc:
        log.warning("%s: BLS API failed (%s); falling back to FRED.", SOURCE.name, exc.problem)
        return _fetch_fred(session)


# What the live URLs answer in the fault tests (tests/test_ingest_faults.py): the BLS API's real refusal
# when the daily query limit is spent (the state in which the committed files were fetched), so the run falls
# back to FRED; FRED's two job-openings levels as committed; and for the two rates, which are not committed,
# FRED's own answer for a series with no observations (left out, see _fetch_fred). A fault on the first FRED
# URL meets both paths (the API's refusal, then FRED); a clean replay rebuilds exactly the committed table.
BLS_REFUSAL = (b'{"status":"REQUEST_NOT_PROCESSED","responseTime":187,"message":["Request could not be serviced, '
               b'as the daily threshold for total number of requests allocated to the user with registration key '
               b' has been reached."],"Results":{}}')
REPLAY = {  # the health-care level first: the fault tests queue each fault on a source's first URL
    **{FRED_URL.format(fred_id): f"fred/{fred_id}.csv" for fred_id in ("JTS6200JOL", "JTSJOL")},
    _bls_api.API_URL: BLS_REFUSAL,
    **{FRED_URL.format(fred_id): f"observation_date,{fred_id}\n".encode() for fred_id in ("JTS6200JOR", "JTSJOR")},
}


def origin_url(rel: str) -> str:
    """Where a raw file came from, for ORIGINS.json: the FRED CSV or the BLS API."""
    if rel.startswith("fred/"):
        return FRED_URL.format(rel.removeprefix("fred/").removesuffix(".csv"))
    return SOURCE.url


def coverage(df: pd.DataFrame) -> dict:
    out = {}
    for series_id, g in df.groupby("series_id"):
        out[series_id] = {"first": g["date"].min().strftime("%Y-%m"),
                          "last": g["date"].max().strftime("%Y-%m"), "source": g["source"].iloc[0]}
    span = f"{df['date'].min().strftime('%Y-%m')} to {df['date'].max().strftime('%Y-%m')}"
    return {"date_range": span, "series": out}
