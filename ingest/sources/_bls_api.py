"""BLS Public Data API v2 client: chunked POST requests, and errors that arrive as HTTP 200 read as errors."""

import json
import logging
import os

import pandas as pd
import requests

from ingest.errors import IngestError
from ingest.http import http_error

API_URL = "https://api.bls.gov/publicAPI/v2/timeseries/data/"
KEY_ENV = "BLS_API_KEY"
# Limits of a query without a key (25 series, 10 years; 25 queries a day). A key raises them, but the
# chunks stay at the lower limits so the raw files have the same names with or without one.
MAX_SERIES = 25
MAX_YEARS = 10
SUCCEEDED = "REQUEST_SUCCEEDED"
REDUCED = "year range has been reduced"  # BLS keeps the status a success and drops years silently
NO_DATA = "no data available for series"  # a year not yet published: information, not an error
BAD_SERIES = ("series does not exist", "invalid series")

log = logging.getLogger(__name__)


def api_key() -> str | None:
    """The registration key from BLS_API_KEY; never logged, never written to disk."""
    return os.environ.get(KEY_ENV, "").strip() or None


def chunks(series_ids: list[str], start_year: int, end_year: int) -> list[tuple[str, list[str], int, int]]:
    """(file name, series, first year, last year) per query; year windows start at start_year + k*10, so a
    later run with one more year rewrites the same files instead of leaving stale ones beside them."""
    if start_year > end_year:
        raise ValueError(f"start year {start_year} is after end year {end_year}")
    groups = [series_ids[i:i + MAX_SERIES] for i in range(0, len(series_ids), MAX_SERIES)]
    out = []
    for g, ids in enumerate(groups):
        prefix = "bls_api/" if len(groups) == 1 else f"bls_api/group{g + 1}_"
        for first in range(start_year, end_year + 1, MAX_YEARS):
            out.append((f"{prefix}from_{first}.json", ids, first, min(first + MAX_YEARS - 1, end_year)))
    return out


def request_body(series_ids: list[str], start_year: int, end_year: int, key: str | None) -> dict:
    body = {"seriesid": list(series_ids), "startyear": str(start_year), "endyear": str(end_year)}
    if key:
        body["registrationkey"] = key
    return body


def _scrub(text: str, key: str | None) -> str:
    return text.replace(key, "<BLS_API_KEY>") if key else text


def check(doc: dict, *, series_ids: list[str], source: str, key: str | None = None) -> list[str]:
    """Raise on any failure BLS reports inside a 200 response; return the harmless notes it sent."""
    messages = [_scrub(str(m), key) for m in (doc.get("message") or [])]
    status = doc.get("status")
    said = "; ".join(messages) or "no message"
    if status != SUCCEEDED:
        fix = ("the daily query limit is spent: wait a day, set BLS_API_KEY, or use the FRED fallback."
               if "threshold" in said.lower()
               else "check the series IDs and the key, or use the FRED fallback.")
        raise IngestError(source, f"BLS API answered {status or 'without a status'}: {said}.", fix)
    notes = []
    for m in messages:
        low = m.lower()
        if REDUCED in low:
            raise IngestError(source, f"BLS API shortened the year range: {m}",
                              "request fewer years per query.")
        if any(b in low for b in BAD_SERIES):
            raise IngestError(source, f"BLS API refused a series: {m}",
                              "check the series IDs (21 characters).")
        if NO_DATA in low:
            notes.append(m)
            continue
        raise IngestError(source, f"BLS API sent an unexpected message: {m}",
                          "read it, then rerun or use FRED.")
    got = [s.get("seriesID") for s in (doc.get("Results") or {}).get("series", [])]
    if missing := [s for s in series_ids if s not in got]:
        raise IngestError(source, f"BLS API response lacks series {missing}.",
                          "rerun, or use the FRED fallback.")
    return notes


def post(session: requests.Session, body: dict, *, source: str, key: str | None) -> bytes:
    """One POST; transport failures become IngestErrors whose text never holds the key."""
    try:
        resp = session.post(API_URL, json=body, headers={"Content-Type": "application/json"})
    except requests.exceptions.RequestException as exc:
        raise IngestError(source, f"could not reach the BLS API ({type(exc).__name__}).",
                          "check the network, or use the FRED fallback.") from None
    if resp.status_code >= 400:
        raise http_error(source, API_URL, resp.status_code,
                         has_contact=getattr(session, "has_contact", False), raw_hint="data/raw/jolts/fred/")
    return resp.content


def fetch(session: requests.Session, series_ids: list[str], start_year: int, end_year: int, *,
          source: str, key: str | None = None) -> dict[str, bytes]:
    """Every chunk's response body, checked, keyed `bls_api/from_<first year>.json`."""
    out = {}
    for name, ids, first, last in chunks(series_ids, start_year, end_year):
        raw = post(session, request_body(ids, first, last, key), source=source, key=key)
        try:
            doc = json.loads(raw)
        except ValueError:
            raise IngestError(source, "BLS API answered with something that is not JSON.",
                              "bls.gov may be down; rerun later or use the FRED fallback.") from None
        for note in check(doc, series_ids=ids, source=source, key=key):
            log.info("%s: BLS API note for %s-%s: %s", source, first, last, note)
        out[name] = _scrub(raw.decode("utf-8"), key).encode("utf-8")
    return out


def parse(raw: bytes, *, source: str) -> pd.DataFrame:
    """A success body -> series_id, date, value, footnote_codes; annual averages (M13) are skipped."""
    doc = json.loads(raw)
    check(doc, series_ids=[], source=source)
    rows = []
    for series in doc["Results"]["series"]:
        for obs in series.get("data", []):
            period = obs["period"]
            if not (period.startswith("M") and period != "M13"):
                continue
            value = str(obs["value"]).strip()
            if value in ("-", ""):  # BLS's mark for a month it did not publish (e.g. a lapse in funding)
                continue
            codes = ",".join(sorted(f["code"] for f in obs.get("footnotes", []) if f and f.get("code")))
            rows.append({
                "series_id": series["seriesID"],
                "date": pd.Timestamp(int(obs["year"]), int(period[1:]), 1),
                "value": float(value),
                "footnote_codes": codes or None,
            })
    return pd.DataFrame(rows, columns=["series_id", "date", "value", "footnote_codes"])
