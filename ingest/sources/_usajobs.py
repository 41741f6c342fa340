"""USAJOBS Historic JOA client and record flattening, shared by the usajobs_postings source and its tests."""

import json
import re
import time
from collections.abc import Iterator
from functools import partial
from urllib.parse import urlencode, urljoin

import pandas as pd

from ingest.errors import IngestError
from ingest.http import download

NAME = "usajobs_postings"
BASE = "https://data.usajobs.gov"
ENDPOINT = f"{BASE}/api/historicjoa"
REMOTE_CITY = "Anywhere in the U.S. (remote job)"  # USAJOBS's own label for remote announcements
ARRAYS = ("hiringpaths", "jobcategories", "positionlocations")  # their key case drifted in 2026
NO_CONTENT = re.compile(rb"^\s*(?:204 )?no content\s*$", re.IGNORECASE)  # the whole body, nothing cut off
MAX_PAGES = 100_000  # a guard against a server that keeps handing out the same token


def query_url(params: dict) -> str:
    """The first page's URL: filters as query parameters (paging.next links carry them on)."""
    return f"{ENDPOINT}?{urlencode(params)}" if params else ENDPOINT


def _keep_status(into: list[int], resp, *args, **kwargs) -> None:
    into.append(resp.status_code)  # download() returns the body only; an HTTP 204 has none


def _is_empty_page(body: bytes) -> bool:
    """The API sometimes answers 'no results' with a plain-text '204 No Content' body instead of JSON."""
    return bool(NO_CONTENT.match(body[:64]))


def iter_pages(session, params: dict, *, pause: float = 0.0) -> Iterator[tuple[list[dict], dict]]:
    """Yield (records, metadata) per page, following paging.next until it is empty.

    503s are retried with backoff by the shared session (ingest.http.build_session); a 503 that survives
    those retries, like any other failure, stops the run with one clear error naming the URL.
    """
    url, seen = query_url(params), set()
    for _ in range(MAX_PAGES):
        # download() turns every HTTP, network and cut-off-body failure into one IngestError naming the URL
        status: list[int] = []
        body = download(session, url, source=NAME, raw_hint="data/raw/usajobs_historicjoa/",
                        hooks={"response": partial(_keep_status, status)})
        if _is_empty_page(body) or (status[-1:] == [204] and not body.strip()):
            yield [], {}
            return
        try:
            payload = json.loads(body)
        except ValueError:
            shown = body[:60].decode("utf-8", "replace")
            raise IngestError(NAME, f"{url} answered with neither JSON nor '204 No Content': {shown!r}.",
                              "run again later; if it persists, the API has changed its format.") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("data", []), list):
            raise IngestError(NAME, f"{url} answered JSON without a 'data' list.",
                              "run again later; if it persists, the API has changed its format.")
        paging = payload.get("paging") or {}
        yield list(payload.get("data") or []), paging.get("metadata") or {}
        nxt = paging.get("next")
        if not nxt:
            return
        if nxt in seen:
            raise IngestError(NAME, f"the API returned the same continuation link twice ({nxt}).",
                              "run again later; the paging is looping.")
        seen.add(nxt)
        url = urljoin(BASE, nxt)  # next is a relative path that already carries the filters
        if pause:
            time.sleep(pause)  # be polite between pages; collectors wait 0.3-1 s
    raise IngestError(NAME, f"more than {MAX_PAGES} pages for {params}.", "narrow the date range.")


def fetch_records(session, params: dict, *, pause: float = 0.0) -> list[dict]:
    """Every record for one query, de-duplicated on the control number (pages can overlap)."""
    out: dict[str, dict] = {}
    total, received = None, 0
    for records, meta in iter_pages(session, params, pause=pause):
        if total is None and meta.get("totalCount") is not None:
            total = int(meta["totalCount"])
        received += len(records)
        for rec in records:
            key = control_number(rec)
            if key is None:
                raise IngestError(NAME, f"a record has no usajobsControlNumber: {str(rec)[:120]}.")
            out[key] = rec  # a later page carries the newer state of a mutable record
    if total is not None and received < total:  # the largest public collector alerts on exactly this
        raise IngestError(NAME, f"paging stopped early: {received} of {total} records for {params}.",
                          "run again later.")
    return list(out.values())


