"""Projections Central clients (bulk CSV and paged JSON REST) and the reader of both layouts into one table."""

import csv
import io
import json
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from contract import areas
from ingest import soc
from ingest.errors import IngestError
from ingest.http import download

NAME = "state_projections"
HOST = "https://public.projectionscentral.org"
# Answers JSON {"content": "<presigned link to ltprojections.csv>"}; the link expires in minutes, so it is
# followed at once and never stored. Reported in 2026 to serve 2022-32 while the REST service serves 2024-34.
BULK_URL = f"{HOST}/projections/file/longterm/csv"
REST_URL = f"{HOST}/Projections/LongTermRestJson/all"
# The service answers 404 "No results found." to any page size but 10, 25, 50, 100 or 1000 (measured by
# third parties in 2026): a 404 is never read as "no data".
PAGE_SIZE = 1000
MAX_PAGES = 500  # about 37 pages of 1,000 rows for a release; a pager that never ends is refused
RAW_HINT = "data/raw/projections_central_longterm/<release>/"

# The two layouts, field for field: bulk CSV (lower case) and REST JSON (CamelCase, strings).
CSV_FIELDS = ("stfips", "areaname", "code", "name", "baseyear", "base", "projyear", "proj", "change",
              "percentchange", "avgannualopenings")
REST_FIELDS = ("STFIPS", "Area", "OccCode", "Title", "BaseYear", "Base", "ProjYear", "Projected", "Change",
               "PercentChange", "AvgAnnualOpenings")
COLUMNS = ("area_fips", "area_name_published", "soc_code", "title", "base_year", "employment_base",
           "target_year", "employment_target", "change", "change_pct", "openings_annual")
NUMBERS = ("employment_base", "employment_target", "change", "change_pct", "openings_annual")


def page_url(page: int) -> str:
    return f"{REST_URL}?items_per_page={PAGE_SIZE}&page={page}"


def release_of(base_year: int, target_year: int) -> str:
    """"2020-30" from 2020 and 2030: the name BLS and the states give a ten-year release."""
    return f"{base_year}-{str(target_year)[-2:]}"


def _fail(problem: str, fix: str = "run again later; if it persists, the service has changed its format.") -> None:
    raise IngestError(NAME, problem, fix)


# --- clients ------------------------------------------------------------------------------------------

def fetch_bulk(session) -> bytes:
    """The bulk CSV: ask for the short-lived link, then download the file it names."""
    answer = download(session, BULK_URL, source=NAME, raw_hint=RAW_HINT)
    if answer.lstrip()[:1] == b'"' and b"stfips" in answer[:200].lower():
        return answer  # the endpoint may one day answer the CSV itself
    try:
        link = json.loads(answer).get("content")
    except (ValueError, AttributeError):
        link = None
    if not isinstance(link, str) or urlsplit(link).scheme != "https":
        _fail(f"{BULK_URL} answered {answer[:60].decode('utf-8', 'replace')!r}, not JSON with an https link "
              "to the CSV in 'content'.")
    return download(session, link, source=NAME, raw_hint=RAW_HINT)


def _page(session, page: int) -> tuple[list[dict], dict]:
    url = page_url(page)
    body = download(session, url, source=NAME, raw_hint=RAW_HINT)
    try:
        payload = json.loads(body)
    except ValueError:
        _fail(f"{url} answered {body[:60].decode('utf-8', 'replace')!r}, not JSON.")
    rows, pager = (payload.get("rows"), payload.get("pager")) if isinstance(payload, dict) else (None, None)
    if not isinstance(rows, list) or not isinstance(pager, dict):
        _fail(f"{url} answered JSON without a 'rows' list and a 'pager'.")
    return rows, pager


def _count(pager: dict, key: str, url: str) -> int:
    try:
        return int(pager[key])
    except (KeyError, TypeError, ValueError):
        _fail(f"{url}: the pager's {key!r} is {pager.get(key)!r}, not a number.")


def fetch_rest(session) -> list[dict]:
    """Every row of the REST service, page by page; the pager's own total is the completeness check."""
    rows, pager = _page(session, 0)
    total_items, total_pages = _count(pager, "total_items", page_url(0)), _count(pager, "total_pages", page_url(0))
    if total_pages > MAX_PAGES:
        _fail(f"{page_url(0)} reports {total_pages} pages, more than the {MAX_PAGES} this reads.")
    for page in range(1, total_pages):
        more, _ = _page(session, page)
        if not more:
            break
        rows.extend(more)
    if len(rows) != total_items:
        _fail(f"paging stopped early: {len(rows):,} of the {total_items:,} rows the pager announced arrived over "
              f"{total_pages} pages of {REST_URL}.", "run again later; a missing page would drop occupations.")
    return rows


