"""BLS OEWS state file (live only): employment, jobs per 1,000, location quotient and wages per (year, state, SOC)."""

# The state workbook is about 7.5 MB a year, so it is never committed: `python -m ingest oews_state` downloads
# it into data/user/ (git-ignored). Same 32 columns as the national file; the sentinels are read by the
# national source's own code (ingest/sources/oews.py), so both files mean the same thing by '*', '**', '#', '~'.

import io
import re
import zipfile
from functools import cache

import pandas as pd
from python_calamine import CalamineWorkbook

from contract import areas, paths
from ingest import soc
from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source
from ingest.sources import oews

URLS = ("https://www.bls.gov/oes/special-requests/oesm25st.zip",  # May 2025; before its release, May 2024
        "https://www.bls.gov/oes/special-requests/oesm24st.zip")

SOURCE = Source(
    name="oews_state",
    title="Occupational Employment and Wage Statistics (OEWS), state, cross-industry",
    publisher="U.S. Bureau of Labor Statistics, OEWS program",
    url=URLS[0],
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May <year> state "
    "cross-industry estimates (state_M<year>_dl.xlsx).",
    raw_dir="user/raw/bls_oews_state",
    raw_glob="state_M*_dl.xlsx",
    output_dir="user",
)

EXTRA = {"jobs_per_1000": "jobs_1000", "location_quotient": "loc_quotient"}  # blank in the national file
FLAG_OF = {**oews.FLAG_OF, **{name: f"{name}_flag" for name in EXTRA}}


def _values_and_flags() -> dict[str, str]:
    """Each value column and its flag (why it is missing), as in the national dataset."""
    out = {}
    for name in (*oews.VALUES, *EXTRA):
        out[name], out[FLAG_OF[name]] = "float64", "str"
    return out


SCHEMA = Schema(
    columns={
        "year": "int64",
        "area_fips": "str",
        "area_postal": "str",
        "area_name": "str",
        "soc_code": "str",
        "title": "str",
        "o_group": "str",
        "also_broad": "bool",
        **_values_and_flags(),
        "employment_rse_pct": "float64",
        "annual_only": "bool",
        "hourly_only": "bool",
        "topcode_annual_usd": "float64",
        "topcode_hourly_usd": "float64",
    },
    key=("year", "area_fips", "soc_code"),
    required=("title", "o_group", "area_name"),
)

FILE_YEAR = re.compile(r"state_M(\d{4})_dl\.xlsx$")
AREAS = "data/reference/areas/areas.csv"
FETCH_HINT = "python -m ingest oews_state"  # what the pages tell a user who wants state wages


def _ours(fn, *args):
    """The national source's helpers name the national source in their errors; name this one instead."""
    try:
        return fn(*args)
    except IngestError as exc:
        raise IngestError(SOURCE.name, exc.problem, exc.fix) from None


def _fips(value, path: str) -> str:
    text = str(int(value)) if isinstance(value, float) and value == int(value) else str(value)
    code = areas.fips_code(text)
    if code is None or code == areas.NATION:
        raise IngestError(SOURCE.name, f"{path}: AREA {value!r} is no state, DC or territory in {AREAS}.",
                          f"add the area to {AREAS} if it is real.")
    return code


def parse(raw: bytes, *, path: str = "state_M2025_dl.xlsx") -> pd.DataFrame:
    """One state workbook -> one row per (state, SOC code); the year comes from the file name."""
    m = FILE_YEAR.search(path)
    if not m:
        raise IngestError(SOURCE.name, f"{path}: expected a name like state_M2025_dl.xlsx.")
    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    sheet = next((s for s in book.sheet_names if s.lower().startswith("state_m")), None)
    if sheet is None:
        raise IngestError(SOURCE.name, f"{path}: no state_M<year>_dl sheet (sheets: {book.sheet_names}).")
    rows = book.get_sheet_by_name(sheet).to_python()
    header = [str(c).strip().lower() for c in rows[0]]
    needed = ["area", "prim_state", "occ_code", "occ_title", "o_group", "emp_prse", "annual", "hourly",
              *oews.VALUES.values(), *EXTRA.values()]
    if absent := [c for c in needed if c not in header]:
        raise IngestError(SOURCE.name, f"{path}: no column(s) {', '.join(absent)} (header: {header}).")
    col = {name: header.index(name) for name in needed}
    has_hash = any(isinstance(c, str) and c.strip() == "#" for r in rows[1:] for c in r)
    top_hourly, top_annual = _ours(oews._topcodes, book, has_hash)
    table, records = areas.by_fips(), []
    for r in rows[1:]:
        code = str(r[col["occ_code"]]).strip()
        if not code:
            continue
        if not soc.is_code(code):
            raise IngestError(SOURCE.name, f"{path}: OCC_CODE {code!r} is not a SOC code.")
        fips = _fips(r[col["area"]], path)
        if str(r[col["prim_state"]]).strip() != table[fips].postal:
            raise IngestError(SOURCE.name, f"{path}: AREA {fips} is {table[fips].postal} in {AREAS} but PRIM_STATE "
                              f"says {r[col['prim_state']]!r}.")
        group = str(r[col["o_group"]]).strip().lower()
        if group not in oews.O_GROUPS:
            raise IngestError(SOURCE.name, f"{path}: O_GROUP of {code} is {group!r}.")
        rec = {"area_fips": fips, "soc_code": code, "title": str(r[col["occ_title"]]).strip(), "o_group": group}
        for name, source_col in {**oews.VALUES, **EXTRA}.items():
            rec[name], rec[FLAG_OF[name]] = _ours(oews._cell, r[col[source_col]],
                                                                           source_col, code)
        rec["employment_rse_pct"] = _ours(oews._cell, r[col["emp_prse"]], "emp_prse", code)[0]
        rec["annual_only"], rec["hourly_only"] = oews._truthy(r[col["annual"]]), oews._truthy(r[col["hourly"]])
        records.append(rec)
    if not records:
        raise IngestError(SOURCE.name, f"{path}: no data rows.")
    df = pd.DataFrame.from_records(records)
    df = pd.concat([_ours(oews._merge_broad_detailed, g, f"{path} ({fips})") for fips, g in df.groupby("area_fips")],
                   ignore_index=True)
    df.insert(0, "year", int(m.group(1)))
    df["area_postal"] = df["area_fips"].map(lambda f: table[f].postal)
    df["area_name"] = df["area_fips"].map(lambda f: table[f].name)
    df["topcode_annual_usd"], df["topcode_hourly_usd"] = top_annual, top_hourly
    return df


