"""Projections Central clients (bulk CSV and paged JSON REST) and the reader of both layouts into one table."""

import io
import json
from urllib.parse import urlsplit

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

def _numbers(text: pd.Series, field: str, where: str) -> pd.Series:
    """Published figures as floats; blank is missing (never zero); anything else but a number is an error."""
    clean = text.str.strip().str.replace(",", "", regex=False)
    values = pd.to_numeric(clean.replace("", None), errors="coerce").astype("float64")
    bad = values.isna() & clean.ne("")
    if bad.any():
        _fail(f"{where}: {field} is {clean[bad].iloc[0]!r}, not a number ({int(bad.sum())} row(s)).",
              "check the file; the publisher may have changed it.")
    return values


def _years(text: pd.Series, field: str, where: str) -> pd.Series:
    values = _numbers(text, field, where)
    bad = values.isna() | (values < 2000) | (values > 2100) | (values != values.round())
    if bad.any():
        _fail(f"{where}: {field} is {text[bad].iloc[0]!r}, not a year.",
              "check the file; the publisher may have changed it.")
    return values.astype("int64")


def frame(table: pd.DataFrame, fields: tuple[str, ...], where: str) -> pd.DataFrame:
    """Rows of either layout (a table of the publisher's fields) -> one row per (release, area, SOC code), the
    release read from each row's own years."""
    if table.empty:
        _fail(f"{where} holds no rows.", "download it again.")
    present = {str(k).strip().lower(): k for k in table.columns}
    missing = [f for f in fields if f.lower() not in present]
    if missing:
        _fail(f"{where}: no field(s) {', '.join(missing)} (has {', '.join(map(str, present.values()))}).",
              "the publisher may have renamed its columns; update ingest/sources/_projections_central.py.")
    raw = table[[present[f.lower()] for f in fields]].set_axis(list(COLUMNS), axis=1)
    raw = raw.fillna("").astype("str")
    codes = {c: areas.fips_code(c) for c in raw["area_fips"].unique()}  # publisher's area code -> FIPS
    unknown = [c for c, f in codes.items() if f is None]
    if unknown:
        name = raw.loc[raw["area_fips"] == unknown[0], "area_name_published"].iloc[0].strip()
        _fail(f"{where}: area code {unknown[0]!r} ({name}) is in no row of data/reference/areas/areas.csv.",
              "add the area to data/reference/areas/areas.csv if it is real.")
    df = pd.DataFrame({"area_fips": raw["area_fips"].map(codes),
                       "area_name_published": raw["area_name_published"].str.strip(),
                       "soc_code": raw["soc_code"].str.strip(), "title": raw["title"].str.strip(),
                       "base_year": _years(raw["base_year"], "base year", where),
                       "target_year": _years(raw["target_year"], "projected year", where)})
    bad = ~df["soc_code"].str.fullmatch(soc.CODE_RE.pattern.strip("^$"))
    if bad.any():
        _fail(f"{where}: {df['soc_code'][bad].iloc[0]!r} is not a SOC code.",
              "check the file; the publisher may have changed it.")
    for name in NUMBERS:
        df[name] = _numbers(raw[name], name, where)
    df.insert(0, "release", [release_of(b, t) for b, t in zip(df["base_year"], df["target_year"], strict=True)])
    return df


def read_csv(raw: bytes, where: str) -> pd.DataFrame:
    table = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame(table, CSV_FIELDS, where)


def read_json(raw: bytes, where: str) -> pd.DataFrame:
    payload = json.loads(raw)
    rows = payload.get("rows") if isinstance(payload, dict) else None
    if not isinstance(rows, list):
        _fail(f"{where} is JSON without a 'rows' list.", "download it again.")
    return frame(pd.DataFrame.from_records(rows), REST_FIELDS, where)


def rest_files(rows: list[dict]) -> dict[str, bytes]:
    """REST rows filed per release, each under <release>/longterm_rest.json, in the service's own fields."""
    table = frame(pd.DataFrame.from_records(rows), REST_FIELDS, REST_URL)
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