# --- reading ------------------------------------------------------------------------------------------

def _number(text: str, field: str, where: str) -> float:
    text = text.strip().replace(",", "")
    if text == "":
        return np.nan  # not published: missing, never zero
    try:
        return float(text)
    except ValueError:
        _fail(f"{where}: {field} is {text!r}, not a number.", "check the file; the publisher may have changed it.")


def _year(text: str, field: str, where: str) -> int:
    value = _number(text, field, where)
    if value != value or not 2000 <= value <= 2100 or value != int(value):
        _fail(f"{where}: {field} is {text!r}, not a year.", "check the file; the publisher may have changed it.")
    return int(value)


def frame(records: list[dict], fields: tuple[str, ...], where: str) -> pd.DataFrame:
    """Rows of either layout -> one row per (release, area, SOC code); the release read from each row."""
    if not records:
        _fail(f"{where} holds no rows.", "download it again.")
    present = {k.strip().lower(): k for k in records[0]}
    missing = [f for f in fields if f.lower() not in present]
    if missing:
        _fail(f"{where}: no field(s) {', '.join(missing)} (has {', '.join(present.values())}).",
              "the publisher may have renamed its columns; update ingest/sources/_projections_central.py.")
    keys = [present[f.lower()] for f in fields]
    codes: dict[str, str | None] = {}  # publisher's area code -> FIPS, looked up once per area
    out = []
    for rec in records:
        raw = dict(zip(COLUMNS, ("" if rec.get(k) is None else str(rec.get(k)) for k in keys), strict=True))
        fips = codes.setdefault(raw["area_fips"], areas.fips_code(raw["area_fips"]))
        if fips is None:
            _fail(f"{where}: area code {raw['area_fips']!r} ({raw['area_name_published'].strip()}) is in no row "
                  "of data/reference/areas.csv.", "add the area to data/reference/areas.csv if it is real.")
        code = raw["soc_code"].strip()
        if not soc.is_code(code):
            _fail(f"{where}: {code!r} is not a SOC code.", "check the file; the publisher may have changed it.")
        row = {"area_fips": fips, "area_name_published": raw["area_name_published"].strip(), "soc_code": code,
               "title": raw["title"].strip(), "base_year": _year(raw["base_year"], "base year", where),
               "target_year": _year(raw["target_year"], "projected year", where)}
        for name in NUMBERS:
            row[name] = _number(raw[name], name, where)
        out.append(row)
    df = pd.DataFrame.from_records(out)
    df.insert(0, "release", [release_of(b, t) for b, t in zip(df["base_year"], df["target_year"], strict=True)])
    return df


def read_csv(raw: bytes, where: str) -> pd.DataFrame:
    text = raw.decode("utf-8-sig")
    return frame(list(csv.DictReader(io.StringIO(text))), CSV_FIELDS, where)


def read_json(raw: bytes, where: str) -> pd.DataFrame:
    payload = json.loads(raw)
    rows = payload.get("rows") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        _fail(f"{where} is JSON without a 'rows' list.", "download it again.")
    return frame(rows, REST_FIELDS, where)


def rest_files(rows: list[dict]) -> dict[str, bytes]:
    """REST rows filed per release, each under <release>/longterm_rest.json, in the service's own fields."""
    table = frame(rows, REST_FIELDS, REST_URL)
    out = {}
    for release in sorted(table["release"].unique()):
        mine = [r for r, rel in zip(rows, table["release"], strict=True) if rel == release]
        out[f"{release}/longterm_rest.json"] = json.dumps({"rows": mine}, ensure_ascii=False,
                                                          separators=(",", ":")).encode()
    return out


def bulk_file(raw: bytes) -> dict[str, bytes]:
    """The bulk CSV, byte for byte, under the one release its rows carry."""
    releases = sorted(read_csv(raw, BULK_URL)["release"].unique())
    if len(releases) != 1:
        _fail(f"{BULK_URL}: the CSV mixes releases {', '.join(releases)}; releases are kept apart, never spliced.",
              "report it to the publisher; meanwhile run with --offline.")
    return {f"{releases[0]}/ltprojections.csv": raw}