def _xlsx_from_zip(raw: bytes, url: str) -> tuple[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = [n for n in zf.namelist() if FILE_YEAR.search(n)]
            if len(names) != 1:
                raise IngestError(SOURCE.name, f"{url} holds {len(names)} state workbooks: {zf.namelist()}.")
            return names[0].rsplit("/", 1)[-1], zf.read(names[0])
    except zipfile.BadZipFile:
        looks = "an HTML page" if raw.lstrip()[:15].lower().startswith((b"<!doctype", b"<html")) else "damaged"
        raise IngestError(SOURCE.name, f"{url} is not a zip file; it looks {looks}.",
                          "bls.gov may have served an error page; set HLT_CONTACT_EMAIL and try again.") from None


def fetch(session) -> dict[str, bytes]:
    """The newest May state file: May 2025, or May 2024 while BLS has not published 2025 (its zip is a 404)."""
    for url in URLS:
        try:
            raw = download(session, url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/")
        except IngestError as exc:
            if "HTTP 404" not in exc.problem:
                raise
            if url != URLS[-1]:
                continue  # not published yet: the year before
            raise IngestError(SOURCE.name, f"HTTP 404 Not Found at {URLS[0]} and at {url}; BLS may have moved "
                              "the state files.", f"check https://www.bls.gov/oes/tables.htm, or {exc.fix}") from None
        name, xlsx = _xlsx_from_zip(raw, url)
        return {name: xlsx}
    raise AssertionError("unreachable")


def origin_url(rel: str) -> str:
    year = FILE_YEAR.search(rel)
    return f"https://www.bls.gov/oes/special-requests/oesm{year.group(1)[2:]}st.zip" if year else SOURCE.url


def layout_fixture(states: tuple[str, ...] = ("48", "39", "15"), *, year: int = 2025) -> bytes:
    """A state workbook in BLS's layout made from the committed national file, for tests only: each listed
    state gets the nation's rows, so its location quotients are 1.00 and its jobs per 1,000 the nation's
    shares. The numbers describe no real state; the layout, codes and sentinels are BLS's."""
    import openpyxl  # test dependency: only tests build this file

    book = CalamineWorkbook.from_path(str(paths.data_dir() / oews.SOURCE.raw_dir / f"national_M{year}_dl.xlsx"))
    national = book.get_sheet_by_name(f"national_M{year}_dl").to_python()
    header = [str(c).strip().upper() for c in national[0]]
    at = {h: i for i, h in enumerate(header)}
    total = next(float(r[at["TOT_EMP"]]) for r in national[1:] if r[at["OCC_CODE"]] == "00-0000")
    out = openpyxl.Workbook(write_only=True)
    ws = out.create_sheet(f"state_M{year}_dl")
    ws.append(header)
    table = areas.by_fips()
    for fips in states:
        for r in national[1:]:
            row = list(r)
            row[at["AREA"]], row[at["AREA_TITLE"]] = fips, table[fips].name
            row[at["AREA_TYPE"]], row[at["PRIM_STATE"]] = 2, table[fips].postal
            emp = r[at["TOT_EMP"]]
            number = isinstance(emp, int | float)
            row[at["JOBS_1000"]] = round(float(emp) / total * 1000, 3) if number else "**"
            row[at["LOC_QUOTIENT"]] = 1.0 if number else "**"
            ws.append([None if c == "" else c for c in row])
    notes = out.create_sheet("Field Descriptions")
    notes.append(["#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


@cache  # built once per test session: the same bytes each time it is served
def _replayed_zip() -> bytes:
    """What the fault tests serve for the May 2025 zip: BLS's zip around the layout fixture."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("oesm25st/state_M2025_dl.xlsx", layout_fixture())
    return buf.getvalue()


REPLAY = {URLS[0]: _replayed_zip}  # no committed copy: built from the national file when a test serves it


def coverage(df: pd.DataFrame) -> dict:
    years = sorted(int(y) for y in df["year"].unique())
    return {"date_range": f"May {years[0]} to May {years[-1]}", "years": years,
            "areas": int(df["area_fips"].nunique()),
            "detailed_occupations": int((df["o_group"] == "detailed").sum())}