def _get(rec: dict, key: str):
    """Look a key up case-insensitively: HiringPaths, hiringPaths and hiringpaths all occur."""
    if key in rec:
        return rec[key]
    lower = key.lower()
    for k, v in rec.items():
        if k.lower() == lower:
            return v
    return None


def control_number(rec: dict) -> str | None:
    value = _get(rec, "usajobsControlNumber")
    if value is None or (isinstance(value, float) and value != value):
        return None
    return str(int(value)) if isinstance(value, int | float) else str(value).strip()


def _array(value) -> list[dict]:
    """Arrays come as JSON arrays from the API and as JSON strings in collected Parquet files."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        value = json.loads(value) if value.strip() else []
    return [v for v in value if isinstance(v, dict)]


def _field(items: list[dict], key: str) -> list[str]:
    return [str(_get(i, key)).strip() for i in items if _get(i, key) not in (None, "")]


def openings(text) -> int | None:
    """totalOpenings is a string: '1', '84', 'Many', 'FEW'... only digits count as a number."""
    if text is None or (isinstance(text, float) and text != text):
        return None
    text = str(text).strip()
    return int(text) if text.isdigit() else None


def _text(value) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def flatten(rec: dict) -> dict:
    """One API record -> one flat row; series and locations joined with ';' in the order listed."""
    series = _field(_array(_get(rec, "JobCategories")), "series")
    locations = _array(_get(rec, "PositionLocations"))
    cities = _field(locations, "positionLocationCity")
    places = []
    for loc in locations:
        parts = [_text(_get(loc, k)) for k in ("positionLocationCity", "positionLocationState")]
        places.append(", ".join(p for p in parts if p))
    states = list(dict.fromkeys(_field(locations, "positionLocationState")))
    paths = _field(_array(_get(rec, "HiringPaths")), "hiringPath")
    total = _text(_get(rec, "totalOpenings"))
    return {
        "control_number": control_number(rec),
        "announcement_number": _text(_get(rec, "announcementNumber")),
        "position_title": _text(_get(rec, "positionTitle")),
        "department_code": _text(_get(rec, "hiringDepartmentCode")),
        "department_name": _text(_get(rec, "hiringDepartmentName")),
        "agency_code": _text(_get(rec, "hiringAgencyCode")),
        "agency_name": _text(_get(rec, "hiringAgencyName")),
        "subelement_name": _text(_get(rec, "hiringSubelementName")),
        "open_date": _text(_get(rec, "positionOpenDate")),
        "close_date": _text(_get(rec, "positionCloseDate")),
        "series": series[0] if series else None,
        "series_all": ";".join(dict.fromkeys(series)) or None,
        "series_count": len(dict.fromkeys(series)),
        "pay_scale": _text(_get(rec, "payScale")),
        "minimum_grade": _text(_get(rec, "minimumGrade")),
        "maximum_grade": _text(_get(rec, "maximumGrade")),
        "salary_type": _text(_get(rec, "salaryType")),
        "minimum_salary_usd": _get(rec, "minimumSalary"),
        "maximum_salary_usd": _get(rec, "maximumSalary"),
        "appointment_type": _text(_get(rec, "appointmentType")),
        "work_schedule": _text(_get(rec, "workSchedule")),
        "total_openings_text": total,
        "total_openings": openings(total),
        "location_count": len(locations),
        "locations": "; ".join(p for p in places if p) or None,
        "states": ";".join(states) or None,
        "is_remote": REMOTE_CITY.lower() in (c.lower() for c in cities),
        "telework_eligible": _text(_get(rec, "teleworkEligible")),
        "hiring_paths": ";".join(paths) or None,
        "status": _text(_get(rec, "positionOpeningStatus")),
    }


def records_frame(records: list[dict]) -> pd.DataFrame:
    """Flatten records; the last record of a control number wins (it is the newer state)."""
    rows = {}
    for rec in records:
        row = flatten(rec)
        rows[row["control_number"]] = row
    df = pd.DataFrame.from_records(list(rows.values()))
    for col in ("open_date", "close_date"):
        df[col] = pd.to_datetime(df[col], format="%Y-%m-%d", errors="raise")
    return df


def parquet_records(df: pd.DataFrame) -> list[dict]:
    """Rows of a collected Parquet file as API-shaped records (the collector's extra columns dropped)."""
    keep = [c for c in df.columns if c not in ("usajobs_control_number", "inserted_at")]
    return df[keep].to_dict(orient="records")
